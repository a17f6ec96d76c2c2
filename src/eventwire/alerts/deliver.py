"""The outbox: deliver pending alert sends, mark each as its sink accepts it, retry with backoff.

Guarantee (docs/watch.md): a send is marked delivered only after its sink returned, so every
alert reaches every sink at least once, across crashes and restarts; a crash between the
sink's acceptance and the mark makes the send happen again, with the same ``alert_id``.
Receivers that deduplicate on it (the file sink does so itself) see each alert exactly once.

Isolation: a sink that fails is not tried again in the same pass (its later alerts wait for
its backoff), so a down webhook costs one timeout per pass, never the other sinks' deliveries.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from eventwire.alerts.sinks import DeliveryError, Sink
from eventwire.store import Store
from eventwire.store import alerts_queries as aq

log = logging.getLogger("eventwire.alerts")


def backoff_seconds(attempt: int, base: float, cap: float, rnd: random.Random | None = None) -> float:
    """Wait before attempt ``attempt + 1``: base·2^(attempt-1), capped, with ±20% jitter."""
    delay = min(cap, base * (2 ** max(0, attempt - 1)))
    return delay * (0.8 + 0.4 * (rnd or random).random())


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed_attempts: int = 0
    given_up: int = 0
    errors: list[str] = field(default_factory=list)


class Outbox:
    """Delivers the store's pending sends through ``sinks`` (by name)."""

    def __init__(self, store: Store, sinks: Mapping[str, Sink], clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.sinks = dict(sinks)
        self.clock = clock
        self._rnd = random.Random()

    def deliver(self, limit: int = 500) -> DeliveryReport:
        """One pass over the due sends (oldest alert first)."""
        report = DeliveryReport()
        db = self.store.db
        down: set[str] = set()
        for row in aq.due_sends(db, aq.iso(self.clock()), sorted(self.sinks), limit):
            name = row["sink"]
            if name in down:
                continue
            sink = self.sinks[name]
            attempts = int(row["attempts"]) + 1
            try:
                sink.send(row["payload"])
            except DeliveryError as exc:
                report.failed_attempts += 1
                report.errors.append(f"{name}: {exc}")
                down.add(name)
                settings = sink.settings
                if not exc.retryable or attempts >= settings.max_attempts:
                    report.given_up += 1
                    log.error("alert %s to %s given up after %d attempt(s): %s", row["alert_key"], name, attempts, exc)
                    aq.mark_attempt_failed(db, row["alert_id"], name, attempts, str(exc), None)
                    continue
                wait = backoff_seconds(attempts, settings.retry_base, settings.retry_max, self._rnd)
                if exc.retry_after is not None:
                    wait = max(wait, min(exc.retry_after, settings.retry_max))
                log.warning("alert %s to %s failed (attempt %d), retry in %.0f s: %s", row["alert_key"], name, attempts, wait, exc)
                aq.mark_attempt_failed(db, row["alert_id"], name, attempts, str(exc), aq.iso(self.clock() + wait))
                continue
            aq.mark_delivered(db, row["alert_id"], name, attempts)
            report.delivered += 1
        return report

    def next_due(self) -> float | None:
        """Seconds until the earliest pending send is due (0 when overdue; None when none)."""
        due = aq.next_send_due(self.store.db, sorted(self.sinks))
        if due is None:
            return None
        if not due:
            return 0.0
        return max(0.0, aq.parse_iso(due) - self.clock())

    def close(self) -> None:
        for sink in self.sinks.values():
            sink.close()

