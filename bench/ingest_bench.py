"""Ingest throughput (articles/s) on PolNeAR texts, against bare spaCy small on the same texts, same run.

    OMP_NUM_THREADS=1 PYTHONPATH=src python bench/ingest_bench.py [--polnear ../shared/data/polnear] [--limit 300]

Measures, each on the same texts and after every model is loaded (steady state):
  bare      spaCy small alone (`pipeline.load_bare()`), nlp.pipe over the texts: the baseline
  analysis  storyline's pipeline (`analyze_documents`), no store
  ingest-1  `storyline ingest` work in one process: admission, hashing, analysis, storing (fresh db)
  ingest-2  the same with two worker processes (fresh db; workers started before timing)
Targets: ingest-1 >= 0.75 x bare; ingest-2 >= 1.7 x ingest-1.

    ... ingest_bench.py --stages [--limit 60] [--repeat 3]

instead prints each pipeline component's CPU seconds (best of N) for bare spaCy and for storyline on
the same texts, and the ratio of their sums: where storyline's cost over spaCy goes, without a profiler's
overhead (which inflates Python-heavy components several times).
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from storyline.ingest.document import Document  # noqa: E402


def polnear_documents(root: Path, compartment: str = "train", limit: int | None = None) -> list[Document]:
    """PolNeAR article texts as Documents, with publisher and date from metadata.tsv when present."""
    meta: dict[str, dict] = {}
    if (root / "metadata.tsv").exists():
        with open(root / "metadata.tsv", encoding="utf-8") as handle:
            meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    files = sorted((root / compartment / "text").glob("*.txt"))[:limit]
    documents = []
    for path in files:
        row = meta.get(path.stem, {})
        documents.append(
            Document(
                text=path.read_text(encoding="utf-8"),
                id=path.stem,
                title=row.get("title") or None,
                published=row.get("publication_date") or None,
                outlet=row.get("publisher") or None,
                origin=str(path),
            )
        )
    return documents


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def polnear_arguments(description: str, limit: int) -> argparse.Namespace | None:
    """The benchmarks' command line (PolNeAR folder and compartment, how many texts, best of how many
    runs); None, with a message, when PolNeAR is not there."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--compartment", default="train")
    parser.add_argument("--limit", type=int, default=limit, help=f"number of texts (default {limit})")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per measurement")
    args = parser.parse_args()
    if not (args.polnear / args.compartment / "text").is_dir():
        print(f"PolNeAR not found at {args.polnear}", file=sys.stderr)
        return None
    return args


def stage_costs(nlp, documents: list[Document], storyline: bool) -> dict[str, float]:
    """CPU seconds of each component over the documents, in batches of 16 as `analyze_documents` runs them
    (for storyline: the Doc made as it makes it, and the record built at the end)."""
    from storyline.analyze import _make_doc, parse_date
    from storyline.nlp.build import build_article

    cost = dict.fromkeys(["tokenizer", *nlp.pipe_names, *(["record"] if storyline else [])], 0.0)
    for i in range(0, len(documents), 16):
        batch = documents[i : i + 16]
        started = time.process_time()
        docs = [_make_doc(nlp, d, parse_date(d.published)) if storyline else nlp.make_doc(d.text) for d in batch]
        cost["tokenizer"] += time.process_time() - started
        for name, component in nlp.pipeline:
            started = time.process_time()
            docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(doc) for doc in docs]
            cost[name] += time.process_time() - started
        if storyline:
            started = time.process_time()
            for document, doc in zip(batch, docs):
                build_article(doc, document, document.id)
            cost["record"] += time.process_time() - started
    return cost


def stages(documents: list[Document], repeat: int) -> None:
    from storyline.nlp import pipeline

    pipelines = {"bare": (pipeline.load_bare(), False), "storyline": (pipeline.load(), True)}
    best: dict[str, dict[str, float]] = {name: {} for name in pipelines}
    for name, (nlp, storyline) in pipelines.items():  # warm caches
        stage_costs(nlp, documents[:8], storyline)
    for _ in range(repeat):
        for name, (nlp, storyline) in pipelines.items():
            for stage, seconds in stage_costs(nlp, documents, storyline).items():
                best[name][stage] = min(best[name].get(stage, seconds), seconds)
    for stage, seconds in best["storyline"].items():
        print(f"{stage:30s} {seconds:7.3f} s" + (f"   bare {best['bare'][stage]:7.3f} s" if stage in best["bare"] else ""))
    for stage in best["bare"].keys() - best["storyline"].keys():
        print(f"{stage:30s}             bare {best['bare'][stage]:7.3f} s")
    bare, ours = sum(best["bare"].values()), sum(best["storyline"].values())
    print(f"sum of components (best of {repeat}, CPU): bare {bare:.2f} s, storyline {ours:.2f} s: {bare / ours:.2f} x bare")


