"""Experiment (issue 19): a learned time-expression span detector beside the rules. Ships nothing.

    OMP_NUM_THREADS=1 PYTHONPATH=src python scripts/timex_detector_experiment.py [--data ../shared/data] [--features all|rules|spacy]

A token BIO tagger (multinomial logistic regression in NumPy over hashed features, Viterbi
decoding with O->I forbidden) on what the pipeline already computes: the word, its shape and
class in the rules' word lists, spaCy's tag, dependency and DATE/TIME entity tags, and the
rules' own BIO tags (`--features rules` leaves spaCy's out, `spacy` the rules'). It reads only
the sentences near a time trigger (`patterns.windows`) or holding a spaCy DATE/TIME entity.
Trained on TimeBank + AQUAINT; scored there by 5-fold cross-validation by document (no model
reads a document it was fitted on), and on the MEANTIME check set by the model fitted on all
of TimeBank + AQUAINT (aggregate numbers only). Each way of combining it with the rules:

- bounds: a rule span takes the extent of the one detector span overlapping it;
- drop: a rule span is dropped where the detector gives every token P(inside) < threshold;
- add: a detector span overlapping no rule span is added when the rules' normaliser reads
  its text (add+none: also when it does not, as a DATE with no value);
- learned: the detector's spans alone, each with the type and value of a rule span it overlaps.

Result when written (rules alone: TimeML 0.898/0.952 strict/relaxed, MEANTIME 0.855/0.936):
no combination beats the rules on both; see the commit message for the table.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.eval import meantime  # noqa: E402 (after the path insert)
from storyline.eval.timeml import Score, Timex, find_files, parse, score_document  # noqa: E402
from storyline.nlp.timex import tag_times  # noqa: E402
from storyline.nlp.timex.lexicon import lexicon  # noqa: E402
from storyline.nlp.timex.patterns import windows  # noqa: E402

TAGS = ("O", "B", "I")
BITS = 18  # hashed feature space: 2**18 rows of three weights
_MODIFIERS = (
    "early late mid earlier later last next this past coming previous following recent recently ago the a an few "
    "several many some about around nearly almost more less than over under within since until through by from to "
    "and or of in on at end beginning start middle rest same that fiscal full whole entire first second third "
    "fourth final half each every per"
).split()
_SHAPE_RUN = re.compile(r"(.)\1+")


def word_classes() -> dict[str, str]:
    """Lower-cased time word -> its class in the rules' word lists (later tables win: 'may' is a month)."""
    lex = lexicon()
    tables = [("modifier", _MODIFIERS), ("number", lex.numbers), ("ordinal", lex.ordinals), ("set", lex.sets),
              ("reference", lex.references), ("season", lex.seasons), ("part", lex.parts_of_day),
              ("holiday", [w for h in lex.holidays for w in h.split()]), ("weekday", lex.weekdays),
              ("month", lex.months), ("unit", lex.units), ("decade", lex.decades)]
    classes = {word: name for name, words in tables for word in words if " " not in word}
    for unit in lex.units:
        classes.setdefault(unit + "s", "units")
        classes.setdefault(unit[:-1] + "ies", "units")
    return classes


CLASSES = word_classes()


def word_class(word: str) -> str:
    lower = word.lower().rstrip(".")
    if lower in CLASSES:
        return CLASSES[lower]
    parts = re.split(r"[-/]", lower)
    if len(parts) > 1:  # "six-month", "1982-83"
        return "h:" + "_".join(CLASSES.get(p, "d" if p.isdigit() else "-") for p in parts)
    if lower.isdigit():
        return "year" if len(lower) == 4 and lower[:2] in ("15", "16", "17", "18", "19", "20") else "digits"
    return "numeric" if lower[:1].isdigit() else "-"


def shape(word: str) -> str:
    mapped = "".join("d" if c.isdigit() else "X" if c.isupper() else "x" if c.isalpha() else c for c in word)
    return _SHAPE_RUN.sub(r"\1\1", mapped)


