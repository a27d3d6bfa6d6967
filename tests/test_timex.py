"""The time tagger: each expression class with its TIMEX3 type and value, against a fixed date."""
from __future__ import annotations

from datetime import date

import pytest

from storyline.nlp.timex import tag_times
from storyline.nlp.timex.lexicon import lexicon

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
        ("Prices fell in the 1990s.", "the 1990s", "DATE", "199"),
        ("Profit rose in the third quarter of 1998.", "the third quarter of 1998", "DATE", "1998-Q3"),
        ("Third-quarter profit rose, the company said.", "Third-quarter", "DATE", "2020-Q3"),
        ("A law from the 19th century.", "the 19th century", "DATE", "18"),
        # relative to the publication date
        ("Markets fell yesterday.", "yesterday", "DATE", "2021-03-09"),
        ("Markets fell today.", "today", "DATE", "2021-03-10"),
        ("Markets will open tomorrow.", "tomorrow", "DATE", "2021-03-11"),
        ("He will speak tonight.", "tonight", "TIME", "2021-03-10TNI"),
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
        ("Rates will rise in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"),
        ("Rates will rise in the coming days.", "the coming days", "DURATION", "PXD"),
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
    assert tagged("Q: Did the q3 file arrive?") == []  # only a capital Q with its number is a quarter
    assert tagged("She may resign. They march on the capitol. The 6-year-old boy won 1,998 votes.") == []
    assert tagged("He paid $1999 for a second ticket.") == []


def test_ids_and_spans_in_text_order() -> None:
    text = "On Monday, 2 hours after the vote on March 3, officials said the results would come next week."
    times = tagged(text)
    assert [t.text for t in times] == ["Monday", "2 hours", "March 3", "next week"]
    assert [t.start for t in times] == sorted(t.start for t in times)


def test_parsed_doc_decides_tense() -> None:
    import spacy

    from storyline.nlp.pipeline import load_bare

    nlp = load_bare()  # the pinned small English model: missing, the test fails
    assert isinstance(nlp, spacy.language.Language)
    past = "The committee approved the plan Friday."
    future = "The committee will vote on the plan Friday."
    assert only(past, doc=nlp(past)).value == "2021-03-05"
    assert only(future, doc=nlp(future)).value == "2021-03-12"


def test_names_are_not_times() -> None:
    assert tagged("A reporter for USA Today said so. He told Breitbart News Daily host Alex Marlow.") == []
    assert tagged("She told the BBC's Today programme it was hard.") == []
    assert only("Today, the council met.").value == "2021-03-10"
    assert tagged("The Daily Ledger and the Sunday Times ran it; The Weekly Standard did not.") == []
    assert only("The Sunday vote is close.").type == "DATE"  # a weekday before a common noun is a day
    assert only("Xinhua Friday reported it.").value == "2021-03-05"  # after a name, a weekday is still a day


def test_since_points_to_the_past() -> None:
    # the nearest January 1 to Sept. 30 is the coming one, but "since" looks back
    assert only("Prices have risen since January 1.", date(2016, 9, 30)).value == "2016-01-01"
    # "since shortly after the Oct. 23 slaying": the nearest Oct. 23 to May is the coming one
    assert only("Police will keep searching as they have since shortly after the Oct. 23 slaying.", date(1999, 5, 6)).value == "1998-10-23"


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        ("It was a hit in the nineties.", "the nineties", "DATE", "199"),
        ("Rates rose in the summer of 1994.", "the summer of 1994", "DATE", "1994-SU"),
        ("Prices have fallen over the past decade.", "the past decade", "DATE", "201"),
        ("The feud lasted two decades.", "two decades", "DURATION", "P20Y"),
        ("Profit fell in the first half of 2020.", "the first half of 2020", "DATE", "2020-H1"),
        ("The company reports quarterly results, it said on Jan. 5.", "Jan. 5", "DATE", "2021-01-05"),
        ("Growth will slow in coming quarters.", "coming quarters", "DURATION", "PXQ"),
        ("The strike ended on Thanksgiving Day 2020.", "Thanksgiving Day 2020", "DATE", "2020-11-26"),
        ("Easter 2021 falls early.", "Easter 2021", "DATE", "2021-04-04"),
        ("The polls will close at noon Thursday.", "noon Thursday", "TIME", "2021-03-11T12:00"),
        ("He runs twice a week.", "twice a week", "SET", "P1W"),  # TimeML: the count goes in, as freq="2X"
        ("The deadline is 5 p.m. EST, March 12.", "5 p.m. EST, March 12", "TIME", "2021-03-12T17:00"),
        ("Results are due in Q3.", "Q3", "DATE", "2021-Q3"),
        ("Sales rose in Q1 2019.", "Q1 2019", "DATE", "2019-Q1"),
        ("A decision is due in the coming days and weeks.", "the coming days and weeks", "DURATION", "PXD"),
        ("The 2019 Q4 figures are out.", "2019 Q4", "DATE", "2019-Q4"),
    ],
)
def test_more_expressions(text: str, expression: str, kind: str, value: str) -> None:
    time = only(text)
    assert (time.text, time.type, time.value) == (expression, kind, value)


def test_trigger_windows_lose_nothing() -> None:
    """The fast path scans only near trigger words; it must find what a scan of the whole text finds."""
    from storyline.nlp.timex import patterns

    texts = [
        "It was a hit in the nineties, the summer of 1994 and the past decade; two decades of growth.",
        "He runs twice a week, every Monday, daily, and on Tuesday nights since Jan. 5, 2020 at 5 p.m.",
        "Shares fell in the last twenty four hours, a year earlier, the year-ago period, recent years.",
        "Christmas, New Year's Eve and Thanksgiving Day 2020 fell on Tuesday; now, currently, recently.",
        "The third-quarter results, the fiscal year, the first half of 2020, the 1990s and the 20th century.",
        "noon, midnight Friday, 2021-03-09, 3/9/2021, 10:30 a.m. EST, tonight, yesterday morning, this fall.",
        "At nine o'clock at night on the Fourth of July, Tuesday, 5 March 2024, the fifth of March, for weeks or months.",
    ]
    for text in texts:
        whole = [(m.start(), m.end(), m.lastgroup) for m in patterns.scanner().finditer(text)]
        windowed = [(c.start, c.end, c.rule) for c in patterns.scan(text)]
        assert windowed == whole
        assert whole  # the sentences are full of expressions


def test_24_hour_clock_needs_a_cue() -> None:
    assert only("The train leaves at 14:30.").value == "2021-03-10T14:30"
    assert only("Troops moved in at 06:00 GMT.").value == "2021-03-10T06:00Z"  # ISO 8601 marks UTC with Z
    assert only("The report was released at 14:30 GMT on Monday.").value == "2021-03-08T14:30Z"
    assert tagged("They won the match 3:2 after a 2:05 final round.") == []
    assert only("14:05 — The Met Office issued a red warning.").value == "2021-03-10T14:05"  # a live blog's stamp
    assert tagged("The winner ran it in 2:05 — a record.") == []  # a stamp opens its line


