"""The Spark jobs on a real local Spark (local[2], one JVM for the test session): the bundled sample,
a WARC the test writes (an exact repeat, a syndicated copy, a page with no article, a broken record),
a JSON Lines file with a bad line and a Parquet copy of the sample. Checked record by record against
`storyline analyze`, and, loaded into an archive, against `storyline ingest` of the same input."""
from __future__ import annotations

import bisect
import gzip
import io
import json
import sqlite3

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES, check_record
from test_ingest_warc import BROKEN, page
from test_store_helpers import news_text
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.analyze import analyze_documents
from storyline.cli import main
from storyline.ingest import InputError, read_paths
from storyline.jobs import spark as spark_jobs
from storyline.jobs import tables
from storyline.jobs.ingest import ingest
from storyline.record import Article
from storyline.store import Store, dedup

EXTRA = "<p>Officials added on Friday that a second review of the budget would follow in the spring, as the council had asked.</p>"


@pytest.fixture(scope="session")
def spark():
    session = spark_jobs.session("local[2]")
    yield session
    session.stop()


def write_warc(path) -> dict[str, int]:
    """Two articles, an exact repeat of the first under another URL, a copy of the second with a
    paragraph added, a broken record and a page with no article; returns the offsets of the last two."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)

    def response(url, body):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        offset = buffer.tell()
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        return offset

    bridge, tunnel = page("Bridge opens", 1, "2021-03-09"), page("Tunnel closes", 2, "2021-03-10")
    response("https://one.example/bridge", bridge)
    response("https://two.example/bridge-again", bridge)
    response("https://one.example/tunnel", tunnel)
    response("https://three.example/tunnel", tunnel.replace(b"</article>", EXTRA.encode() + b"</article>"))
    broken = buffer.tell()
    buffer.write(gzip.compress(BROKEN))
    empty = response("https://one.example/menu", b"<html><body><nav>Home | News | Sport</nav></body></html>")
    path.write_bytes(buffer.getvalue())
    return {"empty": empty, "broken": broken}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark-inputs")
    warc = folder / "crawl.warc.gz"
    offsets = write_warc(warc)
    bad = folder / "bad.jsonl"
    first = json.loads(SAMPLES.read_text().splitlines()[0])
    reused = {"id": first["id"], "text": news_text(7), "published": "2021-03-11"}  # another text under a taken id
    bad.write_text('{"text": "not closed\n' + json.dumps({**first, "id": "copy-of-01"}) + "\n" + json.dumps(reused) + "\n", encoding="utf-8")
    rows = [json.loads(line) for line in SAMPLES.read_text().splitlines() if line.strip()] + [{"id": "no-text", "text": None}]
    parquet = folder / "harbor.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet)
    return {"warc": warc, "bad": bad, "parquet": parquet, "offsets": offsets, "local": [SAMPLES, warc, bad]}


@pytest.fixture(scope="module")
def out(spark, inputs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark-out") / "out"
    written = spark_jobs.analyze(spark, [str(p) for p in inputs["local"]] + [str(inputs["parquet"])], str(folder))
    linked = spark_jobs.link(spark, str(folder))
    return folder, written, linked


@pytest.fixture(scope="module")
def local_db(inputs, tmp_path_factory):
    """`storyline ingest` of the same inputs (without the Parquet copy: every row of it repeats the sample)."""
    path = tmp_path_factory.mktemp("spark-local") / "local.db"
    with Store.open(path) as store:
        ingest(store, read_paths(inputs["local"]), jobs=1)
    return path


def _origin(origin: str) -> str:
    return origin.removeprefix("file:")


def test_articles_are_those_of_analyze(out, inputs, schema):
    folder, written, _ = out
    analysed: dict[str, dict] = {}  # by text, the first of each: an exact repeat is not analysed again
    for result in analyze_documents(read_paths(inputs["local"])):
        if isinstance(result, Article):
            analysed.setdefault(result.text, result.to_dict())
    spark_articles = tables.read(folder, "articles").to_pylist()
    assert written["articles"] == len(spark_articles) == 12  # 8 sample articles, 3 distinct WARC ones, 1 JSONL line under a taken id
    for row in spark_articles:
        article = Article.from_dict(row)
        check_record(article, schema)
        expected = analysed[article.text]
        assert article.id == expected["id"] or article.id.startswith(expected["id"] + "~")  # the archive's rule for a taken id
        assert article.to_dict() == {**expected, "id": article.id}
    by_id = {a.id: a for a in map(Article.from_dict, spark_articles)}
    analysed = {a.id: {**analysed[a.text], "id": a.id} for a in by_id.values()}
    for table in tables.NESTED:
        by_article: dict[str, list] = {}
        for row in tables.read(folder, table).to_pylist():
            by_article.setdefault(row.pop("article"), []).append(row)
        for record_id, items in by_article.items():
            expected = analysed[record_id][table]
            assert [{k: v for k, v in item.items() if k in e} for item, e in zip(items, expected)] == expected
        assert sum(len(v) for v in by_article.values()) == sum(len(analysed[r["id"]][table]) for r in spark_articles)


def test_repeats_copies_and_failures(out, inputs):
    folder, written, _ = out
    sources = tables.read(folder, "sources").to_pylist()
    repeats = [s for s in sources if s["duplicate"]]
    urls = {s["url"]: s for s in sources}
    assert urls["https://two.example/bridge-again"]["article"] == urls["https://one.example/bridge"]["article"]
    assert urls["https://two.example/bridge-again"]["duplicate"] and not urls["https://one.example/bridge"]["duplicate"]
    # the JSONL copy of the sample's first article and every Parquet row repeat a sample article
    assert len(repeats) == 1 + 1 + 8
    assert {s["article"] for s in repeats if s["origin"].endswith(".parquet#0")} == {"harbor-01"}
    (near,) = tables.read(folder, "near_duplicates").to_pylist()
    assert near["original"] == urls["https://one.example/tunnel"]["article"] and near["article"] == urls["https://three.example/tunnel"]["article"]
    assert near["similarity"] >= dedup.THRESHOLD
    failures = {_origin(f["origin"]): f["reason"] for f in tables.read(folder, "failures").to_pylist()}
    warc = str(inputs["warc"])
    assert "broken WARC record" in failures[f"{warc}#{inputs['offsets']['broken']}"]
    assert "too short to be an article" in failures[f"{warc}#{inputs['offsets']['empty']}"]  # only a menu
    assert failures[f"{inputs['bad']}:1"].startswith("malformed JSON")
    assert failures[f"{inputs['parquet']}#8"] == "missing or empty 'text'"
    assert written["failures"] == len(failures) == 4


_NAMED = ("(SELECT a.record_id FROM statements s JOIN articles a ON a.id = s.article WHERE s.id = {0}),"
          " (SELECT s.statement_id FROM statements s WHERE s.id = {0})")


def _spark_claims(folder) -> dict:
    """The Spark link job's claims tables, in the shape `_archive` reads the archive's."""
    links = tables.read(folder, "claim_links").to_pylist()
    return {
        "claim_links": sorted((x["article"], x["statement"], x["claim_article"], x["claim_statement"], x["relation"], x["rule"], x["score"],
                               x["via_article"], x["via_statement"], x["reversal"]) for x in links),
        "quotes": sorted((q["id"], tuple(q["words"]), q["uses"]) for q in tables.read(folder, "quotes").to_pylist()),
        "quote_uses": sorted((u["article"], u["statement"], u["start"], u["end"], u["quote"], u["text"], u["variant"])
                             for u in tables.read(folder, "quote_uses").to_pylist()),
    }


def _archive(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {
            "articles": conn.execute("SELECT a.record_id, o.record_id, a.similarity FROM articles a LEFT JOIN articles o ON o.id = a.near_duplicate_of"
                                     " ORDER BY a.id").fetchall(),
            "sources": sorted(conn.execute("SELECT a.record_id, s.url, s.outlet, s.published FROM article_sources s JOIN articles a ON a.id = s.article")),
            "identities": dict(((a, e), i) for a, e, i in conn.execute(
                "SELECT a.record_id, m.entity, m.identity FROM identity_mentions m JOIN articles a ON a.id = m.article")),
            "stories": dict(conn.execute("SELECT a.record_id, sa.story FROM story_articles sa JOIN articles a ON a.id = sa.article")),
            "failures": sorted((_origin(o), r) for o, r in conn.execute("SELECT origin, reason FROM failures")),
            # statements by (article id, statement id in the record), as the Spark tables name them
            "claim_links": sorted(conn.execute(
                f"SELECT {_NAMED.format('l.statement')}, {_NAMED.format('l.claim')}, l.relation, l.rule, l.score, {_NAMED.format('l.via')},"
                " l.reversal = 1 FROM claim_links l")),
            "quotes": sorted((i, tuple(json.loads(w)), n) for i, w, n in conn.execute("SELECT id, words, uses FROM quotes")),
            "quote_uses": sorted(conn.execute(
                f"SELECT {_NAMED.format('u.statement')}, u.start, u.end, u.quote, u.text, u.variant = 1 FROM quote_uses u")),
        }
    finally:
        conn.close()


def test_loaded_archive_and_linking_match_local_ingest(out, local_db, tmp_path, capsys, inputs):
    folder, _, linked = out
    db = tmp_path / "from-spark.db"
    assert main(["ingest", str(folder), "--db", str(db)]) == 0
    spark_archive, local = _archive(db), _archive(local_db)
    assert spark_archive["articles"] == local["articles"]  # same articles, in the same order, the same copy linked
    parquet = str(inputs["parquet"])
    assert spark_archive["sources"] == local["sources"]
    assert [f for f in spark_archive["failures"] if not f[0].startswith(parquet)] == local["failures"]
    assert spark_archive["identities"] == local["identities"] and spark_archive["stories"] == local["stories"]
    for table in ("claim_links", "quotes", "quote_uses"):  # ingest links the loaded articles in the archive, claims too
        assert spark_archive[table] == local[table], table
    # the Spark link job's own tables give the same identities and stories
    mentions = tables.read(folder, "identity_mentions").to_pylist()
    assert {(m["article"], m["entity"]): m["identity"] for m in mentions} == local["identities"]
    assert {p["article"]: p["story"] for p in tables.read(folder, "story_articles").to_pylist()} == local["stories"]
    assert linked["identities"] == len(set(local["identities"].values())) and linked["stories"] == len(set(local["stories"].values()))


def test_spark_claims_match_local_linking(out, local_db):
    """The Spark link job's claims and quotes are the local claims stage's: the same links (the sample's
    denials of the memo among them), rules, scores and reversals, the same quotes with the same ids and uses."""
    folder, _, linked = out
    local, spark_claims = _archive(local_db), _spark_claims(folder)
    assert any(link[4] == "denies" for link in local["claim_links"]) and any(n > 1 for _, _, n in local["quotes"])
    for table in ("claim_links", "quotes", "quote_uses"):
        assert spark_claims[table] == local[table], table
        assert linked[table] == len(local[table])
    texts = {a["id"]: a["text"] for a in tables.read(folder, "articles").to_pylist()}
    for use in tables.read(folder, "quote_uses").to_pylist():  # every quoted span is the text it indexes
        assert texts[use["article"]][use["start"]:use["end"]] == use["text"]


def test_slices(out, tmp_path):
    folder, _, _ = out
    articles = tables.read(folder, "articles").to_pylist()
    outlet = articles[1][tables.OUTLET]
    db = tmp_path / "slice.db"
    assert main(["ingest", str(folder), "--db", str(db), "--outlet", outlet, "--since", "2021-03-09"]) == 0
    expected = [a["id"] for a in articles if a[tables.OUTLET] == outlet and (a["published"] or "")[:10] >= "2021-03-09"]
    assert expected and _archive(db)["articles"] == [(record_id, None, None) for record_id in expected]
    story = tables.read(folder, "story_articles").to_pylist()[-1]
    db = tmp_path / "story.db"
    assert main(["ingest", str(folder), "--db", str(db), "--story", str(story["story"])]) == 0
    placed = [p["article"] for p in tables.read(folder, "story_articles").to_pylist() if p["story"] == story["story"]]
    assert sorted(r[0] for r in _archive(db)["articles"]) == sorted(placed)


def test_a_bad_input_path_is_a_failure_not_a_crash(spark, tmp_path):
    target = tmp_path / "notes.docx"
    target.write_bytes(b"PK\x03\x04 not a format storyline reads")
    written = spark_jobs.analyze(spark, [str(target)], str(tmp_path / "out"))
    assert written["articles"] == 0 and written["failures"] == 1
    (failure,) = tables.read(tmp_path / "out", "failures").to_pylist()
    assert _origin(failure["origin"]) == str(target) and "not a format storyline reads" in failure["reason"]


def test_readers_yield_input_errors_not_exceptions():
    """What `read_file` hands back for a file it cannot read is an InputError, like the local readers'."""
    (item,) = [i for _, i in spark_jobs.read_file("s3a://bucket/x.warc", b"")]
    assert isinstance(item, InputError) and item.origin.startswith("s3a://bucket/x.warc") and "empty WARC file" in item.reason


