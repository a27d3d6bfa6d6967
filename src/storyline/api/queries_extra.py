"""Read queries the web layer needs that `storyline.store.queries` does not have.

Kept apart from the store's own module (owned by the archive work): one person by id, a
person's statements in date order, speakers filtered by entity type, and counts for paging.
Results reuse the store's result types, so the API models one set of shapes.
"""
from __future__ import annotations

import json

from storyline.store import queries
from storyline.store.dates import day
from storyline.store.queries import ArticleSummary, Person, StatementHit
from storyline.store.store import Store

COUNT_CAP = 10_000  # counting further costs a scan of the whole archive on every page view

_PERSON_COLUMNS = "p.id, p.name, p.type, p.roles, p.statement_count, p.first_date, p.last_date"


def _person(row) -> Person:
    return Person(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6])


def _like(text: str) -> str:
    return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def person(store: Store, person_id: int) -> Person | None:
    """One speaker by `people.id`; None when there is none (or they have no statement)."""
    row = store.conn.execute(
        f"SELECT {_PERSON_COLUMNS} FROM people p WHERE p.id = ? AND p.statement_count > 0", (person_id,)
    ).fetchone()
    return _person(row) if row else None


def person_statements(store: Store, person_id: int, limit: int = 100, offset: int = 0, copies: bool = False) -> list[StatementHit]:
    """Every statement of one speaker, oldest first (undated last), in storage order within a day.

    Dated and undated statements are read apart so each part walks the (person, date) index in
    order: a speaker quoted tens of thousands of times costs no sort.
    """
    copy = "" if copies else " AND s.copy = 0"
    base = f"SELECT {queries._STATEMENT_COLUMNS} FROM statements s JOIN articles a ON a.id = s.article WHERE s.person = ?{copy}"

    def dated(lim: int, off: int) -> list[StatementHit]:
        sql = base + " AND s.date IS NOT NULL ORDER BY s.date, s.id LIMIT ? OFFSET ?"
        return [queries._statement(r) for r in store.conn.execute(sql, (person_id, lim, off))]

    def undated(lim: int, off: int) -> list[StatementHit]:
        sql = base + " AND s.date IS NULL ORDER BY s.id LIMIT ? OFFSET ?"
        return [queries._statement(r) for r in store.conn.execute(sql, (person_id, lim, off))]

    return _dated_then_undated(dated, undated, lambda: store.conn.execute(
        f"SELECT count(*) FROM statements s WHERE s.person = ? AND s.date IS NOT NULL{copy}", (person_id,)).fetchone()[0],
        limit, offset)


def _dated_then_undated(dated, undated, count_dated, limit: int, offset: int) -> list:
    """One page over "dated rows, then undated rows", reading each part in index order."""
    rows = dated(limit, offset)
    if len(rows) == limit:
        return rows
    # The dated part ends on this page (or before it): continue with the undated part.
    start = 0 if rows else max(0, offset - count_dated())
    return rows + undated(limit - len(rows), start)


def count_person_statements(store: Store, person_id: int, copies: bool = False) -> int:
    if not copies:  # the store keeps this count (statements that are not copies) on the person
        row = store.conn.execute("SELECT statement_count FROM people WHERE id = ?", (person_id,)).fetchone()
        return row[0] if row else 0
    return store.conn.execute("SELECT count(*) FROM statements WHERE person = ?", (person_id,)).fetchone()[0]


def articles(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    about: str | None = None,
    limit: int = 50,
    offset: int = 0,
    copies: bool = True,
) -> list[ArticleSummary]:
    """`queries.articles` (newest publication first, undated last) reading the publication-date index in order.

    The same rows in the same order; `queries.articles` sorts every matching article first
    (about 0.2 s at 50,000 articles), this reads only the page.
    """
    params: list = []
    where = [] if copies else ["a.near_duplicate_of IS NULL"]
    if since:
        where.append("a.published >= ?")
        params.append(day(since))
    if until:
        where.append("a.published <= ?")
        params.append(day(until))
    if outlet:
        where.append("a.id IN (SELECT article FROM article_sources WHERE outlet = ?)")
        params.append(outlet.strip())
    if about:
        where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(queries.fts_query(about))
    base = (
        "SELECT a.record_id, a.title, a.published, a.url, a.outlet, a.statement_count, o.record_id, a.ingested_at"
        " FROM articles a LEFT JOIN articles o ON o.id = a.near_duplicate_of WHERE "
    )

    def part(extra_where: str, order: str):
        def run(lim: int, off: int) -> list[ArticleSummary]:
            sql = base + " AND ".join([*where, extra_where]) + f" ORDER BY {order} LIMIT ? OFFSET ?"
            return [ArticleSummary(*r) for r in store.conn.execute(sql, [*params, lim, off])]
        return run

    def count_dated() -> int:
        sql = f"SELECT count(*) FROM articles a WHERE {' AND '.join([*where, 'a.published IS NOT NULL'])}"
        return store.conn.execute(sql, params).fetchone()[0]

    return _dated_then_undated(
        part("a.published IS NOT NULL", "a.published DESC, a.id DESC"), part("a.published IS NULL", "a.id DESC"),
        count_dated, limit, offset,
    )