def test_spoken_years_and_anaphoric_relatives() -> None:
    assert only("It began in January nineteen ninety-seven.").value == "1997-01"
    assert only("It was the winter of nineteen ninety-four.").value == "1994-WI"
    times = tagged("The plant opened in 1995 and closed the following year.")
    assert [(t.text, t.value) for t in times] == [("1995", "1995"), ("the following year", "1996")]
    assert only("He was hired last Oct. 23.").text == "Oct. 23"
    # "earlier"/"later" count from the last date named, when it is as fine as the step
    values = [t.value for t in tagged("The vote was on March 3. Two days later, the result came.")]
    assert values == ["2021-03-03", "2021-03-05"]
    values = [t.value for t in tagged("Turnout in the 2012 election was low. A day earlier, rebels seized the town.")]
    assert values == ["2012", "2021-03-09"]  # not the day before 2012 began


def test_modifiers_that_are_not_times() -> None:
    assert tagged("Tariffs hit Christmas trees from Oregon and the present-day economy.") == []
    assert only("He hosted a Thanksgiving dinner.").value == "2020-11-26"
    assert only("She had said so a year prior.").value == "2020"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It took 2 1/2 years.", "P2Y6M"),
        ("It took 5 1/2 hours.", "PT5H30M"),
        ("It took a minute and a half.", "PT1M30S"),
        ("It took two and a half days.", "P2DT12H"),
        ("It took a year and a half.", "P1Y6M"),
    ],
)
def test_fractional_durations_in_whole_units(text: str, value: str) -> None:
    time = only(text)
    assert (time.type, time.value) == ("DURATION", value)


def test_creation_date_as_timestamp_or_string() -> None:
    from datetime import datetime

    assert only("Markets fell yesterday.", datetime(2021, 3, 10, 18, 30)).value == "2021-03-09"  # type: ignore[arg-type]
    assert only("Markets fell yesterday.", "2021-03-10T18:30:00").value == "2021-03-09"  # type: ignore[arg-type]


def test_hundreds_and_thousands() -> None:
    assert only("The harbor has been here for two hundred years.").value == "P200Y"
    assert only("The town was founded three hundred years ago.").value == "1721"


def test_caption_weekday_is_past() -> None:
    import storyline

    text = (
        "Dockworkers walked out over the closure plan.\n\n"
        "Dockworkers march to the Port Authority offices in Calder Bay on Thursday.\n\n"
        "Photo: Rita Gomez/Coastal Wire\n\nThe union will decide its next step on Monday."
    )
    article = storyline.analyze(text, published="2021-03-12")  # a Friday
    values = {t.text: t.value for t in article.times}
    assert values == {"Thursday": "2021-03-11", "Monday": "2021-03-15"}
    assert any(c.start <= text.index("on Thursday") < c.end for c in article.captions)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Sales rose earlier this year.", "earlier this year", "2021"),
        ("The repair takes two to three weeks.", "two to three weeks", "PXW"),
        ("Prices will rise over the next year or so.", "the next year or so", "2022"),
        ("He called a week or so ago.", "a week or so ago", "2021-W09"),
    ],
)
def test_edges_ranges_and_approximations(text: str, expression: str, value: str) -> None:
    time = only(text)
    assert (time.text, time.value) == (expression, value)


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        ("Prices have been rising for years.", "years", "DURATION", "PXY"),
        ("The talks could take weeks.", "weeks", "DURATION", "PXW"),
        ("The festival is held each July.", "each July", "SET", "XXXX-07"),
    ],
)
def test_bare_plurals_and_month_sets(text: str, expression: str, kind: str, value: str) -> None:
    time = only(text)
    assert (time.text, time.type, time.value) == (expression, kind, value)


def test_bare_plural_inside_a_count_is_not_split() -> None:
    assert [(t.text, t.value) for t in tagged("The war lasted six years.")] == [("six years", "P6Y")]


def test_quarterly_report_relatives() -> None:
    """In a report on a quarter, "last year" stays the year; "a year ago" is that quarter a year before;
    "the quarter ended July 31" is the calendar quarter most of it falls in."""
    text = "Profit rose in the third quarter. Last year, the company lost money. Sales were flat a year ago."
    values = {t.text: t.value for t in tagged(text, date(2021, 10, 26))}
    assert values["Last year"] == "2020"
    assert values["a year ago"] == "2020-Q3"
    ended = {t.text: t.value for t in tagged("Profit rose in the quarter ended July 31.", date(2021, 10, 26))}
    assert ended["the quarter"] == "2021-Q2"


def test_previous_weekday_counts_from_the_named_day() -> None:
    text = "Stocks fell on Friday, Oct. 13, 2023, down 4% from the previous Friday."
    values = [t.value for t in tagged(text)]
    assert values[-1] == "2023-10-06"


def test_fractions_and_marches_are_not_times() -> None:
    assert tagged("Iraq imports about three-quarters of its food.") == []
    assert tagged("Thousands joined the annual March for Life.") == []
    assert [t.text for t in tagged("He resigned in March for health reasons.")] == ["March"]


def test_soon_is_a_future_reference_only_on_its_own() -> None:
    assert [(t.text, t.value) for t in tagged("The company will soon cut prices.")] == [("soon", "FUTURE_REF")]
    assert tagged("They want it back as soon as possible.") == []
    assert tagged("He left soon after the vote.") == []


def test_quarter_followed_by_an_amount() -> None:
    time = only("The company posted a loss for the third quarter of $226.3 million.", date(2021, 10, 26))
    assert (time.text, time.value) == ("the third quarter", "2021-Q3")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Earnings will be lower for the year, it said.", "DATE", "2021"),
        ("Net income for the year ended Sept. 30 rose.", "DURATION", "P1Y"),
        ("Revenue fell in the year ended March 31.", "DURATION", "P1Y"),
    ],
)
def test_the_year_placed_or_counted(text: str, kind: str, value: str) -> None:
    time = next(t for t in tagged(text) if "year" in t.text)
    assert (time.type, time.value) == (kind, value)


def test_until_in_the_past_perfect_looks_back() -> None:
    from storyline.nlp.pipeline import load_bare

    nlp = load_bare()
    back = "Until Monday, they had not called him a suspect."
    ahead = "The agency extended its deadline until Monday."
    assert only(back, doc=nlp(back)).value == "2021-03-08"
    assert only(ahead, doc=nlp(ahead)).value == "2021-03-15"


def test_week_of_a_date_and_mid_part_of_day() -> None:
    week = only("The hearing is set for the week of March 22.")
    assert (week.text, week.value) == ("the week of March 22", "2021-W12")
    part = only("Trading halted in mid-afternoon yesterday.")
    assert (part.text, part.type, part.value) == ("mid-afternoon yesterday", "TIME", "2021-03-09TAF")


