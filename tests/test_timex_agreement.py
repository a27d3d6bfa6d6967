"""bench/timex_agreement.py: annotators' TIMEX3 files read, checked and scored against a gold (synthetic; no ../shared)."""
from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from conftest import ROOT

spec = importlib.util.spec_from_file_location("timex_agreement", ROOT / "bench" / "timex_agreement.py")
agreement = importlib.util.module_from_spec(spec)
sys.modules["timex_agreement"] = agreement
spec.loader.exec_module(agreement)

from storyline.eval.meantime import MeantimeDocument  # noqa: E402
from storyline.eval.timeml import TimeMLDocument, Timex  # noqa: E402

TEXT = "Plant closes\n\nMarch 01, 2008\n\nThe plant closed on Monday after three years. Later text."


def document() -> MeantimeDocument:
    monday = TEXT.index("Monday")
    years = TEXT.index("three years")
    gold = [Timex(monday, monday + 6, "Monday", "DATE", "2008-02-25"), Timex(years, years + 11, "three years", "DURATION", "P3Y")]
    creation = (TEXT.index("March"), TEXT.index("2008") + 4)
    return MeantimeDocument(TimeMLDocument("d1", TEXT, "2008-03-01", gold), TEXT.index(" Later"), creation)


def write(path, lines):
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_an_annotator_is_scored_like_the_tagger_date_line_left_out(tmp_path):
    docs = {"d1": document()}
    start = TEXT.index("three")
    date_line = docs["d1"].creation
    path = write(tmp_path / "J.jsonl", [
        {"name": "d1", "start": start, "end": start + 5, "text": "three", "type": "DURATION", "value": "P3Y"},  # relaxed only
        {"name": "d1", "start": date_line[0], "end": date_line[1], "type": "DATE", "value": "2008-03-01"},  # not scored
    ])
    score = agreement.agreement({"d1": docs["d1"].document.gold}, agreement.read_annotations(path, docs), docs)
    assert (score.gold, score.predicted, score.strict, score.matched, score.value_correct) == (2, 1, 0, 1, 1)


def test_offsets_that_do_not_give_the_annotators_words_are_an_error_naming_the_line(tmp_path):
    docs = {"d1": document()}
    path = write(tmp_path / "J.jsonl", [{"name": "d1", "start": 0, "end": 5, "text": "Monday", "type": "DATE", "value": "X"}])
    with pytest.raises(ValueError, match=r"J.jsonl:1: offsets give 'Plant'"):
        agreement.read_annotations(path, docs)
    outside = write(tmp_path / "K.jsonl", [{"name": "d1", "start": len(TEXT) - 4, "end": len(TEXT), "type": "DATE", "value": "X"}])
    with pytest.raises(ValueError, match="K.jsonl:1: .* not in an annotated part"):
        agreement.read_annotations(outside, docs)
