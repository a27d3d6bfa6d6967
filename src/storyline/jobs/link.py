"""The link job: store → link → store. Recomputes the speakers table from stored speaker mentions.

Incremental: it reads the mentions after its watermark (the last statement it has folded in),
in statement order, and writes each batch's result with the new watermark in one transaction.
`full` starts again from nothing and gives the same speakers, with the same ids, as the
incremental runs over the same statements did.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from storyline.link.speakers import Speaker, SpeakerMention, link_speakers, speaker_key
from storyline.store import derived
from storyline.store.store import Store

BATCH = 20_000  # mentions per transaction


@dataclass(slots=True)
class LinkSummary:
    mentions: int = 0  # speaker mentions folded in
    speakers: int = 0  # speakers made or changed

    def __str__(self) -> str:
        return f"linked {self.mentions} speaker mentions: {self.speakers} speakers made or updated"


def link(store: Store, full: bool = False, batch: int = BATCH) -> LinkSummary:
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

