"""Former home of the read queries the web layer needs; they now live in `storyline.store.queries`.

Kept so existing imports keep working: every name here is the store's own function
(`articles` is `queries.articles_indexed`). New code should import `storyline.store.queries`.
"""
from __future__ import annotations

from storyline.store.queries import (
    COUNT_CAP,
    ArticleSummary,
    article_people,
    count_articles,
    count_person_statements,
    count_speakers,
    count_statements_capped,
    person,
    person_statements,
    speakers,
)
from storyline.store.queries import articles_indexed as articles

__all__ = [
    "ArticleSummary",
    "article_people",
    "articles",
    "COUNT_CAP",
    "count_articles",
    "count_person_statements",
    "count_speakers",
    "count_statements_capped",
    "person",
    "person_statements",
    "speakers",
]
