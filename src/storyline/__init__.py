"""storyline: turns news into a sourced record of who said what, when.

    >>> import storyline
    >>> article = storyline.analyze(text, published="2021-03-10", title="...")
    >>> article.statements[0].speaker_name
"""
from __future__ import annotations

from storyline.analyze import analyze, analyze_documents
from storyline.record import Article, Caption, Entity, Mention, Section, Span, Statement, TimeExpression

__all__ = [
    "analyze",
    "analyze_documents",
    "Article",
    "Caption",
    "Entity",
    "Mention",
    "Section",
    "Span",
    "Statement",
    "TimeExpression",
]
__version__ = "0.1.0"
