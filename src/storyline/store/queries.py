"""Read-only queries over the archive, with typed results (dataclasses; `to_dict()` gives JSON).

Common arguments:
- `since`, `until`: inclusive dates, "YYYY-MM-DD" (or "YYYY-MM", "YYYY": their first day).
  Statements are dated by their own normalized time (statement.time -> times[].value), else by
  the article's publication date; articles by publication date.
- `outlet`: the outlet name (case-insensitive); an article matches if any source it came from has it.
- `copies`: include statements/articles that are near-duplicates (syndicated copies) of an
  article already stored; off by default so each statement is counted once.
- `limit`, `offset`: paging. Results come in a stable order.
- `cap`: the `count_*` functions that take it stop counting there and give None above it
  (counting further costs a scan of the whole archive on every page view).
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

_WORDS = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """User text -> a safe FTS5 query: every word required, "quoted phrases" kept as phrases (a quote
    left open runs to the end of the text)."""
    phrases = [" ".join(_WORDS.findall(p)) for p in re.findall(r'"([^"]*)(?:"|$)', text)]
    rest = re.sub(r'"[^"]*(?:"|$)', " ", text)
    terms = [f'"{p}"' for p in phrases if p] + [f'"{w}"' for w in _WORDS.findall(rest)]
    if not terms:
        raise ValueError(f"nothing to search for in {text!r}")
    return " ".join(terms)


def _prefix_query(text: str) -> str | None:
    """FTS5 query requiring every word of `text` as a word prefix ("bid" finds Biden); None without words."""
    words = _WORDS.findall(text)
    return " ".join(f'"{w}"*' for w in words) if words else None


def speaker_ids(store: Store, speaker: str) -> list[int]:
    """people.id of every speaker whose name and roles hold all the words of `speaker` (as word prefixes, any case)."""
    query = _prefix_query(speaker)
    if query is None:
        return []
    return [r[0] for r in store.conn.execute("SELECT rowid FROM people_fts WHERE people_fts MATCH ?", (query,))]


DENSE_MATCHES = 1_000  # above this many matching rows, page through the date order instead


def _about_clause(store: Store, fts: str, alias: str, about: str, params: list) -> str:
    """WHERE clause keeping rows whose words match `about`, written for the right plan.

    Few matches: look each one up and sort them (`id IN (...)` drives the query). Many: walk the
    date (or speaker) index in order and keep the rows that match (`+id` stops SQLite driving the
    query from the match list), which ends as soon as the page is full.
    """
    query = fts_query(about)
    count = store.conn.execute(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH ?", (query,)).fetchone()[0]
    params.append(query)
    plus = "+" if count > DENSE_MATCHES else ""
    return f"{plus}{alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)"


def _outlet_clause(alias: str, outlet: str | None, params: list) -> list[str]:
    if not outlet:
        return []
    params.append(outlet.strip())
    return [f"{alias}.article IN (SELECT article FROM article_sources WHERE outlet = ?)"]


def _article_filters(
    store: Store, since, until, outlet, about, copies, params: list, index_about: bool = True
) -> list[str]:
    """WHERE clauses on `a` (articles).

    `index_about`: write the `about` clause for the plan that suits a date-ordered page
    (`_about_clause`); off, it is a plain `a.id IN (matches)`, which suits a count.
    """
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
        if index_about:
            where.append(_about_clause(store, "articles_fts", "a", about, params))
        else:
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(fts_query(about))
    return where


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
        where.append(_about_clause(store, "statements_fts", "s", about, params))
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

    `speaker` matches named speakers whose name and roles hold all its words, as word prefixes,
    in any case ("biden", "joe bid", "press secretary"); `stance` is assert/deny/hedge; `kind` is
    direct/indirect/mixed; `about` is matched against the statement's words.
    """
    params: list = []
    where = _statement_filters(store, speaker, stance, about, since, until, outlet, kind, copies, params)
    if where is None:
        return []
    # Page on the statements alone (indexes only, for a speaker), then fetch the page's columns.
    page = f"SELECT s.id FROM statements s WHERE {' AND '.join(where) or '1'} ORDER BY s.date DESC, s.id DESC LIMIT ? OFFSET ?"
    sql = (
        f"SELECT {_STATEMENT_COLUMNS} FROM ({page}) AS page JOIN statements s ON s.id = page.id"
        " JOIN articles a ON a.id = s.article ORDER BY s.date DESC, s.id DESC"
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


COUNT_CAP = 10_000  # counting further costs a scan of the whole archive on every page view


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
    """`count_statements`, but None when there are more than `cap` (counting stops there)."""
    params: list = []
    where = _statement_filters(store, speaker, stance, about, since, until, outlet, kind, copies, params)
    if where is None:
        return 0
    sql = f"SELECT count(*) FROM (SELECT 1 FROM statements s WHERE {' AND '.join(where) or '1'} LIMIT ?)"
    n = store.conn.execute(sql, [*params, cap + 1]).fetchone()[0]
    return n if n <= cap else None


# -- people -----------------------------------------------------------------------------------

_PERSON_COLUMNS = "p.id, p.name, p.type, p.roles, p.statement_count, p.first_date, p.last_date"


def _person(row) -> Person:
    return Person(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6])


