"""Train storyline's claim–text relation model (FNC-1 + Emergent), pick epochs on FNC-1's hold-out, ship it.

    OMP_NUM_THREADS=1 PYTHONPATH=src python scripts/train_relation.py \
        --fnc1 ../shared/data/fnc1 --emergent ../shared/data/emergent --out src/storyline/models/relation

NumPy only. FNC-1: train on the bodies of training_ids.txt, choose the number of epochs by the
official relative score on hold_out_ids.txt (never the competition test, which we do not have).
Emergent (claim vs. a headline; no 'unrelated'): 5-fold cross-validation split by claim_id, each
fold's model trained on FNC-1 train plus the other folds; accuracy over its three classes. The
shipped model is trained on FNC-1 train plus all of Emergent with the chosen epochs, and its
hold-out score is reported (the hold-out never trains it). The IDF table and the bag-of-words
vocabulary come from FNC-1's training part only. Pair features are cached under --cache.
Then rerun scripts/train_relation_head.py: the short-text head reads this vocabulary and adds itself to
config.json.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.link import relation as rel  # noqa: E402 (after the path insert)
from storyline.wordlists import word_set  # noqa: E402

LABELS = list(rel.LABELS)
EMERGENT_RELATED = [0, 1, 2]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--fnc1", default=str(ROOT.parent / "shared" / "data" / "fnc1"))
    p.add_argument("--emergent", default=str(ROOT.parent / "shared" / "data" / "emergent"))
    p.add_argument("--out", default=str(ROOT / "src" / "storyline" / "models" / "relation"))
    p.add_argument("--cache", default="/tmp/storyline-relation")
    p.add_argument("--bag", type=int, default=3000, help="bag-of-words vocabulary size")
    p.add_argument("--hidden", type=int, default=100)
    p.add_argument("--epochs", type=int, default=30, help="most epochs; the best on the hold-out is kept")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--l2", type=float, default=1e-5)
    p.add_argument("--dropout", type=float, default=0.4)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--emergent-weight", type=float, default=4.0, help="sample weight of an Emergent pair")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-cv", action="store_true", help="skip the Emergent cross-validation")
    p.add_argument("--no-save", action="store_true")
    p.add_argument("--fold-limit", type=int, help="cross-validate only the first N folds (quick experiments)")
    p.add_argument("--cv-only", type=int, metavar="EPOCHS", help="only the Emergent cross-validation, EPOCHS per fold")
    return p.parse_args(argv)


# -- data -----------------------------------------------------------------------------------------

def load_fnc1(directory: Path):
    bodies = {}
    with open(directory / "train_bodies.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            bodies[int(row["Body ID"])] = row["articleBody"]
    pairs = []
    with open(directory / "train_stances.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            pairs.append((row["Headline"], int(row["Body ID"]), row["Stance"]))
    split = {name: {int(x) for x in (directory / f"{name}_ids.txt").read_text().split()} for name in ("training", "hold_out")}
    return bodies, pairs, split


def load_emergent(directory: Path):
    rows = [json.loads(line) for line in (directory / "emergent_train.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["claim"], r["text"], r["relation"], r["claim_id"]) for r in rows]


def fnc_score(gold: list[int], pred: list[int]) -> float:
    """The official FNC-1 score (scorer.py): +0.25 related/unrelated right, +0.75 the related class right."""
    score = 0.0
    for g, t in zip(gold, pred):
        if g == t:
            score += 0.25
            if g != 3:
                score += 0.50
        if g != 3 and t != 3:
            score += 0.25
    return score


def relative_score(gold, pred) -> float:
    best = fnc_score(gold, gold)
    return fnc_score(gold, pred) / best


def per_class_f1(gold, pred, labels=range(4)) -> dict[str, float]:
    out = {}
    for k in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == k and p == k)
        fp = sum(1 for g, p in zip(gold, pred) if g != k and p == k)
        fn = sum(1 for g, p in zip(gold, pred) if g == k and p != k)
        out[LABELS[k]] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- vocabulary -----------------------------------------------------------------------------------

def build_vocabulary(texts: list[str], bag_size: int):
    df = Counter()
    for text in texts:
        df.update(set(rel.words(text)))
    n = len(texts)
    kept = sorted(w for w, c in df.items() if c >= 2)
    idf = {w: round(math.log((n + 1) / (df[w] + 1)) + 1.0, 4) for w in kept}
    stop = word_set("stopwords_en.txt")
    cues = set().union(*rel._cues().values())
    # ties broken by the word: the vocabulary's order must not depend on the process's string hashing
    ranked = sorted(df, key=lambda w: (-df[w], w))
    candidates = [w for w in ranked if (w not in stop or w in cues) and not w.isdigit()]
    return idf, candidates[:bag_size]


# -- features -------------------------------------------------------------------------------------

class Table:
    """Unique texts, their views' bags as one matrix; pairs as (claim row, text row, dense features)."""

    def __init__(self, featurizer: rel.Featurizer):
        self.f = featurizer
        self.rows: dict[str, int] = {}
        self.views: list[rel.TextView] = []

    def row(self, text: str) -> int:
        r = self.rows.get(text)
        if r is None:
            r = self.rows[text] = len(self.views)
            self.views.append(self.f.view(text))
        return r

    def pairs(self, items: list[tuple[str, str]]):
        c = np.array([self.row(a) for a, _ in items], np.int64)
        t = np.array([self.row(b) for _, b in items], np.int64)
        dense = np.stack([self.f.dense(self.views[i], self.views[j]) for i, j in zip(c, t)])
        return c, t, dense

    def bags(self) -> np.ndarray:
        return rel.bag_matrix([v.bag for v in self.views], self.f.bag_size)