def _parsed(text: str):
    from storyline.nlp.pipeline import load_bare

    return load_bare()(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # past perfect: the day lies before a past moment, whatever the infinitive says
        ("The offer had been due to expire Friday evening.", "2021-03-05TEV"),
        ("The offer previously had been scheduled to expire Friday.", "2021-03-05"),
        # "would" tells a future from the past
        ("He announced that the father would be traveling to Miami Thursday.", "2021-03-11"),
        # a plan in the simple past, the day put before it: when it was made
        ("On Friday, the government planned to pay the first claims.", "2021-03-05"),
        # the same verb with the planned day after it still looks ahead
        ("Protesters planned a large demonstration on Saturday.", "2021-03-13"),
        # a reduced relative takes the tense of its clause
        ("A memorial service planned for Saturday was canceled.", "2021-03-06"),
        # "could not be reached" is a past attempt, not a future one
        ("The minister could not be reached Tuesday.", "2021-03-09"),
        # a bare infinitive after "let" takes the tense of "let"
        ("Mr. Bush let the offensive begin Saturday night.", "2021-03-06TNI"),
        # news tells a scheduled event in the simple present
        ("Talks resume Monday in London.", "2021-03-15"),
        ("The two leaders meet separately Friday with the envoy.", "2021-03-12"),
        # but not in a sentence that tells the past ("hurt" is also a past form)
        ("Weak stocks hurt the index, which fell 1.4%, on Friday.", "2021-03-05"),
        # nor a reporting verb: the text's cues decide
        ("Xinhua says Friday the talks failed.", "2021-03-05"),
    ],
)
def test_tense_of_the_governing_verb(text: str, value: str) -> None:
    weekday = next(t for t in tagged(text, doc=_parsed(text)) if t.text[0].isupper())
    assert weekday.value == value


def test_reported_quarter_is_a_finished_one() -> None:
    """A quarter still under way ("a fourth-quarter charge" in November) is not the one a report compares."""
    text = ("Travelers's third-quarter net rose. The earthquake will result in a fourth-quarter charge. "
            "Earnings fell 59% in the latest quarter, compared with earnings a year ago.")
    values = {t.text: t.value for t in tagged(text, date(2021, 11, 2))}
    assert values["fourth-quarter"] == "2021-Q4"
    assert values["the latest quarter"] == "2021-Q3"
    assert values["a year ago"] == "2020-Q3"
    # the report's own quarter (its lead) stays the reference after an aside on an earlier one
    text = ("Kimberly-Clark posted a gain in third-quarter net. After a flat second quarter, it recovered. "
            "Charges were taken in the year-earlier period.")
    values = {t.text: t.value for t in tagged(text, date(2021, 11, 1))}
    assert values["the year-earlier period"] == "2020-Q3"


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        ("The deal should close by year-end.", "year-end", "DATE", "2021"),
        ("The deal should close around year end.", "around year end", "DATE", "2021"),
        ("Rules should be in place by year's end.", "year's end", "DATE", "2021"),
        ("The index has risen 8% since year-end.", "year-end", "DATE", "2020"),
    ],
)
def test_year_end_as_a_point(text: str, expression: str, kind: str, value: str) -> None:
    time = only(text)
    assert (time.text, time.type, time.value) == (expression, kind, value)


def test_year_end_qualifying_a_noun_is_not_a_time() -> None:
    assert tagged("Year-end results were strong.") == []
    text = "Bonuses were paid at year-end levels."
    assert tagged(text, doc=_parsed(text)) == []


def test_days_counted_from_the_last_named_day() -> None:
    times = tagged("He was arrested on Feb. 22, 2021. He appeared in court the next morning.")
    assert [(t.text, t.value) for t in times][-1] == ("the next morning", "2021-02-23TMO")
    times = tagged("The vote was on March 3, 2021. Talks had failed the previous day.")
    assert [(t.text, t.value) for t in times][-1] == ("the previous day", "2021-03-02")
    assert tagged("Traders who sold that day lost money.") == []  # no day to refer to: generic


def test_second_day_sharing_a_month() -> None:
    times = tagged("The summit will be held on April 24 and 25.")
    assert [(t.text, t.value) for t in times] == [("April 24", "2021-04-24"), ("25", "2021-04-25")]
    assert [t.text for t in tagged("Between 24 and 25 people came on April 2.")] == ["April 2"]


def test_that_week_and_quarter_take_the_named_date() -> None:
    times = tagged("Sales fell in the quarter ended June 30, 2021. Results for that quarter were weak.")
    assert times[-1].text == "that quarter" and times[-1].value == "2021-Q2"


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        # an infinitive qualifying a noun of intention happens after the clause around it
        ("The bank announced an agreement to acquire the company in January.", date(2021, 11, 2), "2022-01"),
        ("Thermo agreed to purchase the line for $22 million in February.", date(2021, 10, 30), "2022-02"),
        # the day an agreement was made, right after its verb, is past
        ("The company agreed Tuesday to sell its chemicals unit.", DCT, "2021-03-09"),
        # "effective" dates start something: the coming one
        ("The company created an office of the chairman, effective Feb. 1.", date(2021, 10, 26), "2022-02-01"),
    ],
)
def test_agreements_plans_and_effective_dates(text: str, dct: date, value: str) -> None:
    time = only(text, dct, doc=_parsed(text))
    assert time.value == value


def test_quoted_titles_are_names() -> None:
    text = 'Baker, speaking on ABC\'s "This Week," said so. He told CBS\'s ``60 Minutes\'\' about the film "High Noon."'
    assert tagged(text) == []
    # a quotation that opens with a time word is speech, not a title; weekdays are capitalized anyway
    assert only("``Today, I'm here to tell you,'' he said.").value == "2021-03-10"
    assert only('He said: "Friday."').text == "Friday"


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        ("Spitzer will campaign from now to Election Day.", "Election Day", "DATE", "2021-11-02"),
        ("Turnout was high on Election Day.", "Election Day", "DATE", "2020-11-03"),
        ("Turnout on Election Day 2020 was high.", "Election Day 2020", "DATE", "2020-11-03"),
        ("They emerged from a day-long meeting.", "day-long", "DURATION", "P1D"),
        ("It ended a decades-long feud.", "decades-long", "DURATION", "PXY"),
        ("By mid afternoon, the shelling had stopped.", "mid afternoon", "TIME", "2021-03-10TAF"),
        ("By midmorning, the shelling had stopped.", "midmorning", "TIME", "2021-03-10TMO"),
        ("Eight trading days later, the index recovered.", "Eight trading days", "DURATION", "P8D"),
        ("Sales rose 5% in the latest fiscal year.", "the latest fiscal year", "DATE", "2020"),
        ("It may seek financing at a later date.", "a later date", "DATE", "FUTURE_REF"),
    ],
)
def test_holiday_rules_modifier_spans_and_vague_dates(text: str, expression: str, kind: str, value: str) -> None:
    time = next(t for t in tagged(text) if t.text in expression or expression in t.text)
    assert (expression in time.text, time.type, time.value) == (True, kind, value)


def test_now_opening_a_sentence_with_a_comma_is_a_discourse_marker() -> None:
    assert tagged("Profits fell. Now, following the sale, the company is smaller.") == []
    assert only("The company now has 45 banks.").value == "PRESENT_REF"
    assert only("For now, the plant stays open.").value == "PRESENT_REF"


def test_month_qualifying_a_noun_does_not_take_the_verbs_tense() -> None:
    text = "The bank is continuing to try to sell itself, under a June agreement with a shareholder group."
    assert only(text, date(2021, 10, 27), doc=_parsed(text)).value == "2021-06"


def test_period_to_period_compounds_are_not_times() -> None:
    assert tagged("The quarter-to-quarter comparison was also enhanced.", date(2021, 10, 26)) == []
    assert only("Traffic rose 14% in the quarter.", date(2021, 10, 26)).value == "2021-Q3"


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        # a reduced passive relative tells a done deed: past, even when the nearest date is ahead
        ("The index is within 70 points of its record high set on Aug. 6.", date(2021, 2, 6), "2020-08-06"),
        ("Police questioned the man arrested Friday.", DCT, "2021-03-05"),
        # but a plan stays ahead
        ("The strike scheduled for Friday will go ahead.", DCT, "2021-03-12"),
    ],
)
def test_reduced_relatives(text: str, dct: date, value: str) -> None:
    assert only(text, dct, doc=_parsed(text)).value == value


