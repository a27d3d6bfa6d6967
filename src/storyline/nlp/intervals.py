"""Lookups over character ranges that cost a bisection, not a pass over every range.

The components relate statements, quotes, mentions and times by their offsets; comparing every
one with every other makes analysis time grow with the square of the text's length (a long
transcript or a repeated paragraph took minutes). These index the ranges once per Doc.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import accumulate
from typing import Any


def _first(item: Any) -> int:
    return item[0]


def _second(item: Any) -> int:
    return item[1]


class SortedRanges:
    """Items with a start and an end, sorted by start (stably), with the furthest end so far."""

    def __init__(self, items: Iterable, start: Callable[[Any], int] = _first, end: Callable[[Any], int] = _second) -> None:
        self.items = sorted(items, key=start)
        self._starts = [start(item) for item in self.items]
        self._reach = list(accumulate((end(item) for item in self.items), max))

    def near(self, start: int, end: int) -> list:
        """The items that may overlap start..end, give or take 2 characters, in order: a superset, so
        callers still test their own condition (an item ending before, or starting after, is left out)."""
        return self.items[bisect_right(self._reach, start - 2) : bisect_left(self._starts, end + 2)]

    def covers(self, offset: int) -> bool:
        """Whether some item has start <= offset < end."""
        before = bisect_right(self._starts, offset)
        return before > 0 and self._reach[before - 1] > offset


@lru_cache(maxsize=4)
def _line_breaks(text: str) -> list[int]:
    return [match.start() for match in re.finditer("\n", text)]


def line_number(text: str, offset: int) -> int:
    """The number of line breaks before `offset` (text.count("\\n", 0, offset), without the count)."""
    return bisect_left(_line_breaks(text), offset)
