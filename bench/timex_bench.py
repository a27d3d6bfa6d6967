"""Throughput of the time tagger, alone and inside the spaCy pipeline.

    PYTHONPATH=src OMP_NUM_THREADS=1 python bench/timex_bench.py [--data ../shared/data] [--repeat 3]

Reports the tagger's words per second on the TempEval-3 texts (and PolNeAR dev texts
when present), and the pipeline throughput of the bare small model with and without
`storyline_times`, as a ratio measured in the same run (alternating, best of N).
"""
from __future__ import annotations

import argparse
import re
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


def tagger_speed(texts: list[tuple[str, date | None]], repeat: int) -> float:
    from storyline.nlp.timex import tag_times

    words = sum(len(_WORD.findall(text)) for text, _ in texts)
    tag_times("warm up on Tuesday, March 9, 2021", date(2021, 3, 10))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text, dct in texts:
            tag_times(text, dct)
        best = min(best, time.perf_counter() - start)
    return words / best


def pipeline_ratio(texts: list[tuple[str, date | None]], repeat: int) -> tuple[float, float]:
    """(words/sec bare small model, words/sec small model + storyline_times)."""
    from storyline.nlp import pipeline

    nlp = pipeline.load()
    others = [name for name in pipeline.COMPONENTS if name != "storyline_times"]
    words = sum(len(_WORD.findall(text)) for text, _ in texts)

    def run(disabled: list[str]) -> float:
        with nlp.select_pipes(disable=disabled):
            docs = []
            for text, dct in texts:
                doc = nlp.make_doc(text)
                doc._.published = dct
                docs.append(doc)
            start = time.perf_counter()
            for _ in nlp.pipe(docs, batch_size=16):
                pass
            return time.perf_counter() - start

    run(others + ["storyline_times"])  # warm up
    bare, timed = float("inf"), float("inf")
    for _ in range(repeat):
        bare = min(bare, run(others + ["storyline_times"]))
        timed = min(timed, run(others))
    return words / bare, words / timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pipeline-docs", type=int, default=120, help="documents for the pipeline comparison")
    args = parser.parse_args()
    data = Path(args.data)
    timeml = timeml_texts(data)
    if not timeml:
        print(f"no TimeML files under {data / 'tempeval3'}")
        return 2
    print(f"tagger on TimeML texts ({len(timeml)} docs): {tagger_speed(timeml, args.repeat):,.0f} words/s")
    polnear = polnear_texts(data)
    if polnear:
        print(f"tagger on PolNeAR dev texts ({len(polnear)} docs): {tagger_speed(polnear, args.repeat):,.0f} words/s")
    sample = timeml[: args.pipeline_docs]
    bare, timed = pipeline_ratio(sample, args.repeat)
    print(f"pipeline, bare small model:          {bare:,.0f} words/s")
    print(f"pipeline, small model + times:       {timed:,.0f} words/s")
    print(f"throughput ratio (with / without):   {timed / bare:.3f}  (slowdown {100 * (1 - timed / bare):.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
