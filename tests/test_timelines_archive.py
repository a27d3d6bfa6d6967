"""`storyline timeline --summary` over an archive built from hand-made records (no spaCy needed)."""
from __future__ import annotations

import json

import pytest
from test_archive_cli import run
from test_timelines import RECORDS

from storyline.store import Store, queries


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("tls") / "archive.db"
    with Store.open(path) as store:
        for record in RECORDS:
            store.add_article(dict(record))
    return path


def test_records_come_back_with_text_outlet_and_times(db):
    with Store.open(db, read_only=True) as store:
        records = queries.timeline_records(store)
        assert sorted(r["id"] for r in records) == sorted(r["id"] for r in RECORDS)
        for r in records:
            for t in r["times"]:
                assert r["text"][t["start"]:t["end"]] == t["text"]
        assert [r["id"] for r in queries.timeline_records(store, article_ids=["a4"])] == ["a4"]
        assert {r["id"] for r in queries.timeline_records(store, about="drilling")} == {"a3"}


def test_summary_jsonl_and_table(db, capsys):
    code, out, err = run(capsys, "timeline", "--summary", "--db", str(db), "--dates", "2", "--per-date", "1", "--format", "jsonl")
    assert code == 0, err
    days = [json.loads(line) for line in out.splitlines()]
    assert [d["date"] for d in days] == ["2010-04-20", "2010-04-30"]
    texts = {r["id"]: r["text"] for r in RECORDS}
    for day in days:
        assert len(day["sentences"]) == 1
        for s in day["sentences"]:
            assert s["text"] in texts[s["article"]] and s["outlet"] in s["outlets"]
    assert sorted(days[0]["sentences"][0]["outlets"]) == ["BBC", "Reuters"]

    code, out, _ = run(capsys, "timeline", "--summary", "--db", str(db), "--about", "company")
    assert code == 0 and "2010-04-30" in out and "named in" in out


def test_summary_of_one_story(db, capsys):
    from storyline.jobs.link import link

    with Store.open(db) as store:
        link(store)
        story_ids = [s.id for s in queries.stories(store)]
        assert story_ids
        members = queries.story_article_ids(store, story_ids[0])
        assert members and queries.story_article_ids(store, 10**6) is None
    code, out, err = run(capsys, "timeline", "--summary", "--db", str(db), "--story", str(story_ids[0]), "--format", "jsonl")
    assert code == 0, err
    for day in map(json.loads, out.splitlines()):
        assert all(s["article"] in members for s in day["sentences"])  # nothing from outside the story
    code, _, err = run(capsys, "timeline", "--summary", "--db", str(db), "--story", "999999")
    assert code == 2 and "no story" in err


def test_summary_refuses_what_it_cannot_do(db, capsys):
    code, _, err = run(capsys, "timeline", "--summary", "--db", str(db), "--speaker", "biden")
    assert code == 2 and "speaker" in err
    code, _, err = run(capsys, "timeline", "--summary", "--db", str(db), "--dates", "0")
    assert code == 2 and "at least 1" in err


def test_summary_in_the_api_and_first_on_the_timeline_page(db):
    from fastapi.testclient import TestClient

    from storyline.server import create_app

    client = TestClient(create_app(db))
    body = client.get("/api/timeline/summary", params={"dates": 2, "per_date": 1}).json()
    assert [d["date"] for d in body["dates"]] == ["2010-04-20", "2010-04-30"]
    assert sorted(body["dates"][0]["sentences"][0]["outlets"]) == ["BBC", "Reuters"]
    assert client.get("/api/timeline/summary", params={"dates": 0}).status_code == 422
    page = client.get("/timeline").text
    assert 'id="timeline-summary"' in page and page.index('id="timeline-summary"') < page.index('id="chart"')
    assert "killing eleven workers" in page  # one of the summary's sentences, on the page
    assert client.get("/timeline.json").json()["summary"]
