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
    source: str | None = None  # outlet
    origin: str = ""  # file (and line / record) it came from, for messages
    # Character ranges of image captions / photo credits the reader already knows (HTML <figcaption>).
    captions: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class InputError:
    origin: str  # file, with ":LINE" or "#record" where it applies
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
