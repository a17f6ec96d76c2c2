"""The stdout and log sinks: for a terminal, a pipe into another program, or a log collector.

Neither can deduplicate (standard output has no memory), so after a crash between printing an
alert and recording it, the alert is printed again; its ``alert_id`` lets a consumer drop it.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any, TextIO

from eventwire.alerts.payload import render_text
from eventwire.alerts.sinks import DeliveryError, LogSettings, StdoutSettings

log = logging.getLogger("eventwire.alerts")


class StdoutSink:
    def __init__(self, name: str, settings: StdoutSettings, stream: TextIO | None = None) -> None:
        self.name = name
        self.settings = settings
        self._stream = stream

    def send(self, alert: dict[str, Any]) -> None:
        stream = self._stream or sys.stdout
        text = json.dumps(alert, ensure_ascii=False, sort_keys=True) if self.settings.format == "json" else render_text(alert).replace("\n", " | ")
        try:
            stream.write(text + "\n")
            stream.flush()
        except (OSError, ValueError) as exc:  # a closed pipe or stream
            raise DeliveryError(f"cannot write to standard output: {exc}") from None

    def close(self) -> None:
        pass


class LogSink:
    def __init__(self, name: str, settings: LogSettings) -> None:
        self.name = name
        self.settings = settings

    def send(self, alert: dict[str, Any]) -> None:
        level = getattr(logging, self.settings.level.upper())
        log.log(level, "alert %s [%s] %s", alert["alert_id"], alert["rule"], alert["headline"])

    def close(self) -> None:
        pass
