"""``eventwire ingest``, ``events``, ``export`` and ``eval merge``: the event database commands."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

import click

from eventwire.cli.params import iso_date

DEFAULT_DB = "eventwire.db"
_DB_HELP = "SQLite file or postgresql:// URL of the event store [env EVENTWIRE_DB; default eventwire.db]."


def _bbox(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(v) for v in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not (parts[0] <= parts[2] and parts[1] <= parts[3]):
        raise click.BadParameter("give MIN_LON,MIN_LAT,MAX_LON,MAX_LAT, e.g. 40.9,-1.7,51.4,12.0")
    return parts  # type: ignore[return-value]


def _country(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from eventwire.store.export import country_code

    code = country_code(value)
    if code is None:
        raise click.BadParameter(f"unknown country {value!r}; give an ISO code (SO) or a name (Somalia)")
    return code


db_option = click.option("--db", "db_url", envvar="EVENTWIRE_DB", default=DEFAULT_DB, show_default=False, help=_DB_HELP)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by ``events`` and ``export``."""
    options = [
        click.option("--since", callback=iso_date, metavar="YYYY-MM-DD", help="Events on or after this day."),
        click.option("--until", callback=iso_date, metavar="YYYY-MM-DD", help="Events on or before this day."),
        click.option("--country", callback=_country, help="ISO code or English name."),
        click.option("--admin1", help="First-level region (province, state), as stored."),
        click.option("--bbox", callback=_bbox, metavar="W,S,E,N", help="Bounding box: min lon, min lat, max lon, max lat."),
        click.option("--type", "types", multiple=True, help="Event type or subtype (repeatable); see `eventwire ontology`."),
        click.option("--actor", help="Part of a perpetrator's or claimant's name."),
        click.option("--min-fatalities", type=click.IntRange(0), help="At least this many killed (best estimate)."),
        click.option("--search", "text", help='Full-text search in the reporting articles: all words, "quoted phrases".'),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filter(kw: dict[str, Any]) -> Any:
    from eventwire.store import EventFilter

    return EventFilter(
        since=kw["since"], until=kw["until"], country=kw["country"], admin1=kw["admin1"], bbox=kw["bbox"],
        types=tuple(kw["types"]), actor=kw["actor"], min_fatalities=kw["min_fatalities"], text=kw["text"],
    )


@contextmanager
def _store(db_url: str):  # noqa: ANN202
    """Open the store; database errors become one line (StoreError), never a traceback."""
    from eventwire.store import StoreError, open_store

    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    try:
        import psycopg

        errors += (psycopg.Error,)
    except ImportError:
        pass
    try:
        store = open_store(db_url)
    except errors as exc:
        raise StoreError(f"cannot open store {db_url}: {str(exc).strip().splitlines()[0]}") from None
    try:
        yield store
    except errors as exc:
        raise StoreError(f"store error: {str(exc).strip().splitlines()[0]}") from None
    finally:
        with suppress(errors):
            store.close()


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@db_option
@click.option("--workers", type=click.IntRange(1), default=None, help="Worker processes [default: all cores].")
@click.option("--published", callback=iso_date, metavar="YYYY-MM-DD", help="Publication date for documents that carry none.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="TOML file whose [extract] table sets pipeline options.")
@click.option("--no-geo", is_flag=True, help="Skip toponym detection and geocoding (faster).")
@click.option("--no-gate", is_flag=True, help="Parse every article, even those with no violence words.")
@click.option("--no-fetch", is_flag=True, help="Never fetch pages: feeds use their entries' own content.")
@click.option("--allow-private", is_flag=True, help="Allow fetching from private and loopback addresses.")
@click.option("--timeout", type=click.FloatRange(0.1), default=15.0, show_default=True, help="Seconds to wait on a web server.")
@click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True, help="Seconds between requests to one host.")
@click.option("--progress/--no-progress", default=None, help="Live progress line [default: when standard error is a terminal].")
@click.option("--no-revisions", is_flag=True,
              help="New text at an already stored URL is a duplicate [default: a revision that supersedes the earlier version's figures].")
def ingest(sources: tuple[str, ...], db_url: str, workers: int | None, published: date | None, config_path: Path | None,
           no_geo: bool, no_gate: bool, no_fetch: bool, allow_private: bool, timeout: float, delay: float,
           progress: bool | None, no_revisions: bool) -> None:
    """Read news from any SOURCE into the event store, merging reports of the same event.

    SOURCE is a file or directory (text, HTML, JSON, JSONL), a .warc/.warc.gz archive, an
    RSS/Atom feed (file or http(s) URL), a list of URLs (.urls, or a .txt of URLs), a page
    URL, or - for standard input. Re-ingesting is safe: stored documents are skipped, and a run
    that is killed resumes where it stopped. A page whose text changed since it was stored (a
    rising death toll) is stored as a revision: its reports replace the earlier version's in
    the events. Ends with a summary on standard error.
    """
    from rich.console import Console

    from eventwire.config import ExtractOptions
    from eventwire.ingest import IngestOptions
    from eventwire.ingest import ingest as run_ingest
    from eventwire.ingest.progress import ProgressReporter
    from eventwire.sources.fetch import FetchOptions

    overrides: dict[str, Any] = {"geoparse": False} if no_geo else {}
    extract = ExtractOptions.from_file(config_path, **overrides) if config_path else ExtractOptions(**overrides)
    options = IngestOptions(
        extract=extract,
        workers=workers or os.cpu_count() or 1,
        gate=not no_gate,
        published_default=published,
        fetch=FetchOptions(timeout=timeout, allow_private=allow_private, min_interval=delay),
        fetch_pages=not no_fetch,
    )
    console = Console(stderr=True)
    show = console.is_terminal if progress is None else progress
    with _store(db_url) as store, ProgressReporter(console, enabled=show) as bar:
        store.revisions = not no_revisions
        summary = run_ingest(list(sources), store, options, stdin=sys.stdin, on_progress=bar.update)
    summary.render(console)


@click.command()
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="Rows to show.")
@click.option("--offset", type=click.IntRange(0), default=0, help="Rows to skip (paging).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event instead of a table.")
def events(db_url: str, limit: int, offset: int, as_json: bool, **kw: Any) -> None:
    """List merged events, newest first, with filters."""
    import json

    from rich.console import Console
    from rich.table import Table

    flt = _filter(kw)
    with _store(db_url) as store:
        rows = store.events(flt, limit=limit, offset=offset)
        total = store.count_events(flt)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    table = Table(caption=f"{len(rows)} of {total} events", caption_justify="left")
    for name, justify in (("id", "right"), ("date", "left"), ("type", "left"), ("where", "left"),
                          ("killed", "right"), ("hurt", "right"), ("actors", "left"), ("reports", "right"), ("sources", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for e in rows:
        where = ", ".join(dict.fromkeys(v for v in (e["location"], e["admin1"], e["country"]) if v))
        table.add_row(
            str(e["id"]), e["date_start"] or "?", e["subtype"], where or "?",
            _range(e, "fatalities"), _range(e, "injuries"),
            "; ".join(dict.fromkeys(a["name"] for a in e["actors"]))[:60],
            str(e["n_reports"]), str(e["n_sources"]),
        )
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    console.print(table)


def _range(e: dict[str, Any], kind: str) -> str:
    low, best, high = e[f"{kind}_low"], e[f"{kind}_best"], e[f"{kind}_high"]
    if best is None and low is None:
        return ""
    text = str(best if best is not None else low)
    if (low is not None and low != best) or (high is not None and high != best):
        text += f" ({low if low is not None else '?'}–{high if high is not None else '?'})"
    return text


@click.command()
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "geojson", "jsonl"]), default="csv", show_default=True,
              help="csv: ACLED-style columns plus eventwire's; geojson: points; jsonl: events with every report and its evidence.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here instead of standard output.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
