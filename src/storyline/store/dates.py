"""Calendar dates for ordering and filtering: a TIMEX3 value as the first and last day it can mean.

A statement dated "in October" is stored with the first day (for ordering) and its TIMEX3 value;
filters read it as the whole month (`period_end`, `PERIOD_END_SQL`) and readers see "2016-10"
(`period_label`), never "2016-10-01".
"""
from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

_YMD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_SEASON_OR_HALF = re.compile(r"^(\d{4})-(?:SP|SU|FA|WI|H[12])$")


def calendar_date(value: str | None) -> str | None:
    """YYYY-MM-DD of the start of a TIMEX3 date value, or None when it names no calendar date.

    "2021-03-10", "2021-03-10T14:00" -> 2021-03-10; "2021-03" -> 2021-03-01; "2021" -> 2021-01-01;
    "2021-W10" -> that ISO week's Monday; "2021-Q2" -> 2021-04-01; "PRESENT_REF", "P3D", "XXXX-03" -> None.
    """
    if not value:
        return None
    try:
        if m := _WEEK.match(value):
            return date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
        if m := _QUARTER.match(value):
            return date(int(m[1]), 3 * int(m[2]) - 2, 1).isoformat()
        if m := _SEASON_OR_HALF.match(value):
            return date(int(m[1]), 1, 1).isoformat()
        if m := _YMD.match(value):
            return date(int(m[1]), int(m[2] or 1), int(m[3] or 1)).isoformat()
    except ValueError:  # e.g. month 13 from a bad normalization
        return None
    return None


def day(value: str | None) -> str | None:
    """A user- or reader-given date (YYYY-MM-DD or ISO datetime) as YYYY-MM-DD; None when absent.

    Partial dates are accepted as their first day ("2021-03" -> 2021-03-01), so `--since 2021` works.
    """
    if not value:
        return None
    result = calendar_date(value.strip())
    if result is None:
        raise ValueError(f"not a date (expected YYYY-MM-DD): {value!r}")
    return result


def period_end(value: str | None) -> str | None:
    """YYYY-MM-DD of the last day of a TIMEX3 date value (the first day for a day): "2021-03" -> 2021-03-31,
    "2021" -> 2021-12-31, "2021-W10" -> its Sunday, "2021-Q1" -> 2021-03-31; seasons and halves as their year."""
    first = calendar_date(value)
    if first is None or value is None:
        return None
    start = date.fromisoformat(first)
    if _WEEK.match(value):
        return (start + timedelta(days=6)).isoformat()
    if _QUARTER.match(value):
        month = start.month + 2
        return date(start.year, month, monthrange(start.year, month)[1]).isoformat()
    m = _YMD.match(value)
    if _SEASON_OR_HALF.match(value) or (m and not m[2]):
        return date(start.year, 12, 31).isoformat()
    if m and not m[3]:
        return date(start.year, start.month, monthrange(start.year, start.month)[1]).isoformat()
    return first


def period_end_sql(first: str, value: str) -> str:
    """SQL for `period_end` of the TIMEX3 value in column `value` whose first day is in column `first`
    (the first day itself when `value` is NULL: a date from the publication date is a day)."""
    return (
        f"CASE WHEN {value} IS NULL THEN {first}"
        f" WHEN {value} GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]*' THEN date({first}, '+6 days')"
        f" WHEN {value} GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]*' THEN date({first}, '+3 months', '-1 day')"
        f" WHEN {value} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN {first}"
        f" WHEN {value} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR {value} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]T*'"
        f" THEN date({first}, '+1 month', '-1 day')"
        f" ELSE substr({first}, 1, 4) || '-12-31' END"
    )


def period_label(first: str | None, value: str | None) -> str | None:
    """How a date is shown: the day, or the month, year, week or quarter the text named ("2016-10", "1963")."""
    if first is None or value is None or period_end(value) in (None, first):
        return first
    m = _YMD.match(value)
    if m and not m[3]:
        return first[:7] if m[2] else first[:4]
    return value


def day_end(value: str | None) -> str | None:
    """A user-given date as the last day it covers: "2021-03" -> 2021-03-31, "2021" -> 2021-12-31 (for `until`)."""
    first = day(value)
    return period_end(value.strip()) if first and value else first
