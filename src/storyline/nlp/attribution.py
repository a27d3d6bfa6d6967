"""storyline_attribution: every attributed statement, as source, cue and content spans.

Rules over the dependency parse and the paired quotation marks:
- a reporting verb (data/reporting_verbs.txt) outside quotes, with its subject as source and
  its clausal complement, a quote beside it, or a quoted object as content;
- "according to X, ..." and documents that speak ("a letter from X informing Y that ...");
- quotes with no cue of their own (continuing a speaker, bullet lines, headline quotes)
  become statements with no source; storyline_speakers credits them.
Where a trained model has left predictions (`doc._.model_attributions`), those come first and
the rules add what the model missed.

The steps are the named, ordered table `STEPS` (each with an example, checked by one parametrised
test): the model's predictions (`Prediction`) are repaired, become drafts (`Draft`), and the rules add
theirs; each draft names the steps that made or changed it (`storyline analyze --explain`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from storyline.nlp import extensions  # noqa: F401
from storyline.nlp.extensions import text_of
from storyline.nlp.intervals import SortedRanges
from storyline.nlp.quotes import QUOTE_OPENERS, Quote, find_quotes
from storyline.record import Span, Statement
from storyline.wordlists import word_list, word_set

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CONTENT_DEPS = {"ccomp", "parataxis"}
ADDRESSEE_DEPS = {"dobj", "dative", "iobj"}
TOPIC_PREPOSITIONS = {"of", "about", "on", "against"}
MIN_QUOTE_WORDS = 3  # shorter quotes are scare quotes or titles, not statements by themselves
# A quote with no cue must look like something said, not a quoted phrase ("consequences nobody will forget").
MIN_UNCUED_WORDS = 5
NOT_A_NAME = {"DATE", "TIME", "GPE", "LOC", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}  # entity types of no speaker
NOT_A_SPEAKER = {"DET", "ADJ", "ADV", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT"}  # parts of speech
WH_TAGS = {"WP", "WP$", "WDT"}  # who, whose, which/that
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}  # a finite verb or a modal: a clause of its own
FIRST_PERSON = {"i", "we"}
NON_PERSON_PRONOUNS = {"it", "this", "that", "these", "those", "which", "what"}
PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "his", "her", "their", "my", "our"}  # a speaker's, as a subject or possessor
FIRST_PERSON_WORDS = {"i", "me", "my", "mine", "we", "us", "our", "ours"}
MAX_OBJECT_WORDS = 3  # "the ministry", "it": an object, not words said, when its cue also has a clause
SPEAKER_LABEL = re.compile(r"^[ \t•*\"“-]*(?P<label>[A-Z][\w.'’ -]{0,40}?):[ \t]+(?P<rest>[^\n]{8,})", re.MULTILINE)
HEADLINE_TAIL_LABEL = re.compile(r"^(?P<rest>[^\n:]{8,}?):[ \t]*(?P<label>[A-Z][\w.'’ -]{0,40}?)[ \t]*$", re.MULTILINE)
TIME_OF_SAYING_DEPS = {"npadvmod", "tmod", "prep", "advmod", "obl"}  # how a time hangs off its cue verb
CONTINUATION_GAP = 12  # characters besides cue, source and punctuation between a quote and its continuation
LOOSE_ENDS = {"DET", "ADP", "CCONJ", "SCONJ", "PUNCT"}  # parts of speech
LOOSE_STARTS = {"ADV", "INTJ", "SCONJ", "CCONJ"}  # parts of speech opening a sentence before a comma ("However,")
NOUN_MODIFIER_DEPS = {"compound", "amod", "nummod", "det", "poss"}
NAME_CONNECTORS = {"of", "for", "the", "and", "de", "van", "von", "al"}  # "Chamber of Commerce"
QUOTE_OR_COLON = set(":\"“”‘’'")
EDGE_PUNCTUATION = ",;:—–-\"“”'‘’•·▪*"
QUOTE_JOINERS = {"and", "or"}  # '"A" and "B"': two quotes under one cue, all words said
MAX_TITLE_WORDS = 10  # a quoted title is short: longer title-case words are a headline or a slogan line
BLOCK = 256  # characters per bucket of the index of drafts by their words


Parts = list[tuple[int, int]]


@dataclass(slots=True, eq=False)
class Prediction:
    """One attribution as the trained model predicted it, reshaped by the model steps; `steps` names those that changed it."""

    source: Parts
    cue: Parts
    content: Parts
    steps: list[str] = field(default_factory=list)

    def shape(self) -> tuple:
        return tuple(self.source), tuple(self.cue), tuple(self.content)


@dataclass(slots=True, eq=False)
class Draft:
    """A statement in the making: `steps` names the steps that made or changed it (`storyline analyze --explain`)."""

    content: Parts
    source: tuple[int, int] | None
    cue: Parts | None
    verb: Token | None = None
    addressee: str | None = None
    model: bool = False  # from the trained model (the rules defer to it)
    verbatim: bool = False  # direct speech though unquoted (a transcript's line)
    steps: list[str] = field(default_factory=list)

    def shape(self) -> tuple:
        return tuple(self.content), self.source, tuple(self.cue or ()), self.addressee


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def tokens_with(doc: Doc, attr: int, values: frozenset[str] | set[str]) -> list[Token]:
    """The tokens whose `attr` (LEMMA, LOWER) is one of `values`, in order, found from the Doc's arrays:
    a rule looking for a few words does not make a Token object for every word of the article."""
    if not len(doc):
        return []
    column, words = _column(doc, attr)
    wanted = [h for h, word in words.items() if word in values]
    return [doc[i] for i in np.nonzero(np.isin(column, wanted))[0].tolist()] if wanted else []


def _column(doc: Doc, attr: int) -> tuple[np.ndarray, dict[int, str]]:
    """The Doc's `attr` column and the word of each value in it, read once per Doc: a dozen rules ask
    `tokens_with` of the same column (lemmas and lower case are final before attribution runs)."""
    key = ("storyline_column", attr)
    found = doc.user_data.get(key)
    if found is None:
        column = doc.to_array(attr)
        strings = doc.vocab.strings
        found = doc.user_data[key] = column, {h: strings[h] for h in set(column.tolist())}
    return found


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range without surrounding whitespace and punctuation (quotes included)."""
    text = text_of(doc)
    while start < end and (text[start].isspace() or text[start] in EDGE_PUNCTUATION):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE_PUNCTUATION):
        end -= 1
    return start, end


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep a partial quote's closing mark when the content opens one ('was "glad common sense has prevailed."')."""
    inside = text[start:end]
    opened = inside.count("“") > inside.count("”") or inside.count('"') % 2 == 1
    if opened and not inside.startswith(('"', "“")):
        for stop in range(end, min(end + 3, len(text))):
            if text[stop] in '"”':
                return start, stop + 1
    return start, end


def _subtree(token: Token) -> tuple[int, int]:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def _cue_span(verb: Token) -> list[tuple[int, int]]:
    tokens = [verb] + [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "prt"}]
    tokens.sort(key=lambda t: t.i)
    parts: list[list[int]] = []
    for token in tokens:
        if parts and token.i == parts[-1][1] + 1:
            parts[-1][1] = token.i
        else:
            parts.append([token.i, token.i])
    doc = verb.doc
    return [(doc[a].idx, doc[b].idx + len(doc[b])) for a, b in parts]


def put_to_subject(verb: Token) -> bool:
    """ "Asked about X, Poe said ...": a past participle opening a clause of its own, with no
    subject or auxiliary, puts X to the main clause's subject; the question is the reporter's."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and verb.i < verb.head.i and not any(
        c.dep_ in SUBJECT_DEPS | {"aux", "auxpass", "agent"} for c in verb.children
    )


def _subject(verb: Token) -> Token | None:
    if put_to_subject(verb):
        return None
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and not (child.is_punct or child.pos_ in {"SYM", "X", "SPACE"}):
            if child.dep_ in SUBJECT_DEPS and child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                return verb.head  # "a memo that suggested ...": the memo speaks
            return child
        if child.dep_ == "agent":  # "was told by X"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:  # "X smiled and said ..."
        return _subject(verb.head)
    return None


def _addressee(verb: Token) -> str | None:
    if verb.lemma_ in word_set("addressee_verbs.txt"):
        for child in verb.children:
            if child.dep_ in ADDRESSEE_DEPS:
                start, end = _subtree(child)
                return text_of(verb.doc)[start:end]
    if verb.lemma_ not in word_set("addressee_to_verbs.txt"):
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                start, end = _subtree(objects[0])
                return text_of(verb.doc)[start:end]
    return None


class _Finder:
    """Holds what every rule needs for one Doc: the quotes, the ranges not to read, the drafts found."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        quotes = find_quotes(text_of(doc), doc._.headline_range)
        self.quotes = [q for q in quotes if not q.nested]  # the rules read outer quotes; a nested one only tells kind
        self._nested = SortedRanges([q for q in quotes if q.nested], attrgetter("start"), attrgetter("end"))
        self.skip = list(doc._.boilerplate or []) + [(c.start, c.end) for c in doc._.captions or []]
        self.predictions = [
            Prediction(*([tuple(p) for p in predicted.get(role, [])] for role in ("source", "cue", "content")))
            for predicted in doc._.model_attributions or []
        ]
        self.found: list[Draft] = []
        self._quotes = SortedRanges(self.quotes, attrgetter("start"), attrgetter("end"))
        self._drafts_by_block: dict[int, list[Draft]] = {}
        self._indexed: list[Draft] | None = None
        self._dropped: dict[int, Draft] = {}  # held, so that their ids are not reused while the index lists them
        self._cue_verbs: dict[tuple[int, int], Token | None] = {}

    def cue_verb(self, cue: list[tuple[int, int]] | None) -> Token | None:
        """`_cue_verb`, kept per character range: a dozen steps ask it of every prediction."""
        if not cue:
            return None
        key = (cue[0][0], cue[-1][1])
        if key not in self._cue_verbs:
            self._cue_verbs[key] = _cue_verb(self.doc, cue)
        return self._cue_verbs[key]

    def quotes_near(self, start: int, end: int) -> list[Quote]:
        return self._quotes.near(start, end)

    def nested_quotes_near(self, start: int, end: int) -> list[Quote]:
        return self._nested.near(start, end)

    def index(self, found: Draft, parts: list[tuple[int, int]]) -> None:
        """Files a draft's words (a rule that adds words to a draft outside `add` calls it too)."""
        for start, end in parts:
            for block in range(start // BLOCK, end // BLOCK + 1):
                self._drafts_by_block.setdefault(block, []).append(found)

    def drafts_near(self, parts: list[tuple[int, int]]) -> list[Draft]:
        """The drafts whose words may lie within 2 characters of `parts` (callers test their own condition)."""
        if self._indexed is not self.found:  # a rule replaced the list of drafts: index it anew
            self._indexed, self._drafts_by_block = self.found, {}
            for found in self.found:
                self.index(found, found.content)
        near: dict[int, Draft] = {}
        for start, end in parts:
            for block in range((start - 2) // BLOCK, (end + 2) // BLOCK + 1):
                for found in self._drafts_by_block.get(block, ()):
                    near[id(found)] = found
        return [found for key, found in near.items() if key not in self._dropped]

    def drop(self, doomed: list[Draft]) -> None:
        """Removes drafts in place (the index forgets them, instead of being rebuilt)."""
        if doomed:
            self._dropped.update((id(found), found) for found in doomed)
            self.found[:] = [found for found in self.found if id(found) not in self._dropped]

    def quote_inners(self) -> list[tuple[int, int]]:
        return [q.inner for q in self.quotes]

    def _defer_to_model(self, parts: list[tuple[int, int]], source: tuple[int, int] | None, cue: list[tuple[int, int]] | None,
                        verb: Token | None, addressee: str | None) -> bool:
        """Where the trained model read these words already, it wins: it measures better than the rules.
        A rule with the same cue may still tell who spoke, when the model found no source."""
        overlapping = [o for o in self.drafts_near(parts) if o.model and any(_overlaps(s, e, o.content) for s, e in parts)]
        if not overlapping:
            return False
        same_cue = [o for o in overlapping if cue and o.cue and _overlaps(cue[0][0], cue[-1][1], o.cue)]
        for other in same_cue:  # the model found the statement but not who made it
            if other.source is None and source is not None:
                other.source = source
        for other in overlapping:  # the model found words but neither cue nor source: the rule's are better than none
            if other.cue is None and other.source is None and cue:
                other.cue, other.source, other.verb, other.addressee = cue, source, verb, addressee
        return True

    def whole_quote(self, start: int, end: int) -> tuple[int, int]:
        """A clause the parser cut out of a quote stands for the whole quote ("A. B," X said)."""
        start, end = _trim(self.doc, start, end)
        for quote in self.quotes_near(start, end):
            inner_start, inner_end = quote.inner
            if inner_start <= start and end <= inner_end + 1:
                return inner_start, inner_end
        return start, end

    def quotes_touching(self, start: int, end: int) -> list[Quote]:
        return [q for q in self.quotes_near(start, end) if q.start < end and start < q.end]

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        return [q for q in self.quotes_near(start, end) if start <= q.inner[0] and q.inner[1] <= end + 1]

    def add(self, content: list[tuple[int, int]], source: tuple[int, int] | None, cue: list[tuple[int, int]] | None,
            verb: Token | None = None, addressee: str | None = None, model: bool = False, verbatim: bool = False,
            steps: tuple[str, ...] = ()) -> None:
        """Draft a statement; `verbatim` words are direct speech though unquoted (a transcript's line)."""
        parts = [_balance(text_of(self.doc), *_trim(self.doc, *_beside(s, e, cue or []))) for s, e in content]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            return
        if source is not None:
            source = _trim(self.doc, *source)
            if source[1] <= source[0]:
                source = None
        if not model and self._defer_to_model(parts, source, cue, verb, addressee):
            return
        if any(_same(other, start, end) for other in self.drafts_near(parts) for start, end in parts
               if not (model and other.model and cue and other.cue and other.cue != cue)):
            return  # the same words already credited (by the model, or an earlier rule); two cues the model gave them both stand

        self.found.append(Draft(parts, source, cue, verb, addressee, model, verbatim, list(steps)))
        if self._indexed is self.found:
            self.index(self.found[-1], parts)


def _beside(start: int, end: int, cue: list[tuple[int, int]]) -> tuple[int, int]:
    """Words never include their own cue: a part that begins or ends inside it stops at its edge
    ("declined to clarify" + "to clarify his warning" -> "his warning")."""
    for cue_start, cue_end in cue:
        if cue_start <= start < cue_end:
            start = cue_end
        if cue_start < end <= cue_end:
            end = cue_start
    return start, max(start, end)


def _same(found: Draft, start: int, end: int) -> bool:
    return any(abs(s - start) <= 2 and abs(e - end) <= 2 for s, e in found.content)


def _content_of(finder: _Finder, verb: Token) -> list[tuple[int, int]] | None:
    """The words a reporting verb attributes: its clause, a quote beside it, or a quoted object."""
    doc = finder.doc
    sentence = verb.sent
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS and child.i != verb.i:
            start, end = _subtree(child)
            if verb.idx < start:  # "X said (that) ..."
                return [(start, end)]
            subject = _subject(verb)
            if child.i < verb.i and subject is None:
                continue  # no one says the words before: "The plan was welcomed by the chamber, whose head said ..." misparsed
            if child.i < verb.i:  # "A, but B, X said": the parser hangs only B on the verb; the content is all before X
                stop = min(verb.idx, subject.left_edge.idx) if subject is not None and subject.i > child.i else verb.idx
                last = child.right_edge  # the parse may hang the colon on the clause before it
                while last.is_punct and last.i > child.left_edge.i:
                    last = doc[last.i - 1]
                if re.search(r"[:;]", text_of(doc)[last.idx + len(last) : stop]):
                    continue  # "We have been here before: bin Laden declared war": the writer's clause, then the cue's own
                return [(sentence.start_char, min(stop, max(end, stop)))]
    for child in verb.children:  # "warned of 'consequences nobody will forget'", "called the memo 'an early draft'"
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and finder.quotes_in(*_subtree(objects[0])):
                return [_subtree(objects[0])]
    objects = [c for c in verb.children if c.dep_ in {"dobj", "oprd", "xcomp"} and c.i > verb.i]
    if objects and any(finder.quotes_in(*_subtree(c)) for c in objects):
        return [(_subtree(objects[0])[0], _subtree(objects[-1])[1])]
    # "Mercer said wide receiver Andre Pike left ...": the parse took the clause's subject for the verb's
    # object and its verb for a relative clause with a subject of its own; the object's subtree is the clause
    clauses = [c for c in objects if c.dep_ == "dobj" and any(_misparsed_clause(r, c) for r in c.children)]
    if clauses and verb.i + 1 == clauses[0].left_edge.i:
        return [_subtree(clauses[0])]
    # `X said: "..."`, `"...," X said` and `"A," X said, "B."`: quotes in the sentence around the cue.
    quoted = [q for q in finder.quotes_touching(sentence.start_char, sentence.end_char) if _words(doc, q) >= MIN_QUOTE_WORDS]
    if not quoted and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":":
        following = [q for q in finder.quotes_near(verb.idx, verb.idx + 12) if q.start > verb.idx and q.start - verb.idx < 12]
        quoted = following[:1]
    if quoted:
        return [q.inner for q in quoted]
    return None


def _misparsed_clause(relative: Token, noun: Token) -> bool:
    """A "relative clause" right after its noun, with a subject of its own and no relative word: a
    clause whose subject was parsed as the noun ("receiver Andre Pike left" is "[wide receiver Andre Pike] left")."""
    return relative.dep_ == "relcl" and relative.i > noun.i and not any(t.tag_ in WH_TAGS or t.lower_ == "that" for t in relative.subtree) \
        and any(c.dep_ in SUBJECT_DEPS and c.left_edge.i == noun.i + 1 for c in relative.children)


def _words(doc: Doc, quote: Quote) -> int:
    return len(text_of(doc)[quote.inner[0] : quote.inner[1]].split())


def _free(finder: _Finder, token: Token) -> bool:
    """A cue word outside quoted words and outside what an earlier step set aside (`finder.skip`)."""
    start, end = token.idx, token.idx + len(token)
    return not _inside(start, end, [q.inner for q in finder.quotes_near(start, end)]) and not _overlaps(start, end, finder.skip)


def _taken_cues(finder: _Finder) -> Parts:
    """The cues of the drafts so far: a later rule reads no word an earlier one took for a cue."""
    return [part for found in finder.found for part in (found.cue or [])]


def _free_cue(finder: _Finder, token: Token, taken: Parts) -> bool:
    """`_free`, and no part of a cue taken already (`_taken_cues`)."""
    return _free(finder, token) and not _overlaps(token.idx, token.idx + len(token), taken)


def _from_verbs(finder: _Finder) -> None:
    doc = finder.doc
    for verb in tokens_with(doc, LEMMA, word_set("reporting_verbs.txt")):
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        if not _free(finder, verb):
            continue
        content = _content_of(finder, verb)
        if not content:
            continue
        content = [finder.whole_quote(s, e) for s, e in content]
        if verb.lemma_ in word_set("quote_only_verbs.txt") and not any(finder.quotes_in(s, e) for s, e in content):
            continue
        source_token = _subject(verb)
        if source_token is None and verb.dep_ == "acl" and verb.head.lower_ in word_set("document_nouns.txt"):
            source_token = document_author(verb.head)
        if source_token is not None and source_token.lower_ in {"this", "that", "which", "what"}:
            continue
        source = None
        if source_token is not None:
            source = _subtree(source_token)
            source = (_name_start(doc, *source), source[1])
            if verb.dep_ == "relcl" and source_token.i == verb.head.i:  # "growers who called it ...": not their clause too
                source = (source_token.left_edge.idx, source_token.idx + len(source_token))
            if any(_overlaps(source[0], source[1], [c]) for c in content):  # the clause contains its own subject
                source = (source_token.idx, source_token.idx + len(source_token))
        if sum(len(text_of(doc)[s:e].split()) for s, e in content) < 2:
            continue
        finder.add(content, source, _cue_span(verb), verb, _addressee(verb))


def _cue_hung_on_the_words(finder: _Finder) -> None:
    """ "As many as 500 were exposed to the gas, Tom Brown of Leeds University and colleagues reported in the journal
    Nature.": the parser hung the cue after the words on a noun of them, as a participle; the name between the comma and
    the cue spoke, and the clause before the comma is the words (a cue with no object or clause of its own)."""
    doc = finder.doc
    said = word_set("act_say_cues.txt") | word_set("act_write_cues.txt")  # "formerly known as" names, no one spoke
    for verb in tokens_with(doc, LEMMA, word_set("reporting_verbs.txt") & said):
        if verb.dep_ != "acl" or verb.tag_ not in {"VBD", "VBN"} or not _free(finder, verb) \
                or any(c.dep_ in CONTENT_DEPS | {"dobj", "xcomp", "agent"} for c in verb.children):
            continue
        sentence = verb.sent
        comma = next((t for t in reversed(doc[sentence.start : verb.i]) if t.text == ","), None)
        if comma is None:
            continue
        speaker, words, after = doc[comma.i + 1 : verb.i], doc[sentence.start : comma.i], doc[verb.i + 1 : sentence.end]
        if not speaker or any(t.pos_ in {"VERB", "AUX"} for t in speaker) or not any(t.ent_type_ in {"PERSON", "ORG"} for t in speaker) \
                or not any(t.tag_ in FINITE_TAGS for t in words) or any(t.pos_ in {"VERB", "AUX"} for t in after):
            continue
        finder.add([(words.start_char, words.end_char)], (speaker.start_char, speaker.end_char), _cue_span(verb), verb)


def document_author(noun: Token) -> Token:
    """ "a letter from the union informing ..." credits the union; an unsigned memo speaks for itself."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "poss":
            return child
    return noun


def _according_to(finder: _Finder) -> None:
    doc = finder.doc
    for token in tokens_with(doc, LOWER, {"according"}):
        if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            continue
        source = _subtree(objects[0])
        phrase_start, phrase_end = token.idx, source[1]
        sentence = token.sent
        parts = [(sentence.start_char, phrase_start), (phrase_end, sentence.end_char)]
        content = [(s, e) for s, e in parts if len(text_of(doc)[s:e].split()) >= 2]
        if not content and token.dep_ == "ROOT" and (cut := _clause_in_source(objects[0], source)) is not None:
            source, content = (source[0], cut[0]), [(cut[1], sentence.end_char)]
        if content:
            finder.add(content, source, [(token.idx, to.idx + len(to))])


def _clause_in_source(name: Token, source: tuple[int, int]) -> tuple[int, int] | None:
    """ "According to radio host Tom Baker, the move reeks of fear.": with no verb of the sentence's own, the parser
    hung the clause on the name as an appositive. It starts after the first comma whose stretch has a finite verb
    (not a relative clause's: "a researcher who studies cars"), else after the last comma ("a researcher in Austin,
    the plan ..."). Returns (comma, clause start)."""
    doc = name.doc
    commas = [t for t in doc[name.i + 1 : name.right_edge.i + 1] if t.text == "," and t.idx < source[1]]
    for number, comma in enumerate(commas):
        stretch = doc[comma.i + 1 : commas[number + 1].i if number + 1 < len(commas) else name.right_edge.i + 1]
        for t in stretch:
            if t.tag_ in WH_TAGS or t.lower_ == "that":
                break
            if t.tag_ in FINITE_TAGS:
                return comma.idx, comma.idx + 1
    if commas and commas[-1].i + 2 <= name.right_edge.i:
        return commas[-1].idx, commas[-1].idx + 1
    return None


def _in_document(finder: _Finder) -> None:
    """ "In the new poll, Clinton led Trump by five points": a sentence opened by "In", a document of findings
    (data/finding_nouns.txt) and a comma reports what the document holds; not where the rest has a cue of its
    own ("In the report, the agency said ..."), nor "in the results of ...", nor an author's medium ("In a
    statement, Clinton was more circumspect": she speaks)."""
    doc = finder.doc
    documents = word_set("finding_nouns.txt")
    speech = _speech_cues() | word_set("reporting_verbs.txt")
    for token in tokens_with(doc, LOWER, {"in"}):
        sentence = token.sent
        if token.i != sentence.start or _overlaps(token.idx, token.idx + 1, finder.skip):
            continue
        nouns = [c for c in token.children if c.dep_ == "pobj"]
        if not nouns or nouns[0].lemma_.lower() not in documents or any(c.dep_ == "prep" and c.lower_ == "of" for c in nouns[0].children):
            continue
        end = nouns[0].right_edge.i + 1
        if end >= sentence.end or doc[end].text != ",":
            continue
        rest = doc[end + 1 : sentence.end]
        if len([t for t in rest if not t.is_punct]) < 3 or any(t.pos_ == "VERB" and t.lemma_.lower() in speech for t in rest):
            continue
        finder.add([(rest.start_char, rest.end_char)], _subtree(nouns[0]), [(token.idx, token.idx + len(token))])


# Who can speak, from the narrowest test to the widest: `_names_people` (a name, a noun of people, any pronoun
# but a thing's) < `_can_speak` (also an organisation noun or an entity the entities step found) < `_speaks`
# (also a title; of pronouns only a personal one) < `_may_have_spoken` (also a document, a medium, a place).
def _names_people(noun: Token) -> bool:
    """Whether a noun phrase names people or an organisation (a name, "everyone", "dockworkers"), not a message."""
    if noun.pos_ == "PRON":
        return noun.lower_ not in NON_PERSON_PRONOUNS and noun.lower_ != "all"
    named = [noun, *(c for c in noun.children if c.dep_ == "appos")]  # not "Trump's plan": that is a message
    return noun.lemma_.lower() in word_set("person_nouns.txt") or any(t.ent_type_ in {"PERSON", "ORG"} for t in named)


def _can_speak(subject: Token) -> bool:
    """People or an organisation ("the association", "the firm", a name the entities step knows though the
    small model missed it: "Velmora Systems"), not "the storm"."""
    if _names_people(subject) or subject.lemma_.lower() in word_set("organization_nouns.txt"):
        return True
    doc = subject.doc
    speakers = {e.id for e in doc._.entities or [] if e.type in ("PERSON", "ORG")}
    entity_at = doc._.entity_at or {}
    return any(entity_at.get(t.i) in speakers for t in [subject, *(c for c in subject.children if c.dep_ == "compound")])


def _speaks(token: Token) -> bool:
    """People (a personal pronoun, a name, "the mayor": a title), or an organisation; not "the storm", "it"."""
    if token.pos_ == "PRON":
        return token.lower_ in PERSONAL_PRONOUNS
    return _can_speak(token) or token.lemma_.lower() in word_set("titles.txt")


def _commitment_to(finder: _Finder) -> None:
    """ "The association threatened to shut down its outlets", "vowed to fight on": a promise or a threat
    (data/commitment_verbs.txt) by people or an organisation is made in words, its to-infinitive the words
    ("the storm threatened to flood the town" is not); the model misses some."""
    doc = finder.doc
    for verb in tokens_with(doc, LEMMA, word_set("commitment_verbs.txt")):
        if verb.pos_ != "VERB" or not _free(finder, verb):
            continue
        clauses = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.children)]
        subject = _subject(verb)
        if clauses and subject is not None and _can_speak(subject):
            finder.add([_subtree(clauses[0])], _subtree(subject), _cue_span(verb), verb)


def _reported_figures(finder: _Finder) -> None:
    """ "Velmora Systems reported first-quarter net profit of $412 million on Thursday, up 18%": people or an
    organisation publishing figures (data/figure_verbs.txt) before an object that holds an amount; the words run
    from the object to the end of the verb's clause."""
    doc = finder.doc
    amounts = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
    for verb in tokens_with(doc, LEMMA, word_set("figure_verbs.txt")):
        if verb.pos_ != "VERB" or not _free(finder, verb):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
        subject = _subject(verb)
        if not objects or subject is None or not _can_speak(subject) \
                or not any(t.ent_type_ in amounts for t in objects[0].subtree):
            continue
        end = verb.right_edge
        while end.i > objects[0].i and (end.is_punct or end.pos_ in LOOSE_ENDS):
            end = doc[end.i - 1]
        finder.add([(objects[0].left_edge.idx, end.idx + len(end))], _subtree(subject), _cue_span(verb), verb)


TOPIC_TAIL_PREPOSITIONS = {"of", "for", "as", "with", "over", "about", "against", "into"}  # "accused X of Y", "likened X to Y"


def _speech_topic(finder: _Finder) -> None:
    """ "Trump attacked Machado in early-morning tweets", "praised the decision", "spoke of his flights":
    a verb of speech with a topic and no clause of words (data/topic_speech_verbs.txt), its subject people
    or an organisation, reports a statement whose words are the topic, as the reporter's gold marks it:
    the object with its complements ("accused other premiers of trying to rob WA") or the prepositional
    object. A verb also used of deeds or force (data/physical_speech_verbs.txt: "troops attacked the town",
    "denied him entry", "invoked its emergency powers") needs evidence of speech (`_spoken_sense`); a light verb (data/light_speech_verbs.txt:
    "made the remarks", "raised questions about X") a noun of words as its object. Not a pronoun alone
    (whom it was about: `pronoun_is_not_words`), a passive (no speaker), a question ("whether she had
    spoken about it"), a to-infinitive (an aim: "intends to hammer Clinton"), nor a cue some step read."""
    doc = finder.doc
    verbs = word_set("topic_speech_verbs.txt")
    light = word_set("light_speech_verbs.txt")
    directives = word_set("directive_speech_verbs.txt")
    taken = _taken_cues(finder)
    for verb in tokens_with(doc, LEMMA, {entry.split()[0] for entry in verbs | directives} | light):
        if verb.pos_ != "VERB" or not _free_cue(finder, verb, taken) or _unsaid(verb):
            continue
        subject = _subject(verb)
        if subject is None or not _speaks(subject):
            continue
        topic = _light_topic(verb) if verb.lemma_ in light else _topic_words(verb, list(verb.children), verbs) \
            or _request(verb, directives)
        if topic is None:
            continue
        first, last, noun = topic
        if noun.pos_ == "PRON" and noun.i == last.i or noun.ent_type_ in NOT_A_NAME - {"NORP", "GPE"}:
            continue
        if verb.lemma_ in word_set("physical_speech_verbs.txt") and not _spoken_sense(verb, noun):
            continue
        start, end = _subtree(subject)
        aside = [t for t in doc[subject.left_edge.i : subject.i] if t.text == ")"]  # "(Cairo, 5:35 p.m.) State Department issues"
        start = aside[-1].idx + 1 if aside else start
        finder.add([(first.idx, last.idx + len(last))], (_name_start(doc, start, end), end), _to_topic(_cue_span(verb), noun), verb)


def _speech_noun(finder: _Finder) -> None:
    """ "Clinton's comments on the shooting", "his attacks on a former Miss Universe", "repeated warnings from
    his attorney that the showdown was fruitless": a noun of an act of speech (data/speech_act_nouns.txt)
    reports a statement: its words are its that-clause, else, where the phrase names its speaker (a
    possessor, or "from"/"by" people or an organisation), its topic (about, on, over, against), as the
    reporter's gold marks them. A topic with no speaker ("claims of abuse") is left to the model."""
    doc = finder.doc
    taken = _taken_cues(finder)
    for noun in tokens_with(doc, LEMMA, word_set("speech_act_nouns.txt")):
        if noun.pos_ != "NOUN" or not _free_cue(finder, noun, taken):
            continue
        speaker = _noun_speaker(noun)
        words = _noun_words(noun, speaker is not None)
        if words is None:
            continue
        first, last, topic = words
        source = None
        if speaker is not None:
            source = (speaker.left_edge.idx, speaker.right_edge.idx + len(speaker.right_edge))
        finder.add([(first.idx, last.idx + len(last))], source, _to_topic([(noun.idx, noun.idx + len(noun))], topic), noun)


def _noun_speaker(noun: Token) -> Token | None:
    """Whose words a noun of speech names: its possessor ("Clinton's comments", "his attacks") or "from"/"by"
    people or an organisation ("warnings from his attorney"); None for "its", "their" of a thing, or none."""
    for child in noun.children:
        if child.dep_ == "poss" and _speaks(child):
            return child
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            people = [g for g in child.children if g.dep_ == "pobj" and _speaks(g)]
            if people:
                return people[0]
    return None


def _noun_words(noun: Token, spoken_by: bool) -> tuple[Token, Token, Token] | None:
    """The words a noun of speech names: its that-clause ("warnings that the showdown was fruitless", with
    or without a speaker: "dogged by charges that he ..."), else, where a speaker is named, the object of
    its topic preposition ("comments on the shooting")."""
    for child in noun.children:
        if child.dep_ in {"acl", "ccomp"} and child.i > noun.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            return child.left_edge, child.right_edge, child
    if not spoken_by:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i and child.lower_ in {"about", "on", "over", "against"}:
            topics = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
            if topics and not (topics[0].pos_ == "PRON" and topics[0].right_edge.i == topics[0].i) \
                    and topics[0].ent_type_ not in {"DATE", "TIME"}:  # "his remarks on Saturday": when, not what
                return topics[0].left_edge, topics[0].right_edge, topics[0]
    return None


def _to_topic(cue: Parts, topic: Token) -> Parts:
    """The cue runs on to the preposition of its topic, as PolNeAR marks it: "spoke emotionally of", "is raising
    questions about", "comments Tuesday on"."""
    preposition = topic.head
    if topic.dep_ in {"pobj", "pcomp"} and preposition.idx >= cue[-1][1]:
        return [*cue[:-1], (cue[-1][0], preposition.idx + len(preposition))]
    return cue


def _unsaid(verb: Token) -> bool:
    """A verb that reports no statement made: passive ("was praised", "when asked about"), negated ("has not
    made a public statement"), with a clause of words of its own (the reporting rules read it), an aim
    ("intends to hammer"), or in a question ("whether she had spoken about the appeal")."""
    children = list(verb.children)
    if any(c.dep_ in CONTENT_DEPS | {"nsubjpass", "auxpass", "neg"} for c in children) or put_to_subject(verb):
        return True  # ... or negated: "has not issued a public statement" reports none
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return True
    clause = verb
    while True:
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in clause.children):
            return True
        if clause.dep_ not in {"conj", "xcomp"} or clause.head.i == clause.i:
            return False
        clause = clause.head


