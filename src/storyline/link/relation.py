"""Claim–text relations: does a text confirm, deny, only report, or not concern a claim?

`RelationModel.relate(pairs)` labels each (claim, text) pair `agree` / `disagree` / `discuss` /
`unrelated` with the model's probability for that label. Pure NumPy: no spaCy, no store, so the
linking stage and the `relate` command share it. Trained by scripts/train_relation.py (FNC-1 and
Emergent); the model card in models/relation/ gives its scores.

Features, per pair: how well the claim's words are found in the text (TF-IDF cosine with the whole
text, its best-matching sentences and its lead; word and bigram coverage), cue words (refuting,
negating, hedging, reporting, question marks; data/*.txt) in the claim, in the text and in the
sentences that match the claim best, and the claim's and the text's words themselves (bag of words
over a fixed vocabulary). A one-hidden-layer network reads them.

A short text (a headline, a statement: SHORT_TEXT_WORDS words at most) is also read by the short-text
head, a logistic regression trained on Emergent's claim–headline pairs alone over the dense features,
the text's marks (quotes, colon, reporting words up front), where it puts hedges, attributions and
questions against the claim's words (PLACED_CUES), the words it adds to the claim and its
mean word vector (MiniLM's static
word-piece vectors, shipped per word with the model): the network says whether the text concerns the
claim, the head how it takes it (agree / disagree / discuss).
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

import numpy as np

from storyline.blas import one_blas_thread
from storyline.wordlists import word_list, word_set

LABELS = ("agree", "disagree", "discuss", "unrelated")
TOP_SENTENCES = 3  # the sentences that match the claim best carry its stance in the text
SHORT_TEXT_WORDS = 40  # a headline or a statement; FNC-1's bodies are longer (67 of its 1,683 are not)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+|\n\s*")
_NUMBER = re.compile(r"^\d")


def words(text: str) -> list[str]:
    """Lower-case word tokens ('didn't' stays one word, so its negation is seen)."""
    return _WORD.findall(text.lower().replace("’", "'"))


@lru_cache(maxsize=1 << 16)  # claim linking asks the same texts for every candidate they meet
def _word_set(text: str) -> frozenset[str]:
    return frozenset(words(text))


def sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


@cache
def _cues() -> dict[str, frozenset[str]]:
    return {
        "refute": word_set("refute_words.txt") | word_set("deny_verbs.txt"),
        "negate": word_set("negation_words.txt"),
        "hedge": word_set("hedge_words.txt") | word_set("hedge_verbs.txt"),
        "report": word_set("rumour_words.txt"),
    }


@cache
def _report_words() -> frozenset[str]:
    return word_set("reporting_verbs.txt") | word_set("rumour_words.txt")


@cache
def _deny_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in word_list("deny_patterns.txt"))


@cache
def _stopwords() -> frozenset[str]:
    return word_set("stopwords_en.txt")


def _is_negation(word: str, negate: frozenset[str]) -> bool:
    return word in negate or word.endswith("n't")


_CLAUSE_BREAK = re.compile(r"[.;:!?]+")


@cache
def _scope_ends() -> frozenset[str]:
    return word_set("negation_scope_ends.txt")


def negated_clauses(text: str) -> list[tuple[str, ...]]:
    """The words of each clause of `text` that holds a negator. A clause ends at a full stop, colon or
    semicolon, and before a word that opens another one (data/negation_scope_ends.txt: 'who',
    'because', 'but'): "I am not in the habit of supporting people who attack my wife" negates the
    habit, not the attack."""
    negate, ends = _cues()["negate"], _scope_ends()
    out: list[tuple[str, ...]] = []
    for part in _CLAUSE_BREAK.split(text):
        clause: list[str] = []
        for w in [*words(part), ""]:
            if w and w not in ends:
                clause.append(w)
                continue
            if any(_is_negation(t, negate) for t in clause):
                out.append(tuple(clause))
            clause = []
    return out


@dataclass
class TextView:
    """What the features read of one text; computed once per text however many claims meet it."""
    n_words: int
    sentence_vectors: list[dict[int, float]]  # unit TF-IDF vector per sentence
    sentence_words: list[set[str]]
    vector: dict[int, float]  # unit TF-IDF vector of the whole text
    word_set: set[str]
    bigrams: set[tuple[str, str]]
    cue_counts: np.ndarray  # sentences x CUE_NAMES
    bag: dict[int, float]  # bag-of-words vector (unit length) over the model's vocabulary
    marks: tuple[float, ...] = ()  # a short text's MARK_NAMES
    meaning: np.ndarray | None = None  # a short text's unit mean word vector
    tokens: tuple[str, ...] = ()  # a short text's words
    negated: tuple[tuple[str, ...], ...] = ()  # a short text's negated clauses (negated_clauses)
    headline_cues: tuple[tuple[bool, bool], ...] = ()  # a short text's headline_cues(): (fires, its first pattern matches)
    placing: Placing | None = None  # a short text's words in order, as the placed cues read them


CUE_NAMES = ("refute", "negate", "hedge", "report", "deny_pattern", "question")


MARK_NAMES = ("quote_marks", "colon", "report_words", "report_opening")