def test_a_year_back_from_a_leap_day() -> None:
    leap = date(2020, 2, 29)
    assert only("The index has risen since year-end.", leap).value == "2019"
    assert only("Sales rose in the latest fiscal year.", leap).value == "2019"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dates written in other countries' orders
        ("It happened on 25/12/2020.", [("25/12/2020", "DATE", "2020-12-25")]),
        ("It happened on 25.12.2020.", [("25.12.2020", "DATE", "2020-12-25")]),
        ("It happened on 2020/12/25.", [("2020/12/25", "DATE", "2020-12-25")]),
        # clock times with a zone, as wire copy writes them
        ("The launch is at 0700 GMT.", [("0700 GMT", "TIME", "2021-03-10T07:00Z")]),
        ("The launch is at 10 a.m. Pacific Time.", [("10 a.m. Pacific Time", "TIME", "2021-03-10T10:00")]),
        ("The launch was at 3.30pm.", [("3.30pm", "TIME", "2021-03-10T15:30")]),
        ("The launch was at 3:30 in the afternoon.", [("3:30 in the afternoon", "TIME", "2021-03-10T15:30")]),
        # ranges: each end is an expression, the first takes the month written after the second
        ("Talks ran from 2 to 5 March.", [("2", "DATE", "2021-03-02"), ("5 March", "DATE", "2021-03-05")]),
        ("Talks ran March 2-5.", [("March 2", "DATE", "2021-03-02"), ("5", "DATE", "2021-03-05")]),
        ("The plan covers 2019-2020.", [("2019", "DATE", "2019"), ("2020", "DATE", "2020")]),
        ("He played in the 2009-10 season.", [("2009", "DATE", "2009"), ("10", "DATE", "2010")]),
        ("Unemployment fell 2 to 5 percent.", []),
        # halves of a unit, and rates
        ("The repairs took half an hour.", [("half an hour", "DURATION", "PT30M")]),
        ("It was a half-hour meeting.", [("half-hour", "DURATION", "PT30M")]),
        ("The plant runs 20 hours a day.", [("20 hours", "DURATION", "PT20H"), ("a day", "SET", "P1D")]),
        # a part of the day the text last named
        ("The jet flew on March 5. That evening it landed.", [("March 5", "DATE", "2021-03-05"), ("That evening", "TIME", "2021-03-05TEV")]),
        ("The jet flew on March 5. The same day it landed.", [("March 5", "DATE", "2021-03-05"), ("The same day", "DATE", "2021-03-05")]),
        # counted inside a named month or year; frequencies with a count; short decades
        ("It opens in the first week of March.", [("the first week of March", "DATE", "2021-W09")]),
        ("It closed on the last day of 2020.", [("the last day of 2020", "DATE", "2020-12-31")]),
        ("The vote is held every two years.", [("every two years", "SET", "P2Y")]),
        ("Sales peaked in the '90s.", [("the '90s", "DATE", "199")]),
        # "last" the verb is not part of the duration
        ("The trial will last six weeks.", [("six weeks", "DURATION", "P6W")]),
        # quantifiers belong to the expression (TimeML's mod), the preposition does not
        ("He ran the firm for about a decade.", [("about a decade", "DURATION", "P10Y")]),
        ("It closed almost two years ago.", [("almost two years ago", "DATE", "2019")]),
        ("He ran the firm for over a decade.", [("a decade", "DURATION", "P10Y")]),
        # a week ending on a day is a span; the clock's day written after it, in either order
        ("Sales rose in the week ended Friday.", [("the week", "DURATION", "P1W"), ("Friday", "DATE", "2021-03-05")]),
        ("Polls close at 9 p.m. ET on Tuesday, March 9.", [("9 p.m. ET on Tuesday, March 9", "TIME", "2021-03-09T21:00")]),
        ("The plane landed at 17:05 GMT on 9 March 2020.", [("17:05 GMT on 9 March 2020", "TIME", "2020-03-09T17:05Z")]),
        # overnight is the night before the day talked about; counts of units finer than the first join it
        ("On March 2 rebels attacked overnight.", [("March 2", "DATE", "2021-03-02"), ("overnight", "TIME", "2021-03-01TNI")]),
        ("He got two years and three months.", [("two years and three months", "DURATION", "P2Y3M")]),
        ("It took two weeks and three days.", [("two weeks and three days", "DURATION", "P17D")]),
        ("It closed two years and three months ago.", [("two years and three months ago", "DATE", "2018-12")]),
        # sets of a weekend, a part of the day or a season (TIMEX3 values with X for every year, week or day)
        ("Shops close on weekends and every summer.", [("weekends", "SET", "XXXX-WXX-WE"), ("every summer", "SET", "XXXX-SU")]),
        ("He runs every morning and every weekend.", [("every morning", "SET", "XXXX-XX-XXTMO"), ("every weekend", "SET", "XXXX-WXX-WE")]),
        # a day of a year named relative to now; a range of years written short with a slash
        ("It launched on June 29 last year.", [("June 29 last year", "DATE", "2020-06-29")]),
        ("It closes on 5 May next year.", [("5 May next year", "DATE", "2022-05-05")]),
        ("Deliveries are due in 2012/13.", [("2012", "DATE", "2012"), ("13", "DATE", "2013")]),
        ("The jet will ship in late autumn.", [("late autumn", "DATE", "2021-FA")]),
        # "one day" after a modal is some day to come; "the past year" the year the text looks back on
        ("He hopes he will one day lead it.", [("one day", "DATE", "FUTURE_REF")]),
        ("The strike lasted one day.", [("one day", "DURATION", "P1D")]),
        ("Cars changed in the last decade.", [("the last decade", "DATE", "201")]),
        # a clock time with the part of the day it falls in; armies' and wire copy's four-digit clocks
        ("It happened at 10 pm last night.", [("10 pm last night", "TIME", "2021-03-09T22:00")]),
        ("It happened at 8:30 this evening.", [("8:30 this evening", "TIME", "2021-03-10T20:30")]),
        ("It opens at five o'clock this afternoon.", [("five o'clock this afternoon", "TIME", "2021-03-10T17:00")]),
        ("It opens at noon tomorrow.", [("noon tomorrow", "TIME", "2021-03-11T12:00")]),
        ("It landed at 14:05 Greenwich Mean Time.", [("14:05 Greenwich Mean Time", "TIME", "2021-03-10T14:05Z")]),
        ("The attack began at 1400 hours, at 0600 local time.", [("1400 hours", "TIME", "2021-03-10T14:00"), ("0600 local time", "TIME", "2021-03-10T06:00")]),
        # a year-like count of units is a span ("2000 hours"), of an age no expression at all
        ("Pilots need 1500 hours and a 2000-year-old rule.", [("1500 hours", "DURATION", "PT1500H")]),
        # weekday abbreviations only before a date; holidays fixed to a weekday after a date
        ("The Sun, a tabloid, and Sat TV reported it.", []),
        ("Shops opened on Cyber Monday 2019.", [("Cyber Monday 2019", "DATE", "2019-12-02")]),
    ],
)
def test_phrasings_beyond_the_development_data(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(t.text, t.type, t.value) for t in tagged(text)] == expected


