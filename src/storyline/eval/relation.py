"""`storyline eval fnc1 DIR` and `storyline eval emergent DIR`: the claim–text relation model
(storyline.link.relation) scored on FNC-1 (the official relative weighted score and per-class F1,
on the hold-out split the data carries, else on every pair) and on Emergent (accuracy, per-class F1).

FNC-1's score (its scorer.py): +0.25 for telling related from unrelated, +0.75 more for the right
related class; the relative score divides by the score of the gold labels themselves.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from storyline.link.relation import LABELS, RelationModel, default_model

EMERGENT_RELATIONS = {"for": "agree", "against": "disagree", "observing": "discuss"}


def fnc_score(gold: list[str], pred: list[str]) -> float:
    score = 0.0
    for g, p in zip(gold, pred):
        if g == p:
            score += 0.25 + (0.5 if g != "unrelated" else 0.0)
        if g != "unrelated" and p != "unrelated":
            score += 0.25
    return score


def per_class_f1(gold: list[str], pred: list[str], labels=LABELS) -> dict[str, float]:
    out = {}
    for k in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == k == p)
        wrong = sum(1 for g, p in zip(gold, pred) if (g == k) != (p == k))
        out[k] = round(2 * tp / (2 * tp + wrong), 4) if tp else 0.0
    return out


def confusion(gold: list[str], pred: list[str], labels=LABELS) -> dict[str, dict[str, int]]:
    return {g: {p: sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in labels} for g in labels}


def fnc1_pairs(directory: Path, split: str = "hold_out") -> list[tuple[str, str, str]]:
    """(headline, body, stance) of the FNC-1 pairs in DIR (train_bodies.csv / train_stances.csv, or the
    competition_test_* files): those of the split's body ids when DIR has `<split>_ids.txt`, else all."""
    prefix = "train" if (directory / "train_stances.csv").exists() else "competition_test"
    bodies_file, stances_file = directory / f"{prefix}_bodies.csv", directory / f"{prefix}_stances.csv"
    for path in (bodies_file, stances_file):
        if not path.exists():
            raise FileNotFoundError(f"{path}: not found (an FNC-1 directory holds *_bodies.csv and *_stances.csv)")
    with open(bodies_file, encoding="utf-8", newline="") as f:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(f)}
    ids_file = directory / f"{split}_ids.txt"
    keep = {int(x) for x in ids_file.read_text().split()} if split != "all" and ids_file.exists() else None
    with open(stances_file, encoding="utf-8", newline="") as f:
        return [(r["Headline"], bodies[int(r["Body ID"])], r["Stance"]) for r in csv.DictReader(f)
                if keep is None or int(r["Body ID"]) in keep]


def emergent_pairs(directory: Path) -> list[tuple[str, str, str]]:
    """(claim, headline, relation) from every *.jsonl in DIR (`relation`, else `stance` mapped)."""
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"{directory}: no .jsonl files")
    out = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out.append((row["claim"], row["text"], row.get("relation") or EMERGENT_RELATIONS[row["stance"]]))
            except (ValueError, KeyError) as error:
                raise ValueError(f"{path}:{n}: not an Emergent pair ({error!r})") from None
    return out


def score_fnc1(directory: Path, split: str = "hold_out", limit: int | None = None, model: RelationModel | None = None) -> dict:
    pairs = fnc1_pairs(directory, split)[:limit]
    pred = [r.relation for r in (model or default_model()).relate([(h, b) for h, b, _ in pairs])]
    gold = [g for _, _, g in pairs]
    return {"pairs": len(pairs), "split": split, "relative_score": round(fnc_score(gold, pred) / (fnc_score(gold, gold) or 1), 4),
            "per_class_f1": per_class_f1(gold, pred), "confusion": confusion(gold, pred)}


def score_emergent(directory: Path, limit: int | None = None, model: RelationModel | None = None) -> dict:
    pairs = emergent_pairs(directory)[:limit]
    pred = [r.relation for r in (model or default_model()).relate([(c, t) for c, t, _ in pairs])]
    gold = [g for _, _, g in pairs]
    labels = ("agree", "disagree", "discuss")
    return {"pairs": len(pairs), "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / (len(pairs) or 1), 4),
            "per_class_f1": per_class_f1(gold, pred, labels), "confusion": confusion(gold, pred)}


def register(corpora: argparse._SubParsersAction) -> None:
    fnc1 = corpora.add_parser("fnc1", help="the relation model on FNC-1: relative weighted score and per-class F1 (the hold-out split by default)")
    fnc1.add_argument("directory", help="e.g. ../shared/data/fnc1")
    fnc1.add_argument("--split", default="hold_out", help="hold_out (default), training, or all")
    fnc1.add_argument("--limit", type=int, default=None, help="score only the first N pairs")
    fnc1.set_defaults(func=lambda args: _run(args, lambda: score_fnc1(Path(args.directory), args.split, args.limit)))
    emergent = corpora.add_parser("emergent", help="the relation model on Emergent claims and headlines: accuracy, per-class F1 "
                                  "(the shipped model was trained on ../shared/data/emergent: score held-out claims)")
    emergent.add_argument("directory", help="a directory of Emergent .jsonl files")
    emergent.add_argument("--limit", type=int, default=None, help="score only the first N pairs")
    emergent.set_defaults(func=lambda args: _run(args, lambda: score_emergent(Path(args.directory), args.limit)))


def _run(args: argparse.Namespace, score) -> int:
    try:
        result = score()
    except (FileNotFoundError, ValueError) as error:
        print(f"storyline: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=1))
    return 0
