"""Cluster reports into events, one report at a time, without chaining.

A new report joins the existing event whose members it agrees with best, and only if it is
compatible with *every* member (no member rules it out and none scores below
``MergeOptions.floor``) and its mean score reaches ``threshold``. Requiring agreement with all
members, not just the nearest one, is what keeps A~B and B~C from merging A with C when A and
C disagree. Otherwise the report starts a new event. The same function serves ingestion (the
store loads candidate events) and the batch clustering used by the evaluation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from eventwire.merge.compat import MergeOptions, compatibility
from eventwire.merge.records import ReportRecord


@dataclass
class Cluster:
    """An event under construction: its key (a store id or a counter) and member reports."""

    key: int | str
    members: list[ReportRecord] = field(default_factory=list)

    @property
    def span(self) -> tuple[date | None, date | None]:
        starts = [m.start for m in self.members if m.start]
        ends = [m.end for m in self.members if m.end]
        return (min(starts) if starts else None, max(ends) if ends else None)


def link_score(report: ReportRecord, members: Sequence[ReportRecord], opts: MergeOptions) -> float | None:
    """Mean compatibility with the members, or None when any member rules the report out."""
    recent = members[-opts.max_members :]
    if not recent:
        return None
    total = 0.0
    for member in recent:
        score = compatibility(report, member, opts)
        if score is None or score < opts.floor:
            return None
        total += score
    mean = total / len(recent)
    return mean if mean >= opts.threshold else None


def best_cluster(
    report: ReportRecord, candidates: Iterable[Cluster], opts: MergeOptions
) -> tuple[Cluster, float] | None:
    """The candidate the report should join and its score; None means start a new event."""
    best: tuple[Cluster, float] | None = None
    for cluster in candidates:
        score = link_score(report, cluster.members, opts)
        if score is not None and (best is None or score > best[1]):
            best = (cluster, score)
    return best


def in_window(report: ReportRecord, span: tuple[date | None, date | None], opts: MergeOptions) -> bool:
    """Blocking: could an event spanning ``span`` hold this report at all (by date)?"""
    if report.start is None or report.end is None or span[0] is None or span[1] is None:
        return True
    pad = timedelta(days=opts.window_days)
    return span[0] - pad <= report.end and report.start <= span[1] + pad


class Clusterer:
    """In-memory incremental clustering with country/date blocking (evaluation, batch jobs)."""

    def __init__(self, opts: MergeOptions | None = None) -> None:
        self.opts = opts or MergeOptions()
        self.clusters: list[Cluster] = []
        self._by_country: dict[str | None, list[Cluster]] = {}

    def add(self, report: ReportRecord) -> Cluster:
        """Place one report; returns the cluster it joined or started."""
        pool = self._by_country.get(report.country, []) + (
            self._by_country.get(None, []) if report.country else self.clusters
        )
        seen: set[int] = set()
        candidates = []
        for c in pool:
            if id(c) not in seen and in_window(report, c.span, self.opts):
                seen.add(id(c))
                candidates.append(c)
        found = best_cluster(report, candidates, self.opts)
        if found is not None:
            cluster = found[0]
        else:
            cluster = Cluster(key=len(self.clusters))
            self.clusters.append(cluster)
            self._by_country.setdefault(report.country, []).append(cluster)
        cluster.members.append(report)
        return cluster


def cluster_reports(records: Iterable[ReportRecord], opts: MergeOptions | None = None) -> list[list[ReportRecord]]:
    """Cluster records in the given order, as ingestion would; returns member lists."""
    clusterer = Clusterer(opts)
    for record in records:
        clusterer.add(record)
    return [c.members for c in clusterer.clusters]
