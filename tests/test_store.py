"""The archive store: schema migrations, idempotent writes, exact and near duplicates, failures."""
from __future__ import annotations

import json
import sqlite3

import pytest
from test_store_helpers import WIRE, Quote, build_article

from storyline.jobs.link import link
from storyline.record import Article
from storyline.store import Store, dedup, queries, schema


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "archive.db") as s:
        yield s


def biden_article(article_id: str = "a1", **kwargs):
    return build_article(
        article_id,
        [
            Quote("Joe Biden", "We will rebuild the bridges", role="president", when=("on Tuesday", "2021-03-09")),
            Quote("Jen Psaki", "No decision has been made", role="press secretary", stance="deny"),
        ],
        **kwargs,
    )


def test_new_db_is_at_latest_schema_in_wal_mode(store):
    assert schema.version(store.conn) == schema.LATEST
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_record_comes_back_whole(store):
    article = biden_article()
    result = store.add_article(article, origin="feed.xml#1")
    assert result.status == "added" and result.article_id == "a1"
    stored = queries.article(store, "a1")
    assert stored.record == article.to_dict()
    assert Article.from_dict(stored.record) == article
    assert [(s.url, s.outlet, s.origin) for s in stored.sources] == [(article.url, "Daily Planet", "feed.xml#1")]


def test_adding_the_same_article_twice_stores_it_once(store):
    article = biden_article()
    store.add_article(article)
    again = store.add_article(article)
    assert again.status == "duplicate"
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert store.conn.execute("SELECT count(*) FROM statements").fetchone()[0] == len(article.statements)
    link(store)
    assert queries.people(store)[0].statements == 1


def test_exact_duplicate_keeps_every_url_and_outlet(store):
    first = biden_article("a1", outlet="Daily Planet", url="https://planet.example/story")
    # Same text modulo case and whitespace, another outlet: one article, two sources.
    copy = biden_article("a2", outlet="Wire Service", url="https://wire.example/x")
    copy.text = "  " + copy.text.replace(" ", "  ").upper()
    assert dedup.content_hash(copy.text) == dedup.content_hash(first.text)
    store.add_article(first)
    result = store.add_article(copy.to_dict(), origin="wire.jsonl:3")
    assert result.status == "duplicate" and result.article_id == "a1"
    stored = queries.article(store, "a1")
    assert {(s.url, s.outlet) for s in stored.sources} == {
        ("https://planet.example/story", "Daily Planet"),
        ("https://wire.example/x", "Wire Service"),
    }
    # The duplicate's outlet finds the article and its statements.
    assert [h.statement_id for h in queries.statements(store, outlet="wire service")] == ["s2", "s1"]


def wire_story(article_id, title, extra=""):
    quotes = [Quote("Maria Lopez", "The routes will change lives in the north", role="council member")]
    return build_article(article_id, quotes, title=title, filler=WIRE + extra, outlet=f"Outlet {article_id}")


def test_syndicated_copy_is_linked_to_its_original(store):
    original = wire_story("orig", "Council expands bus network")
    # Same wire body, another headline, one more trailing paragraph.
    copy = wire_story("copy", "Bus routes to grow", extra="Local reaction was mixed, with some residents welcoming the change.")
    unrelated = build_article("other", [Quote("Sam Reed", "Taxes will not rise this year")],
                              filler="The budget debate continues next week as lawmakers weigh spending on schools, "
                                     "hospitals and roads, with several amendments still pending before the final vote.")
    assert store.add_article(original).near_duplicate_of is None
    result = store.add_article(copy)
    assert result.status == "added" and result.near_duplicate_of == "orig"
    assert result.similarity >= dedup.THRESHOLD
    assert store.add_article(unrelated).near_duplicate_of is None
    assert queries.article(store, "orig").copies == ["copy"]
    assert queries.article(store, "copy").near_duplicate_of == "orig"
    link(store)
    # Statements of the copy are not counted twice unless asked for.
    assert len(queries.statements(store, speaker="lopez")) == 1
    assert len(queries.statements(store, speaker="lopez", copies=True)) == 2
    assert queries.people(store, speaker="lopez")[0].statements == 1


