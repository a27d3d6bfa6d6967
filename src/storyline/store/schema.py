"""The archive's SQLite schema, as an ordered list of migrations.

`PRAGMA user_version` holds the number of migrations applied. Opening a db made
by an older storyline applies the missing ones in order, each in one
transaction, so an archive is never left half-upgraded. Never edit a released
migration: append a new one.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

# Version 1: articles, the sources they came from, people, statements, failures.
V1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE,          -- Article.id of the JSON record
    content_hash TEXT NOT NULL UNIQUE,       -- sha256 of the normalized text: exact duplicates
    title TEXT,
    published TEXT,                          -- YYYY-MM-DD
    url TEXT,
    outlet TEXT COLLATE NOCASE,
    text TEXT NOT NULL,
    record TEXT NOT NULL,                    -- the JSON record without "text" (kept once, above)
    statement_count INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet, published);

-- Every URL and outlet an article (or an exact copy of it) came from.
CREATE TABLE article_sources (
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    origin TEXT,
    published TEXT,
    added_at TEXT NOT NULL,
    PRIMARY KEY (article, url, outlet)
) WITHOUT ROWID;
CREATE INDEX article_sources_outlet ON article_sources(outlet, article);
CREATE INDEX article_sources_url ON article_sources(url);

-- Named speakers (people, and organisations that speak), one row per normalized name.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,                -- casefolded, whitespace-collapsed name
    name TEXT NOT NULL,
    type TEXT,
    roles TEXT NOT NULL DEFAULT '[]',        -- JSON list of every role seen
    statement_count INTEGER NOT NULL DEFAULT 0,
    first_date TEXT,
    last_date TEXT
);

CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL,
    person INTEGER REFERENCES people(id),
    speaker TEXT,                            -- speaker_name, else the source span's text
    role TEXT,
    kind TEXT NOT NULL,
    stance TEXT NOT NULL,
    content TEXT NOT NULL,
    spans TEXT NOT NULL,                     -- JSON [[start, end], ...] into the article text
    cue TEXT,
    date TEXT,                               -- YYYY-MM-DD: statement time, else publication date
    time_value TEXT,                         -- the TIMEX3 value the date came from, if any
    published TEXT,
    outlet TEXT,
    UNIQUE (article, statement_id)
);
CREATE INDEX statements_person ON statements(person, date);
CREATE INDEX statements_date ON statements(date);
CREATE INDEX statements_stance ON statements(stance, date);
CREATE INDEX statements_kind ON statements(kind, date);

-- Inputs that could not be stored, and why. Re-running retries them.
CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    first_at TEXT NOT NULL,
    last_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    UNIQUE (origin, reason)
);
"""

# Version 2: full-text search, near-duplicate detection, time-anchored sentences.
V2 = """
ALTER TABLE articles ADD COLUMN near_duplicate_of INTEGER REFERENCES articles(id);
ALTER TABLE articles ADD COLUMN similarity REAL;
ALTER TABLE articles ADD COLUMN signature BLOB;
CREATE INDEX articles_near_duplicate_of ON articles(near_duplicate_of);
-- 1 when the statement's article is a near-duplicate (syndicated copy) of another.
ALTER TABLE statements ADD COLUMN copy INTEGER NOT NULL DEFAULT 0;

-- LSH buckets of each article's MinHash signature: candidates for near-duplicates.
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, article)
) WITHOUT ROWID;

-- Sentences anchored to a calendar date by a time expression (timeline entries that are not statements).
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    time_id TEXT NOT NULL,
    time_value TEXT NOT NULL,
    date TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    published TEXT,
    outlet TEXT,
    copy INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article, start)
);
CREATE INDEX events_date ON events(date);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='porter unicode61');
CREATE VIRTUAL TABLE statements_fts USING fts5(
    content, speaker, content='statements', content_rowid='id', tokenize='porter unicode61');
CREATE VIRTUAL TABLE events_fts USING fts5(
    text, content='events', content_rowid='id', tokenize='porter unicode61');
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');
"""


# Version 3: speaker lookups through a word index of names and roles; the speaker index covers
# the copy flag and the date, so a speaker's statements page without touching the table.
V3 = """
DROP INDEX statements_person;
CREATE INDEX statements_person ON statements(person, copy, date);
CREATE INDEX events_copy_date ON events(copy, date);
CREATE VIRTUAL TABLE people_fts USING fts5(
    name, roles, content='people', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
INSERT INTO people_fts(people_fts) VALUES ('rebuild');
"""

# Version 4: the article's author from its metadata (Article.author). Articles stored before
# have no author in their record: NULL.
V4 = """
ALTER TABLE articles ADD COLUMN author TEXT;
"""