def _request(verb: Token, directives: frozenset[str]) -> tuple[Token, Token, Token] | None:
    """ "told his advisers to find a way", "called on President Obama to retaliate": the addressee and the
    to-infinitive of a verb of request (data/directive_speech_verbs.txt)."""
    clauses = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if not clauses:
        return None
    addressees = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and verb.lemma_ in directives]
    addressees += [g for c in verb.children if c.dep_ == "prep" and f"{verb.lemma_} {c.lower_}" in directives
                   for g in c.children if g.dep_ == "pobj"]
    if not addressees or not _names_people(addressees[0]) or addressees[0].i > clauses[0].i:
        return None
    last = clauses[0].right_edge
    while last.i > clauses[0].i and (last.is_punct or last.pos_ in LOOSE_ENDS):
        last = verb.doc[last.i - 1]
    return addressees[0].left_edge, last, clauses[0]


def _light_topic(verb: Token) -> tuple[Token, Token, Token] | None:
    """ "made the reference", "raised questions about his microphone problems": a noun of words as the
    object of a light verb; the words are what it is about, else the object."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objects or objects[0].lemma_.lower() not in word_set("act_word_nouns.txt") | word_set("spoken_nouns.txt"):
        return None
    noun = objects[0]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"about", "on", "over"}:
            topics = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if topics:
                return topics[0].left_edge, topics[0].right_edge, topics[0]
    if any(c.dep_ in {"acl", "relcl"} and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children) for c in noun.children):
        return None  # "made the claim that ...": the clause is the words (the model's, or the reporting rules')
    if all(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"} or c.lower_ in {"following", "same"}
           for c in noun.children):
        return None  # "made the comments", "made the following comment": words reported elsewhere in the article
    return noun.left_edge, noun.right_edge, noun


def _topic_words(verb: Token, children: list[Token], verbs: frozenset[str]) -> tuple[Token, Token, Token] | None:
    """The first and last word of a verb's topic and its head noun: the direct object and the complements
    after it ("his struggles to those of the former president"), or the object of a listed preposition
    ("spoke of", "lashed out at"); None where the verb has neither."""
    objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
    if verb.lemma_ in verbs and objects and not any(c.dep_ == "dative" for c in children):
        tail = [objects[0]]
        for child in children:  # "accused X of Y", not "complimented X, but with a distinct edge"
            tails = TOPIC_TAIL_PREPOSITIONS | ({"to"} if verb.lemma_ in {"liken", "compare"} else set())  # else "to me" is the addressee
            if child.i > objects[0].i and (child.dep_ in {"oprd", "xcomp"} or child.dep_ == "prep" and child.lower_ in tails) \
                    and not verb.doc[child.left_edge.i - 1].is_punct:
                tail.append(child)
        last = max(tail, key=lambda t: t.right_edge.i).right_edge
        doc = verb.doc
        turn = next((t for t in doc[objects[0].i : last.i] if t.text == "," and doc[t.i + 1].lower_ in {"but", "yet"}), None)
        if turn is not None:  # "complimented the moderator, but with a distinct edge"
            last = turn
        while last.i > objects[0].i and (last.is_punct or last.pos_ in LOOSE_ENDS):
            last = doc[last.i - 1]
        return objects[0].left_edge, last, objects[0]
    for child in children:
        if child.dep_ == "prep" and child.i > verb.i and f"{verb.lemma_} {child.lower_}" in verbs and not objects:  # not "referred questions to X"
            nouns = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if nouns:
                return nouns[0].left_edge, nouns[0].right_edge, nouns[0]
    return None


def _spoken_sense(verb: Token, noun: Token) -> bool:
    """Evidence that a verb used of deeds or force too is speech here: its object names words or a
    proposal ("slammed the plan", "denied the allegations", "welcomed the decision"), the verb puts its
    object down as something ("painted Romney as a rich guy"), or its object names people and the verb has
    a frame of speech ("attacked Machado in early-morning tweets", "during the debate")."""
    lemma = noun.lemma_.lower()
    if lemma in word_set("act_word_nouns.txt") or lemma in word_set("speech_topic_nouns.txt"):
        return True
    if any(c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ in {"pobj", "amod", "acomp"} for g in c.children)
           for c in verb.children if c.i > noun.i):
        return True  # a characterisation: "painted Romney as a rich guy", "called Oz a quack"
    if not _can_speak(noun) or noun.pos_ == "PRON" and noun.lower_ not in {"him", "her", "them"}:
        return False
    frames = word_set("speech_frame_nouns.txt") | word_set("document_nouns.txt") | word_set("medium_nouns.txt")
    return any(t.dep_ == "pobj" and t.head.head.i == verb.i and t.lemma_.lower() in frames
               for t in verb.subtree if t.i > noun.right_edge.i or t.i < verb.i)


def _after_colon_line(finder: _Finder) -> None:
    """ "Limbaugh added:" ending its paragraph: the next paragraph, unquoted, is the words said (a block
    quote); a quoted one the quote rules read."""
    doc = finder.doc
    text = text_of(doc)
    for verb in tokens_with(doc, LEMMA, word_set("reporting_verbs.txt")):
        after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if verb.pos_ != "VERB" or after is None or after.text != ":" or _subject(verb) is None:
            continue
        line_end = text.find("\n", after.idx)
        if line_end < 0 or text[after.idx + 1 : line_end].strip():
            continue  # words follow on the same line: the clause rules read them
        start = line_end
        while start < len(text) and text[start].isspace():
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        words = text[start:end].strip()
        if len(words.split()) < MIN_UNCUED_WORDS or words[0] in QUOTE_OR_COLON or _overlaps(start, end, finder.skip):
            continue
        finder.add([(start, end)], _subtree(_subject(verb)), _cue_span(verb), verb, _addressee(verb), verbatim=True)


def _speaker_labels(finder: _Finder) -> None:
    """ "PENCE: Well, look, ..." in transcripts and "Minister: 'Nothing has been decided'" in headlines:
    a line led by a speaker's name or title and a colon attributes the rest of the line; so does a
    headline ending in one ("Govt to table water bill in monsoon session: Minister")."""
    doc = finder.doc
    entity_at = doc._.entity_at or {}
    speakers = {e.id for e in doc._.entities or [] if e.type in ("PERSON", "ORG")}
    headline = doc._.headline_range
    tail = HEADLINE_TAIL_LABEL.match(text_of(doc), 0, headline[1]) if headline else None
    surnames = {e.name.split()[-1] for e in doc._.entities or [] if e.type == "PERSON"}
    for match in [*SPEAKER_LABEL.finditer(text_of(doc)), *([tail] if tail else [])]:
        label_start, label_end = match.span("label")
        if _overlaps(label_start, label_end + 1, finder.skip):
            continue
        label = doc.char_span(label_start, label_end, alignment_mode="expand")
        if label is None or not len(label) or len(label) > 4 or label.text.lower() in word_set("question_labels.txt"):
            continue
        # "Governor Ann Price:", "Chamber of Commerce:": a person or organization, titles aside
        name = [t for t in label if t.lower_ not in word_set("titles.txt")]
        named = bool(name) and all(entity_at.get(t.i) in speakers for t in name) or (label[-1].pos_ == "PROPN" and label[-1].text in surnames)
        line = match.span("rest")
        quoted = [q for q in finder.quotes_near(*line) if q.start == line[0] and q.closed and q.end <= line[1]]
        rest = doc.char_span(*line, alignment_mode="expand")
        if not quoted and not any(t.pos_ in {"VERB", "AUX"} for t in rest or []):
            continue  # "ASHBY: Wells; Okafor, Brindley ...", "CPI: 4.2%": a list or a figure under a label, no one speaking
        # '• Governor Ann Price: "We will not ..."': a name-like label before a quote, though the small model missed it
        name_like = bool(quoted) and all(t.text[:1].isupper() or t.lower_ in NAME_CONNECTORS for t in label)
        # "Poll: Clinton and Trump in dead heat": a document speaks for itself; "Analysis:" labels the article
        document = label.root.lemma_.lower() in word_set("document_nouns.txt") and label.text not in word_set("label_words.txt")
        if not (named or name_like or document or label.text.isupper()
                or label.root.lower_ in word_set("titles.txt") | word_set("person_nouns.txt")):
            continue
        # The line is the labelled speaker's own words: a model's reading of part of it without a
        # source of its own gives way.
        finder.drop([f for f in finder.drafts_near([line]) if f.source is None and _inside(f.content[0][0], f.content[-1][1], [line])])
        words = quoted[0].inner if quoted else line  # 'Minister: "Nothing has been decided" on the harbor'
        colon = text_of(doc).index(":", *((label_end, line[0]) if match is not tail else (line[1], label_start)))
        # A transcript's line is the speaker's own words; a headline's is the desk's summary unless quoted or
        # in the speaker's first person ("Chef: My Empire Is Finished"; "Pence: Flowers Won't Be at Debate" sums up).
        in_headline = headline is not None and headline[0] <= line[0] < headline[1]
        own_voice = any(t.lower_ in FIRST_PERSON_WORDS and t.text != "US" for t in rest or [])  # not the country
        finder.add([words], (label_start, label_end), [(colon, colon + 1)], verbatim=not in_headline or own_voice)


# An embedded post as blogs paste it: "words pic.twitter.com/x — Ann Roe (@annroe) May 4, 2015" on a line of its own.
POST_SIGNATURE = re.compile(r"^(?P<words>[^\n]*?\w[^\n]*?)[ \t]*[\u2014\u2013]+[ \t]*(?P<name>[^\n()\u2014\u2013]{2,60}?)[ \t]*"
                            r"\(@\w+\)[ \t]*[A-Z][a-z]+\.? \d{1,2}, \d{4}[ \t]*$", re.MULTILINE)
POST_LINK = re.compile(r"(?:\s*(?:pic\.twitter\.com/\w+|https?://\S+))+\s*$")
# The lines that hold a handle: POST_SIGNATURE, with its lazy parts, is tried on these alone (over every line of
# a long text it cost four times the rest of attribution).
HANDLE_LINE = re.compile(r"^[^\n]*\(@\w+\)[^\n]*$", re.MULTILINE)


def _post_signatures(finder: _Finder) -> None:
    """An embedded post signed "— Name (@handle) Date" is that person's written words (the text before
    the dash, without the picture link); a reading of part of the line with no source of its own gives way."""
    text = text_of(finder.doc)
    lines = (POST_SIGNATURE.match(text, line.start(), line.end()) for line in HANDLE_LINE.finditer(text))
    for match in filter(None, lines):
        start, end = match.span("words")
        link = POST_LINK.search(text, start, end)
        end = link.start() if link else end
        if end <= start or _overlaps(start, end, finder.skip):
            continue
        line = (match.start(), match.end())
        finder.drop([f for f in finder.drafts_near([line]) if (f.source is None or _inside(*f.source, [line]))
                     and _inside(f.content[0][0], f.content[-1][1], [line])])
        dash = max(text.rfind("\u2014", end, match.start("name")), text.rfind("\u2013", end, match.start("name")))
        finder.add([(start, end)], match.span("name"), [(dash, dash + 1)], verbatim=True)


def _uncued_quotes(finder: _Finder) -> None:
    """Quotes no cue claimed: a speaker continuing, a bulleted quote, a headline quote."""
    doc = finder.doc
    claimed = SortedRanges(p for f in finder.found for p in f.content)
    for quote in finder.quotes:
        inner = _trim(doc, *quote.inner)
        in_headline = doc._.headline_range and quote.start < doc._.headline_range[1]
        if _words(doc, quote) < (MIN_QUOTE_WORDS if in_headline else MIN_UNCUED_WORDS) or _overlaps(inner[0], inner[1], claimed.near(*inner)):
            continue
        if _overlaps(quote.start, quote.end, finder.skip):
            continue
        previous = _previous_direct(finder, quote.start)
        if previous is not None:  # '"A," X said. "B."' is one statement in two parts
            previous.content.append(inner)
            finder.index(previous, [inner])
            continue
        if re.search(r"[\w,][ \t]*$", text_of(doc)[max(0, quote.start - 40) : quote.start]) and _title(text_of(doc)[inner[0] : inner[1]]):
            continue  # quoted inside the writer's sentence ('appeared on "The Morning Show With Ann Roe"')
        finder.add([inner], None, None)


def _title(text: str) -> bool:
    """Quoted words in title case ("Legend in the Coal Fields", "The Morning Show With Ann Roe"): a
    name of a show, a book or a slogan, not words someone said (a verbless phrase may be: 'warning of
    "a long winter ahead"')."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return bool(words) and all(w[0].isupper() for w in words if w.lower() not in NAME_CONNECTORS | {"in", "a", "an", "to", "on", "at"})


def _join_continuations(finder: _Finder) -> None:
    """A cue-less quote that continues a quoted statement becomes a further part of it (one opening a sentence
    after the cue's goes apart again: quote_after_sentence_apart); so do cue-less words inside the quotation
    the statement's words stop in (the model cut a long quotation at a sentence end), with the words between."""
    for found in sorted(finder.found, key=lambda f: f.content[0][0]):
        if found.cue is not None or found.source is not None or found not in finder.found:
            continue
        start = found.content[0][0]
        finder.found.remove(found)
        previous = _previous_direct(finder, start)
        if previous is None:
            finder.found.append(found)
        elif _open_across(finder, previous.content[-1][1], start, previous.cue):  # one quotation: the words between are said too
            previous.content[-1:] = [(previous.content[-1][0], found.content[0][1]), *found.content[1:]]
            finder.index(previous, previous.content)
        else:
            previous.content.extend(found.content)
            finder.index(previous, found.content)


def _title_is_not_words(finder: _Finder) -> None:
    """A quoted title inside the writer's sentence ('her book "Make Your Kid a Millionaire"', 'sang "A Change Is
    Gonna Come"') names a work, a show or a slogan: no words said, whatever cue the model or a rule gave it. Where
    a quote no statement holds follows the cue in its sentence ('her rendition of "A Change Is Gonna Come," she
    added the words, "Hillary Clinton."'), those are the cue's words."""
    doc = finder.doc
    doomed = []
    for found in finder.found:
        if not _quoted_title(finder, found):
            continue
        sentence = doc.char_span(found.cue[0][0], found.cue[-1][1], alignment_mode="expand").sent if found.cue else None
        after = [q for q in finder.quotes_near(found.cue[-1][1], sentence.end_char) if q.start >= found.cue[-1][1]
                 and q.end <= sentence.end_char + 1 and not _overlaps(*q.inner, found.content)] if sentence is not None else []
        inner = _trim(doc, *after[0].inner) if after else None
        if inner and re.search(r"[^\W\d_]{2,}", text_of(doc)[inner[0] : inner[1]]) and not any(
                other is not found and _overlaps(*inner, other.content) for other in finder.drafts_near([inner])):
            found.content = [inner]
            finder.index(found, [inner])
        else:
            doomed.append(found)
    finder.drop(doomed)


def _setting_is_not_words(finder: _Finder) -> None:
    """ "In an interview with the Gazette aired in May, Roe said ...", "insisted, most recently in an interview with
    ABC, that ...": a phrase of where or when it was said (a preposition of data/setting_prepositions.txt, no
    subject, not quoted) is the occasion, never the words; the words are the cue's other statement."""
    doc, text = finder.doc, text_of(finder.doc)
    settings = word_set("setting_prepositions.txt")
    doomed = []
    for found in finder.found:
        if found.verbatim or len(found.content) != 1:
            continue
        start = found.content[0][0]
        if any(c in QUOTE_OPENERS for c in text[max(start - 1, 0) : start + 1]):
            continue  # quoted words are words
        span = doc.char_span(*found.content[0], alignment_mode="expand")
        if span is not None and len(span) > 1 and span[0].lower_ in settings and span[0].dep_ == "prep" \
                and not any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in span):
            doomed.append(found)
    finder.drop(doomed)


