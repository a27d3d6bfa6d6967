"""storyline_paragraphs: a line break always ends a sentence (headlines, captions and bullets
carry no final period, and the parser would otherwise run them into the next line).
Runs before the parser, which keeps sentence starts that are already set."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("storyline_paragraphs")
def storyline_paragraphs(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            following = doc[token.i + 1]
            if not following.is_space:
                following.is_sent_start = True
    return doc
