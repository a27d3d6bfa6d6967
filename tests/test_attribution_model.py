"""storyline_attribution_model: decoding, grouping, the NumPy network and the shipped model."""
from __future__ import annotations

import numpy as np
import pytest
import spacy

from storyline.nlp import attribution_model as am
from storyline.nlp.pipeline import MODEL

TEXT = (
    "Officials said on Tuesday that the bridge would close for repairs.\n\n"
    "\u201cWe have no choice,\u201d the mayor told reporters. \u201cIt is not safe.\u201d\n\n"
    "According to the city, the work will take two years."
)


@pytest.fixture(scope="module")
def bare():
    return spacy.load(MODEL, exclude=["lemmatizer"])


def test_decoding_obeys_span_constraints():
    labels = ("O", "B", "I")
    # argmax alone would give I at the start and two touching spans (B B)
    scores = np.array([[0, 4, 5], [0, 5, 4], [0, 0, 5], [5, 0, 0]], dtype=np.float32)
    tags = am.decode_tags(scores, labels)
    assert tags[0] != "I"
    for prev, tag in zip(tags, tags[1:]):
        assert not (tag == "I" and prev == "O")
        assert not (tag == "B" and prev != "O")
    assert tags == ["B", "I", "I", "O"]
    assert am.decode_tags(np.zeros((0, 3), np.float32), labels) == []


def test_continuation_tag_makes_a_discontinuous_span(bare):
    doc = bare.make_doc("A b c d e")
    spans = am.tag_spans(doc, ["B", "I", "O", "C", "I"], 0)
    assert spans == [[(0, 3), (6, 9)]]
    assert [doc.text[s:e] for s, e in spans[0]] == ["A b", "d e"]


def test_segments_cover_the_doc_in_order_and_respect_the_limit(bare):
    doc = bare(" ".join(["The mayor said the bridge is closed."] * 60) + "\n\nShe said so.")
    bounds = am.segments(doc, max_len=50)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    for (s1, e1), (s2, _e2) in zip(bounds, bounds[1:]):
        assert s1 < e1 <= s2
    assert all(e - s <= 50 for s, e in bounds)


def _segments_token_by_token(doc, max_len):
    """The plain definition `segments` computes from arrays: paragraphs (split at space tokens holding a
    newline), long ones cut at the last sentence start before the limit."""
    bounds, start = [], 0
    for token in doc:
        if "\n" in token.text and token.is_space:
            if token.i > start:
                bounds.append((start, token.i))
            start = token.i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    out = []
    for s, e in bounds:
        while e - s > max_len:
            cut = max((t.i for t in doc[s + 1 : s + max_len] if t.is_sent_start), default=s + max_len)
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


@pytest.mark.parametrize("text", [
    " ".join(["The mayor said the bridge is closed."] * 60) + "\n\nShe said so.",
    "\n\nA headline\n \nFirst line. Second line.\n\n\n" + "word " * 130 + "\n",  # a long paragraph with no sentence start
    "One line only",
])
def test_segments_equal_the_token_by_token_definition(bare, text):
    doc = bare(text)
    for max_len in (20, 50, am.MAX_SEGMENT):
        assert am.segments(doc, max_len=max_len) == _segments_token_by_token(doc, max_len)


def test_decoding_several_documents_at_once_equals_one_at_a_time():
    rng = np.random.default_rng(3)
    scores = [{role: rng.normal(size=(n, len(labels))).astype(np.float32) for role, labels in am.ROLE_LABELS.items()}
              for n in (9, 4, 15)]
    bounds = [[(0, 5), (5, 9)], [(0, 4)], [(0, 2), (2, 15)]]
    together = am.decode_docs(scores, bounds)
    for doc_scores, doc_bounds, tags in zip(scores, bounds, together):
        assert tags == am.decode_docs([doc_scores], [doc_bounds])[0]
        for role, labels in am.ROLE_LABELS.items():
            assert tags[role] == [am.decode_tags(doc_scores[role][s:e], labels) for s, e in doc_bounds]


def test_grouping_attaches_nearest_source_and_content(bare):
    doc = bare(TEXT)
    source = TEXT.index("the mayor")
    cue = TEXT.index("told")
    q1 = TEXT.index("We have")
    q2 = TEXT.index("It is not")
    found = {
        "source": [[(source, source + len("the mayor"))]],
        "cue": [[(cue, cue + 4)]],
        "content": [[(q1, q1 + len("We have no choice")), (q2, q2 + len("It is not safe"))]],
    }
    [attribution] = am.group(doc, found)
    assert attribution["source"] == found["source"][0]
    assert attribution["content"] == found["content"][0]


def test_unclaimed_spans_are_still_reported(bare):
    doc = bare(TEXT)
    start = TEXT.index("the work")
    found = {"source": [], "cue": [], "content": [[(start, start + 8)]]}
    assert am.group(doc, found) == [{"source": [], "cue": [], "content": [(start, start + 8)]}]


