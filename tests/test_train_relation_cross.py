"""scripts/train_relation_cross.py (the cross-encoder experiment): its hand-written backprop matches numerical
gradients, the pair is encoded as [CLS] claim [SEP] text [SEP], and training lowers the loss."""
from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import train_relation_cross as cross  # noqa: E402 (after the path insert)
from storyline.nlp.minilm import WordPiece  # noqa: E402


def test_backward_matches_numerical_gradients():
    assert cross.gradient_check(seed=0) < 1e-5
    assert cross.gradient_check(seed=1) < 1e-5


def test_pair_pieces_marks_the_text_with_token_type_one_and_cuts_the_longer_side():
    wordpiece = WordPiece(words=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "harbor", "will", "close", "not", "."])
    ids, types = cross.pair_pieces(wordpiece, "the harbor will close", "not close .")
    assert ids == [2, 4, 5, 6, 7, 3, 8, 7, 9, 3]
    assert types == [0] * 6 + [1] * 4
    long_ids, long_types = cross.pair_pieces(wordpiece, "the harbor " * 100, "will close")
    assert len(long_ids) == cross.MAX_PIECES == len(long_types)
    assert long_ids[-4:] == [3, 6, 7, 3]  # the short text is kept whole


def _tiny_layer(rng, width=8):
    return {"qkv": rng.standard_normal((width, 3 * width)) * 0.3, "qkv_b": np.zeros(3 * width),
            "wo": rng.standard_normal((width, width)) * 0.3, "bo": np.zeros(width), "n1w": np.ones(width), "n1b": np.zeros(width),
            "wi": rng.standard_normal((width, 4 * width)) * 0.3, "bi": np.zeros(4 * width),
            "wo2": rng.standard_normal((4 * width, width)) * 0.3, "bo2": np.zeros(width), "n2w": np.ones(width), "n2b": np.zeros(width)}


def test_training_fits_a_separable_toy_task():
    rng = np.random.default_rng(3)
    width = 8
    states, y = [], []
    for i in range(60):  # the label is written in one piece's direction; pairs have different lengths
        label = i % 3
        x = rng.standard_normal((4 + i % 5, width)) * 0.1
        x[1:, label] += 2.0
        states.append(x.astype(np.float32))
        y.append(label)
    y = np.array(y)
    args = Namespace(batch=8, lr=1e-3, head_lr=1e-2, dropout=0.0)
    rows = np.arange(60)
    history, _ = cross.train(_tiny_layer(rng, width), states, y, rows, 15, args, seed=0, read=(rows,), heads=2)
    first, last = history[0][0], history[-1][0]
    assert (last.argmax(1) == y).mean() > 0.9
    assert -np.log(last[rows, y]).mean() < -np.log(first[rows, y]).mean()