@dataclass(frozen=True)
class HeadlineCue:
    """A wording by which a short text takes a side on what it reports: it fires when every pattern
    matches the text (and, if `relative`, not when the claim matches the first pattern too: a claim
    that says "not" itself is not denied by a text that reports it)."""
    name: str
    example: str  # a headline it fires on
    patterns: tuple[re.Pattern[str], ...]
    relative: bool

    def read(self, text: str) -> tuple[bool, bool]:
        """(fires, the first pattern matches)."""
        first = bool(self.patterns[0].search(text))
        return first and all(p.search(text) for p in self.patterns[1:]), first


def _alternatives(name: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(word_list(name), key=len, reverse=True))


_NEGATOR = r"(?:not|no|never|\w+n't)"
HEADLINE_CUE_NAMES = ("dismissed_report", "not_genuine", "emphatic_negator", "said_negated", "falsity_word")


@cache
def headline_cues() -> tuple[HeadlineCue, ...]:
    """The named, ordered table of HEADLINE_CUE_NAMES; the words come from data/*.txt."""
    dismiss, report = _alternatives("dismiss_verbs.txt"), _alternatives("report_nouns.txt")
    genuine, emphatic, say = _alternatives("genuine_words.txt"), _alternatives("emphatic_negators.txt"), _alternatives("saying_verbs.txt")
    falsity = _alternatives("falsity_words.txt")
    return (
        # a report killed, shot down, put to rest: a denial, though the report word alone reads 'discuss'
        HeadlineCue("dismissed_report", "Director Kills Stolen Car Rumor",
                    (re.compile(rf"\b(?:{dismiss})\b", re.I), re.compile(rf"\b(?:{report})\b", re.I)), True),
        HeadlineCue("not_genuine", "Panel On Domestic Violence Is Not Real",
                    (re.compile(rf"\b{_NEGATOR}\s+(?:{genuine})\b", re.I),), True),
        # a negator in capitals in a headline that is not all capitals is the outlet's own emphasis
        HeadlineCue("emphatic_negator", "Loggers have NOT cut down the oldest tree",
                    (re.compile(rf"^(?=.*[a-z]).*\b(?:{emphatic})\b", re.S),), False),
        HeadlineCue("said_negated", "Actress Says She Was Never Kidnapped",
                    (re.compile(rf"\b{_NEGATOR}\b", re.I), re.compile(rf"\b(?:{say})\b", re.I)), True),
        # a report called staged, doctored, made up: each such word is rare (a claim or two each in Emergent),
        # so they are read as one cue beside the refuting words (data/refute_words.txt) the head reads already
        HeadlineCue("falsity_word", "Viral Video Of The Stolen Car Was Staged, Police Say",
                    (re.compile(rf"\b(?:{falsity})\b", re.I),), True),
    )


@dataclass(frozen=True)
class Placing:
    """A short text's words in order (lower case), where its first colon falls (words before it; -1: none)
    and whether it asks a question (anywhere; at its end)."""
    words: tuple[str, ...]
    colon_at: int
    question: bool
    question_end: bool


_PLACING_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|:")


def placing(text: str) -> Placing:
    plain = text.replace("’", "'")
    tokens = [t.lower() for t in _PLACING_TOKEN.findall(plain)]
    colon_at = tokens.index(":") if ":" in tokens else -1
    return Placing(tuple(t for t in tokens if t != ":"), colon_at, "?" in text, text.strip().endswith("?"))


@cache
def _attribution_words() -> frozenset[str]:
    return _report_words() | word_set("report_nouns.txt") | word_set("source_nouns.txt")


@cache
def _hedges() -> frozenset[str]:
    return _cues()["hedge"]


@dataclass(frozen=True)
class PlacedCue:
    """Where a short text puts a hedge, an attribution or a question relative to the claim's words (`claim`:
    the stems of its content words): a headline that reports a claim ("..., officials say", "Source: ...",
    "could cost") observes it rather than confirming it."""
    name: str
    example: tuple[str, str]  # (claim, text) it fires on
    read: Callable[[frozenset[str], Placing], float]


def _hedge_before_claim(claim: frozenset[str], text: Placing) -> float:
    w, hedges = text.words, _hedges()
    return float(any(w[i] in hedges and any(stem(x) in claim for x in w[i + 1:i + 3]) for i in range(len(w))))


def _source_after_colon(claim: frozenset[str], text: Placing) -> float:
    tail = text.words[text.colon_at:] if text.colon_at >= 0 else ()
    return float(0 < len(tail) <= 5 and not any(stem(x) in claim for x in tail))


@cache
def _hedges_and_attributions() -> frozenset[str]:
    return _hedges() | _attribution_words()


def _claim_after_attribution(claim: frozenset[str], text: Placing) -> float:
    marks = _hedges_and_attributions()
    first = next((i for i, x in enumerate(text.words) if x in marks), None)
    placed = [stem(x) in claim for x in text.words]
    return sum(placed[first:]) / max(sum(placed), 1) if first is not None else 0.0


