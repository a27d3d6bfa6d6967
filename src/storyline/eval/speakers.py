"""Scoring speaker resolution against gold attribution sources (PolNeAR brat files and hand labels).

A gold source is a span of the article (start, end); storyline's statement for it is the one whose
source span equals it, or, failing that, overlaps it most. The statement's speaker entity is then
compared by name with the label: equal names, or one name holding the other's surname, unless both
carry different given names ("Bill Clinton" is not "Hillary Clinton").
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from storyline.record import Article, Statement
from storyline.wordlists import word_list

NO_ANTECEDENT = "-"
_TOKEN = re.compile(r"[\w][\w.'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


@dataclass(frozen=True, slots=True)
class GoldSource:
    file: str
    start: int
    end: int
    text: str
    kind: str  # "pronoun", "description" or "name"
    antecedent: str  # the referent's fullest name, or NO_ANTECEDENT when the article never names it


@dataclass(frozen=True, slots=True)
class Outcome:
    gold: GoldSource
    found: bool  # a statement carries this source
    exact: bool  # ... with exactly the gold span
    speaker: str | None  # the resolved entity's name (None: credited to no entity)
    speaker_name: str | None  # the statement's speaker_name (the source text when unresolved)
    correct: bool


@cache
def _title_words() -> frozenset[str]:
    return frozenset(word_list("titles.txt")) | frozenset(word_list("honorifics.txt"))


def name_tokens(name: str) -> list[str]:
    """Lower-case words of a name without titles, honorifics, suffixes or a possessive ending."""
    tokens = [_POSSESSIVE.sub("", t.lower()) for t in _TOKEN.findall(name)]
    while len(tokens) > 1 and tokens[0] in _title_words() | {"the"}:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    return [t for t in tokens if t]


def _acronym(name: str) -> str | None:
    """ "International Monetary Fund" -> "IMF"; None for a name of one word."""
    words = [w for w in name.split() if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else None


def names_match(label: str, name: str | None) -> bool:
    """Whether a resolved entity name refers to the labelled referent."""
    if not name or not label or label == NO_ANTECEDENT:
        return False
    a, b = name_tokens(label), name_tokens(name)
    if not a or not b:
        return False
    if a == b or _acronym(label) == name.replace(".", "") or _acronym(name) == label.replace(".", ""):
        return True
    if a[-1] not in b and b[-1] not in a:
        return False
    # Different given names are different people sharing a surname.
    given_a, given_b = a[0] if len(a) > 1 else None, b[0] if len(b) > 1 else None
    return not (given_a and given_b and given_a != given_b and given_a not in b and given_b not in a)


def find_statement(statements: Iterable[Statement], start: int, end: int) -> tuple[Statement | None, bool]:
    """The statement whose source is exactly [start, end), else the one overlapping it most; and whether exact."""
    best, best_overlap = None, 0
    for statement in statements:
        if statement.source is None:
            continue
        if statement.source.start == start and statement.source.end == end:
            return statement, True
        overlap = sum(max(0, min(e, end) - max(s, start)) for s, e in statement.source.spans)
        if overlap > best_overlap:
            best, best_overlap = statement, overlap
    return best, False


FIRST_PERSON = {"i", "me", "my"}


def judge(gold: GoldSource, article: Article) -> Outcome:
    statement, exact = find_statement(article.statements, gold.start, gold.end)
    if statement is None:
        return Outcome(gold, False, False, None, None, False)
    entity = article.entity(statement.speaker)
    speaker = entity.name if entity else None
    if gold.antecedent == NO_ANTECEDENT:
        correct = speaker is None  # nothing named to credit: any entity is a wrong one
    elif speaker is None and gold.text.lower() in FIRST_PERSON:  # an opinion piece's "I": its author, named
        correct = names_match(gold.antecedent, statement.speaker_name)  # by the metadata, no entity of the text
    else:
        correct = names_match(gold.antecedent, speaker)
    return Outcome(gold, True, exact, speaker, statement.speaker_name, correct)


@dataclass(frozen=True, slots=True)
class Summary:
    kind: str
    labels: int
    found: int
    named: int  # labels with a named antecedent
    named_found: int
    named_correct: int
    correct: int  # over all labels (a "-" label is right when no entity is credited)
    unresolved: int  # found, but credited to no entity

    def rate(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def coverage(self) -> float:
        return self.rate(self.found, self.labels)

    @property
    def named_accuracy_found(self) -> float:
        return self.rate(self.named_correct, self.named_found)

    @property
    def named_accuracy_all(self) -> float:
        return self.rate(self.named_correct, self.named)

    @property
    def accuracy_found(self) -> float:
        return self.rate(self.correct, self.found)

    @property
    def unresolved_rate(self) -> float:
        return self.rate(self.unresolved, self.found)


def summarize(kind: str, outcomes: list[Outcome]) -> Summary:
    named = [o for o in outcomes if o.gold.antecedent != NO_ANTECEDENT]
    return Summary(
        kind=kind,
        labels=len(outcomes),
        found=sum(o.found for o in outcomes),
        named=len(named),
        named_found=sum(o.found for o in named),
        named_correct=sum(o.correct for o in named),
        correct=sum(o.correct for o in outcomes),
        unresolved=sum(o.found and o.speaker is None for o in outcomes),
    )


# --- reading the data -------------------------------------------------------------------------

def read_labels(path: Path) -> list[GoldSource]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            GoldSource(r["file"], int(r["start"]), int(r["end"]), r["source_text"], r["kind"], r["antecedent"])
            for r in rows
        ]


def first_annotations(dev: Path) -> dict[str, Path]:
    """Article stem -> its first annotator's .ann file in sorted order (`<stem>_<annotator>.ann`)."""
    found: dict[str, Path] = {}
    for ann in sorted((dev / "attributions").glob("*.ann")):
        found.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return found


def brat_sources(ann: Path) -> list[tuple[int, int, str]]:
    """(start, end, text) of every Source span; a discontinuous span runs from its first to last part."""
    sources = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 3 or not fields[1].startswith("Source "):
            continue
        parts = [tuple(map(int, p.split())) for p in fields[1][len("Source ") :].split(";")]
        sources.append((parts[0][0], parts[-1][1], fields[2]))
    return sources


_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|bin|al-[\w-]+)$")


def is_name_source(text: str, article: str) -> bool:
    """A source that is a proper name ("Trump", "Sen. Elizabeth Warren", "Politifact"), not a
    pronoun, description ("The senator") or phrase; titles in front are allowed. A capitalized word
    the article also writes in lower case ("Police" at a sentence start) is no name, nor is the plural
    of a capitalized word the article uses ("Democrats" beside "Democrat"): that is a group."""
    words = text.split()
    if not 1 <= len(words) <= 5 or words[0].lower() in {"the", "a", "an", "i", "we", "it"}:
        return False
    if any(not _NAME_WORD.match(_POSSESSIVE.sub("", w.strip(",;:"))) for w in words):
        return False
    core = name_tokens(text)
    if not core or core[-1] in _title_words() or text.lower() in word_list("pronouns.txt"):
        return False
    if len(words) == 1:
        word = _POSSESSIVE.sub("", words[0].strip(",;:"))
        if re.search(rf"\b{re.escape(word.lower())}\b", article):
            return False
        if word.endswith("s") and re.search(rf"\b{re.escape(word[:-1])}\b", article):
            return False
    return True
