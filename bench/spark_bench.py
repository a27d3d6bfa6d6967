"""Spark throughput (articles/s): local[2] against local[1], and one Spark core against one
`storyline analyze` process, on the same PolNeAR texts in the same run.

    OMP_NUM_THREADS=1 PYTHONPATH=src python bench/spark_bench.py [--polnear ../shared/data/polnear] [--limit 200]

Measures, each after the pipeline is loaded in every worker (steady state; Spark keeps its Python
workers between tasks, so a long job pays the load once per executor core):
  extract     the WARC reader's HTML step (trafilatura) on the texts wrapped in a page with a site's menus
  analyze     `analyze_documents` in this process over the texts: the baseline (one `storyline analyze`)
  plain[2]    the same texts split between two ordinary processes (no Spark): what two cores of this
              machine give at all, the ceiling for spark[2] / spark[1]
  spark[1]    the Spark job's analysis stage (`jobs.spark._analyze_partition` over `analysis_tasks`), local[1]
  spark[2]    the same, local[2]
  job[1/2]    the whole `storyline spark analyze` (read JSON Lines, admission, exact and near-duplicates,
              analysis, seven Parquet tables) from a JSON Lines file, wall clock, workers already warm
  link        the link job's per-article part (executors) and its folds (driver: identities, stories, claims),
              per article, one core
Targets: spark[2] >= 1.7 x spark[1]; spark[1] >= 0.8 x analyze. The load average is printed beside each:
on a machine shared with other work two cores are not two free cores.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from ingest_bench import polnear_arguments, polnear_documents, rate  # noqa: E402


def load() -> str:
    return "load %.2f %.2f %.2f" % os.getloadavg()


def spark_cpu() -> float:
    """CPU seconds used so far by this machine's Spark processes (the JVM, the Python daemon and its
    workers, with the workers that have ended): a local Spark's whole cost, whatever else runs. A worker
    that ends between two readings takes its CPU with it until the daemon reaps it (a negative figure);
    the tasks' own CPU (`_balance`) has no such gap."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            command = (stat.parent / "cmdline").read_bytes()
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if b"pyspark" in command or b"org.apache.spark.deploy.SparkSubmit" in command:
            total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])  # utime stime cutime cstime
    return total / tick


def spark_rate(master: str, documents: list, jsonl: Path, out: Path, repeat: int) -> tuple[float, float, float]:
    """(analysis-stage articles/s, its CPU ms per article, whole-job articles/s) on a fresh local Spark with `master`."""
    from storyline.jobs import spark as spark_jobs

    spark = spark_jobs.session(master, app=f"spark-bench {master}")
    sc = spark.sparkContext
    cores = sc.defaultParallelism
    try:
        numbered = sc.parallelize(list(enumerate(documents)), cores).cache()
        numbered.count()
        warm = sc.parallelize([(i, documents[i % len(documents)]) for i in range(cores * 2)], cores)
        warm.mapPartitions(spark_jobs._analyze_partition).count()  # every worker loads the pipeline
        best_stage = best_job = 0.0
        cpu_ms = float("inf")
        for _ in range(repeat):
            started, cpu = time.perf_counter(), spark_cpu()
            tasks = spark_jobs.analysis_tasks(numbered).mapPartitions(_timed_partition).collect()
            count = sum(t[1] for t in tasks)
            best_stage = max(best_stage, rate(count, time.perf_counter() - started))
            print(f"  {master} analysis tasks: {_balance(tasks)}")
            cpu_ms = min(cpu_ms, 1000 * (spark_cpu() - cpu) / count)
            started = time.perf_counter()
            written = spark_jobs.analyze(spark, [str(jsonl)], str(out))
            best_job = max(best_job, rate(written["articles"] + written["failures"], time.perf_counter() - started))
        return best_stage, cpu_ms, best_job
    finally:
        spark.stop()


