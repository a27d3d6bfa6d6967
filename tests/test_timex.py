"""The time tagger: each expression class with its TIMEX3 type and value, against a fixed date."""
from __future__ import annotations

from datetime import date

import pytest

from storyline.nlp.timex import tag_times

DCT = date(2021, 3, 10)  # a Wednesday


def tagged(text: str, dct: date | None = DCT, doc=None):
    times = tag_times(text, dct, doc)
    for time in times:
        assert text[time.start:time.end] == time.text
    assert [t.id for t in times] == [f"t{i}" for i in range(1, len(times) + 1)]
    return times


def only(text: str, dct: date | None = DCT, doc=None):
    times = tagged(text, dct, doc)
    assert len(times) == 1, times
    return times[0]


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        # absolute dates in news formats
        ("It happened on March 9, 2021.", "March 9, 2021", "DATE", "2021-03-09"),
        ("It happened on 9 March 2021.", "9 March 2021", "DATE", "2021-03-09"),
        ("It happened on 2021-03-09.", "2021-03-09", "DATE", "2021-03-09"),
        ("It happened on 3/9/2021.", "3/9/2021", "DATE", "2021-03-09"),
        ("The attacks of Sept. 11, 2001 changed that.", "Sept. 11, 2001", "DATE", "2001-09-11"),
        ("The hearing was on March 9.", "March 9", "DATE", "2021-03-09"),
        ("Elections are due in December 2022.", "December 2022", "DATE", "2022-12"),
        ("The law passed in 1998.", "1998", "DATE", "1998"),
        ("Prices fell in the 1990s.", "1990s", "DATE", "199"),
        ("Profit rose in the third quarter of 1998.", "the third quarter of 1998", "DATE", "1998-Q3"),
        ("Third-quarter profit rose, the company said.", "Third-quarter", "DATE", "2020-Q3"),
        ("A law from the 19th century.", "the 19th century", "DATE", "18"),
        # relative to the publication date
        ("Markets fell yesterday.", "yesterday", "DATE", "2021-03-09"),
        ("Markets fell today.", "today", "DATE", "2021-03-10"),
        ("Markets will open tomorrow.", "tomorrow", "DATE", "2021-03-11"),
        ("He will speak tonight.", "tonight", "DATE", "2021-03-10TNI"),
        ("Sirens sounded last night.", "last night", "TIME", "2021-03-09TNI"),
        ("He spoke this afternoon.", "this afternoon", "TIME", "2021-03-10TAF"),
        ("They met last week.", "last week", "DATE", "2021-W09"),
        ("They meet next week.", "next week", "DATE", "2021-W11"),
        ("They meet next month.", "next month", "DATE", "2021-04"),
        ("Sales fell last year.", "last year", "DATE", "2020"),
        ("Sales fell this year.", "this year", "DATE", "2021"),
        ("Sales fell two years ago.", "two years ago", "DATE", "2019"),
        ("Sales fell three days ago.", "three days ago", "DATE", "2021-03-07"),
        ("It rained last fall.", "last fall", "DATE", "2020-FA"),
        ("He arrived last Friday.", "last Friday", "DATE", "2021-03-05"),
        ("He arrives next Friday.", "next Friday", "DATE", "2021-03-12"),
        ("Shops close on Christmas.", "Christmas", "DATE", "2021-12-25"),
        # durations
        ("The strike lasted three days.", "three days", "DURATION", "P3D"),
        ("The talks took two weeks.", "two weeks", "DURATION", "P2W"),
        ("The flight took 2 hours.", "2 hours", "DURATION", "PT2H"),
        ("He served one year.", "one year", "DURATION", "P1Y"),
        ("Shares fell in the last twenty four hours.", "the last twenty four hours", "DURATION", "PT24H"),
        ("Stocks hit a five-year low.", "five-year", "DURATION", "P5Y"),
        # sets
        ("The paper is published daily.", "daily", "SET", "P1D"),
        ("They meet every week.", "every week", "SET", "P1W"),
        ("They meet every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        # clock times
        ("The vote closed at 2:30 p.m.", "2:30 p.m.", "TIME", "2021-03-10T14:30"),
        ("Polls open at 7 a.m. tomorrow.", "7 a.m. tomorrow", "TIME", "2021-03-11T07:00"),
        # vague references
        ("He recently resigned.", "recently", "DATE", "PAST_REF"),
        ("He is now in charge.", "now", "DATE", "PRESENT_REF"),
        ("Rates will rise in the weeks ahead.", "the weeks ahead", "DATE", "FUTURE_REF"),
        ("Rates will rise in the coming days.", "the coming days", "DATE", "FUTURE_REF"),
    ],
)
def test_expression(text: str, expression: str, kind: str, value: str) -> None:
    time = only(text)
    assert (time.text, time.type, time.value) == (expression, kind, value)


def test_weekday_follows_tense() -> None:
    said = only("The minister said Tuesday that talks had failed.")
    will = only("The minister will meet Tuesday with union leaders.")
    assert said.value == "2021-03-09"
    assert will.value == "2021-03-16"


def test_weekday_with_part_of_day() -> None:
    time = only("Police said Tuesday morning that the road had reopened.")
    assert (time.text, time.value) == ("Tuesday morning", "2021-03-09TMO")


def test_same_weekday_as_publication_is_today_in_the_past() -> None:
    assert only("The mayor said Wednesday that he would resign.").value == "2021-03-10"


def test_month_without_year_takes_the_nearest() -> None:
    assert only("Prices fell in January.").value == "2021-01"
    assert only("Prices fell in November.", date(2021, 1, 15)).value == "2020-11"


def test_no_publication_date_gives_no_relative_value() -> None:
    for text in ("He said Tuesday it was over.", "Markets fell yesterday.", "They met last week.", "Sales fell two years ago."):
        assert only(text, None).value is None
    assert only("It happened on March 9, 2021.", None).value == "2021-03-09"


def test_not_time_expressions() -> None:
    assert tagged("She may resign. They march on the capitol. The 6-year-old boy won 1,998 votes.") == []
    assert tagged("He paid $1999 for a second ticket.") == []


def test_ids_and_spans_in_text_order() -> None:
    text = "On Monday, 2 hours after the vote on March 3, officials said the results would come next week."
    times = tagged(text)
    assert [t.text for t in times] == ["Monday", "2 hours", "March 3", "next week"]
    assert [t.start for t in times] == sorted(t.start for t in times)


def test_parsed_doc_decides_tense() -> None:
    spacy = pytest.importorskip("spacy")
    from storyline.nlp.pipeline import load_bare

    try:
        nlp = load_bare()
    except OSError:
        pytest.skip("the small English model is not installed")
    assert isinstance(nlp, spacy.language.Language)
    past = "The committee approved the plan Friday."
    future = "The committee will vote on the plan Friday."
    assert only(past, doc=nlp(past)).value == "2021-03-05"
    assert only(future, doc=nlp(future)).value == "2021-03-12"
