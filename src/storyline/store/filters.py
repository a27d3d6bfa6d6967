"""`Filters`: every filter the read layer knows, in one place, and the SQL each one means.

Queries, export, the API, the pages and the CLI all build one `Filters` and hand it on, so a
filter means the same thing everywhere, and a list and its count always use the same predicate
(one `where_*` function writes both).

- `since`, `until`: inclusive dates, "YYYY-MM-DD", "YYYY-MM" or "YYYY" (`since` from the first day of
  that month or year, `until` to its last: `--since 2016-05 --until 2016-05` is all of May). A
  range that ends before it starts is an error (ValueError), the same in the CLI, API and pages.
  Statements are dated by their own normalized time, else by the publication date; articles by
  publication date. A statement dated by a month or a year ("in October", "1963") is that whole
  period: it matches every range that overlaps it, not only one holding its first day.
- `outlet`: the outlet name (any case); an article matches if any source it came from has it.
- `about`: words that must all occur (SQLite FTS5: stemmed, any case; "double quotes" make a phrase).
- `speaker`: every word of it is a word prefix of the speaker's name, or of a name of the identity
  the speaker is (its aliases), any case ("biden", "joe bid"). Roles are not names: "press sec"
  finds nobody (a role may even hold another person's name, "Trump's running mate").
- `stance`: assert / deny / hedge. `kind`: direct / indirect / mixed. `type`: the speaker's entity
  type (PERSON, ORG, GPE, LOC, NORP).
- `act`: what kind of attribution. None (the default) means what was said or written (say, write);
  "all" adds beliefs, intentions, actions and perceptions (think, intend, do, perceive, other);
  one act name keeps only that act. Speakers' counts are of what they said or wrote.
- `copies`: include near-duplicates (syndicated copies) of an article already stored. None means
  the resource's default: articles and export include them, statement lists leave them out so each
  statement is counted once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from storyline.record import SPEECH_ACTS
from storyline.store.dates import day, day_end, period_end_sql

STANCES = ("assert", "deny", "hedge")
KINDS = ("direct", "indirect", "mixed")
TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP")
ACTS = ("say", "write", "think", "intend", "do", "perceive", "other")
EVERY_ACT = "all"


@dataclass(slots=True)
class Filters:
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    about: str | None = None
    speaker: str | None = None
    stance: str | None = None
    kind: str | None = None
    type: str | None = None
    act: str | None = None
    copies: bool | None = None

    def __post_init__(self) -> None:
        """Blank text is no filter; dates become YYYY-MM-DD; a bad value is a ValueError naming the filter."""
        for name in ("outlet", "about", "speaker", "stance", "kind", "type", "act"):
            value = getattr(self, name)
            setattr(self, name, value.strip() if isinstance(value, str) and value.strip() else None)
        for name, read in (("since", day), ("until", day_end)):
            value = getattr(self, name)
            try:
                setattr(self, name, read(value) if value and value.strip() else None)
            except ValueError:
                raise ValueError(f"{name}: not a date (expected YYYY-MM-DD, YYYY-MM or YYYY): {value!r}") from None
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        for name, allowed in (("stance", STANCES), ("kind", KINDS), ("type", TYPES), ("act", (*ACTS, EVERY_ACT))):
            value = getattr(self, name)
            if value is not None and value not in allowed:
                raise ValueError(f"{name}: {value!r} is not one of {', '.join(allowed)}")

    @classmethod
    def of(cls, filters: Filters | None = None, **changes) -> Filters:
        """`filters` (or no filter) with `changes` applied: `Filters.of(speaker="biden")`."""
        return replace(filters, **changes) if filters is not None else cls(**changes)

    def given(self) -> dict:
        """The filters that are set, by name (for links, messages and forms)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    def allow(self, resource: str, *names: str) -> Filters:
        """Refuse (ValueError) a filter that `resource` does not support, rather than ignoring it silently."""
        extra = [name for name in self.given() if name not in names]
        if extra:
            raise ValueError(f"{resource} cannot be filtered by {', '.join(extra)}")
        return self

    def with_copies(self, default: bool) -> bool:
        return default if self.copies is None else self.copies

    def acts(self) -> tuple[str, ...] | None:
        """The acts kept: say/write by default, every act (None: no condition) for "all", else the one named."""
        if self.act == EVERY_ACT:
            return None
        return (self.act,) if self.act else tuple(sorted(SPEECH_ACTS))


# -- SQL ----------------------------------------------------------------------------------------

_WORDS = re.compile(r"\w+")
DENSE_MATCHES = 1_000  # above this many matching rows, page through the date order instead


def fts_query(text: str) -> str:
    """User text -> a safe FTS5 query: every word required, "quoted phrases" kept as phrases (a quote
    left open runs to the end of the text)."""
    phrases = [" ".join(_WORDS.findall(p)) for p in re.findall(r'"([^"]*)(?:"|$)', text)]
    rest = re.sub(r'"[^"]*(?:"|$)', " ", text)
    terms = [f'"{p}"' for p in phrases if p] + [f'"{w}"' for w in _WORDS.findall(rest)]
    if not terms:
        raise ValueError(f"nothing to search for in {text!r}")
    return " ".join(terms)


def prefix_query(text: str) -> str | None:
    """FTS5 query requiring every word of `text` as a word prefix ("bid" finds Biden); None without words."""
    words = _WORDS.findall(text)
    return " ".join(f'"{w}"*' for w in words) if words else None


