"""Bounded cost and no silent loss: what a long input, a cut file or a stopped server must not do."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import storyline
from storyline.nlp.intervals import SortedRanges, line_number

NLP_CODE = str(Path(storyline.__file__).resolve().parent)

# Made up: named, pronoun and described speakers, a quote continued without a cue, dates.
PARAGRAPHS = [
    '"We will not close the harbor this year," Mayor Ellen Park said on Monday.',
    '"The port is the heart of this city. I will fight for every job in it."',
    "Park, who has led the city since 2019, told reporters the budget was sound.",
    "She said the council would vote on the plan in April.",
    'The Port Authority said in a statement that it "has no plans" to cut jobs.',
    "It added that talks with the union would resume next week.",
    '"It is too early to say," said Tom Reyes, a spokesman for the union, adding that talks would resume in March.',
    "The spokesman declined to comment further.",
]
# Made up: a transcript, each line led by its speaker's label.
TRANSCRIPT = [
    "PENCE: Well, look, we will not close the harbor this year, and I said so on Monday.",
    "KAINE: That is not what the governor told the council in March, and you know it.",
    "MODERATOR: Senator, your response on the budget, please, in thirty seconds.",
]


def _calls_to_analyze(paragraphs: list[str], repeats: int) -> tuple[int, int]:
    """(storyline's own Python calls, statements) to analyse the paragraphs repeated `repeats` times."""
    text = "Harbor debate\n\n" + "\n\n".join(paragraphs * repeats)
    calls = 0

    def count(frame, event, arg) -> None:
        nonlocal calls
        if event == "call" and frame.f_code.co_filename.startswith(NLP_CODE):
            calls += 1

    storyline.analyze(text[:200], published="2021-03-08")  # models loaded and caches warm before counting
    sys.setprofile(count)
    try:
        article = storyline.analyze(text, published="2021-03-08")
    finally:
        sys.setprofile(None)
    return calls, len(article.statements)


@pytest.mark.parametrize("paragraphs, repeats", [(PARAGRAPHS, 6), (TRANSCRIPT, 16)], ids=["news", "transcript"])
def test_analysis_work_grows_linearly_with_the_number_of_statements(paragraphs, repeats):
    """Twice the statements, about twice the work: a step comparing every statement (quote, mention,
    time) with every other did 3.4 times the calls for twice the text. Counted calls, not time."""
    small_calls, small_statements = _calls_to_analyze(paragraphs, repeats)
    large_calls, large_statements = _calls_to_analyze(paragraphs, 2 * repeats)
    assert large_statements >= 2 * small_statements - 2
    assert large_calls / small_calls < 2.4, (small_calls, large_calls)


@pytest.mark.parametrize("ranges, start, end", [
    ([(0, 5), (3, 9), (20, 30), (22, 24), (40, 41)], 23, 23),
    ([(0, 100), (10, 12), (50, 60)], 70, 80),
    ([(5, 6), (7, 8)], 0, 4),
    ([], 0, 10),
])
def test_sorted_ranges_find_every_overlapping_range(ranges, start, end):
    index = SortedRanges(ranges)
    overlapping = [r for r in ranges if r[0] < end and start < r[1]]
    assert set(overlapping) <= set(index.near(start, end))
    for offset in range(start - 3, end + 3):
        assert index.covers(offset) == any(s <= offset < e for s, e in ranges)


def test_line_number_counts_the_line_breaks_before_an_offset():
    text = "a\nbb\n\nccc\n"
    assert [line_number(text, i) for i in range(len(text) + 1)] == [text.count("\n", 0, i) for i in range(len(text) + 1)]


# -- serve: a time budget per analysis, and SIGTERM ends it ----------------------------------


def test_analyze_past_its_time_budget_is_a_503_json_error(tmp_path, monkeypatch):
    import importlib
    import threading

    from fastapi.testclient import TestClient

    from storyline.server import create_app
    from storyline.api.limits import TimeBudget
    from test_web_helpers import build_archive

    release, finished = threading.Event(), threading.Event()

    def analysis_that_waits(*args, **kwargs):  # runs until the test lets it go: no race with a loaded machine
        release.wait(60)
        finished.set()

    monkeypatch.setattr(importlib.import_module("storyline.analyze"), "analyze", analysis_that_waits)
    app = create_app(build_archive(tmp_path / "archive.db"))
    app.add_middleware(TimeBudget, seconds=0.5)
    with TestClient(app) as client:
        response = client.post("/analyze", json={"text": "The minister said the harbor would stay open."})
        assert not finished.is_set()  # the answer came while the analysis was still running
        release.set()
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/json"
    assert "time budget" in response.json()["detail"]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_stops_on_sigterm_during_a_long_analysis(tmp_path):
    import json
    import os
    import signal
    import subprocess
    import threading
    import time
    import urllib.request

    from test_web_helpers import build_archive

    port = _free_port()
    db = build_archive(tmp_path / "archive.db")
    server = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 60
        while True:  # until it answers
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.3)
        body = json.dumps({"text": "\n\n".join(PARAGRAPHS * 400)}).encode()  # about 250 KB: a minute or more

        def post() -> None:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/analyze", data=body,
                                             headers={"content-type": "application/json"})
            try:
                urllib.request.urlopen(request, timeout=120).read()
            except OSError:
                pass  # the server going away answers nothing

        threading.Thread(target=post, daemon=True).start()
        time.sleep(3)  # the analysis is in flight (loading the pipeline or running it)
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail("serve was still running 10 s after SIGTERM")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


