"""Queries over a small hand-built archive: statements, people, search, timeline, articles, export."""
from __future__ import annotations

import io
import json

import pytest
from test_store_helpers import WIRE, Quote, build_article

from storyline.jobs.link import link
from storyline.store import Store, export, filters, queries
from storyline.store.dates import day


@pytest.fixture
def store(tmp_path):
    articles = [
        build_article(
            "bridges",
            [
                Quote("Joe Biden", "We will rebuild the bridges and the roads", role="president", when=("on Tuesday", "2021-03-09")),
                Quote("Jen Psaki", "No decision has been made on the tax increase", role="press secretary", stance="deny"),
                Quote(None, "The plan may be delayed until summer", stance="hedge", kind="indirect"),
            ],
            published="2021-03-10",
            outlet="Daily Planet",
            events=[("The bill passed the Senate on", "March 6", "2021-03-06")],
        ),
        build_article(
            "vaccines",
            [
                Quote("Joe Biden", "Every adult will be eligible for a vaccine by May", role="president"),
                Quote("Mitch McConnell", "The relief bill spends too much on bridges", role="Senate minority leader",
                      when=("last month", "2021-02")),
            ],
            published="2021-04-02",
            outlet="Morning Post",
        ),
        build_article(
            "buses",
            [Quote("Maria Lopez", "The new routes will change lives in the north", role="council member", kind="mixed")],
            published="2020-11-20",
            outlet="City Herald",
            filler=WIRE,
            title="Council expands bus network",
        ),
    ]
    with Store.open(tmp_path / "q.db") as s:
        for article in articles:
            s.add_article(article, origin=f"test:{article.id}")
        link(s)
        yield s


def assert_spans_index_text(store, hits):
    """Every statement hit's spans index its article's text and give its content."""
    for hit in hits:
        text = queries.article(store, hit.article_id).record["text"]
        assert " ".join(text[s:e] for s, e in hit.spans) == hit.content


def test_statements_newest_first_with_spans(store):
    hits = queries.statements(store)
    assert len(hits) == 6
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=True)
    assert_spans_index_text(store, hits)


def test_statement_dated_by_its_own_time_else_publication(store):
    by_content = {h.content: h for h in queries.statements(store)}
    said_tuesday = by_content["We will rebuild the bridges and the roads"]
    assert (said_tuesday.date, said_tuesday.time_value, said_tuesday.published) == ("2021-03-09", "2021-03-09", "2021-03-10")
    undated = by_content["No decision has been made on the tax increase"]
    assert (undated.date, undated.time_value) == ("2021-03-10", None)
    month = by_content["The relief bill spends too much on bridges"]
    assert (month.date, month.time_value) == ("2021-02-01", "2021-02")


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"speaker": "biden"}, {"Joe Biden"}),
        ({"speaker": "PRESS SECRETARY"}, set()),  # a role is not a name
        ({"speaker": "nobody at all"}, set()),
        ({"stance": "deny"}, {"Jen Psaki"}),
        ({"stance": "hedge"}, {"A spokesman"}),
        ({"kind": "mixed"}, {"Maria Lopez"}),
        ({"about": "bridge"}, {"Joe Biden", "Mitch McConnell"}),  # stemmed: bridges
        ({"about": '"relief bill"'}, {"Mitch McConnell"}),
        ({"outlet": "morning post"}, {"Joe Biden", "Mitch McConnell"}),
        ({"since": "2021-03-01", "until": "2021-03-31"}, {"Joe Biden", "Jen Psaki", "A spokesman"}),
        ({"until": "2020-12"}, {"Maria Lopez"}),
        ({"speaker": "biden", "since": "2021-04-01"}, {"Joe Biden"}),
    ],
)
def test_statement_filters(store, filters, expected):
    hits = queries.statements(store, **filters)
    assert {h.speaker for h in hits} == expected
    for h in hits:
        if "since" in filters:
            assert h.date >= day(filters["since"])
        if "stance" in filters:
            assert h.stance == filters["stance"]
    assert queries.count_statements(store, **filters) == len(hits)


def test_statement_paging(store):
    everything = queries.statements(store)
    pages = queries.statements(store, limit=4) + queries.statements(store, limit=4, offset=4)
    assert [(h.article_id, h.statement_id) for h in pages] == [(h.article_id, h.statement_id) for h in everything]


def test_bad_date_is_refused(store):
    with pytest.raises(ValueError, match="not a date"):
        queries.statements(store, since="last week")


