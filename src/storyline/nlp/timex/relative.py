"""Expressions relative to the creation date: days around it, weekdays, holidays, "ago", "last week"."""
from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.nlp.timex import resolve
from storyline.nlp.timex.base import (
    Context, Result, dated, day_number, day_result, duration_value, handles, inside_name, key, make_date, month_number, number, opens_name,
    ordinal, part_code,
    quarter_number, quarter_result, spoken_year, unit_of, weekday_number, with_part,
)
from storyline.nlp.timex.lexicon import lexicon
from storyline.nlp.timex.patterns import Candidate


# --- days around the creation date ----------------------------------------------------------

_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "before yesterday": -2, "after tomorrow": 2}


@handles("day_word")
def _day_word(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    word = key(g.get("word") or g.get("around"))
    if inside_name(c, ctx):
        return None
    if ctx.dct is None:
        return Result("DATE", None)
    day = ctx.dct + timedelta(days=_DAY_OFFSETS[word])
    if word == "tonight" and not g.get("part"):  # a part of a day, as "this morning" is: TIME
        return Result("TIME", with_part(day, "night"), (day, "day"))
    part = g.get("part")
    edge = key(g.get("edge") or "")
    if not part and edge.startswith("mid-"):  # "mid-afternoon yesterday": that part of the day
        part = edge.removeprefix("mid-")
    return day_result(day, part)


@handles("last_night")
def _last_night(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if ctx.dct is None:
        return Result("DATE", None)
    offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(key(g["rel"]), 0)
    if key(g["rel"]) == "last" and key(g["part"]) not in ("night", "evening"):
        offset = -1
    day = ctx.dct + timedelta(days=offset)
    return day_result(day, g["part"])


_AFTER_A_DAY = re.compile(r"\s*(?:-|–|to|through|thru|until|till|or)\s+(?:on\s+)?", re.I)  # (not "and": "on Monday and Friday" may list two past days)


_WEEKDAY_BEFORE = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.I)


@handles("weekday")
def _weekday_expression(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    relation = key(g.get("rel") or "")
    if not relation and opens_name(c, ctx):
        return None  # "the Sunday Times"
    if ctx.dct is None:
        return Result("DATE", None)
    weekday = weekday_number(g["weekday"])
    anchor_day = ctx.anchor[0] if ctx.anchor and ctx.anchor[1] == "day" else None
    if relation in ("the previous", "the following") and anchor_day is not None:
        # "the previous Friday", "the following Monday" count from the day the text last named
        step = -1 if relation == "the previous" else 1
        day = resolve.weekday_date(anchor_day + timedelta(days=step), weekday, "past" if step < 0 else "future")
    elif relation in ("last", "this past", "the previous"):
        day = resolve.weekday_date(ctx.dct - timedelta(days=1), weekday, "past")
    elif relation in ("next", "this coming", "the following"):
        day = resolve.weekday_date(ctx.dct, weekday, "future")
    elif anchor_day is not None and _AFTER_A_DAY.fullmatch(ctx.text, ctx.anchor_end, c.start) \
            and _WEEKDAY_BEFORE.search(ctx.text, max(0, ctx.anchor_end - 10), ctx.anchor_end):
        # "from Thursday to Saturday", "on Monday or Tuesday": the second weekday comes after the first
        # (after a date, "from Sept. 14 to Thursday", the weekday is the one near the creation date)
        day = resolve.weekday_date(anchor_day + timedelta(days=1), weekday, "future")
    else:
        day = resolve.weekday_date(ctx.dct, weekday, ctx.direction(c))
    # TimeBank types a named day with its part ("Friday night") as DATE, unlike "this morning".
    return Result("DATE", with_part(day, g.get("part")), (day, "day"))


@handles("weekday_plural")
def _weekday_plural(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("weekends") or g.get("weekend"):
        return Result("SET", "XXXX-WXX-WE")
    if g.get("part2"):
        return Result("SET", f"XXXX-XX-XX{part_code(g['part2'])}")
    if g.get("season"):
        return Result("SET", f"XXXX-{lexicon().seasons[key(g['season'])]}")
    weekday = weekday_number(g.get("weekday") or g.get("weekday2") or g.get("weekday3"))
    return Result("SET", f"XXXX-WXX-{weekday}{part_code(g.get('part'))}")


@handles("holiday")
def _holiday(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    rule = lexicon().holidays[key(g["holiday"])]
    following = re.match(r"\s+([a-z]+)", ctx.text[c.end:c.end + 24])
    if following and following.group(1) in lexicon().holiday_nouns:
        return None  # "Christmas trees"
    if g.get("year"):
        return _holiday_span(resolve.holiday_date(rule, int(g["year"])), g.get("span"))
    if ctx.dct is None:
        return Result("DATE", None)
    relation = key(g.get("rel") or "")
    direction = {"last": "past", "next": "future"}.get(relation) or ctx.direction(c)
    day = resolve.holiday_date(rule, ctx.dct.year)
    if not relation and abs((day - ctx.dct).days) <= _HOLIDAY_AT_HAND:
        return _holiday_span(day, g.get("span"))  # days away: the text is about this one, whatever the tense reads
    if direction == "past" and day > ctx.dct:
        day = resolve.holiday_date(rule, ctx.dct.year - 1)
    elif direction == "future" and day < ctx.dct:
        day = resolve.holiday_date(rule, ctx.dct.year + 1)
    return _holiday_span(day, g.get("span"))


_HOLIDAY_AT_HAND = 14  # days either side of the creation date


def _holiday_span(day: date, span: str | None) -> Result:
    """The holiday, or the week or weekend it names ("Easter week"; "Memorial Day weekend", a Monday's, is the one before it)."""
    if not span:
        return dated(day, "day")
    if key(span) == "week":
        return Result("DATE", resolve.format_date(day, "week"), (day, "week"))
    weekend = day - timedelta(days=1) if day.weekday() == 0 else day
    return Result("DATE", resolve.format_date(weekend, "weekend"), (day, "week"))


# --- counted spans and points ---------------------------------------------------------------

_BACKWARD = {"ago", "earlier", "before", "back", "prior"}
_ANAPHORIC = {"earlier", "later", "before", "after", "prior"}


def _quarter_in_view(c: Candidate, ctx: Context) -> date | None:
    """The quarter named shortly before `c`: "a year ago" in a quarterly report compares quarters."""
    if ctx.last_quarter and c.start - ctx.last_quarter[1] <= _QUARTER_REACH:
        return ctx.last_quarter[0]
    return None


_QUARTER_REACH = 400  # characters


_FINENESS = {"day": 0, "week": 1, "weekend": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "year": 5, "decade": 6, "century": 7}


@handles("ago")
def _ago(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("vague"):  # "several years ago"
        return Result("DATE", "PAST_REF")
    if ctx.dct is None:
        return Result("DATE", None)
    quarter = _quarter_in_view(c, ctx)
    if g.get("dir2"):  # "year-earlier", "year-ago": the same period a year before
        if g.get("ord2") and quarter_number(g["ord2"]):
            return quarter_result(ctx.dct.year - 1, quarter_number(g["ord2"]))
        if quarter or (g.get("what") and ctx.anchor and ctx.anchor[1] == "quarter"):
            return Result("DATE", resolve.format_date(resolve.year_before_quarter(quarter or ctx.anchor[0], ctx.dct), "quarter"))
        return Result("DATE", f"{ctx.dct.year - 1:04d}")
    unit = unit_of(g["unit"])
    amount = number(g["num"])
    if unit is None or amount is None:
        return None
    direction = key(g["dir"])
    sign = -1 if direction in _BACKWARD else 1
    if amount == "X":
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit.granularity in ("hour", "minute", "second"):  # "two hours ago": the day it falls on
        hours = float(amount) * {"hour": 1, "minute": 1 / 60, "second": 1 / 3600}[unit.granularity]
        return dated(ctx.dct + timedelta(days=sign * int(hours // 24)), "day")
    granularity = unit.granularity
    if granularity == "year" and amount == 1 and quarter:
        # "a year ago" in a report on a quarter: that quarter a year before
        moved = resolve.year_before_quarter(quarter, ctx.dct) if sign < 0 else resolve.shift(quarter, "year", 1)
        return Result("DATE", resolve.format_date(moved, "quarter"))
    # "earlier"/"later" count from the last date the text named; "ago" from the creation date.
    # ... if that date is as fine as the step: "a day earlier" after "the 2012 election" is not 2011-12-31
    fine_enough = ctx.anchor and _FINENESS.get(ctx.anchor[1], 9) <= _FINENESS.get(granularity, 9)
    base = ctx.anchor[0] if direction in _ANAPHORIC and fine_enough else ctx.dct
    finer = _finer_count(g.get("finer"), granularity)
    if finer and float(amount).is_integer():  # "two years and three months ago": counted in the finer unit
        finer_granularity, per, more = finer
        moved = resolve.shift(base, finer_granularity, sign * (int(amount) * per + more))
        return Result("DATE", resolve.format_date(moved, finer_granularity), None)
    if float(amount).is_integer():
        moved = resolve.shift(base, granularity, sign * int(amount))
    else:  # "a year and a half ago": go by months
        months = round(float(amount) * {"year": 12, "month": 1}.get(granularity, 0))
        moved = resolve.shift(base, "month", sign * months) if months else base
    return Result("DATE", resolve.format_date(moved, granularity), None)


_PER = {("year", "month"): 12, ("month", "month"): 1, ("week", "day"): 7, ("day", "day"): 1}  # finer units in one


def _finer_count(words: str | None, granularity: str) -> tuple[str, int, int] | None:
    """The finer count after a first one ("and three months" after years): its unit, how many of it
    the first unit holds and the count; None where the two do not add up in whole units."""
    found = re.fullmatch(r"\s+and\s+(.+?)\s+(\S+)", words or "")
    if found is None:
        return None
    amount, unit = number(found.group(1)), unit_of(found.group(2))
    if amount in (None, "X") or unit is None or (granularity, unit.granularity) not in _PER or not float(amount).is_integer():
        return None
    return unit.granularity, _PER[(granularity, unit.granularity)], int(amount)


@handles("same_time")
def _same_time(c: Candidate, ctx: Context) -> Result | None:
    """"this time last year": last year; "the same period last year" in a report on a quarter: that quarter a year before."""
    g = c.match.groupdict()
    if ctx.dct is None:
        return Result("DATE", None)
    step = 1 if key(g.get("rel") or "") == "next" else -1
    quarter = _quarter_in_view(c, ctx) if key(g["what"]) in ("period", "quarter") else None
    if quarter and step < 0:
        return Result("DATE", resolve.format_date(resolve.year_before_quarter(quarter, ctx.dct), "quarter"))
    return Result("DATE", f"{ctx.dct.year + step:04d}")


_RELATIONS = {
    "last": -1, "the past": -1, "the previous": -1, "the last": -1, "this past": -1,
    "this": 0, "the current": 0,
    "next": 1, "the next": 1, "the coming": 1, "the upcoming": 1, "the following": 1, "this coming": 1,
}


@handles("relative_unit")
def _relative_unit(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if ctx.dct is None:
        return Result("DATE", None)
    offset = _RELATIONS[key(g["rel"])]
    unit = key(g["unit"])
    seasons = lexicon().seasons
    if unit in seasons:
        relation = "last" if offset < 0 else "next" if offset > 0 else None
        return Result("DATE", f"{resolve.season_year(ctx.dct, seasons[unit], relation):04d}-{seasons[unit]}")
    if unit in ("fiscal year", "financial year"):  # British "financial year"
        unit = "year"
    if key(g["rel"]) in ("the past", "the last") and not g.get("edge"):
        # TimeBank dates these as the unit the text looks back on ("the past year" 1997 in 1998, "the last
        # decade" the 1980s, "the last week" the creation date's week); a month is left a span of one
        if unit == "week":
            return dated(ctx.dct, "week")
        if unit == "month":
            return Result("DURATION", duration_value(1.0, unit_of(unit).code))
    if unit == "weekend":
        return Result("DATE", resolve.format_date(resolve.shift(ctx.dct, "week", offset), "weekend"))
    # "last year" stays the year even in a report on a quarter: TimeBank annotates it so.
    # "the following year", "the previous month" count from the date the text last named
    anaphoric = key(g["rel"]) in ("the following", "the previous") and ctx.anchor is not None
    day = resolve.shift(ctx.anchor[0] if anaphoric else ctx.dct, unit, offset)
    return dated(day, unit)


@handles("unit_of")
def _unit_of(c: Candidate, ctx: Context) -> Result | None:
    """"the first week of March", "the last day of 2008": the day, week or month counted from the
    start (or back from the end) of the named month or year."""
    g = c.match.groupdict()
    unit = key(g["unit"])
    if g.get("month"):
        month = month_number(g["month"])
        if g.get("year"):
            year = int(g["year"])
        elif ctx.dct is None:
            return Result("DATE", None)
        else:
            year = resolve.month_year(ctx.dct, month, ctx.direction(c))
        first, last = date(year, month, 1), resolve.add_months(date(year, month, 1), 1) - timedelta(days=1)
        if unit == "month":
            return None  # "the first month of March": not a date
    else:
        if g.get("year2"):
            year = int(g["year2"])
        elif ctx.dct is None:
            return Result("DATE", None)
        else:
            year = ctx.dct.year + {"last": -1, "next": 1}.get(key(g["this"]), 0)
        first, last = date(year, 1, 1), date(year, 12, 31)
    which = key(g["ord"])
    step = {"day": timedelta(days=1), "week": timedelta(days=7)}.get(unit)
    if which in ("last", "final"):
        day = last if unit != "month" else date(last.year, last.month, 1)
    else:
        count = ordinal(which) - 1
        day = first + step * count if step else resolve.add_months(first, count)
    return dated(day, unit)


@handles("that_unit")
def _that_unit(c: Candidate, ctx: Context) -> Result | None:
    """"that year", "later that day", "the same day": the year (day) of the date the text last named;
    "that evening": a part of that day."""
    if c.match.group("part"):
        if ctx.anchor is None or ctx.anchor[1] != "day":
            return None
        return day_result(ctx.anchor[0], c.match.group("part"))
    unit = key(c.match.group("unit"))
    fineness = "week" if unit == "weekend" else unit  # "that weekend": the weekend of the week last named
    if ctx.anchor is None or resolve.GRANULARITIES.index(ctx.anchor[1]) > resolve.GRANULARITIES.index(fineness):
        return None  # no date named yet ("trades made that day": generic), or one too coarse to pick a day from
    if unit == "weekend":
        return Result("DATE", resolve.format_date(ctx.anchor[0], "weekend"), (ctx.anchor[0], "week"))
    return dated(ctx.anchor[0], unit)


_IS_BEFORE = re.compile(r"\b(?:is|['’]s)\s+$", re.I)


@handles("ordinal_day")
def _ordinal_day(c: Candidate, ctx: Context) -> Result | None:
    """"the second day of the offensive": today when the text says it is ("it's the second day"), else a
    day it does not name."""
    if ctx.dct is not None and _IS_BEFORE.search(ctx.text, max(0, c.start - 8), c.start):
        return dated(ctx.dct, "day")
    return Result("DATE", None)


@handles("next_day")
def _next_day(c: Candidate, ctx: Context) -> Result | None:
    """"the next morning", "the previous day": a day counted from the day the text last named."""
    g = c.match.groupdict()
    step = 1 if key(g["rel"]) in ("next", "following") else -1
    if ctx.anchor is None or ctx.anchor[1] != "day":
        if ctx.dct is None or ctx.anchor is not None:
            return Result("TIME" if g.get("part") else "DATE", None)  # no day to count from
        return day_result(ctx.dct + timedelta(days=step), g.get("part"))  # no date named yet: the creation date's
    return day_result(ctx.anchor[0] + timedelta(days=step), g.get("part"))


_BEFORE_YEAR_END = re.compile(r"\b(?:by|since|at|before|until|till|through|after|toward|towards|from|to|near|of|around)\s+$", re.I)
_PAST_YEAR_END = re.compile(r"\bsince\s+$", re.I)


@handles("year_end")
def _year_end(c: Candidate, ctx: Context) -> Result | None:
    """"by year-end", "by mid-year": the year whose end (middle) it is (TimeML gives the year, its end being a modifier):
    the current one, unless the text looks back from it ("since year-end")."""
    before = ctx.text[max(0, c.start - 10):c.start]
    if not c.match.group(0).lower().startswith("around") and not _BEFORE_YEAR_END.search(before):
        return None  # "year-end results", "a year end bonus": a qualifier, not a point in time
    if c.end < len(ctx.text) and re.match(r"\s+[a-z]", ctx.text[c.end:c.end + 2]) and _qualifies_noun(c, ctx):
        return None  # "at year-end levels"
    if ctx.dct is None:
        return Result("DATE", None)
    past = _PAST_YEAR_END.search(before) and not c.match.group("mid")
    return dated(resolve.shift(ctx.dct, "year", -1) if past else ctx.dct, "year")


def _qualifies_noun(c: Candidate, ctx: Context) -> bool:
    """Whether the expression modifies a following noun in the parse ("year-end net")."""
    if ctx.doc is None:
        return False
    span = ctx.doc.char_span(c.start, c.end, alignment_mode="expand")  # type: ignore[attr-defined]
    if span is None or not span[0].dep_:
        return False
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i >= span.end


@handles("and_day")
def _and_day(c: Candidate, ctx: Context) -> Result | None:
    """"April 24 and 25": the second day, in the month (and year) of the first."""
    if ctx.anchor is None or ctx.anchor[1] != "day":
        return None
    first = re.search(r"([A-Za-z]+)\.?\s+([0-3]?\d)(?:st|nd|rd|th)?(?:\s+(?:and|to)\s+|\s*[-–]\s*)$", ctx.text[max(0, c.start - 24):c.start])
    if first is None or key(first.group(1)) not in lexicon().months or lexicon().months[key(first.group(1))] != ctx.anchor[0].month:
        return None
    day = make_date(ctx.anchor[0].year, ctx.anchor[0].month, int(c.match.group("day")))
    return dated(day, "day") if day else None


@handles("the_unit_edge")
def _the_unit_edge(c: Candidate, ctx: Context) -> Result | None:
    """"the end of the month": the month (week, decade) being talked about, the creation date's."""
    return dated(ctx.dct, key(c.match.group("unit"))) if ctx.dct else Result("DATE", None)


@handles("nth_day")
def _nth_day(c: Candidate, ctx: Context) -> Result | None:
    """"on the 20th": that day of the month last named, else of the creation date's month (the nearest such day)."""
    dom = day_number(c.match.group("day"))
    if not 1 <= dom <= 31:
        return None
    if ctx.anchor and ctx.anchor[1] in ("day", "month"):
        day = make_date(ctx.anchor[0].year, ctx.anchor[0].month, dom)
        return dated(day, "day") if day else None
    if ctx.dct is None:
        return Result("DATE", None)
    month = ctx.dct.replace(day=1)  # the creation date's month, or the one before (after) when the tense says so
    direction = ctx.direction(c)
    if direction == "past" and dom > ctx.dct.day:
        month = resolve.add_months(month, -1)
    elif direction == "future" and dom < ctx.dct.day:
        month = resolve.add_months(month, 1)
    day = make_date(month.year, month.month, dom)
    return dated(day, "day") if day else None


@handles("the_year")
def _the_year(c: Candidate, ctx: Context) -> Result | None:
    """"the year" is a span of a year, unless it is placed in time ("in the year", "the full year")."""
    g = c.match.groupdict()
    if re.match(r"\s+end(?:ed|ing)\b", ctx.text[c.end:c.end + 10]):
        return Result("DURATION", "P1Y")  # "the year ended Sept. 30": a twelve-month period
    kind = key(g.get("kind") or "")
    if kind.startswith("latest"):  # "the latest fiscal year": the last one closed
        return dated(resolve.shift(ctx.dct, "year", -1), "year") if ctx.dct else Result("DATE", None)
    placed = g.get("edge") or kind in ("full", "current") or re.search(
        r"\b(?:in|of|during|for)\s+$", ctx.text[max(0, c.start - 8):c.start], re.I)
    if not placed:
        return Result("DURATION", "P1Y")
    return dated(ctx.dct, "year") if ctx.dct else Result("DATE", None)


@handles("the_week")
def _the_week(c: Candidate, ctx: Context) -> Result | None:
    """"the week": the week of the day the text last named, else the creation date's; "the week ended
    (to) Friday" is the span of a week."""
    if re.match(r"\s+(?:end(?:ed|ing)|to)\b", ctx.text[c.end:c.end + 10]):
        return Result("DURATION", "P1W")
    day = ctx.anchor[0] if ctx.anchor and ctx.anchor[1] == "day" else ctx.dct
    return dated(day, "week") if day else Result("DATE", None)


@handles("season")
def _season(c: Candidate, ctx: Context) -> Result | None:
    """"the summer": this year's, unless the text speaks of the past and it has not begun yet."""
    g = c.match.groupdict()
    code = lexicon().seasons[key(g.get("season") or g.get("season2") or g.get("season3"))]
    if g.get("year") or g.get("spoken"):
        year = int(g["year"]) if g.get("year") else spoken_year(g["spoken"])
        return Result("DATE", f"{year:04d}-{code}" if year else None)
    if ctx.dct is None:
        return Result("DATE", None)
    year = ctx.dct.year
    starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if ctx.direction(c) == "past" and ctx.dct.month < starts:
        year -= 1
    return Result("DATE", f"{year:04d}-{code}")


@handles("the_weekend")
def _the_weekend(c: Candidate, ctx: Context) -> Result | None:
    if ctx.dct is None:
        return Result("DATE", None)
    weekday = ctx.dct.isoweekday()
    if ctx.direction(c) == "future":
        day = ctx.dct if weekday < 6 else ctx.dct + timedelta(days=7)
    else:
        day = ctx.dct if weekday >= 6 else ctx.dct - timedelta(days=7)
    return Result("DATE", resolve.format_date(day, "weekend"))


@handles("overnight")
def _overnight(c: Candidate, ctx: Context) -> Result | None:
    """"overnight": the night before the day the text last named, else before the creation date."""
    day = ctx.anchor[0] if ctx.anchor and ctx.anchor[1] == "day" else ctx.dct
    if day is None:
        return Result("TIME", None)
    return Result("TIME", with_part(day - timedelta(days=1), "night"))


@handles("the_part")
@handles("mid_part")
def _mid_part(c: Candidate, ctx: Context) -> Result | None:
    """"by mid afternoon", "in the morning": that part of the day the text is about (the last named day, else
    the creation date)."""
    day = ctx.anchor[0] if ctx.anchor and ctx.anchor[1] == "day" else ctx.dct
    part = key(c.match.group("part"))
    if day is None:
        return Result("TIME", None)
    return Result("TIME", with_part(day, part), (day, "day"))
