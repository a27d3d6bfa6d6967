"""Claims and quotes in the archive: what claim linking (storyline.link.claims) reads since its
watermark and writes per batch, and the queries that list claims and a quote's provenance.

Schema v12. The link stage writes one batch's links, uses, changed state and new watermark in one
transaction; a full run starts from nothing (ids of quotes are given again in order of first use).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from storyline.record import SPEECH_ACTS
from storyline.store.store import Store
from storyline.wordlists import word_set

CLAIMS = "claims"  # the stage's name in link_state: its watermark is the last statement id linked
SPEECH = ", ".join(f"'{act}'" for act in sorted(SPEECH_ACTS))
RETRACT_VERBS = sorted(word_set("retract_verbs.txt"))


def reaches_claims(act: str | None, cue: str | None) -> bool:
    """Claim linking reads what was said or written, and a withdrawal whatever its act: "the authority
    withdrew the memo" is an action, and it is what happened to the memo's claim."""
    return (act or "say") in SPEECH_ACTS or bool(set((cue or "").lower().split()) & set(RETRACT_VERBS))


# `reaches_claims` in SQL, over statements s
REACHES_CLAIMS = f"(s.act IN ({SPEECH}) OR " + " OR ".join(
    f"' ' || lower(s.cue) || ' ' LIKE '% {verb} %'" for verb in RETRACT_VERBS) + ")"
DENIALS = ("denies", "withdraws")

# (statement id, article id, statement id in the record, content, spans JSON, kind, stance, cue,
#  speaker as written, speaker key, story id, date)
ClaimInputRow = tuple[int, int, str, str, str, str, str, str | None, str | None, str | None, int | None, str | None]


def watermark(store: Store) -> int:
    row = store.conn.execute("SELECT watermark FROM link_state WHERE stage = ?", (CLAIMS,)).fetchone()
    return row[0] if row else 0


def claim_inputs(store: Store, after: int, limit: int) -> list[ClaimInputRow]:
    """The next `limit` statements claim linking reads (`reaches_claims`) after statement id `after`
    (syndicated copies left out: their words are their original's), in id order, with their speaker key
    (an identity, else a speaker) and story."""
    return store.conn.execute(
        "SELECT s.id, s.article, s.statement_id, s.content, s.spans, s.kind, s.stance, s.cue, s.speaker,"
        " coalesce('i' || i.identity, 's' || s.speaker_id), sa.story, s.date FROM statements s"
        " LEFT JOIN identity_statements i ON i.statement = s.id LEFT JOIN story_articles sa ON sa.article = s.article"
        f" WHERE s.id > ? AND s.copy = 0 AND {REACHES_CLAIMS} ORDER BY s.id LIMIT ?",
        (after, limit),
    ).fetchall()