@pytest.mark.parametrize("noun", sorted(lexicon().number_labels))
def test_a_four_digit_number_after_a_label_noun_is_not_a_year(noun: str) -> None:
    text = f"They cited {noun} 1523 on Friday."
    assert [t.text for t in tagged(text)] == ["Friday"]
    assert only("Her party lost in 1963.").value == "1963"  # a year after any other word is still a year


def test_a_month_told_in_the_past_is_not_resolved_into_the_future() -> None:
    from storyline.nlp.pipeline import load_bare

    nlp = load_bare()
    before, after = "The vote was held in April.", "The vote will be held in April."
    assert only(before, doc=nlp(before)).value == "2020-04"  # March 2021: a past April is last year's
    assert only(after, doc=nlp(after)).value == "2021-04"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # clock times in narratives: "o'clock" hours, "around" a named hour, UTC written as ISO 8601's Z
        ("He left shortly before 9 o'clock.", [("9 o'clock", "TIME", "2021-03-10T09:00")]),
        ("The shots rang out at ten o'clock at night.", [("ten o'clock at night", "TIME", "2021-03-10T22:00")]),
        ("The raid began around midnight.", [("around midnight", "TIME", "2021-03-10T24:00")]),
        ("The blast came at 3:15 p.m. on Tuesday.", [("3:15 p.m. on Tuesday", "TIME", "2021-03-09T15:15")]),
        ("The launch was at 3 p.m. GMT.", [("3 p.m. GMT", "TIME", "2021-03-10T15:00Z")]),
        # ranges: the end of a range runs forward from its start
        ("He served from November to February.", [("November", "DATE", "2020-11"), ("February", "DATE", "2021-02")]),
        ("Talks ran from Dec. 28 to Jan. 3.", [("Dec. 28", "DATE", "2020-12-28"), ("Jan. 3", "DATE", "2021-01-03")]),
        ("Prices rose between 2010 and 2014.", [("2010", "DATE", "2010"), ("2014", "DATE", "2014")]),
        ("Sales fell in the past two weeks.", [("the past two weeks", "DURATION", "P2W")]),
        ("Sales fell over the last three months.", [("the last three months", "DURATION", "P3M")]),
        ("Traders waited weeks or months.", [("weeks or months", "DURATION", "PXW")]),
        # fiscal periods
        ("Profit rose in fiscal 2024.", [("fiscal 2024", "DATE", "2024")]),
        ("Profit rose in FY2023.", [("FY2023", "DATE", "2023")]),
        ("Profit rose in FY08 and fiscal '09.", [("FY08", "DATE", "2008"), ("fiscal '09", "DATE", "2009")]),
        ("Profit rose in the 2023 fiscal year.", [("the 2023 fiscal year", "DATE", "2023")]),
        ("Profit rose in the fiscal third quarter.", [("the fiscal third quarter", "DATE", "2021-Q3")]),
        ("Sales rose in the second half of the year.", [("the second half of the year", "DATE", "2021-H2")]),
        ("He resigned earlier this year.", [("earlier this year", "DATE", "2021")]),
        ("He will resign later this month.", [("later this month", "DATE", "2021-03")]),
        # holidays, fixed, by weekday and by Easter
        ("Shops will close on the Fourth of July.", [("the Fourth of July", "DATE", "2021-07-04")]),
        ("Shops closed on New Year’s Day.", [("New Year’s Day", "DATE", "2021-01-01")]),
        ("Parades are held on St. Patrick's Day.", [("St. Patrick's Day", "DATE", "2021-03-17")]),
        ("Fasting began on Ash Wednesday.", [("Ash Wednesday", "DATE", "2021-02-17")]),
        ("Churches fill at Pentecost.", [("Pentecost", "DATE", "2021-05-23")]),
        ("Banks close on Columbus Day.", [("Columbus Day", "DATE", "2021-10-11")]),
        ("Fireworks mark Independence Day.", [("Independence Day", "DATE", "2021-07-04")]),
        ("The strike ended on Thanksgiving 2019.", [("Thanksgiving 2019", "DATE", "2019-11-28")]),
        ("Markets reopen after Easter Monday 2024.", [("Easter Monday 2024", "DATE", "2024-04-01")]),
        # seasons
        ("It rained last summer.", [("last summer", "DATE", "2020-SU")]),
        ("It snowed in winter 2019.", [("winter 2019", "DATE", "2019-WI")]),
        # dates in other countries' orders
        ("It happened on Tuesday, 5 March 2024.", [("Tuesday, 5 March 2024", "DATE", "2024-03-05")]),
        ("It happened on the 5th of March.", [("the 5th of March", "DATE", "2021-03-05")]),
        ("It happened on the fifth of March.", [("the fifth of March", "DATE", "2021-03-05")]),
        ("The vote is on Sunday, March eighth.", [("Sunday, March eighth", "DATE", "2021-03-08")]),
        ("It happened on 05/03/2024.", [("05/03/2024", "DATE", "2024-05-03")]),  # a US text: month first
        ("The fair opened on 12 June 2020 and closed on 05/07/2020.",  # a text that writes day first
         [("12 June 2020", "DATE", "2020-06-12"), ("05/07/2020", "DATE", "2020-07-05")]),
        # decades and centuries: the noun phrase with its determiner and edge
        ("Prices peaked in the early 1990s.", [("the early 1990s", "DATE", "199")]),
        ("It dates to the early 20th century.", [("the early 20th century", "DATE", "19")]),
        # the month or week being talked about; a day of the month alone; hours counted from no clock time
        ("It closes at the end of the month.", [("the end of the month", "DATE", "2021-03")]),
        ("It opened on March 3 and closed on the 20th.", [("March 3", "DATE", "2021-03-03"), ("the 20th", "DATE", "2021-03-20")]),
        ("They met on the 5th floor after the 25th anniversary.", []),
        ("Some 30 minutes later the fire was out.", [("30 minutes", "DURATION", "PT30M")]),
        ("The fire broke out 36 hours ago.", [("36 hours ago", "DATE", "2021-03-09")]),
        # a count of units with a temporal noun is one span; a title-case headline's capitals mark no names
        ("He served a one-year term over a three-year period.", [("a one-year term", "DURATION", "P1Y"), ("a three-year period", "DURATION", "P3Y")]),
        ("Airbus Shares Fall Today", [("Today", "DATE", "2021-03-10")]),
        ("Apple reported on its fiscal 2008 first quarter.", [("fiscal 2008 first quarter", "DATE", "2008-Q1")]),
        ("Sales rose in FY2008 Q1.", [("FY2008 Q1", "DATE", "2008-Q1")]),
        # numbers that are not times: labels, ages, crowds, roads
        ("House Bill 1523 passed.", []),
        ("Flight 1549 landed in the river.", []),
        ("Resolution 1973 was adopted.", []),
        ("A 1,500-strong crowd gathered.", []),
        ("They drove Route 66.", []),
        ("The 45-year-old man died.", []),
        ("The class of 2020 graduated.", [("2020", "DATE", "2020")]),  # "class" names a year
        ("Some 2000 people and 1500 more troops gathered; the Dow fell 1800 points.", []),  # counts before their nouns
        ("The 2008 elections were close.", [("2008", "DATE", "2008")]),  # a year qualifying an event
        ("A man in his 70s was aged 45 in a 2,000-year-old temple.", []),
        # vague spans of a bare plural unit; "after-hours" qualifies a noun
        ("Talks dragged on for days.", [("days", "DURATION", "PXD")]),
        ("He was freed within hours.", [("hours", "DURATION", "PTXH")]),
        ("Shares fell in after-hours trading.", []),
        ("The firm, which just months ago was failing, rose.", [("months ago", "DATE", "PAST_REF")]),
        # "the past year" and "last year" both date the year before this one (TimeBank 4 to 1 against a span)
        ("Sales rose over the past year.", [("the past year", "DATE", "2020")]),
        ("Sales rose last year.", [("last year", "DATE", "2020")]),
        # a decimal count stays a decimal (ISO 8601 allows it in the smallest unit)
        ("The delay is 2.5 years.", [("2.5 years", "DURATION", "P2.5Y")]),
        # British "financial year"; a quarter named by its last month; the middle and end of a year or decade
        ("Profit rose in financial year 2019.", [("financial year 2019", "DATE", "2019")]),
        ("Profit rose in the 2019 financial year.", [("the 2019 financial year", "DATE", "2019")]),
        ("Apple sold two million Macs in the December quarter.", [("the December quarter", "DATE", "2020-Q4")]),
        ("The jet will fly by mid-year.", [("mid-year", "DATE", "2021")]),
        ("The line will close by the end of the decade.", [("the end of the decade", "DATE", "202")]),
        # a season alone after a preposition
        ("The jet will ship in autumn.", [("autumn", "DATE", "2021-FA")]),
        ("In spring training he hit well.", []),
        # the end of a year or month written with a hyphen, as "mid-2009" is
        ("Deliveries resume by end-2021.", [("end-2021", "DATE", "2021")]),
        ("Stocks will be sold by end-June.", [("end-June", "DATE", "2021-06")]),
        # counts of units with a hyphenated half, or after "ensuing", "preceding": durations; another unit
        ("The delay is one-and-a-half years.", [("one-and-a-half years", "DURATION", "P1Y6M")]),
        ("It announced a two-and-a-half-year delay.", [("two-and-a-half-year", "DURATION", "P2Y6M")]),
        ("Sales fell in the ensuing two years.", [("the ensuing two years", "DURATION", "P2Y")]),
        ("Sales rose in the preceding six months.", [("the preceding six months", "DURATION", "P6M")]),
        ("The talks will last another week.", [("another week", "DURATION", "P1W")]),
        ("He won another quarter of the votes.", []),
        # a day counted in a run of days: today where the text says so, else a day it does not name
        ("He vowed to act on his first day in office.", [("first day", "DATE", None)]),
        ("The fair opens on the first day of May.", [("the first day of May", "DATE", "2021-05-01")]),
        # a day, month and year joined by hyphens, the month in letters
        ("The bond matures on 15-Jul-2019.", [("15-Jul-2019", "DATE", "2019-07-15")]),
        # "the next day" with no day named before it: the day after the creation date
        ("The next day shares fell.", [("The next day", "DATE", "2021-03-11")]),
    ],
)
def test_phrasings_from_the_guidelines(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(t.text, t.type, t.value) for t in tagged(text)] == expected


