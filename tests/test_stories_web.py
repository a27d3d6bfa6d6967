"""The story pages: the home page leads with the stories that moved last; a story page has the days as
rows, the outlets that covered each day, and that day's statements, each linked to its article."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from test_stories import _stored_articles

from storyline.jobs.link import link
from storyline.server import create_app
from storyline.store import Store


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("stories") / "s.db"
    with Store.open(db) as store:
        for a in _stored_articles():
            store.add_article(a)
        link(store)
    with TestClient(create_app(db)) as c:
        yield c


def test_api_stories_and_one_story(client):
    listed = client.get("/api/stories").json()
    assert listed["total"] == 2 and len(listed["items"]) == 2
    harbor = next(s for s in listed["items"] if "s2" in s["articles"])
    one = client.get(f"/api/stories/{harbor['id']}").json()
    assert [a["article_id"] for a in one["articles"]] == ["s2", "s4"]
    assert [s["date"] for s in one["statements"]] == sorted(s["date"] for s in one["statements"])
    assert {p["name"] for p in one["speakers"]} <= {s["speaker"] for s in one["statements"]}
    assert one["people"] == one["speakers"]  # `people`: the former name, one more release
    assert client.get("/api/stories/9999").status_code == 404
    assert client.get("/api/stories", params={"q": "harbor"}).json()["total"] == 1


def test_home_leads_with_stories_and_story_page_has_days_as_rows(client):
    home = client.get("/").text
    assert home.index("Stories that moved") < home.index("Recent articles")
    stories = client.get("/index.json").json()["stories"]
    assert len(stories) == 2
    harbor = next(s for s in stories if "s2" in s["articles"])
    page = client.get(f"/stories/{harbor['id']}").text
    rows = page.split('<tr class="day">')[1:]
    assert len(rows) == 2 and "2021-03-11" in rows[0] and "2021-03-12" in rows[1]
    assert "/articles/s2" in rows[0] and "/articles/s4" in rows[1]
    days = client.get(f"/stories/{harbor['id']}.json").json()["days"]
    assert [d["date"] for d in days] == ["2021-03-11", "2021-03-12"]
    for d in days:
        assert all(s["date"] == d["date"] for s in d["statements"])
    assert client.get("/stories/9999").status_code == 404
