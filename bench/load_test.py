"""Load test of `storyline serve` on loopback: concurrent clients over the pages and API, bounded in time.

    PYTHONPATH=src python bench/load_test.py --db storyline.db [--clients 20] [--seconds 60]

Starts `storyline serve` on a free loopback port, finds article and person ids through the API, then
runs `--clients` threads, each requesting pages and API endpoints in turn (home, lists, an article,
a person, timeline, search, their .json twins) until `--seconds` have passed. Prints the count per
status, the 5xx count (the target is none) and latency percentiles p50/p95/p99 over all requests.
POST /analyze is left out: it is one text at a time by design (a lock and a time budget).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = ["/", "/index.json", "/articles", "/statements", "/statements?stance=deny", "/people", "/timeline",
         "/timeline.json", "/timeline?since=0001", "/search?q=said", "/search?q=said&since=2016-09&until=2016-10", "/api/stories",
         "/api/articles", "/api/statements?limit=100", "/api/statements?since=2016-10&until=2016-10", "/api/people",
         "/api/organizations", "/api/timeline?limit=200", "/api/search?q=president", "/api/statements?q=%22will"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0  # no answer at all
    return status, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--db", args.db, "--port", str(port)],
                              env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while fetch(base + "/api/articles")[0] != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                print("serve did not start", file=sys.stderr)
                return 2
            time.sleep(0.3)
        articles = json.loads(urllib.request.urlopen(base + "/api/articles?limit=100").read())["items"]
        people = json.loads(urllib.request.urlopen(base + "/api/people?limit=100").read())["items"]
        urls = PAGES + [f"/articles/{a['article_id']}" for a in articles[:30]] + [f"/api/articles/{a['article_id']}" for a in articles[:30]]
        urls += [f"/people/{p['id']}" for p in people[:30]] + [f"/api/people/{p['id']}" for p in people[:30]]

        results: list[tuple[str, int, float]] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < stop:
                url = rng.choice(urls)
                status, seconds = fetch(base + url)
                with lock:
                    results.append((url, status, seconds))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)

    latencies = [seconds for _, _, seconds in results]
    statuses = Counter(status for _, status, _ in results)
    errors = [(url, status) for url, status, _ in results if status >= 500 or status == 0]
    print(f"{len(results)} requests, {args.clients} clients, {args.seconds:g} s, {len(urls)} distinct URLs")
    print("status: " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())))
    print(f"5xx or no answer: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))
    print(f"latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms, p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, mean {statistics.mean(latencies) * 1000:.0f} ms")
    by_page: dict[str, list[float]] = {}
    for url, _, seconds in results:
        by_page.setdefault(url.split("?")[0].rstrip("0123456789") or "/", []).append(seconds)
    slowest = sorted(by_page.items(), key=lambda item: -statistics.mean(item[1]))[:5]
    print("slowest: " + ", ".join(f"{page} {statistics.mean(times) * 1000:.0f} ms (n={len(times)})" for page, times in slowest))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
