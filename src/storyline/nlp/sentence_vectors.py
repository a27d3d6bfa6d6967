"""A sentence vector of a text's opening: all-MiniLM-L6-v2's own pooling (mean of the last layer), unit length.

The same encoder as the attribution model's word vectors (storyline.nlp.minilm, NumPy only, no spaCy),
read over the first WINDOW word pieces: for a news article, the headline and lead say what it is about.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyline.nlp import minilm
from storyline.wordlists import word_set


def sentence_vector(text: str, encoder: minilm.Encoder | None = None, window: int = minilm.WINDOW) -> np.ndarray:
    """The unit vector (384 floats) of the first `window` word pieces of `text`; zeros for a text without words."""
    encoder = encoder or minilm.default_encoder()
    tokenize = minilm.wordpiece()
    pieces: list[int] = []
    for word in text.split():
        pieces += tokenize(word)
        if len(pieces) >= window:
            break
    if not pieces:
        return np.zeros(encoder.width, np.float32)
    ids = [tokenize.cls] + pieces[:window] + [tokenize.sep]
    (states,) = encoder.hidden_states(ids, (len(encoder.layers),))
    vector = states.mean(0)
    return (vector / (np.linalg.norm(vector) or 1.0)).astype(np.float32)


# A lexical sentence vector, without running the transformer: the mean of MiniLM's word-piece input
# embeddings (reduced to 128 dimensions and shipped with the attribution model) over the opening's
# content words. About 2 ms an article against MiniLM's ~80 ms; it tells topics apart nearly as well,
# two incidents of one topic less well (see the README's stories table).
STATIC_PIECES = Path(__file__).resolve().parent.parent / "models" / "attribution" / "static_pieces.npz"
STATIC_WORDS = 60  # content words of the opening read: the headline and lead
_CONTENT_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]")


@lru_cache(maxsize=1)
def _static_pieces() -> tuple[np.ndarray, minilm.WordPiece]:
    with np.load(STATIC_PIECES) as data:
        return np.asarray(data["table"], np.float32), minilm.WordPiece(words=data["pieces"].tolist())


@lru_cache(maxsize=200_000)
def _static_word(word: str) -> np.ndarray | None:
    table, tokenize = _static_pieces()
    ids = tokenize(word)
    return table[ids].mean(axis=0) if ids else None


def static_vector(text: str, words: int = STATIC_WORDS) -> np.ndarray:
    """The unit mean of the static piece vectors of the first `words` content words of `text`
    (casefolded, three letters or more, function words left out); zeros for a text without any."""
    stop = word_set("stopwords_en.txt")
    vectors = []
    for m in _CONTENT_WORD.finditer(text):
        word = m.group().casefold()
        if len(word) > 2 and word not in stop and (vector := _static_word(word)) is not None:
            vectors.append(vector)
            if len(vectors) >= words:
                break
    if not vectors:
        return np.zeros(_static_pieces()[0].shape[1], np.float32)
    vector = np.mean(vectors, axis=0)
    return (vector / (np.linalg.norm(vector) or 1.0)).astype(np.float32)
