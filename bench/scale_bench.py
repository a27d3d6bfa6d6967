"""Analysis time per word as a text grows, as ratios against the smallest size (flat = linear cost).

    OMP_NUM_THREADS=1 PYTHONPATH=src python bench/scale_bench.py [--sizes 5,20,80,320,1000] [--repeat 1] [--no-gc]

The text repeats a short news paragraph with a quoted statement, a named speaker and a date, so the
number of statements, entities and quotes grows with its length: any step that compares every
statement (or entity, or quote) with every other shows up as a rising ratio. Sizes are in KB of text
(1000 KB is just under analyze's 1,000,000-character limit). The first size is the baseline of
the same run; nothing here is a pass/fail test. Times are the process's CPU time (analysis runs in
one thread with OMP_NUM_THREADS=1), so a busy shared machine slows the wall clock, not the figures. Python's cyclic garbage collector scans every live
object (the models' and the Doc's) and runs more often for a bigger Doc, which adds a slow rise
of its own; --no-gc turns it off while timing, to tell storyline's cost from the collector's.
spaCy's own components (tok2vec, parser, ner) also cost a little more per word on a very long Doc, so
each size also times bare spaCy small (`pipeline.load_bare()`) on the same text: the last column,
storyline's time over bare spaCy's, is flat when storyline's own steps are linear.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

# Made up for this benchmark: named, pronoun and described speakers, a quote continued without a cue, dates.
PARAGRAPHS = [
    '"We will not close the harbor this year," Mayor Ellen Park said on Monday.',
    '"The port is the heart of this city. I will fight for every job in it."',
    "Park, who has led the city since 2019, told reporters the budget was sound.",
    "She said the council would vote on the plan in April.",
    'The Port Authority said in a statement that it "has no plans" to cut jobs.',
    "It added that talks with the union would resume next week.",
    '"It is too early to say," said Tom Reyes, a spokesman for the union, adding that talks would resume in March.',
    "The spokesman declined to comment further.",
]


def synthetic_text(kilobytes: float) -> str:
    """About `kilobytes` KB of news-like text, made of whole paragraphs."""
    target = int(kilobytes * 1000)
    pieces: list[str] = []
    size = 0
    index = 0
    while size < target:
        paragraph = PARAGRAPHS[index % len(PARAGRAPHS)]
        pieces.append(paragraph)
        size += len(paragraph) + 2
        index += 1
    return "\n\n".join(pieces)[: min(target, 999_999)]


def time_analysis(text: str, repeat: int) -> float:
    from storyline.analyze import analyze

    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        analyze(text, published="2021-03-08", id="scale")
        best = min(best, time.process_time() - start)
    return best


def time_bare(text: str, repeat: int) -> float:
    from storyline.nlp.pipeline import load_bare

    nlp = load_bare()
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        nlp(text)
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5,20,80,320,1000", help="text sizes in KB, comma-separated; the first is the baseline")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per size")
    parser.add_argument("--no-gc", action="store_true", help="cyclic garbage collection off while timing")
    parser.add_argument("--bare", action="store_true", help="also time bare spaCy small on each text (the baseline)")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="stop growing once one size takes longer than this")
    args = parser.parse_args()
    sizes = [float(size) for size in args.sizes.split(",")]

    from storyline.analyze import analyze

    analyze(synthetic_text(2), published="2021-03-08")  # load the models and warm caches before timing
    if args.bare:
        time_bare(synthetic_text(2), 1)
    if args.no_gc:
        gc.collect()
        gc.disable()
    print(f"{'KB':>7} {'words':>8} {'cpu s':>9} {'us/word':>9} {'ratio':>6}" + (f" {'bare us/word':>13} {'vs bare':>8}" if args.bare else ""))
    baseline = None
    for kilobytes in sizes:
        text = synthetic_text(kilobytes)
        words = len(text.split())
        seconds = time_analysis(text, args.repeat)
        per_word = seconds / words * 1e6
        baseline = baseline or per_word
        row = f"{len(text) / 1000:7.0f} {words:8d} {seconds:9.2f} {per_word:9.1f} {per_word / baseline:6.2f}"
        if args.bare:
            bare = time_bare(text, args.repeat)
            row += f" {bare / words * 1e6:13.1f} {seconds / bare:8.2f}"
        print(row, flush=True)
        if seconds > args.max_seconds:
            print(f"stopped: {seconds:.0f} s at {kilobytes:g} KB exceeds --max-seconds", flush=True)
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
