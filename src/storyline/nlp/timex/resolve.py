"""Calendar arithmetic and TIMEX3 value formatting (no text handling here)."""
from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from typing import Literal

Direction = Literal["past", "future"] | None

GRANULARITIES = ("day", "week", "month", "quarter", "year", "decade", "century", "millennium")


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def shift(day: date, granularity: str, amount: int) -> date:
    """`day` moved by `amount` units of `granularity` (negative is back in time)."""
    if granularity == "day":
        return day + timedelta(days=amount)
    if granularity == "week":
        return day + timedelta(weeks=amount)
    if granularity == "month":
        return add_months(day, amount)
    if granularity == "quarter":
        return add_months(day, 3 * amount)
    if granularity == "year":
        return add_months(day, 12 * amount)
    if granularity == "decade":
        return add_months(day, 120 * amount)
    if granularity == "century":
        return add_months(day, 1200 * amount)
    return add_months(day, 12000 * amount)


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def year_before_quarter(quarter: date, dct: date | None) -> date:
    """The quarter a year before the one being reported on ("year-ago", "a year earlier").

    A quarter the text named that already lies before the last complete one is taken to be
    that comparison quarter itself: it is not pushed back a second year.
    """
    if dct is None:
        return shift(quarter, "year", -1)
    latest = shift(dct, "quarter", -1)
    if quarter.year < latest.year:
        return quarter
    return date(min(quarter.year, latest.year) - 1, quarter.month, 1)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def format_date(day: date, granularity: str) -> str:
    """The TIMEX3 value of the `granularity`-sized period containing `day`."""
    if granularity in ("day", "hour", "minute", "second"):
        return day.isoformat()
    if granularity == "week":
        return iso_week(day)
    if granularity == "weekend":
        return iso_week(day) + "-WE"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year // 1000:01d}"


def weekday_date(anchor: date, weekday: int, direction: Direction) -> date:
    """The named weekday nearest `anchor`: the last one in the past, the next one in the future.

    The anchor's own weekday is the anchor day itself either way (news names today by its weekday).
    """
    difference = weekday - anchor.isoweekday()
    if direction == "future":
        return anchor + timedelta(days=difference % 7)
    return anchor - timedelta(days=(-difference) % 7)


def month_year(anchor: date, month: int, direction: Direction) -> int:
    """The year of a month named without one ("in March")."""
    # Otherwise tense decides. Without tense, news speaks of the past more than the future: a month
    # well ahead is last year's, and only one far behind (January said in November) next year's.
    difference = month - anchor.month
    if direction == "past" and difference > 0:
        return anchor.year - 1  # told in the past tense, a month still to come this year is last year's
    if abs(difference) <= 2:  # a month this close is this year's whatever the (error-prone) future tense says
        return anchor.year
    if direction == "past":
        return anchor.year - 1 if difference > 0 else anchor.year
    if direction == "future":
        return anchor.year + 1 if difference < 0 else anchor.year
    if difference > 3:
        return anchor.year - 1
    if difference < -8:
        return anchor.year + 1
    return anchor.year


def nearest_year(anchor: date, month: int, day: int, direction: Direction) -> int:
    """The year of a day named without one ("March 9"): tense decides, else the date nearest the anchor."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return anchor.year
    nearest = min(candidates, key=lambda c: abs((c - anchor).days))
    # Tense overrides the nearest date only when it contradicts it (a past event "on Nov. 20" said on Jan. 5;
    # "will take effect on January 1" said on March 6 is next year's, however far).
    if direction == "past" and nearest > anchor:
        past = [c for c in candidates if c <= anchor]
        if past and (anchor - max(past)).days < 300:
            return max(past).year
    if direction == "future" and nearest < anchor - timedelta(days=7):
        future = [c for c in candidates if c >= anchor]
        if future and (min(future) - anchor).days <= 366:
            return min(future).year
    return nearest.year


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> date:
    """A holiday from its rule: "MM-DD", "easter+N", "MM/W/N" (the Nth ISO weekday W of month MM; -1 the last)
    or "MM-DD+W" (the first ISO weekday W on or after MM-DD)."""
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:]))
    if "+" in rule:  # "MM-DD+W": the first ISO weekday W on or after MM-DD
        start, weekday = rule.split("+")
        month, day = (int(x) for x in start.split("-"))
        first = date(year, month, day)
        return first + timedelta(days=(int(weekday) - first.isoweekday()) % 7)
    if "/" in rule:
        month, weekday, nth = (int(x) for x in rule.split("/"))
        if nth > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
        last = date(year, month, monthrange(year, month)[1])
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    month, day = (int(x) for x in rule.split("-"))
    return date(year, month, day)


def season_year(anchor: date, season: str, relation: str | None) -> int:
    """The year of "last fall", "this summer", "next spring": seasons start in months 3/6/9/12."""
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    if relation == "last":
        return anchor.year if anchor.month >= start + 3 else anchor.year - 1
    if relation == "next":
        return anchor.year if anchor.month < start else anchor.year + 1
    return anchor.year
