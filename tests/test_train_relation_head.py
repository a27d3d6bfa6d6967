"""scripts/train_relation_head.py: the short-text head's nested cross-validation never lets a held-out fold choose or fit."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from train_relation_head import choose_c, nested_cross_validation  # noqa: E402 (after the path insert)


def test_nested_cross_validation_chooses_and_fits_without_the_held_out_fold():
    fold = np.repeat(np.arange(4), 5)
    y = np.arange(20) % 3
    calls = []

    def predict(inside, held, c):
        calls.append((inside.copy(), held.copy(), c))
        # the better C is the one that reads the labels right: 1.0 does, 0.1 guesses 0
        return y[held] if c == 1.0 else np.zeros(int(held.sum()), np.int64)

    pred, chosen = nested_cross_validation(fold, y, [0.1, 1.0], predict)
    assert chosen == [1.0] * 4 and (pred == y).all()
    per_fold = 2 * 3 + 1  # 2 values of C x 3 inner folds, then the outer fit
    assert len(calls) == 4 * per_fold
    for k in range(4):
        *inner, (inside, held, c) = calls[k * per_fold : (k + 1) * per_fold]
        assert all(not (i | h)[fold == k].any() for i, h, _ in inner)  # fold k neither fits nor scores a choice
        assert (held == (fold == k)).all() and (inside == (fold != k)).all() and c == 1.0
    assert all(not (inside & held).any() for inside, held, _ in calls)


def test_choose_c_prefers_the_smaller_c_on_a_tie():
    fold, y = np.repeat(np.arange(3), 4), np.zeros(12, np.int64)
    c, scores = choose_c(fold, y, [0, 1, 2], [0.3, 0.1, 1.0], lambda inside, held, c: np.zeros(int(held.sum()), np.int64))
    assert c == 0.1 and set(scores) == {"0.3", "0.1", "1.0"} and all(v == 1.0 for v in scores.values())
