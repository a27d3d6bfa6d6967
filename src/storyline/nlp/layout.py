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
from dataclasses import dataclass
from functools import cache

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from storyline.wordlists import word_list
from storyline.nlp import extensions  # noqa: F401
from storyline.nlp.extensions import text_of
from storyline.nlp.quotes import wrapped
from storyline.record import Caption, Section

MAX_CAPTION_WORDS = 40
MAX_INLINE_CAPTION_WORDS = 80  # "This image released by ... shows ...": an opener says it is a caption
MAX_SUBHEADING_WORDS = 8
MAX_LINK_WORDS = 20  # a linked headline is a headline: short, no closing punctuation
QUOTED_SENTENCE = re.compile(r"[.!?,…][\"”’]")
BULLET = re.compile(r"^\s*([•·▪◦●‣∙*\-–—])\s+")
# "WINNER: ...", "THE NUMBERS: ...": an all-capitals label opening a line of a list or a results box.
CAPITALS_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z0-9'’&/ .-]{1,40}?)\s*:\s+(?=\S)")
SUBHEADING_END = tuple('.!?:;,"”’\'…)]')


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


@cache
def _glued_credit_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in word_list("glued_credit_patterns.txt"))


def glued_credits(line: str) -> list[re.Match[str]]:
    """Photo credits inside a line of prose whose line breaks were lost ("... in Louisiana. Photograph: Reuters BP has ...")."""
    found = sorted((m for p in _glued_credit_patterns() for m in p.finditer(line)), key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for match in found:  # two patterns may read the same credit: the longest reading stands
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


# Where a sentence ends inside a line of prose: after its closing mark and the space, the next one opens.
SENTENCE_BREAK = re.compile(r"[.!?\"”’)]\s+(?=[A-Z\"“‘])")


def caption_before(line: str, credit_start: int, floor: int = 0) -> tuple[int, int] | None:
    """The sentence just before a photo credit glued into prose ("... oil rig seen burning in April. A report
    commissioned by ... after the explosion. Photograph: Gerald Herbert/AP The White House ..."): the picture's
    caption, as a caption always stands before its credit; None when that sentence is too long to be one.
    `floor`: where the line's prose starts (after a glued title). Offsets are the line's."""
    end = len(line[:credit_start].rstrip())
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(line, floor, max(floor, end - 1))]
    start = breaks[-1] if breaks else floor + len(line[floor:]) - len(line[floor:].lstrip())
    if start >= end or len(line[start:end].split()) > MAX_CAPTION_WORDS:
        return None
    return start, end


@cache
def _caption_openers() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in word_list("caption_openers.txt"))


@dataclass(frozen=True, slots=True)
class FurnitureRule:
    """One kind of page furniture set inside a line ("(Update 9:40 p.m. ...) --", "— Name (@handle) Date")."""
    name: str
    example: str  # a made-up line holding it
    needles: tuple[str, ...]  # one of them is in every match: a line holding none is not searched (the cost is the regex)
    pattern: re.Pattern[str]

    def finditer(self, line: str):
        return self.pattern.finditer(line) if not self.needles or any(n in line for n in self.needles) else ()


@cache
def furniture_rules() -> tuple[FurnitureRule, ...]:
    """The ordered table of data/page_furniture.txt (name, example, needles, regex; tab-separated)."""
    rules = []
    for entry in word_list("page_furniture.txt"):
        name, example, needles, pattern = entry.split("\t", 3)
        rules.append(FurnitureRule(name, example, () if needles == "-" else tuple(needles.split("|")), re.compile(pattern)))
    return tuple(rules)


# A scraped page glued onto one line ends its headline and standfirst where its time stamp, byline or dateline stands.
HEADLINE_ENDS = frozenset({"publication_stamp", "wire_dateline", "glued_byline"})


# A date opening a chronology's entry ("May 9 - BP says ...") is read with its sentence, as a dateline is.
OPENS_A_SENTENCE = frozenset({"chronology_date"})


