"""Hand judgement of storyline's statements on held-out real news (issue 12's protocol).

    PYTHONPATH=src python bench/hand_judgement.py                 # pick, analyse (cached), score
    PYTHONPATH=src python bench/hand_judgement.py --refresh       # re-analyse with the current code
    PYTHONPATH=src python bench/hand_judgement.py --show fnc1/712 # an article with its records, to judge

(i) picks the articles with a fixed seed from Timeline17 and FNC-1 (../shared/data, never used to tune
attribution or speakers): 12 recall articles and a pool of 40 more; (ii) runs storyline on them as
`storyline analyze` does (the default output: statements said or written); (iii) keys every output
record by (article id, content offsets, hash of the speaker's name) and merges a seeded random sample
of them with the hand labels in `bench/hand_judgement/judgements.jsonl`; (iv) prints the issue's table
and lists the sampled records that have no label yet (after a code change, only those need judging).

The judgement file holds ids, offsets, hashes and labels only: the articles' text stays in ../shared.
See bench/hand_judgement/README.md for the protocol and the labels.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
JUDGEMENTS = ROOT / "bench" / "hand_judgement" / "judgements.jsonl"
CACHE = Path("/tmp/h30/analysed.jsonl")

SEED = 12  # issue 12
# A later round picks fresh articles (none of an earlier round's) with its own seed, and keeps its own
# judgements and cache: an earlier round's errors have been read while changing the code, so its
# figures drift towards development figures; a new round is held-out again.
ROUNDS = {
    1: (SEED, JUDGEMENTS, CACHE),
    2: (19, ROOT / "bench" / "hand_judgement" / "round2.jsonl", Path("/tmp/hj2/analysed.jsonl")),
    3: (23, ROOT / "bench" / "hand_judgement" / "round3.jsonl", Path("/tmp/hj3/analysed.jsonl")),
    4: (31, ROOT / "bench" / "hand_judgement" / "round4.jsonl", Path("/tmp/hj4/analysed.jsonl")),
}
# Articles read while changing the code (development sets drawn from the same corpora): no round takes them.
DEVELOPMENT_IDS = ROOT / "bench" / "hand_judgement" / "development_ids.txt"
RECALL_TIMELINE17 = 6  # one per outlet, at most two per topic
RECALL_FNC1 = 6
POOL_TIMELINE17 = 20
POOL_FNC1 = 20
SAMPLE_SIZE = 150
MIN_WORDS = 150  # shorter texts are teasers or fragments, not articles
MAX_WORDS = 3000  # longer texts here are reader-comment threads, round-ups and one live page, not one article
MAX_WORDS_RECALL = 1000  # every statement of a recall article is listed by hand: keep each readable in one sitting
TOPICS = ("bpoil", "EgyptianProtest", "Finan", "H1N1", "IraqWar")
SPEECH_ACTS = frozenset({"say", "write"})

# Texts skipped on reading, with the reason (non-news: transcripts, lists of links, non-English).
# The selection moves on to the next text in the seeded order.
SKIPPED: dict[str, str] = {}

# What a record's error is, when it is not a statement (`pattern` of a judgement).
NON_STATEMENT_PATTERNS = {
    "think": "belief, expectation or feeling as a statement",
    "intend": "intention or plan as a statement",
    "do": "decision or action as a statement",
    "perceive": "perception as a statement",
    "layout": "layout (label line, caption, credit, heading) as a statement",
    "narrative": "not an attribution at all (narrative, the writer's own words)",
    "question": "a question put to someone, not their words",
    "duplicate": "a duplicate or a piece of another record",
    "other": "no words reported (declined to comment, ...)",
}
SPEAKER_LABELS = ("right", "broken", "wrong", "description", "none")


@dataclass(frozen=True, slots=True)
class Pick:
    corpus: str  # timeline17 | fnc1
    id: str
    role: str  # recall | pool
    doc: dict


# ---------------------------------------------------------------- (i) the articles


def words(text: str) -> int:
    return len(text.split())


def timeline17_articles(data: Path) -> list[dict]:
    articles = []
    for topic in TOPICS:
        with open(data / "timeline17" / topic / "articles.jsonl", encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                item["topic"] = topic
                articles.append(item)
    return articles


def fnc1_articles(data: Path) -> list[dict]:
    csv.field_size_limit(10**9)
    with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [{"id": f"fnc1/{row['Body ID']}", "text": row["articleBody"]} for row in rows]


def eligible(item: dict, skipped: dict[str, str], max_words: int = MAX_WORDS) -> bool:
    """Whether a text is taken; a text passed over is noted in `skipped` with its reason."""
    n = words(item["text"])
    if item["id"] in SKIPPED:
        skipped[item["id"]] = "non-news: " + SKIPPED[item["id"]]
    elif n < MIN_WORDS:
        skipped[item["id"]] = f"under {MIN_WORDS} words"
    elif n > MAX_WORDS:
        skipped[item["id"]] = f"over {MAX_WORDS} words (comment threads, round-ups)"
    elif n > max_words:
        skipped[item["id"]] = f"over {max_words} words (recall set only)"
    else:
        return True
    return False


def pick_articles(data: Path = DATA, seed: int = SEED, exclude: frozenset[str] = frozenset()) -> tuple[list[Pick], Counter]:
    """The recall articles and the pool, in a seeded order; the texts skipped on the way, by reason.
    `exclude`: ids an earlier round took, never taken again."""
    rng = random.Random(seed)
    timeline = timeline17_articles(data)
    rng.shuffle(timeline)
    fnc = fnc1_articles(data)
    rng.shuffle(fnc)
    timeline = [item for item in timeline if item["id"] not in exclude]
    fnc = [item for item in fnc if item["id"] not in exclude]
    skipped: dict[str, str] = {}
    picks: list[Pick] = []
    outlets: set[str] = set()
    topics: Counter = Counter()
    for item in timeline:
        if len(outlets) == RECALL_TIMELINE17:
            break
        outlet = item["id"].split("/")[0]
        if outlet in outlets or topics[item["topic"]] >= 2:
            continue
        if eligible(item, skipped, MAX_WORDS_RECALL):
            outlets.add(outlet)
            topics[item["topic"]] += 1
            picks.append(Pick("timeline17", item["id"], "recall", item))
    for item in fnc:
        if sum(p.corpus == "fnc1" for p in picks) == RECALL_FNC1:
            break
        if eligible(item, skipped, MAX_WORDS_RECALL):
            picks.append(Pick("fnc1", item["id"], "recall", item))
    taken = {p.id for p in picks}
    for corpus, items, size in (("timeline17", timeline, POOL_TIMELINE17), ("fnc1", fnc, POOL_FNC1)):
        count = 0
        for item in items:
            if count == size:
                break
            if item["id"] in taken or not eligible(item, skipped):
                continue
            picks.append(Pick(corpus, item["id"], "pool", item))
            count += 1
    for pick in picks:  # passed over for the recall set, taken into the pool
        skipped.pop(pick.id, None)
    return picks, Counter(skipped.values())


# ---------------------------------------------------------------- (ii) storyline's output


def pick_round(data: Path, round_number: int) -> tuple[list[Pick], Counter]:
    """A round's articles: its own seed, none of the earlier rounds' articles, none read in development
    after round 2 (rounds 1 and 2 were drawn before the list began, so it leaves them as they were)."""
    taken: set[str] = set()
    for earlier in range(1, round_number):
        exclude = taken | development_ids() if earlier > 2 else taken
        taken |= {p.id for p in pick_articles(data, ROUNDS[earlier][0], frozenset(exclude))[0]}
    exclude = taken | development_ids() if round_number > 2 else taken
    return pick_articles(data, ROUNDS[round_number][0], frozenset(exclude))


def development_ids() -> set[str]:
    path = DEVELOPMENT_IDS
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def fresh_development(data: Path, seed: int, count: int, max_words: int = 1500) -> list[str]:
    """`count` article ids for development (half Timeline17, half FNC-1), seeded, none of any round's
    articles nor of those already read in development: what the helpers of stop 19 read
    (`--fresh-dev SEED N`; development_ids.txt names the seeds)."""
    taken = development_ids()
    for number in sorted(ROUNDS):
        taken |= {p.id for p in pick_round(data, number)[0]}
    rng = random.Random(seed)
    skipped: dict[str, str] = {}
    chosen: list[str] = []
    for items in (timeline17_articles(data), fnc1_articles(data)):
        rng.shuffle(items)
        chosen += [item["id"] for item in items if item["id"] not in taken and eligible(item, skipped, max_words)][: count // 2]
    return chosen


def code_version(root: Path = ROOT / "src" / "storyline") -> str:
    """A hash of the analysis code and its data and models, so that a cache made by other code is redone."""
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_cache(path: Path) -> dict[str, dict]:
    """An analysis cache as it is, whatever code made it (an earlier analysis to compare with)."""
    with open(path, encoding="utf-8") as handle:
        handle.readline()
        return {record["id"]: record for record in map(json.loads, handle)}


def analyse(picks: list[Pick], cache: Path, refresh: bool = False) -> dict[str, dict]:
    """The JSON record (every act) of each picked article, by id; cached (analysis is slow), and redone
    when the code that made the cache differs from the current code."""
    version = code_version()
    records: dict[str, dict] = {}
    if cache.exists() and not refresh:
        with open(cache, encoding="utf-8") as handle:
            header = json.loads(handle.readline() or "{}")
            if header.get("code") == version:
                for line in handle:
                    record = json.loads(line)
                    records[record["id"]] = record
            else:
                print(f"{cache} was made by other code: analysing again", file=sys.stderr)
    missing = [p for p in picks if p.id not in records]
    if missing:
        from storyline.analyze import analyze_documents
        from storyline.ingest.document import Document

        documents = [
            Document(text=p.doc["text"], id=p.id, title=p.doc.get("title"), published=p.doc.get("published"), outlet=p.doc.get("source"))
            for p in missing
        ]
        for document, result in zip(documents, analyze_documents(documents)):
            if not hasattr(result, "to_dict"):
                print(f"analysis failed: {result}", file=sys.stderr)
                continue
            records[document.id] = result.to_dict(every_act=True)
        cache.parent.mkdir(parents=True, exist_ok=True)
        with open(cache, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({"code": version}) + "\n")
            for record in records.values():
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return records


# ---------------------------------------------------------------- (iii) keys, sample, merge


def name_hash(name: str | None) -> str | None:
    """The speaker as the key holds it: a hash of the name, so no article text goes into the repository."""
    if not name:
        return None
    return hashlib.sha1(" ".join(name.split()).encode("utf-8")).hexdigest()[:10]


def speaker_name(statement: dict, entities: dict[str, dict]) -> str | None:
    entity = entities.get(statement.get("speaker") or "")
    return entity["name"] if entity else statement.get("speaker_name")


def record_key(article: str, spans: Iterable[Iterable[int]], speaker: str | None) -> tuple:
    return (article, tuple(tuple(span) for span in spans), speaker)


def output_records(records: dict[str, dict]) -> list[dict]:
    """The default output's statements (said or written) of every article, each with its key."""
    rows = []
    for article, record in records.items():
        entities = {e["id"]: e for e in record.get("entities", [])}
        for statement in record.get("statements", []):
            if statement.get("act", "say") not in SPEECH_ACTS:
                continue
            name = speaker_name(statement, entities)
            rows.append({
                "key": record_key(article, statement["content"]["spans"], name_hash(name)),
                "article": article,
                "statement": statement,
                "speaker_name": name,
            })
    rows.sort(key=lambda row: (row["key"][0], row["key"][1], row["key"][2] or ""))
    return rows


