"""Durations ("three days"), frequencies (SET: "daily", "every Monday") and vague references ("now")."""
from __future__ import annotations

import re

from storyline.nlp.timex.base import (
    Context, Result, duration_value, handles, inside_name, key, number, unit_of,
)
from storyline.nlp.timex.lexicon import lexicon
from storyline.nlp.timex.patterns import Candidate


_FREQUENCY_BEFORE = re.compile(r"(?:\d%?|percent|cents?|dollars?|times|twice|once|thrice|\$[\d.,]+(?:\s+(?:million|billion))?)\s*$", re.I)
# A rate: a counted plural before "a day", "a year" makes it a frequency ("20 hours a day",
# "ten jets a month", "seven days a week"); a four-digit year is not a count ("in 2007 a year").
_RATE_BEFORE = re.compile(
    r"(?<![\w.,$])(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?(?!\d)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|hundreds?|thousands?|dozens?)"
    r"(?:\s+(?:million|billion|thousand|hundred))?(?:\s+[a-z-]+)?\s+[a-z]+s\s*$", re.I)


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|to|'ll)\s+$", re.I)


@handles("duration")
def _duration(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    unit = unit_of(g["unit"])
    amount = "X" if g.get("low") else number(g["num"])  # "two to three weeks": a vague count ("a month or two": P1M, as TimeBank)
    if unit is None or amount is None:
        return None
    spoken = key(g["num"])
    if spoken in ("a", "an") and key(g["unit"]) not in lexicon().units:
        amount = "X"  # "a decades-long battle": the article goes with the noun, the span is vague
    if spoken in ("a", "an") and unit.code in ("TS", "Q"):
        return None  # "a second time", "a quarter of the votes"
    if unit.code == "Q" and re.match(r"-quarters\s+of\s+(?!\d|the\s+year|this\s+year|last\s+year)", ctx.text[c.match.end("num"):c.end + 24]):
        return None  # "three-quarters of its food": a fraction
    if spoken in ("a", "an", "one") and c.start == c.match.start("num") and (
            _FREQUENCY_BEFORE.search(ctx.text[max(0, c.start - 24):c.start])
            or spoken != "one" and _RATE_BEFORE.search(ctx.text[max(0, c.start - 48):c.start])):
        return Result("SET", duration_value(1.0, unit.code))  # "$5 a year", "twice a day"
    if key(c.match.group(0)) == "one day" and _MODAL_BEFORE.search(ctx.text, max(0, c.start - 12), c.start):
        return Result("DATE", "FUTURE_REF")  # "Islam will one day be ...": some day to come, not a day's span
    if re.search(r"\band[\s-]+a[\s-]+half\b", c.match.group(0), re.I) and amount != "X":
        amount += 0.5
    decimal = bool(re.fullmatch(r"\d+\.\d+", g["num"])) and not g.get("low")
    value = duration_value(amount, unit.code, decimal)
    return Result("DURATION", _with_finer(value, unit.code, g["finer"]) if g.get("finer") else value)


_FINER = re.compile(r"(?:\s+and)?\s+(?P<num>.+?)[\s-]+(?P<unit>\S+)$", re.I)
_ORDER = ("Y", "M", "W", "D", "TH", "TM", "TS")  # units from coarse to fine


def _with_finer(value: str, code: str, finer: str) -> str:
    """"1 hour 30 minutes" is PT1H30M, "two years and three months" P2Y3M, "two weeks and three days" P17D;
    a second count that is not of a finer unit adds nothing."""
    parts = _FINER.match(finer)
    amount, unit = (number(parts.group("num")), unit_of(parts.group("unit"))) if parts else (None, None)
    if amount in (None, "X") or unit is None or code not in _ORDER or unit.code not in _ORDER \
            or _ORDER.index(unit.code) <= _ORDER.index(code) or float(amount) != int(amount):
        return value
    first = re.fullmatch(r"PT?(\d+)[A-Z]", value)
    if first is None:
        return value
    counted = [(int(first.group(1)), code), (int(amount), unit.code)]
    if code == "W":  # ISO 8601 does not mix weeks with other units
        return f"P{counted[0][0] * 7 + counted[1][0]}D"
    date_part = "".join(f"{n}{c}" for n, c in counted if not c.startswith("T"))
    time_part = "".join(f"{n}{c[1:]}" for n, c in counted if c.startswith("T"))
    return "P" + date_part + ("T" + time_part if time_part else "")


@handles("another_unit")
def _another_unit(c: Candidate, ctx: Context) -> Result | None:
    unit = unit_of(c.match.group("unit"))
    if unit is None or unit.code in ("TS", "Q"):
        return None  # "another second", "another quarter of the votes"
    return Result("DURATION", duration_value(1.0, unit.code))


@handles("half_unit")
def _half_unit(c: Candidate, ctx: Context) -> Result | None:
    unit = unit_of(c.match.group("unit"))
    if unit is None or unit.code in ("TS", "Q"):
        return None
    return Result("DURATION", duration_value(0.5, unit.code))


@handles("long_unit")
def _long_unit(c: Candidate, ctx: Context) -> Result | None:
    """"day-long" is one day, "decades-long" some decades."""
    word = key(c.match.group("unit"))
    unit = unit_of(word)
    if unit is None:
        return None
    return Result("DURATION", duration_value(1.0 if word in lexicon().units else "X", unit.code))


@handles("vague_duration")
def _vague_duration(c: Candidate, ctx: Context) -> Result | None:
    # A vague count of units is a span ("the past few weeks" PXW, "the coming years" PXY, "recent months"),
    # as the TIMEX3 guidelines and TimeBank + AQUAINT mostly have it (13 to 8); "recent years" and "past
    # years" stay a vague past reference, as TimeBank has them (5 to 1).
    text = c.match.group(0).lower()
    if c.match.group("bare"):
        unit = unit_of(c.match.group("bare"))
        return Result("DURATION", duration_value("X", unit.code)) if unit else None
    if re.match(r"(?:past|future)\s", text):  # "past years", "future quarters"
        return Result("DATE", "PAST_REF" if text.startswith("past") else "FUTURE_REF")
    if text.startswith("recent") and text.endswith(("years", "decades")):
        return Result("DATE", "PAST_REF")
    unit = unit_of(c.match.group("unit"))
    return Result("DURATION", duration_value("X", unit.code)) if unit else None


@handles("frequency")
def _frequency(c: Candidate, ctx: Context) -> Result | None:
    """"twice a year": a SET whose value is the unit counted in (TimeML puts the count in freq)."""
    unit = unit_of(c.match.group("unit"))
    return None if unit is None else Result("SET", duration_value(1.0, unit.code))


@handles("per_unit")
def _per_unit(c: Candidate, ctx: Context) -> Result | None:
    g = c.match.groupdict()
    if g.get("freq"):
        if inside_name(c, ctx):
            return None
        return Result("SET", lexicon().sets[key(g["freq"])])
    unit = unit_of(g["unit"])
    if unit is None:
        return None
    if g.get("num"):  # "every two years"
        amount = number(g["num"])
        return Result("SET", duration_value(amount, unit.code)) if amount not in (None, "X") else None
    if key(g["unit"]) not in lexicon().units:
        return None  # "every years": not English, not a time
    return Result("SET", duration_value(2.0 if g.get("other") else 1.0, unit.code))


_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’]*\s+|\n\s*)$")
_SOON_LINKS = re.compile(r"\s+(?:after|as|before|afterwards?|thereafter|enough)\b", re.I)


@handles("reference")
def _reference(c: Candidate, ctx: Context) -> Result | None:
    phrase = key(c.match.group(0))
    if phrase == "soon" and (_SOON_LINKS.match(ctx.text, c.end) or re.search(r"\bas\s+$", ctx.text[max(0, c.start - 4):c.start], re.I)
                             or ctx.direction(c) == "past"):
        return None  # "soon after", "as soon as", "was soon released": a link between events, no reference to now
    if phrase == "now" and ctx.text.startswith(",", c.end) and _SENTENCE_START.search(ctx.text, max(0, c.start - 6), c.start):
        return None  # "Now, following asset sales, ...": a discourse marker opening a sentence, not a time
    value = lexicon().references.get(phrase)
    if value is None:
        value = "FUTURE_REF" if "future" in phrase else None
    if value and value.startswith("PX"):  # "the weeks ahead": a vague span (PXW)
        return Result("DURATION", value)
    return Result("DATE", value) if value else None
