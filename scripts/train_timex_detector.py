"""Train the time-expression span detector (`storyline.nlp.timex.detector`) on TimeBank + AQUAINT.

    PYTHONPATH=src python scripts/train_timex_detector.py [--data ../shared/data] [--folds 5] [--epochs 6] [--save]

With --folds N it first cross-validates by document (train on N-1 folds, score the held-out
fold) and prints the strict / relaxed span F1 of the rules alone and of the rules combined with
the detector, so the choice is made on text the detector was not fitted to. With --save it
trains on all documents and writes `src/storyline/models/timex/detector.json` (training data
never goes into the repository: only feature weights).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from storyline.eval.timeml import Score, Timex, find_files, parse, score_document
from storyline.nlp.timex import tag_times
from storyline.nlp.timex.detector import TAGS, Perceptron, bio, token_features, tokenize, with_history
from storyline.nlp.timex.patterns import windows

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "models" / "timex" / "detector.json"


def sequences(document) -> list[tuple[list[list[str]], list[str], list[tuple[int, int]]]]:
    """Per window of the document: token feature rows, gold BIO tags, token spans."""
    rules = tag_times(document.text, document.dct, use_detector=False)
    rule_spans = [(t.start, t.end) for t in rules]
    gold_spans = [(g.start, g.end) for g in document.gold]
    out = []
    for start, end in windows(document.text):
        tokens = tokenize(document.text, start, end)
        if not tokens:
            continue
        words = [document.text[s:e] for s, e in tokens]
        rows = token_features(words, bio(tokens, rule_spans))
        out.append((rows, bio(tokens, gold_spans), tokens))
    return out


def train(data: list, epochs: int, seed: int = 0) -> Perceptron:
    """Averaged perceptron, greedy decoding with the gold history during training."""
    weights: dict[str, dict[str, float]] = defaultdict(dict)
    totals: dict[tuple[str, str], float] = defaultdict(float)
    stamps: dict[tuple[str, str], int] = defaultdict(int)
    model = Perceptron(weights)
    step = 0
    rng = random.Random(seed)
    order = list(data)
    for _ in range(epochs):
        rng.shuffle(order)
        for rows, gold, _ in order:
            previous, before = "O", "O"
            for row, truth in zip(rows, gold):
                step += 1
                features = with_history(row, previous, before)
                guess = model.best(features, previous)
                if guess != truth:
                    for feature in features:
                        for tag, delta in ((truth, 1.0), (guess, -1.0)):
                            key = (feature, tag)
                            totals[key] += (step - stamps[key]) * weights[feature].get(tag, 0.0)
                            stamps[key] = step
                            weights[feature][tag] = weights[feature].get(tag, 0.0) + delta
                before, previous = previous, truth
    averaged: dict[str, dict[str, float]] = {}
    for feature, by_tag in weights.items():
        for tag, weight in by_tag.items():
            key = (feature, tag)
            total = totals[key] + (step - stamps[key]) * weight
            value = round(total / step, 3)
            if value:
                averaged.setdefault(feature, {})[tag] = value
    return Perceptron(averaged)


def evaluate(documents: list, model: Perceptron | None) -> Score:
    total = Score()
    for document in documents:
        predicted = tag_times(document.text, document.dct, detector=model, use_detector=model is not None)
        total.add(score_document(document.gold, [Timex(t.start, t.end, t.text, t.type, t.value) for t in predicted]))
    return total


def line(name: str, score: Score) -> str:
    return (f"{name:<28} strict {score.strict_prf()[2]:.3f}  relaxed {score.relaxed_prf()[2]:.3f}  "
            f"type {score.attribute_f1(score.type_correct):.3f}  value {score.attribute_f1(score.value_correct):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    root = Path(args.data) / "tempeval3"
    files = find_files([str(root / "TimeBank"), str(root / "AQUAINT")])
    if not files:
        print(f"no TimeML files under {root}", file=sys.stderr)
        return 2
    documents = [parse(path) for path in files]
    prepared = [sequences(d) for d in documents]
    if args.folds > 1:
        rules, combined = Score(), Score()
        for fold in range(args.folds):
            held = [i for i in range(len(documents)) if i % args.folds == fold]
            train_data = [s for i in range(len(documents)) if i % args.folds != fold for s in prepared[i]]
            model = train(train_data, args.epochs)
            rules.add(evaluate([documents[i] for i in held], None))
            combined.add(evaluate([documents[i] for i in held], model))
        print(f"{args.folds}-fold cross-validation by document ({len(documents)} documents):")
        print(line("rules alone", rules))
        print(line("rules + detector", combined))
    if args.save:
        model = train([s for p in prepared for s in p], args.epochs)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({"tags": TAGS, "epochs": args.epochs, "weights": model.weights},
                                  separators=(",", ":"), sort_keys=True), encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB, {len(model.weights)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