def typed(statement: dict) -> dict[str, str]:
    """What storyline typed for a record, as its judgement saw it: the key holds content and speaker
    only, so a judgement keeps these to notice when a later analysis types the same record otherwise."""
    return {"kind": statement["kind"], "stance": statement["stance"]}


def retyped(labels: dict[tuple, dict], chosen: list[dict]) -> list[dict]:
    """Sampled records judged when storyline typed their kind or stance otherwise: those fields to judge again."""
    return [row for row in chosen
            if row["key"] in labels and labels[row["key"]]["statement"]
            and labels[row["key"]].get("typed", typed(row["statement"])) != typed(row["statement"])]


def sample(rows: list[dict], size: int = SAMPLE_SIZE, seed: int = SEED) -> list[dict]:
    if len(rows) <= size:
        return list(rows)
    chosen = random.Random(seed).sample(range(len(rows)), size)
    return [rows[i] for i in sorted(chosen)]


def load_judgements(path: Path) -> tuple[dict[tuple, dict], dict[str, list[dict]]]:
    """Record labels by key, and the statements listed by hand, by article."""
    labels: dict[tuple, dict] = {}
    listed: dict[str, list[dict]] = {}
    if not path.exists():
        return labels, listed
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            if item.get("type") == "record":
                labels[record_key(item["article"], item["content"], item.get("speaker"))] = item
            elif item.get("type") == "listed":
                listed.setdefault(item["article"], []).append(item)
            else:
                raise ValueError(f"{path}:{number}: unknown type {item.get('type')!r}")
    return labels, listed


