"""Bounded cost and no silent loss: what a long input, a cut file or a stopped server must not do."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import storyline
from storyline.nlp.intervals import SortedRanges, line_number

NLP_CODE = str(Path(storyline.__file__).resolve().parent)

# Made up: named, pronoun and described speakers, a quote continued without a cue, dates.
PARAGRAPHS = [
    '"We will not close the harbor this year," Mayor Ellen Park said on Monday.',
    '"The port is the heart of this city. I will fight for every job in it."',
    "Park, who has led the city since 2019, told reporters the budget was sound.",
    "She said the council would vote on the plan in April.",
    'The Port Authority said in a statement that it "has no plans" to cut jobs.',
    "It added that talks with the union would resume next week.",
    '"It is too early to say," said Tom Reyes, a spokesman for the union, adding that talks would resume in March.',
    "The spokesman declined to comment further.",
]


def _calls_to_analyze(repeats: int) -> tuple[int, int]:
    """(storyline's own Python calls, statements) to analyse the paragraphs repeated `repeats` times."""
    text = "\n\n".join(PARAGRAPHS * repeats)
    calls = 0

    def count(frame, event, arg) -> None:
        nonlocal calls
        if event == "call" and frame.f_code.co_filename.startswith(NLP_CODE):
            calls += 1

    storyline.analyze(text[:200], published="2021-03-08")  # models loaded and caches warm before counting
    sys.setprofile(count)
    try:
        article = storyline.analyze(text, published="2021-03-08")
    finally:
        sys.setprofile(None)
    return calls, len(article.statements)


def test_analysis_work_grows_linearly_with_the_number_of_statements():
    """Twice the statements, about twice the work: a step comparing every statement (quote, mention,
    time) with every other did 3.7 times the calls for twice the text. Counted calls, not time."""
    small_calls, small_statements = _calls_to_analyze(6)
    large_calls, large_statements = _calls_to_analyze(12)
    assert large_statements >= 2 * small_statements - 2
    assert large_calls / small_calls < 2.4, (small_calls, large_calls)


@pytest.mark.parametrize("ranges, start, end", [
    ([(0, 5), (3, 9), (20, 30), (22, 24), (40, 41)], 23, 23),
    ([(0, 100), (10, 12), (50, 60)], 70, 80),
    ([(5, 6), (7, 8)], 0, 4),
    ([], 0, 10),
])
def test_sorted_ranges_find_every_overlapping_range(ranges, start, end):
    index = SortedRanges(ranges)
    overlapping = [r for r in ranges if r[0] < end and start < r[1]]
    assert set(overlapping) <= set(index.near(start, end))
    for offset in range(start - 3, end + 3):
        assert index.covers(offset) == any(s <= offset < e for s, e in ranges)


def test_line_number_counts_the_line_breaks_before_an_offset():
    text = "a\nbb\n\nccc\n"
    assert [line_number(text, i) for i in range(len(text) + 1)] == [text.count("\n", 0, i) for i in range(len(text) + 1)]