# -- an exact duplicate's id still leads somewhere ---------------------------------------------


def test_an_exact_duplicate_under_another_id_is_an_alias_of_the_stored_article(tmp_path):
    from dataclasses import replace

    from storyline.store import Store, queries
    from test_web_helpers import bridges

    original = bridges()
    with Store.open(tmp_path / "archive.db") as store:
        store.add_article(original, origin="wire.jsonl:1")
        assert store.add_article(replace(original, id="syndicated-7"), origin="paper.jsonl:1").status == "duplicate"
        # ingest finds a duplicate before analysis by its hash: the id it came under is kept too
        digest = store.conn.execute("SELECT content_hash FROM articles").fetchone()[0]
        assert store.add_source(digest, "https://paper.example/8", "Paper", "paper.jsonl:2", record_id="syndicated-8")
        for alias in ("syndicated-7", "syndicated-8"):
            found = queries.article(store, alias)
            assert found is not None and found.record["id"] == original.id
        assert queries.article(store, "never-stored") is None
        assert queries.article_people(store, "syndicated-7") == queries.article_people(store, original.id)


# -- a publication date given as a month or a year ---------------------------------------------


@pytest.mark.parametrize("published", ["1998-01", "1998"])
def test_a_month_or_year_of_publication_is_kept_as_given(tmp_path, published):
    from storyline.store import Store, queries

    text = ("Harbor vote delayed\n\nThe mayor said on Tuesday that the council would vote on the harbor plan "
            "next month, after the port authority publishes its figures on jobs and dredging costs.")
    article = storyline.analyze(text, published=published, id="partial-date")
    assert article.published == published
    assert all(t.value is None or not t.value.startswith(("1997", "1998")) for t in article.times if t.text == "Tuesday")
    with Store.open(tmp_path / "archive.db") as store:
        store.add_article(article, origin="test")
        assert queries.article(store, "partial-date").record["published"] == published


def test_a_malformed_publication_date_still_fails_with_the_forms_it_takes():
    with pytest.raises(ValueError, match="YYYY-MM"):
        storyline.analyze("The mayor said the harbor would stay open for now, and the council agreed.", published="1998-13")


# -- two ingests at once on a new archive -------------------------------------------------------


def test_a_migration_another_process_applied_while_this_one_waited_is_skipped(tmp_path, monkeypatch):
    """Two processes open a new archive at once: both read version 0, one creates the tables, the
    other gets the write lock next and must not create them again ("table articles already exists")."""
    import sqlite3

    from storyline.store import Store, schema

    path = tmp_path / "archive.db"
    late = sqlite3.connect(path, isolation_level=None)
    late.execute("PRAGMA busy_timeout = 10000")
    assert schema.version(late) == 0
    Store.open(path).close()  # the other process: creates and migrates the archive
    real_version, reads = schema.version, []

    def stale_first(conn):  # the late process read the version before the other one migrated
        reads.append(conn)
        return 0 if len(reads) == 1 else real_version(conn)

    monkeypatch.setattr(schema, "version", stale_first)
    assert schema.migrate(late) == schema.LATEST
    late.close()
    with Store.open(path) as store:
        assert real_version(store.conn) == schema.LATEST


