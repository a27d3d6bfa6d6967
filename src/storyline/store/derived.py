"""The derived (cross-article) tables: what the link stage reads since its watermark, and its writes.

The link stage (storyline.jobs.link) reads speaker mentions after its watermark, folds them into
speakers (storyline.link.speakers) and writes the result here, with the new watermark, in one
transaction: a killed link run leaves the speakers as they were, and the next run goes on from there.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone

from storyline.record import SPEECH_ACTS
from storyline.store.store import Store

SPEAKERS = "speakers"  # the stage's name in link_state
SPEECH = ", ".join(f"'{act}'" for act in sorted(SPEECH_ACTS))  # the acts a speaker's count counts

# (statement id, name, type, roles JSON, date, uncounted) in statement order; uncounted: a syndicated
# copy, or an act that is not speech (a belief, intention, action): grouped with the speaker, not counted
MentionRow = tuple[int, str, str | None, str, str | None, int]
# (key, name, type, roles, statement count, first date, last date)
SpeakerRow = tuple[str, str, str | None, list[str], int, str | None, str | None]


def watermark(store: Store, stage: str = SPEAKERS) -> int:
    row = store.conn.execute("SELECT watermark FROM link_state WHERE stage = ?", (stage,)).fetchone()
    return row[0] if row else 0


def speaker_mentions(store: Store, after: int, limit: int) -> list[MentionRow]:
    """The next `limit` speaker mentions after statement id `after`, in statement order."""
    return store.conn.execute(
        f"SELECT m.statement, m.name, m.type, m.roles, s.date, s.copy OR s.act NOT IN ({SPEECH}) FROM speaker_mentions m"
        " JOIN statements s ON s.id = m.statement WHERE m.statement > ? ORDER BY m.statement LIMIT ?",
        (after, limit),
    ).fetchall()


def speakers_by_key(store: Store, keys: Iterable[str]) -> list[SpeakerRow]:
    """The stored speakers with these keys."""
    found: list[SpeakerRow] = []
    keys = list(keys)
    for i in range(0, len(keys), 500):  # SQLite caps the parameters of one statement
        chunk = keys[i : i + 500]
        found += [
            (r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6])
            for r in store.conn.execute(
                f"SELECT key, name, type, roles, statement_count, first_date, last_date FROM speakers WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        ]
    return found


def write_speakers(store: Store, speakers: Iterable[SpeakerRow], assigned: Iterable[tuple[int, str]], upto: int, full: bool = False) -> None:
    """Store one link result: the speakers made or changed, each statement's speaker, the new watermark.

    `full`: the result replaces every speaker (ids are given again from 1, in order of first sight,
    so a full run gives the ids an incremental run over the same statements gives).
    """
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with store.transaction() as conn:
        if full:
            conn.execute("UPDATE statements SET speaker_id = NULL WHERE speaker_id IS NOT NULL")
            conn.execute("DELETE FROM speakers")
            conn.execute("INSERT INTO speakers_fts (speakers_fts) VALUES ('delete-all')")
        ids: dict[str, int] = {}
        for key, name, type_, roles, count, first, last in speakers:
            roles_json = json.dumps(roles)
            row = conn.execute("SELECT id, name, roles FROM speakers WHERE key = ?", (key,)).fetchone()
            if row is None:
                pk = conn.execute(
                    "INSERT INTO speakers (key, name, type, roles, statement_count, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (key, name, type_, roles_json, count, first, last),
                ).lastrowid
                conn.execute("INSERT INTO speakers_fts (rowid, name, roles) VALUES (?, ?, ?)", (pk, name, roles_json))
            else:
                pk, old_name, old_roles = row
                conn.execute(
                    "UPDATE speakers SET roles = ?, statement_count = ?, first_date = ?, last_date = ? WHERE id = ?",
                    (roles_json, count, first, last, pk),
                )
                if old_roles != roles_json:  # external-content FTS: remove the old entry with its old values
                    conn.execute("INSERT INTO speakers_fts (speakers_fts, rowid, name, roles) VALUES ('delete', ?, ?, ?)", (pk, old_name, old_roles))
                    conn.execute("INSERT INTO speakers_fts (rowid, name, roles) VALUES (?, ?, ?)", (pk, old_name, roles_json))
            ids[key] = pk
        conn.executemany("UPDATE statements SET speaker_id = ? WHERE id = ?", [(ids[key], statement) for statement, key in assigned])
        conn.execute(
            "INSERT INTO link_state (stage, watermark, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (stage) DO UPDATE SET watermark = excluded.watermark, updated_at = excluded.updated_at",
            (SPEAKERS, upto, now),
        )
