"""A small pool of open stores, one per concurrent request.

``Database`` is one connection and not thread-safe, while FastAPI runs handlers in a thread
pool; each request therefore borrows a store of its own and gives it back. SQLite in WAL mode
lets these readers run beside one writer, and ``Store.add`` takes the write lock itself, so
ingestion through the API and a CLI ``ingest`` running at the same time serialise safely.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from eventwire.store import Store, StoreError, open_store


def db_errors() -> tuple[type[BaseException], ...]:
    """The database drivers' error classes (psycopg's only when it is installed)."""
    errors: list[type[BaseException]] = [sqlite3.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:
        pass
    return tuple(errors)


class PoolExhausted(StoreError):
    """Every connection stayed busy for the whole wait."""


class StorePool:
    """Up to ``size`` stores of one URL, opened on demand and reused (last in, first out)."""

    def __init__(self, url: str, size: int = 8, wait: float = 30.0) -> None:
        self.url = url
        self.size = size
        self.wait = wait
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def open_first(self) -> None:
        """Open (and migrate) one store now, so a bad URL fails at start-up, not on a request."""
        with self.borrow():
            pass

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        store = self._take()
        try:
            yield store
        except db_errors():
            # a failed statement can leave a connection unusable: drop it, open afresh
            self._discard(store)
            raise
        except BaseException:
            self._idle.put(store)
            raise
        self._idle.put(store)

    def _take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._all) < self.size:
                store = open_store(self.url)
                self._all.append(store)
                return store
        try:
            return self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise PoolExhausted("the store is busy; try again") from None

    def _discard(self, store: Store) -> None:
        with self._lock:
            if store in self._all:
                self._all.remove(store)
        with suppress(Exception):  # closing a broken connection may fail too
            store.close()

    def close(self) -> None:
        """Close every connection; the pool stays usable and opens new ones on demand."""
        with self._lock:
            stores, self._all = self._all, []
            while True:
                try:
                    self._idle.get_nowait()
                except queue.Empty:
                    break
        for store in stores:
            with suppress(Exception):
                store.close()
