"""MiniLM-L6 in NumPy: tokenization, windows, and that the packaged weights load and mean something."""
from __future__ import annotations

import numpy as np
import pytest

from storyline.nlp import minilm


@pytest.fixture(scope="module")
def shared():
    return minilm.default_encoder(), minilm.wordpiece()


def _sentence(shared, text: str) -> np.ndarray:
    encoder, wordpiece = shared
    ids = [wordpiece.cls] + [p for word in text.split() for p in wordpiece(word)] + [wordpiece.sep]
    vector = encoder.hidden_states(ids, (6,))[0].mean(0)
    return vector / np.linalg.norm(vector)


def test_wordpiece_lowercases_strips_accents_and_splits_punctuation(shared):
    _encoder, wordpiece = shared
    names = {i: w for w, i in wordpiece.ids.items()}
    assert wordpiece("Café") == wordpiece("cafe")
    assert [names[i] for i in wordpiece("U.S.")] == ["u", ".", "s", "."]
    pieces = [names[i] for i in wordpiece("unbelievably")]
    assert pieces[0] == "un" and all(p.startswith("##") for p in pieces[1:])
    assert "".join(p.removeprefix("##") for p in pieces) == "unbelievably"
    assert wordpiece("x" * 150) == [wordpiece.unk]


def test_weights_give_sentence_meaning(shared):
    # all-MiniLM-L6-v2 was trained so that paraphrases lie close: a wrongly loaded weight breaks this
    eating = _sentence(shared, "A man is eating food .")
    bread = _sentence(shared, "A man is eating a piece of bread .")
    baby = _sentence(shared, "The girl is carrying a baby .")
    assert eating @ bread > 0.6
    assert eating @ baby < 0.3


def test_windows_cover_every_token_once_in_order_and_fit():
    pieces = [[1] * n for n in [3, 0, 5, 200, 1, 100, 300, 2]]
    bounds = [(0, 3), (3, 4), (4, 7), (7, 8)]
    windows = minilm.windows([p[: minilm.WINDOW] for p in pieces], bounds)
    assert [i for w in windows for i in w] == list(range(len(pieces)))
    assert all(sum(min(len(pieces[i]), minilm.WINDOW) for i in w) <= minilm.WINDOW for w in windows)


def test_token_vectors_align_with_tokens():
    words = ["the", "mayor", "said", "\n\n", "it", "is", "unsafe", "."]
    spaces = [w.isspace() for w in words]
    vectors = minilm.token_vectors(words, spaces, [(0, 4), (4, 8)], layers=(3, 6))
    assert vectors.shape == (len(words), 2 * 384)
    assert not vectors[3].any()  # the paragraph break has no word pieces
    assert all(vectors[i].any() for i, space in enumerate(spaces) if not space)
    again = minilm.token_vectors(words, spaces, [(0, 4), (4, 8)], layers=(3, 6))
    assert np.array_equal(vectors, again)
    # reading only layer 3 gives the first half of the same vectors
    assert np.allclose(minilm.token_vectors(words, spaces, [(0, 4), (4, 8)], layers=(3,)), vectors[:, :384], atol=1e-5)


def test_fine_tuned_layers_are_laid_over_the_package_weights(shared):
    encoder, wordpiece = shared
    ids = [wordpiece.cls] + wordpiece("officials") + wordpiece("said") + [wordpiece.sep]
    name = "encoder.layer.5.output.dense.bias"
    same = minilm.Encoder(minilm.model_dir(), {name: encoder.layers[5][9]})
    assert np.allclose(same.hidden_states(ids, (6,))[0], encoder.hidden_states(ids, (6,))[0])
    shifted = minilm.Encoder(minilm.model_dir(), {name: encoder.layers[5][9] + 1.0})
    assert not np.allclose(shifted.hidden_states(ids, (6,))[0], encoder.hidden_states(ids, (6,))[0])
    # layers before the changed one are untouched
    assert np.allclose(shifted.hidden_states(ids, (3,))[0], encoder.hidden_states(ids, (3,))[0])


def test_static_vectors_are_unit_and_closer_for_one_topic():
    from storyline.nlp.sentence_vectors import static_vector

    quake = static_vector("An earthquake shook the city and rescue teams searched collapsed buildings.")
    tremor = static_vector("Rescuers dug through rubble after the strong earthquake toppled buildings.")
    budget = static_vector("The finance minister presented the budget and promised lower taxes next year.")
    assert abs(float(np.linalg.norm(quake)) - 1.0) < 1e-5
    assert float(quake @ tremor) > float(quake @ budget)
    assert not static_vector("the of and 123").any()  # no content words: zeros
