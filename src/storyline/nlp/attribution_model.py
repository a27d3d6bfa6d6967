"""storyline_attribution_model: a trained tagger for attribution sources, cues and contents.

Runs after the small English pipeline and reads what it left on the Doc: the shared
tok2vec output (`doc.tensor`), tags, dependencies and entities. A two-layer BiLSTM
(trained with PyTorch by scripts/train_attribution.py, run here in NumPy so the product
does not depend on PyTorch) tags every paragraph with three independent label layers,
so spans of different roles may nest (a cue inside another statement's content):

* source:  O B I
* cue:     O B I
* content: O B I C   (C starts a further part of the previous content: quotes split by
                      "he said" are one discontinuous content)

Tagged spans are then grouped, each cue with the nearest source in its sentence and the
nearest content in its paragraph, into `doc._.model_attributions`: a list of dicts
{"source": [(s, e), ...], "cue": [...], "content": [...]} of character offsets into
doc.text (a role is [] when absent; a content or source that no cue claimed is still
reported, with an empty cue). `storyline_attribution` merges these with quote rules.
"""
from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IS_SPACE, LOWER, ORTH, SENT_START, SHAPE, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from storyline.blas import one_blas_thread
from storyline.nlp.extensions import text_of

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "attribution"  # the default ("fast") model
ROLE_LABELS = {"source": ("O", "B", "I"), "cue": ("O", "B", "I"), "content": ("O", "B", "I", "C")}
ROLES = tuple(ROLE_LABELS)
MAX_SEGMENT = 160  # tokens; longer paragraphs are cut at sentence starts (keeps NumPy steps short)
_DIST_BINS = (-8, -4, -2, -1, 0, 1, 2, 4, 8)
# head offset -> name of the nearest bin (first on ties); beyond +-20 the answer no longer changes
_DIST_NAMES = {d: str(min(range(len(_DIST_BINS)), key=lambda k: abs(_DIST_BINS[k] - d))) for d in range(-20, 21)}

if not Doc.has_extension("model_attributions"):
    Doc.set_extension("model_attributions", default=None)


# --------------------------------------------------------------------------- features

@dataclass(slots=True)
class Vocab:
    """String -> id tables for the categorical features (0 = padding, 1 = unknown)."""

    tables: dict[str, dict[str, int]]
    memo: dict[str, dict[int, int]] = field(default_factory=dict)  # hash -> id, filled lazily

    def id(self, table: str, value: str) -> int:
        return self.tables[table].get(value, 1)

    @classmethod
    def build(cls, counts: dict[str, dict[str, int]], min_count: dict[str, int]) -> "Vocab":
        tables = {}
        for name, counter in counts.items():
            kept = sorted((v for v, c in counter.items() if c >= min_count.get(name, 1)), key=lambda v: (-counter[v], v))
            tables[name] = {v: i + 2 for i, v in enumerate(kept)}
        return cls(tables)

    def size(self, table: str) -> int:
        return len(self.tables[table]) + 2


CATEGORICAL = ("word", "head_word", "tag", "dep", "head_dep", "head_tag", "ent", "shape", "quote", "dist", "sent_start")


def _token_strings(doc: Doc) -> dict[str, list[str]]:
    """The categorical value of every token for each feature in CATEGORICAL (the reference
    implementation: training data is built from it; `featurize` must give the same ids)."""
    quote: list[str] = []
    inside = False
    for token in doc:
        if "\n" in token.text:
            inside = False  # an unclosed quote does not run on past the paragraph
        if token.tag_ == "``" or token.text in ("\u201c", "\u00ab"):
            quote.append("open")
            inside = True
        elif token.tag_ == "''" or token.text in ("\u201d", "\u00bb"):
            quote.append("close")
            inside = False
        else:
            quote.append("in" if inside else "out")
    dist = [_DIST_NAMES[max(-20, min(20, token.head.i - token.i))] for token in doc]
    return {
        "word": [t.lower_ for t in doc],
        "head_word": [t.head.lower_ for t in doc],
        "tag": [t.tag_ for t in doc],
        "dep": [t.dep_ for t in doc],
        "head_dep": [t.head.dep_ for t in doc],
        "head_tag": [t.head.tag_ for t in doc],
        "ent": [f"{t.ent_iob_}-{t.ent_type_}" for t in doc],
        "shape": [t.shape_[:5] for t in doc],
        "quote": quote,
        "dist": dist,
        "sent_start": ["1" if t.is_sent_start else "0" for t in doc],
    }