@pytest.mark.parametrize("count,cores", [(120, 2), (7, 2), (40, 2), (1, 2), (0, 2), (10_000, 4), (100, 3)])
def test_analysis_tasks_keep_every_core_busy_to_the_end(count, cores):
    partitions = spark_jobs.analysis_partitions(count, cores)
    assert 1 <= partitions <= min(max(count, 1), cores * spark_jobs.PARTITIONS_PER_CORE)
    if count >= cores:
        assert partitions % cores == 0  # no last round with a core idle
    if count >= cores * spark_jobs.MIN_PER_PARTITION:
        assert count // partitions >= spark_jobs.MIN_PER_PARTITION


def test_analysis_tasks_share_characters_not_articles():
    """Long texts first, short ones after: the tasks hold about equal characters, so fewer long articles."""
    weights = [(seq, 4000 if seq < 30 else 1000) for seq in range(0, 240, 2)]  # seqs with gaps (dropped records)
    bounds = spark_jobs.work_bounds(weights, 4)
    assert len(bounds) == 3 and bounds == sorted(set(bounds))
    tasks: dict[int, list[int]] = {}
    for seq, characters in weights:
        tasks.setdefault(bisect.bisect_right(bounds, seq), []).append(characters)
    share = sum(w for _, w in weights) / 4
    assert sorted(tasks) == [0, 1, 2, 3] and all(abs(sum(t) - share) <= 4000 for t in tasks.values())
    assert len(tasks[0]) < len(tasks[3])
