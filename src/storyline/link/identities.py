"""Identities: each PERSON and ORG entity of every stored article linked to one archive-wide identity.

A fold over entities in storage order. Each entity is compared only with the identities that share
one of its name keys (blocking: surname with a given initial, surname alone, surname one letter off,
organisation name, acronym), never with all of them, and linked by the first rule of `RULES` that
holds, or made a new identity. Conservative: a wrong merge is worse than a split, so a name that
could be two people (the surname alone, an initial, a nickname) needs shared context (another
entity named in both articles) and a unique best candidate.

Deterministic and incremental: folding the same entities in the same order gives the same
identities, with the same ids, in one pass or in several (the state of each identity is all the fold
reads). Pure: no store, no spaCy; the job (storyline.jobs.link) loads the blocks an article needs.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from storyline.link.names import (
    PersonName,
    deletions,
    fold,
    given_initials,
    given_match,
    nickname_forms,
    one_edit,
    org_name,
    person_name,
)
from storyline.wordlists import word_list, word_set

CONTEXT_CAP = 200  # context names kept per identity (the first seen): enough to tell strangers apart
BLOCK_CAP = 10  # identities read per key: a surname shared by more says too little on its own
# Keys that many strangers share once the archive is large (a surname one letter off, a first name's
# first letters, an initial, a nickname's full forms, an acronym, the head words of an organisation's
# name) read fewer: they only ever back a weak rule, and reading 20 of every key made linking one
# article cost 3.4 times more at 1,000,000 articles than at 10,000 (bench/identity_bench.py).
LOOSE_KEYS = ("f:", "x:", "g:", "i:", "k:", "a:", "h:")
LOOSE_BLOCK_CAP = 4
# An acronym stands for many names ("NBC": the broadcaster, the National Baptist Convention): it joins
# an organisation's full name only where two other names are common to both.
ACRONYM_CONTEXT = 2


def block_cap(key: str) -> int:
    """How many identities filed under `key` linking reads (the first ones, in id order)."""
    return LOOSE_BLOCK_CAP if key.startswith(LOOSE_KEYS) else BLOCK_CAP

ALIAS_CAP = 30
ROLE_ARTICLES_CAP = 20

# The rules, in the order they are tried, each with an example: a name, and the name of an identity
# already known that it joins.
RULES: tuple[tuple[str, str, str], ...] = (
    ("full-name", "Donald J. Trump", "President Donald Trump"),  # titles, middle names, possessives, case
    ("initial", "D. Trump", "Donald Trump"),
    ("nickname", "Katie Jenkin", "Kathryn Jenkin"),
    ("given-prefix", "Alex Grigoropoulos", "Alexandros Grigoropoulos"),
    ("surname-variant", "Duncan Raite", "Duncan Rait"),
    ("surname-in-context", "Teixeira", "Mark Teixeira"),
    ("given-name-in-context", "Jill", "Jill Roe"),  # the given name alone, in an article that names her surname too
    ("compound-surname", "Peña Nieto", "Enrique Peña Nieto"),  # the last two words of a longer name: a two-word surname
    ("inside-longer-name", "Lindsay Lohan Into Rehab", "Lindsay Lohan"),  # a headline ran on, a word led
    ("mistyped-person", "Peyton Manning", "Peyton Manning"),  # the same full name, typed ORG in one article
    ("mistyped-surname", "Trump", "Donald Trump"),  # a surname alone typed ORG, in shared context
    ("org-name", "the Red Sox", "Red Sox"),
    ("acronym", "NFL", "National Football League"),
    ("org-short-name", "the Port Authority", "Port Authority of Calder Bay"),  # shared context
)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One article's PERSON or ORG entity, as the link stage reads it (a per-article fact)."""

    key: str  # "<article record id>/<entity id>": unique, stable across recomputation
    article: str
    type: str  # PERSON or ORG
    name: str
    forms: tuple[str, ...] = ()  # the entity's mentions as written
    roles: tuple[str, ...] = ()
    date: str | None = None  # YYYY-MM-DD: the article's date
    context: tuple[str, ...] = ()  # context names of the other entities in the article