def main() -> int:
    if "--stages" in sys.argv:
        sys.argv.remove("--stages")
        args = polnear_arguments(__doc__, 60)
        if args is not None:
            stages(polnear_documents(args.polnear, args.compartment, args.limit), args.repeat)
        return 2 if args is None else 0
    args = polnear_arguments(__doc__, 300)
    if args is None:
        return 2

    from storyline.analyze import analyze_documents
    from storyline.jobs.ingest import ingest, make_pool, warm_up
    from storyline.nlp import pipeline
    from storyline.store import Store

    documents = polnear_documents(args.polnear, args.compartment, args.limit)
    texts = [d.text for d in documents]
    n = len(documents)
    chars = sum(map(len, texts))
    print(f"{n} PolNeAR texts ({chars / n:.0f} characters on average); cpu cores available: {len(os.sched_getaffinity(0))}")

    bare = pipeline.load_bare()
    pipeline.load()
    list(bare.pipe(texts[:8]))  # warm caches
    list(analyze_documents(documents[:8]))

    def timed(work) -> tuple[float, float]:
        """(wall seconds, CPU seconds of this process) of one run."""
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        return time.perf_counter() - wall, time.process_time() - cpu

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=16):
            pass

    def run_analysis() -> None:
        for _ in analyze_documents(documents):
            pass

    def time_ingest(jobs: int) -> tuple[float, float]:
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
            if jobs == 1:
                result = timed(lambda: ingest(store, documents, jobs=1))
            else:
                with make_pool(jobs) as pool:
                    warm_up(pool, jobs)
                    result = timed(lambda: ingest(store, documents, jobs=jobs, pool=pool))
            assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] + len(queries_failures(store)) == n
            return result

    def queries_failures(store):
        from storyline.store import queries

        return queries.failures(store, limit=n)

    # Rounds interleave the measurements so that load from other processes hits them alike; best of N each.
    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "analysis": [], "ingest-1": [], "ingest-2": []}
    for _ in range(args.repeat):
        runs["bare"].append(timed(run_bare))
        runs["analysis"].append(timed(run_analysis))
        runs["ingest-1"].append(time_ingest(1))
        runs["ingest-2"].append(time_ingest(2))
    wall = {name: min(w for w, _ in r) for name, r in runs.items()}
    cpu = {name: min(c for _, c in r) for name, r in runs.items()}
    rates = {name: rate(n, seconds) for name, seconds in wall.items()}
    for name in runs:
        cpu_note = f"  cpu {cpu[name]:7.2f} s" if name != "ingest-2" else f"  cpu {cpu[name]:7.2f} s in the main process (analysis runs in the workers)"
        print(f"{name:9s} wall {wall[name]:7.2f} s{cpu_note}  {rates[name]:7.2f} articles/s  {rates[name] / rates['bare']:.2f} x bare")
    one = rates["ingest-1"] / rates["bare"]
    one_cpu = cpu["bare"] / cpu["ingest-1"]
    two = rates["ingest-2"] / rates["ingest-1"]
    print(f"ingest-1 / bare     = {one:.2f} wall, {one_cpu:.2f} by CPU time  (target >= 0.75) {'OK' if one >= 0.75 else 'BELOW TARGET'}")
    print(f"ingest-2 / ingest-1 = {two:.2f}  (target >= 1.70) {'OK' if two >= 1.7 else 'BELOW TARGET'}")
    # On a machine whose cores are busy with other work, the measured ingest-2 ratio says little; the
    # serial share (main process: reading, hashing, storing) bounds what two workers can give on free cores.
    serial, parallel = cpu["ingest-2"], cpu["analysis"]
    projected = cpu["ingest-1"] / max(serial, parallel / 2)
    print(f"ingest-2 serial share: main process {serial:.2f} s CPU vs analysis {parallel:.2f} s CPU; "
          f"projected 2-worker speedup on free cores <= {min(projected, 2.0):.2f}")
    print(f"storing overhead: ingest-1 / analysis = {rates['ingest-1'] / rates['analysis']:.2f} wall, "
          f"{cpu['analysis'] / cpu['ingest-1']:.2f} by CPU time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
