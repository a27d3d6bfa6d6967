"""Static word-piece vectors for the attribution tagger (attribution_model.StaticPieces)."""
from __future__ import annotations

import numpy as np
import pytest
import spacy

from storyline.nlp import attribution_model as am
from storyline.nlp.pipeline import MODEL

# a toy WordPiece vocabulary; id = index, as in the package's vocab.txt
PIECES = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "said", "un", "##said", "the", "mayor", ",", "."]


@pytest.fixture(scope="module")
def static() -> am.StaticPieces:
    rng = np.random.default_rng(3)
    return am.StaticPieces(rng.normal(size=(len(PIECES), 5)).astype(np.float32), PIECES)


def row(static: am.StaticPieces, piece: str) -> np.ndarray:
    return static.table[PIECES.index(piece)]


def test_a_word_is_the_mean_of_its_pieces_rows(static):
    assert np.allclose(static.word("said"), row(static, "said"))
    assert np.allclose(static.word("unsaid"), (row(static, "un") + row(static, "##said")) / 2)
    # upper case and accents fold as in BERT's uncased tokenizer
    assert np.allclose(static.word("Unsáid"), static.word("unsaid"))


def test_unknown_and_blank_words(static):
    assert np.allclose(static.word("zzz"), row(static, "[UNK]"))
    assert not static.word("\n\n").any()
    assert not static.word("").any()
    assert static.words([]).shape == (0, static.width)


def test_doc_vectors_equal_the_training_path(static):
    nlp = spacy.blank("en")
    doc = nlp("The mayor said, unsaid.\n\nSaid zzz the MAYOR.")
    vectors = static.vectors(doc)
    assert vectors.shape == (len(doc), static.width)
    assert np.allclose(vectors, static.words([t.lower_ for t in doc]))
    assert np.allclose(static.vectors(doc), vectors)  # the cached second pass agrees
    assert not vectors[[t.i for t in doc if t.is_space]].any()


def test_model_inputs_append_static_vectors_after_the_tensor(static):
    doc = spacy.load(MODEL, exclude=["lemmatizer"])("The mayor said the bridge would close.")
    strings = am._token_strings(doc)
    vocab = am.Vocab.build({name: {v: 1 for v in values} for name, values in strings.items()}, {})
    ids, plain, bounds = am.model_inputs(doc, vocab, None)
    ids2, tensor, bounds2 = am.model_inputs(doc, vocab, None, static=static)
    assert (ids == ids2).all() and bounds == bounds2
    assert tensor.shape == (len(doc), plain.shape[1] + static.width)
    assert np.allclose(tensor[:, : plain.shape[1]], plain)
    assert np.allclose(tensor[:, plain.shape[1] :], static.vectors(doc))


def test_the_fast_model_reads_as_many_inputs_as_it_was_trained_on():
    model = am._shared_model("fast")
    doc = spacy.load(MODEL, exclude=["lemmatizer"])("Officials said the bridge would close.")
    _ids, tensor, _bounds = model.inputs(doc)
    assert tensor.shape == (len(doc), model.network.config["tensor_width"])
    if model.static is not None:
        assert np.allclose(tensor[:, -model.static.width :], model.static.vectors(doc))
