"""Detection: one compiled regular expression that finds every candidate time expression.

Each rule is a named regex built from the word lists; all rules are joined into one
alternation (tried in order at each word start, so longer, more specific rules come
first) and the text is scanned once. A match is re-read with its own rule's regex to
get the named parts (month, day, unit ...) that normalization needs.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from storyline.nlp.timex.lexicon import Lexicon, lexicon


def _alternation(words: list[str]) -> str:
    """Any of the words, as a prefix tree (a quarter faster to scan than a flat alternation);
    spaces match any run of whitespace, and the longest word wins ("sept" over "sep")."""
    return "(?:" + _trie(sorted(set(words))) + ")"


def _trie(words: list[str]) -> str:
    """An alternation factored by common prefixes, so the engine tests each letter once."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + emit(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        if optional:
            body = body + "?" if body.startswith("(?:") else "(?:" + body + ")?"
        return body

    return emit(tree)


def _cased(words: list[str]) -> str:
    """Capitalized or upper-case forms only (so "may" and "march" the verbs do not match)."""
    forms = [w.capitalize() for w in words] + [w.upper() for w in words]
    return "(?-i:" + _alternation(forms) + ")"


_LOWER_IN_NAMES = {"of", "de", "the", "and"}


def _titled(words: list[str]) -> str:
    """Each word capitalized but the small ones ("Thanksgiving Day", "Fourth of July"), matched
    case-sensitively; an apostrophe may be typeset curly ("New Year’s Eve")."""
    forms = [" ".join(part if part in _LOWER_IN_NAMES else part[:1].upper() + part[1:] for part in w.split(" ")) for w in words]
    forms += [form.replace("'", "’") for form in forms if "'" in form]
    return "(?-i:" + _alternation(forms) + ")"


def _plural(word: str) -> str:
    if word.endswith("y") and word not in ("day",):
        return word[:-1] + "ies"
    if word.endswith("um"):
        return word[:-2] + "a"
    return word + "s"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]


def _full_month_names(lex: Lexicon) -> list[str]:
    return [m for m in lex.months if len(m) > 4 or m in ("may", "june", "july")]


