"""Claims benchmark: ingest throughput with claim linking vs without it (issue 16: at least 0.85).

Over analysed records (storyline analyze JSONL): store every record and run the link job without its
claims stage, then the same with it, in fresh archives, alternating the order over `--rounds`; CPU
time. Analysis (spaCy) is the same in both arms: the store+link ratio printed first is a lower bound;
the whole-ingest ratio adds the analysis CPU time of the records' texts, measured here on a sample.

    PYTHONPATH=src python bench/claims_bench.py RECORDS.jsonl [--rounds 2] [--analysis-sample 10]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from storyline.jobs import link as link_job
from storyline.record import Article
from storyline.store import Store

ORIGINAL = link_job.link_claims_job


def store_and_link(records: list[dict], claims: bool) -> tuple[float, int]:
    """CPU seconds to store and link the records; claim links made."""
    link_job.link_claims_job = ORIGINAL if claims else (lambda store, full=False: (0, 0))
    try:
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "b.db") as store:
            start = time.process_time()
            for record in records:
                store.add_article(Article.from_dict(record))
                link_job.link(store)  # at ingest: link after every article, as `storyline ingest` of one file each time
            seconds = time.process_time() - start
            return seconds, store.conn.execute("SELECT count(*) FROM claim_links").fetchone()[0]
    finally:
        link_job.link_claims_job = ORIGINAL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("records", help="analysed records, JSONL (storyline analyze)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--analysis-sample", type=int, default=10, help="records whose texts are analysed again to time analysis")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in Path(args.records).read_text(encoding="utf-8").splitlines() if line.strip()][: args.limit]
    without, with_claims, links = [], [], 0
    for r in range(args.rounds):
        for claims in ((False, True) if r % 2 == 0 else (True, False)):
            seconds, made = store_and_link(records, claims)
            (with_claims if claims else without).append(seconds)
            links = made if claims else links
    base, claimed = min(without), min(with_claims)
    print(f"store + link of {len(records)} articles (linked after each): without claims {base:.2f} s CPU, with {claimed:.2f} s "
          f"({links} claim links); throughput ratio {base / claimed:.3f} (store + link only: a lower bound)")
    if args.analysis_sample:
        import storyline

        sample = records[: args.analysis_sample]
        storyline.analyze(sample[0]["text"][:200])  # models loaded before timing
        start = time.process_time()
        for record in sample:
            storyline.analyze(record["text"], published=record.get("published"), title=record.get("title"))
        per_article = (time.process_time() - start) / len(sample)
        analysis = per_article * len(records)
        print(f"analysis: {per_article:.3f} s CPU per article ({len(sample)} timed); whole ingest throughput ratio "
              f"{(analysis + base) / (analysis + claimed):.3f} (target 0.85)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
