"""`storyline eval statements DIR`: a reporter's yardstick (issue 12) — only things said or written,
each credited to the right person.

DIR is a reporter's gold directory (``bench/reporter_gold``): ``articles.jsonl`` + ``gold.jsonl``
(stories written for the gold, see its README) and ``polnear_dev/acts.tsv`` (the act and speaker
identity of PolNeAR dev's gold attributions; the texts are read from ``shared/data/polnear/dev`` found
beside the repository, or ``--polnear DIR``). A gold statement is a gold attribution whose act is
``say`` or ``write``; the other acts (think, intend, do, perceive, other) and the layout spans stay in
the gold only to name the errors of predictions that land on them.

Definitions (documented in bench/reporter_gold/README.md):

* **words**: ``\\w+`` tokens; a content is the set of its tokens' start offsets.
* **match**: a predicted statement and a gold statement of the same article are candidates when their
  shared tokens cover at least half of the shorter of the two (``MATCH_OVERLAP``); candidates are
  paired one-to-one, highest token Jaccard first. Precision = matched / predicted, recall = matched /
  gold. Predictions count only if they are say/write: a record without an ``act`` field counts whole.
* **speaker** (over matched statements whose gold speaker is labelled): *right* when the predicted
  name (the resolved entity's name, else the statement's ``speaker_name``) equals a gold name variant
  after normalisation (lower case; titles, honorifics, articles, possessives, suffixes such as "Jr." and
  single-letter initials dropped: "Sen. Donald J. Trump's" = "donald trump"); for several speakers
  ("X and Y said") every one must be named; a gold name the article never writes in full ("Barack
  Obama" where it says only "Mr. Obama") also goes by the longest part of it the article writes
  (``as_written``). *partial* when it is the right person by a looser rule
  (the surname alone, an acronym, a name holding the gold name: ``speakers.names_match``); *none* when
  the gold names someone and no name was given; *unresolved* when only the source's own words (a
  pronoun, a description) were given, credited to no entity; *wrong* otherwise. A gold ``null`` (the article names
  no one) is right when no entity is credited. Speaker accuracy = right / judged; lenient accuracy
  counts partial as right.
* **extent right**: token Dice of the two contents ≥ ``EXTENT_DICE`` (0.9), a leading "that" ignored.
* **fully right**: matched, speaker right, extent right, kind right and stance right (kind and stance
  only where the gold gives them: PolNeAR's kind is read off its quotation marks, its stance is not
  labelled). Share of predicted records that are fully right (the issue's "usable as it stands"), over
  predictions whose article has speaker labels and whose gold speaker is not undecided.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.eval.speakers import name_tokens, names_match

SPEECH_ACTS = frozenset({"say", "write"})
MATCH_OVERLAP = 0.5
EXTENT_DICE = 0.9
UNLABELLED = "?"
_WORD = re.compile(r"\w+")
_ARTICLES = {"a", "an", "the"}

Parts = tuple[tuple[int, int], ...]
Identity = tuple[str, ...]  # the name variants of one person or organisation


@dataclass(slots=True)
class GoldRecord:
    """One gold attribution. `speakers`: None when the article names no one; UNLABELLED when not labelled."""

    id: str
    content: Parts
    act: str
    speakers: tuple[Identity, ...] | None | str = UNLABELLED
    kind: str | None = None
    stance: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def is_statement(self) -> bool:
        return self.act in SPEECH_ACTS


@dataclass(slots=True)
class GoldArticle:
    id: str
    style: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None
    records: list[GoldRecord] = field(default_factory=list)
    layout: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, start, end)

    @property
    def speakers_labelled(self) -> bool:
        return any(r.is_statement and r.speakers != UNLABELLED for r in self.records)


@dataclass(slots=True)
class Prediction:
    id: str
    content: Parts
    speaker: str | None  # the name credited (entity name, else speaker_name)
    entity: bool  # credited to an entity of the article
    kind: str | None
    stance: str | None


@dataclass(slots=True)
class Judged:
    """One line of the comparison: a matched pair, a missed gold statement or an unmatched prediction."""

    article: str
    style: str
    gold: GoldRecord | None
    predicted: Prediction | None
    speaker: str | None = None  # right / partial / none / wrong / unlabelled
    extent: bool | None = None
    kind: bool | None = None
    stance: bool | None = None
    pattern: str = ""  # for an unmatched prediction: what it landed on

    @property
    def fully_right(self) -> bool:
        return (self.gold is not None and self.predicted is not None and self.speaker == "right"
                and bool(self.extent) and self.kind is not False and self.stance is not False)


# --------------------------------------------------------------------------- reading the gold

class GoldError(ValueError):
    pass


def _identities(value) -> tuple[Identity, ...] | None | str:
    if value is None:
        return None
    if value == UNLABELLED:
        return UNLABELLED
    return tuple(tuple(variants) for variants in value)


def parse_speaker_cell(cell: str) -> tuple[Identity, ...] | None | str:
    """`Name / Variant + Other` -> identities; `-` -> None; `?` or empty -> UNLABELLED."""
    cell = cell.strip()
    if cell in ("", UNLABELLED):
        return UNLABELLED
    if cell == "-":
        return None
    return tuple(tuple(v.strip() for v in who.split(" / ")) for who in cell.split(" + "))


def read_stories(directory: Path) -> list[GoldArticle]:
    articles: dict[str, GoldArticle] = {}
    path = directory / "articles.jsonl"
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            article = GoldArticle(raw["id"], raw.get("style") or "story", raw["text"], raw.get("title"),
                                  raw.get("published"), raw.get("source"), raw.get("author"))
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise GoldError(f"{path}:{lineno}: not an article record ({error})") from None
        articles[article.id] = article
    path = directory / "gold.jsonl"
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            article = articles[raw["article"]]
            if raw["type"] == "layout":
                article.layout.append((raw["layout"], *raw["span"]))
                continue
            content = tuple(tuple(p) for p in raw["content"])
            if not all(0 <= s < e <= len(article.text) for s, e in content):
                raise GoldError(f"{path}:{lineno}: content offsets outside the text")
            article.records.append(GoldRecord(raw["id"], content, raw["act"], _identities(raw["speaker"]),
                                              raw.get("kind"), raw.get("stance"), tuple(raw.get("tags", ()))))
        except GoldError:
            raise
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise GoldError(f"{path}:{lineno}: not a gold record ({error!r})") from None
    return list(articles.values())


def find_polnear(directory: Path, given: str | None = None) -> Path | None:
    """PolNeAR dev texts: `given`, else `shared/data/polnear/dev` beside the repository or an ancestor."""
    if given:
        return Path(given)
    for base in [directory.resolve(), *directory.resolve().parents]:
        candidate = base / "shared" / "data" / "polnear" / "dev"
        if (candidate / "text").is_dir():
            return candidate
    return None


def read_polnear(directory: Path, texts: Path, limit: int | None = None) -> list[GoldArticle]:
    """The act/speaker labels of `polnear_dev/acts.tsv` joined to the first annotator's attributions."""
    from storyline.eval.polnear import read_compartment, reporter_statements, statement_kind

    labels: dict[tuple[str, int, int, int], tuple[str, str]] = {}
    path = directory / "polnear_dev" / "acts.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        for lineno, row in enumerate(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 2):
            try:
                key = (row["file"], int(row["start"]), int(row["end"]), int(row["cue_start"]))
            except (KeyError, TypeError, ValueError):
                raise GoldError(f"{path}:{lineno}: expected file, start, end, cue_start, cue_end, act, speaker") from None
            labels[key] = (row["act"], row["speaker"] or "")
    articles = []
    for gold in read_compartment(texts, limit=limit):
        article = GoldArticle(gold.name, "polnear-dev", gold.text, None, gold.published)
        for n, attribution in enumerate(gold.attributions):
            if not attribution.content:
                continue
            key = (gold.name, attribution.content[0][0], attribution.content[-1][1],
                   attribution.cue[0][0] if attribution.cue else -1)
            if key not in labels:
                raise GoldError(f"{path}: no label for {gold.name} content {key[1]}-{key[2]}")
            act, speaker = labels[key]
            for part, content in enumerate(reporter_statements(gold.text, attribution)):  # a continuing quote apart
                article.records.append(GoldRecord(
                    f"{gold.name}#{n}" + (f".{part}" if part else ""), content, act,
                    parse_speaker_cell(speaker) if act in SPEECH_ACTS else UNLABELLED,
                    statement_kind(gold.text, content), None, (source_tag(gold.text, attribution.source),)))
        articles.append(article)
    return articles


