"""storyline_attribution (placeholder)."""
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions  # noqa: F401


@Language.component("storyline_attribution")
def storyline_attribution(doc: Doc) -> Doc:
    return doc
