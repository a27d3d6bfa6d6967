"""What the archive admits: a document needs an article body, in English."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

MIN_WORDS = 20  # fewer words than this is a teaser or a caption, not an article body
MIN_STOPWORD_SHARE = 0.15  # English news runs at 0.35-0.5; other languages score near 0
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("storyline").joinpath("data/stopwords_en.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def rejection(text: str) -> str | None:
    """Why `text` is not admitted ("too short ...", "not English ..."), naming the rule, or None if it is."""
    words = _WORD.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return f"too short to be an article ({len(words)} words; the archive admits {MIN_WORDS} or more)"
    share = sum(w in stopwords() for w in words) / len(words)
    if share < MIN_STOPWORD_SHARE:
        return (f"not English (English function words are {share:.0%} of the text, at least {MIN_STOPWORD_SHARE:.0%} "
                "expected; the archive admits English only)")
    return None
