"""Timeline summary cost against ingest cost, same articles, same run (issue 17).

    OMP_NUM_THREADS=1 PYTHONPATH=src python bench/tls_bench.py [--topic ../shared/data/timeline17/bpoil] [--limit 200]

Measures CPU seconds of this process (wall time is useless on a shared machine), after the models load:
  ingest     `storyline ingest` work in one process (analysis + storing) of the first N articles, fresh db
  summary    `storyline timeline --summary` work over the same archive: read the records, summarize
             (default N dates and K sentences), each run three times, the median
Target: summary / ingest < 0.1 (the issue: summarizing 1,000 archived articles takes under a tenth of
the time ingesting them took). Both costs grow linearly in N, so a smaller N gives the same ratio.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from storyline.ingest.document import Document  # noqa: E402


def documents(topic: Path, limit: int) -> list[Document]:
    docs = []
    with (topic / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if len(docs) == limit:
                break
            a = json.loads(line)
            docs.append(Document(text=a["text"], id=a["id"], title=a.get("title"), published=a.get("published"),
                                 outlet=a.get("outlet", a.get("source")), origin=f"{topic.name}/{a['id']}"))
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topic", default=str(REPO.parent / "shared/data/timeline17/bpoil"))
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    topic = Path(args.topic)
    if not (topic / "articles.jsonl").exists():
        print(f"tls_bench: no {topic / 'articles.jsonl'} (Timeline17 is in ../shared/data/timeline17)", file=sys.stderr)
        return 2
    from storyline.jobs.ingest import ingest
    from storyline.link.timelines import summarize_records
    from storyline.nlp.pipeline import load
    from storyline.store import Store, queries

    docs = documents(topic, args.limit)
    load()  # the models load before timing (ingest's one-process path uses the same pipeline)
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(Path(tmp) / "bench.db") as store:
            start = time.process_time()
            summary = ingest(store, iter(docs), jobs=1)
            ingest_s = time.process_time() - start
            runs = []
            for _ in range(3):
                start = time.process_time()
                days = summarize_records(queries.timeline_records(store))
                runs.append(time.process_time() - start)
            summary_s = statistics.median(runs)
    print(f"articles: {len(docs)} ({topic.name}); {summary}")
    print(f"ingest   {ingest_s:8.2f} CPU s  ({len(docs) / ingest_s:.1f} articles/s)")
    print(f"summary  {summary_s:8.3f} CPU s  ({len(days)} dates)")
    print(f"ratio summary/ingest: {summary_s / ingest_s:.4f} (target < 0.1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