PLACED_CUES: tuple[PlacedCue, ...] = (
    PlacedCue("hedge_before_claim", ("The watch will cost 500 dollars", "Steel watch could cost just 499 dollars"),
              _hedge_before_claim),
    PlacedCue("attribution_at_end", ("His wife was detained in Lebanon", "Wife held in Lebanon, officials say"),
              lambda claim, text: float(any(x in _attribution_words() for x in text.words[-3:]))),
    PlacedCue("attribution_label", ("Three soldiers were found at the border", "Source: missing soldiers at the border"),
              lambda claim, text: float(text.colon_at >= 0 and any(x in _attribution_words() for x in text.words[:text.colon_at][:3]))),
    PlacedCue("source_after_colon", ("LG will supply the watch screens", "LG to supply watch screens: South Korea paper"),
              _source_after_colon),
    PlacedCue("question_end", ("The office is infested with rats", "Is the office infested with rats?"),
              lambda claim, text: float(text.question_end)),
    PlacedCue("question_opening", ("Banksy drew a cartoon", "Did Banksy draw this? Probably not"),
              lambda claim, text: float(text.question and bool(text.words) and text.words[0] in word_set("question_openers.txt"))),
    PlacedCue("according_to", ("The mayor resigned", "The mayor resigned, according to a local paper"),
              lambda claim, text: float("according to" in " ".join(text.words))),
    PlacedCue("claim_after_attribution", ("Pilots are training in jets", "Monitors say pilots are training in jets"),
              _claim_after_attribution),
)
PLACED_CUE_NAMES = tuple(c.name for c in PLACED_CUES)
# The head reads the text's cue words relative to the claim: those the text adds ("Nothing has been
# decided" against 'The minister said that "nothing has been decided."' adds a report, not a denial).
HEAD_EXTRA_NAMES = (*MARK_NAMES, "text_share_in_claim", "negation_difference", *(f"added_{c}" for c in CUE_NAMES),
                    *HEADLINE_CUE_NAMES, *PLACED_CUE_NAMES)


def placed_cues(claim: TextView, text: TextView) -> np.ndarray:
    """PLACED_CUES of a short text against a claim."""
    if text.placing is None:
        return np.zeros(len(PLACED_CUES), np.float32)
    stems = frozenset(stem(w) for w in claim.word_set)
    return np.array([cue.read(stems, text.placing) for cue in PLACED_CUES], np.float32)


