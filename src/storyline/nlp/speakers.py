"""storyline_speakers (placeholder)."""
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions  # noqa: F401


@Language.component("storyline_speakers")
def storyline_speakers(doc: Doc) -> Doc:
    return doc
