"""Absolute expressions: clock times, numeric and calendar dates, quarters, halves, years, decades."""
from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.nlp.timex import resolve
from storyline.nlp.timex.base import (
    HANDLERS, Context, Result, dated, in_utc, handles, key, make_date, month_day, month_number, ordinal, range_end_year, range_start,
    quarter_number, quarter_result, relative_year, reported_anchor, spoken_year, weekday_number,
)
from storyline.nlp.timex.lexicon import lexicon
from storyline.nlp.timex.patterns import Candidate


# --- clock stamps and numeric dates ---------------------------------------------------------

@handles("timestamp")
def _timestamp(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    day = make_date(int(g["year"]), int(g["month"]), int(g["day"]))
    if day is None or int(g["hour"]) > 24:
        return None
    return Result("TIME", f"{day.isoformat()}T{g['hour']}:{g['minute']}", (day, "day"))


@handles("iso_date")
def _iso_date(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    day = make_date(int(g["year"]), int(g["month"]), int(g["day"]))
    return dated(day, "day") if day else None


@handles("slash_date")
def _slash_date(c: Candidate, ctx: Context) -> Result | None:
    """Month first, as US news writes it, unless the first number cannot be a month ("25/12/2007")
    or the text writes its dates day first ("5 March", "25/12/2007" elsewhere in it)."""
    g = c.match.groupdict()
    if g.get("year2"):  # "25-12-2007"
        g = {**g, "first": g["first2"], "second": g["second2"], "year": g["year2"]}
    year = int(g["year"])
    if year < 100:
        year += 1900 if year >= 50 else 2000
    first, second = int(g["first"]), int(g["second"])
    month, dom = (second, first) if first > 12 or second <= 12 and ctx.day_first else (first, second)
    day = make_date(year, month, dom)
    return dated(day, "day") if day else None


@handles("dotted_date")
@handles("year_slash_date")
def _ordered_date(c: Candidate, ctx: Context) -> Result | None:
    """"25.12.2007" (day first, as written in Europe), "2007/12/25" (year first, as in East Asia)."""
    g = c.match.groupdict()
    day = make_date(int(g["year"]), int(g["month"]), int(g["day"]))
    return dated(day, "day") if day else None


def _clock_value(hour: int, minute: int, ampm: str | None) -> str | None:
    if ampm:
        marker = ampm.lower()[0]
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if marker == "p" else 0)
    if hour > 24 or minute > 59:
        return None
    return f"T{hour:02d}:{minute:02d}"


# A clock time and the same time in another zone in brackets share the day written after both:
# "7:03 p.m. local time (2203 UTC) on Sunday" (from the first, past the aside; from the second, past its bracket).
_DAY_PAST_ASIDE = re.compile(r"(?:\s*\([^()\n]{1,40}\)|\))\s*,?\s+(?:on\s+)?(?:(?P<weekday>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
                             r"|(?P<dayword>yesterday|today|tomorrow))(?![\w-])", re.I)


def _clock_day(c: Candidate, ctx: Context, weekday: str | None, dayword: str | None) -> date | None:
    g = c.match.groupdict()
    written = next(((m, d, y) for m, d, y in (("month", "day", "year"), ("month2", "day2", "year2"), ("wmonth", "wday", None))
                    if g.get(m) and g.get(d)), None)
    if written:  # "5 p.m. March 9, 2008", "17:00 GMT on 9 March", "3 p.m. Tuesday, March 9"
        month, dom, year = written
        named = month_day(c, ctx, {"month": g[month], "day": g[dom], "year": g.get(year) if year else None})
        return named.anchor[0] if named and named.anchor else None
    if ctx.dct is None:
        return None
    if not weekday and not dayword:  # the day written past an aside: "7:03 p.m. local time (2203 UTC) on Sunday"
        aside = _DAY_PAST_ASIDE.match(ctx.text, c.end)
        if aside:
            weekday, dayword = aside.group("weekday"), aside.group("dayword")
    if weekday:
        return resolve.weekday_date(ctx.dct, weekday_number(weekday), ctx.direction(c))
    if dayword:  # "tomorrow", "last night" (the night before), "this morning"
        return ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1, "last": -1}.get(dayword.lower(), 0))
    if ctx.anchor and ctx.anchor[1] == "day":  # a bare clock time falls on the day last talked about
        return ctx.anchor[0]
    return ctx.dct


