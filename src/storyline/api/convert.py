"""From the store's result dataclasses to the boundary models, and the small request helpers shared by routes and pages."""
from __future__ import annotations

from fastapi import Request

from storyline.api import models
from storyline.store.queries import SearchHit

# Private-use characters: cannot clash with markup, and are stripped from the text a user sees.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


def page(items: list, limit: int, offset: int, total: int | None = None) -> dict:
    """A page dict; `next_offset` is set when a further page may exist. `total` None: not counted (or too many to count)."""
    if total is not None:
        more = offset + len(items) < total
    else:
        more = len(items) == limit
    return {"items": items, "limit": limit, "offset": offset, "total": total, "next_offset": offset + len(items) if more else None}


def split_snippet(marked: str) -> tuple[str, list[list[int]]]:
    """A snippet with MARK_OPEN/MARK_CLOSE around matches -> (plain text, [[start, end], ...] of the matches)."""
    plain: list[str] = []
    spans: list[list[int]] = []
    length = 0
    start = None
    for ch in marked:
        if ch == MARK_OPEN:
            start = length
        elif ch == MARK_CLOSE:
            if start is not None and length > start:
                spans.append([start, length])
            start = None
        else:
            plain.append(ch)
            length += 1
    return "".join(plain), spans


def search_hit(hit: SearchHit) -> models.SearchHitModel:
    snippet, spans = split_snippet(hit.snippet)
    data = hit.to_dict()
    data.update(snippet=snippet, highlights=spans)
    return models.SearchHitModel.model_validate(data)


def wants_json(request: Request) -> bool:
    """The client asked for JSON: a `.json` suffix (handled by the route) or an Accept header preferring it."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def strip_json_suffix(value: str) -> tuple[str, bool]:
    return (value[:-5], True) if value.endswith(".json") else (value, False)
