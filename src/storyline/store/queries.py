"""Read-only queries over the archive, with typed results (dataclasses; `to_dict()` gives JSON).

Common arguments:
- `since`, `until`: inclusive dates, "YYYY-MM-DD" (or "YYYY-MM", "YYYY": their first day).
  Statements are dated by their own normalized time (statement.time -> times[].value), else by
  the article's publication date; articles by publication date.
- `outlet`: the outlet name (case-insensitive); an article matches if any source it came from has it.
- `copies`: include statements/articles that are near-duplicates (syndicated copies) of an
  article already stored; off by default so each statement is counted once.
- `limit`, `offset`: paging. Results come in a stable order.
Text arguments (`about`, `search` text) are words matched by SQLite FTS5 (stemmed, case-insensitive,
all words must occur); "double quotes" make a phrase.
"""
from __future__ import annotations

import heapq
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Literal

from storyline.store.dates import day
from storyline.store.store import Store

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
    kind: Literal["statement", "event"]  # event: a sentence anchored to a date by a time expression
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

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ArticleSummary:
    article_id: str
    title: str | None
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

_WORDS = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """User text -> a safe FTS5 query: every word required, "quoted phrases" kept as phrases."""
    phrases = [" ".join(_WORDS.findall(p)) for p in re.findall(r'"([^"]*)"', text)]
    rest = re.sub(r'"[^"]*"?', " ", text)
    terms = [f'"{p}"' for p in phrases if p] + [f'"{w}"' for w in _WORDS.findall(rest)]
    if not terms:
        raise ValueError(f"nothing to search for in {text!r}")
    return " ".join(terms)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def speaker_ids(store: Store, speaker: str) -> list[int]:
    """people.id of every speaker whose name or a role contains `speaker` (case-insensitive)."""
    pattern = _like(speaker.strip())
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT id FROM people WHERE name LIKE ? ESCAPE '\\' OR roles LIKE ? ESCAPE '\\'", (pattern, pattern)
        )
    ]


def _outlet_clause(alias: str, outlet: str | None, params: list) -> list[str]:
    if not outlet:
        return []
    params.append(outlet.strip())
    return [f"{alias}.article IN (SELECT article FROM article_sources WHERE outlet = ?)"]


# -- statements -------------------------------------------------------------------------------

_STATEMENT_COLUMNS = (
    "a.record_id, s.statement_id, s.speaker, s.person, s.role, s.kind, s.stance, s.content, s.spans, s.cue,"
    " s.date, s.time_value, s.published, s.outlet, a.title, a.url, s.copy"
)


def _statement(row) -> StatementHit:
    return StatementHit(*row[:8], json.loads(row[8]), *row[9:16], bool(row[16]))


def _statement_filters(
    store: Store, speaker, stance, about, since, until, outlet, kind, copies, params: list
) -> list[str] | None:
    """WHERE clauses on `s` (statements); None when the speaker matches nobody."""
    where = []
    if not copies:
        where.append("s.copy = 0")
    if speaker:
        ids = speaker_ids(store, speaker)
        if not ids:
            return None
        where.append(f"s.person IN ({','.join(str(i) for i in ids)})")
    if stance:
        where.append("s.stance = ?")
        params.append(stance)
    if kind:
        where.append("s.kind = ?")
        params.append(kind)
    if since:
        where.append("s.date >= ?")
        params.append(day(since))
    if until:
        where.append("s.date <= ?")
        params.append(day(until))
    where += _outlet_clause("s", outlet, params)
    if about:
        where.append("s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)")
        params.append(fts_query(about))
    return where


def statements(
    store: Store,
    speaker: str | None = None,
    stance: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
    copies: bool = False,
) -> list[StatementHit]:
    """Statements, newest first (by statement date, then storage order).

    `speaker` matches a named speaker's name or any of their roles, case-insensitively, as a
    substring ("biden", "press secretary"); `stance` is assert/deny/hedge; `kind` is
    direct/indirect/mixed; `about` is matched against the statement's words.
    """
    params: list = []
    where = _statement_filters(store, speaker, stance, about, since, until, outlet, kind, copies, params)
    if where is None:
        return []
    sql = (
        f"SELECT {_STATEMENT_COLUMNS} FROM statements s JOIN articles a ON a.id = s.article"
        f" WHERE {' AND '.join(where) or '1'} ORDER BY s.date DESC, s.id DESC LIMIT ? OFFSET ?"
    )
    return [_statement(r) for r in store.conn.execute(sql, [*params, limit, offset])]


