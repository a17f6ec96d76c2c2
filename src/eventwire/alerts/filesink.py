"""The file sink: one JSON object per line, each alert written exactly once.

The sink deduplicates itself: it reads the ``alert_id`` of every line already in the file when
it opens, so an alert redelivered after a crash (written, but not yet marked delivered in the
store) is recognised and not written again. A line torn by a crash mid-write is ignored and
the next alert starts on a new line. With ``fsync`` (the default) a line is on disk before the
store marks it delivered.
"""

from __future__ import annotations

import json
import os
from typing import Any

from eventwire.alerts.sinks import DeliveryError, FileSettings


def ids_in(path: os.PathLike[str] | str) -> set[str]:
    """``alert_id``s of the complete JSON lines of a file (empty when it does not exist)."""
    found: set[str] = set()
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    value = json.loads(line)
                except ValueError:
                    continue  # torn or foreign line
                if isinstance(value, dict) and isinstance(value.get("alert_id"), str):
                    found.add(value["alert_id"])
    except FileNotFoundError:
        pass
    return found


class FileSink:
    def __init__(self, name: str, settings: FileSettings) -> None:
        self.name = name
        self.settings = settings
        self._written: set[str] | None = None

    def send(self, alert: dict[str, Any]) -> None:
        path = self.settings.path
        try:
            if self._written is None:
                if path.parent and not path.parent.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                self._written = ids_in(path)
            if alert["alert_id"] in self._written:
                return
            line = json.dumps(alert, ensure_ascii=False, sort_keys=True) + "\n"
            with open(path, "a+b") as handle:
                handle.seek(0, os.SEEK_END)
                if handle.tell() > 0:
                    handle.seek(-1, os.SEEK_END)
                    if handle.read(1) != b"\n":
                        line = "\n" + line  # close a line torn by a crash
                handle.write(line.encode("utf-8"))
                handle.flush()
                if self.settings.fsync:
                    os.fsync(handle.fileno())
        except OSError as exc:
            raise DeliveryError(f"cannot write {path}: {exc.strerror or exc}") from None
        self._written.add(alert["alert_id"])

    def close(self) -> None:
        self._written = None
