"""How fast the web pages and API answer, as ratios to the cheapest request in the same run.

    python bench/web_pages.py [--db storyline.db] [--repeat 50]

Without --db it ingests samples/harbor.jsonl into a temporary archive first. Requests go
through the whole ASGI app in-process (FastAPI's TestClient: routing, queries, templates,
middleware; no sockets). The baseline is GET /static/favicon.svg, the framework's own
overhead, requested alternately with each page; each row gives both medians and their ratio.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

BASELINE = "/static/favicon.svg"  # the framework's own cost: routing, middleware, a small file
URLS = [
    "/", "/index.json", "/articles", "/statements", "/statements?stance=deny", "/people", "/timeline", "/timeline.json",
    "/search?q=harbor", "/api/statements?limit=200", "/api/timeline?limit=1000", "/api/search?q=strike",
]


def build_demo(path: Path) -> None:
    from storyline.ingest import read_paths
    from storyline.jobs.ingest import ingest
    from storyline.store import Store

    with Store.open(path) as store:
        ingest(store, read_paths([ROOT / "samples" / "harbor.jsonl"]), jobs=1)


def paired_ms(client, url: str, base_url: str, repeat: int) -> tuple[float, float]:
    """Median ms of `url` and of the baseline, requested alternately so machine load hits both alike."""
    client.get(url)  # warm: caches, templates compiled
    client.get(base_url)
    times: dict[str, list[float]] = {url: [], base_url: []}
    for _ in range(repeat):
        for target in (base_url, url):
            start = time.perf_counter()
            response = client.get(target)
            times[target].append(time.perf_counter() - start)
            assert response.status_code == 200, (target, response.status_code)
    return statistics.median(times[url]) * 1000, statistics.median(times[base_url]) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="archive to serve (default: a temporary one built from samples/harbor.jsonl)")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from storyline.server import create_app
    from storyline.store import Store, queries

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "demo.db"
        if not args.db:
            build_demo(db)
        with Store.open(db, read_only=True) as store:
            stats = queries.stats(store)
            people = queries.people(store, limit=1)
            first = queries.articles(store, limit=1)
        urls = list(URLS)
        if first:
            urls.append("/articles/" + first[0].article_id)
        if people:
            urls.append(f"/people/{people[0].id}")
        with TestClient(create_app(db)) as client:
            print(f"archive: {stats.articles} articles, {stats.statements} statements, {stats.people} speakers")
            print(f"{'request':40s} {'median ms':>10s} {'base ms':>8s} {'x baseline':>11s}")
            for url in urls:
                ms, base = paired_ms(client, url, BASELINE, args.repeat)
                print(f"{'GET ' + url[:36]:40s} {ms:10.2f} {base:8.2f} {ms / base:11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
