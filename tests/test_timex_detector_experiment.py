"""scripts/timex_detector_experiment.py: the learned span detector's parts (decoding, fitting, folds)."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from timex_detector_experiment import TAGS, Softmax, cross_validated, hashed, viterbi, word_class  # noqa: E402


def test_viterbi_never_puts_inside_after_outside():
    # token 1 alone would read I, but after an O only O or B may follow
    p = np.array([[0.9, 0.05, 0.05], [0.1, 0.3, 0.6], [0.2, 0.1, 0.7]])
    tags = viterbi(p)
    assert tags[0] == "O" and tags[1] == "B" and tags[2] == "I"
    rng = np.random.default_rng(0)
    for _ in range(50):
        tags = viterbi(rng.dirichlet(np.ones(3), size=6))
        assert tags[0] != "I" and all(not (a == "O" and b == "I") for a, b in zip(tags, tags[1:]))


def test_softmax_learns_features_that_separate_the_tags():
    rows = [["b", "w=march"], ["b", "w=the"], ["b", "w=week"]] * 20
    y = np.array([1, 0, 2] * 20)
    model = Softmax(steps=60).fit(hashed(rows), y)
    assert [TAGS[i] for i in model.probabilities(hashed(rows[:3])).argmax(axis=1)] == ["B", "O", "I"]


def test_cross_validation_never_reads_a_document_with_a_model_fitted_on_it():
    documents = list(range(23))
    read = cross_validated(documents, 5, fit=lambda train: frozenset(train), read=lambda model, d: (d, d in model, len(model)))
    assert [d for d, _, _ in read] == documents
    assert not any(seen for _, seen, _ in read)
    assert all(size in (18, 19) for _, _, size in read)  # every other fold's documents trained the model


def test_word_classes_come_from_the_rules_word_lists():
    assert word_class("March") == "month" and word_class("Tuesday") == "weekday"
    assert word_class("1998") == "year" and word_class("30") == "digits" and word_class("six-month") == "h:number_unit"
    assert word_class("reporters") == "-"
