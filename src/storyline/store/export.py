"""Export the archive: full JSON records as JSON Lines, or as a Parquet file (pyarrow)."""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterator
from typing import IO

from storyline.record import Article
from storyline.store.filters import Filters, where_articles
from storyline.store.store import Store

BATCH = 500


def records(store: Store, filters: Filters | None = None, **by_name) -> Iterator[dict]:
    """Every stored record (Article.to_dict() shape), in storage order.

    Filters: since, until (publication date), outlet, about, copies (included by default).
    """
    filters = Filters.of(filters, **by_name).allow("export", "since", "until", "outlet", "about", "copies")
    where = where_articles(store.conn, filters, for_page=False)
    last = 0
    while True:  # keyset paging: constant memory on any archive size
        rows = store.conn.execute(
            f"SELECT a.id, a.text, a.record FROM articles a WHERE {where.sql('a.id > ?')} ORDER BY a.id LIMIT ?",
            [*where.params, last, BATCH],
        ).fetchall()
        if not rows:
            return
        persons = _persons(store, [r[0] for r in rows])
        for pk, text, record_json in rows:
            stored = json.loads(record_json)
            for entity in stored.get("entities") or []:  # the archive-wide identity (storyline link)
                entity["person"] = persons.get((pk, entity.get("id")))
            yield {"id": stored.pop("id"), "text": text, **stored}
        last = rows[-1][0]


def _persons(store: Store, article_pks: list[int]) -> dict[tuple[int, str], int]:
    marks = ",".join("?" * len(article_pks))
    sql = f"SELECT article, entity, identity FROM identity_mentions WHERE article IN ({marks})"
    return {(a, e): i for a, e, i in store.conn.execute(sql, article_pks)}


def write_jsonl(store: Store, out: IO[str], filters: Filters | None = None, **by_name) -> int:
    count = 0
    for record in records(store, filters, **by_name):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def parquet_schema():
    """Arrow schema of one record, derived from the `storyline.record` dataclasses (so it follows them)."""

    return arrow_schema(Article)


def arrow_schema(cls, key: tuple[str, type] | None = None):
    """Arrow schema of a `storyline.record` dataclass (one column per field), led by `key` (name, type) when given:
    the Spark tables (storyline.jobs.spark) key statements, entities and times by their article this way."""
    import pyarrow as pa

    return pa.schema(([(key[0], _arrow_type(key[1]))] if key else []) + [(f.name, _arrow_type(hint)) for f, hint in _fields(cls)])


def _fields(cls) -> list:
    hints = typing.get_type_hints(cls)
    return [(f, hints[f.name]) for f in dataclasses.fields(cls)]


def _arrow_type(hint):
    import pyarrow as pa

    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _arrow_type(inner)
    if origin is list:
        return pa.list_(_arrow_type(typing.get_args(hint)[0]))
    if origin is tuple:
        return pa.list_(_arrow_type(typing.get_args(hint)[0]))
    if origin is typing.Literal or hint is str:
        return pa.string()
    if dataclasses.is_dataclass(hint):
        return pa.struct([(f.name, _arrow_type(h)) for f, h in _fields(hint)])
    return {int: pa.int64(), float: pa.float64(), bool: pa.bool_()}[hint]


def write_parquet(store: Store, path: str, filters: Filters | None = None, **by_name) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    names = schema.names
    count = 0
    batch: list[dict] = []
    with pq.ParquetWriter(path, schema) as writer:
        for record in records(store, filters, **by_name):
            batch.append({k: record.get(k) for k in names})
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
