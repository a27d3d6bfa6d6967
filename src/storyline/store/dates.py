"""Calendar dates for ordering: a TIMEX3 value reduced to the first day it can mean."""
from __future__ import annotations

import re
from datetime import date

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
