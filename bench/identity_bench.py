"""Per-article cost of linking people as the archive grows: p95 at a small archive against large ones.

    OMP_NUM_THREADS=1 PYTHONPATH=src python bench/identity_bench.py --records RECORDS.jsonl --sizes 10000,1000000

RECORDS.jsonl: analysed records (`Article.to_dict()` lines, e.g. `storyline export` of an archive, or
the cache `storyline eval people --records` writes). For each size N, an archive's identity index is
built as linking N articles leaves it: identities (PERSON and ORG) whose names recombine the given
names, surnames and organisation names of the real records (Zipf-distributed, so some surnames are
shared by thousands of identities and most by few), filed under the same blocking keys, with states
like the fold's. Then each of `--probe` real articles (fresh names and all) is linked against it as
`storyline link` does one article: read the blocks of its name keys, the states of those identities,
fold, write the result in one transaction (rolled back, so every probe meets the same archive);
each probe's best of three passes is kept, in CPU time (on a shared machine, other load makes the
slowest; the archive is read from the page cache, so its reads are CPU work too).
Reported: p50 and p95 milliseconds per article at each size, and each size's p95 over the first's.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from storyline.jobs.link import LINK_CACHE, LINK_MMAP  # noqa: E402 (after the path insert)
from storyline.link import identities as ids  # noqa: E402 (after the path insert)
from storyline.link.names import person_name  # noqa: E402 (after the path insert)
from storyline.store import derived  # noqa: E402 (after the path insert)
from storyline.store.store import Store  # noqa: E402 (after the path insert)

IDENTITIES_PER_ARTICLE = 1.0  # new identities an article adds on average, once the archive is large (most names recur)


def pools(records: list[dict]) -> tuple[list[str], list[str], list[str]]:
    given, surnames, orgs = set(), set(), set()
    for record in records:
        for entity in record.get("entities") or []:
            if entity["type"] == "PERSON":
                parts = person_name(entity["name"])
                if parts.first and parts.surname:
                    given.add(parts.first.title())
                    surnames.add(parts.surname.title())
            elif entity["type"] == "ORG":
                orgs.add(entity["name"])
    return sorted(given), sorted(surnames), sorted(orgs)


def zipf_pick(rng: random.Random, items: list[str]) -> str:
    return items[min(int(rng.paretovariate(1.1)) - 1, len(items) - 1)]


def build(store: Store, n_articles: int, given: list[str], surnames: list[str], orgs: list[str], seed: int = 7) -> int:
    """File n_articles × IDENTITIES_PER_ARTICLE synthetic identities; returns how many."""
    rng = random.Random(seed)
    total = int(n_articles * IDENTITIES_PER_ARTICLE)
    rng.shuffle(surnames)
    batch_states, made = [], 0
    for i in range(1, total + 1):
        if rng.random() < 0.8:
            name = f"{rng.choice(given)} {zipf_pick(rng, surnames)}"
            entity = ids.EntityMention(f"syn{i}/e1", f"syn{i}", "PERSON", name, (name,))
        else:
            name = f"{zipf_pick(rng, orgs)} {rng.randrange(10**6)}" if rng.random() < 0.9 else zipf_pick(rng, orgs)
            entity = ids.EntityMention(f"syn{i}/e1", f"syn{i}", "ORG", name, (name,))
        _, filed = ids.entity_keys(entity)
        identity = ids.Identity(i, entity.type, name, entity.key, aliases=[name], keys=filed, mentions=1,
                                context=[f"p:{zipf_pick(rng, surnames).casefold()}" for _ in range(8)])
        if entity.type == "PERSON":
            parts = person_name(name)
            identity.surname, identity.givens = parts.surname, [parts.first] if parts.first else []
        batch_states.append(identity.to_dict())
        if len(batch_states) == 20_000 or i == total:
            with store.transaction() as conn:
                conn.executemany(
                    "INSERT INTO identities (id, type, name, aliases, roles, mention_count, state) VALUES (?, ?, ?, ?, '[]', 1, ?)",
                    [(s["id"], s["type"], s["name"], json.dumps(s["aliases"]), json.dumps(s)) for s in batch_states],
                )
                conn.executemany("INSERT OR IGNORE INTO identity_keys (key, identity) VALUES (?, ?)",
                                 [(k, s["id"]) for s in batch_states for k in s["keys"]])
            made += len(batch_states)
            batch_states = []
    return made


def link_one(store: Store, record: dict) -> float:
    """CPU seconds to link one article's entities against the stored index (its write rolled back)."""
    start = time.process_time()
    entities = ids.article_entities(record)
    lookup = {key for entity in entities for key in ids.entity_keys(entity)[0]}
    blocks = derived.identity_blocks(store, lookup, ids.block_cap)
    wanted = {i for block in blocks.values() for i in block}
    known = {pk: ids.Identity.from_dict(s) for pk, s in derived.identity_states(store, wanted).items()}
    changed, _ = ids.link_identities(entities, known, blocks, derived.next_identity_id(store))
    conn = store.conn
    conn.execute("SAVEPOINT probe")
    for state in changed.values():  # as derived.write_identities writes: an upsert, never a delete
        s = state.to_dict()
        conn.execute("INSERT INTO identities (id, type, name, aliases, roles, mention_count, state) VALUES (?, ?, ?, ?, '[]', ?, ?)"
                     " ON CONFLICT (id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases,"
                     " mention_count = excluded.mention_count, state = excluded.state",
                     (s["id"], s["type"], s["name"], json.dumps(s["aliases"]), s["mentions"], json.dumps(s)))
        old = set(known[s["id"]].keys) if s["id"] in known else set()  # as the job writes: the keys it did not have
        conn.executemany("INSERT OR IGNORE INTO identity_keys (key, identity) VALUES (?, ?)", [(k, s["id"]) for k in s["keys"] if k not in old])
    conn.execute("ROLLBACK TO probe")
    conn.execute("RELEASE probe")
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", required=True)
    parser.add_argument("--sizes", default="10000,1000000", help="archive sizes in articles, the first the baseline")
    parser.add_argument("--probe", type=int, default=300, help="articles linked at each size")
    parser.add_argument("--dir", default=None, help="where the archives go (default: a temporary folder)")
    parser.add_argument("--keep", default=None, metavar="DIR", help="keep the archives in DIR, and reuse those already built there")
    args = parser.parse_args()
    records = [json.loads(line) for line in Path(args.records).read_text(encoding="utf-8").splitlines() if line.strip()]
    given, surnames, orgs = pools(records)
    probes = [r for r in records if r.get("entities")][: args.probe]
    print(f"{len(records)} records: {len(given)} given names, {len(surnames)} surnames, {len(orgs)} organisations; {len(probes)} probes")
    base_p95 = None
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(args.keep or tmp) / f"identities_{size}.db"
            with Store.open(path) as store:
                t0 = time.perf_counter()
                # ids run 1..N: max(id) says how many without a scan of the table (which would leave the
                # page cache full of rows no probe reads, and slow the first probes at 1,000,000)
                made = store.conn.execute("SELECT coalesce(max(id), 0) FROM identities").fetchone()[0]
                if made != int(size * IDENTITIES_PER_ARTICLE):
                    store.conn.execute("DELETE FROM identity_keys")
                    store.conn.execute("DELETE FROM identities")
                    made = build(store, size, given, surnames, orgs)
                built = time.perf_counter() - t0
                store.conn.execute(f"PRAGMA cache_size = {LINK_CACHE}")  # as the link job sets them
                store.conn.execute(f"PRAGMA mmap_size = {LINK_MMAP}")
                link_one(store, probes[0])  # warm the page cache for the first probe as for the rest
                # each probe's best of three passes over all probes, in CPU time: on a shared machine the
                # other load, not the archive, makes the worst (and preempts back-to-back runs alike)
                passes = [[link_one(store, r) for r in probes] for _ in range(3)]
                times = sorted(min(run) * 1000 for run in zip(*passes))
            p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
            base_p95 = base_p95 or p95
            print(f"articles {size:>9,}  identities {made:>9,}  built in {built:6.0f}s  per-article p50 {p50:6.2f} ms  p95 {p95:6.2f} ms"
                  f"  p95 ratio {p95 / base_p95:4.2f}", flush=True)
            if not args.keep:
                path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
