"""``eventwire extract``: documents in, articles and evidence-linked events out."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from eventwire.cli.params import iso_date
from eventwire.config import ExtractOptions
from eventwire.model import ExtractionResult


def _dump(result: ExtractionResult) -> dict:
    if result.error is not None:
        return {"source": result.source, "error": result.error}
    return result.model_dump(mode="json", exclude={"error", "source"})


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--published", callback=iso_date, metavar="YYYY-MM-DD",
              help="Publication date for documents that carry none (HTML metadata and JSON fields win).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per document per line; json: one indented JSON array.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="TOML file whose [extract] table sets pipeline options.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Drop events below this confidence (default 0.35).")
@click.option("--no-geo", is_flag=True, help="Skip toponym detection and geocoding (faster).")
@click.option("--truecase", type=click.Choice(["auto", "always", "never"]), default=None,
              help="Restore letter case before parsing; auto does it for lower-case or ALL-CAPS text.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write here instead of standard output.")
def extract(paths: tuple[str, ...], published: date | None, fmt: str, config_path: Path | None,
            min_confidence: float | None, no_geo: bool, truecase: str | None, output) -> None:  # noqa: ANN001
    """Extract articles and violent events from news documents.

    PATH is a .txt, .html/.htm, .json or .jsonl file, a directory (read recursively) or - for
    standard input. JSON objects need "text" or "html" and may carry "url", "title",
    "published" and "id". Each document yields one object with "document", "events",
    "places" and "quotes" (docs/output.md); a document that cannot be read yields
    {"source", "error"} and the rest go on. Exit status: 0 when every document was read,
    1 when some failed, 2 on a usage or setup error.
    """
    from eventwire.pipeline import Pipeline
    from eventwire.sources import ReadFailure, read_sources

    overrides = {"min_event_confidence": min_confidence, "truecase": truecase}
    if no_geo:
        overrides["geoparse"] = False
    if config_path is not None:
        options = ExtractOptions.from_file(config_path, **overrides)
    else:
        options = ExtractOptions(**{k: v for k, v in overrides.items() if v is not None})
    pipeline = Pipeline(options)

    def inputs():  # noqa: ANN202
        for item in read_sources(list(paths), published_default=published, stdin=sys.stdin):
            if isinstance(item, ReadFailure):
                yield ExtractionResult(error=item.error, source=item.source)
            else:
                yield item

    failed = 0
    first = True
    if fmt == "json":
        output.write("[")
    for result in pipeline.process(inputs()):
        failed += result.error is not None
        line = json.dumps(_dump(result), ensure_ascii=False, indent=2 if fmt == "json" else None)
        if fmt == "json":
            output.write(("\n" if first else ",\n") + line)
        else:
            output.write(line + "\n")
        output.flush()
        first = False
    if fmt == "json":
        output.write("\n]\n")
    if failed:
        click.echo(f"{failed} document(s) could not be processed; see their \"error\" fields.", err=True)
        sys.exit(1)
