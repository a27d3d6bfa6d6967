"""Stories: articles join the developing story they belong to, online, deterministically.

The clusterer (storyline.link.stories) is pure; the link job places stored articles with it and
keeps its state in the archive. Linking after each ingest and `storyline link --full` give the same
stories with the same ids.
"""
from __future__ import annotations

import pytest
from test_store_helpers import WIRE, Quote, build_article

from storyline.eval.stories import adjusted_rand, bcubed
from storyline.jobs.link import link
from storyline.link import stories as st
from storyline.store import Store

QUAKE_A = ("An earthquake of magnitude 6.1 struck near Ravenna on Tuesday, collapsing the old bell tower of San Vitale "
           "and injuring forty people. Rescue teams from Bologna searched the rubble through the night.")
QUAKE_A2 = ("Rescue teams in Ravenna searched the collapsed bell tower of San Vitale for a second night after Tuesday's "
            "earthquake of magnitude 6.1 injured forty people; the Bologna fire brigade led the search.")
QUAKE_B = ("An earthquake of magnitude 7.2 hit the coast of Hokkaido, sending a tsunami wave into the port of Kushiro "
           "and cutting power to ninety thousand homes. Sapporo officials opened shelters.")
QUAKE_B2 = ("Shelters in Sapporo filled after the magnitude 7.2 earthquake off Hokkaido; the tsunami flooded Kushiro port "
            "and ninety thousand homes were still without power on Thursday.")


def article(key, text, names=(), places=(), date=None, copy_of=None, title=None, days=()):
    return st.StoryArticle(key=key, date=date, terms=st.term_counts(title, text), names=frozenset(names),
                           places=frozenset(places), days=frozenset(days), copy_of=copy_of, title=title)


def place_all(items, clusterer=None):
    index = st.StoryIndex()
    return [p.story for p in st.link_stories(items, index, clusterer)], index


def test_two_incidents_of_one_kind_are_two_stories():
    items = [article(1, QUAKE_A, places={"ravenna", "bologna"}), article(2, QUAKE_B, places={"hokkaido", "kushiro"}),
             article(3, QUAKE_A2, places={"ravenna", "bologna"}), article(4, QUAKE_B2, places={"hokkaido", "kushiro", "sapporo"})]
    stories, index = place_all(items)
    assert stories[0] == stories[2] and stories[1] == stories[3] and stories[0] != stories[1]
    story = index.story(stories[0])
    assert story.articles == [1, 3]


def test_a_syndicated_copy_joins_its_originals_story_unscored():
    items = [article(1, QUAKE_A), article(2, QUAKE_B), article(3, "Completely different words about a harbor strike vote.", copy_of=1)]
    index = st.StoryIndex()
    placements = st.link_stories(items, index)
    assert placements[2].story == placements[0].story and placements[2].score is None


def test_the_time_window_keeps_a_dated_article_out_of_a_stale_story_and_dates_are_optional():
    near = [article(1, QUAKE_A, date="2021-03-01"), article(2, QUAKE_A2, date="2021-03-03")]
    far = [article(1, QUAKE_A, date="2021-03-01"), article(2, QUAKE_A2, date="2021-06-03")]
    undated = [article(1, QUAKE_A), article(2, QUAKE_A2)]
    assert len(set(place_all(near)[0])) == 1
    assert len(set(place_all(far)[0])) == 2
    assert len(set(place_all(undated)[0])) == 1


def test_candidates_come_from_the_index_never_a_scan():
    class Counting(st.StoryIndex):
        def __init__(self):
            super().__init__()
            self.read: list[int] = []

        def story(self, story_id):
            self.read.append(story_id)
            return super().story(story_id)

    index = Counting()
    unrelated = [article(i, f"Topic{i}word alpha{i}x beta{i}y gamma{i}z") for i in range(1, 30)]
    st.link_stories(unrelated, index)
    index.read.clear()
    st.link_stories([article(100, QUAKE_A)], index)
    # the new article shares no word with any story: none is read, except the one it opens
    assert index.read == [30]


def test_the_representative_title_is_a_headline_whose_words_weigh_most_in_the_story():
    items = [article(1, QUAKE_A, title="Bell tower falls", places={"ravenna"}),
             article(2, QUAKE_A2, title="Earthquake of magnitude 6.1 in Ravenna: rescue at San Vitale bell tower", places={"ravenna"}),
             article(3, QUAKE_A, title="Photos", places={"ravenna"})]
    stories, index = place_all(items)
    assert len(set(stories)) == 1
    assert index.story(stories[0]).title == items[1].title


