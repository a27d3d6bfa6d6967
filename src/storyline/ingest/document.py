"""What every reader yields: a `Document` to analyse, or an `InputError` naming where and why."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Document:
    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD (or full ISO datetime) when known
    url: str | None = None
    outlet: str | None = None
    author: str | None = None  # the byline as the input's metadata gives it (HTML meta, JSONL, feed item)
    origin: str = ""  # file (and line / record) it came from, for messages
    # Character ranges of image captions / photo credits the reader already knows (HTML <figcaption>).
    captions: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class InputError:
    origin: str  # file, with ":LINE" or "#record" where it applies
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def clean_author(value: object) -> str | None:
    """An author from metadata, whitespace collapsed; None when absent or blank."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
