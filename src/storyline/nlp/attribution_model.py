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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "attribution"
ROLE_LABELS = {"source": ("O", "B", "I"), "cue": ("O", "B", "I"), "content": ("O", "B", "I", "C")}
ROLES = tuple(ROLE_LABELS)
MAX_SEGMENT = 160  # tokens; longer paragraphs are cut at sentence starts (keeps NumPy steps short)
_DIST_BINS = (-8, -4, -2, -1, 0, 1, 2, 4, 8)

if not Doc.has_extension("model_attributions"):
    Doc.set_extension("model_attributions", default=None)


# --------------------------------------------------------------------------- features

@dataclass(slots=True)
class Vocab:
    """String -> id tables for the categorical features (0 = padding, 1 = unknown)."""

    tables: dict[str, dict[str, int]]

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
    """The categorical value of every token for each feature in CATEGORICAL."""
    quote: list[str] = []
    inside = False
    for token in doc:
        if token.is_sent_start or "\n" in token.text:
            # quotes rarely stay open across paragraphs; reset at paragraph breaks only
            if "\n" in token.text:
                inside = False
        if token.tag_ == "``" or token.text in ("\u201c", "\u00ab"):
            quote.append("open")
            inside = True
        elif token.tag_ == "''" or token.text in ("\u201d", "\u00bb"):
            quote.append("close")
            inside = False
        else:
            quote.append("in" if inside else "out")
    dist = []
    for token in doc:
        d = token.head.i - token.i
        dist.append(str(min(range(len(_DIST_BINS)), key=lambda k: abs(_DIST_BINS[k] - d))))
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
    """(ids [n_tokens, len(CATEGORICAL)] int32, tok2vec tensor [n_tokens, width] float32)."""
    strings = _token_strings(doc)
    ids = np.zeros((len(doc), len(CATEGORICAL)), dtype=np.int32)
    for j, name in enumerate(CATEGORICAL):
        table = vocab.tables[name]
        ids[:, j] = [table.get(v, 1) for v in strings[name]]
    tensor = doc.tensor if doc.tensor is not None and len(doc.tensor) == len(doc) else np.zeros((len(doc), 96), np.float32)
    return ids, np.asarray(tensor, dtype=np.float32)


def segments(doc: Doc, max_len: int = MAX_SEGMENT) -> list[tuple[int, int]]:
    """Token ranges [start, end) to tag one at a time: paragraphs, cut at sentence starts when long."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for token in doc:
        if "\n" in token.text and token.is_space:
            if token.i > start:
                bounds.append((start, token.i))
            start = token.i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    out: list[tuple[int, int]] = []
    for s, e in bounds:
        while e - s > max_len:
            cut = max((t.i for t in doc[s + 1 : s + max_len] if t.is_sent_start), default=s + max_len)
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


# --------------------------------------------------------------------------- NumPy network

def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


class Network:
    """Embeddings + projection + 2-layer BiLSTM + one linear head per role (PyTorch layout)."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict) -> None:
        self.w = {k: v.astype(np.float32) for k, v in weights.items()}
        self.config = config
        self.layers = int(config["layers"])

    def logits(self, ids: np.ndarray, tensor: np.ndarray, bounds: list[tuple[int, int]]) -> dict[str, np.ndarray]:
        """Per-role label scores for every token, shape [n_tokens, n_labels]."""
        n = len(ids)
        emb = [self.w[f"emb.{name}"][ids[:, j]] for j, name in enumerate(CATEGORICAL)]
        x = np.concatenate(emb + [tensor], axis=1)
        x = np.maximum(x @ self.w["proj.weight"].T + self.w["proj.bias"], 0.0)
        # pad segments into a batch [B, T, D] and run all of them in lock step
        lengths = np.array([e - s for s, e in bounds])
        T = int(lengths.max()) if len(lengths) else 0
        batch = np.zeros((len(bounds), T, x.shape[1]), np.float32)
        mask = np.zeros((len(bounds), T), bool)
        for b, (s, e) in enumerate(bounds):
            batch[b, : e - s] = x[s:e]
            mask[b, : e - s] = True
        h = batch
        for layer in range(self.layers):
            fwd = self._lstm(h, mask, f"lstm.weight_ih_l{layer}", f"lstm.weight_hh_l{layer}", f"lstm.bias_ih_l{layer}", f"lstm.bias_hh_l{layer}", reverse=False)
            bwd = self._lstm(h, mask, f"lstm.weight_ih_l{layer}_reverse", f"lstm.weight_hh_l{layer}_reverse", f"lstm.bias_ih_l{layer}_reverse", f"lstm.bias_hh_l{layer}_reverse", reverse=True)
            h = np.concatenate([fwd, bwd], axis=2)
        out = np.zeros((n, h.shape[2]), np.float32)
        for b, (s, e) in enumerate(bounds):
            out[s:e] = h[b, : e - s]
        return {role: out @ self.w[f"head_{role}.weight"].T + self.w[f"head_{role}.bias"] for role in ROLES}

    def _lstm(self, x: np.ndarray, mask: np.ndarray, wi: str, wh: str, bi: str, bh: str, reverse: bool) -> np.ndarray:
        B, T, _ = x.shape
        W_hh = self.w[wh].T
        hidden = W_hh.shape[0]
        gates_x = x @ self.w[wi].T + (self.w[bi] + self.w[bh])  # [B, T, 4H], input part for all steps at once
        h = np.zeros((B, hidden), np.float32)
        c = np.zeros((B, hidden), np.float32)
        out = np.zeros((B, T, hidden), np.float32)
        steps = range(T - 1, -1, -1) if reverse else range(T)
        for t in steps:
            g = gates_x[:, t] + h @ W_hh
            i = _sigmoid(g[:, :hidden])
            f = _sigmoid(g[:, hidden : 2 * hidden])
            cand = np.tanh(g[:, 2 * hidden : 3 * hidden])
            o = _sigmoid(g[:, 3 * hidden :])
            c_new = f * c + i * cand
            h_new = o * np.tanh(c_new)
            m = mask[:, t : t + 1]
            # padded steps keep the state at zero, as PyTorch's packed sequences do
            c = np.where(m, c_new, c)
            h = np.where(m, h_new, h)
            out[:, t] = np.where(m, h_new, 0.0)
        return out


