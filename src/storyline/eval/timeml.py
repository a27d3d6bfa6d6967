"""`storyline eval timeml DIR...`: TIMEX3 span, type and value scores on TimeML files.

Scores follow TempEval-3: strict span P/R/F1 (exact offsets), relaxed span P/R/F1
(any overlap), and for type and value the attribute accuracy over relaxed-matched
pairs multiplied into the relaxed F1. The document creation time (the TIMEX3 in
<DCT>) anchors the analysis and is not scored. Predictions come from the product
pipeline (`storyline.analyze_documents`), nothing else.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>.*?<TIMEX3\b([^>]*)>", re.S)
_MARKUP = re.compile(r"<(/?)(\w+)([^>]*)>|&(#?\w+);")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(slots=True)
class TimeMLDocument:
    name: str
    text: str
    dct: str | None
    gold: list[Timex] = field(default_factory=list)


def parse(path: Path) -> TimeMLDocument:
    """The raw text inside <TEXT> (tags stripped, entities decoded), its gold TIMEX3s and the DCT value."""
    source = path.read_text(encoding="utf-8")
    dct_match = _DCT.search(source)
    dct = dict(_ATTRIBUTE.findall(dct_match.group(1))).get("value") if dct_match else None
    body_match = _TEXT.search(source)
    body = body_match.group(1) if body_match else ""
    out: list[str] = []
    length = 0
    gold: list[Timex] = []
    open_timexes: list[tuple[int, dict[str, str]]] = []
    position = 0
    for match in _MARKUP.finditer(body):
        chunk = body[position:match.start()]
        out.append(chunk)
        length += len(chunk)
        position = match.end()
        if match.group(4) is not None:  # an entity such as &amp;
            decoded = html.unescape(match.group(0))
            out.append(decoded)
            length += len(decoded)
            continue
        closing, tag, attributes = match.group(1), match.group(2), match.group(3)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timexes.append((length, dict(_ATTRIBUTE.findall(attributes))))
        elif open_timexes:
            start, attrs = open_timexes.pop()
            gold.append(Timex(start, length, "", attrs.get("type", ""), attrs.get("value")))
    out.append(body[position:])
    text = "".join(out)
    for timex in gold:
        timex.text = text[timex.start:timex.end]
    gold.sort(key=lambda t: (t.start, t.end))
    return TimeMLDocument(path.stem, text, dct, gold)


def find_files(paths: Iterable[str], suffix: str = ".tml") -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(sorted(path.rglob(f"*{suffix}")) if path.is_dir() else [path])
    return files


def input_files(directories: list[str], suffix: str) -> list[Path] | None:
    """The corpus files under `directories`; None, with the reason on stderr, when there are none."""
    missing = [name for name in directories if not Path(name).exists()]
    if missing:
        print("not found: " + " ".join(missing), file=sys.stderr)
        return None
    files = find_files(directories, suffix)
    if not files:
        print(f"no {suffix} files found in " + " ".join(directories), file=sys.stderr)
        return None
    return files


def predict(documents: list[TimeMLDocument]) -> Iterator[list[Timex]]:
    """The product pipeline's time expressions for each document."""
    from storyline import analyze_documents
    from storyline.ingest.document import Document, InputError

    inputs = [Document(text=d.text, id=d.name, published=d.dct, origin=d.name) for d in documents]
    for result in analyze_documents(inputs):
        if isinstance(result, InputError):
            print(f"warning: {result}", file=sys.stderr)
            yield []
            continue
        yield [Timex(t.start, t.end, t.text, t.type, t.value) for t in result.times]


@dataclass(slots=True)
class Score:
    gold: int = 0
    predicted: int = 0
    strict: int = 0  # predicted spans exactly equal to a gold span
    relaxed_gold: int = 0  # gold spans overlapped by a prediction
    relaxed_predicted: int = 0  # predictions overlapping a gold span
    matched: int = 0  # one-to-one relaxed pairs, over which attributes are judged
    type_correct: int = 0
    value_correct: int = 0

    def add(self, other: "Score") -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def strict_prf(self) -> tuple[float, float, float]:
        p = self.strict / self.predicted if self.predicted else 0.0
        r = self.strict / self.gold if self.gold else 0.0
        return p, r, self.f1(p, r)

    def relaxed_prf(self) -> tuple[float, float, float]:
        p = self.relaxed_predicted / self.predicted if self.predicted else 0.0
        r = self.relaxed_gold / self.gold if self.gold else 0.0
        return p, r, self.f1(p, r)

    def attribute_f1(self, correct: int) -> float:
        return self.relaxed_prf()[2] * correct / self.matched if self.matched else 0.0


