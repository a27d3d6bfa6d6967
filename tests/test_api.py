"""The JSON API over a hand-made archive: every endpoint, its filters, paging and errors."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import jsonschema
import pytest
from fastapi.testclient import TestClient
from test_web_helpers import HOSTILE_NAME, build_archive

from storyline.api.service import MAX_PAGE
from storyline.jobs.link import link
from storyline.record import Article
from storyline.server import create_app


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("api") / "archive.db")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def article_text(client, article_id):
    return get(client, f"/api/articles/{quote(article_id, safe='')}")["record"]["text"]


def assert_statement_spans(client, items):
    """Every statement's spans index its article's text and give its content."""
    texts = {}
    for s in items:
        text = texts.setdefault(s["article_id"], article_text(client, s["article_id"]))
        assert " ".join(text[a:b] for a, b in s["spans"]) == s["content"]


# -- articles ---------------------------------------------------------------------------------


def test_articles_newest_first_with_total(client):
    page = get(client, "/api/articles")
    assert [a["article_id"] for a in page["items"]] == ["hostile<1>", "vaccines", "bridges"]
    assert page["total"] == 3 and page["next_offset"] is None
    assert [a["statements"] for a in page["items"]] == [1, 3, 3]


def test_articles_carry_their_metadata_author(client):
    """The author from the input's metadata is on the list, in the record, and null where there was none."""
    authors = {a["article_id"]: a["author"] for a in get(client, "/api/articles")["items"]}
    assert authors["vaccines"] == "Ann Bell" and authors["bridges"] is None
    assert get(client, "/api/articles/vaccines")["record"]["author"] == "Ann Bell"
    assert get(client, "/api/articles/bridges")["record"]["author"] is None
    assert "author" in get(client, "/openapi.json")["components"]["schemas"]["ArticleSummaryModel"]["properties"]


def test_articles_filters_and_paging(client):
    assert [a["article_id"] for a in get(client, "/api/articles?since=2021-03-01&until=2021-03-31")["items"]] == ["bridges"]
    assert [a["article_id"] for a in get(client, "/api/articles?outlet=morning%20post")["items"]] == ["vaccines"]
    assert [a["article_id"] for a in get(client, "/api/articles?q=vaccine")["items"]] == ["vaccines"]
    first = get(client, "/api/articles?limit=2")
    assert first["next_offset"] == 2 and len(first["items"]) == 2
    second = get(client, "/api/articles?limit=2&offset=2")
    assert second["next_offset"] is None
    assert {a["article_id"] for a in first["items"]}.isdisjoint(a["article_id"] for a in second["items"])


def test_article_full_record_offsets_index_text(client):
    body = get(client, "/api/articles/bridges")
    record = body["record"]
    text = record["text"]
    assert record["id"] == "bridges" and record["published"] == "2021-03-10"
    assert body["sources"][0]["outlet"] == "Daily Planet"
    for st in record["statements"]:
        for role in ("content", "source", "cue"):
            if st[role]:
                assert " ".join(text[a:b] for a, b in st[role]["spans"]) == st[role]["text"]
    for caption in record["captions"]:
        assert text[caption["start"]:caption["end"]] == caption["text"]
    assert {s["kind"] for s in record["sections"]} == {"headline", "lead", "byline"}


def test_article_id_with_odd_characters(client):
    body = get(client, "/api/articles/" + quote("hostile<1>", safe=""))
    assert body["record"]["id"] == "hostile<1>"


def test_unknown_article_is_404_json(client):
    body = get(client, "/api/articles/no-such-article", status=404)
    assert body["status"] == 404 and "no-such-article" in body["detail"]


# -- statements -------------------------------------------------------------------------------


def test_statements_filter_by_speaker_stance_kind_text(client):
    biden = get(client, "/api/statements?speaker=biden")
    assert biden["total"] == 2 and {s["speaker"] for s in biden["items"]} == {"Joe Biden"}
    denials = get(client, "/api/statements?stance=deny")["items"]
    assert {s["speaker"] for s in denials} == {"Jen Psaki", "Acme Corp"} and len(denials) == 3
    assert all(s["stance"] == "deny" for s in denials)
    indirect = get(client, "/api/statements?kind=indirect")["items"]
    assert {s["content"] for s in indirect} == {"the plan may be delayed until summer", "it would not raise prices"}
    words = get(client, "/api/statements?text=shortage")["items"]
    assert [s["content"] for s in words] == ["There is no shortage"]
    both = get(client, "/api/statements?speaker=psaki&stance=deny&text=tax")["items"]
    assert [s["content"] for s in both] == ["No decision has been made on the tax increase"]
    assert_statement_spans(client, biden["items"] + denials + indirect)


