"""Timeline summaries (storyline.link.timelines) over hand-made records, and the Timeline17 scorer's pieces."""
from __future__ import annotations

import re

import pytest

from storyline.link import timelines
from storyline.link.timelines import dated_sentences, sentence_spans, summarize, summarize_records


def _record(rid: str, outlet: str, published: str, text: str, dated: dict[str, str]) -> dict:
    """A record whose `times` give each phrase in `dated` (phrase -> day) at its place in `text`."""
    times = []
    for n, (phrase, day) in enumerate(dated.items(), 1):
        start = text.index(phrase)
        times.append({"id": f"t{n}", "start": start, "end": start + len(phrase), "text": phrase, "type": "DATE", "value": day})
    return {"id": rid, "source": outlet, "published": published, "text": text, "times": times}


RIG = "The oil rig exploded in the Gulf of Mexico on Tuesday, killing eleven workers on board."
RECORDS = [
    _record("a1", "Reuters", "2010-04-22", RIG + " Officials said the search for survivors went on for two days.", {"Tuesday": "2010-04-20"}),
    _record("a2", "BBC", "2010-04-21", RIG + " Coast guard ships were sent to the scene at once.", {"Tuesday": "2010-04-20"}),
    _record("a3", "Guardian", "2010-04-30",
            "On Tuesday the drilling rig blew up and later sank into the gulf waters off Louisiana. "
            "The company said on April 30 that it would pay for the clean-up of the spill.",
            {"Tuesday": "2010-04-20", "April 30": "2010-04-30"}),
    _record("a4", "BBC", "2010-05-01", "The company promised on Friday to pay for all of the clean-up work on the coast.",
            {"Friday": "2010-04-30"}),
    _record("a5", "BBC", "2010-05-02", "A quiet day passed along the coast with no news from the well site at all.", {}),
]


def test_sentence_spans_index_the_text():
    text = 'He said "It blew up." Then the rig sank.\nA new line starts here. U.S. officials came.'
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans][:3] == ['He said "It blew up."', "Then the rig sank.", "A new line starts here."]
    for s, e in spans:
        assert text[s:e].strip() == text[s:e]


def test_a_sentence_is_evidence_for_the_day_it_names_not_its_publication_day():
    sentences = dated_sentences(RECORDS[0])
    rig = [s for s in sentences if s.text == RIG]
    assert [(s.date, s.mentioned) for s in rig] == [("2010-04-20", True)]
    undated = [s for s in sentences if s.text != RIG]
    # a lead sentence naming no day stands for its publication day or the day before
    assert [s.date for s in undated] == ["2010-04-22", "2010-04-21"] and not any(s.mentioned for s in undated)
    for s in sentences:
        assert s.text in RECORDS[0]["text"]


def test_a_lead_sentence_for_the_day_before_is_no_evidence_for_that_day():
    capped = _record("a6", "BBC", "2010-05-01", "Crews worked through the night to cap the leaking well on the sea floor.", {})
    sentences = dated_sentences(RECORDS[4]) + dated_sentences(capped)
    evidence = {e.date: e.published_articles for e in timelines.evidence_of(sentences)}
    assert evidence == {"2010-05-01": 1, "2010-05-02": 1}  # a5 (May 2nd) is no evidence for May 1st, a6 none for April 30th
    (day,) = summarize(sentences, dates=1, per_date=2, since="2010-05-01", until="2010-05-01")
    assert day.reason == "1 article published that day"
    assert {s.articles[0]: s.reason for s in day.sentences} == {"a6": "lead sentence of an article published that day",
                                                               "a5": "lead sentence of an article published the next day"}


def test_dates_by_evidence_sentences_folded_across_outlets():
    summary = summarize_records(RECORDS, dates=2, per_date=1)
    assert [d.date for d in summary] == ["2010-04-20", "2010-04-30"]  # the days most articles name, oldest first
    first = summary[0]
    assert "named in 3 articles" in first.reason
    (sentence,) = first.sentences
    assert sentence.text == RIG
    assert sorted(sentence.outlets) == ["BBC", "Reuters"] and sorted(sentence.articles) == ["a1", "a2"]  # one sentence, both outlets
    assert sentence.reason == "names the day"


def test_at_most_n_dates_and_k_sentences_and_no_sentence_twice():
    for n, k in [(1, 1), (2, 2), (5, 3)]:
        summary = summarize_records(RECORDS, dates=n, per_date=k)
        assert 1 <= len(summary) <= n
        assert all(1 <= len(d.sentences) <= k for d in summary)
        texts = [s.text for d in summary for s in d.sentences]
        assert len(texts) == len(set(texts))
        assert [d.date for d in summary] == sorted(d.date for d in summary)