@dataclass(slots=True)
class Identity:
    id: int
    type: str
    name: str  # the fullest name seen (first seen among equals)
    anchor: str  # the key of the entity that made it: stable across recomputation
    surname: str = ""  # persons: folded
    givens: list[str] = field(default_factory=list)  # persons: the given names seen, folded
    middles: list[str] = field(default_factory=list)  # persons: the middle initials seen
    aliases: list[str] = field(default_factory=list)  # names as written, in order of first sight
    keys: list[str] = field(default_factory=list)  # its blocking keys
    context: list[str] = field(default_factory=list)
    roles: list[list] = field(default_factory=list)  # [role, first date, last date, [article, ...]]
    mentions: int = 0
    first_date: str | None = None
    last_date: str | None = None

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_dict(cls, data: dict) -> Identity:
        return cls(**{k: v for k, v in data.items() if k in cls.__slots__})


@dataclass(slots=True)
class Overrides:
    """A person's corrections (`storyline people merge/split`), read again by every recomputation.

    `partner`: entity key → the entity key whose identity it joins once that one is placed (a merge
    names the two identities' first entities, each the other's partner; a split names the entities
    it takes out: the first has no partner (a new identity), the others the first).
    `placed`: partner key → its identity, for partners linked by earlier runs (the job fills it).
    """

    partner: dict[str, str | None] = field(default_factory=dict)
    placed: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, overrides: Iterable[tuple[str, list[str]]]) -> Overrides:
        out = cls()
        for kind, keys in overrides:
            if kind == "merge" and len(keys) == 2:
                out.partner[keys[0]], out.partner[keys[1]] = keys[1], keys[0]
            elif kind == "split" and keys:
                out.partner[keys[0]] = None
                out.partner.update({key: keys[0] for key in keys[1:]})
        return out


@dataclass(frozen=True, slots=True)
class Link:
    entity: str  # EntityMention.key
    identity: int
    rule: str  # which rule linked it ("new": it made the identity)
    score: float  # the context shared with the identity (names in common), for the rules that need it


def context_names(entities: Iterable[tuple[str, str]]) -> list[tuple[str, tuple[str, ...]]]:
    """For (type, name) of one article's entities: each entity's own context keys (what the others may share)."""
    out = []
    for type_, name in entities:
        if type_ == "PERSON":
            parts = person_name(name)
            out.append((name, (f"p:{parts.surname}",) if parts.surname else ()))
        else:
            folded = fold(name)
            out.append((name, (f"n:{folded}",) if folded else ()))
    return out


CONTEXT_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")  # entities whose names make another's context


def article_entities(record: dict) -> list[EntityMention]:
    """The PERSON and ORG entities of one article record (its `to_dict()` form), as the fold reads them."""
    entities = [e for e in record.get("entities") or [] if e.get("type") in CONTEXT_TYPES]
    contexts = context_names([(e["type"], e["name"]) for e in entities])
    date = (record.get("published") or "")[:10] or None
    out = []
    for index, entity in enumerate(entities):
        if entity["type"] not in ("PERSON", "ORG"):
            continue
        own = set(contexts[index][1])
        context = tuple(dict.fromkeys(k for j, (_, keys) in enumerate(contexts) if j != index for k in keys if k not in own))
        forms = tuple(dict.fromkeys(m["text"] for m in entity.get("mentions") or []))
        out.append(EntityMention(f"{record['id']}/{entity['id']}", record["id"], entity["type"], entity["name"], forms,
                                 tuple(entity.get("roles") or ()), date, context))
    return out


