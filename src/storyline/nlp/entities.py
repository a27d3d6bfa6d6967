"""storyline_entities (placeholder)."""
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions  # noqa: F401


@Language.component("storyline_entities")
def storyline_entities(doc: Doc) -> Doc:
    return doc
