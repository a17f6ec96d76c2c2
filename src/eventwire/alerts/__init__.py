"""Alerting: rules over merged events, an outbox in the store, and sinks that deliver.

``rules`` (what to alert on, a pure test per event), ``evaluate`` (rules against the events
changed since the last evaluation, writing alerts in the same transaction as the cursor),
``deliver`` (the outbox: at-least-once delivery with backoff, per sink), ``sinks`` and the
sink modules (stdout/log, webhook, email, JSONL file), ``payload`` (what an alert says).
"""

from eventwire.alerts.evaluate import EvaluationReport, evaluate
from eventwire.alerts.rules import Rule, check
from eventwire.alerts.sinks import DeliveryError, Sink, build_sink

__all__ = ["DeliveryError", "EvaluationReport", "Rule", "Sink", "build_sink", "check", "evaluate"]
