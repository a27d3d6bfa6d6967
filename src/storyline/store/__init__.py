"""The archive: analysed articles in one SQLite file, queryable by speaker, stance, date, outlet and text.

    >>> from storyline.store import Store, queries
    >>> from storyline.store.filters import Filters
    >>> with Store.open("storyline.db") as store:
    ...     store.add_article(article, origin="feed.xml#3")
    ...     hits = queries.statements(store, Filters(speaker="Biden", stance="deny", since="2021-01-01"))

Modules: `schema` (versioned migrations), `store` (Store: open, add_article, failures; per-article
facts only), `filters` (the one Filters object and its SQL), `queries` (typed read functions),
`export` (jsonl / parquet), `dedup` (exact and near duplicates), `dated_sentences`, `mentions`
(a statement's speaker mention), `derived` (what the link stage reads and writes: speakers).
The store depends on `storyline.record` only (see .importlinter).
"""
from __future__ import annotations

from storyline.store.store import AddResult, Store, default_path

__all__ = ["AddResult", "Store", "default_path"]
