"""`storyline eval stories FILE.jsonl ...`: score the story clusterer against gold story labels.

Each line of FILE is an article (`id`, `title`, `text`, `published`, `source`) with its gold story
in a field (`--label`, default `subtopic`; for files without one, the file's folder name: the
Timeline17 layout `<Topic>/articles.jsonl`). Articles are placed in file order (ECB+ arrives
shuffled), or by date with `--order date` (a news stream, as for Timeline17).

Scores: B-cubed precision, recall and F1 (Bagga & Baldwin 1998) and the adjusted Rand index
(Hubert & Arabie 1985), over every article and over each split's articles (as its own stream);
with `--shuffles N`, also their mean over the file order and N seeded shuffles of it.
Evidence: analysed records (`--records`, JSON Lines from `storyline analyze`, by id) give entities
and dates of events; without them a lighter path reads names as capitalised word runs and no
event dates. Sentence vectors are the static word-piece vectors `storyline link` computes (`--vectors static`), or
MiniLM's (`--vectors minilm`, cached under `--cache` once computed).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from storyline.link import stories as st

VECTOR_WINDOW = 128  # word pieces read for an article's sentence vector: the headline and lead


# --- scores -----------------------------------------------------------------------------------


def bcubed(gold: Sequence[str], predicted: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over items (each item weighs the same)."""
    n = len(gold)
    if not n:
        return 0.0, 0.0, 0.0
    both = Counter(zip(gold, predicted))
    g, p = Counter(gold), Counter(predicted)
    precision = sum(c * c / p[pr] for (_, pr), c in both.items()) / n
    recall = sum(c * c / g[go] for (go, _), c in both.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand(gold: Sequence[str], predicted: Sequence[object]) -> float:
    """Adjusted Rand index of two labelings of the same items (1: identical, ~0: chance)."""
    def pairs(c: int) -> float:
        return c * (c - 1) / 2

    n = len(gold)
    index = sum(pairs(c) for c in Counter(zip(gold, predicted)).values())
    a = sum(pairs(c) for c in Counter(gold).values())
    b = sum(pairs(c) for c in Counter(predicted).values())
    expected = a * b / pairs(n) if n > 1 else 0.0
    top = (a + b) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


# --- inputs -----------------------------------------------------------------------------------


def read_gold(paths: Iterable[str], label: str) -> list[dict]:
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    raise SystemExit(f"storyline eval stories: {path}:{number}: not JSON ({error.msg})") from None
                row["_gold"] = str(row.get(label) or Path(path).parent.name)
                rows.append(row)
    return rows


CAPITALISED = re.compile(r"\b(?:[A-Z][\w'’.-]*[\w]|[A-Z])(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w'’.-]*[\w])*")


def light_names(text: str) -> frozenset[str]:
    """Names without a parser: runs of capitalised words not at a sentence start (a lighter feature path)."""
    stop = st.word_set("stopwords_en.txt")
    found = set()
    for m in CAPITALISED.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        name = m.group()
        if not before.strip() or before.strip()[-1:] in ".!?\"'“:":
            parts = name.split()
            if len(parts) == 1:
                continue  # a lone capitalised word opening a sentence: most often not a name
        if name.casefold() in stop or len(name) < 3:
            continue
        found.add(st.name_key(name))
        parts = name.split()
        if len(parts) > 1:
            found.add(st.name_key(parts[-1]))
    return frozenset(found)


def static_vectors(rows: list[dict]) -> dict[str, tuple[float, ...]]:
    """Static word-piece sentence vectors of each article's opening (what `storyline link` computes)."""
    from storyline.nlp.sentence_vectors import static_vector  # NumPy, no spaCy

    return {row["id"]: tuple(float(x) for x in static_vector(f"{row.get('title') or ''}\n{row.get('text') or ''}")) for row in rows}


def sentence_vectors(rows: list[dict], cache: Path | None) -> dict[str, tuple[float, ...]]:
    """MiniLM sentence vectors of each article's opening, cached by id in `cache`/vectors.jsonl."""
    known: dict[str, tuple[float, ...]] = {}
    file = cache / "vectors.jsonl" if cache else None
    if file and file.exists():
        for line in file.open(encoding="utf-8"):
            item = json.loads(line)
            known[item["id"]] = tuple(item["v"])
    missing = [r for r in rows if r["id"] not in known]
    if missing:
        from storyline.nlp.sentence_vectors import (
            sentence_vector,  # NumPy MiniLM, no spaCy
        )

        out = file.open("a", encoding="utf-8") if file else None
        for i, row in enumerate(missing, 1):
            vector = tuple(round(float(x), 5) for x in sentence_vector(f"{row.get('title') or ''}\n{row.get('text') or ''}", window=VECTOR_WINDOW))
            known[row["id"]] = vector
            if out:
                out.write(json.dumps({"id": row["id"], "v": vector}) + "\n")
                out.flush()
            if i % 100 == 0:
                print(f"  vectors: {i}/{len(missing)}", file=sys.stderr)
        if out:
            out.close()
    return known


def articles(rows: list[dict], records: dict[str, dict], vectors: dict[str, tuple[float, ...]] | None) -> list[st.StoryArticle]:
    out = []
    for key, row in enumerate(rows, 1):
        vector = vectors.get(row["id"]) if vectors is not None else None
        record = records.get(row["id"])
        if record is not None:
            out.append(st.story_article({**record, "text": row.get("text") or record.get("text") or ""}, key, vector))
        else:
            text = f"{row.get('title') or ''}\n{row.get('text') or ''}"
            article = st.story_article(row, key, vector, names=light_names(text))
            out.append(article)
    return out


# --- the command ------------------------------------------------------------------------------


def cluster(items: list[st.StoryArticle], clusterer: st.SinglePass) -> list[int]:
    index = st.StoryIndex()
    placements = st.link_stories(items, index, clusterer)
    return [index.story_of(p.article) for p in placements]  # where each article ended (a split moves some)


def report(rows: list[dict], predicted: list[int], subset: str | None = None) -> dict:
    gold = [r["_gold"] for r in rows]
    p, r, f = bcubed(gold, predicted)
    sizes = Counter(predicted)
    in_stories = sum(1 for s in predicted if sizes[s] >= 2)
    return {
        "set": subset or "all",
        "articles": len(rows),
        "gold_stories": len(set(gold)),
        "stories": len(sizes),
        "bcubed_precision": round(p, 4),
        "bcubed_recall": round(r, 4),
        "bcubed_f1": round(f, 4),
        "ari": round(adjusted_rand(gold, predicted), 4),
        "in_stories_of_2_plus": round(in_stories / len(rows), 4) if rows else 0.0,
    }


def largest(rows: list[dict], predicted: list[int], n: int) -> list[dict]:
    members: dict[int, list[dict]] = defaultdict(list)
    for row, story in zip(rows, predicted):
        members[story].append(row)
    out = []
    for story, items in sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:n]:
        dates = sorted(r["published"] for r in items if r.get("published"))
        span = (st._days_apart(dates[0], dates[-1]) or 0) + 1 if dates else None
        out.append({"story": story, "articles": len(items), "first": dates[0] if dates else None,
                    "last": dates[-1] if dates else None, "days": span,
                    "gold": dict(Counter(r["_gold"] for r in items).most_common(3))})
    return out


