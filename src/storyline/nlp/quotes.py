"""Pairs quotation marks into quotes: a plain function over the text, no model needed.

Handles curly (“ ” ‘ ’ in headlines) and straight quotes, two apostrophes ('') standing for a
double mark (some outlets' style), two backticks (``) opening a quote that two apostrophes close
(typewriter and treebank style: ``We will,'' he said.), and the newswire convention that a quote running on into the
next paragraph leaves its closing mark off and opens the next paragraph with a fresh mark. A curly quote
inside a straight one (an excerpt or transcript quoted with straight marks: '"PENCE: ... “Shark Tank.” But
...') is nested, not the straight one's end; nested quotes are returned with `nested` set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“«"  # guillemets as some outlets' English copy has them: «We will,» he said.
CLOSING = "”»"
CURLY = "“”«»"  # marks of the curly family (a quote opened by one holds no nested curly quote)
STRAIGHT = '"'
DOUBLED = "''"  # two apostrophes as one double mark: ''We will,'' he said.
# As sets of characters, for the rules that test one character beside a span: every quotation mark, double or
# single, opening or closing; and the marks a sentence opens a quote with (the quote finder pairs guillemets,
# this test has never taken them).
QUOTE_MARKS = frozenset(STRAIGHT + CURLY + "‘’'")
QUOTE_OPENERS = frozenset(STRAIGHT + "“‘'")
BACKTICKS = "``"  # two backticks open: ``We will,'' he said.
MARK = re.compile("[“”«»\"]|'(?=')|`(?=`)")  # where a double mark may be
BEFORE_OPENING = " \t([:—–-"
AFTER_CLOSING = " \t,.;:!?)—–-"
# Single quotes quote in headlines ('An early draft,' says chief) and in paragraphs with no double
# marks (British style); elsewhere they are apostrophes.
SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(:—–-]))[‘'](?=[^\W\d_])")  # not '90s
SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])[’'](?=[\s,.:;!?)—–-]|$)")


@dataclass(frozen=True, slots=True, order=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph's end when it runs on)
    closed: bool
    nested: bool = False  # a curly quote inside a straight one ('"PENCE: ... “Shark Tank.” ...')

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words, without the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def wrapped(text: str, previous_end: int, start: int) -> bool:
    """A line that goes on with the sentence of the line before: one line break between them, the line before
    ending in a word or a comma and this one opening with a small letter ("reported that the harbour
    master\nhad resigned", as hard-wrapped copy has it)."""
    return text.count("\n", previous_end, start) == 1 and (text[previous_end - 1].isalnum() or text[previous_end - 1] == ",") \
        and start < len(text) and text[start].islower()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Each paragraph's (start, end): the lines of the text, a hard-wrapped line joined to the one before it (a quote
    runs over the wrap)."""
    found: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        if found and wrapped(text, found[-1][1], m.start()):
            found[-1] = (found[-1][0], m.end())
        else:
            found.append((m.start(), m.end()))
    return found


def find_quotes(text: str, headline: tuple[int, int] | None = None) -> list[Quote]:
    quotes: list[Quote] = []
    for start, end in _paragraphs(text):
        open_at: int | None = None
        nested: list[int] = []  # where the curly quotes open inside a straight one opened
        skip = start  # a doubled mark's second apostrophe is not read again
        for mark in MARK.finditer(text, start, end):  # only marks can open or close: no pass over every character
            i = mark.start()
            if i < skip:
                continue
            char = text[i]
            backticks = char == "`"
            doubled = backticks or _doubled(text, i, start, end, open_at is None)
            # A closing mark shaped as an opening opens a quote: some outlets' copy types ” for both marks
            # ('” … he spoke' at a paragraph's start, 'aides ”get close to Ben').
            reversed_opening = char == "”" and open_at is None and _opens_only(text, i, start, end)
            # and an opening mark shaped as a closing closes a curly one ('what she called a “rant,“ a series')
            reversed_closing = char == "“" and open_at is not None and text[open_at] in CURLY and _closes_only(text, i, start, end)
            if char == STRAIGHT and open_at is None and _closes_only(text, i, start, end):
                skip = i + 1  # a stray closing mark whose opening was lost ('his systems" including') opens nothing
                continue
            if open_at is not None and char in OPENING and text[open_at] not in CURLY:
                nested.append(i)  # a curly quote inside a straight one: '"PENCE: She thinks this is “Shark Tank.” But ...'
                skip = i + 1
                continue
            if nested and char in CLOSING:
                quotes.append(Quote(nested.pop(), i + 1, True, nested=True))
                skip = i + 1
                continue
            if (char in OPENING and not reversed_closing) or backticks or reversed_opening or ((char == STRAIGHT or doubled) and open_at is None):
                if open_at is None:
                    open_at = i + 1 if doubled else i  # the second apostrophe stands for the mark
            elif (char in CLOSING or char == STRAIGHT or doubled or reversed_closing) and open_at is not None:
                quotes.append(Quote(open_at, i + 1, True))
                open_at, nested = None, []
            skip = i + (2 if doubled else 1)
        if open_at is not None:
            trimmed = end
            while trimmed > open_at + 1 and text[trimmed - 1].isspace():
                trimmed -= 1
            quotes.append(Quote(open_at, trimmed, False))
    paragraphs = _paragraphs(text)
    for number, (start, end) in enumerate(paragraphs):
        # A paragraph with no double marks quotes with single ones, as British news does ('We will,' she
        # said); so does a headline.
        in_headline = headline is not None and start <= headline[0] and headline[1] <= end
        if in_headline or not any(c in text[start:end] for c in (*OPENING, *CLOSING, STRAIGHT, DOUBLED, BACKTICKS)):
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            quotes.extend(_single_quotes(text, start, end, following))
    return sorted(q for q in quotes if q.inner[1] - q.inner[0] > 0) if quotes else []


def _opens_only(text: str, i: int, start: int, end: int) -> bool:
    """A mark at i shaped only to open a quote: at the paragraph's start, or after a space or an opening
    bracket or dash and before a word."""
    return i == start or (text[i - 1].isspace() or text[i - 1] in BEFORE_OPENING) and i + 1 < end and not text[i + 1].isspace()


def _closes_only(text: str, i: int, start: int, end: int) -> bool:
    """A mark at i shaped only to close a quote: right after a word or its punctuation, and before
    a space, punctuation or the paragraph's end ('the only "medical records" that', not '"We will'). With
    no quote open it is a stray; read as an opening it would pair every later mark of the paragraph wrongly."""
    return i > start and not text[i - 1].isspace() and text[i - 1] not in BEFORE_OPENING \
        and (i + 1 >= end or text[i + 1].isspace() or text[i + 1] in AFTER_CLOSING)


def _doubled(text: str, i: int, start: int, end: int, opening: bool) -> bool:
    """Two apostrophes at i that open a quote (after a space, before a word) or close one."""
    if not text.startswith(DOUBLED, i) or i + 2 < end and text[i + 2] == "'":
        return False
    if opening:
        return (i == start or text[i - 1] in BEFORE_OPENING) and i + 2 < end and not text[i + 2].isspace()
    return i > start and not text[i - 1].isspace() and (i + 2 >= end or text[i + 2] in AFTER_CLOSING)


def _single_quotes(text: str, start: int, end: int, following: int | None = None) -> list[Quote]:
    """Single-quoted stretches of text[start:end]. Each closes at the first mark after punctuation
    ('... jobs,' he said) if there is one before the next quote opens, so that a plural possessive
    ("the dockers' jobs") inside the quote does not end it. The last one left open runs on to the
    paragraph's end when the next paragraph (at `following`) opens with a fresh single mark: the
    newswire convention for a quotation over paragraphs, as with double marks."""
    line = text[start:end]
    openings = [m.start() for m in SINGLE_OPEN.finditer(line)]
    closings = [m for m in SINGLE_CLOSE.finditer(line)]
    found: list[Quote] = []
    after = 0
    for number, opening in enumerate(openings):
        if opening < after:
            continue
        limit = next((o for o in openings[number + 1 :] if o > opening), len(line))
        candidates = [c for c in closings if opening < c.start() < limit] or [c for c in closings if c.start() > opening]
        if not candidates:
            if limit == len(line) and following is not None and SINGLE_OPEN.match(text, following) \
                    and line.rstrip()[-1:] in ".!?:":
                found.append(Quote(start + opening, start + len(line.rstrip()), False))
            continue
        closing = next((c for c in candidates if line[c.start() - 1] in ",.!?"), candidates[0])
        if closing.start() - opening <= 2:
            continue  # rock 'n' roll
        found.append(Quote(start + opening, start + closing.end(), True))
        after = closing.end()
    return found