def token_tags(doc, spans) -> list[str]:
    """BIO tags of the spaCy tokens for character spans (a token is inside when it overlaps)."""
    tags = ["O"] * len(doc)
    for start, end in spans:
        inside = [t.i for t in doc if t.idx < end and start < t.idx + len(t)]
        for k, i in enumerate(inside):
            tags[i] = "B" if k == 0 else "I"
    return tags


def token_features(doc, a: int, b: int, rule_tags: list[str], kind: str) -> list[list[str]]:
    """One fixed-length row of feature strings per token of doc[a:b]."""
    tokens = [doc[i] for i in range(a, b)]
    n = len(tokens)
    lower = [t.lower_ for t in tokens]
    cls = [word_class(t.text) for t in tokens]
    tag = [t.tag_ for t in tokens]
    ent = [t.ent_iob_ + t.ent_type_ if t.ent_type_ in ("DATE", "TIME") else "O" for t in tokens]
    rule = rule_tags[a:b] if kind != "spacy" else ["-"] * n

    def at(values: list[str], i: int) -> str:
        return values[i] if 0 <= i < n else "<>"

    rows = []
    for i, t in enumerate(tokens):
        row = ["b", "w=" + lower[i], "s=" + shape(t.text), "c=" + cls[i], "x=" + lower[i][-3:],
               "w-1=" + at(lower, i - 1), "w+1=" + at(lower, i + 1), "c-1=" + at(cls, i - 1), "c+1=" + at(cls, i + 1),
               "c-2=" + at(cls, i - 2), "c+2=" + at(cls, i + 2), "c-1|c=" + at(cls, i - 1) + "|" + cls[i],
               "c|c+1=" + cls[i] + "|" + at(cls, i + 1),
               "r=" + rule[i], "r-1=" + at(rule, i - 1), "r+1=" + at(rule, i + 1), "c|r=" + cls[i] + "|" + rule[i],
               "w|r+1=" + lower[i] + "|" + at(rule, i + 1), "w|r-1=" + lower[i] + "|" + at(rule, i - 1),
               "r3=" + at(rule, i - 1) + rule[i] + at(rule, i + 1)]
        if kind != "rules":
            row += ["p=" + tag[i], "p-1=" + at(tag, i - 1), "p+1=" + at(tag, i + 1), "e=" + ent[i],
                    "e-1=" + at(ent, i - 1), "e+1=" + at(ent, i + 1), "d=" + t.dep_,
                    "h=" + word_class(t.head.text) + "|" + t.dep_, "hp=" + t.head.tag_,
                    "p|r=" + tag[i] + "|" + rule[i] + "|" + cls[i], "e|r=" + ent[i] + "|" + rule[i] + "|" + cls[i]]
        rows.append(row)
    return rows


def hashed(rows: list[list[str]]) -> np.ndarray:
    """Feature strings -> row indices of the weight table (crc32: the same in every process)."""
    mask = (1 << BITS) - 1
    return np.array([[zlib.crc32(f.encode()) & mask for f in row] for row in rows], dtype=np.int64)


