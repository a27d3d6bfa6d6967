"""Identities: each PERSON and ORG entity of every stored article linked to one archive-wide identity.

Rules are tried in the order of `RULES`; each rule's example links, and the names that could be two
people stay apart. Linking after each ingest (incremental) and `storyline link --full` give the
same identities, with the same ids.
"""
from __future__ import annotations

import json

import pytest

from storyline.jobs.link import link, link_people
from storyline.link.identities import (
    RULES,
    EntityMention,
    article_entities,
    clean_roles,
    link_all,
)
from storyline.link.names import deletions, one_edit, org_name, person_name
from storyline.store import Store

SHARED = ("n:acme", "p:roe")  # a name both articles give: the context weaker rules need


def entity(article, name, type_="PERSON", forms=(), roles=(), date=None, context=SHARED):
    return EntityMention(f"{article}/e1", article, type_, name, tuple(forms) or (name,), tuple(roles), date, tuple(context))


def linked(a: EntityMention, b: EntityMention) -> tuple[bool, str]:
    _, links = link_all([a, b])
    return links[0].identity == links[1].identity, links[1].rule


@pytest.mark.parametrize("rule, first, second", RULES, ids=[r[0] for r in RULES])
def test_each_rule_links_its_example(rule, first, second):
    type_ = "ORG" if rule in ("org-name", "acronym", "org-short-name") else "PERSON"
    later = "ORG" if rule in ("mistyped-person", "mistyped-surname") else type_
    same, used = linked(entity("a1", second, type_), entity("a2", first, later))
    assert same and used == rule


@pytest.mark.parametrize("first, second, context", [
    ("Katie Jenkin", "John Jenkin", SHARED),  # same surname, different given names
    ("George W. Bush", "George H. W. Bush", SHARED),  # different middle names
    ("Esther Williams", "Sam Williams", SHARED),
    ("Mark Teixeira", "Teixeira", ()),  # the surname alone, nothing in common
    ("Jill Roe", "Jill", ("n:acme",)),  # the given name alone, in an article that does not name her surname
    ("Duncan Rait", "Dustin Raite", SHARED),  # one letter off needs the same given name
    ("Enrique Peña Nieto", "Peña Nieto", ()),  # a two-word surname alone needs a name in common
    ("George W. Bush", "Laura Bush", SHARED),  # the last two words of a longer name only
    ("National Football League", "National Basketball League", SHARED),
])
def test_names_that_could_be_two_people_stay_apart(first, second, context):
    same, _ = linked(entity("a1", first), entity("a2", second, context=context))
    assert not same


@pytest.mark.parametrize("first, first_type, org, context", [
    ("Donald Trump", "PERSON", "Trump", ()),  # a surname typed ORG with nothing in common
    ("Donald Trump", "PERSON", "NBC", SHARED),  # an acronym is not a surname
    ("National Baptist Convention", "ORG", "NBC", ("n:acme",)),  # an acronym needs two names in common
])
def test_an_org_that_could_be_another_stays_apart(first, first_type, org, context):
    same, _ = linked(entity("a1", first, first_type), entity("a2", org, "ORG", context=context))
    assert not same


def test_a_surname_two_people_fit_equally_stays_apart():
    _, links = link_all([entity("a1", "Katie Jenkin"), entity("a2", "John Jenkin"), entity("a3", "Jenkin")])
    assert links[2].identity not in (links[0].identity, links[1].identity)


def test_a_given_name_two_people_fit_equally_stays_apart():
    context = ("n:acme", "p:roe", "p:lane")
    _, links = link_all([entity("a1", "Jill Roe", context=context), entity("a2", "Jill Lane", context=context),
                         entity("a3", "Jill", context=context)])
    assert links[2].identity not in (links[0].identity, links[1].identity)


def test_same_name_strangers_with_disagreeing_roles_and_no_shared_context_stay_apart():
    _, links = link_all([entity("a1", "John Smith", roles=["mayor"], context=("n:acme",)),
                         entity("a2", "John Smith", roles=["senator"], context=("n:senate",))])
    assert links[0].identity != links[1].identity


def test_name_parts():
    assert person_name("Gov. Sarah Palin's") == person_name("Sarah Palin")
    assert person_name("Arcade Joseph Comeaux Jr").surname == "comeaux"
    assert person_name("Gaetano Lo Presti").surname == "lo presti"
    assert person_name("Vincent 'Chin' Gigante").nicknames == ("chin",)
    assert person_name("José Pérez").full == "jose perez"
    assert person_name("Obama Says") == person_name("Obama")  # a headline's verb ends the name
    assert person_name("Esther Williams Dead") == person_name("Esther Williams")
    assert person_name("Claire Danes").surname == "danes"  # a surname that only looks inflected stays
    assert person_name("Edward Said").surname == "said"  # a surname that is a headline word too stays
    assert org_name("the National Football League") == org_name("National Football League")
    assert org_name("NFL").acronym == org_name("National Football League").acronym == "nfl"
    assert one_edit("klitschko", "klistchko") and not one_edit("smith", "smyth2")
    assert set(deletions("klitschko")) & set(deletions("klistchko"))