def test_people_most_quoted_first(store):
    people = queries.people(store)
    assert people[0].name == "Joe Biden" and people[0].statements == 2
    assert (people[0].first_date, people[0].last_date) == ("2021-03-09", "2021-04-02")
    assert "president" in people[0].roles
    assert {p.name for p in people} == {"Joe Biden", "Jen Psaki", "Mitch McConnell", "Maria Lopez"}  # unnamed source is no person
    in_march = queries.people(store, since="2021-03-01", until="2021-03-31")
    assert [(p.name, p.statements) for p in in_march] == [("Jen Psaki", 1), ("Joe Biden", 1)]
    assert [p.name for p in queries.people(store, speaker="mcconn")] == ["Mitch McConnell"]
    assert queries.people(store, speaker="leader") == []  # a role is not a name


def test_search_ranks_statements_and_articles(store):
    hits = queries.search(store, "bridges")
    assert {(h.kind, h.article_id) for h in hits} >= {("statement", "bridges"), ("statement", "vaccines"), ("article", "bridges")}
    assert [h.score for h in hits] == sorted(h.score for h in hits)
    for h in hits:
        assert "[bridges]" in h.snippet
    # Two matching words rank the statement holding both above one holding one.
    ranked = queries.search(store, "bridges roads", scope="statements")
    assert ranked[0].speaker == "Joe Biden"
    assert queries.search(store, "bus network")[0].article_id == "buses"
    assert queries.search(store, "bridges", outlet="Morning Post", scope="statements")[0].speaker == "Mitch McConnell"
    assert queries.search(store, "zeppelin") == []
    with pytest.raises(ValueError):
        queries.search(store, '"" ***')


def test_search_filtering_in_small_steps_gives_the_same_hits(store, monkeypatch):
    cases = [{"since": "2021-03-01"}, {"outlet": "Morning Post"}, {"outlet": "Morning Post", "limit": 1},
             {"until": "2021-03-31", "limit": 1}, {"since": "2021-04-01", "limit": 2, "offset": 1}]
    reference = [[(h.kind, h.article_id, h.statement_id, h.snippet) for h in queries.search(store, "bridges", **f)] for f in cases]
    assert [len(r) for r in reference] == [3, 2, 1, 1, 0]
    monkeypatch.setattr(queries, "SEARCH_FIRST", 1)
    monkeypatch.setattr(queries, "SEARCH_OVERFETCH", 1)
    got = [[(h.kind, h.article_id, h.statement_id, h.snippet) for h in queries.search(store, "bridges", **f)] for f in cases]
    assert got == reference


