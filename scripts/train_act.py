"""Train storyline_act's classifier: the act (say / write / think / intend / do / perceive) of an attribution.

    python scripts/train_act.py extract ../shared/data/polnear/train /tmp/act_train.jsonl
    python scripts/train_act.py label /tmp/act_train.jsonl bench/data/polnear_act_groups.tsv > bench/data/polnear_train_acts.tsv
    python scripts/train_act.py train /tmp/act_train.jsonl bench/data/polnear_train_acts.tsv
    python scripts/train_act.py heldout /tmp/act_train.jsonl bench/data/polnear_train_acts.tsv
    python scripts/train_act.py extract ../shared/data/polnear/dev /tmp/act_dev.jsonl
    python scripts/train_act.py score /tmp/act_dev.jsonl bench/reporter_gold/polnear_dev/acts.tsv

`extract` parses each PolNeAR article and writes, for every gold attribution, its id (article,
number), cue offsets and the features `storyline.nlp.act.features` computes (kept outside the
repository: they hold corpus words). `label` gives each attribution the act of the first row of the group table (cue head lemma + frame,
bench/data/polnear_act_groups.tsv) that matches it, and writes offsets, ids and labels only. `train` fits a multinomial logistic regression (NumPy, full
batch gradient descent with L2) on the labels in the TSV and writes src/storyline/models/act/weights.json.
`heldout` trains on nine tenths of the articles and reports accuracy and per-class P/R on the rest.
PolNeAR dev is never used to train: `score` only measures the shipped weights on its gold attributions
against the acts labelled by hand in the reporter's gold (bench/reporter_gold/polnear_dev/acts.tsv; the
dev texts are read from ../shared/data/polnear/dev, or --polnear DIR), with storyline_act's own decision
(`storyline.nlp.act.decide`: no speech for a cue word it has no evidence for).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.nlp.act import ACTS, WEIGHTS, Classifier, backed_off, classifier, decide  # noqa: E402
from storyline.wordlists import word_list  # noqa: E402

MIN_COUNT = 2  # a feature seen once is noise
RARE = 10  # a cue word seen fewer times is not weighed by itself: its word list (`lemma_act`) stands in
L2 = 1e-4
STEPS = 300
RATE = 0.1  # Adam's step size
BACKED_OFF_COPIES = True  # the word lists' evidence learned on every listed cue word, not the once-seen ones alone


def attribution_rows(articles) -> Iterator[list[dict]]:
    """Per article (a polnear.GoldArticle), one row per attribution: its id (article, number), cue offsets,
    the features `storyline.nlp.act.features` computes, and the cue's head lemma and words (for `group_act`)."""
    from storyline.nlp import act, pipeline

    nlp = pipeline.load()
    keep = {"storyline_layout"}
    disabled = [name for name in pipeline.COMPONENTS if name not in keep]
    articles = list(articles)
    with nlp.select_pipes(disable=disabled):
        for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=8)):
            rows = []
            for number, attribution in enumerate(article.attributions):
                source, cue, content = (list(attribution.role(r)) for r in ("source", "cue", "content"))
                head = act._cue_head(act._cue_tokens(doc, cue))
                rows.append({
                    "article": article.name, "number": number, "cue": cue,
                    "features": act.features(doc, source, cue, content),
                    # for labelling by group (kept out of the repository with the rest of this file)
                    "lemma": act.cue_lemma(head) if head is not None else "",
                    "cue_text": " ".join(article.text[s:e] for s, e in cue).lower(),
                    "content_text": " ".join(article.text[s:e] for s, e in content)[:120],
                    "source_text": " ".join(article.text[s:e] for s, e in source)[:60],
                })
            yield rows


def extract(directory: str, out: str) -> None:
    from storyline.eval.polnear import read_compartment

    with open(out, "w", encoding="utf-8") as handle:
        for rows in attribution_rows(read_compartment(directory)):
            for row in rows:
                handle.write(json.dumps(row) + "\n")