def export(db_url: str, fmt: str, output: Any, limit: int | None, **kw: Any) -> None:
    """Export merged events as CSV, GeoJSON or JSONL (with evidence)."""
    from eventwire.store import export as exporter

    writer = {"csv": exporter.write_csv, "geojson": exporter.write_geojson, "jsonl": exporter.write_jsonl}[fmt]
    with _store(db_url) as store:
        n = writer(store, _filter(kw), output, limit)
    output.flush()
    click.echo(f"{n} events written.", err=True)


@click.command("merge")
@click.option("--data", "data_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="JSONL of report records with gold 'cluster' labels [default: the bundled benchmark].")
@click.option("--orders", type=click.IntRange(1), default=10, show_default=True, help="Shuffled arrival orders to score.")
@click.option("--min-f1", type=click.FloatRange(0, 1), default=None, help="Exit 1 when the worst order's F1 is below this.")
@click.option("--errors", "show_errors", is_flag=True, help="List wrong merges and splits of the worst order.")
def eval_merge(data_path: Path | None, orders: int, min_f1: float | None, show_errors: bool) -> None:
    """Score event merging: pairwise precision/recall/F1 of the clustering against gold."""
    from eventwire.eval.merge import DEFAULT_BENCHMARK, evaluate, load_benchmark

    result = evaluate(load_benchmark(data_path or DEFAULT_BENCHMARK), orders=orders)
    click.echo(f"reports {result.n_reports}, gold events {result.n_gold}, gold pairs {result.mean.true_pairs}, orders {len(result.runs)}")
    for label, s in (("mean", result.mean), ("worst", result.worst)):
        click.echo(f"{label:5}  precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}")
    if show_errors:
        for line in result.errors:
            click.echo(f"  {line}")
    if min_f1 is not None and result.worst.f1 < min_f1:
        click.echo(f"F1 {result.worst.f1:.3f} is below the floor {min_f1:.3f}", err=True)
        sys.exit(1)
