"""A learned span detector for time expressions: an averaged perceptron over BIO tags.

It reads what the rules already know (each token's word class from the time word lists, its
shape, and the BIO tag of the rules' own candidate) and learns from TimeBank + AQUAINT where
TimeML's extents differ from the rules' (`scripts/train_timex_detector.py`). Pure Python:
features are strings, weights a dict, decoding greedy left to right. It runs only on the
stretches of text around time words (`patterns.windows`), like the rules.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from storyline.nlp.timex.lexicon import lexicon

TAGS = ("O", "B", "I")
_TOKEN = re.compile(r"\d+|[^\W\d_]+|\S")
_SHAPE_RUN = re.compile(r"(.)\1+")
_MODIFIERS = frozenset(
    "early late mid earlier later last next this past coming previous following recent recently ago "
    "the a an few several many some about around nearly almost more less than over under within "
    "since until through by from to and or of in on at end beginning start middle rest same that "
    "fiscal full whole entire first second third fourth final half each every per".split()
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans: runs of digits, runs of letters, and single other characters, so that every
    expression boundary (in "Sept. 11," or "3/9/2021") falls between tokens."""
    return [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    """Lower-cased time word -> its class ("month", "unit" ...), from the rules' word lists."""
    lex = lexicon()
    classes: dict[str, str] = {}
    tables: list[tuple[str, Iterable[str]]] = [
        ("modifier", _MODIFIERS), ("number", lex.numbers), ("ordinal", lex.ordinals), ("set", lex.sets),
        ("reference", lex.references), ("season", lex.seasons), ("part", lex.parts_of_day),
        ("holiday", (w for h in lex.holidays for w in h.split())), ("weekday", lex.weekdays),
        ("month", lex.months), ("unit", lex.units), ("decade", lex.decades),
    ]
    for name, words in tables:  # later tables win: "may" is a month, "second" a unit
        for phrase in words:
            if " " not in phrase:
                classes[phrase] = name
    for unit in lex.units:
        classes.setdefault(unit + "s", "units")
        classes.setdefault(unit[:-1] + "ies", "units")
    return classes


def shape(word: str) -> str:
    mapped = "".join("d" if c.isdigit() else "X" if c.isupper() else "x" if c.isalpha() else c for c in word)
    return _SHAPE_RUN.sub(r"\1\1", mapped)


def word_class(word: str) -> str:
    lower = word.lower().rstrip(".")
    found = _classes().get(lower)
    if found:
        return found
    if lower.isdigit():
        if len(lower) == 4 and lower[:2] in ("15", "16", "17", "18", "19", "20"):
            return "year"
        return "digits"
    if lower[:1].isdigit():
        return "numeric"
    return "-"


def token_features(words: list[str], rule_tags: list[str]) -> list[list[str]]:
    """Per token, the features that do not depend on the tags predicted so far."""
    if os.environ.get("TIMEX_NORULE"):
        rule_tags = ["O"] * len(words)
    lowers = [w.lower() for w in words]
    classes = [word_class(w) for w in words]
    shapes = [shape(w) for w in words]
    n = len(words)

    def at(values: list[str], i: int) -> str:
        return values[i] if 0 <= i < n else "<>"

    rows = []
    for i in range(n):
        rows.append([
            "b",
            "w=" + lowers[i],
            "s=" + shapes[i],
            "x=" + lowers[i][-3:],
            "c=" + classes[i],
            "r=" + rule_tags[i],
            "w-1=" + at(lowers, i - 1),
            "w+1=" + at(lowers, i + 1),
            "c-1=" + at(classes, i - 1),
            "c+1=" + at(classes, i + 1),
            "c-2=" + at(classes, i - 2),
            "c+2=" + at(classes, i + 2),
            "r-1=" + at(rule_tags, i - 1),
            "r+1=" + at(rule_tags, i + 1),
            "c=" + classes[i] + "|r=" + rule_tags[i],
            "c-1|c=" + at(classes, i - 1) + "|" + classes[i],
            "c|c+1=" + classes[i] + "|" + at(classes, i + 1),
            "w|r+1=" + lowers[i] + "|" + at(rule_tags, i + 1),
            "w|r-1=" + lowers[i] + "|" + at(rule_tags, i - 1),
        ])
    return rows


def with_history(row: list[str], previous: str, before: str) -> list[str]:
    return row + ["t-1=" + previous, "t-2|t-1=" + before + "|" + previous, "t-1|" + row[4] + "=" + previous]


class Perceptron:
    """Weights: feature -> {tag: weight}. `tag` decodes greedily, each tag seeing the last two."""

    def __init__(self, weights: dict[str, dict[str, float]] | None = None) -> None:
        self.weights = weights if weights is not None else {}

    def scores(self, features: list[str]) -> dict[str, float]:
        totals = dict.fromkeys(TAGS, 0.0)
        weights = self.weights
        for feature in features:
            found = weights.get(feature)
            if found:
                for tag, weight in found.items():
                    totals[tag] += weight
        return totals

    def best(self, features: list[str], previous: str) -> str:
        totals = self.scores(features)
        if previous == "O":
            totals["I"] = float("-inf")  # an expression starts with B
        return max(TAGS, key=lambda tag: (totals[tag], tag == "O"))

    def tag(self, rows: list[list[str]]) -> list[str]:
        tags: list[str] = []
        previous, before = "O", "O"
        for row in rows:
            tag = self.best(with_history(row, previous, before), previous)
            tags.append(tag)
            before, previous = previous, tag
        return tags


def spans_of(tags: list[str], tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for tag, (start, end) in zip(tags, tokens):
        if tag == "B" or (tag == "I" and not spans):
            spans.append((start, end))
        elif tag == "I":
            spans[-1] = (spans[-1][0], end)
    return spans


def bio(tokens: list[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[str]:
    """BIO tags of tokens for character spans (a token is inside when it starts inside)."""
    tags = ["O"] * len(tokens)
    ordered = sorted(spans)
    j = 0
    for i, (start, end) in enumerate(tokens):
        while j < len(ordered) and ordered[j][1] <= start:
            j += 1
        if j < len(ordered) and ordered[j][0] <= start < ordered[j][1]:
            tags[i] = "B" if i == 0 or tags[i - 1] == "O" or tokens[i - 1][0] < ordered[j][0] else "I"
    return tags


@lru_cache(maxsize=1)
def model() -> Perceptron | None:
    """The shipped weights (`storyline/models/timex/detector.json`), or None when absent."""
    path = resources.files("storyline").joinpath("models", "timex", "detector.json")
    if not path.is_file():
        return None
    return Perceptron(json.loads(path.read_text(encoding="utf-8"))["weights"])


import os
MODE = {k: k in os.environ.get("TIMEX_MODE", "bounds") for k in ("bounds", "drop", "add")}  # experiment switches


def refine(text: str, candidates: list, detector: Perceptron | None) -> list:
    """The rules' candidates, with the detector's extents where the two disagree."""
    if detector is None or not candidates:
        return candidates
    from storyline.nlp.timex.patterns import Candidate, windows

    rule_spans = [(c.start, c.end) for c in candidates]
    found: list[tuple[int, int]] = []
    for start, end in windows(text):
        tokens = tokenize(text, start, end)
        if tokens:
            words = [text[s:e] for s, e in tokens]
            found.extend(spans_of(detector.tag(token_features(words, bio(tokens, rule_spans))), tokens))
    out = []
    for c in candidates:
        overlapping = [s for s in found if s[0] < c.end and c.start < s[1]]
        if not overlapping:
            if not MODE["drop"]:
                out.append(c)
            continue
        if MODE["bounds"] and len(overlapping) == 1 and overlapping[0] != (c.start, c.end):
            start, end = overlapping[0]
            out.append(Candidate(c.rule, start, end, c.match))
        else:
            out.append(c)
    if MODE["add"]:
        for start, end in found:
            if not any(start < c.end and c.start < end for c in candidates):
                match = re.compile(r".+", re.S).match(text, start, end)
                out.append(Candidate("detected", start, end, match))
        out.sort(key=lambda c: c.start)
    return out
