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
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

import numpy as np

from storyline.wordlists import word_list, word_set

LABELS = ("agree", "disagree", "discuss", "unrelated")
TOP_SENTENCES = 3  # the sentences that match the claim best carry its stance in the text

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+|\n\s*")
_NUMBER = re.compile(r"^\d")


def words(text: str) -> list[str]:
    """Lower-case word tokens ('didn't' stays one word, so its negation is seen)."""
    return _WORD.findall(text.lower().replace("’", "'"))


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
def _deny_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in word_list("deny_patterns.txt"))


@cache
def _stopwords() -> frozenset[str]:
    return word_set("stopwords_en.txt")


def _is_negation(word: str, negate: frozenset[str]) -> bool:
    return word in negate or word.endswith("n't")


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


CUE_NAMES = ("refute", "negate", "hedge", "report", "deny_pattern", "question")


class Featurizer:
    """Turns (claim, text) into the dense features and the two bags of words the network reads."""

    def __init__(self, idf: dict[str, float], bag_vocabulary: list[str]) -> None:
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

    def view(self, text: str) -> TextView:
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
        return TextView(
            n_words=len(all_tokens),
            sentence_vectors=[self._vector(ts) for ts in sent_tokens],
            sentence_words=[set(ts) - stop for ts in sent_tokens],
            vector=self._vector(all_tokens),
            word_set=set(content),
            bigrams=set(pairwise(content)),
            cue_counts=cue_counts,
            bag={i: v / norm for i, v in bag.items()},
        )

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


DENSE_NAMES = (
    "cos_text", "cos_best_sentence", "cos_top_sentences", "cos_lead", "cover_idf", "cover", "cover_best_sentence",
    "bigram_cover", "numbers_missing", "has_numbers", "log_text_words", "log_claim_words", "log_text_sentences",
    "best_sentence_position", "negation_mismatch",
    *(f"claim_{c}" for c in CUE_NAMES), *(f"text_{c}_per_100" for c in CUE_NAMES),
    *(f"top_{c}" for c in CUE_NAMES), *(f"best_{c}" for c in CUE_NAMES), *(f"near_{c}" for c in CUE_NAMES),
)


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


def default_dir() -> Path:
    return Path(str(resources.files("storyline").joinpath("models", "relation")))


class RelationModel:
    """The shipped relation model (models/relation/): `relate([(claim, text), ...])`."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or default_dir()
        vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        self.featurizer = Featurizer(dict(zip(vocab["idf_words"], vocab["idf"])), vocab["bag"])
        with np.load(directory / "weights.npz") as weights:
            self.network = Network(dict(weights))
        self.labels = tuple(json.loads((directory / "config.json").read_text(encoding="utf-8"))["labels"])

    def relate(self, pairs: list[tuple[str, str]], batch: int = 512) -> list[Relation]:
        """One Relation per (claim, text); a text or claim met twice is read once."""
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
            probs = self.network.probabilities(
                bag_matrix([c.bag for c, _ in chunk], size),
                bag_matrix([t.bag for _, t in chunk], size),
                np.stack([self.featurizer.dense(c, t) for c, t in chunk]) if chunk else np.zeros((0, len(DENSE_NAMES)), np.float32),
            )
            for row in probs:
                k = int(row.argmax())
                out.append(Relation(self.labels[k], round(float(row[k]), 4), {l: round(float(v), 4) for l, v in zip(self.labels, row)}))
        return out


@cache
def default_model() -> RelationModel:
    return RelationModel()


STATEMENT_RELATIONS = {"agree": "confirms", "disagree": "denies"}


MIN_SHARED_WORDS = 0.25  # share of the earlier statement's content words the later one must repeat


def statement_relations(statements: list[tuple[str, str]], model: RelationModel | None = None,
                        threshold: float = 0.5) -> dict[str, list[dict[str, str]]]:
    """Within one article: for each statement (id, words), the earlier statements it denies or confirms.

    A reply follows what it answers, so a statement points only to statements before it; the
    relation is the model's for (earlier words as the claim, later words as the text), kept when it
    is `agree` or `disagree` with at least `threshold` probability. The model never learnt 'unrelated'
    between two short texts (Emergent has no such pairs), so the later statement must also repeat
    MIN_SHARED_WORDS of the earlier one's content words.
    """
    model = model or default_model()
    views = [model.featurizer.view(words) for _, words in statements]
    pairs = [(i, j) for j in range(len(statements)) for i in range(j)
             if len(views[i].word_set & views[j].word_set) >= MIN_SHARED_WORDS * max(len(views[i].word_set), 1)]
    found = model.relate([(statements[i][1], statements[j][1]) for i, j in pairs])
    out: dict[str, list[dict[str, str]]] = {}
    for (i, j), r in zip(pairs, found):
        if r.relation in STATEMENT_RELATIONS and r.score >= threshold:
            out.setdefault(statements[j][0], []).append({"statement": statements[i][0], "relation": STATEMENT_RELATIONS[r.relation]})
    return out
