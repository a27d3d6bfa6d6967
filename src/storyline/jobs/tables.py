"""The Parquet tables `storyline spark` writes, and loading them (or a slice) into an archive.

The columns come from the record dataclasses through `storyline.store.export` (the columns of
`storyline export --format parquet`), so they follow the record: `articles` is that table; `statements`,
`entities` and `times` are its nested lists, one row each, led by their article's id. `sources` holds
every input record that became an article or repeated one exactly (its place in the input, `seq`, is
the order the local path would have stored it in); `near_duplicates` the syndicated copies. The
LINKING tables are `storyline spark link`'s, for querying where they lie: `load` leaves them out and
the archive links what it loads itself (it keeps each fold's state to link later articles, and a slice
is linked as the archive it makes), with the same functions, so to the same identities, stories, claims.
Reading needs pyarrow only, no Spark: `storyline ingest DIR` and DuckDB read them as they are.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from storyline.record import Article, Entity, Statement, TimeExpression
from storyline.store import export
from storyline.store.dates import calendar_date
from storyline.store.store import Store

# the analysis tables: a record's nested lists, each keyed by its article's id
NESTED = {"statements": Statement, "entities": Entity, "times": TimeExpression}
ANALYSIS = ("articles", *NESTED, "failures", "sources", "near_duplicates")
LINKING = ("identities", "identity_mentions", "stories", "story_articles", "claim_links", "quotes", "quote_uses")
OUTLET = "outlet" if "outlet" in {f.name for f in fields(Article)} else "source"  # the record's outlet field


def schemas() -> dict:
    """Arrow schema of every table, by name."""
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    return {
        "articles": export.parquet_schema(),
        **{name: export.arrow_schema(cls, key=("article", str)) for name, cls in NESTED.items()},
        "failures": pa.schema([("origin", s), ("reason", s)]),
        "sources": pa.schema([("article", s), ("seq", i), ("id", s), ("url", s), ("outlet", s), ("origin", s), ("published", s), ("duplicate", b)]),
        "near_duplicates": pa.schema([("article", s), ("original", s), ("similarity", f)]),
        "identities": pa.schema([("id", i), ("type", s), ("name", s), ("anchor", s), ("aliases", pa.list_(s)), ("mentions", i),
                                 ("first_date", s), ("last_date", s)]),
        "identity_mentions": pa.schema([("article", s), ("entity", s), ("identity", i), ("rule", s), ("score", f)]),
        "stories": pa.schema([("id", i), ("title", s), ("first", s), ("last", s), ("article_count", i), ("outlets", pa.list_(s))]),
        "story_articles": pa.schema([("article", s), ("story", i), ("score", f)]),
        # a statement is (article id, statement id in the record): `claim_*` the claim it speaks to, `via_*` the one it answered
        "claim_links": pa.schema([("article", s), ("statement", s), ("claim_article", s), ("claim_statement", s), ("relation", s),
                                  ("rule", s), ("score", f), ("via_article", s), ("via_statement", s), ("reversal", b)]),
        "quotes": pa.schema([("id", i), ("words", pa.list_(s)), ("uses", i)]),
        "quote_uses": pa.schema([("article", s), ("statement", s), ("start", i), ("end", i), ("quote", i), ("text", s), ("variant", b)]),
    }


def rows(record: dict) -> dict[str, list[dict]]:
    """The rows one analysed record (Article.to_dict()) gives each analysis table."""
    names = export.parquet_schema().names
    out = {"articles": [{name: record.get(name) for name in names}]}
    for table in NESTED:
        out[table] = [{"article": record["id"], **item} for item in record.get(table) or []]
    return out


# -- reading -----------------------------------------------------------------------------------


def is_output(path: str | Path) -> bool:
    """Whether `path` is a folder `storyline spark analyze` wrote."""
    path = Path(path)
    return path.is_dir() and all((path / name).is_dir() for name in ("articles", "sources"))


def read(folder: str | Path, table: str, columns: list[str] | None = None, where=None):
    """One table as an Arrow table (every part file Spark wrote); empty when the folder lacks it."""
    import pyarrow.dataset as ds

    path = Path(folder) / table
    if not path.is_dir() or not any(path.glob("*.parquet")):
        return schemas()[table].empty_table().select(columns) if columns else schemas()[table].empty_table()
    return ds.dataset(str(path), format="parquet", schema=schemas()[table]).to_table(columns=columns, filter=where)


@dataclass(slots=True)
class Slice:
    """Which articles to load: published from `since` to `until` (YYYY-MM-DD), from `outlet`, in `story`."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    story: int | None = None

    def article_ids(self, folder: str | Path) -> set[str] | None:
        """The ids of the articles in the slice; None for all of them."""
        import pyarrow.compute as pc

        if self.since is None and self.until is None and self.outlet is None and self.story is None:
            return None
        articles = read(folder, "articles", ["id", "published", OUTLET])
        outlets = articles.column(OUTLET).to_pylist()
        keep = set()
        for record_id, published, outlet in zip(articles.column("id").to_pylist(), articles.column("published").to_pylist(), outlets):
            day = calendar_date(published or "")
            if self.since and (day is None or day < self.since):
                continue
            if self.until and (day is None or day > self.until):
                continue
            if self.outlet and (outlet or "").casefold() != self.outlet.casefold():
                continue
            keep.add(record_id)
        if self.story is not None:
            placed = read(folder, "story_articles", ["article"], where=pc.field("story") == self.story)
            if not (Path(folder) / "story_articles").is_dir():
                raise ValueError(f"{folder} has no stories: run `storyline spark link {folder}` first")
            keep &= set(placed.column("article").to_pylist())
        return keep


