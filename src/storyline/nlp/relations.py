"""In-article relations: a statement that denies or confirms an earlier statement of the same article
points to it (`Statement.relations`). The rules and the model are the linking stage's
(storyline.link.relation: NumPy and word lists only), so one article and the archive agree."""
from __future__ import annotations

from storyline.link.relation import Said, statement_relations
from storyline.record import SPEECH_ACTS, Statement, StatementRelation


def said(statement: Statement) -> Said:
    return Said(
        statement.id, statement.content.text, statement.stance,
        source=statement.source.text if statement.source else None,
        speaker=statement.speaker or statement.speaker_name,
        cue=statement.cue.text if statement.cue else None,
        span=(statement.content.start, statement.content.end),
        name=statement.speaker_name,
    )


def add_relations(statements: list[Statement]) -> None:
    """Set `relations` on each said or written statement that denies or confirms an earlier one."""
    spoken = [s for s in statements if s.act in SPEECH_ACTS]
    found = statement_relations([said(s) for s in spoken]) if len(spoken) > 1 else {}
    for statement in spoken:
        statement.relations = [StatementRelation(**r) for r in found.get(statement.id, [])]
