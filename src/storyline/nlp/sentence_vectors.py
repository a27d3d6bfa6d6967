"""A sentence vector of a text's opening: all-MiniLM-L6-v2's own pooling (mean of the last layer), unit length.

The same encoder as the attribution model's word vectors (storyline.nlp.minilm, NumPy only, no spaCy),
read over the first WINDOW word pieces: for a news article, the headline and lead say what it is about.
"""
from __future__ import annotations

import numpy as np

from storyline.nlp import minilm


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
