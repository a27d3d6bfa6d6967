"""PolNeAR dev benchmark: attribution scores and throughput relative to bare spaCy small.

    PYTHONPATH=src python bench/polnear_bench.py [--data ../shared/data/polnear/dev] [--rounds 3] [--limit N]

Prints the exact/overlap P/R/F1 per role of the product (storyline.analyze_documents)
and of the trained model alone (doc._.model_attributions), then the throughput of
`pipeline.load()` (the full storyline pipeline) as a ratio to `pipeline.load_bare()` (the
small English model alone) on the same texts in the same run: the two are timed
alternately for several rounds and the median of the per-round ratios is reported, so
load from other processes on the machine affects both sides alike. Target: ratio >= 0.5.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval import polnear  # noqa: E402
from storyline.nlp import pipeline  # noqa: E402


def words_per_second(nlp, texts: list[str]) -> float:
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return words / (time.perf_counter() - started)


def throughput(texts: list[str], rounds: int) -> dict[str, float]:
    full, bare = pipeline.load(), pipeline.load_bare()
    words_per_second(full, texts[:2])  # warm both (lazy loading, caches)
    words_per_second(bare, texts[:2])
    ratios, fulls, bares = [], [], []
    for n in range(rounds):
        # alternate which side goes first so drift in machine load cancels out
        if n % 2 == 0:
            b = words_per_second(bare, texts)
            f = words_per_second(full, texts)
        else:
            f = words_per_second(full, texts)
            b = words_per_second(bare, texts)
        fulls.append(f)
        bares.append(b)
        ratios.append(f / b)
        print(f"  round {n + 1}: full {f:.0f} w/s, bare {b:.0f} w/s, ratio {f / b:.3f}", flush=True)
    return {"full": statistics.median(fulls), "bare": statistics.median(bares), "ratio": statistics.median(ratios)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "polnear" / "dev"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--skip-scores", action="store_true", help="throughput only")
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not (data / "text").is_dir():
        print(f"PolNeAR dev not found at {data}; pass --data", file=sys.stderr)
        return 2
    if not args.skip_scores:
        for raw, title in ((False, "storyline product (analyze_documents)"), (True, "trained model alone (doc._.model_attributions)")):
            print(f"== {title} on {data}")
            polnear.report(polnear.evaluate(data, args.limit, raw=raw))
    texts = [a.text for a in polnear.read_compartment(data, args.limit)]
    print(f"== throughput on {len(texts)} articles, {sum(len(t.split()) for t in texts)} words, {args.rounds} rounds")
    result = throughput(texts, args.rounds)
    verdict = "meets" if result["ratio"] >= 0.5 else "MISSES"
    print(f"median: full {result['full']:.0f} w/s, bare {result['bare']:.0f} w/s, "
          f"ratio {result['ratio']:.3f} ({verdict} the >= 0.5 target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
