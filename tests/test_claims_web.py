"""Claims and quotes served: /api/claims, /api/quotes/{id}, the story page's contested claims and the
quote page (with its .json twin), on the bundled sample stored and linked."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from storyline.jobs.link import link
from storyline.server import create_app
from storyline.store import Store


@pytest.fixture(scope="module")
def client(sample_articles, tmp_path_factory):
    db = tmp_path_factory.mktemp("claims-web") / "c.db"
    with Store.open(db) as store:
        for article in sorted(sample_articles.values(), key=lambda a: a.published):
            store.add_article(article, origin=f"test:{article.id}")
        link(store)
    with TestClient(create_app(db)) as c:
        yield c


def _memo_claim(client) -> dict:
    listed = client.get("/api/claims", params={"denied": "true"}).json()
    return next(c for c in listed["items"] if c["article"] == "harbor-01" and "harbor will close" in c["content"])


def test_api_claims_list_denials_and_confirmations_in_date_order(client):
    memo = _memo_claim(client)
    assert memo["contested"] and memo["counts"]["denies"] >= 1
    relations = {(a["article"], a["relation"]) for a in memo["links"]}
    assert ("harbor-05", "confirms") in relations and ("harbor-08", "withdraws") in relations
    assert [a["date"] for a in memo["links"]] == sorted(a["date"] for a in memo["links"])
    by_speaker = client.get("/api/claims", params={"speaker": "Alan Poe"}).json()
    assert by_speaker["total"] >= 1
    assert all(any("Poe" in (x["speaker"] or "") for x in [c, *c["links"]]) for c in by_speaker["items"])
    assert client.get("/api/claims", params={"limit": 0}).status_code == 422


def test_story_page_shows_contested_claims_with_who_and_when(client):
    story = next(s for s in client.get("/api/stories").json()["items"] if "harbor-01" in s["articles"])
    page = client.get(f"/stories/{story['id']}").text
    section = page.split('id="claims-head"')[1]
    assert "Calder Bay harbor will close" in section.split("</article>")[0]
    assert "denies" in section and "withdraws" in section and "Maria Costa" in section
    twin = client.get(f"/stories/{story['id']}.json").json()
    assert any(c["statement"] == _memo_claim(client)["statement"] for c in twin["claims"])
    assert twin["quotes"] and all(q["uses"] > 1 for q in twin["quotes"])


def test_quote_page_shows_the_first_outlet_and_every_use(client):
    quotes = client.get("/api/quotes").json()
    decided = next(q for q in quotes if q["words"] == "nothing has been decided")
    provenance = client.get(f"/api/quotes/{decided['id']}").json()
    assert provenance["first"]["outlet"] == "Meridian News Service"
    page = client.get(f"/quotes/{decided['id']}").text
    assert "First carried by Meridian News Service" in page and page.count("<li") >= len(provenance["uses"])
    assert client.get(f"/quotes/{decided['id']}.json").json() == provenance
    assert client.get("/quotes/99999").status_code == 404 and client.get("/api/quotes/99999").status_code == 404
