"""Train the relation model's short-text head on Emergent (claim against a headline), beside the shipped network.

    OMP_NUM_THREADS=1 PYTHONPATH=src python scripts/train_relation_head.py --emergent ../shared/data/emergent

Reads the shipped vocabulary (models/relation/vocab.json), writes models/relation/head.npz (the head's
weights and the static word vectors of the IDF words, from the attribution model's static_pieces.npz)
and adds its settings and scores to config.json. NumPy only.

Scored by nested cross-validation split by claim: 5 outer folds (seed 7, the folds of
scripts/train_relation.py); within each, the inverse L2 strength C is chosen from --grid by a
cross-validation over the other four folds' claims alone (each inner fold one outer fold), and the
head fitted with it on those four folds reads the held-out fold. The outer accuracy over Emergent's
three classes is the score; no held-out claim chooses anything. The shipped head takes the C that
a 5-fold cross-validation over all claims prefers.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from storyline.link import relation as rel  # noqa: E402 (after the path insert)
from storyline.nlp import sentence_vectors  # noqa: E402
from train_relation import LABELS, load_emergent, per_class_f1  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--emergent", default=str(ROOT.parent / "shared" / "data" / "emergent"))
    p.add_argument("--model", default=str(ROOT / "src" / "storyline" / "models" / "relation"))
    p.add_argument("--grid", type=float, nargs="+", default=[0.1, 0.2, 0.3, 0.5, 1.0],
                   help="inverse L2 strengths (as scikit-learn's C) the inner cross-validation chooses from")
    p.add_argument("--steps", type=int, default=400)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-save", action="store_true")
    return p.parse_args(argv)


def word_vectors(words: list[str]) -> np.ndarray:
    """The static vector of each word (zeros for a word without word pieces), float16."""
    width = sentence_vectors._static_pieces()[0].shape[1]
    rows = [sentence_vectors._static_word(w) for w in words]
    return np.stack([r if r is not None else np.zeros(width, np.float32) for r in rows]).astype(np.float16)


def fit(x_std: np.ndarray, x_raw: np.ndarray, y: np.ndarray, c: float, steps: int):
    """Multinomial logistic regression, loss = sum of cross-entropy + |W|^2 / (2C); Adam on the full batch."""
    mean, std = x_std.mean(0), x_std.std(0) + 1e-6
    x = np.hstack([(x_std - mean) / std, x_raw]).astype(np.float32)
    n, d = x.shape
    w, b = np.zeros((d, 3), np.float32), np.zeros(3, np.float32)
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    onehot = np.eye(3, dtype=np.float32)[y]
    for step in range(1, steps + 1):
        logits = x @ w + b
        logits -= logits.max(1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(1, keepdims=True)
        g = prob - onehot
        grads = [x.T @ g + w / c, g.sum(0)]
        for k, (param, grad) in enumerate(zip((w, b), grads)):
            m[k] = 0.9 * m[k] + 0.1 * grad
            v[k] = 0.999 * v[k] + 0.001 * grad * grad
            param -= 0.05 * (m[k] / (1 - 0.9**step)) / (np.sqrt(v[k] / (1 - 0.999**step)) + 1e-8)
    return {"w": w, "b": b, "mean": mean.astype(np.float32), "std": std.astype(np.float32)}


Predict = Callable[[np.ndarray, np.ndarray, float], np.ndarray]  # (rows to fit, rows to read, C) -> labels


def choose_c(fold: np.ndarray, y: np.ndarray, folds: list[int], grid: list[float], predict: Predict) -> tuple[float, dict[str, float]]:
    """The C of `grid` with the best cross-validated accuracy over the rows of `folds` (one fold held out
    at a time, fitted on the others of `folds` only); ties go to the smaller C."""
    scores = {}
    for c in grid:
        right = sum(int((predict(np.isin(fold, folds) & (fold != k), fold == k, c) == y[fold == k]).sum()) for k in folds)
        scores[str(c)] = round(right / int(np.isin(fold, folds).sum()), 4)
    return float(max(grid, key=lambda c: (scores[str(c)], -c))), scores


def nested_cross_validation(fold: np.ndarray, y: np.ndarray, grid: list[float], predict: Predict) -> tuple[np.ndarray, list[float]]:
    """Each fold's labels read by a head fitted on the other folds with the C their own cross-validation
    chose: a held-out row never fits nor chooses anything. Returns the predictions and the C of each fold."""
    pred = np.zeros(len(y), np.int64)
    chosen = []
    for k in sorted(set(fold.tolist())):
        c, inner = choose_c(fold, y, [j for j in sorted(set(fold.tolist())) if j != k], grid, predict)
        pred[fold == k] = predict(fold != k, fold == k, c)
        chosen.append(c)
        print(f"fold {k}: C {c} (inner accuracy {inner}), accuracy {float((pred[fold == k] == y[fold == k]).mean()):.4f}", flush=True)
    return pred, chosen


def main(argv=None) -> int:
    args = parse_args(argv)
    model_dir, em_dir = Path(args.model), Path(args.emergent)
    vocab = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
    vectors = word_vectors(vocab["idf_words"])
    featurizer = rel.Featurizer(dict(zip(vocab["idf_words"], vocab["idf"])), vocab["bag"], vectors)
    emergent = load_emergent(em_dir)
    views: dict[str, rel.TextView] = {}

    def view(text: str) -> rel.TextView:
        if text not in views:
            views[text] = featurizer.view(text, short=True)  # every Emergent text trains the head
        return views[text]

    pairs = [(view(c), view(t)) for c, t, _, _ in emergent]
    dense = np.stack([featurizer.dense(c, t) for c, t in pairs])
    extra, bags, meanings = rel.head_inputs(featurizer, pairs)
    x_std, x_raw = np.hstack([dense[:, rel.HEAD_DENSE], extra]), np.hstack([bags, meanings])
    y = np.array([LABELS.index(r) for _, _, r, _ in emergent])
    long_texts = sum(1 for _, t in pairs if t.n_words > rel.SHORT_TEXT_WORDS)

    claims = sorted({cid for *_, cid in emergent})
    rng_folds = np.random.default_rng(args.seed)  # as scripts/train_relation.py draws its folds
    fold_of_claim = {cid: i % args.folds for i, cid in enumerate(rng_folds.permutation(claims))}
    fold = np.array([fold_of_claim[cid] for *_, cid in emergent])

    def predict(inside: np.ndarray, held: np.ndarray, c: float) -> np.ndarray:
        p = fit(x_std[inside], x_raw[inside], y[inside], c, args.steps)
        return rel.ShortTextHead(p).probabilities(dense[held], extra[held], bags[held], meanings[held]).argmax(1)

    pred, chosen = nested_cross_validation(fold, y, args.grid, predict)
    folds_accuracy = [round(float((pred[fold == k] == y[fold == k]).mean()), 4) for k in range(args.folds)]
    cv = {"accuracy": round(float((pred == y).mean()), 4), "folds": args.folds, "claims": len(claims), "pairs": len(y),
          "folds_accuracy": folds_accuracy, "chosen_c": chosen, "f1": per_class_f1(list(y), list(pred), [0, 1, 2]),
          "texts_over_short_words": long_texts,
          "confusion": [[int(((y == g) & (pred == q)).sum()) for q in range(3)] for g in range(3)]}
    print("emergent nested cv (head):", json.dumps(cv), flush=True)
    if args.no_save:
        return 0
    c, scores = choose_c(fold, y, list(range(args.folds)), args.grid, predict)
    print(f"shipped head: C {c} (cross-validated accuracy {scores})", flush=True)
    params = fit(x_std, x_raw, y, c, args.steps)
    np.savez_compressed(model_dir / "head.npz", word_vectors=vectors, **params)
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["short_text_head"] = {
        "short_text_words": rel.SHORT_TEXT_WORDS, "dense_features": [rel.DENSE_NAMES[k] for k in rel.HEAD_DENSE],
        "extra_features": list(rel.HEAD_EXTRA_NAMES),
        "c": c, "c_grid": args.grid, "c_cv_accuracy": scores, "steps": args.steps, "seed": args.seed,
        "emergent_pairs": len(y), "emergent_nested_cv": cv,
        "command": "OMP_NUM_THREADS=1 PYTHONPATH=src python scripts/train_relation_head.py",
    }
    config["shipped_files"]["head.npz"] = hashlib.sha256((model_dir / "head.npz").read_bytes()).hexdigest()
    config_path.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    print(f"saved to {model_dir / 'head.npz'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