def read_groups(path: str) -> list[tuple[str, str, set[str] | None]]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("act\t"):
            continue
        act, frame, lemmas = line.split("\t")[:3]
        if act not in ACTS:
            raise ValueError(f"{path}: unknown act {act!r} in line {line[:60]!r}")
        # "@act_say_cues.txt": the act's cue word list that storyline_act also reads as evidence
        # "*": any cue word, the frame alone decides ("its forecast" whatever the verb)
        words = None if lemmas == "*" else set(word_list(lemmas[1:])) if lemmas.startswith("@") else set(lemmas.split(","))
        rows.append((act, frame, words))
    return rows


def group_act(groups: list[tuple[str, str, set[str] | None]], row: dict) -> str | None:
    """The act of the first group row whose lemma list holds the row's cue lemma and whose frame it has;
    None where no row lists the lemma (the attribution stays unlabelled)."""
    features = set(row["features"])
    return next((a for a, frame, lemmas in groups
                 if (lemmas is None or row["lemma"] in lemmas) and (frame == "*" or frame in features)), None)


def label(features_path: str, groups_path: str, out=sys.stdout) -> None:
    groups = read_groups(groups_path)
    print("article\tnumber\tcue\tact", file=out)
    counts: Counter = Counter()
    for line in Path(features_path).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        act = group_act(groups, row)
        counts[act] += 1
        if act is not None:
            cue = ";".join(f"{s} {e}" for s, e in row["cue"])
            print(f"{row['article']}\t{row['number']}\t{cue}\t{act}", file=out)
    print(" ".join(f"{k}={v}" for k, v in counts.most_common()), file=sys.stderr)


def read_labels(path: str) -> dict[tuple[str, int], str]:
    labels = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("article\t"):
            continue
        article, number, _cue, act = line.split("\t")[:4]
        labels[(article, int(number))] = act
    return labels


def rows_with_labels(features_path: str, labels_path: str) -> list[tuple[dict, str]]:
    labels = read_labels(labels_path)
    rows = [json.loads(line) for line in Path(features_path).read_text(encoding="utf-8").splitlines()]
    return [(row, labels[(row["article"], row["number"])]) for row in rows if (row["article"], row["number"]) in labels]


def has_listed_lemma(feats: list[str]) -> bool:
    return any(f.startswith("lemma_act=") for f in feats)


def lemma_unseen(feats: list[str]) -> list[str]:
    """The evidence for a cue word the model does not weigh: every feature of the word itself dropped but
    what its cue word list says (`lemma_act`), as `backed_off` leaves it for a rare word."""
    return [f for f in feats if f.startswith("lemma_act=") or not f.startswith(("lemma=", "lemma|"))]


