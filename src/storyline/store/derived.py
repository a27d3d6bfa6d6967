"""The derived (cross-article) tables: what the link stage reads since its watermark, and its writes.

The link stage (storyline.jobs.link) reads speaker mentions after its watermark, folds them into
speakers (storyline.link.speakers) and writes the result here, with the new watermark, in one
transaction: a killed link run leaves the speakers as they were, and the next run goes on from there.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime

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
    now = datetime.now(UTC).isoformat(timespec="seconds")
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


# -- identities ------------------------------------------------------------------------------------

IDENTITIES = "identities"  # the stage's name in link_state and link_runs

# (article pk, record id, published, record JSON) in article order
ArticleRow = tuple[int, str, str | None, str]


def articles_after(store: Store, after: int, limit: int) -> list[ArticleRow]:
    """The next `limit` stored articles after article id `after`, in article order."""
    return store.conn.execute(
        "SELECT id, record_id, published, record FROM articles WHERE id > ? ORDER BY id LIMIT ?", (after, limit)
    ).fetchall()


def identity_blocks(store: Store, keys: Iterable[str], cap: int | Callable[[str], int]) -> dict[str, list[int]]:
    """For each key, the ids of the first `cap` (or `cap(key)`) identities filed under it, in id order (the blocking index)."""
    return {
        key: [r[0] for r in store.conn.execute("SELECT identity FROM identity_keys WHERE key = ? ORDER BY identity LIMIT ?",
                                               (key, cap(key) if callable(cap) else cap))]
        for key in keys
    }


def identity_states(store: Store, ids: Iterable[int]) -> dict[int, dict]:
    """The stored state (link.identities.Identity as a dict) of these identities."""
    found: dict[int, dict] = {}
    ids = list(ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for pk, state in store.conn.execute(f"SELECT id, state FROM identities WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            found[pk] = json.loads(state)
    return found


def next_identity_id(store: Store) -> int:
    return (store.conn.execute("SELECT max(id) FROM identities").fetchone()[0] or 0) + 1


def statement_speakers(store: Store, article_pks: Iterable[int]) -> dict[tuple[int, str], int]:
    """(article pk, statement id in the record) → the stored statement's id, for these articles."""
    found: dict[tuple[int, str], int] = {}
    pks = list(article_pks)
    for i in range(0, len(pks), 500):
        chunk = pks[i : i + 500]
        for pk, article, statement_id in store.conn.execute(
            f"SELECT id, article, statement_id FROM statements WHERE article IN ({','.join('?' * len(chunk))})", chunk
        ):
            found[article, statement_id] = pk
    return found


