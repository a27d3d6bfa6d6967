"""Pairs quotation marks into quotes: a plain function over the text, no model needed.

Handles curly (“ ” ‘ ’ in headlines) and straight quotes, and the newswire convention
that a quote running on into the next paragraph leaves its closing mark off and opens
the next paragraph with a fresh mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
# Single quotes quote in headlines ('An early draft,' says chief); elsewhere they are apostrophes.
SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(:—–-]))[‘'](?=\w)")
SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])[’'](?=[\s,.:;!?)—–-]|$)")


@dataclass(frozen=True, slots=True, order=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph's end when it runs on)
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words, without the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def find_quotes(text: str, headline: tuple[int, int] | None = None) -> list[Quote]:
    quotes: list[Quote] = []
    for start, end in _paragraphs(text):
        open_at: int | None = None
        for i in range(start, end):
            char = text[i]
            if char == OPENING or (char == STRAIGHT and open_at is None):
                if open_at is None:
                    open_at = i
            elif (char == CLOSING or char == STRAIGHT) and open_at is not None:
                quotes.append(Quote(open_at, i + 1, True))
                open_at = None
        if open_at is not None:
            trimmed = end
            while trimmed > open_at + 1 and text[trimmed - 1].isspace():
                trimmed -= 1
            quotes.append(Quote(open_at, trimmed, False))
    if headline:
        quotes.extend(_single_quotes(text, *headline))
    return sorted(q for q in quotes if q.inner[1] - q.inner[0] > 0) if quotes else []


def _single_quotes(text: str, start: int, end: int) -> list[Quote]:
    found = []
    line = text[start:end]
    for opening in SINGLE_OPEN.finditer(line):
        closing = SINGLE_CLOSE.search(line, opening.end())
        if closing:
            found.append(Quote(start + opening.start(), start + closing.end(), True))
    return found[:1] if len(found) > 1 and found[0].end > found[1].start else found
