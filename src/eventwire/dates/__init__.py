"""Temporal expressions in English news, resolved against the publication date.

``find_temporal_expressions`` scans text (regex only, exact offsets);
``resolve_date_expression`` resolves one phrase. Conventions are in ``resolve``'s docstring.
"""

from __future__ import annotations

from eventwire.dates.expressions import (
    TemporalExpression,
    find_temporal_expressions,
    resolve_date_expression,
)

__all__ = ["TemporalExpression", "find_temporal_expressions", "resolve_date_expression"]
