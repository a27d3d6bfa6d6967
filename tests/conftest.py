"""Shared fixtures: the bundled sample analysed once, and checks every test can apply to a record."""
from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import storyline
from storyline.ingest import read_paths
from storyline.record import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "harbor.jsonl"
# the read-only evaluation data beside the clone (CI has it there); STORYLINE_SHARED_DATA points elsewhere
SHARED = Path(os.environ.get("STORYLINE_SHARED_DATA") or ROOT.parent / "shared" / "data")


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(resources.files("storyline.schema").joinpath("record.schema.json").read_text())


@pytest.fixture(scope="session")
def sample_articles() -> dict[str, Article]:
    """id -> analysed Article for every article of the bundled sample story."""
    articles = {}
    for result in storyline.analyze_documents(read_paths([SAMPLES])):
        assert isinstance(result, Article), f"sample failed: {result}"
        articles[result.id] = result
    return articles


def check_record(article: Article, schema: dict) -> None:
    """The record validates against the schema and every offset indexes the text it claims."""
    record = article.to_dict()
    jsonschema.validate(record, schema)
    text = record["text"]

    def check_span(span: dict) -> None:
        parts = [text[s:e] for s, e in span["spans"]]
        assert all(parts), span
        assert " ".join(parts) == span["text"], span

    for section in record["sections"]:
        assert 0 <= section["start"] < section["end"] <= len(text)
    for caption in record["captions"]:
        assert text[caption["start"] : caption["end"]] == caption["text"]
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    ids = {e["id"] for e in record["entities"]}
    time_ids = {t["id"] for t in record["times"]}
    for statement in record["statements"]:
        for role in ("source", "cue", "content"):
            if statement[role] is not None:
                check_span(statement[role])
        assert statement["speaker"] is None or statement["speaker"] in ids
        assert statement["time"] is None or statement["time"] in time_ids
    for time in record["times"]:
        assert text[time["start"] : time["end"]] == time["text"]


def statement_with(article: Article, words: str):
    """The statement whose content contains `words` (the test fails if there is none)."""
    found = [s for s in article.statements if words in s.content.text]
    assert found, f"no statement contains {words!r}; have {[s.content.text for s in article.statements]}"
    return found[0]