def test_window_and_defaults():
    summary = summarize_records(RECORDS, since="2010-04-25")
    assert summary and all(d.date >= "2010-04-25" for d in summary)
    assert len(summarize_records(RECORDS)) <= timelines.DEFAULT_DATES
    with pytest.raises(ValueError):
        summarize_records(RECORDS, dates=0)


@pytest.mark.parametrize("selector", sorted(timelines.DATE_SELECTORS))
@pytest.mark.parametrize("ranker", sorted(timelines.SENTENCE_RANKERS))
def test_every_strategy_gives_a_valid_summary(selector, ranker):
    summary = summarize([s for r in RECORDS for s in dated_sentences(r)], dates=3, per_date=2, selector=selector, ranker=ranker)
    assert summary
    by_id = {r["id"]: r["text"] for r in RECORDS}
    for day in summary:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.date)
        for s in day.sentences:
            assert all(s.text in by_id[a] for a in s.articles)


def test_story_hook_reads_the_story_articles_only():
    wanted = []

    def records_of(ids):
        wanted.extend(ids)
        return [r for r in RECORDS if r["id"] in ids]

    summary = timelines.summarize_story(["a4"], records_of, dates=3, per_date=1)
    assert wanted == ["a4"]
    assert [d.date for d in summary] == ["2010-04-30"]


def test_date_f1_and_tokens():
    from storyline.eval.tls import date_f1, ptb_tokens

    assert date_f1({"2010-04-20", "2010-04-21"}, {"2010-04-20", "2010-05-01", "2010-06-01"}) == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
    assert date_f1(set(), {"2010-04-20"}) == 0.0
    assert ptb_tokens('BP\'s rig "blew up," officials said.') == "BP 's rig \" blew up , \" officials said ."


def test_eval_tls_follows_the_protocol(tmp_path):
    """tilse is in requirements-dev.lock: without it this fails, as a missing pinned tool should."""
    import json

    from storyline.eval import tls

    topic = tmp_path / "rig"
    topic.mkdir()
    articles = [{"id": r["id"], "title": None, "text": r["text"], "published": r["published"], "source": r["source"]} for r in RECORDS]
    (topic / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in articles) + "\n", encoding="utf-8")
    gold = [{"date": "2010-04-20", "sentences": ["The oil rig exploded in the Gulf of Mexico , killing eleven workers ."]},
            {"date": "2010-04-30", "sentences": ["BP says it will pay for the clean-up .", "Oil reaches the coast ."]},
            {"date": "2010-04-30", "sentences": ["BP promises to pay for the clean-up ."]}]  # a repeated day: the last entry counts
    (topic / "topic.json").write_text(json.dumps({"topic": "rig", "query": "rig company", "timelines": {"x/tl.txt": gold}}), encoding="utf-8")
    result = tls.evaluate(tmp_path, tmp_path / "records")
    (row,) = result["timelines"]
    assert (row["dates"], row["per_date"]) == (2, 1)  # N = gold dates, K = round(mean sentences per date)
    assert row["articles"] == 3  # published within 2010-04-20 .. 2010-04-30: a1-a3, not a4 (May 1st) nor a5
    assert 0 < row["rouge_1"] <= 1 and 0 <= row["rouge_2"] <= 1 and 0 <= row["date_f1"] <= 1
    assert (tmp_path / "records" / "rig.jsonl").exists()  # tagged once, read next time
    assert tls.evaluate(tmp_path, tmp_path / "records")["timelines"] == result["timelines"]
    evaluator, computation = tls.rouge_evaluator()
    assert result["rouge"] == computation in ("original", "reimpl")  # the report says which ROUGE ran
    same = {"2010-04-20": ["the rig exploded off louisiana ."]}
    assert tls._score(evaluator, same, same) == {"rouge_1": pytest.approx(1.0), "rouge_2": pytest.approx(1.0)}


def test_a_retelling_of_a_picked_sentence_is_skipped_not_a_second_sentence():
    def sentence(text, article):
        return timelines.DatedSentence("2010-04-20", text, article, "X", "2010-04-21", True, 0)

    told = "The rig exploded in the gulf late on Tuesday night killing eleven workers"
    retold = "The rig exploded in the gulf on Tuesday killing eleven men aboard it"
    other = "Coast guard ships searched the dark water for the missing crew members"
    (day,) = summarize([sentence(told, "a"), sentence(retold, "b"), sentence(other, "c")], dates=1, per_date=2)
    texts = [s.text for s in day.sentences]
    assert len(texts) == 2 and other in texts and not (told in texts and retold in texts)


