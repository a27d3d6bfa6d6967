"""storyline_layout: headline, datelines, section leads, bullets, related links, captions and credits.

Works line by line on the raw text, so offsets index the article exactly. What it marks as
boilerplate (labels, datelines, credits, link lines) never becomes an entity or a speaker.
It runs before the parser and starts a sentence at every line and after every label, so a
headline, a bullet marker or "Why it matters:" is never parsed into the sentence beside it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from storyline.wordlists import word_list
from storyline.nlp import extensions  # noqa: F401
from storyline.nlp.extensions import text_of
from storyline.record import Caption, Section

MAX_CAPTION_WORDS = 40
BULLET = re.compile(r"^\s*([•·▪◦●‣∙*\-–—])\s+")


@cache
def _lead_pattern() -> re.Pattern[str]:
    labels = sorted(word_list("section_labels.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(label).replace("'", "['’]") for label in labels)
    return re.compile(rf"^\s*(?P<label>{alternatives})\s*(?::|$)", re.IGNORECASE)


@cache
def _related_pattern() -> re.Pattern[str]:
    labels = sorted(word_list("related_labels.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"^\s*(?:{alternatives})\s*:", re.IGNORECASE)


@cache
def _label_word_pattern() -> re.Pattern[str]:
    words = sorted(word_list("label_words.txt"), key=len, reverse=True)
    return re.compile(rf"^\s*(?P<label>{'|'.join(re.escape(w) for w in words)})\s*[:|]", re.IGNORECASE)


@cache
def _dateline_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in word_list("dateline_patterns.txt"))


@cache
def _first_line_dateline_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in word_list("first_line_datelines.txt"))


@cache
def _byline_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in word_list("byline_patterns.txt"))


@cache
def _credit_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in word_list("credit_patterns.txt"))


def lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line, whitespace trimmed."""
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            yield start, start + len(stripped)


def find_credit(line: str) -> re.Match[str] | None:
    for pattern in _credit_patterns():
        match = pattern.search(line)
        if match:
            return match
    return None


def _looks_like_caption(line: str) -> bool:
    """A caption describes a picture in one short sentence and quotes no one."""
    return len(line.split()) <= MAX_CAPTION_WORDS and not any(mark in line for mark in '"“”') and line.count(". ") == 0


def _start_sentence(doc: Doc, offset: int, starts: list[int]) -> None:
    """Note that the token at character `offset` (or the next one) starts a sentence."""
    span = doc.char_span(offset, len(text_of(doc)), alignment_mode="expand")
    if span is None or not len(span):
        return
    token = span[0]
    while token.is_space and token.i + 1 < len(doc):
        token = doc[token.i + 1]
    starts.append(token.i)


def _mark_sentence_starts(doc: Doc, starts: list[int]) -> None:
    """Set the sentence starts in one write: Token.is_sent_start's setter reads the whole Doc per call."""
    if not starts:
        return
    if doc.has_annotation("DEP"):
        raise ValueError("sentence starts are set before the parser")
    values = doc.to_array([SENT_START])
    values[starts] = 1
    doc.from_array([SENT_START], values)


@Language.component("storyline_layout")
def storyline_layout(doc: Doc) -> Doc:
    text = text_of(doc)
    sections: list[Section] = []
    captions: list[Caption] = []
    boilerplate: list[tuple[int, int]] = []
    known_captions = list(doc._.caption_ranges or [])
    doc._.headline = doc._.headline_range = None
    starts: list[int] = []  # tokens that start a sentence

    previous: tuple[int, int] | None = None
    prose_started = False
    # A label that opens several lines ("ROE: ...") is a transcript's speaker, not a "New Delhi: ..." dateline.
    labels = Counter(text[s:e].split(":", 1)[0] for s, e in lines(text) if ":" in text[s:e])
    for number, (start, end) in enumerate(lines(text)):
        line = text[start:end]
        if number == 0:
            doc._.headline, doc._.headline_range = line, (start, end)
            sections.append(Section(kind="headline", label="Headline", start=start, end=end))
        _start_sentence(doc, start, starts)
        label = _label_word_pattern().match(line)
        if label:  # "Exclusive: ..." — the label word is layout, the rest is prose
            boilerplate.append((start + label.start("label"), start + label.end("label")))
            _start_sentence(doc, start + label.end(), starts)
        dateline = next((m for p in _dateline_patterns() if (m := p.match(line))), None)
        if dateline is None and number > 0 and not prose_started and labels[line.split(":", 1)[0]] < 2 \
                and not _lead_pattern().match(line):
            dateline = next((m for p in _first_line_dateline_patterns() if (m := p.match(line))), None)
        if dateline and number > 0:
            boilerplate.append((start, start + dateline.end()))
            _start_sentence(doc, start + dateline.end(), starts)
        credit = find_credit(line)
        in_known = any(s <= start and end <= e for s, e in known_captions)
        if credit or in_known:
            credit_text = credit.group("credit").strip() if credit else None
            if credit and credit.start() == 0 and previous and _looks_like_caption(text[previous[0] : previous[1]]):
                # A credit alone on its line credits the caption on the line before it.
                captions.append(Caption(text=text[previous[0] : previous[1]], start=previous[0], end=previous[1], credit=credit_text))
            captions.append(Caption(text=line, start=start, end=end, credit=credit_text))
            if credit:
                boilerplate.append((start + credit.start(), start + credit.end()))
            previous = None
            continue
        if any(p.match(line) for p in _byline_patterns()):
            sections.append(Section(kind="byline", label="Byline", start=start, end=end))
            boilerplate.append((start, end))
            continue
        if _related_pattern().match(line):
            sections.append(Section(kind="related", label=line.split(":", 1)[0].strip(), start=start, end=end))
            boilerplate.append((start, end))
            continue
        lead = _lead_pattern().match(line)
        if lead:
            label_start, label_end = start + lead.start("label"), start + lead.end("label")
            sections.append(Section(kind="lead", label=text[label_start:label_end], start=label_start, end=label_end))
            boilerplate.append((label_start, label_end))
            _start_sentence(doc, start + lead.end(), starts)
        previous = (start, end) if number > 0 else None
        prose_started = prose_started or number > 0
        bullet = BULLET.match(line)
        if bullet and number > 0:
            sections.append(Section(kind="bullet", label="Bullet", start=start, end=end))
            boilerplate.append((start + bullet.start(1), start + bullet.end(1)))
            _start_sentence(doc, start + bullet.end(), starts)

    _mark_sentence_starts(doc, starts)
    doc._.sections = sections
    doc._.captions = captions
    doc._.boilerplate = boilerplate
    return doc