def page_furniture(line: str) -> list[tuple[str, int, int]]:
    """Each piece of page furniture in a line: (its rule's name, start, end), in text order; pieces that
    overlap ("... 7:16 am EDT" and "EDT HONG KONG (Reuters) -") are one, named by the first."""
    found = sorted((m.start(), m.end(), rule.name) for rule in furniture_rules() for m in rule.finditer(line) if m.end() > m.start())
    pieces: list[tuple[str, int, int]] = []
    for start, end, name in found:
        if pieces and start < pieces[-1][2]:
            pieces[-1] = (pieces[-1][0], pieces[-1][1], max(end, pieces[-1][2]))
        else:
            pieces.append((name, start, end))
    return pieces


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


def _is_inline_caption(line: str) -> bool:
    """ "This image released by the studio shows ...", "FILE - In this 2019 photo, ...": a caption set in the body."""
    return len(line.split()) <= MAX_INLINE_CAPTION_WORDS and any(p.match(line) for p in _caption_openers())


def _is_subheading(line: str) -> bool:
    """A short line that opens with a capital and ends without punctuation ("Budget shortfall") heads a
    section of the body; quoted words are someone's, never a heading."""
    words = line.split()
    return (0 < len(words) <= MAX_SUBHEADING_WORDS and line[0].isupper() and not line.endswith(SUBHEADING_END)
            and not any(mark in line for mark in '"“”') and not BULLET.match(line))


def _is_headline_shaped(line: str) -> bool:
    """A line set like a headline ("Eyewitnesses describe fear as gunshots fired in the capital"): a capital or a
    quotation mark first, at most MAX_LINK_WORDS words, no closing punctuation, no handle or link (a post's line),
    no quoted sentence ("“He knows nothing.” ― Pamela Padilla" is a reader's words, signed)."""
    words = line.split()
    return (3 <= len(words) <= MAX_LINK_WORDS and (line[0].isupper() or line[0] in "'‘\"“") and not line.endswith(SUBHEADING_END)
            and not BULLET.match(line) and "@" not in line and "http" not in line and not line.startswith(("—", "–"))
            and not QUOTED_SENTENCE.search(line))


def _link_runs(all_lines: list[tuple[int, int]], text: str) -> set[int]:
    """Lines of the body that stand in a run of two or more headline-shaped lines: a block of links to other
    stories or a standfirst's points, dropped into a scraped body ("PM to address nation tonight" / "Eyewitnesses
    describe fear ..."); prose ends its sentences. A line of at most MAX_SUBHEADING_WORDS words is left to be
    read as a sub-heading, whose names still count as mentions ("Mayor Tom Cole unveils harbour plan")."""
    shaped = [number > 0 and _is_headline_shaped(text[s:e]) for number, (s, e) in enumerate(all_lines)]
    return {n for n, is_shaped in enumerate(shaped)
            if is_shaped and (n > 0 and shaped[n - 1] or n + 1 < len(shaped) and shaped[n + 1])
            and len(text[all_lines[n][0]:all_lines[n][1]].split()) > MAX_SUBHEADING_WORDS}


def _layout_labels(text: str) -> set[str]:
    """All-capitals line labels that are layout ("WINNER:", "MARKETS:"), not a transcript's speakers.
    A transcript goes back to a speaker after another ("ROE: ... POST: ... ROE: ...") and asks
    questions; a speaker's label is a name the article also writes in lower case ("PIKE:" and "Joan Pike")."""
    found = [(m.group("label").strip(), text[e - 1 : e]) for s, e in lines(text) if (m := CAPITALS_LABEL.match(text[s:e]))]
    sequence = [label for label, _ in found]
    for label in set(sequence):
        places = [n for n, other in enumerate(sequence) if other == label]
        if any(other != label for other in sequence[places[0] : places[-1]]):
            return set()  # a transcript: every label is a speaker
    if any(end == "?" for _, end in found):
        return set()
    return {label for label in sequence if len(label) > 2 and not re.search(rf"\b{re.escape(label.title())}\b", text)}


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


def _opens_with_layout(line: str) -> bool:
    """A first line that is a byline, a caption, a credit, a dated paragraph or a time stamp is no headline."""
    return (any(p.match(line) for p in _byline_patterns()) or _is_inline_caption(line) or find_credit(line) is not None
            or any(p.match(line) for p in _dateline_patterns()) or any(s == 0 for _, s, _ in page_furniture(line)))