def featurize(doc: Doc, vocab: Vocab) -> tuple[np.ndarray, np.ndarray]:
    """(ids [n_tokens, len(CATEGORICAL)] int32, tok2vec tensor [n_tokens, width] float32).

    The same values as `_token_strings` (the reference, used to build the training data),
    computed from `doc.to_array` so no Token objects are created.
    """
    n = len(doc)
    arr = doc.to_array([LOWER, TAG, DEP, SHAPE, ENT_IOB, ENT_TYPE, HEAD, SENT_START, ORTH])  # uint64 hashes
    lower, tag, dep, shape, iob, ent_type, head, sent_start, orth = arr.T
    head = head.astype(np.int64)  # relative offsets are stored wrapped; back to signed
    sent_start = sent_start.astype(np.int64)
    head_i = np.arange(n) + head  # HEAD is stored relative to the token
    strings = doc.vocab.strings
    memo = vocab.memo
    columns = {
        "word": ("word", lower, lambda h: strings[h]),
        "head_word": ("head_word", lower[head_i], lambda h: strings[h]),
        "tag": ("tag", tag, lambda h: strings[h]),
        "dep": ("dep", dep, lambda h: strings[h]),
        "head_dep": ("head_dep", dep[head_i], lambda h: strings[h]),
        "head_tag": ("head_tag", tag[head_i], lambda h: strings[h]),
        "shape": ("shape", shape, lambda h: strings[h][:5]),
    }
    ids = np.zeros((n, len(CATEGORICAL)), dtype=np.int32)
    for j, name in enumerate(CATEGORICAL):
        if name in columns:
            table, values, to_string = columns[name]
            ids[:, j] = _lookup(memo.setdefault(name, {}), vocab.tables[table], values, to_string)
    ent_memo = memo.setdefault("ent", {})
    ent_table = vocab.tables["ent"]
    ent_ids = []
    for key in zip(iob.tolist(), ent_type.tolist()):
        found = ent_memo.get(key)
        if found is None:
            found = ent_memo[key] = ent_table.get(f"{_IOB_NAMES[key[0]]}-{strings[key[1]] if key[1] else ''}", 1)
        ent_ids.append(found)
    ids[:, CATEGORICAL.index("ent")] = ent_ids
    dist_table = vocab.tables["dist"]
    ids[:, CATEGORICAL.index("dist")] = [dist_table.get(_DIST_NAMES[d], 1) for d in np.clip(head, -20, 20)]
    starts = (sent_start == 1)
    starts[0:1] = True
    ids[:, CATEGORICAL.index("sent_start")] = np.where(starts, vocab.tables["sent_start"].get("1", 1), vocab.tables["sent_start"].get("0", 1))
    ids[:, CATEGORICAL.index("quote")] = [vocab.tables["quote"].get(q, 1) for q in _quote_states(doc, tag, orth)]
    tensor = doc.tensor if doc.tensor is not None and len(doc.tensor) == n else np.zeros((n, 96), np.float32)
    return ids, np.asarray(tensor, dtype=np.float32)


def contextual(doc: Doc, bounds: list[tuple[int, int]], layers: list[int], encoder=None) -> np.ndarray:
    """MiniLM's vectors of every token (the accurate model's extra input); see minilm.py."""
    from storyline.nlp import minilm

    return minilm.token_vectors([t.lower_ for t in doc], [t.is_space for t in doc], bounds, tuple(layers), encoder)


