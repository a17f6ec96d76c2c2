"""Remembered answers of the whole-store aggregates (map, timeline, counts) until the store changes.

The dashboard asks for the same few aggregates on every page load, and each one scans the
matching events (100–200 ms on 100,000 events). An answer is kept with the store's *version*,
the newest ``updated_at`` and the highest id of the events table: both are read from an index
in well under a millisecond, and every change ingestion makes to an event moves one of them
(events are only ever inserted or updated), so a stale answer is never served. A time limit
bounds what an entry can cost in memory and age all the same.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from eventwire.store.db import Database

T = TypeVar("T")


def store_version(db: Database) -> tuple[Any, Any]:
    """(newest event update, highest event id): changes whenever any event does."""
    row = db.query_one("SELECT (SELECT MAX(updated_at) FROM events) AS u, (SELECT MAX(id) FROM events) AS i")
    return (row["u"], row["i"]) if row else (None, None)


class AggregateCache:
    """A small thread-safe LRU of (key -> answer), valid for one store version and ``ttl`` s."""

    def __init__(self, size: int = 256, ttl: float = 600.0) -> None:
        self.size = size
        self.ttl = ttl
        self._items: OrderedDict[Hashable, tuple[tuple[Any, Any], float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, db: Database, key: Hashable, compute: Callable[[], T]) -> T:
        """The remembered answer for ``key`` at the store's current version, else ``compute()``."""
        version = store_version(db)
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] == version and now - hit[1] < self.ttl:
                self._items.move_to_end(key)
                self.hits += 1
                return hit[2]
            self.misses += 1
        value = compute()
        with self._lock:
            self._items[key] = (version, now, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
