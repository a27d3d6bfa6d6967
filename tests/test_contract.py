"""One contract: the record's dataclasses (storyline.record), its JSON Schema (schema/record.schema.json)
and the API's Pydantic models (storyline.api.models) describe the same fields, and /openapi.json
matches its committed snapshot (schema/openapi.json)."""
from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from pydantic import BaseModel
from test_store_helpers import Quote, build_article
from test_web_helpers import bridges, hostile, vaccines

from storyline.api import models
from storyline.record import DEPRECATED_KEYS, Article

SNAPSHOT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "schema" / "openapi.json"
UPDATE = "STORYLINE_UPDATE_OPENAPI"


def _optional(hint) -> tuple[bool, object]:
    """(may be None, the hint without None)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return len(args) < len(typing.get_args(hint)), (args[0] if len(args) == 1 else hint)
    return False, hint


def _resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _schema_nullable(prop: dict) -> bool:
    kinds = prop.get("type")
    return (isinstance(kinds, list) and "null" in kinds) or any(p.get("type") == "null" for p in prop.get("oneOf", []))


def _schema_inner(prop: dict, root: dict) -> dict:
    """The non-null alternative of a property, with $refs followed."""
    for option in prop.get("oneOf", []):
        if option.get("type") != "null":
            return _resolve(option, root)
    return _resolve(prop, root)


def _pairs():
    """(path, dataclass, JSON Schema object, Pydantic model) for the record and every nested part, from Article down."""
    root = json.loads(resources.files("storyline.schema").joinpath("record.schema.json").read_text())
    found = []

    def walk(path: str, cls, schema: dict, model: type[BaseModel]) -> None:
        found.append((path, cls, schema, model))
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            _, hint = _optional(hints[f.name])
            if typing.get_origin(hint) is list:
                (hint,) = typing.get_args(hint)
            if not dataclasses.is_dataclass(hint) or f.name not in schema.get("properties", {}):
                continue
            prop = _schema_inner(schema["properties"][f.name], root)
            if prop.get("type") == "array":
                prop = _resolve(prop["items"], root)
            _, sub = _optional(model.model_fields[f.name].annotation)
            if typing.get_origin(sub) is list:
                (sub,) = typing.get_args(sub)
            walk(f"{path}.{f.name}", hint, prop, sub)

    walk("record", Article, root, models.ArticleRecord)
    return found


PAIRS = _pairs()


def test_every_part_of_the_record_is_checked():
    assert {cls.__name__ for _, cls, _, _ in PAIRS} == {"Article", "Section", "Caption", "Entity", "Mention", "Statement", "StatementRelation",
                                                      "Span", "TimeExpression"}


def _aliases(cls) -> set[str]:
    """The deprecated keys the JSON writes beside a class's fields (the record's top level only)."""
    return set(DEPRECATED_KEYS) if cls is Article else set()


@pytest.mark.parametrize("path, cls, schema, model", PAIRS, ids=[p[0] for p in PAIRS])
def test_dataclass_schema_and_model_have_the_same_fields(path, cls, schema, model):
    names = [f.name for f in dataclasses.fields(cls)]
    assert set(schema["properties"]) == set(names) | _aliases(cls), f"{path}: JSON Schema and {cls.__name__} differ"
    assert set(model.model_fields) == set(names) | _aliases(cls), f"{path}: {model.__name__} and {cls.__name__} differ"
    assert schema.get("additionalProperties") is False, path
    assert set(schema.get("required", [])) <= set(names), path


@pytest.mark.parametrize("path, cls, schema, model", PAIRS, ids=[p[0] for p in PAIRS])
def test_dataclass_schema_and_model_agree_on_null_and_on_closed_choices(path, cls, schema, model):
    root = json.loads(resources.files("storyline.schema").joinpath("record.schema.json").read_text())
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        nullable, hint = _optional(hints[f.name])
        prop = schema["properties"][f.name]
        assert _schema_nullable(prop) == nullable, f"{path}.{f.name}: null allowed in one and not the other"
        model_nullable, model_hint = _optional(model.model_fields[f.name].annotation)
        assert model_nullable == nullable, f"{path}.{f.name}: {model.__name__} disagrees on null"
        if typing.get_origin(hint) is typing.Literal:
            choices = set(typing.get_args(hint))
            assert set(_schema_inner(prop, root).get("enum", [])) == choices, f"{path}.{f.name}: enum differs"
            assert set(typing.get_args(model_hint)) == choices, f"{path}.{f.name}: {model.__name__} choices differ"


def _articles() -> list[Article]:
    full = build_article("full", [Quote("Ann Lee", "We will build it", role="mayor", when=("on Monday", "2021-03-08")),
                                  Quote(None, "Nothing is decided", stance="deny", kind="indirect")],
                         events=[("The vote was held on", "March 6", "2021-03-06")])
    full.author = "Carl Dunn"
    return [bridges(), vaccines(), hostile(), full]


@pytest.mark.parametrize("article", _articles(), ids=lambda a: a.id)
def test_from_dict_inverts_to_dict_and_every_record_validates(article):
    record = article.to_dict()
    assert Article.from_dict(record) == article
    assert Article.from_dict(json.loads(json.dumps(record))) == article  # through JSON too
    jsonschema.validate(record, json.loads(resources.files("storyline.schema").joinpath("record.schema.json").read_text()))
    assert models.ArticleRecord.model_validate(record).model_dump() == record


def test_deprecated_keys_are_marked_so_and_written_with_their_field():
    root = json.loads(resources.files("storyline.schema").joinpath("record.schema.json").read_text())
    record = vaccines().to_dict()
    for old, new in DEPRECATED_KEYS.items():
        assert root["properties"][old].get("deprecated") is True and old not in root.get("required", [])
        assert models.ArticleRecord.model_fields[old].deprecated
        assert record[old] == record[new] == "Morning Post"


def test_from_dict_takes_a_record_with_the_old_outlet_key():
    article = vaccines()
    record = article.to_dict()
    del record["outlet"]  # a record written before the rename: the outlet under `source` only
    assert Article.from_dict(record) == article
    jsonschema.validate(Article.from_dict(record).to_dict(),
                        json.loads(resources.files("storyline.schema").joinpath("record.schema.json").read_text()))


def test_from_dict_takes_records_made_before_a_field_existed():
    record = bridges().to_dict()
    del record["author"]
    assert Article.from_dict(record).author is None


def test_openapi_matches_the_committed_snapshot(tmp_path):
    """The HTTP contract changes only on purpose: regenerate with STORYLINE_UPDATE_OPENAPI=1 and commit the diff."""
    from test_web_helpers import build_archive

    from storyline.server import create_app

    spec = create_app(build_archive(tmp_path / "a.db")).openapi()
    text = json.dumps(spec, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get(UPDATE):
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.exists(), f"no snapshot at {SNAPSHOT}: run with {UPDATE}=1"
    assert json.loads(SNAPSHOT.read_text(encoding="utf-8")) == spec, (
        f"/openapi.json changed: if on purpose, run `{UPDATE}=1 pytest tests/test_contract.py` and commit {SNAPSHOT.name}")
