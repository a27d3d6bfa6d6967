"""Read-only queries over the archive, with typed results (dataclasses; `to_dict()` gives JSON).

Every list takes a `Filters` (storyline.store.filters: since, until, outlet, about, speaker,
stance, kind, type, act, copies), or the same filters by name:

    statements(store, Filters(speaker="biden", stance="deny"))
    statements(store, speaker="biden", stance="deny")

A list refuses (ValueError) a filter it does not support. Each list has a `count_*` that uses the
same predicate, so a page's `total` always agrees with the items paged through.
- `limit`, `offset`: paging. Results come in a stable order.
- `cap`: the `count_*` functions stop counting there and give None above it (counting further
  costs a scan of the whole archive on every page view).
"""
from __future__ import annotations

import heapq
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

from storyline.store.filters import Filters, Where, fts_query, where_articles, where_dated_sentences, where_speakers, where_statements
from storyline.store.store import Store

__all__ = ["Filters", "fts_query"]  # and every public function below

# -- result types ---------------------------------------------------------------------------


@dataclass(slots=True)
class StatementHit:
    article_id: str
    statement_id: str
    speaker: str | None  # speaker name, else the source text ("a spokesman")
    person_id: int | None  # people.id of a named speaker
    role: str | None  # the speaker's roles in that article, "; "-joined
    kind: str  # direct / indirect / mixed
    stance: str  # assert / deny / hedge
    content: str
    spans: list[list[int]]  # offsets of the content in the article text
    cue: str | None
    date: str | None  # YYYY-MM-DD: the statement's time, else publication date
    time_value: str | None  # the TIMEX3 value the date came from (None: publication date)
    published: str | None
    outlet: str | None
    title: str | None
    url: str | None
    copy: bool = False
    act: str = "say"  # say / write; think, intend, do, perceive, other only when asked for (Filters.act)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Person:
    id: int
    name: str
    type: str | None
    roles: list[str]
    statements: int
    first_date: str | None
    last_date: str | None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class SearchHit:
    kind: Literal["article", "statement"]
    score: float  # bm25: lower is better (SQLite's sign)
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    date: str | None
    snippet: str  # matched terms wrapped in the `highlight` markers
    statement_id: str | None = None
    speaker: str | None = None
    stance: str | None = None
    statement_kind: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class TimelineEntry:
    date: str
    kind: Literal["statement", "event"]  # event: a dated sentence (store/dated_sentences.py); the JSON name is kept
    text: str
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    time_value: str | None  # None: dated by publication date
    start: int  # offsets in the article text
    end: int
    speaker: str | None = None
    stance: str | None = None
    statement_kind: str | None = None
    statement_id: str | None = None
    act: str | None = None  # a statement's act (say/write unless Filters.act asks for more)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ArticleSummary:
    article_id: str
    title: str | None
    author: str | None  # from the article's metadata (Article.author)
    published: str | None
    url: str | None
    outlet: str | None
    statements: int
    near_duplicate_of: str | None
    ingested_at: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Source:
    url: str | None
    outlet: str | None
    origin: str | None
    published: str | None


@dataclass(slots=True)
class StoredArticle:
    record: dict  # the full JSON record, exactly as analysed (Article.to_dict())
    sources: list[Source]  # every URL/outlet this text came from (exact duplicates)
    near_duplicate_of: str | None  # record id of the original, when this is a syndicated copy
    similarity: float | None
    copies: list[str] = field(default_factory=list)  # record ids of near-duplicates of this article

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Failure:
    origin: str
    reason: str
    first_at: str
    last_at: str
    attempts: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Stats:
    articles: int
    statements: int
    people: int
    failures: int
    near_duplicates: int
    first_published: str | None
    last_published: str | None

    def to_dict(self) -> dict:
        return asdict(self)


# -- helpers --------------------------------------------------------------------------------

COUNT_CAP = 10_000  # counting further costs a scan of the whole archive on every page view

STATEMENT_FILTERS = ("since", "until", "outlet", "about", "speaker", "stance", "kind", "act", "copies")
PEOPLE_FILTERS = ("since", "until", "outlet", "speaker", "type")
TIMELINE_FILTERS = ("since", "until", "outlet", "about", "speaker", "act", "copies")
SEARCH_FILTERS = ("since", "until", "outlet", "act", "copies")
ARTICLE_FILTERS = ("since", "until", "outlet", "about", "copies")