def test_titles_and_clock_zones_do_not_end_a_sentence():
    text = "Gov. Bobby Jindal spoke at 5 p.m. ET on the coast. Mr. Hayward of BP listened. He left at 6 p.m. The well leaked."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Gov. Bobby Jindal spoke at 5 p.m. ET on the coast.", "Mr. Hayward of BP listened.", "He left at 6 p.m.", "The well leaked."]


def test_a_live_blog_stamp_neither_splits_nor_dates_a_sentence():
    stamp = "(Update 4:08 a.m. Wednesday in Cairo, 8:09 p.m. ET Tuesday)"
    news = "Protesters marched to the square in Cairo on Tuesday night, the ministry said."
    text = "Crowds grew all week long in the capital city. " + stamp + " " + news
    record = _record("b1", "CNN", "2011-02-02", text, {"Wednesday": "2011-02-02", "Tuesday night": "2011-02-01"})
    # the stamp's own "Tuesday" comes first in the text; move the tagged "Tuesday night" to the sentence's
    record["times"][1]["start"] = text.index("Tuesday night")
    record["times"][1]["end"] = record["times"][1]["start"] + len("Tuesday night")
    dated = [(s.text, s.date, s.mentioned) for s in dated_sentences(record)]
    assert (news, "2011-02-01", True) in dated  # the sentence starts after the stamp and is dated by its own words
    assert not any(day == "2011-02-02" and mentioned for _, day, mentioned in dated)  # the stamp's Wednesday dates nothing
    for sentence, _, _ in dated:
        assert sentence in text and stamp not in sentence


@pytest.mark.parametrize("rule", timelines.NOT_REPORT_RULES, ids=lambda rule: rule.name)
def test_not_report_rules(rule):
    assert timelines.not_report(rule.example) == rule.name
    assert timelines.not_report(RIG) is None


def test_sentences_past_the_summary_limit_are_evidence_but_never_summary_sentences():
    filler = " ".join(f"Sentence number {n} of the long report tells of the rig." for n in range(timelines.SUMMARY_SENTENCES))
    late = "The well was capped for good on the fifteenth of July after weeks."
    record = _record("c1", "BBC", "2010-07-16", filler + " " + late, {"the fifteenth of July": "2010-07-15"})
    sentences = dated_sentences(record)
    assert any(s.text == late and s.date == "2010-07-15" and s.mentioned for s in sentences)
    assert {e.date: e.mentioning_articles for e in timelines.evidence_of(sentences)}["2010-07-15"] == 1
    summary = summarize(sentences, dates=5, per_date=5)
    texts = [s.text for d in summary for s in d.sentences]
    assert texts and late not in texts


def test_the_centroid_ranker_picks_second_what_the_first_left_out():
    def sentence(text, article):
        return timelines.DatedSentence("2010-04-20", text, article, "X", "2010-04-21", True, 0)

    candidates = [sentence("The rig exploded in the gulf killing eleven workers on board", "a"),
                  sentence("The rig exploded in the gulf and eleven workers on board died", "b"),
                  sentence("The rig exploded in the gulf on Tuesday killing eleven workers", "e"),
                  sentence("Coast guard ships searched the gulf waters for the missing workers", "c"),
                  sentence("Oil from the sunken rig spread towards the coast of Louisiana", "d")]
    ranked = timelines.centroid(candidates, timelines._idf(candidates))
    assert sorted(s.article for _, s in ranked) == ["a", "b", "c", "d", "e"]
    # nearest the centroid alone: a, then its retellings b and e; picked with a, c brings the search
    assert [s.article for _, s in ranked[:2]] == ["a", "c"]


def test_a_day_after_publication_is_a_plan_not_evidence():
    plan = "The company said it would pay for the clean-up of the spill on April 30 at the earliest."
    news = "The rig sank on Thursday after burning for more than a day in the gulf."
    record = _record("p1", "BBC", "2010-04-23", news + " " + plan, {"Thursday": "2010-04-22", "April 30": "2010-04-30"})
    dated = {(s.text, s.date) for s in dated_sentences(record)}
    assert (news, "2010-04-22") in dated
    assert not any(text == plan for text, _ in dated)  # named only a day still to come: neither evidence nor summary
    assert "2010-04-30" not in {e.date for e in timelines.evidence_of(dated_sentences(record))}


@pytest.mark.parametrize("rule", timelines.LAYOUT_RULES, ids=lambda rule: rule.name)
def test_layout_rules(rule):
    spans = timelines.layout_spans(rule.example)
    assert [rule.example[a:b] for a, b, _ in spans] == [rule.layout]
    assert all(ends == rule.ends_sentence for _, _, ends in spans)
    assert timelines.layout_spans(RIG) == []


