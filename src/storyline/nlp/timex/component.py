"""`storyline_times`: sets `doc._.times` (list of TimeExpression) from `doc._.published`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp.timex import tag_times

Doc.set_extension("times", default=None, force=True)
Doc.set_extension("published", default=None, force=True)  # datetime.date or None


@Language.component("storyline_times")
def storyline_times(doc: Doc) -> Doc:
    doc._.times = tag_times(doc.text, doc._.published, doc)
    return doc