def test_statements_dates_outlet_and_newest_first(client):
    items = get(client, "/api/statements")["items"]
    dates = [s["date"] for s in items]
    assert dates == sorted(dates, reverse=True)
    march = get(client, "/api/statements?since=2021-03-01&until=2021-03-31")["items"]
    assert march and all("2021-03-01" <= s["date"] <= "2021-03-31" for s in march)
    # a statement dated by its own time ("on Tuesday" -> 2021-03-09), not the publication date
    rebuild = next(s for s in march if s["content"].startswith("We will rebuild"))
    assert rebuild["date"] == "2021-03-09" and rebuild["time_value"] == "2021-03-09"
    assert {s["outlet"] for s in get(client, "/api/statements?outlet=Daily%20Planet")["items"]} == {"Daily Planet"}


def test_statements_paging_is_complete_and_disjoint(client):
    total = get(client, "/api/statements")["total"]
    seen, offset = [], 0
    while offset is not None:
        page = get(client, f"/api/statements?limit=2&offset={offset}")
        assert len(page["items"]) <= 2 and page["total"] == total
        seen += [(s["article_id"], s["statement_id"]) for s in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == total == 7


@pytest.mark.parametrize(
    "url, words",
    [
        ("/api/statements?since=2021-02-30", ["since", "not a date"]),
        ("/api/statements?until=yesterday", ["until", "not a date"]),
        ("/api/statements?since=2021-04-01&until=2021-03-01", ["after"]),
        ("/api/articles?since=03/10/2021", ["since"]),
        ("/api/timeline?until=2021-13", ["until"]),
        ("/api/search?q=bridges&since=never", ["since"]),
        (f"/api/statements?limit={MAX_PAGE + 1}", ["limit", str(MAX_PAGE)]),
        ("/api/statements?limit=0", ["limit"]),
        ("/api/statements?offset=-1", ["offset"]),
        ("/api/statements?stance=maybe", ["stance"]),
        ("/api/speakers?type=ALIEN", ["type"]),
        ("/api/search?q=", ["q"]),
        ("/api/search?q=%21%21%21", ["nothing to search"]),
    ],
)
def test_bad_parameters_are_422_with_a_clear_message(client, url, words):
    body = get(client, url, status=422)
    assert body["status"] == 422
    for word in words:
        assert word in body["detail"], body


# -- paging: every list ---------------------------------------------------------------------

# Every list endpoint with the filters to walk it under; `name=ide` and `name=cme` are parts of a word
# (Biden, Acme): a list and its count must use the same predicate or `next_offset` never ends.
LISTS = {
    "/api/articles": ["", "q=bridges", "outlet=daily%20planet", "copies=false", "since=2021-04-01"],
    "/api/statements": ["", "speaker=biden", "speaker=ide", "stance=deny", "text=tax", "copies=true"],
    "/api/speakers": ["", "name=bid", "name=ide", "name=press", "type=PERSON", "since=2021-03-01", "outlet=daily%20planet"],
    "/api/organizations": ["", "name=acm", "name=cme", "until=2021-12-31"],
    "/api/timeline": ["", "speaker=biden", "text=tax", "since=2021-03-01"],
    "/api/search": ["q=the", "q=tax&scope=articles", "q=shortage&scope=statements"],
    "/api/stories": ["", "q=bridges", "outlet=daily%20planet", "since=2021-04-01"],
    "/api/claims": ["", "denied=true", "speaker=biden"],
}
TWINS = {  # page twins: path -> where the page sits in the body
    "/articles.json": None, "/statements.json": None, "/people.json": None, "/timeline.json": "entries", "/search.json": "results",
}


def walk(client, url: str, key: str | None = None, limit: int = 2) -> tuple[list, int | None]:
    """Follow `next_offset` from 0 to the end; (every item seen, the total every page gave)."""
    seen, offset, totals = [], 0, set()
    join = "&" if "?" in url else "?"
    for _ in range(100):
        body = get(client, f"{url}{join}limit={limit}&offset={offset}")
        page = body[key] if key else body
        assert page["offset"] == offset and len(page["items"]) <= limit
        seen += page["items"]
        totals.add(page["total"])
        if page["next_offset"] is None:
            break
        assert page["items"] and page["next_offset"] == offset + len(page["items"]), (url, page)
        offset = page["next_offset"]
    else:
        pytest.fail(f"{url}: next_offset never ends")
    assert len(totals) == 1, (url, totals)  # every page gives the same total
    keys = [json.dumps(item, sort_keys=True) for item in seen]
    assert len(keys) == len(set(keys)), url  # no item twice
    return seen, totals.pop()


def test_every_list_endpoint_is_walked(client):
    """A list endpoint is one whose answer is, or holds, a Page: each is in LISTS (or walked below)."""
    spec = get(client, "/openapi.json")
    schemas = spec["components"]["schemas"]

    def holds_a_page(schema: dict) -> bool:
        text = json.dumps(schema)
        return "Page_" in text or any(holds_a_page(schemas[ref]) for ref in re.findall(r'#/components/schemas/(\w+)"', text))

    lists = {path for path, ops in spec["paths"].items() for method, op in ops.items()
             if method == "get" and holds_a_page(op["responses"]["200"])}
    assert lists == set(LISTS) | {"/api/speakers/{speaker_id}"}


@pytest.mark.parametrize("path, query", [(path, q) for path, queries in LISTS.items() for q in queries])
def test_next_offset_walks_to_the_end_and_total_counts_the_items(client, path, query):
    url = f"{path}?{query}" if query else path
    seen, total = walk(client, url)
    if total is not None:
        assert total == len(seen), url
    everything = get(client, f"{url}{'&' if query else '?'}limit=200")["items"]
    assert seen == everything  # pages are slices of one order


@pytest.mark.parametrize("path, key", TWINS.items())
def test_page_twins_walk_like_the_api(client, path, key):
    query = "q=the" if path == "/search.json" else ""
    seen, total = walk(client, f"{path}?{query}", key)
    assert seen and (total is None or total == len(seen))


def test_person_statements_walk_to_the_end(client):
    for person in get(client, "/api/speakers?limit=200")["items"]:
        for url in (f"/api/speakers/{person['id']}", f"/people/{person['id']}.json"):
            seen, total = walk(client, url, "statements", limit=1)
            assert total == len(seen) == person["statements"], url


def test_name_matches_words_by_prefix_in_the_list_and_its_count(client):
    """`name` is word prefixes of the name, for the items and the total alike."""
    assert [p["name"] for p in get(client, "/api/speakers?name=bid")["items"]] == ["Joe Biden"]
    part_of_a_word = get(client, "/api/speakers?name=ide")
    assert part_of_a_word == {"items": [], "limit": 50, "offset": 0, "total": 0, "next_offset": None}
    assert get(client, "/api/organizations?name=cme")["total"] == 0


# -- people -----------------------------------------------------------------------------------


def test_people_counts_roles_first_and_last_seen(client):
    people = {p["name"]: p for p in get(client, "/api/speakers")["items"]}
    assert people["Joe Biden"]["statements"] == 2
    assert people["Joe Biden"]["roles"] == ["President"]
    assert (people["Joe Biden"]["first_date"], people["Joe Biden"]["last_date"]) == ("2021-03-09", "2021-04-02")
    assert people["Jen Psaki"]["statements"] == 2
    assert HOSTILE_NAME in people  # stored as given: escaping is the page's job
    counts = [p["statements"] for p in get(client, "/api/speakers")["items"]]
    assert counts == sorted(counts, reverse=True)


def test_organizations(client):
    orgs = get(client, "/api/organizations")["items"]
    assert [o["name"] for o in orgs] == ["Acme Corp"] and orgs[0]["type"] == "ORG"
    assert get(client, "/api/speakers?type=ORG")["items"] == orgs
    assert {p["type"] for p in get(client, "/api/speakers?type=PERSON")["items"]} == {"PERSON"}


def test_person_with_statements_oldest_first(client):
    biden = next(p for p in get(client, "/api/speakers?name=biden")["items"])
    body = get(client, f"/api/speakers/{biden['id']}")
    assert body["speaker"]["name"] == "Joe Biden" and body["person"] == body["speaker"]  # `person`: the former name
    items = body["statements"]["items"]
    assert [s["date"] for s in items] == ["2021-03-09", "2021-04-02"]
    assert all(s["speaker_id"] == s["person_id"] == biden["id"] for s in items)  # `person_id`: the former name
    assert_statement_spans(client, items)


def test_unknown_person_is_404(client):
    assert get(client, "/api/speakers/987654", status=404)["status"] == 404
    assert get(client, "/api/speakers/not-a-number", status=422)["status"] == 422


@pytest.mark.parametrize("query", ["", "?name=biden", "?type=ORG", "?since=2021-04-01&limit=1&offset=1"])
def test_the_former_people_routes_answer_as_the_speakers_routes(client, query):
    """/api/people* are undocumented aliases of /api/speakers*, kept for one release."""
    speakers = get(client, f"/api/speakers{query}")
    assert get(client, f"/api/people{query}") == speakers
    for speaker in speakers["items"]:
        assert get(client, f"/api/people/{speaker['id']}") == get(client, f"/api/speakers/{speaker['id']}")
    assert get(client, "/api/people/987654", status=404) == get(client, "/api/speakers/987654", status=404)
    assert not [path for path in get(client, "/openapi.json")["paths"] if path.startswith("/api/people")]


# -- timeline and search ----------------------------------------------------------------------


def test_timeline_calendar_order_with_dated_sentences(client):
    entries = get(client, "/api/timeline")["items"]
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates)
    event = next(e for e in entries if e["kind"] == "event")
    assert event["date"] == "2021-03-06" and "passed the Senate" in event["text"]
    text = article_text(client, event["article_id"])
    assert text[event["start"]:event["end"]] == event["text"]
    only_biden = get(client, "/api/timeline?speaker=biden")["items"]
    assert {e["speaker"] for e in only_biden} == {"Joe Biden"} and len(only_biden) == 2
    april = get(client, "/api/timeline?since=2021-04-01&until=2021-04-30")["items"]
    assert april and all(e["date"].startswith("2021-04") for e in april)
    assert [e["text"] for e in get(client, "/api/timeline?text=shortage")["items"]] == ["There is no shortage"]


