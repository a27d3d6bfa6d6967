"""Ingesting into the archive: duplicates skipped before analysis, failures recorded, parallel workers."""
from __future__ import annotations

import importlib
import json

import pytest
from test_store_helpers import WIRE, news_text

from storyline.ingest.document import Document, InputError
from storyline.jobs.ingest import ingest
from storyline.store import Store, admission, queries

GERMAN = (
    "Der Bürgermeister sagte am Dienstag, dass die Stadt das Busnetz im Norden ausbauen werde. Kritiker meinen, "
    "der Plan sei zu teuer und die Bewohner seien nicht gefragt worden. Die ersten Linien sollen im Frühjahr fahren."
)


def documents():
    wire = "Buses for the north\n\n" + WIRE
    return [
        Document(news_text(1), url="https://a.example/1", outlet="A", origin="in:1", published="2021-03-01"),
        Document(news_text(2), url="https://a.example/2", outlet="A", origin="in:2"),
        Document(news_text(1).upper(), url="https://b.example/1", outlet="B", origin="in:3"),  # exact copy of 1
        Document(wire, url="https://a.example/wire", outlet="A", origin="in:4"),
        Document("Bus plan approved\n\n" + WIRE + "Some residents welcomed the change.", url="https://c.example/w", outlet="C", origin="in:5"),
        Document(GERMAN, origin="in:6"),
        Document("Too short to be an article.", origin="in:7"),
        InputError("in:8", "malformed JSON"),
    ]


def test_ingest_stores_skips_and_records_failures(tmp_path):
    with Store.open(tmp_path / "a.db") as store:
        summary = ingest(store, documents(), jobs=1, published="2021-05-05")
        assert (summary.ingested, summary.duplicates, summary.near_duplicates, summary.failed) == (4, 1, 1, 3)
        failures = {f.origin: f.reason for f in queries.failures(store)}
        assert set(failures) == {"in:6", "in:7", "in:8"}
        assert failures["in:6"].startswith("not English") and failures["in:7"].startswith("too short to be an article") and "20 or more" in failures["in:7"]
        listed = {a.url: a for a in queries.articles(store)}
        assert set(listed) == {"https://a.example/1", "https://a.example/2", "https://a.example/wire", "https://c.example/w"}
        assert listed["https://a.example/1"].published == "2021-03-01"  # its own date
        assert listed["https://a.example/2"].published == "2021-05-05"  # --published fills the gap
        assert listed["https://c.example/w"].near_duplicate_of == listed["https://a.example/wire"].article_id
        first = queries.article(store, listed["https://a.example/1"].article_id)
        assert {s.outlet for s in first.sources} == {"A", "B"}
        for record in (queries.article(store, a.article_id).record for a in listed.values()):
            for st in record["statements"]:
                for s, e in st["content"]["spans"]:
                    assert record["text"][s:e] in st["content"]["text"]


def test_rerun_skips_everything_already_stored_before_analysis(tmp_path, monkeypatch):
    with Store.open(tmp_path / "a.db") as store:
        ingest(store, documents(), jobs=1)

        def no_analysis(documents, **kwargs):
            for document in documents:
                raise AssertionError(f"analysed again: {document.origin}")
            yield from ()

        monkeypatch.setattr(importlib.import_module("storyline.analyze"), "analyze_documents", no_analysis)
        stored = [d for d in documents() if isinstance(d, Document) and admission.rejection(d.text) is None]
        again = ingest(store, stored, jobs=1)
        assert (again.ingested, again.duplicates, again.failed) == (0, len(stored), 0)
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_duplicate_inside_one_batch_is_analysed_once(tmp_path):
    text = news_text(7)
    docs = [Document(text, outlet=f"S{i}", url=f"https://s{i}.example/", origin=f"x:{i}") for i in range(5)]
    with Store.open(tmp_path / "a.db") as store:
        summary = ingest(store, docs, jobs=1)
        assert (summary.ingested, summary.duplicates) == (1, 4)
        (article,) = queries.articles(store)
        assert len(queries.article(store, article.article_id).sources) == 5


def test_parallel_ingest_matches_serial(tmp_path):
    docs = [Document(news_text(i), origin=f"p:{i}", outlet="P", published="2021-01-02") for i in range(20)]
    with Store.open(tmp_path / "serial.db") as serial, Store.open(tmp_path / "parallel.db") as parallel:
        one = ingest(serial, docs, jobs=1)
        two = ingest(parallel, docs, jobs=2)
        assert one.ingested == two.ingested == 20 and two.failed == 0
        dump = lambda s: [json.dumps(r) for r in (queries.article(s, a.article_id).record for a in queries.articles(s, limit=100))]  # noqa: E731
        assert sorted(dump(serial)) == sorted(dump(parallel))


def test_bad_default_date(tmp_path):
    with Store.open(tmp_path / "a.db") as store, pytest.raises(ValueError):
        ingest(store, [], published="yesterday")


@pytest.mark.parametrize(
    "text, admitted",
    [
        (news_text(3), True),
        (GERMAN, False),
        ("El alcalde dijo el martes que la ciudad ampliará la red de autobuses en el norte, pero los críticos dicen que el plan es caro y que nadie preguntó a los vecinos.", False),
        ("Breaking: markets fall.", False),
    ],
)
def test_admission(text, admitted):
    assert (admission.rejection(text) is None) == admitted