# --------------------------------------------------------------------------- decoding

def decode_tags(scores: np.ndarray, labels: tuple[str, ...]) -> list[str]:
    """Best label sequence where I may only follow B, I or C (a stray I starts a span)."""
    best = scores.argmax(axis=1)
    tags = [labels[k] for k in best]
    for k, tag in enumerate(tags):
        if tag == "I" and (k == 0 or tags[k - 1] == "O"):
            tags[k] = "B"
    return tags


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
    sent_of = {}
    for n, sent in enumerate(doc.sents):
        sent_of[n] = (sent.start_char, sent.end_char)

    def sentence(char: int) -> int:
        for n, (s, e) in sent_of.items():
            if s <= char < e:
                return n
        return -1

    def paragraph(char: int) -> tuple[int, int]:
        s = doc.text.rfind("\n", 0, char) + 1
        e = doc.text.find("\n", char)
        return s, (len(doc.text) if e < 0 else e)

    def gap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
        return min(max(s2 - e1, s1 - e2, 0) for s1, e1 in a for s2, e2 in b)

    used_sources: set[int] = set()
    used_contents: set[int] = set()
    out = []
    for cue in found["cue"]:
        cue_sent = sentence(cue[0][0])
        para = paragraph(cue[0][0])
        sources = [(gap(cue, s), k) for k, s in enumerate(found["source"]) if sentence(s[0][0]) == cue_sent and not _overlap(s, cue)]
        contents = [
            (gap(cue, c), k)
            for k, c in enumerate(found["content"])
            if any(para[0] <= s < para[1] or para[0] < e <= para[1] for s, e in c) and not _overlap(c, cue)
        ]
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

    def predict(self, doc: Doc) -> list[dict[str, list[tuple[int, int]]]]:
        if len(doc) == 0:
            return []
        ids, tensor = featurize(doc, self.vocab)
        bounds = segments(doc)
        scores = self.network.logits(ids, tensor, bounds)
        return spans_from_scores(doc, scores, bounds)

    def __call__(self, doc: Doc) -> Doc:
        doc._.model_attributions = self.predict(doc)
        return doc


def spans_from_scores(doc: Doc, scores: dict[str, np.ndarray], bounds: list[tuple[int, int]]) -> list[dict[str, list[tuple[int, int]]]]:
    found: dict[str, list[list[tuple[int, int]]]] = {role: [] for role in ROLES}
    for role, labels in ROLE_LABELS.items():
        for s, e in bounds:
            found[role].extend(tag_spans(doc, decode_tags(scores[role][s:e], labels), s))
    return group(doc, found)


@lru_cache(maxsize=1)
def _shared_model() -> AttributionModel:
    return AttributionModel()


@Language.factory("storyline_attribution_model")
def make_attribution_model(nlp: Language, name: str) -> AttributionModel:
    return _shared_model()


def load_with_model() -> Language:
    """The bare small pipeline plus this component only (to score the model alone)."""
    import spacy

    from storyline.nlp.pipeline import MODEL

    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    nlp.add_pipe("storyline_attribution_model")
    return nlp