_CLOCK_PREPOSITION = re.compile(r"\b(?:at|by|until|till|from|before|after|around|about|since|to)\s+$", re.I)


@handles("clock")
@handles("clock24")
@handles("clock_zone")
@handles("clock_dotted")
def _clock(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if c.rule == "clock24" and not g.get("zone") and not g.get("ampm") \
            and not _CLOCK_PREPOSITION.search(ctx.text, max(0, c.start - 10), c.start) and not _time_stamp(c, ctx.text):
        return None  # a bare "3:25" may be a score, a ratio or a race time
    hour = int(g["hour"])
    clock = _clock_value(hour + 12 if not g.get("ampm") and _afternoon(g, hour) else hour, int(g.get("minute") or 0), g.get("ampm"))
    if clock is None:
        return None
    zone = g.get("zone") or g.get("zone2")
    if in_utc(zone):
        clock += "Z"  # ISO 8601 marks a time given in UTC
    else:
        clock += _utc_offset(zone)
    day = _clock_day(c, ctx, g.get("weekday"), g.get("dayword") or g.get("dayword2"))
    return Result("TIME", day.isoformat() + clock if day else None, (day, "day") if day else None)


_OFFSET = re.compile(r"(?:UTC|GMT)([+−-])(\d{1,2}):?(\d\d)?$")


def _utc_offset(zone: str | None) -> str:
    """ISO 8601's offset for "UTC+8", "GMT-05:00" ("+08:00", "-05:00"); nothing for a named zone."""
    found = _OFFSET.search((zone or "").strip())
    if not found:
        return ""
    sign = "+" if found.group(1) == "+" else "-"
    return f"{sign}{int(found.group(2)):02d}:{found.group(3) or '00'}"


def _afternoon(g: dict, hour: int) -> bool:
    """Whether an hour said without a.m. or p.m. lies past noon by the part of the day after it ("8:30 this evening")."""
    part = (g.get("daypart") or "").lower()
    return hour < 12 and (part in ("afternoon", "evening") or part == "night" and hour >= 6)


@handles("o_clock")
def _o_clock(c: Candidate, ctx: Context) -> Result | None:
    """"9 o'clock", "ten o'clock at night": the hour as said, moved past noon by the part of the day."""
    g = c.match.groupdict()
    spoken = key(g["hour"])
    hour = int(spoken) if spoken.isdigit() else int(lexicon().numbers[spoken])
    part = key(g.get("part") or g.get("night") or g.get("daypart") or "")
    ampm = g.get("ampm") or ("pm" if part in ("afternoon", "evening") or part == "night" and hour >= 6 else None)
    clock = _clock_value(hour, 0, ampm)
    if clock is None:
        return None
    day = _clock_day(c, ctx, g.get("weekday"), g.get("dayword") or g.get("dayword2"))
    return Result("TIME", day.isoformat() + clock if day else None, (day, "day") if day else None)


@handles("clock_phrase")
def _clock_phrase(c: Candidate, ctx: Context) -> Result | None:
    """"half past nine", "a quarter to ten in the evening": minutes counted past or to an hour, on the day talked about."""
    g = c.match.groupdict()
    spoken, numbers = key(g["hour"]), lexicon().numbers
    said = re.sub(r"\s+minutes$|^a\s+", "", key(g["minutes"]))
    minutes = {"half": 30, "quarter": 15}.get(said)
    if minutes is None:
        minutes = int(said) if said.isdigit() else sum(int(numbers.get(w, "0")) for w in re.split(r"[\s-]+", said) if numbers.get(w, "").isdigit())
    if not 1 <= minutes <= 59:
        return None
    if spoken in ("noon", "midnight"):
        hour = 12 if spoken == "noon" else 24
    else:
        hour = int(spoken) if spoken.isdigit() else int(numbers[spoken])
        part = key(g.get("part") or g.get("night") or g.get("daypart") or "")
        ampm = g.get("ampm") or ("pm" if part in ("afternoon", "evening") or part == "night" and hour >= 6 else None)
        clock = _clock_value(hour, 0, ampm)
        if clock is None:
            return None
        hour = int(clock[1:3])
    total = (hour * 60 + (minutes if key(g["dir"]) == "past" else -minutes)) % 1440
    day = _clock_day(c, ctx, g.get("weekday"), g.get("dayword") or g.get("dayword2"))
    return Result("TIME", f"{day.isoformat()}T{total // 60:02d}:{total % 60:02d}" if day else None, (day, "day") if day else None)


_STAMP_AFTER = re.compile(r"\s*[-—–|]\s")


def _time_stamp(c: Candidate, text: str) -> bool:
    """A live blog's entry opening with its time ("14:05 — The Met Office has ...")."""
    return not text[text.rfind("\n", 0, c.start) + 1 : c.start].strip() and bool(_STAMP_AFTER.match(text, c.end))


@handles("clock_words")
def _clock_words(c: Candidate, ctx: Context) -> Result | None:
    hour = int(c.match.group("hour"))
    if hour > 12:
        return None
    if c.match.group("part").lower() in ("afternoon", "evening") or (c.match.group("part").lower() == "night" and hour > 5):
        hour = hour % 12 + 12
    minute = int(c.match.group("minute") or 0)
    day = ctx.dct
    return Result("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}" if day else None)


@handles("clock_word")
def _clock_word(c: Candidate, ctx: Context) -> Result | None:
    code = lexicon().parts_of_day[key(c.match.group("word"))]
    if in_utc(c.match.group("zone")):
        code += "Z"  # "midnight GMT"
    day = _clock_day(c, ctx, c.match.group("weekday"), c.match.group("dayword") or c.match.group("dayword2"))
    return Result("TIME", day.isoformat() + code if day else None)


# --- calendar dates -------------------------------------------------------------------------

def _calendar_date(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("day2"):  # the day-first order of "Tuesday, 5 March"
        g = {**g, "day": g["day2"], "month": g["month2"]}
    elif g.get("month2"):  # the hyphens of "15-Jul-2009"
        g = {**g, "month": g["month2"]}
    return month_day(c, ctx, g)


for _name in ("weekday_date", "month_day_year", "day_month_year", "month_day", "day_month"):
    HANDLERS[_name] = _calendar_date


@handles("range_day")
def _range_day(c: Candidate, ctx: Context) -> Result | None:
    """The first day of "2 to 5 March (2008)": the month and year written after the second day."""
    g = c.match.groupdict()
    return month_day(c, ctx, {"month": g["month"], "day": g["day"], "year": g.get("year")})


@handles("month_year")
def _month_year(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("spoken"):
        year = spoken_year(g["spoken"])
    else:
        year = int(g["year"]) if g.get("year") else relative_year(ctx, g.get("rel"))
    if year is None:
        return Result("DATE", None)
    return dated(date(year, month_number(g["month"]), 1), "month")


_PREPOSITIONS = re.compile(r"(?:in|since|by|until|till|through|of|from|during|before|after|early|late|mid|last|next|this)[\s-]+$", re.I)


_MONTH_AS_NOUN = re.compile(r"\s+(?:for\s|of\s+the\s|of\s+[A-Z][a-z])")


@handles("month")
def _month_alone(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    word = g.get("month") or g.get("month2") or g.get("month3")
    if g.get("month3") and not _PREPOSITIONS.search(ctx.text[max(0, c.start - 12):c.start]):
        return None  # "May" the modal verb
    if _MONTH_AS_NOUN.match(ctx.text, c.end) and not _PREPOSITIONS.search(ctx.text[max(0, c.start - 12):c.start]):
        return None  # "the March for Life", "the March of the Combatant Mothers": a march, not a month
    month = month_number(word)
    start = range_start(c, ctx, "month")
    if start is not None:  # "from March to June": the end of a range follows its start
        return dated(date(start.year + (month < start.month), month, 1), "month")
    year = range_end_year(c, ctx, month)
    if year is not None:  # "from March to June 2007": the start takes its year from the end
        return dated(date(year, month, 1), "month")
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{month:02d}")
    year = resolve.month_year(ctx.dct, month, ctx.direction(c))
    return dated(date(year, month, 1), "month")


@handles("relative_month")
def _relative_month(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    month = month_number(g["month"])
    if ctx.dct is None:
        return Result("DATE", None)
    relation = key(g["rel"])
    year = ctx.dct.year
    if relation in ("last", "this past") and month >= ctx.dct.month:
        year -= 1
    elif relation in ("next", "this coming") and month <= ctx.dct.month:
        year += 1
    return dated(date(year, month, 1), "month")


@handles("month_set")
def _month_set(c: Candidate, ctx: Context) -> Result | None:
    """"every July", "each March": the month in every year."""
    return Result("SET", f"XXXX-{month_number(c.match.group('month')):02d}")


# --- quarters, halves, years ----------------------------------------------------------------

@handles("quarter_of")
@handles("year_quarter")
def _quarter_of(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    year = int(g["year"]) if g.get("year") else relative_year(ctx, g.get("rel"))
    if not g.get("ord"):  # "the 1988 quarter", "the 1989 period": the quarter being discussed, that year
        if year is None:
            return Result("DATE", None)
        if reported_anchor(ctx):
            return Result("DATE", f"{year:04d}-Q{resolve.quarter_of(reported_anchor(ctx))}")
        if ctx.dct and key(c.match.group(0)).endswith("quarter"):
            return Result("DATE", f"{year:04d}-Q{resolve.quarter_of(resolve.shift(ctx.dct, 'quarter', -1))}")
        return Result("DATE", f"{year:04d}")
    quarter = quarter_number(g["ord"])
    if quarter is None:
        return None
    return quarter_result(year, quarter)


@handles("quarter")
def _quarter(c: Candidate, ctx: Context) -> Result | None:
    quarter = quarter_number(c.match.group("ord"))
    if quarter is None:
        return None
    return _quarter_near(quarter, c, ctx)


@handles("month_quarter")
def _month_quarter(c: Candidate, ctx: Context) -> Result | None:
    """"the December quarter": the calendar quarter holding that month, in the month's nearest year."""
    month = month_number(c.match.group("month"))
    if ctx.dct is None:
        return Result("DATE", None)
    return quarter_result(resolve.month_year(ctx.dct, month, ctx.direction(c)), (month - 1) // 3 + 1)


@handles("quarter_abbreviation")
def _quarter_abbreviation(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    quarter = int(g["q"] or g["q2"])
    year = g["year"] or g["year2"]
    return quarter_result(int(year), quarter) if year else _quarter_near(quarter, c, ctx)


def _quarter_near(quarter: int, c: Candidate, ctx: Context) -> Result:
    """A quarter named without its year: this year's, or last year's when it lies ahead but the text looks back."""
    if ctx.dct is None:
        return Result("DATE", None)
    year = ctx.dct.year
    current = resolve.quarter_of(ctx.dct)
    if quarter > current and (ctx.direction(c) == "past" or current == 1 and quarter == 4):
        year -= 1
    return quarter_result(year, quarter)


_ENDED = re.compile(r"\s+end(?:ed|ing)\s+(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})\b")


def _quarter_end(c: Candidate, ctx: Context) -> date | None:
    """A day in the quarter that ends on the date following `c`: a fiscal quarter ended July 31
    falls mostly in the calendar quarter of mid-June, so step back half a quarter from its end."""
    found = _ENDED.match(ctx.text, c.end)
    if found is None or ctx.dct is None or key(found.group("month")) not in lexicon().months:
        return None
    month, dom = month_number(found.group("month")), int(found.group("day"))
    end = make_date(resolve.nearest_year(ctx.dct, month, dom, "past"), month, dom)
    return end - timedelta(days=45) if end else None


@handles("relative_quarter")
def _relative_quarter(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    which = key(g.get("which") or g.get("which2") or g.get("rel") or "the")
    anchored = reported_anchor(ctx)
    if ctx.dct is None and anchored is None:
        return Result("DATE", None)
    if which in ("this", "current"):
        return dated(ctx.dct, "quarter") if ctx.dct else Result("DATE", None)
    if which in ("next", "coming"):
        return dated(resolve.shift(ctx.dct, "quarter", 1), "quarter") if ctx.dct else Result("DATE", None)
    # The quarter being reported on: the one whose end the text gives ("the quarter ended July 31"),
    # else the one the text last named, else the last complete one.
    ended = _quarter_end(c, ctx) if which in ("the", "latest") else None
    reported = ended or anchored or resolve.shift(ctx.dct, "quarter", -1)
    if which in ("year-ago", "year-earlier", "comparable"):
        reported = resolve.year_before_quarter(reported, ctx.dct)
    value = resolve.format_date(reported, "quarter")
    return Result("DATE", value, None)  # keep the anchor on the quarter the text named


@handles("half")
def _half(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("h") or g.get("h2"):  # "H1 2008"
        return Result("DATE", f"{int(g.get('year2') or g['year3']):04d}-H{g.get('h') or g['h2']}")
    half = 1 if key(g["ord"]) == "first" else 2  # "second", "last"
    year = int(g["year"]) if g.get("year") else relative_year(ctx, g.get("rel"))
    return Result("DATE", f"{year:04d}-H{half}" if year is not None else None)


@handles("fiscal_year")
def _fiscal_year(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("year") or g.get("year2"):
        year = int(g.get("year") or g["year2"])
    else:
        short = int((g.get("short") or g["short2"]).lstrip("'’"))
        year = 1900 + short if short >= 50 else 2000 + short
    return dated(date(year, 1, 1), "year")


_LABEL_BEFORE = re.compile(r"([\w.#]+)\s*(?:no\.\s*|#\s*)?$", re.I)


def labelled_number(c: Candidate, ctx: Context) -> bool:
    """A number written after a noun that labels it: "House Bill 1523", "Flight 1549", "Room 1910"."""
    label = _LABEL_BEFORE.search(ctx.text, max(0, c.start - 24), c.start)
    return bool(label) and label.group(1).lower() in lexicon().number_labels


_NOUN_AFTER = re.compile(r"\s+(?:(?:more|additional|extra|other|armed|riot|new)\s+)?([a-z]+)\b")


def counts_a_noun(c: Candidate, ctx: Context) -> bool:
    """A number right before a plural noun it counts: "2000 people", "some 1500 more troops"; not where
    the parse makes that noun qualify another ("its 2008 aircraft deliveries", "the 2008 jobs report":
    the number dates the compound)."""
    noun = _NOUN_AFTER.match(ctx.text, c.end)
    if not noun or noun.group(1) not in lexicon().count_nouns:
        return False
    if ctx.doc is not None:
        span = ctx.doc.char_span(noun.start(1), noun.end(1))  # type: ignore[attr-defined]
        if span is not None and len(span) == 1 and span[0].dep_ == "compound" and span[0].head.i > span[0].i:
            return False
    return True


@handles("year")
def _year(c: Candidate, ctx: Context) -> Result | None:
    if not c.match.group("edge") and (labelled_number(c, ctx) or counts_a_noun(c, ctx)):
        return None
    return dated(date(int(c.match.group("year")), 1, 1), "year")


@handles("decade")
def _decade(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("decade"):
        return Result("DATE", g["decade"])
    if g.get("word"):  # "the nineties": the latest such decade up to the creation date
        digit = lexicon().decades[key(g["word"])]
        if ctx.dct is None:
            return Result("DATE", f"XX{digit}")
        century = ctx.dct.year // 100 - (1 if digit * 10 > ctx.dct.year % 100 else 0)
        return Result("DATE", f"{century:02d}{digit}")
    # "'90s": the latest such decade that has begun by the creation date, as for "the nineties"
    digit = int(g["short"])
    if ctx.dct is None:
        return Result("DATE", f"XX{digit}")
    century = ctx.dct.year // 100 - (1 if digit * 10 > ctx.dct.year % 100 else 0)
    return Result("DATE", f"{century:02d}{digit}")


@handles("year_range_end")
def _year_range_end(c: Candidate, ctx: Context) -> Result | None:
    """"1982-83": the year after the first one that ends in these digits (a range runs forward)."""
    first = int(ctx.text[c.start - 5:c.start - 1])
    short = int(c.match.group("short"))
    year = first - first % 100 + short
    if year <= first:
        year += 100
    if year - first > 20:  # "2008-03": a month, not a range
        return None
    return dated(date(year, 1, 1), "year")


@handles("century")
def _century(c: Candidate, ctx: Context) -> Result | None:
    found = ordinal(c.match.group("ord"))
    if found is None or not 1 <= found <= 30:
        return None
    return Result("DATE", f"{found - 1:02d}")


@handles("spoken_year")
def _spoken_year(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    numbers = lexicon().numbers
    if g.get("century"):
        year = int(numbers[key(g["century"])]) * 100 + int(numbers[key(g["tens"])])
        if g.get("units"):
            year += int(numbers[key(g["units"])])
    else:
        year = 2000 + (int(numbers[key(g["units2"])]) if g.get("units2") else 0)
    return dated(date(year, 1, 1), "year")