@dataclass(slots=True)
class LoadSummary:
    articles: int = 0
    duplicates: int = 0  # exact repeats: their URL/outlet added to the stored article
    near_duplicates: int = 0
    failures: int = 0

    def __str__(self) -> str:
        return (f"loaded {self.articles} articles ({self.near_duplicates} near-duplicates linked), "
                f"{self.duplicates} exact repeats as sources, {self.failures} failures")


def load(store: Store, folder: str | Path, part: Slice | None = None, on_item: Callable[[], None] | None = None) -> LoadSummary:
    """Store the articles of a `storyline spark analyze` folder (or a slice of them) in the archive, in
    input order (so the archive finds the same near-duplicates the Spark job did), with their exact
    repeats as sources, and the failures (all of them, unless sliced). Linking is the caller's next step."""
    summary = LoadSummary()
    wanted = (part or Slice()).article_ids(folder)
    tick = on_item or (lambda: None)
    for record, sources in _in_order(folder, wanted):
        first, *repeats = sources
        outcome = store.add_article(record, origin=first["origin"] or "")
        summary.articles += outcome.status == "added"
        summary.near_duplicates += outcome.near_duplicate_of is not None
        for source in repeats:
            store.add_source(_hash(record["text"]), source["url"], source["outlet"], source["origin"] or "", source["published"], record_id=source["id"])
            summary.duplicates += 1
        tick()
    if wanted is None:
        failures = read(folder, "failures")
        for origin, reason in zip(failures.column("origin").to_pylist(), failures.column("reason").to_pylist()):
            store.record_failure(origin, reason)
            summary.failures += 1
    return summary


def _hash(text: str) -> str:
    from storyline.store.dedup import content_hash

    return content_hash(text)


def _in_order(folder: str | Path, wanted: set[str] | None) -> Iterator[tuple[dict, list[dict]]]:
    """(record, its sources: its own first, then its exact repeats) for each article, in input order."""
    sources: dict[str, list[dict]] = {}
    for source in read(folder, "sources").to_pylist():
        if wanted is None or source["article"] in wanted:
            sources.setdefault(source["article"], []).append(source)
    for items in sources.values():
        items.sort(key=lambda s: (s["duplicate"], s["seq"]))
    order = sorted(sources, key=lambda a: sources[a][0]["seq"])
    records = _records(folder, set(order))
    for record_id in order:
        if record_id in records:
            yield records[record_id], sources[record_id]


def _records(folder: str | Path, ids: Iterable[str]) -> dict[str, dict]:
    """The full records (Article.to_dict() shape) of these articles, their nested lists from the articles table."""
    import pyarrow.compute as pc

    ids = list(ids)
    table = read(folder, "articles", where=pc.field("id").isin(ids)) if ids else read(folder, "articles").slice(0, 0)
    # through the dataclasses: the record as analysis gives it (a null `steps` column is no key at all)
    return {r["id"]: Article.from_dict(r).to_dict() for r in table.to_pylist()}