def entity_keys(entity: EntityMention) -> tuple[list[str], list[str]]:
    """(the keys to look the entity up by, the keys an identity it makes is filed under)."""
    if entity.type == "PERSON":
        name = _fullest(entity)
        if not name.surname:
            return [], []
        if not name.given:  # a surname, or a given name whose surname the article gives apart ("Jill" ... "Roe")
            given = [f"n:{name.surname}|{key[2:]}" for key in entity.context if key.startswith("p:")]
            return [f"s:{name.surname}", *given], [f"s:{name.surname}", f"u:{name.surname}"]
        sur, first = name.surname, name.first
        letters = [f"{i}|{sur}" for i in given_initials(name)]
        if not first or len(first) == 1:  # known by initials only ("J. Smith"): the initial blocks, both ways
            lookup, filed = [f"g:{x}" for x in letters] + [f"u:{sur}"], [f"i:{x}" for x in letters] + [f"s:{sur}"]
        else:
            # small blocks on the first name: exactly, its nickname family's full forms, its first three letters
            named = [f"n:{first}|{sur}"] + [f"k:{full}|{sur}" for full in nickname_forms(first)] + [f"x:{first[:3]}|{sur}"]
            variants = [f"f:{first}|{d}" for d in deletions(sur)] if len(sur) >= 4 else []  # a surname one letter off
            lookup = named + [f"i:{x}" for x in letters] + [f"u:{sur}"] + variants
            filed = named + [f"g:{x}" for x in letters] + [f"s:{sur}"] + variants
            if len(name.given) == 1:  # "Peña Nieto", "Suu Kyi": perhaps the two-word surname of a longer name
                lookup.append(f"c:{first}|{sur}")
            elif len(name.given[-1]) > 1:
                filed.append(f"c:{name.given[-1]}|{sur}")
        lookup += [f"n:{p.first}|{p.surname}" for p in _inner_names(entity)]
        return _unique(lookup), _unique(filed)
    org = _org(entity)
    if not org.name:
        return [], []
    keys = [f"o:{org.name}"] + ([f"a:{org.acronym}"] if org.acronym else [])
    words = org.name.split()
    heads = [" ".join(words[:n]) for n in range(2, len(words))]  # "port authority" of "port authority of calder bay"
    lookup = keys + [f"h:{org.name}"] + [f"o:{h}" for h in heads]
    as_person = [f"n:{p.first}|{p.surname}" for p in _inner_names(entity, whole=True)]
    if _lone_surname(entity):  # "Trump" typed ORG: a person known by that surname, where context agrees
        as_person.append(f"s:{org.name}")
    whole = person_name(entity.name)
    mistyped = [f"n:{whole.first}|{whole.surname}"] if len(entity.name.split()) in (2, 3) and len(whole.given) == len(entity.name.split()) - 1 and whole.first else []
    return lookup + as_person, keys + [f"h:{h}" for h in heads] + mistyped


def link_identities(
    entities: Iterable[EntityMention],
    known: Mapping[int, Identity],
    blocks: Mapping[str, list[int]],
    next_id: int,
    overrides: Overrides | None = None,
) -> tuple[dict[int, Identity], list[Link]]:
    """Fold `entities` (in order) into the `known` identities (left unchanged).

    `blocks`: key → ids of the identities filed under it, in id order, for every lookup key of
    `entities` (at most `block_cap(key)` each); `known` holds them all. New identities get ids from `next_id`.
    `overrides`: corrections that win over the rules (`known` holds the identities of `placed`).
    Returns the identities made or changed, by id, and one Link per entity.
    """
    changed: dict[int, Identity] = {}
    local_blocks: dict[str, list[int]] = {}
    links: list[Link] = []

    def get(identity_id: int) -> Identity:
        if identity_id not in changed:
            changed[identity_id] = Identity.from_dict(_copy(known[identity_id].to_dict()))
        return changed[identity_id]

    for entity in entities:
        lookup, filed = entity_keys(entity)
        if not lookup:
            continue
        candidates: list[int] = []
        for key in lookup:
            for identity_id in (*blocks.get(key, ()), *local_blocks.get(key, ()))[: block_cap(key)]:
                if identity_id not in candidates:
                    candidates.append(identity_id)
        chosen = _choose(entity, [changed.get(i) or known[i] for i in candidates])
        if overrides and entity.key in overrides.partner:
            partner = overrides.partner[entity.key]
            placed = overrides.placed.get(partner) if partner else None
            if partner is None:
                chosen = None
            elif placed is not None:
                chosen = (changed.get(placed) or known[placed], "override-" + ("merge" if overrides.partner.get(partner) == entity.key else "split"), 0.0)
        if chosen is None:
            identity = changed[next_id] = Identity(next_id, entity.type, entity.name, entity.key)
            next_id += 1
            rule, score = "new", 0.0
        else:
            identity, rule, score = get(chosen[0].id), chosen[1], chosen[2]
        borrowed = rule == "inside-longer-name" or (rule in ("mistyped-person", "mistyped-surname") and entity.type != "PERSON")
        if borrowed:
            filed = []  # its own name is not one to find the identity by
        _absorb(identity, entity, filed, rename=not borrowed)
        for key in filed:
            if identity.id not in blocks.get(key, ()) and identity.id not in local_blocks.setdefault(key, []):
                local_blocks[key].append(identity.id)
        if overrides and entity.key in overrides.partner.values():
            overrides.placed[entity.key] = identity.id
        if overrides and overrides.partner.get(entity.key, "") is None:
            rule = "override-split"
        links.append(Link(entity.key, identity.id, rule, score))
    return changed, links


