"""Time expressions: find them in text and normalize them to TIMEX3 (type, value).

`tag_times(text, dct)` is the plain functional core (no spaCy needed);
`component.py` wraps it as the `storyline_times` pipeline component.
Detection is `patterns.py` (one compiled regex pass near trigger words, word lists
from `storyline/data/timex` via `lexicon.py`); values come from `normalize.py` (rules in
`dates.py`, `relative.py`, `durations.py`; calendar arithmetic in `resolve.py`; the
tense that places a bare weekday or month in `tense.py`).
"""
from __future__ import annotations

import re
from datetime import date, datetime

from storyline.nlp.timex.base import reported
from storyline.nlp.timex.normalize import Context, normalize
from storyline.nlp.timex.patterns import scan
from storyline.record import TimeExpression

_ENDED = re.compile(r"\s+end(?:ed|ing)\s+[A-Z]")  # "the fourth quarter ended Sept. 30": a quarter reported on
_QUARTER_RULES = {"quarter", "month_quarter", "quarter_abbreviation", "quarter_of", "year_quarter", "relative_quarter"}  # quarters the text names


def tag_times(text: str, dct: date | datetime | str | None, doc=None) -> list[TimeExpression]:
    """Every temporal expression in `text`, normalized against the creation date `dct`.

    With `dct` None, relative expressions get value None (never today's clock).
    `doc`, when given, is the spaCy Doc of `text`, used for the tense of the governing verb.
    """
    if isinstance(dct, datetime):  # a timestamp: its calendar day anchors the text
        dct = dct.date()
    elif isinstance(dct, str):
        dct = date.fromisoformat(dct.strip()[:10]) if dct.strip() else None
    context = Context(text=text, dct=dct, doc=doc)
    times: list[TimeExpression] = []
    for candidate in scan(text):
        result = normalize(candidate, context)
        if result is None:
            continue
        if result.anchor is not None:
            context.anchor, context.anchor_end = result.anchor, candidate.end
        if candidate.rule in _QUARTER_RULES and result.value and re.fullmatch(r"\d{4}-Q[1-4]", result.value):
            year, quarter = int(result.value[:4]), int(result.value[-1])
            # A quarter still under way counts as reported on when the text says it ended, or speaks of
            # it in the past ("reported a decline in fourth-quarter earnings": a fiscal quarter).
            if reported(date(year, 3 * quarter - 2, 1), dct) or _ENDED.match(text, candidate.end) \
                    or context.direction(candidate) == "past":
                context.last_quarter = (date(year, 3 * quarter - 2, 1), candidate.end)
                context.first_quarter = context.first_quarter or context.last_quarter[0]
        times.append(
            TimeExpression(
                id=f"t{len(times) + 1}",
                start=candidate.start,
                end=candidate.end,
                text=text[candidate.start:candidate.end],
                type=result.type,  # type: ignore[arg-type]
                value=result.value,
            )
        )
    return times