def test_headline_present_tells_the_recent_past() -> None:
    from storyline import analyze_documents
    from storyline.ingest.document import Document

    text = "Airbus delivers first A380 on Monday\n\nAirbus will deliver a second plane on Monday."
    (result,) = analyze_documents([Document(text=text, id="h", published="2021-03-10", origin="test")])
    assert [(t.text, t.value) for t in result.times] == [("Monday", "2021-03-08"), ("Monday", "2021-03-15")]


# One example per detection rule (patterns.py), in the table's order: the rule that fires on it and the
# TIMEX3 it gives (DCT 2021-03-10, a Wednesday). A new rule needs an example here (test_every_rule_has_an_example).
RULE_EXAMPLES = {
    "timestamp": ("Posted 2021-03-09 14:05.", "2021-03-09 14:05", "TIME", "2021-03-09T14:05"),
    "iso_date": ("It happened on 2021-03-09.", "2021-03-09", "DATE", "2021-03-09"),
    "slash_date": ("It happened on 3/9/2021.", "3/9/2021", "DATE", "2021-03-09"),
    "dotted_date": ("It happened on 25.12.2020.", "25.12.2020", "DATE", "2020-12-25"),
    "year_slash_date": ("It happened on 2020/12/25.", "2020/12/25", "DATE", "2020-12-25"),
    "clock": ("The blast came at 3.30pm on 5 March 2020.", "3.30pm on 5 March 2020", "TIME", "2020-03-05T15:30"),
    "clock_words": ("It started at 4 in the morning.", "4 in the morning", "TIME", "2021-03-10T04:00"),
    "o_clock": ("It started at nine o'clock at night.", "nine o'clock at night", "TIME", "2021-03-10T21:00"),
    "clock_phrase": ("Police arrived at a quarter to ten in the evening.", "a quarter to ten in the evening", "TIME", "2021-03-10T21:45"),
    "clock_zone": ("The launch is at 0700 GMT.", "0700 GMT", "TIME", "2021-03-10T07:00Z"),
    "clock_dotted": ("Updated Wednesday 10 March 2021 16.36 BST.", "16.36 BST", "TIME", "2021-03-10T16:36"),
    "clock24": ("The plane landed at 14:30 CET on March 9.", "14:30 CET on March 9", "TIME", "2021-03-09T14:30"),
    "month_quarter": ("Sales rose in the December quarter.", "the December quarter", "DATE", "2020-Q4"),
    "weekday_date": ("The vote was on Tue., March 9.", "Tue., March 9", "DATE", "2021-03-09"),
    "month_day_year": ("It happened on March 9, 2020.", "March 9, 2020", "DATE", "2020-03-09"),
    "day_month_year": ("It happened on 9 March 2020.", "9 March 2020", "DATE", "2020-03-09"),
    "month_day": ("The hearing was on March 9.", "March 9", "DATE", "2021-03-09"),
    "day_month": ("The hearing was on 9 March.", "9 March", "DATE", "2021-03-09"),
    "month_year": ("Elections are due in December 2022.", "December 2022", "DATE", "2022-12"),
    "month_set": ("They meet every July.", "every July", "SET", "XXXX-07"),
    "relative_month": ("They meet next January.", "next January", "DATE", "2022-01"),
    "month": ("Prices rose from January to March.", "January", "DATE", "2021-01"),
    "same_time": ("Sales are up from this time last year.", "this time last year", "DATE", "2020"),
    "quarter_of": ("Profit rose in the third quarter of 2020.", "the third quarter of 2020", "DATE", "2020-Q3"),
    "year_quarter": ("Profit rose in the 2020 fourth quarter.", "the 2020 fourth quarter", "DATE", "2020-Q4"),
    "quarter": ("Third-quarter profit rose, the company said.", "Third-quarter", "DATE", "2020-Q3"),
    "relative_quarter": ("Profit will rise next quarter.", "next quarter", "DATE", "2021-Q2"),
    "quarter_abbreviation": ("Profit rose in Q3 2020.", "Q3 2020", "DATE", "2020-Q3"),
    "half": ("Sales rose in the first half of 2020.", "the first half of 2020", "DATE", "2020-H1"),
    "fiscal_year": ("Profit will rise in fiscal 2022.", "fiscal 2022", "DATE", "2022"),
    "decade": ("Prices peaked in the '90s.", "the '90s", "DATE", "199"),
    "century": ("A law from the 19th century.", "the 19th century", "DATE", "18"),
    "year": ("The law passed in 1998.", "1998", "DATE", "1998"),
    "spoken_year": ("It was built in nineteen ninety-four.", "nineteen ninety-four", "DATE", "1994"),
    "day_word": ("Markets fell yesterday.", "yesterday", "DATE", "2021-03-09"),
    "last_night": ("Sirens sounded last night.", "last night", "TIME", "2021-03-09TNI"),
    "weekday_plural": ("The shop closes on Sundays.", "Sundays", "SET", "XXXX-WXX-7"),
    "weekday": ("He arrived last Friday.", "last Friday", "DATE", "2021-03-05"),
    "holiday": ("Shops were full on Black Friday.", "Black Friday", "DATE", "2020-11-27"),
    "ago": ("Sales fell two years ago.", "two years ago", "DATE", "2019"),
    "unit_of": ("It opens in the first week of March.", "the first week of March", "DATE", "2021-W09"),
    "ordinal_day": ("It is the second day of the strike.", "the second day", "DATE", "2021-03-10"),
    "relative_unit": ("They meet next weekend.", "next weekend", "DATE", "2021-W11-WE"),
    "the_weekend": ("They met over the weekend.", "the weekend", "DATE", "2021-W09-WE"),
    "that_unit": ("It opened in March 2020. Later that year it closed.", "Later that year", "DATE", "2020"),
    "next_day": ("It opened on March 2. The next day it closed.", "The next day", "DATE", "2021-03-03"),
    "year_end": ("The jet will fly by year-end.", "year-end", "DATE", "2021"),
    "year_range_end": ("He played in the 2009-10 season.", "10", "DATE", "2010"),
    "and_day": ("Talks ran on April 24 and 25.", "25", "DATE", "2021-04-25"),
    "range_day": ("Talks ran from 2 to 5 March.", "2", "DATE", "2021-03-02"),
    "season": ("It snowed in the winter of 2019.", "the winter of 2019", "DATE", "2019-WI"),
    "the_year": ("Sales rose at the end of the year.", "the end of the year", "DATE", "2021"),
    "the_week": ("For the week, the index rose 2%.", "the week", "DATE", "2021-W10"),
    "the_unit_edge": ("It closes at the end of the month.", "the end of the month", "DATE", "2021-03"),
    "nth_day": ("It opened on March 3 and closed on the 20th.", "the 20th", "DATE", "2021-03-20"),
    "vague_duration": ("Talks dragged on for days.", "days", "DURATION", "PXD"),
    "half_unit": ("The repairs took half an hour.", "half an hour", "DURATION", "PT30M"),
    "duration": ("The flight took 1 hour 30 minutes.", "1 hour 30 minutes", "DURATION", "PT1H30M"),
    "another_unit": ("The loan may be extended for another year.", "another year", "DURATION", "P1Y"),
    "long_unit": ("After weeks-long talks, they agreed.", "weeks-long", "DURATION", "PXW"),
    "the_part": ("On March 2 shares fell in the morning.", "the morning", "TIME", "2021-03-02TMO"),
    "mid_part": ("The rally ended by mid-afternoon.", "mid-afternoon", "TIME", "2021-03-10TAF"),
    "frequency": ("He runs three times a week.", "three times a week", "SET", "P1W"),
    "overnight": ("Stocks fell overnight.", "overnight", "TIME", "2021-03-09TNI"),
    "per_unit": ("They meet every week.", "every week", "SET", "P1W"),
    "reference": ("He recently resigned.", "recently", "DATE", "PAST_REF"),
    "clock_word": ("The deadline is midnight GMT on March 12.", "midnight GMT on March 12", "TIME", "2021-03-12T24:00Z"),
}


