"""The link stage: speakers are derived from stored speaker mentions, never written with an article.

Re-runnable and deterministic: linking after each ingest (incremental) and `storyline link --full`
give the same people, with the same ids, and every statement points at the same person.
"""
from __future__ import annotations

import pytest
from test_store_helpers import WIRE, Quote, build_article

from storyline.jobs.link import link
from storyline.link.speakers import Speaker, SpeakerMention, link_speakers, speaker_key
from storyline.store import Store, queries


def mention(statement, name, roles=(), date=None, copy=False, type_="PERSON"):
    return SpeakerMention(statement, name, type_, tuple(roles), date, copy)


def test_people_group_by_normalized_name_and_keep_what_was_seen_first():
    mentions = [
        mention(1, "Joe Biden", ["senator"], "2021-03-09"),
        mention(2, "joe  BIDEN", ["vice president", "senator"], "2021-01-02", type_="ORG"),
        mention(3, "Joe Biden", ["president"], "2022-05-01", copy=True),  # a syndicated copy: grouped, not counted
        mention(4, "Acme Corp", [], None, type_="ORG"),
    ]
    changed, assigned = link_speakers(mentions, {})
    biden = changed["joe biden"]
    assert (biden.name, biden.type, biden.roles) == ("Joe Biden", "PERSON", ["senator", "vice president", "president"])
    assert (biden.statements, biden.first_date, biden.last_date) == (2, "2021-01-02", "2021-03-09")
    assert changed["acme corp"] == Speaker("acme corp", "Acme Corp", "ORG", [], 1, None, None)
    assert assigned == [(1, "joe biden"), (2, "joe biden"), (3, "joe biden"), (4, "acme corp")]


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_folding_in_batches_gives_what_one_pass_gives(cut):
    mentions = [mention(1, "Ann Lee", ["mayor"], "2021-03-01"), mention(2, "Bo Chan", [], "2020-01-01"),
                mention(3, "ann lee", ["chair"], None), mention(4, "Ann Lee", ["mayor"], "2019-12-31")]
    whole, _ = link_speakers(mentions, {})
    first, _ = link_speakers(mentions[:cut], {})
    known = dict(first)
    second, _ = link_speakers(mentions[cut:], known)
    assert {**first, **second} == whole
    assert known == first  # the known people are not changed in place


def test_speaker_key():
    assert speaker_key("  Joe\tBiden ") == speaker_key("JOE BIDEN") == "joe biden"


def _people_table(store: Store) -> list[tuple]:
    people = store.conn.execute("SELECT id, key, name, type, roles, statement_count, first_date, last_date FROM speakers ORDER BY id").fetchall()
    speakers = store.conn.execute("SELECT id, speaker_id FROM statements ORDER BY id").fetchall()
    words = store.conn.execute("SELECT rowid FROM speakers_fts WHERE speakers_fts MATCH 'vice' ORDER BY rowid").fetchall()
    return [people, speakers, words]


def _articles():
    return [
        build_article("a1", [Quote("Joe Biden", "First words here", role="senator"), Quote(None, "Nothing to add")],
                      published="2021-03-10", filler=WIRE),
        build_article("a2", [Quote("Maria Lopez", "The routes will change", role="council member"),
                             Quote("joe biden", "Later words here", role="vice president", when=("on March 1", "2021-03-01"))],
                      published="2021-03-12"),
        build_article("a3", [Quote("Joe Biden", "First words here", role="senator"), Quote(None, "Nothing to add")],
                      published="2021-03-11", filler=WIRE + " One more closing line about the vote."),  # a copy of a1
        build_article("a4", [Quote("Acme Corp", "Prices stay", role="maker")], published=None),
    ]


def test_add_article_stores_mentions_not_people(tmp_path):
    with Store.open(tmp_path / "a.db") as store:
        for article in _articles():
            store.add_article(article)
        assert store.conn.execute("SELECT count(*) FROM speakers").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM statements WHERE speaker_id IS NOT NULL").fetchone()[0] == 0
        mentions = store.conn.execute("SELECT name, type, roles FROM speaker_mentions ORDER BY statement").fetchall()
        assert mentions == [("Joe Biden", "PERSON", '["senator"]'), ("Maria Lopez", "PERSON", '["council member"]'),
                            ("joe biden", "PERSON", '["vice president"]'), ("Joe Biden", "PERSON", '["senator"]'),
                            ("Acme Corp", "PERSON", '["maker"]')]
        summary = link(store)
        assert (summary.mentions, summary.speakers) == (5, 3)
        biden = queries.people(store, speaker="biden")[0]  # speaker filters match names, never roles
        assert (biden.name, biden.roles, biden.statements) == ("Joe Biden", ["senator", "vice president"], 2)
        assert (biden.first_date, biden.last_date) == ("2021-03-01", "2021-03-10")
        assert len(queries.person_statements(store, biden.id, copies=True)) == 3
        assert link(store).mentions == 0  # nothing new: nothing done


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_incremental_links_equal_a_full_link(tmp_path, batch):
    with Store.open(tmp_path / "inc.db") as store:
        for article in _articles():  # link after every ingest
            store.add_article(article)
            link(store, batch=batch)
        incremental = _people_table(store)
        link(store, full=True, batch=batch)
        assert _people_table(store) == incremental
    with Store.open(tmp_path / "once.db") as store:  # all at once, in one run
        for article in _articles():
            store.add_article(article)
        link(store, batch=batch)
        assert _people_table(store) == incremental


def test_link_command(tmp_path, capsys):
    from storyline.cli import main

    db = tmp_path / "cli.db"
    with Store.open(db) as store:
        for article in _articles():
            store.add_article(article)
    assert main(["link", "--db", str(db)]) == 0
    assert "5 speaker mentions" in capsys.readouterr().err
    assert main(["link", "--db", str(db), "--full"]) == 0
    with Store.open(db, read_only=True) as store:
        assert [p.name for p in queries.people(store)] == ["Joe Biden", "Acme Corp", "Maria Lopez"]
