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
from storyline.wordlists import word_set

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_PAST_TAGS = {"VBD"}
_MODALS = {"can", "must", "should", "would", "could", "might", "may"}
_WINDOW = 90  # characters of context either side for textual cues
# Words right before an expression that settle its direction whatever the verb says.
# ("come November", "come the autumn": when it comes, a time ahead)
_FUTURE_BEFORE = re.compile(r"(?:as\s+(?:soon|early)\s+as|until|till|starting|beginning|effective|no\s+later\s+than|\bcome)\s+(?:on\s+)?$", re.I)
_UNTIL = re.compile(r"(?:until|till)\b", re.I)
# "since January 1", "since shortly after the Oct. 23 slaying"
_PAST_BEFORE = re.compile(r"\bsince\s+(?:(?:shortly\s+|soon\s+|just\s+)?(?:after|before)\s+)?(?:the\s+)?(?:early\s+|late\s+|mid-?)?$", re.I)


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
    if span is None or len(span) == 0 or not span[0].dep_:  # no parse: the text cues decide
        return None
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return "past"  # "Tuesday's ruling": a day named as an event's owner is one already past
    if span.root.dep_ in ("compound", "nmod", "amod") and span.root.head.pos_ in ("NOUN", "PROPN") \
            and not span.start <= span.root.head.i < span.end:
        return None  # "a June agreement": the month dates the noun, whose time the verb need not share
    token = _governing_verb(span.root)
    if token is None:
        return None
    attached = token  # the verb the expression modifies, before climbing out of infinitives
    # An infinitive ("voted to support ... Friday") takes the tense of the verb it complements;
    # so does a bare infinitive after "let", "make", "see" ("let the offensive begin Saturday").
    for _ in range(2):
        if token.tag_ == "VB" and token.dep_ in ("xcomp", "advcl", "acl", "ccomp") and token.head is not token \
                and token.head.pos_ in ("VERB", "AUX") and _complements(token):
            token = token.head
    outer = token  # "had been due to expire": through the adjective the infinitive completes
    if outer.dep_ == "xcomp" and outer.head.pos_ == "ADJ" and outer.head.dep_ in ("acomp", "oprd") \
            and outer.head.head.pos_ in ("VERB", "AUX"):
        outer = outer.head.head
    if _has_perfect_past(outer) or _has_perfect_past(attached):
        return "past"  # "had been due to expire Friday": the past perfect looks back from a past moment
    if token.tag_ == "VB" and token.dep_ == "acl" and token.head.lower_ in lexicon().planning_nouns \
            and any(child.lower_ == "to" for child in token.children):
        return "future"  # "announced an agreement to acquire the bank in January"
    # "the first countries to join NATO on Friday were ...", "a service planned for Saturday was
    # canceled": an infinitive or participle qualifying a noun takes the tense of the noun's clause.
    if token.dep_ in ("acl", "relcl", "csubj") and (
            token.tag_ == "VBN" and not _auxiliaries(token)
            or token.tag_ == "VB" and any(child.lower_ == "to" for child in token.children)):
        clause = _governing_verb(token.head)
        if clause is not None and clause is not token and (clause.tag_ in _PAST_TAGS or any(
                child.tag_ == "VBD" for child in _auxiliaries(clause))):
            return "past"
    planning = lexicon().planning_verbs
    if token.dep_ == "acl" and token.tag_ == "VBN" and not _auxiliaries(token) \
            and (token.lower_ not in planning or _record_set(token)):
        return "past"  # "the man arrested Friday", "a record set on Aug. 6": a reduced passive tells a done deed
    # "has scheduled a news conference Thursday", "plans to leave Thursday": the event lies ahead;
    # but a day a plan told in the simple past takes before its object is when it was made
    # ("On Friday, it planned to pay", "agreed Tuesday to sell the unit").
    made_then = token is attached and token.tag_ in _PAST_TAGS and (span.start < token.i or not any(
        child.dep_ in ("dobj", "xcomp", "ccomp") and token.i < child.i < span.start for child in token.children))
    if token.lower_ in planning and not made_then and not _record_set(token) \
            or (token.head is not token and token.head.lower_ in planning and token.dep_ in ("xcomp", "ccomp")):
        return "future"
    auxiliaries = _auxiliaries(token)
    words = {child.lower_ for child in auxiliaries}
    if words & _FUTURE_AUX:
        return "future"
    if "going" in words and any(child.lower_ == "to" for child in token.children):
        return "future"
    if token.tag_ in _PAST_TAGS or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if token.tag_ == "VBN" and words & {"has", "have", "had", "'s", "'ve"}:
        return "past"
    if token.tag_ in ("VB", "VBG") and "would" in words:
        return "future"  # "said the father would be traveling Thursday": a future told from the past
    if token.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return "future"  # "the team is playing Sunday"
    if token.tag_ == "VB" and words & {"to", "can", "must", "should", "could", "might", "may"}:
        return "future"
    if token.tag_ == "VBN" and "be" in words and words & (_MODALS - {"could"}):
        return "future"  # "would be paid on a date in January"; "could not be reached Friday" is past
    if token.tag_ in ("VBP", "VBZ") and not words and _in_headline(doc, start):
        return "past"  # a headline's present tells what has just happened ("Airbus delivers first A380 Monday")
    if token.tag_ in ("VBP", "VBZ") and not words and token.lemma_ != "be" and _modifies(span.root, token) \
            and token.lemma_ not in word_set("reporting_verbs.txt") and not any(t.tag_ == "VBD" for t in token.sent):
        # "talks resume Monday", "the two meet Friday": news tells a scheduled event in the present
        # (not "stocks hurt the index, which fell ... on Friday": a past sentence's "hurt" is past)
        return "future"
    return None  # "says Monday" and the like: the text cues decide


