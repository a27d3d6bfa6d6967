"""Stories benchmark: what placing articles in stories costs.

1. Ingest throughput with vs without stories, over analysed records (storyline analyze JSONL):
   store every record and link speakers (without), then the same plus the story stage (with), for
   each clusterer named. Analysis (spaCy) is the same in both arms: it is timed once on `--analyse`
   of the texts, and the whole-ingest ratio adds it to both arms (the store+link ratio alone is a
   lower bound).
2. Placement cost as the archive grows: p95 time to place one real article into a story index
   holding SMALL vs LARGE articles. The large index is generated from real records (each synthetic
   story takes a real article's words plus words of its own), not placed one by one (that would take
   hours); candidates come from the capped inverted index, so the cost should stay flat.

    PYTHONPATH=src python bench/stories_bench.py RECORDS.jsonl [--store-articles 100] [--analyse 20] [--small 10000] [--large 1000000]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from storyline.jobs import link as link_job
from storyline.link import stories as st
from storyline.record import Article
from storyline.store import Store

ORIGINAL = link_job.link_stories_job


def throughput(records: list[dict], clusterer: st.SinglePass, repeat: int = 3) -> tuple[float, float]:
    """CPU seconds to store and link `records` without stories, and with them (placed by `clusterer`),
    the best of `repeat` runs each (CPU time: the machine is shared, and both arms run in this process)."""
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for arm, spent in enumerate(_store_and_link(records, clusterer)):
            best[arm] = min(best[arm], spent)
    return best[0], best[1]


def _store_and_link(records: list[dict], clusterer: st.SinglePass) -> list[float]:
    times = []
    for with_stories in (False, True):
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "b.db") as store:
            start = time.process_time()
            for record in records:
                store.add_article(Article.from_dict(record))
            if not with_stories:
                link_job.link_stories_job = lambda store, full=False: (0, 0)  # the speakers stage alone
            else:
                link_job.link_stories_job = lambda store, full=False: ORIGINAL(store, full, clusterer=clusterer)
            try:
                link_job.link(store)
            finally:
                link_job.link_stories_job = ORIGINAL
            times.append(time.process_time() - start)
    return times


def analysis_seconds(records: list[dict]) -> float:
    """CPU seconds to analyse one article (the records' own texts), after a warm-up article."""
    from storyline.analyze import analyze

    analyze(records[0]["text"], title=records[0].get("title"))
    start = time.process_time()
    for record in records:
        analyze(record["text"], published=record.get("published"), title=record.get("title"))
    return (time.process_time() - start) / len(records)


def synthetic_index(records: list[dict], articles: int, per_story: int = 4, seed: int = 7) -> st.StoryIndex:
    """An index as if `articles` articles had been placed in stories of `per_story`, made from real records."""
    rng = random.Random(seed)
    index = st.StoryIndex()
    bases = [st.story_article(r, i) for i, r in enumerate(records)]
    for n in range(articles // per_story):
        base = bases[n % len(bases)]
        story = index.new_story()
        top = sorted(base.terms, key=lambda t: (-base.terms[t], t))[:20]
        own = [f"x{n}q{j}" for j in range(3)]  # words of this story alone
        story.terms = {t: 1.0 for t in top + own}
        story.norm = len(story.terms) ** 0.5
        story.names = {k: 1 for k in base.names}
        # fingerprints of its members, as a story placed article by article keeps them (undated probes read them)
        fingerprint = {"terms": {t: round(1.0 / len(story.terms) ** 0.5, 6) for t in (top + own)[: st.MEMBER_TERMS]},
                       "names": sorted(base.names), "places": sorted(base.places), "days": [], "numbers": sorted(base.numbers)}
        story.members = [fingerprint] * min(per_story, st.MEMBERS)
        story.articles = list(range(n * per_story, (n + 1) * per_story))
        story.first = story.last = f"2020-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for key in ["w:" + t for t in top[:10] + own] + ["n:" + k for k in sorted(base.names)]:
            index.post(key, story.id)
        for t in top + own:
            index._df[t] = index._df.get(t, 0) + per_story
    index.articles = articles
    index.flushed()
    return index


def placement_p95(index: st.StoryIndex, probes: list[st.StoryArticle]) -> float:
    clusterer = st.CLUSTERERS["single-pass"]
    times = []
    for probe in probes:  # CPU time: the machine is shared
        start = time.process_time()
        clusterer.place(probe, index)
        times.append(time.process_time() - start)
    return statistics.quantiles(times, n=20)[18]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("records")
    parser.add_argument("--store-articles", type=int, default=100)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--clusterers", default="words-only,single-pass",
                        help="comma-separated story clusterers to time (single-pass-minilm runs the transformer: slow; empty: none)")
    parser.add_argument("--analyse", type=int, default=20,
                        help="texts analysed to time the per-article analysis both arms share (0: store and link only)")
    args = parser.parse_args()
    with open(args.records, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    print(f"{len(records)} records from {args.records}", file=sys.stderr)

    analysis = analysis_seconds(records[: args.analyse]) if args.analyse else 0.0
    if analysis:
        print(f"analysis (spaCy and the attribution model, the same in both arms): {analysis * 1000:.0f} ms an article "
              f"over {args.analyse} texts")
    for name in filter(None, args.clusterers.split(",")):
        n = args.store_articles
        without, with_ = throughput(records[:n], st.CLUSTERERS[name])
        line = (f"ingest of {n} analysed records, stories by {name}: without stories {without:.2f} CPU s, with {with_:.2f}: "
                f"store+link ratio {without / with_:.3f}")
        if analysis:
            line += f"; whole-ingest ratio {(analysis * n + without) / (analysis * n + with_):.3f}"
        print(line)

    probes = [st.story_article(r, 10_000_000 + i) for i, r in enumerate(records[: args.probes])]
    results = {}
    for size in (args.small, args.large):
        start = time.perf_counter()
        index = synthetic_index(records, size)
        built = time.perf_counter() - start
        results[size] = placement_p95(index, probes)
        print(f"archive of {size:,} articles ({built:.0f} s to generate): placement p95 {results[size] * 1000:.2f} ms")
        del index
    print(f"p95 ratio {args.large:,} / {args.small:,}: {results[args.large] / results[args.small]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
