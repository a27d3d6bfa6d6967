"""The news development set for time expressions (bench/timex_news): its gold is well formed and the
tagger holds its level on it. All but the bad-row test need ../shared (Timeline17) and skip without it."""
from __future__ import annotations

import importlib.util
import re

import pytest
from conftest import ROOT, SHARED

spec = importlib.util.spec_from_file_location("timex_news", ROOT / "bench" / "timex_news.py")
timex_news = importlib.util.module_from_spec(spec)
spec.loader.exec_module(timex_news)

needs_timeline17 = pytest.mark.skipif(not (SHARED / "timeline17").is_dir(), reason="needs ../shared/data/timeline17")

_VALUE = re.compile(r"\d{4}(-\d\d(-\d\d(T(\d\d:\d\dZ?|MO|AF|EV|NI))?)?|-W\d\d(-WE)?|-Q[1-4]|-(SP|SU|FA|WI))?|\d{2,3}"
                    r"|P(\d+|X)[YMWD]|PT(\d+|X)[HMS]|P\d+M\d+D|(PAST|PRESENT|FUTURE)_REF")


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    if not (SHARED / "timeline17").is_dir():
        pytest.skip("needs ../shared/data/timeline17")
    return timex_news.select(SHARED)


def test_selection_is_spread_over_topics_and_outlets(articles) -> None:
    assert len(articles) == 25
    assert len({a["id"] for a in articles}) == 25
    assert len({a["id"].split("/")[0] for a in articles}) == 6


def test_gold_is_well_formed(articles) -> None:
    texts = {a["id"]: a["text"] for a in articles}
    gold = timex_news.read_gold(timex_news.GOLD, texts)
    assert sum(map(len, gold.values())) > 300
    for doc, timexes in gold.items():
        spans = sorted((t.start, t.end) for t in timexes)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), f"overlapping gold in {doc}"
        for timex in timexes:
            assert timex.text == texts[doc][timex.start:timex.end] and timex.text.strip() == timex.text
            assert timex.type in {"DATE", "TIME", "DURATION", "SET"}
            assert _VALUE.fullmatch(timex.value or ""), (doc, timex)


def test_gold_row_outside_the_article_names_the_line(tmp_path) -> None:
    bad = tmp_path / "gold.tsv"
    doc = "bbc/2010-06-01/1"
    bad.write_text(f"doc\tstart\tend\ttype\tvalue\n{doc}\t0\t999999\tDATE\t2010\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.tsv:2"):
        timex_news.read_gold(bad, {doc: "The well was capped on Monday."})


@needs_timeline17
def test_tagger_holds_its_level_on_news() -> None:
    score = timex_news.evaluate(SHARED)
    assert score.gold > 200
    assert score.strict_prf()[2] >= 0.95
    assert score.relaxed_prf()[2] >= 0.97
    assert score.attribute_f1(score.value_correct) >= 0.92