class StaticPieces:
    """Pretrained lexical vectors without running a transformer: MiniLM's word-piece input
    embeddings (reduced to a few dimensions once, at training time, and shipped with the model),
    averaged over each token's pieces. The small spaCy model has no word vectors, so without
    these the tagger knows only the words of its 840 training articles.

    A token with no pieces (whitespace) gets zeros; one WordPiece cannot split gets [UNK]'s row.
    Vectors are cached per lower-cased form, so a repeated word costs one dict look-up.
    """

    def __init__(self, table: np.ndarray, pieces: list[str]) -> None:
        from storyline.nlp.minilm import WordPiece

        self.table = np.asarray(table, np.float32)
        self.tokenize = WordPiece(words=pieces)
        self.memo: dict[str, np.ndarray] = {}  # lower-cased form -> vector

    @classmethod
    def load(cls, path: Path) -> "StaticPieces":
        with np.load(path) as data:
            return cls(data["table"], data["pieces"].tolist())

    @property
    def width(self) -> int:
        return self.table.shape[1]

    def word(self, text: str) -> np.ndarray:
        found = self.memo.get(text)
        if found is None:
            ids = self.tokenize(text)
            found = self.memo[text] = self.table[ids].mean(axis=0) if ids else np.zeros(self.width, np.float32)
        return found

    def words(self, texts: list[str]) -> np.ndarray:
        """Vectors of lower-cased token texts."""
        return np.stack([self.word(t) for t in texts]) if texts else np.zeros((0, self.width), np.float32)

    def vectors(self, doc: Doc) -> np.ndarray:
        """`words` of the doc's lower-cased tokens, looked up once per distinct form (no Token objects)."""
        if not len(doc):
            return np.zeros((0, self.width), np.float32)
        forms, inverse = np.unique(doc.to_array(LOWER), return_inverse=True)
        strings = doc.vocab.strings
        return self.words([strings[h] for h in forms.tolist()])[inverse.reshape(-1)]


def model_inputs(doc: Doc, vocab: Vocab, layers: list[int] | None, encoder=None,
                 static: StaticPieces | None = None) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """(feature ids, float inputs, segments) of a doc: spaCy's features, plus the static piece
    vectors when `static`, plus MiniLM's contextual vectors when `layers` (in that order)."""
    ids, tensor = featurize(doc, vocab)
    bounds = segments(doc)
    if static is not None:
        tensor = np.concatenate([tensor, static.vectors(doc)], axis=1)
    if layers:
        tensor = np.concatenate([tensor, contextual(doc, bounds, layers, encoder)], axis=1)
    return ids, tensor, bounds


_IOB_NAMES = {0: "", 1: "I", 2: "O", 3: "B"}


def _lookup(memo: dict[int, int], table: dict[str, int], values: np.ndarray, to_string) -> np.ndarray:
    """Map hash values to feature ids, resolving each distinct value once."""
    uniq, inverse = np.unique(values, return_inverse=True)
    mapped = np.empty(len(uniq), np.int32)
    for k, value in enumerate(uniq.tolist()):
        found = memo.get(value)
        if found is None:
            found = memo[value] = table.get(to_string(value), 1)
        mapped[k] = found
    return mapped[inverse.reshape(-1)]


def _quote_states(doc: Doc, tag: np.ndarray, orth: np.ndarray) -> list[str]:
    """open / close / in / out for each token, as in `_token_strings`, visiting only quote and newline tokens."""
    add = doc.vocab.strings.add
    is_open = np.isin(tag, [add("``")]) | np.isin(orth, [add("\u201c"), add("\u00ab")])
    is_close = ~is_open & (np.isin(tag, [add("\'\'")]) | np.isin(orth, [add("\u201d"), add("\u00bb")]))
    n = len(tag)
    states = ["out"] * n
    space_tokens = [i for i in np.nonzero(np.isin(orth, _newline_hashes(doc, orth)))[0].tolist()]
    marks = sorted([(i, 0) for i in space_tokens] + [(i, 1) for i in np.nonzero(is_open | is_close)[0].tolist()])
    inside = False
    last = 0
    for i, is_quote in marks:
        if inside:
            states[last:i] = ["in"] * (i - last)
        if not is_quote:  # a paragraph break closes any open quote
            inside = False
            last = i
            continue
        inside = bool(is_open[i])
        states[i] = "open" if inside else "close"
        last = i + 1
    if inside:
        states[last:n] = ["in"] * (n - last)
    return states


def _newline_hashes(doc: Doc, orth: np.ndarray) -> list[int]:
    strings = doc.vocab.strings
    return [h for h in set(orth.tolist()) if "\n" in strings[h]]