# Version 5: identity out of the write path. Each statement's named speaker is stored with it (a
# per-article fact); the people table and statements.person are derived from these mentions by the
# link stage (storyline link), which records how far it has read in link_state.
V5 = """
CREATE TABLE speaker_mentions (
    statement INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    name TEXT NOT NULL,                      -- speaker_name, else the speaker entity's name
    type TEXT,                               -- the entity's type (PERSON, ORG, ...), if any
    roles TEXT NOT NULL DEFAULT '[]'         -- JSON list: the entity's roles in that article
);

-- How far each link stage has read: the last statement id it has folded in.
CREATE TABLE link_state (
    stage TEXT PRIMARY KEY,
    watermark INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT
);
"""


# Version 6: names that say one thing. `events` held dated sentences, not TimeML events; `people`
# held every named speaker (organisations and named groups too); statements.person pointed there.
# External-content FTS tables name their content table, so they are made again and rebuilt.
V6 = """
ALTER TABLE events RENAME TO dated_sentences;
DROP TABLE events_fts;
DROP INDEX events_date;
DROP INDEX events_copy_date;
CREATE INDEX dated_sentences_date ON dated_sentences(date);
CREATE INDEX dated_sentences_copy_date ON dated_sentences(copy, date);
CREATE VIRTUAL TABLE dated_sentences_fts USING fts5(
    text, content='dated_sentences', content_rowid='id', tokenize='porter unicode61');
INSERT INTO dated_sentences_fts(dated_sentences_fts) VALUES ('rebuild');

-- Named speakers: people, organisations and named groups ("Opposition lawmakers"), one row per
-- normalized name; derived from speaker_mentions by the link stage.
ALTER TABLE people RENAME TO speakers;
DROP TABLE people_fts;
CREATE VIRTUAL TABLE speakers_fts USING fts5(
    name, roles, content='speakers', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
INSERT INTO speakers_fts(speakers_fts) VALUES ('rebuild');
ALTER TABLE statements RENAME COLUMN person TO speaker_id;
DROP INDEX statements_person;
CREATE INDEX statements_speaker_id ON statements(speaker_id, copy, date);
UPDATE link_state SET stage = 'speakers' WHERE stage = 'people';
"""


def _v5_backfill(conn: sqlite3.Connection) -> None:
    """Store the speaker mention of every statement stored before, from its article's record.

    The people table those statements built is already up to date: the link stage starts after them.
    """
    import json

    from storyline.store.mentions import speaker_mention

    rows = conn.execute("SELECT id, record FROM articles ORDER BY id").fetchall()
    for pk, record_json in rows:
        record = json.loads(record_json)
        entities = {e["id"]: e for e in record.get("entities") or []}
        for st in record.get("statements") or []:
            mention = speaker_mention(entities, st)
            if mention is None:
                continue
            row = conn.execute("SELECT id FROM statements WHERE article = ? AND statement_id = ?", (pk, st["id"])).fetchone()
            if row is not None:
                conn.execute("INSERT OR IGNORE INTO speaker_mentions (statement, name, type, roles) VALUES (?, ?, ?, ?)",
                             (row[0], *mention))
    conn.execute("INSERT INTO link_state (stage, watermark) SELECT 'people', coalesce(max(id), 0) FROM statements")


def _v2_backfill(conn: sqlite3.Connection) -> None:
    """Give articles stored by version 1 their signatures, LSH buckets and dated sentences (table `events` then)."""
    import json

    from storyline.store import dated_sentences, dedup

    rows = conn.execute("SELECT id, text, record, published, outlet FROM articles ORDER BY id").fetchall()
    for pk, text, record_json, published, outlet in rows:
        signature = dedup.signature(text)
        if signature is not None:
            conn.execute("UPDATE articles SET signature = ? WHERE id = ?", (dedup.to_blob(signature), pk))
            conn.executemany(
                "INSERT OR IGNORE INTO minhash_bands (band, bucket, article) VALUES (?, ?, ?)",
                [(band, bucket, pk) for band, bucket in dedup.bands(signature)],
            )
        record = json.loads(record_json)
        record["text"] = text
        for sentence in dated_sentences.anchored_sentences(record):
            cursor = conn.execute(
                "INSERT INTO events (article, time_id, time_value, date, text, start, end, published, outlet, copy)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (article, start) DO NOTHING",
                (pk, sentence["time_id"], sentence["time_value"], sentence["date"], sentence["text"], sentence["start"],
                 sentence["end"], published, outlet),
            )
            if cursor.rowcount:
                conn.execute("INSERT INTO events_fts (rowid, text) VALUES (?, ?)", (cursor.lastrowid, sentence["text"]))