class Where:
    """WHERE clauses and their parameters, built up in order; `empty` when a filter matches nothing."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list = []
        self.empty = False

    def add(self, clause: str, *params) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self, *extra: str) -> str:
        return " AND ".join([*self.clauses, *extra]) or "1"


def _about(conn, fts: str, alias: str, about: str, where: Where, for_page: bool) -> None:
    """Keep rows whose words match `about`, written for the right plan.

    For a date-ordered page: with few matches, look each one up and sort them (`id IN (...)` drives
    the query); with many, walk the date (or speaker) index in order and keep the rows that match
    (`+id` stops SQLite driving the query from the match list), which ends as soon as the page is
    full. For a count, the plain `id IN (...)`. Both keep the same rows.
    """
    query = fts_query(about)
    plus = ""
    if for_page:
        count = conn.execute(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH ?", (query,)).fetchone()[0]
        plus = "+" if count > DENSE_MATCHES else ""
    where.add(f"{plus}{alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)", query)


def _dates(where: Where, column: str, filters: Filters, time_value: str | None = None) -> None:
    """Rows dated inside [since, until]; with a `time_value` column, rows whose period (a month, a
    year the text named) overlaps it."""
    if filters.since:
        if time_value:
            where.add(f"({column} >= ? OR {period_end_sql(column, time_value)} >= ?)", filters.since, filters.since)
        else:
            where.add(f"{column} >= ?", filters.since)
    if filters.until:
        where.add(f"{column} <= ?", filters.until)


def _outlet(where: Where, article_column: str, filters: Filters) -> None:
    if filters.outlet:
        where.add(f"{article_column} IN (SELECT article FROM article_sources WHERE outlet = ?)", filters.outlet)


def name_query(text: str) -> str | None:
    """FTS5 query over the `name` column only: every word of `text` as a word prefix of the name."""
    query = prefix_query(text)
    return f"name : ({query})" if query else None


def speaker_ids(conn, speaker: str) -> list[int]:
    """speakers.id of every speaker whose name (or whose identity's names) holds all the words of `speaker`
    (as word prefixes, any case)."""
    query = prefix_query(speaker)
    if query is None:
        return []
    ids = [r[0] for r in conn.execute("SELECT rowid FROM speakers_fts WHERE speakers_fts MATCH ?", (name_query(speaker),))]
    # and the speakers of the statements of every identity known by such a name (any of its aliases)
    through = "SELECT rowid FROM identities_fts WHERE identities_fts MATCH ? LIMIT 1000"
    linked = f"SELECT DISTINCT s.speaker_id FROM identity_statements i JOIN statements s ON s.id = i.statement WHERE i.identity IN ({through}) AND s.speaker_id IS NOT NULL"
    return list(dict.fromkeys(ids + [r[0] for r in conn.execute(linked, (query,))]))


def where_act(where: Where, filters: Filters, alias: str = "s") -> None:
    acts = filters.acts()
    if acts is not None:
        where.add(f"{alias}.act IN ({', '.join('?' * len(acts))})", *acts)


def where_statements(conn, filters: Filters, for_page: bool = True) -> Where:
    """Clauses on `s` (statements): act, speaker, stance, kind, dates, outlet, about, copies."""
    where = Where()
    if not filters.with_copies(False):
        where.add("s.copy = 0")
    where_act(where, filters)
    if filters.speaker:
        ids = speaker_ids(conn, filters.speaker)
        where.empty = not ids
        where.add(f"s.speaker_id IN ({','.join(str(i) for i in ids) or 'NULL'})")
    if filters.stance:
        where.add("s.stance = ?", filters.stance)
    if filters.kind:
        where.add("s.kind = ?", filters.kind)
    _dates(where, "s.date", filters, "s.time_value")
    _outlet(where, "s.article", filters)
    if filters.about:
        _about(conn, "statements_fts", "s", filters.about, where, for_page)
    return where


def where_dated_sentences(conn, filters: Filters) -> Where:
    """Clauses on `e` (dated sentences): dates, outlet, about, copies."""
    where = Where()
    if not filters.with_copies(False):
        where.add("e.copy = 0")
    _dates(where, "e.date", filters, "e.time_value")
    _outlet(where, "e.article", filters)
    if filters.about:
        _about(conn, "dated_sentences_fts", "e", filters.about, where, True)
    return where


def where_articles(conn, filters: Filters, for_page: bool = True, copies: bool = True) -> Where:
    """Clauses on `a` (articles): dates (of publication), outlet, about, copies (default: `copies`)."""
    where = Where()
    if not filters.with_copies(copies):
        where.add("a.near_duplicate_of IS NULL")
    _dates(where, "a.published", filters)
    _outlet(where, "a.id", filters)
    if filters.about:
        if for_page:
            _about(conn, "articles_fts", "a", filters.about, where, True)
        else:
            where.add("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", fts_query(filters.about))
    return where


def where_speakers(filters: Filters) -> Where:
    """Clauses on `p` (speakers with statements): speaker (the name's words as word prefixes), type."""
    where = Where()
    where.add("p.statement_count > 0")
    if filters.speaker:
        query = name_query(filters.speaker)
        where.empty = query is None
        where.add("p.id IN (SELECT rowid FROM speakers_fts WHERE speakers_fts MATCH ?)", query or "")
    if filters.type:
        where.add("p.type = ?", filters.type)
    return where