def _quoted_title(finder: _Finder, found: Draft) -> bool:
    """Whether a draft's words are a whole quote in title case, short, outside the headline, and not a chant
    ("Ted! Ted! Ted!"), after the writer's own words or on a line of their own (a sub-heading)."""
    doc, text = finder.doc, text_of(finder.doc)
    headline = doc._.headline_range
    if len(found.content) != 1 or (headline and found.content[0][0] < headline[1]):
        return False
    start, end = found.content[0]
    quote = next((q for q in finder.quotes_near(start, end) if q.inner[0] <= start and end <= q.inner[1]
                  and not re.sub(r"[\W_]", "", text[q.inner[0] : start] + text[end : q.inner[1]])), None)
    words = text[start:end]
    if quote is None or words.isupper() or len(words.split()) > MAX_TITLE_WORDS or "!" in text[quote.start : quote.end]:
        return False
    big = [w for w in re.findall(r"[^\W\d_][\w'’-]*", words) if w.lower() not in word_set("title_small_words.txt")]
    if len(big) < 2 or not all(w[0].isupper() for w in big) or len({w.lower() for w in big}) < len(big):
        return False
    # a document's title given as such ("a paper titled ''How to ...''") is what the document says
    before = re.sub(r"['‘`]$", "", text[max(0, quote.start - 40) : quote.start])
    last = re.search(r"(\w+)\W*$", before)
    if last and last.group(1).lower() in word_set("title_naming_words.txt"):
        return False
    if before.endswith("\n") or not before:
        return text[quote.end : quote.end + 1] in ("\n", "")
    return bool(re.search(r"[\w,][ \t]*$", before))


def _drop_by_source(finder: _Finder, no_speaker: Callable[[Token, str], bool], among: Iterable[Draft] | None = None) -> None:
    """Drops the drafts (of `among`, else all) whose source's head word and text `no_speaker` says cannot be
    anyone who spoke."""
    text = text_of(finder.doc)
    doomed = []
    for found in finder.found if among is None else among:
        if found.source is None:
            continue
        span = finder.doc.char_span(*found.source, alignment_mode="expand")
        if span is not None and len(span) and no_speaker(span.root, text[found.source[0] : found.source[1]]):
            doomed.append(found)
    finder.drop(doomed)


def _voiceless_source(finder: _Finder) -> None:
    """A "source" that cannot say anything ("the film never explains", "brain cancer confirmed"): data/voiceless_nouns.txt."""
    voiceless = word_set("voiceless_nouns.txt")
    _drop_by_source(finder, lambda root, _: root.lemma_.lower() in voiceless)


TURN_LABEL = re.compile(r"(?:^|[.?!]\s+)[A-Z](?:[A-Z.'’ -]{0,30}[A-Z])?:\s")  # "HAYWARD: ", "VAN SUSTEREN: ", "A: "
SPEAKING_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}  # a country or a people speaks through its government
MODALS_OF_SUPPOSITION = {"would", "could", "should", "might", "must", "may"}
NO_ONE = {"nobody", "none", "no-one", "noone", "neither"}


def _may_have_spoken(root: Token) -> bool:
    """Whether a source's head word may be someone who spoke or something that was written: a person, an
    organisation, a place or people named, a personal pronoun, a title or a noun of people ("researchers",
    "the spokesman": data/agent_noun_endings.txt), a document, a medium or footage; not a fact or a thing ("the
    find", "it", "his past", "the epidemic")."""
    lemma = root.lemma_.lower()
    if root.pos_ == "PRON":
        return root.lower_ not in NON_PERSON_PRONOUNS
    if root.pos_ not in {"NOUN", "PROPN"}:
        return True  # a clause or a misparse: nothing to tell by
    if root.pos_ == "PROPN" or root.ent_type_ in SPEAKING_ENTITY_TYPES or _can_speak(root):
        return True
    known = ("titles.txt", "person_nouns.txt", "document_nouns.txt", "act_document_nouns.txt", "report_nouns.txt",
             "publication_nouns.txt", "medium_nouns.txt", "finding_nouns.txt", "work_nouns.txt", "act_footage_nouns.txt", "written_nouns.txt")
    if any(lemma in word_set(name) or root.lower_ in word_set(name) for name in known):
        return True
    return any(lemma.endswith(ending) for ending in word_set("agent_noun_endings.txt"))


def _inferred_from_a_thing(finder: _Finder) -> None:
    """ "It suggests that the outbreak is local", "the find suggests", "his novel reminded Europeans that": a verb of
    inference (data/inference_verbs.txt) whose subject is a fact or a thing, not anyone who speaks or writes, is the
    writer's own reading; nobody said it ("the report suggests", "analysts suggest" stay)."""
    inference = word_set("inference_verbs.txt")

    def inferred(found: Draft) -> bool:  # not a quoted "some evidence indicates that ...": a report's words, quoted
        if found.source is None:
            return False
        verb = found.verb or finder.cue_verb(found.cue)
        return verb is not None and verb.lemma_.lower() in inference and not found.verbatim and not _quoted_cue(finder, verb)

    _drop_by_source(finder, lambda root, _: not _may_have_spoken(root), [found for found in finder.found if inferred(found)])


def _quoted_cue(finder: _Finder, verb: Token) -> bool:
    """The cue lies inside quotation marks, or in a sentence that opens with one (a quote the quote finder left
    unpaired): someone else's words, quoted."""
    if _overlaps(verb.idx, verb.idx + len(verb), finder.quote_inners()):
        return True
    return text_of(finder.doc)[verb.sent.start_char : verb.sent.end_char].lstrip()[:1] in QUOTE_OPENERS


def _in_transcript_turn(finder: _Finder, offset: int) -> bool:
    """The words lie in a transcript's turn: a speaker label in capitals ("HAYWARD: ...", "VAN SUSTEREN: ...")
    earlier on the same line."""
    text = text_of(finder.doc)
    return TURN_LABEL.search(text[text.rfind("\n", 0, offset) + 1 : offset]) is not None


def _modifier_cue_without_speaker(finder: _Finder) -> None:
    """ "Footage claiming to show ...", "the takeover, announced Aug. 24, ...", "its announced policy", "cases so far
    reported", "a method called a 'junk shot'": a participle modifying a noun that is no speaker, with no one named
    as the source (or the noun itself taken for it), describes the thing; the words beside it are the writer's,
    not what was announced or claimed."""
    doomed = []
    for found in finder.found:
        verb = found.verb or finder.cue_verb(found.cue)
        if verb is None or verb.tag_ not in {"VBN", "VBG", "VBD"} or any(c.dep_ in SUBJECT_DEPS | {"agent", "expl"} for c in verb.children):
            continue
        if _quoted_words(finder, found.content) >= MIN_QUOTE_WORDS:
            continue  # a quote is someone's words ("The picture, believed to be from Raqqa, was captioned: '...'"), a name in quotes not
        noun = _described_noun(verb)
        if noun is None or (found.source is not None and not found.source[0] <= noun.idx < found.source[1]):
            continue
        if not _may_have_spoken(noun) or noun.lemma_.lower() in word_set("act_footage_nouns.txt"):
            doomed.append(found)
    finder.drop(doomed)


def _described_noun(participle: Token) -> Token | None:
    """The noun a participle modifies: its head ("cases so far reported", "its announced policy"), or the noun
    it is set off after by a comma ("the takeover, announced Aug. 24, ...", which the parser may read as a verb
    with no subject; a finite verb, "said", needs that comma)."""
    if participle.dep_ in {"acl", "amod"}:  # tagged VBD at times: "a method called a 'junk shot'"
        return participle.head if participle.head.pos_ in {"NOUN", "PROPN"} else None
    doc = participle.doc
    if participle.tag_ in {"VBN", "VBD"} and participle.i >= 2 and doc[participle.i - 1].text == "," \
            and doc[participle.i - 2].pos_ in {"NOUN", "PROPN"}:
        return doc[participle.i - 2]
    return None


def _counterfactual_cue(finder: _Finder) -> None:
    """ "This official would have assured that ...", "top managers could have said so": a modal with a perfect on
    the cue ("would have", "might have") supposes what was not done; nothing was said. ("He said he would have
    resigned" keeps its cue "said".)"""
    doomed = []
    for found in finder.found:
        verb = found.verb or finder.cue_verb(found.cue)
        if verb is None or found.verbatim:
            continue
        auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
        if verb.tag_ == "VBN" and any(a.lower_ in MODALS_OF_SUPPOSITION for a in auxiliaries) \
                and any(a.lemma_ == "have" for a in auxiliaries):
            doomed.append(found)
    finder.drop(doomed)


def _narrative_after_quote_cue(finder: _Finder) -> None:
    """ '"We don't want to sit by," Nungesser said. The decision to burn the oil came after ...': words that start
    after the sentence of a cue which closes a quote, in no quotation marks, are the writer's next sentence, not
    more of what the speaker said (the quote is the cue's words; a block quote after "he added:" is read apart)."""
    doc = finder.doc
    text = text_of(doc)
    doomed = []
    for found in finder.found:
        verb = found.verb or finder.cue_verb(found.cue)
        if verb is None or found.verbatim or not found.cue:
            continue
        sentence = verb.sent
        start = found.content[0][0]
        if start < sentence.end_char or text[sentence.start_char : sentence.end_char].lstrip()[:1] not in QUOTE_OPENERS:
            continue  # the words start in the cue's sentence, or the cue's sentence opens with no quote
        if ":" in text[found.cue[-1][1] : start] or text[start:found.content[-1][1]].lstrip()[:1] in QUOTE_OPENERS:
            continue
        if _quoted_words(finder, found.content) * 2 < sum(len(text[s:e].split()) for s, e in found.content):
            doomed.append(found)
    finder.drop(doomed)


def _no_one_as_source(finder: _Finder) -> None:
    """ "No pedestrians offered to buy her", "nobody has claimed responsibility", "none of them would confirm it":
    a source that is no one reports that nothing was said or done by anyone; there is no statement to credit."""
    def no_one(root: Token, _: str) -> bool:
        return root.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in root.children) \
            or (root.lower_ == "one" and root.i > 0 and root.doc[root.i - 1].lower_ == "no")

    _drop_by_source(finder, no_one, [found for found in finder.found if not found.verbatim])


def _writer_as_source(finder: _Finder) -> None:
    """ "We can't say for certain", "we cannot confirm the report": "we" outside quotation marks with a negated cue is
    the writer's own hedge to the readers, not a statement the article reports ("we" inside a quote or a transcript's
    turn is the speaker's; "we asked whether ..." is the outlet's question, "we might wish that ..." a columnist's
    view, and both stay)."""
    text = text_of(finder.doc)
    quoted = finder.quote_inners()
    doomed = []
    for found in finder.found:
        verb = found.verb or finder.cue_verb(found.cue)
        if found.source is None or found.verbatim or verb is None or text[found.source[0] : found.source[1]].lower() != "we" \
                or _overlaps(*found.source, quoted) or _quoted_cue(finder, verb) or _in_transcript_turn(finder, found.source[0]):
            continue
        if any(c.dep_ == "neg" for c in verb.children):  # not "we might wish that ...": the columnist's own view (think)
            doomed.append(found)
    finder.drop(doomed)


def _correction_note_source(finder: _Finder) -> None:
    """The publication's correction note ("An earlier version of this article incorrectly listed ...") is layout,
    not a speaker: data/correction_patterns.txt."""
    corrections = [re.compile(p, re.IGNORECASE) for p in word_list("correction_patterns.txt")]
    _drop_by_source(finder, lambda _, words: any(p.match(words) for p in corrections))


def _supposed_speaker(finder: _Finder) -> None:
    """ "Let's say you think ...", "let us suppose": the writer's hypothesis, no one's statement (data/supposing_verbs.txt)."""
    supposing = word_set("supposing_verbs.txt")
    _drop_by_source(finder, lambda root, _: root.i > 0 and root.doc[root.i - 1].lemma_.lower() == "let"
                    and root.lower_ in {"'s", "’s", "s", "us"} and root.head.lemma_.lower() in supposing)


def _quote_after_sentence_apart(finder: _Finder) -> None:
    """A quote opening a new sentence after the sentence of its cue, in the cue's paragraph, is a statement of
    its own ('"A," Poe said. "B."'), as a reporter marks it (bench/reporter_gold's guideline); the model's
    continuation tag and the `continuation` step join it. It becomes a statement without a cue, which
    storyline_speakers credits to the speaker before; its words are direct. A quote continued inside the
    cue's sentence ('"A," Poe said, "B."') stays joined (PolNeAR's one attribution per cue joins both:
    `storyline eval polnear` joins the split quote back)."""
    text = text_of(finder.doc)
    for found in list(finder.found):
        if not found.cue or len(found.content) < 2:
            continue
        cue_end = found.cue[-1][1]
        groups: list[Parts] = [[found.content[0]]]
        for start, end in found.content[1:]:
            quote = _opened_at(finder, _trim(finder.doc, start, end)[0])
            if quote is not None and quote.start >= cue_end and _new_sentence(text, quote.start) \
                    and re.search(r"[.!?]", text[cue_end:quote.start]) and "\n" not in text[groups[-1][-1][1]:quote.start]:
                groups.append([])
            groups[-1].append((start, end))
        if len(groups) < 2:
            continue
        found.content = groups[0]
        for apart in groups[1:]:
            if not _held_by_another_cue(finder.drafts_near(apart), found, apart):
                finder.found.append(Draft(apart, None, None, model=found.model))
                finder.index(finder.found[-1], apart)