def main(args: argparse.Namespace) -> int:
    rows = read_gold(args.files, args.label)
    if args.order == "date":
        rows.sort(key=lambda r: (r.get("published") or "", r["id"]))
    records: dict[str, dict] = {}
    for path in args.records or []:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    records[record["id"]] = record
    cache = Path(args.cache) if args.cache else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    clusterer = st.CLUSTERERS[args.clusterer]
    kind = "none" if args.no_vectors or "vector" not in dict(clusterer.weights) else args.vectors or clusterer.vectors
    vectors = None if kind == "none" else static_vectors(rows) if kind == "static" else sentence_vectors(rows, cache)
    changes: dict = {}
    weights = dict(clusterer.weights)
    for setting in args.set or []:
        name, _, value = setting.partition("=")
        if name.startswith("weight."):  # a channel's weight: weight.numbers=0.15
            weights[name.removeprefix("weight.")] = float(value)
            changes["weights"] = tuple((c, w) for c, w in weights.items() if w)
        elif name.startswith("conflict."):  # score lost where a channel shares nothing: conflict.names=0.1
            conflicts = dict(changes.get("conflicts", clusterer.conflicts))
            conflicts[name.removeprefix("conflict.")] = float(value)
            changes["conflicts"] = tuple((c, w) for c, w in conflicts.items() if w)
        elif not hasattr(clusterer, name):
            raise SystemExit(f"storyline eval stories: --set {setting}: {clusterer.name} has no setting {name!r}")
        else:
            changes[name] = type(getattr(clusterer, name))(value)
    clusterer = replace(clusterer, **changes)
    predicted = cluster(articles(rows, records, vectors), clusterer)
    results = [report(rows, predicted)]
    for split in sorted({r.get("split") for r in rows if r.get("split")}):
        chosen = [i for i, r in enumerate(rows) if r.get("split") == split]
        # scored as its own stream: the split's articles alone, in the same order
        sub = [rows[i] for i in chosen]
        results.append(report(sub, cluster(articles(sub, records, vectors), clusterer), split))
    if args.shuffles:
        # ECB+ arrives shuffled and the order alone moves F1 by about +-0.01: the mean over seeded
        # shuffles of each set says more than one order about a change
        for result in results:
            chosen = rows if result["set"] == "all" else [r for r in rows if r.get("split") == result["set"]]
            scores = []
            for seed in range(1, args.shuffles + 1):
                order = list(chosen)
                random.Random(seed).shuffle(order)
                scored = report(order, cluster(articles(order, records, vectors), clusterer))
                scores.append((scored["bcubed_f1"], scored["ari"]))
            result["shuffled"] = {"orders": len(scores) + 1,
                                  "bcubed_f1": round((result["bcubed_f1"] + sum(f for f, _ in scores)) / (len(scores) + 1), 4),
                                  "ari": round((result["ari"] + sum(a for _, a in scores)) / (len(scores) + 1), 4)}
    output = {"clusterer": clusterer.name, "settings": changes, "features": "records" if records else "light",
              "vectors": kind, "scores": results, "largest": largest(rows, predicted, args.largest)}
    if args.json:
        print(json.dumps(output, indent=1))
    else:
        print(f"clusterer {clusterer.name} {changes or ''} features={output['features']} vectors={output['vectors']}")
        for s in results:
            print(f"  {s['set']:>6}: {s['articles']} articles, {s['stories']} stories (gold {s['gold_stories']}): "
                  f"B3 P {s['bcubed_precision']:.3f} R {s['bcubed_recall']:.3f} F1 {s['bcubed_f1']:.3f}  ARI {s['ari']:.3f}  "
                  f"in stories of 2+: {s['in_stories_of_2_plus']:.1%}")
            if "shuffled" in s:
                print(f"          mean over {s['shuffled']['orders']} orders (this and {args.shuffles} shuffles): "
                      f"B3 F1 {s['shuffled']['bcubed_f1']:.3f}  ARI {s['shuffled']['ari']:.3f}")
        print("  largest stories:")
        for s in output["largest"]:
            print(f"    #{s['story']}: {s['articles']} articles, {s['first']} .. {s['last']} ({s['days']} days) gold {s['gold']}")
    return 0


