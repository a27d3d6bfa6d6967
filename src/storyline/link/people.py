"""People: the speakers of stored statements, grouped across articles.

Today's grouping, kept exactly: one person per normalized name (casefolded, whitespace collapsed),
named as first seen, typed as first seen, with every role seen (in order of first sight), counted
and dated over the statements that are not syndicated copies. (An identity stage that tells two
people of one name apart, or joins "Biden" to "Joe Biden", replaces `person_key`.)

Deterministic: folding the same mentions in the same order gives the same people, whether in one
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
class Person:
    key: str
    name: str
    type: str | None
    roles: list[str] = field(default_factory=list)
    statements: int = 0
    first_date: str | None = None
    last_date: str | None = None


def person_key(name: str) -> str:
    """The grouping key of a speaker name: casefolded, whitespace collapsed."""
    return " ".join(name.casefold().split())


def link_people(mentions: Iterable[SpeakerMention], known: Mapping[str, Person]) -> tuple[dict[str, Person], list[tuple[int, str]]]:
    """Fold `mentions` (in statement order) into the `known` people (by key; left unchanged).

    Returns the people made or changed, by key, and (statement, person key) for every mention.
    """
    changed: dict[str, Person] = {}
    assigned: list[tuple[int, str]] = []
    for mention in mentions:
        key = person_key(mention.name)
        if not key:
            continue
        person = changed.get(key)
        if person is None and key not in known:  # first sight: as written, roles as given
            person = changed[key] = Person(key, mention.name, mention.type, list(mention.roles))
        else:
            if person is None:
                person = changed[key] = replace(known[key], roles=list(known[key].roles))
            person.roles += [r for r in mention.roles if r not in person.roles]
        if not mention.copy:
            person.statements += 1
            if mention.date:
                person.first_date = min(person.first_date or mention.date, mention.date)
                person.last_date = max(person.last_date or mention.date, mention.date)
        assigned.append((mention.statement, key))
    return changed, assigned
