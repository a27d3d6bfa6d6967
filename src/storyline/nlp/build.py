"""Turns an analysed spaCy Doc into the typed `Article` record."""
from __future__ import annotations

from spacy.tokens import Doc

from storyline.ingest.document import Document
from storyline.nlp.extensions import text_of
from storyline.record import Article


def build_article(doc: Doc, document: Document, article_id: str) -> Article:
    return Article(
        id=article_id,
        text=text_of(doc),
        title=document.title or doc._.headline,
        published=document.published,
        url=document.url,
        source=document.source,
        sections=list(doc._.sections or []),
        captions=list(doc._.captions or []),
        entities=list(doc._.entities or []),
        statements=list(doc._.statements or []),
        times=list(doc._.times or []),
    )