# Version 7: one person across the archive. Each PERSON and ORG entity of a stored article is linked
# by the link stage (storyline link) to an archive-wide identity, with the rule that linked it and
# the run that made the link; identity_keys is the blocking index (name keys), so linking one article
# reads the few identities that share its names, never all of them. Overrides (people merge/split)
# are kept apart from the derived tables: a recomputation reads them again.
V7 = """
CREATE TABLE identities (
    id INTEGER PRIMARY KEY,                  -- given in order of first sight: --full gives the same ids
    type TEXT NOT NULL,                      -- PERSON or ORG
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',      -- JSON list, names as written
    roles TEXT NOT NULL DEFAULT '[]',        -- JSON list of [role, first date, last date, [article record ids]]
    mention_count INTEGER NOT NULL DEFAULT 0,
    first_date TEXT,
    last_date TEXT,
    state TEXT NOT NULL                      -- JSON: all the linking reads of it (link.identities.Identity)
);
CREATE TABLE identity_keys (
    key TEXT NOT NULL,
    identity INTEGER NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
    PRIMARY KEY (key, identity)
) WITHOUT ROWID;
CREATE TABLE identity_mentions (
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity TEXT NOT NULL,                    -- the entity's id in the article's record
    identity INTEGER NOT NULL,
    rule TEXT NOT NULL,                      -- the rule that linked it (link.identities.RULES), or 'new'
    score REAL NOT NULL DEFAULT 0,           -- context names shared with the identity
    run INTEGER,                             -- link_runs.id
    PRIMARY KEY (article, entity)
);
CREATE INDEX identity_mentions_identity ON identity_mentions(identity);
CREATE TABLE link_runs (
    id INTEGER PRIMARY KEY,
    stage TEXT NOT NULL,
    full INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL,
    items INTEGER NOT NULL DEFAULT 0,
    watermark INTEGER NOT NULL DEFAULT 0
);
-- Each statement whose speaker is a linked entity, with that entity's identity.
CREATE TABLE identity_statements (
    statement INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    identity INTEGER NOT NULL
);
CREATE INDEX identity_statements_identity ON identity_statements(identity);
-- Every name of an identity, for `--speaker` and `storyline person NAME` (rowid = identities.id).
CREATE VIRTUAL TABLE identities_fts USING fts5(name, aliases, tokenize='unicode61 remove_diacritics 2');
CREATE TABLE identity_overrides (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    entities TEXT NOT NULL,                  -- JSON list of entity keys "<article record id>/<entity id>"
    created_at TEXT NOT NULL
);
"""



# Version 8: stories, derived by the link stage (storyline.link.stories) from stored articles. The
# clusterer's state is kept here so that placing one new article reads only what it needs: the
# stories its keys point to (story_postings), the document frequencies of its words (story_df).
V8 = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,                  -- given in order of creation by the link stage
    title TEXT,                              -- the representative headline
    first_date TEXT,
    last_date TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    outlets TEXT NOT NULL DEFAULT '[]',      -- JSON list, in order of first coverage
    moved INTEGER NOT NULL DEFAULT 0,        -- the last article (articles.id) that joined it
    state TEXT NOT NULL                      -- JSON: the clusterer's running evidence (link.stories.Story)
);
CREATE INDEX stories_moved ON stories(last_date, moved);

CREATE TABLE story_articles (
    article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story INTEGER NOT NULL REFERENCES stories(id),
    score REAL                               -- the evidence score that placed it; NULL: opened it, or a copy
);
CREATE INDEX story_articles_story ON story_articles(story, article);