def _like(text: str) -> str:
    return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


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
        query = _prefix_query(name)
        if query is None:
            return []
        person_where.append("p.id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)")
        params.append(query)
    if not (since or until or outlet):
        sql = (
            f"SELECT {_PERSON_COLUMNS} FROM people p"
            f" WHERE p.statement_count > 0 {''.join(' AND ' + w for w in person_where)}"
            " ORDER BY p.statement_count DESC, p.name LIMIT ? OFFSET ?"
        )
    else:
        sql = _windowed_people_sql(person_where, since, until, outlet, params)
    return [_person(r) for r in store.conn.execute(sql, [*params, limit, offset])]


def _windowed_people_sql(person_where: list[str], since, until, outlet, params: list) -> str:
    """SQL for a page of people (most quoted first) counting only their statements in a date/outlet window.

    `person_where`: clauses on `p` whose parameters are already in `params`; the window's are added.
    The query ends in `LIMIT ? OFFSET ?`.
    """
    where = ["s.copy = 0", *person_where]
    if since:
        where.append("s.date >= ?")
        params.append(day(since))
    if until:
        where.append("s.date <= ?")
        params.append(day(until))
    where += _outlet_clause("s", outlet, params)
    return (
        "SELECT p.id, p.name, p.type, p.roles, count(*) AS n, min(s.date), max(s.date)"
        f" FROM statements s JOIN people p ON p.id = s.person WHERE {' AND '.join(where)}"
        " GROUP BY p.id ORDER BY n DESC, p.name LIMIT ? OFFSET ?"
    )


def _people_where(name: str | None, type_: str | None, params: list) -> list[str]:
    """WHERE clauses on `p` (people with statements): `name` as a substring of name or roles, `type_` exactly."""
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
    """`people`, plus a filter on the speaker's entity type (PERSON, ORG, ...).

    Without `type` this is `people`; with it, `name` is matched as a substring (any case) of the
    name or roles.
    """
    if type is None:
        return people(store, name=name, since=since, until=until, outlet=outlet, limit=limit, offset=offset)
    params: list = []
    where = _people_where(name, type, params)
    if not (since or until or outlet):
        sql = (
            f"SELECT {_PERSON_COLUMNS} FROM people p WHERE {' AND '.join(where)}"
            " ORDER BY p.statement_count DESC, p.name LIMIT ? OFFSET ?"
        )
    else:
        sql = _windowed_people_sql(where, since, until, outlet, params)
    return [_person(r) for r in store.conn.execute(sql, [*params, limit, offset])]


