"""`storyline_times`: sets `doc._.times` (list of TimeExpression) from `doc._.published`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp import extensions  # noqa: F401
from storyline.nlp.timex import tag_times


@Language.component("storyline_times")
def storyline_times(doc: Doc) -> Doc:
    doc._.times = tag_times(doc.text, doc._.published, doc)
    return doc
