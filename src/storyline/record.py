"""The typed record of one analysed article: who said what, when.

These dataclasses are the contract between analysis and everything downstream
(store, API, web). `to_dict()` gives the JSON record described in
`schema/record.schema.json`; every offset indexes `Article.text`.
"""
from __future__ import annotations

import types
import typing
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import cache
from typing import Literal

StatementKind = Literal["direct", "indirect", "mixed"]
Stance = Literal["assert", "deny", "hedge"]
# What the attribution reports: said or written (statements), or not speech at all (PolNeAR's
# beliefs, intentions, actions and perceptions, and `other`: declining to comment) — kept, but not shown as statements by default.
StatementAct = Literal["say", "write", "think", "intend", "do", "perceive", "other"]
RelationKind = Literal["denies", "confirms"]  # what a statement does to an earlier one of the same article
SPEECH_ACTS: frozenset[str] = frozenset({"say", "write"})
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(slots=True)
class Span:
    """Possibly discontinuous text: `text` is the parts joined by a space."""

    text: str
    spans: list[list[int]]

    @classmethod
    def of(cls, doc_text: str, parts: list[tuple[int, int]]) -> "Span":
        parts = sorted(parts)
        return cls(" ".join(doc_text[s:e] for s, e in parts), [list(p) for p in parts])

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


SectionKind = Literal["headline", "byline", "lead", "bullet", "related"]


@dataclass(slots=True)
class Section:
    """A layout element; for a `lead` ("Why it matters:") the span is the label itself."""

    kind: SectionKind
    label: str
    start: int
    end: int


@dataclass(slots=True)
class Caption:
    text: str
    start: int
    end: int
    credit: str | None = None


@dataclass(slots=True)
class TimeExpression:
    id: str
    start: int
    end: int
    text: str
    type: TimeType
    value: str | None


@dataclass(slots=True)
class StatementRelation:
    """A statement's link to an earlier statement of the same article that it denies or confirms."""

    statement: str  # the earlier statement's id
    relation: RelationKind


@dataclass(slots=True)
class Statement:
    id: str
    kind: StatementKind
    content: Span
    # The words naming who spoke ("Transport Minister Jane Roe", "she"): the `source` of the field's
    # source/cue/content triple (PolNeAR), not the article's outlet.
    source: Span | None = None
    cue: Span | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    addressee: str | None = None
    stance: Stance = "assert"
    time: str | None = None
    act: StatementAct = "say"
    relations: list[StatementRelation] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)  # the attribution steps that made or changed it: `analyze --explain` only


# Old record keys still written beside their new name and read when the new one is absent, for one release:
# deprecated key -> field. (A statement's `source` span keeps its name: it is the field's term.)
DEPRECATED_KEYS: dict[str, str] = {"source": "outlet"}


@dataclass(slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None  # who published it; JSON also writes it as the deprecated `source` (DEPRECATED_KEYS)
    author: str | None = None  # from the input's metadata (HTML meta, JSONL, feed item), not from the text
    sections: list[Section] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)

    def to_dict(self, every_act: bool = True, explain: bool = False) -> dict:
        """The JSON record; with `every_act=False` its `statements` hold only what was said or written,
        with `explain` each statement also names the attribution steps that made or changed it."""
        record = current_keys(asdict(self))
        if not every_act:
            record["statements"] = [s for s in record["statements"] if s["act"] in SPEECH_ACTS]
        if not explain:
            for statement in record["statements"]:
                del statement["steps"]
        return record

    def said(self) -> list[Statement]:
        """The statements said or written (the others report beliefs, intentions, actions, perceptions)."""
        return [s for s in self.statements if s.act in SPEECH_ACTS]

    @classmethod
    def from_dict(cls, record: dict) -> "Article":
        """The inverse of `to_dict()`: `Article.from_dict(a.to_dict()) == a`.

        A field missing from `record` takes its default (a record made before the field existed), or
        the value of its deprecated key (`source` for `outlet`); a key that is not a field is ignored.
        """
        return _from_dict(cls, current_keys(record))

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def time(self, time_id: str | None) -> TimeExpression | None:
        return next((t for t in self.times if t.id == time_id), None)


def current_keys(record: typing.Mapping) -> dict:
    """A record dict as `to_dict()` writes it today: each renamed field under its new key (taken from the
    deprecated key in a record written before the rename) and, for one release, under the deprecated key too."""
    out = dict(record)
    for old, new in DEPRECATED_KEYS.items():
        if new not in out and old in out:
            out[new] = out[old]
        if new in out:
            out[old] = out[new]
    return out


@cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _from_dict(cls, data: dict):
    """Build the dataclass `cls` from its `asdict()` form, following the field types."""
    hints = _hints(cls)
    return cls(**{f.name: _value(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data})


def _value(hint, value):
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _value(inner, value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_value(item, v) for v in value]
    if is_dataclass(hint):
        return _from_dict(hint, value)
    return value
