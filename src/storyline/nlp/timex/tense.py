"""Tense context: is an expression about the past or the future of the creation date?

With a parsed spaCy Doc, the verb governing the expression decides (its auxiliaries
and tag); otherwise, or when the parse says nothing, the nearest cue word in the
same sentence does ("will", "said", a word ending in -ed ...).
"""
from __future__ import annotations

import re
from functools import lru_cache

from storyline.nlp.timex.lexicon import lexicon
from storyline.nlp.timex.resolve import Direction

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_PAST_TAGS = {"VBD"}
_WINDOW = 90  # characters of context either side for textual cues


@lru_cache(maxsize=1)
def _cue_regex() -> re.Pattern[str]:
    cues = sorted(lexicon().tense_cues, key=len, reverse=True)
    words = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    return re.compile(rf"(?<![\w'])(?:(?P<cue>{words})|(?P<ed>[a-z]{{3,}}ed))(?!\w)", re.IGNORECASE)


def from_text(text: str, start: int, end: int) -> Direction:
    """The direction of the nearest cue in the sentence around text[start:end]."""
    left = max(0, start - _WINDOW)
    sentence_start = max(text.rfind(". ", left, start), text.rfind("\n", left, start))
    if sentence_start >= 0:
        left = sentence_start + 1
    right = min(len(text), end + _WINDOW)
    stop = min((i for i in (text.find(". ", end, right), text.find("\n", end, right)) if i >= 0), default=right)
    best: tuple[int, Direction] | None = None
    cues = lexicon().tense_cues
    for match in _cue_regex().finditer(text, left, stop):
        distance = start - match.end() if match.end() <= start else match.start() - end
        if distance < 0:
            continue
        if distance > 0 and match.start() >= end:
            distance += 20  # a cue before the expression governs it more often than one after
        cue = match.group("cue")
        direction: Direction = cues.get(" ".join(cue.lower().split()), "past") if cue else "past"
        if best is None or distance < best[0]:
            best = (distance, direction)
    return best[1] if best else None


def from_doc(doc, start: int, end: int) -> Direction:
    """The tense of the verb that governs text[start:end] in the parsed doc, when it tells."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(4):  # climb to the governing verb
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    # An infinitive ("voted to support ... Friday") takes the tense of the verb it complements.
    for _ in range(2):
        if token.tag_ == "VB" and token.dep_ in ("xcomp", "advcl", "acl") and token.head is not token \
                and any(child.lower_ == "to" for child in token.children) and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
    auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & _FUTURE_AUX:
        return "future"
    if "going" in words and any(child.lower_ == "to" for child in token.children):
        return "future"
    if token.tag_ in _PAST_TAGS or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if token.tag_ == "VBN" and words & {"has", "have", "had", "'s", "'ve"}:
        return "past"
    if token.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return "future"  # "the team is playing Sunday"
    if token.tag_ == "VB" and words & {"to", "can", "must", "should", "would", "could", "might", "may"}:
        return "future"
    return None


_FUTURE_BEFORE = re.compile(r"(?:as\s+(?:soon|early)\s+as|until|till|starting|beginning|no\s+later\s+than)\s+(?:on\s+)?$", re.I)


def direction(text: str, start: int, end: int, doc=None) -> Direction:
    if _FUTURE_BEFORE.search(text, max(0, start - 24), start):
        return "future"  # "as early as Tuesday", "postponed until Tuesday"
    if doc is not None and doc.has_annotation("DEP"):
        found = from_doc(doc, start, end)
        if found is not None:
            return found
    return from_text(text, start, end)
