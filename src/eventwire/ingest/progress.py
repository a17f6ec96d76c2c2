"""A live progress line for long ingest runs (rich), on standard error only.

Sources are streamed, so the total is unknown up front: the line shows documents done, the
rate, and the running counts that matter (stored, skipped, events), updated a few times a
second by rich's refresh thread rather than once per document.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire.ingest.summary import IngestSummary


class ProgressReporter:
    """Context manager; ``update(summary)`` after each document. Disabled: does nothing."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.completed:,.0f}[/] documents"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[counts]}"),
            console=console,
            disable=not enabled,
            transient=True,
        )
        self._task = self._progress.add_task("ingest", total=None, rate="", counts="")

    def __enter__(self) -> ProgressReporter:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def update(self, summary: IngestSummary, elapsed: float) -> None:
        rate = f"{summary.read / elapsed:,.1f}/s" if elapsed > 0 else ""
        counts = (
            f"stored {summary.stored:,} · skipped {summary.n_skipped:,} · "
            f"dup {summary.duplicates + summary.near_duplicates + summary.already:,} · "
            f"events +{len(summary.new_events):,}"
        )
        self._progress.update(self._task, completed=summary.read, rate=rate, counts=counts)