def _choose(entity: EntityMention, candidates: list[Identity]) -> tuple[Identity, str, float] | None:
    """The identity the entity joins, with the rule and the shared context; None: a new identity."""
    context = set(entity.context)
    scored = []
    name = _fullest(entity) if entity.type == "PERSON" else None
    # a full name joins an identity known by the surname alone only while no named person shares that surname
    shared_surname = bool(name and name.given) and any(
        c.type == "PERSON" and c.givens and name.surname in _surnames(c) and _rule(entity, c) is None for c in candidates)
    for identity in candidates:
        if shared_surname and not identity.givens:
            continue
        if identity.type != entity.type and entity.type == "PERSON":  # a person's name an earlier article typed ORG
            rule = "mistyped-person" if name and name.given and fold(identity.name) == name.full and _rule_names(name, identity) else None
        elif identity.type != entity.type:
            lone = _lone_surname(entity) and org_name(entity.name).name in _surnames(identity) and bool(identity.givens)
            rule = None if identity.type != "PERSON" else "mistyped-surname" if lone else (
                "mistyped-person" if _inner_match(entity, identity, whole=True) else None)
        else:
            rule = _rule(entity, identity)
        if rule is None:
            continue
        shared = len(context & set(identity.context))
        if rule not in ("full-name", "org-name") and shared < (ACRONYM_CONTEXT if rule == "acronym" else 1):
            continue  # a weaker rule needs another name in common
        if rule == "full-name" and _strangers(entity, identity, shared):
            continue
        strength = _STRENGTH.get(rule, 0)
        scored.append((strength, shared, identity.mentions, -identity.id, identity, rule))
    if not scored:
        return None
    scored.sort(key=lambda s: s[:4], reverse=True)
    best = scored[0]
    if len(scored) > 1 and scored[1][:2] == best[:2] and best[0] < 1:
        return None  # two people fit the surname or initial equally well: leave it apart
    return best[4], best[5], float(best[1])


# How much a rule says, before shared context: a whole name says most; a given name whose surname the
# article also gives says more than a surname alone (either needs context, and a tie leaves it apart).
_STRENGTH = {"full-name": 1.0, "org-name": 1.0, "inside-longer-name": 1.0, "given-name-in-context": 0.5}