def _rules(lex: Lexicon) -> list[tuple[str, str]]:
    full_months = _full_month_names(lex)
    abbreviations = [m for m in lex.months if m not in full_months]
    month = "(?:" + _cased(full_months) + "|" + _cased(abbreviations) + r"\.?)"
    month_free = "(?:" + _cased([m for m in full_months if m != "may"]) + "|" + _cased(abbreviations) + r"\.)"
    weekday = _cased([w for w in lex.weekdays if len(w) > 4])
    # "Wed." and "Tue" name a day only before a date ("Wed., Nov. 20"): alone they are too often other words
    weekday_dated = "(?:" + weekday + "|" + _cased([w for w in lex.weekdays if len(w) <= 4]) + r"\.?)"
    weekdays_plural = _cased([w + "s" for w in lex.weekdays if len(w) > 4])
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    # a day of the month in words ("March eighth", "the fifth of March"): ordinals up to 31 only
    day_in_words = _alternation([w for w, n in lex.ordinals.items() if n <= 31]) + r"(?![\w-])"
    hour_words = _alternation([w for w, v in lex.numbers.items() if v.isdigit() and 1 <= int(v) <= 12 and w not in ("a", "an")])
    year = r"(?:1[5-9]\d\d|20\d\d)(?![\d%])"
    part = _alternation([p for p, code in lex.parts_of_day.items() if not code.startswith("T")])
    clock_word = _alternation([p for p, code in lex.parts_of_day.items() if code.startswith("T")])
    season = _alternation(list(lex.seasons))
    units = _alternation(list(lex.units) + [_plural(u) for u in lex.units])
    unit_singular = _alternation(list(lex.units))
    calendar_unit = "(?:week|weekend|month|quarter|year|decade|century|(?:fiscal|financial)\\s+year|summer|spring|fall|autumn|winter)"
    vague_units = "(?:years|months|quarters|decades|centuries|weeks|days|hours|minutes)"
    small = [w for w, v in lex.numbers.items() if v.isdigit() and 1 <= int(v) < 20 and w not in ("a", "an")]
    tens = [w for w, v in lex.numbers.items() if v.isdigit() and int(v) % 10 == 0 and 20 <= int(v) < 100]
    other_numbers = [w for w in lex.numbers if w not in small and w not in tens]
    multiplier = r"(?:hundred|thousand)(?!\w)"
    count = (
        r"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?"
        f"|(?:{_alternation(tens)}(?:[\\s-]+{_alternation(small)})?|{_alternation(small)}|a)\\s+{multiplier}"
        f"|{_alternation(tens)}(?:[\\s-]+{_alternation(small)}(?!\\w))?"
        f"|{_alternation(small + ['a', 'an', 'a couple of', 'a dozen'])}(?!\\w))"
    )
    number = (
        r"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?"
        # "two hundred", "twenty-five thousand": a count of hundreds or thousands
        f"|(?:{_alternation(tens)}(?:[\\s-]+{_alternation(small)})?|{_alternation(small)})\\s+{multiplier}"
        f"|{_alternation(tens)}(?:[\\s-]+{_alternation(small)}(?!\\w))?"
        f"|{_alternation(small)}(?!\\w)"
        f"|{_alternation(other_numbers)}(?!\\w))"
    )
    ordinal = _alternation(list(lex.ordinals))
    # Quantifiers TimeBank keeps inside the expression ("about", "only", "over" stay outside).
    approx = r"(?:(?:around|about|almost|approximately|roughly|nearly|(?:no\s+)?more\s+than|(?:no\s+)?less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to)\s+)"
    # ("end-2009", "end-June": the end of a year or month written with a hyphen, as "mid-2009" is)
    edge = r"(?:(?:early|late|mid|earlier|later|end(?=-)|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)"
    relative = r"(?:last|this|next|this\s+past|this\s+coming|the\s+past|the\s+previous|the\s+coming|the\s+upcoming|the\s+current|the\s+following|the\s+last|the\s+next)"
    # (or a place's clock: "10 p.m. Cairo time", "09:06 UK time", only after a clock time)
    zone_name = r"(?-i:(?:(?:Pacific|Eastern|Central|Mountain|Atlantic)(?:\s+(?:Standard|Daylight))?|(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[A-Z][a-z]+|UK|US)\s+[Tt]ime(?![\w-]))"
    # zone abbreviations, upper case: US ("EST", "ET"), Europe ("BST", "CET", "CEST"), Asia ("JST", "HKT")
    # (or an offset from UTC, "UTC+8", "GMT-05:00": not UTC itself)
    zones = r"(?-i:(?:UTC|GMT)[+−-](?:1[0-4]|0?\d)(?::?[0-5]\d)?(?!\d)|[ECMPA][SD]?T|GMT|UTC|BST|CES?T|EES?T|WES?T|MSK|IST|JST|KST|HKT|SGT|AES[DT]|AWST)"
    utc_name = r"(?-i:Greenwich\s+Mean\s+Time|(?:Coordinated\s+)?Universal\s+Time)"  # UTC spelled out
    timezone = rf"(?:\s+(?P<zone>{zones}(?!\w)|{utc_name})|\s+local\s+time|\s+{zone_name})?"
    ampm = r"(?:a\.m\.?|p\.m\.?|am|pm)(?!\w)"
    holiday = _titled(list(lex.holidays))
    reference = _alternation(list(lex.references))
    frequency = _alternation(list(lex.sets))
    # "last" the adjective; after an auxiliary or "to" it is the verb ("will last six weeks")
    # (the word first, then the look back, so the look back runs only where "last" is)
    last = "last" + "".join(rf"(?<!\b{aux}\slast)" for aux in ("will", "would", "could", "can", "may", "might", "should", "must", "to", "did", "does", "do", "not", "'ll"))
    after_preposition = "(?:" + "|".join(rf"(?<=\b{p}\sthe)" for p in ("on", "by", "since", "until", "till", "from", "before", "after")) + ")"
    after_a_preposition = "(?:" + "|".join(rf"(?<=\b{p}\s)" for p in ("in", "by", "during", "until", "since", "before", "after", "over", "through")) + ")"
    spoken_units = _alternation(small)
    spoken_tens = _alternation(tens)
    the_nth = r"(?:the\s+(?=\w+\s+of\s))?"  # "the 5th of March", not "the 5 March"
    # (no comma: in "over the past two years, 30 days were lost" the counts are apart)
    finer_units = r"(?:months?|weeks?|days?|hours?|minutes?|seconds?)"
    finer = rf"(?P<finer>(?:\s+and)?\s+(?!an?\s){number}[\s-]+{finer_units}(?![\w-])(?!\s+(?:ago|earlier|later|before|after|old)\b))"
    spoken = rf"(?:nineteen|twenty)[\s-]+{spoken_tens}(?:[\s-]+{spoken_units}(?!\w))?"  # "nineteen ninety-four"
    # "back" counts back from the creation date as "ago" does ("two years back"), after a calendar unit only
    # ("finished 12 seconds back" is a gap in a race)
    back = r"back(?:(?<=(?:day|eek|nth|ear|ade)s\sback)|(?<=(?:day|eek|nth|ear|ade)\sback))"
    # "at 1400 hours" (after a preposition: "worked 1400 hours" is a span)
    military = "(?:" + "|".join(rf"(?<=\b{p}\s\d{{4}})" for p in ("at", "by", "until", "till", "from", "since", "before", "after", "around")) + ")"
    # the day a clock time falls on, written after it: "Friday", "tomorrow", "last night", "March 5, 2008", "5 March 2008"
    # (not a weekday that opens a date written day first: "09:06, Tuesday, 8 June 2010" keeps the date whole)
    clock_day = (rf"(?:(?P<weekday>{weekday})(?:,?\s+(?P<wmonth>{month})\s+(?P<wday>{day})|(?!,?\s+\d))"
                 rf"|(?P<dayword>this|last|tomorrow|yesterday)\s+(?P<daypart>morning|afternoon|evening|night)|(?P<dayword2>today|tomorrow|yesterday|tonight)"
                 rf"|(?P<month>{month})\s+(?P<day>{day})(?:,?\s+(?P<year>{year}))?|(?P<day2>{day})\s+(?P<month2>{month})(?:,?\s+(?P<year2>{year}))?)")

    return [
        # Clock stamps and numeric dates.
        ("timestamp", r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?:T|\s+)(?P<hour>\d\d):(?P<minute>\d\d)(?::\d\d)?"),
        ("iso_date", r"(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
        # Numeric dates in either order: month first as in the US ("3/9/2021"), day first where the
        # first number cannot be a month ("25/12/2007") or the separator is a dot ("25.12.2007");
        # year first with slashes ("2007/12/25").
        # (with hyphens too, "25-12-2007", a four-digit year only: "10-12-14" may be a score)
        ("slash_date", r"(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>\d{4}|\d\d)(?![\d/])|(?P<first2>[0-3]?\d)-(?P<second2>[0-3]?\d)-(?P<year2>(?:1[89]|20)\d\d)(?![\d-])"),
        ("dotted_date", r"(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:1[89]|20)\d\d)(?![\d.]\d)"),
        ("year_slash_date", r"(?P<year>(?:1[89]|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?![\d/])"),
        # Clock times, optionally followed by the day they fall on.
        ("clock", rf"(?:around\s+)?(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>{ampm}){timezone}"
                  rf"(?:,?\s+(?:on\s+)?{clock_day})?"),
        ("clock_words", rf"(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s+(?:o'clock\s+)?in\s+the\s+(?P<part>morning|afternoon|evening|night)"),
        # "9 o'clock", "nine o'clock in the morning", "around ten o'clock at night"
        ("o_clock", rf"(?:around\s+)?(?P<hour>[01]?\d|{hour_words})\s+o['’]clock(?:\s+(?P<ampm>{ampm})|\s+in\s+the\s+(?P<part>morning|afternoon|evening|night)|\s+at\s+(?P<night>night))?(?:,?\s+(?:on\s+)?{clock_day})?"),
        # Clock times told as people say them: "half past nine", "a quarter to ten in the evening", "twenty
        # past six", "ten minutes to midnight" (minutes alone only as five, ten, twenty or twenty-five, else
        # with "minutes", and never before a counted noun: "5 to 10", "two to three weeks" are ranges)
        ("clock_phrase", rf"(?:around\s+|about\s+)?(?P<minutes>half|(?:a\s+)?quarter|(?:five|ten|twenty(?:[\s-]+five)?)(?:\s+minutes)?|(?:{spoken_tens}(?:[\s-]+{spoken_units})?|{spoken_units})\s+minutes|[0-5]?\d\s+minutes)"
                         rf"\s+(?P<dir>past|to)\s+(?P<hour>[01]?\d|{hour_words}|noon|midnight)(?![\w-])(?!\s*(?:%|percent|per\b|{units}(?!\w)|[a-z]+s\b))(?:\s+o['’]clock)?"
                         rf"(?:\s*(?P<ampm>{ampm})|\s+in\s+the\s+(?P<part>morning|afternoon|evening|night)|\s+at\s+(?P<night>night))?(?:,?\s+(?:on\s+)?{clock_day})?"),
        # A four-digit clock with its zone, as wire copy and armies write it: "0700 GMT", "1930 CDT", "0600 local time", "1400 hours".
        ("clock_zone", rf"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)(?:\s+(?P<zone2>{zones})(?![\w&])|\s*(?P<zone>(?-i:GMT|UTC|Z))(?!\w)|\s+local\s+time|{military}\s+hours(?![\w-]))"),
        # A clock written with a dot, as British papers date their pages, with its zone: "23.59 BST", "13.55 GMT"
        # (without a zone "14.30" is as often a decimal)
        ("clock_dotted", rf"(?P<hour>[01]?\d|2[0-3])\.(?P<minute>[0-5]\d)(?:\s+(?P<zone>{zones})(?!\w)|\s+local\s+time)"),
        ("clock24", rf"(?P<hour>[012]?\d):(?P<minute>[0-5]\d)(?::\d\d)?(?:\s*(?P<ampm>{ampm}))?"
                    rf"(?P<zone>\s+{zones}(?!\w)|\s+{utc_name}|\s+local\s+time|\s+{zone_name})?(?:,?\s+(?:on\s+)?{clock_day})?(?![:\d])"),
        # Calendar dates.
        # A quarter named by its last month, as companies name fiscal quarters: "the December quarter".
        ("month_quarter", rf"(?:the\s+)?(?P<month>{month})[\s-]+quarter(?![\w-])"),
        ("weekday_date", rf"(?P<weekday>{weekday_dated}),?\s+(?:(?P<month>{month})\s+(?P<day>{day}|{day_in_words})|(?:the\s+)?(?P<day2>{day})\s+(?:of\s+)?(?P<month2>{month}))(?:,?\s+(?P<year>{year}))?"),
        ("month_day_year", rf"(?P<week>the\s+week\s+of\s+)?(?P<month>{month})\s+(?P<day>{day}),?\s+(?:(?P<year>{year})|(?P<rel>this|last|next)\s+year(?![\w-]))"),
        # (or with hyphens, as some wire copy and forms write it: "15-Jul-2009")
        ("day_month_year", rf"{the_nth}(?P<day>{day}|{day_in_words})(?:\s+(?:of\s+)?(?P<month>{month}),?\s+|-(?P<month2>{month})-)(?:(?P<year>{year})|(?P<rel>this|last|next)\s+year(?![\w-]))"),
        ("month_day", rf"(?P<week>the\s+week\s+of\s+)?(?P<edge>{edge}|around\s+)?(?P<month>{month})\s+(?P<day>{day}(?![\d,]\d)(?!\s*(?:%|percent))|{day_in_words})"),
        ("day_month", rf"{the_nth}(?P<day>{day}|{day_in_words}(?=\s+of))\s+(?:of\s+)?(?P<month>{month})"),
        ("month_year", rf"(?P<edge>{edge})?(?P<month>{month})(?:\s+of)?,?\s+(?:(?P<year>{year})|(?P<rel>this|last|next)\s+year|(?P<spoken>{spoken}))"),
        ("month_set", rf"(?:every|each)\s+(?P<month>{month})(?![\w.]*\s+\d)"),
        ("relative_month", rf"(?P<edge>{edge})?(?P<rel>last|this|next|this\s+past|this\s+coming)\s+(?P<month>{month})(?!\.?\s+\d)"),
        ("month", rf"(?P<edge>{edge})(?P<month>{month})|(?P<month2>{month_free})|(?P<month3>{_cased(['may'])})"),
        # Quarters and halves.
        # The same time a year off, one expression: "this time last year", "the same period last year",
        # "the corresponding quarter a year ago".
        ("same_time", r"(?:this|the\s+same|the\s+corresponding|the\s+comparable)\s+(?P<what>time|period|quarter)\s+(?:(?P<rel>last|next)\s+year|a\s+year\s+(?:ago|earlier))(?![\w-])"),
        ("quarter_of", rf"(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?P<ord>{ordinal}|final|last|fourth)[\s-]+(?:fiscal\s+)?quarter\s+of\s+(?:(?:fiscal|calendar|financial)\s+(?:year\s+)?)?(?:(?P<year>{year})|(?P<rel>last|this|next)\s+year)"),
        ("year_quarter", rf"(?:the\s+)?(?:(?:fiscal\s+|FY\s*)?(?P<year>{year})|(?P<rel>last|this|next)\s+year)(?:'s)?\s+(?:fiscal\s+)?(?:(?P<ord>{ordinal})[\s-]+(?:fiscal\s+)?)?(?:quarter|period)"),
        ("quarter", rf"(?:the\s+(?=(?:fiscal\s+|calendar\s+)?(?:{ordinal}|final|last)\s))?(?:(?:fiscal|calendar)\s+)?(?P<ord>{ordinal}|final)[\s-]+(?:fiscal\s+)?quarter(?!\s+of\s+(?:the\s+)?(?:fiscal\s+|calendar\s+)?(?:\d{4}|'\d\d|year|last|this|next)\b)"),
        ("relative_quarter", r"(?:the\s+)?(?P<which>latest|last|previous|current|recent|most\s+recent|same|year-ago|year-earlier|comparable|next|coming)(?:[\s-]+(?:fiscal\s+)?)quarter|(?:the\s+)?(?P<which2>latest|same|comparable|year-ago|year-earlier)\s+period|(?P<the>the\s+quarter)(?![\w-])|(?P<rel>this|next|last)\s+quarter"),
        # "Q3", "Q3 2024", "2024 Q3": capital Q only ("q3" is rarely a quarter)
        ("quarter_abbreviation", rf"(?-i:Q(?P<q>[1-4]))(?:\s+(?:of\s+)?(?:FY\s*)?(?P<year>{year}))?|(?:FY\s*)?(?P<year2>{year})\s+(?-i:Q(?P<q2>[1-4]))"),
        ("half", rf"(?:the\s+)?(?P<ord>first|second|last)[\s-]+half(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year>{year})|(?P<rel>last|this|next|the)\s+(?:fiscal\s+)?year(?![\w-])))?"
                 # "H1 2008", "2008 H2", as reports write halves (capital H and a year only: "H1" alone is too often a name)
                 rf"|(?-i:H(?P<h>[12]))\s+(?:FY\s*)?(?P<year2>{year})|(?:FY\s*)?(?P<year3>{year})\s+(?-i:H(?P<h2>[12]))(?![\w-])"),
        # Years, decades, centuries ("2000 hours", "1500 years" are counts of units, not years).
        ("fiscal_year", rf"(?:fiscal|FY|financial(?=\s+year))\s*(?:year\s+)?(?P<year>{year})|fiscal\s+(?P<short>['’]\d\d)|(?-i:FY)\s*(?P<short2>['’]?\d\d)(?![\d/-])|(?:the\s+|its\s+)?(?P<year2>{year})\s+(?:fiscal|financial)\s+year(?![\w-])"),
        ("decade", rf"(?:the\s+)?(?P<edge>(?:early|mid|late)[\s-]+)?(?P<decade>(?:1[5-9]|20)\d)0'?s(?!\w)|(?:the\s+)?(?P<edge2>(?:early|mid|late)[\s-]+)?['’](?P<short>\d)0s|the\s+(?P<edge3>(?:early|mid|late)[\s-]+)?(?P<word>{_alternation(list(lex.decades))})"),
        ("century", rf"(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?(?P<ord>{ordinal}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century"),
        ("year", rf"(?P<edge>{edge}|the\s+year\s+)?(?:(?<=\d{{4}},\s)|(?<=(?-i:[a-z]{{3}})\.\s)|(?<![$#\d.,]\s))(?<![$#.,])(?P<year>{year})(?!\s*(?:%|percent|\.\d|,\d|-(?!(?:1[5-9]|20)?\d\d(?!\d))\d))(?![\s-]+{units}(?!\w))"),
        ("spoken_year", rf"(?:the\s+year\s+)?(?P<century>nineteen|twenty)[\s-]+(?P<tens>{spoken_tens})(?:[\s-]+(?P<units>{spoken_units}))?|the\s+year\s+two\s+thousand(?:\s+and\s+(?P<units2>{spoken_units}))?"),
        # Days around the creation date.
        ("day_word", rf"(?P<edge>(?:early|late|earlier|later|mid-afternoon|mid-morning)\s+)?(?:the\s+day\s+(?P<around>before\s+yesterday|after\s+tomorrow)|(?P<word>today|yesterday|tomorrow|tonight))(?:\s+(?P<part>{part}))?(?!\w)"),
        ("last_night", rf"(?:(?:early|late|earlier|later)\s+)?(?P<rel>last|this|tomorrow|yesterday)\s+(?P<part>{part})"),
        ("weekday_plural", rf"(?:every\s+|each\s+)?(?P<weekday>{weekday})(?:\s+(?P<part>{part})s)(?!\w)|(?:every\s+|each\s+)?(?P<weekday3>{weekdays_plural})|(?:every|each)\s+(?P<weekday2>{weekday})"
                           # the weekend, a morning or a season of every week, day or year: "on weekends", "every morning", "each summer"
                           rf"|(?:every\s+|each\s+)?(?P<weekends>weekends)(?![\w-])|(?:every|each)\s+(?:(?P<weekend>weekend)|(?P<part2>morning|afternoon|evening)|(?P<season>{season}))(?![\w-])"),
        ("weekday", rf"(?P<rel>(?:last|next|this|this\s+past|this\s+coming|early|late|earlier|later|the\s+following|the\s+previous)\s+)?(?P<weekday>{weekday})(?:\s+(?P<part>{part}))?(?![\w-])"),
        # (with the week or weekend it names: "Easter week", "Memorial Day weekend", one expression as TimeBank has it)
        ("holiday", rf"(?P<rel>(?:last|next|this)\s+)?(?P<holiday>{holiday})(?:\s+(?P<span>week|weekend)(?![\w-]))?(?:\s+(?P<year>{year}))?"),
        # Spans of time and points reached by counting.
        # (hours and minutes "later" count from no clock time: the span is the duration, as TimeBank has it)
        ("ago", rf"{approx}?(?P<num>{count})[\s-]+(?!(?:hours?|hrs?|minutes?|mins?|seconds?)(?:\s+or\s+so)?\s+(?:earlier|later|prior)(?!\w))(?P<unit>{units})(?P<finer>\s+and\s+(?!an?\s){number}\s+{finer_units})?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|prior|from\s+now|hence|{back})(?!\w)|(?P<vague>(?:a\s+few|several|many|some)\s+{units}|{vague_units})\s+(?:ago|{back})(?!\w)|(?:the\s+(?=(?:comparable\s+)?year[-\s](?:earlier|ago)\s+(?:{ordinal}\s+)?(?:period|quarter)))?(?:comparable\s+)?(?P<dir2>year-earlier|year-ago|year\s+earlier|year\s+ago)(?:\s+(?:(?P<ord2>{ordinal})\s+)?(?P<what>period|quarter)(?!\w))?(?!\w)"),
        # A day, week or month counted inside a named month or year: "the first week of March",
        # "the last day of 2008", "the final month of the year".
        ("unit_of", rf"the\s+(?P<ord>first|second|third|fourth|last|final)\s+(?P<unit>day|week|month)\s+of\s+(?:(?P<month>{month})(?:,?\s+(?P<year>{year}))?|(?P<year2>{year})|(?P<this>the|this|last|next)\s+year)(?![\w-])"),
        # A day counted in a run of days, not in a calendar unit: "his first day in office", "the second
        # day of the offensive" (a DATE whose day the text rarely gives).
        ("ordinal_day", rf"(?:the\s+)?(?P<ord>{day_in_words}|[0-3]?\d(?:st|nd|rd|th))\s+day(?![\w-])(?!\s+of\s+(?:{month}|{year}|the\s+(?:week|month|year)|this|last|next)\b)"),
        ("relative_unit", rf"(?P<edge>{edge})?(?P<rel>{relative})\s+(?P<unit>{calendar_unit})(?:\s+or\s+so)?(?!\w)"),
        ("the_weekend", r"the\s+weekend"),
        ("that_unit", r"(?P<edge>(?:earlier|later)\s+)?(?:that\s+(?:same\s+)?|the\s+same\s+)(?:(?P<unit>year|quarter|month|week|weekend|day)|(?P<part>morning|afternoon|evening|night))(?![\w-])"),
        # A day counted from the day the text last named: "the next morning", "the following day".
        ("next_day", rf"the\s+(?P<rel>next|following|previous|preceding)\s+(?:(?P<day>day)|(?P<part>{part}))(?![\w-])"),
        # The end or middle of the year as a point: "by year-end", "around year end", "by year's end", "by mid-year".
        ("year_end", r"(?:around\s+)?(?:(?-i:year)(?:[-\s]end|'s\s+end)|(?P<mid>mid-?year))(?![\w-])"),
        # The end of a range of years written short: the "83" of "1982-83", the "10" of "the 2009-10 season", "2012/13".
        ("year_range_end", r"(?=\d)(?:(?<=\d{4}-)|(?<=\d{4}–)|(?<=\d{4}/))(?P<short>\d\d)(?![\d/-])"),
        # The second of two days sharing a month: the "25" of "April 24 and 25".
        ("and_day", rf"(?=\d)(?:(?<=\d\sand\s)|(?<=\d\sto\s)|(?<=\d[-–]))(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\w%,.]?\d)"),
        # The first day of a range whose month comes after: the "2" of "2 to 5 March", "between 2 and 5 March".
        ("range_day", rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?=\s*(?:-|–|to|and)\s*[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{month})(?:,?\s+(?P<year>{year}))?)"),
        ("season", rf"(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?P<season>{season})(?:\s+of)?\s+(?:(?P<year>{year})|(?P<spoken>{spoken}))|the\s+(?:(?P<edge2>early|late|mid)[\s-]+)?(?P<season2>{season})(?![\w-])(?!\s+of\b)"
                   # a bare season after a preposition, ending its phrase: "in autumn", "by late spring,"
                   rf"|{after_a_preposition}(?:(?:early|late|mid)[\s-]+)?(?P<season3>{season})(?![\w-])(?=\s*[,.;:!?)]|\s+(?:and|or|when|as|to|with|in|on|at|for|after|before|this|next|last)\b|\s*$)"),
        ("the_year", rf"(?P<edge>(?:the\s+(?:end|beginning|start|middle|rest)\s+of|(?:earlier|later)\s+in)\s+)?the\s+(?P<kind>full\s+|fiscal\s+|current\s+|entire\s+|whole\s+|latest\s+(?:fiscal\s+)?)?year(?![\w-])(?!\s+(?:\d|ago|earlier|before|after))"),
        # "For the week, the index rose": the week being talked about; "the week ended Friday" is a span of one.
        ("the_week", r"the\s+week(?![\w-])(?!\s+(?:of|ago|earlier|before|after|ahead)\b)"),
        # "the end of the month", "the start of the week", "the end of the decade": the month (week, decade)
        # of the creation date
        ("the_unit_edge", r"(?P<edge>the\s+(?:end|beginning|start|middle)\s+of)\s+the\s+(?P<unit>month|week|decade|century)(?![\w-])"),
        # A day of the month named alone after a preposition: "on the 20th", "by the 3rd,"
        ("nth_day", rf"the{after_preposition}\s+(?P<day>[0-3]?\d(?:st|nd|rd|th))(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|to|at|when|until)\b)"),
        # "the coming days and weeks" is one reference, not a reference and a bare "weeks"
        ("vague_duration", rf"(?:the\s+(?:past|last|next|coming)\s+(?:few\s+|several\s+)?|recent\s+|(?:past|future|coming)\s+)(?P<unit>{vague_units})(?:\s+(?:and|or)\s+{vague_units})?(?!\w)"
                           # a bare plural ("for years", "within hours", "days after"): a vague span (TimeML's PXY, PTXH ...)
                           # ("the early hours", "the small hours": a part of the night, not a span)
                           r"|(?<!-)(?!(?<=early\s|small\s)hours)(?!(?<=wee\s)hours)(?P<bare>years|months|decades|centuries|weeks|days|hours|minutes)(?:\s+or\s+(?:years|months|decades|weeks|days|hours))?(?![\w-])(?!\s+(?:old|of|ago|earlier|later|apart|when|in\s+which)\b)"),
        # Half of one unit: "half an hour", "a half hour", "a half-hour meeting" (the article goes with the noun).
        ("half_unit", rf"(?:half\s+an?\s+|an?\s+half\s+|half-)(?P<unit>{unit_singular})(?:-long)?(?![\w-])"),
        # (a second count of a finer unit joins the first: "1 hour 30 minutes", "two years and three months")
        # (the article goes with the noun a count of units qualifies, "a five-year low", unless that noun is
        # "period" or "term": "a three-year period" is one span)
        ("duration", rf"{approx}?(?:(?:the|a|an|another)\s+(?!{number}(?:[\s-]+and[\s-]+a[\s-]+half)?[\s-]+{unit_singular}(?![\w-])(?!\s+(?:period|term)(?![\w-]))))?(?:(?:past|{last}|next|first|coming|previous|preceding|prior|following|subsequent|ensuing|final|latest|remaining|initial|full|additional|further)\s+)?(?:(?P<low>{number})\s+(?:to|or)\s+)?(?P<num>{number})(?:[\s-]+and[\s-]+a[\s-]+half)?[\s-]+(?:(?:more|additional|full|straight|consecutive|trading|business|working)\s+)?(?P<unit>{units})(?:\s+and\s+a\s+half|\s+or\s+so|(?P<alt>\s+or\s+(?:two|three|four))(?![\w-])|{finer})?(?:-long)?(?:\s+(?:period|term)(?![\w-]))?(?![\w-])(?!\s+old\b)"),
        # One more unit, no count: "another month", "a further week" ("an additional year" is a count, "an").
        ("another_unit", rf"(?:another|an?\s+(?:additional|extra|further))\s+(?P<unit>{unit_singular})(?![\w-])"),
        # A span used as a modifier with no count: "a day-long meeting", "a decades-long battle".
        ("long_unit", rf"(?P<unit>{units})-long(?![\w-])"),
        # A part of the day the text is about: "prices rose in the morning" (not "the morning of May 5":
        # the date is the expression there; "the night" too often opens a clause: "the night the plane fell").
        ("the_part", r"the\s+(?P<part>morning|afternoon|evening)(?![\w-])(?!\s+(?:of|after|before)\b)"),
        # A part of the day with "mid": "by mid afternoon", "at midmorning".
        ("mid_part", r"mid[-\s]?(?P<part>morning|afternoon)(?![\w-])"),
        # How often in a unit: "twice a year", "three times a week", "once per month" (the count is the SET's freq)
        ("frequency", rf"(?:once|twice|thrice|(?:\d+|{_alternation(small)}|{_alternation(tens)})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{unit_singular})(?![\w-])"),
        # The night before the day talked about: "Stocks fell overnight", "overnight losses".
        ("overnight", r"overnight(?![\w-])"),
        ("per_unit", rf"(?:every|each|per)\s+(?:(?P<other>other)\s+|(?P<num>{number})\s+)?(?P<unit>{units})(?![\w-])|(?P<freq>{frequency})"),
        ("reference", rf"(?:the\s+(?:near\s+)?future|{reference})(?![\w-])"),
        ("clock_word", rf"(?:around\s+)?(?P<word>{clock_word}){timezone}(?:,?\s+(?:on\s+)?{clock_day})?"),
    ]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(name, re.compile(rx, re.IGNORECASE)) for name, rx in _rules(lexicon()))


