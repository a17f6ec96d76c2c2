"""``eventwire eval``: evaluation harnesses on public benchmarks and the bundled samples."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from eventwire.cli.eval_muc4 import eval_muc4, eval_muc4_compare
from eventwire.cli.geo_commands import eval_geo
from eventwire.cli.ingest_commands import eval_merge

REPO = Path(__file__).resolve().parents[3]


@click.group("eval")
def eval_group() -> None:
    """Score eventwire on public benchmarks (MUC-4 events, GeoWebNews/TR-News toponyms),
    on the merge benchmark and on the bundled sample articles.

    Benchmark data is read from ../shared/data beside the repository, or from $EVENTWIRE_SHARED.
    """


@eval_group.command("samples")
@click.option("--expected", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=REPO / "tests/fixtures/articles_expected.json", show_default=True,
              help="Expected facts per document (keys are paths relative to --root).")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=REPO,
              show_default=True, help="Folder the expected paths are relative to.")
@click.option("--failures/--no-failures", default=True, show_default=True, help="List every unmet fact.")
@click.option("--json-summary", type=click.Path(dir_okay=False, path_type=Path), help="Write the score as JSON here.")
def eval_samples(expected: Path, root: Path, failures: bool, json_summary: Path | None) -> None:
    """Check the "must contain / must not contain" facts of the bundled samples.

    Runs the real pipeline on every document named in the expected-facts file and prints the
    share of facts met, the unmet facts by kind and, with --failures, each unmet fact.
    """
    from eventwire.eval.samples import evaluate_samples
    from eventwire.pipeline import Pipeline

    report = evaluate_samples(Pipeline(), expected, root)
    met = sum(c.ok for c in report.checks)
    click.echo(f"facts met: {met}/{len(report.checks)} = {report.score:.3f}")
    by_kind = Counter(c.name.split(".")[-1] for c in report.failures())
    if by_kind:
        click.echo("unmet by kind: " + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()))
    if failures:
        for c in report.failures():
            click.echo(f"  {c.key}  {c.name}: {c.detail[:120]}")
    if json_summary is not None:
        json_summary.write_text(json.dumps({"score": report.score, "met": met, "total": len(report.checks)}), encoding="utf-8")


eval_group.add_command(eval_muc4, "muc4")
eval_group.add_command(eval_muc4_compare, "muc4-compare")
eval_group.add_command(eval_geo, "geo")
eval_group.add_command(eval_merge, "merge")