def _overlaps(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def score_document(gold: list[Timex], predicted: list[Timex], name: str = "", errors: list[tuple] | None = None) -> Score:
    """Score one document; with `errors` given, append (kind, name, detail) for each error."""
    score = Score(gold=len(gold), predicted=len(predicted))
    gold_spans = {(g.start, g.end) for g in gold}
    score.strict = sum((p.start, p.end) in gold_spans for p in predicted)
    score.relaxed_gold = sum(any(_overlaps(g, p) for p in predicted) for g in gold)
    score.relaxed_predicted = sum(any(_overlaps(p, g) for g in gold) for p in predicted)
    used: set[int] = set()
    for g in gold:
        # One-to-one pairing: the exact span if predicted, else the first overlapping prediction.
        candidates = [i for i, p in enumerate(predicted) if i not in used and _overlaps(g, p)]
        if not candidates:
            if errors is not None:
                errors.append(("missed " + g.type, name, f"{g.text!r} gold {g.type} {g.value}"))
            continue
        exact = [i for i in candidates if (predicted[i].start, predicted[i].end) == (g.start, g.end)]
        index = (exact or candidates)[0]
        used.add(index)
        p = predicted[index]
        score.matched += 1
        score.type_correct += p.type == g.type
        score.value_correct += p.value == g.value
        if errors is None:
            continue
        if (p.start, p.end) != (g.start, g.end):
            errors.append(("span", name, f"gold {g.text!r} predicted {p.text!r}"))
        if p.type != g.type:
            errors.append((f"type {g.type}->{p.type}", name, f"{g.text!r} gold {g.type} {g.value} predicted {p.type} {p.value}"))
        if p.value != g.value:
            errors.append((f"value {_shape(g.value)}->{_shape(p.value)}", name, f"{g.text!r} gold {g.value} predicted {p.value} ({p.text!r})"))
    if errors is not None:
        for p in predicted:
            if not any(_overlaps(p, g) for g in gold):
                errors.append(("spurious " + p.type, name, f"{p.text!r} predicted {p.type} {p.value}"))
    return score


def _shape(value: str | None) -> str:
    """The kind of a TIMEX3 value, for grouping errors (digits become 9)."""
    return "None" if value is None else re.sub(r"\d", "9", value)


def report(score: Score) -> str:
    sp, sr, sf = score.strict_prf()
    rp, rr, rf = score.relaxed_prf()
    lines = [
        f"gold {score.gold}  predicted {score.predicted}  relaxed-matched {score.matched}",
        f"{'measure':<16}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'strict span':<16}{sp:8.3f}{sr:8.3f}{sf:8.3f}",
        f"{'relaxed span':<16}{rp:8.3f}{rr:8.3f}{rf:8.3f}",
        f"{'type':<16}{'':>8}{'':>8}{score.attribute_f1(score.type_correct):8.3f}"
        f"   (accuracy {score.type_correct}/{score.matched})",
        f"{'value':<16}{'':>8}{'':>8}{score.attribute_f1(score.value_correct):8.3f}"
        f"   (accuracy {score.value_correct}/{score.matched})",
    ]
    return "\n".join(lines)


def evaluate(paths: Iterable[str], errors: list[tuple] | None = None) -> Score:
    documents = [parse(path) for path in find_files(paths)]
    total = Score()
    for document, predicted in zip(documents, predict(documents)):
        total.add(score_document(document.gold, predicted, document.name, errors))
    return total


def main(args: argparse.Namespace) -> int:
    files = input_files(args.directory, ".tml")
    if files is None:
        return 2
    errors: list[tuple] = []
    score = evaluate([str(f) for f in files], errors)
    print(f"{len(files)} TimeML files")
    print(report(score))
    kinds = Counter(kind for kind, _, _ in errors)
    print("\nmost frequent error kinds:")
    for kind, count in kinds.most_common(15):
        print(f"{count:6d}  {kind}")
    if getattr(args, "verbose", False):
        print("\nerrors:")
        for kind, name, detail in sorted(errors, key=lambda e: (e[0], e[1])):
            print(f"{kind:<28} {name:<28} {detail}")
    return 0


if __name__ == "__main__":  # `python -m storyline.eval.timeml DIR...`
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="+")
    parser.add_argument("--verbose", action="store_true")
    sys.exit(main(parser.parse_args()))
