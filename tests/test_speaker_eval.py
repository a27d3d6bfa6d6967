"""The speaker-resolution scorer (storyline.eval.speakers) on a hand-made article: no shared data needed."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.speakers import (
    GoldSource,
    brat_sources,
    find_statement,
    first_annotations,
    is_name_source,
    judge,
    names_match,
    read_labels,
    summarize,
)
from storyline.record import Article, Entity, Mention, Span, Statement

TEXT = (
    "Sen. Jane Roe spoke on Monday. \"We will win,\" she said. "
    "The senator added that the bill would pass. A spokesman said nothing. "
    "Police said it was calm, the agency added."
)


def span(words: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return Span.of(TEXT, [(start, start + len(words))])


def gold(words: str, kind: str, antecedent: str, occurrence: int = 0) -> GoldSource:
    s = span(words, occurrence)
    return GoldSource("roe", s.start, s.end, s.text, kind, antecedent)


@pytest.fixture
def article() -> Article:
    roe = Entity("e1", "Jane Roe", "PERSON", ["Sen."], [Mention(5, 13, "Jane Roe")])
    doe = Entity("e2", "John Doe", "PERSON")
    statements = [
        Statement("s1", "direct", span("We will win"), source=span("she"), speaker="e1", speaker_name="Jane Roe"),
        # The source here runs wider than the gold span: found by overlap, credited to the wrong person.
        Statement("s2", "indirect", span("the bill would pass"), source=span("The senator added"), speaker="e2",
                  speaker_name="John Doe"),
        Statement("s3", "indirect", span("nothing"), source=span("A spokesman"), speaker_name="A spokesman"),
    ]
    return Article(id="roe", text=TEXT, entities=[roe, doe], statements=statements)


def test_spans_in_the_example_index_the_text() -> None:
    for words in ("she", "The senator", "A spokesman", "the agency"):
        s = span(words)
        assert TEXT[s.start : s.end] == words


def test_names_match_surnames_but_not_different_given_names() -> None:
    assert names_match("Hillary Clinton", "Hillary Clinton")
    assert names_match("Obama", "Barack Obama")
    assert names_match("Barack Obama", "Mr. Obama")
    assert names_match("John F. Kerry", "John Kerry")
    assert names_match("International Monetary Fund", "IMF")
    assert not names_match("Hillary Clinton", "Bill Clinton")
    assert not names_match("Donald Trump", "Mike Pence")
    assert not names_match("-", None)
    assert not names_match("Jane Roe", None)


def test_statement_is_found_by_exact_span_then_by_overlap(article: Article) -> None:
    s = span("she")
    found, exact = find_statement(article.statements, s.start, s.end)
    assert found is article.statements[0] and exact
    s = span("The senator")
    found, exact = find_statement(article.statements, s.start, s.end)
    assert found is article.statements[1] and not exact
    s = span("the agency")
    assert find_statement(article.statements, s.start, s.end) == (None, False)


def test_judge_and_summarize(article: Article) -> None:
    outcomes = [
        judge(gold("she", "pronoun", "Jane Roe"), article),  # right
        judge(gold("The senator", "description", "Jane Roe"), article),  # found by overlap, wrong person
        judge(gold("A spokesman", "description", "-"), article),  # nobody named: right to credit no entity
        judge(gold("the agency", "description", "Harbor Agency"), article),  # no statement
    ]
    assert [o.found for o in outcomes] == [True, True, True, False]
    assert [o.correct for o in outcomes] == [True, False, True, False]
    assert outcomes[1].speaker == "John Doe" and not outcomes[1].exact

    pronouns = summarize("pronoun", outcomes[:1])
    assert (pronouns.labels, pronouns.found, pronouns.named_correct, pronouns.unresolved) == (1, 1, 1, 0)
    assert pronouns.named_accuracy_found == 1.0

    descriptions = summarize("description", outcomes[1:])
    assert descriptions.labels == 3 and descriptions.found == 2
    assert descriptions.named == 2 and descriptions.named_found == 1 and descriptions.named_correct == 0
    assert descriptions.correct == 1 and descriptions.unresolved == 1
    assert descriptions.coverage == pytest.approx(2 / 3)
    assert descriptions.named_accuracy_all == 0.0
    assert descriptions.accuracy_found == pytest.approx(1 / 2)


def test_name_sources() -> None:
    article = "Police said it was calm. Democrats and a Democrat agreed. Trump spoke; police left."
    assert is_name_source("Sen. Elizabeth Warren", article)
    assert is_name_source("Trump", article)
    assert not is_name_source("The senator", article)
    assert not is_name_source("he", article)
    assert not is_name_source("Police", article)  # written in lower case elsewhere: not a name
    assert not is_name_source("Democrats", article)  # a group
    assert not is_name_source("Trump campaign", article)


def test_reading_labels_and_brat_files(tmp_path: Path) -> None:
    labels = tmp_path / "labels.tsv"
    labels.write_text("file\tstart\tend\tsource_text\tkind\tantecedent\nroe\t31\t34\tshe\tpronoun\tJane Roe\n", encoding="utf-8")
    assert read_labels(labels) == [GoldSource("roe", 31, 34, "she", "pronoun", "Jane Roe")]

    (tmp_path / "attributions").mkdir()
    first = tmp_path / "attributions" / "story_one_ab12.ann"
    first.write_text("T1\tSource 0 8\tJane Roe\nT2\tCue 9 13\tsaid\nT3\tSource 20 23;30 34\tthe aide\n", encoding="utf-8")
    (tmp_path / "attributions" / "story_one_cd34.ann").write_text("T1\tSource 0 4\tJane\n", encoding="utf-8")
    assert first_annotations(tmp_path) == {"story_one": first}
    assert brat_sources(first) == [(0, 8, "Jane Roe"), (20, 34, "the aide")]


def test_an_authors_i_is_judged_by_the_name_credited_and_a_name_source_only_by_its_entity() -> None:
    text = 'I grew up in Ohio, I wrote. Trump said it was fine.'
    i_span = Span.of(text, [(0, 1)])
    trump = Span.of(text, [(text.index("Trump"), text.index("Trump") + 5)])
    statements = [
        Statement("s1", "indirect", Span.of(text, [(2, 18)]), source=i_span, speaker_name="Charlotte Meehan"),
        Statement("s2", "indirect", Span.of(text, [(39, 50)]), source=trump, speaker_name="Trump"),
    ]
    piece = Article(id="op", text=text, statements=statements)
    author = GoldSource("op", 0, 1, "I", "pronoun", "Charlotte Meehan")
    assert judge(author, piece).correct  # the metadata's author, no entity of the text
    name = GoldSource("op", trump.start, trump.end, "Trump", "name", "Donald Trump")
    assert not judge(name, piece).correct  # a name source needs the entity that carries it


def test_the_train_sample_is_spread_evenly_and_stable() -> None:
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("speaker_eval", ROOT / "bench" / "speaker_eval.py")
    speaker_eval = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(speaker_eval)
    stems = [f"{publisher}_{n:03d}" for publisher in ("a", "b", "c", "d") for n in range(25)]
    sample = speaker_eval.even_sample(list(reversed(stems)), 8)
    assert sample == speaker_eval.even_sample(stems, 8)  # the order given does not matter
    assert len(sample) == 8 and len(set(sample)) == 8
    assert {stem[0] for stem in sample} == {"a", "b", "c", "d"}  # every publisher drawn
    assert speaker_eval.even_sample(stems[:5], 8) == stems[:5]