def _rule(entity: EntityMention, identity: Identity) -> str | None:
    if entity.type == "PERSON":
        name = _fullest(entity)
        surnames = _surnames(identity)
        if not name.given:  # the surname alone, or the given name alone beside the surname
            if name.surname in surnames:
                return "surname-in-context"
            given = name.surname in identity.givens and any(f"p:{s}" in entity.context for s in surnames)
            return "given-name-in-context" if given else None
        if not identity.givens:  # an identity known by the surname alone
            return "surname-in-context" if name.surname in surnames else None
        if identity.middles and len(name.given) > 1:
            middle = _middle_initial(name)
            if middle and middle not in identity.middles:
                return None  # George W. Bush is not George H. W. Bush
        first = name.first or name.given[0]
        options = [first] + ([name.given[0]] if name.given[0] != first else []) + list(name.nicknames)
        rules = [given_match(a, b) for a in options for b in identity.givens]
        rules = [r for r in rules if r]
        if (not rules or name.surname not in surnames) and _inner_match(entity, identity):
            return "inside-longer-name"
        if not rules:
            return "compound-surname" if name.surname in surnames and _compound_tail(name, identity) else None
        rule = min(rules, key=lambda r: [n for n, *_ in RULES].index(r))
        if name.surname not in surnames:
            if not (rule == "full-name" and max(len(name.surname), len(identity.surname)) >= 5 and one_edit(name.surname, identity.surname)):
                return None
            return "surname-variant"
        return rule
    org = _org(entity)
    if fold(identity.name) and org.name == _org_of(identity.name).name:
        return "org-name"
    if any(org.name == fold(alias).replace(".", "") for alias in identity.aliases):
        return "org-name"
    other = _org_of(identity.name)
    if org.acronym and (org.name == other.acronym or other.name == org.acronym):
        return "acronym"
    mine, theirs = org.name.split(), other.name.split()
    (shorter, _), (longer, longer_name) = sorted(((mine, entity.name), (theirs, identity.name)), key=lambda x: len(x[0]))
    if (2 <= len(shorter) < len(longer) and longer[: len(shorter)] == shorter and longer[len(shorter)] in _ORG_TAIL
            and longer_name.lstrip("the ")[:1].isupper()):
        return "org-short-name"  # "Port Authority" of "Port Authority of Calder Bay", not "Bank of America" of "... Stadium"
    return None


_ORG_TAIL = frozenset({"of", "for", "on", "at", "in"})  # the words that go on from an organisation's short name


def _inner_names(entity: EntityMention, whole: bool = False) -> list[PersonName]:
    """The two- and three-word names inside a longer name ("Lindsay Lohan" in "Lindsay Lohan Checks Into
    Rehab", "Ken Salazar" in "Interior Ken Salazar"); with `whole`, the name itself too (an ORG entity's)."""
    words = entity.name.split()
    if len(words) > 8 or (not whole and len(words) < 3):
        return []
    out = []
    for size in (3, 2):
        for start in range(len(words) - size + 1):
            if size == len(words) and not whole:
                continue
            part = person_name(" ".join(words[start : start + size]))
            if len(part.given) == size - 1 and part.first and len(part.first) > 1 and part.surname and part not in out:
                out.append(part)
    return out


def _lone_surname(entity: EntityMention) -> bool:
    """An ORG entity named by one capitalised word that is not an acronym ("Trump", not "NBC")."""
    words = entity.name.split()
    return entity.type == "ORG" and len(words) == 1 and words[0][:1].isupper() and not words[0].isupper() and words[0].isalpha()


def _inner_match(entity: EntityMention, identity: Identity, whole: bool = False) -> bool:
    """A name inside the entity's is the identity's full name exactly (first given name and surname)."""
    if not identity.givens:
        return False
    return any(p.first in identity.givens and p.surname in _surnames(identity) for p in _inner_names(entity, whole))


def _compound_tail(name: PersonName, identity: Identity) -> bool:
    """A two-word name is the last two words of one of the identity's longer names ("Peña Nieto" of
    "Enrique Peña Nieto", "Suu Kyi" of "Aung San Suu Kyi"): a surname of two words, as many languages write."""
    if len(name.given) != 1:
        return False
    for alias in identity.aliases:
        longer = person_name(alias)
        if len(longer.given) >= 2 and longer.given[-1] == name.given[0] and longer.surname == name.surname:
            return True
    return False


def _rule_names(name: PersonName, identity: Identity) -> bool:
    whole = person_name(identity.name)
    return bool(whole.given) and whole.first == name.first and whole.surname == name.surname


def _surnames(identity: Identity) -> set[str]:
    """Its surname, and those of identities merged into it by a correction (filed under their keys)."""
    return {identity.surname} | {key[2:] for key in identity.keys if key.startswith("s:")}