def fit(rows: list[tuple[dict, str]]) -> Classifier:
    counts = Counter(f for row, _ in rows for f in set(row["features"]))
    # the cue word lists' evidence is learned where the model will read it: on cue words too rare to weigh
    features = [set(backed_off(row["features"], lambda f: counts[f] >= RARE)) for row, _ in rows]
    if BACKED_OFF_COPIES:  # and on every listed cue word seen as if it were rare: its row again without the word itself
        copies = [(set(lemma_unseen(row["features"])), act) for row, act in rows if has_listed_lemma(row["features"])]
        features += [feats for feats, _ in copies]
        rows = rows + [({"features": []}, act) for _, act in copies]
    counts = Counter(f for feats in features for f in feats)
    # a cue word seen fewer than RARE times is not weighed by itself: its word list speaks for it (`backed_off`)
    vocabulary = sorted(f for f, n in counts.items() if n >= (RARE if f.startswith(("lemma=", "lemma|")) else MIN_COUNT))
    index = {f: i for i, f in enumerate(vocabulary)}
    # the binary feature matrix as (row, column) pairs: dense, it took minutes and half a gigabyte
    pairs = [(r, index[f]) for r, feats in enumerate(features) for f in feats if f in index]
    row_of = np.array([r for r, _ in pairs], dtype=np.int64)
    column_of = np.array([c for _, c in pairs], dtype=np.int64)
    y = np.array([ACTS.index(act) for _, act in rows])
    targets = np.eye(len(ACTS), dtype=np.float64)[y]
    weights = np.zeros((len(vocabulary), len(ACTS)), dtype=np.float64)
    first, second = np.zeros_like(weights), np.zeros_like(weights)  # Adam's moment estimates
    for step in range(1, STEPS + 1):
        scores = np.stack([np.bincount(row_of, weights=weights[column_of, k], minlength=len(rows)) for k in range(len(ACTS))], axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        error = probabilities - targets
        gradient = np.stack([np.bincount(column_of, weights=error[row_of, k], minlength=len(vocabulary)) for k in range(len(ACTS))], axis=1)
        gradient = gradient / len(rows) + L2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= RATE * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return Classifier({f: [round(float(w), 4) for w in weights[i]] for f, i in index.items()}, ACTS)


def report(model: Classifier, rows: list[tuple[dict, str]], out=sys.stdout) -> None:
    predicted = [decide(model, row["features"]) for row, _ in rows]
    gold = [act for _, act in rows]
    right = sum(p == g for p, g in zip(predicted, gold))
    print(f"act accuracy: {right / len(rows):.3f} ({right}/{len(rows)})", file=out)
    for act in ACTS:
        tp = sum(p == g == act for p, g in zip(predicted, gold))
        np_, ng = predicted.count(act), gold.count(act)
        print(f"  {act:<9} P {tp / np_ if np_ else 0:.3f}  R {tp / ng if ng else 0:.3f}  gold {ng:5d}  predicted {np_:5d}", file=out)
    speech = {"say", "write"}
    tp = sum(p in speech and g in speech for p, g in zip(predicted, gold))
    np_, ng = sum(p in speech for p in predicted), sum(g in speech for g in gold)
    print(f"  say/write vs the rest: P {tp / np_:.3f}  R {tp / ng:.3f}", file=out)


def dev_rows(features_path: str, acts_path: str, texts: str) -> list[tuple[dict, str]]:
    """The extracted dev attributions with their hand-labelled act (joined on content and cue offsets)."""
    from storyline.eval.polnear import act_key, read_acts, read_compartment

    acts = read_acts(acts_path)
    keys = {(article.name, n): act_key(article.name, a) for article in read_compartment(texts) for n, a in enumerate(article.attributions)}
    rows = [json.loads(line) for line in Path(features_path).read_text(encoding="utf-8").splitlines()]
    return [(row, acts[keys[row["article"], row["number"]]]) for row in rows if keys.get((row["article"], row["number"])) in acts]


def held_out(article: str) -> bool:
    return zlib.crc32(article.encode()) % 10 == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["extract", "label", "train", "heldout", "score"])
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("--polnear", default=str(ROOT.parent / "shared" / "data" / "polnear" / "dev"), help="PolNeAR dev (score)")
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract(args.first, args.second)
        return 0
    if args.command == "label":
        label(args.first, args.second)
        return 0
    if args.command == "score":
        rows = dev_rows(args.first, args.second, args.polnear)
        print(f"PolNeAR dev: {len(rows)} gold attributions with a hand-labelled act (gold source, cue and content)")
        report(classifier(), rows)
        return 0
    rows = rows_with_labels(args.first, args.second)
    if args.command == "heldout":
        train = [r for r in rows if not held_out(r[0]["article"])]
        test = [r for r in rows if held_out(r[0]["article"])]
        print(f"train {len(train)} attributions, held out {len(test)} (articles with crc32 % 10 == 0)")
        report(fit(train), test)
        return 0
    started = time.perf_counter()
    model = fit(rows)
    seconds = round(time.perf_counter() - started)
    report(model, rows)
    labels = Path(args.second).read_bytes()
    provenance = {"labels": len(rows), "labels_sha256": hashlib.sha256(labels).hexdigest(), "features": len(model.weights),
                  "training_seconds": seconds, "min_count": MIN_COUNT, "l2": L2, "steps": STEPS, "rate": RATE}
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    WEIGHTS.write_text(json.dumps({"classes": list(model.classes), "weights": model.weights, "provenance": provenance},
                                  sort_keys=True), encoding="utf-8")
    print(f"wrote {WEIGHTS} ({len(model.weights)} features, trained in {seconds} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