def add_parser(corpora: argparse._SubParsersAction) -> None:
    parser = corpora.add_parser("stories", help="story clustering: B-cubed P/R/F1 and adjusted Rand index against gold story labels")
    parser.add_argument("files", nargs="+", metavar="FILE.jsonl")
    parser.add_argument("--label", default="subtopic", help="the gold story field (default subtopic; else the file's folder name)")
    parser.add_argument("--order", choices=("file", "date"), default="file", help="arrival order (default: as in the files)")
    parser.add_argument("--records", nargs="*", help="analysed records (storyline analyze JSONL) of the same ids: entities and event dates")
    parser.add_argument("--cache", default=None, help="a folder where sentence vectors are kept once computed")
    parser.add_argument("--vectors", choices=("static", "minilm", "none"), default=None,
                        help="sentence vectors: static word pieces, the MiniLM transformer, or none (default: the clusterer's)")
    parser.add_argument("--no-vectors", action="store_true", help="the same as --vectors none")
    parser.add_argument("--clusterer", choices=sorted(st.CLUSTERERS), default="single-pass")
    parser.add_argument("--set", action="append", metavar="NAME=VALUE", help="override a clusterer setting (threshold=0.4, weight.numbers=0.15, conflict.names=0.1)")
    parser.add_argument("--shuffles", type=int, default=0, metavar="N",
                        help="also score N seeded shuffles of each set's order and print the mean over all orders")
    parser.add_argument("--largest", type=int, default=5, help="how many of the largest stories to list")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.set_defaults(func=main)