def segments(doc: Doc, max_len: int = MAX_SEGMENT) -> list[tuple[int, int]]:
    """Token ranges [start, end) to tag one at a time: paragraphs, cut at sentence starts when long."""
    bounds: list[tuple[int, int]] = []
    start = 0
    # from arrays, so no Token objects are made: a paragraph break is a space token holding a newline
    orth, is_space, sent_start = doc.to_array([ORTH, IS_SPACE, SENT_START]).T if len(doc) else np.zeros((3, 0), np.uint64)
    breaks = set(_newline_hashes(doc, orth))
    for i in np.nonzero(is_space)[0].tolist():
        if int(orth[i]) in breaks:
            if i > start:
                bounds.append((start, i))
            start = i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    starts = np.nonzero(sent_start.astype(np.int64) == 1)[0]
    out: list[tuple[int, int]] = []
    for s, e in bounds:
        while e - s > max_len:
            inside = starts[(starts > s) & (starts < s + max_len)]
            cut = int(inside.max()) if len(inside) else s + max_len
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


# --------------------------------------------------------------------------- NumPy network

class Network:
    """Embeddings + projection + 2-layer BiLSTM + one linear head per role (PyTorch weight layout).

    All segments of a batch of documents run in lock step, longest first, so each time
    step is one matrix product over every segment still running (no padding work).
    """

    def __init__(self, weights: dict[str, np.ndarray], config: dict) -> None:
        self.w = {k: v.astype(np.float32) for k, v in weights.items()}
        self.config = config
        self.layers = int(config["layers"])
        self.cells = {}
        for layer in range(self.layers):
            for suffix in ("", "_reverse"):
                w_ih = self.w[f"lstm.weight_ih_l{layer}{suffix}"]
                w_hh = self.w[f"lstm.weight_hh_l{layer}{suffix}"]
                bias = self.w[f"lstm.bias_ih_l{layer}{suffix}"] + self.w[f"lstm.bias_hh_l{layer}{suffix}"]
                hidden = w_hh.shape[1]
                # PyTorch gate order is i, f, g, o; reorder to i, f, o, g so one sigmoid covers three gates
                order = np.r_[0:2 * hidden, 3 * hidden:4 * hidden, 2 * hidden:3 * hidden]
                self.cells[(layer, suffix)] = (np.ascontiguousarray(w_ih[order].T), np.ascontiguousarray(w_hh[order].T), bias[order])
        self.proj = np.ascontiguousarray(self.w["proj.weight"].T)
        self.heads = {role: np.ascontiguousarray(self.w[f"head_{role}.weight"].T) for role in ROLES}

    def logits(self, ids: np.ndarray, tensor: np.ndarray, bounds: list[tuple[int, int]]) -> dict[str, np.ndarray]:
        """Per-role label scores for every token of one document, shape [n_tokens, n_labels]."""
        return self.logits_batch([(ids, tensor, bounds)])[0]

    def logits_batch(self, items: list[tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]]) -> list[dict[str, np.ndarray]]:
        with one_blas_thread():
            return self._logits_batch(items)

    def _logits_batch(self, items: list[tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]]) -> list[dict[str, np.ndarray]]:
        xs = []
        for ids, tensor, _bounds in items:
            emb = [self.w[f"emb.{name}"][ids[:, j]] for j, name in enumerate(CATEGORICAL)]
            x = np.concatenate(emb + [tensor], axis=1)
            xs.append(np.maximum(x @ self.proj + self.w["proj.bias"], 0.0))
        rows = [(d, s, e) for d, (_i, _t, bounds) in enumerate(items) for s, e in bounds if e > s]
        rows.sort(key=lambda r: r[1] - r[2])  # longest first
        out = [np.zeros((len(x), 2 * self.cells[(0, "")][1].shape[0]), np.float32) for x in xs]
        if rows:
            # the real tokens of every segment back to back (no padding), segment b from row_start[b]
            lengths = np.array([e - s for _d, s, e in rows])
            row_start = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            packed = np.concatenate([xs[d][s:e] for d, s, e in rows])
            # time-major order: step t's tokens (token t of each segment still running, a prefix of
            # the rows) are one contiguous block, so each step reads and writes slices, not gathers
            running = [int((lengths > t).sum()) for t in range(int(lengths[0]))]
            order = np.concatenate([row_start[:k] + t for t, k in enumerate(running)])
            steps = np.concatenate([[0], np.cumsum(running)])
            h = packed[order]
            for layer in range(self.layers):
                fwd = self._lstm(h, steps, self.cells[(layer, "")], reverse=False)
                bwd = self._lstm(h, steps, self.cells[(layer, "_reverse")], reverse=True)
                h = np.concatenate([fwd, bwd], axis=1)
            packed = np.empty((len(order), h.shape[1]), np.float32)
            packed[order] = h
            for (d, s, e), start, n in zip(rows, row_start, lengths):
                out[d][s:e] = packed[start : start + n]
        return [{role: o @ self.heads[role] + self.w[f"head_{role}.bias"] for role in ROLES} for o in out]

    @staticmethod
    def _lstm(x: np.ndarray, steps: np.ndarray, cell: tuple[np.ndarray, np.ndarray, np.ndarray], reverse: bool) -> np.ndarray:
        """One LSTM direction over time-major packed tokens: rows steps[t]:steps[t + 1] are token t
        of each running segment. In-place NumPy on buffers made once (the same operations, in the
        same order, as sigmoid / tanh written out, so the same numbers)."""
        w_ih, w_hh, bias = cell
        hidden = w_hh.shape[0]
        gates_x = x @ w_ih + bias  # the input part of every gate, for every real token at once
        rows = int(steps[1]) if len(steps) > 1 else 0
        h = np.zeros((rows, hidden), np.float32)
        c = np.zeros((rows, hidden), np.float32)
        g = np.empty((rows, 4 * hidden), np.float32)
        cand = np.empty((rows, hidden), np.float32)
        out = np.zeros((len(x), hidden), np.float32)
        for t in (range(len(steps) - 2, -1, -1) if reverse else range(len(steps) - 1)):
            a, b = int(steps[t]), int(steps[t + 1])
            k = b - a
            gk, ck, hk, cand_k = g[:k], c[:k], h[:k], cand[:k]
            np.matmul(hk, w_hh, out=gk)
            gk += gates_x[a:b]
            sig = gk[:, : 3 * hidden]
            np.negative(sig, out=sig)
            with np.errstate(over="ignore"):  # exp(-g) of a large negative g is inf: its sigmoid is 0, as meant
                np.exp(sig, out=sig)
            sig += 1.0
            np.divide(1.0, sig, out=sig)
            np.tanh(gk[:, 3 * hidden :], out=cand_k)
            cand_k *= sig[:, :hidden]
            ck *= sig[:, hidden : 2 * hidden]
            ck += cand_k
            np.tanh(ck, out=hk)
            hk *= sig[:, 2 * hidden :]
            out[a:b] = hk
        return out