@lru_cache(maxsize=1)
def scanner() -> re.Pattern[str]:
    """All rules in one alternation; only tried where a word starts."""
    parts = []
    for name, rx in _rules(lexicon()):
        anonymous = re.sub(r"\(\?P<\w+>", "(?:", rx)
        parts.append(f"(?P<{name}>{anonymous})")
    return re.compile(r"(?<![\w$#])(?=[\w'])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    rule: str
    start: int
    end: int
    match: re.Match[str]  # the rule's own match, with its named groups


@lru_cache(maxsize=1)
def trigger() -> re.Pattern[str]:
    """Digits or a word that every time expression contains: the full scan runs only near these."""
    lex = lexicon()
    words: set[str] = set(lex.triggers)
    for table in (lex.parts_of_day, lex.seasons, lex.sets, lex.decades):
        words.update(table)
    # (an abbreviated unit, "min" of "minute", comes after a count, whose digits trigger; as a prefix it
    # would fire on every "minister")
    words.update(u for u in lex.units if not any(other.startswith(u) and other != u and lex.units[other] == lex.units[u] for other in lex.units))
    # Full names only: abbreviations come with a day number (a digit triggers) and as prefixes they
    # would fire on every "market", "friend", "money"; ordinals come with "quarter", "half", "century".
    words.update(_full_month_names(lex))
    words.update(w for w in lex.weekdays if len(w) > 4)
    for phrase in list(lex.holidays) + list(lex.references):
        words.add(max(phrase.split(), key=len))  # the longest word of each phrase is enough
    words = {w for w in words if len(w) > 2 and not w.isdigit()}
    # Money, percentages and decimals are not times: "$1.5", "12%", "3,000".
    # (A dot is let through where it makes a date or a clock: "25.12.2007", "3.30pm".)
    digits = r"(?<![$\d.,])\d+(?:(?![\d%]|[.,]\d)|(?=\.\d\d?(?:\.\d{4}|\s*[ap]\.?m|\s+(?-i:[A-Z]{2,4}\b)|\s+local\b)))"
    return re.compile(digits + r"|(?<!\w)" + _trie(sorted(w.lower() for w in words)), re.IGNORECASE)


_BEFORE = 30  # characters an expression may start before its trigger ("the last twenty four hours")
_AFTER = 28  # and extend after it ("Thursday, Jan. 6, 2000")
_WORD_END = re.compile(r"\S*")


def windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around triggers (most of a news text has no time expression)."""
    spans: list[list[int]] = []
    for found in trigger().finditer(text):
        start = max(0, found.start() - _BEFORE)
        if spans and start <= spans[-1][1]:
            if found.end() + _AFTER <= spans[-1][1]:
                continue
            start = spans[-1][0]
            spans.pop()
        end = min(len(text), found.end() + _AFTER)
        end = _WORD_END.match(text, end).end()  # never cut a word: lookaheads would see a false end
        spans.append([start, end])
    return [(s, e) for s, e in spans]


def scan(text: str) -> Iterator[Candidate]:
    """Every candidate expression in text order, non-overlapping (leftmost, then first rule)."""
    by_name = {rule.name: rule.regex for rule in rules()}
    pattern = scanner()
    for window_start, window_end in windows(text):
        yield from _scan_window(text, window_start, window_end, pattern, by_name)


def _scan_window(text: str, window_start: int, window_end: int, pattern: re.Pattern[str], by_name: dict) -> Iterator[Candidate]:
    for found in pattern.finditer(text, window_start, window_end):
        name = found.lastgroup
        if name is None:
            continue
        start, end = found.span()
        match = by_name[name].fullmatch(text, start, end)
        if match is None:  # a rule that looks past its span ("range_day"): match against the whole text
            match = by_name[name].match(text, start)
            if match is None or match.end() != end:
                continue
        yield Candidate(name, start, end, match)