# ---------------------------------------------------------------- (iv) the measures


def overlap(a: list[list[int]], b: list[list[int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(spans: list[list[int]]) -> int:
    return sum(e - s for s, e in spans)


def recall(listed: dict[str, list[dict]], rows: list[dict], articles: Iterable[str]) -> tuple[int, int, list[dict]]:
    """Listed statements found by a default output record: characters shared cover at least half of
    the shorter content; one record finds one statement (pairs made largest overlap first), so of two
    statements joined into one record, one is missed."""
    found = 0
    total = 0
    missed: list[dict] = []
    for article in articles:
        gold = listed.get(article, [])
        total += len(gold)
        predicted = [row["statement"]["content"]["spans"] for row in rows if row["article"] == article]
        pairs = []
        for i, g in enumerate(gold):
            for j, p in enumerate(predicted):
                shared = overlap(g["content"], p)
                if shared and shared * 2 >= min(length(g["content"]), length(p)):
                    pairs.append((shared, i, j))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, i, j in sorted(pairs, reverse=True):
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
        found += len(used_g)
        missed += [g for i, g in enumerate(gold) if i not in used_g]
    return found, total, missed


def covered(statement: dict, rows: list[dict]) -> bool:
    """Whether a missed statement lies (at least half of it) inside some record, joined to another."""
    spans = statement["content"]
    return any(
        overlap(spans, row["statement"]["content"]["spans"]) * 2 >= length(spans)
        for row in rows
        if row["article"] == statement["article"]
    )


def usable(label: dict) -> bool:
    return bool(label["statement"] and label["speaker_label"] == "right" and label["words"] and label["kind"] and label["stance"])


def all_labels(path: Path) -> dict[tuple, list[dict]]:
    """Every label of each key, in file order (a record judged again when retyped keeps both)."""
    labels: dict[tuple, list[dict]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            if item.get("type") == "record":
                labels.setdefault(record_key(item["article"], item["content"], item.get("speaker")), []).append(item)
    return labels


def label_for(row: dict, labels: dict[tuple, list[dict]]) -> dict | None:
    """The label judged for this record as typed now (the last of its key with the same kind and stance, else None
    for a statement typed otherwise since; a non-statement's label holds whatever it was typed)."""
    candidates = labels.get(row["key"], [])
    for label in reversed(candidates):
        if not label["statement"] or label.get("typed", typed(row["statement"])) == typed(row["statement"]):
            return label
    return None


def follow(chosen: list[dict], rows: list[dict], labels: dict[tuple, list[dict]]) -> list[tuple[dict, str, dict | None]]:
    """Each record sampled from an earlier output, followed into the current one: `kept` (same key), `changed`
    (the current record of the same article sharing the most of its words, at least half of the shorter),
    or `dropped`; with the current record. A paired view: the same records before and after, where a re-drawn
    sample would mix in others by chance."""
    by_key = {row["key"]: row for row in rows}
    fates = []
    for old in chosen:
        if old["key"] in by_key:
            fates.append((old, "kept", by_key[old["key"]]))
            continue
        spans = old["statement"]["content"]["spans"]
        best, best_overlap = None, 0
        for row in rows:
            if row["article"] != old["article"]:
                continue
            other = row["statement"]["content"]["spans"]
            shared = overlap(spans, other)
            if shared * 2 >= min(length(spans), length(other)) and shared > best_overlap:
                best, best_overlap = row, shared
        fates.append((old, "changed", best) if best else (old, "dropped", None))
    return fates


def paired_table(fates: list[tuple[dict, str, dict | None]], labels: dict[tuple, list[dict]]) -> list[str]:
    """Fully usable before and after over the followed records; records still to judge are listed."""
    lines = []
    before = [label_for(old, labels) for old, _, _ in fates]
    now = [(fate, label_for(new, labels) if new else None, new) for _, fate, new in fates]
    usable_before = sum(1 for label in before if label and usable(label))
    counts = Counter(fate for fate, _, _ in now)
    output = [(label, new) for fate, label, new in now if fate != "dropped"]
    unjudged = [new for label, new in output if label is None]
    usable_now = sum(1 for label, _ in output if label and usable(label))
    dropped = [label for (fate, _, _), label in zip(now, before) if fate == "dropped"]
    dropped_statements = [label for label in dropped if label and label["statement"]]
    lines.append(f"followed from the earlier sample: {len(fates)} records: kept {counts['kept']}, changed {counts['changed']}, "
                 f"dropped {counts['dropped']} ({len(dropped_statements)} of them statements, "
                 f"{sum(usable(label) for label in dropped_statements)} fully usable)")
    lines.append(f"fully usable before: {percent((usable_before, len(fates)))}; now, of the {len(output)} still output: "
                 f"{percent((usable_now, len(output)))}" + (f" ({len(unjudged)} unjudged)" if unjudged else ""))
    judged_now = [label for label, _ in output if label]
    statements_before = sum(1 for label in before if label and label["statement"])
    lines.append(f"statements before: {percent((statements_before, len(fates)))}; now, of those judged: "
                 f"{percent((sum(label['statement'] for label in judged_now), len(judged_now)))}")
    for row in unjudged:
        key = row["key"]
        lines.append(f"  to judge: {key[0]}  {json.dumps([list(s) for s in key[1]])}  {key[2]}  {row['speaker_name']!r}")
    return lines


def measures(labels: list[dict]) -> dict:
    """The issue's table over the judged sample records."""
    statements = [label for label in labels if label["statement"]]
    share = lambda part, whole: (len(part), len(whole))  # noqa: E731
    return {
        "statements": share(statements, labels),
        "speaker right": share([s for s in statements if s["speaker_label"] == "right"], statements),
        "speaker right incl. broken name": share([s for s in statements if s["speaker_label"] in ("right", "broken")], statements),
        "words right": share([s for s in statements if s["words"]], statements),
        "kind right": share([s for s in statements if s["kind"]], statements),
        "stance right": share([s for s in statements if s["stance"]], statements),
        "fully usable": share([label for label in labels if usable(label)], labels),
    }


def patterns(labels: list[dict]) -> Counter:
    """Errors by pattern: what a non-statement is, and what is wrong with a statement (its `errors`:
    field -> a short pattern name, written by the judge)."""
    counts: Counter = Counter()
    for label in labels:
        if not label["statement"]:
            counts["not a statement: " + label.get("pattern", "?")] += 1
            continue
        for field, pattern in sorted(label.get("errors", {}).items()):
            counts[f"{field}: {pattern}"] += 1
    return counts


def percent(pair: tuple[int, int]) -> str:
    part, whole = pair
    return f"{part / whole:.0%} ({part}/{whole})" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--round", type=int, default=1, choices=sorted(ROUNDS), help="which round of fresh articles (default 1)")
    parser.add_argument("--judgements", type=Path, help="the round's labels (default: bench/hand_judgement/round<N>.jsonl; round 1 judgements.jsonl)")
    parser.add_argument("--cache", type=Path, help="analysed records (default: round 1 /tmp/h30/analysed.jsonl, round N /tmp/hjN/analysed.jsonl)")
    parser.add_argument("--refresh", action="store_true", help="re-analyse with the current code")
    parser.add_argument("--show", metavar="ID", help="print an article with its default records, to judge (not for the repository)")
    parser.add_argument("--sheet", action="store_true", help="print every unjudged sampled record with its sentence, to judge")
    parser.add_argument("--paired", type=Path, metavar="CACHE",
                        help="also follow the sample drawn from an earlier analysis (its cache) into the current output")
    parser.add_argument("--fresh-dev", type=int, nargs=2, metavar=("SEED", "N"),
                        help="print N article ids for development outside every round and development_ids.txt")
    parser.add_argument("--recall-texts", action="store_true",
                        help="print the recall articles' texts with character offsets and nothing of storyline's output, to list their statements blind")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2

    if args.fresh_dev:
        print("\n".join(fresh_development(args.data, *args.fresh_dev)))
        return 0
    seed, judgements, cache = ROUNDS[args.round]
    args.judgements = args.judgements or judgements
    picks, skipped = pick_round(args.data, args.round)
    records = analyse(picks, args.cache or cache, args.refresh)
    rows = output_records({p.id: records[p.id] for p in picks if p.id in records})
    if args.show:
        show(args.show, records, rows)
        return 0
    if args.recall_texts:
        for pick in (p for p in picks if p.role == "recall" and p.id in records):
            print_with_offsets(pick.id, records[pick.id]["text"])
        return 0
    labels, listed = load_judgements(args.judgements)
    chosen = sample(rows, seed=seed)
    judged = [labels[row["key"]] for row in chosen if row["key"] in labels]
    unjudged = [row for row in chosen if row["key"] not in labels]
    recall_ids = [p.id for p in picks if p.role == "recall"]
    found, total, missed = recall(listed, rows, recall_ids)

    print(f"articles: {sum(p.role == 'recall' for p in picks)} recall + {sum(p.role == 'pool' for p in picks)} pool; "
          f"default records: {len(rows)}; sampled: {len(chosen)}; judged: {len(judged)}")
    print("skipped on the way: " + (", ".join(f"{n} {why}" for why, n in skipped.most_common()) or "none"))
    print("recall articles: " + " ".join(recall_ids))
    print()
    print("| share of sampled records | value |")
    print("|---|---|")
    table = measures(judged)
    for name, pair in table.items():
        prefix = "of those: " if name not in ("statements", "fully usable") else ""
        print(f"| {prefix}{name} | {percent(pair)} |")
    print(f"| recall: listed statements found | {percent((found, total))} |")
    joined = sum(covered(m, rows) for m in missed)
    print(f"| recall, counting a statement inside a joined record as found | {percent((found + joined, total))} |")
    print()
    outcomes = Counter(label["speaker_label"] for label in judged if label["statement"])
    print("speaker outcomes of the sampled statements: " + ", ".join(f"{name} {outcomes[name]}" for name in SPEAKER_LABELS))
    print("errors by pattern (sampled records):")
    for name, count in patterns(judged).most_common():
        print(f"  {count:4d}  {name}")
    if missed:
        print("missed listed statements (* inside a record joining it to another): "
              + ", ".join(f"{m['article']}@{m['content'][0][0]}{'*' if covered(m, rows) else ''}" for m in missed))
    if args.paired:
        earlier = load_cache(args.paired)
        earlier_rows = output_records({p.id: earlier[p.id] for p in picks if p.id in earlier})
        print()
        print("\n".join(paired_table(follow(sample(earlier_rows, seed=seed), rows, all_labels(args.judgements)), all_labels(args.judgements))))
    stale = retyped(labels, chosen)
    if stale:
        print(f"\n{len(stale)} sampled records were judged when their kind or stance was typed otherwise (judge those again):")
        for row in stale:
            key = row["key"]
            print(f"  {key[0]}  {json.dumps([list(s) for s in key[1]])}  {key[2]}  judged {labels[key]['typed']}, now {typed(row['statement'])}")
    if unjudged:
        print(f"\n{len(unjudged)} sampled records have no judgement yet:")
        for row in unjudged:
            key = row["key"]
            print(f"  {key[0]}  {json.dumps([list(s) for s in key[1]])}  {key[2]}  {row['speaker_name']!r}")
            if args.sheet:
                text = records[row["article"]]["text"]
                sheet_line(row, text)
    return 0


def sheet_line(row: dict, text: str) -> None:
    statement = row["statement"]
    spans = statement["content"]["spans"]
    start = max(0, text.rfind("\n", 0, spans[0][0]), spans[0][0] - 400)
    end = min(len(text), spans[-1][1] + 250)
    context = text[start:end].replace("\n", " / ")
    print(f"      {statement['kind']} {statement['stance']} {statement['act']} cue={statement['cue']['text'] if statement.get('cue') else None!r}"
          f" source={statement['source']['text'] if statement.get('source') else None!r}")
    print(f"      CONTENT: {statement['content']['text']!r}")
    print(f"      CONTEXT: ...{context}...")


def print_with_offsets(article: str, text: str, width: int = 100) -> None:
    """An article's text in lines of `width` characters, each led by the offset of its first character."""
    print(f"=== {article}")
    for start in range(0, len(text), width):
        print(f"{start:6d}  {text[start:start + width]!r}")


def show(article: str, records: dict[str, dict], rows: list[dict]) -> None:
    record = records[article]
    print(record["text"])
    print("-" * 60)
    for row in (r for r in rows if r["article"] == article):
        statement = row["statement"]
        print(json.dumps([list(s) for s in row["key"][1]]), row["key"][2], repr(row["speaker_name"]), statement["kind"], statement["stance"],
              statement["act"], repr(statement["content"]["text"]))
    hidden = [s for s in record["statements"] if s.get("act") not in SPEECH_ACTS]
    for statement in hidden:
        print("  (--all only)", statement["act"], statement["content"]["spans"], repr(statement["content"]["text"]))


if __name__ == "__main__":
    sys.exit(main())