def _timed_partition(items):
    """One analysis task, as the job runs it, reporting (worker pid, articles, characters, CPU s, whether
    the worker had the pipeline loaded before the task): the balance between the cores."""
    from storyline.jobs import spark as spark_jobs
    from storyline.nlp import pipeline

    items = list(items)
    warm = pipeline.load.cache_info().currsize > 0
    started = time.process_time()
    articles = sum(1 for _ in spark_jobs._analyze_partition(items))
    yield os.getpid(), articles, sum(len(d.text) for _, d in items), time.process_time() - started, warm


def _balance(tasks: list[tuple]) -> str:
    """Per worker process: tasks, articles, characters, CPU seconds; and the tasks that loaded the pipeline."""
    workers: dict[int, list[float]] = {}
    for pid, articles, chars, cpu, _ in tasks:
        w = workers.setdefault(pid, [0, 0, 0, 0.0])
        w[0], w[1], w[2], w[3] = w[0] + 1, w[1] + articles, w[2] + chars, w[3] + cpu
    cold = sum(not warm for *_, warm in tasks)
    sizes = sorted(t[1] for t in tasks)
    return (f"{len(tasks)} tasks of {sizes[0]}-{sizes[-1]} articles; "
            + "; ".join(f"worker {i}: {n} tasks, {a} articles, {c / 1000:.0f}k chars, {cpu:.1f} CPU s" for i, (n, a, c, cpu) in enumerate(workers.values(), 1))
            + f"; Python workers {1000 * sum(t[3] for t in tasks) / max(sum(t[1] for t in tasks), 1):.0f} CPU ms/article"
            + f"; {cold} task(s) loaded the pipeline inside the timing")


BOILERPLATE = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(120))  # a news site's menus


def _page(document) -> str:
    """An HTML page around the text, with a site's menus and footer (CC-NEWS pages are mostly such markup)."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in document.text.split("\n") if paragraph.strip())
    return (f"<html><head><title>{document.title or ''}</title><script>{'var x = 1;' * 400}</script></head><body>"
            f"<nav><ul>{BOILERPLATE}</ul></nav><article><h1>{document.title or ''}</h1>{body}</article>"
            f"<footer><ul>{BOILERPLATE}</ul></footer></body></html>")


def _warm_process(documents) -> None:
    from storyline.analyze import analyze_documents

    list(analyze_documents(documents))  # load the pipeline before the timing


def _analyze_count(documents) -> int:
    from storyline.analyze import analyze_documents

    return sum(1 for _ in analyze_documents(documents))


def plain_rate(documents: list, processes: int, repeat: int) -> float:
    """Articles/s of `analyze_documents` over the texts dealt round-robin to `processes` ordinary
    processes, each with its pipeline loaded before the timing: the machine's own parallel ceiling."""
    import multiprocessing

    shares = [documents[i::processes] for i in range(processes)]
    with multiprocessing.get_context("spawn").Pool(processes, initializer=_warm_process, initargs=(documents[:8],)) as pool:
        pool.map(_analyze_count, [documents[:2]] * processes)  # every process has started and loaded
        best = 0.0
        for _ in range(repeat):
            started = time.perf_counter()
            count = sum(pool.map(_analyze_count, shares))
            best = max(best, rate(count, time.perf_counter() - started))
    return best


def linking(folder: Path) -> None:
    """The link job's two parts on the analysed articles, one core: per article (executors: entity
    mentions, placement input with its MiniLM vector, statements) and the folds (driver: identities,
    stories, claims)."""
    from storyline.jobs import spark as spark_jobs
    from storyline.jobs import tables
    from storyline.jobs.link import STORY_CLUSTERER
    from storyline.link import identities
    from storyline.link.stories import CLUSTERERS, StoryIndex, link_stories

    records = [spark_jobs._record(r) for r in tables.read(folder, "articles").to_pylist()]
    clock = time.process_time  # CPU seconds: what the costed plan needs, whatever else the machine runs
    started = clock()
    inputs = [spark_jobs._link_inputs((seq, record, None)) for seq, record in enumerate(records)]
    per_article = clock() - started
    started = clock()
    _, links = identities.link_identities([m for _, _, mentions, _, _ in inputs for m in mentions], {}, {}, 1, identities.Overrides())
    fold_people = clock() - started
    started = clock()
    placements = link_stories([story for _, _, _, story, _ in inputs], StoryIndex(), CLUSTERERS[STORY_CLUSTERER])
    fold_stories = clock() - started
    started = clock()
    spark_jobs._link_claims([(seq, record_id, stored) for seq, record_id, _, _, stored in inputs], links, {p.article: p.story for p in placements})
    fold_claims = clock() - started
    n = len(records)
    print(f"link      {1000 * per_article / n:7.2f} CPU ms/article on executors (mentions, placement input, MiniLM vector, statements); "
          f"driver folds: identities {1000 * fold_people / n:.2f}, stories {1000 * fold_stories / n:.2f}, "
          f"claims {1000 * fold_claims / n:.2f} CPU ms/article ({n} articles; {load()})")