def _strangers(entity: EntityMention, identity: Identity, shared: int) -> bool:
    """Same name, different people: their roles disagree and their contexts too (both name others, none
    in common). An article that names no one else says nothing against the person's later roles."""
    if shared or not entity.roles or not identity.roles or not entity.context or not identity.context:
        return False
    mine = _role_words(entity.roles)
    theirs = _role_words(r[0] for r in identity.roles)
    return bool(mine and theirs and not mine & theirs)


def _role_words(roles: Iterable[str]) -> set[str]:
    words = _role_nouns()
    return {w for role in roles for w in fold(role).split() if w in words}


def _absorb(identity: Identity, entity: EntityMention, filed: list[str], rename: bool = True) -> None:
    if entity.type == "PERSON" and identity.type != "PERSON":  # a person an earlier article typed ORG
        identity.type, name = "PERSON", _fullest(entity)
        identity.surname, identity.givens = name.surname, [name.first] if name.first else []
    if not rename:
        pass
    elif entity.type == "PERSON":
        name = _fullest(entity)
        if name.given and len(name.given) + 1 > len(person_name(identity.name).given) + 1 and not identity.givens or len(name.given) > len(person_name(identity.name).given):
            identity.name = _display(entity)
        identity.surname = identity.surname or name.surname
        first = name.first
        if first and first not in identity.givens:
            identity.givens.append(first)
        middle = _middle_initial(name)
        if middle and middle not in identity.middles:
            identity.middles.append(middle)
        for nickname in name.nicknames:
            if nickname not in identity.givens:
                identity.givens.append(nickname)
    elif len(entity.name) > len(identity.name) and _org(entity).acronym != _org(entity).name:
        identity.name = entity.name
    for alias in (entity.name, *entity.forms) if rename else ():  # not the run-on name nor the mistyped one
        alias = " ".join(alias.split())
        if alias and _name_like(alias, identity.type) and alias not in identity.aliases and len(identity.aliases) < ALIAS_CAP:
            identity.aliases.append(alias)
    for key in filed:
        if key not in identity.keys:
            identity.keys.append(key)
    for name in entity.context:
        if len(identity.context) >= CONTEXT_CAP:
            break
        if name not in identity.context:
            identity.context.append(name)
    for role in clean_roles(entity.roles):
        _add_role(identity, role, entity)
    identity.mentions += 1
    if entity.date:
        identity.first_date = min(identity.first_date or entity.date, entity.date)
        identity.last_date = max(identity.last_date or entity.date, entity.date)


def _name_like(form: str, type_: str = "PERSON") -> bool:
    """A mention that is a name ("LaRue", "Mo Cheeks"), not a pronoun or a description ("he", "the local fire chief")."""
    words = form.split()
    if len(words) == 1 and fold(form) in word_set("pronouns.txt"):
        return False
    if type_ != "PERSON":  # "Port Authority of Calder Bay", "the Pentagon"
        return any(w[:1].isupper() for w in words)
    return all(w[:1].isupper() or w[:1].isdigit() or fold(w) in word_set("surname_particles.txt") for w in words) and fold(words[0]) != "the"


def _add_role(identity: Identity, role: str, entity: EntityMention) -> None:
    for entry in identity.roles:
        if fold(entry[0]) == fold(role):
            if entity.date:
                entry[1] = min(entry[1] or entity.date, entity.date)
                entry[2] = max(entry[2] or entity.date, entity.date)
            if entity.article not in entry[3] and len(entry[3]) < ROLE_ARTICLES_CAP:
                entry[3].append(entity.article)
            return
    identity.roles.append([role, entity.date, entity.date, [entity.article]])


_NOT_A_ROLE = re.compile(r"[\d$€£%@#]")