def write_identities(
    store: Store,
    states: Iterable[dict],
    links: Iterable[tuple[int, str, int, str, float]],
    upto: int,
    full: bool = False,
    statements: Iterable[tuple[int, int]] = (),
    filed_before: Mapping[int, Iterable[str]] | None = None,
) -> int:
    """Store one link result: the identities made or changed (states), each entity's link
    (article pk, entity id, identity, rule, score), each statement's identity (statement, identity),
    the new watermark and the run; returns the run id. `full`: the result replaces every identity.
    `filed_before`: the keys each changed identity was already filed under (only the others are
    written: a key is never taken away, and an identity that grows rewrites none of its old keys)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    links = list(links)
    with store.transaction() as conn:
        if full:
            conn.execute("DELETE FROM identity_mentions")
            conn.execute("DELETE FROM identity_statements")
            conn.execute("DELETE FROM identity_keys")
            conn.execute("DELETE FROM identities")
            conn.execute("DELETE FROM identities_fts")
        run = conn.execute(
            "INSERT INTO link_runs (stage, full, started_at, items, watermark) VALUES (?, ?, ?, ?, ?)",
            (IDENTITIES, int(full), now, len(links), upto),
        ).lastrowid
        for state in states:
            conn.execute(
                "INSERT INTO identities (id, type, name, aliases, roles, mention_count, first_date, last_date, state)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                " aliases = excluded.aliases, roles = excluded.roles, mention_count = excluded.mention_count,"
                " first_date = excluded.first_date, last_date = excluded.last_date, state = excluded.state",
                (state["id"], state["type"], state["name"], json.dumps(state["aliases"]), json.dumps(state["roles"]),
                 state["mentions"], state["first_date"], state["last_date"], json.dumps(state)),
            )
            conn.execute("DELETE FROM identities_fts WHERE rowid = ?", (state["id"],))
            conn.execute("INSERT INTO identities_fts (rowid, name, aliases) VALUES (?, ?, ?)", (state["id"], state["name"], " ; ".join(state["aliases"])))
            old = set(filed_before.get(state["id"], ())) if filed_before else set()
            conn.executemany("INSERT OR IGNORE INTO identity_keys (key, identity) VALUES (?, ?)",
                             [(k, state["id"]) for k in state["keys"] if k not in old])
        conn.executemany(
            "INSERT OR REPLACE INTO identity_mentions (article, entity, identity, rule, score, run) VALUES (?, ?, ?, ?, ?, ?)",
            [(*link, run) for link in links],
        )
        conn.executemany("INSERT OR REPLACE INTO identity_statements (statement, identity) VALUES (?, ?)", list(statements))
        conn.execute(
            "INSERT INTO link_state (stage, watermark, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (stage) DO UPDATE SET watermark = excluded.watermark, updated_at = excluded.updated_at",
            (IDENTITIES, upto, now),
        )
    return run


def overrides(store: Store) -> list[tuple[str, list[str]]]:
    """The people merges and splits recorded so far, in order: (kind, entity keys)."""
    return [(kind, json.loads(keys)) for kind, keys in store.conn.execute("SELECT kind, entities FROM identity_overrides ORDER BY id")]


def add_override(store: Store, kind: str, entity_keys: list[str]) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction() as conn:
        conn.execute("INSERT INTO identity_overrides (kind, entities, created_at) VALUES (?, ?, ?)", (kind, json.dumps(entity_keys), now))


def entity_identities(store: Store, entity_keys: Iterable[str]) -> dict[str, int]:
    """Entity key ("<record id>/<entity id>") → its identity, for the keys already linked."""
    found: dict[str, int] = {}
    for key in entity_keys:
        record_id, entity = key.rsplit("/", 1)
        row = store.conn.execute(
            "SELECT m.identity FROM identity_mentions m JOIN articles a ON a.id = m.article WHERE a.record_id = ? AND m.entity = ?",
            (record_id, entity),
        ).fetchone()
        if row:
            found[key] = row[0]
    return found


def identity_entities(store: Store, identity_id: int, record_ids: Iterable[str] | None = None) -> list[str]:
    """The entity keys linked to one identity (only in these articles, if given), in storage order."""
    rows = store.conn.execute(
        "SELECT a.record_id, m.entity FROM identity_mentions m JOIN articles a ON a.id = m.article WHERE m.identity = ?"
        " ORDER BY a.id, m.rowid",
        (identity_id,),
    ).fetchall()
    wanted = set(record_ids) if record_ids is not None else None
    return [f"{r}/{e}" for r, e in rows if wanted is None or r in wanted]

# --- stories (storyline.link.stories): the clusterer's state, read lazily, written per batch ------

STORIES = "stories"  # the stage's name in link_state: its watermark is the last article id placed

# (article id, record JSON without text, text, near_duplicate_of) in article order
StoryInputRow = tuple[int, str, str, int | None]


def story_inputs(store: Store, after: int, limit: int) -> list[StoryInputRow]:
    """The next `limit` stored articles after article id `after`, in id order, with their records."""
    return store.conn.execute(
        "SELECT id, record, text, near_duplicate_of FROM articles WHERE id > ? ORDER BY id LIMIT ?", (after, limit)
    ).fetchall()


def story_state(store: Store, story_id: int) -> str | None:
    row = store.conn.execute("SELECT state FROM stories WHERE id = ?", (story_id,)).fetchone()
    return row[0] if row else None


def story_postings(store: Store, key: str) -> list[int] | None:
    row = store.conn.execute("SELECT stories FROM story_postings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def story_df(store: Store, term: str) -> int | None:
    row = store.conn.execute("SELECT df FROM story_df WHERE term = ?", (term,)).fetchone()
    return row[0] if row else None


def story_of_article(store: Store, article: int) -> int | None:
    row = store.conn.execute("SELECT story FROM story_articles WHERE article = ?", (article,)).fetchone()
    return row[0] if row else None


def story_counters(store: Store) -> dict[str, int]:
    return dict(store.conn.execute("SELECT name, value FROM story_counters").fetchall())


# (id, title, first, last, article count, outlets, last article placed, state JSON)
StoryRow = tuple[int, str | None, str | None, str | None, int, list[str], int, str]


def write_stories(store: Store, stories: Iterable[StoryRow], placed: Iterable[tuple[int, int, float | None]],
                  postings: Iterable[tuple[str, list[int]]], df: Iterable[tuple[str, int]], counters: dict[str, int],
                  upto: int, full: bool = False, moved: Iterable[tuple[int, int]] = (), dropped: Iterable[int] = ()) -> None:
    """Store one batch of story placements with the clusterer's changed state and the new watermark.

    `moved`: (article, story) of placed articles a split or merge moved to another story (their score
    stays); `dropped`: stories merged into another.

    `full`: the result replaces every story (ids are given again from 1 in order of creation, so a
    full run gives the ids an incremental run over the same articles gives).
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction() as conn:
        if full:
            for table in ("story_articles", "stories", "story_postings", "story_df", "story_counters"):
                conn.execute(f"DELETE FROM {table}")
        conn.executemany(
            "INSERT INTO stories (id, title, first_date, last_date, article_count, outlets, moved, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_date = excluded.first_date, last_date = excluded.last_date,"
            " article_count = excluded.article_count, outlets = excluded.outlets, moved = excluded.moved, state = excluded.state",
            [(i, title, first, last, n, json.dumps(outlets), moved, state) for i, title, first, last, n, outlets, moved, state in stories],
        )
        conn.executemany("INSERT OR REPLACE INTO story_articles (article, story, score) VALUES (?, ?, ?)", list(placed))
        conn.executemany("UPDATE story_articles SET story = ? WHERE article = ?", [(story, article) for article, story in moved])
        conn.executemany("DELETE FROM stories WHERE id = ?", [(story,) for story in dropped])
        conn.executemany("INSERT OR REPLACE INTO story_postings (key, stories) VALUES (?, ?)", [(k, json.dumps(v)) for k, v in postings])
        conn.executemany("INSERT OR REPLACE INTO story_df (term, df) VALUES (?, ?)", list(df))
        conn.executemany("INSERT OR REPLACE INTO story_counters (name, value) VALUES (?, ?)", list(counters.items()))
        conn.execute(
            "INSERT INTO link_state (stage, watermark, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (stage) DO UPDATE SET watermark = excluded.watermark, updated_at = excluded.updated_at",
            (STORIES, upto, now),
        )