class Featurizer:
    """Turns (claim, text) into the dense features and the two bags of words the network reads."""

    def __init__(self, idf: dict[str, float], bag_vocabulary: list[str], word_vectors: np.ndarray | None = None) -> None:
        self.word_vectors = word_vectors  # one row per IDF word (the static vectors), or None
        self.ids = {w: i for i, w in enumerate(idf)}
        self.idf = np.array(list(idf.values()), np.float32)
        self.default_idf = float(self.idf.max()) if len(self.idf) else 1.0
        self.bag_ids = {w: i for i, w in enumerate(bag_vocabulary)}
        self.bag_size = len(bag_vocabulary)

    def _vector(self, tokens: list[str]) -> dict[int, float]:
        counts: dict[int, float] = {}
        stop = _stopwords()
        for t in tokens:
            if t in stop:
                continue
            i = self.ids.get(t)
            if i is not None:
                counts[i] = counts.get(i, 0.0) + 1.0
        vec = {i: (1.0 + math.log(c)) * float(self.idf[i]) for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {i: v / norm for i, v in vec.items()}

    def view(self, text: str, short: bool | None = None) -> TextView:
        """What the features read of `text`; `short` overrides the SHORT_TEXT_WORDS test (training the head)."""
        cues = _cues()
        patterns = _deny_patterns()
        sents = sentences(text) or [text]
        sent_tokens = [words(s) for s in sents]
        all_tokens = [t for ts in sent_tokens for t in ts]
        cue_counts = np.zeros((len(sents), len(CUE_NAMES)), np.float32)
        for k, (s, ts) in enumerate(zip(sents, sent_tokens)):
            for t in ts:
                if t in cues["refute"]:
                    cue_counts[k, 0] += 1
                if _is_negation(t, cues["negate"]):
                    cue_counts[k, 1] += 1
                if t in cues["hedge"]:
                    cue_counts[k, 2] += 1
                if t in cues["report"]:
                    cue_counts[k, 3] += 1
            cue_counts[k, 4] = sum(1 for p in patterns if p.search(s))
            cue_counts[k, 5] = s.count("?")
        bag: dict[int, float] = {}
        for t in all_tokens:
            i = self.bag_ids.get(t)
            if i is not None:
                bag[i] = bag.get(i, 0.0) + 1.0
        norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
        stop = _stopwords()
        content = [t for t in all_tokens if t not in stop]
        marks: tuple[float, ...] = ()
        headline: tuple[tuple[bool, bool], ...] = ()
        placed = None
        meaning = None
        if short or (short is None and len(all_tokens) <= SHORT_TEXT_WORDS):
            report = _report_words()
            marks = (float(sum(text.count(q) for q in '"“”‘')), float(":" in text),
                     float(sum(t in report for t in all_tokens)), float(any(t in report for t in all_tokens[:4])))
            meaning = self.meaning(content)
            plain = text.replace("’", "'")
            headline = tuple(cue.read(plain) for cue in headline_cues())
            placed = placing(text)
        return TextView(
            n_words=len(all_tokens),
            sentence_vectors=[self._vector(ts) for ts in sent_tokens],
            sentence_words=[set(ts) - stop for ts in sent_tokens],
            vector=self._vector(all_tokens),
            word_set=set(content),
            bigrams=set(pairwise(content)),
            cue_counts=cue_counts,
            bag={i: v / norm for i, v in bag.items()},
            marks=marks,
            meaning=meaning,
            tokens=tuple(all_tokens) if meaning is not None else (),
            negated=tuple(negated_clauses(text)) if meaning is not None else (),
            headline_cues=headline if meaning is not None else (),
            placing=placed,
        )

    def meaning(self, content: list[str]) -> np.ndarray | None:
        """The unit mean of the content words' static vectors (words of three letters or more)."""
        if self.word_vectors is None:
            return None
        rows = [i for t in content if len(t) > 2 and not t.isdigit() and (i := self.ids.get(t)) is not None]
        if not rows:
            return np.zeros(self.word_vectors.shape[1], np.float32)
        vector = self.word_vectors[rows].astype(np.float32).mean(0)
        return vector / (float(np.linalg.norm(vector)) or 1.0)

    def weight(self, word: str) -> float:
        i = self.ids.get(word)
        return float(self.idf[i]) if i is not None else self.default_idf

    def dense(self, claim: TextView, text: TextView) -> np.ndarray:
        """The dense features of one pair, in the order of DENSE_NAMES."""
        sims = np.array([_dot(claim.vector, s) for s in text.sentence_vectors], np.float32)
        order = np.argsort(-sims, kind="stable")
        top = order[:TOP_SENTENCES]
        best = int(order[0])
        lead = text.sentence_vectors[0] if text.sentence_vectors else {}
        claim_words = claim.word_set
        weights = {w: self.weight(w) for w in claim_words}
        total = sum(weights.values()) or 1.0
        found = claim_words & text.word_set
        numbers = {w for w in claim_words if _NUMBER.match(w)}
        claim_cues = claim.cue_counts.sum(0)
        text_cues = text.cue_counts.sum(0)
        top_cues = text.cue_counts[top].sum(0)
        best_cues = text.cue_counts[best]
        share = np.maximum(sims, 0)
        near_cues = (share[:, None] * text.cue_counts).sum(0) / (share.sum() or 1.0)
        features = [
            _dot(claim.vector, text.vector),
            float(sims[best]),
            float(sims[top].mean()),
            _dot(claim.vector, lead),
            sum(weights[w] for w in found) / total,
            len(found) / (len(claim_words) or 1),
            len(claim_words & text.sentence_words[best]) / (len(claim_words) or 1),
            len(claim.bigrams & text.bigrams) / (len(claim.bigrams) or 1),
            len(numbers - text.word_set) / (len(numbers) or 1) if numbers else 0.0,
            float(bool(numbers)),
            math.log1p(text.n_words),
            math.log1p(claim.n_words),
            math.log1p(len(text.sentence_vectors)),
            best / max(len(text.sentence_vectors), 1),
            float(claim_cues[1] > 0) != float(best_cues[1] > 0),
        ]
        features += list(np.minimum(claim_cues, 3))
        features += list(100.0 * text_cues / max(text.n_words, 1))
        features += list(np.minimum(top_cues, 5))
        features += list(np.minimum(best_cues, 3))
        features += list(near_cues)
        return np.array(features, np.float32)

    def novel_bag(self, claim: TextView, text: TextView) -> dict[int, float]:
        """The bag of words (unit length) of a short text's words that the claim does not have: what a
        headline adds to a claim ('reportedly', 'hoax', 'not') carries its stance."""
        said = set(claim.tokens)
        bag: dict[int, float] = {}
        for t in text.tokens:
            i = self.bag_ids.get(t)
            if i is not None and t not in said:
                bag[i] = bag.get(i, 0.0) + 1.0
        norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
        return {i: v / norm for i, v in bag.items()}

    def head_extra(self, claim: TextView, text: TextView) -> np.ndarray:
        """HEAD_EXTRA_NAMES of a pair whose text is short."""
        share = len(text.word_set & claim.word_set) / (len(text.word_set) or 1)
        added = added_cues(claim, text)
        negated = float(added[1] > 0) - float(claim.cue_counts[:, 1].sum() > 0)
        said = claim.headline_cues or ((False, False),) * len(text.headline_cues)
        cues = [float(fired and not (cue.relative and first)) for cue, (fired, _), (_, first) in zip(headline_cues(), text.headline_cues, said)]
        return np.array([*text.marks, share, negated, *added, *cues, *placed_cues(claim, text)], np.float32)


def added_cues(claim: TextView, text: TextView) -> np.ndarray:
    """CUE_NAMES counts (at most 3) of a short text's cue words that the claim does not say itself (a
    negator only in a clause about the claim's words), and of the deny patterns and question marks it
    has more of."""
    cues, said = _cues(), set(claim.tokens) or claim.word_set
    out = np.zeros(len(CUE_NAMES), np.float32)
    for t in text.tokens:
        if t not in said:
            out[[0, 2, 3]] += (t in cues["refute"], t in cues["hedge"], t in cues["report"])
    # a negator counts where its clause holds one of the claim's words: "not in the habit of supporting
    # people who attack my wife" does not negate "attacked his wife"
    claim_stems = {stem(w) for w in claim.word_set}
    out[1] = sum(_is_negation(t, cues["negate"]) and t not in said
                 for clause in text.negated if {stem(w) for w in clause} & claim_stems for t in clause)
    out[4:] = np.maximum(text.cue_counts[:, 4:].sum(0) - claim.cue_counts[:, 4:].sum(0), 0)
    return np.minimum(out, 3)


DENSE_NAMES = (
    "cos_text", "cos_best_sentence", "cos_top_sentences", "cos_lead", "cover_idf", "cover", "cover_best_sentence",
    "bigram_cover", "numbers_missing", "has_numbers", "log_text_words", "log_claim_words", "log_text_sentences",
    "best_sentence_position", "negation_mismatch",
    *(f"claim_{c}" for c in CUE_NAMES), *(f"text_{c}_per_100" for c in CUE_NAMES),
    *(f"top_{c}" for c in CUE_NAMES), *(f"best_{c}" for c in CUE_NAMES), *(f"near_{c}" for c in CUE_NAMES),
)
# The dense features the short-text head reads: all but those of the cues that turn a claim's polarity
# (the text's refuting words, negators, deny patterns; a negation mismatch); it reads those relative
# to the claim (added_cues), so a negative claim said again is no denial of itself.
POLARITY_CUES = ("refute", "negate", "deny_pattern")
HEAD_DENSE = tuple(k for k, name in enumerate(DENSE_NAMES) if name != "negation_mismatch"
                   and not (name.startswith(("text_", "top_", "best_", "near_")) and name.split("_", 1)[1].startswith(POLARITY_CUES)))


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(i, 0.0) for i, v in a.items())


