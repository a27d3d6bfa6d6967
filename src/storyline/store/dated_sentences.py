"""Dated sentences: the sentences around time expressions that name a calendar date, for timelines.

(Not TimeML EVENTs: a dated sentence is any sentence holding such a time expression.) A sentence
that is (part of) a statement is left out: the statement itself is on the timeline.
"""
from __future__ import annotations

import re
import sqlite3

from storyline.store.dates import calendar_date

MAX_SENTENCE = 600  # characters; longer "sentences" are layout debris (lists, tables)
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the sentence containing text[start:end], by punctuation and line breaks."""
    left = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        left = m.end()
    m = _BOUNDARY.search(text, end)
    right = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else len(text))
    # keep closing quotes/brackets that follow the terminator
    while right < len(text) and text[right] in "\"'”’)]":
        right += 1
    while left < right and text[left].isspace():
        left += 1
    return left, max(right, end)


def anchored_sentences(record: dict) -> list[dict]:
    """One entry per sentence holding a time expression with a calendar date (first such time wins)."""
    text: str = record["text"]
    statement_spans = [
        (part[0], part[1]) for st in record.get("statements") or [] for part in (st.get("content") or {}).get("spans") or []
    ]
    seen: set[int] = set()
    result = []
    for time in sorted(record.get("times") or [], key=lambda t: t["start"]):
        if time.get("type") not in ("DATE", "TIME"):
            continue
        when = calendar_date(time.get("value"))
        if when is None:
            continue
        start, end = sentence_bounds(text, time["start"], time["end"])
        if start in seen or end - start > MAX_SENTENCE:
            continue
        if any(s < end and start < e for s, e in statement_spans):
            continue
        seen.add(start)
        result.append({"time_id": time["id"], "time_value": time["value"], "date": when, "text": text[start:end], "start": start, "end": end})
    return result


def insert_dated_sentences(conn: sqlite3.Connection, article: int, record: dict, published: str | None, outlet: str | None, copy: int) -> None:
    for sentence in anchored_sentences(record):
        cursor = conn.execute(
            "INSERT INTO dated_sentences (article, time_id, time_value, date, text, start, end, published, outlet, copy)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article, start) DO NOTHING",
            (article, sentence["time_id"], sentence["time_value"], sentence["date"], sentence["text"], sentence["start"], sentence["end"],
             published, outlet, copy),
        )
        if cursor.rowcount:
            conn.execute("INSERT INTO dated_sentences_fts (rowid, text) VALUES (?, ?)", (cursor.lastrowid, sentence["text"]))