@pytest.mark.parametrize("role, kept", [
    ("Defense Secretary", True),
    ("a former senator", True),
    ("Sen.", True),  # an abbreviated title, folded without its full stop
    ("actress", True),  # an occupation written before a name
    ("the businessman", True),  # a noun a story calls its subject by
    ("$5 million", False),
    ("one little tweet", False),
    ("Hillary Clinton", False),  # an opponent's name
])
def test_roles_keep_titles_and_descriptions_only(role, kept):
    assert clean_roles([role]) == ([role] if kept else [])


# A career: one title after another, each in an article that names no one else.
CAREER = ["city councilwoman", "mayor", "state senator", "Sen.", "governor", "ambassador to the UN", "attorney general",
          "secretary of state", "vice president", "president", "professor", "author", "chairwoman of the foundation"]


def _career_archive(tmp_path):
    from test_store_helpers import Quote, build_article

    path = tmp_path / "career.db"
    with Store.open(path) as store:
        for year, role in enumerate(CAREER, 2001):
            store.add_article(build_article(f"c{year}", [Quote("Jane Roe", f"Point {year} stands", role=role)], published=f"{year}-06-01"))
        link(store)
    return path


def test_a_person_with_many_dated_roles_keeps_every_role_with_its_dates(tmp_path, capsys):
    # roles that change over time are one person's, not strangers': the articles name no one else to disagree on
    db = str(_career_archive(tmp_path))
    code, out, _ = _cli(capsys, "people", "--db", db, "--format", "jsonl", "--type", "person")
    people = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [p["name"] for p in people] == ["Jane Roe"]
    roles = [(r["role"], r["first_date"], r["last_date"]) for r in people[0]["roles"]]
    assert roles == [(role, f"{year}-06-01", f"{year}-06-01") for year, role in enumerate(CAREER, 2001)]


def test_headline_run_on_is_cut_at_another_persons_surname():
    record = {"id": "r1", "published": "2020-01-02", "entities": [
        {"id": "e1", "name": "Esther Williams Dead", "type": "PERSON", "roles": [], "mentions": []},
        {"id": "e2", "name": "Esther Williams", "type": "PERSON", "roles": [], "mentions": []}]}
    _, links = link_all(article_entities(record))
    assert links[0].identity == links[1].identity


def _record(n: int, entities: list[tuple[str, str]], date: str) -> dict:
    text = ". ".join(name for name, _ in entities) + "."
    ents, at = [], 0
    for i, (name, type_) in enumerate(entities, 1):
        start = text.index(name, at)
        at = start + len(name)
        ents.append({"id": f"e{i}", "name": name, "type": type_, "roles": [], "mentions": [{"start": start, "end": at, "text": name}]})
        assert text[start:at] == name
    return {"id": f"rec{n}", "text": text, "published": date, "entities": ents, "statements": []}


RECORDS = [
    [("Joe Biden", "PERSON"), ("Acme Corp", "ORG"), ("Jill Roe", "PERSON")],
    [("Biden", "PERSON"), ("Acme", "ORG"), ("Jill Roe", "PERSON")],
    [("Joseph R. Biden", "PERSON"), ("Jill Roe", "PERSON"), ("National Football League", "ORG")],
    [("Hunter Biden", "PERSON"), ("NFL", "ORG"), ("Roe", "PERSON")],
    [("Joe Biden", "PERSON"), ("Hunter Biden", "PERSON")],
]


def _dump(store: Store) -> tuple[list, list]:
    ids = store.conn.execute("SELECT id, type, name, aliases, roles, mention_count, first_date, last_date, state FROM identities ORDER BY id").fetchall()
    links = store.conn.execute("SELECT article, entity, identity, rule, score FROM identity_mentions ORDER BY article, entity").fetchall()
    return ids, links


@pytest.mark.parametrize("every", [1, 2, 5])
def test_incremental_links_equal_a_full_link(tmp_path, every):
    with Store.open(tmp_path / "a.db") as store:
        for n, entities in enumerate(RECORDS):
            store.add_article(_record(n, entities, f"2021-0{n + 1}-01"))
            if n % every == 0:
                link_people(store, batch=2)
        link_people(store)
        incremental = _dump(store)
        link(store, full=True)
        assert _dump(store) == incremental
    names = {json.loads(state)["name"]: i for i, *_, state in incremental[0]}
    assert names["Joseph R. Biden"] != names["Hunter Biden"]
    biden = [row for row in incremental[1] if row[2] == names["Joseph R. Biden"]]
    assert [row[3] for row in biden] == ["new", "surname-in-context", "nickname", "full-name"]  # "Biden" alone, before Hunter is known


