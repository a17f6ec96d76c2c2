"""The durable event store: SQLite by default, PostgreSQL for a ``postgresql://`` URL."""

from eventwire.store.db import Database, StoreError
from eventwire.store.query import EventFilter
from eventwire.store.store import AddResult, ArticleInput, Store, open_store

__all__ = ["AddResult", "ArticleInput", "Database", "EventFilter", "Store", "StoreError", "open_store"]
