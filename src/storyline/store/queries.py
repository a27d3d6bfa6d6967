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

from storyline.store.filters import Filters, Where, fts_query, prefix_query, where_articles, where_dated_sentences, where_speakers, where_statements
from storyline.store.store import Store

__all__ = ["Filters", "fts_query"]  # and every public function below

# -- result types ---------------------------------------------------------------------------


@dataclass(slots=True)
class StatementHit:
    article_id: str
    statement_id: str
    speaker: str | None  # speaker name, else the source text ("a spokesman")
    speaker_id: int | None  # speakers.id of a named speaker
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
        return {**asdict(self), "person_id": self.speaker_id}  # `person_id`: the former name, written one more release


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
    speakers: int  # named speakers with a statement
    failures: int
    near_duplicates: int
    first_published: str | None
    last_published: str | None

    def to_dict(self) -> dict:
        return {**asdict(self), "people": self.speakers}  # `people`: the former name, written one more release


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
    """One speaker by `people.id`; None when there is none or nothing stored is theirs. A speaker with
    only beliefs, intentions or actions (`statement_count` 0: it counts say/write) is still one: pages
    listing every act link to them."""
    row = store.conn.execute(
        f"SELECT {_PERSON_COLUMNS} FROM speakers p WHERE p.id = ?"
        " AND (p.statement_count > 0 OR EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = p.id))", (person_id,)
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


# -- identities: one person (or organisation) across the archive --------------------------------


@dataclass(slots=True)
class RoleSpan:
    role: str  # a title or description of the person, as written
    first_date: str | None  # the dates of the first and last article that gives it
    last_date: str | None
    articles: list[str]  # record ids of articles that give it (the first 20)


@dataclass(slots=True)
class PersonIdentity:
    id: int  # identities.id: the `person` of exported entities
    name: str  # the fullest name seen
    type: str  # PERSON or ORG
    aliases: list[str]  # every name it goes by, as written
    roles: list[RoleSpan]  # oldest first
    statements: int  # statements it is the speaker of (not counting syndicated copies)
    mentions: int  # entities linked to it (one per article)
    first_date: str | None  # first and last seen (article dates)
    last_date: str | None

    def to_dict(self) -> dict:
        return asdict(self)


_IDENTITY_COLUMNS = (
    "p.id, p.name, p.type, p.aliases, p.roles, (SELECT count(*) FROM identity_statements i JOIN statements s"
    " ON s.id = i.statement WHERE i.identity = p.id AND s.copy = 0" + _speech_only(False) + ") AS n,"
    " p.mention_count, p.first_date, p.last_date"
)


def _identity(row) -> PersonIdentity:
    roles = sorted((RoleSpan(r[0], r[1], r[2], list(r[3])) for r in json.loads(row[4])), key=lambda r: (r.first_date or "9999", r.role))
    return PersonIdentity(row[0], row[1], row[2], json.loads(row[3]), roles, row[5], row[6], row[7], row[8])


def _identity_where(name: str | None, type_: str | None) -> tuple[str, list] | None:
    clauses, params = [], []
    if name:
        query = prefix_query(name)
        if query is None:
            return None
        clauses.append("p.id IN (SELECT rowid FROM identities_fts WHERE identities_fts MATCH ?)")
        params.append(query)
    if type_:
        clauses.append("p.type = ?")
        params.append(type_.upper())
    return " AND ".join(clauses) or "1", params


def identities(store: Store, name: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0) -> list[PersonIdentity]:
    """Identities (people and organisations across the archive), most quoted first, then most mentioned.

    `name`: words of any of its names, as word prefixes, any case. `type`: PERSON or ORG.
    """
    where = _identity_where(name, type)
    if where is None:
        return []
    sql = f"SELECT {_IDENTITY_COLUMNS} FROM identities p WHERE {where[0]} ORDER BY n DESC, p.mention_count DESC, p.id LIMIT ? OFFSET ?"
    return [_identity(r) for r in store.conn.execute(sql, [*where[1], limit, offset])]


def identity(store: Store, identity_id: int) -> PersonIdentity | None:
    """One identity by id; None when there is none."""
    row = store.conn.execute(f"SELECT {_IDENTITY_COLUMNS} FROM identities p WHERE p.id = ?", (identity_id,)).fetchone()
    return _identity(row) if row else None


def identity_statements(store: Store, identity_id: int, limit: int = 100, offset: int = 0, copies: bool = False,
                        every_act: bool = False) -> list[StatementHit]:
    """What one identity said or wrote (every act with `every_act`), under any of its names, oldest first (undated last)."""
    copy = ("" if copies else " AND s.copy = 0") + _speech_only(every_act)
    sql = (
        f"SELECT {_STATEMENT_COLUMNS} FROM identity_statements i JOIN statements s ON s.id = i.statement"
        f" JOIN articles a ON a.id = s.article WHERE i.identity = ?{copy}"
        " ORDER BY s.date IS NULL, s.date, s.id LIMIT ? OFFSET ?"
    )
    return [_statement(r) for r in store.conn.execute(sql, (identity_id, limit, offset))]


def speaker_identity(store: Store, speaker_id: int) -> int | None:
    """The identity most of one speaker's statements are linked to (for a speaker's page to show the person's)."""
    row = store.conn.execute(
        "SELECT i.identity FROM statements s JOIN identity_statements i ON i.statement = s.id WHERE s.speaker_id = ?"
        " GROUP BY i.identity ORDER BY count(*) DESC, i.identity LIMIT 1",
        (speaker_id,),
    ).fetchone()
    return row[0] if row else None


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


# -- timeline summary input -------------------------------------------------------------------

SUMMARY_ARTICLES = 5000  # most articles one summary reads (the newest matching): a summary stays seconds, not minutes


def timeline_records(store: Store, filters: Filters | None = None, article_ids: list[str] | None = None,
                     cap: int = SUMMARY_ARTICLES, **by_name) -> list[dict]:
    """The stored records a timeline summary reads (text, published, outlet, times), newest first.

    Filters: since, until (publication date), outlet, about (title and text), copies (left out by
    default: a syndicated copy is no new evidence for a date). `article_ids`: only these records (a story's).
    """
    filters = _filters(filters, by_name, "timeline summary", ARTICLE_FILTERS)
    where = where_articles(store.conn, filters, for_page=False, copies=False)
    if where.empty:
        return []
    if article_ids is not None:
        where.add(f"a.record_id IN ({','.join('?' * len(article_ids)) or 'NULL'})", *article_ids)
    sql = f"SELECT a.record_id, a.text, a.record, a.published, a.outlet FROM articles a WHERE {where.sql()} ORDER BY a.published DESC, a.id DESC LIMIT ?"
    records = []
    for record_id, text, record_json, published, outlet in store.conn.execute(sql, [*where.params, cap]):
        record = json.loads(record_json)
        record.update(id=record_id, text=text, published=published, outlet=outlet)
        records.append(record)
    return records


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


def _stored_id(store: Store, article_id: str) -> str:
    """The record id stored for `article_id`: itself, or the article an exact duplicate under that id repeats."""
    row = store.conn.execute(
        "SELECT a.record_id FROM article_aliases x JOIN articles a ON a.id = x.article WHERE x.record_id = ?"
        " AND NOT EXISTS (SELECT 1 FROM articles WHERE record_id = ?)", (article_id, article_id)).fetchone()
    return row[0] if row else article_id


def article_people(store: Store, article_id: str) -> dict[str, int]:
    """statement id -> people.id for the statements of one article that have a named speaker (links to person pages)."""
    article_id = _stored_id(store, article_id)
    sql = (
        "SELECT s.statement_id, s.speaker_id FROM statements s JOIN articles a ON a.id = s.article"
        " WHERE a.record_id = ? AND s.speaker_id IS NOT NULL"
    )
    return {sid: pid for sid, pid in store.conn.execute(sql, (article_id,))}


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
        statements=one(f"SELECT count(*) FROM statements s WHERE 1{_speech_only(False)}")[0],  # said or written
        speakers=one("SELECT count(*) FROM speakers WHERE statement_count > 0")[0],
        failures=one("SELECT count(*) FROM failures")[0],
        near_duplicates=one("SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL")[0],
        first_published=first,
        last_published=last,
    )


