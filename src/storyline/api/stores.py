"""One read-only `Store` per server thread: SQLite connections must not be used by two threads at once."""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from storyline.store.store import Store


T = TypeVar("T")


class StorePool:
    """Opens the archive read-only, lazily, once per thread that asks; `close()` closes them all."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        Store.open(self.path, read_only=True).close()  # fail at start-up, not on the first request

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.path, read_only=True)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def cached(self, key: Hashable, compute: Callable[[Store], T]) -> T:
        """`compute(store)`, remembered until the archive changes (an ingest commits).

        For the few views that summarize the whole archive (start page, speaker lists): they cost
        a scan of a large archive, and the archive changes far less often than it is read.
        `PRAGMA data_version` changes whenever another connection commits.
        """
        store = self.get()
        version = store.conn.execute("PRAGMA data_version").fetchone()[0]
        cache: dict = self._local.__dict__.setdefault("cache", {})
        hit = cache.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute(store)
        cache[key] = (version, value)
        return value

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()
        self._local = threading.local()
