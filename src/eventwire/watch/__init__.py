"""The feed watcher behind ``eventwire watch``: poll, ingest, alert, deliver (docs/watch.md)."""

from eventwire.watch.config import WatchConfig, load_config, parse_config
from eventwire.watch.watcher import CycleReport, Watcher

__all__ = ["CycleReport", "WatchConfig", "Watcher", "load_config", "parse_config"]
