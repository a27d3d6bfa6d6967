"""`storyline eval meantime DIR...`: TIMEX3 span, type and value scores on MEANTIME (CAT XML).

The same measures and scorer as `eval timeml` (TempEval-3 strict / relaxed span F1, type and
value over relaxed pairs). MEANTIME differs from TimeBank in its files, not its scores:

- CAT XML holds tokens, not text: the text is rebuilt from the tokens (title, date line and
  body on their own lines, no space before closing punctuation), and gold offsets with it.
- Only the first sentences are annotated for time (the title, the date line and the first
  body sentences, `ANNOTATED_SENTENCES`): predictions starting later are not scored.
- The TIMEX3 with functionInDocument="CREATION_TIME" (the date line) is the document creation
  time: it anchors the analysis and is not scored. Empty TIMEX3s (interval end points with
  no tokens) are not text and are not scored.

Use it as a check set: the report gives aggregate numbers and error-kind counts only.
"""
from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storyline.eval.timeml import (
    Score,
    TimeMLDocument,
    Timex,
    find_files,
    input_files,
    predict,
    report,
    score_document,
)

# Sentences 0..5: the title, the date line and the first body sentences, the part of each
# MEANTIME article annotated for time (no TIMEX3, SIGNAL or C-SIGNAL lies later in the corpus).
ANNOTATED_SENTENCES = 6

_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m", "’s"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}
_QUOTES = {'"', "``", "''", "“", "”"}


class MeantimeError(ValueError):
    """A file that is not MEANTIME CAT XML, with the reason."""


@dataclass(slots=True)
class MeantimeDocument:
    document: TimeMLDocument  # rebuilt text, DCT value, gold TIMEX3s (creation time left out)
    annotated_end: int  # where the part annotated for time ends
    creation: tuple[int, int] | None  # the date line's creation-time span: not scored


def parse(path: Path) -> MeantimeDocument:
    """The document, where its annotated part ends and where its creation time is written."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise MeantimeError(f"{path}: not well-formed XML ({error})") from None
    tokens = list(root.iter("token"))
    if not tokens:
        raise MeantimeError(f"{path}: no <token> elements (not CAT XML)")
    pieces: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    length = 0
    annotated_end: int | None = None
    previous_sentence: int | None = None
    previous = ""
    open_quote = False
    for token in tokens:
        word = token.text or ""
        try:
            sentence = int(token.get("sentence", ""))
        except ValueError:
            raise MeantimeError(f"{path}: token {token.get('t_id')} has no sentence number") from None
        if previous_sentence is None:
            separator = ""
        elif sentence != previous_sentence:
            # The title and the date line are lines of their own; body sentences run on.
            separator = "\n\n" if sentence <= 2 else " "
            if sentence >= ANNOTATED_SENTENCES and annotated_end is None:
                annotated_end = length + len(separator)
            open_quote = False if separator != " " else open_quote
        elif word in _QUOTES:
            separator = "" if open_quote else " "
        elif word in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER or (previous in _QUOTES and open_quote):
            separator = ""
        else:
            separator = " "
        if word in _QUOTES:
            open_quote = not open_quote
        pieces.append(separator)
        length += len(separator)
        spans[token.get("t_id", "")] = (length, length + len(word))
        pieces.append(word)
        length += len(word)
        previous, previous_sentence = word, sentence
    text = "".join(pieces)
    dct: str | None = None
    creation: tuple[int, int] | None = None
    gold: list[Timex] = []
    markables = root.find("Markables")
    for timex in markables.iter("TIMEX3") if markables is not None else []:
        anchors = [spans[a.get("t_id")] for a in timex.iter("token_anchor") if a.get("t_id") in spans]
        if not anchors and timex.get("functionInDocument") != "CREATION_TIME":  # an interval end point with no words
            continue
        start, end = (min(s for s, _ in anchors), max(e for _, e in anchors)) if anchors else (0, 0)
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value") or dct
            creation = (start, end) if anchors else creation
            continue
        gold.append(Timex(start, end, text[start:end], timex.get("type", ""), timex.get("value") or None))
    if dct is None:  # a few articles mark the date line as a plain TIMEX3: it is still the creation time
        dct, creation = _date_line(text)
        gold = [g for g in gold if not _inside(g, creation)]
    gold.sort(key=lambda t: (t.start, t.end))
    name = root.get("doc_name") or path.stem
    end_of_annotation = len(text) if annotated_end is None else annotated_end
    return MeantimeDocument(TimeMLDocument(name, text, dct, gold), end_of_annotation, creation)


def _date_line(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The creation date written on the article's second line ("March 06, 2008"), and its span."""
    lines = text.split("\n\n")
    if len(lines) < 2:
        return None, None
    try:
        day = datetime.strptime(lines[1].strip(), "%B %d, %Y").date()
    except ValueError:
        return None, None
    start = len(lines[0]) + 2
    return day.isoformat(), (start, start + len(lines[1]))


def _inside(timex: Timex, span: tuple[int, int] | None) -> bool:
    """Whether the prediction overlaps the span (the creation time is not scored)."""
    return span is not None and timex.start < span[1] and span[0] < timex.end


def evaluate(paths: Iterable[str], errors: list[tuple] | None = None) -> tuple[Score, int]:
    """The total score over the files, and how many files could not be read (each reported)."""
    documents: list[MeantimeDocument] = []
    failed = 0
    for path in find_files(paths, ".xml"):
        try:
            documents.append(parse(path))
        except MeantimeError as error:
            print(f"warning: {error}", file=sys.stderr)
            failed += 1
    total = Score()
    for meantime, predicted in zip(documents, predict([d.document for d in documents])):
        scored = [p for p in predicted if p.start < meantime.annotated_end and not _inside(p, meantime.creation)]
        total.add(score_document(meantime.document.gold, scored, meantime.document.name, errors))
    return total, failed


def main(args: argparse.Namespace) -> int:
    files = input_files(args.directory, ".xml")
    if files is None:
        return 2
    errors: list[tuple] = []
    score, failed = evaluate([str(f) for f in files], errors)
    print(f"{len(files) - failed} MEANTIME files (annotated part: the first {ANNOTATED_SENTENCES} sentences)")
    print(report(score))
    # A check set: error kinds are counted, never listed one by one.
    kinds = Counter(kind for kind, _, _ in errors)
    print("\nmost frequent error kinds (counts only):")
    for kind, count in kinds.most_common(10):
        print(f"{count:6d}  {kind}")
    return 0 if not failed else 1


if __name__ == "__main__":  # `python -m storyline.eval.meantime DIR...`
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="+")
    sys.exit(main(parser.parse_args()))
