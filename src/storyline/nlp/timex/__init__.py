"""Time expressions: find them in text and normalize them to TIMEX3 (type, value).

`tag_times(text, dct)` is the plain functional core (no spaCy needed);
`component.py` wraps it as the `storyline_times` pipeline component.
Detection is `patterns.py` (one compiled regex pass), values come from
`normalize.py` (calendar arithmetic in `resolve.py`, tense context in `tense.py`).
"""
from __future__ import annotations

from datetime import date

from storyline.record import TimeExpression


def tag_times(text: str, dct: date | None, doc=None) -> list[TimeExpression]:
    """Every temporal expression in `text`, normalized against the creation date `dct`.

    With `dct` None, relative expressions get value None (never today's clock).
    `doc`, when given, is the spaCy Doc of `text`, used for the tense of the governing verb.
    """
    from storyline.nlp.timex.normalize import Context, normalize
    from storyline.nlp.timex.patterns import scan

    context = Context(text=text, dct=dct, doc=doc)
    times: list[TimeExpression] = []
    for candidate in scan(text):
        result = normalize(candidate, context)
        if result is None:
            continue
        if result.anchor is not None:
            context.anchor = result.anchor
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