def test_search_window_ranks_the_newest_matches_and_falls_back_for_filters(store, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_WINDOW", 1)
    # Two statements match; with a window of one, only the most recently stored is ranked.
    assert [h.speaker for h in queries.search(store, "bridges", scope="statements", limit=1)] == ["Mitch McConnell"]
    # A filter that rejects the whole window: every match passing the filter is ranked instead.
    assert [h.speaker for h in queries.search(store, "bridges", scope="statements", outlet="Daily Planet", limit=1)] == ["Joe Biden"]
    # Fewer hits in the window than asked for: the same, so nothing is missed.
    assert {h.speaker for h in queries.search(store, "bridges", scope="statements")} == {"Joe Biden", "Mitch McConnell"}


def test_about_gives_the_same_whichever_plan(store, monkeypatch):
    """Few matches drive the query from the match list; many page through the date index: same results."""
    calls = [
        lambda: [(h.article_id, h.statement_id) for h in queries.statements(store, about="bridges")],
        lambda: [(h.article_id, h.statement_id) for h in queries.statements(store, about="eligible", speaker="biden")],
        lambda: [(e.kind, e.article_id, e.start) for e in queries.timeline(store, about="senate")],
        lambda: [a.article_id for a in queries.articles(store, about="said")],
    ]
    sparse = [call() for call in calls]
    monkeypatch.setattr(filters, "DENSE_MATCHES", 0)
    assert [call() for call in calls] == sparse
    assert all(sparse[:3])


def test_timeline_calendar_order_with_events(store):
    entries = queries.timeline(store)
    dates = [e.date for e in entries]
    assert dates == sorted(dates)
    assert dates[0] == "2020-11-20"
    event = next(e for e in entries if e.kind == "event")
    assert (event.date, event.text) == ("2021-03-06", "The bill passed the Senate on March 6.")
    text = queries.article(store, event.article_id).record["text"]
    assert text[event.start : event.end] == event.text
    for e in entries:
        assert queries.article(store, e.article_id).record["text"][e.start : e.end] == e.text


def test_timeline_for_a_speaker_and_topic(store):
    assert [(e.date, e.kind) for e in queries.timeline(store, speaker="biden")] == [("2021-03-09", "statement"), ("2021-04-02", "statement")]
    about = queries.timeline(store, about="senate")
    assert [e.kind for e in about] == ["event"]
    assert [e.date for e in queries.timeline(store, since="2021-03-07", until="2021-03-31")] == ["2021-03-09", "2021-03-10", "2021-03-10"]
    page = queries.timeline(store, limit=2, offset=1)
    assert [e.date for e in page] == [e.date for e in queries.timeline(store)][1:3]


def test_articles_list_and_get(store):
    listed = queries.articles(store)
    assert [a.article_id for a in listed] == ["vaccines", "bridges", "buses"]
    assert listed[0].statements == 2
    assert [a.article_id for a in queries.articles(store, outlet="City Herald")] == ["buses"]
    assert [a.article_id for a in queries.articles(store, about="bus")] == ["buses"]
    assert queries.article(store, "missing") is None


def test_articles_page_like_a_full_sort(tmp_path, monkeypatch):
    """`articles` reads the date index part by part; every page equals a brute-force sort of the same rows:
    newest publication first (newest stored first on a tie), then undated articles, newest stored first."""
    from test_store_helpers import news_text

    dates = ["2021-05-01", None, "2021-03-10", "2021-05-01", None, "2020-12-31", "2021-03-10", None, "2021-05-01", "2019-07-04"]
    stored = []  # (article id, published, near-duplicate?, mentions the lighthouse?) in storage order
    with Store.open(tmp_path / "pages.db") as store:
        for i, published in enumerate(dates):
            lighthouse = i % 3 == 0
            filler = news_text(i) + (" The old lighthouse keeper was interviewed." if lighthouse else "")
            original = build_article(f"a{i}", [Quote("Maria Lopez", f"Plan number {i} is ready")], published=published, filler=filler)
            assert store.add_article(original).near_duplicate_of is None
            stored.append((original.id, published, False, lighthouse))
            if i % 2 == 0:  # a syndicated copy, stored later, dated like the next original (or undated)
                copy_date = dates[(i + 1) % len(dates)]
                copy = build_article(f"c{i}", [Quote("Maria Lopez", f"Plan number {i} is ready")], published=copy_date,
                                     filler=filler + " Local reaction was mixed.", outlet="Wire")
                assert store.add_article(copy).near_duplicate_of == original.id
                stored.append((copy.id, copy_date, True, lighthouse))
    assert any(p is None and c for _, p, c, _ in stored) and any(p and c for _, p, c, _ in stored)

    def brute_force(copies: bool, about: bool, since: str | None) -> list[str]:
        rows = [(pk, r) for pk, r in enumerate(stored) if (copies or not r[2]) and (not about or r[3])
                and (since is None or (r[1] is not None and r[1] >= since))]
        dated = sorted((x for x in rows if x[1][1] is not None), key=lambda x: (x[1][1], x[0]), reverse=True)
        undated = sorted((x for x in rows if x[1][1] is None), key=lambda x: x[0], reverse=True)
        return [r[0] for _, r in dated + undated]

    cases = [(copies, about, since) for copies in (True, False) for about in (False, True) for since in (None, "2021-01-01")]
    with Store.open(tmp_path / "pages.db", read_only=True) as store:
        for dense in (False, True):  # both plans of the `about` clause
            monkeypatch.setattr(filters, "DENSE_MATCHES", 0 if dense else 10**9)
            for copies, about, since in cases:
                expected = brute_force(copies, about, since)
                where = queries.Filters(copies=copies, about="lighthouse" if about else None, since=since)
                assert queries.count_articles(store, where) == len(expected)
                assert [a.article_id for a in queries.articles(store, where, limit=100)] == expected
                for limit in (1, 3, 4):
                    for offset in range(len(expected) + 2):  # across the dated/undated boundary and past the end
                        got = [a.article_id for a in queries.articles(store, where, limit=limit, offset=offset)]
                        assert got == expected[offset:offset + limit], (where, limit, offset)


def test_stats(store):
    stats = queries.stats(store)
    assert (stats.articles, stats.statements, stats.speakers) == (3, 6, 4)
    assert (stats.first_published, stats.last_published) == ("2020-11-20", "2021-04-02")


def test_export_jsonl_and_parquet(store, tmp_path):
    out = io.StringIO()
    assert export.write_jsonl(store, out) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["bridges", "vaccines", "buses"]
    persons = [e.pop("person") for e in records[0]["entities"]]  # each entity's archive-wide identity (storyline link)
    assert records[0] == queries.article(store, "bridges").record
    assert all(p is None or isinstance(p, int) for p in persons)

    import pyarrow.parquet as pq

    path = tmp_path / "out.parquet"
    assert export.write_parquet(store, str(path), since="2021-01-01") == 2
    table = pq.read_table(path)
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == ["bridges", "vaccines"]
    statement = rows[0]["statements"][0]
    assert statement["content"]["text"] == "We will rebuild the bridges and the roads"
    s, e = statement["content"]["spans"][0]
    assert rows[0]["text"][s:e] == statement["content"]["text"]


def test_results_serialize_to_json(store):
    for result in (queries.statements(store), queries.people(store), queries.search(store, "bridges"), queries.timeline(store),
                   queries.articles(store), [queries.article(store, "bridges")], queries.failures(store)):
        for item in result:
            json.dumps(item.to_dict())


def test_filters_are_checked_once_for_every_query(store):
    """One Filters object: blank is no filter, dates are normalized, bad values and unsupported filters are refused."""
    where = queries.Filters(since="2021-03", until=" 2021-04-02 ", outlet="  ", speaker="")
    assert where.given() == {"since": "2021-03-01", "until": "2021-04-02"}
    with pytest.raises(ValueError, match="since: not a date"):
        queries.Filters(since="yesterday")
    with pytest.raises(ValueError, match="after"):
        queries.Filters(since="2021-04-01", until="2021-03-01")
    with pytest.raises(ValueError, match="stance"):
        queries.Filters(stance="maybe")
    with pytest.raises(ValueError, match="articles cannot be filtered by stance"):
        queries.articles(store, stance="deny")
    with pytest.raises(ValueError, match="people cannot be filtered by about"):
        queries.people(store, about="bridges")
    # the same object, by name or whole, gives the same answer
    assert queries.statements(store, queries.Filters(speaker="lopez")) == queries.statements(store, speaker="lopez")


def test_every_list_and_its_count_agree(store):
    """A list's count uses the same predicate as its items, for every filter it takes."""
    cases = [{}, {"speaker": "lop"}, {"speaker": "ope"}, {"stance": "deny"}, {"about": "bridges"}, {"since": "2021-03-01"},
             {"outlet": "City Herald"}, {"copies": True}]
    for given in cases:
        assert queries.count_statements(store, **given) == len(queries.statements(store, limit=1000, **given)), given
    for given in [{}, {"speaker": "lop"}, {"speaker": "ope"}, {"since": "2021-03-01"}, {"type": "PERSON"}, {"outlet": "City Herald"}]:
        assert queries.count_people(store, **given) == len(queries.people(store, limit=1000, **given)), given
    for given in [{}, {"about": "bridges"}, {"copies": False}, {"until": "2021-01-01"}]:
        assert queries.count_articles(store, **given) == len(queries.articles(store, limit=1000, **given)), given


# -- acts: what was said or written by default, beliefs, intentions and actions on request -------


@pytest.fixture
def acts(tmp_path):
    from test_store_helpers import acts_archive

    with Store.open(acts_archive(tmp_path / "acts.db")) as s:
        yield s


def test_statements_are_what_was_said_unless_every_act_is_asked_for(acts):
    said = queries.statements(acts)
    assert [h.act for h in said] == ["say"]
    assert queries.count_statements(acts) == 1
    every = queries.statements(acts, act="all")
    assert sorted(h.act for h in every) == ["intend", "say", "think"] and queries.count_statements(acts, act="all") == 3
    assert [h.content for h in queries.statements(acts, act="think")] == ["The tax increase is a mistake for the country"]
    assert_spans_index_text(acts, every)
    with pytest.raises(ValueError, match="act"):
        queries.statements(acts, act="shout")


def test_speakers_count_what_they_said_and_keep_the_rest_on_request(acts):
    (biden,) = queries.people(acts, speaker="biden")
    assert biden.statements == 1
    assert queries.people(acts, speaker="psaki") == []  # only an intention: no statement to count
    assert [h.act for h in queries.person_statements(acts, biden.id)] == ["say"]
    assert queries.count_person_statements(acts, biden.id) == 1
    assert sorted(h.act for h in queries.person_statements(acts, biden.id, every_act=True)) == ["say", "think"]
    assert queries.count_person_statements(acts, biden.id, every_act=True) == 2
    windowed = queries.people(acts, since="2000-01-01")  # counted from the statements: the same rule
    assert [(p.name, p.statements) for p in windowed] == [("Joe Biden", 1)]


def test_timeline_and_search_hold_what_was_said_by_default(acts):
    assert [e.act for e in queries.timeline(acts) if e.kind == "statement"] == ["say"]
    assert sorted(e.act for e in queries.timeline(acts, act="all") if e.kind == "statement") == ["intend", "say", "think"]
    assert queries.search(acts, "mistake", scope="statements") == []
    assert [h.statement_id for h in queries.search(acts, "mistake", scope="statements", act="all")] == ["s2"]


def test_article_and_archive_counts_are_of_what_was_said(acts):
    (summary,) = queries.articles(acts)
    assert summary.statements == 1
    assert queries.stats(acts).statements == 1
    assert len(queries.article(acts, "acts").record["statements"]) == 3  # the record keeps them all


def test_export_keeps_every_act(acts):
    out = io.StringIO()
    export.write_jsonl(acts, out)
    (record,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [s["act"] for s in record["statements"]] == ["say", "think", "intend"]
