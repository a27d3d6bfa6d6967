"""storyline_layout (placeholder)."""
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions  # noqa: F401


@Language.component("storyline_layout")
def storyline_layout(doc: Doc) -> Doc:
    return doc
