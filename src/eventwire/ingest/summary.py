"""What an ingest run did, counted as it goes and printed at the end.

Skip reasons are grouped by their wording with numbers and quoted details blanked, so a
thousand oversized files are one line ("file is N MiB, over the N MiB limit: 1000"), not a
thousand; the store's ``skipped`` table keeps each source with its full reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table

_DETAIL = re.compile(r"\d[\d,.]*|https?://\S+|'[^']*'|\"[^\"]*\"")


def reason_category(reason: str) -> str:
    """A skip reason with its particulars (numbers, URLs, quoted text) blanked for grouping."""
    out = _DETAIL.sub(lambda m: "N" if m.group(0)[0].isdigit() else "…", reason)
    return re.sub(r"\s+", " ", out).strip(" :")[:120]


@dataclass
class IngestSummary:
    """Counters of one run. ``read`` counts every document and failure the sources gave."""

    read: int = 0
    stored: int = 0
    revised: int = 0  # of the stored: new versions of pages already stored at their URL
    parsed: int = 0
    irrelevant: int = 0
    already: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    reports: int = 0
    new_events: set[int] = field(default_factory=set)
    updated_events: set[int] = field(default_factory=set)
    skipped: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0
    workers: int = 1

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())

    def skip(self, reason: str) -> None:
        self.skipped[reason_category(reason)] += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "revised": self.revised,
            "parsed": self.parsed,
            "irrelevant": self.irrelevant,
            "already_in_store": self.already,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "skipped": self.n_skipped,
            "skip_reasons": dict(self.skipped.most_common()),
            "reports": self.reports,
            "new_events": len(self.new_events),
            "updated_events": len(self.updated_events - self.new_events),
            "elapsed_s": round(self.elapsed, 3),
            "workers": self.workers,
        }

    def render(self, console: Console) -> None:
        """Print the end-of-run summary table (and the skip reasons, most common first)."""
        rate = self.read / self.elapsed if self.elapsed > 0 else 0.0
        table = Table(title="Ingest summary", show_header=False, title_justify="left")
        table.add_column(style="bold")
        table.add_column(justify="right")
        rows = [
            ("documents read", self.read),
            ("stored (new articles)", self.stored),
            ("  updated pages (revisions of a stored URL)", self.revised),
            ("  parsed for events", self.parsed),
            ("  not about violence (stored, not parsed)", self.irrelevant),
            ("already in the store", self.already),
            ("duplicates (same text)", self.duplicates),
            ("near-duplicates (linked)", self.near_duplicates),
            ("skipped", self.n_skipped),
            ("event reports", self.reports),
            ("new events", len(self.new_events)),
            ("events updated", len(self.updated_events - self.new_events)),
            ("time", f"{self.elapsed:.1f} s ({rate:.1f} docs/s, {self.workers} worker{'s' if self.workers != 1 else ''})"),
        ]
        for label, value in rows:
            table.add_row(label, str(value))
        console.print(table)
        if self.skipped:
            reasons = Table(title="Skipped, by reason", title_justify="left")
            reasons.add_column("reason")
            reasons.add_column("documents", justify="right")
            for reason, n in self.skipped.most_common(15):
                reasons.add_row(reason, str(n))
            if len(self.skipped) > 15:
                reasons.add_row(f"({len(self.skipped) - 15} other reasons)", str(sum(n for _, n in self.skipped.most_common()[15:])))
            console.print(reasons)
