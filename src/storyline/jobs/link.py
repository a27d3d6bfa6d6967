"""The link job: store → link → store. Recomputes the speakers table from stored speaker mentions.

Incremental: it reads the mentions after its watermark (the last statement it has folded in),
in statement order, and writes each batch's result with the new watermark in one transaction.
`full` starts again from nothing and gives the same speakers, with the same ids, as the
incremental runs over the same statements did.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from storyline.link import identities
from storyline.link.speakers import Speaker, SpeakerMention, link_speakers, speaker_key
from storyline.store import derived
from storyline.store.store import Store

BATCH = 20_000  # mentions per transaction


@dataclass(slots=True)
class LinkSummary:
    mentions: int = 0  # speaker mentions folded in
    speakers: int = 0  # speakers made or changed
    entities: int = 0  # person and organisation entities linked to identities
    identities: int = 0  # identities made or changed

    def __str__(self) -> str:
        return (f"linked {self.mentions} speaker mentions: {self.speakers} speakers made or updated; "
                f"{self.entities} person and organisation entities: {self.identities} identities made or updated")


def link(store: Store, full: bool = False, batch: int = BATCH) -> LinkSummary:
    """Fold every speaker mention stored since the last run (all of them with `full`) into speakers,
    then link the entities of the articles stored since the last run to identities."""
    summary = link_speakers_stage(store, full, batch)
    people = link_people(store, full)
    summary.entities, summary.identities = people.entities, people.identities
    return summary


def link_speakers_stage(store: Store, full: bool = False, batch: int = BATCH) -> LinkSummary:
    """Fold every speaker mention stored since the last run (all of them with `full`) into speakers."""
    summary = LinkSummary()
    after = 0 if full else derived.watermark(store)
    first = True
    while True:
        rows = derived.speaker_mentions(store, after, batch)
        if not rows and not (full and first):
            return summary
        mentions = [SpeakerMention(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], bool(r[5])) for r in rows]
        keys = {speaker_key(m.name) for m in mentions}
        known = {} if full and first else {p[0]: Speaker(*p) for p in derived.speakers_by_key(store, keys)}
        changed, assigned = link_speakers(mentions, known)
        speakers = [(p.key, p.name, p.type, p.roles, p.statements, p.first_date, p.last_date) for p in changed.values()]
        after = rows[-1][0] if rows else after
        derived.write_speakers(store, speakers, assigned, after, full=full and first)
        summary.mentions += len(rows)
        summary.speakers += len(speakers)
        first = False
        if len(rows) < batch:
            return summary



ARTICLES = 200  # articles per identity-linking transaction


@dataclass(slots=True)
class IdentitySummary:
    entities: int = 0  # PERSON and ORG entities linked
    identities: int = 0  # identities made or changed

    def __str__(self) -> str:
        return f"linked {self.entities} person and organisation entities: {self.identities} identities made or updated"


def link_people(store: Store, full: bool = False, batch: int = ARTICLES) -> IdentitySummary:
    """Link every PERSON and ORG entity of the articles stored since the last run (all with `full`)
    to archive-wide identities. Per article it reads only the identities that share a name key."""
    summary = IdentitySummary()
    after = 0 if full else derived.watermark(store, derived.IDENTITIES)
    first = True
    while True:
        rows = derived.articles_after(store, after, batch)
        if not rows and not (full and first):
            return summary
        pks: dict[str, int] = {}
        entities = []
        speakers: list[tuple[int, str, str]] = []  # (article pk, statement id, speaker entity id)
        for pk, record_id, published, record_json in rows:
            record = json.loads(record_json)
            record["id"], record["published"] = record_id, published or record.get("published")
            pks[record_id] = pk
            entities += identities.article_entities(record)
            speakers += [(pk, st["id"], st["speaker"]) for st in record.get("statements") or [] if st.get("speaker")]
        lookup = {key for entity in entities for key in identities.entity_keys(entity)[0]}
        if full and first:
            blocks, known, next_id = {}, {}, 1
        else:
            blocks = derived.identity_blocks(store, lookup, identities.BLOCK_CAP)
            ids = {i for block in blocks.values() for i in block}
            known = {pk: identities.Identity.from_dict(s) for pk, s in derived.identity_states(store, ids).items()}
            next_id = derived.next_identity_id(store)
        changed, links = identities.link_identities(entities, known, blocks, next_id)
        rows_out = [(pks[link.entity.rsplit("/", 1)[0]], link.entity.rsplit("/", 1)[1], link.identity, link.rule, link.score) for link in links]
        identity_of = {(pk, entity): identity for pk, entity, identity, *_ in rows_out}
        stored = derived.statement_speakers(store, pks.values())
        said = [(stored[pk, sid], identity_of[pk, eid]) for pk, sid, eid in speakers if (pk, sid) in stored and (pk, eid) in identity_of]
        after = rows[-1][0] if rows else after
        derived.write_identities(store, [i.to_dict() for i in changed.values()], rows_out, after, full=full and first, statements=said)
        summary.entities += len(links)
        summary.identities += len(changed)
        first = False
        if len(rows) < batch:
            return summary
