"""The TimeML scorer: parsing offsets and the TempEval-3 strict / relaxed / attribute scores."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from storyline.eval import timeml
from storyline.eval.timeml import Timex, parse, score_document

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>tiny</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-10" temporalFunction="false" functionInDocument="CREATION_TIME">March 10, 2021</TIMEX3></DCT>
<TEXT>
Smith &amp; Co <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-03-09">Tuesday</TIMEX3> that sales rose for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> in <TIMEX3 tid="t3" type="DATE" value="2021-03">March</TIMEX3> and will rise <TIMEX3 tid="t4" type="DATE" value="FUTURE_REF">in the weeks ahead</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def tml(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.tml"
    path.write_text(TML, encoding="utf-8")
    return path


def test_parse_strips_tags_and_keeps_offsets(tml: Path) -> None:
    document = parse(tml)
    assert document.dct == "2021-03-10"
    assert document.text.startswith("\nSmith & Co said Tuesday")
    assert [g.text for g in document.gold] == ["Tuesday", "three days", "March", "in the weeks ahead"]
    for gold in document.gold:
        assert document.text[gold.start:gold.end] == gold.text
    assert "DCT" not in document.text and "March 10, 2021" not in document.text  # the DCT is not scored


def test_scores_follow_tempeval3(tml: Path) -> None:
    document = parse(tml)
    g = {t.text: t for t in document.gold}
    text = document.text

    def at(phrase: str, kind: str, value: str | None) -> Timex:
        start = text.index(phrase)
        return Timex(start, start + len(phrase), phrase, kind, value)

    predicted = [
        at("Tuesday", "DATE", "2021-03-09"),  # exact, all right
        at("three days", "DURATION", "P2D"),  # exact span, wrong value
        at("March", "DURATION", "2021-03"),  # exact span, wrong type
        at("the weeks ahead", "DATE", "FUTURE_REF"),  # overlaps only (relaxed)
        at("sales", "DATE", None),  # spurious
    ]
    errors: list[tuple] = []
    score = score_document(document.gold, predicted, "tiny", errors)
    assert (score.gold, score.predicted, score.strict, score.matched) == (4, 5, 3, 4)
    strict_p, strict_r, strict_f = score.strict_prf()
    assert (strict_p, strict_r) == pytest.approx((3 / 5, 3 / 4))
    assert strict_f == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    relaxed_p, relaxed_r, relaxed_f = score.relaxed_prf()
    assert (relaxed_p, relaxed_r) == pytest.approx((4 / 5, 1.0))
    assert score.attribute_f1(score.type_correct) == pytest.approx(relaxed_f * 3 / 4)
    assert score.attribute_f1(score.value_correct) == pytest.approx(relaxed_f * 3 / 4)
    kinds = sorted(kind for kind, _, _ in errors)
    assert kinds == ["span", "spurious DATE", "type DATE->DURATION", "value P9D->P9D"]
    assert g["three days"].value == "P3D"


def test_relaxed_pairs_are_one_to_one() -> None:
    gold = [Timex(0, 5, "a", "DATE", "1"), Timex(6, 10, "b", "DATE", "2")]
    predicted = [Timex(0, 10, "ab", "DATE", "1")]
    score = score_document(gold, predicted)
    assert (score.relaxed_gold, score.relaxed_predicted, score.matched, score.value_correct) == (2, 1, 1, 1)


def test_main_runs_the_pipeline(tml: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert timeml.main(argparse.Namespace(directory=[str(tml.parent)], verbose=True)) == 0
    out = capsys.readouterr().out
    assert "1 TimeML files" in out and "strict span" in out and "value" in out


def test_corpus_smoke() -> None:
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "tempeval3" / "TimeBank"
    if not corpus.is_dir():
        pytest.skip(f"TempEval-3 data not found at {corpus}")
    files = sorted(corpus.glob("*.tml"))[:3]
    for path in files:
        document = parse(path)
        assert document.dct and document.gold
        for gold in document.gold:
            assert document.text[gold.start:gold.end] == gold.text


def test_main_names_missing_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "nowhere")
    assert timeml.main(argparse.Namespace(directory=[missing], verbose=False)) == 2
    assert missing in capsys.readouterr().err
