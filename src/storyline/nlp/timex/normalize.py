"""Normalization: a detected candidate becomes a TIMEX3 (type, value).

One function per detection rule, registered by name: absolute expressions in `dates.py`,
expressions relative to the creation date in `relative.py`, durations, sets and vague
references in `durations.py`. Relative expressions resolve against the creation date
(`Context.dct`); with no date they get value None. Anaphoric ones ("a year earlier",
"the quarter") resolve against the last date the text mentioned.
"""
from __future__ import annotations

from storyline.nlp.timex import dates, durations, relative  # noqa: F401  (register the rules)
from storyline.nlp.timex.base import HANDLERS, Context, Result, quoted_title
from storyline.nlp.timex.patterns import Candidate

__all__ = ["Context", "Result", "normalize"]


def normalize(candidate: Candidate, context: Context) -> Result | None:
    """The TIMEX3 of a candidate, or None when the candidate turns out not to be a time expression."""
    if quoted_title(candidate, context):
        return None
    return HANDLERS[candidate.rule](candidate, context)