# -- ingest --jobs 2: Ctrl-C and a killed parent ---------------------------------------------------


def _children(pid: int) -> list[int]:
    from pathlib import Path

    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found += [int(p) for p in children.read_text().split()]
    return found


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _start_ingest(tmp_path):
    import json
    import os
    import signal
    import subprocess
    import time

    from test_store_helpers import news_text

    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps({"id": f"a{n}", "text": news_text(n)}) + "\n" for n in range(400)), encoding="utf-8")
    ingest = subprocess.Popen([sys.executable, "-m", "storyline", "ingest", str(source), "--db", str(tmp_path / "a.db"),
                               "--jobs", "2", "--no-progress"], stderr=subprocess.PIPE, text=True,
                              start_new_session=True, env=os.environ.copy(),
                              # as from a terminal, even when the tests run in a background job (which ignores Ctrl-C)
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while len([c for c in _children(ingest.pid) if _alive(c)]) < 2 or _stored(tmp_path / "a.db") < 8:
        # the workers are up and articles are being stored: the batch is under way, well short of its end
        # (a fixed pause after the first child processes could stop it still starting, or find it done)
        assert ingest.poll() is None and time.monotonic() < deadline, "no workers started or nothing stored"
        time.sleep(0.2)
    return ingest, _children(ingest.pid)


def _stored(db) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or busy
        return 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads worker processes from /proc")
def test_ctrl_c_stops_ingest_cleanly_with_one_line(tmp_path):
    import os
    import signal
    import subprocess
    import time

    from storyline.store import Store

    ingest, workers = _start_ingest(tmp_path)
    started = time.monotonic()
    os.killpg(ingest.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends: the whole process group
    try:
        _, stderr = ingest.communicate(timeout=25)  # was 30 s and more before the fix; 25 leaves room for a loaded machine
    except subprocess.TimeoutExpired:
        os.killpg(ingest.pid, signal.SIGKILL)
        pytest.fail("ingest still running 25 s after Ctrl-C")
    assert time.monotonic() - started < 25
    assert "Traceback" not in stderr and "interrupted" in stderr, stderr[-2000:]
    assert ingest.returncode == 130
    time.sleep(1)
    assert not [w for w in workers if _alive(w)]
    with Store.open(tmp_path / "a.db") as store:  # consistent: it opens, and a count agrees with itself
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads worker processes from /proc")
def test_workers_end_when_ingest_is_killed(tmp_path):
    import os
    import signal
    import time

    ingest, workers = _start_ingest(tmp_path)
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    deadline = time.monotonic() + 10
    while [w for w in workers if _alive(w)] and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [w for w in workers if _alive(w)]
    for worker in alive:
        os.kill(worker, signal.SIGKILL)
    assert not alive, "workers outlived their parent by 10 s"


# -- what the CLI's tables and CSV say ------------------------------------------------------------


def test_csv_keeps_text_as_it_is_and_writes_true_false():
    import csv
    import io

    from storyline.cli.archive import _emit

    class Row:
        def to_dict(self):
            return {"name": "José Núñez", "roles": ["ministra de Economía"], "copy": True, "hedged": False}

    out = io.StringIO()
    _emit([Row()], "csv", "people", out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row == {"name": "José Núñez", "roles": '["ministra de Economía"]', "copy": "true", "hedged": "false"}


def test_a_table_cut_at_its_limit_says_so(tmp_path, capsys):
    from storyline.cli import main
    from storyline.store import Store, queries
    from storyline.store.filters import Filters
    from test_web_helpers import build_archive

    db = build_archive(tmp_path / "archive.db")
    assert main(["statements", "--db", str(db), "--limit", "1"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.strip().splitlines()) == 2  # header and one row
    with Store.open(db) as store:
        total = queries.count_statements(store, Filters())
    assert total > 1
    assert f"showing 1 of {total} " in captured.err and "results 1-1" in captured.err and "--offset 1" in captured.err
    assert main(["statements", "--db", str(db), "--limit", "1000"]) == 0
    assert "showing" not in capsys.readouterr().err


@pytest.mark.parametrize("text, query", [
    ('"harbor will close', '"harbor will close"'),
    ('mayor "harbor will', '"harbor will" "mayor"'),
    ('"harbor" mayor', '"harbor" "mayor"'),
])
def test_search_with_a_quote_left_open_searches_the_phrase_to_the_end(text, query):
    from storyline.store.queries import fts_query

    assert fts_query(text) == query


# -- dates keep the precision the text gave ---------------------------------------------------

# Made up: one article published in November 2016 quoting three statements, dated by a day, a month
# and a year.
DATED_TEXT = (
    "Harbor vote\n\n"
    'On May 20 the mayor said "the harbor stays open".\n\n'
    'In October the mayor said "the budget is sound".\n\n'
    'In 1963 the founder said "the port will grow".'
)


def _dated_archive(path: Path) -> Path:
    from storyline.jobs.link import link
    from storyline.record import Article
    from storyline.store import Store
    from test_web_helpers import statement, time_expr

    text = DATED_TEXT
    times = [time_expr(text, "t1", "May 20", "2016-05-20"), time_expr(text, "t2", "October", "2016-10"), time_expr(text, "t3", "1963", "1963")]
    statements = [
        statement(text, "s1", "the harbor stays open", "the mayor", "said", time="t1"),
        statement(text, "s2", "the budget is sound", "the mayor", "said", time="t2"),
        statement(text, "s3", "the port will grow", "the founder", "said", time="t3"),
    ]
    with Store.open(path) as store:
        store.add_article(Article("dated", text, title="Harbor vote", published="2016-11-20", statements=statements, times=times), origin="test:dated")
        link(store)
    return path


@pytest.mark.parametrize("since, until, expected", [
    ("2016-05", "2016-05", ["the harbor stays open"]),  # a month is all of the month, not its first day
    ("2016-10-15", "2016-10-20", ["the budget is sound"]),  # "in October" overlaps the middle of October
    ("2016-10-15", None, ["the budget is sound"]),
    ("1963-06", "1963-06", ["the port will grow"]),  # "1963" is the whole year
    ("1964", None, ["the harbor stays open", "the budget is sound"]),
    (None, "2016-09-30", ["the port will grow", "the harbor stays open"]),
])
def test_a_statement_dated_by_a_month_or_year_is_filtered_as_that_period(tmp_path, since, until, expected):
    from storyline.store import Store, queries
    from storyline.store.filters import Filters

    with Store.open(_dated_archive(tmp_path / "archive.db")) as store:
        found = queries.statements(store, Filters(since=since, until=until), limit=10)
        assert sorted(s.content for s in found) == sorted(expected)
        assert queries.count_statements(store, Filters(since=since, until=until)) == len(expected)


def test_the_cli_and_pages_show_a_month_or_year_as_given(tmp_path, capsys):
    from fastapi.testclient import TestClient

    from storyline.cli import main
    from storyline.server import create_app

    db = _dated_archive(tmp_path / "archive.db")
    assert main(["statements", "--db", str(db)]) == 0
    dates = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert sorted(dates) == ["1963", "2016-05-20", "2016-10"]
    with TestClient(create_app(db)) as client:
        page = client.get("/statements").text
        timeline = client.get("/timeline", params={"since": "0001"}).text  # every date, not the archive's period
    for shown in ("<time>1963</time>", "<time>2016-10</time>", "<time>2016-05-20</time>"):
        assert shown in page and shown in timeline
    assert "1963-01-01" not in page and "2016-10-01" not in page


def test_an_inverted_range_gets_the_same_answer_in_cli_api_and_pages(tmp_path, capsys):
    from fastapi.testclient import TestClient

    from storyline.cli import main
    from storyline.server import create_app

    db = _dated_archive(tmp_path / "archive.db")
    assert main(["statements", "--db", str(db), "--since", "2016-06", "--until", "2016-05"]) == 2
    message = capsys.readouterr().err
    assert "since (2016-06-01) is after until (2016-05-31)" in message
    with TestClient(create_app(db)) as client:
        for path in ("/api/statements", "/statements", "/api/timeline", "/timeline", "/articles", "/api/articles"):
            response = client.get(path, params={"since": "2016-06", "until": "2016-05"})
            assert response.status_code == 422, path
            assert "since (2016-06-01) is after until (2016-05-31)" in response.text, path


# -- a speaker filter reads names, never roles ---------------------------------------------------

def test_a_speaker_filter_matches_names_not_roles(tmp_path, capsys):
    from fastapi.testclient import TestClient

    from storyline.cli import main
    from storyline.jobs.link import link
    from storyline.record import Article
    from storyline.server import create_app
    from storyline.store import Store
    from test_web_helpers import entity, statement

    # Made up: the role the text gives one speaker holds the other speaker's name.
    text = ('Harbor race\n\nAnn Crane, the rival of Tom Baxter, said "the harbor stays open".\n\n'
            'Tom Baxter said "the harbor will close".')
    entities = [entity(text, "e1", "Ann Crane", "PERSON", ["the rival of Tom Baxter"]), entity(text, "e2", "Tom Baxter", "PERSON", [])]
    statements = [statement(text, "s1", "the harbor stays open", "Ann Crane", "said", "e1", "Ann Crane"),
                  statement(text, "s2", "the harbor will close", "Tom Baxter", "said", "e2", "Tom Baxter")]
    db = tmp_path / "archive.db"
    with Store.open(db) as store:
        store.add_article(Article("race", text, title="Harbor race", published="2016-10-01", entities=entities, statements=statements), origin="test:race")
        link(store)
    assert main(["statements", "--db", str(db), "--speaker", "baxter", "--format", "jsonl"]) == 0
    assert [json.loads(line)["speaker"] for line in capsys.readouterr().out.splitlines()] == ["Tom Baxter"]
    with TestClient(create_app(db)) as client:
        found = client.get("/api/statements", params={"speaker": "baxter"}).json()["items"]
        assert [s["speaker"] for s in found] == ["Tom Baxter"]
        assert client.get("/api/statements", params={"speaker": "rival"}).json()["items"] == []


# -- serve: docs that work offline, and a warning when the server is open to the network ---------

def test_docs_lead_to_the_offline_api_page_and_nothing_loads_from_elsewhere(tmp_path):
    import re

    from fastapi.testclient import TestClient

    from storyline.server import create_app
    from test_web_helpers import build_archive

    with TestClient(create_app(build_archive(tmp_path / "archive.db"))) as client:
        for path in ("/docs", "/redoc"):
            response = client.get(path, follow_redirects=False)
            assert response.status_code == 307 and response.headers["location"] == "/api"
        page = client.get("/docs")
        assert page.status_code == 200 and "/api/statements" in page.text
        assert "content-security-policy" in page.headers
        assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page.text)  # no script, style or font from elsewhere


def test_serve_on_every_address_warns_that_analyze_is_open(tmp_path, monkeypatch, capsys):
    from storyline.cli import main, serve
    from test_web_helpers import build_archive

    db = build_archive(tmp_path / "archive.db")
    started = []

    class NoServer:
        def run(self):
            started.append(True)

    monkeypatch.setattr(serve, "_stopping_server", lambda config: NoServer())
    assert main(["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "8765"]) == 0
    assert started and "POST /analyze" in capsys.readouterr().err
    assert main(["serve", "--db", str(db), "--port", "8765"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_the_search_page_has_the_date_and_outlet_filters_of_the_api(tmp_path):
    from fastapi.testclient import TestClient

    from storyline.server import create_app
    from test_web_helpers import build_archive

    with TestClient(create_app(build_archive(tmp_path / "archive.db"))) as client:
        for q in ("bridges", "Psaki"):
            for params in ({"outlet": "Morning Post"}, {"since": "2021-04"}, {"until": "2021-03"}, {"since": "2021-04", "until": "2021-04"}):
                api = client.get("/api/search", params={"q": q, **params}).json()["items"]
                page = client.get("/search.json", params={"q": q, **params}).json()["results"]["items"]
                assert [(h["article_id"], h.get("statement_id")) for h in page] == [(h["article_id"], h.get("statement_id")) for h in api]
        html = client.get("/search", params={"q": "bridges", "outlet": "Morning Post", "since": "2021-04"}).text
        assert 'name="since" value="2021-04-01"' in html and 'name="outlet" value="Morning Post"' in html
        narrowed = client.get("/search.json", params={"q": "Psaki", "outlet": "Morning Post"}).json()["results"]["items"]
        everything = client.get("/search.json", params={"q": "Psaki"}).json()["results"]["items"]
        assert narrowed and {h["article_id"] for h in narrowed} == {"vaccines"} < {h["article_id"] for h in everything}


def test_the_timeline_with_no_filters_opens_on_the_archives_own_period(tmp_path):
    from fastapi.testclient import TestClient

    from storyline.jobs.link import link
    from storyline.record import Article
    from storyline.server import create_app
    from storyline.store import Store
    from test_web_helpers import statement

    db = _dated_archive(tmp_path / "archive.db")  # published 2016-11-20; statements dated 2016-05-20, 2016-10, 1963
    # and one published 2016-05-01, dated by it
    text = 'Harbor plan\n\nThe mayor said "the harbor plan is ready" at the meeting.'
    with Store.open(db) as store:
        store.add_article(Article("plan", text, title="Harbor plan", published="2016-05-01",
                                  statements=[statement(text, "s1", "the harbor plan is ready", "The mayor", "said")]), origin="test:plan")
        link(store)
    with TestClient(create_app(db)) as client:
        opened = client.get("/timeline.json").json()
        assert (opened["since"], opened["until"]) == ("2016-03-31", "2016-12-21")  # a month either side of publication
        assert sorted(e["date"] for e in opened["entries"]["items"] if e["kind"] == "statement") == ["2016-05-01", "2016-05-20", "2016-10-01"]
        page = client.get("/timeline").text
        assert 'id="archive-period"' in page and "<time>1963</time>" not in page
        every = client.get("/timeline", params={"since": "0001"}).text
        assert "<time>1963</time>" in every and 'id="archive-period"' not in every


# -- roles on people pages are short and capped; the home page stays balanced -------------------

def test_roles_shown_are_short_and_capped_on_people_pages_and_home(tmp_path):
    import re

    from fastapi.testclient import TestClient

    from storyline.jobs.link import link
    from storyline.record import Article
    from storyline.server import create_app
    from storyline.store import Store
    from storyline.web.templating import ROLE_CHARS, ROLES_SHOWN
    from test_web_helpers import entity, statement

    # Made up: one speaker the articles give many roles, one of them a long clause.
    long_role = "the chair of the harbor committee who led the campaign against the closure of the eastern docks"
    roles = [long_role] + [f"adviser number {n}" for n in range(1, 12)]
    db = tmp_path / "archive.db"
    with Store.open(db) as store:
        for n, role in enumerate(roles):
            text = f'Harbor day {n}\n\nAnn Crane said "the harbor stays open on day {n}".'
            store.add_article(Article(f"day{n}", text, title=f"Harbor day {n}", published=f"2016-10-{n + 1:02d}",
                                      entities=[entity(text, "e1", "Ann Crane", "PERSON", [role])],
                                      statements=[statement(text, "s1", f"the harbor stays open on day {n}", "Ann Crane", "said", "e1", "Ann Crane")]),
                              origin=f"test:day{n}")
        link(store)
    with TestClient(create_app(db)) as client:
        person = client.get("/api/people").json()["items"][0]
        assert person["name"] == "Ann Crane" and len(person["roles"]) > ROLES_SHOWN  # the data keeps them all
        pages = {path: client.get(path).text for path in ("/", "/people", f"/people/{person['id']}")}
    for path, html in pages.items():
        assert long_role not in html, path
        for shown in re.findall(r'class="(?:role|roles)">([^<]*)<', html):
            parts = [p for p in re.split(r" · |; ", re.sub(r" \(\+\d+ more\)$", "", shown))]
            assert len(parts) <= ROLES_SHOWN and all(len(p) <= ROLE_CHARS + 1 for p in parts), (path, shown)
    assert "more)" in pages["/people"] and "more)" in pages["/"]
    assert "more)" in pages[f"/people/{person['id']}"]


# -- ingest's rules say what they refused and why -------------------------------------------------

@pytest.mark.parametrize("name, data, reason", [
    ("short.html", "<html><head><title>Short</title></head><body><article><p>The mayor said the harbor stays open today.</p></article></body></html>",
     "too short to be an article"),
    ("short.txt", "Short one\n\nThe mayor said the harbor stays open today.\n", "too short to be an article"),
    ("short.jsonl", '{"id": "c", "title": "Short", "text": "The mayor said the harbor stays open today."}\n', "too short to be an article"),
    ("other.txt", "Puerto\n\n" + "El alcalde dijo que el puerto seguirá abierto este año y que los trabajadores no perderán sus empleos. " * 3,
     "not English"),
])
def test_ingest_refusals_name_their_rule(tmp_path, capsys, name, data, reason):
    from storyline.cli import main
    from storyline.store import Store, queries

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_text(data, encoding="utf-8")
    db = tmp_path / "archive.db"
    main(["ingest", "--db", str(db), "--jobs", "1", "--no-progress", str(tmp_path / "in")])
    assert reason in capsys.readouterr().err
    with Store.open(db) as store:
        [failure] = queries.failures(store)
    assert reason in failure.reason and "no article body" not in failure.reason and failure.origin.startswith(str(tmp_path / "in" / name))


# -- a costly summary is computed once for every server thread, until the archive changes ---------

def test_cached_views_are_computed_once_for_all_threads_until_a_commit(tmp_path):
    import threading
    import time

    from storyline.api.stores import StorePool
    from storyline.store import Store
    from test_web_helpers import build_archive, vaccines

    db = build_archive(tmp_path / "archive.db", hostile_article=False)
    pool = StorePool(db)
    calls = []

    def compute(store):
        calls.append(threading.get_ident())
        time.sleep(0.2)  # a slow summary: the other threads arrive while it runs
        return store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(pool.cached("count", compute))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [2] * 8 and len(calls) == 1
    with Store.open(db) as store:  # an ingest commits while the server runs
        store.conn.execute("DELETE FROM articles WHERE record_id = ?", (vaccines().id,))
        store.conn.commit()
    assert pool.cached("count", compute) == 1 and len(calls) == 2
    pool.close()


def test_csv_and_jsonl_are_utf8_whatever_the_locale_and_the_readme_documents_limit(tmp_path):
    import os
    import subprocess

    from storyline.jobs.link import link
    from storyline.record import Article
    from storyline.store import Store
    from test_web_helpers import statement

    # Made up: a quote with characters no single-byte encoding holds together.
    text = "Puerto — harbor\n\nJosé Núñez said “the harbor stays open — for now” on Monday."
    db = tmp_path / "archive.db"
    with Store.open(db) as store:
        store.add_article(Article("utf", text, title="Puerto — harbor", published="2016-10-01",
                                  statements=[statement(text, "s1", "the harbor stays open — for now", "José Núñez", "said")]), origin="test:utf")
        link(store)
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "PYTHONPATH": os.pathsep.join(p for p in (str(Path(storyline.__file__).parents[1]), os.environ.get("PYTHONPATH")) if p)}
    for fmt in ("csv", "jsonl"):
        done = subprocess.run([sys.executable, "-m", "storyline", "statements", "--db", str(db), "--format", fmt], env=env, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-500:]
        assert "the harbor stays open — for now" in done.stdout.decode("utf-8") and "José Núñez" in done.stdout.decode("utf-8")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "--limit N" in readme and "showing" in readme


@pytest.mark.parametrize("value, last", [
    ("2016-10-12", "2016-10-12"), ("2016-10-12T14:00", "2016-10-12"), ("2016-02", "2016-02-29"), ("1963", "1963-12-31"),
    ("2016-W10", "2016-03-13"), ("2016-Q2", "2016-06-30"), ("2016-SU", "2016-12-31"), ("2016-H1", "2016-12-31"), (None, None),
])
def test_the_last_day_of_a_period_is_the_same_in_python_and_sql(value, last):
    import sqlite3

    from storyline.store.dates import calendar_date, period_end, period_end_sql

    first = calendar_date(value) if value else "2016-10-12"
    expected = last if value else first  # a date from the publication date is that day
    assert period_end(value) == last
    conn = sqlite3.connect(":memory:")
    assert conn.execute(f"SELECT {period_end_sql('?1', '?2')}", (first, value)).fetchone()[0] == expected