def _filters(filters: Filters | None, by_name: dict, resource: str, allowed: tuple[str, ...]) -> Filters:
    return Filters.of(filters, **by_name).allow(resource, *allowed)


def _capped_count(store: Store, select_one: str, params: list, cap: int) -> int | None:
    n = store.conn.execute(f"SELECT count(*) FROM ({select_one} LIMIT ?)", [*params, cap + 1]).fetchone()[0]
    return n if n <= cap else None


def _dated_then_undated(dated, undated, count_dated, limit: int, offset: int) -> list:
    """One page over "dated rows, then undated rows", reading each part in index order.

    `dated(limit, offset)` and `undated(limit, offset)` read one part; `count_dated()` counts the
    dated part (asked only when the page starts past its end).
    """
    rows = dated(limit, offset)
    if len(rows) == limit:
        return rows
    # The dated part ends on this page (or before it): continue with the undated part.
    start = 0 if rows else max(0, offset - count_dated())
    return rows + undated(limit - len(rows), start)


# -- statements -------------------------------------------------------------------------------

_STATEMENT_COLUMNS = (
    "a.record_id, s.statement_id, s.speaker, s.speaker_id, s.role, s.kind, s.stance, s.content, s.spans, s.cue,"
    " s.date, s.time_value, s.published, s.outlet, a.title, a.url, s.copy, s.act"
)


def _statement(row) -> StatementHit:
    return StatementHit(*row[:8], json.loads(row[8]), *row[9:16], bool(row[16]), row[17])


def statements(store: Store, filters: Filters | None = None, limit: int = 50, offset: int = 0, **by_name) -> list[StatementHit]:
    """Statements, newest first (by statement date, then storage order).

    Filters: since, until, outlet, about (the statement's words), speaker, stance, kind, act
    (default: what was said or written), copies.
    """
    filters = _filters(filters, by_name, "statements", STATEMENT_FILTERS)
    where = where_statements(store.conn, filters)
    if where.empty:
        return []
    # Page on the statements alone (indexes only, for a speaker), then fetch the page's columns.
    page = f"SELECT s.id FROM statements s WHERE {where.sql()} ORDER BY s.date DESC, s.id DESC LIMIT ? OFFSET ?"
    sql = (
        f"SELECT {_STATEMENT_COLUMNS} FROM ({page}) AS page JOIN statements s ON s.id = page.id"
        " JOIN articles a ON a.id = s.article ORDER BY s.date DESC, s.id DESC"
    )
    return [_statement(r) for r in store.conn.execute(sql, [*where.params, limit, offset])]


def count_statements(store: Store, filters: Filters | None = None, cap: int | None = None, **by_name) -> int | None:
    """How many statements `statements()` pages through with the same filters; None above `cap` (if given)."""
    filters = _filters(filters, by_name, "statements", STATEMENT_FILTERS)
    where = where_statements(store.conn, filters, for_page=False)
    if where.empty:
        return 0
    if cap is None:
        return store.conn.execute(f"SELECT count(*) FROM statements s WHERE {where.sql()}", where.params).fetchone()[0]
    return _capped_count(store, f"SELECT 1 FROM statements s WHERE {where.sql()}", where.params, cap)


def count_statements_capped(store: Store, filters: Filters | None = None, cap: int = COUNT_CAP, **by_name) -> int | None:
    """`count_statements`, but None when there are more than `cap` (counting stops there)."""
    return count_statements(store, filters, cap=cap, **by_name)


# -- people -----------------------------------------------------------------------------------

_PERSON_COLUMNS = "p.id, p.name, p.type, p.roles, p.statement_count, p.first_date, p.last_date"


def _person(row) -> Person:
    return Person(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6])


def _windowed(filters: Filters) -> bool:
    return bool(filters.since or filters.until or filters.outlet)


