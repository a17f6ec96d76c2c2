"""Rendering a MUC-4 run as rich tables: the template metric, the extra slots, the speed."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from eventwire.eval.muc4_extra import BINARY_SLOTS, EXTRA_SLOTS
from eventwire.eval.muc4_metric import SLOTS
from eventwire.eval.muc4_runner import Muc4Report

PUBLISHED = (
    "Published on the MUC-4 test split: GTT 50.2, IterX 53.0, GE 54.3 (GRIT role-filler 54.5)."
)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def metric_table(report: Muc4Report) -> Table:
    """Per-slot precision, recall and F1 with the counts behind them, then the micro average."""
    table = Table(
        title=f"MUC-4 template F1 — {report.name} ({report.n_docs} documents)", caption=PUBLISHED
    )
    for column in ("slot", "P", "R", "F1", "TP", "pred", "gold"):
        table.add_column(column, justify="left" if column == "slot" else "right")
    for slot in SLOTS:
        c = report.counts[slot]
        table.add_row(
            slot,
            _pct(c.precision),
            _pct(c.recall),
            _pct(c.f1),
            str(c.tp),
            str(c.n_pred),
            str(c.n_gold),
        )
    m = report.micro
    table.add_row(
        "micro",
        _pct(m.precision),
        _pct(m.recall),
        _pct(m.f1),
        str(m.tp),
        str(m.n_pred),
        str(m.n_gold),
        style="bold",
    )
    return table


def extra_table(report: Muc4Report) -> Table:
    """The slots only the raw answer keys have, scored on the aligned templates."""
    table = Table(
        title=f"Slots from the raw answer keys ({report.keyed_docs} documents keyed)",
        caption="accuracy: over aligned template pairs (value slots: where both give a value)",
    )
    for column in ("slot", "P", "R", "F1", "accuracy", "pairs", "pred", "gold"):
        table.add_column(column, justify="left" if column == "slot" else "right")
    for slot in EXTRA_SLOTS:
        c = report.extra[slot]
        label = f"{slot} (yes/no)" if slot in BINARY_SLOTS else slot
        table.add_row(
            label,
            _pct(c.precision),
            _pct(c.recall),
            _pct(c.f1),
            _pct(c.accuracy),
            str(c.n_both),
            str(c.n_pred),
            str(c.n_gold),
        )
    return table


def render(report: Muc4Report, console: Console) -> None:
    """Print the whole report: metric table, extra-slot table when keyed, speed and notes."""
    console.print(metric_table(report))
    if report.keyed_docs:
        console.print(extra_table(report))
    low, high = report.micro_f1_interval
    console.print(
        f"micro F1 {_pct(report.micro.f1)}, 95% interval {_pct(low)}-{_pct(high)} over resampled "
        "documents (`eventwire eval muc4-compare` tells whether two runs really differ)"
    )
    console.print(
        f"{report.n_docs} documents in {report.pipeline_seconds:.1f} s of pipeline time: "
        f"[bold]{report.docs_per_second:.2f} docs/s[/bold] (fillers: {report.filler})"
    )
    if report.failed_docs:
        console.print(
            f"[yellow]{report.failed_docs} documents failed in the pipeline (scored as empty)[/yellow]"
        )
    if report.mapping.unmapped:
        left = ", ".join(f"{k} {v}" for k, v in report.mapping.unmapped.most_common())
        console.print(f"events with no MUC-4 incident type, left out: {left}")
    if report.mapping.unknown:
        left = ", ".join(f"{k} {v}" for k, v in report.mapping.unknown.most_common())
        console.print(f"[yellow]events with subtypes the ontology does not know: {left}[/yellow]")
