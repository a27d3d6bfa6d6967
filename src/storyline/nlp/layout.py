"""storyline_layout (placeholder)."""
from spacy.language import Language
from spacy.tokens import Doc

for _name in ("sections", "captions", "headline", "title", "entities", "statements"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("storyline_layout")
def storyline_layout(doc: Doc) -> Doc:
    return doc