def _people_where(name: str | None, type_: str | None, params: list) -> list[str]:
    where = ["p.statement_count > 0"]
    if name:
        where.append("(p.name LIKE ? ESCAPE '\\' OR p.roles LIKE ? ESCAPE '\\')")
        params += [_like(name)] * 2
    if type_:
        where.append("p.type = ?")
        params.append(type_)
    return where


def speakers(
    store: Store,
    name: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Person]:
    """`queries.people`, plus a filter on the speaker's entity type (PERSON, ORG, ...)."""
    if type is None:
        return queries.people(store, name=name, since=since, until=until, outlet=outlet, limit=limit, offset=offset)
    params: list = []
    where = _people_where(name, type, params)
    if not (since or until or outlet):
        sql = (
            f"SELECT {_PERSON_COLUMNS} FROM people p WHERE {' AND '.join(where)}"
            " ORDER BY p.statement_count DESC, p.name LIMIT ? OFFSET ?"
        )
    else:
        where.append("s.copy = 0")
        if since:
            where.append("s.date >= ?")
            params.append(day(since))
        if until:
            where.append("s.date <= ?")
            params.append(day(until))
        if outlet:
            where.append("s.article IN (SELECT article FROM article_sources WHERE outlet = ?)")
            params.append(outlet.strip())
        sql = (
            "SELECT p.id, p.name, p.type, p.roles, count(*) AS n, min(s.date), max(s.date)"
            f" FROM statements s JOIN people p ON p.id = s.person WHERE {' AND '.join(where)}"
            " GROUP BY p.id ORDER BY n DESC, p.name LIMIT ? OFFSET ?"
        )
    return [_person(r) for r in store.conn.execute(sql, [*params, limit, offset])]


def count_speakers(store: Store, name: str | None = None, type: str | None = None, cap: int = COUNT_CAP) -> int | None:
    """How many speakers `speakers()` pages through without a date/outlet window; None above `cap`."""
    params: list = []
    where = _people_where(name, type, params)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM people p WHERE {' AND '.join(where)} LIMIT ?)"
    n = store.conn.execute(sql, [*params, cap + 1]).fetchone()[0]
    return n if n <= cap else None


def count_articles(store: Store, since: str | None = None, until: str | None = None, outlet: str | None = None,
                   about: str | None = None, copies: bool = True, cap: int = COUNT_CAP) -> int | None:
    """How many articles `queries.articles()` pages through with the same filters; None above `cap`."""
    params: list = []
    where = [] if copies else ["a.near_duplicate_of IS NULL"]
    if since:
        where.append("a.published >= ?")
        params.append(day(since))
    if until:
        where.append("a.published <= ?")
        params.append(day(until))
    if outlet:
        where.append("a.id IN (SELECT article FROM article_sources WHERE outlet = ?)")
        params.append(outlet.strip())
    if about:
        where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(queries.fts_query(about))
    sql = f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {' AND '.join(where) or '1'} LIMIT ?)"
    n = store.conn.execute(sql, [*params, cap + 1]).fetchone()[0]
    return n if n <= cap else None


def count_statements_capped(
    store: Store,
    speaker: str | None = None,
    stance: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    copies: bool = False,
    cap: int = COUNT_CAP,
) -> int | None:
    """`queries.count_statements`, but None when there are more than `cap` (counting stops there)."""
    params: list = []
    where = queries._statement_filters(store, speaker, stance, about, since, until, outlet, kind, copies, params)
    if where is None:
        return 0
    sql = f"SELECT count(*) FROM (SELECT 1 FROM statements s WHERE {' AND '.join(where) or '1'} LIMIT ?)"
    n = store.conn.execute(sql, [*params, cap + 1]).fetchone()[0]
    return n if n <= cap else None


def article_people(store: Store, article_id: str) -> dict[str, int]:
    """`person_key(name)` -> people.id for the named speakers of one article (links to person pages)."""
    sql = (
        "SELECT DISTINCT p.key, p.id FROM statements s JOIN articles a ON a.id = s.article JOIN people p ON p.id = s.person"
        " WHERE a.record_id = ?"
    )
    return {key: pid for key, pid in store.conn.execute(sql, (article_id,))}


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