def test_every_rule_has_an_example() -> None:
    from storyline.nlp.timex import patterns

    assert [rule.name for rule in patterns.rules()] == list(RULE_EXAMPLES)


@pytest.mark.parametrize("rule", list(RULE_EXAMPLES))
def test_rule_example(rule: str) -> None:
    from storyline.nlp.timex import patterns

    text, expression, kind, value = RULE_EXAMPLES[rule]
    fired = {(c.start, c.end): c.rule for c in patterns.scan(text)}
    found = [t for t in tagged(text) if t.text == expression]
    assert len(found) == 1, tagged(text)
    assert fired[(found[0].start, found[0].end)] == rule
    assert (found[0].type, found[0].value) == (kind, value)


def test_year_before_a_counted_noun_that_qualifies_another_is_a_year() -> None:
    """"2000 jobs" counts jobs; in "the 2008 jobs report" the parse makes "jobs" qualify "report": a year."""
    for text, expected in [
        ("The 2008 jobs report was weak.", [("2008", "DATE", "2008")]),
        ("Its 2008 aircraft deliveries rose.", [("2008", "DATE", "2008")]),
        ("It cut 2000 jobs.", []),
    ]:
        assert [(t.text, t.type, t.value) for t in tagged(text, DCT, _parsed(text))] == expected


@pytest.mark.parametrize("text, expression, value", [
    ("The crowd had gone by half past nine.", "half past nine", "2021-03-10T09:30"),
    ("The bomb went off at twenty past six on Tuesday.", "twenty past six on Tuesday", "2021-03-09T06:20"),
    ("It was ten minutes to midnight.", "ten minutes to midnight", "2021-03-10T23:50"),
])
def test_clock_told_as_said(text: str, expression: str, value: str) -> None:
    assert [(t.text, t.type, t.value) for t in tagged(text)] == [(expression, "TIME", value)]


def test_a_score_is_no_clock_time() -> None:
    assert tagged("The score was 5 to 10 at the break.") == []


@pytest.mark.parametrize("text, first, value", [
    ("The show ran from March to June 2007.", "March", "2007-03"),
    ("The holiday ran from December 20 to January 5, 2008.", "December 20", "2007-12-20"),
    ("He was away between May 5 and June 9, 2001.", "May 5", "2001-05-05"),
])
def test_range_start_takes_the_year_of_its_end(text: str, first: str, value: str) -> None:
    found = tagged(text)[0]
    assert (found.text, found.value) == (first, value)


def test_clock_times_in_two_zones_share_the_day_written_after_both() -> None:
    found = tagged("The flight left at 7:03 p.m. local time (2203 UTC) on Sunday.")
    assert [(t.text, t.value) for t in found] == [
        ("7:03 p.m. local time", "2021-03-07T19:03"), ("2203 UTC", "2021-03-07T22:03Z"), ("Sunday", "2021-03-07")]


def test_a_list_of_years_is_years_but_a_count_after_a_sum_is_not() -> None:
    assert [t.value for t in tagged("Sales rose in 1994, 1995 and 1997.")] == ["1994", "1995", "1997"]
    assert tagged("The fund paid $5, 2000 times.") == []