def _held_by_another_cue(others, item, parts: Parts) -> bool:
    """Whether a statement of another cue already holds any of `parts`: a quote another cue holds ('"A," Lopes
    said') is that statement's, not one to split off on its own."""
    return any(other is not item and other.cue and any(_overlaps(s, e, other.content) for s, e in parts) for other in others)


def _opened_at(finder: _Finder, offset: int) -> Quote | None:
    """The quote whose words begin at `offset` (its opening mark just before), if any."""
    text = text_of(finder.doc)
    return next((q for q in finder.quotes_near(offset, offset + 1)
                 if q.inner[0] <= offset < q.inner[1] and not text[q.inner[0]:offset].strip(" \t\"“‘'`")), None)


def _one_object_per_cue(finder: _Finder) -> None:
    """A cue with a clause or quote as its content does not also report its own short object:
    in "informing the ministry that ...", "called it 'an early draft'", the object is whom or
    what the words were about, not words said."""
    by_cue: dict[tuple, list[Draft]] = {}
    for found in finder.found:
        if found.cue:
            by_cue.setdefault(tuple(found.cue), []).append(found)
    text = text_of(finder.doc)
    for holders in by_cue.values():
        if len(holders) < 2:
            continue
        words = {id(f): sum(len(text[s:e].split()) for s, e in f.content) for f in holders}
        longest = max(words.values())
        for found in holders:
            if words[id(found)] <= MAX_OBJECT_WORDS < longest and not finder.quotes_in(*found.content[0]):
                finder.found.remove(found)


def _one_statement_per_words(finder: _Finder) -> None:
    """Two cues left holding the same words (after `share_out`) are one statement: one record per words said.
    The first rule of KEEPER_RULES that tells which cue the words are (the better-sourced report) keeps them;
    the other keeps a statement only with words of its own. Two speakers side by side ("X proposed it, and Y
    rejected it") both stand: no rule tells one from the other."""
    doc = finder.doc
    drafts = sorted(finder.found, key=lambda f: f.content[0][0])
    doomed: list[Draft] = []
    for n, found in enumerate(drafts):
        for other in drafts[n + 1:]:
            if other.content[0][0] >= found.content[-1][1]:
                break
            if found in doomed or other in doomed or not found.cue or not other.cue or not _same_words(found.content, other.content):
                continue
            for rule in KEEPER_RULES:
                keeper = rule.keeps(doc, found, other)
                if keeper is not None:
                    break
            else:
                continue
            loser = other if keeper is found else found
            keeper.steps.append(f"one_statement_per_words: {rule.name}")  # `analyze --explain` names the rule that kept it
            if not _words_of_its_own(finder, loser, keeper, doomed):
                doomed.append(loser)
    finder.drop(doomed)


def _cue_in_their_sentence(doc: Doc, a: Draft, b: Draft) -> Draft | None:
    inside = [_cue_in_sentences(doc, f) for f in (a, b)]
    return None if inside[0] == inside[1] else (a if inside[0] else b)


def _report_holds_report(doc: Doc, a: Draft, b: Draft) -> Draft | None:
    return a if _holds(a.verb, b.verb) else b if _holds(b.verb, a.verb) else None


ACCORDING_TO = re.compile(r"according\s+to", re.IGNORECASE)


def _verb_over_according_to(doc: Doc, a: Draft, b: Draft) -> Draft | None:
    according = [ACCORDING_TO.fullmatch(text_of(doc)[d.cue[0][0] : d.cue[-1][1]]) is not None for d in (a, b)]
    return None if according[0] == according[1] else (b if according[0] else a)


def _report_after_the_words(doc: Doc, a: Draft, b: Draft) -> Draft | None:
    """The cue after the words, with its source beside it and nothing but a comma before them, where the other
    cue comes before the words in the same sentence."""
    text = text_of(doc)
    words_start, words_end = min(a.content[0][0], b.content[0][0]), max(a.content[-1][1], b.content[-1][1])
    for outer, inner in ((a, b), (b, a)):
        if outer.source is None or min(outer.cue[0][0], outer.source[0]) < words_end or inner.cue[-1][1] > words_start \
                or not _one_sentence(doc, inner.cue[0][0], outer.cue[0][0]):
            continue
        first, second = sorted([outer.source, (outer.cue[0][0], outer.cue[-1][1])])
        if re.fullmatch(r"[\s\"”’']*,\s*", text[words_end : first[0]]) and not text[first[1] : second[0]].strip():
            return outer
    return None


def _one_sentence(doc: Doc, start: int, end: int) -> bool:
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(end, end + 1, alignment_mode="expand")
    return bool(first is not None and last is not None and len(first) and len(last) and first[0].sent.start == last[0].sent.start)


@dataclass(frozen=True, slots=True)
class KeeperRule:
    """One rule of `one_statement_per_words`: of two cues holding the same words, the one that keeps them
    (None: the rule does not tell), with an example (checked by tests/test_attribution_rules.py): the model's
    predictions for it, and (source, cue) of the statement that keeps `words`."""

    name: str
    keeps: Callable[[Doc, Draft, Draft], Draft | None]
    example: str
    predicted: tuple[dict[str, tuple[str, ...]], ...]
    words: str
    keeper: tuple[str, str]


# In order: the first rule that tells wins.
KEEPER_RULES: tuple[KeeperRule, ...] = (
    # a cue in the words' own sentence, over one outside it
    KeeperRule("cue_in_their_sentence", _cue_in_their_sentence,
               "Police have said the driver was not wearing a seatbelt. Witnesses, speaking to reporters, added that the car was speeding.",
               ({"source": ("Police",), "cue": ("have said",), "content": ("the driver was not wearing a seatbelt",)},
                {"source": ("Witnesses",), "cue": ("added",), "content": ("driver was not wearing a seatbelt",)}),
               "the driver was not wearing a seatbelt", ("Police", "have said")),
    # the report that holds the other in what it reports
    KeeperRule("report_holds_report", _report_holds_report,
               "A police source said Clinton had told officers that she did not want the escort at all.",
               ({"source": ("A police source",), "cue": ("said",), "content": ("that she did not want the escort at all",)},
                {"source": ("Clinton",), "cue": ("had told",), "content": ("that she did not want the escort at all",)}),
               "that she did not want the escort at all", ("A police source", "said")),
    # "according to" names where the report is found: the reporting verb it frames says whose words they are
    KeeperRule("verb_over_according_to", _verb_over_according_to,
               "According to the Harbor Gazette, the port's manager said that the ferries would stop in June.",
               ({"source": ("the Harbor Gazette",), "cue": ("According to",), "content": ("that the ferries would stop in June",)},
                {"source": ("the port's manager",), "cue": ("said",), "content": ("that the ferries would stop in June",)}),
               "that the ferries would stop in June", ("the port's manager", "said")),
    # "..., the source added" reports the whole sentence before it, the other cue included (the parser often
    # joins the two verbs by "and", so report_holds_report does not see it)
    KeeperRule("report_after_the_words", _report_after_the_words,
               "The minister had told aides he would resign, and the party accepted it, a source added.",
               ({"source": ("The minister",), "cue": ("had told",), "content": ("he would resign, and the party accepted it",)},
                {"source": ("a source",), "cue": ("added",), "content": ("he would resign, and the party accepted it",)}),
               "he would resign, and the party accepted it", ("a source", "added")),
)


def _report_inside_words(finder: _Finder) -> None:
    """A report inside another statement's words, credited to that statement's own source ("Lt. Brian Cole said
    the truck's owner told officers he had left the keys inside", where the model gave "told" Cole too), is
    part of those words, no statement of its own (the same words would be said twice)."""
    doomed = [inner for inner in finder.found if inner.cue and inner.source is not None and any(
        outer is not inner and outer.source == inner.source and all(_inside(s, e, outer.content) for s, e in inner.content + inner.cue)
        for outer in finder.drafts_near(inner.content))]
    finder.drop(doomed)


def _words_of_its_own(finder: _Finder, loser: Draft, keeper: Draft, doomed: list[Draft]) -> bool:
    """The cue that gave up the words keeps its statement where the parse gives it words of its own
    ("According to police, officers saw Scott ..." the sentence after "Authorities have said ..."): its
    clause or quote, else what follows it in its own sentence ("Cruz thanked Trump on Twitter for backing ...")."""
    if loser.verb is None:
        return False
    content = _content_of(finder, loser.verb) or _complements(loser.verb)
    if not content:
        return False
    parts = [p for p in (finder.whole_quote(s, e) for s, e in content) if p[1] > p[0]]
    if not parts or any(_overlaps(s, e, keeper.content) for s, e in parts) or _overlaps(parts[0][0], parts[-1][1], loser.cue or []):
        return False
    # One record per words said: where another draft already holds these words, the loser does not take them again.
    holders = [o for o in finder.drafts_near(parts) if o is not loser and o not in doomed and any(_overlaps(s, e, o.content) for s, e in parts)]
    if holders:
        for holder in holders:  # 'Said Ellis: "..."': the model also gave the quote to the same cue, without a source
            if holder.source is None and holder.cue == loser.cue:
                holder.source = loser.source
        # unless the holders' cues lie outside the words' sentence and the loser's inside ('officials said. "A," Wells said')
        if not all(h.cue and h.cue != loser.cue and not _cue_in_sentences(finder.doc, h) and all(_inside(s, e, parts) for s, e in h.content)
                   for h in holders) or not _cue_in_sentences(finder.doc, Draft(parts, loser.source, loser.cue)):
            return False
        doomed.extend(holders)
    loser.content = parts
    finder.index(loser, parts)
    return True


def _complements(verb: Token) -> Parts | None:
    """What a cue says something about, after it in its clause: its objects and phrases ("thanked Trump on
    Twitter for backing his bill"), at least two words."""
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in {"dobj", "prep", "xcomp", "attr", "oprd", "dative"}]
    if not after:
        return None
    start, end = _subtree(after[0])[0], _subtree(after[-1])[1]
    return [(start, end)] if len(text_of(verb.doc)[start:end].split()) >= 2 else None


def _same_words(a: Parts, b: Parts) -> bool:
    """Whether two contents are nearly the same characters (four fifths of all the characters either holds)."""
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    either = sum(e - s for s, e in a) + sum(e - s for s, e in b) - shared
    return either > 0 and shared >= 0.8 * either


def _cue_in_sentences(doc: Doc, found: Draft) -> bool:
    """Whether the draft's cue lies in a sentence its words touch."""
    assert found.cue
    cue = doc.char_span(found.cue[0][0], found.cue[0][1], alignment_mode="expand")
    if cue is None or not len(cue):
        return False
    sentence = cue[0].sent
    return any(s < sentence.end_char and sentence.start_char < e for s, e in found.content)


def _holds(outer: Token | None, inner: Token | None) -> bool:
    """Whether the report `outer` holds `inner` in what it reports (a clause of a clause ...), not merely joined
    to it by "and" nor on a phrase of it ("remain confident despite supporters now saying ...")."""
    if outer is None or inner is None or outer.i == inner.i:
        return False
    token = inner
    while token.i != outer.i:
        if token.dep_ not in CONTENT_DEPS | {"xcomp", "advcl"} or token.head.i == token.i:
            return False
        token = token.head
    return True


def _open_across(finder: _Finder, end: int, start: int, cue: Parts | None) -> bool:
    """Whether one quotation runs on from `end` (where some words stop) to `start` (where others begin). Not
    one holding the words' own cue: its marks were paired wrongly (an unclosed quote, the next one's opening)."""
    return any(q.inner[0] < end <= q.inner[1] + 1 and q.inner[0] <= start < q.inner[1] and not _overlaps(*q.inner, cue or [])
               for q in finder.quotes_near(end - 1, start + 1))


def _previous_direct(finder: _Finder, offset: int) -> Draft | None:
    """The statement a cue-less quote continues: a direct quote ending just before it, with nothing in
    between but its own cue and source. Indirect words holding a quoted phrase ('X said the weeks had been
    "the hardest of the year". "He does not understand ..."') are not continued: the quote after them is
    a statement of its own."""
    doc = finder.doc
    before = [f for f in finder.found if f.content[-1][1] <= offset]
    if not before:
        return None
    previous = max(before, key=lambda f: f.content[-1][1])
    last = previous.content[-1]
    if _open_across(finder, last[1], offset, previous.cue):
        return previous  # the quote is still open: its words go on (the model cut a long quotation at a sentence end)
    opened_in = [q for q in finder.quotes_near(last[0], last[0] + 1) if q.inner[0] <= last[0] < q.inner[1]]
    if not opened_in:
        return None  # the last words do not open inside a quote: not direct speech
    worded_cue = [part for part in previous.cue or [] if re.search(r"[^\W\d_]", text_of(doc)[part[0] : part[1]])]
    if any(_overlaps(*q.inner, worded_cue) for q in opened_in):
        # a cue word inside the quote ("'This demonstrates what we said ...") is the quoted speaker's own verb: no
        # quotation to go on (a transcript's "PENCE:" label inside a quoted transcript is no word)
        return None
    gap = text_of(doc)[previous.content[-1][1] : offset]
    for part in (previous.cue or []) + ([previous.source] if previous.source else []):
        if previous.content[-1][1] <= part[0] and part[1] <= offset:
            gap = gap.replace(text_of(doc)[part[0] : part[1]], "")
    if "\n" in gap and _closed_before(finder, last[0]):
        return None  # a quote opening a new paragraph after a closed one is a statement of its own (_quote_after_paragraph_apart)
    return previous if len(re.sub(r"[\s\"“”,.]", "", gap)) <= CONTINUATION_GAP else None


def _outside_layout(finder: _Finder, predicted: Prediction) -> None:
    """Related-story links, credits and captions are layout, not anyone's words."""
    predicted.content = [part for part in predicted.content if not _inside(*part, finder.skip)]
    predicted.source = _after_layout(predicted.source, finder.skip)


def _words_around_layout(finder: _Finder, predicted: Prediction) -> None:
    predicted.content = [piece for part in predicted.content for piece in _around(finder.doc, part, finder.skip)]


def _around(doc: Doc, part: tuple[int, int], layout: list[tuple[int, int]]) -> Parts:
    """The pieces of a part outside layout: a caption or credit run into the words is cut out of them."""
    pieces = [part]
    for skip_start, skip_end in layout:
        pieces = [piece for start, end in pieces
                  for piece in ([(start, end)] if not (skip_start < end and start < skip_end)
                                else [(start, skip_start), (skip_end, end)])]
    return [trimmed for piece in pieces if (trimmed := _trim(doc, *piece))[1] > trimmed[0]]


def _source_names_someone(finder: _Finder, predicted: Prediction) -> None:
    if predicted.source and not _names_someone(finder.doc, predicted.source):
        predicted.content = []  # "Key points of the draft": a misread headline or list, not a statement


def _pronoun_is_not_words(finder: _Finder, predicted: Prediction) -> None:
    """ "Critics attacked him", "denounced them", "calls to explain herself last night": a pronoun, with at
    most when beside it, is whom the cue was about, no words said."""
    if len(predicted.content) == 1:
        span = finder.doc.char_span(*predicted.content[0], alignment_mode="expand")
        words = [t for t in span or [] if not t.is_punct]
        if words and words[0].pos_ == "PRON" and (len(words) == 1 or words[0].lower_ not in {"it", "this", "that", "what", "all"}
                                                  and all(t.ent_type_ in {"DATE", "TIME"} for t in words[1:])):
            predicted.content = []


def _figure_is_not_words(finder: _Finder, predicted: Prediction) -> None:
    """ "CPI forecast FY26: 4.2%": a figure under a label in a box is data, no words said."""
    if predicted.content and not any(re.search(r"[^\W\d_]{2,}", text_of(finder.doc)[s:e]) for s, e in predicted.content):
        predicted.content = []


def _whole_words(finder: _Finder, predicted: Prediction) -> None:
    predicted.content = [_whole_noun(finder.doc, _whole_clause(finder.doc, part)) for part in predicted.content]


def _words_past_brackets(finder: _Finder, predicted: Prediction) -> None:
    """Words do not stop inside brackets they opened ("would resume sailings (weather permitting" of "... (weather
    permitting) from next Monday", "was released (or set to be released" of "... set to be released)"): they
    run on to the close, and on to the end of the clause the brackets sit in, never into the cue."""
    if not predicted.cue or not predicted.content:
        return
    doc = finder.doc
    text = text_of(doc)
    start, end = predicted.content[-1]
    if text[start:end].count("(") <= text[start:end].count(")"):
        return
    close = text.find(")", end)
    span = doc.char_span(start, end, alignment_mode="expand")
    closing = doc.char_span(close, close + 1, alignment_mode="expand") if close >= 0 else None
    if closing is None or "\n" in text[end:close] or span is None or not len(span) or closing.sent.start != span[-1].sent.start:
        return  # (a bracket closed in another sentence: "Shell Plc (RDSa." + "L), which reports ...")
    stop = predicted.cue[0][0] if predicted.cue[0][0] > end else len(text)
    last = span.root.right_edge
    while last.i > span.root.i and (last.is_punct and last.text != ")" or last.is_space):
        last = doc[last.i - 1]
    new_end = max(close + 1, last.idx + len(last))
    if new_end <= stop and not _overlaps(end, new_end, finder.quote_inners()):
        predicted.content[-1] = (start, new_end)


def _phrasal_not_reporting(finder: _Finder, predicted: Prediction) -> None:
    verb = finder.cue_verb(predicted.cue)
    if verb is not None and any(f"{verb.lemma_} {c.lower_}" in word_set("non_reporting_phrasals.txt") for c in verb.children if c.dep_ == "prt"):
        predicted.content = []  # "union calls off strike": no words reported


def _passive_subject_is_not_words(finder: _Finder, predicted: Prediction) -> None:
    """The subject of a passive cue is whom or what it was done to, not words said ("Dockworkers were
    not reassured", "Not everyone was convinced", "the brother-in-law was also charged"); with no one
    doing it, neither is what it was done with ("has not been accused of any wrongdoing")."""
    verb = finder.cue_verb(predicted.cue)
    if verb is None:
        return
    # "a curfew was announced", "the issue was first reported by the Post": there the subject is the words
    told = verb.lemma_ in word_set("addressee_verbs.txt")
    subjects = [_subtree(c) for c in verb.children if c.dep_ == "nsubjpass" and (told or _names_people(c))]
    predicted.content = [part for part in predicted.content if _trim(finder.doc, *part) not in subjects]


def _passive_object_is_not_words(finder: _Finder, predicted: Prediction) -> None:
    """A passive cue denied, with no one doing it ("has not been accused of any wrongdoing", "has never
    been charged with a crime"), reports no words: nothing was said. ("was accused of fraud" stays: someone unnamed said it.)"""
    verb = finder.cue_verb(predicted.cue)
    if verb is None or predicted.source or not any(c.dep_ == "nsubjpass" for c in verb.children) \
            or any(c.dep_ == "agent" for c in verb.children) or not any(c.dep_ == "neg" for c in verb.children):
        return
    objects = [_subtree(c) for c in verb.children if c.dep_ == "prep"]
    if predicted.content and all(_inside(*part, objects) for part in predicted.content):
        predicted.content = []


def _name_after_quote_is_not_words(finder: _Finder, predicted: Prediction) -> None:
    """Words run past their closing quote mark into a name ('"... and our military," Flynn, a top surrogate',
    '"... nothing about."― Pamela Padilla'): the name is who said them, not more of the words."""
    doc, text = finder.doc, text_of(finder.doc)
    parts = []
    for start, end in predicted.content:
        closing = [q for q in finder.quotes_near(start, end) if q.closed and q.inner[0] >= start - 1 and q.end < end]
        if closing:
            quote = max(closing, key=attrgetter("end"))
            tail = doc.char_span(quote.end, end, alignment_mode="expand")
            words = [t for t in tail or [] if not (t.is_punct or t.is_space or t.lower_ == "and")]
            # set off from the quote ('military," Flynn', '."― Padilla'), not a quote modifying a name ('"big tent" Republican Party')
            set_off = re.search(r"[,.!?]$", text[quote.inner[0] : quote.inner[1]].rstrip()) or re.search(r"[,―—–-]", text[quote.end : words[0].idx] if words else "")
            if words and set_off and words[0].pos_ == "PROPN" and words[0].text[:1].isupper() and words[0].ent_type_ not in NOT_A_NAME \
                    and not any(t.pos_ in {"VERB", "AUX"} for t in words) and re.fullmatch(r"[\s,―—–-]*", text[quote.end : words[0].idx]):
                end = quote.end
        parts.append((start, end))
    predicted.content = parts


def _narrative_after_quote_not_words(finder: _Finder, predicted: Prediction) -> None:
    """ '"There was not a culture of safety on that rig," Reilly said. The explosion killed 11 workers.': after a
    quote and its cue's sentence, a sentence in no quotation marks is the writer's narrative, not more words."""
    if not predicted.cue or len(predicted.content) < 2:
        return
    text = text_of(finder.doc)
    cue_end = predicted.cue[-1][1]
    first = _trim(finder.doc, *predicted.content[0])[0]
    if not (first < predicted.cue[0][0] and _opens_in_quote(finder, first) and _closed_before(finder, first)):
        return
    kept = []
    for start, end in predicted.content:
        begin = _trim(finder.doc, start, end)[0]
        narrative = begin > cue_end and re.search(r"[.!?]", text[cue_end:begin]) is not None \
            and not _opens_in_quote(finder, begin) and not any(mark in text[start:end] for mark in '"“”')
        if not narrative:
            kept.append((start, end))
    predicted.content = kept


