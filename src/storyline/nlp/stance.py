"""storyline_stance (placeholder)."""
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions  # noqa: F401


@Language.component("storyline_stance")
def storyline_stance(doc: Doc) -> Doc:
    return doc