def _people_query(store: Store, filters: Filters) -> tuple[str, str, list] | None:
    """(FROM ... WHERE ..., count column, params) of the people `filters` select; None when none can match.

    Without a date/outlet window a person's counts and dates are the stored ones; with one they
    cover only the statements in that window (people with none there are left out).
    """
    people_where = where_speakers(filters)
    if people_where.empty:
        return None
    if not _windowed(filters):
        return f"FROM speakers p WHERE {people_where.sql()}", "p.statement_count", people_where.params
    window = where_statements(store.conn, Filters(since=filters.since, until=filters.until, outlet=filters.outlet))
    return (
        f"FROM statements s JOIN speakers p ON p.id = s.speaker_id WHERE {window.sql(people_where.sql())} GROUP BY p.id",
        "count(*)",
        [*window.params, *people_where.params],
    )


def people(store: Store, filters: Filters | None = None, limit: int = 50, offset: int = 0, **by_name) -> list[Person]:
    """Named speakers (people and organisations) with statement counts and first/last dates, most quoted first.

    Filters: speaker (words of the name or roles, as word prefixes), type (PERSON, ORG, ...), and
    since, until, outlet, which narrow the counts and dates to the statements in that window.
    """
    filters = _filters(filters, by_name, "people", PEOPLE_FILTERS)
    query = _people_query(store, filters)
    if query is None:
        return []
    source, count, params = query
    dates = "min(s.date), max(s.date)" if _windowed(filters) else "p.first_date, p.last_date"
    sql = f"SELECT p.id, p.name, p.type, p.roles, {count} AS n, {dates} {source} ORDER BY n DESC, p.name, p.id LIMIT ? OFFSET ?"
    return [_person(r) for r in store.conn.execute(sql, [*params, limit, offset])]


def count_people(store: Store, filters: Filters | None = None, cap: int = COUNT_CAP, **by_name) -> int | None:
    """How many speakers `people()` pages through with the same filters; None above `cap`."""
    filters = _filters(filters, by_name, "people", PEOPLE_FILTERS)
    query = _people_query(store, filters)
    if query is None:
        return 0
    source, _, params = query
    return _capped_count(store, f"SELECT 1 {source}", params, cap)


def person(store: Store, person_id: int) -> Person | None:
    """One speaker by `people.id`; None when there is none (or they have no statement)."""
    row = store.conn.execute(
        f"SELECT {_PERSON_COLUMNS} FROM speakers p WHERE p.id = ? AND p.statement_count > 0", (person_id,)
    ).fetchone()
    return _person(row) if row else None


def _speech_only(every_act: bool) -> str:
    return "" if every_act else f" AND s.act IN ({', '.join(repr(a) for a in Filters().acts() or ())})"


def person_statements(store: Store, person_id: int, limit: int = 100, offset: int = 0, copies: bool = False,
                      every_act: bool = False) -> list[StatementHit]:
    """Every statement of one speaker, oldest first (undated last), in storage order within a day:
    what they said or wrote, and with `every_act` their beliefs, intentions and actions too.

    Dated and undated statements are read apart so each part walks the (person, date) index in
    order: a speaker quoted tens of thousands of times costs no sort.
    """
    copy = ("" if copies else " AND s.copy = 0") + _speech_only(every_act)
    base = f"SELECT {_STATEMENT_COLUMNS} FROM statements s JOIN articles a ON a.id = s.article WHERE s.speaker_id = ?{copy}"

    def part(extra_where: str, order: str):
        def run(lim: int, off: int) -> list[StatementHit]:
            sql = base + f" AND {extra_where} ORDER BY {order} LIMIT ? OFFSET ?"
            return [_statement(r) for r in store.conn.execute(sql, (person_id, lim, off))]
        return run

    def count_dated() -> int:
        sql = f"SELECT count(*) FROM statements s WHERE s.speaker_id = ? AND s.date IS NOT NULL{copy}"
        return store.conn.execute(sql, (person_id,)).fetchone()[0]

    return _dated_then_undated(
        part("s.date IS NOT NULL", "s.date, s.id"), part("s.date IS NULL", "s.id"), count_dated, limit, offset
    )