def test_copy_of_a_copy_links_to_the_first_original(store):
    store.add_article(wire_story("orig", "A"))
    store.add_article(wire_story("copy1", "B", extra="An extra line about the weather on the day."))
    third = store.add_article(wire_story("copy2", "C", extra="Another extra line about the vote count."))
    assert third.near_duplicate_of == "orig"


def test_new_roles_join_a_speakers_roles_but_speaker_filters_match_names_only(store):
    store.add_article(build_article("x1", [Quote("Joe Biden", "First words here", role="senator")]))
    store.add_article(build_article("x2", [Quote("Joe Biden", "Later words here", role="vice president")]))
    link(store)
    (person,) = queries.people(store, speaker="Biden")
    assert person.name == "Joe Biden" and person.roles == ["senator", "vice president"] and person.statements == 2
    assert queries.people(store, speaker="senator") == []  # a role is no name (issue 20: --speaker trump)
    assert len(queries.statements(store, speaker="vice pres")) == 0
    assert len(queries.statements(store, speaker="joe biden")) == 2


def test_same_id_different_text_keeps_both(store):
    store.add_article(biden_article("same"))
    other = build_article("same", [Quote("Sam Reed", "Taxes will not rise this year")])
    result = store.add_article(other)
    assert result.status == "added" and result.article_id != "same"
    assert queries.article(store, result.article_id).record["text"] == other.text


def test_failures_are_recorded_counted_and_cleared_once_stored(store):
    store.record_failure("feed.xml#2", "not English")
    store.record_failure("feed.xml#2", "not English")
    store.record_failure("page.html", "no article body")
    failures = {f.origin: f for f in queries.failures(store)}
    assert failures["feed.xml#2"].attempts == 2 and failures["feed.xml#2"].reason == "not English"
    store.add_article(biden_article(), origin="feed.xml#2")
    assert [f.origin for f in queries.failures(store)] == ["page.html"]


