"""The PolNeAR reader and scorer, on tiny brat files written here."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from storyline.eval import polnear

TEXT = (
    "The Post reports that the mayor left early.\n\n"
    "\u201cWe are done,\u201d she said. \u201cIt is over.\u201d\n\n"
    "Officials were said to be angry."
)


def _offsets(text: str, fragment: str, start: int = 0) -> tuple[int, int]:
    s = text.index(fragment, start)
    return s, s + len(fragment)


def _write(tmp_path: Path, name: str, text: str, ann: str, date: str = "2016-09-12") -> Path:
    directory = tmp_path / "dev"
    (directory / "text").mkdir(parents=True, exist_ok=True)
    (directory / "attributions").mkdir(parents=True, exist_ok=True)
    (directory / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    (directory / "attributions" / f"{name}_aaaa.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        f"compartment\tfilename\tpublication_date\ndev\t{name}\t{date}\n", encoding="utf-8"
    )
    return directory


def _gold_ann(text: str) -> str:
    src = _offsets(text, "The Post")
    cue = _offsets(text, "reports")
    con = _offsets(text, "that the mayor left early")
    q1 = _offsets(text, "\u201cWe are done,\u201d")
    q2 = _offsets(text, "\u201cIt is over.\u201d")
    she = _offsets(text, "she")
    said = _offsets(text, "said")
    cue3 = _offsets(text, "were said to be")
    con3 = _offsets(text, "angry")
    lines = [
        f"T1\tSource {src[0]} {src[1]}\t{text[src[0]:src[1]]}",
        f"T2\tCue {cue[0]} {cue[1]}\t{text[cue[0]:cue[1]]}",
        f"T3\tContent {con[0]} {con[1]}\t{text[con[0]:con[1]]}",
        f"T4\tAttribution {cue[0]} {cue[1]}\treports",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        # a discontinuous content, parts listed out of order on purpose
        f"T5\tContent {q2[0]} {q2[1]};{q1[0]} {q1[1]}\t{text[q2[0]:q2[1]]} {text[q1[0]:q1[1]]}",
        f"T6\tSource {she[0]} {she[1]}\tshe",
        f"T7\tCue {said[0]} {said[1]}\tsaid",
        f"T8\tAttribution {said[0]} {said[1]}\tsaid",
        "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
        f"T9\tCue {cue3[0]} {cue3[1]}\twere said to be",
        f"T10\tContent {con3[0]} {con3[1]}\tangry",
        f"T11\tAttribution-no-source {cue3[0]} {cue3[1]}\twere said to be",
        "E3\tAttribution-no-source:T11 Cue:T9 Content:T10",
        "#1\tAnnotatorNotes T3\ta note",
        "a wrapped line of free text",
    ]
    return "\n".join(lines) + "\n"


def test_reads_attributions_with_discontinuous_parts(tmp_path):
    directory = _write(tmp_path, "paper_2016-09-12_x", TEXT, _gold_ann(TEXT))
    [article] = list(polnear.read_compartment(directory))
    assert article.published == "2016-09-12"
    assert article.annotator == "aaaa"
    assert len(article.attributions) == 3
    for attribution in article.attributions:
        for role in polnear.ROLES:
            for s, e in attribution.role(role):
                assert 0 <= s < e <= len(TEXT)
    quote = article.attributions[1].content
    assert len(quote) == 2 and quote[0][0] < quote[1][0]  # parts come back sorted
    assert TEXT[quote[0][0]:quote[0][1]].startswith("\u201cWe")
    assert article.attributions[2].source == ()


def test_first_sorted_annotator_is_the_gold(tmp_path):
    directory = _write(tmp_path, "paper_2016-09-12_x", TEXT, _gold_ann(TEXT))
    # a second annotator, sorting after the first, annotating nothing
    (directory / "attributions" / "paper_2016-09-12_x_zzzz.ann").write_text("", encoding="utf-8")
    [article] = list(polnear.read_compartment(directory))
    assert article.annotator == "aaaa" and len(article.attributions) == 3


def test_trim_drops_edge_whitespace_and_punctuation():
    text = ' \u201cWe are done,\u201d '
    s, e = polnear.trim(text, 0, len(text))
    assert text[s:e] == "We are done"
    assert polnear.trim("...", 0, 3) is None


def _gold(tmp_path) -> polnear.GoldArticle:
    directory = _write(tmp_path, "paper_2016-09-12_x", TEXT, _gold_ann(TEXT))
    return next(polnear.read_compartment(directory))


def test_perfect_prediction_scores_one(tmp_path):
    article = _gold(tmp_path)
    predicted = [{r: a.role(r) for r in polnear.ROLES} for a in article.attributions]
    scores = polnear.Scores()
    polnear.score_article(article.text, article.attributions, predicted, scores)
    for role in polnear.ROLES:
        assert scores.exact[role].prf() == (1.0, 1.0, 1.0)


def test_exact_match_ignores_edge_punctuation_but_not_words(tmp_path):
    article = _gold(tmp_path)
    src = _offsets(TEXT, "The Post reports")  # one word too many: wrong exactly, right by overlap
    cue = _offsets(TEXT, " reports ")  # edge whitespace only: still exact
    predicted = [{"source": (src,), "cue": (cue,), "content": ()}]
    scores = polnear.Scores()
    polnear.score_article(article.text, article.attributions, predicted, scores)
    assert scores.exact["cue"].tp == 1
    assert scores.exact["source"].tp == 0
    assert scores.overlap["source"].tp == 1
    assert scores.exact["source"].gold == 2  # "The Post" and "she"; the third has no source
    p, r, f = scores.exact["cue"].prf()
    assert p == 1.0 and r == pytest.approx(1 / 3)


def test_discontinuous_spans_compare_as_sets_of_parts(tmp_path):
    article = _gold(tmp_path)
    q1 = _offsets(TEXT, "We are done")
    q2 = _offsets(TEXT, "It is over")
    one_part = [{"source": (), "cue": (), "content": (q1,)}]
    both = [{"source": (), "cue": (), "content": (q2, q1)}]
    for predicted, expected in ((one_part, 0), (both, 1)):
        scores = polnear.Scores()
        polnear.score_article(article.text, article.attributions, predicted, scores)
        assert scores.exact["content"].tp == expected


def test_each_gold_span_counts_once(tmp_path):
    article = _gold(tmp_path)
    cue = _offsets(TEXT, "reports")
    predicted = [{"source": (), "cue": (cue,), "content": ()}] * 3
    scores = polnear.Scores()
    polnear.score_article(article.text, article.attributions, predicted, scores)
    assert scores.exact["cue"].tp == 1 and scores.exact["cue"].predicted == 1


def test_statement_kind_from_quotes():
    text = "\u201cWe are done,\u201d she said that \u201cit\u201d was over, that it ended."
    direct = _offsets(text, "\u201cWe are done,\u201d")
    mixed = _offsets(text, "that \u201cit\u201d was over")
    indirect = _offsets(text, "that it ended")
    assert polnear.statement_kind(text, (direct,)) == "direct"
    assert polnear.statement_kind(text, (mixed,)) == "mixed"
    assert polnear.statement_kind(text, (indirect,)) == "indirect"
    # two apostrophes are a double quotation mark in some outlets' copy
    text = "''We are done,'' she said that ''it'' was over."
    assert polnear.statement_kind(text, (_offsets(text, "''We are done,''"),)) == "direct"
    assert polnear.statement_kind(text, (_offsets(text, "that ''it'' was over"),)) == "mixed"
    # the span left out the quote's own marks (or the first of two apostrophes)
    text = "She said: ''We are done,'' and left."
    assert polnear.statement_kind(text, (_offsets(text, "'We are done,"),)) == "direct"
    # single quotes pair around words in a headline; beside double marks they are a quote in a quote
    text = "Mayor Calls Plan \u2018A Disgrace\u2019\n\n\u201cThey said, \u2018No,\u2019 to us,\u201d she said of Jones' car."
    assert polnear.statement_kind(text, (_offsets(text, "Plan \u2018A Disgrace\u2019"),)) == "mixed"
    assert polnear.statement_kind(text, (_offsets(text, "\u2018A Disgrace\u2019"),)) == "direct"
    assert polnear.statement_kind(text, (_offsets(text, "\u201cThey said, \u2018No,\u2019 to us,\u201d"),)) == "direct"
    assert polnear.statement_kind(text, (_offsets(text, "she said of Jones' car"),)) == "indirect"
    # a quote still open where its paragraph ends runs on into the next
    text = "He wrote:\n\n\u201cWe are done here\n\n\u201cAnd we leave.\u201d"
    assert polnear.statement_kind(text, (_offsets(text, "\u201cWe are done here"),)) == "direct"


def test_buckets_and_report(tmp_path, capsys):
    article = _gold(tmp_path)
    predicted = [{r: a.role(r) for r in polnear.ROLES} for a in article.attributions[:1]]
    scores = polnear.Scores()
    types = ["name", "pronoun", "none"]
    polnear.score_article(article.text, article.attributions, predicted, scores, types)
    assert scores.buckets[("source", "name", "cue")] == [1, 1]
    assert scores.buckets[("source", "pronoun", "cue")] == [0, 1]
    assert scores.buckets[("kind", "direct", "content")] == [0, 1]
    polnear.report(scores)
    out = capsys.readouterr().out
    assert "content" in out and "pronoun" in out


def test_main_rejects_a_directory_that_is_not_a_compartment(tmp_path, capsys):
    args = argparse.Namespace(directory=str(tmp_path), limit=None, verbose=False, raw=False)
    assert polnear.main(args) == 2


DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "dev"


@pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR is not at ../shared/data/polnear (read-only shared data absent)")
def test_real_dev_annotations_index_their_text():
    for article in polnear.read_compartment(DEV, limit=10):
        assert article.attributions
        for attribution in article.attributions:
            for role in polnear.ROLES:
                for s, e in attribution.role(role):
                    assert article.text[s:e].strip()


def test_agreement_scores_the_second_annotator_against_the_first(tmp_path, capsys):
    directory = _write(tmp_path, "paper_2016-09-12_x", TEXT, _gold_ann(TEXT))
    # the second annotator marks the same first statement, but only "the mayor left early" as its words
    src, cue = _offsets(TEXT, "The Post"), _offsets(TEXT, "reports")
    con = _offsets(TEXT, "the mayor left early")
    (directory / "attributions" / "paper_2016-09-12_x_zzzz.ann").write_text(
        f"T1\tSource {src[0]} {src[1]}\tThe Post\nT2\tCue {cue[0]} {cue[1]}\treports\n"
        f"T3\tContent {con[0]} {con[1]}\tthe mayor left early\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8",
    )
    # an article only one annotator did is left out
    _write(tmp_path, "paper_2016-09-13_y", TEXT, _gold_ann(TEXT))
    scores = polnear.agreement(directory)
    assert scores.articles == 1
    assert scores.exact["source"].prf() == (1.0, 0.5, pytest.approx(2 / 3))  # "The Post" of 2 sources
    assert scores.exact["content"].prf()[0] == 0.0  # "that the mayor left early" is not "the mayor left early"
    assert scores.overlap["content"].prf(overlap=True)[0] == 1.0
    assert polnear.main(argparse.Namespace(directory=str(directory), agreement=True)) == 0
    assert "second annotator against the first" in capsys.readouterr().out


def _acts_file(tmp_path: Path, article, acts: list[str]) -> Path:
    rows = ["file\tstart\tend\tcue_start\tcue_end\tact\tspeaker"]
    for attribution, act in zip(article.attributions, acts):
        content, cue = attribution.content, attribution.cue
        rows.append(f"{article.name}\t{content[0][0]}\t{content[-1][1]}\t{cue[0][0]}\t{cue[-1][1]}\t{act}\t-")
    path = tmp_path / "acts.tsv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_gold_acts_restrict_scoring_to_what_was_said_and_score_the_predicted_acts(tmp_path, capsys):
    article = _gold(tmp_path)
    acts = polnear.read_acts(_acts_file(tmp_path, article, ["write", "say", "think"]))
    gold_acts = [acts[polnear.act_key(article.name, a)] for a in article.attributions]
    assert gold_acts == ["write", "say", "think"]
    # every span right; the third predicted as said although the gold says it was a belief
    predicted = [{**{r: a.role(r) for r in polnear.ROLES}, "act": act} for a, act in zip(article.attributions, ["write", "say", "say"])]
    tally = polnear.ActTally()
    tally.add(article.text, article.attributions, gold_acts, predicted)
    assert tally.pairs == {("write", "write"): 1, ("say", "say"): 1, ("think", "say"): 1}
    tally.report(None)
    out = capsys.readouterr().out
    assert "act accuracy on the 3 gold attributions" in out and "0.667" in out
    assert "say/write against the rest: P 0.667  R 1.000" in out
    # restricted to say/write on both sides, the spurious "said" is the only error
    speech = polnear.Scores()
    said = [a for a, act in zip(article.attributions, gold_acts) if act in polnear.SPEECH]
    polnear.score_article(article.text, said, [p for p in predicted if p["act"] in polnear.SPEECH], speech)
    assert speech.exact["content"].prf()[1] == 1.0 and speech.exact["content"].prf()[0] == pytest.approx(2 / 3)


def test_an_acts_file_with_a_bad_row_names_the_file_and_line(tmp_path):
    path = tmp_path / "acts.tsv"
    path.write_text("file\tstart\tend\tcue_start\tcue_end\tact\nx\tone\t2\t3\t4\tsay\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"acts.tsv, line 2"):
        polnear.read_acts(path)


def _attribution(text: str, cue: str, *parts: str) -> polnear.Attribution:
    start = 0
    content = []
    for part in parts:
        content.append(_offsets(text, part, start))
        start = content[-1][1]
    return polnear.Attribution((), (_offsets(text, cue),), tuple(content))


def _words(text: str, statements: list) -> list[list[str]]:
    return [[text[s:e] for s, e in parts] for parts in statements]


@pytest.mark.parametrize("text, cue, parts, expected", [
    # a quote opening a sentence after the cue's sentence is a statement of its own
    ("\u201cIt is not if, but when,\u201d Farraday says. \u201cOne big storm and the road goes.\u201d", "says",
     ["It is not if, but when", "One big storm and the road goes."], [["It is not if, but when"], ["One big storm and the road goes."]]),
    # the same with straight marks, the marks inside the annotated parts
    ('"It is not if, but when," Farraday says. "One big storm and the road goes."', "says",
     ['"It is not if, but when,"', '"One big storm and the road goes."'],
     [['"It is not if, but when,"'], ['"One big storm and the road goes."']]),
    # indirect words, then a quote after the cue's sentence
    ('The road will go, Farraday says. "One big storm is enough."', "says",
     ["The road will go", "One big storm is enough."], [["The road will go"], ["One big storm is enough."]]),
    # continued inside the cue's sentence: one statement
    ('"It is not if," Farraday says, "but when."', "says", ["It is not if", "but when."], [["It is not if", "but when."]]),
    # a quotation of several paragraphs (the first left open): one statement
    ('Farraday says: "It is not if.\n\n"It is when."', "says", ["It is not if.", "It is when."], [["It is not if.", "It is when."]]),
    # a quote after a closed one in a new paragraph: a statement of its own
    ('"It is not if," Farraday says.\n\n"It is when."', "says", ["It is not if", "It is when."], [["It is not if"], ["It is when."]]),
    # words before the cue never split off: the quote and its cue come after them
    ('"It is not if." "It is when," Farraday says.', "says", ["It is not if.", "It is when,"], [["It is not if.", "It is when,"]]),
])
def test_a_quote_after_the_cue_sentence_is_a_reporters_statement_of_its_own(text, cue, parts, expected):
    assert _words(text, polnear.reporter_statements(text, _attribution(text, cue, *parts))) == expected


def test_a_statement_split_off_as_a_continuing_quote_goes_back_into_its_attribution():
    from storyline.nlp.attribution import STEPS
    from storyline.record import Span, Statement

    assert polnear.SENTENCE_APART_STEP in {step.name for step in STEPS}
    text = '"It is not if," Farraday says of the "storm season" ahead. "It is when." "Or never," Poe said.'
    first, inside, second, third = (_offsets(text, w) for w in ("It is not if", "storm season", "It is when.", "Or never"))
    said = Statement("s1", "direct", Span.of(text, [first]), cue=Span.of(text, [_offsets(text, "says")]),
                     steps=["model", polnear.SENTENCE_APART_STEP])
    nearer = Statement("s2", "direct", Span.of(text, [inside]), steps=["uncued_quote"])  # not the statement split
    apart = Statement("s3", "direct", Span.of(text, [second]), steps=[polnear.SENTENCE_APART_STEP])
    other = Statement("s4", "direct", Span.of(text, [third]), cue=Span.of(text, [_offsets(text, "said")]), steps=["model"])
    attributions = polnear.as_attributions([apart, other, nearer, said])
    assert [a["content"] for a in attributions] == [(first, second), (inside,), (third,)]
    assert attributions[0]["cue"] == (_offsets(text, "says"),)