def count_speakers(store: Store, name: str | None = None, type: str | None = None, cap: int = COUNT_CAP) -> int | None:
    """How many speakers `speakers()` pages through without a date/outlet window; None above `cap`."""
    params: list = []
    where = _people_where(name, type, params)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM people p WHERE {' AND '.join(where)} LIMIT ?)"
    n = store.conn.execute(sql, [*params, cap + 1]).fetchone()[0]
    return n if n <= cap else None


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
    base = f"SELECT {_STATEMENT_COLUMNS} FROM statements s JOIN articles a ON a.id = s.article WHERE s.person = ?{copy}"

    def part(extra_where: str, order: str):
        def run(lim: int, off: int) -> list[StatementHit]:
            sql = base + f" AND {extra_where} ORDER BY {order} LIMIT ? OFFSET ?"
            return [_statement(r) for r in store.conn.execute(sql, (person_id, lim, off))]
        return run

    def count_dated() -> int:
        sql = f"SELECT count(*) FROM statements s WHERE s.person = ? AND s.date IS NOT NULL{copy}"
        return store.conn.execute(sql, (person_id,)).fetchone()[0]

    return _dated_then_undated(
        part("s.date IS NOT NULL", "s.date, s.id"), part("s.date IS NULL", "s.id"), count_dated, limit, offset
    )


def count_person_statements(store: Store, person_id: int, copies: bool = False) -> int:
    """How many statements `person_statements()` pages through (0 for an unknown id)."""
    if not copies:  # the store keeps this count (statements that are not copies) on the person
        row = store.conn.execute("SELECT statement_count FROM people WHERE id = ?", (person_id,)).fetchone()
        return row[0] if row else 0
    return store.conn.execute("SELECT count(*) FROM statements WHERE person = ?", (person_id,)).fetchone()[0]


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
        snippets = _highlights(store, "statements_fts", "highlight(statements_fts, 0, ?, ?)", query, [r[0] for r in rows], highlight)
        for rowid, score, row in rows:
            hits.append(SearchHit("statement", score, *row[:6], snippets.get(rowid, ""), *row[6:]))
    if scope in ("all", "articles"):
        params = []
        where = _article_filters(store, since, until, outlet, None, copies, params)
        rows = _ranked(store, "articles_fts", "bm25(articles_fts, 5.0, 1.0)", query, want,
                       "SELECT a.id, a.record_id, a.title, a.url, a.outlet, a.published, a.published FROM articles a", "a.id", where, params)
        snippets = _highlights(store, "articles_fts", "snippet(articles_fts, -1, ?, ?, '…', 24)", query, [r[0] for r in rows], highlight)
        for rowid, score, row in rows:
            hits.append(SearchHit("article", score, *row, snippets.get(rowid, "")))
    hits.sort(key=lambda h: h.score)
    return hits[offset:want]


SEARCH_WINDOW = 5_000  # matches ranked per kind: the most recently stored ones when there are more
SEARCH_FIRST = 50  # best-ranked matches joined and filtered first, at least
SEARCH_OVERFETCH = 3  # ranked matches per wanted hit, for the filters to reject