def bag_matrix(bags: list[dict[int, float]], size: int) -> np.ndarray:
    out = np.zeros((len(bags), size), np.float32)
    for row, bag in enumerate(bags):
        if bag:
            out[row, list(bag)] = list(bag.values())
    return out


@dataclass(frozen=True)
class Relation:
    relation: str  # one of LABELS
    score: float  # the model's probability for it
    scores: dict[str, float]


class Network:
    """One hidden layer (ReLU) over [claim bag | text bag | standardised dense features]."""

    def __init__(self, params: dict[str, np.ndarray]) -> None:
        self.p = {k: np.asarray(v, np.float32) for k, v in params.items()}

    def hidden(self, claim_bags: np.ndarray, text_bags: np.ndarray, dense: np.ndarray) -> np.ndarray:
        p = self.p
        z = claim_bags @ p["w_claim"] + text_bags @ p["w_text"] + ((dense - p["mean"]) / p["std"]) @ p["w_dense"] + p["b1"]
        return np.maximum(z, 0)

    def probabilities(self, claim_bags: np.ndarray, text_bags: np.ndarray, dense: np.ndarray) -> np.ndarray:
        logits = self.hidden(claim_bags, text_bags, dense) @ self.p["w_out"] + self.p["b_out"]
        logits -= logits.max(1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(1, keepdims=True)


class ShortTextHead:
    """Multinomial logistic regression over [standardised dense and extra features | novel bag | text meaning]
    → agree / disagree / discuss (Emergent's three classes)."""

    def __init__(self, params: dict[str, np.ndarray]) -> None:
        self.p = {k: np.asarray(v, np.float32) for k, v in params.items()}

    def probabilities(self, dense: np.ndarray, extra: np.ndarray, novel_bags: np.ndarray, meanings: np.ndarray) -> np.ndarray:
        p = self.p
        x = np.hstack([(np.hstack([dense[:, HEAD_DENSE], extra]) - p["mean"]) / p["std"], novel_bags, meanings])
        logits = x @ p["w"] + p["b"]
        logits -= logits.max(1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(1, keepdims=True)


def head_inputs(featurizer: Featurizer, views: list[tuple[TextView, TextView]]):
    """(extra, novel bags, meanings) of short-text pairs, as the head reads them beside the dense features."""
    extra = np.stack([featurizer.head_extra(c, t) for c, t in views])
    bags = bag_matrix([featurizer.novel_bag(c, t) for c, t in views], featurizer.bag_size)
    meanings = np.stack([t.meaning for _, t in views])
    return extra, bags, meanings


def default_dir() -> Path:
    return Path(str(resources.files("storyline").joinpath("models", "relation")))


class RelationModel:
    """The shipped relation model (models/relation/): `relate([(claim, text), ...])`."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or default_dir()
        vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        self.head: ShortTextHead | None = None
        vectors = None
        if (directory / "head.npz").exists():
            with np.load(directory / "head.npz") as head:
                params = dict(head)
            vectors = params.pop("word_vectors")
            self.head = ShortTextHead(params)
        self.featurizer = Featurizer(dict(zip(vocab["idf_words"], vocab["idf"])), vocab["bag"], vectors)
        with np.load(directory / "weights.npz") as weights:
            self.network = Network(dict(weights))
        self.labels = tuple(json.loads((directory / "config.json").read_text(encoding="utf-8"))["labels"])

    def relate(self, pairs: list[tuple[str, str]], batch: int = 512) -> list[Relation]:
        """One Relation per (claim, text); a text or claim met twice is read once."""
        with one_blas_thread():
            return self._relate(pairs, batch)

    def _relate(self, pairs: list[tuple[str, str]], batch: int) -> list[Relation]:
        views: dict[str, TextView] = {}

        def view(text: str) -> TextView:
            found = views.get(text)
            if found is None:
                found = views[text] = self.featurizer.view(text)
            return found

        out: list[Relation] = []
        size = self.featurizer.bag_size
        for start in range(0, len(pairs), batch):
            chunk = [(view(c), view(t)) for c, t in pairs[start : start + batch]]
            dense = np.stack([self.featurizer.dense(c, t) for c, t in chunk]) if chunk else np.zeros((0, len(DENSE_NAMES)), np.float32)
            probs = self.network.probabilities(bag_matrix([c.bag for c, _ in chunk], size), bag_matrix([t.bag for _, t in chunk], size), dense)
            short = [k for k, (_, t) in enumerate(chunk) if t.meaning is not None]
            if self.head is not None and short:
                # the network says whether a short text concerns the claim; the head how it takes it
                extra, bags, meanings = head_inputs(self.featurizer, [chunk[k] for k in short])
                split = self.head.probabilities(dense[short], extra, bags, meanings)
                probs[short, :3] = (1.0 - probs[short, 3:4]) * split
            for row in probs:
                k = int(row.argmax())
                out.append(Relation(self.labels[k], round(float(row[k]), 4), {l: round(float(v), 4) for l, v in zip(self.labels, row)}))
        return out


@cache
def default_model() -> RelationModel:
    return RelationModel()


# --- statement against statement: the relation rules ------------------------------------------------
#
# The model was trained on headline-against-article pairs; between two short statements its choice
# between agree and disagree is unreliable (a quote and its verbatim repeat can read as 'disagree'),
# but its related/unrelated call is strong. So the model decides only whether two statements are
# about the same thing, and the words decide what one does to the other: a denial negates what the
# claim asserts (or names the document that made it), a confirmation asserts the same key words.

MIN_RELATED = 0.8  # the model's probability that the later statement concerns the claim at all
MAX_OPPOSITE = 0.5  # a denial the model reads as agreeing with this probability (or the reverse) is not linked
MIN_OVERLAP = 0.6  # shared key words over the key words of the shorter statement
MIN_RESTATED = 0.34  # the claim's key words over the key words of a statement that repeats or confirms it
MIN_SHARED = 2  # key words in common (or the very same key words: "Nothing has been decided")


@dataclass(frozen=True, slots=True)
class Said:
    """One statement as the relation rules read it."""

    id: str
    words: str  # what was said (the content)
    stance: str = "assert"  # assert / deny / hedge
    source: str | None = None  # who said it, as written ("the memo", "Transport Minister Jane Roe")
    speaker: str | None = None  # who said it, resolved: an entity id in one article, a speaker key in the archive
    cue: str | None = None  # the words that attribute ("said", "withdrew")
    span: tuple[int, int] | None = None  # where its content lies in its article (start, end)
    name: str | None = None  # the speaker's name, when the source names one


def overlap(a: Said, b: Said) -> bool:
    """Two statements of one article over the same words (one quote attributed twice): no relation."""
    return a.span is not None and b.span is not None and a.span[0] < b.span[1] and b.span[0] < a.span[1]


_SUFFIXES = ("ations", "ation", "ings", "ing", "ures", "ure", "ions", "ion", "ied", "ies", "ed", "es", "e", "s")


def stem(word: str) -> str:
    """A crude stem, enough to meet 'close', 'closes', 'closing' and 'closure' as one key word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:7]


_CASED_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


@lru_cache(maxsize=8192)
def key_words(text: str) -> frozenset[str]:
    """The stems of a statement's content words: no stop words, negators, one- and two-letter words, or
    names (a capitalised word after the first): two statements naming one harbor need not say one thing."""
    stop, negate = _stopwords(), _cues()["negate"]
    out = set()
    for i, token in enumerate(_CASED_WORD.findall(text.replace("’", "'"))):
        w = token.lower()
        if len(w) > 2 and w not in stop and not _is_negation(w, negate) and not (i and token[0].isupper()):
            out.add(stem(w))
    return frozenset(out)


def proposition(said: Said) -> bool:
    """The statement says that something is so (a clause with an auxiliary, a modal, a negator or a
    'that'), not only what it was about ('the integrity of the voting system'): only a proposition is
    confirmed or denied."""
    return _is_proposition(said.words)


@lru_cache(maxsize=1 << 16)  # a statement meets many candidates while claims are linked: read its words once
def _is_proposition(text: str) -> bool:
    tokens = words(text)
    if not tokens or {tokens[0], tokens[-1]} & _QUESTION_WORDS or tokens[0] in _OBJECT_PRONOUNS:
        return False  # "how his plan would work": a question, not an answer; "him for not paying tax": a reason
    return tokens[:1] == ["that"] or any(t in _auxiliaries() or _is_negation(t, _cues()["negate"]) for t in tokens)


_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})
_QUESTION_WORDS = frozenset({"how", "what", "whether", "who", "whom", "why", "when", "where", "which", "if"})