def source_tag(text: str, source: Parts) -> str:
    """The form of a PolNeAR gold source, for the error patterns: none / pronoun / description / name."""
    from storyline.eval.speakers import is_name_source
    from storyline.wordlists import word_list

    if not source:
        return "source:none"
    words = " ".join(text[s:e] for s, e in source)
    if words.lower() in word_list("pronouns.txt") or words.lower() in {"it", "they", "he", "she", "we", "i", "who", "which"}:
        return "source:pronoun"
    return "source:name" if is_name_source(words, text) else "source:description"


# --------------------------------------------------------------------------- comparing

def tokens(text: str, parts: Iterable[tuple[int, int]], skip_leading_that: bool = False) -> frozenset[int]:
    found = [m.start() for s, e in parts for m in _WORD.finditer(text, s, e)]
    found.sort()
    if skip_leading_that and found and text[found[0]:found[0] + 5].lower() == "that" and not text[found[0] + 4:found[0] + 5].isalnum():
        found = found[1:]
    return frozenset(found)


def normal_name(name: str) -> tuple[str, ...]:
    """Lower-case words of a name without titles, articles, possessives, suffixes or initials."""
    words = [w.strip(".").lower() for w in name_tokens(name.replace("’", "'"))]
    words = [w for w in words if w and len(w) > 1 and w not in _ARTICLES]
    return tuple(words)


