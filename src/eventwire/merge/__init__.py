"""Merge reports of the same real-world incident into events (pure functions, no database)."""

from eventwire.merge.aggregate import ActorSupport, EventAggregate, aggregate, combine_counts
from eventwire.merge.cluster import Cluster, Clusterer, best_cluster, cluster_reports, link_score
from eventwire.merge.compat import MergeOptions, compatibility
from eventwire.merge.records import Casualties, ReportRecord, record_from_report, source_key

__all__ = [
    "ActorSupport",
    "Casualties",
    "Cluster",
    "Clusterer",
    "EventAggregate",
    "MergeOptions",
    "ReportRecord",
    "aggregate",
    "best_cluster",
    "cluster_reports",
    "combine_counts",
    "compatibility",
    "link_score",
    "record_from_report",
    "source_key",
]