# -- stories (derived by the link stage: storyline.link.stories) ------------------------------

STORY_FILTERS = ("since", "until", "outlet", "about")


@dataclass(slots=True)
class StorySummary:
    id: int
    title: str | None  # the representative headline
    first: str | None  # first and last publication date of its articles
    last: str | None
    outlets: list[str]
    article_count: int
    articles: list[str] = field(default_factory=list)  # record ids, in order of arrival

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class StoryArticleRow:
    article_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    copy: bool


@dataclass(slots=True)
class StorySpeaker:
    name: str
    speaker_id: int | None
    statements: int

    def to_dict(self) -> dict:
        return {**asdict(self), "person_id": self.speaker_id}  # `person_id`: the former name, written one more release


@dataclass(slots=True)
class StoryDetail:
    story: StorySummary
    articles: list[StoryArticleRow]  # by date (undated last), then arrival
    speakers: list[StorySpeaker]  # the main speakers, most statements first
    statements: list[StatementHit]  # in date order (undated last)

    def to_dict(self) -> dict:
        speakers = [s.to_dict() for s in self.speakers]
        return {"story": self.story.to_dict(), "articles": [asdict(a) for a in self.articles], "speakers": speakers,
                "people": speakers,  # the former name, written one more release
                "statements": [s.to_dict() for s in self.statements]}