def _tiny_network(rng: np.random.Generator) -> am.Network:
    dims = {name: 3 for name in am.CATEGORICAL}
    width, proj, hidden = 4, 5, 3
    w: dict[str, np.ndarray] = {f"emb.{n}": rng.normal(size=(7, d)).astype(np.float32) for n, d in dims.items()}
    w["proj.weight"] = rng.normal(size=(proj, sum(dims.values()) + width)).astype(np.float32)
    w["proj.bias"] = rng.normal(size=proj).astype(np.float32)
    for layer in range(2):
        size_in = proj if layer == 0 else 2 * hidden
        for suffix in ("", "_reverse"):
            w[f"lstm.weight_ih_l{layer}{suffix}"] = rng.normal(size=(4 * hidden, size_in)).astype(np.float32)
            w[f"lstm.weight_hh_l{layer}{suffix}"] = rng.normal(size=(4 * hidden, hidden)).astype(np.float32)
            w[f"lstm.bias_ih_l{layer}{suffix}"] = rng.normal(size=4 * hidden).astype(np.float32)
            w[f"lstm.bias_hh_l{layer}{suffix}"] = rng.normal(size=4 * hidden).astype(np.float32)
    for role, labels in am.ROLE_LABELS.items():
        w[f"head_{role}.weight"] = rng.normal(size=(len(labels), 2 * hidden)).astype(np.float32)
        w[f"head_{role}.bias"] = rng.normal(size=len(labels)).astype(np.float32)
    return am.Network(w, {"layers": 2})


def test_network_output_does_not_depend_on_batch_padding():
    rng = np.random.default_rng(0)
    net = _tiny_network(rng)
    n = 11
    ids = rng.integers(0, 7, size=(n, len(am.CATEGORICAL))).astype(np.int32)
    tensor = rng.normal(size=(n, 4)).astype(np.float32)
    together = net.logits(ids, tensor, [(0, 3), (3, 11)])  # the short segment is padded in the batch
    alone = net.logits(ids[:3], tensor[:3], [(0, 3)])
    for role in am.ROLES:
        assert together[role].shape == (n, len(am.ROLE_LABELS[role]))
        np.testing.assert_allclose(together[role][:3], alone[role], rtol=1e-5, atol=1e-5)


def test_shipped_model_outputs_spans_inside_the_text(bare):
    nlp = am.load_with_model()
    doc = nlp(TEXT)
    assert isinstance(doc._.model_attributions, list) and doc._.model_attributions
    for attribution in doc._.model_attributions:
        assert set(attribution) == {"source", "cue", "content"}
        assert any(attribution.values())
        for parts in attribution.values():
            for s, e in parts:
                assert 0 <= s < e <= len(doc.text)
                assert doc.text[s:e].strip() == doc.text[s:e]


def test_shipped_model_finds_a_plain_reported_speech_cue():
    doc = am.load_with_model()(TEXT)
    cues = {doc.text[s:e] for a in doc._.model_attributions for s, e in a["cue"]}
    assert cues & {"said", "told", "According to"}


def test_shipped_model_size_is_under_limit():
    size = sum(p.stat().st_size for p in am.MODEL_DIR.rglob("*") if p.is_file())
    assert size < 50 * 1024 * 1024


def test_fast_features_equal_the_reference_strings(bare):
    text = (
        "\u201cWe are done,\u201d the mayor said. She said ``no'' and \"maybe\" to reporters.\n\n"
        "\u201cAn open quote runs on\n\nNew paragraph, said Mr. O\u2019Neil of the U.N. on Tuesday in New York."
    )
    doc = bare(text)
    strings = am._token_strings(doc)
    counts = {name: {v: 1 for v in values} for name, values in strings.items()}
    vocab = am.Vocab.build(counts, {})
    ids, tensor = am.featurize(doc, vocab)
    assert tensor.shape[0] == len(doc)
    for j, name in enumerate(am.CATEGORICAL):
        expected = [vocab.tables[name].get(v, 1) for v in strings[name]]
        assert ids[:, j].tolist() == expected, name
    assert "in" in strings["quote"] and "open" in strings["quote"] and "close" in strings["quote"]


def test_batched_decoding_equals_one_at_a_time():
    rng = np.random.default_rng(1)
    labels = am.ROLE_LABELS["content"]
    sequences = [rng.normal(size=(n, len(labels))).astype(np.float32) * 3 for n in (1, 7, 20, 3)]
    together = am.decode_batch(sequences, labels)
    for seq, tags in zip(sequences, together):
        assert tags == am.decode_batch([seq], labels)[0]
        assert len(tags) == len(seq)


def test_shipped_model_handles_empty_and_blank_documents():
    nlp = am.load_with_model()
    docs = list(nlp.pipe(["", "   \n\n  ", TEXT, "Said."]))
    assert docs[0]._.model_attributions == []
    assert docs[1]._.model_attributions == []
    assert docs[2]._.model_attributions
    for doc in docs:
        for attribution in doc._.model_attributions:
            for parts in attribution.values():
                assert all(0 <= s < e <= len(doc.text) for s, e in parts)


def test_accurate_mode_reads_minilm_vectors_and_finds_the_cue():
    accurate = am._shared_model("accurate")
    assert accurate.contextual_layers
    nlp = am.load_with_model("accurate")
    doc = nlp(TEXT)
    ids, tensor, bounds = accurate.inputs(doc)
    assert tensor.shape == (len(doc), accurate.network.config["tensor_width"])
    assert tensor[:, 96:].any()
    cues = {doc.text[s:e] for a in doc._.model_attributions for s, e in a["cue"]}
    assert cues & {"said", "told", "According to"}
    for attribution in doc._.model_attributions:
        for parts in attribution.values():
            for s, e in parts:
                assert doc.text[s:e].strip() == doc.text[s:e]