def as_written(gold: tuple[Identity, ...] | None | str, text: str) -> tuple[Identity, ...] | None | str:
    """The gold identities as the article writes them: a name the article never writes in full
    ("Barack Obama" where it says only "Mr. Obama"; the labeller knew the given name, the text does
    not give it) also goes by the longest run of its capitalised words the text holds ("Obama"),
    the last such run on a tie. The README's rule is "the fullest name the article gives"."""
    if gold is None or gold == UNLABELLED:
        return gold
    out = []
    for who in gold:
        if any(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text) for v in who):
            out.append(who)
            continue
        extra = []
        for variant in who:
            words = variant.split()
            runs = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
                    if all(w[:1].isupper() for w in words[i:j])]
            found = [r for r in runs if re.search(rf"(?<!\w){re.escape(r)}(?!\w)", text)]
            if found:
                extra.append(max(reversed(found), key=lambda r: len(r.split())))
        out.append(who + tuple(e for e in extra if e not in who))
    return tuple(out)


def judge_speaker(gold: tuple[Identity, ...] | None | str, predicted: Prediction) -> str:
    if gold == UNLABELLED:
        return "unlabelled"
    if gold is None:
        return "right" if not predicted.entity else "wrong"
    name = predicted.speaker
    if not name:
        return "none"
    if not predicted.entity and not any(names_match(v, name) for who in gold for v in who):
        return "unresolved"  # a pronoun or description left as it stands, though the article names the speaker
    said = normal_name(name)
    if len(gold) == 1:
        if any(normal_name(v) == said for v in gold[0]):
            return "right"
        return "partial" if any(names_match(v, name) for v in gold[0]) else "wrong"
    # several speakers: every one must be named (its full name, or its surname for "partial")
    joined = " ".join(said)
    full = all(any(" ".join(normal_name(v)) in joined for v in who) for who in gold)
    if full:
        return "right"
    some = any(any(normal_name(v) and normal_name(v)[-1] in said for v in who) for who in gold)
    return "partial" if some else "wrong"