@pytest.mark.parametrize("stamp, day", [("Monday 3 May 2004 10.15 BST", "Monday 3 May 2004"),
                                        ("Monday, May 3, 2004; 10:15 PM", "Monday, May 3, 2004")])
def test_a_publication_stamp_ends_the_headline_and_dates_nothing(stamp, day):
    headline = "Army faces inquiry over abuse photographs"
    lead = "The army opened an inquiry into the abuse of prisoners yesterday, the ministry said."
    text = f"{headline} {stamp} {lead}"
    record = _record("g1", "Guardian", "2004-05-03", text, {day: "2004-05-03", "yesterday": "2004-05-02"})
    dated = {(s.text, s.date, s.mentioned) for s in dated_sentences(record)}
    assert (lead, "2004-05-02", True) in dated  # the lead is a sentence of its own, dated by its own words
    assert not any(day == "2004-05-03" and mentioned for _, day, mentioned in dated)  # the stamp names no day of news
    assert all(t in text and stamp not in t for t, _, _ in dated)


@pytest.mark.parametrize("credit", ["Photograph: Dave Martin/AP", "Photograph: Saul Loeb/AFP/Getty Images", "Photograph: Reuters",
                                    "AP Photo/Gerald Herbert", "AFP/Getty Images", "(AP Photo/Gerald Herbert) (Gerald Herbert - AP)",
                                    "(By Gerald Herbert -- Associated Press)", "via AP"])
def test_a_photo_credit_ends_its_caption_and_starts_no_sentence(credit):
    caption = "Crews skim oil off the coast of Louisiana near the site of the sunken rig"
    lead = "BP said on Monday that the leaking well had been capped at last."
    text = f"{caption} {credit} {lead}"
    texts = [s.text for s in dated_sentences(_record("p2", "X", "2010-07-20", text, {"Monday": "2010-07-19"}))]
    assert lead in texts and caption in texts
    assert all(t in text and credit not in t for t in texts)


def test_an_agency_is_a_credit_alone_after_a_stop_not_in_prose():
    assert timelines.layout_spans("A Reuters/Ipsos Poll found that most voters backed the plan to cap damages.") == []
    assert timelines.layout_spans("The rig sank. Reuters reported that the well was still leaking oil.") == []
    text = "Oil is seen off the coast. AP NEW ORLEANS -- The slick spread toward the coast on Thursday."
    assert [text[a:b] for a, b, _ in timelines.layout_spans(text)] == ["AP"]


@pytest.mark.parametrize("headline, lead", [
    ("Second pupil tested for swine flu", "A second child is being treated with antiviral drugs at home."),
    ("Commercial fishermen brace for impact as the oil slick creeps closer", "The coast guard closed the bay on Friday."),
    ("Protesters seek representative government, economic opportunity", "Some fear the army will keep its power for years."),
])
def test_a_headline_run_into_the_lead_without_a_stop_is_a_sentence_of_its_own(headline, lead):
    text = f"{headline} {lead} It rained."
    assert [text[s:e] for s, e in sentence_spans(text)] == [headline, lead, "It rained."]


@pytest.mark.parametrize("text", [
    "The disease is caused by a type A influenza virus that spreads among pigs.",
    "The influenza A virus can mutate in two different ways every year.",
    "Officials said the film The Social Network opened on Friday in cities.",
    "On Apr. 21 an oil slick spread from the rig in the Gulf of Mexico.",
])
def test_a_letter_label_a_title_or_a_month_abbreviation_ends_no_sentence(text):
    assert sentence_spans(text) == [(0, len(text))]


def test_a_day_that_only_bounds_another_time_is_evidence_not_the_sentences_news():
    since = "Oil has leaked into the gulf since the April 20 blast on the rig, officials said."
    sank = "The rig sank on Thursday after it had burned for a day and a half."
    record = _record("s1", "X", "2010-04-25", since + " " + sank, {"April 20": "2010-04-20", "Thursday": "2010-04-22"})
    sentences = dated_sentences(record)
    assert {e.date: e.mentioning_articles for e in timelines.evidence_of(sentences)}["2010-04-20"] == 1  # the day mattered
    assert {(s.date, s.bound) for s in sentences if s.text == since} >= {("2010-04-20", True), ("2010-04-25", False)}  # a lead: news of its day
    summary = summarize(sentences, dates=5, per_date=2)
    assert since not in [s.text for d in summary if d.date == "2010-04-20" for s in d.sentences]
    assert [s.text for d in summary if d.date == "2010-04-22" for s in d.sentences] == [sank]
