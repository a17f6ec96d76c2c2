"""``eventwire eval muc4``: score the real extraction pipeline on MUC-4 (docs/muc4.md).

The command only wires things together: options -> documents, keys, pipeline -> runner ->
tables and files. Every failure the user can cause (missing data, bad config, unwritable
output) is one line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import cast

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from eventwire.config import ExtractOptions
from eventwire.errors import EventwireError
from eventwire.eval.muc4_data import SPLITS, load_processed, muc4_dir, split_path
from eventwire.eval.muc4_keys import load_datelines, load_keys
from eventwire.eval.muc4_mapping import FillerChoice
from eventwire.eval.muc4_report import render
from eventwire.eval.muc4_runner import Muc4Report, SupportsProcess, run_muc4


def make_pipeline(options: ExtractOptions) -> SupportsProcess:
    """The real extraction pipeline (imported late: loading spaCy is slow, tests swap this)."""
    try:
        from eventwire.pipeline import Pipeline
    except ImportError as exc:
        raise EventwireError(f"the extraction pipeline is not available ({exc})") from None
    return cast(SupportsProcess, Pipeline(options))


def _raw_dir(explicit: Path | None, data_path: Path) -> Path:
    if explicit is not None:
        return explicit
    beside = data_path.parent / "raw"
    return beside if beside.is_dir() else muc4_dir() / "raw"


def _run(
    split: str | None,
    path: Path | None,
    limit: int | None,
    predictions: Path | None,
    raw_keys: bool,
    raw_dir: Path | None,
    filler: str,
    config: Path | None,
    summary: Path | None,
    console: Console,
    err: Console,
) -> Muc4Report:
    if split is not None and path is not None:
        raise click.UsageError("give --split or --path, not both")
    data_path = path if path is not None else split_path(split or "dev")
    name = split or data_path.stem
    docs = load_processed(data_path, limit=limit)
    options = ExtractOptions.from_file(config) if config else ExtractOptions()

    keys_dir = _raw_dir(raw_dir, data_path)
    keys = datelines = None
    if keys_dir.is_dir():
        datelines = load_datelines(keys_dir)  # an input (the publication date), not gold
        if raw_keys:
            keys = load_keys(keys_dir)
    elif raw_keys:
        err.print(
            f"no MUC-4 answer keys at {keys_dir}: skipping date, location, casualty and claim slots"
        )

    pipeline = make_pipeline(options)
    out_path = predictions or Path(f"muc4-{name}-predictions.jsonl")
    try:
        out = out_path.open("w", encoding="utf-8")
    except OSError as exc:
        raise EventwireError(
            f"cannot write predictions to {out_path}: {exc.strerror or exc}"
        ) from None
    with (
        out,
        Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("muc4", total=len(docs))
        report = run_muc4(
            docs,
            pipeline,
            name=name,
            filler=cast(FillerChoice, filler),
            keys=keys,
            datelines=datelines,
            predictions=out,
            on_doc=lambda _doc: progress.advance(task),
        )
    render(report, console)
    console.print(f"predictions, gold and per-document scores: {out_path}")
    if summary is not None:
        try:
            summary.write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise EventwireError(
                f"cannot write summary to {summary}: {exc.strerror or exc}"
            ) from None
    return report


@click.command("muc4")
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    default=None,
    help="Named split of the shared MUC-4 data [default: dev].",
)
@click.option(
    "--path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A processed MUC-4 jsonl file instead of a named split.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Score only the first N documents."
)
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JSONL of predictions, gold and per-document scores [default: muc4-<split>-predictions.jsonl].",
)
@click.option(
    "--raw-keys/--no-raw-keys",
    default=True,
    help="Also score date, location, casualties and claims from the raw answer keys.",
)
@click.option(
    "--raw-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="MUC-4 raw/ directory with answer keys and texts [default: beside the data].",
)
@click.option(
    "--filler",
    type=click.Choice(["head", "text"]),
    default="head",
    show_default=True,
    help="Role filler string: a mention's head when set, or always its full text.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TOML file whose [extract] table sets the pipeline options.",
)
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the corpus scores as JSON (for quality gates).",
)
def eval_muc4(
    split: str | None,
    path: Path | None,
    limit: int | None,
    predictions: Path | None,
    raw_keys: bool,
    raw_dir: Path | None,
    filler: str,
    config: Path | None,
    summary: Path | None,
) -> None:
    """Run extraction on MUC-4 documents and score it with the template F1 of GTT/IterX.

    Prints per-role precision, recall and F1 with the micro average, the slots only the raw
    answer keys have (date, location, casualties, claims) and documents per second, and writes
    predictions, gold and per-document scores as JSONL for error analysis (docs/muc4.md).

    \b
    Examples:
      eventwire eval muc4 --split dev
      eventwire eval muc4 --path my-muc4.jsonl --limit 50 --filler text
    """
    console, err = Console(), Console(stderr=True)
    ctx = click.get_current_context()
    try:
        _run(
            split,
            path,
            limit,
            predictions,
            raw_keys,
            raw_dir,
            filler,
            config,
            summary,
            console,
            err,
        )
    except click.ClickException:
        raise
    except EventwireError as exc:  # the user's to fix: exit 2, as the top-level group does
        click.echo(f"Error: {_first_line(exc)}", err=True)
        ctx.exit(2)
    except Exception as exc:  # a bug, here or in the pipeline: one line, exit 3
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        click.echo(
            f"Error: internal error ({type(exc).__name__}: {_first_line(exc)}); "
            "set EVENTWIRE_DEBUG=1 for a traceback",
            err=True,
        )
        ctx.exit(3)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@click.command("muc4-compare")
@click.argument("run_a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("run_b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--resamples", type=click.IntRange(min=100), default=1000, show_default=True,
    help="Bootstrap resamples of the documents.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the resampling.")
@click.option(
    "--show", type=click.IntRange(min=0), default=10, show_default=True,
    help="List this many of the documents whose score changed most.",
)
@click.option(
    "--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Also write the comparison as JSON here.",
)
def eval_muc4_compare(
    run_a: Path, run_b: Path, resamples: int, seed: int, show: int, json_out: Path | None
) -> None:
    """Compare two `eval muc4` predictions files: is B really better than A?

    A paired bootstrap over the documents both runs scored: for the micro F1 and each slot,
    the difference B - A, its 95% interval and the share of resamples in which B is ahead.
    A difference whose interval holds 0 may be the luck of which documents the split holds.

    \b
    Examples:
      eventwire eval muc4 --split dev --predictions before.jsonl
      eventwire eval muc4 --split dev --predictions after.jsonl
      eventwire eval muc4-compare before.jsonl after.jsonl
    """
    from eventwire.eval.muc4_compare import compare_runs, load_run

    try:
        comparison = compare_runs(load_run(run_a), load_run(run_b), resamples=resamples, seed=seed)
    except EventwireError as exc:
        raise click.ClickException(_first_line(exc)) from None
    console = Console()
    table = Table(title=f"B - A on {comparison.docs} documents ({resamples} paired resamples)")
    for column in ("slot", "A F1", "B F1", "B - A", "95% interval", "B ahead", "B behind"):
        table.add_column(column, justify="left" if column == "slot" else "right")
    for s in comparison.slots:
        d = s.difference
        table.add_row(
            s.slot, f"{100 * s.f1_a:.2f}", f"{100 * s.f1_b:.2f}", f"{100 * d.delta:+.2f}",
            f"{100 * d.low:+.2f} .. {100 * d.high:+.2f}", f"{100 * d.share_better:.0f}%",
            f"{100 * d.share_worse:.0f}%", style="bold" if s.slot == "micro" else None,
        )
    console.print(f"A: {run_a}\nB: {run_b}")
    console.print(table)
    if comparison.only_a or comparison.only_b:
        console.print(
            f"[yellow]left out: {comparison.only_a} documents only in A, {comparison.only_b} only in B[/yellow]"
        )
    d = comparison.slot("micro").difference
    verdict = "holds 0: not told apart on these documents" if d.low <= 0 <= d.high else (
        "is above 0: B is better" if d.low > 0 else "is below 0: B is worse")
    console.print(f"micro F1 difference {100 * d.delta:+.2f}; its 95% interval {verdict}")
    console.print(f"{len(comparison.changed_docs)} documents score differently")
    for docid, f1_a, f1_b in comparison.changed_docs[:show]:
        console.print(f"  {docid}  {100 * f1_a:.1f} -> {100 * f1_b:.1f}", highlight=False)
    if json_out is not None:
        data = {
            "a": str(run_a), "b": str(run_b), "docs": comparison.docs, "resamples": resamples,
            "seed": seed, "only_a": comparison.only_a, "only_b": comparison.only_b,
            "slots": {
                s.slot: {"f1_a": s.f1_a, "f1_b": s.f1_b, **asdict(s.difference)} for s in comparison.slots
            },
            "changed_docs": [{"docid": x, "f1_a": a, "f1_b": b} for x, a, b in comparison.changed_docs],
        }
        try:
            json_out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {json_out}: {exc.strerror or exc}") from None
