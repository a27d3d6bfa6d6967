"""storyline_attribute_table and storyline_lemma_table set what spaCy's attribute_ruler and lemmatizer set, on every token."""
from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from storyline.nlp.attribute_table import AttributeTable
from storyline.nlp.pipeline import MODEL, load

# Words the ruler's exceptions name (pronouns by case, determiners, "that", "but" as an adverb, main
# verbs "do"/"have", "there is", two-token forms, regex forms) and whitespace tokens.
TEXTS = [
    "I told you it was ready, but she said he gave it to me and we thanked them.\n\n"
    "That is the plan that they chose; these ideas and those were hers, not his.",
    "There is no doubt. There were others. Nothin' works, y'all know it, and we ain't gonna stop.\n"
    "Let's go, c'mon, we gotta move! Do you have it? He does, and she had done what I did.",
    "Something happened to anyone who said anything.   Nobody knows if the vote, which was delayed, "
    "will pass, because whether it can is unclear.\n\n\nYou could see it; I might.",
    "",
]


@pytest.fixture(scope="module")
def parsed():
    """Docs as the pipeline leaves them just before the ruler (tagged and parsed)."""
    nlp = spacy.load(MODEL)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(TEXTS))
    return nlp.get_pipe("attribute_ruler"), docs


def test_same_attributes_as_the_ruler(parsed):
    ruler, docs = parsed
    table = AttributeTable(ruler)
    for doc in docs:
        expected, got = ruler(doc.copy()), table(doc.copy())
        columns = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
        assert np.array_equal(expected.to_array(columns), got.to_array(columns)), doc.text
        assert [str(t.morph) for t in expected] == [str(t.morph) for t in got]
    # the ruler did change something on these texts, so the comparison means something
    changed = ruler(docs[1].copy())
    assert any(t.lemma_ == "go" and t.lower_ == "gon" for t in changed)
    assert any(t.pos_ == "SPACE" for t in ruler(docs[0].copy()))


def test_unsupported_pattern_is_an_error_at_load(parsed):
    ruler, _docs = parsed
    odd = spacy.blank("en").add_pipe("attribute_ruler")
    odd.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    with pytest.raises(ValueError, match="cannot test 'OP'"):
        AttributeTable(odd)
    odd = spacy.blank("en").add_pipe("attribute_ruler")
    odd.add([[{"LOWER": "x"}]], {"NORM": "y"})
    with pytest.raises(ValueError, match="sets"):
        AttributeTable(odd)


def test_the_pipeline_uses_the_tables():
    names = load().pipe_names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("storyline_attribute_table") < names.index("storyline_lemma_table") < names.index("ner")


def test_same_lemmas_as_the_lemmatizer():
    from storyline.nlp.attribute_table import LemmaTable

    nlp = spacy.load(MODEL)
    with nlp.select_pipes(disable=["lemmatizer", "ner"]):
        docs = list(nlp.pipe(TEXTS))
    lemmatizer = nlp.get_pipe("lemmatizer")
    table = LemmaTable(lemmatizer)
    for doc in docs * 2:  # the second time from the table's memory
        expected, got = lemmatizer(doc.copy()), table(doc.copy())
        assert [t.lemma_ for t in expected] == [t.lemma_ for t in got], doc.text
    assert any(t.lemma_ == "be" and t.lower_ == "were" for t in table(docs[1].copy()))