def test_search_highlights_matches(client):
    hits = get(client, "/api/search?q=shortage")["items"]
    assert hits, "no hit"
    for hit in hits:
        assert hit["highlights"], hit
        for a, b in hit["highlights"]:
            assert hit["snippet"][a:b].lower().startswith("shortage")
    statement_hits = get(client, "/api/search?q=shortage&scope=statements")["items"]
    assert {h["kind"] for h in statement_hits} == {"statement"}
    assert statement_hits[0]["speaker"] == "Jen Psaki"
    article_hits = get(client, "/api/search?q=%22tax%20increase%22&scope=articles")["items"]
    assert [h["article_id"] for h in article_hits] == ["bridges"]


def test_stats(client):
    stats = get(client, "/api/stats")
    assert stats["articles"] == 3 and stats["statements"] == 7
    assert stats["speakers"] == stats["people"] > 0  # `people`: the former name, one more release


# -- analysis ---------------------------------------------------------------------------------


def test_analyze_returns_the_record_without_storing(client, schema):
    text = 'Mayor Ann Smith said on Monday that the bridge would reopen. "We are not closing the port," she said.'
    r = client.post("/analyze", json={"text": text, "published": "2021-03-10", "title": "Bridge", "author": "Carl Dunn",
                                      "outlet": "Daily Planet"})
    assert r.status_code == 200, r.text
    record = r.json()
    assert record["text"] == text and record["published"] == "2021-03-10" and record["author"] == "Carl Dunn"
    assert record["outlet"] == record["source"] == "Daily Planet"  # `source`: the outlet's deprecated key, one more release
    assert record["statements"], record
    jsonschema.validate(record, schema)  # the record's JSON Schema, as every analysed record
    assert Article.from_dict(record).to_dict() == record
    for st in record["statements"]:
        assert " ".join(text[a:b] for a, b in st["content"]["spans"]) == st["content"]["text"]
    assert get(client, "/api/stats")["articles"] == 3  # nothing stored


