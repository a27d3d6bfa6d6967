"""One read-only `Store` per server thread: SQLite connections must not be used by two threads at once."""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from storyline.store.store import Store


T = TypeVar("T")
MAX_CACHED = 256  # views remembered at once (timeline summaries are one per set of filters)


class StorePool:
    """Opens the archive read-only, lazily, once per thread that asks; `close()` closes them all."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._cache: dict[Hashable, tuple[tuple, object]] = {}  # key -> (archive version, value), for every thread
        self._computing: dict[Hashable, threading.Lock] = {}
        Store.open(self.path, read_only=True).close()  # fail at start-up, not on the first request

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.path, read_only=True)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def version(self) -> tuple:
        """Changes whenever a writer commits: the archive file's and its write-ahead log's size and time.
        (`PRAGMA data_version` would do for one connection, but its values are not comparable across
        the threads' connections, and the cache is shared by all of them.)"""
        found = []
        for path in (self.path, self.path + "-wal"):
            try:
                stat = os.stat(path)
                found.append((stat.st_mtime_ns, stat.st_size))
            except FileNotFoundError:
                found.append(None)
        return tuple(found)

    def cached(self, key: Hashable, compute: Callable[[Store], T]) -> T:
        """`compute(store)`, remembered until the archive changes (an ingest commits), for every thread.

        For the few views that summarize the whole archive (start page, speaker lists, timeline
        summaries): they cost a scan of a large archive, and the archive changes far less often than it
        is read. One thread computes a missing value while the others asking for it wait for it (twenty
        clients opening the timeline at once cost one summary, not twenty).
        """
        version = self.version()
        with self._lock:
            hit = self._cache.get(key)
            computing = self._computing.setdefault(key, threading.Lock())
        if hit is not None and hit[0] == version:
            return hit[1]  # type: ignore[return-value]
        with computing:
            with self._lock:
                hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                return hit[1]  # type: ignore[return-value]
            value = compute(self.get())
            with self._lock:
                self._cache[key] = (version, value)
                while len(self._cache) > MAX_CACHED:  # filters make keys: forget the oldest
                    oldest = next(iter(self._cache))
                    del self._cache[oldest]
                    self._computing.pop(oldest, None)
        return value

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()
        self._local = threading.local()
