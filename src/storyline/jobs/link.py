"""The link job: store → link → store. Recomputes the speakers table from stored speaker mentions,
then links the PERSON and ORG entities of stored articles to archive-wide identities.

Identities read the articles after their own watermark (the last article folded in), 200 at a
time; for each batch only the identities filed under the batch's name keys are read (blocking), and
the result, with each link's rule, is written in one transaction. Overrides (people merge/split)
are read by every run; recording one recomputes the identities in full.

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
LINK_CACHE = -65536  # SQLite page cache while linking (KiB): the blocking index's upper levels stay in memory


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
    store.conn.execute(f"PRAGMA cache_size = {LINK_CACHE}")
    after = 0 if full else derived.watermark(store, derived.IDENTITIES)
    corrections = derived.overrides(store)
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
        overrides = identities.Overrides.of(corrections)
        if full and first:
            blocks, known, next_id = {}, {}, 1
        else:
            blocks = derived.identity_blocks(store, lookup, identities.BLOCK_CAP)
            overrides.placed = derived.entity_identities(store, {p for p in overrides.partner.values() if p})
            ids = {i for block in blocks.values() for i in block} | set(overrides.placed.values())
            known = {pk: identities.Identity.from_dict(s) for pk, s in derived.identity_states(store, ids).items()}
            next_id = derived.next_identity_id(store)
        changed, links = identities.link_identities(entities, known, blocks, next_id, overrides)
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


def correct_people(store: Store, kind: str, identity_id: int, other: int | None = None, articles: list[str] | None = None) -> IdentitySummary:
    """Record a merge (of `identity_id` and `other`) or a split (the entities of `identity_id` in
    `articles` taken out as one identity of their own) and recompute the identities with it.
    Raises ValueError for an identity with no entity (or none in those articles)."""
    if kind == "merge":
        states = derived.identity_states(store, [identity_id, other])
        missing = [i for i in (identity_id, other) if i not in states]
        if missing or identity_id == other:
            raise ValueError(f"no such identity: {missing[0]}" if missing else "an identity cannot be merged with itself")
        keys = [states[identity_id]["anchor"], states[other]["anchor"]]
    else:
        keys = derived.identity_entities(store, identity_id, articles)
        if not keys:
            raise ValueError(f"identity {identity_id} has no entity in {', '.join(articles or []) or 'those articles'}")
    derived.add_override(store, kind, keys)
    return link_people(store, full=True)