@cache
def _auxiliaries() -> frozenset[str]:
    return word_set("auxiliary_words.txt")


def negated(said: Said) -> bool:
    """The statement denies or negates what it is about: a deny stance, a negator or a refuting word."""
    return said.stance == "deny" or _negates(said.words)


@lru_cache(maxsize=1 << 16)
def _negates(text: str) -> bool:
    cues = _cues()
    return any(_is_negation(w, cues["negate"]) or w in cues["refute"] for w in words(text))


@cache
def document_nouns() -> frozenset[str]:
    return frozenset(n for n in word_set("document_nouns.txt") if " " not in n)


def documents(said: Said) -> frozenset[str]:
    """The document nouns in a statement's source ('the leaked draft memo' → memo, draft)."""
    return _word_set(said.source or "") & document_nouns()


def same_words(claim: Said, later: Said) -> bool:
    """The two share key content: MIN_SHARED key words making MIN_OVERLAP of the shorter, or all of them."""
    a, b = key_words(claim.words), key_words(later.words)
    common = len(a & b)
    return (common >= MIN_SHARED and common >= MIN_OVERLAP * min(len(a), len(b))) or (bool(a) and a == b)


def restates(claim: Said, later: Said) -> bool:
    """The later statement says the claim again: most of the claim's key words, and they are much of
    what it says (a long statement that mentions the claim in passing is about something else)."""
    a, b = key_words(claim.words), key_words(later.words)
    common = len(a & b)
    numbers = _numbers(claim.words)
    return (same_words(claim, later) and common >= MIN_OVERLAP * len(a) and common >= MIN_RESTATED * len(b)
            and numbers <= _word_set(later.words))  # 47.1 percent is not 47.3 percent