def _overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def compare(article: GoldArticle, predictions: list[Prediction]) -> list[Judged]:
    """Pair predictions with gold statements one-to-one and judge each pair; list the rest."""
    text = article.text
    statements = [r for r in article.records if r.is_statement]
    gold_tokens = [tokens(text, r.content) for r in statements]
    pred_tokens = [tokens(text, p.content) for p in predictions]
    candidates = []
    for i, g in enumerate(gold_tokens):
        for j, p in enumerate(pred_tokens):
            if _overlap(g, p) >= MATCH_OVERLAP:
                candidates.append((len(g & p) / len(g | p), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    gold_used: dict[int, int] = {}
    pred_used: set[int] = set()
    for _, i, j in candidates:
        if i not in gold_used and j not in pred_used:
            gold_used[i] = j
            pred_used.add(j)
    judged = []
    for i, record in enumerate(statements):
        if i not in gold_used:
            judged.append(Judged(article.id, article.style, record, None))
            continue
        p = predictions[gold_used[i]]
        g_words = tokens(text, record.content, skip_leading_that=True)
        p_words = tokens(text, p.content, skip_leading_that=True)
        judged.append(Judged(
            article.id, article.style, record, p,
            speaker=judge_speaker(as_written(record.speakers, text), p),
            extent=_dice(g_words, p_words) >= EXTENT_DICE,
            kind=None if record.kind is None else record.kind == p.kind,
            stance=None if record.stance is None else record.stance == p.stance,
        ))
    others = [r for r in article.records if not r.is_statement]
    for j, p in enumerate(predictions):
        if j not in pred_used:
            judged.append(Judged(article.id, article.style, None, p, pattern=false_pattern(article, others, p, pred_tokens[j])))
    return judged


def false_pattern(article: GoldArticle, others: list[GoldRecord], predicted: Prediction, words: frozenset[int]) -> str:
    """What an unmatched prediction landed on: a non-speech attribution, layout, a statement already
    matched (a duplicate or a piece of one), or nothing the gold marks."""
    text = article.text
    best = max(others, key=lambda r: _overlap(tokens(text, r.content), words), default=None)
    if best is not None and _overlap(tokens(text, best.content), words) >= MATCH_OVERLAP:
        return f"not speech: {best.act}"
    for kind, start, end in article.layout:
        if kind == "label":  # a label line ("REFEREE: Neil Harker.") reaches to the end of its line
            newline = text.find("\n", end)
            end = len(text) if newline < 0 else newline
        if any(s < end and start < e for s, e in predicted.content):
            return f"layout: {kind}"
    for record in article.records:
        if record.is_statement and _overlap(tokens(text, record.content), words) >= MATCH_OVERLAP:
            return "duplicate or split of a statement"
    return "not an attribution"


# --------------------------------------------------------------------------- running storyline

def predictions_of(article) -> list[Prediction]:
    """Storyline's say/write statements of an analysed `Article` (all of them when it has no `act`)."""
    out = []
    for statement in article.statements:
        act = getattr(statement, "act", None)
        if act is not None and act not in SPEECH_ACTS:
            continue
        entity = article.entity(statement.speaker)
        out.append(Prediction(
            statement.id, tuple(tuple(p) for p in statement.content.spans),
            entity.name if entity else statement.speaker_name, entity is not None,
            statement.kind, statement.stance))
    return out


def analyse(articles: list[GoldArticle]) -> dict[str, list[Prediction] | str]:
    """Article id -> predictions, or the error message when the article could not be analysed."""
    from storyline.analyze import analyze_documents
    from storyline.ingest.document import Document, InputError

    documents = [Document(text=a.text, id=a.id, title=a.title, published=a.published, outlet=a.source,
                          author=a.author, origin=a.id) for a in articles]
    out: dict[str, list[Prediction] | str] = {}
    for gold, result in zip(articles, analyze_documents(documents)):
        out[gold.id] = str(result) if isinstance(result, InputError) else predictions_of(result)
    return out


# --------------------------------------------------------------------------- scoring

def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _share(part: int, whole: int) -> float | None:
    """A rate that is undefined (None) when nothing was judged, e.g. stance on PolNeAR."""
    return round(part / whole, 4) if whole else None


def summarize(judged: list[Judged], labelled_articles: set[str]) -> dict:
    predicted = [j for j in judged if j.predicted is not None]
    gold = [j for j in judged if j.gold is not None]
    matched = [j for j in judged if j.gold is not None and j.predicted is not None]
    speakers = Counter(j.speaker for j in matched)
    judged_speakers = sum(v for k, v in speakers.items() if k != "unlabelled")
    # fully right: over predictions in articles with speaker labels, leaving out undecided gold speakers
    scope = [j for j in predicted if j.article in labelled_articles and not (j.gold is not None and j.speaker == "unlabelled")]
    fully = sum(j.fully_right for j in scope)
    precision, recall = _rate(len(matched), len(predicted)), _rate(len(matched), len(gold))
    return {
        "articles": len({j.article for j in judged}),
        "gold_statements": len(gold),
        "predicted": len(predicted),
        "matched": len(matched),
        "precision": precision,
        "recall": recall,
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "speaker_judged": judged_speakers,
        "speaker_right": speakers["right"],
        "speaker_accuracy": _rate(speakers["right"], judged_speakers),
        "speaker_accuracy_lenient": _rate(speakers["right"] + speakers["partial"], judged_speakers),
        "speaker_outcomes": {k: speakers[k] for k in ("right", "partial", "unresolved", "none", "wrong")},
        "extent_right": _rate(sum(bool(j.extent) for j in matched), len(matched)),
        "kind_right": _share(sum(j.kind is True for j in matched), sum(j.kind is not None for j in matched)),
        "stance_right": _share(sum(j.stance is True for j in matched), sum(j.stance is not None for j in matched)),
        "fully_right": fully,
        "fully_right_of": len(scope),
        "fully_right_share": _rate(fully, len(scope)),
    }


def error_patterns(judged: list[Judged]) -> dict[str, Counter]:
    """Counts of errors by pattern: unmatched predictions by what they landed on; missed statements,
    speaker errors, extent, kind and stance errors by the gold record's tags."""
    patterns: dict[str, Counter] = {k: Counter() for k in ("false statement", "missed statement", "speaker", "extent", "kind", "stance")}
    for j in judged:
        if j.gold is None:
            patterns["false statement"][j.pattern] += 1
            continue
        tags = j.gold.tags or ("(untagged)",)
        if j.predicted is None:
            for tag in tags:
                patterns["missed statement"][tag] += 1
            continue
        if j.speaker in ("partial", "none", "unresolved", "wrong"):
            for tag in tags:
                patterns["speaker"][f"{j.speaker}: {tag}"] += 1
        if j.extent is False:
            patterns["extent"][j.gold.kind or "?"] += 1
        if j.kind is False:
            patterns["kind"][f"{j.gold.kind} -> {j.predicted.kind}"] += 1
        if j.stance is False:
            patterns["stance"][f"{j.gold.stance} -> {j.predicted.stance}"] += 1
    return patterns


def describe(j: Judged, text: str) -> str:
    def words(parts: Parts) -> str:
        s = " ".join(text[a:b] for a, b in parts).replace("\n", " ")
        return s if len(s) <= 110 else s[:107] + "..."

    if j.gold is None:
        return f"{j.article}: [{j.pattern}] {words(j.predicted.content)!r} (speaker {j.predicted.speaker!r})"
    gold_name = ("-" if j.gold.speakers is None else " + ".join(v[0] for v in j.gold.speakers)
                 if j.gold.speakers != UNLABELLED else "?")
    if j.predicted is None:
        return f"{j.gold.id} [{', '.join(j.gold.tags)}] missed: {words(j.gold.content)!r} ({gold_name})"
    problems = []
    if j.speaker in ("partial", "none", "unresolved", "wrong"):
        problems.append(f"speaker {j.speaker}: {j.predicted.speaker!r} for {gold_name!r}")
    if j.extent is False:
        problems.append(f"extent {words(j.predicted.content)!r} for {words(j.gold.content)!r}")
    if j.kind is False:
        problems.append(f"kind {j.predicted.kind} for {j.gold.kind}")
    if j.stance is False:
        problems.append(f"stance {j.predicted.stance} for {j.gold.stance}")
    return f"{j.gold.id} [{', '.join(j.gold.tags)}] " + "; ".join(problems)


def evaluate(articles: list[GoldArticle], predictions: dict[str, list[Prediction] | str]) -> tuple[list[Judged], list[str]]:
    judged, failures = [], []
    for article in articles:
        result = predictions.get(article.id, [])
        if isinstance(result, str):
            failures.append(f"{article.id}: {result}")
            result = []
        judged.extend(compare(article, result))
    return judged, failures


def report(articles: list[GoldArticle], judged: list[Judged]) -> dict:
    labelled = {a.id for a in articles if a.speakers_labelled}
    by_style: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        by_style[j.style].append(j)
    stories = [j for j in judged if j.style != "polnear-dev"]
    out = {"all": summarize(judged, labelled)}
    if stories and len(stories) != len(judged):
        out["stories"] = summarize(stories, labelled)
    out["by_style"] = {style: summarize(js, labelled) for style, js in sorted(by_style.items())}
    out["errors"] = {k: dict(v.most_common()) for k, v in error_patterns(judged).items()}
    return out


def _print(result: dict, out=sys.stdout) -> None:
    def line(name: str, s: dict) -> str:
        return (f"{name:<14} {s['articles']:>4} {s['gold_statements']:>5} {s['predicted']:>5} {s['precision']:>6.3f} {s['recall']:>6.3f}"
                f" {s['speaker_accuracy']:>7.3f} {s['speaker_accuracy_lenient']:>7.3f} {s['extent_right']:>6.3f}"
                f" {s['fully_right_share']:>6.3f} ({s['fully_right']}/{s['fully_right_of']})")

    print(f"{'':<14} {'art':>4} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'speaker':>7} {'lenient':>7} {'extent':>6} {'fully right':>6}", file=out)
    print(line("all", result["all"]), file=out)
    if "stories" in result:
        print(line("stories", result["stories"]), file=out)
    for style, s in result["by_style"].items():
        print(line(f"  {style}", s), file=out)
    a = result["all"]
    def rate(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    print(f"speaker outcomes: {a['speaker_outcomes']}; kind right {rate(a['kind_right'])}, stance right {rate(a['stance_right'])}", file=out)
    for group, counts in result["errors"].items():
        if counts:
            top = ", ".join(f"{k} {v}" for k, v in list(counts.items())[:12])
            print(f"errors, {group} ({sum(counts.values())}): {top}", file=out)


def main(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    articles: list[GoldArticle] = []
    try:
        if args.set in ("all", "stories") and (directory / "gold.jsonl").exists():
            articles += read_stories(directory)
        if args.set in ("all", "polnear") and (directory / "polnear_dev" / "acts.tsv").exists():
            texts = find_polnear(directory, args.polnear)
            if texts is None:
                print("PolNeAR dev texts not found (shared/data/polnear/dev beside the repository; --polnear DIR): "
                      "scoring the stories only", file=sys.stderr)
            else:
                articles += read_polnear(directory, texts)
    except (GoldError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.limit:
        articles = articles[: args.limit]
    if not articles:
        print(f"error: no gold found in {directory} (articles.jsonl + gold.jsonl, or polnear_dev/acts.tsv)", file=sys.stderr)
        return 2
    judged, failures = evaluate(articles, analyse(articles))
    for failure in failures:
        print(f"analysis failed: {failure}", file=sys.stderr)
    result = report(articles, judged)
    _print(result)
    if args.verbose:
        texts = {a.id: a.text for a in articles}
        groups: dict[str, list[str]] = defaultdict(list)
        for j in judged:
            if j.gold is None:
                groups[f"false statement: {j.pattern}"].append(describe(j, texts[j.article]))
            elif j.predicted is None:
                groups["missed statement"].append(describe(j, texts[j.article]))
            elif j.speaker in ("partial", "none", "unresolved", "wrong"):
                groups[f"speaker {j.speaker}"].append(describe(j, texts[j.article]))
            elif not j.fully_right and j.speaker != "unlabelled":
                groups["words, kind or stance"].append(describe(j, texts[j.article]))
        for name in sorted(groups, key=lambda g: -len(groups[g])):
            print(f"\n== {name} ({len(groups[name])})")
            for entry in groups[name]:
                print("  " + entry)
    if args.json:
        text = json.dumps(result, indent=2, ensure_ascii=False)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0