-- The clusterer's inverted index (key -> the latest story ids that used it, JSON) and word counts.
CREATE TABLE story_postings (key TEXT PRIMARY KEY, stories TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
-- articles placed and the next story id (so a run resumes where the last one stopped)
CREATE TABLE story_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
"""



# Version 9: the record ids that exact duplicates arrived under, so that links to them resolve to
# the article they repeat (the duplicate itself is not stored).
V9 = """
CREATE TABLE article_aliases (
    record_id TEXT PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;
"""



# Version 10: each statement's act (Statement.act): say/write are statements; think, intend, do,
# perceive and other are attributions that are not speech, kept but listed and counted only on request.
V10 = """
ALTER TABLE statements ADD COLUMN act TEXT NOT NULL DEFAULT 'say';
CREATE INDEX statements_act ON statements(act, date);
"""


def _act_backfill(conn: sqlite3.Connection) -> None:
    """The act of every statement stored before, from its article's record (records made before acts
    existed have none: 'say'); then the speakers' counts and dates over what they said or wrote only."""
    import json

    from storyline.record import SPEECH_ACTS

    for pk, record_json in conn.execute("SELECT id, record FROM articles ORDER BY id").fetchall():
        acts = [(st["act"], pk, st["id"]) for st in json.loads(record_json).get("statements") or [] if st.get("act", "say") != "say"]
        conn.executemany("UPDATE statements SET act = ? WHERE article = ? AND statement_id = ?", acts)
    speech = ", ".join(f"'{act}'" for act in sorted(SPEECH_ACTS))
    counted = f"FROM statements s WHERE s.speaker_id = speakers.id AND s.copy = 0 AND s.act IN ({speech})"
    conn.execute(f"UPDATE speakers SET statement_count = (SELECT count(*) {counted}), first_date = (SELECT min(s.date) {counted}),"
                 f" last_date = (SELECT max(s.date) {counted})")
    conn.execute(f"UPDATE articles SET statement_count = (SELECT count(*) FROM statements s WHERE s.article = articles.id AND s.act IN ({speech}))")


# Version 11: the record's outlet is `outlet` (`source` says the speaker on a statement). Records
# stored before get the key from their `source`, which they keep as the deprecated alias.
V11 = """
UPDATE articles SET record = json_set(record, '$.outlet', json_extract(record, '$.source'))
WHERE json_type(record, '$.outlet') IS NULL;
"""


# Version 12: claims and quotes, derived by the link stage (storyline.link.claims). Each said or
# written statement stands for a claim (its own, or the earlier one it confirms or repeats); claim_links
# hold what each statement did to earlier claims (confirms, denies, repeats, withdraws) with the rule
# that linked them; quoted words are folded into quotes with every use and wording variant. Postings are
# the candidate indexes (key word -> statements, shingle -> quotes), read capped to the latest.
V12 = """
CREATE TABLE claim_statements (
    statement INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    claim INTEGER NOT NULL,                  -- the claim it stands for: itself, or the claim it confirms or repeats
    relation TEXT,                           -- its relation to that claim (NULL: a claim of its own)
    state TEXT NOT NULL                      -- JSON: what claim linking reads of it (link.claims.ClaimStatement)
);
CREATE INDEX claim_statements_claim ON claim_statements(claim);
CREATE TABLE claim_postings (
    key TEXT NOT NULL,
    statement INTEGER NOT NULL,
    PRIMARY KEY (key, statement)
) WITHOUT ROWID;
CREATE TABLE claim_links (
    statement INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    claim INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    relation TEXT NOT NULL,                  -- confirms / denies / repeats / withdraws
    rule TEXT NOT NULL,                      -- link.relation.RELATION_RULES
    score REAL NOT NULL,                     -- the relation model's probability that the two are related
    via INTEGER NOT NULL,                    -- the statement it answered (the claim, or one that repeated it)
    reversal INTEGER NOT NULL DEFAULT 0,     -- the claim's own speaker denies or withdraws it
    PRIMARY KEY (statement, claim)
);
CREATE INDEX claim_links_claim ON claim_links(claim, relation);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,                  -- given in order of first use: --full gives the same ids
    words TEXT NOT NULL,                     -- JSON list: the words as first quoted, normalized
    uses INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE quote_uses (
    statement INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,                  -- offsets of the quoted words in the article text
    end INTEGER NOT NULL,
    quote INTEGER NOT NULL,
    text TEXT NOT NULL,
    variant INTEGER NOT NULL DEFAULT 0,      -- 1: the wording differs from the quote's (possible misquote)
    PRIMARY KEY (statement, start)
);
CREATE INDEX quote_uses_quote ON quote_uses(quote);
CREATE TABLE quote_postings (
    key TEXT NOT NULL,
    quote INTEGER NOT NULL,
    PRIMARY KEY (key, quote)
) WITHOUT ROWID;
CREATE TABLE claim_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
"""


Migration = tuple[str, Callable[[sqlite3.Connection], None] | None]

MIGRATIONS: list[Migration] = [
    (V1, None),
    (V2, _v2_backfill),
    (V3, None),
    (V4, None),
    (V5, _v5_backfill),
    (V6, None),
    (V7, None),
    (V8, None),
    (V9, None),
    (V10, _act_backfill),
    (V11, None),
    (V12, None),
]

LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Apply every migration after the db's version, up to `target`; return the new version.

    `conn` must be in autocommit mode (isolation_level=None): each step runs in its own
    BEGIN IMMEDIATE ... COMMIT, together with its user_version bump.
    """
    current = version(conn)
    if current > LATEST:
        raise RuntimeError(f"database schema version {current} is newer than this storyline ({LATEST}); upgrade storyline")
    for number in range(current + 1, target + 1):
        sql, backfill = MIGRATIONS[number - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version(conn) >= number:  # another process migrated while this one waited for the lock
                conn.execute("COMMIT")
                continue
            # Statements one by one: executescript() would commit our transaction.
            for statement in _split(sql):
                conn.execute(statement)
            if backfill is not None:
                backfill(conn)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version(conn)


def _split(script: str) -> list[str]:
    """The SQL statements of a script (complete_statement knows about strings and comments)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        statements.append(buffer.strip())
    return statements