def _where_stories(conn, filters: Filters) -> Where:
    """Clauses on `t` (stories): a story matches a date range it overlaps, an outlet or words one of its articles has."""
    where = Where()
    if filters.since:
        where.add("t.last_date >= ?", filters.since)
    if filters.until:
        where.add("t.first_date <= ?", filters.until)
    if filters.outlet:
        where.add("t.id IN (SELECT sa.story FROM story_articles sa JOIN article_sources src ON src.article = sa.article WHERE src.outlet = ?)",
                  filters.outlet)
    if filters.about:
        where.add("t.id IN (SELECT sa.story FROM story_articles sa WHERE sa.article IN"
                  " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))", fts_query(filters.about))
    return where


def _story_articles(store: Store, story_id: int) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT a.record_id FROM story_articles sa JOIN articles a ON a.id = sa.article WHERE sa.story = ? ORDER BY sa.article", (story_id,))]


def stories(store: Store, filters: Filters | None = None, limit: int = 50, offset: int = 0, **by_name) -> list[StorySummary]:
    """Stories, the ones that moved most recently first (by last date, then the last article stored), undated last.

    Filters: since, until (the story's first-to-last dates overlap them), outlet, about (words of its articles).
    """
    filters = _filters(filters, by_name, "stories", STORY_FILTERS)
    where = _where_stories(store.conn, filters)
    sql = (f"SELECT t.id, t.title, t.first_date, t.last_date, t.outlets, t.article_count FROM stories t WHERE {where.sql()}"
           " ORDER BY t.last_date IS NULL, t.last_date DESC, t.moved DESC LIMIT ? OFFSET ?")
    rows = store.conn.execute(sql, [*where.params, limit, offset]).fetchall()
    return [StorySummary(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], _story_articles(store, r[0])) for r in rows]


def count_stories(store: Store, filters: Filters | None = None, cap: int = COUNT_CAP, **by_name) -> int | None:
    """How many stories `stories()` pages through with the same filters; None above `cap`."""
    filters = _filters(filters, by_name, "stories", STORY_FILTERS)
    where = _where_stories(store.conn, filters)
    return _capped_count(store, f"SELECT 1 FROM stories t WHERE {where.sql()}", where.params, cap)


def story_article_ids(store: Store, story_id: int | str) -> list[str] | None:
    """The record ids of a story's articles, in the order they were stored; None for no such story."""
    try:
        story_id = int(story_id)
    except ValueError:
        return None
    if store.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
        return None
    return [r[0] for r in store.conn.execute(
        "SELECT a.record_id FROM story_articles sa JOIN articles a ON a.id = sa.article WHERE sa.story = ? ORDER BY a.id",
        (story_id,))]


def story(store: Store, story_id: int, statement_limit: int = 1000) -> StoryDetail | None:
    """One story: its articles by date and outlet, its main speakers, and who said what in date order."""
    row = store.conn.execute(
        "SELECT id, title, first_date, last_date, outlets, article_count FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    summary = StorySummary(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5], _story_articles(store, story_id))
    articles_ = [StoryArticleRow(r[0], r[1], r[2], r[3], r[4], r[5] is not None) for r in store.conn.execute(
        "SELECT a.record_id, a.title, a.published, a.outlet, a.url, a.near_duplicate_of FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article WHERE sa.story = ? ORDER BY a.published IS NULL, a.published, a.outlet, a.id",
        (story_id,))]
    hits = [_statement(r) for r in store.conn.execute(
        f"SELECT {_STATEMENT_COLUMNS} FROM story_articles sa JOIN statements s ON s.article = sa.article"
        " JOIN articles a ON a.id = s.article WHERE sa.story = ? AND s.copy = 0"
        " ORDER BY s.date IS NULL, s.date, s.id LIMIT ?", (story_id, statement_limit))]
    counts: dict[tuple[str, int | None], int] = {}
    for hit in hits:
        if hit.speaker_id is not None or hit.speaker:
            key = (hit.speaker or "", hit.speaker_id)
            counts[key] = counts.get(key, 0) + 1
    speakers = [StorySpeaker(name, pid, n) for (name, pid), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
                if pid is not None][:10]
    return StoryDetail(summary, articles_, speakers, hits)