class Softmax:
    """Multinomial logistic regression over hashed binary features, full-batch Adam with L2."""

    def __init__(self, l2: float = 1e-4, steps: int = 150, rate: float = 0.05) -> None:
        self.weights = np.zeros((1 << BITS, len(TAGS)))
        self.l2, self.steps, self.rate = l2, steps, rate

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        scores = self.weights[x].sum(axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def fit(self, x: np.ndarray, y: np.ndarray) -> "Softmax":
        first, second = np.zeros_like(self.weights), np.zeros_like(self.weights)
        onehot = np.eye(len(TAGS))[y]
        flat = x.ravel()
        for step in range(1, self.steps + 1):
            residual = (self.probabilities(x) - onehot) / len(y)
            gradient = self.l2 * self.weights
            for column in range(len(TAGS)):  # a scatter-add of each token's residual onto its feature rows
                gradient[:, column] += np.bincount(flat, np.repeat(residual[:, column], x.shape[1]), len(self.weights))
            first = 0.9 * first + 0.1 * gradient
            second = 0.999 * second + 0.001 * gradient ** 2
            self.weights -= self.rate * (first / (1 - 0.9 ** step)) / (np.sqrt(second / (1 - 0.999 ** step)) + 1e-8)
        return self


def viterbi(p: np.ndarray) -> list[str]:
    """The best tag sequence under the token probabilities, never O followed by I."""
    logp = np.log(p + 1e-12)
    allowed = np.array([[1, 1, 0], [1, 1, 1], [1, 1, 1]], dtype=bool)  # from (row) -> to (column)
    best = logp[0].copy()
    best[2] = -np.inf
    back = []
    for i in range(1, len(p)):
        totals = np.where(allowed, best[:, None], -np.inf) + logp[i][None, :]
        back.append(totals.argmax(axis=0))
        best = totals.max(axis=0)
    j = int(best.argmax())
    path = [j]
    for pointers in reversed(back):
        j = int(pointers[j])
        path.append(j)
    return [TAGS[j] for j in reversed(path)]


@dataclass
class Item:
    text: str
    dct: str | None
    gold: list[Timex]
    doc: object
    rules: list[Timex]
    segments: list[tuple[int, int, np.ndarray, np.ndarray]]  # token range, hashed features, gold tag ids
    scored_until: int | None = None  # MEANTIME: the annotated part
    creation: tuple[int, int] | None = None  # MEANTIME: the date line, not scored


def prepare(text: str, dct: str | None, gold: list[Timex], doc, kind: str) -> Item:
    rules = [Timex(t.start, t.end, t.text, t.type, t.value) for t in tag_times(text, dct, doc=doc)]
    rule_tags = token_tags(doc, [(r.start, r.end) for r in rules])
    gold_ids = [TAGS.index(t) for t in token_tags(doc, [(g.start, g.end) for g in gold])]
    near = windows(text)
    segments = []
    for sentence in doc.sents:
        s, e = sentence.start_char, sentence.end_char
        if any(a < e and s < b for a, b in near) or any(t.ent_type_ in ("DATE", "TIME") for t in sentence):
            rows = token_features(doc, sentence.start, sentence.end, rule_tags, kind)
            segments.append((sentence.start, sentence.end, hashed(rows), np.array(gold_ids[sentence.start:sentence.end])))
    return Item(text, dct, gold, doc, rules, segments)


def load(data: Path, kind: str) -> tuple[list[Item], list[Item]]:
    from spacy.symbols import ORTH

    from storyline.nlp.pipeline import load_bare
    from storyline.wordlists import word_list

    nlp = load_bare()  # the product's spaCy model and tokenizer exceptions (storyline's components are not needed)
    for abbreviation in word_list("abbreviations.txt"):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    timeml = [parse(p) for p in find_files([str(data / "tempeval3" / "TimeBank"), str(data / "tempeval3" / "AQUAINT")])]
    items = [prepare(d.text, d.dct, d.gold, doc, kind) for d, doc in zip(timeml, nlp.pipe(d.text for d in timeml))]
    checks = [meantime.parse(p) for p in find_files([str(data / "meantime")], ".xml")]
    check_items = []
    for m, doc in zip(checks, nlp.pipe(m.document.text for m in checks)):
        item = prepare(m.document.text, m.document.dct, m.document.gold, doc, kind)
        item.scored_until, item.creation = m.annotated_end, m.creation
        check_items.append(item)
    return items, check_items


def train(items: list[Item]) -> Softmax:
    x = np.concatenate([seg[2] for item in items for seg in item.segments])
    y = np.concatenate([seg[3] for item in items for seg in item.segments])
    return Softmax().fit(x, y)


def detect(model: Softmax, item: Item) -> tuple[list[tuple[int, int, float]], dict[int, float]]:
    """The detector's character spans (with their mean P(inside)) and each read token's P(inside)."""
    spans: list[list] = []
    inside: dict[int, float] = {}
    for a, _, x, _ in item.segments:
        p = model.probabilities(x)
        for k, tag in enumerate(viterbi(p)):
            token = item.doc[a + k]
            inside[a + k] = 1 - p[k][0]
            if tag == "B" or (tag == "I" and not spans):
                spans.append([token.idx, token.idx + len(token), [inside[a + k]]])
            elif tag == "I":
                spans[-1][1] = token.idx + len(token)
                spans[-1][2].append(inside[a + k])
    return [(s, e, float(np.mean(p))) for s, e, p in spans], inside


def cross_validated(items: list, folds: int, fit: Callable, read: Callable) -> list:
    """`read(model, item)` for every item, by a model `fit` on the other folds' items only (folds by document, seed 7)."""
    order = list(range(len(items)))
    random.Random(7).shuffle(order)
    out: list = [None] * len(items)
    for fold in range(folds):
        test = set(order[fold::folds])
        model = fit([items[i] for i in range(len(items)) if i not in test])
        for i in sorted(test):
            out[i] = read(model, items[i])
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def combine(item: Item, found, inside: dict[int, float], mode: str, threshold: float) -> list[Timex]:
    text, out = item.text, []
    if mode == "learned":
        for s, e, _ in found:
            over = [r for r in item.rules if _overlaps((s, e), (r.start, r.end))]
            out.append(Timex(s, e, text[s:e], over[0].type if over else "DATE", over[0].value if over else None))
        return out
    for r in item.rules:
        over = [f for f in found if _overlaps(f[:2], (r.start, r.end))]
        if "drop" in mode and not over:
            tokens = [t.i for t in item.doc if t.idx < r.end and r.start < t.idx + len(t)]
            if tokens and all(i in inside for i in tokens) and max(inside[i] for i in tokens) < threshold:
                continue
        if "bounds" in mode and len(over) == 1 and over[0][:2] != (r.start, r.end):
            s, e = over[0][:2]
            out.append(Timex(s, e, text[s:e], r.type, r.value))
        else:
            out.append(r)
    if "add" in mode:
        for s, e, p in found:
            if p < threshold or any(_overlaps((s, e), (r.start, r.end)) for r in item.rules):
                continue
            read = tag_times(text[s:e], item.dct)
            if read:
                out.append(Timex(s, e, text[s:e], read[0].type, read[0].value))
            elif "none" in mode:
                out.append(Timex(s, e, text[s:e], "DATE", None))
    return sorted(out, key=lambda t: t.start)


def score(items: list[Item], predictions: list[list[Timex]]) -> Score:
    total = Score()
    for item, predicted in zip(items, predictions):
        if item.scored_until is not None:
            predicted = [p for p in predicted if p.start < item.scored_until
                         and not (item.creation and _overlaps((p.start, p.end), item.creation))]
        total.add(score_document(item.gold, predicted))
    return total


def line(score: Score) -> str:
    return (f"{score.strict_prf()[2]:.3f} {score.relaxed_prf()[2]:.3f} {score.attribute_f1(score.type_correct):.3f} "
            f"{score.attribute_f1(score.value_correct):.3f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--features", choices=("all", "rules", "spacy"), default="all")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not (data / "tempeval3").is_dir() or not (data / "meantime").is_dir():
        print(f"{data}: needs tempeval3/ (TimeBank, AQUAINT) and meantime/", file=sys.stderr)
        return 2
    items, checks = load(data, args.features)
    held_out = cross_validated(items, args.folds, train, detect)
    model = train(items)
    in_sample = [detect(model, item) for item in items]
    on_checks = [detect(model, item) for item in checks]
    print(f"features {args.features}; strict relaxed type value F1")
    print(f"{'combination':<18}{'TimeML (CV)':<26}{'TimeML (in sample)':<26}MEANTIME")
    rules_timeml = line(score(items, [i.rules for i in items]))
    print(f"{'rules alone':<18}{rules_timeml:<26}{rules_timeml:<26}{line(score(checks, [i.rules for i in checks]))}")
    for mode, thresholds in (("bounds", [0.5]), ("drop", [0.3, 0.5, 0.7]), ("add", [0.3, 0.7]), ("add+none", [0.3, 0.7]),
                             ("bounds+add", [0.5]), ("learned", [0.5])):
        for threshold in thresholds:
            cv = score(items, [combine(i, *found, mode, threshold) for i, found in zip(items, held_out)])
            fitted = score(items, [combine(i, *found, mode, threshold) for i, found in zip(items, in_sample)])
            check = score(checks, [combine(i, *found, mode, threshold) for i, found in zip(checks, on_checks)])
            print(f"{mode + ' ' + str(threshold):<18}{line(cv):<26}{line(fitted):<26}{line(check)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