def _modifies(root, verb) -> bool:
    """Whether the expression hangs off the verb itself ("meet Monday", "resume on Monday")."""
    return root.head.i == verb.i and root.dep_ in ("npadvmod", "tmod", "obl") or (
        root.head.dep_ == "prep" and root.head.head.i == verb.i)


def _record_set(token) -> bool:
    """"set" plans ("set for Tuesday", "set to vote", "set Friday as the deadline") only with its
    complement; "a record high set on Aug. 6" tells when something was done."""
    return token.lower_ == "set" and not any(child.lower_ in ("for", "to", "as") or child.dep_ == "xcomp"
                                             for child in token.children)


def _governing_verb(token):
    """The verb (or auxiliary) at most four steps up from `token`, or None."""
    for _ in range(4):  # climb to the governing verb
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _auxiliaries(token) -> list:
    return [child for child in token.children if child.dep_ in ("aux", "auxpass")]


def _complements(token) -> bool:
    """Whether a base-form verb is an infinitive complement: with "to", or bare after its head verb."""
    auxiliaries = _auxiliaries(token)
    if any(child.lower_ == "to" for child in token.children):
        return True
    return token.dep_ == "ccomp" and not auxiliaries and not any(child.dep_ == "mark" for child in token.children)


def _has_perfect_past(token) -> bool:
    if token.dep_ == "conj" and not _auxiliaries(token) and token.head is not token:
        token = token.head  # "had ruled ... and set Friday as the deadline": conjuncts share their auxiliaries
    return any(child.dep_ == "aux" and child.lower_ in ("had", "'d") and child.tag_ == "VBD" for child in token.children)


def _past_perfect(doc, start: int, end: int) -> bool:
    """Whether the verb governing text[start:end] is in the past perfect ("had not called")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or not span[0].dep_:
        return False
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    return any(child.dep_ == "aux" and child.lower_ in ("had", "'d") for child in token.children)


def _in_headline(doc, start: int) -> bool:
    """Whether `start` lies in a title: a first line that is short and not a sentence of prose
    (a transcript's opening paragraph is no headline)."""
    headline = doc._.headline_range if doc.has_extension("headline_range") else None
    if not headline or not headline[0] <= start < headline[1]:
        return False
    line = (doc._.text if doc.has_extension("text") and doc._.text else doc.text)[headline[0]:headline[1]].strip()
    return len(line) <= 150 and not line.endswith(".") and ". " not in line


def _in_caption(doc, start: int) -> bool:
    captions = doc._.captions if doc.has_extension("captions") else None
    return any(caption.start <= start < caption.end for caption in captions or ())


def direction(text: str, start: int, end: int, doc=None) -> Direction:
    """"past", "future" or None (nothing tells) for the expression at text[start:end]."""
    before = _FUTURE_BEFORE.search(text, max(0, start - 24), start)
    if before:
        # "as early as Tuesday", "postponed until Tuesday"; but "until Thursday, they had not
        # called him a suspect" tells of a past that has already reached that day.
        if doc is not None and _UNTIL.match(before.group(0)) and _past_perfect(doc, start, end):
            return "past"
        return "future"
    if _PAST_BEFORE.search(text, max(0, start - 40), start):
        return "past"  # "since January 1"
    if doc is not None and _in_caption(doc, start):
        return "past"  # a photo caption's present tense tells what has just happened
    if doc is not None:  # (not doc.has_annotation("DEP"): it walks every token, on every call)
        found = from_doc(doc, start, end)
        if found is not None:
            return found
    return from_text(text, start, end)