def _glued_title_length(line: str, title: str | None) -> int:
    """How much of a first line is the title the metadata gives, when the text glues its first sentence on
    ("Port to close The harbor will shut ...", as some scrapes and corpora do): 0 when it is the whole line or
    not there, so the line stays the headline. Without this, the whole first line, often the whole article,
    counted as its headline."""
    title = (title or "").strip()
    if not title or len(title) >= len(line.rstrip()) or not line.startswith(title) or not line[len(title)].isspace():
        return 0
    return len(title)


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
    layout_labels = _layout_labels(text)
    all_lines = list(lines(text))
    link_runs = _link_runs(all_lines, text)
    for number, (start, end) in enumerate(all_lines):
        line = text[start:end]
        furniture = page_furniture(line)
        if number == 0 and not _opens_with_layout(line):  # a text with no title opens with its byline or prose
            glued_title = _glued_title_length(line, doc._.title)
            end_of_headline = start + glued_title if glued_title else end
            stamp = next((s for name, s, _ in furniture if name in HEADLINE_ENDS and s > 0), None)
            if stamp and start + stamp < end_of_headline:  # "Port to close Friday 28 May 2010 10.27 BST The harbor ..."
                end_of_headline = start + len(line[:stamp].rstrip())
            doc._.headline, doc._.headline_range = text[start:end_of_headline], (start, end_of_headline)
            sections.append(Section(kind="headline", label="Headline", start=start, end=end_of_headline))
            if end_of_headline < end:  # the glued first sentence starts after the title
                rest = text[end_of_headline:end]
                _start_sentence(doc, end_of_headline + len(rest) - len(rest.lstrip()), starts)
        # a hard-wrapped line goes on with the sentence of the line before: words said run on over it
        if not (number > 1 and wrapped(text, all_lines[number - 1][1], start)):
            _start_sentence(doc, start, starts)
        for name, furniture_start, furniture_end in furniture:  # layout glued into the line: a sentence of its own
            boilerplate.append((start + furniture_start, start + furniture_end))
            if name not in OPENS_A_SENTENCE:
                _start_sentence(doc, start + furniture_start, starts)
                if furniture_end < len(line):
                    _start_sentence(doc, start + furniture_end, starts)
        capitals = CAPITALS_LABEL.match(line)
        if capitals and capitals.group("label").strip() in layout_labels:
            label_end = start + capitals.end("label")
            sections.append(Section(kind="lead", label=capitals.group("label").strip(), start=start, end=label_end))
            boilerplate.append((start, start + capitals.end()))
            _start_sentence(doc, start + capitals.end(), starts)
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
        in_known = any(s <= start and end <= e for s, e in known_captions) or _is_inline_caption(line)
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
        floor = 0
        for glued in glued_credits(line):  # the credit is layout; the prose after it starts a sentence
            if number > 0 or doc._.headline_range and doc._.headline_range[1] < end:
                floor = max(floor, doc._.headline_range[1] - start if number == 0 else 0,
                            *(e for _, _, e in furniture if e <= glued.start()))
                if (caption := caption_before(line, glued.start(), floor)) is not None:
                    captions.append(Caption(text=line[caption[0] : caption[1]], start=start + caption[0], end=start + caption[1],
                                            credit=glued.group("credit")))
                    _start_sentence(doc, start + caption[0], starts)
            floor = glued.end()
            captions.append(Caption(text=glued.group(0), start=start + glued.start(), end=start + glued.end(), credit=glued.group("credit")))
            boilerplate.append((start + glued.start(), start + glued.end()))
            _start_sentence(doc, start + glued.end() + 1, starts)
        if any(p.match(line) for p in _byline_patterns()):
            sections.append(Section(kind="byline", label="Byline", start=start, end=end))
            boilerplate.append((start, end))
            continue
        if number in link_runs and not dateline and not _lead_pattern().match(line):
            sections.append(Section(kind="related", label="Links", start=start, end=end))
            boilerplate.append((start, end))
            previous = None
            continue
        if _related_pattern().match(line):
            sections.append(Section(kind="related", label=line.split(":", 1)[0].strip(), start=start, end=end))
            boilerplate.append((start, end))
            continue
        if 0 < number < len(all_lines) - 1 and _is_subheading(line) and not dateline and not _lead_pattern().match(line):
            sections.append(Section(kind="lead", label=line, start=start, end=end))
            boilerplate.append((start, end))
            previous = None
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