def test_analyze_takes_the_outlet_under_its_former_name(client):
    r = client.post("/analyze", json={"text": "Mayor Ann Smith said the bridge would reopen.", "source": "Morning Post"})
    assert r.status_code == 200, r.text
    assert r.json()["outlet"] == r.json()["source"] == "Morning Post"


def test_analyze_rejects_bad_input(client):
    r = client.post("/analyze", json={"text": "Hello.", "published": "10 March"})
    assert r.status_code == 422 and "published" in r.json()["detail"]
    r = client.post("/analyze", json={"published": "2021-03-10"})
    assert r.status_code == 422 and "text" in r.json()["detail"]
    r = client.post("/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422


def test_body_size_limit_is_413(db):
    with TestClient(create_app(db, max_body=2000)) as small:
        r = small.post("/analyze", json={"text": "word " * 1000})
        assert r.status_code == 413 and "too large" in r.json()["detail"]

        def chunks():  # no content-length: the limit must hold for streamed bodies too
            for _ in range(10):
                yield b'{"text": "' + b"x" * 500

        r = small.post("/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


def test_head_answers_like_get_without_a_body(client):
    r = client.head("/api/stats")
    assert r.status_code == 200 and r.content == b"" and r.headers["content-type"].startswith("application/json")
    assert client.head("/articles/no-such-article").status_code == 404


def test_server_is_read_only(client):
    assert client.post("/api/articles", json={}).status_code == 405
    assert client.delete("/api/articles/bridges").status_code == 405
    assert client.put("/api/statements", json={}).status_code == 405


def test_openapi_describes_the_endpoints(client):
    spec = get(client, "/openapi.json")
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/statements", "/api/speakers", "/api/speakers/{speaker_id}",
                 "/api/organizations", "/api/timeline", "/api/search", "/analyze"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/statements"]["get"]["parameters"]}
    assert {"speaker", "stance", "kind", "text", "outlet", "since", "until", "limit", "offset"} <= params
    assert client.get("/docs").status_code == 200


def test_missing_archive_fails_at_start(tmp_path):
    with pytest.raises(FileNotFoundError):
        create_app(tmp_path / "absent.db")


def test_serve_defaults_to_the_archive_db_and_says_when_it_is_missing(tmp_path, monkeypatch, capsys):
    from storyline.cli import build_parser, main

    args = build_parser().parse_args(["serve"])
    assert (args.db, args.host, args.port) == (None, "127.0.0.1", 8000)
    missing = tmp_path / "nothing-here.db"
    monkeypatch.setenv("STORYLINE_DB", str(missing))
    assert main(["serve"]) == 2
    assert str(missing) in capsys.readouterr().err
    assert not missing.exists()  # serving never creates an archive


def test_counts_stop_at_the_cap(db):
    from storyline.store import Store, queries
    from storyline.store import queries as extra

    with Store.open(db, read_only=True) as store:
        assert extra.count_statements_capped(store) == queries.count_statements(store) == 7
        assert extra.count_statements_capped(store, cap=7) == 7
        assert extra.count_statements_capped(store, cap=6) is None
        assert extra.count_statements_capped(store, speaker="psaki", stance="deny") == 2
        assert extra.count_statements_capped(store, speaker="nobody at all") == 0
        assert extra.count_articles(store) == 3 and extra.count_articles(store, cap=2) is None
        assert extra.count_people(store, cap=1) is None and extra.count_people(store, type="ORG") == 1


def test_index_ordered_pages_match_the_store_queries(tmp_path):
    """Index-ordered pages (articles, person_statements) are slices of the whole list, undated rows last.

    (tests/test_queries.py checks `articles` against a brute-force sort.)"""
    from test_web_helpers import statement

    from storyline.record import Article, Entity, Mention
    from storyline.store import Store, queries
    from storyline.store import queries as extra

    db = build_archive(tmp_path / "undated.db")
    with Store.open(db) as store:
        for i in range(3):  # undated articles, each with a Joe Biden statement
            text = f'Note {i}\n\n"We will keep going number {i}," Joe Biden said.'
            start = text.index("Joe Biden")
            biden = Entity("e1", "Joe Biden", "PERSON", ["President"], [Mention(start, start + 9, "Joe Biden")])
            st = statement(text, "s1", f"We will keep going number {i}", "Joe Biden", "said", "e1", "Joe Biden")
            store.add_article(Article(f"undated-{i}", text, title=f"Note {i}", entities=[biden], statements=[st]))
        link(store)
    with Store.open(db, read_only=True) as store:
        for copies in (True, False):
            expected = [a.article_id for a in queries.articles(store, limit=100, copies=copies)]
            assert expected[-3:] == ["undated-2", "undated-1", "undated-0"]
            for limit in (1, 2, 4):
                for offset in range(len(expected) + 1):
                    got = [a.article_id for a in queries.articles(store, limit=limit, offset=offset, copies=copies)]
                    assert got == expected[offset:offset + limit], (limit, offset)
        biden = extra.people(store, speaker="joe biden")[0]
        everything = [s.content for s in extra.person_statements(store, biden.id, limit=100)]
        assert everything[:2] == ["We will rebuild the bridges and the roads", "Every adult will be eligible for a vaccine by May"]
        assert sorted(everything[2:]) == [f"We will keep going number {i}" for i in range(3)]
        assert extra.count_person_statements(store, biden.id) == 5 == len(everything)
        for limit in (1, 2, 3):
            for offset in range(6):
                got = [s.content for s in extra.person_statements(store, biden.id, limit=limit, offset=offset)]
                assert got == everything[offset:offset + limit], (limit, offset)


def test_cached_views_follow_the_archive(tmp_path):
    """Summaries are remembered between requests, and dropped as soon as an ingest commits."""
    from test_web_helpers import bridges, vaccines

    from storyline.store import Store

    db = tmp_path / "live.db"
    with Store.open(db) as store:
        store.add_article(bridges())
        link(store)
    with TestClient(create_app(db)) as live:
        assert get(live, "/api/stats")["articles"] == 1
        assert len(get(live, "/index.json")["recent_articles"]) == 1
        with Store.open(db) as store:  # an ingest while the server runs
            store.add_article(vaccines())
            link(store)
        assert get(live, "/api/stats")["articles"] == 2
        assert len(get(live, "/index.json")["recent_articles"]) == 2
        assert {p["name"] for p in get(live, "/people.json")["items"]} >= {"Acme Corp"}


# -- acts -------------------------------------------------------------------------------------


def test_statements_say_and_write_by_default_every_act_on_request(tmp_path):
    from test_store_helpers import acts_archive

    with TestClient(create_app(acts_archive(tmp_path / "acts.db"))) as c:
        said = get(c, "/api/statements")
        assert [s["act"] for s in said["items"]] == ["say"] and said["total"] == 1
        every = get(c, "/api/statements?all=true")
        assert sorted(s["act"] for s in every["items"]) == ["intend", "say", "think"] and every["total"] == 3
        assert_statement_spans(c, every["items"])
        assert [s["act"] for s in get(c, "/api/statements?act=think")["items"]] == ["think"]
        assert get(c, "/api/statements?act=all")["total"] == 3
        get(c, "/api/statements?act=shout", status=422)
        (biden,) = get(c, "/api/speakers?name=biden")["items"]
        assert biden["statements"] == 1
        assert get(c, f"/api/speakers/{biden['id']}")["statements"]["total"] == 1
        assert sorted(s["act"] for s in get(c, f"/api/speakers/{biden['id']}?all=true")["statements"]["items"]) == ["say", "think"]
        assert get(c, "/api/speakers?name=psaki")["items"] == []  # the list is of people who said or wrote something
        (psaki,) = {s["speaker_id"] for s in every["items"] if s["act"] == "intend"}  # yet the link on her intention leads somewhere
        assert get(c, f"/api/speakers/{psaki}")["statements"]["total"] == 0
        assert [s["act"] for s in get(c, f"/api/speakers/{psaki}?all=true")["statements"]["items"]] == ["intend"]
        timeline = [e for e in get(c, "/api/timeline")["items"] if e["kind"] == "statement"]
        assert [e["act"] for e in timeline] == ["say"]
        assert len([e for e in get(c, "/api/timeline?all=true")["items"] if e["kind"] == "statement"]) == 3
        assert get(c, "/api/search?q=mistake&scope=statements")["items"] == []
        assert [h["kind"] for h in get(c, "/api/search?q=mistake&scope=statements&all=true")["items"]] == ["statement"]
        record = get(c, "/api/articles/acts")["record"]
        assert [s["act"] for s in record["statements"]] == ["say", "think", "intend"]  # the record keeps every act
