"""The link job: store → link → store. Recomputes the people table from stored speaker mentions.

Incremental: it reads the mentions after its watermark (the last statement it has folded in),
in statement order, and writes each batch's result with the new watermark in one transaction.
`full` starts again from nothing and gives the same people, with the same ids, as the
incremental runs over the same statements did.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from storyline.link.people import Person, SpeakerMention, link_people, person_key
from storyline.store import derived
from storyline.store.store import Store

BATCH = 20_000  # mentions per transaction


@dataclass(slots=True)
class LinkSummary:
    mentions: int = 0  # speaker mentions folded in
    people: int = 0  # people made or changed

    def __str__(self) -> str:
        return f"linked {self.mentions} speaker mentions: {self.people} people made or updated"


def link(store: Store, full: bool = False, batch: int = BATCH) -> LinkSummary:
    """Fold every speaker mention stored since the last run (all of them with `full`) into people."""
    summary = LinkSummary()
    after = 0 if full else derived.watermark(store)
    first = True
    while True:
        rows = derived.speaker_mentions(store, after, batch)
        if not rows and not (full and first):
            return summary
        mentions = [SpeakerMention(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], bool(r[5])) for r in rows]
        keys = {person_key(m.name) for m in mentions}
        known = {} if full and first else {p[0]: Person(*p) for p in derived.people_by_key(store, keys)}
        changed, assigned = link_people(mentions, known)
        people = [(p.key, p.name, p.type, p.roles, p.statements, p.first_date, p.last_date) for p in changed.values()]
        after = rows[-1][0] if rows else after
        derived.write_people(store, people, assigned, after, full=full and first)
        summary.mentions += len(rows)
        summary.people += len(people)
        first = False
        if len(rows) < batch:
            return summary