def _words_before_narrative_not_theirs(finder: _Finder, predicted: Prediction) -> None:
    """ '"... very important to us." Yesterday seas calmed as residents watched, wondering when ...': words that end a
    sentence before the cue, with the writer's own clause (a finite verb outside the source) between, are not that
    cue's (a quote after its cue's sentence belongs to that sentence's speaker, quote_after_sentence_apart); the cue
    keeps a clause or quote of its own in its sentence, as one_statement_per_words leaves one to a cue that gave up its words."""
    if not predicted.cue:
        return
    doc, text = finder.doc, text_of(finder.doc)
    cue_start = predicted.cue[0][0]
    theirs = list(predicted.source) + list(predicted.content)
    for start, end in predicted.content:
        if end <= cue_start:
            gap = [t for t in doc.char_span(end, cue_start, alignment_mode="contract") or [] if not _inside(t.idx, t.idx + len(t), theirs)]
            ends = re.search(r"[.!?]\W*$", text[start:end]) or any(t.text in {".", "!", "?"} for t in gap)
            if ends and (any(t.tag_ in FINITE_TAGS for t in gap) or _opens_own_clause(finder, predicted)):
                if any(other is not predicted and other.cue and _same_words(other.content, predicted.content) for other in finder.predictions):
                    return  # words two cues hold: one_statement_per_words tells which cue they are
                # the model grouped words and a cue across the writer's sentence: the cue keeps only words of its own
                verb = finder.cue_verb(predicted.cue)
                own = _content_of(finder, verb) if verb is not None else None  # its clause or quote: a topic alone is no statement
                predicted.content = [p for p in (finder.whole_quote(s, e) for s, e in own or [])
                                     if p[1] > p[0] and not _overlaps(*p, predicted.cue) and not _overlaps(*p, predicted.content)]
                return


def _opens_own_clause(finder: _Finder, predicted: Prediction) -> bool:
    """ "It means fewer jobs. According to Ann Lee, a researcher, every job makes five.": a cue that opens its sentence,
    with words of that sentence after it and its source, reaches forward to them, not back to the sentence before."""
    doc, text = finder.doc, text_of(finder.doc)
    cue = doc.char_span(*predicted.cue[0], alignment_mode="expand")
    if cue is None or cue[0].i != cue[0].sent.start:
        return False
    after = max([predicted.cue[-1][1], *(e for _, e in predicted.source)])
    return len(re.findall(r"\w+", text[after : cue[0].sent.end_char])) >= 2


def _imperative_cue_is_not_words(finder: _Finder) -> None:
    """A cue in the imperative with no speaker, outside any quote ("Now tell us this isn't a witch hunt!", "Don't
    blame Bush.", "Say Mexico demanded ..."), is the writer addressing the reader: no one's statement."""
    finder.drop([found for found in finder.found if found.source is None and _imperative(finder, found.verb)])


def _imperative(finder: _Finder, verb: Token | None) -> bool:
    if verb is None or verb.tag_ != "VB" or verb.dep_ != "ROOT":
        return False
    if any(c.dep_ in SUBJECT_DEPS | {"aux", "expl"} and c.lower_ not in {"do", "don't"} for c in verb.children):
        return False
    return not any(q.inner[0] <= verb.idx < q.inner[1] for q in finder.quotes_near(verb.idx, verb.idx + 1))


def _question_is_not_words(finder: _Finder, predicted: Prediction) -> None:
    """ "Asked about the decision, Poe said ...": the question is the reporter's, not a statement, nor
    part of the answer's words."""
    verb = finder.cue_verb(predicted.cue)
    if verb is not None and put_to_subject(verb):
        predicted.content = []
    elif len(predicted.content) > 1:
        predicted.content = [part for part in predicted.content if not _in_question(finder.doc, part)]


def _in_question(doc: Doc, part: tuple[int, int]) -> bool:
    span = doc.char_span(*part, alignment_mode="expand")
    return span is not None and len(span) > 0 and any(put_to_subject(t) and t.i < span.start for t in span.root.ancestors)


def _addressee_not_words(finder: _Finder, predicted: Prediction) -> None:
    """Whom the words were said to is not part of them: "told reporters that the port would close"
    says "that the port would close" (where the verb has that clause after its object; what lies
    between hangs off the verb, as "on Monday" does). An object before a verb's own clause is whom it was
    said to whatever the verb ("texted her sister that she was safe"): a that-clause after it says so. So is
    a "to" object of a verb that says to someone ("said to reporters that ...", addressee_to_verbs.txt)."""
    verb = finder.cue_verb(predicted.cue)
    if verb is None or not predicted.content:
        return
    listed = verb.lemma_ in word_set("addressee_verbs.txt")
    said_to = verb.lemma_ in word_set("addressee_to_verbs.txt")
    clauses = [c for c in verb.children if c.dep_ in CONTENT_DEPS and (listed or _that_clause(c))]
    for child in verb.children:
        if child.dep_ not in ADDRESSEE_DEPS and not (said_to and child.dep_ == "prep" and child.lower_ == "to"):
            continue
        start, end = _subtree(child)
        first_start, first_end = predicted.content[0]
        after = [_subtree(c)[0] for c in clauses if end <= _subtree(c)[0] < first_end]
        if first_start <= start and not text_of(finder.doc)[first_start:start].strip() and after:
            predicted.content[0] = (min(after), first_end)  # nor when it was said ("told reporters on Monday that")


def _that_clause(clause: Token) -> bool:
    return clause.dep_ == "ccomp" and clause.left_edge.lower_ == "that"  # the parse makes "that" a mark or an object


def _words_from_clause_start(finder: _Finder, predicted: Prediction) -> None:
    verb = finder.cue_verb(predicted.cue)
    if predicted.content and verb is not None:
        predicted.content[0] = _clause_start(finder.doc, predicted.content[0], verb, predicted.cue + predicted.source)


def _words_from_noun_start(finder: _Finder, predicted: Prediction) -> None:
    """Words after their cue do not start inside a noun phrase: "tweets shaming ..." of "posted a flurry
    of tweets shaming ...", "Russia's role" of "avoided any mention of Russia's role" start where the phrase
    their "of" hangs on starts ("a flurry of tweets"), unless that reaches back into the cue or the source
    (a clause said is words_from_clause_start's)."""
    if not predicted.cue or not predicted.content:
        return
    doc = finder.doc
    start, end = predicted.content[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    cue_end = predicted.cue[-1][1]
    if span is None or not len(span) or start < cue_end:
        return
    first = span[0]
    preposition = first.head
    if first.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.i != first.i - 1 or preposition.lower_ != "of":
        return
    noun = preposition.head
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.i >= preposition.i:
        return
    new_start = noun.left_edge.idx
    held = predicted.cue + predicted.source
    if new_start < cue_end or _overlaps(new_start, start, held) or doc[noun.left_edge.i].is_punct:
        return
    predicted.content[0] = (new_start, end)


def _words_from_that(finder: _Finder, predicted: Prediction) -> None:
    """Words after their cue that begin before the cue's that-clause, on what hangs off the cue ("said at a
    campaign stop in Toledo, Ohio, that it means ...", "has said, as did the campaign itself, that ..."),
    start at "that": where and how it was said are the reporter's."""
    verb = finder.cue_verb(predicted.cue)
    if verb is None or not predicted.content:
        return
    doc = finder.doc
    start, end = predicted.content[0]
    if start <= verb.idx:
        return
    for clause in verb.children:
        if clause.dep_ != "ccomp" or not _that_clause(clause):
            continue
        that = clause.left_edge
        if not start < that.idx < end:
            continue
        lead = doc.char_span(start, that.idx, alignment_mode="expand")
        # only where and when: not whom it was told ("to Clinton that ...", addressee_not_words), nor a misparse
        settings = [c for c in verb.children if c.dep_ in {"npadvmod", "advmod"}
                    or c.dep_ == "prep" and c.lower_ not in TOPIC_PREPOSITIONS | {"to", "with"}]
        if lead is None or not all(t.is_punct or any(c.left_edge.i <= t.i <= c.right_edge.i for c in settings) for t in lead):
            return
        predicted.content[0] = (that.idx, end)
        return


def _words_after_asked_person(finder: _Finder, predicted: Prediction) -> None:
    """Whom a question or a warning was put to is not the words: "asked Clinton about her email
    scandal", "warned residents about the storm" are about "her email scandal", "the storm"."""
    verb = finder.cue_verb(predicted.cue)
    if verb is None or not predicted.content:
        return
    doc = finder.doc
    start, end = predicted.content[0]
    people = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and (c.tag_ == "PRP" or c.pos_ != "PRON" and _names_people(c))]
    about = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "about" and any(o.dep_ == "pobj" for o in c.children)]
    if not people or not about or about[0].i <= people[0].right_edge.i or people[0].left_edge.idx != _trim(doc, start, end)[0]:
        return
    topic = next(o for o in about[0].children if o.dep_ == "pobj")
    if start <= topic.left_edge.idx < end:
        predicted.content[0] = (topic.left_edge.idx, end)