def count_statements(
    store: Store,
    speaker: str | None = None,
    stance: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    copies: bool = False,
) -> int:
    """How many statements `statements()` would page through with the same filters."""
    params: list = []
    where = _statement_filters(store, speaker, stance, about, since, until, outlet, kind, copies, params)
    if where is None:
        return 0
    return store.conn.execute(f"SELECT count(*) FROM statements s WHERE {' AND '.join(where) or '1'}", params).fetchone()[0]


# -- people -----------------------------------------------------------------------------------


def people(
    store: Store,
    name: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Person]:
    """Named speakers with their statement counts and first/last statement dates, most quoted first.

    `name` matches name or role as in `statements(speaker=...)`. With `since`/`until`/`outlet`,
    counts and dates cover only the statements in that window/outlet (people with none are left out).
    """
    params: list = []
    person_where = []
    if name:
        person_where.append("(p.name LIKE ? ESCAPE '\\' OR p.roles LIKE ? ESCAPE '\\')")
        params += [_like(name.strip())] * 2
    if not (since or until or outlet):
        sql = (
            "SELECT p.id, p.name, p.type, p.roles, p.statement_count, p.first_date, p.last_date FROM people p"
            f" WHERE p.statement_count > 0 {''.join(' AND ' + w for w in person_where)}"
            " ORDER BY p.statement_count DESC, p.name LIMIT ? OFFSET ?"
        )
    else:
        where = ["s.copy = 0"] + person_where
        if since:
            where.append("s.date >= ?")
            params.append(day(since))
        if until:
            where.append("s.date <= ?")
            params.append(day(until))
        where += _outlet_clause("s", outlet, params)
        sql = (
            "SELECT p.id, p.name, p.type, p.roles, count(*) AS n, min(s.date), max(s.date)"
            f" FROM statements s JOIN people p ON p.id = s.person WHERE {' AND '.join(where)}"
            " GROUP BY p.id ORDER BY n DESC, p.name LIMIT ? OFFSET ?"
        )
    return [
        Person(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6])
        for r in store.conn.execute(sql, [*params, limit, offset])
    ]


# -- search -----------------------------------------------------------------------------------


def search(
    store: Store,
    text: str,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    limit: int = 20,
    offset: int = 0,
    scope: Literal["all", "articles", "statements"] = "all",
    highlight: tuple[str, str] = ("[", "]"),
    copies: bool = False,
) -> list[SearchHit]:
    """Full-text search over articles (title and text) and statements (words and speaker), best first.

    Ranked by FTS5 bm25 within each kind; the two kinds are merged by score.
    """
    query = fts_query(text)
    want = offset + limit
    hits: list[SearchHit] = []
    if scope in ("all", "statements"):
        params: list = []
        where = [] if copies else ["s.copy = 0"]
        if since:
            where.append("s.date >= ?")
            params.append(day(since))
        if until:
            where.append("s.date <= ?")
            params.append(day(until))
        where += _outlet_clause("s", outlet, params)
        columns = "a.record_id, a.title, a.url, s.outlet, s.published, s.date, s.statement_id, s.speaker, s.stance, s.kind"
        rows = _ranked(store, "statements_fts", "bm25(statements_fts)", query, want,
                       f"SELECT s.id, {columns} FROM statements s JOIN articles a ON a.id = s.article", "s.id", where, params)
        for rowid, score, row in rows:
            snippet = _highlight(store, "statements_fts", "highlight(statements_fts, 0, ?, ?)", query, rowid, highlight)
            hits.append(SearchHit("statement", score, *row[:6], snippet, *row[6:]))
    if scope in ("all", "articles"):
        params = []
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
        rows = _ranked(store, "articles_fts", "bm25(articles_fts, 5.0, 1.0)", query, want,
                       "SELECT a.id, a.record_id, a.title, a.url, a.outlet, a.published, a.published FROM articles a", "a.id", where, params)
        for rowid, score, row in rows:
            snippet = _highlight(store, "articles_fts", "snippet(articles_fts, -1, ?, ?, '…', 24)", query, rowid, highlight)
            hits.append(SearchHit("article", score, *row, snippet))
    hits.sort(key=lambda h: h.score)
    return hits[offset:want]


SEARCH_FIRST = 50  # matches ranked by the index before filtering, at least
SEARCH_MAX = 20_000  # beyond this many, filter first and rank what passes
SEARCH_OVERFETCH = 3  # ranked matches per wanted hit, for the filters to reject