def test_failed_write_leaves_nothing_behind(store):
    article = biden_article()
    bad = article.to_dict()
    bad["statements"][1]["kind"] = None  # NOT NULL column: the insert fails midway through the article
    with pytest.raises(sqlite3.IntegrityError):
        store.add_article(bad)
    for table in ("articles", "statements", "article_sources", "speaker_mentions", "dated_sentences", "minhash_bands"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert store.add_article(article).status == "added"


def test_db_made_by_version_1_opens_and_upgrades(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=1)
    article = biden_article(events=[("The bill passed the Senate on", "March 6", "2021-03-06")], filler=WIRE)
    record = article.to_dict()
    # What storyline 1 wrote: the article and its statements, no search index, no signatures.
    conn.execute(
        "INSERT INTO articles (record_id, content_hash, title, published, url, outlet, text, record, statement_count, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2024-01-01')",
        ("a1", dedup.content_hash(article.text), article.title, "2021-03-10", article.url, article.outlet, article.text,
         json.dumps({k: v for k, v in record.items() if k != "text"}), 2),
    )
    conn.execute("INSERT INTO article_sources (article, url, outlet, added_at) VALUES (1, ?, ?, '2024-01-01')", (article.url, article.outlet))
    conn.execute("INSERT INTO people (key, name, roles, statement_count) VALUES ('joe biden', 'Joe Biden', '[\"president\"]', 1)")
    conn.execute(
        "INSERT INTO statements (article, statement_id, person, speaker, kind, stance, content, spans, date, published, outlet)"
        " VALUES (1, 's1', 1, 'Joe Biden', 'direct', 'assert', ?, ?, '2021-03-09', '2021-03-10', 'Daily Planet')",
        (article.statements[0].content.text, json.dumps(article.statements[0].content.spans)),
    )
    conn.close()

    with Store.open(path) as store:
        assert schema.version(store.conn) == schema.LATEST
        # Old rows are searchable, dated and deduplicated like new ones.
        assert [h.article_id for h in queries.search(store, "bridges", scope="statements")] == ["a1"]
        assert [h.article_id for h in queries.search(store, "bus network")] == ["a1"]
        assert [e.date for e in queries.timeline(store)][:2] == ["2021-03-06", "2021-03-09"]
        assert [e.text for e in queries.timeline(store, about="senate")] == ["The bill passed the Senate on March 6."]
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"dated_sentences", "speakers", "speaker_mentions"} <= tables and not {"events", "people"} & tables
        assert queries.article(store, "a1").record == record
        assert [h.statement_id for h in queries.statements(store, speaker="biden")] == ["s1"]  # people indexed on upgrade
        copy = biden_article("copy", title="Other headline", events=[("The bill passed the Senate on", "March 6", "2021-03-06")],
                             filler=WIRE + "One more closing paragraph about the vote.")
        assert store.add_article(copy).near_duplicate_of == "a1"
        # The speaker mentions of old statements are stored on upgrade; the old people table stands,
        # and linking goes on after it: the copy's statement joins Joe Biden without being counted.
        assert store.conn.execute("SELECT statement, name FROM speaker_mentions ORDER BY statement").fetchall()[0] == (1, "Joe Biden")
        assert link(store).mentions == 2  # the copy's two statements
        (biden,) = queries.people(store, speaker="biden")
        assert (biden.id, biden.statements) == (1, 1)
        assert len(queries.person_statements(store, 1, copies=True)) == 2
        people = "SELECT id, key, name, roles, statement_count FROM speakers"
        before = store.conn.execute(people).fetchall()
        assert [p[:3] for p in before] == [(1, "joe biden", "Joe Biden"), (2, "jen psaki", "Jen Psaki")]  # Psaki: in the copy only
        link(store, full=True)  # recomputed from the mentions: the same people, ids and counts
        assert store.conn.execute(people).fetchall() == before


def test_author_round_trip(store):
    article = biden_article()
    article.author = "Ann Bell"
    store.add_article(article)
    store.add_article(biden_article("a2", filler="Nothing else was said about the plan on the day."))  # no author
    stored = queries.article(store, "a1").record
    assert stored["author"] == "Ann Bell" and Article.from_dict(stored) == article
    assert {a.article_id: a.author for a in queries.articles(store)} == {"a1": "Ann Bell", "a2": None}
    assert store.conn.execute("SELECT author FROM articles WHERE record_id = 'a1'").fetchone() == ("Ann Bell",)


OLD_ARTICLES_COLUMNS = ("id", "record_id", "content_hash", "title", "published", "url", "outlet", "text", "record",
                        "statement_count", "ingested_at", "near_duplicate_of", "similarity", "signature")


def test_db_made_before_the_author_column_opens_and_gets_it(tmp_path):
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=3)  # the CREATE TABLE / ALTER TABLE statements of storyline before the author field
    assert tuple(r[1] for r in conn.execute("PRAGMA table_info(articles)")) == OLD_ARTICLES_COLUMNS
    old = biden_article("old")
    # an old record has no author key, and its outlet is under `source` only
    record = {k: v for k, v in old.to_dict().items() if k not in ("text", "author", "outlet")}
    conn.execute(
        "INSERT INTO articles (record_id, content_hash, title, published, url, outlet, text, record, statement_count, ingested_at)"
        " VALUES ('old', ?, ?, '2021-03-10', ?, ?, ?, ?, 2, '2024-01-01')",
        (dedup.content_hash(old.text), old.title, old.url, old.outlet, old.text, json.dumps(record)),
    )
    conn.close()
    with pytest.raises(RuntimeError, match="writable"):  # a server cannot upgrade it...
        Store.open(path, read_only=True)
    with Store.open(path) as store:  # ... opening it writable does
        assert schema.version(store.conn) == schema.LATEST
        assert "author" in {r[1] for r in store.conn.execute("PRAGMA table_info(articles)")}
        [summary] = queries.articles(store)
        assert (summary.article_id, summary.author) == ("old", None)
        assert Article.from_dict(queries.article(store, "old").record).author is None
        assert queries.article(store, "old").record["outlet"] == old.outlet == "Daily Planet"  # version 11 names it
        new = biden_article("new", published="2021-04-01", filler="Nothing else was said about the plan on the day.")
        new.author = "Ann Bell"
        store.add_article(new)
    with Store.open(path, read_only=True) as store:
        assert [(a.article_id, a.author) for a in queries.articles(store)] == [("new", "Ann Bell"), ("old", None)]


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.close()
    with pytest.raises(RuntimeError, match="newer"):
        Store.open(path)


