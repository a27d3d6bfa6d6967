"""`Store`: the archive on disk (one SQLite file in WAL mode) and the only code that writes to it.

Each article goes in with its sources, statements, speaker mentions, dated
sentences and search index rows in one transaction, so a killed ingest leaves either the whole
article or nothing. What spans articles (the speakers table) is derived from the
stored mentions by the link stage (storyline.jobs.link), never here. Articles are keyed by the hash of their normalized text:
adding the same text again only records the extra URL/outlet it came from.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from storyline.record import SPEECH_ACTS, Article, current_keys
from storyline.store import dated_sentences, dedup, schema
from storyline.store.dates import calendar_date
from storyline.store.mentions import speaker_mention

DEFAULT_DB = "storyline.db"
ENV_DB = "STORYLINE_DB"


def default_path() -> str:
    """The db path when none is given: $STORYLINE_DB, else ./storyline.db."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


@dataclass(slots=True)
class AddResult:
    status: Literal["added", "duplicate"]
    article_id: str  # record id of the stored article (the existing one for a duplicate)
    near_duplicate_of: str | None = None  # record id of the original, for a syndicated copy
    similarity: float | None = None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _day(value: str | None) -> str | None:
    return calendar_date(value.strip()) if value else None


class Store:
    """An open archive. Use `Store.open(path)`; close it (or use `with`) when done.

    Reading is done by the functions of `storyline.store.queries`, which take a Store.
    """

    def __init__(self, conn: sqlite3.Connection, path: str, read_only: bool = False):
        self.conn = conn
        self.path = path
        self.read_only = read_only

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, read_only: bool = False, migrate: bool = True) -> "Store":
        """Open (creating if needed) the archive at `path` (default: `default_path()`), migrated to the latest schema.

        `read_only` opens an existing db without write access (for the API/web server).
        The connection may be shared across threads (`check_same_thread=False`) but not used
        by two at once: give each server worker its own Store.
        """
        path = str(path or default_path())
        if read_only:
            if not Path(path).exists():
                raise FileNotFoundError(f"no archive at {path}")
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        else:
            if Path(path).parent != Path(""):
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 10000")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a killed process never corrupts the db or loses a committed article.
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA mmap_size = 268435456")
        if read_only:
            found = schema.version(conn)
            if found != schema.LATEST:
                conn.close()
                raise RuntimeError(f"{path} has schema version {found}; open it once writable to migrate")
        elif migrate:
            schema.migrate(conn)
        return cls(conn, path, read_only)

    def close(self) -> None:
        if not self.read_only:
            try:  # keeps the planner's statistics current for the indexes the queries use
                self.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on any error, including KeyboardInterrupt)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------------------

    def find_content(self, text: str | None = None, content_hash: str | None = None) -> str | None:
        """Record id of the stored article with this normalized text (or hash), else None.

        Ingest calls this before analysis, so work already done is never redone.
        """
        digest = content_hash or dedup.content_hash(text or "")
        row = self.conn.execute("SELECT record_id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        return row[0] if row else None

    def add_source(self, content_hash: str, url: str | None, outlet: str | None, origin: str = "", published: str | None = None,
                   record_id: str | None = None) -> bool:
        """Record one more URL/outlet (and the id it came under) for the stored article with this hash; False if there is none."""
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
            if row is None:
                return False
            self._insert_source(row[0], url, outlet, origin, published)
            self._insert_alias(row[0], record_id)
            self._clear_failures(origin)
        return True

    def add_article(self, article: Article | dict, origin: str = "", content_hash: str | None = None) -> AddResult:
        """Store an analysed article with its statements, in one transaction. Idempotent.

        An exact duplicate (same normalized text) is not stored again: its URL and outlet are
        added to the existing article's sources. A near-duplicate (syndicated copy) is stored
        and linked to its original; its statements are marked as copies.
        """
        record = article.to_dict() if isinstance(article, Article) else current_keys(article)
        text: str = record["text"]
        digest = content_hash or dedup.content_hash(text)
        published = _day(record.get("published"))
        outlet = record.get("outlet") or None
        sig = dedup.signature(text)
        with self.transaction() as conn:
            row = conn.execute("SELECT id, record_id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
            if row is not None:
                self._insert_source(row[0], record.get("url"), outlet, origin, published)
                self._insert_alias(row[0], str(record["id"]))
                self._clear_failures(origin)
                return AddResult("duplicate", row[1])
            record_id = str(record["id"])
            if conn.execute("SELECT 1 FROM articles WHERE record_id = ?", (record_id,)).fetchone():
                # Same id, different text (e.g. reused ids in a JSONL file): keep both, distinctly.
                record_id = f"{record_id}~{digest[:8]}"
                record["id"] = record_id
            original, similarity = self._near_duplicate(sig) if sig is not None else (None, None)
            stored = {k: v for k, v in record.items() if k != "text"}
            cursor = conn.execute(
                "INSERT INTO articles (record_id, content_hash, title, author, published, url, outlet, text, record, statement_count,"
                " ingested_at, near_duplicate_of, similarity, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record_id, digest, record.get("title"), record.get("author") or None, published, record.get("url"), outlet, text,
                    json.dumps(stored, ensure_ascii=False, separators=(",", ":")),
                    sum(st.get("act", "say") in SPEECH_ACTS for st in record.get("statements") or []),  # said or written
                    _now(), original[0] if original else None, similarity, dedup.to_blob(sig) if sig is not None else None,
                ),
            )
            pk = cursor.lastrowid
            conn.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)", (pk, record.get("title") or "", text))
            self._insert_source(pk, record.get("url"), outlet, origin, published)
            if sig is not None:
                conn.executemany(
                    "INSERT OR IGNORE INTO minhash_bands (band, bucket, article) VALUES (?, ?, ?)",
                    [(band, bucket, pk) for band, bucket in dedup.bands(sig)],
                )
            copy = 1 if original else 0
            self._insert_statements(pk, record, published, outlet, copy)
            dated_sentences.insert_dated_sentences(conn, pk, record, published, outlet, copy)
            self._clear_failures(origin)
        return AddResult("added", record_id, original[1] if original else None, similarity)

    def record_failure(self, origin: str, reason: str) -> None:
        """Remember that `origin` could not be stored, and why (repeats bump `attempts`)."""
        now = _now()
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO failures (origin, reason, first_at, last_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (origin, reason) DO UPDATE SET last_at = excluded.last_at, attempts = attempts + 1",
                (origin, reason, now, now),
            )

    # -- internals -----------------------------------------------------------------------

    def _clear_failures(self, origin: str) -> None:
        if origin:  # it is stored now: an earlier failure of the same input is history
            self.conn.execute("DELETE FROM failures WHERE origin = ?", (origin,))

    def _insert_source(self, pk: int, url: str | None, outlet: str | None, origin: str, published: str | None) -> None:
        self.conn.execute(
            "INSERT INTO article_sources (article, url, outlet, origin, published, added_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (pk, url or "", outlet or "", origin or None, published, _now()),
        )

    def _insert_alias(self, pk: int, record_id: str | None) -> None:
        """An exact duplicate's own id leads to the article it repeats (unless it names a stored article)."""
        if record_id and not self.conn.execute("SELECT 1 FROM articles WHERE record_id = ?", (record_id,)).fetchone():
            self.conn.execute("INSERT OR IGNORE INTO article_aliases (record_id, article) VALUES (?, ?)", (record_id, pk))

    def _near_duplicate(self, sig) -> tuple[tuple[int, str] | None, float | None]:
        """(pk, record id) of the stored original this signature copies, with the similarity; else (None, None)."""
        candidates: set[int] = set()
        for band, bucket in dedup.bands(sig):
            candidates.update(r[0] for r in self.conn.execute("SELECT article FROM minhash_bands WHERE band = ? AND bucket = ?", (band, bucket)))
        best: tuple[float, int] | None = None
        for pk in sorted(candidates):
            row = self.conn.execute("SELECT signature, near_duplicate_of FROM articles WHERE id = ?", (pk,)).fetchone()
            score = dedup.similarity(sig, dedup.from_blob(row[0]))
            if score >= dedup.THRESHOLD:
                original = row[1] or pk  # link to the first copy's original, not to another copy
                if best is None or score > best[0]:
                    best = (score, original)
        if best is None:
            return None, None
        record_id = self.conn.execute("SELECT record_id FROM articles WHERE id = ?", (best[1],)).fetchone()[0]
        return (best[1], record_id), round(best[0], 4)

    def _insert_statements(self, pk: int, record: dict, published: str | None, outlet: str | None, copy: int) -> None:
        """The article's statements, each with its speaker mention (who people are is the link stage's work)."""
        entities = {e["id"]: e for e in record.get("entities") or []}
        times = {t["id"]: t for t in record.get("times") or []}
        for st in record.get("statements") or []:
            entity = entities.get(st.get("speaker")) if st.get("speaker") else None
            mention = speaker_mention(entities, st)
            roles = list((entity or {}).get("roles") or [])
            time = times.get(st.get("time")) if st.get("time") else None
            time_date = calendar_date(time.get("value")) if time else None
            date = time_date or published
            speaker = (mention[0] if mention else None) or ((st.get("source") or {}).get("text"))
            content = st["content"]
            cursor = self.conn.execute(
                "INSERT INTO statements (article, statement_id, speaker, role, kind, stance, content, spans, cue,"
                " date, time_value, published, outlet, copy, act) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (article, statement_id) DO NOTHING",
                (
                    pk, st["id"], speaker, "; ".join(roles) or None, st["kind"], st.get("stance") or "assert",
                    content["text"], json.dumps(content["spans"]), (st.get("cue") or {}).get("text"),
                    date, time["value"] if time_date else None, published, outlet, copy, st.get("act") or "say",
                ),
            )
            if cursor.rowcount:
                self.conn.execute("INSERT INTO statements_fts (rowid, content, speaker) VALUES (?, ?, ?)", (cursor.lastrowid, content["text"], speaker or ""))
                if mention is not None:
                    self.conn.execute(
                        "INSERT INTO speaker_mentions (statement, name, type, roles) VALUES (?, ?, ?, ?)", (cursor.lastrowid, *mention)
                    )