def _ranked(store: Store, fts: str, rank: str, query: str, want: int, select: str, key: str, where: list[str], params: list):
    """The `want` best (rowid, score, row) for an FTS query under filters.

    The index ranks matches on its own first (cheap: no table lookups), then only the best few
    are joined and filtered; when filters reject too many, ask the index for more, and past a
    point fall back to filtering every match.
    """
    k = max(SEARCH_FIRST, want * SEARCH_OVERFETCH)
    while True:
        top = store.conn.execute(f"SELECT rowid, {rank} AS score FROM {fts} WHERE {fts} MATCH ? ORDER BY score LIMIT ?", (query, k)).fetchall()
        exhausted = len(top) < k
        if not top:
            return []
        scores = dict(top)
        ids = ",".join(str(rowid) for rowid, _ in top)
        rows = store.conn.execute(f"{select} WHERE {' AND '.join([f'{key} IN ({ids})', *where])}", params).fetchall()
        if len(rows) >= want or exhausted:
            ranked = sorted(((r[0], scores[r[0]], r[1:]) for r in rows), key=lambda x: (x[1], x[0]))
            return ranked[:want]
        if k >= SEARCH_MAX:
            break
        k *= 8
    # Very selective filters: rank only what passes them.
    rows = store.conn.execute(
        f"SELECT f.*, {rank} AS score FROM {fts} JOIN ({select} WHERE {' AND '.join(where) or '1'}) AS f ON f.id = {fts}.rowid"
        f" WHERE {fts} MATCH ? ORDER BY score LIMIT ?",
        [*params, query, want],
    ).fetchall()
    return [(r[0], r[-1], r[1:-1]) for r in rows]


def _highlight(store: Store, fts: str, function: str, query: str, rowid: int, markers: tuple[str, str]) -> str:
    row = store.conn.execute(f"SELECT {function} FROM {fts} WHERE {fts} MATCH ? AND rowid = ?", (*markers, query, rowid)).fetchone()
    return row[0] if row else ""


# -- timeline ---------------------------------------------------------------------------------


def timeline(
    store: Store,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    limit: int = 100,
    offset: int = 0,
    copies: bool = False,
) -> list[TimelineEntry]:
    """Statements and time-anchored sentences in calendar order (oldest first).

    A statement is placed at its own normalized time, else at its article's publication date;
    an event sentence at the date its time expression names. With `speaker`, only that speaker's
    statements; with `about`, only entries whose words match.
    """
    want = offset + limit
    params: list = []
    where = _statement_filters(store, speaker, None, about, since, until, outlet, None, copies, params)
    entries: list[tuple] = []
    if where is not None:
        sql = (
            "SELECT s.date, 0, s.id, s.content, a.record_id, a.title, a.url, s.outlet, s.published, s.time_value, s.spans,"
            " s.speaker, s.stance, s.kind, s.statement_id FROM statements s JOIN articles a ON a.id = s.article"
            f" WHERE {' AND '.join(where + ['s.date IS NOT NULL'])} ORDER BY s.date, s.id LIMIT ?"
        )
        for r in store.conn.execute(sql, [*params, want]):
            spans = json.loads(r[10])
            entries.append((r[0], 0, r[2], TimelineEntry(r[0], "statement", r[3], *r[4:10], spans[0][0], spans[-1][1], *r[11:])))
    if not speaker:
        params = []
        where = [] if copies else ["e.copy = 0"]
        if since:
            where.append("e.date >= ?")
            params.append(day(since))
        if until:
            where.append("e.date <= ?")
            params.append(day(until))
        where += _outlet_clause("e", outlet, params)
        if about:
            where.append("e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            params.append(fts_query(about))
        sql = (
            "SELECT e.date, e.id, e.text, a.record_id, a.title, a.url, e.outlet, e.published, e.time_value, e.start, e.end"
            f" FROM events e JOIN articles a ON a.id = e.article WHERE {' AND '.join(where) or '1'}"
            " ORDER BY e.date, e.id LIMIT ?"
        )
        for r in store.conn.execute(sql, [*params, want]):
            entries.append((r[0], 1, r[1], TimelineEntry(r[0], "event", r[2], *r[3:11])))
    ordered = heapq.nsmallest(want, entries, key=lambda e: e[:3])
    return [e[3] for e in ordered[offset:want]]


# -- articles ---------------------------------------------------------------------------------


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
    """Stored articles, newest publication first (undated last)."""
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
        params.append(fts_query(about))
    sql = (
        "SELECT a.record_id, a.title, a.published, a.url, a.outlet, a.statement_count, o.record_id, a.ingested_at"
        " FROM articles a LEFT JOIN articles o ON o.id = a.near_duplicate_of"
        f" WHERE {' AND '.join(where) or '1'} ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ? OFFSET ?"
    )
    return [ArticleSummary(*r) for r in store.conn.execute(sql, [*params, limit, offset])]


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
        statements=one("SELECT count(*) FROM statements")[0],
        people=one("SELECT count(*) FROM people WHERE statement_count > 0")[0],
        failures=one("SELECT count(*) FROM failures")[0],
        near_duplicates=one("SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL")[0],
        first_published=first,
        last_published=last,
    )
