"""The reporter's gold (bench/reporter_gold) and its scorer (storyline.eval.statements).

The gold checks read only the repository; the PolNeAR join needs ../shared and skips without it.
The scorer is tested on small hand-made articles, with no model run.
"""
from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from storyline.eval import statements as ev
from storyline.eval.statements import GoldArticle, GoldRecord, Prediction
from storyline.record import Article, Entity, Span, Statement

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "reporter_gold"
ACTS = {"say", "write", "think", "intend", "do", "perceive", "other"}


def _build_module():
    spec = importlib.util.spec_from_file_location("reporter_gold_build", GOLD / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- the gold itself

def test_built_files_are_current():
    articles, gold = _build_module().build()
    assert (GOLD / "articles.jsonl").read_text(encoding="utf-8") == articles
    assert (GOLD / "gold.jsonl").read_text(encoding="utf-8") == gold


def test_every_offset_indexes_its_text():
    texts = {a["id"]: a["text"] for a in map(json.loads, (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines())}
    records = [json.loads(line) for line in (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(texts) >= 30 and records
    for record in records:
        text = texts[record["article"]]
        if record["type"] == "layout":
            start, end = record["span"]
            assert 0 <= start < end <= len(text) and text[start:end] == record["text"], record
            continue
        for role in ("content", "source", "cue"):
            for start, end in record[role] or []:
                assert 0 <= start < end <= len(text), (record["id"], role)
                assert text[start:end].strip() == text[start:end], (record["id"], role, text[start:end])
        assert " ".join(text[s:e] for s, e in record["content"]) == record["content_text"], record["id"]
        assert record["act"] in ACTS and record["kind"] in {"direct", "indirect", "mixed"}
        assert record["stance"] in {"assert", "deny", "hedge"}


def test_every_speaker_name_is_written_in_its_article():
    texts = {a["id"]: a["text"] for a in map(json.loads, (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines())}
    for record in map(json.loads, (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines()):
        for identity in record.get("speaker") or []:
            assert identity[0] in texts[record["article"]], (record["id"], identity)


def test_polnear_act_labels_are_well_formed():
    with (GOLD / "polnear_dev" / "acts.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len({r["file"] for r in rows}) >= 30
    for row in rows:
        assert row["act"] in ACTS, row
        assert int(row["start"]) < int(row["end"]) and int(row["cue_start"]) < int(row["cue_end"])
        assert bool(row["speaker"]) == (row["act"] in ev.SPEECH_ACTS), row


def test_polnear_act_labels_join_the_gold_attributions():
    texts = ev.find_polnear(GOLD)
    if texts is None:
        pytest.skip("PolNeAR dev (../shared/data/polnear/dev) is not here")
    articles = ev.read_polnear(GOLD, texts)  # raises on a gold attribution without a label
    assert len(articles) == 84
    labelled = [a for a in articles if a.speakers_labelled]
    assert len(labelled) >= 30
    for article in labelled:
        for record in article.records:
            for identity in record.speakers if isinstance(record.speakers, tuple) else ():
                assert all(v for v in identity)


# --------------------------------------------------------------------------- the scorer

TEXT = (
    "Jane Roe said the harbor would close. \"We will fight it,\" said union leader Alan Poe. "
    "Analysts believe costs will rise. The port said it might reopen in May.\n"
    "WINNER: Sam Lee, with 40 votes."
)


def parts(words: str, occurrence: int = 0) -> tuple[tuple[int, int], ...]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return ((start, start + len(words)),)


def article() -> GoldArticle:
    gold = GoldArticle("t", "wire", TEXT)
    gold.records = [
        GoldRecord("t#1", parts("the harbor would close"), "say", (("Jane Roe",),), "indirect", "assert"),
        GoldRecord("t#2", parts("We will fight it"), "say", (("Alan Poe",),), "direct", "assert", ("he-said",)),
        GoldRecord("t#3", parts("costs will rise"), "think", None, "indirect", "hedge"),
        GoldRecord("t#4", parts("it might reopen in May"), "say", (("Port of Calder", "the port"),), "indirect", "hedge"),
    ]
    winner = TEXT.index("WINNER:")
    gold.layout = [("label", winner, winner + len("WINNER:"))]
    return gold


def pred(words: str, speaker: str | None, entity: bool = True, kind: str = "indirect", stance: str = "assert") -> Prediction:
    return Prediction("p", parts(words), speaker, entity, kind, stance)


def test_matching_is_one_to_one_and_needs_half_the_words():
    gold = article()
    judged = ev.compare(gold, [
        pred("the harbor would close", "Jane Roe"),
        pred("harbor would close", "Jane Roe"),  # a second, overlapping prediction: a duplicate
        pred("will fight", "Alan Poe", kind="direct"),  # 2 of 4 gold words: half the shorter, a match
    ])
    matched = [j for j in judged if j.gold and j.predicted]
    assert [j.gold.id for j in matched] == ["t#1", "t#2"]
    assert [j.pattern for j in judged if j.gold is None] == ["duplicate or split of a statement"]
    assert [j.gold.id for j in judged if j.predicted is None] == ["t#4"]
    s = ev.summarize(judged, {"t"})
    assert (s["precision"], s["recall"]) == (round(2 / 3, 4), round(2 / 3, 4))


def test_extent_tolerance_and_fully_right():
    gold = article()
    judged = ev.compare(gold, [
        pred("the harbor would close", "Jane Roe"),
        pred("We will fight it,\" said union leader Alan Poe", "Alan Poe", kind="direct"),
    ])
    first, second = judged[0], judged[1]
    assert first.extent and first.fully_right
    assert second.extent is False and not second.fully_right  # the cue and the speaker taken in


def test_false_statements_are_named_by_what_they_land_on():
    gold = article()
    judged = ev.compare(gold, [pred("costs will rise", "Analysts", entity=False), pred("Sam Lee, with 40 votes", "WINNER")])
    assert sorted(j.pattern for j in judged if j.gold is None) == ["layout: label", "not speech: think"]


@pytest.mark.parametrize("gold, name, entity, outcome", [
    ((("Jane Roe",),), "Jane Roe", True, "right"),
    ((("Jane Roe",),), "Sen. Jane Roe's", True, "right"),
    ((("Donald J. Trump",),), "Donald Trump", True, "right"),
    ((("Jane Roe",),), "Roe", True, "partial"),
    ((("Jane Roe",),), "she", False, "unresolved"),
    ((("Jane Roe",),), "the senator", False, "unresolved"),
    ((("Jane Roe",),), None, False, "none"),
    ((("Jane Roe",),), "Alan Poe", True, "wrong"),
    ((("Jane Roe",),), "John Roe", True, "wrong"),
    ((("Port of Calder", "the port"),), "The Port", True, "right"),
    ((("Jane Roe",), ("Alan Poe",)), "Jane Roe and Alan Poe", True, "right"),
    ((("Jane Roe",), ("Alan Poe",)), "Jane Roe", True, "partial"),
    (None, None, False, "right"),
    (None, "a spokeswoman", False, "right"),
    (None, "Alan Poe", True, "wrong"),
    (ev.UNLABELLED, "Alan Poe", True, "unlabelled"),
])
def test_speaker_outcomes(gold, name, entity, outcome):
    assert ev.judge_speaker(gold, Prediction("p", ((0, 1),), name, entity, "indirect", "assert")) == outcome


@pytest.mark.parametrize("text, name, outcome", [
    ("Mr. Obama said the plan would work.", "Obama", "right"),  # the article never gives "Barack"
    ("Barack Obama said it. Mr. Obama left.", "Obama", "partial"),  # it does: the full name is wanted
    ("Mr. Obama and Mrs. Obama spoke.", "Michelle Obama", "partial"),  # the surname alone: no more
])
def test_gold_name_as_the_article_writes_it(text, name, outcome):
    gold = ev.as_written(((("Barack Obama",),)), text)
    assert ev.judge_speaker(gold, Prediction("p", ((0, 1),), name, True, "indirect", "assert")) == outcome


def _analysed(acts: list[str | None]) -> Article:
    roe = Entity("e1", "Jane Roe", "PERSON")
    result = Article("t", TEXT, entities=[roe])
    for n, (act, words) in enumerate(zip(acts, ["the harbor would close", "costs will rise"])):
        statement = Statement(f"s{n}", "indirect", Span.of(TEXT, list(parts(words))), speaker="e1" if n == 0 else None,
                              speaker_name="Jane Roe" if n == 0 else "Analysts")
        if act is not None:
            statement.act = act
        result.statements.append(statement)
    return result


def test_only_say_and_write_count_when_records_have_an_act():
    assert [p.speaker for p in ev.predictions_of(_analysed([None, None]))] == ["Jane Roe", "Analysts"]
    assert [p.speaker for p in ev.predictions_of(_analysed(["say", "think"]))] == ["Jane Roe"]
    assert ev.predictions_of(_analysed(["say", "think"]))[0].entity is True


def test_error_patterns_count_by_tag():
    gold = article()
    judged = ev.compare(gold, [pred("We will fight it", "Jane Roe", kind="direct"), pred("costs will rise", "Analysts", entity=False)])
    patterns = ev.error_patterns(judged)
    assert patterns["speaker"] == {"wrong: he-said": 1}
    assert patterns["false statement"] == {"not speech: think": 1}
    assert patterns["missed statement"] == {"(untagged)": 2}


def test_speaker_cells():
    assert ev.parse_speaker_cell("-") is None
    assert ev.parse_speaker_cell("?") == ev.UNLABELLED
    assert ev.parse_speaker_cell("Reserve Bank of India / RBI + Jane Roe") == (("Reserve Bank of India", "RBI"), ("Jane Roe",))


def test_unjudged_rates_are_undefined_not_zero():
    gold = article()
    for record in gold.records:
        record.stance = None  # as PolNeAR: stance not labelled
    s = ev.summarize(ev.compare(gold, [pred("the harbor would close", "Jane Roe")]), {"t"})
    assert s["stance_right"] is None and s["kind_right"] == 1.0


def test_analyse_runs_each_gold_article_with_its_metadata():
    gold = ev.GoldArticle("g1", "story", "Mayor Ann Smith said the bridge would reopen on Monday.", None, "2021-03-10", "Daily Planet")
    (prediction,) = ev.analyse([gold])["g1"]
    assert prediction.speaker == "Ann Smith" and gold.text[slice(*prediction.content[0])] == "the bridge would reopen on Monday"
