"""Throughput of the time tagger, alone and inside the spaCy pipeline.

    PYTHONPATH=src OMP_NUM_THREADS=1 python bench/timex_bench.py [--data ../shared/data] [--repeat 3]
    PYTHONPATH=src python bench/timex_bench.py --baseline OTHER/src   # tagger CPU time against another checkout

Reports the tagger's words per second on the TempEval-3 texts (and PolNeAR dev texts
when present), and the pipeline throughput of the bare small model with and without
`storyline_times`, as a ratio measured in the same run (chunks of documents, each run
alternately with and without the component, best of N per chunk), plus the component's
own time on already parsed docs as a share of the bare pipeline's time. With --baseline, the
tagger alone in this checkout and in another one (its `src` folder), each in its own process,
alternately, in CPU seconds (a busy machine slows wall-clock time far more than CPU time).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

_WORD = re.compile(r"\S+")


def timeml_texts(data: Path) -> list[tuple[str, date | None]]:
    from storyline.eval.timeml import parse

    texts = []
    for path in sorted((data / "tempeval3").rglob("*.tml")):
        document = parse(path)
        texts.append((document.text, date.fromisoformat(document.dct[:10]) if document.dct else None))
    return texts


def polnear_texts(data: Path) -> list[tuple[str, date | None]]:
    folder = data / "polnear" / "dev" / "text"
    texts = []
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        found = re.search(r"\d{4}-\d\d-\d\d", path.name)  # outlet_YYYY-MM-DD_slug.txt
        texts.append((path.read_text(encoding="utf-8"), date.fromisoformat(found.group()) if found else None))
    return texts


def tagger_speed(texts: list[tuple[str, date | None]], repeat: int, clock=time.perf_counter) -> float:
    """Words per second of `tag_times` by `clock` (wall clock, or `time.process_time` for CPU seconds), best of `repeat`."""
    from storyline.nlp.timex import tag_times

    words = sum(len(_WORD.findall(text)) for text, _ in texts)
    tag_times("warm up on Tuesday, March 9, 2021", date(2021, 3, 10))
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        for text, dct in texts:
            tag_times(text, dct)
        best = min(best, clock() - start)
    return words / best


def tagger_against(baseline: str, data: Path, repeat: int) -> tuple[float, float]:
    """Words per CPU second of this checkout's tagger and of the one under `baseline`, each in a
    fresh process (so each imports its own storyline), alternating `repeat` times, best of each."""
    this_src = str(Path(__file__).resolve().parents[1] / "src")

    def run(src: str) -> float:
        env = {**os.environ, "PYTHONPATH": src}
        out = subprocess.run([sys.executable, __file__, "--data", str(data), "--cpu-only"], env=env,
                             capture_output=True, text=True, check=True).stdout
        return float(out.split()[-1])

    mine = other = 0.0
    for _ in range(repeat):
        mine, other = max(mine, run(this_src)), max(other, run(baseline))
    return mine, other


def pipeline_ratio(texts: list[tuple[str, date | None]], repeat: int, chunk: int = 8) -> tuple[float, float, float]:
    """Words/sec of the bare small model and of the small model + storyline_times, and the component's
    own time as a share of the bare pipeline's time.

    The documents go in chunks; each chunk runs with and without the component alternately, `repeat`
    times, and keeps its best time for each: on a shared machine this filters out the bursts of other
    processes far better than timing the whole corpus once per setting.
    """
    from storyline.nlp import pipeline

    nlp = pipeline.load()
    others = [name for name in pipeline.COMPONENTS if name != "storyline_times"]
    component = nlp.get_pipe("storyline_times")
    words = sum(len(_WORD.findall(text)) for text, _ in texts)
    chunks = [texts[i:i + chunk] for i in range(0, len(texts), chunk)]

    def run(part: list[tuple[str, date | None]], disabled: list[str]) -> tuple[float, list]:
        with nlp.select_pipes(disable=disabled):
            docs = []
            for text, dct in part:
                doc = nlp.make_doc(text)
                doc._.published = dct
                docs.append(doc)
            start = time.perf_counter()
            done = list(nlp.pipe(docs, batch_size=chunk))
            return time.perf_counter() - start, done

    run(chunks[0], others + ["storyline_times"])  # warm up
    bare = timed = alone = 0.0
    for part in chunks:
        best_bare = best_timed = best_alone = float("inf")
        for round_ in range(repeat):
            settings = [others + ["storyline_times"], others]
            for disabled in settings if round_ % 2 == 0 else settings[::-1]:
                seconds, parsed = run(part, disabled)
                if "storyline_times" in disabled:
                    best_bare = min(best_bare, seconds)
                    start = time.perf_counter()
                    for doc in parsed:  # the component alone on parsed docs
                        component(doc)
                    best_alone = min(best_alone, time.perf_counter() - start)
                else:
                    best_timed = min(best_timed, seconds)
        bare, timed, alone = bare + best_bare, timed + best_timed, alone + best_alone
    return words / bare, words / timed, alone / bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pipeline-docs", type=int, default=120, help="documents for the pipeline comparison")
    parser.add_argument("--baseline", help="another checkout's src folder: compare the tagger's CPU speed with it")
    parser.add_argument("--cpu-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data = Path(args.data)
    timeml = timeml_texts(data)
    if not timeml:
        print(f"no TimeML files under {data / 'tempeval3'}")
        return 2
    if args.cpu_only:
        print(f"{tagger_speed(timeml, 3, clock=time.process_time):.0f}")
        return 0
    if args.baseline:
        if not (Path(args.baseline) / "storyline").is_dir():
            print(f"no storyline package under {args.baseline}")
            return 2
        mine, other = tagger_against(args.baseline, data, args.repeat)
        print(f"tagger on TimeML texts, CPU time: {mine:,.0f} words/s; baseline {other:,.0f} words/s; ratio {mine / other:.3f}")
        return 0
    print(f"tagger on TimeML texts ({len(timeml)} docs): {tagger_speed(timeml, args.repeat):,.0f} words/s")
    polnear = polnear_texts(data)
    if polnear:
        print(f"tagger on PolNeAR dev texts ({len(polnear)} docs): {tagger_speed(polnear, args.repeat):,.0f} words/s")
    sample = timeml[: args.pipeline_docs]
    bare, timed, share = pipeline_ratio(sample, args.repeat)
    print(f"pipeline, bare small model:          {bare:,.0f} words/s")
    print(f"pipeline, small model + times:       {timed:,.0f} words/s")
    print(f"throughput ratio (with / without):   {timed / bare:.3f}  (slowdown {100 * (1 - timed / bare):.1f}%)")
    print(f"storyline_times alone on parsed docs: {100 * share:.1f}% of the bare pipeline's time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