class Stored(st.StoryIndex):
    """A second index that serves reads from another's saved state, as the archive serves a later batch."""

    def __init__(self, saved):
        super().__init__()
        self.saved = saved
        self.articles, self.next_id = saved.articles, saved.next_id

    def _load_story(self, story_id):
        return st.Story.from_dict(self.saved.story(story_id).to_dict()) if story_id < self.saved.next_id else None

    def _load_postings(self, key):
        return list(self.saved.postings(key))

    def _load_df(self, term):
        return self.saved.df(term)

    def _load_story_of(self, article):
        return self.saved.story_of(article)


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_placing_in_batches_gives_what_one_pass_gives(cut):
    items = [article(1, QUAKE_A), article(2, QUAKE_B), article(3, QUAKE_A2), article(4, QUAKE_B2)]
    whole, _index = place_all(items)

    first = st.StoryIndex()
    part1 = [p.story for p in st.link_stories(items[:cut], first)]
    part2 = [p.story for p in st.link_stories(items[cut:], Stored(first))]
    assert part1 + part2 == whole


def test_story_article_reads_names_places_and_event_days_from_a_record():
    record = {"title": "Quake", "text": QUAKE_A, "published": "2021-03-02", "source": "Wire",
              "entities": [{"name": "Maria Lopez", "type": "PERSON"}, {"name": "Ravenna", "type": "GPE"}],
              "times": [{"type": "DATE", "value": "2021-03-01"}, {"type": "DATE", "value": "2021-03-02"},
                        {"type": "DURATION", "value": "P2D"}]}
    a = st.story_article(record, 7)
    assert a.names == {"maria lopez", "lopez"} and a.places == {"ravenna"}
    # its own publication day (and year) says nothing about which story it is
    assert a.days == {"2021-03-01"}


def test_the_years_an_article_names_are_dates_of_the_events_it_tells():
    record = {"title": "Quake of 2009 remembered", "text": "The 2009 earthquake killed 309 people; 1,200 were hurt.",
              "published": None, "times": [{"type": "DATE", "value": "2012-05"}]}
    a = st.story_article(record, 1)
    assert a.days == {"2012-05", "2012", "2009"}  # a toll ("309", "1200") is a figure, not a year
    assert {"2009", "309", "1200"} <= a.numbers
    # dated, the time window keeps it to stories of its own weeks: the years it names are background
    dated = st.story_article({**record, "published": "2012-06-01"}, 2)
    assert dated.days == {"2012-05"}
    assert a.terms["quake"] == 2 and "the" not in a.terms


def test_bcubed_and_adjusted_rand():
    gold = ["a", "a", "b", "b"]
    assert bcubed(gold, [1, 1, 2, 2]) == (1.0, 1.0, 1.0) and adjusted_rand(gold, [1, 1, 2, 2]) == 1.0
    p, r, _ = bcubed(gold, [1, 2, 3, 4])
    assert (p, r) == (1.0, 0.5)
    p, r, _f = bcubed(gold, [1, 1, 1, 1])
    assert (p, r) == (0.5, 1.0)
    assert adjusted_rand(gold, [1, 1, 1, 1]) == 0.0


def _story_tables(store):
    return [store.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("stories", "story_articles", "story_postings", "story_df", "story_counters")]


def _stored_articles():
    return [
        build_article("s1", [Quote("Maria Lopez", "The routes will change", role="council member")], published="2021-03-10", filler=WIRE),
        build_article("s2", [Quote("Omar Haddad", "The harbor memo was sent in error", role="chairman")], published="2021-03-11",
                      filler="The harbor authority withdrew the leaked memo on dock closures after a strike vote by the port workers. "),
        build_article("s3", [Quote("Maria Lopez", "More buses soon", role="council member")], published="2021-03-12",
                      filler=WIRE + " The council will publish the new timetable next week."),
        build_article("s4", [Quote("Omar Haddad", "No closures", role="chairman")], published="2021-03-12",
                      filler="Port workers at the harbor held the strike vote after the leaked memo on dock closures was withdrawn. "),
    ]


