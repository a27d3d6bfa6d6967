"""How far annotators following the TimeML guidelines agree with MEANTIME's gold (issue 19's check set).

    PYTHONPATH=src python bench/timex_agreement.py                      # scores bench/agreement/meantime_*.jsonl
    PYTHONPATH=src python bench/timex_agreement.py --tagger             # ... and storyline's tagger beside them
    PYTHONPATH=src python bench/timex_agreement.py --export DIR         # blind input for annotators: docs.jsonl
    PYTHONPATH=src python bench/timex_agreement.py --collect DIR/J4.jsonl ...   # keep offsets, type, value only

Issue 19's targets on MEANTIME (strict 0.88, relaxed 0.95, value 0.85) are scored with `eval meantime`'s
definitions. Two annotators, working alone from the annotated part of each article (the title, date line
and first sentences, exported without any annotation) and the TimeML 1.2.1 guidelines, mark every TIMEX3;
each is scored against MEANTIME's gold with the same scorer and filters as the tagger (`score_document`;
predictions after the annotated part or on the date line are not scored), and against each other. Only
aggregate numbers are printed: MEANTIME stays a check set whose individual errors nobody reads.

The annotation files hold names, offsets, types and values only (no text of the corpus).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEANTIME = ROOT.parent / "shared" / "data" / "meantime"
ANNOTATIONS = ROOT / "bench" / "agreement"

from storyline.eval.meantime import MeantimeDocument, _inside, parse  # noqa: E402
from storyline.eval.timeml import Score, Timex, find_files, predict, report, score_document  # noqa: E402


def documents(data: Path = MEANTIME) -> dict[str, MeantimeDocument]:
    return {m.document.name: m for m in map(parse, find_files([str(data)], ".xml"))}


def export(docs: dict[str, MeantimeDocument], out: Path) -> None:
    """The annotated part of each article, without its annotation: what an annotator is given."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "docs.jsonl", "w", encoding="utf-8") as handle:
        for name, m in docs.items():
            handle.write(json.dumps({"name": name, "dct": m.document.dct, "date_line": list(m.creation) if m.creation else None,
                                     "text": m.document.text[:m.annotated_end]}) + "\n")


def read_annotations(path: Path, docs: dict[str, MeantimeDocument]) -> dict[str, list[Timex]]:
    """An annotator's TIMEX3s by document; a line naming an unknown document or a span outside its text is an error."""
    out: dict[str, list[Timex]] = {name: [] for name in docs}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            m = docs.get(item["name"])
            if m is None or not 0 <= item["start"] < item["end"] <= m.annotated_end:
                raise ValueError(f"{path}:{number}: {item['name']!r} {item['start']}-{item['end']} is not in an annotated part")
            text = m.document.text[item["start"]:item["end"]]
            if "text" in item and item["text"] != text:
                raise ValueError(f"{path}:{number}: offsets give {text!r}, the annotator wrote {item['text']!r}")
            out[item["name"]].append(Timex(item["start"], item["end"], text, item["type"], item.get("value")))
    return out


def scored(m: MeantimeDocument, timexes: list[Timex]) -> list[Timex]:
    """As `eval meantime` filters the tagger's output: the annotated part, never the date line."""
    return [t for t in timexes if t.start < m.annotated_end and not _inside(t, m.creation)]


def per_document(gold: dict[str, list[Timex]], predicted: dict[str, list[Timex]], docs: dict[str, MeantimeDocument]) -> list[Score]:
    return [score_document(scored(m, gold[name]), scored(m, predicted[name])) for name, m in docs.items()]


def total(scores: list[Score]) -> Score:
    out = Score()
    for score in scores:
        out.add(score)
    return out


def agreement(gold: dict[str, list[Timex]], predicted: dict[str, list[Timex]], docs: dict[str, MeantimeDocument]) -> Score:
    return total(per_document(gold, predicted, docs))


def intervals(scores: list[Score], rounds: int = 1000) -> dict[str, tuple[float, float]]:
    """95% intervals of strict, relaxed and value F1, resampling whole documents (seeded): with about
    140 expressions a few either way move F1 by a point."""
    rng = random.Random(19)
    draws: dict[str, list[float]] = {"strict": [], "relaxed": [], "value": []}
    for _ in range(rounds):
        drawn = total([rng.choice(scores) for _ in scores])
        draws["strict"].append(drawn.strict_prf()[2])
        draws["relaxed"].append(drawn.relaxed_prf()[2])
        draws["value"].append(drawn.attribute_f1(drawn.value_correct))
    return {k: (sorted(v)[int(0.025 * rounds)], sorted(v)[int(0.975 * rounds) - 1]) for k, v in draws.items()}


def interval_line(scores: list[Score]) -> str:
    return "95% intervals (documents resampled): " + ", ".join(f"{k} {lo:.3f}-{hi:.3f}" for k, (lo, hi) in intervals(scores).items())


def collect(paths: list[Path], docs: dict[str, MeantimeDocument]) -> None:
    """Copy annotators' files into bench/agreement/ with the corpus text left out."""
    for path in paths:
        marked = read_annotations(path, docs)  # checks every line first
        target = ANNOTATIONS / f"meantime_{path.stem}.jsonl"
        with open(target, "w", encoding="utf-8") as handle:
            for name, timexes in marked.items():
                for t in timexes:
                    handle.write(json.dumps({"name": name, "start": t.start, "end": t.end, "type": t.type, "value": t.value}) + "\n")
        print(f"{path} -> {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=MEANTIME)
    parser.add_argument("--export", type=Path, metavar="DIR")
    parser.add_argument("--collect", type=Path, nargs="+", metavar="FILE")
    parser.add_argument("--tagger", action="store_true", help="also storyline's tagger, with the same intervals")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no MEANTIME at {args.data}", file=sys.stderr)
        return 2
    docs = documents(args.data)
    if args.export:
        export(docs, args.export)
        return 0
    if args.collect:
        collect(args.collect, docs)
    gold = {name: m.document.gold for name, m in docs.items()}
    annotators = {p.stem.removeprefix("meantime_"): read_annotations(p, docs) for p in sorted(ANNOTATIONS.glob("meantime_*.jsonl"))}
    for name, marked in annotators.items():
        scores = per_document(gold, marked, docs)
        print(f"== annotator {name} against MEANTIME's gold\n{report(total(scores))}\n{interval_line(scores)}\n")
    if args.tagger:
        tagged = {m.document.name: p for m, p in zip(docs.values(), predict([m.document for m in docs.values()]))}
        scores = per_document(gold, tagged, docs)
        print(f"== storyline's tagger against MEANTIME's gold\n{report(total(scores))}\n{interval_line(scores)}\n")
    names = sorted(annotators)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            print(f"== annotator {b} against annotator {a} (as gold)\n{report(agreement(annotators[a], annotators[b], docs))}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
