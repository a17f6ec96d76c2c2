"""``eventwire watch CONFIG``: poll feeds, ingest, alert — continuously, or once for cron."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from pathlib import Path

import click


@click.command()
@click.argument("config_path", metavar="CONFIG", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--once", is_flag=True, help="Run one cycle (every feed not backing off an error), deliver, and exit.")
@click.option("--db", "db_url", default=None, help="Event store, overriding [watch] db [env EVENTWIRE_DB].", envvar="EVENTWIRE_DB")
@click.option("--check", "check_only", is_flag=True, help="Validate the config (and sink secrets) and exit.")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default="info", show_default=True,
              help="Log level on standard error.")
def watch(config_path: Path, once: bool, db_url: str | None, check_only: bool, log_level: str) -> None:
    """Watch feeds and alert on new and updated events, as the rules in CONFIG say.

    CONFIG is a TOML file listing feeds (RSS/Atom URLs, local files, WARC drop folders) with
    their polling intervals, alert rules, and sinks (stdout, log, a signed JSON webhook, email,
    a JSONL file); see docs/watch.md. New items go through the same pipeline and store as
    `eventwire ingest`. State lives in the store, so a watcher that is stopped or killed
    carries on where it was: no alert is lost or sent twice to a deduplicating receiver.

    \b
    Exit status with --once: 0, or 1 when a feed or a delivery failed (both are retried).
    Alerts from a stdout sink go to standard output; logs go to standard error.
    """
    from eventwire.alerts.sinks import build_sink
    from eventwire.cli.ingest_commands import _store
    from eventwire.watch import Watcher, load_config

    config = load_config(config_path)
    sinks = {name: build_sink(name, s) for name, s in config.effective_sinks.items()}  # reads secrets: fail early
    if check_only:
        click.echo(f"{config_path}: {len(config.feeds)} feed(s), {len(config.rules)} rule(s), sinks: {', '.join(sorted(sinks))}", err=True)
        return
    logging.basicConfig(level=getattr(logging, log_level.upper()), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with _store(db_url or config.watch.db) as store, Watcher(config, store, sinks=sinks) as watcher:
        if once:
            report = watcher.cycle(every=True)
            click.echo(f"eventwire watch: {report.line()}", err=True)
            for line in report.feed_errors + report.delivery_errors:
                click.echo(f"  {line}", err=True)
            if report.feed_errors or report.delivery_errors:
                sys.exit(1)
            return
        stop = threading.Event()

        def _stop(signum: int, _frame: object) -> None:
            logging.getLogger("eventwire.watch").info("signal %d: stopping after the current step", signum)
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        logging.getLogger("eventwire.watch").info(
            "watching %d feed(s) with %d rule(s) into %s", len(config.feeds), len(config.rules), store.url)
        watcher.run(stop)