def test_ingest_places_each_article_online_and_full_recomputation_gives_the_same_stories(tmp_path):
    with Store.open(tmp_path / "inc.db") as store:
        for a in _stored_articles():
            store.add_article(a)
            link(store)  # as each ingest does
        incremental = _story_tables(store)
        members = store.conn.execute("SELECT a.record_id, sa.story FROM story_articles sa JOIN articles a ON a.id = sa.article ORDER BY a.id").fetchall()
        summary = link(store, full=True)
        assert summary.articles == 4
        assert _story_tables(store) == incremental
    with Store.open(tmp_path / "once.db") as store:
        for a in _stored_articles():
            store.add_article(a)
        link(store)  # one batch
        assert _story_tables(store) == incremental
    story = dict(members)
    assert story["s1"] == story["s3"] and story["s2"] == story["s4"] and story["s1"] != story["s2"]


def test_stories_and_story_commands(tmp_path, capsys):
    import json

    from storyline.cli import main

    db = str(tmp_path / "cli.db")
    with Store.open(db) as store:
        for a in _stored_articles():
            store.add_article(a)
        link(store)
    assert main(["stories", "--db", db, "--format", "jsonl"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(sorted(s["articles"]) for s in listed) == [["s1", "s3"], ["s2", "s4"]]
    for s in listed:
        assert {"id", "title", "first", "last", "outlets"} <= set(s) and s["last"] == "2021-03-12"
    assert main(["stories", "--db", db, "--format", "jsonl", "--about", "harbor"]) == 0
    assert [sorted(json.loads(line)["articles"]) for line in capsys.readouterr().out.splitlines()] == [["s2", "s4"]]
    assert main(["stories", "--db", db, "--format", "jsonl", "--until", "2021-03-09"]) == 0
    assert capsys.readouterr().out == ""
    harbor = next(s for s in listed if "s2" in s["articles"])
    assert main(["story", str(harbor["id"]), "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "Omar Haddad" in shown and shown.index("2021-03-11") < shown.index("2021-03-12")
    assert main(["story", "999", "--db", db]) == 1


@pytest.mark.parametrize(("text", "figures"), [
    ("A magnitude 6.1 earthquake injured 1,200 people in 2008.", {"6.1", "1200", "2008"}),
    ("Two people, 3 cars and 12 houses.", set()),  # small counts say little about which story
    ("Updated 8:24am on 1/26/11, about $21MM.", set()),  # clock, calendar and glued parts are not figures
    ("A 6.1-magnitude quake on 2008-12-01 damaged 140-150 homes.", {"6.1"}),  # a hyphened word is fine; ranges and dates are not
])
def test_numbers_are_the_figures_an_article_gives(text, figures):
    assert st.numbers(None, text) == figures


def test_a_name_the_lead_mentions_leads_and_weighs_more():
    text = "Maria Lopez opened the new bridge. " + "The works lasted years. " * 30 + "Carlos Ruiz was not there."
    lopez, ruiz = text.index("Maria Lopez"), text.index("Carlos Ruiz")
    record = {"title": "Bridge", "text": text, "entities": [
        {"name": "Maria Lopez", "type": "PERSON", "mentions": [{"start": lopez, "end": lopez + 11}]},
        {"name": "Carlos Ruiz", "type": "PERSON", "mentions": [{"start": ruiz, "end": ruiz + 11}]}]}
    a = st.story_article(record, 1)
    assert text[lopez:lopez + 11] == "Maria Lopez" and text[ruiz:ruiz + 11] == "Carlos Ruiz"
    assert a.leading == {"maria lopez", "lopez"} and a.names == {"maria lopez", "lopez", "carlos ruiz", "ruiz"}
    weights = st.weigh(a, st.StoryIndex()).names
    assert weights["lopez"] == st.LEAD_WEIGHT * weights["ruiz"]


def test_a_story_keeps_its_figures_and_a_new_article_is_scored_on_the_share_it_repeats():
    quake = "An earthquake of magnitude {} struck the coast, and rescue teams searched the rubble through the night."
    one, two = quake.format("6.1"), quake.format("7.4")
    items = [st.StoryArticle(1, None, st.term_counts(None, one), numbers=st.numbers(None, one)),
             st.StoryArticle(2, None, st.term_counts(None, one), numbers=st.numbers(None, one)),
             st.StoryArticle(3, None, st.term_counts(None, two), numbers=st.numbers(None, two))]
    index = st.StoryIndex()
    placements = st.link_stories(items, index)
    assert placements[1].evidence.numbers == 1.0
    assert placements[2].evidence is None or placements[2].score < placements[1].score  # words agree, the figure does not
    assert index.story(placements[0].story).numbers["6.1"] == 2


def clone(index, **story):
    """A copy of a one-story index (changes to the story's fields given), to place one article in twice."""
    copy = st.StoryIndex()
    copy._stories[1] = st.Story.from_dict({**index.story(1).to_dict(), **story})
    copy._df, copy._postings, copy.articles, copy.next_id = dict(index._df), {k: list(v) for k, v in index._postings.items()}, index.articles, 2
    return copy


def test_an_undated_story_that_mixes_two_incidents_is_scored_against_its_members_too():
    # a story holding one Ravenna and one Hokkaido report (forced: threshold 0): its centroid holds
    # both places, each member only one, so a Ravenna follow-up scores less than on the centroid alone
    mixed = [article(1, QUAKE_A, names={"red cross"}, places={"ravenna", "bologna"}),
             article(2, QUAKE_B, names={"red cross"}, places={"hokkaido", "kushiro"})]
    index = st.StoryIndex()
    st.link_stories(mixed, index, st.SinglePass(threshold=0.0))
    story = index.story(1)
    assert story.articles == [1, 2] and len(story.members) == 2
    assert set(story.members[0]["places"]) == {"ravenna", "bologna"} and set(story.members[1]["places"]) == {"hokkaido", "kushiro"}
    follow_up = article(3, QUAKE_A2, names={"red cross"}, places={"ravenna", "bologna"})
    scores = {}
    for share in (1.0, 0.25):
        copy = clone(index)
        scores[share] = st.SinglePass(threshold=0.0, centroid=share).place(follow_up, copy).score
    assert 0 < scores[0.25] < scores[1.0]
    # dated, the time window tells incidents apart, and the centroid alone scores
    dated = article(3, QUAKE_A2, names={"red cross"}, places={"ravenna", "bologna"}, date="2021-03-02")
    copy = clone(index, first="2021-03-01", last="2021-03-01")
    assert st.SinglePass(threshold=0.0).place(dated, copy).score == scores[1.0]


def test_a_story_keeps_the_fingerprints_of_its_latest_members_only():
    items = [article(k, QUAKE_A if k % 2 else QUAKE_A2, places={"ravenna"}) for k in range(1, st.MEMBERS + 6)]
    stories, index = place_all(items, st.SinglePass(threshold=0.0))
    story = index.story(stories[0])
    assert len(story.articles) == len(items) and len(story.members) == st.MEMBERS
    assert all(len(m["terms"]) <= st.MEMBER_TERMS for m in story.members)
    assert st.Story.from_dict(story.to_dict()).members == story.members


def test_average_linkage_finds_the_two_groups_of_a_score_matrix():
    high, low = 0.8, 0.1
    scores = [[0, high, low, low], [high, 0, low, low], [low, low, 0, high], [low, low, high, 0]]
    (first, second), between = st.two_groups(scores)
    assert (first, second) == ([0, 1], [2, 3]) and between == pytest.approx(low)
    assert st.two_groups([[0.0]]) is None


QUAKES = [(QUAKE_A, {"ravenna", "bologna"}), (QUAKE_B, {"hokkaido", "kushiro"}),
          (QUAKE_A2, {"ravenna", "bologna"}), (QUAKE_B2, {"hokkaido", "kushiro", "sapporo"})]


def _two_incidents_forced_together(n=8):
    """Undated reports of two earthquakes naming the same relief agency, alternating."""
    return [article(k, QUAKES[k % 4][0], names={"red cross"}, places=QUAKES[k % 4][1], title=f"Report {k}") for k in range(n)]


def test_a_story_whose_members_fall_into_two_incidents_is_split_and_its_first_article_keeps_the_id():
    together = st.SinglePass(threshold=0.0, split_below=0.0)  # every article joins the one story
    stories, _ = place_all(_two_incidents_forced_together(), together)
    assert len(set(stories)) == 1
    # the two incidents' reports link at about 0.4 (the agency and the words of an earthquake), each
    # incident's at 0.7 or more
    splitting = st.SinglePass(threshold=0.0, split_below=0.5, split_least=2)
    index = st.StoryIndex()
    placements = st.link_stories(_two_incidents_forced_together(), index, splitting)
    final = {p.article: index.story_of(p.article) for p in placements}
    ravenna = {k for k in final if k % 2 == 0}
    hokkaido = set(final) - ravenna
    assert {final[k] for k in ravenna} == {stories[0]}  # the story of the first article keeps its id
    assert len({final[k] for k in hokkaido}) == 1 and final[1] != final[0]
    kept, split_off = index.story(final[0]), index.story(final[1])
    # each story is rebuilt from its own members: its articles, places and title are its own
    assert sorted(kept.articles) == sorted(ravenna) and sorted(split_off.articles) == sorted(hokkaido)
    assert set(kept.places) == {"ravenna", "bologna"} and "ravenna" not in split_off.places
    assert kept.title in {f"Report {k}" for k in ravenna} and split_off.title in {f"Report {k}" for k in hokkaido}
    # the split-off story is found through the index by its own keys
    assert split_off.id in index.postings("p:kushiro")


def test_a_story_of_one_incident_is_not_split():
    items = [article(k, QUAKE_A if k % 2 else QUAKE_A2, names={"red cross"}, places={"ravenna"}) for k in range(10)]
    stories, _ = place_all(items, st.SinglePass(threshold=0.0, split_below=0.5, split_least=2))
    assert len(set(stories)) == 1


def test_a_split_in_the_archive_gives_the_same_stories_online_and_in_full(tmp_path):
    from storyline.jobs.link import link_stories_job

    splitting = st.SinglePass(threshold=0.0, split_below=0.3, split_least=2)
    with Store.open(tmp_path / "inc.db") as store:
        for a in _stored_articles():
            store.add_article(a)
            link_stories_job(store, clusterer=splitting)  # one article at a time
        incremental = _story_tables(store)
        members = dict(store.conn.execute("SELECT a.record_id, sa.story FROM story_articles sa JOIN articles a ON a.id = sa.article").fetchall())
        link_stories_job(store, full=True, clusterer=splitting)
        assert _story_tables(store) == incremental
    with Store.open(tmp_path / "batches.db") as store:
        for a in _stored_articles():
            store.add_article(a)
        link_stories_job(store, batch=3, clusterer=splitting)  # the split falls in the second batch
        assert _story_tables(store) == incremental
    assert members["s1"] == members["s3"] and members["s2"] == members["s4"] and members["s1"] != members["s2"]
    assert len({story[0] for story in incremental[0]}) == 2


def _two_stories_then(third, merge_above):
    """Ravenna reports in two stories (the second forced apart), then `third` placed with `merge_above`."""
    index = st.StoryIndex()
    st.link_stories([article(1, QUAKE_A, places={"ravenna", "bologna"})], index)
    st.link_stories([article(2, QUAKE_A2, places={"ravenna", "bologna"})], index, st.SinglePass(threshold=1.01))
    assert [index.story_of(1), index.story_of(2)] == [1, 2]
    placement = st.link_stories([third], index, st.SinglePass(threshold=0.0, merge_above=merge_above))[0]
    return index, placement


def test_two_stories_of_one_incident_an_article_reaches_both_of_are_merged_and_the_older_id_kept():
    follow_up = article(3, QUAKE_A2, places={"ravenna", "bologna"})
    index, placement = _two_stories_then(follow_up, merge_above=0.0)
    assert placement.bridged  # it reached both
    assert len({index.story_of(k) for k in (1, 2, 3)}) == 2  # without merging
    index, placement = _two_stories_then(follow_up, merge_above=0.38)
    assert {index.story_of(k) for k in (1, 2, 3)} == {1}
    assert index.find(2) is None and index.dropped == {2}
    merged = index.story(1)
    assert merged.articles == [1, 2, 3] and [m["article"] for m in merged.members] == [1, 2, 3]
    assert merged.places == {"ravenna": 3, "bologna": 3}
    # a later article whose keys still point to the merged-away story lands in the one kept
    later = st.link_stories([article(4, QUAKE_A, places={"ravenna"})], index, st.SinglePass(merge_above=0.38))[0]
    assert index.story_of(later.article) == 1


def test_an_article_that_reaches_two_stories_of_different_incidents_does_not_merge_them():
    index = st.StoryIndex()
    st.link_stories([article(1, QUAKE_A, places={"ravenna", "bologna"}),
                     article(2, QUAKE_B, places={"hokkaido", "kushiro"})], index, st.SinglePass(threshold=0.5))
    assert index.story_of(1) != index.story_of(2)
    bridge = article(3, QUAKE_A + " " + QUAKE_B, places={"ravenna", "hokkaido"})
    placement = st.link_stories([bridge], index, st.SinglePass(threshold=0.0, merge_above=0.38))[0]
    assert placement.bridged and index.story_of(1) != index.story_of(2)


def test_a_merge_in_the_archive_gives_the_same_stories_online_and_in_full(tmp_path):
    from storyline.jobs.link import link_stories_job

    def placed(store):
        return dict(store.conn.execute("SELECT a.record_id, sa.story FROM story_articles sa JOIN articles a ON a.id = sa.article").fetchall())

    # the first two share no word, so each opens a story; the third tells both and reaches both
    harbor = "The harbor authority withdrew the leaked memo on dock closures after a strike vote by the port workers. "
    buses = "The city council voted to expand the bus network across the northern districts. "
    more = "Dock workers said the closures would have cost hundreds of jobs at the container terminal this winter. "
    articles = [build_article("h1", [Quote("Omar Haddad", "No closures", role="chairman")], filler=harbor),
                build_article("b1", [Quote("Maria Lopez", "More buses soon", role="council member")], filler=buses),
                build_article("hb", [Quote("Omar Haddad", "The memo was sent in error", role="chairman"),
                                     Quote("Maria Lopez", "The buses will serve the docks", role="council member")], filler=harbor + more + buses)]
    merging = st.SinglePass(threshold=0.05, merge_above=0.01, split_below=0.0)
    with Store.open(tmp_path / "inc.db") as store:
        for a in articles:
            store.add_article(a)
            link_stories_job(store, clusterer=merging)
        incremental, members = _story_tables(store), placed(store)
        link_stories_job(store, full=True, clusterer=merging)
        assert _story_tables(store) == incremental
    with Store.open(tmp_path / "batches.db") as store:
        for a in articles:
            store.add_article(a)
        link_stories_job(store, batch=2, clusterer=merging)
        assert _story_tables(store) == incremental
    assert len(set(members.values())) == 1 and [row[0] for row in incremental[0]] == [1]  # story 2 merged into 1


def test_eval_stories_scores_the_file_order_and_the_mean_over_shuffled_orders(tmp_path, capsys):
    import json

    from storyline.cli import main

    texts = [QUAKE_A, QUAKE_B, QUAKE_A2, QUAKE_B2] * 2
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"id": f"a{k}", "title": None, "text": t, "published": None,
                                        "subtopic": "ravenna" if k % 2 == 0 else "hokkaido"}) + "\n"
                            for k, t in enumerate(texts)), encoding="utf-8")
    assert main(["eval", "stories", str(gold), "--no-vectors", "--shuffles", "3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["scores"][0]
    assert result["set"] == "all" and result["shuffled"]["orders"] == 4
    assert 0.0 <= result["shuffled"]["bcubed_f1"] <= 1.0 and -1.0 <= result["shuffled"]["ari"] <= 1.0
    assert result["bcubed_f1"] == 1.0 and result["shuffled"]["bcubed_f1"] == 1.0  # two incidents, told apart in any order


def _stray_then_its_incident(margin):
    """Two Ravenna reports; a Hokkaido report that names the same agency joins their story (the only
    one yet); two more Hokkaido reports open their own; a third Ravenna report joins the first story."""
    a3 = "The bell tower of San Vitale in Ravenna will be rebuilt, the Bologna fire brigade said after the earthquake of magnitude 6.1."
    items = [article(1, QUAKE_A, places={"ravenna", "bologna"}, names={"red cross"}),
             article(2, QUAKE_A2, places={"ravenna", "bologna"}, names={"red cross"}),
             article(3, QUAKE_B, places={"hokkaido", "kushiro"}, names={"red cross"}),
             article(4, QUAKE_B2, places={"hokkaido", "kushiro", "sapporo"}),
             article(5, QUAKE_B2 + " The port of Kushiro reopened.", places={"hokkaido", "kushiro", "sapporo"}),
             article(6, a3, places={"ravenna", "bologna"}, names={"red cross"})]
    return items, st.SinglePass(threshold=0.35, rehome_margin=margin)


def test_a_member_that_links_better_to_another_story_moves_there():
    items, staying = _stray_then_its_incident(0.0)
    index = st.StoryIndex()
    placed = [p.story for p in st.link_stories(items, index, staying)]
    assert placed == [1, 1, 1, 2, 2, 1] and index.story_of(3) == 1  # without re-homing it stays
    items, rehoming = _stray_then_its_incident(0.05)
    index = st.StoryIndex()
    st.link_stories(items, index, rehoming)
    assert [index.story_of(k) for k in range(1, 7)] == [1, 1, 2, 2, 2, 1]
    ravenna, hokkaido = index.story(1), index.story(2)
    # both stories are made again from their members: articles, places, members and index keys
    assert ravenna.articles == [1, 2, 6] and hokkaido.articles == [3, 4, 5]
    assert "hokkaido" not in ravenna.places and hokkaido.places["kushiro"] == 3
    assert [m["article"] for m in hokkaido.members] == [3, 4, 5]
    assert index.moved == {3: 2} and 2 in index.postings("p:kushiro")


@pytest.mark.parametrize("cut", [2, 4, 5])
def test_a_move_gives_the_same_stories_in_batches_as_in_one_pass(cut):
    items, rehoming = _stray_then_its_incident(0.05)
    whole = st.StoryIndex()
    st.link_stories(items, whole, rehoming)

    first = st.StoryIndex()
    st.link_stories(items[:cut], first, rehoming)
    second = Stored(first)
    st.link_stories(items[cut:], second, rehoming)
    assert [second.story_of(k) for k in range(1, 7)] == [whole.story_of(k) for k in range(1, 7)]
    for story_id in (1, 2):
        assert second.story(story_id).to_dict() == whole.story(story_id).to_dict()


def test_a_move_in_the_archive_gives_the_same_stories_online_and_in_full(tmp_path):
    from storyline.jobs.link import link_stories_job

    def lopez(words):
        return [Quote("Maria Lopez", words, role="relief coordinator")]

    # undated: the Hokkaido report that names the same coordinator and Bologna's rescue teams joins the
    # Ravenna story (the only one yet); the next two open their own; a third Ravenna report joins the first
    articles = [build_article("a1", lopez("We are searching"), published=None, filler=QUAKE_A + " "),
                build_article("a2", lopez("The search goes on"), published=None, filler=QUAKE_A2 + " "),
                build_article("b1", lopez("Shelters are open"), published=None,
                              filler=QUAKE_B + " Rescue teams from Bologna searched the rubble through the night. "),
                build_article("b2", [], published=None, filler=QUAKE_B2 + " "),
                build_article("b3", [], published=None, filler=QUAKE_B2 + " The port of Kushiro reopened. "),
                build_article("a3", lopez("The tower will be rebuilt"), published=None,
                              filler="The bell tower of San Vitale in Ravenna will be rebuilt, the Bologna fire brigade said. ")]

    def placed(store):
        return dict(store.conn.execute("SELECT a.record_id, sa.story FROM story_articles sa JOIN articles a ON a.id = sa.article").fetchall())

    tables = {}
    for margin in (0.0, 0.05):
        rehoming = st.SinglePass(threshold=0.52, rehome_margin=margin)
        with Store.open(tmp_path / f"inc{margin}.db") as store:
            for a in articles:
                store.add_article(a)
                link_stories_job(store, clusterer=rehoming)  # one article at a time
            tables[margin], members = _story_tables(store), placed(store)
            link_stories_job(store, full=True, clusterer=rehoming)
            assert _story_tables(store) == tables[margin]
        with Store.open(tmp_path / f"batches{margin}.db") as store:
            for a in articles:
                store.add_article(a)
            link_stories_job(store, batch=4, clusterer=rehoming)  # the move falls in the second batch
            assert _story_tables(store) == tables[margin]
        ravenna = {members[k] for k in ("a1", "a2", "a3")}
        assert len(ravenna) == 1 and members["b2"] == members["b3"] not in ravenna
        assert (members["b1"] in ravenna) == (margin == 0.0)  # it stays without re-homing, else it moves