def test_read_only_store_cannot_write(tmp_path):
    path = tmp_path / "ro.db"
    with Store.open(path) as store:
        store.add_article(biden_article())
    with Store.open(path, read_only=True) as store:
        assert len(queries.statements(store)) == 2
        with pytest.raises(sqlite3.OperationalError):
            store.record_failure("x", "y")


def test_db_path_from_environment(tmp_path, monkeypatch):
    from storyline.store import default_path

    monkeypatch.delenv("STORYLINE_DB", raising=False)
    assert default_path() == "storyline.db"
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "env.db"))
    assert default_path() == str(tmp_path / "env.db")


def test_db_made_before_acts_gets_them_from_its_records(tmp_path):
    path = tmp_path / "v6.db"
    with Store.open(path) as store:
        article = biden_article()
        article.statements[1].act = "think"
        store.add_article(article)
        store.add_article(biden_article("a2", filler="Nothing else was said about the plan on the day."))
        link(store)
    # As storyline before acts left it: no act column, every statement counted for its speaker.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP INDEX statements_act")
    conn.execute("ALTER TABLE statements DROP COLUMN act")
    conn.execute("UPDATE speakers SET statement_count = (SELECT count(*) FROM statements s WHERE s.speaker_id = speakers.id)")
    conn.execute("UPDATE articles SET statement_count = 2")
    old = json.loads(conn.execute("SELECT record FROM articles WHERE record_id = 'a2'").fetchone()[0])
    for statement in old["statements"]:
        del statement["act"]  # a record made before acts
    conn.execute("UPDATE articles SET record = ? WHERE record_id = 'a2'", (json.dumps(old),))
    for table in ("claim_statements", "claim_postings", "claim_links", "quotes", "quote_uses", "quote_postings", "claim_counters"):
        conn.execute(f"DROP TABLE {table}")  # made by version 12, after acts
    conn.execute("PRAGMA user_version = 9")  # the version before acts (10)
    conn.close()
    with Store.open(path) as store:
        assert schema.version(store.conn) == schema.LATEST
        acts = store.conn.execute("SELECT a.record_id, s.statement_id, s.act FROM statements s JOIN articles a ON a.id = s.article"
                                  " ORDER BY s.id").fetchall()
        assert acts == [("a1", "s1", "say"), ("a1", "s2", "think"), ("a2", "s1", "say"), ("a2", "s2", "say")]
        assert {a.article_id: a.statements for a in queries.articles(store)} == {"a1": 1, "a2": 2}  # a1's belief is not counted
        counts = {p.name: p.statements for p in queries.people(store)}
        assert counts == {"Joe Biden": 2, "Jen Psaki": 1}  # Psaki's first statement is a belief: not counted
        before = store.conn.execute("SELECT key, statement_count, first_date, last_date FROM speakers ORDER BY id").fetchall()
        link(store, full=True)  # the link stage counts the same way
        assert store.conn.execute("SELECT key, statement_count, first_date, last_date FROM speakers ORDER BY id").fetchall() == before
