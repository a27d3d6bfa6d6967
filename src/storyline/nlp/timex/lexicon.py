"""Word lists for the time tagger, read once from `storyline/data/timex/*.tsv`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("storyline").joinpath("data", "timex", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class Unit:
    code: str  # duration code: D, W, M, Y, TH ... ("T" prefix means a time unit)
    granularity: str  # day, week, month ...


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, str]  # word -> digits, or "X" for a vague quantity
    ordinals: dict[str, int]
    units: dict[str, Unit]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    references: dict[str, str]
    sets: dict[str, str]
    holidays: dict[str, str]
    tense_cues: dict[str, str]
    triggers: tuple[str, ...]
    planning_verbs: frozenset[str]
    planning_nouns: frozenset[str]
    decades: dict[str, int]
    holiday_nouns: frozenset[str]
    number_labels: frozenset[str]
    count_nouns: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(
        months={k: int(v) for k, v in _rows("months.tsv")},
        weekdays={k: int(v) for k, v in _rows("weekdays.tsv")},
        numbers={k: v for k, v in _rows("numbers.tsv")},
        ordinals={k: int(v) for k, v in _rows("ordinals.tsv")},
        units={k: Unit(c, g) for k, c, g in _rows("units.tsv")},
        parts_of_day={k: v for k, v in _rows("parts_of_day.tsv")},
        seasons={k: v for k, v in _rows("seasons.tsv")},
        references={k: v for k, v in _rows("references.tsv")},
        sets={k: v for k, v in _rows("sets.tsv")},
        holidays={k: v for k, v in _rows("holidays.tsv")},
        tense_cues={k: v for k, v in _rows("tense_cues.tsv")},
        triggers=tuple(row[0] for row in _rows("triggers.txt")),
        planning_verbs=frozenset(row[0] for row in _rows("planning_verbs.txt")),
        planning_nouns=frozenset(row[0] for row in _rows("planning_nouns.txt")),
        decades={k: int(v) for k, v in _rows("decades.tsv")},
        holiday_nouns=frozenset(row[0] for row in _rows("holiday_nouns.txt")),
        number_labels=frozenset(row[0] for row in _rows("number_labels.txt")),
        count_nouns=frozenset(row[0] for row in _rows("count_nouns.txt")),
    )