@lru_cache(maxsize=1 << 16)
def _numbers(text: str) -> frozenset[str]:
    return frozenset(w for w in _word_set(text) if _NUMBER.match(w))


def answers(claim: Said, later: Said) -> bool:
    """A denial about the claim's words, and they are much of what it says (a long statement with a
    'not' somewhere and two of the claim's words is not a denial of it)."""
    a, b = key_words(claim.words), key_words(later.words)
    return same_words(claim, later) and len(a & b) >= MIN_RESTATED * len(b)


def denies_words(claim: Said, later: Said) -> bool:
    """The later statement denies what the claim says: a deny stance, a refuting word, or a negator in
    a clause that holds one of the claim's key words ("the harbor will not close"; not "I am not in
    the habit of supporting people who attack my wife" against "he attacked his wife")."""
    keys = key_words(claim.words)
    return disputes(later) or any(stems & keys for stems in _negated_stems(later.words))


@lru_cache(maxsize=1 << 16)
def _negated_stems(text: str) -> tuple[frozenset[str], ...]:
    """The stems of each of `negated_clauses`."""
    return tuple(frozenset(stem(t) for t in clause) for clause in negated_clauses(text))


def disputes(said: Said) -> bool:
    """A denial in so many words: a deny stance, or a refuting word ('false', 'error', 'hoax')."""
    return said.stance == "deny" or bool(_word_set(said.words) & _cues()["refute"])


def names_document(claim: Said, later: Said) -> bool:
    """The claim is a document's, and the later statement speaks of that document ('the memo was sent
    in error') or of one without saying which ('it was an early draft')."""
    named = _word_set(later.words) & document_nouns()
    return bool(documents(claim) & named) or bool(documents(claim) and named & word_set("generic_document_nouns.txt"))


def _surname(said: Said) -> str | None:
    tokens = (said.name or "").split()
    return tokens[-1].casefold() if len(tokens) > 1 else None


def same_holder(claim: Said, later: Said) -> bool:
    """Both statements come from one speaker (one id, or one full name's last word: 'Hillary Clinton',
    'Crooked Hillary Clinton'), or from one document ('the memo', 'the leaked draft')."""
    if claim.speaker and claim.speaker == later.speaker:
        return True
    if _surname(claim) and _surname(claim) == _surname(later):
        return True
    return bool(documents(claim) and documents(claim) & documents(later))


def withdraws(later: Said) -> bool:
    return bool(_word_set(later.cue or "") & word_set("retract_verbs.txt"))


@dataclass(frozen=True)
class RelationRule:
    name: str
    relation: str  # withdraws / denies / repeats / confirms
    test: object  # (claim: Said, later: Said) -> bool
    example: tuple[Said, Said]  # a claim and a later statement the rule links
    leans: str | None = None  # agree / disagree: the model must not be confident of the opposite (MAX_OPPOSITE)
    says_so: bool = True  # the later statement must be a proposition too (a denial of a document need not: "An early draft, sent in error")


_MEMO = Said("s1", "the harbor will close", "hedge", source="the leaked draft memo")