def clean_roles(roles: Iterable[str]) -> list[str]:
    """The roles that are a title or a description of a person: short, with a title or person noun,
    and no figures ("one little tweet", "$5 million" and an opponent's name are left out)."""
    words = _role_nouns()
    kept = []
    for role in roles:
        role = " ".join(role.split()).strip(" ,;:-")
        tokens = fold(role).replace(".", "").split()
        if not tokens or len(tokens) > 8 or _NOT_A_ROLE.search(role):
            continue
        if not any(t in words for t in tokens):
            continue
        if role not in kept:
            kept.append(role)
    return kept


@cache
def _role_nouns() -> frozenset[str]:
    """The words that make a phrase a title or a description of a person, as `clean_roles` folds them
    (without full stops: "Sen." is "sen"): titles, person nouns, occupations ("actress", "quarterback"),
    the nouns a story calls its subject by ("businessman") and the abbreviated titles with their words."""
    lists = ("titles.txt", "person_nouns.txt", "name_prefix_nouns.txt", "described_nouns.txt")
    abbreviations = {word for line in word_list("title_abbreviations.txt") for word in line.split()[:2]}
    return frozenset(w.replace(".", "") for w in set().union(*map(word_set, lists), abbreviations))


def _fullest(entity: EntityMention) -> PersonName:
    """The entity's fullest name: of its name and its mentions, the one with most given names."""
    best = _unspilled(person_name(entity.name), entity.context, entity.forms)
    for form in entity.forms:
        parts = person_name(form)
        if parts.surname and (len(parts.given), len(parts.nicknames)) > (len(best.given), len(best.nicknames)):
            if best.surname and parts.surname != best.surname and best.given:
                continue  # a mention with another surname is another person, not a fuller name
            best = parts
    return best


def _unspilled(name: PersonName, context: tuple[str, ...], forms: tuple[str, ...] = ()) -> PersonName:
    """A name that ran on into a headline's next words ("Esther Williams Dead", "Obama Overturns"):
    cut after the last given name that is the surname of another person the article names, or
    that the entity's own mentions use alone ("Joique Bell Signs": "Bell")."""
    alone = {fold(f) for f in forms if len(f.split()) == 1}
    if len(name.given) == 1 and name.given[0] in alone and name.surname not in alone and len(name.given[0]) > 1:
        return PersonName((), name.given[0], name.nicknames)  # "Obama Says" (with "Obama" alone): the surname first
    if len(name.given) < 2:
        return name
    for cut in range(len(name.given) - 1, 0, -1):
        if f"p:{name.given[cut]}" in context or name.given[cut] in alone:
            return PersonName(name.given[:cut], name.given[cut], name.nicknames)
    return name


def _display(entity: EntityMention) -> str:
    best, best_len = entity.name, len(person_name(entity.name).given)
    for form in entity.forms:
        n = len(person_name(form).given)
        if n > best_len:
            best, best_len = form, n
    return " ".join(best.split())


def _middle_initial(name: PersonName) -> str | None:
    """The initial of the name after the one a person goes by, when there is one ("George W. Bush" → "w")."""
    if len(name.given) < 2:
        return None
    first = name.first
    index = name.given.index(first) if first in name.given else 0
    rest = name.given[index + 1 :]
    return rest[0][0] if rest else None


def _org(entity: EntityMention):
    return org_name(entity.name)


def _org_of(name: str):
    return org_name(name)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _copy(data: dict) -> dict:
    return copy.deepcopy(data)


def link_all(entities: Iterable[EntityMention], overrides: Overrides | None = None) -> tuple[dict[int, Identity], list[Link]]:
    """Fold `entities` into identities in memory, from nothing (the evaluation's and the tests' archive)."""
    identities: dict[int, Identity] = {}
    blocks: dict[str, list[int]] = {}
    links: list[Link] = []
    for entity in entities:
        lookup, _ = entity_keys(entity)
        view = {key: blocks.get(key, [])[: block_cap(key)] for key in lookup}
        changed, made = link_identities([entity], identities, view, len(identities) + 1, overrides)
        for identity in changed.values():
            for key in identity.keys:
                ids = blocks.setdefault(key, [])
                if identity.id not in ids:
                    ids.append(identity.id)
        identities.update(changed)
        links += made
    return identities, links
