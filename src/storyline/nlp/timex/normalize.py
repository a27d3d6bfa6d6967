"""Normalization: a detected candidate becomes a TIMEX3 (type, value).

One function per detection rule. Relative expressions resolve against the document
creation date (`Context.dct`); with no date they get value None. "Anaphoric" ones
("a year earlier", "the quarter") resolve against the last date the text mentioned.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.nlp.timex import resolve, tense
from storyline.nlp.timex.lexicon import lexicon
from storyline.nlp.timex.patterns import Candidate
from storyline.nlp.timex.resolve import Direction


@dataclass(slots=True)
class Result:
    type: str
    value: str | None
    anchor: tuple[date, str] | None = None  # (a day inside it, granularity), for later anaphora


@dataclass(slots=True)
class Context:
    text: str
    dct: date | None
    doc: object | None = None
    anchor: tuple[date, str] | None = None
    _directions: dict[tuple[int, int], Direction] = field(default_factory=dict)

    def direction(self, candidate: Candidate) -> Direction:
        key = (candidate.start, candidate.end)
        if key not in self._directions:
            self._directions[key] = tense.direction(self.text, candidate.start, candidate.end, self.doc)
        return self._directions[key]


Handler = Callable[[Candidate, Context], Result | None]
_HANDLERS: dict[str, Handler] = {}


def handles(name: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        _HANDLERS[name] = function
        return function

    return register


def normalize(candidate: Candidate, context: Context) -> Result | None:
    """The TIMEX3 of a candidate, or None when the candidate turns out not to be a time expression."""
    return _HANDLERS[candidate.rule](candidate, context)


# --- small readers -------------------------------------------------------------------------

def _key(word: str) -> str:
    return " ".join(word.lower().rstrip(".").split())


def _month(word: str) -> int:
    return lexicon().months[_key(word)]


def _weekday(word: str) -> int:
    return lexicon().weekdays[_key(word).removesuffix("s") if _key(word) not in lexicon().weekdays else _key(word)]


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def _ordinal(word: str) -> int | None:
    key = _key(word)
    if key in lexicon().ordinals:
        return lexicon().ordinals[key]
    digits = re.match(r"\d+", key)
    return int(digits.group()) if digits else None


def number(word: str) -> float | str | None:
    """A number from digits or words ("twenty four", "a couple of"); "X" for a vague quantity."""
    key = _key(word).replace("-", " ")
    parts = key.split()
    if re.fullmatch(r"\d+(?:\.\d+)?", parts[0]):
        value = float(parts[0])
        if len(parts) > 1 and re.fullmatch(r"\d/\d", parts[1]):
            numerator, denominator = parts[1].split("/")
            value += int(numerator) / int(denominator)
        return value
    numbers = lexicon().numbers
    if key in numbers:
        found = numbers[key]
        return found if found == "X" else float(found)
    total = 0.0
    for part in parts:
        if part not in numbers or numbers[part] == "X":
            return None
        total += float(numbers[part])
    return total


def _amount(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if value == int(value) else f"{value:g}"


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _part_code(word: str | None) -> str:
    if not word:
        return ""
    code = lexicon().parts_of_day[_key(word)]
    return code if code.startswith("T") else "T" + code


def _with_part(day: date, part: str | None) -> str:
    return day.isoformat() + _part_code(part)


def _day_result(day: date, part: str | None) -> Result:
    """A day, or a part of it: TimeML types parts of day ("Tuesday morning") as TIME."""
    return Result("TIME" if part else "DATE", _with_part(day, part), (day, "day"))


def _dated(day: date, granularity: str, kind: str = "DATE") -> Result:
    return Result(kind, resolve.format_date(day, granularity), (day, granularity))


# --- clock stamps and numeric dates ---------------------------------------------------------

@handles("timestamp")
def _timestamp(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    day = _date(int(g["year"]), int(g["month"]), int(g["day"]))
    if day is None or int(g["hour"]) > 24:
        return None
    return Result("TIME", f"{day.isoformat()}T{g['hour']}:{g['minute']}", (day, "day"))


@handles("iso_date")
def _iso_date(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    day = _date(int(g["year"]), int(g["month"]), int(g["day"]))
    return _dated(day, "day") if day else None


@handles("slash_date")
def _slash_date(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    year = int(g["year"])
    if year < 100:
        year += 1900 if year >= 50 else 2000
    day = _date(year, int(g["month"]), int(g["day"]))
    return _dated(day, "day") if day else None


def _clock_value(hour: int, minute: int, ampm: str | None) -> str | None:
    if ampm:
        marker = ampm.lower()[0]
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if marker == "p" else 0)
    if hour > 24 or minute > 59:
        return None
    return f"T{hour:02d}:{minute:02d}"


def _clock_day(c: Candidate, ctx: Context, weekday: str | None, dayword: str | None) -> date | None:
    g = c.match.groupdict()
    if g.get("month") and g.get("day"):
        named = _month_day(c, ctx, g)
        return named.anchor[0] if named and named.anchor else None
    if ctx.dct is None:
        return None
    if weekday:
        return resolve.weekday_date(ctx.dct, _weekday(weekday), ctx.direction(c))
    if dayword:
        return ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(dayword.lower(), 0))
    if ctx.anchor and ctx.anchor[1] == "day":  # a bare clock time falls on the day last talked about
        return ctx.anchor[0]
    return ctx.dct


@handles("clock")
@handles("clock24")
def _clock(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    clock = _clock_value(int(g["hour"]), int(g.get("minute") or 0), g.get("ampm"))
    if clock is None:
        return None
    day = _clock_day(c, ctx, g.get("weekday"), g.get("dayword"))
    return Result("TIME", day.isoformat() + clock if day else None, (day, "day") if day else None)


@handles("clock_words")
def _clock_words(c: Candidate, ctx: Context) -> Result | None:
    hour = int(c.match.group("hour"))
    if hour > 12:
        return None
    if c.match.group("part").lower() in ("afternoon", "evening") or (c.match.group("part").lower() == "night" and hour > 5):
        hour = hour % 12 + 12
    day = ctx.dct
    return Result("TIME", f"{day.isoformat()}T{hour:02d}:00" if day else None)


@handles("clock_word")
def _clock_word(c: Candidate, ctx: Context) -> Result | None:
    code = lexicon().parts_of_day[_key(c.match.group("word"))]
    day = _clock_day(c, ctx, c.match.group("weekday"), None)
    return Result("TIME", day.isoformat() + code if day else None)


# --- calendar dates -------------------------------------------------------------------------

def _month_day(c: Candidate, ctx: Context, g: dict) -> Result | None:
    month, day_number = _month(g["month"]), _day(g["day"])
    if not 1 <= day_number <= 31:
        return None
    if g.get("year"):
        day = _date(int(g["year"]), month, day_number)
        return _dated(day, "day") if day else None
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{month:02d}-{day_number:02d}")
    year = resolve.nearest_year(ctx.dct, month, day_number, ctx.direction(c))
    day = _date(year, month, day_number)
    return _dated(day, "day") if day else None


for _name in ("weekday_date", "month_day_year", "day_month_year", "month_day", "day_month"):
    _HANDLERS[_name] = lambda c, ctx: _month_day(c, ctx, c.match.groupdict())


@handles("month_year")
def _month_year(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    year = int(g["year"]) if g.get("year") else _relative_year(ctx, g.get("rel"))
    if year is None:
        return Result("DATE", None)
    return _dated(date(year, _month(g["month"]), 1), "month")


_PREPOSITIONS = re.compile(r"(?:in|since|by|until|till|through|of|from|during|before|after|early|late|mid|last|next|this)[\s-]+$", re.I)


@handles("month")
def _month_alone(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    word = g.get("month") or g.get("month2") or g.get("month3")
    if g.get("month3") and not _PREPOSITIONS.search(ctx.text[max(0, c.start - 12):c.start]):
        return None  # "May" the modal verb
    month = _month(word)
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{month:02d}")
    year = resolve.month_year(ctx.dct, month, ctx.direction(c))
    return _dated(date(year, month, 1), "month")


@handles("relative_month")
def _relative_month(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    month = _month(g["month"])
    if ctx.dct is None:
        return Result("DATE", None)
    relation = _key(g["rel"])
    year = ctx.dct.year
    if relation in ("last", "this past") and month >= ctx.dct.month:
        year -= 1
    elif relation in ("next", "this coming") and month <= ctx.dct.month:
        year += 1
    return _dated(date(year, month, 1), "month")


# --- quarters, halves, years ----------------------------------------------------------------

def _quarter_number(word: str) -> int | None:
    if _key(word) in ("final", "last"):
        return 4
    number = _ordinal(word)
    return number if number and 1 <= number <= 4 else None


def _relative_year(ctx: Context, relation: str | None) -> int | None:
    if ctx.dct is None:
        return None
    return ctx.dct.year + {"last": -1, "next": 1}.get(_key(relation or ""), 0)


def _quarter_result(year: int | None, quarter: int) -> Result:
    if year is None:
        return Result("DATE", None)
    return _dated(date(year, 3 * quarter - 2, 1), "quarter")


@handles("quarter_of")
@handles("year_quarter")
def _quarter_of(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    year = int(g["year"]) if g.get("year") else _relative_year(ctx, g.get("rel"))
    if not g.get("ord"):  # "the 1988 quarter", "the 1989 period": the quarter being discussed, that year
        if ctx.anchor and ctx.anchor[1] == "quarter" and year is not None:
            return Result("DATE", f"{year:04d}-Q{resolve.quarter_of(ctx.anchor[0])}")
        return Result("DATE", f"{year:04d}" if year is not None else None)
    quarter = _quarter_number(g["ord"])
    if quarter is None:
        return None
    return _quarter_result(year, quarter)


@handles("quarter")
def _quarter(c: Candidate, ctx: Context) -> Result | None:
    quarter = _quarter_number(c.match.group("ord"))
    if quarter is None:
        return None
    if ctx.dct is None:
        return Result("DATE", None)
    year = ctx.dct.year
    current = resolve.quarter_of(ctx.dct)
    if quarter > current and (ctx.direction(c) == "past" or current == 1 and quarter == 4):
        year -= 1
    return _quarter_result(year, quarter)


@handles("relative_quarter")
def _relative_quarter(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    which = _key(g.get("which") or g.get("rel") or "the")
    anchored = ctx.anchor if ctx.anchor and ctx.anchor[1] == "quarter" else None
    if ctx.dct is None and anchored is None:
        return Result("DATE", None)
    if which in ("this", "current"):
        return _dated(ctx.dct, "quarter") if ctx.dct else Result("DATE", None)
    if which in ("next", "coming"):
        return _dated(resolve.shift(ctx.dct, "quarter", 1), "quarter") if ctx.dct else Result("DATE", None)
    # The quarter being reported on: the one the text last named, else the last complete one.
    reported = anchored[0] if anchored else resolve.shift(ctx.dct, "quarter", -1)
    if which in ("year-ago", "year-earlier", "comparable"):
        reported = resolve.shift(reported, "year", -1)
    value = resolve.format_date(reported, "quarter")
    return Result("DATE", value, None)  # keep the anchor on the quarter the text named


@handles("half")
def _half(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    half = 1 if _key(g["ord"]) == "first" else 2  # "second", "last"
    year = int(g["year"]) if g.get("year") else _relative_year(ctx, g.get("rel"))
    return Result("DATE", f"{year:04d}-H{half}" if year is not None else None)


@handles("fiscal_year")
def _fiscal_year(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("year"):
        year = int(g["year"])
    else:
        short = int(g["short"][1:])
        year = 1900 + short if short >= 50 else 2000 + short
    return _dated(date(year, 1, 1), "year")


@handles("year")
def _year(c: Candidate, ctx: Context) -> Result | None:
    return _dated(date(int(c.match.group("year")), 1, 1), "year")


@handles("decade")
def _decade(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("decade"):
        return Result("DATE", g["decade"])
    century = ctx.dct.year // 100 if ctx.dct else 19
    return Result("DATE", f"{century:02d}{g['short']}")


@handles("century")
def _century(c: Candidate, ctx: Context) -> Result | None:
    number = _ordinal(c.match.group("ord"))
    if number is None or not 1 <= number <= 30:
        return None
    return Result("DATE", f"{number - 1:02d}")


@handles("spoken_year")
def _spoken_year(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    numbers = lexicon().numbers
    if g.get("century"):
        year = int(numbers[_key(g["century"])]) * 100 + int(numbers[_key(g["tens"])])
        if g.get("units"):
            year += int(numbers[_key(g["units"])])
    else:
        year = 2000 + (int(numbers[_key(g["units2"])]) if g.get("units2") else 0)
    return _dated(date(year, 1, 1), "year")


# --- days around the creation date ----------------------------------------------------------

_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "before yesterday": -2, "after tomorrow": 2}


@handles("day_word")
def _day_word(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    word = _key(g.get("word") or g.get("around"))
    if ctx.dct is None:
        return Result("DATE", None)
    day = ctx.dct + timedelta(days=_DAY_OFFSETS[word])
    if word == "tonight" and not g.get("part"):
        return Result("DATE", _with_part(day, "night"), (day, "day"))
    return _day_result(day, g.get("part"))


@handles("last_night")
def _last_night(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if ctx.dct is None:
        return Result("DATE", None)
    offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(_key(g["rel"]), 0)
    if _key(g["rel"]) == "last" and _key(g["part"]) not in ("night", "evening"):
        offset = -1
    day = ctx.dct + timedelta(days=offset)
    return _day_result(day, g["part"])


@handles("weekday")
def _weekday_expression(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if ctx.dct is None:
        return Result("DATE", None)
    relation = _key(g.get("rel") or "")
    weekday = _weekday(g["weekday"])
    if relation in ("last", "this past", "the previous"):
        day = resolve.weekday_date(ctx.dct - timedelta(days=1), weekday, "past")
    elif relation in ("next", "this coming", "the following"):
        day = resolve.weekday_date(ctx.dct, weekday, "future")
    else:
        day = resolve.weekday_date(ctx.dct, weekday, ctx.direction(c))
    # TimeBank types a named day with its part ("Friday night") as DATE, unlike "this morning".
    return Result("DATE", _with_part(day, g.get("part")), (day, "day"))


@handles("weekday_plural")
def _weekday_plural(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    weekday = _weekday(g.get("weekday") or g.get("weekday2") or g.get("weekday3"))
    return Result("SET", f"XXXX-WXX-{weekday}{_part_code(g.get('part'))}")


@handles("holiday")
def _holiday(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    rule = lexicon().holidays[_key(g["holiday"])]
    if g.get("year"):
        return _dated(resolve.holiday_date(rule, int(g["year"])), "day")
    if ctx.dct is None:
        return Result("DATE", None)
    relation = _key(g.get("rel") or "")
    direction = {"last": "past", "next": "future"}.get(relation) or ctx.direction(c)
    day = resolve.holiday_date(rule, ctx.dct.year)
    if direction == "past" and day > ctx.dct:
        day = resolve.holiday_date(rule, ctx.dct.year - 1)
    elif direction == "future" and day < ctx.dct:
        day = resolve.holiday_date(rule, ctx.dct.year + 1)
    return _dated(day, "day")


# --- counted spans and points ---------------------------------------------------------------

def _unit(word: str):
    units = lexicon().units
    key = _key(word)
    if key in units:
        return units[key]
    for singular, unit in units.items():
        if key in (singular + "s", singular[:-1] + "ies", singular[:-2] + "a"):
            return unit
    return None


_BACKWARD = {"ago", "earlier", "before", "back"}
_ANAPHORIC = {"earlier", "later", "before", "after"}


@handles("ago")
def _ago(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("vague"):  # "several years ago"
        return Result("DATE", "PAST_REF")
    if g.get("dir2"):  # "year-earlier", "year-ago": the same period a year before
        amount, granularity, direction = 1.0, "year", "ago"
    else:
        unit = _unit(g["unit"])
        amount = number(g["num"])
        if unit is None or amount is None:
            return None
        granularity = "day" if unit.granularity in ("hour", "minute", "second") else unit.granularity
        direction = _key(g["dir"])
    backward = direction in _BACKWARD
    if amount == "X":
        return Result("DATE", "PAST_REF" if backward else "FUTURE_REF")
    if ctx.dct is None:
        return Result("DATE", None)
    anchor = ctx.anchor if direction in _ANAPHORIC and ctx.anchor else None
    base = anchor[0] if anchor else ctx.dct
    steps = int(amount) if float(amount).is_integer() else amount
    if isinstance(steps, float):  # "a year and a half ago": go by months
        moved = resolve.shift(base, "month", round(steps * {"year": 12, "month": 1}.get(granularity, 0)) * (-1 if backward else 1))
    else:
        moved = resolve.shift(base, granularity, -steps if backward else steps)
    if granularity == "year" and anchor and anchor[1] in ("quarter", "month", "day") and steps == 1:
        granularity = anchor[1]  # "a year earlier" after a quarter: that quarter a year before
    elif granularity == "year" and not anchor and ctx.anchor and ctx.anchor[1] == "quarter" and steps == 1:
        moved, granularity = resolve.shift(ctx.anchor[0], "year", -1 if backward else 1), "quarter"
    return Result("DATE", resolve.format_date(moved, granularity), None)


_RELATIONS = {
    "last": -1, "the past": -1, "the previous": -1, "the last": -1, "this past": -1,
    "this": 0, "the current": 0,
    "next": 1, "the coming": 1, "the following": 1, "this coming": 1,
}


@handles("relative_unit")
def _relative_unit(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if ctx.dct is None:
        return Result("DATE", None)
    offset = _RELATIONS[_key(g["rel"])]
    unit = _key(g["unit"])
    seasons = lexicon().seasons
    if unit in seasons:
        relation = "last" if offset < 0 else "next" if offset > 0 else None
        return Result("DATE", f"{resolve.season_year(ctx.dct, seasons[unit], relation):04d}-{seasons[unit]}")
    if unit == "fiscal year":
        unit = "year"
    if unit == "weekend":
        return Result("DATE", resolve.format_date(resolve.shift(ctx.dct, "week", offset), "weekend"))
    day = resolve.shift(ctx.dct, unit, offset)
    return _dated(day, unit)


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


_FREQUENCY_BEFORE = re.compile(r"(?:\d%?|percent|cents?|dollars?|times|twice|once|thrice|\$[\d.,]+(?:\s+(?:million|billion))?)\s*$", re.I)


def duration_value(amount: float | str, code: str) -> str:
    if code == "2W":  # fortnight
        return f"P{_amount(amount if amount == 'X' else 2 * amount)}W"
    if code.startswith("T"):
        return f"PT{_amount(amount)}{code[1:]}"
    return f"P{_amount(amount)}{code}"


@handles("duration")
def _duration(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    unit = _unit(g["unit"])
    amount = number(g["num"])
    if unit is None or amount is None:
        return None
    spoken = _key(g["num"])
    if spoken in ("a", "an") and unit.code in ("TS", "Q"):
        return None  # "a second time", "a quarter of the votes"
    if spoken in ("a", "an", "one") and c.start == c.match.start("num") and _FREQUENCY_BEFORE.search(ctx.text[max(0, c.start - 24):c.start]):
        return Result("SET", duration_value(1.0, unit.code))  # "$5 a year", "twice a day"
    if re.search(r"\band\s+a\s+half\b", c.match.group(0), re.I) and amount != "X":
        amount += 0.5
    return Result("DURATION", duration_value(amount, unit.code))


@handles("vague_duration")
def _vague_duration(c: Candidate, ctx: Context) -> Result | None:
    # "recent years", "the past few months": TimeBank reads these as a vague past (future) reference.
    text = c.match.group(0).lower()
    if text.startswith("recent"):  # "recent months": a vague span
        unit = _unit(c.match.group("unit"))
        return Result("DURATION", duration_value("X", unit.code)) if unit else None
    return Result("DATE", "FUTURE_REF" if re.search(r"\b(?:next|coming)\b", text) else "PAST_REF")


@handles("per_unit")
def _per_unit(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("freq"):
        return Result("SET", lexicon().sets[_key(g["freq"])])
    unit = _unit(g["unit"])
    if unit is None:
        return None
    return Result("SET", duration_value(2.0 if g.get("other") else 1.0, unit.code))


@handles("reference")
def _reference(c: Candidate, ctx: Context) -> Result | None:
    key = _key(c.match.group(0))
    value = lexicon().references.get(key)
    if value is None:
        value = "FUTURE_REF" if "future" in key else None
    return Result("DATE", value) if value else None