# -- network --------------------------------------------------------------------------------------

def init_params(bag: int, dense: int, hidden: int, mean, std, rng):
    def glorot(a, b):
        return (rng.standard_normal((a, b)) * math.sqrt(2.0 / (a + b))).astype(np.float32)
    return {"w_claim": glorot(bag, hidden), "w_text": glorot(bag, hidden), "w_dense": glorot(dense, hidden),
            "b1": np.zeros(hidden, np.float32), "w_out": glorot(hidden, 4), "b_out": np.zeros(4, np.float32),
            "mean": mean.astype(np.float32), "std": std.astype(np.float32)}


TRAINED = ("w_claim", "w_text", "w_dense", "b1", "w_out", "b_out")


class SparseRows:
    """The bags of words as compressed rows, so a batch costs its non-zeros, not the vocabulary."""

    def __init__(self, dense: np.ndarray):
        rows, cols = np.nonzero(dense)
        self.indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(dense)))])
        self.cols = cols.astype(np.int64)
        self.vals = dense[rows, cols].astype(np.float32)

    def batch(self, rows: np.ndarray):
        """(row within batch, column, value) of the batch's non-zeros."""
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        lengths = ends - starts
        owner = np.repeat(np.arange(len(rows)), lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        at = np.repeat(starts, lengths) + offsets
        return owner, self.cols[at], self.vals[at]


def densify(owner, cols, vals, n, width):
    out = np.zeros((n, width), np.float32)
    out[owner, cols] = vals
    return out


def train(bags, data, labels, weights, args, rng, evaluate=None):
    """Adam on weighted cross-entropy; `evaluate(params, epoch)` after each epoch returns a score to keep the best."""
    c, t, dense = data
    sparse = SparseRows(bags)
    mean = dense.mean(0)
    std = dense.std(0) + 1e-6
    p = init_params(bags.shape[1], dense.shape[1], args.hidden, mean, std, rng)
    m = {k: np.zeros_like(p[k]) for k in TRAINED}
    v = {k: np.zeros_like(p[k]) for k in TRAINED}
    step = 0
    best = (-1.0, 0, None)
    history = []
    xd_all = ((dense - mean) / std).astype(np.float32)
    keep = 1.0 - args.dropout
    for epoch in range(1, args.epochs + 1):
        order = rng.permutation(len(labels))
        loss_sum = 0.0
        for s in range(0, len(order), args.batch):
            idx = order[s : s + args.batch]
            n = len(idx)
            xd, y, w = xd_all[idx], labels[idx], weights[idx]
            co, cc, cv = sparse.batch(c[idx])
            to, tc, tv = sparse.batch(t[idx])
            cv = cv * (rng.random(len(cv), dtype=np.float32) < keep) / keep
            tv = tv * (rng.random(len(tv), dtype=np.float32) < keep) / keep
            xc = densify(co, cc, cv, n, bags.shape[1])  # dropout drew only over the non-zeros
            xt = densify(to, tc, tv, n, bags.shape[1])
            z = xc @ p["w_claim"] + xt @ p["w_text"] + xd @ p["w_dense"] + p["b1"]
            h = np.maximum(z, 0)
            mask = (rng.random(h.shape, dtype=np.float32) < keep) / keep
            hd = h * mask
            logits = hd @ p["w_out"] + p["b_out"]
            logits -= logits.max(1, keepdims=True)
            e = np.exp(logits)
            prob = e / e.sum(1, keepdims=True)
            loss_sum += float(-(w * np.log(prob[np.arange(n), y] + 1e-9)).sum())
            g = prob.copy()
            g[np.arange(n), y] -= 1
            g *= (w / w.sum())[:, None]
            grads = {"w_out": hd.T @ g, "b_out": g.sum(0)}
            gh = (g @ p["w_out"].T) * mask * (z > 0)
            grads.update(w_claim=xc.T @ gh, w_text=xt.T @ gh, w_dense=xd.T @ gh, b1=gh.sum(0))
            step += 1
            for k in TRAINED:
                gk = grads[k] + (args.l2 * p[k] if k.startswith("w") else 0)
                m[k] = 0.9 * m[k] + 0.1 * gk
                v[k] = 0.999 * v[k] + 0.001 * gk * gk
                p[k] -= args.lr * (m[k] / (1 - 0.9**step)) / (np.sqrt(v[k] / (1 - 0.999**step)) + 1e-8)
        entry = {"epoch": epoch, "loss": round(float(loss_sum / weights.sum()), 4)}
        if evaluate is not None:
            score = float(evaluate(p, epoch))
            entry["score"] = round(score, 4)
            if score > best[0]:
                best = (score, epoch, {k: x.copy() for k, x in p.items()})
        history.append(entry)
        print(json.dumps(entry), flush=True)
    if evaluate is None:
        return p, history
    return best[2], history, best[1]


def predict(p, bags, data):
    c, t, dense = data
    return rel.Network(p).probabilities(bags[c], bags[t], dense)


# -- main -----------------------------------------------------------------------------------------

def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.time()
    fnc_dir, em_dir, out = Path(args.fnc1), Path(args.emergent), Path(args.out)
    bodies, fnc_pairs, split = load_fnc1(fnc_dir)
    emergent = load_emergent(em_dir)
    train_pairs = [(h, bodies[b], LABELS.index(s)) for h, b, s in fnc_pairs if b in split["training"]]
    hold_pairs = [(h, bodies[b], LABELS.index(s)) for h, b, s in fnc_pairs if b in split["hold_out"]]
    vocab_texts = sorted({bodies[b] for b in split["training"]} | {h for h, _, _ in train_pairs})
    idf, bag_words = build_vocabulary(vocab_texts, args.bag)
    # the cache is keyed by the feature code and the vocabulary size: a change to either recomputes
    key = hashlib.sha256(Path(rel.__file__).read_bytes() + json.dumps(bag_words).encode()).hexdigest()[:12]
    cache = Path(args.cache) / f"features-{key}.npz"
    if cache.exists():
        with np.load(cache) as z:
            bags = z["bags"]
            fnc_train, fnc_hold, em = ((z[f"{n}_c"], z[f"{n}_t"], z[f"{n}_d"]) for n in ("train", "hold", "em"))
    else:
        featurizer = rel.Featurizer(idf, bag_words)
        table = Table(featurizer)
        t0 = time.time()
        fnc_train = table.pairs([(h, b) for h, b, _ in train_pairs])
        fnc_hold = table.pairs([(h, b) for h, b, _ in hold_pairs])
        em = table.pairs([(c, t) for c, t, _, _ in emergent])
        bags = table.bags()
        print(f"features: {len(train_pairs)} + {len(hold_pairs)} FNC-1 pairs, {len(emergent)} Emergent pairs, "
              f"{len(table.views)} texts in {time.time() - t0:.0f}s", flush=True)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, bags=bags, **{f"{n}_{x}": a for n, d in (("train", fnc_train), ("hold", fnc_hold), ("em", em))
                                     for x, a in zip("ctd", d)})
    y_train = np.array([y for _, _, y in train_pairs])
    y_hold = np.array([y for _, _, y in hold_pairs])
    y_em = np.array([LABELS.index(r) for _, _, r, _ in emergent])

    def join(*parts):
        return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))

    def hold_eval(p, epoch):
        pred = predict(p, bags, fnc_hold).argmax(1)
        return relative_score(list(y_hold), list(pred))

    rng = np.random.default_rng(args.seed)
    claims = sorted({cid for *_, cid in emergent})
    rng_folds = np.random.default_rng(args.seed)
    fold_of_claim = {cid: i % args.folds for i, cid in enumerate(rng_folds.permutation(claims))}
    fold = np.array([fold_of_claim[cid] for *_, cid in emergent])

    # 1. epochs: FNC-1 train + all Emergent, scored on the FNC-1 hold-out each epoch
    data = join(fnc_train, em)
    labels = np.concatenate([y_train, y_em])
    weights = np.concatenate([np.ones(len(y_train), np.float32), np.full(len(y_em), args.emergent_weight, np.float32)])
    if args.cv_only:
        args.no_save = True
        params, history, best_epoch = None, [], args.cv_only
    else:
        params, history, best_epoch = train(bags, data, labels, weights, args, rng, hold_eval)
    hold_pred = predict(params, bags, fnc_hold).argmax(1) if params else y_hold
    hold = {"relative_score": round(relative_score(list(y_hold), list(hold_pred)), 4),
            "f1": per_class_f1(list(y_hold), list(hold_pred)),
            "accuracy": round(float((hold_pred == y_hold).mean()), 4), "pairs": len(y_hold),
            "confusion": [[int(((y_hold == g) & (hold_pred == k)).sum()) for k in range(4)] for g in range(4)]}
    # FNC-1 splits by body: most hold-out headlines were also seen in training. Score the pairs whose
    # headline was not, as a hint of how the model does on claims it never saw.
    seen = {h for h, _, _ in train_pairs}
    new = np.array([h not in seen for h, _, _ in hold_pairs])
    if new.any():
        hold["unseen_headlines"] = {"pairs": int(new.sum()),
                                    "relative_score": round(relative_score(list(y_hold[new]), list(hold_pred[new])), 4),
                                    "f1": per_class_f1(list(y_hold[new]), list(hold_pred[new]))}
    print("hold-out:", json.dumps(hold), "best epoch", best_epoch, flush=True)

    # 2. Emergent: claim-disjoint cross-validation with the chosen epochs
    cv = None
    if not args.no_cv:
        fold_args = argparse.Namespace(**{**vars(args), "epochs": best_epoch})
        gold, pred = [], []
        for k in range(args.fold_limit or args.folds):
            inside, held = fold != k, fold == k
            part = tuple(x[inside] for x in em)
            p_k, _ = train(bags, join(fnc_train, part), np.concatenate([y_train, y_em[inside]]),
                           np.concatenate([np.ones(len(y_train), np.float32), np.full(int(inside.sum()), args.emergent_weight, np.float32)]),
                           fold_args, np.random.default_rng(args.seed + k))
            probs = predict(p_k, bags, tuple(x[held] for x in em))
            gold += list(y_em[held])
            pred += list(probs[:, EMERGENT_RELATED].argmax(1))
            print(f"fold {k}: accuracy {np.mean(np.array(pred[-int(held.sum()):]) == y_em[held]):.4f}", flush=True)
        gold_a, pred_a = np.array(gold), np.array(pred)
        cv = {"accuracy": round(float((gold_a == pred_a).mean()), 4), "folds": args.folds, "claims": len(claims),
              "pairs": len(gold), "f1": per_class_f1(gold, pred, EMERGENT_RELATED)}
        print("emergent cv:", json.dumps(cv), flush=True)

    if args.no_save:
        return 0
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "weights.npz", **{k: v.astype(np.float32) for k, v in params.items()})
    (out / "vocab.json").write_text(json.dumps({"idf_words": list(idf), "idf": list(idf.values()), "bag": bag_words},
                                               ensure_ascii=False), encoding="utf-8")
    config = {
        "labels": LABELS, "dense_features": list(rel.DENSE_NAMES), "bag": args.bag, "hidden": args.hidden,
        "epochs": best_epoch, "lr": args.lr, "l2": args.l2, "dropout": args.dropout, "batch": args.batch,
        "emergent_weight": args.emergent_weight, "seed": args.seed,
        "train": {"fnc1_pairs": len(y_train), "emergent_pairs": len(y_em)},
        "fnc1_hold_out": hold, "emergent_cv": cv, "history": history,
        "training_files": {str(p.relative_to(p.parents[1])): sha256(p) for p in
                           (fnc_dir / "train_bodies.csv", fnc_dir / "train_stances.csv", fnc_dir / "training_ids.txt",
                            fnc_dir / "hold_out_ids.txt", em_dir / "emergent_train.jsonl")},
        "shipped_files": {name: sha256(out / name) for name in ("weights.npz", "vocab.json")},
        "train_seconds": round(time.time() - started),
    }
    (out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    print(f"saved to {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
