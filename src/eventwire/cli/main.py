"""``eventwire`` — the top-level command group and its error handling."""

from __future__ import annotations

import os
import sys

import click

from eventwire import __version__
from eventwire.errors import EventwireError


class _Group(click.Group):
    """A group that turns eventwire errors into one clear line and exit code 2."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except EventwireError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: say so in one line; the traceback is one variable away
            if os.environ.get("EVENTWIRE_DEBUG"):
                raise
            click.echo(f"Error: internal error ({type(exc).__name__}: {exc}); set EVENTWIRE_DEBUG=1 for a traceback", err=True)
            sys.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="eventwire")
def main() -> None:
    """eventwire: evidence-linked political violence and terrorism events from news.

    Reads news (text, HTML, JSON/JSONL; files, folders or standard input), cleans each article
    and extracts the violent events it reports: type, date, place, perpetrators, targets,
    victims, weapons, killed and wounded counts, claims and sources, each tied to the words
    that support it. Everything runs offline.

    \b
    Examples:
      eventwire extract article.txt --published 2019-06-20
      eventwire extract samples/ --format json
      cat page.html | eventwire extract -
    """


def _register() -> None:
    from eventwire.cli.docs_commands import ontology, schema
    from eventwire.cli.eval_group import eval_group
    from eventwire.cli.extract import extract
    from eventwire.cli.geo_commands import geo, geoparse
    from eventwire.cli.ingest_commands import events, export, ingest
    from eventwire.cli.serve import serve
    from eventwire.cli.watch import watch

    main.add_command(extract)
    main.add_command(ingest)
    main.add_command(events)
    main.add_command(export)
    main.add_command(geoparse)
    main.add_command(geo)
    main.add_command(eval_group)
    main.add_command(schema)
    main.add_command(ontology)
    main.add_command(serve)
    main.add_command(watch)


_register()
