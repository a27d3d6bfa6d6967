"""Export the archive: full JSON records as JSON Lines, or as a Parquet file (pyarrow)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from storyline.store.dates import day
from storyline.store.store import Store

BATCH = 500


def records(store: Store, since: str | None = None, until: str | None = None, outlet: str | None = None) -> Iterator[dict]:
    """Every stored record (Article.to_dict() shape), in storage order, filtered by publication date/outlet."""
    where, params = [], []
    if since:
        where.append("published >= ?")
        params.append(day(since))
    if until:
        where.append("published <= ?")
        params.append(day(until))
    if outlet:
        where.append("id IN (SELECT article FROM article_sources WHERE outlet = ?)")
        params.append(outlet.strip())
    last = 0
    while True:  # keyset paging: constant memory on any archive size
        rows = store.conn.execute(
            f"SELECT id, text, record FROM articles WHERE id > ? {''.join(' AND ' + w for w in where)} ORDER BY id LIMIT ?",
            [last, *params, BATCH],
        ).fetchall()
        if not rows:
            return
        for pk, text, record_json in rows:
            stored = json.loads(record_json)
            yield {"id": stored.pop("id"), "text": text, **stored}
        last = rows[-1][0]


def write_jsonl(store: Store, out: IO[str], **filters) -> int:
    count = 0
    for record in records(store, **filters):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def parquet_schema():
    """Arrow schema of one record: nested lists of structs, mirroring storyline.record."""
    import pyarrow as pa

    span = pa.struct([("text", pa.string()), ("spans", pa.list_(pa.list_(pa.int64())))])
    return pa.schema([
        ("id", pa.string()),
        ("text", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("sections", pa.list_(pa.struct([("label", pa.string()), ("start", pa.int64()), ("end", pa.int64())]))),
        ("captions", pa.list_(pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("credit", pa.string())]))),
        ("entities", pa.list_(pa.struct([
            ("id", pa.string()), ("name", pa.string()), ("type", pa.string()), ("roles", pa.list_(pa.string())),
            ("mentions", pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]))),
        ]))),
        ("statements", pa.list_(pa.struct([
            ("id", pa.string()), ("kind", pa.string()), ("content", span), ("source", span), ("cue", span),
            ("speaker", pa.string()), ("speaker_name", pa.string()), ("addressee", pa.string()),
            ("stance", pa.string()), ("time", pa.string()),
        ]))),
        ("times", pa.list_(pa.struct([
            ("id", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
            ("type", pa.string()), ("value", pa.string()),
        ]))),
    ])


def write_parquet(store: Store, path: str, **filters) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    names = schema.names
    count = 0
    batch: list[dict] = []
    with pq.ParquetWriter(path, schema) as writer:
        for record in records(store, **filters):
            batch.append({k: record.get(k) for k in names})
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