def count_person_statements(store: Store, person_id: int, copies: bool = False, every_act: bool = False) -> int:
    """How many statements `person_statements()` pages through (0 for an unknown id)."""
    if not copies and not every_act:  # the link stage keeps this count (said or written, not copies) on the person
        row = store.conn.execute("SELECT statement_count FROM speakers WHERE id = ?", (person_id,)).fetchone()
        return row[0] if row else 0
    copy = ("" if copies else " AND s.copy = 0") + _speech_only(every_act)
    return store.conn.execute(f"SELECT count(*) FROM statements s WHERE s.speaker_id = ?{copy}", (person_id,)).fetchone()[0]


# -- search -----------------------------------------------------------------------------------


def search(
    store: Store,
    text: str,
    filters: Filters | None = None,
    limit: int = 20,
    offset: int = 0,
    scope: Literal["all", "articles", "statements"] = "all",
    highlight: tuple[str, str] = ("[", "]"),
    **by_name,
) -> list[SearchHit]:
    """Full-text search over articles (title and text) and statements (words and speaker), best first.

    Ranked by FTS5 bm25 within each kind; the two kinds are merged by score.
    Filters: since, until, outlet, copies (copies are left out of both kinds by default).
    """
    filters = _filters(filters, by_name, "search", SEARCH_FILTERS)
    query = fts_query(text)
    want = offset + limit
    hits: list[SearchHit] = []
    if scope in ("all", "statements"):
        where = where_statements(store.conn, filters)
        columns = "a.record_id, a.title, a.url, s.outlet, s.published, s.date, s.statement_id, s.speaker, s.stance, s.kind"
        rows = _ranked(store, "statements_fts", "bm25(statements_fts)", query, want,
                       f"SELECT s.id, {columns} FROM statements s JOIN articles a ON a.id = s.article", "s.id", where)
        snippets = _highlights(store, "statements_fts", "highlight(statements_fts, 0, ?, ?)", query, [r[0] for r in rows], highlight)
        for rowid, score, row in rows:
            hits.append(SearchHit("statement", score, *row[:6], snippets.get(rowid, ""), *row[6:]))
    if scope in ("all", "articles"):
        where = where_articles(store.conn, filters, copies=False)
        rows = _ranked(store, "articles_fts", "bm25(articles_fts, 5.0, 1.0)", query, want,
                       "SELECT a.id, a.record_id, a.title, a.url, a.outlet, a.published, a.published FROM articles a", "a.id", where)
        snippets = _highlights(store, "articles_fts", "snippet(articles_fts, -1, ?, ?, '…', 24)", query, [r[0] for r in rows], highlight)
        for rowid, score, row in rows:
            hits.append(SearchHit("article", score, *row, snippets.get(rowid, "")))
    hits.sort(key=lambda h: h.score)
    return hits[offset:want]


SEARCH_WINDOW = 5_000  # matches ranked per kind: the most recently stored ones when there are more
SEARCH_FIRST = 50  # best-ranked matches joined and filtered first, at least
SEARCH_OVERFETCH = 3  # ranked matches per wanted hit, for the filters to reject


def _ranked(store: Store, fts: str, rank: str, query: str, want: int, select: str, key: str, where: Where):
    """The `want` best (rowid, score, row) for an FTS query under filters.

    bm25 over every match costs time in proportion to the matches (80 ms for 40,000 at 1M
    statements), so the index hands over at most SEARCH_WINDOW matches, newest stored first
    (cheap: it walks its rowids backwards), and those are ranked. When a word matches more than
    that, the ranking covers the SEARCH_WINDOW most recently stored matches. The best few are then
    joined and filtered; if the filters reject too many, more are taken, and if the window runs
    out, the filters are applied first and every match that passes is ranked.
    """
    window = store.conn.execute(
        f"SELECT rowid, {rank} FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT ?", (query, SEARCH_WINDOW + 1)
    ).fetchall()
    complete = len(window) <= SEARCH_WINDOW
    ranked = sorted(window[:SEARCH_WINDOW], key=lambda r: (r[1], r[0]))
    found: list = []
    taken, k = 0, max(SEARCH_FIRST, want * SEARCH_OVERFETCH)
    while taken < len(ranked) and len(found) < want:
        chunk = ranked[taken : taken + k]
        taken += len(chunk)
        scores = dict(chunk)
        ids = ",".join(str(rowid) for rowid, _ in chunk)
        rows = store.conn.execute(f"{select} WHERE {where.sql(f'{key} IN ({ids})')}", where.params).fetchall()
        found += sorted(((r[0], scores[r[0]], r[1:]) for r in rows), key=lambda x: (x[1], x[0]))
        k *= 8
    if len(found) >= want or complete or not where.clauses:
        return found[:want]
    # Selective filters and more matches than the window: rank only what passes the filters.
    rows = store.conn.execute(
        f"SELECT f.*, {rank} AS score FROM {fts} JOIN ({select} WHERE {where.sql()}) AS f ON f.id = {fts}.rowid"
        f" WHERE {fts} MATCH ? ORDER BY score LIMIT ?",
        [*where.params, query, want],
    ).fetchall()
    return [(r[0], r[-1], r[1:-1]) for r in rows]