@pytest.mark.parametrize("text, expression, value", [
    ("Traffic was heavy in Easter week 2020.", "Easter week 2020", "2020-W15"),
    ("The store opened on Memorial Day weekend 2020.", "Memorial Day weekend 2020", "2020-W21-WE"),
])
def test_a_holiday_week_or_weekend_is_one_expression(text: str, expression: str, value: str) -> None:
    assert [(t.text, t.value) for t in tagged(text)] == [(expression, value)]


@pytest.mark.parametrize("text, expression, value", [
    ("Apple reported on the first quarter of fiscal year 2019.", "the first quarter of fiscal year 2019", "2019-Q1"),
    ("Sales in H1 2019 rose.", "H1 2019", "2019-H1"),
    ("Sales in 2019 H2 rose.", "2019 H2", "2019-H2"),
    ("The upcoming year will be hard.", "The upcoming year", "2022"),
])
def test_fiscal_periods_and_halves_as_reports_write_them(text: str, expression: str, value: str) -> None:
    assert [(t.text, t.value) for t in tagged(text)] == [(expression, value)]


def test_a_visa_named_h1_is_no_half_year() -> None:
    assert tagged("The H1 visa program grew.") == []


@pytest.mark.parametrize("text, value", [
    ("It happened on 25-12-2007 in London.", "2007-12-25"),  # day first: 25 is no month
    ("It happened on 12-25-2007 in Boston.", "2007-12-25"),
])
def test_numeric_dates_with_hyphens(text: str, value: str) -> None:
    assert [t.value for t in tagged(text)] == [value]


def test_a_day_already_past_told_in_the_future_tense_is_next_years() -> None:
    # said on 2021-03-10: January 1 is 68 days behind and 297 ahead
    assert [t.value for t in tagged("The rules will take effect on January 1.")] == ["2022-01-01"]


@pytest.mark.parametrize("text, expression, value", [
    ("The plane took off at 22:14 UTC+1.", "22:14 UTC+1", "2021-03-10T22:14+01:00"),
    ("The plane took off at 10 a.m. GMT-05:00.", "10 a.m. GMT-05:00", "2021-03-10T10:00-05:00"),
    ("The plane took off at 14:00 UTC.", "14:00 UTC", "2021-03-10T14:00Z"),
])
def test_a_clock_with_an_offset_from_utc_is_not_utc(text: str, expression: str, value: str) -> None:
    assert [(t.text, t.value) for t in tagged(text)] == [(expression, value)]


@pytest.mark.parametrize("text, expression, kind, value", [
    ("Prices fell over the past few weeks.", "the past few weeks", "DURATION", "PXW"),
    ("Prices will fall in the years to come.", "the years to come", "DURATION", "PXY"),
    ("Prices fell in recent years.", "recent years", "DATE", "PAST_REF"),
    ("Prices will fall in the near future.", "the near future", "DATE", "FUTURE_REF"),
])
def test_a_vague_count_of_units_is_a_span(text: str, expression: str, kind: str, value: str) -> None:
    time = only(text)
    assert (time.text, time.type, time.value) == (expression, kind, value)


@pytest.mark.parametrize("text, dct, expression, kind, value", [
    # British page stamps: a dotted clock with its zone (a bare "14.30" stays a number)
    ("Tuesday 1 June 2010 23.59 BST Workers search the beach.", date(2010, 6, 1), "23.59 BST", "TIME", "2010-06-01T23:59"),
    ("Thursday 10 March 2005 13.55 GMT American forces agreed.", date(2005, 3, 10), "13.55 GMT", "TIME", "2005-03-10T13:55Z"),
    # "back" counts back as "ago" does, after a calendar unit
    ("And several weeks back, police used tear gas.", DCT, "several weeks back", "DATE", "PAST_REF"),
    ("He left two years back.", DCT, "two years back", "DATE", "2019"),
    # "a day or two": one span, as TimeBank's "a year or two", valued by its first count as TimeBank's "a month [or two]"
    ("They will be caught in a day or two.", DCT, "a day or two", "DURATION", "P1D"),
    # abbreviated units after a count, as web pages stamp their links
    ("Oil closes in on Florida coast - 30 mins ago", date(2010, 6, 1), "30 mins ago", "DATE", "2010-06-01"),
    ("The talks lasted 3 hrs.", DCT, "3 hrs", "DURATION", "PT3H"),
    # the weekend of the week the text last named
    ("The rig exploded on April 20; the family traveled to Asheville that weekend.", date(2010, 5, 27), "that weekend", "DATE", "2010-W16-WE"),
    # the second day of "Monday or Tuesday", "Thursday to Saturday" comes after the first
    ("It would begin cutting the pipe on Monday or Tuesday.", date(2010, 5, 31), "Tuesday", "DATE", "2010-06-01"),
    # a place's clock after a clock time; a weekday opening a day-first date leaves the date whole
    ("The curfew starts at 10 p.m. Cairo time on Friday.", DCT, "10 p.m. Cairo time on Friday", "TIME", "2021-03-05T22:00"),
    ("Clare Spencer | 09:06 UK time, Tuesday, 8 June 2010 Commentators", date(2010, 6, 8), "09:06 UK time", "TIME", "2010-06-08T09:06"),
    ("Clare Spencer | 09:06 UK time, Tuesday, 8 June 2010 Commentators", date(2010, 6, 8), "Tuesday, 8 June 2010", "DATE", "2010-06-08"),
    # a four-digit clock with any zone
    ("This was completed at 1930 CDT on 1 June.", DCT, "1930 CDT", "TIME", "2021-03-10T19:30"),
    ("It ended at 0030 UTC+8.", DCT, "0030 UTC+8", "TIME", "2021-03-10T00:30+08:00"),
    # a year opening a sentence, as timelines list them
    ("It may be weeks before this is in place. 1991: 520m gallons were released.", DCT, "1991", "DATE", "1991"),
    # "come November": when it comes, ahead of the creation date whatever the verb's tense
    ("Ferguson said come the autumn it was likely to cause an epidemic.", date(2009, 5, 12), "the autumn", "DATE", "2009-FA"),
    ("Democrats said they would lose seats come November.", date(2010, 6, 1), "November", "DATE", "2010-11"),
    # a holiday days away is this year's whatever the tense seems to say
    ("Obama skipped the trip over Memorial Day weekend, critics said.", date(2010, 5, 27), "Memorial Day weekend", "DATE", "2010-W21-WE"),
])
def test_news_from_other_outlets(text: str, dct: date, expression: str, kind: str, value: str) -> None:
    times = [t for t in tagged(text, dct) if t.text == expression]
    assert [(t.type, t.value) for t in times] == [(kind, value)]


def test_numbers_with_a_dot_or_a_race_gap_are_not_times() -> None:
    times = tagged("Shares rose 14.30 points and he finished 12 seconds back.")
    assert not any("14.30" in t.text or "back" in t.text for t in times), times
    assert [t.text for t in tagged("See No. 1991 and at 10 p.m. Friday time was short.")] == ["10 p.m. Friday"]
    assert [t.text for t in tagged("Police raided the flat in the early hours of Sunday.")] == ["Sunday"]
    assert tagged("He sold 1200 AT&T shares.") == []
    # minutes "later" count from no clock time: the span is the duration, as for "minutes later"
    assert [(t.text, t.type) for t in tagged("The minister met the mining firm 5 min later.")] == [("5 min", "DURATION")]