def main() -> int:
    args = polnear_arguments(__doc__, 200)
    if args is None:
        return 2
    from storyline.analyze import analyze_documents
    from storyline.ingest.document import Document
    from storyline.ingest.warc import html_document

    documents = polnear_documents(args.polnear, args.compartment, args.limit)
    n = len(documents)
    print(f"{n} PolNeAR texts ({sum(len(d.text) for d in documents) / n:.0f} characters on average); "
          f"cpu cores available: {len(os.sched_getaffinity(0))}; {load()}")
    with tempfile.TemporaryDirectory(prefix="spark-bench-") as folder:
        jsonl = Path(folder) / "input.jsonl"  # the texts stay in the temp folder, never in the repository
        with open(jsonl, "w", encoding="utf-8") as handle:
            for d in documents:
                handle.write(json.dumps({"id": d.id, "text": d.text, "title": d.title, "published": d.published, "outlet": d.outlet}) + "\n")

        pages = [_page(d) for d in documents]
        started, cpu = time.perf_counter(), time.process_time()
        extracted = [html_document(page, f"https://news.example/{i}", None, f"page{i}") for i, page in enumerate(pages)]
        print(f"extract   {rate(len(pages), time.perf_counter() - started):7.2f} pages/s      "
              f"{1000 * (time.process_time() - cpu) / len(pages):.1f} CPU ms/page (the WARC reader's HTML step, one core, "
              f"pages of {sum(map(len, pages)) / len(pages) / 1000:.0f} KB; {sum(isinstance(e, Document) for e in extracted)} articles)")
        list(analyze_documents(documents[:8]))  # load the pipeline
        best, cpu_ms = 0.0, float("inf")
        for _ in range(args.repeat):
            started, cpu = time.perf_counter(), time.process_time()
            count = sum(1 for _ in analyze_documents(documents))
            best = max(best, rate(count, time.perf_counter() - started))
            cpu_ms = min(cpu_ms, 1000 * (time.process_time() - cpu) / count)
        print(f"analyze   {best:7.2f} articles/s   {cpu_ms:.0f} CPU ms/article (one process, baseline; {load()})")
        plain = plain_rate(documents, 2, args.repeat)
        print(f"plain[2]  {plain:7.2f} articles/s   {plain / best:.2f} x analyze: two ordinary processes, no Spark "
              f"(this machine's ceiling for spark[2] / spark[1]; {load()})")
        one_stage, one_cpu, one_job = spark_rate("local[1]", documents, jsonl, Path(folder) / "out1", args.repeat)
        print(f"spark[1]  {one_stage:7.2f} articles/s   {one_stage / best:.2f} x analyze   (target >= 0.8); {one_cpu:.0f} CPU ms/article "
              f"(JVM and Python workers): analyze's CPU per article / this = {cpu_ms / one_cpu:.2f}  ({load()})")
        two_stage, two_cpu, two_job = spark_rate("local[2]", documents, jsonl, Path(folder) / "out2", args.repeat)
        print(f"spark[2]  {two_stage:7.2f} articles/s   {two_stage / one_stage:.2f} x spark[1]  (target >= 1.7); {two_cpu:.0f} CPU ms/article  ({load()})")
        print(f"job[1]    {one_job:7.2f} articles/s   whole job, local[1]")
        print(f"job[2]    {two_job:7.2f} articles/s   whole job, local[2]: {two_job / one_job:.2f} x job[1]")
        linking(Path(folder) / "out2")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
