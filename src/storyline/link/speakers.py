"""Speakers: the named speakers of stored statements (people, organisations, named groups), grouped across articles.

Today's grouping, kept exactly: one speaker per normalized name (casefolded, whitespace collapsed),
named as first seen, typed as first seen, with every role seen (in order of first sight), counted
and dated over the statements that are not syndicated copies. (An identity stage that tells two
people of one name apart, or joins "Biden" to "Joe Biden", replaces `speaker_key`.)

Deterministic: folding the same mentions in the same order gives the same speakers, whether in one
pass (`storyline link --full`) or in several after one another (each ingest).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """One statement's named speaker, as stored with the statement (a per-article fact)."""

    statement: int  # the stored statement's key; mentions are folded in this order
    name: str
    type: str | None  # entity type (PERSON, ORG, ...), None for a name without an entity
    roles: tuple[str, ...] = ()
    date: str | None = None  # YYYY-MM-DD: the statement's date
    copy: bool = False  # the statement is in a syndicated copy: grouped, but not counted


@dataclass(slots=True)
class Speaker:
    key: str
    name: str
    type: str | None
    roles: list[str] = field(default_factory=list)
    statements: int = 0
    first_date: str | None = None
    last_date: str | None = None


def speaker_key(name: str) -> str:
    """The grouping key of a speaker name: casefolded, whitespace collapsed."""
    return " ".join(name.casefold().split())


def link_speakers(mentions: Iterable[SpeakerMention], known: Mapping[str, Speaker]) -> tuple[dict[str, Speaker], list[tuple[int, str]]]:
    """Fold `mentions` (in statement order) into the `known` speakers (by key; left unchanged).

    Returns the speakers made or changed, by key, and (statement, speaker key) for every mention.
    """
    changed: dict[str, Speaker] = {}
    assigned: list[tuple[int, str]] = []
    for mention in mentions:
        key = speaker_key(mention.name)
        if not key:
            continue
        speaker = changed.get(key)
        if speaker is None and key not in known:  # first sight: as written, roles as given
            speaker = changed[key] = Speaker(key, mention.name, mention.type, list(mention.roles))
        else:
            if speaker is None:
                speaker = changed[key] = replace(known[key], roles=list(known[key].roles))
            speaker.roles += [r for r in mention.roles if r not in speaker.roles]
        if not mention.copy:
            speaker.statements += 1
            if mention.date:
                speaker.first_date = min(speaker.first_date or mention.date, mention.date)
                speaker.last_date = max(speaker.last_date or mention.date, mention.date)
        assigned.append((mention.statement, key))
    return changed, assigned
