"""JSON record <-> typed `Article` (the inverse of `Article.to_dict()`)."""
from __future__ import annotations

from storyline.record import Article, Caption, Entity, Mention, Section, Span, Statement, TimeExpression


def _span(value: dict | None) -> Span | None:
    return None if value is None else Span(text=value["text"], spans=[list(p) for p in value["spans"]])


def article_from_dict(record: dict) -> Article:
    return Article(
        id=record["id"],
        text=record["text"],
        title=record.get("title"),
        published=record.get("published"),
        url=record.get("url"),
        source=record.get("source"),
        author=record.get("author"),
        sections=[Section(**s) for s in record.get("sections") or []],
        captions=[Caption(**c) for c in record.get("captions") or []],
        entities=[
            Entity(
                id=e["id"], name=e["name"], type=e["type"], roles=list(e.get("roles") or []),
                mentions=[Mention(**m) for m in e.get("mentions") or []],
            )
            for e in record.get("entities") or []
        ],
        statements=[
            Statement(
                id=s["id"], kind=s["kind"], content=_span(s["content"]), source=_span(s.get("source")), cue=_span(s.get("cue")),
                speaker=s.get("speaker"), speaker_name=s.get("speaker_name"), addressee=s.get("addressee"),
                stance=s.get("stance", "assert"), time=s.get("time"),
            )
            for s in record.get("statements") or []
        ],
        times=[TimeExpression(**t) for t in record.get("times") or []],
    )
