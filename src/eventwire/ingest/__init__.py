"""Ingestion: any news source -> articles, reports and merged events in the store."""

from eventwire.ingest.relevance import RelevanceGate, is_relevant
from eventwire.ingest.runner import IngestOptions, ingest
from eventwire.ingest.summary import IngestSummary
from eventwire.ingest.worker import Processor

__all__ = ["IngestOptions", "IngestSummary", "Processor", "RelevanceGate", "ingest", "is_relevant"]
