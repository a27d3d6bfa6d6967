"""Loads the word lists in `storyline/data/`: one entry per line; lines starting with `#` are comments."""
from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> tuple[str, ...]:
    text = resources.files("storyline.data").joinpath(name).read_text(encoding="utf-8")
    entries = (line.strip() for line in text.splitlines())
    return tuple(dict.fromkeys(entry for entry in entries if entry and not entry.startswith("#")))


@cache
def word_set(name: str) -> frozenset[str]:
    """The word list as a set, for membership tests."""
    return frozenset(word_list(name))
