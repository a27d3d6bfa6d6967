"""Turns an analysed spaCy Doc into the typed `Article` record."""
from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.ingest.document import Document
from storyline.nlp.extensions import text_of
from storyline.nlp.relations import add_relations
from storyline.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


def build_article(doc: "Doc", document: Document, article_id: str) -> Article:
    statements = list(doc._.statements or [])
    add_relations(statements)
    return Article(
        id=article_id,
        text=text_of(doc),  # cached by the components (doc.text rebuilds it from the tokens)
        title=document.title or doc._.headline,
        published=document.published,
        url=document.url,
        outlet=document.outlet,
        author=document.author,  # metadata only: a byline in the text stays a layout section
        sections=list(doc._.sections or []),
        captions=list(doc._.captions or []),
        entities=list(doc._.entities or []),
        statements=statements,
        times=list(doc._.times or []),
    )
