"""Names: the parts of a person's or an organisation's name, and the blocking keys built from them.

Pure functions over strings. A person's name is folded (diacritics and case), stripped of titles
("President", "Gov."), honorifics, possessives and generational suffixes, its quoted nickname kept
aside ("Vincent 'Chin' Gigante"), and split into given names and a surname (with its particles:
"Lo Presti"). An organisation's name is folded, "the" and company suffixes dropped, and its
acronym made from its capitalised words ("National Football League" → "nfl").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from storyline.wordlists import word_list, word_set

_QUOTED = re.compile(r"[\"“”‘’']([^\"“”‘’']{2,20})[\"“”‘’']")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_TOKEN = re.compile(r"[\w][\w'’\-]*")
_ORG_STOP = frozenset({"of", "the", "and", "for", "&", "de", "in", "on", "at"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Casefolded, without diacritics ("Pérez" → "perez"), whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@cache
def _titles() -> frozenset[str]:
    abbreviations = {line.split()[0].rstrip(".") for line in word_list("title_abbreviations.txt")}
    lists = ("titles.txt", "honorifics.txt", "described_nouns.txt", "name_prefix_nouns.txt")
    words = {w.rstrip(".") for name in lists for w in word_set(name)}
    return frozenset(words | abbreviations)


@cache
def _nickname_families() -> dict[str, frozenset[str]]:
    """Each given name or short form → the full forms it may stand for (itself included)."""
    families: dict[str, set[str]] = {}
    for line in word_list("nicknames.txt"):
        full, *short = line.split()
        for name in (full, *short):
            families.setdefault(name, {name}).add(full)
    return {name: frozenset(forms) for name, forms in families.items()}


@dataclass(frozen=True, slots=True)
class PersonName:
    given: tuple[str, ...]  # given and middle names, folded ("w", "mark")
    surname: str  # folded, with its particles ("lo presti"); "" when none
    nicknames: tuple[str, ...] = ()  # quoted in the name ("chin")

    @property
    def first(self) -> str | None:
        """The given name a person goes by: the first one that is not an initial ("W. Mark Felt" → "mark")."""
        for name in self.given:
            if len(name) > 1:
                return name
        return self.given[0] if self.given else None

    @property
    def full(self) -> str:
        return " ".join((*self.given, self.surname)).strip()


@lru_cache(maxsize=1 << 16)  # names recur: parse each once
def person_name(text: str) -> PersonName:
    """The parts of a person's name as written ("Gov. Sarah Palin's" → given ("sarah",), surname "palin")."""
    nicknames = tuple(fold(m) for m in _QUOTED.findall(text))
    text = _QUOTED.sub(" ", text)
    words = _name_words(_TOKEN.findall(text.replace(".", ". ")))
    words = [_POSSESSIVE.sub("", w) for w in _TOKEN.findall(fold(" ".join(words)))]
    words = [w.strip("'’-") for w in words if w.strip("'’-")]
    titles = _titles()
    while words and words[0] in titles and len(words) > 1:
        words.pop(0)
    suffixes = word_set("name_suffixes.txt")
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    if not words:
        return PersonName((), "", nicknames)
    cut = len(words) - 1
    particles = word_set("surname_particles.txt")
    while cut > 1 and words[cut - 1] in particles:  # "gaetano lo presti": the surname is "lo presti"
        cut -= 1
    if cut == 1 and len(words) == 2 and words[0] in particles:  # "lo presti" alone is a surname
        cut = 0
    return PersonName(tuple(words[:cut]), " ".join(words[cut:]), nicknames)


@cache
def _headline_words() -> frozenset[str]:
    """Words that end a name a headline ran on into ("Obama Says"): headline_words.txt and the
    inflected forms of the reporting verbs ("says", "warned")."""
    lemmas = word_set("reporting_verbs.txt")
    forms = {lemma + end for lemma in lemmas for end in ("s", "es", "d", "ed")}
    return frozenset(forms | word_set("headline_words.txt"))


def _name_words(words: list[str]) -> list[str]:
    """The words of a name as written, without what ran on after it ("Chris Ivory on Injured Reserve":
    a name has no lower-case word but its particles; "Obama Says Yes": a headline's verb) or a
    position abbreviation before it ("RB Joique Bell")."""
    particles = word_set("surname_particles.txt")
    headline = _headline_words()
    for i, word in enumerate(words[1:], 1):
        if (word[:1].islower() and word.casefold() not in particles) or word.casefold() in headline:
            words = words[:i]
            break
    if len(words) >= 3 and words[0].isupper() and len(words[0]) <= 3 and words[0].isalpha():
        words = words[1:]
    return words


def given_match(a: str, b: str) -> str | None:
    """How two given names can name one person: the rule, or None."""
    if a == b:
        return "full-name"
    if len(a) == 1 or len(b) == 1:
        return "initial" if a[0] == b[0] else None
    families = _nickname_families()
    if families.get(a, {a}) & families.get(b, {b}):
        return "nickname"
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):  # "fred" / "frederick", "alex" / "alexandros"
        return "given-prefix"
    return None


def nickname_forms(name: str) -> tuple[str, ...]:
    """The full forms a given name may stand for, itself among them ("katie" → catherine, katherine, kathryn, katie)."""
    return tuple(sorted(_nickname_families().get(name, {name}) | {name}))


def given_initials(name: PersonName) -> tuple[str, ...]:
    """The first letters a person's given names may be blocked on: of the first given name, of the
    name they go by ("W. Mark Felt": w and m), and of the full forms of a nickname ("Bill" → w)."""
    if not name.given:
        return ()
    letters = {name.given[0][0]}
    first = name.first or name.given[0]
    letters.add(first[0])
    letters |= {full[0] for full in _nickname_families().get(first, ())}
    return tuple(sorted(letters))


def deletions(word: str) -> tuple[str, ...]:
    """The word with each one letter left out, and the word itself: two words one edit apart
    (a letter more, less, or two swapped) share one of these ("klitschko" / "klistchko")."""
    return tuple(sorted({word} | {word[:i] + word[i + 1 :] for i in range(len(word))}))


def one_edit(a: str, b: str) -> bool:
    """a and b differ by at most one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@cache
def _company_suffixes() -> frozenset[str]:
    return frozenset(s.casefold().rstrip(".") for s in word_list("company_suffixes.txt"))


@dataclass(frozen=True, slots=True)
class OrgName:
    name: str  # folded, "the" and company suffixes dropped
    acronym: str | None  # of a name of two or more capitalised words; the name itself if it is one


@lru_cache(maxsize=1 << 16)
def org_name(text: str) -> OrgName:
    """'the National Football League' → ('national football league', 'nfl'); 'NFL' → ('nfl', 'nfl')."""
    words = [_POSSESSIVE.sub("", w) for w in re.findall(r"[\w&][\w&'’.\-]*", text)]
    while words and words[0].casefold() == "the":
        words.pop(0)
    suffixes = _company_suffixes()
    while len(words) > 1 and words[-1].casefold().rstrip(".") in suffixes:
        words.pop()
    folded = fold(" ".join(words)).replace(".", "")
    if len(words) == 1 and words[0].replace(".", "").isupper() and 2 <= len(words[0].replace(".", "")) <= 6:
        return OrgName(folded, folded)
    capitals = [w for w in words if w.casefold() not in _ORG_STOP and w[:1].isupper()]
    acronym = fold("".join(w[0] for w in capitals)) if len(capitals) >= 2 else None
    return OrgName(folded, acronym)
