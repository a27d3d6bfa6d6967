"""PolNeAR attribution benchmark: read the brat annotations, run storyline, score per role.

Corpus layout (one compartment, e.g. ``../shared/data/polnear/dev``)::

    DIR/text/<article>.txt
    DIR/attributions/<article>_<annotator>.ann     (brat standoff)
    DIR/../metadata.tsv                            (publication_date per article)

An ``.ann`` file holds ``T`` lines (``T3<TAB>Content 575 842;843 1076<TAB>text``: a role
and one or more character ranges, discontinuous parts separated by ``;``) and ``E``
lines grouping one attribution (``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``).
Some articles were annotated by several annotators (several ``.ann`` files); we score
against ONE of them, deterministically the first in sorted file-name order, so every
run and every system sees the same gold.

Scoring (per role: source, cue, content):

* exact match: each span is reduced to the set of its parts with whitespace and
  punctuation trimmed at both edges of every part; a prediction matches a gold span of
  the same role when the part sets are equal. Spans are de-duplicated per role on both
  sides (a source shared by two statements is one span), so each gold span is matched
  at most once.
* overlap: a predicted span is correct if it shares a character with a gold span of the
  same role (precision); a gold span is found if a prediction overlaps it (recall).
* recall by statement kind (direct / indirect / mixed, read off the quotation marks of
  the gold content) and by source type (name / pronoun / description / none, read off
  the head of the gold source), so errors can be located.

With ``--acts FILE`` (the `act` of each gold attribution, e.g. bench/reporter_gold/polnear_dev/acts.tsv)
the same scores are given a second time for what was said or written only: gold attributions whose act
is say/write against predicted statements whose act is say/write; and the predicted acts are scored
against the gold acts on the gold attributions a prediction matches (same content, else same cue).
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict  # noqa: F401
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("source", "cue", "content")
_ROLE_LABELS = {"Source": "source", "Cue": "cue", "Content": "content", "Content2": "content"}
# Trimmed at span edges before comparing: whitespace and Unicode punctuation (categories
# P* and Z*: quotes, dashes, bars...), so `"said,` and `said` compare equal.
def _trimmed(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PZ"


_QUOTES = set("\"\u201c\u201d\u00ab\u00bb")

Parts = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class Attribution:
    """One gold attribution: each role is a tuple of (start, end) parts, empty when absent."""

    source: Parts = ()
    cue: Parts = ()
    content: Parts = ()

    def role(self, name: str) -> Parts:
        return getattr(self, name)


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    published: str | None
    annotator: str
    attributions: list[Attribution] = field(default_factory=list)


# --------------------------------------------------------------------------- reading

def parse_ann(ann: str, text: str) -> list[Attribution]:
    """The attributions of one brat file. Malformed lines (brat allows free text to wrap) are skipped."""
    spans: dict[str, tuple[str, Parts]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        key, body = fields[0], fields[1]
        if re.fullmatch(r"T\d+", key):
            label, _, offsets = body.partition(" ")
            try:
                parts = tuple(sorted((int(a), int(b)) for a, b in (p.split() for p in offsets.split(";"))))
            except ValueError:
                continue
            if all(0 <= s < e <= len(text) for s, e in parts):
                spans[key] = (label, parts)
        elif re.fullmatch(r"E\d+", key):
            args = [tuple(arg.split(":", 1)) for arg in body.split() if ":" in arg]
            events.append([(role, ref) for role, ref in args])
    attributions = []
    for args in events:
        if not args or not args[0][0].startswith("Attribution"):
            continue
        roles: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for role, ref in args[1:]:
            name = _ROLE_LABELS.get(role)
            if name and ref in spans:
                roles[name].extend(spans[ref][1])
        if roles:
            attributions.append(Attribution(**{r: tuple(sorted(set(roles[r]))) for r in ROLES}))
    return attributions


def _metadata(directory: Path) -> dict[str, str]:
    path = directory.parent / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row.get("publication_date") or "" for row in csv.DictReader(handle, delimiter="\t")}


def read_compartment(directory: str | Path, limit: int | None = None, annotator: int = 0) -> Iterator[GoldArticle]:
    """The articles of a PolNeAR compartment in file-name order, one annotator each: the first
    annotator file in sorted order, or with `annotator=1` the second, for the articles that have one."""
    directory = Path(directory)
    dates = _metadata(directory)
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((directory / "attributions").glob("*.ann")):
        article, _, _annotator = ann.stem.rpartition("_")
        by_article[article].append(ann)
    count = 0
    for article in sorted(by_article):
        text_path = directory / "text" / f"{article}.txt"
        if not text_path.exists() or len(by_article[article]) <= annotator:
            continue
        ann = by_article[article][annotator]
        # newline="" keeps the text exactly as annotated (brat offsets count every character)
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        published = dates.get(article) or None
        yield GoldArticle(article, text, published, ann.stem.rpartition("_")[2], parse_ann(ann.read_text(encoding="utf-8"), text))
        count += 1
        if limit is not None and count >= limit:
            return


# --------------------------------------------------------------------------- scoring

def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) without whitespace/punctuation at the edges; None when nothing is left."""
    while start < end and _trimmed(text[start]):
        start += 1
    while end > start and _trimmed(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def normalize(text: str, parts: Iterable[tuple[int, int]]) -> frozenset[tuple[int, int]]:
    return frozenset(t for t in (trim(text, s, e) for s, e in parts) if t is not None)


def _overlaps(a: frozenset[tuple[int, int]], b: frozenset[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


# a single mark opening at a word start and closing at a word end quotes, as headlines quote ('Disgusting
# Fraud'); an apostrophe inside or after a word ("Clinton's", "Jones'") never opens one
_SINGLE_QUOTED = re.compile("(?<![\\w'\u2018\u2019])['\u2018](?=[A-Za-z])[^'\u2018\n]+?[^\\s'\u2018][.,!?]?['\u2019](?![\\w'\u2019])")


def _quote_marks(text: str) -> str:
    """text of the same length with every quotation mark written as '"': two apostrophes (''like this'',
    some outlets' copy), and single quotes that pair around words in a paragraph without double ones
    (headlines, British copy; beside double marks single ones are a quote inside a quote)."""
    text = text.replace("\'\'", '" ')
    return "".join(paragraph if any(ch in _QUOTES for ch in paragraph)
                   else _SINGLE_QUOTED.sub(lambda m: '"' + m.group()[1:-1] + '"', paragraph)
                   for paragraph in re.split(r"(\n)", text))


def statement_kind(text: str, content: Parts) -> str:
    """direct when the content is wholly quoted, mixed when it quotes in part, else indirect.

    Annotators often leave a quote's own marks out of the content span, so a mark just outside either
    end belongs to it; a quote opened at the content's start and still open where its paragraph ends is
    direct (a quote running on into the next paragraph closes only there)."""
    if not content:
        return "none"
    marks = _quote_marks(text)
    start, end = content[0][0], content[-1][1]
    pieces = [marks[s:e] for s, e in content]
    if start > 0 and marks[start - 1] in _QUOTES:
        pieces[0] = marks[start - 1] + pieces[0]
    if end < len(marks) and marks[end] in _QUOTES:
        pieces[-1] += marks[end]
    inner = " ".join(pieces).strip()
    if not inner:
        return "none"
    quotes = [i for i, ch in enumerate(inner) if ch in _QUOTES]
    if not quotes:
        return "indirect"
    body = inner.strip(" .,;:!?")
    if body and body[0] in _QUOTES and len(quotes) == 1 and marks[end:].lstrip(" .,;:!?").startswith("\n"):
        return "direct"
    if body and body[0] in _QUOTES and body[-1] in _QUOTES and len(quotes) == 2:
        return "direct"
    if len(quotes) >= 2 and body and body[0] in _QUOTES and (body[-1] in _QUOTES or inner.rstrip()[-1] in _QUOTES):
        # several quoted pieces back to back (a quote split by "he said") count as direct too
        outside = re.sub(r"[\"\u201c\u201d\u00ab\u00bb][^\"\u201c\u201d\u00ab\u00bb]*[\"\u201c\u201d\u00ab\u00bb]", "", body)
        if not outside.strip(" .,;:!?"):
            return "direct"
    return "mixed"


_OPENING = re.compile(r"(?:^|[\s(\[\u2014-])$")  # what stands before a straight mark that opens a quote
_SENTENCE_ENDED = re.compile(r"(?:[.!?][\"'\u201d\u2019]*|\n)\s*$")


def reporter_statements(text: str, attribution: Attribution) -> list[Parts]:
    """An attribution's content parts as a reporter's statements (bench/reporter_gold's guideline: a quote
    that continues the previous speaker is its own statement). A part that opens a quote, at the start of a
    new sentence after the sentence of the cue ('"A," X said. "B."'), begins a statement of its own, with the
    parts after it; the first part never does. A quote continued inside the cue's sentence ('"A," X said,
    "B."') and a paragraph of a longer quotation (the paragraph before ends with the quote still open) stay
    with the part before. Read from the annotation and the text alone; PolNeAR, one attribution per cue,
    joins them all."""
    content = attribution.content
    if not attribution.cue or len(content) < 2:
        return [content]
    marks = _quote_marks(text)
    cue_end = attribution.cue[-1][1]
    statements: list[list[tuple[int, int]]] = [[content[0]]]
    for start, end in content[1:]:
        first = start
        while first < end and marks[first].isspace():
            first += 1
        mark = first if marks[first] in _QUOTES else first - 1
        opens = mark >= cue_end and marks[mark] in _QUOTES and marks[mark] not in "\u201d\u00bb" \
            and (marks[mark] != '"' or _OPENING.search(marks[max(0, mark - 1):mark]) is not None)
        before = statements[-1][-1]
        between = marks[before[1]:mark]  # a closing mark may stand inside the part before or after it
        still_open = "\n" in between and not any(ch in _QUOTES for ch in marks[max(before[0], before[1] - 2):before[1]] + between.split("\n", 1)[0])
        if opens and _SENTENCE_ENDED.search(marks[max(0, mark - 8):mark]) and re.search(r"[.!?\n]", marks[cue_end:mark]) \
                and not still_open:
            statements.append([])
        statements[-1].append((start, end))
    return [tuple(parts) for parts in statements]


class SourceTyper:
    """name / pronoun / description / none for a gold source, from the POS of its head token."""

    def __init__(self) -> None:
        from storyline.nlp import pipeline

        self.nlp = pipeline.load_bare()

    def types(self, texts: list[str]) -> list[str]:
        out: list[str | None] = [None] * len(texts)
        todo = [(i, t) for i, t in enumerate(texts) if t.strip()]
        for i, t in enumerate(texts):
            if not t.strip():
                out[i] = "none"
        for (i, _), doc in zip(todo, self.nlp.pipe((t for _, t in todo), batch_size=256)):
            roots = [tok for tok in doc if tok.head == tok or tok.head.i < 0] or list(doc)
            root = roots[0]
            if root.pos_ == "PRON" or (len(doc) == 1 and doc[0].pos_ == "PRON"):
                out[i] = "pronoun"
            elif root.pos_ == "PROPN" or any(tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and tok.head == root for tok in doc if tok is root):
                out[i] = "name"
            else:
                out[i] = "description"
        return [o or "description" for o in out]


@dataclass
class Tally:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    found: int = 0  # gold spans hit (for overlap recall, may differ from tp)

    def add(self, other: "Tally") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.found += other.found

    def prf(self, overlap: bool = False) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else 0.0
        r = (self.found if overlap else self.tp) / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


SPEECH = frozenset({"say", "write"})


def read_acts(path: str | Path) -> dict[tuple[str, int, int, int | None, int | None], str]:
    """(article, content start, content end, cue start, cue end) -> act, from a TSV with columns
    file, start, end, cue_start, cue_end, act (bench/reporter_gold/polnear_dev/acts.tsv)."""
    acts = {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            try:
                cue = (int(row["cue_start"]), int(row["cue_end"])) if row["cue_start"] not in ("", "-") else (None, None)
                acts[(row["file"], int(row["start"]), int(row["end"]), *cue)] = row["act"]
            except (KeyError, ValueError) as error:
                raise ValueError(f"{path}, line {number}: not an act row ({error})") from None
    return acts


def act_key(article: str, attribution: Attribution) -> tuple[str, int, int, int | None, int | None]:
    content, cue = attribution.content, attribution.cue
    return (article, content[0][0] if content else -1, content[-1][1] if content else -1,
            cue[0][0] if cue else None, cue[-1][1] if cue else None)


@dataclass
class ActTally:
    """Predicted against gold acts, on the gold attributions a prediction matches."""

    pairs: Counter = field(default_factory=Counter)  # (gold act, predicted act) -> count
    unmatched: int = 0

    def add(self, text: str, gold: list[Attribution], gold_acts: list[str | None], predicted: list[dict]) -> None:
        for attribution, act in zip(gold, gold_acts):
            if act is None:
                continue
            content, cue = normalize(text, attribution.content), normalize(text, attribution.cue)
            match = next((p for p in predicted if normalize(text, p.get("content") or ()) == content), None)
            if match is None and cue:
                match = next((p for p in predicted if normalize(text, p.get("cue") or ()) == cue
                              and _overlaps(normalize(text, p.get("content") or ()), content)), None)
            if match is None:
                self.unmatched += 1
            else:
                self.pairs[(act, match.get("act", "say"))] += 1

    def report(self, out) -> None:
        total = sum(self.pairs.values())
        if not total:
            print("act: no gold attribution matched a prediction", file=out)
            return
        right = sum(n for (g, p), n in self.pairs.items() if g == p)
        print(f"act accuracy on the {total} gold attributions a prediction matches ({self.unmatched} unmatched): "
              f"{right / total:.3f}", file=out)
        for act in sorted({g for g, _ in self.pairs} | {p for _, p in self.pairs}):
            tp = self.pairs.get((act, act), 0)
            predicted = sum(n for (_, p), n in self.pairs.items() if p == act)
            gold = sum(n for (g, _), n in self.pairs.items() if g == act)
            print(f"  {act:<9} P {tp / predicted if predicted else 0:.3f}  R {tp / gold if gold else 0:.3f}  "
                  f"gold {gold:5d}  predicted {predicted:5d}", file=out)
        tp = sum(n for (g, p), n in self.pairs.items() if g in SPEECH and p in SPEECH)
        predicted = sum(n for (_, p), n in self.pairs.items() if p in SPEECH)
        gold = sum(n for (g, _), n in self.pairs.items() if g in SPEECH)
        print(f"  say/write against the rest: P {tp / predicted if predicted else 0:.3f}  R {tp / gold if gold else 0:.3f}", file=out)


@dataclass
class Scores:
    exact: dict[str, Tally] = field(default_factory=lambda: {r: Tally() for r in ROLES})
    overlap: dict[str, Tally] = field(default_factory=lambda: {r: Tally() for r in ROLES})
    # (bucket kind, bucket value, role) -> [hit, total]
    buckets: dict[tuple[str, str, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    articles: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def f1(self, role: str) -> float:
        return self.exact[role].prf()[2]


def score_article(
    text: str,
    gold: list[Attribution],
    predicted: list[dict[str, Parts]],
    scores: Scores,
    source_types: list[str] | None = None,
    verbose: bool = False,
    name: str = "",
) -> None:
    """Add one article's counts to `scores`. `predicted` holds dicts role -> parts."""
    for role in ROLES:
        gold_set = {normalize(text, a.role(role)) for a in gold} - {frozenset()}
        pred_set = {normalize(text, p.get(role) or ()) for p in predicted} - {frozenset()}
        hits = gold_set & pred_set
        scores.exact[role].add(Tally(len(hits), len(pred_set), len(gold_set), len(hits)))
        over_p = sum(1 for p in pred_set if any(_overlaps(p, g) for g in gold_set))
        over_r = sum(1 for g in gold_set if any(_overlaps(p, g) for p in pred_set))
        scores.overlap[role].add(Tally(over_p, len(pred_set), len(gold_set), over_r))
        if verbose:
            for g in sorted(gold_set - hits, key=min):
                scores.errors.append(f"{name}\tmissed {role}\t{_show(text, g)}")
            for p in sorted(pred_set - hits, key=min):
                scores.errors.append(f"{name}\tspurious {role}\t{_show(text, p)}")
        for i, attribution in enumerate(gold):
            g = normalize(text, attribution.role(role))
            if not g:
                continue
            hit = int(g in pred_set)
            kind = statement_kind(text, attribution.content)
            for bucket in (("kind", kind), ("source", source_types[i] if source_types else "?")):
                cell = scores.buckets[(bucket[0], bucket[1], role)]
                cell[0] += hit
                cell[1] += 1


def _show(text: str, parts: frozenset[tuple[int, int]]) -> str:
    return " | ".join(text[s:e].replace("\n", " ")[:160] for s, e in sorted(parts))


def report(scores: Scores, out=None) -> None:
    out = out or sys.stdout
    speed = f"  seconds: {scores.seconds:.1f}  words/sec: {scores.words / scores.seconds:.0f}" if scores.seconds else ""
    print(f"articles: {scores.articles}  words: {scores.words}{speed}", file=out)
    print(f"{'role':<8} {'exact P':>8} {'exact R':>8} {'exact F1':>8}   {'ovl P':>6} {'ovl R':>6} {'ovl F1':>6}   {'gold':>5} {'pred':>5}", file=out)
    for role in ROLES:
        ep, er, ef = scores.exact[role].prf()
        op, orr, of = scores.overlap[role].prf(overlap=True)
        print(f"{role:<8} {ep:8.3f} {er:8.3f} {ef:8.3f}   {op:6.3f} {orr:6.3f} {of:6.3f}   "
              f"{scores.exact[role].gold:5d} {scores.exact[role].predicted:5d}", file=out)
    for bucket in ("kind", "source"):
        title = "statement kind" if bucket == "kind" else "source type"
        print(f"exact recall by {title} (gold attributions; hit/total per role):", file=out)
        values = sorted({v for (b, v, _r) in scores.buckets if b == bucket})
        for value in values:
            cells = []
            for role in ROLES:
                hit, total = scores.buckets.get((bucket, value, role), [0, 0])
                cells.append(f"{role} {hit / total if total else 0:.3f} ({hit}/{total})")
            print(f"  {value:<12} " + "  ".join(cells), file=out)


# --------------------------------------------------------------------------- running

def statement_parts(statement) -> dict:
    """role -> parts of one `storyline.record.Statement`, and its act."""
    out: dict = {}
    for role in ROLES:
        span = getattr(statement, role, None)
        out[role] = tuple((int(s), int(e)) for s, e in span.spans) if span is not None else ()
    out["act"] = statement.act
    return out


# The attribution step that makes a quote opening a new sentence after its cue's sentence ('"A," X said. "B."')
# a statement of its own (storyline.nlp.attribution), as a reporter counts statements.
SENTENCE_APART_STEP = "quote_after_sentence_apart"


def as_attributions(statements: list) -> list[dict]:
    """The record's statements on PolNeAR's scheme, one attribution per cue: a quote the record splits off
    as a statement of its own because it opens a new sentence after its cue's sentence goes back into the
    attribution it continues (the union of their content parts), as PolNeAR annotates it. This maps the
    record onto the benchmark's unit faithfully: the split statement has no cue of its own, its cue is
    the one before."""
    attributions: list[dict] = []
    split_from: list[tuple[int, dict]] = []  # (content end, attribution) of the statements the step split a quote off
    for statement in sorted(statements, key=lambda s: s.content.start):
        parts = statement_parts(statement)
        if statement.cue is None and statement.steps[:1] == [SENTENCE_APART_STEP]:
            before = [(end, a) for end, a in split_from if end <= statement.content.start]
            if before:  # the quote continues the nearest statement before it that the step split
                continued = max(before, key=lambda pair: pair[0])[1]
                continued["content"] = tuple(sorted({*continued["content"], *parts["content"]}))
                continue
        elif statement.cue is not None and SENTENCE_APART_STEP in statement.steps:
            split_from.append((statement.content.end, parts))
        attributions.append(parts)
    return attributions


def predict_product(articles: list[GoldArticle], batch_size: int = 16) -> Iterator[list[dict[str, Parts]]]:
    """The statements storyline's full product extracts, per article, as PolNeAR attributions (`as_attributions`)."""
    import storyline
    from storyline.ingest.document import Document

    documents = [Document(text=a.text, id=a.name, published=a.published, origin=a.name) for a in articles]
    for result in storyline.analyze_documents(documents, batch_size=batch_size):
        if hasattr(result, "statements"):
            yield as_attributions(result.statements)
        else:  # scored as finding nothing, and said so
            print(f"warning: {result}", file=sys.stderr)
            yield []


def predict_raw(articles: list[GoldArticle], batch_size: int = 16) -> Iterator[list[dict[str, Parts]]]:
    """The trained model's own output (doc._.model_attributions), before any merging with rules."""
    from storyline.nlp import attribution_model

    nlp = attribution_model.load_with_model()  # STORYLINE_ATTRIBUTION_MODE=accurate scores the larger model
    for doc in nlp.pipe((a.text for a in articles), batch_size=batch_size):
        yield [{r: tuple(tuple(p) for p in pred.get(r, [])) for r in ROLES} for pred in (doc._.model_attributions or [])]


def evaluate(directory: str | Path, limit: int | None = None, raw: bool = False, verbose: bool = False,
             acts: dict | None = None) -> Scores | tuple[Scores, Scores, ActTally]:
    """The scores of every attribution; given gold `acts` (read_acts), also those of what was said or
    written alone, and the act tally."""
    articles = list(read_compartment(directory, limit))
    scores = Scores()
    speech, tally = Scores(), ActTally()
    typer = SourceTyper()
    started = time.perf_counter()
    predictions = list((predict_raw if raw else predict_product)(articles))
    scores.seconds = time.perf_counter() - started
    for article, predicted in zip(articles, predictions):
        sources = [" ".join(article.text[s:e] for s, e in a.source) for a in article.attributions]
        types = typer.types(sources)
        score_article(article.text, article.attributions, predicted, scores, types, verbose, article.name)
        scores.articles += 1
        scores.words += len(article.text.split())
        if acts is not None:
            gold_acts = [acts.get(act_key(article.name, a)) for a in article.attributions]
            tally.add(article.text, article.attributions, gold_acts, predicted)
            said = [i for i, act in enumerate(gold_acts) if act in SPEECH]
            score_article(article.text, [article.attributions[i] for i in said], [p for p in predicted if p.get("act", "say") in SPEECH],
                          speech, [types[i] for i in said], verbose, article.name)
            speech.articles += 1
            speech.words += len(article.text.split())
    speech.seconds = scores.seconds
    return scores if acts is None else (scores, speech, tally)


def agreement(directory: str | Path, verbose: bool = False) -> Scores:
    """The second annotator scored against the first, with the same scorer, on the articles two
    annotators annotated: how far exact match can expect to go on this corpus."""
    first = {a.name: a for a in read_compartment(directory)}
    scores = Scores()
    typer = SourceTyper()
    for second in read_compartment(directory, annotator=1):
        gold = first[second.name]
        sources = [" ".join(gold.text[s:e] for s, e in a.source) for a in gold.attributions]
        predicted = [{role: a.role(role) for role in ROLES} for a in second.attributions]
        score_article(gold.text, gold.attributions, predicted, scores, typer.types(sources), verbose, gold.name)
        scores.articles += 1
        scores.words += len(gold.text.split())
    return scores


def main(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    if not (directory / "attributions").is_dir() or not (directory / "text").is_dir():
        print(f"error: {directory} is not a PolNeAR compartment (expected text/ and attributions/)", file=sys.stderr)
        return 2
    acts = None
    if getattr(args, "acts", None):
        try:
            acts = read_acts(args.acts)
        except (OSError, ValueError) as error:
            print(f"error: --acts: {error}", file=sys.stderr)
            return 2
    speech = tally = None
    if getattr(args, "agreement", False):
        scores = agreement(directory, getattr(args, "verbose", False))
    else:
        scores = evaluate(directory, getattr(args, "limit", None), getattr(args, "raw", False), getattr(args, "verbose", False), acts)
        if acts is not None:
            scores, speech, tally = scores
    if scores.articles == 0:
        print(f"error: no annotated articles in {directory}" + (" by two annotators" if getattr(args, "agreement", False) else ""),
              file=sys.stderr)
        return 2
    mode = "trained model alone (--raw)" if getattr(args, "raw", False) else "storyline product"
    if getattr(args, "agreement", False):
        mode = "second annotator against the first (--agreement)"
    print(f"PolNeAR {directory} — {mode}; gold: first annotator file per article")
    report(scores)
    if speech is not None and tally is not None:
        print(f"\nsaid or written only (gold act say/write from {args.acts}; predictions whose act is say/write):")
        report(speech)
        tally.report(sys.stdout)
    if getattr(args, "verbose", False):
        print("\nerrors (article, kind, role, text):")
        for line in scores.errors:
            print(line)
    return 0


def cli(argv: list[str] | None = None) -> int:
    """`python -m storyline.eval.polnear DIR [--raw]`: the same as `storyline eval polnear`, plus --raw."""
    parser = argparse.ArgumentParser(prog="python -m storyline.eval.polnear", description="PolNeAR attribution P/R/F1")
    parser.add_argument("directory")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--verbose", action="store_true", help="list every missed and spurious span")
    parser.add_argument("--raw", action="store_true", help="score the trained model's doc._.model_attributions alone")
    parser.add_argument("--agreement", action="store_true", help="score the second annotator against the first instead")
    parser.add_argument("--acts", metavar="TSV", help="gold acts (bench/reporter_gold/polnear_dev/acts.tsv): also score say/write alone")
    return main(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(cli())
