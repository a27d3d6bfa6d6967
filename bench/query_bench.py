"""Query latency (p50/p95 ms) on a large archive built by bench/build_query_store.py.

    PYTHONPATH=src python bench/build_query_store.py --db out/bench/query.db --statements 1000000
    PYTHONPATH=src python bench/query_bench.py --db out/bench/query.db

Queries, as the CLI and the API run them (first page):
  statements --speaker NAME      full names of speakers drawn by popularity and uniformly, and surnames
  search TEXT                    one or two content words (not function words) drawn from the archive's own text
  timeline --speaker NAME        as above, oldest first
  timeline --about WORD          a content word
  articles --offset N            the web's article list: one of its first 20 pages
  articles --about WORD          the web's article list filtered by a content word
Target: p95 <= 50 ms each.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=REPO / "out" / "bench" / "query.db")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind (default 200)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if not args.db.exists():
        print(f"no archive at {args.db}: build it with bench/build_query_store.py", file=sys.stderr)
        return 2

    from storyline.store import Store, admission, queries

    rng = random.Random(args.seed)
    with Store.open(args.db, read_only=True) as store:
        stats = queries.stats(store)
        print(f"{args.db}: {stats.articles} articles, {stats.statements} statements, {stats.people} people")
        people = store.conn.execute("SELECT name, statement_count FROM speakers WHERE statement_count > 0").fetchall()
        names, counts = [p[0] for p in people], [p[1] for p in people]
        # Word sample for searches: content words (5+ letters) from random statements, as users would type them.
        sample = store.conn.execute(
            "SELECT content FROM statements WHERE id IN (SELECT abs(random()) % (SELECT max(id) FROM statements) FROM statements LIMIT 2000)"
        ).fetchall()
        stop = admission.stopwords()  # nobody searches for "would"
        words = [w.lower() for (content,) in sample for w in re.findall(r"[A-Za-z]{5,}", content) if w.lower() not in stop]

        def speakers() -> list[str]:
            chosen = []
            for i in range(args.queries):
                if i % 3 == 0:
                    chosen.append(rng.choices(names, weights=counts)[0])  # popular speakers, often asked for
                elif i % 3 == 1:
                    chosen.append(rng.choice(names))  # any speaker
                else:
                    chosen.append(rng.choice(names).split()[-1])  # surname only: may match several people
            return chosen

        def texts() -> list[str]:
            return [" ".join(rng.sample(words, 1 if i % 2 else 2)) for i in range(args.queries)]

        kinds = {
            "statements --speaker": (speakers(), lambda q: queries.statements(store, speaker=q, limit=50)),
            "search": (texts(), lambda q: queries.search(store, q, limit=20)),
            "timeline --speaker": (speakers(), lambda q: queries.timeline(store, speaker=q, limit=100)),
            "timeline --about": ([rng.choice(words) for _ in range(args.queries)], lambda q: queries.timeline(store, about=q, limit=100)),
            "articles --offset": ([50 * rng.randrange(20) for _ in range(args.queries)], lambda q: queries.articles(store, limit=50, offset=q)),
            "articles --about": ([rng.choice(words) for _ in range(args.queries)], lambda q: queries.articles(store, about=q, limit=50)),
        }
        failed = False
        for kind, (inputs, run) in kinds.items():
            run(inputs[0])  # warm the page cache for this kind
            timings, sizes = [], []
            for query in inputs:
                start = time.perf_counter()
                result = run(query)
                timings.append((time.perf_counter() - start) * 1000)
                sizes.append(len(result))
            p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
            failed |= p95 > 50
            print(f"{kind:22s} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  max {max(timings):7.1f} ms  "
                  f"results/query {statistics.mean(sizes):.1f}  {'OK' if p95 <= 50 else 'ABOVE TARGET'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