# In order: the first rule that holds names the relation. Every rule also needs the model's call
# that the two are related (MIN_RELATED).
RELATION_RULES: tuple[RelationRule, ...] = (
    RelationRule(
        "withdrawn", "withdraws",
        lambda c, t: not negated(c) and withdraws(t) and (restates(c, t) or names_document(c, t)),
        (_MEMO, Said("s2", "the leaked draft memo that suggested the harbor will close", source="The Port Authority", cue="withdrew")),
        says_so=False,
    ),
    RelationRule(
        "denies the document", "denies",
        lambda c, t: not negated(c) and disputes(t) and names_document(c, t) and not same_holder(c, t),
        (_MEMO, Said("s2", "an early draft, sent in error", "deny", source="He")),
        says_so=False,
    ),
    RelationRule(
        "denies the words", "denies",
        lambda c, t: not negated(c) and denies_words(c, t) and answers(c, t),
        (_MEMO, Said("s2", "the harbor will not close this year", source="the minister")),
        "disagree",
    ),
    RelationRule(
        "repeats its own words", "repeats",
        lambda c, t: negated(c) == negated(t) and same_holder(c, t) and restates(c, t),
        (_MEMO, Said("s2", "the harbor will close in stages", "hedge", source="The four-page memo")),
    ),
    RelationRule(
        "confirms the words", "confirms",
        lambda c, t: negated(c) == negated(t) and t.stance == "assert" and restates(c, t),
        (_MEMO, Said("s2", "the harbor will close, whatever they say", source="union leader Maria Costa")),
        "agree",
    ),
    RelationRule(
        "reports the words", "repeats",
        lambda c, t: negated(c) == negated(t) and restates(c, t),
        (_MEMO, Said("s2", "the harbor could close", "hedge", source="analysts")),
    ),
)


def rule_for(claim: Said, later: Said) -> RelationRule | None:
    """The first relation rule that links `later` to `claim` by their words (the model not asked).
    Only a proposition is confirmed or denied; a withdrawal or a denial of a document names it."""
    if overlap(claim, later) or not proposition(claim):
        return None
    says_so = proposition(later)
    return next((rule for rule in RELATION_RULES if (says_so or not rule.says_so) and rule.test(claim, later)), None)


_OPPOSITE = {"agree": "disagree", "disagree": "agree"}


def related(result: Relation) -> float:
    """The model's probability that the text concerns the claim at all."""
    return 1.0 - result.scores.get("unrelated", 0.0)


def relate_statements(pairs: list[tuple[Said, Said]], model: RelationModel | None = None) -> list[tuple[RelationRule, float] | None]:
    """For each (claim, later statement): the rule that links them and the model's probability that they are related, or None.

    A rule is asked first (cheap); the model only for the pairs a rule links, and the link is kept
    when the model finds the two related with at least MIN_RELATED probability.
    """
    out: list[tuple[RelationRule, float] | None] = [None] * len(pairs)
    ruled = [(k, rule) for k, (c, t) in enumerate(pairs) if (rule := rule_for(c, t)) is not None]
    if not ruled:
        return out
    model = model or default_model()
    # the later statement with its cue: "denied that the terminal will close" is a denial, its content alone is not
    found = model.relate([(pairs[k][0].words, f"{pairs[k][1].cue or ''} {pairs[k][1].words}".strip()) for k, _ in ruled])
    for (k, rule), result in zip(ruled, found):
        p = related(result)
        vetoed = rule.leans is not None and result.scores[_OPPOSITE[rule.leans]] >= MAX_OPPOSITE
        if p >= MIN_RELATED and not vetoed:
            out[k] = (rule, round(p, 4))
    return out


IN_ARTICLE = {"denies": "denies", "withdraws": "denies", "confirms": "confirms"}  # the record's relations


DOCUMENT_KEY = "doc:"  # the postings of statements made by a document (the memo, the letter)
IN_ARTICLE_CANDIDATES = 4  # earlier statements of the article one statement is compared with: the cost stays linear


def statement_relations(statements: list[Said], model: RelationModel | None = None) -> dict[str, list[dict[str, str]]]:
    """Within one article: for each statement, the earlier statements it denies or confirms.

    A reply follows what it answers, so a statement points only to statements before it: those that
    share most key words with it, and those made by a document it names (IN_ARTICLE_CANDIDATES of
    each, the latest). A speaker repeating their own words confirms nothing (the headline over a quote,
    a quote continued), and a report that only repeats a claim takes no side: neither is recorded.
    """
    postings: dict[str, list[int]] = {}
    pairs: list[tuple[Said, Said]] = []
    for j, later in enumerate(statements):
        shared: dict[int, int] = {}
        for key in key_words(later.words):
            for i in postings.get(key, [])[-IN_ARTICLE_CANDIDATES:]:
                shared[i] = shared.get(i, 0) + 1
        named = set(postings.get(DOCUMENT_KEY, [])[-IN_ARTICLE_CANDIDATES:]) if set(words(later.words)) & document_nouns() else set()
        best = sorted(shared, key=lambda i: (-shared[i], -i))[:IN_ARTICLE_CANDIDATES]
        pairs += [(statements[i], later) for i in sorted(set(best) | named)]
        for key in [*key_words(later.words), *([DOCUMENT_KEY] if documents(later) else [])]:
            postings.setdefault(key, []).append(j)
    out: dict[str, list[dict[str, str]]] = {}
    for (claim, later), found in zip(pairs, relate_statements(pairs, model)):
        if found is None or found[0].relation not in IN_ARTICLE:
            continue
        out.setdefault(later.id, []).append({"statement": claim.id, "relation": IN_ARTICLE[found[0].relation]})
    return out
