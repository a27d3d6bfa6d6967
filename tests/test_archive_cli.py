"""The archive commands end to end: ingest files of every kind, query in every format, survive SIGKILL."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_ingest_feed import RSS
from test_ingest_warc import write_warc
from test_store_helpers import WIRE, news_text

from storyline.cli import main

SRC = Path(__file__).resolve().parents[1] / "src"
MAIN = "import sys; from storyline.cli import main; sys.exit(main())"


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exit:
        code = exit.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A folder of inputs (feed, WARC, JSONL with a duplicate, a syndicated copy and a German text), ingested once."""
    root = tmp_path_factory.mktemp("inputs")
    (root / "planet.rss").write_text(RSS, encoding="utf-8")
    write_warc(root / "crawl.warc.gz", gz=True)
    lines = [
        {"text": news_text(11), "url": "https://a.example/11", "source": "Alpha", "published": "2021-02-01"},
        {"text": news_text(12), "url": "https://a.example/12", "source": "Alpha", "published": "2021-02-03"},
        {"text": news_text(11), "url": "https://b.example/11", "source": "Beta"},  # exact duplicate
        {"text": "Buses for the north\n\n" + WIRE, "url": "https://a.example/wire", "source": "Alpha"},
        {"text": "Bus plan approved\n\n" + WIRE + "Residents welcomed it.", "url": "https://c.example/wire", "source": "Gamma"},
        {"text": "Der Bürgermeister sagte am Dienstag, dass die Stadt das Busnetz im Norden ausbauen werde, und die Kritiker "
                 "meinen, der Plan sei zu teuer und die Bewohner seien nicht gefragt worden."},
    ]
    (root / "batch.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "archive.db"
    return root, db


@pytest.fixture(scope="module")
def ingested(archive):
    root, db = archive
    stderr = io.StringIO()
    old = sys.stderr
    sys.stderr = stderr
    try:
        code = main(["ingest", str(root), "--db", str(db), "--jobs", "1", "--no-progress", "--published", "2021-03-15"])
    finally:
        sys.stderr = old
    return code, stderr.getvalue(), db


def test_ingest_summary_and_exit_status(ingested):
    code, err, db = ingested
    # rss: 2 items + 1 empty; warc: 2 pages + 1 broken record; jsonl: 5 English (1 duplicate), 1 German
    assert code == 1  # something failed
    assert "ingested 8, skipped as duplicate 1, near-duplicates linked 1, failed 3" in err


def test_failures_command(ingested, capsys):
    _, _, db = ingested
    code, out, _ = run(capsys, "failures", "--db", str(db), "--format", "jsonl")
    assert code == 0
    reasons = sorted(json.loads(line)["reason"].split(" ")[0] for line in out.splitlines())
    assert reasons == ["broken", "no", "not"]


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_statements_formats(ingested, capsys, fmt):
    _, _, db = ingested
    code, out, _ = run(capsys, "statements", "--db", str(db), "--format", fmt, "--limit", "500")
    assert code == 0
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
        assert rows, "the NLP finds statements in the generated news"
        assert all(r["speaker"] for r in rows if r["speaker_id"] is not None)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and {"speaker", "stance", "content", "date", "outlet"} <= set(rows[0])
    else:
        assert out.splitlines()[0].split()[:4] == ["date", "speaker", "stance", "kind"]


def test_statement_filters_from_the_command_line(ingested, capsys):
    _, _, db = ingested
    _, out, _ = run(capsys, "statements", "--db", str(db), "--format", "jsonl", "--since", "2021-02-02", "--until", "2021-02-28",
                    "--outlet", "alpha", "--limit", "500")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all("2021-02-02" <= r["date"] <= "2021-02-28" for r in rows)
    assert {r["article_id"] for r in rows} == {rows[0]["article_id"]}  # only text 12 is in that window
    # Outlet "Beta" only sent a duplicate of text 11: its statements are found through the duplicate's source.
    _, beta, _ = run(capsys, "statements", "--db", str(db), "--format", "jsonl", "--outlet", "Beta", "--limit", "500")
    assert beta and {json.loads(line)["outlet"] for line in beta.splitlines()} == {"Alpha"}
    code, _, err = run(capsys, "statements", "--db", str(db), "--since", "someday")
    assert code == 2 and "not a date" in err


def test_people_search_timeline_export(ingested, capsys, tmp_path):
    _, _, db = ingested
    code, out, _ = run(capsys, "people", "--db", str(db), "--format", "jsonl")
    people = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and people and people == sorted(people, key=lambda p: -p["statements"])
    name = people[0]["name"]
    _, out, _ = run(capsys, "statements", "--db", str(db), "--speaker", name.split()[-1].lower(), "--format", "jsonl", "--limit", "1000")
    assert name in {json.loads(line)["speaker"] for line in out.splitlines()}

    code, out, _ = run(capsys, "search", "bus network", "--db", str(db), "--format", "jsonl")
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {h["kind"] for h in hits} == {"article", "statement"}
    assert [h["score"] for h in hits] == sorted(h["score"] for h in hits)
    assert all("[bus]" in h["snippet"].lower() and "[network]" in h["snippet"].lower() for h in hits)

    code, out, _ = run(capsys, "timeline", "--db", str(db), "--format", "csv", "--limit", "1000")
    dates = [row["date"] for row in csv.DictReader(io.StringIO(out))]
    assert code == 0 and dates and dates == sorted(dates)

    target = tmp_path / "all.jsonl"
    code, _, err = run(capsys, "export", "--format", "jsonl", "-o", str(target), "--db", str(db))
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0 and len(records) == 8 and "exported 8" in err
    code, _, _ = run(capsys, "export", "--format", "parquet", "-o", str(tmp_path / "all.parquet"), "--db", str(db))
    import pyarrow.parquet as pq

    assert code == 0 and pq.read_table(tmp_path / "all.parquet").num_rows == 8


def test_db_from_environment_and_missing_db(ingested, capsys, monkeypatch, tmp_path):
    _, _, db = ingested
    monkeypatch.setenv("STORYLINE_DB", str(db))
    code, out, _ = run(capsys, "people", "--format", "jsonl")
    assert code == 0 and out.strip()
    code, _, err = run(capsys, "people", "--db", str(tmp_path / "nothing.db"))
    assert code == 2 and "no archive" in err


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created (or not migrated) yet
        return 0


def test_killed_ingest_resumes_and_stores_every_article_once(tmp_path):
    total = 120
    source = tmp_path / "many.jsonl"
    source.write_text(
        "".join(json.dumps({"text": news_text(1000 + i), "source": "Kill Test", "published": "2022-01-01"}) + "\n" for i in range(total)),
        encoding="utf-8",
    )
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}", "OMP_NUM_THREADS": "1"}
    command = [sys.executable, "-c", MAIN, "ingest", str(source), "--db", str(db), "--jobs", "2", "--no-progress"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while _count(db) < 10:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        try:  # the workers it spawned share its process group
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    stored = _count(db)
    assert 10 <= stored < total, "killed midway"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"ingested {total - stored}, skipped as duplicate {stored}," in rerun.stderr

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (total, total)
        origins = [r[0] for r in conn.execute("SELECT origin FROM article_sources")]
        assert sorted(origins) == sorted(f"{source}:{i}" for i in range(1, total + 1))  # each line once
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')")
        per_article = dict(conn.execute("SELECT article, count(*) FROM statements GROUP BY article"))
        for pk, expected in conn.execute("SELECT id, statement_count FROM articles"):
            assert per_article.get(pk, 0) == expected


def test_statements_all_lists_beliefs_intentions_and_actions_too(tmp_path, capsys):
    from test_store_helpers import acts_archive

    db = str(acts_archive(tmp_path / "acts.db"))
    code, out, _ = run(capsys, "statements", "--db", db, "--format", "jsonl")
    assert code == 0 and [json.loads(line)["act"] for line in out.splitlines()] == ["say"]
    code, out, _ = run(capsys, "statements", "--db", db, "--format", "jsonl", "--all")
    assert code == 0 and sorted(json.loads(line)["act"] for line in out.splitlines()) == ["intend", "say", "think"]
    code, out, _ = run(capsys, "statements", "--db", db, "--format", "jsonl", "--act", "intend")
    assert code == 0 and [json.loads(line)["act"] for line in out.splitlines()] == ["intend"]
    code, out, _ = run(capsys, "statements", "--db", db, "--all")
    assert code == 0 and "act" in out.splitlines()[0].split() and "think" in out
    code, out, _ = run(capsys, "timeline", "--db", db, "--format", "jsonl", "--all")
    assert code == 0 and sorted(r["act"] for r in map(json.loads, out.splitlines()) if r["kind"] == "statement") == ["intend", "say", "think"]
    code, out, _ = run(capsys, "people", "--db", db, "--format", "jsonl")
    # people are identities (mentioned people too); their counts hold what they said or wrote only
    assert code == 0 and {r["name"]: r["statements"] for r in map(json.loads, out.splitlines())} == {"Joe Biden": 1, "Jen Psaki": 0}
