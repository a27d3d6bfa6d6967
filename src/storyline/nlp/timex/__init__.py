"""Time expressions: find them in text and normalize them to TIMEX3 (type, value).

`tag_times(text, dct)` is the plain functional core (no spaCy needed);
`component.py` wraps it as the `storyline_times` pipeline component.
"""
from __future__ import annotations

from datetime import date

from storyline.record import TimeExpression


def tag_times(text: str, dct: date | None, doc=None) -> list[TimeExpression]:
    """Every temporal expression in `text`, normalized against the creation date `dct`.

    With `dct` None, relative expressions get value None (never today's clock).
    `doc`, when given, is the spaCy Doc of `text`, used for the tense of the governing verb.
    """
    return []  # placeholder until the tagger lands (issue 4)
