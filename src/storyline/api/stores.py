"""One read-only `Store` per server thread: SQLite connections must not be used by two threads at once."""
from __future__ import annotations

import threading
from pathlib import Path

from storyline.store.store import Store


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

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()
        self._local = threading.local()