def _highlights(store: Store, fts: str, function: str, query: str, rowids: list[int], markers: tuple[str, str]) -> dict[int, str]:
    """Highlighted text of the given matching rows, by rowid (only these rows are read)."""
    if not rowids:
        return {}
    ids = ",".join(str(r) for r in rowids)
    sql = f"SELECT rowid, {function} FROM {fts} WHERE {fts} MATCH ? AND rowid IN ({ids})"
    return dict(store.conn.execute(sql, (*markers, query)).fetchall())


# -- timeline ---------------------------------------------------------------------------------


def timeline(store: Store, filters: Filters | None = None, limit: int = 100, offset: int = 0, **by_name) -> list[TimelineEntry]:
    """Statements and time-anchored sentences in calendar order (oldest first).

    A statement is placed at its own normalized time, else at its article's publication date;
    an event sentence at the date its time expression names. Filters: since, until, outlet,
    about (entries whose words match), speaker (only that speaker's statements), copies.
    """
    filters = _filters(filters, by_name, "timeline", TIMELINE_FILTERS)
    want = offset + limit
    entries: list[tuple] = []
    where = where_statements(store.conn, filters)
    if not where.empty:
        page = f"SELECT s.id FROM statements s WHERE {where.sql('s.date IS NOT NULL')} ORDER BY s.date, s.id LIMIT ?"
        sql = (
            "SELECT s.date, 0, s.id, s.content, a.record_id, a.title, a.url, s.outlet, s.published, s.time_value, s.spans,"
            f" s.speaker, s.stance, s.kind, s.statement_id, s.act FROM ({page}) AS page JOIN statements s ON s.id = page.id"
            " JOIN articles a ON a.id = s.article ORDER BY s.date, s.id"
        )
        for r in store.conn.execute(sql, [*where.params, want]):
            spans = json.loads(r[10])
            entries.append((r[0], 0, r[2], TimelineEntry(r[0], "statement", r[3], *r[4:10], spans[0][0], spans[-1][1], *r[11:])))
    if not filters.speaker:
        where = where_dated_sentences(store.conn, filters)
        page = f"SELECT e.id FROM dated_sentences e WHERE {where.sql()} ORDER BY e.date, e.id LIMIT ?"
        sql = (
            "SELECT e.date, e.id, e.text, a.record_id, a.title, a.url, e.outlet, e.published, e.time_value, e.start, e.end"
            f" FROM ({page}) AS page JOIN dated_sentences e ON e.id = page.id JOIN articles a ON a.id = e.article ORDER BY e.date, e.id"
        )
        for r in store.conn.execute(sql, [*where.params, want]):
            entries.append((r[0], 1, r[1], TimelineEntry(r[0], "event", r[2], *r[3:11])))
    ordered = heapq.nsmallest(want, entries, key=lambda e: e[:3])
    return [e[3] for e in ordered[offset:want]]


# -- articles ---------------------------------------------------------------------------------

_ARTICLE_SUMMARY_COLUMNS = (
    "a.record_id, a.title, a.author, a.published, a.url, a.outlet, a.statement_count, o.record_id, a.ingested_at"
)