def _words_to_their_time(finder: _Finder, predicted: Prediction) -> None:
    """Words after their cue that stop before a time hanging off their own verb ("winds would ease | on
    Friday", "there could be another lively spell | on Monday morning") run on over it: when the thing
    said happens is part of what was said (a time of the cue itself stays out). Only a verb with its own
    subject or auxiliary ("would ease", "to speak"): a time after a gerund may be the cue's."""
    verb = finder.cue_verb(predicted.cue)
    if verb is None or not predicted.content:
        return
    doc = finder.doc
    start, end = predicted.content[-1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or start < predicted.cue[-1][1] or span.end >= len(doc):
        return
    following = doc[span.end]
    while following.is_punct and following.text in QUOTE_OR_COLON and following.i + 1 < len(doc):
        following = doc[following.i + 1]
    head = following.head
    if following.dep_ not in {"prep", "npadvmod"} or not span.start <= head.i < span.end or head.i == verb.i \
            or head.pos_ not in {"VERB", "AUX"} or not any(t.ent_type_ in {"DATE", "TIME"} for t in following.subtree):
        return
    if not any(c.dep_ in SUBJECT_DEPS | {"expl", "aux"} for c in head.children):
        return  # a gerund ("indicting Clinton at a press conference Tuesday"): the time may be the cue's
    last = following.right_edge
    predicted.content[-1] = (start, last.idx + len(last))


def _words_to_their_phrase_end(finder: _Finder, predicted: Prediction) -> None:
    """Words that stop on a preposition, or before a prepositional phrase hanging on a word of theirs (not
    on the cue), run on to that phrase's end: "were killed in | fighting elsewhere", "a routine of job
    searches | at a coffee shop" say the whole phrase. Never into the cue or the source, another quotation or
    report, or past the sentence; only a phrase with a noun object."""
    if not predicted.cue or not predicted.content:
        return
    doc = finder.doc
    start, end = predicted.content[-1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span.end >= len(doc):
        return
    verb = finder.cue_verb(predicted.cue)
    last = span[-1]
    if last.dep_ == "prep" and any(c.dep_ == "pobj" and c.i > last.i for c in last.children):
        phrase = last  # "killed in": the preposition's object follows
    else:
        phrase = doc[span.end]
        if phrase.dep_ != "prep" or not span.start <= phrase.head.i < span.end or (verb is not None and phrase.head.i == verb.i) \
                or not any(c.dep_ == "pobj" for c in phrase.children):
            return  # not a clause ("after her report suggested ..."): that may be another's statement
    edge = phrase.right_edge
    while edge.i > phrase.i and (edge.is_punct or edge.is_space):
        edge = doc[edge.i - 1]
    new_end = edge.idx + len(edge)
    held = [part for part in predicted.cue + predicted.source if part[0] >= end]
    cues = _speech_cues() | word_set("reporting_verbs.txt")
    if any(t.lemma_.lower() in cues or t.pos_ == "VERB" or t.dep_ in SUBJECT_DEPS for t in doc[span.end:edge.i + 1]):
        return  # "following claims that ...": another report; "after a defeat left them ...": a clause of its own
    if edge.sent.start != last.sent.start or "\n" in text_of(doc)[end:new_end] or any(part[0] < new_end for part in held) \
            or _overlaps(end, new_end, finder.quote_inners()):
        return
    predicted.content[-1] = (start, new_end)


def _words_with_their_conjuncts(finder: _Finder, predicted: Prediction) -> None:
    """Words that stop before (or on) "and" or "or" joining a second thing to their last noun, or a second
    verb to their last infinitive, run on over it: "demands accountability | and transparency from our
    president", "promising to meet | and in some cases exceed his goals" say both. A second verb with its
    tense ("said the plan would work and accused ...") is not joined: that may be the speaker's own act;
    words left ending on "and" then end before it."""
    if not predicted.cue or not predicted.content:
        return
    doc = finder.doc
    start, end = predicted.content[-1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span.end >= len(doc) or start < predicted.cue[-1][1]:
        return
    dangling = len(span) > 1 and span[-1].dep_ == "cc"
    joined = _conjunct_after(finder, span, span.end - 1 if dangling else span.end)
    if joined is not None:
        last = joined.right_edge
        while last.i > joined.i and (last.is_punct or last.is_space):
            last = doc[last.i - 1]
        predicted.content[-1] = (start, last.idx + len(last))
    elif dangling:
        predicted.content[-1] = _trim(doc, start, span[-1].idx)


def _conjunct_after(finder: _Finder, span, after: int) -> Token | None:
    """The noun or infinitive that "and" at `after` (or after commas there) joins to a word of `span`."""
    doc = finder.doc
    while after < len(doc) and doc[after].text == ",":
        after += 1
    joiner = doc[after] if after < len(doc) else None
    if joiner is None or joiner.dep_ != "cc" or not span.start <= joiner.head.i < span.end:
        return None
    head = joiner.head
    conjuncts = [c for c in head.children if c.dep_ == "conj" and c.i > joiner.i]
    if not conjuncts:
        return None
    joined = conjuncts[0]
    nominal = head.pos_ in {"NOUN", "PROPN"} and joined.pos_ in {"NOUN", "PROPN"}
    infinitive = head.tag_ == joined.tag_ == "VB" and any(c.lower_ == "to" for c in head.children if c.dep_ == "aux") \
        and not any(c.dep_ in {"aux", "neg"} for c in joined.children)  # not "would offer ... but did not suggest"
    if not (nominal or infinitive) or _overlaps(joiner.idx, joined.right_edge.idx + 1, finder.quote_inners()):
        return None
    return joined


def _words_from_relative_word(finder: _Finder, predicted: Prediction) -> None:
    """A relative word just before the source is the start of the words said after the cue ("the
    test, which state media claimed now allows ...", "which Tim Cook called 'total political crap'"):
    it stands for what they are about, and PolNeAR marks it as the words' first part."""
    if not predicted.cue or not predicted.source or not predicted.content:
        return
    doc = finder.doc
    source_start = predicted.source[0][0]
    first = _trim(doc, *predicted.content[0])[0]
    if first < predicted.cue[-1][1] or source_start > predicted.cue[0][0]:
        return
    before = doc.char_span(source_start, source_start + 1, alignment_mode="expand")
    if before is None or before.start == 0:
        return
    word = doc[before.start - 1]
    if word.tag_ not in WH_TAGS or word.lower_ not in {"which", "what", "whom"} or word.dep_ == "pobj" \
            or (word.i > 0 and doc[word.i - 1].pos_ == "ADP"):
        return  # "during which X touched on ...": the words are not about it
    predicted.content = [(word.idx, word.idx + len(word)), *predicted.content]


def _whole_source(finder: _Finder, predicted: Prediction) -> None:
    source = _whole_names(finder.doc, _no_loose_start(finder.doc, _no_loose_end(finder.doc, predicted.source)))
    predicted.source = [(_name_start(finder.doc, *source[0]), source[0][1]), *source[1:]] if source else source


def _raised_report(finder: _Finder, predicted: Prediction) -> tuple[Token, Token] | None:
    """The subject and the infinitive of a passive report with no one behind it, raised into an
    infinitive ("Roe is said to have left", "is reported to have called"), if the cue is one."""
    verb = finder.cue_verb(predicted.cue)
    if verb is None or verb.lemma_.lower() not in word_set("raising_report_verbs.txt") \
            or not any(c.dep_ == "auxpass" for c in verb.children) or any(c.dep_ == "agent" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    raised = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if subject is None or raised is None or subject.tag_ in WH_TAGS:
        return None
    return subject, raised


def _speech_cues() -> frozenset[str]:
    return word_set("act_say_cues.txt") | word_set("act_write_cues.txt")


def _said_to_subject(finder: _Finder, predicted: Prediction) -> None:
    """ "Mayor Roe is said to have visited the harbor": the subject of a passive report raised into an
    infinitive is what the unnamed sayers talk about, part of the words, never the speaker (PolNeAR: no
    source, words "Mayor Roe" + "to have visited the harbor")."""
    raised = _raised_report(finder, predicted)
    if raised is None or raised[1].lemma_ in _speech_cues():
        return
    subject, verb = raised
    infinitive = _trim(finder.doc, verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge))
    predicted.source, predicted.content = [], [_trim(finder.doc, *_subtree(subject)), infinitive]


def _said_to_report(finder: _Finder, predicted: Prediction) -> None:
    """ "An official is said to have denied any such plans": where the raised infinitive is itself a
    report, its subject did speak; the cue runs through that verb and the words are what it reports."""
    raised = _raised_report(finder, predicted)
    if raised is None or raised[1].lemma_ not in _speech_cues():
        return
    subject, verb = raised
    words = [c for c in verb.children if c.dep_ in CONTENT_DEPS | {"dobj"} and c.i > verb.i]
    if words:
        predicted.source = [_trim(finder.doc, *_subtree(subject))]
        predicted.cue = [(predicted.cue[0][0], verb.idx + len(verb))]
        predicted.content = [_trim(finder.doc, *_subtree(words[0]))]


def _one_quote_one_cue(finder: _Finder) -> None:
    """ 'Asim Qureshi said: "A. B. C."': pieces of one quotation that the model and a rule credited to the same
    source and cue separately (the model stopping at a sentence end) are one statement: the quote opens once."""
    by_cue: dict[tuple, list[Draft]] = {}
    for found in finder.found:
        if found.cue and found.source is not None:
            by_cue.setdefault((tuple(found.cue), found.source), []).append(found)
    doomed: list[Draft] = []
    for drafts in by_cue.values():
        if len(drafts) < 2:
            continue
        first, last = min(p[0] for d in drafts for p in d.content), max(p[1] for d in drafts for p in d.content)
        if not any(q.inner[0] <= first and last <= q.inner[1] + 1 for q in finder.quotes_near(first, last)):
            continue
        keeper = min(drafts, key=lambda d: d.content[0][0])
        keeper.content = [(first, last)]
        finder.index(keeper, keeper.content)
        doomed += [d for d in drafts if d is not keeper]
    finder.drop(doomed)


def _it_is_said(finder: _Finder) -> None:
    """ "It has been claimed that ...", "..., it was claimed yesterday": the "it" of a passive report stands for
    the words, not for anyone who said them; no one is named."""
    for found in finder.found:
        verb = found.verb or finder.cue_verb(found.cue)
        if verb is None or found.source is None or verb.lemma_ not in _speech_cues() \
                or not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        it = [c for c in verb.children if c.dep_ in {"nsubjpass", "expl"} and c.lower_ == "it"]
        if it and _trim(finder.doc, *found.source) == (it[0].idx, it[0].idx + 2):
            found.source = None


def _quoted_person(finder: _Finder) -> None:
    """ '"We will stay," the Post quoted Ann Roe, the port's manager, as saying', 'the Post quoted Ann Roe as
    saying the port would stay': the one quoted said the words, the outlet only carried them; the quoted
    person is the source, never words said, and the outlet's reading of the same words gives way."""
    doc = finder.doc
    doomed: list[Draft] = []
    for found in list(finder.found):
        verb = found.verb or finder.cue_verb(found.cue)
        if found in doomed or verb is None or verb.lemma_ != "quote" \
                or any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
            continue
        quoted = next((c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ == "PERSON"), None)
        if quoted is None:
            continue
        person = _trim(doc, *_subtree(quoted))
        saying = [t for t in quoted.subtree if t.lemma_ == "say" and t.dep_ == "pcomp" and t.head.lower_ == "as"] + \
                 [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for t in c.children if t.lemma_ == "say"]
        clause = next((c for t in saying for c in t.children if c.dep_ in CONTENT_DEPS), None)
        if clause is not None and _overlaps(*_subtree(clause), found.content):
            person = _trim(doc, person[0], saying[0].head.idx)  # "Ann Roe, the port manager," before "as saying"
            found.content = [_trim(doc, *_subtree(clause))]
            finder.index(found, found.content)
        elif all(_inside(*part, [(person[0], max([person[1], *(t.idx + len(t) for t in saying)]))]) for part in found.content):
            doomed.append(found)  # "Ann Roe, the port's manager, as saying" read as words
            continue
        elif _overlaps(*person, found.content) or not all(
                any(_inside(*part, [q.inner]) for q in finder.quotes_near(*part)) for part in found.content):
            continue  # not "The Onion quoted fake people on a real subject": no words of theirs
        found.source = person
        doomed += [other for other in finder.drafts_near(found.content) if other is not found and other not in doomed
                   and other.cue == found.cue and _same_words(other.content, found.content)]
    finder.drop(doomed)


def _relative_speaker(finder: _Finder, predicted: Prediction) -> None:
    predicted.source = _relative_source(finder.doc, predicted.source, finder.cue_verb(predicted.cue))


def _join_cue_and_words(finder: _Finder) -> None:
    _join_cue_to_words(finder.doc, finder.predictions)


def _cue_runs_to_words(finder: _Finder, predicted: Prediction) -> None:
    predicted.cue = _cue_to_words(finder.doc, predicted.cue, predicted.content)


def _quoted_as(finder: _Finder) -> None:
    _quoted_as_saying(finder.doc, finder.predictions)


def _stop_before_other_cues(finder: _Finder) -> None:
    _stop_at_other_cues(finder.doc, finder.predictions, finder.quote_inners())


def _share_out(finder: _Finder) -> None:
    _share_out_contents(finder.doc, finder.predictions)


def _second_report_not_words(finder: _Finder, predicted: Prediction) -> None:
    """Indirect words after their cue end where a second report joined to them begins: in "Cook said
    he was happy with the deal and accused other premiers of ...", "said they were convinced ... and
    Democrats accused ...", the joined reporting verb is another act of reporting (its own statement,
    which the rules then find), not words said. A verb in the words' own tense frame ("would add",
    "will be added", "won't claim", "had asked ... and learned") or done by the words' own actors ("that a
    group of men carjacked and threatened to behead ...") stays: it is part of what was said."""
    verb = finder.cue_verb(predicted.cue)
    if verb is None or not predicted.content or predicted.content[0][0] < verb.idx:
        return
    doc = finder.doc
    start, end = predicted.content[-1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 4:
        return
    inners = finder.quote_inners()
    for token in span[2:]:
        head = token.head
        if token.dep_ == "conj" and token.tag_ in {"VBD", "VBZ"} and token.lemma_ in word_set("reporting_verbs.txt") \
                and not any(c.dep_ in {"aux", "auxpass", "neg"} for c in token.children) \
                and span.start <= head.i < token.i and head.dep_ in CONTENT_DEPS and head.head.i == verb.i \
                and not _overlaps(token.idx, token.idx + 1, inners) and not _shares_frame(head, token):
            first = min([token, *(c for c in token.lefts)], key=lambda t: t.i)  # "and", its own subject
            while first.i > span.start and doc[first.i - 1].dep_ in {"cc", "punct"} and doc[first.i - 1].head.i in {head.i, token.i}:
                first = doc[first.i - 1]
            cut = _trim(doc, start, first.idx)
            if len(text_of(doc)[cut[0]:cut[1]].split()) >= 2:
                predicted.content[-1] = cut
            return


def _participle_not_words(finder: _Finder, predicted: Prediction) -> None:
    """Indirect words after their cue end before a bare participle joined to their finite verb ("adding that
    he and his father were killed in Syria, but not specifying where they died", "said the plan would work,
    adding that ..."): a finite clause and a bare "-ing" form after a comma are not one clause, so the
    parse's "and"/"but" joins the participle to the cue's level; it is the writer's account or the speaker's
    next act. Without the comma it may be a gerund the words hold ("investigated for intimidation and causing
    harm"); after "-ing" it shares its auxiliary ("has been working ... and deploying them")."""
    verb = finder.cue_verb(predicted.cue)
    if verb is None or not predicted.content or predicted.content[-1][0] < verb.idx:
        return
    doc = finder.doc
    start, end = predicted.content[-1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 4:
        return
    inners = finder.quote_inners()
    for token in span[2:]:
        head = token.head
        finite = head.tag_ in {"VBD", "VBZ", "VBP"} or any(c.dep_ in {"aux", "auxpass"} for c in head.children)
        if token.dep_ == "conj" and token.tag_ == "VBG" and not any(c.dep_ in {"aux", "auxpass"} | SUBJECT_DEPS for c in token.children) \
                and span.start <= head.i < token.i and head.dep_ in CONTENT_DEPS and head.head.i == verb.i and finite \
                and not _overlaps(token.idx, token.idx + 1, inners):
            first = min([token, *(c for c in token.lefts)], key=lambda t: t.i)  # "but not", "and"
            while first.i > span.start and doc[first.i - 1].dep_ in {"cc", "punct", "neg"} and doc[first.i - 1].head.i in {head.i, token.i}:
                first = doc[first.i - 1]
            if head.tag_ == "VBG" or first.text != ",":
                return  # "has been working ... and deploying" share "has been"; "for intimidation and causing harm"
            cut = _trim(doc, start, first.idx)
            if len(text_of(doc)[cut[0]:cut[1]].split()) >= 2:
                predicted.content[-1] = cut
            return


def _shares_frame(head: Token, joined: Token) -> bool:
    """A verb joined to the words' verb without a subject of its own belongs to what was said when it
    shares that verb's auxiliary with no comma between ("he had asked Border Patrol about terrorists and
    learned that ...": "had" carries both) or its actor, one that can act so ("a group of men carjacked and
    threatened ..."); the speaker's own next act follows a pronoun for the speaker ("he was happy with the deal
    and accused ..."), a state or a thing ("conditions had improved, and admitted ...")."""
    if any(c.dep_ in SUBJECT_DEPS for c in joined.children):
        return False
    joiner = next((c for c in head.children if c.dep_ == "cc" and head.i < c.i < joined.i), None)
    if joiner is not None and joiner.i > 0 and head.doc[joiner.i - 1].text == ",":
        return False
    if any(c.dep_ == "aux" and c.lemma_.lower() in {"have", "will", "would"} for c in head.children):
        return True
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() != "be" and _can_speak(subject)


def _quote_before_time_clause(finder: _Finder, predicted: Prediction) -> None:
    """Words after their cue that end in a quote stop at its close, before a clause of time the reporter
    adds ('said she "could see it coming" after the first precincts came in', 'shouted "Don't you do it,"
    until gunshots are heard'): when it happened is not part of what was said. A clause inside the quote
    stays, and so does a phrase without a subject of its own ('had "even died" while volunteering')."""
    verb = finder.cue_verb(predicted.cue)
    if verb is None or not predicted.content or predicted.content[-1][0] < verb.idx:
        return
    text = text_of(finder.doc)
    start, end = predicted.content[-1]
    closed = [q for q in finder.quotes_near(start, end) if q.closed and start <= q.inner[0] and q.end <= end]
    if not closed:
        return
    last = max(closed, key=attrgetter("end"))
    tail = re.match(r"[\s,]*(\w+)\b", text[last.end:end])
    if not tail or tail.group(1).lower() not in word_set("time_clause_openers.txt") or any(c in QUOTE_OR_COLON for c in text[last.end:end]):
        return
    opener = finder.doc.char_span(last.end + tail.start(1), last.end + tail.end(1))
    clause = opener[0].head if opener is not None and opener[0].dep_ == "mark" else None
    if clause is not None and any(c.dep_ in SUBJECT_DEPS | {"expl"} for c in clause.children) \
            or opener is not None and _clause_parsed_as_object(opener[0]):
        predicted.content[-1] = (start, last.end)  # a clause with a subject of its own: "after playing" may be the speaker's words


def _clause_parsed_as_object(preposition: Token) -> bool:
    """ "after a defeat left them bottom" parsed with "after" as a preposition: its object a verb with a
    subject of its own, or a noun with a finite verb hanging off it, is a clause with a subject of its own."""
    if preposition.dep_ != "prep":
        return False
    for child in preposition.children:
        if child.dep_ == "pcomp" and any(c.dep_ in SUBJECT_DEPS for c in child.children):
            return True
        if child.dep_ == "pobj" and any(c.dep_ in {"acl", "relcl"} and c.tag_ in {"VBD", "VBZ", "VBP"} and c.i > child.i
                                        and not any(t.tag_ in WH_TAGS or t.lower_ == "that" for t in c.subtree) for c in child.children):
            return True
    return False


def _quote_after_colon(finder: _Finder, predicted: Prediction) -> None:
    """Words that run from what the cue did on to a colon and a quote ('posted a photo of the couple with
    the caption: "Tough times don't last."') are the quote; a clause before the colon stays."""
    text = text_of(finder.doc)
    parts = []
    for start, end in predicted.content:
        first = _trim(finder.doc, start, end)[0]
        quote = None if _opens_in_quote(finder, first) else next(
            (q for q in finder.quotes_near(start, end) if first < q.start and q.inner[1] >= _trim(finder.doc, start, end)[1] - 1
             and re.search(r":\s*$", text[first:q.start])), None)
        lead = finder.doc.char_span(first, quote.start, alignment_mode="expand") if quote is not None else None
        if lead is not None and any(t.dep_ in SUBJECT_DEPS for t in lead):
            quote = None  # 'she has the quality for the job: "Steadiness"': a clause said, the quote its part
        parts.append(quote.inner if quote is not None else (start, end))
    predicted.content = parts


def _quote_after_aside(finder: _Finder) -> None:
    """ '"A," Tester said, referring to the excuse, "B."': the quote after an aside on the cue ("referring
    to", "citing") continues the quote before the cue, not the aside's words (the model gives it to the
    nearer cue). It goes back to the statement of the cue the aside hangs on. A reporting verb's aside
    ('adding, "B"') has words of its own, and so has a quote inside the aside's phrase ('to "cross-sell"')."""
    by_verb: dict[int, Prediction] = {}
    for predicted in finder.predictions:
        verb = finder.cue_verb(predicted.cue)
        if verb is not None and predicted.content:
            by_verb.setdefault(verb.i, predicted)
    for aside in finder.predictions:
        verb = finder.cue_verb(aside.cue)
        if verb is None or verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.head.i not in by_verb or not aside.content \
                or verb.lemma_ in word_set("reporting_verbs.txt"):
            continue  # "adding, '...'" reports words of its own
        main = by_verb[verb.head.i]
        if main is aside or not main.content or not _opens_in_quote(finder, _trim(finder.doc, *main.content[0])[0]) \
                or main.content[-1][1] > verb.head.idx:
            continue  # only a quote before its cue is continued ('"A," X said, ...')
        kept, moved = [], []
        for start, end in aside.content:
            quote = next((q for q in finder.quotes_near(start, end) if start <= q.inner[0] < end and q.start > verb.idx
                          and re.search(r"[,.;:][\"”’']*\s*$", text_of(finder.doc)[max(0, q.start - 4):q.start])), None)  # not 'to "cross-sell"'
            if quote is None:
                kept.append((start, end))
                continue
            kept.append((start, quote.start))
            moved.append((quote.inner[0], end))
        if moved:
            aside.content = [p for p in (_trim(finder.doc, *part) for part in kept) if p[1] > p[0]]
            main.content = [*main.content, *moved]


def _quote_after_indirect_apart(finder: _Finder, predicted: Prediction) -> None:
    """A quote opening a new sentence after indirect words that follow their cue is a statement of its
    own ('Poe said the port would stay open. "We have the money."'): PolNeAR, like a reporter, marks it
    apart (the model's continuation tag joins it). storyline_speakers credits it to the speaker before.
    A quote continuing a quote, or words before their cue, stay joined here ('"A," Poe said. "B."', 'A, Poe
    said. "B."': PolNeAR joins those); quote_after_sentence_apart sets them apart for the reporter."""
    if not predicted.cue or not predicted.content:
        return
    first = _trim(finder.doc, *predicted.content[0])[0]
    if _opens_in_quote(finder, first) or predicted.cue[0][0] > first:
        return  # 'A, Poe said. "B."': words on both sides of their cue are one statement in PolNeAR
    text = text_of(finder.doc)
    for n, (start, end) in enumerate(predicted.content):
        quote = next((q for q in finder.quotes_near(start, end) if start <= q.inner[0] < end and q.inner[0] > first
                      and _new_sentence(text, q.start) and _words(finder.doc, q) >= MIN_QUOTE_WORDS), None)
        if quote is None:
            continue
        cut = quote.inner[0]
        kept = [*predicted.content[:n], (start, cut)]
        apart = [(cut, end), *predicted.content[n + 1:]]
        predicted.content = [p for p in (_trim(finder.doc, *part) for part in kept) if p[1] > p[0]]
        if not _held_by_another_cue(finder.predictions, predicted, apart):
            finder.predictions.append(Prediction([], [], apart))
        return


def _quote_after_paragraph_apart(finder: _Finder, predicted: Prediction) -> None:
    """A quote opening a paragraph after the one its cue is in is a statement of its own ('"A," Poe
    said.\\n\\n"B."'): a reporter marks it apart, and so does PolNeAR (18 of the 19 such quotes in dev).
    Each such paragraph becomes a statement without a cue; storyline_speakers credits it to the speaker
    before. Quotes in the cue's own paragraph stay joined here (quote_after_sentence_apart sets them apart), and
    so does a quotation of several paragraphs (its paragraphs but the last open without closing)."""
    if not predicted.cue or len(predicted.content) < 2:
        return
    text = text_of(finder.doc)
    cue_end = predicted.cue[-1][1]
    groups: list[Parts] = [[]]
    for start, end in predicted.content:
        first = _trim(finder.doc, start, end)[0]
        line = text.rfind("\n", 0, first) + 1
        opens_paragraph = line > cue_end and _opens_in_quote(finder, first) and not text[line:first].strip(" \t\"“‘'`") \
            and groups[-1] and _closed_before(finder, groups[-1][-1][0])
        if opens_paragraph:
            groups.append([])
        groups[-1].append((start, end))
    if len(groups) < 2:
        return
    predicted.content = groups[0]
    for apart in groups[1:]:
        if not _held_by_another_cue(finder.predictions, predicted, apart) and not _title(text[apart[0][0]:apart[-1][1]]):
            finder.predictions.append(Prediction([], [], apart))  # a title-case line ("'Legend in the Coal Fields.'") is a sub-heading


def _closed_before(finder: _Finder, offset: int) -> bool:
    """Whether the quote the words at `offset` open in closes (not a paragraph of a longer quotation)."""
    return any(q.closed for q in finder.quotes_near(offset, offset + 1) if q.inner[0] <= offset < q.inner[1])


def _opens_in_quote(finder: _Finder, offset: int) -> bool:
    return any(q.inner[0] <= offset < q.inner[1] for q in finder.quotes_near(offset, offset + 1))


def _new_sentence(text: str, offset: int) -> bool:
    """Whether a quotation mark at `offset` opens a sentence: after a full stop, a closing mark after one, or a line break
    (a doubled mark's first apostrophe, '' or ``, stands before the one the quote opens at)."""
    before = text[max(0, offset - 7):offset]
    return "\n" in before or bool(re.search(r"[.!?][\"”’']*\s*['`]?$", before))


def _from_model(finder: _Finder) -> None:
    """The model's predictions, reshaped by the steps before, become drafts."""
    for predicted in finder.predictions:
        content, source, cue = predicted.content, predicted.source, predicted.cue or None
        if not content:
            continue
        words = sum(len(text_of(finder.doc)[s:e].split()) for s, e in content)
        if not source and not cue and (_quoted_words(finder, content) * 2 < words or words < MIN_QUOTE_WORDS):
            continue  # with neither cue nor source, only words mostly quoted, and more than a few, say someone said them
        verb = finder.cue_verb(cue)
        source_span = (source[0][0], source[-1][1]) if source else None
        finder.add(content, source_span, cue, verb, _addressee(verb) if verb is not None else None, model=True, steps=predicted.steps)


def _whole_clause(doc: Doc, part: tuple[int, int]) -> tuple[int, int]:
    """Reported words that stop at the subject of their clause's verb ("informing the ministry that
    its members", "the truck's owner" of "the truck's owner, a Ridgefield man, told officers ...") run on to
    the end of that clause ("... would walk out"); so do words that stop inside
    a clause they opened ("would halt work after water" + "broke into the pit"), unless it is another cue's."""
    span = doc.char_span(*part, alignment_mode="expand")
    if span is None or not len(span):
        return part
    for token in span:
        verb = token.head
        opened = verb.dep_ in {"advcl", "conj"} and verb.lemma_ not in word_set("reporting_verbs.txt")
        if token.dep_ in SUBJECT_DEPS and verb.i >= span.end and (verb.dep_ in CONTENT_DEPS or opened) \
                and verb.left_edge.i >= span.start and (_words_between(doc, span.end, verb.i) <= 2 or token.right_edge.i >= verb.i - 2):
            last = verb.right_edge
            while last.i > verb.i and (last.is_punct or last.is_space):
                last = doc[last.i - 1]
            return part[0], max(part[1], last.idx + len(last))
    return part


def _words_between(doc: Doc, start: int, end: int) -> int:
    """Tokens from start to end that are not spaces: a line break of hard-wrapped copy ("that the master\nhad
    resigned") puts no word between a subject and its verb."""
    return sum(1 for t in doc[start:end] if not t.is_space) if end - start <= 8 else end - start


def _whole_noun(doc: Doc, part: tuple[int, int]) -> tuple[int, int]:
    """Words do not stop inside a noun phrase ("a leaked Port" of "a leaked Port Authority memo")."""
    span = doc.char_span(*part, alignment_mode="expand")
    if span is None or not len(span):
        return part
    last = span[-1]
    if last.dep_ == "case" and last.head.i == last.i - 1:  # "North Korea's" of "North Korea's nuclear ambitions"
        last = last.head
    while last.dep_ in NOUN_MODIFIER_DEPS and 0 < last.head.i - last.i <= 3 and not last.is_sent_end:
        last = last.head
    return (part[0], last.idx + len(last)) if last.i > span[-1].i else part


def _clause_start(doc: Doc, part: tuple[int, int], verb: Token, others: list[tuple[int, int]]) -> tuple[int, int]:
    """Reported words that begin inside their cue's clausal complement ("the silted main channel
    ..." of "Army engineers could clear the silted main channel ..., the head of the corps said")
    start where that clause starts (after "that", which the words may or may not include), as do words that
    begin at a second clause joined to it ("and prospects of a recovery look slim" of "Demand could decline
    further, and prospects ... look slim, executives said"). Words before
    their cue keep the clause of time or condition that opens their sentence ("After the army fired
    warning shots, protesters surrounded the square, the correspondent reported"): the cue follows the
    whole sentence reported."""
    words = doc.char_span(*part, alignment_mode="expand")
    skipped = {"mark", "punct", "npadvmod"} | ({"advcl"} if part[0] > verb.idx else set())
    for clause in verb.children:
        if clause.dep_ not in CONTENT_DEPS or words is None:
            continue
        # Not "that", nor a time or condition before the clause's subject ("this weekend he would ...").
        lead = [c for c in clause.lefts if c.dep_ in skipped or c.is_space]
        first = clause.left_edge
        while first.i < clause.i and any(c.left_edge.i <= first.i <= c.right_edge.i for c in lead):
            first = doc[first.i + 1]
        if (first.i < verb.i) != (part[0] < verb.idx):
            continue  # a parse that runs the clause across its cue
        after = [c for c in clause.rights if not c.is_punct]
        reach = after[0].left_edge.idx if after else clause.idx  # subject, verb and the start of what follows
        # words that begin at a second clause joined to the first ("A could decline, and B look slim,
        # executives said") start at the first: the cue holds both
        conjunct = any(c.dep_ == "conj" and c.left_edge.i == words.start and any(d.dep_ in SUBJECT_DEPS for d in c.children)
                       for c in clause.children)
        added = doc[first.i : words.start] if first.idx < part[0] <= reach or (conjunct and first.idx < part[0]) else None
        if added and not _overlaps(first.idx, part[0], others) and not any(
            t.tag_ in WH_TAGS or t.text in QUOTE_OR_COLON for t in added
        ):
            return first.idx, part[1]
    return part


def _after_layout(source: list[tuple[int, int]], layout: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A source inside layout is none (a dateline's place, "New Delhi: ...": the rules find who spoke);
    one begun in it ("13:15 — The prime minister") starts after it."""
    if not source or _inside(source[0][0], source[-1][1], layout):
        return []
    start, end = source[0]
    for skip_start, skip_end in layout:
        if skip_start <= start < skip_end < end:
            start = skip_end
    return [(start, end), *source[1:]]


def _no_loose_end(doc: Doc, source: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A source does not end on a word that opens what follows ("The Port Authority of Calder Bay
    this" of "... this afternoon formally withdrew")."""
    span = doc.char_span(source[-1][0], source[-1][1], alignment_mode="expand") if source else None
    if span is None or len(span) < 2 or span[-1].pos_ not in LOOSE_ENDS:
        return source
    last = span[-2]
    while last.i > span.start and last.pos_ in LOOSE_ENDS:
        last = doc[last.i - 1]
    return [*source[:-1], (source[-1][0], last.idx + len(last))]


def _no_loose_start(doc: Doc, source: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A source does not start with the words that open its sentence before a comma ("Reacting, the
    regulator said", "However, the ministry said"), nor with the conjunction that joins its clause to the one
    before ("and several firms have said"): the speaker is what follows them."""
    span = doc.char_span(source[0][0], source[0][1], alignment_mode="expand") if source else None
    if span is not None and len(span) > 1 and span[0].pos_ == "CCONJ":  # "... is shrinking and several firms have said"
        return [(span[1].idx, source[0][1]), *source[1:]]
    if span is None or len(span) < 3:
        return source
    comma = next((t for t in span[1:4] if t.text == ","), None)
    if comma is None or comma.i + 1 >= span.end or not all(t.pos_ in LOOSE_STARTS or t.tag_ == "VBG" for t in span[: comma.i - span.start]):
        return source
    return [(doc[comma.i + 1].idx, source[0][1]), *source[1:]]


def _name_start(doc: Doc, start: int, end: int) -> int:
    """A source does not start inside a name ("Homes" of "Harcourt Homes said", where the parse left
    "Harcourt" out): it runs back over the proper nouns of the same line just before it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span[0].pos_ != "PROPN":
        return start
    first = span[0]
    while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].idx + len(doc[first.i - 1]) < first.idx <= doc[first.i - 1].idx + len(doc[first.i - 1]) + 1 \
            and (first.ent_iob_ == "I" or first.ent_iob_ == doc[first.i - 1].ent_iob_ == "O"):  # one entity, or none ("In Ohio Trump said": two)
        first = doc[first.i - 1]
    return first.idx


def _whole_names(doc: Doc, source: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A source does not stop inside a compound name ("The Federal" of "The Federal Reserve"):
    it runs on to the noun its last word modifies."""
    headline = doc._.headline_range
    if not source or headline and headline[0] <= source[0][0] < headline[1]:
        return source  # a title-case headline's words all parse as names
    span = doc.char_span(source[0][0], source[-1][1], alignment_mode="expand")
    if span is None or not len(span):
        return source
    last = span[-1]
    while last.dep_ == "compound" and last.pos_ == "PROPN" and 0 < last.head.i - last.i <= 2 and last.head.pos_ == "PROPN":
        last = last.head
    if last.i == span[-1].i:
        return source
    return [(source[0][0], last.idx + len(last))] if len(source) == 1 else source


def _names_someone(doc: Doc, source: list[tuple[int, int]]) -> bool:
    """A speaker is a noun phrase, not a determiner or an adjective alone."""
    span = doc.char_span(source[0][0], source[-1][1], alignment_mode="expand")
    return span is None or not all(t.pos_ in NOT_A_SPEAKER and t.tag_ not in WH_TAGS for t in span)


def _relative_source(doc: Doc, source: list[tuple[int, int]], verb: Token | None) -> list[tuple[int, int]]:
    """A relative or question word speaks only as the subject of its own clause ("Stumpf, who said
    ...": storyline_speakers reads it as Stumpf). In "X, whose warning ... drew criticism, said" the
    cue is outside the clause and the words are X's; in "has not said who wrote it" no one is named."""
    span = doc.char_span(source[0][0], source[-1][1], alignment_mode="expand") if source else None
    if span is None or verb is None:
        return source
    root = span.root
    if root.tag_ not in WH_TAGS and not any(c.dep_ == "poss" and c.tag_ in WH_TAGS for c in root.children):
        return source
    clause = next((t for t in [root, *root.ancestors] if t.dep_ == "relcl"), None)
    named = next((c for c in root.children if c.dep_ == "appos" and c.i > root.i and c.pos_ == "PROPN"), None)
    if clause is None and named is not None and root.head.i != verb.i:
        return [_subtree(named)]  # "the chamber, whose president, cafe owner Luca Bianchi, said": the name speaks
    if clause is None:
        return source if root.head.i == verb.i else []
    if root.tag_ in {"WP", "WDT"} or clause.left_edge.i <= verb.i <= clause.right_edge.i:
        return source  # the parse places cues outside a relative clause wrongly more often than the model errs
    described = clause.head
    end = clause.left_edge.i
    while end > described.left_edge.i and doc[end - 1].is_punct:
        end -= 1
    if end <= described.left_edge.i:
        return []
    return [(doc[described.left_edge.i].idx, doc[end - 1].idx + len(doc[end - 1]))]


def _cue_to_words(doc: Doc, cue: list[tuple[int, int]], content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A cue ending in "to" runs on to its words over the verb (and preposition) the model left out of
    both ("declined to" + "comment on" + "the document": the cue is "declined to comment on")."""
    if not cue or not content or content[0][0] <= cue[-1][1]:
        return cue
    gap = doc.char_span(cue[-1][1], content[0][0], alignment_mode="contract")
    if gap is None or not 0 < len(gap) <= 2 or text_of(doc)[cue[-1][1]:content[0][0]].strip() != gap.text \
            or gap.start == 0 or doc[gap.start - 1].lower_ != "to" or gap[0].pos_ != "VERB" \
            or any(t.pos_ != "ADP" for t in gap[1:]):
        return cue
    return [*cue[:-1], (cue[-1][0], gap.end_char)]


def _quoted_as_saying(doc: Doc, predictions: list[Prediction]) -> None:
    """ "Canada's trade minister, Mary Ng, was quoted by local media as saying Ottawa had received no
    notice": the one quoted said the words (the cue is "was quoted ... as saying"), whatever pieces
    the model made of it."""
    for saying in tokens_with(doc, LEMMA, {"say"}):
        if saying.dep_ != "pcomp":
            continue
        as_ = saying.head
        quoted = as_.head
        if as_.lower_ != "as" or quoted.lemma_ != "quote":
            continue
        speaker = next((c for c in quoted.children if c.dep_ == "nsubjpass"), None)
        clause = next((c for c in saying.children if c.dep_ in CONTENT_DEPS), None)
        if speaker is None or clause is None:
            continue
        source = (speaker.left_edge.idx, _trim(doc, speaker.idx, speaker.right_edge.idx + len(speaker.right_edge))[1])
        first = min([quoted, *(c for c in quoted.children if c.dep_ in ("aux", "auxpass"))], key=lambda t: t.i)
        cue = [(first.idx, quoted.idx + len(quoted)), (as_.idx, saying.idx + len(saying))]
        words = _subtree(clause)
        held = False  # one statement holds the words
        for predicted in predictions:
            parts = predicted.content
            if any(_overlaps(s, e, [words]) for s, e in parts):
                predicted.source, predicted.cue, predicted.content = [source], cue, [] if held else [words]
                held = True
            elif parts and all(_inside(s, e, [source]) for s, e in parts) or _overlaps(quoted.idx, saying.idx, predicted.cue):
                predicted.content = []  # the quoted person read as words, or the cue's pieces
        if not held:
            predictions.append(Prediction([source], cue, [words]))


def _join_cue_to_words(doc: Doc, predictions: list[Prediction]) -> None:
    """The model can leave a source and cue with no words ("X's office declined to") and the words
    just after them with neither ("to clarify his warning ..."): they are one statement."""
    for holder in predictions:
        if holder.content or not holder.cue or not holder.source:
            continue
        cue_start, cue_end = holder.cue[0][0], holder.cue[-1][1]
        for words in predictions:
            start = words.content[0][0] if words.content else -1
            if not words.cue and not words.source and cue_start < start <= cue_end + 2 and not text_of(doc)[cue_end:start].strip():
                holder.content, words.content = words.content, []
                break


def _stop_at_other_cues(doc: Doc, predictions: list[Prediction], quoted: list[tuple[int, int]]) -> None:
    """Words that run over several sentences leave out a sentence where someone else's cue speaks
    (outside quotes): in "According to the ministry, A. B, his office said." the ministry said A and
    the office B."""
    quotes = SortedRanges(quoted)
    cues = [(p.cue[0][0], id(p)) for p in predictions if p.cue and not _overlaps(p.cue[0][0], p.cue[0][1], quotes.near(*p.cue[0]))]
    # ... or a sentence that is itself a report the model missed ("... withdraw. Police said ...")
    # (not a speaker's own "I wouldn't call it reform" inside a quote the marks did not show)
    cues += [(t.idx, None) for t in tokens_with(doc, LEMMA, word_set("reporting_verbs.txt")) if t.dep_ == "ROOT"
             and any(c.dep_ in SUBJECT_DEPS and c.i < t.i and c.lower_ not in FIRST_PERSON for c in t.children)
             and not _overlaps(t.idx, t.idx + len(t), quotes.near(t.idx, t.idx + len(t)))]
    bounds = SortedRanges((s.start_char, s.end_char) for s in doc.sents)
    cues.sort(key=lambda cue: cue[0])
    cue_starts = [at for at, _ in cues]
    for predicted in predictions:
        if not predicted.cue:
            continue
        own = predicted.cue[0][0]
        parts = []
        for start, end in predicted.content:
            sentences = [(first, last) for first, last in bounds.near(start, end) if first < end and start < last]
            if len(sentences) > 1:
                for first, last in sentences:
                    if first <= own < last or not any(who != id(predicted) for _, who in cues[bisect_left(cue_starts, first) : bisect_left(cue_starts, last)]):
                        continue
                    if own < first:
                        end = min(end, first)
                        while end > start and text_of(doc)[end - 1] in " \n.;":
                            end -= 1  # the sentence's full stop is not words said
                    else:
                        start = max(start, last)
            parts.append((start, end))
        predicted.content = [(s, e) for s, e in parts if e > s]


def _share_out_contents(doc: Doc, predictions: list[Prediction]) -> None:
    """The model's grouping gives every cue of a paragraph its nearest content, so two cues can
    hold the same parts. One speaker's two cues keep one statement (the nearest cue's). Two
    speakers share a quote split between them ("A," she said. "B," Costa said.): each part goes
    to the nearer cue, a cue with a verb before one without. Two speakers of the same single words (X called for it; Y pooh-poohed
    it) both stand, unless only one of them speaks in the words' own sentence."""
    sentence_starts = [sent.start_char for sent in doc.sents]

    def distance(part: tuple[int, int], cue: list[tuple[int, int]]) -> tuple[bool, int]:
        """A cue in the part's own sentence first, then the nearest in characters."""
        if not cue:
            return True, 1 << 30
        same = bisect_right(sentence_starts, part[0]) == bisect_right(sentence_starts, cue[0][0])
        return not same, min(abs(part[0] - c[1]) if part[0] >= c[1] else abs(c[0] - part[1]) for c in cue)

    def elsewhere(part: tuple[int, int], holder: Prediction, keeper: Prediction) -> bool:
        """ "Hollis wrote that ... . A team spokeswoman declined to elaborate." "The report cited ... .
        Reeves has not commented.": words with their speaker's cue in their own sentence are not those
        of a cue elsewhere that has a clause of its own, or says nothing."""
        if not distance(part, holder.cue)[0] or distance(part, keeper.cue)[0]:
            return False
        verb = _cue_verb(doc, holder.cue)
        return verb is not None and any(child.dep_ in CONTENT_DEPS | {"xcomp", "neg"} for child in verb.children)

    def speaker(predicted: Prediction) -> str:
        words = " ".join(text_of(doc)[s:e].lower() for s, e in predicted.source)
        return "" if words in word_set("pronouns.txt") | {"it"} else words  # a pronoun may be anyone before it

    holders_of: dict[tuple[int, int], list[Prediction]] = {}  # each part's holders, in order, without a pass over all per part
    for predicted in predictions:
        for part in predicted.content:
            holders = holders_of.setdefault(part, [])
            if not holders or holders[-1] is not predicted:
                holders.append(predicted)
    for part in {p for predicted in predictions for p in predicted.content}:
        holders = holders_of[part]
        if len(holders) < 2:
            continue
        # A cue with a verb first: "told analysts on a conference call that ..." is "told"'s.
        keeper = min(holders, key=lambda p: (_cue_verb(doc, p.cue) is None, distance(part, p.cue)))
        for holder in holders:
            if holder is keeper:
                continue
            same_speaker = not speaker(holder) or not speaker(keeper) or speaker(holder) == speaker(keeper)
            if same_speaker or len(holder.content) > 1 or elsewhere(part, holder, keeper):
                holder.content.remove(part)


def _cue_verb(doc: Doc, cue: list[tuple[int, int]] | None) -> Token | None:
    """The verb of a predicted cue, for the statement's addressee and time."""
    if not cue:
        return None
    span = doc.char_span(cue[0][0], cue[-1][1], alignment_mode="expand")
    verbs = [t for t in span or [] if t.pos_ in {"VERB", "AUX"}]
    return verbs[-1] if verbs else None


def _quoted_ranges(finder: _Finder, content: list[tuple[int, int]], cue: Parts | None = None) -> list[tuple[int, int]]:
    """The parts of the content inside quotes, but for a quote around the cue too: that quotes someone who
    reports the statement (an excerpt: '"On Sunday, Sanders announced that he had raised $20 million."')."""
    ranges = []
    for start, end in content:
        outer = [q for q in finder.quotes_near(start, end) if not (cue and any(q.inner[0] <= s and e <= q.inner[1] for s, e in cue))]
        nested = [q for q in finder.nested_quotes_near(start, end) if not any(o.start <= q.start and q.end <= o.end for o in outer)]
        for quote in outer + nested:  # a nested quote counts where its outer one does not
            s, e = max(start, quote.inner[0]), min(end, quote.inner[1])
            if e > s:
                ranges.append((s, e))
    return ranges


def _quoted_words(finder: _Finder, content: list[tuple[int, int]], cue: Parts | None = None) -> int:
    return sum(len(text_of(finder.doc)[s:e].split()) for s, e in _quoted_ranges(finder, content, cue))


def _unquoted_words(doc: Doc, content: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> list[str]:
    """The content's words outside its quotes, without the quotation marks and punctuation."""
    text = text_of(doc)
    words = []
    for start, end in content:
        at = start
        for s, e in sorted(r for r in quoted if start <= r[0] and r[1] <= end) + [(end, end)]:
            words += [w for w in (w.strip(EDGE_PUNCTUATION + ".!?()") for w in text[at:s].split()) if w]
            at = max(at, e)
    return words


def _kind(doc: Doc, finder: _Finder, content: list[tuple[int, int]], cue: Parts | None) -> str:
    """direct (all the words quoted), indirect (none) or mixed. Quotes joined only by "and" or "or"
    ('chanted "Down with Mubarak" and "We are all Egyptians"') are all words said: direct."""
    quoted = _quoted_ranges(finder, content, cue)
    if not quoted:
        return "indirect"
    outside = _unquoted_words(doc, content, quoted)
    return "direct" if all(w.lower() in QUOTE_JOINERS for w in outside) else "mixed"


@dataclass(frozen=True, slots=True)
class Step:
    """One named step of attribution, with an example it handles (checked by tests/test_attribution_rules.py).

    `predicted` is what the trained model predicted for the example, role -> words (the rules' steps get none);
    `expect` is a statement (source, cue, words; None for none) the step made or changed, or with `removes`
    words the step keeps from being a statement."""

    name: str
    run: Callable
    example: str
    expect: tuple[str | None, str | None, str]
    predicted: tuple[dict[str, tuple[str, ...]], ...] = ()
    each: bool = False  # runs once per model prediction
    removes: bool = False


# One model error two steps repair: words cut at both ends run back to the clause start and on to the clause end.
CUT_WORDS_EXAMPLE = (
    "Army engineers could clear the silted main channel in about four months, at a fraction of the cost cited in a leaked "
    "Port Authority memo, the head of the corps said on Monday.",
    ("the head of the corps", "said", "Army engineers could clear the silted main channel in about four months, at a fraction "
     "of the cost cited in a leaked Port Authority memo"),
    ({"source": ("the head of the corps",), "cue": ("said",),
      "content": ("the silted main channel in about four months, at a fraction of the cost cited in a leaked Port",)},),
)

# In order. The model's predictions are repaired first (the steps before "model"), become drafts, and the
# rules add what the model missed (a rule defers to the model where they overlap).
STEPS: tuple[Step, ...] = (
    Step("outside_layout", _outside_layout, "The minister said the port would stay open.\n\nRelated: Harbor closure memo: what we know",
         (None, None, "memo: what we know"), ({"source": ("Harbor",), "cue": ("closure",), "content": ("memo: what we know",)},),
         each=True, removes=True),
    Step("words_around_layout", _words_around_layout,
         "The minister said the port would stay open.\n\nRelated: Harbor closure memo: what we know",
         ("The minister", "said", "the port would stay open."),
         ({"source": ("The minister",), "cue": ("said",), "content": ("the port would stay open.\n\nRelated: Harbor closure memo: what we know",)},),
         each=True),
    Step("source_names_someone", _source_names_someone, "Key points of the draft, as seen by reporters:",
         (None, None, "the draft"), ({"source": ("Key",), "cue": ("points of",), "content": ("the draft",)},), each=True, removes=True),
    Step("pronoun_is_not_words", _pronoun_is_not_words, "Critics attacked him over the harbor plan.",
         (None, None, "him"), ({"source": ("Critics",), "cue": ("attacked",), "content": ("him",)},), each=True, removes=True),
    Step("figure_is_not_words", _figure_is_not_words, "KEY DECISIONS:\nRepo rate: 6.25% (unchanged)\nCPI forecast FY26: 4.2%",
         (None, None, "4.2%"), ({"source": ("CPI",), "cue": ("forecast",), "content": ("4.2%",)},), each=True, removes=True),
    Step("whole_words", _whole_words,
         *CUT_WORDS_EXAMPLE, each=True),
    Step("words_past_brackets", _words_past_brackets,
         "The harbour master said the ferry would resume sailings (weather permitting) from next Monday.",
         ("The harbour master", "said", "the ferry would resume sailings (weather permitting) from next Monday"),
         ({"source": ("The harbour master",), "cue": ("said",), "content": ("the ferry would resume sailings (weather permitting",)},),
         each=True),
    Step("phrasal_not_reporting", _phrasal_not_reporting, "Port Authority withdraws harbor memo, union calls off strike\n\nThe union calls for talks.",
         (None, None, "memo"), ({"source": ("union",), "cue": ("calls",), "content": ("memo",)},), each=True, removes=True),
    Step("passive_subject_is_not_words", _passive_subject_is_not_words, "Not everyone was convinced by the plan.",
         (None, None, "Not everyone"), ({"cue": ("was convinced",), "content": ("Not everyone",)},), each=True, removes=True),
    Step("passive_object_is_not_words", _passive_object_is_not_words, "Harcourt Homes has not been accused of any wrongdoing.",
         (None, None, "any wrongdoing"), ({"cue": ("has not been accused of",), "content": ("Harcourt Homes", "any wrongdoing")},),
         each=True, removes=True),
    Step("question_is_not_words", _question_is_not_words, "Asked about the decision, Poe said he had no idea why it was made.",
         (None, None, "the decision"), ({"cue": ("Asked about",), "content": ("the decision",)},
                                       {"source": ("Poe",), "cue": ("said",), "content": ("he had no idea why it was made",)}),
         each=True, removes=True),
    Step("addressee_not_words", _addressee_not_words, "The minister told reporters on Monday that the port would close.",
         ("The minister", "told", "that the port would close"),
         ({"source": ("The minister",), "cue": ("told",), "content": ("reporters on Monday that the port would close",)},), each=True),
    Step("words_from_clause_start", _words_from_clause_start,
         *CUT_WORDS_EXAMPLE, each=True),
    Step("words_from_noun_start", _words_from_noun_start,
         "The union posted a flurry of messages attacking the harbor plan.",
         ("The union", "posted", "a flurry of messages attacking the harbor plan"),
         ({"source": ("The union",), "cue": ("posted",), "content": ("messages attacking the harbor plan",)},), each=True),
    Step("whole_source", _whole_source, "The Port Authority of Calder Bay this afternoon formally withdrew the leaked draft memo.",
         ("The Port Authority of Calder Bay", "formally withdrew", "the leaked draft memo"),
         ({"source": ("The Port Authority of Calder Bay this",), "cue": ("formally withdrew",), "content": ("the leaked draft memo",)},),
         each=True),
    Step("relative_speaker", _relative_speaker,
         "Prime Minister Mark Ostrander, whose warning drew criticism from unions, said that common sense had prevailed.",
         ("Prime Minister Mark Ostrander", "said", "that common sense had prevailed"),
         ({"source": ("whose warning",), "cue": ("said",), "content": ("that common sense had prevailed",)},), each=True),
    Step("join_cue_and_words", _join_cue_and_words,
         "The prime minister's office declined to clarify his warning of \"consequences nobody will forget,\" on Monday.",
         ("The prime minister's office", "declined to", "clarify his warning of \"consequences nobody will forget,\""),
         ({"source": ("The prime minister's office",), "cue": ("declined to",)},
          {"content": ('to clarify his warning of "consequences nobody will forget',)})),
    Step("cue_runs_to_words", _cue_runs_to_words, "A spokesman for the Port Authority declined to comment on the document.",
         ("A spokesman for the Port Authority", "declined to comment on", "the document"),
         ({"source": ("A spokesman for the Port Authority",), "cue": ("declined to",), "content": ("the document",)},), each=True),
    Step("quoted_as", _quoted_as,
         "Canada's trade minister, Mary Ng, was quoted by local media as saying Ottawa had received no notice.",
         ("Canada's trade minister, Mary Ng", "was quoted as saying", "Ottawa had received no notice"),
         ({"source": ("local media",), "cue": ("was quoted",), "content": ("Canada's trade minister, Mary Ng",)},
          {"cue": ("saying",), "content": ("Ottawa had received no notice",)})),
    Step("stop_before_other_cues", _stop_before_other_cues,
         "According to the ministry, Roe will meet Poe on Friday. Poe is due to make a statement today, his office said.",
         ("the ministry", "According to", "Roe will meet Poe on Friday"),
         ({"source": ("the ministry",), "cue": ("According to",), "content": ("Roe will meet Poe on Friday. Poe is due to make a statement today",)},
          {"source": ("his office",), "cue": ("said",), "content": ("Roe will meet Poe on Friday. Poe is due to make a statement today",)})),
    Step("share_out", _share_out, "\u201cWe will not move,\u201d she said. \u201cThey can wait,\u201d Costa said.",
         ("Costa", "Costa said", "They can wait"),
         ({"source": ("she",), "cue": ("said",), "content": ("We will not move", "They can wait")},
          {"source": ("Costa",), "cue": ("Costa said",), "content": ("We will not move", "They can wait")})),
    Step("said_to_subject", _said_to_subject, "Mayor Tom Baker is said to have visited the harbor twice in May.",
         (None, "is said", "Mayor Tom Baker to have visited the harbor twice in May"),
         ({"source": ("Mayor Tom Baker",), "cue": ("is said",), "content": ("to have visited the harbor twice in May",)},), each=True),
    Step("said_to_report", _said_to_report, "Two officials at the port are said to have confirmed that the harbor will close.",
         ("Two officials at the port", "are said to have confirmed", "that the harbor will close"),
         ({"source": ("Two officials at the port",), "cue": ("are said",), "content": ("to have confirmed that the harbor will close",)},),
         each=True),
    Step("second_report_not_words", _second_report_not_words,
         "Mr Cook said he was happy with the existing deal and accused other premiers of trying to rob the state.",
         ("Mr Cook", "said", "he was happy with the existing deal"),
         ({"source": ("Mr Cook",), "cue": ("said",),
           "content": ("he was happy with the existing deal and accused other premiers of trying to rob the state",)},), each=True),
    Step("participle_not_words", _participle_not_words,
         "Supporters posted photographs of the boy, adding that he had been killed in Syria, but not saying where he died.",
         ("Supporters", "adding", "that he had been killed in Syria"),
         ({"source": ("Supporters",), "cue": ("adding",),
           "content": ("that he had been killed in Syria, but not saying where he died",)},), each=True),
    Step("quote_before_time_clause", _quote_before_time_clause,
         "The mayor said the harbor plan was \u201cdead in the water\u201d after the council cut its funding.",
         ("The mayor", "said", "the harbor plan was \u201cdead in the water\u201d"),
         ({"source": ("The mayor",), "cue": ("said",),
           "content": ("the harbor plan was \u201cdead in the water\u201d after the council cut its funding",)},), each=True),
    Step("quote_after_colon", _quote_after_colon,
         "She posted a photo of the couple on Instagram with the caption: \u201cTough times don't last. Tough people do.\u201d",
         ("She", "posted", "Tough times don't last. Tough people do."),
         ({"source": ("She",), "cue": ("posted",),
           "content": ("a photo of the couple on Instagram with the caption: \u201cTough times don't last. Tough people do.",)},), each=True),
    Step("quote_after_aside", _quote_after_aside,
         "\u201cEvery time you say that,\u201d Tester said, referring to the excuse, \u201cyou give ammunition to the people who want to break up the banks.\u201d",
         ("Tester", "said", "Every time you say that you give ammunition to the people who want to break up the banks."),
         ({"source": ("Tester",), "cue": ("said",), "content": ("Every time you say that",)},
          {"source": ("Tester",), "cue": ("referring",), "content": ("the excuse, \u201cyou give ammunition to the people who want to break up the banks.",)})),
    Step("quote_after_indirect_apart", _quote_after_indirect_apart,
         "Poe said the port would stay open for now. \u201cWe have the money and the plan to do it.\u201d",
         (None, None, "We have the money and the plan to do it."),
         ({"source": ("Poe",), "cue": ("said",), "content": ("the port would stay open for now", "We have the money and the plan to do it.")},),
         each=True),
    Step("quote_after_paragraph_apart", _quote_after_paragraph_apart,
         "\u201cThe port will stay open,\u201d Poe said.\n\n\u201cWe have the money and the plan to do it.\u201d",
         (None, None, "We have the money and the plan to do it."),
         ({"source": ("Poe",), "cue": ("said",), "content": ("The port will stay open", "We have the money and the plan to do it.")},),
         each=True),
    Step("words_from_that", _words_from_that,
         "The mayor said at a rally in Calder Bay on Friday that the port would stay open.",
         ("The mayor", "said", "that the port would stay open"),
         ({"source": ("The mayor",), "cue": ("said",), "content": ("a rally in Calder Bay on Friday that the port would stay open",)},),
         each=True),
    Step("words_after_asked_person", _words_after_asked_person,
         "The host asked Clinton about her email scandal.",
         ("The host", "asked", "her email scandal"),
         ({"source": ("The host",), "cue": ("asked",), "content": ("Clinton about her email scandal",)},), each=True),
    Step("words_to_their_time", _words_to_their_time,
         "The forecaster warned there could be another lively spell on Monday morning.",
         ("The forecaster", "warned", "there could be another lively spell on Monday morning"),
         ({"source": ("The forecaster",), "cue": ("warned",), "content": ("there could be another lively spell",)},), each=True),
    Step("words_to_their_phrase_end", _words_to_their_phrase_end,
         "The mayor said two ferries were damaged in storms along the northern coast.",
         ("The mayor", "said", "two ferries were damaged in storms along the northern coast"),
         ({"source": ("The mayor",), "cue": ("said",), "content": ("two ferries were damaged in",)},), each=True),
    Step("words_with_their_conjuncts", _words_with_their_conjuncts,
         "The mayor promised to freeze harbor fees and cut rents for two years.",
         ("The mayor", "promised", "to freeze harbor fees and cut rents for two years"),
         ({"source": ("The mayor",), "cue": ("promised",), "content": ("to freeze harbor fees",)},), each=True),
    Step("words_from_relative_word", _words_from_relative_word,
         "The union rejected the memo, which the mayor called \u201ca plan for developers.\u201d",
         ("the mayor", "called", "which a plan for developers."),
         ({"source": ("the mayor",), "cue": ("called",), "content": ("a plan for developers.",)},), each=True),
    Step("name_after_quote_is_not_words", _name_after_quote_is_not_words,
         "\u201cThere is a severe disconnect between this White House and our military,\u201d Flynn, a top Trump surrogate, said on Thursday.",
         ("Flynn, a top Trump surrogate", "said", "There is a severe disconnect between this White House and our military"),
         ({"source": ("Flynn, a top Trump surrogate",), "cue": ("said",),
           "content": ("There is a severe disconnect between this White House and our military,\u201d Flynn, a top Trump surrogate",)},), each=True),
    Step("narrative_after_quote_not_words", _narrative_after_quote_not_words,
         "\u201cThere was no plan at all,\u201d the harbour master said. The harbor closed in May.",
         ("the harbour master", "said", "There was no plan at all"),
         ({"source": ("the harbour master",), "cue": ("said",), "content": ("There was no plan at all", "The harbor closed in May.")},),
         each=True),
    Step("words_before_narrative_not_theirs", _words_before_narrative_not_theirs,
         "The dock will reopen in May. Later the tide turned as residents watched the shore, wondering when the oil would land.",
         (None, "wondering", "The dock will reopen in May."),
         ({"source": (), "cue": ("wondering",), "content": ("The dock will reopen in May.",)},), each=True, removes=True),
    Step("model", _from_model, "The minister denied the report.", ("The minister", "denied", "the report"),
         ({"source": ("The minister",), "cue": ("denied",), "content": ("the report",)},)),
    Step("reporting_verb", _from_verbs, "The mayor said on Monday that the bridge would close.",
         ("The mayor", "said", "that the bridge would close")),
    Step("cue_hung_on_the_words", _cue_hung_on_the_words,
         "As many as 500 people were likely exposed to the gas, Tom Brown of Leeds University and colleagues reported in the journal Nature.",
         ("Tom Brown of Leeds University and colleagues", "reported", "As many as 500 people were likely exposed to the gas")),
    Step("according_to", _according_to, "According to the ministry, talks on the harbor will continue.",
         ("the ministry", "According to", "talks on the harbor will continue.")),
    Step("in_document", _in_document, "In the new poll, Clinton led Trump by five points among likely voters.",
         ("the new poll", "In", "Clinton led Trump by five points among likely voters.")),
    Step("commitment_to", _commitment_to,
         "Fuel queues returned to the capital yesterday as the marketers' association threatened to shut down its members' outlets from Monday.",
         ("the marketers' association", "threatened", "to shut down its members' outlets from Monday")),
    Step("reported_figures", _reported_figures,
         "Velmora Systems reported first-quarter net profit of $412 million on Thursday, up 18% from a year earlier.",
         ("Velmora Systems", "reported", "first-quarter net profit of $412 million on Thursday, up 18% from a year earlier")),
    Step("speech_topic", _speech_topic, "The mayor attacked Tom Baker, the harbor's owner, in early-morning tweets.",
         ("The mayor", "attacked", "Tom Baker, the harbor's owner")),
    Step("speech_noun", _speech_noun, "The mayor's comments on the harbor closure drew anger from dockworkers.",
         ("The mayor's", "comments on", "the harbor closure")),
    Step("after_colon_line", _after_colon_line,
         "Limbaugh spoke on his show on Monday. He added:\n\nAnd from a front-runner, this reeks of the greatest fear I have seen.",
         ("He", "added", "And from a front-runner, this reeks of the greatest fear I have seen.")),
    # a transcript goes back to a speaker ("PENCE: ... KAINE: ... PENCE: ..."): a lone capitals label is layout (nlp/layout.py)
    Step("speaker_label", _speaker_labels, "PENCE: Well, look, we are going to win this election.\n"
         "KAINE: The polls say otherwise, governor.\nPENCE: We will see about that in November.",
         ("PENCE", ":", "Well, look, we are going to win this election.")),
    Step("post_signature", _post_signatures,
         "Harbor row\n\nThe port will close in May, whatever they say pic.twitter.com/Ab12Cd \u2014 Ann Roe (@annroe) May 4, 2015",
         ("Ann Roe", "\u2014", "The port will close in May, whatever they say")),
    Step("uncued_quote", _uncued_quotes, "The harbor closed on Monday.\n\n\u201cWe will never give up on this harbor,\u201d",
         (None, None, "We will never give up on this harbor")),
    Step("continuation", _join_continuations,
         "\u201cThe port will stay open,\u201d Poe said, \u201cbecause we have the money and the plan to do it.\u201d",
         ("Poe", "said", "The port will stay open because we have the money and the plan to do it."),
         ({"source": ("Poe",), "cue": ("said",), "content": ("The port will stay open",)},
          {"content": ("because we have the money and the plan to do it.",)})),
    Step("one_quote_one_cue", _one_quote_one_cue,
         "Harbor row\n\nTom Baker, the port's manager, said: \"The port will close in May. The ferries will stop in June.\"",
         ("Tom Baker, the port's manager", "said", "The port will close in May. The ferries will stop in June"),
         ({"source": ("Tom Baker, the port's manager",), "cue": ("said",), "content": ("The port will close in May",)},
          {"source": ("Tom Baker, the port's manager",), "cue": ("said",), "content": ("The ferries will stop in June",)})),
    Step("quote_after_sentence_apart", _quote_after_sentence_apart,
         "\u201cThe port will stay open,\u201d Poe said. \u201cWe have the money and the plan to do it.\u201d",
         (None, None, "We have the money and the plan to do it."),
         ({"source": ("Poe",), "cue": ("said",), "content": ("The port will stay open", "We have the money and the plan to do it.")},)),
    Step("it_is_said", _it_is_said, "The port will close in May, it was claimed yesterday.",
         (None, "was claimed", "The port will close in May"),
         ({"source": ("it",), "cue": ("was claimed",), "content": ("The port will close in May",)},)),
    Step("quoted_person", _quoted_person, "\u201cWe will stay,\u201d the Harbor Gazette quoted Ann Roe, the port's manager, as saying.",
         ("Ann Roe, the port's manager", "quoted", "We will stay"),
         ({"source": ("the Harbor Gazette",), "cue": ("quoted",), "content": ("Ann Roe, the port's manager",)},)),
    Step("title_is_not_words", _title_is_not_words,
         "Album review\n\nShe recorded \u201cA Change Is Gonna Come\u201d for the album, she added.",
         (None, None, "A Change Is Gonna Come"), ({"source": ("she",), "cue": ("added",), "content": ("A Change Is Gonna Come",)},),
         removes=True),
    Step("voiceless_source", _voiceless_source,
         "The film never explains whether the ghost is real.",
         (None, None, "whether the ghost is real"),
         ({"source": ("The film",), "cue": ("never explains",), "content": ("whether the ghost is real",)},), removes=True),
    Step("inferred_from_a_thing", _inferred_from_a_thing,
         "Every case so far has been mild. It suggests that the outbreak is local.",
         (None, None, "that the outbreak is local"),
         ({"source": ("It",), "cue": ("suggests",), "content": ("that the outbreak is local",)},), removes=True),
    Step("modifier_cue_without_speaker", _modifier_cue_without_speaker,
         "Until the takeover of the airport, announced Aug. 24, two other militias controlled the port.",
         (None, None, "two other militias controlled the port"),
         ({"cue": ("announced",), "content": ("two other militias controlled the port",)},), removes=True),
    Step("counterfactual_cue", _counterfactual_cue,
         "A safety officer would have assured that every crew was trained.",
         (None, None, "that every crew was trained"),
         ({"source": ("A safety officer",), "cue": ("would have assured",), "content": ("that every crew was trained",)},),
         removes=True),
    Step("narrative_after_quote_cue", _narrative_after_quote_cue,
         "\u201cWe don't want to sit by,\u201d Nungesser said. The decision to burn the oil came after the robots failed.",
         (None, None, "The decision to burn the oil came after the robots failed."),
         ({"source": ("Nungesser",), "cue": ("said",), "content": ("The decision to burn the oil came after the robots failed.",)},),
         removes=True),
    Step("writer_as_source", _writer_as_source,
         "Are they an item? We can't say for certain, but they were seen together on Friday.",
         (None, None, "certain"), ({"source": ("We",), "cue": ("can't say for",), "content": ("certain",)},), removes=True),
    Step("correction_note_source", _correction_note_source,
         "Ghost review\n\nAn earlier version of this article incorrectly listed when the film opened.",
         (None, None, "when the film opened"),
         ({"source": ("An earlier version of this article",), "cue": ("incorrectly listed",), "content": ("when the film opened",)},),
         removes=True),
    Step("supposed_speaker", _supposed_speaker,
         "Tuition\n\nLet's say you think a degree from a state university will pay off.",
         (None, None, "you think a degree from a state university will pay off"),
         ({"source": ("s",), "cue": ("say",), "content": ("you think a degree from a state university will pay off",)},),
         removes=True),
    Step("imperative_cue_is_not_words", _imperative_cue_is_not_words, "Now tell us this is not a witch hunt of the highest order!",
         (None, None, "this is not a witch hunt of the highest order"),
         ({"cue": ("tell",), "content": ("this is not a witch hunt of the highest order",)},), removes=True),
    Step("one_object_per_cue", _one_object_per_cue, "The union sent a letter informing the ministry that its members would walk out.",
         (None, None, "the ministry"),
         ({"source": ("The union",), "cue": ("informing",), "content": ("the ministry",)},
          {"source": ("The union",), "cue": ("informing",), "content": ("that its members would walk out",)}), removes=True),
    Step("report_inside_words", _report_inside_words,
         "Police Lt. Brian Cole said the truck's owner told officers he had left the keys inside.",
         (None, None, "he had left the keys inside"),
         ({"source": ("Police Lt. Brian Cole",), "cue": ("said",), "content": ("the truck's owner told officers he had left the keys inside",)},
          {"source": ("Police Lt. Brian Cole",), "cue": ("told",), "content": ("he had left the keys inside",)}), removes=True),
    Step("one_statement_per_words", _one_statement_per_words,
         "Clinton had told police that she did not want the escort at all, the source added.",
         (None, None, "that she did not want the escort at all"),
         ({"source": ("Clinton",), "cue": ("had told",), "content": ("that she did not want the escort at all",)},
          {"source": ("the source",), "cue": ("added",), "content": ("she did not want the escort at all",)}), removes=True),
    # after one_statement_per_words, which may leave a cue only the phrase of its occasion
    Step("setting_is_not_words", _setting_is_not_words,
         "In an interview with Calder Radio broadcast in May, Ann Roe said the port would close.",
         (None, None, "In an interview with Calder Radio broadcast in May"),
         ({"source": ("Ann Roe",), "cue": ("said",), "content": ("In an interview with Calder Radio broadcast in May",)},),
         removes=True),
    # last, after one_statement_per_words: a draft whose source is no one still keeps its words from a weaker claim
    # to them ("Nobody is making this fuss about X. According to an estimate, ..." must not credit X to the estimate)
    Step("no_one_as_source", _no_one_as_source,
         "Despite waiting on the street for four hours, no pedestrians offered to buy her daughter.",
         (None, None, "to buy her daughter"),
         ({"source": ("no pedestrians",), "cue": ("offered",), "content": ("to buy her daughter",)},), removes=True),
)


def run_steps(finder: _Finder, steps: tuple[Step, ...] = STEPS) -> None:
    """Run the steps in order, naming on each prediction and draft the steps that made or changed it. Each item's
    shape after one step is its shape before the next: it is taken once per step, not twice."""
    # id -> (item, shape): the item held, so no id is reused while the next step runs
    before = {id(item): (item, item.shape()) for item in (*finder.predictions, *finder.found)}
    for step in steps:
        if step.each:
            for predicted in finder.predictions:
                step.run(finder, predicted)
        else:
            step.run(finder)
        after = {}
        for item in (*finder.predictions, *finder.found):
            shape = item.shape()
            held = before.get(id(item))
            if held is None:
                item.steps.insert(0, step.name)
            elif held[1] != shape:
                item.steps.append(step.name)
            after[id(item)] = (item, shape)
        before = after


@Language.component("storyline_attribution")
def storyline_attribution(doc: Doc) -> Doc:
    finder = _Finder(doc)
    run_steps(finder)
    finder.found.sort(key=lambda f: f.content[0][0])
    times = _times_by_sentence(doc)
    statements = []
    for number, found in enumerate(finder.found, start=1):
        text = text_of(doc)
        statements.append(
            Statement(
                id=f"s{number}",
                kind="direct" if found.verbatim else _kind(doc, finder, found.content, found.cue),
                content=Span.of(text, found.content),
                source=Span.of(text, [found.source]) if found.source else None,
                cue=Span.of(text, found.cue) if found.cue else None,
                addressee=found.addressee,
                time=_time_of(doc, found, times),
                steps=list(found.steps),
            )
        )
    doc._.statements = statements
    return doc


def _times_by_sentence(doc: Doc) -> tuple[list[int], dict[int, list]]:
    """Sentence starts, and each sentence's time expressions in the Doc's order: a time hangs off a cue
    in its own sentence (the parse never crosses one), so no statement reads every time of the text."""
    starts = [sent.start_char for sent in doc.sents]
    by_sentence: dict[int, list] = {}
    for time in doc._.times or []:
        first = max(bisect_right(starts, time.start) - 1, 0)
        for number in range(first, max(bisect_left(starts, time.end) - 1, first) + 1):
            by_sentence.setdefault(number, []).append(time)
    return starts, by_sentence


def _time_of(doc: Doc, found: Draft, times: tuple[list[int], dict[int, list]] | None = None) -> str | None:
    """The time the statement was made: a time expression hanging off the cue, outside the content
    and the source ("according to minutes of the March meeting" was not said in March)."""
    verb: Token | None = found.verb
    if verb is None:
        return None
    starts, by_sentence = times or _times_by_sentence(doc)
    for time in by_sentence.get(bisect_right(starts, verb.idx) - 1, []):
        if _overlaps(time.start, time.end, found.content + ([found.source] if found.source else [])):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            continue
        below = span.root
        for ancestor in span.root.ancestors:  # "told reporters Tuesday morning", "said on Tuesday"
            if ancestor.i == verb.i or ancestor.pos_ in {"VERB", "AUX"}:
                # an adverbial of the cue or of the scene it is said in, not "cites ... a fall since March
                # 2020": that is what was said
                if below.dep_ in TIME_OF_SAYING_DEPS and (ancestor.i == verb.i or _frames(ancestor, verb)):
                    return time.id
                break
            below = ancestor
    return None


def _frames(occasion: Token, verb: Token) -> bool:
    """Whether a participle sets the scene of the cue: "Speaking to reporters on Tuesday, the minister
    said", "Sitharaman, speaking in parliament on Wednesday, said"."""
    if occasion.lemma_ not in word_set("speaking_verbs.txt") and occasion.lemma_ not in word_set("reporting_verbs.txt"):
        return False
    return occasion.dep_ == "advcl" and occasion.head.i == verb.i or (
        occasion.dep_ == "acl" and occasion.head.dep_ in SUBJECT_DEPS and occasion.head.head.i == verb.i)
