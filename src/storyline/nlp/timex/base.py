"""What every normalization rule shares: the result and context types, the rule registry,
and small readers of matched words (numbers, month names, units ...)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date

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
    last_quarter: tuple[date, int] | None = None  # the last quarter named that is over, and where it ended
    first_quarter: date | None = None  # the first quarter named that is over: what a report is about
    anchor_end: int = -1  # where the expression that set `anchor` ends
    _directions: dict[tuple[int, int], Direction] = field(default_factory=dict)
    _day_first: bool | None = None

    @property
    def day_first(self) -> bool:
        """Whether the text writes dates day first ("5 March", "25/12/2020"), as outside the US:
        then an ambiguous "05/03/2024" is 5 March too. Decided once per text by counting the
        dates whose order is plain."""
        if self._day_first is None:
            self._day_first = _writes_day_first(self.text)
        return self._day_first

    def direction(self, candidate: Candidate) -> Direction:
        span_key = (candidate.start, candidate.end)
        if span_key not in self._directions:
            self._directions[span_key] = tense.direction(self.text, candidate.start, candidate.end, self.doc)
        return self._directions[span_key]


@lru_cache(maxsize=1)
def _date_orders() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted((m.capitalize() for m in lexicon().months), key=len, reverse=True))
    day_month = re.compile(rf"(?<![\d/.])[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b")
    month_day = re.compile(rf"\b(?:{months})\.?\s+[0-3]?\d(?!\d)")
    numeric = re.compile(r"(?<![\d/])([0-3]?\d)/([0-3]?\d)/(?:\d{4}|\d\d)(?![\d/])")
    return day_month, month_day, numeric


def _writes_day_first(text: str) -> bool:
    day_month, month_day, numeric = _date_orders()
    day_first = len(day_month.findall(text))
    month_first = len(month_day.findall(text))
    for first, second in numeric.findall(text):
        day_first += int(first) > 12
        month_first += int(second) > 12
    return day_first > month_first


Handler = Callable[[Candidate, Context], Result | None]
HANDLERS: dict[str, Handler] = {}


def handles(name: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        HANDLERS[name] = function
        return function

    return register


# --- small readers -------------------------------------------------------------------------

def key(word: str) -> str:
    return " ".join(word.lower().rstrip(".").replace("’", "'").split())


def month_number(word: str) -> int:
    return lexicon().months[key(word)]


def weekday_number(word: str) -> int:
    return lexicon().weekdays[key(word).removesuffix("s") if key(word) not in lexicon().weekdays else key(word)]


def day_number(word: str) -> int:
    """The day of the month, from digits ("5th") or an ordinal word ("fifth")."""
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else lexicon().ordinals[key(word)]


def ordinal(word: str) -> int | None:
    word_key = key(word)
    if word_key in lexicon().ordinals:
        return lexicon().ordinals[word_key]
    digits = re.match(r"\d+", word_key)
    return int(digits.group()) if digits else None


def number(word: str) -> float | str | None:
    """A number from digits or words ("twenty four", "a couple of"); "X" for a vague quantity."""
    word_key = key(word).replace("-", " ")
    parts = word_key.split()
    if re.fullmatch(r"\d+(?:\.\d+)?", parts[0]):
        value = float(parts[0])
        if len(parts) > 1 and re.fullmatch(r"\d/\d", parts[1]):
            numerator, denominator = parts[1].split("/")
            value += int(numerator) / int(denominator)
        return value
    numbers = lexicon().numbers
    if word_key in numbers:
        found = numbers[word_key]
        return found if found == "X" else float(found)
    total = 0.0
    for part in parts:
        if part not in numbers or numbers[part] == "X":
            return None
        if part in ("hundred", "thousand"):  # "two hundred": multiplies what came before
            total = max(total, 1.0) * float(numbers[part])
        else:
            total += float(numbers[part])
    return total


def amount_text(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if value == int(value) else f"{value:g}"


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def part_code(word: str | None) -> str:
    if not word:
        return ""
    code = lexicon().parts_of_day[key(word)]
    return code if code.startswith("T") else "T" + code


def with_part(day: date, part: str | None) -> str:
    return day.isoformat() + part_code(part)


def day_result(day: date, part: str | None) -> Result:
    """A day, or a part of it: TimeML types parts of day ("Tuesday morning") as TIME."""
    return Result("TIME" if part else "DATE", with_part(day, part), (day, "day"))


def dated(day: date, granularity: str, kind: str = "DATE") -> Result:
    return Result(kind, resolve.format_date(day, granularity), (day, granularity))


_NAME_BEFORE = re.compile(r"(?:^|[^.!?:;\s\"“”'‘’(\[])\s*\b[A-Z][\w&.-]*(?:['’]s)?\s+$")


_THE_BEFORE = re.compile(r"(?:^|\W)[Tt]he\s+$")
_NAME_AFTER = re.compile(r"\s+([A-Z][a-z]+)\b")


_LINE_WORD = re.compile(r"[A-Za-z][\w'’-]{2,}")
_LOWER_IN_TITLES = {"and", "the", "for", "but", "nor", "yet", "from", "with", "into", "onto", "over", "upon"}


def in_title_case(c: Candidate, ctx: Context) -> bool:
    """Whether `c` lies on a line written in title case ("Airbus Shares Fall Today"), where capitals
    mark no names: most of its longer words are capitalized."""
    start = ctx.text.rfind("\n", 0, c.start) + 1
    end = ctx.text.find("\n", c.end)
    words = [w for w in _LINE_WORD.findall(ctx.text, start, len(ctx.text) if end < 0 else end) if w.lower() not in _LOWER_IN_TITLES]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def inside_name(c: Candidate, ctx: Context) -> bool:
    """A capitalized time word right after a capitalized word is part of a name: "USA Today", "News Daily",
    "the BBC's Today programme"; so is one that opens a name (`opens_name`). Not in a title-case headline."""
    word = c.match.group(0)
    if not word[:1].isupper() or in_title_case(c, ctx):
        return False
    before = ctx.text[max(0, c.start - 40):c.start]
    return bool(_NAME_BEFORE.search(before)) and not before.rstrip().endswith((".", "!", "?", ":")) or opens_name(c, ctx)


def opens_name(c: Candidate, ctx: Context) -> bool:
    """A capitalized time word between "the" and a capitalized word opens a name: "The Daily Ledger",
    "the Sunday Times"; unless that word is a time word too ("the Sunday March 3 vote"). (A weekday
    after a name is still a time: "Xinhua Friday".)"""
    if not c.match.group(0)[:1].isupper() or not _THE_BEFORE.search(ctx.text, max(0, c.start - 6), c.start) \
            or in_title_case(c, ctx):
        return False
    after = _NAME_AFTER.match(ctx.text, c.end)
    return bool(after and after.group(1).lower() not in _proper_words())


_OPENING_QUOTE = re.compile(r"(?:[\"“]|``|'')(?:[A-Z][\w'&.-]*\s+){0,4}$")
_CLOSING_QUOTE = re.compile(r"(?:\s+(?:[A-Z][\w'&.-]*|of|the|and|with|in|on|a))*[,.!?]?(?:[\"”]|'')")
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def quoted_title(c: Candidate, ctx: Context) -> bool:
    """A time phrase capitalized inside a quoted title is part of the name of a show, film or column:
    ABC's "This Week," CBS's ''60 Minutes,'' the film ``High Noon''. Words that are capitalized in
    any case (weekdays, months, holidays) do not count: ``Friday,'' he said."""
    words = _TITLE_WORD.findall(c.match.group(0))
    if not words or not _OPENING_QUOTE.search(ctx.text, max(0, c.start - 60), c.start) \
            or not _CLOSING_QUOTE.match(ctx.text, c.end):
        return False
    return any(word.lower() not in _proper_words() for word in words)


@lru_cache(maxsize=1)
def _proper_words() -> frozenset[str]:
    """Time words written capitalized anywhere: weekdays, months, holiday names."""
    lex = lexicon()
    return frozenset(lex.weekdays) | frozenset(lex.months) | {w for h in lex.holidays for w in h.split()}


_RANGE_LINK = re.compile(r"\s*(?:-|–|—|to|and|through|thru|until|till)\s*", re.I)


def range_start(c: Candidate, ctx: Context, granularity: str) -> date | None:
    """The day (month) that opens a range `c` closes: "from March to June", "between May 5 and 9 June".
    A range runs forward, so its end takes the first year at or after its start."""
    if ctx.anchor is None or ctx.anchor[1] != granularity or ctx.anchor_end < 0 \
            or not _RANGE_LINK.fullmatch(ctx.text, ctx.anchor_end, c.start):
        return None
    return ctx.anchor[0]


@lru_cache(maxsize=1)
def _range_end() -> re.Pattern[str]:
    months = "|".join(sorted((m.capitalize() for m in lexicon().months), key=len, reverse=True))
    return re.compile(rf"(?:-|–|—|\s+(?:to|and|through|thru|until|till)\s+)(?:the\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
                      rf"(?-i:({months}))\.?(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?,?\s+((?:1[5-9]|20)\d\d)(?!\d)", re.I)


def range_end_year(c: Candidate, ctx: Context, month: int, dom: int = 1) -> int | None:
    """The year of a range's first day (month) written without one, from its end: "from March to June 2007"
    is March 2007, "December 20 to January 5, 2008" December 2007 (a range runs forward)."""
    end = _range_end().match(ctx.text, c.end)
    if end is None:
        return None
    year = int(end.group(2))
    return year - 1 if (month, dom) > (month_number(end.group(1)), 31) else year


def month_day(c: Candidate, ctx: Context, g: dict) -> Result | None:
    month, dom = month_number(g["month"]), day_number(g["day"])
    if not 1 <= dom <= 31:
        return None
    if g.get("week"):  # "the week of March 6": the ISO week holding that day
        named = month_day(c, ctx, {**g, "week": None})
        if named is None or named.anchor is None:
            return Result("DATE", None)
        return dated(named.anchor[0], "week")
    if g.get("year") or g.get("rel"):  # "June 29, 2007", "June 29 last year"
        year = int(g["year"]) if g.get("year") else relative_year(ctx, g["rel"])
        if year is None:
            return Result("DATE", None)
        day = make_date(year, month, dom)
        return dated(day, "day") if day else None
    start = range_start(c, ctx, "day")
    if start is not None:
        year = start.year if (month, dom) >= (start.month, start.day) else start.year + 1
        day = make_date(year, month, dom)
        return dated(day, "day") if day else None
    year = range_end_year(c, ctx, month, dom)
    if year is not None:
        day = make_date(year, month, dom)
        return dated(day, "day") if day else None
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{month:02d}-{dom:02d}")
    year = resolve.nearest_year(ctx.dct, month, dom, ctx.direction(c))
    day = make_date(year, month, dom)
    return dated(day, "day") if day else None


def quarter_number(word: str) -> int | None:
    if key(word) in ("final", "last"):
        return 4
    found = ordinal(word)
    return found if found and 1 <= found <= 4 else None


def relative_year(ctx: Context, relation: str | None) -> int | None:
    if ctx.dct is None:
        return None
    return ctx.dct.year + {"last": -1, "next": 1}.get(key(relation or ""), 0)


def reported(quarter: date, dct: date | None) -> bool:
    """Whether a quarter is over by the creation date, so results can be reported on it: a report's
    "the latest quarter" or "a year ago" compares with such a quarter, not with one still under way
    ("a fourth-quarter charge" announced in November)."""
    return dct is None or quarter <= resolve.shift(dct, "quarter", -1)


def reported_anchor(ctx: "Context") -> date | None:
    """The quarter a report is about, for "the latest quarter", "the 1989 period": the first finished quarter
    the text names (its lead), once the text talks of quarters; later ones ("after a flat second quarter")
    are asides."""
    if ctx.anchor and ctx.anchor[1] == "quarter" and ctx.first_quarter:
        return ctx.first_quarter
    return None


def quarter_result(year: int | None, quarter: int) -> Result:
    if year is None:
        return Result("DATE", None)
    return dated(date(year, 3 * quarter - 2, 1), "quarter")


def unit_of(word: str):
    units = lexicon().units
    word_key = key(word)
    if word_key in units:
        return units[word_key]
    for singular, unit in units.items():
        if word_key in (singular + "s", singular[:-1] + "ies", singular[:-2] + "a"):
            return unit
    return None


def duration_value(amount: float | str, code: str, decimal: bool = False) -> str:
    """ISO 8601 duration: "P3D", "PT2H", "PXY"; units with a multiplier ("10Y" a decade) are scaled.
    A fraction written as a decimal ("2.5 years", `decimal`) stays one (ISO 8601 allows it in the
    smallest unit): P2.5Y; one written in words or as a fraction ("two and a half years") is P2Y6M."""
    time_unit = code.startswith("T")
    code = code.removeprefix("T")
    digits = re.match(r"\d*", code).group()
    if digits and amount != "X":
        amount = float(amount) * int(digits)
    code = code[len(digits):]
    smaller = (_SMALLER_TIME if time_unit else _SMALLER_DATE).get(code)
    if amount != "X" and float(amount) != int(float(amount)) and smaller and not decimal:
        # "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M: ISO 8601 wants whole units
        unit, factor = smaller
        whole = int(float(amount))
        rest = round((float(amount) - whole) * factor)
        if code == "W":  # weeks do not mix with other units: count days
            return f"P{round(float(amount) * 7)}D"
        head = f"{whole}{code}" if whole else ""
        if time_unit:
            return f"PT{head}{rest}{unit}"
        return f"P{head}{'T' if code == 'D' else ''}{rest}{unit}"
    return f"P{'T' if time_unit else ''}{amount_text(amount)}{code}"


# The next smaller unit and how many of it make one: years to months, days to hours ...
_SMALLER_DATE = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)}
_SMALLER_TIME = {"H": ("M", 60), "M": ("S", 60)}


def spoken_year(words: str) -> int | None:
    """A year said in words: "nineteen ninety-four" is 1994."""
    numbers = lexicon().numbers
    parts = key(words).replace("-", " ").split()
    if len(parts) < 2 or any(part not in numbers or numbers[part] == "X" for part in parts):
        return None
    return int(numbers[parts[0]]) * 100 + sum(int(numbers[part]) for part in parts[1:])


def in_utc(zone: str | None) -> bool:
    """Whether a clock's zone is UTC ("GMT", "Z", "Greenwich Mean Time"): ISO 8601 marks the time with Z."""
    words = " ".join((zone or "").upper().split())
    return words in ("GMT", "UTC", "Z", "GREENWICH MEAN TIME", "UNIVERSAL TIME", "COORDINATED UNIVERSAL TIME")