# --------------------------------------------------------------------------- decoding

def _transitions(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Hard constraints: I continues a span (never after O or at the start); two spans of one
    role never touch (B or C only after O). Returns (start penalties, transition penalties)."""
    forbidden = -1e9
    start = np.array([forbidden if label in ("I", "C") else 0.0 for label in labels], np.float32)
    trans = np.zeros((len(labels), len(labels)), np.float32)
    for i, prev in enumerate(labels):
        for j, label in enumerate(labels):
            if (label == "I" and prev == "O") or (label in ("B", "C") and prev != "O"):
                trans[i, j] = forbidden
    return start, trans


_CONSTRAINTS = {labels: _transitions(labels) for labels in ROLE_LABELS.values()}


def decode_tags(scores: np.ndarray, labels: tuple[str, ...]) -> list[str]:
    """The most probable label sequence that obeys the span constraints (Viterbi on log-softmax)."""
    return decode_batch([scores], labels)[0]


def decode_batch(sequences: list[np.ndarray], labels: tuple[str, ...]) -> list[list[str]]:
    """`decode_tags` for many sequences at once: padded to one length, the padding forced to O."""
    sequences = [np.asarray(x, np.float32) for x in sequences]
    lengths = [len(x) for x in sequences]
    T = max(lengths, default=0)
    if T == 0:
        return [[] for _ in sequences]
    L = len(labels)
    # time-major ([step, sequence, label]), so each Viterbi step reads and writes contiguous rows
    logp = np.full((T, len(sequences), L), -1e9, np.float32)
    logp[:, :, labels.index("O")] = 0.0  # padding: O costs nothing, anything else is impossible
    if sum(lengths):  # log-softmax of all real steps at once, then each sequence's rows into place
        x = np.concatenate([x for x in sequences if len(x)])
        shifted = x - x.max(axis=1, keepdims=True)
        x = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        at = 0
        for b, n in enumerate(lengths):
            logp[:n, b] = x[at : at + n]
            at += n
    start, trans = _CONSTRAINTS[labels]
    best = logp[0] + start
    back = np.zeros((T, len(sequences), L), np.int64)
    rows = np.arange(len(sequences))[:, None]
    for t in range(1, T):
        candidates = best[:, :, None] + trans  # [batch, previous, next]
        back[t] = candidates.argmax(axis=1)
        best = candidates[rows, back[t], np.arange(L)] + logp[t]  # the maximum, read where argmax found it
    path = np.zeros((T, len(sequences)), np.int64)
    path[-1] = best.argmax(axis=1)
    rows = rows[:, 0]
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, rows, path[t]]
    return [[labels[k] for k in path[:n, b].tolist()] for b, n in enumerate(lengths)]


def tag_spans(doc: Doc, tags: list[str], start: int) -> list[list[tuple[int, int]]]:
    """Character spans from the tags of the segment starting at token `start`; C joins the previous span."""
    spans: list[list[tuple[int, int]]] = []
    current: tuple[int, int] | None = None
    continues = False

    def close() -> None:
        nonlocal current
        if current is not None:
            s, e = _strip(doc, *current)
            if s < e:
                if continues and spans:
                    spans[-1].append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1])))
                else:
                    spans.append([(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))])
        current = None

    for k, tag in enumerate(tags):
        i = start + k
        if tag in ("B", "C"):
            close()
            continues = tag == "C"
            current = (i, i + 1)
        elif tag == "I" and current is not None:
            current = (current[0], i + 1)
        else:
            close()
    close()
    return spans


def _strip(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Drop whitespace tokens at the edges (they carry no characters worth reporting)."""
    while s < e and doc[s].is_space:
        s += 1
    while e > s and doc[e - 1].is_space:
        e -= 1
    return s, e


def group(doc: Doc, found: dict[str, list[list[tuple[int, int]]]]) -> list[dict[str, list[tuple[int, int]]]]:
    """One attribution per cue, with the nearest source (same sentence) and content (same paragraph)."""
    text = text_of(doc)
    starts = [sent.start_char for sent in doc.sents] if doc.has_annotation("SENT_START") else [0]

    def sentence(char: int) -> int:
        return bisect_right(starts, char)

    newlines = [m.start() for m in re.finditer("\n", text)]

    def paragraph(char: int) -> int:
        """Where the paragraph of `char` starts."""
        before = bisect_right(newlines, char - 1)
        return newlines[before - 1] + 1 if before else 0

    def gap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
        return min(max(s2 - e1, s1 - e2, 0) for s1, e1 in a for s2, e2 in b)

    # Sources by sentence and contents by paragraph, so that no cue reads every span of the text.
    sources_in: dict[int, list[int]] = {}
    for k, s in enumerate(found["source"]):
        sources_in.setdefault(sentence(s[0][0]), []).append(k)
    contents_in: dict[int, list[int]] = {}
    for k, c in enumerate(found["content"]):
        # a span starts, or ends, in a paragraph when its first, or last, character is in it (not its line break)
        for line in {paragraph(at) for s, e in c for at in (s, e - 1) if 0 <= at < len(text) and text[at] != "\n"}:
            contents_in.setdefault(line, []).append(k)
    used_sources: set[int] = set()
    used_contents: set[int] = set()
    out = []
    for cue in found["cue"]:
        sources = [(gap(cue, found["source"][k]), k) for k in sources_in.get(sentence(cue[0][0]), []) if not _overlap(found["source"][k], cue)]
        contents = [(gap(cue, found["content"][k]), k) for k in contents_in.get(paragraph(cue[0][0]), []) if not _overlap(found["content"][k], cue)]
        source = min(sources)[1] if sources else None
        content = min(contents)[1] if contents else None
        if source is not None:
            used_sources.add(source)
        if content is not None:
            used_contents.add(content)
        out.append({
            "source": list(found["source"][source]) if source is not None else [],
            "cue": list(cue),
            "content": list(found["content"][content]) if content is not None else [],
        })
    # spans no cue claimed are still predictions of their role (an implicit cue, or a missed one)
    for k, content in enumerate(found["content"]):
        if k not in used_contents:
            out.append({"source": [], "cue": [], "content": list(content)})
    for k, source in enumerate(found["source"]):
        if k not in used_sources:
            out.append({"source": list(source), "cue": [], "content": []})
    return out


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


# --------------------------------------------------------------------------- component

class AttributionModel:
    def __init__(self, directory: Path = MODEL_DIR) -> None:
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.vocab = Vocab({k: dict(v) for k, v in json.loads((directory / "vocab.json").read_text(encoding="utf-8")).items()})
        with np.load(directory / "weights.npz") as data:
            weights = {k: data[k] for k in data.files}
        self.network = Network(weights, config)
        self.contextual_layers = config.get("contextual_layers")  # set when trained on MiniLM's vectors
        # set when trained on static word-piece vectors: the file of the table, beside the weights
        self.static = StaticPieces.load(directory / config["static_pieces"]) if config.get("static_pieces") else None
        self.encoder = None
        if config.get("encoder"):  # MiniLM fine-tuned with the tagger: its layers ship beside the weights
            from storyline.nlp import minilm

            with np.load(directory / config["encoder"]) as data:
                self.encoder = minilm.Encoder(minilm.model_dir(), {k: data[k] for k in data.files})

    def inputs(self, doc: Doc) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
        return model_inputs(doc, self.vocab, self.contextual_layers, self.encoder, self.static)

    def predict(self, doc: Doc) -> list[dict[str, list[tuple[int, int]]]]:
        if len(doc) == 0:
            return []
        ids, tensor, bounds = self.inputs(doc)
        return spans_from_scores(doc, self.network.logits(ids, tensor, bounds), bounds)

    def __call__(self, doc: Doc) -> Doc:
        doc._.model_attributions = self.predict(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        """Batches documents so the BiLSTM steps once over all their paragraphs together."""
        for batch in minibatch(docs, size=batch_size):
            todo = [doc for doc in batch if len(doc)]
            items = [self.inputs(doc) for doc in todo]
            bounds = [item[2] for item in items]
            for doc, tags, item_bounds in zip(todo, decode_docs(self.network.logits_batch(items), bounds), bounds):
                doc._.model_attributions = spans_from_tags(doc, tags, item_bounds)
            for doc in batch:
                if not len(doc):
                    doc._.model_attributions = []
                yield doc


def spans_from_scores(doc: Doc, scores: dict[str, np.ndarray], bounds: list[tuple[int, int]]) -> list[dict[str, list[tuple[int, int]]]]:
    return spans_from_tags(doc, decode_docs([scores], [bounds])[0], bounds)


def decode_docs(scores: list[dict[str, np.ndarray]], bounds: list[list[tuple[int, int]]]) -> list[dict[str, list[list[str]]]]:
    """The tags of every segment of several documents, per role: one Viterbi pass per role over all of them."""
    out: list[dict[str, list[list[str]]]] = [{} for _ in scores]
    for role, labels in ROLE_LABELS.items():
        decoded = iter(decode_batch([doc_scores[role][s:e] for doc_scores, doc_bounds in zip(scores, bounds) for s, e in doc_bounds], labels))
        for tags, doc_bounds in zip(out, bounds):
            tags[role] = [next(decoded) for _ in doc_bounds]
    return out


def spans_from_tags(doc: Doc, tags: dict[str, list[list[str]]], bounds: list[tuple[int, int]]) -> list[dict[str, list[tuple[int, int]]]]:
    found: dict[str, list[list[tuple[int, int]]]] = {role: [] for role in ROLES}
    for role in ROLES:
        for (s, _e), segment_tags in zip(bounds, tags[role]):
            found[role].extend(tag_spans(doc, segment_tags, s))
    return group(doc, found)


MODES = {"fast": MODEL_DIR, "accurate": MODEL_DIR / "accurate"}


@lru_cache(maxsize=2)
def _shared_model(mode: str) -> AttributionModel:
    if mode not in MODES:
        raise ValueError(f"unknown attribution model mode {mode!r} (choose from {sorted(MODES)})")
    return AttributionModel(MODES[mode])


@Language.factory("storyline_attribution_model", default_config={"mode": None})
def make_attribution_model(nlp: Language, name: str, mode: str | None) -> AttributionModel:
    """`mode`: "fast" (default; keeps the pipeline above half the speed of bare spaCy small) or
    "accurate" (a larger network, opt-in); STORYLINE_ATTRIBUTION_MODE sets it when config does not."""
    return _shared_model(mode or os.environ.get("STORYLINE_ATTRIBUTION_MODE") or "fast")


def load_with_model(mode: str | None = None) -> Language:
    """The bare small pipeline plus this component only (to score the model alone)."""
    import spacy

    from storyline.nlp.pipeline import MODEL

    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    nlp.add_pipe("storyline_attribution_model", config={"mode": mode})
    return nlp
