"""The ingest job: read → analyze → store, in parallel across processes, then link.

The main process reads documents, drops the ones already stored (by content hash,
before any analysis), hands the rest to worker processes that each load the
spaCy pipeline once, and writes every result in its own transaction, in input
order. Killing it at any point loses at most the articles in flight; a re-run
skips everything already stored. Once everything is stored, the link job folds
the new speaker mentions into the people table.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace

from storyline.ingest.document import Document, InputError
from storyline.jobs.link import link
from storyline.record import Article
from storyline.store import admission, dedup
from storyline.store.dates import calendar_date
from storyline.store.store import Store

CHUNK = 8  # documents per task sent to a worker: amortizes pickling, keeps nlp.pipe batching


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0  # exact duplicates: skipped, their URL/outlet added to the stored article
    near_duplicates: int = 0  # stored and linked to their original
    failed: int = 0
    seconds: float = 0.0
    failed_because: Counter = field(default_factory=Counter)  # the rule of each failure ("too short to be an article")

    @property
    def processed(self) -> int:
        return self.ingested + self.duplicates + self.failed

    def __str__(self) -> str:
        rate = self.processed / self.seconds if self.seconds > 0 else 0.0
        return (
            f"ingested {self.ingested}, skipped as duplicate {self.duplicates}, "
            f"near-duplicates linked {self.near_duplicates}, failed {self.failed} "
            f"({self.processed} in {self.seconds:.1f} s, {rate:.1f} articles/s)"
            + (f"\nfailed: {', '.join(f'{why} {n}' for why, n in self.failed_because.most_common())}"
               " (`storyline failures` lists each input and why)" if self.failed else "")
        )


_WARM_UP = Document(
    text="Warm-up\n\nThe mayor said on Monday that the plan would go ahead. \"We are ready,\" she said.",
    published="2020-01-06",
    origin="<warm-up>",
)


def _init_worker() -> None:
    from storyline.analyze import analyze_documents

    # Ctrl-C is the parent's to handle (one message, a consistent archive), not every worker's; and a
    # worker whose parent is gone (killed, even with -9) ends itself instead of holding its memory.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()

    # Load the pipeline once per process, and run one document through it so that lazily built
    # state (word lists, patterns) is ready before real work arrives.
    list(analyze_documents([_WARM_UP]))


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _analyze_chunk(documents: list[Document]) -> list[Article | InputError]:
    from storyline.analyze import analyze_documents

    return list(analyze_documents(documents))


def make_pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes that each load the pipeline once. spawn, not fork: the parent holds a
    SQLite connection and maybe threads (the progress bar)."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker)


def _ready(seconds: float) -> int:
    time.sleep(seconds)  # long enough that each warm-up task lands on its own worker
    return os.getpid()


def warm_up(pool: ProcessPoolExecutor, jobs: int) -> None:
    """Start every worker and load its pipeline now (benchmarks time steady-state throughput)."""
    for future in [pool.submit(_ready, 0.5) for _ in range(jobs)]:
        future.result()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def ingest(
    store: Store,
    documents: Iterable[Document | InputError],
    jobs: int = 1,
    published: str | None = None,
    on_item: Callable[[], None] | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> IngestSummary:
    """Analyse and store `documents`; returns what happened to them.

    `jobs` > 1 analyses in that many worker processes; 1 analyses in this process.
    `published` is the publication date given to documents that have none.
    `on_item` is called once per document handled (for a progress bar).
    `pool` (from `make_pool`) reuses running workers instead of starting `jobs` new ones.
    Ends by linking what was stored (`storyline.jobs.link.link`).
    """
    started = time.perf_counter()
    summary = IngestSummary()
    waiting: dict[str, list[Document]] = {}  # content hash in flight -> exact copies seen meanwhile
    default_day = calendar_date(published) if published else None
    if published and default_day is None:
        raise ValueError(f"not a date (expected YYYY-MM-DD): {published!r}")
    tick = on_item or (lambda: None)

    def fail(origin: str, reason: str) -> None:
        store.record_failure(origin, reason)
        summary.failed += 1
        summary.failed_because[reason.split(" (", 1)[0].split(": ", 1)[0]] += 1  # the rule, without its numbers
        tick()

    def admitted() -> Iterator[tuple[str, Document]]:
        for item in documents:
            if isinstance(item, InputError):
                fail(item.origin, item.reason)
                continue
            document = item
            if not document.published and default_day:
                document = replace(document, published=default_day)
            reason = admission.rejection(document.text)
            if reason:
                fail(document.origin or document.id or "<text>", reason)
                continue
            digest = dedup.content_hash(document.text)
            if digest in waiting:
                waiting[digest].append(document)
                continue
            if store.find_content(content_hash=digest):
                store.add_source(digest, document.url, document.outlet, document.origin, calendar_date(document.published or ""),
                                 record_id=document.id)
                summary.duplicates += 1
                tick()
                continue
            waiting[digest] = []
            yield digest, document

    def finish(digest: str, document: Document, result: Article | InputError) -> None:
        copies = waiting.pop(digest, [])
        if isinstance(result, InputError):
            for doc in [document, *copies]:
                fail(doc.origin or result.origin, result.reason)
            return
        try:
            outcome = store.add_article(result, origin=document.origin, content_hash=digest)
        except (sqlite3.IntegrityError, KeyError, TypeError, ValueError) as error:  # a malformed record fails alone
            for doc in [document, *copies]:
                fail(doc.origin or result.id, f"could not store the record: {error!r}")
            return
        if outcome.status == "added":
            summary.ingested += 1
            summary.near_duplicates += outcome.near_duplicate_of is not None
        else:
            summary.duplicates += 1
        tick()
        for doc in copies:
            store.add_source(digest, doc.url, doc.outlet, doc.origin, calendar_date(doc.published or ""), record_id=doc.id)
            summary.duplicates += 1
            tick()

    try:
        if pool is not None:
            _run_pool(admitted(), finish, pool, jobs)
        elif jobs <= 1:
            _run_here(admitted(), finish)
        else:
            with make_pool(jobs) as own:
                try:
                    _run_pool(admitted(), finish, own, jobs)
                except BaseException:  # Ctrl-C, or a failure here: the work in flight is dropped, not waited for
                    _stop_workers(own)
                    raise
        link(store)
    finally:
        summary.seconds = time.perf_counter() - started
    return summary


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now: what they were analysing was not stored, and a re-run redoes it."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public way before Python 3.14
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _run_here(items: Iterator[tuple[str, Document]], finish) -> None:
    from storyline.analyze import analyze_documents

    in_flight: deque[tuple[str, Document]] = deque()

    def feed() -> Iterator[Document]:
        for digest, document in items:
            in_flight.append((digest, document))
            yield document

    # analyze_documents yields exactly one result per document, in order
    for result in analyze_documents(feed()):
        digest, document = in_flight.popleft()
        finish(digest, document, result)


def _run_pool(items: Iterator[tuple[str, Document]], finish, pool: ProcessPoolExecutor, jobs: int) -> None:
    window = max(jobs, 1) * 3  # chunks in flight: keeps every worker busy without reading the whole input ahead
    pending: deque[tuple[list[tuple[str, Document]], Future]] = deque()
    chunk: list[tuple[str, Document]] = []

    def drain(limit: int) -> None:
        while len(pending) > limit:
            batch, future = pending.popleft()
            try:
                results = future.result()
            except Exception as error:  # noqa: BLE001 - a crashed worker fails its chunk, not the run
                results = [InputError(doc.origin, f"analysis failed: {error!r}") for _, doc in batch]
            for (digest, document), result in zip(batch, results):
                finish(digest, document, result)

    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            pending.append((chunk, pool.submit(_analyze_chunk, [doc for _, doc in chunk])))
            chunk = []
            drain(window)
    if chunk:
        pending.append((chunk, pool.submit(_analyze_chunk, [doc for _, doc in chunk])))
    drain(0)