def article_texts(store: Store, articles: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(articles))
    out: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out.update(store.conn.execute(f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return out


def statement_states(store: Store, keys: Iterable[int]) -> dict[int, tuple[str, int, str | None]]:
    """statement id -> (state JSON, claim, relation) for the linked statements among `keys`."""
    keys = list(keys)
    out: dict[int, tuple[str, int, str | None]] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        for pk, state, claim, relation in store.conn.execute(
            f"SELECT statement, state, claim, relation FROM claim_statements WHERE statement IN ({','.join('?' * len(chunk))})", chunk
        ):
            out[pk] = (state, claim, relation)
    return out


def postings(store: Store, key: str, cap: int) -> list[int]:
    """The latest `cap` statements filed under a key word, oldest first."""
    rows = store.conn.execute("SELECT statement FROM claim_postings WHERE key = ? ORDER BY statement DESC LIMIT ?", (key, cap)).fetchall()
    return [r[0] for r in reversed(rows)]


def quote_postings(store: Store, key: str, cap: int) -> list[int]:
    rows = store.conn.execute("SELECT quote FROM quote_postings WHERE key = ? ORDER BY quote DESC LIMIT ?", (key, cap)).fetchall()
    return [r[0] for r in reversed(rows)]


def quote_row(store: Store, quote_id: int) -> tuple[list[str], int] | None:
    row = store.conn.execute("SELECT words, uses FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    return (json.loads(row[0]), row[1]) if row else None


def next_quote_id(store: Store) -> int:
    row = store.conn.execute("SELECT value FROM claim_counters WHERE name = 'next_quote'").fetchone()
    return row[0] if row else 1


@dataclass(slots=True)
class ClaimBatch:
    """One batch of claim linking's output, written in one transaction."""

    statements: list[tuple[int, int, str | None, str]] = field(default_factory=list)  # (statement, claim, relation, state JSON)
    postings: list[tuple[str, int]] = field(default_factory=list)  # (key, statement)
    links: list[tuple[int, int, str, str, float, int, bool]] = field(default_factory=list)  # (statement, claim, relation, rule, score, via, reversal)
    quotes: list[tuple[int, list[str], int]] = field(default_factory=list)  # (id, words, uses)
    uses: list[tuple[int, int, int, int, str, bool]] = field(default_factory=list)  # (statement, start, end, quote, text, variant)
    quote_postings: list[tuple[str, int]] = field(default_factory=list)  # (key, quote)
    next_quote: int = 1


def write_claims(store: Store, batch: ClaimBatch, upto: int, full: bool = False) -> None:
    """Store one batch of claim links and quote uses, the changed state and the new watermark.
    `full`: the result replaces every claim and quote."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction() as conn:
        if full:
            for table in ("claim_statements", "claim_postings", "claim_links", "quotes", "quote_uses", "quote_postings", "claim_counters"):
                conn.execute(f"DELETE FROM {table}")
        conn.executemany("INSERT OR REPLACE INTO claim_statements (statement, claim, relation, state) VALUES (?, ?, ?, ?)", batch.statements)
        conn.executemany("INSERT OR IGNORE INTO claim_postings (key, statement) VALUES (?, ?)", batch.postings)
        conn.executemany(
            "INSERT OR REPLACE INTO claim_links (statement, claim, relation, rule, score, via, reversal) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(s, c, r, rule, score, via, int(rev)) for s, c, r, rule, score, via, rev in batch.links],
        )
        conn.executemany("INSERT OR REPLACE INTO quotes (id, words, uses) VALUES (?, ?, ?)", [(i, json.dumps(w), n) for i, w, n in batch.quotes])
        conn.executemany(
            "INSERT OR REPLACE INTO quote_uses (statement, start, end, quote, text, variant) VALUES (?, ?, ?, ?, ?, ?)",
            [(s, a, b, q, t, int(v)) for s, a, b, q, t, v in batch.uses],
        )
        conn.executemany("INSERT OR IGNORE INTO quote_postings (key, quote) VALUES (?, ?)", batch.quote_postings)
        conn.execute("INSERT OR REPLACE INTO claim_counters (name, value) VALUES ('next_quote', ?)", (batch.next_quote,))
        conn.execute(
            "INSERT INTO link_state (stage, watermark, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (stage) DO UPDATE SET watermark = excluded.watermark, updated_at = excluded.updated_at",
            (CLAIMS, upto, now),
        )


# --- queries ---------------------------------------------------------------------------------------

_STATEMENT = ("SELECT s.id, a.record_id, s.statement_id, s.speaker, s.content, s.stance, s.date, a.outlet, sa.story"
              " FROM statements s JOIN articles a ON a.id = s.article LEFT JOIN story_articles sa ON sa.article = s.article")


def _said(row) -> dict:
    pk, article, sid, speaker, content, stance, date, outlet, story = row
    return {"statement": pk, "article": article, "statement_id": sid, "speaker": speaker, "content": content,
            "stance": stance, "date": date, "outlet": outlet, "story": story}


def claims(store: Store, story: int | None = None, denied: bool = False, speaker: str | None = None,
           limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(total, page) of claims with everyone who confirmed, denied, repeated or withdrew them, in date
    order. `story`: claims made or answered in that story; `denied`: only claims someone denied or
    withdrew; `speaker`: claims made or answered by a speaker whose name contains it."""
    where, params = [], []
    if denied:
        where.append(f"EXISTS (SELECT 1 FROM claim_links d WHERE d.claim = c.claim AND d.relation IN ({', '.join('?' * len(DENIALS))}))")
        params += list(DENIALS)
    if story is not None:
        where.append("(EXISTS (SELECT 1 FROM story_articles sa JOIN statements s ON s.article = sa.article WHERE s.id = c.claim AND sa.story = ?)"
                     " OR EXISTS (SELECT 1 FROM claim_links l JOIN statements s ON s.id = l.statement"
                     " JOIN story_articles sa ON sa.article = s.article WHERE l.claim = c.claim AND sa.story = ?))")
        params += [story, story]
    if speaker:
        like = f"%{speaker.strip()}%"
        where.append("(EXISTS (SELECT 1 FROM statements s WHERE s.id = c.claim AND s.speaker LIKE ?)"
                     " OR EXISTS (SELECT 1 FROM claim_links l JOIN statements s ON s.id = l.statement WHERE l.claim = c.claim AND s.speaker LIKE ?))")
        params += [like, like]
    sql = "SELECT DISTINCT claim FROM claim_links c" + (" WHERE " + " AND ".join(where) if where else "")
    ids = [r[0] for r in store.conn.execute(sql, params).fetchall()]
    if not ids:
        return 0, []
    dated = {r[0]: r[1] or "" for r in store.conn.execute(f"SELECT id, date FROM statements WHERE id IN ({','.join('?' * len(ids))})", ids)}
    ordered = sorted(ids, key=lambda i: (dated.get(i, ""), i))
    page = ordered[offset : offset + limit]
    return len(ordered), [claim(store, pk) for pk in page]


def claim(store: Store, pk: int) -> dict | None:
    """One claim: its statement and every statement linked to it, in date order."""
    row = store.conn.execute(_STATEMENT + " WHERE s.id = ?", (pk,)).fetchone()
    if row is None:
        return None
    links = store.conn.execute(
        _STATEMENT.replace("SELECT s.id,", "SELECT l.relation, l.rule, l.score, l.reversal, s.id,")
        + " JOIN claim_links l ON l.statement = s.id WHERE l.claim = ? ORDER BY s.date, s.id", (pk,)
    ).fetchall()
    answers = [{**_said(r[4:]), "relation": r[0], "rule": r[1], "score": r[2], "reversal": bool(r[3])} for r in links]
    counts = {relation: sum(1 for a in answers if a["relation"] == relation) for relation in ("confirms", "denies", "repeats", "withdraws")}
    return {**_said(row), "links": answers, "counts": counts, "contested": counts["denies"] + counts["withdraws"] > 0,
            "reversals": sum(1 for a in answers if a["reversal"])}


def quote(store: Store, quote_id: int) -> dict | None:
    """A quote's provenance: its words, the first outlet and time that carried it, every use in date
    order, and the wording variants side by side."""
    found = quote_row(store, quote_id)
    if found is None:
        return None
    rows = store.conn.execute(
        _STATEMENT.replace("SELECT s.id,", "SELECT q.text, q.variant, q.start, q.end, s.id,")
        + " JOIN quote_uses q ON q.statement = s.id WHERE q.quote = ? ORDER BY s.date, s.id, q.start", (quote_id,)
    ).fetchall()
    uses = [{**_said(r[4:]), "text": r[0], "variant": bool(r[1]), "start": r[2], "end": r[3]} for r in rows]
    first = uses[0] if uses else None
    variants = sorted({u["text"] for u in uses if u["variant"]})
    return {"id": quote_id, "words": " ".join(found[0]), "uses": uses, "first": first,
            "outlets": list(dict.fromkeys(u["outlet"] for u in uses if u["outlet"])), "variants": variants}


def quotes(store: Store, story: int | None = None, repeated: bool = True, limit: int = 50) -> list[dict]:
    """Quotes (used more than once with `repeated`), most used first; `story`: used in that story."""
    sql = ("SELECT q.id, q.words, count(*), sum(u.variant), min(s.date) FROM quotes q JOIN quote_uses u ON u.quote = q.id"
           " JOIN statements s ON s.id = u.statement")
    params: list = []
    if story is not None:
        sql += " WHERE q.id IN (SELECT u2.quote FROM quote_uses u2 JOIN statements s2 ON s2.id = u2.statement JOIN story_articles sa ON sa.article = s2.article WHERE sa.story = ?)"
        params.append(story)
    sql += " GROUP BY q.id" + (" HAVING count(*) > 1" if repeated else "") + " ORDER BY count(*) DESC, q.id LIMIT ?"
    params.append(limit)
    return [{"id": i, "words": " ".join(json.loads(w)), "uses": n, "variants": v or 0, "first_date": d}
            for i, w, n, v, d in store.conn.execute(sql, params).fetchall()]