def articles(store: Store, filters: Filters | None = None, limit: int = 50, offset: int = 0, **by_name) -> list[ArticleSummary]:
    """Stored articles, newest publication first (then newest stored), undated last (newest stored first).

    Filters: since, until (publication date), outlet, about (title and text), copies (included by default).
    Reads the publication-date index in order, dated part then undated part, so a page costs
    its own rows rather than a sort of every matching article (0.2 s at 50,000 articles).
    """
    filters = _filters(filters, by_name, "articles", ARTICLE_FILTERS)
    # `about` written for a date-ordered page: many matches walk the date index, few drive the query.
    where = where_articles(store.conn, filters, for_page=True)
    base = f"SELECT {_ARTICLE_SUMMARY_COLUMNS} FROM articles a LEFT JOIN articles o ON o.id = a.near_duplicate_of WHERE "

    def part(extra_where: str, order: str):
        def run(lim: int, off: int) -> list[ArticleSummary]:
            sql = base + where.sql(extra_where) + f" ORDER BY {order} LIMIT ? OFFSET ?"
            return [ArticleSummary(*r) for r in store.conn.execute(sql, [*where.params, lim, off])]
        return run

    def count_dated() -> int:
        sql = f"SELECT count(*) FROM articles a WHERE {where.sql('a.published IS NOT NULL')}"
        return store.conn.execute(sql, where.params).fetchone()[0]

    return _dated_then_undated(
        part("a.published IS NOT NULL", "a.published DESC, a.id DESC"), part("a.published IS NULL", "a.id DESC"),
        count_dated, limit, offset,
    )


def count_articles(store: Store, filters: Filters | None = None, cap: int = COUNT_CAP, **by_name) -> int | None:
    """How many articles `articles()` pages through with the same filters; None above `cap`."""
    filters = _filters(filters, by_name, "articles", ARTICLE_FILTERS)
    where = where_articles(store.conn, filters, for_page=False)
    return _capped_count(store, f"SELECT 1 FROM articles a WHERE {where.sql()}", where.params, cap)


def article_people(store: Store, article_id: str) -> dict[str, int]:
    """statement id -> people.id for the statements of one article that have a named speaker (links to person pages)."""
    sql = (
        "SELECT s.statement_id, s.speaker_id FROM statements s JOIN articles a ON a.id = s.article"
        " WHERE a.record_id = ? AND s.speaker_id IS NOT NULL"
    )
    return {sid: pid for sid, pid in store.conn.execute(sql, (article_id,))}


def article(store: Store, article_id: str) -> StoredArticle | None:
    """The whole stored record of one article (by record id), with its sources and copies; None if absent."""
    row = store.conn.execute(
        "SELECT a.id, a.text, a.record, o.record_id, a.similarity FROM articles a"
        " LEFT JOIN articles o ON o.id = a.near_duplicate_of WHERE a.record_id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    pk, text, record_json, original, similarity = row
    stored = json.loads(record_json)
    record = {"id": stored.pop("id"), "text": text, **stored}
    sources = [
        Source(r[0] or None, r[1] or None, r[2], r[3])
        for r in store.conn.execute(
            "SELECT url, outlet, origin, published FROM article_sources WHERE article = ? ORDER BY added_at, url", (pk,)
        )
    ]
    copies = [r[0] for r in store.conn.execute("SELECT record_id FROM articles WHERE near_duplicate_of = ? ORDER BY id", (pk,))]
    return StoredArticle(record, sources, original, similarity, copies)


def failures(store: Store, limit: int = 100, offset: int = 0) -> list[Failure]:
    """Inputs that could not be stored (most recent first); an input stored later drops out."""
    return [
        Failure(*r)
        for r in store.conn.execute(
            "SELECT origin, reason, first_at, last_at, attempts FROM failures ORDER BY last_at DESC, id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
    ]


def stats(store: Store) -> Stats:
    """Counts for an overview page."""
    one = lambda sql: store.conn.execute(sql).fetchone()  # noqa: E731
    first, last = one("SELECT min(published), max(published) FROM articles")
    return Stats(
        articles=one("SELECT count(*) FROM articles")[0],
        statements=one(f"SELECT count(*) FROM statements s WHERE 1{_speech_only(False)}")[0],  # said or written
        people=one("SELECT count(*) FROM speakers WHERE statement_count > 0")[0],
        failures=one("SELECT count(*) FROM failures")[0],
        near_duplicates=one("SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL")[0],
        first_published=first,
        last_published=last,
    )
