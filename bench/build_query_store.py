"""Build a large archive for query benchmarks from real analysed records (PolNeAR texts through storyline).

    OMP_NUM_THREADS=1 PYTHONPATH=src python bench/build_query_store.py --db out/bench/query.db --statements 1000000

Each stored article is a variant of a real analysed record: about 30% of its words replaced by
same-length words from the corpus (so offsets stay valid, texts are distinct and not near-duplicates),
its speakers renamed from a pool of names recombined from the real speakers (Zipf-distributed, so
some speakers are quoted tens of thousands of times and most rarely), and its publication date
(and every full-date time value with it) moved to a random day in 2010-2025. Records go through
`Store.add_article`, as ingest stores them.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

_WORD = re.compile(r"[A-Za-z]+")
_FULL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def analysed_records(polnear: Path, limit: int, cache: Path) -> list[dict]:
    """Analysed PolNeAR records, cached as JSONL (analysis is the slow part)."""
    if cache.exists():
        records = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
        if len(records) >= limit:
            return records[:limit]
    from ingest_bench import polnear_documents

    from storyline.analyze import analyze_documents
    from storyline.ingest.document import InputError

    documents = polnear_documents(polnear, "train", limit)
    records = []
    started = time.perf_counter()
    for number, result in enumerate(analyze_documents(documents), 1):
        if not isinstance(result, InputError):
            records.append(result.to_dict())
        if number % 50 == 0:
            print(f"  analysed {number}/{len(documents)} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return records


class Variants:
    def __init__(self, records: list[dict], speakers: int, seed: int):
        self.records = records
        self.rng = random.Random(seed)
        by_length: dict[int, list[str]] = {}
        for record in records:
            for word in _WORD.findall(record["text"]):
                by_length.setdefault(len(word), []).append(word.lower())
        self.by_length = by_length
        real = [e["name"].split() for r in records for e in r.get("entities") or [] if e["type"] == "PERSON"]
        firsts = sorted({parts[0] for parts in real if len(parts) >= 2})
        lasts = sorted({parts[-1] for parts in real if len(parts) >= 2})
        pool = sorted({f"{first} {last}" for first in firsts for last in lasts})
        self.rng.shuffle(pool)
        self.pool = pool[:speakers]
        # Zipf-like popularity: rank r is picked with weight 1 / (r + 5)
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 5) for rank in range(len(self.pool))))
        self.start, self.days = date(2010, 1, 1), (date(2025, 12, 31) - date(2010, 1, 1)).days

    def speaker(self) -> str:
        return self.rng.choices(self.pool, cum_weights=self.cumulative)[0]

    def make(self, number: int) -> dict:
        rng = self.rng
        base = rng.choice(self.records)
        record = json.loads(json.dumps(base))

        def swap(match: re.Match) -> str:
            word = match.group(0)
            if rng.random() >= 0.3 or len(word) not in self.by_length:
                return word
            new = rng.choice(self.by_length[len(word)])
            return new.capitalize() if word[0].isupper() else new

        text = _WORD.sub(swap, record["text"])  # same-length words: every offset stays valid
        record["text"] = text
        record["id"] = f"{base['id']}-v{number}"
        published = self.start + timedelta(days=rng.randrange(self.days))
        try:
            delta = published - date.fromisoformat((base.get("published") or "")[:10])
        except ValueError:
            delta = timedelta(0)
        record["published"] = published.isoformat()
        for time_ in record.get("times") or []:
            time_["text"] = text[time_["start"] : time_["end"]]
            value = time_.get("value") or ""
            if (m := _FULL_DATE.match(value)) and delta:
                try:
                    time_["value"] = (date.fromisoformat(m[1]) + delta).isoformat() + value[10:]
                except (ValueError, OverflowError):
                    pass
        renamed: dict[str, str] = {}
        for entity in record.get("entities") or []:
            if entity["type"] == "PERSON":
                renamed[entity["name"]] = entity["name"] = self.speaker()
            for mention in entity.get("mentions") or []:
                mention["text"] = text[mention["start"] : mention["end"]]
        for statement in record.get("statements") or []:
            if statement.get("speaker_name"):
                statement["speaker_name"] = renamed.get(statement["speaker_name"]) or self.speaker()
            for key in ("content", "source", "cue"):
                span = statement.get(key)
                if span:
                    span["text"] = " ".join(text[s:e] for s, e in span["spans"])
        for caption in record.get("captions") or []:
            caption["text"] = text[caption["start"] : caption["end"]]
        return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=REPO / "out" / "bench" / "query.db")
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--polnear", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--base", type=int, default=300, help="real texts to analyse (default 300)")
    parser.add_argument("--cache", type=Path, default=REPO / "out" / "bench" / "polnear_records.jsonl")
    parser.add_argument("--speakers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from storyline.store import Store

    records = [r for r in analysed_records(args.polnear, args.base, args.cache) if r.get("statements")]
    print(f"{len(records)} analysed records with statements, "
          f"{sum(len(r['statements']) for r in records) / len(records):.1f} statements each", file=sys.stderr)
    variants = Variants(records, args.speakers, args.seed)
    print(f"speaker pool: {len(variants.pool)} names", file=sys.stderr)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    with Store.open(args.db) as store:
        count = store.conn.execute("SELECT count(*) FROM statements").fetchone()[0]
        number = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        started = time.perf_counter()
        near = 0
        while count < args.statements:
            record = variants.make(number)
            result = store.add_article(record, origin=f"bench:{number}")
            near += result.near_duplicate_of is not None
            count += len(record["statements"])
            number += 1
            if number % 5000 == 0:
                elapsed = time.perf_counter() - started
                print(f"  {number} articles, {count} statements, {elapsed:.0f} s, near-duplicates {near}", file=sys.stderr)
        from storyline.jobs.link import link

        link(store)  # the people table is derived from the stored speaker mentions
        store.conn.execute("ANALYZE")
    print(f"built {args.db}: {number} articles, {count} statements", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