def _archive(tmp_path):
    from test_store_helpers import Quote, build_article

    path = tmp_path / "people.db"
    with Store.open(path) as store:
        store.add_article(build_article("a1", [Quote("Joseph R. Biden", "We will rebuild the bridges", role="president"),
                                               Quote("Jill Roe", "The bridges are old")], published="2021-03-10"))
        store.add_article(build_article("a2", [Quote("Joe Biden", "The roads come first", role="president"),
                                               Quote("Jill Roe", "We agree on the roads")], published="2021-04-02"))
        store.add_article(build_article("a3", [Quote("Biden", "Taxes will not rise"), Quote("Jill Roe", "Nor will fees")], published="2021-05-01"))
        link(store)
    return path


def _cli(capsys, *argv):
    from storyline.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_people_person_and_speaker_through_aliases(tmp_path, capsys):
    db = str(_archive(tmp_path))
    code, out, _ = _cli(capsys, "people", "--db", db, "--format", "jsonl", "--type", "person")
    people = {p["name"]: p for p in map(json.loads, out.splitlines())}
    biden = people["Joseph R. Biden"]
    assert code == 0 and {"Joe Biden", "Biden"} <= set(biden["aliases"]) and biden["statements"] == 3
    assert (biden["first_date"], biden["last_date"]) == ("2021-03-10", "2021-05-01")
    assert [(r["role"], r["first_date"], r["last_date"]) for r in biden["roles"]] == [("president", "2021-03-10", "2021-04-02")]
    code, out, _ = _cli(capsys, "person", "joe biden", "--db", db, "--format", "jsonl")
    shown = json.loads(out)
    assert shown["id"] == biden["id"] and len(shown["statements"]) == 3
    # "joseph" is only in one spelling, yet every statement of the person is found
    code, out, _ = _cli(capsys, "statements", "--speaker", "joseph", "--db", db, "--format", "jsonl")
    assert {json.loads(line)["speaker"] for line in out.splitlines()} == {"Joseph R. Biden", "Joe Biden", "Biden"}
    code, out, _ = _cli(capsys, "export", "--db", db, "--format", "jsonl")
    persons = {e["name"]: e["person"] for r in map(json.loads, out.splitlines()) for e in r["entities"]}
    assert persons["Joe Biden"] == persons["Biden"] == biden["id"] != persons["Jill Roe"]


def test_merge_and_split_survive_recomputation(tmp_path, capsys):
    db = str(_archive(tmp_path))

    def ids():
        out = _cli(capsys, "export", "--db", db, "--format", "jsonl")[1]
        return {(r["id"], e["name"]): e["person"] for r in map(json.loads, out.splitlines()) for e in r["entities"]}

    before = ids()
    code, _, err = _cli(capsys, "people", "merge", str(before["a2", "Joe Biden"]), str(before["a2", "Jill Roe"]), "--db", db)
    assert code == 0 and "recorded the merge" in err
    merged = ids()
    assert len(set(merged.values())) == 1
    _cli(capsys, "link", "--full", "--db", db)
    assert ids() == merged
    code, _, _ = _cli(capsys, "people", "split", str(merged["a1", "Joseph R. Biden"]), "a3", "--db", db)
    split = ids()
    assert code == 0 and split["a3", "Biden"] == split["a3", "Jill Roe"] != split["a1", "Joseph R. Biden"] == split["a1", "Jill Roe"]
    _cli(capsys, "link", "--full", "--db", db)
    assert ids() == split
    code, _, err = _cli(capsys, "people", "merge", "1", "999", "--db", db)
    assert code == 2 and "no such identity: 999" in err


def test_person_page_shows_the_identity_aliases_and_role_timeline(tmp_path):
    from fastapi.testclient import TestClient

    from storyline.server import create_app

    db = _archive(tmp_path)
    with TestClient(create_app(db)) as client:
        speakers = client.get("/api/people", params={"name": "biden"}).json()["items"]
        short = next(s for s in speakers if s["name"] == "Biden")  # one spelling's speaker page ...
        detail = client.get(f"/api/people/{short['id']}").json()
        # ... shows the person across the archive: every name, and the roles with their dates
        assert detail["identity"]["name"] == "Joseph R. Biden" and "Joe Biden" in detail["identity"]["aliases"]
        assert detail["identity"]["roles"][0] | {"articles": None} == {"role": "president", "first_date": "2021-03-10", "last_date": "2021-04-02", "articles": None}
        page = client.get(f"/people/{short['id']}").text
        assert "Also named" in page and "Joe Biden" in page and "Roles over time" in page and "2021-04-02" in page


def test_a_given_name_that_is_someone_elses_surname_does_not_link():
    # "James Comey" is no one's "Comey" yet; "James" is LeBron James's surname: still two people
    _, links = link_all([entity("a1", "LeBron James"), entity("a2", "James Comey")])
    assert links[0].identity != links[1].identity


def test_loose_keys_read_fewer_identities_than_a_name():
    from storyline.link.identities import LOOSE_KEYS, block_cap, entity_keys

    lookup, _ = entity_keys(entity("a1", "Duncan Rait"))
    loose = [k for k in lookup if k.startswith(LOOSE_KEYS)]
    assert loose and "n:duncan|rait" in lookup  # a surname one letter off, a first name's first letters
    assert all(block_cap(k) < block_cap("n:duncan|rait") for k in loose)