def _ranked(store: Store, fts: str, rank: str, query: str, want: int, select: str, key: str, where: list[str], params: list):
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
        rows = store.conn.execute(f"{select} WHERE {' AND '.join([f'{key} IN ({ids})', *where])}", params).fetchall()
        found += sorted(((r[0], scores[r[0]], r[1:]) for r in rows), key=lambda x: (x[1], x[0]))
        k *= 8
    if len(found) >= want or complete or not where:
        return found[:want]
    # Selective filters and more matches than the window: rank only what passes the filters.
    rows = store.conn.execute(
        f"SELECT f.*, {rank} AS score FROM {fts} JOIN ({select} WHERE {' AND '.join(where)}) AS f ON f.id = {fts}.rowid"
        f" WHERE {fts} MATCH ? ORDER BY score LIMIT ?",
        [*params, query, want],
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
        page = f"SELECT s.id FROM statements s WHERE {' AND '.join(where + ['s.date IS NOT NULL'])} ORDER BY s.date, s.id LIMIT ?"
        sql = (
            "SELECT s.date, 0, s.id, s.content, a.record_id, a.title, a.url, s.outlet, s.published, s.time_value, s.spans,"
            f" s.speaker, s.stance, s.kind, s.statement_id FROM ({page}) AS page JOIN statements s ON s.id = page.id"
            " JOIN articles a ON a.id = s.article ORDER BY s.date, s.id"
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
            where.append(_about_clause(store, "events_fts", "e", about, params))
        page = f"SELECT e.id FROM events e WHERE {' AND '.join(where) or '1'} ORDER BY e.date, e.id LIMIT ?"
        sql = (
            "SELECT e.date, e.id, e.text, a.record_id, a.title, a.url, e.outlet, e.published, e.time_value, e.start, e.end"
            f" FROM ({page}) AS page JOIN events e ON e.id = page.id JOIN articles a ON a.id = e.article ORDER BY e.date, e.id"
        )
        for r in store.conn.execute(sql, [*params, want]):
            entries.append((r[0], 1, r[1], TimelineEntry(r[0], "event", r[2], *r[3:11])))
    ordered = heapq.nsmallest(want, entries, key=lambda e: e[:3])
    return [e[3] for e in ordered[offset:want]]


# -- articles ---------------------------------------------------------------------------------

_ARTICLE_SUMMARY_COLUMNS = (
    "a.record_id, a.title, a.author, a.published, a.url, a.outlet, a.statement_count, o.record_id, a.ingested_at"
)


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
    """Stored articles, newest publication first (then newest stored), undated last (newest stored first).

    Reads the publication-date index in order, dated part then undated part, so a page costs
    its own rows rather than a sort of every matching article (0.2 s at 50,000 articles).
    """
    params: list = []
    # `about` written for a date-ordered page: many matches walk the date index, few drive the query.
    where = _article_filters(store, since, until, outlet, about, copies, params, index_about=True)
    base = f"SELECT {_ARTICLE_SUMMARY_COLUMNS} FROM articles a LEFT JOIN articles o ON o.id = a.near_duplicate_of WHERE "

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


def count_articles(store: Store, since: str | None = None, until: str | None = None, outlet: str | None = None,
                   about: str | None = None, copies: bool = True, cap: int = COUNT_CAP) -> int | None:
    """How many articles `articles()` pages through with the same filters; None above `cap`."""
    params: list = []
    where = _article_filters(store, since, until, outlet, about, copies, params, index_about=False)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {' AND '.join(where) or '1'} LIMIT ?)"
    n = store.conn.execute(sql, [*params, cap + 1]).fetchone()[0]
    return n if n <= cap else None


def _stored_id(store: Store, article_id: str) -> str:
    """The record id stored for `article_id`: itself, or the article an exact duplicate under that id repeats."""
    row = store.conn.execute(
        "SELECT a.record_id FROM article_aliases x JOIN articles a ON a.id = x.article WHERE x.record_id = ?"
        " AND NOT EXISTS (SELECT 1 FROM articles WHERE record_id = ?)", (article_id, article_id)).fetchone()
    return row[0] if row else article_id


def article_people(store: Store, article_id: str) -> dict[str, int]:
    """`person_key(name)` -> people.id for the named speakers of one article (links to person pages)."""
    article_id = _stored_id(store, article_id)
    sql = (
        "SELECT DISTINCT p.key, p.id FROM statements s JOIN articles a ON a.id = s.article JOIN people p ON p.id = s.person"
        " WHERE a.record_id = ?"
    )
    return {key: pid for key, pid in store.conn.execute(sql, (article_id,))}


def article(store: Store, article_id: str) -> StoredArticle | None:
    """The whole stored record of one article (by record id, or an id an exact duplicate of it came
    under), with its sources and copies; None if absent."""
    article_id = _stored_id(store, article_id)
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
