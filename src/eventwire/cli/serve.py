"""``eventwire serve``: the dashboard and REST API over the event store."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--db", "db_url", envvar="EVENTWIRE_DB", default=None,
              help="SQLite file or postgresql:// URL of the event store [env EVENTWIRE_DB; default eventwire.db].")
@click.option("--host", default=None, help="Address to listen on [default 127.0.0.1; 0.0.0.0 for every interface].")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port [default 8000].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="TOML file: [serve] (db, host, port, token, token_file, open_reads, allow_private) and [extract].")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path),
              help="File holding the API token [env EVENTWIRE_API_TOKEN_FILE; or EVENTWIRE_API_TOKEN].")
@click.option("--open-reads/--protect-reads", default=None,
              help="Serve reads without the token [default: open on a loopback address only].")
@click.option("--allow-private", is_flag=True, default=None, help="Let URL ingestion fetch private and loopback addresses.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info", show_default=True)
def serve(db_url: str | None, host: str | None, port: int | None, config_path: Path | None, token_file: Path | None,
          open_reads: bool | None, allow_private: bool | None, log_level: str) -> None:
    """Serve the dashboard (map, timeline, event pages, add a source) and the REST API.

    Binds to 127.0.0.1 unless told otherwise. Write endpoints need the API token; without one
    configured, a random token is made and printed once. API documentation is at /api/docs.
    """
    import uvicorn

    from eventwire.api import create_app, load_settings
    from eventwire.api.settings import with_generated_token

    settings = load_settings(config_path, db=db_url, host=host, port=port, token_file=token_file,
                             open_reads=open_reads, allow_private=allow_private)
    settings, generated = with_generated_token(settings)
    app = create_app(settings)
    where = f"http://{'[' + settings.host + ']' if ':' in settings.host else settings.host}:{settings.port}/"
    click.echo(f"eventwire: serving {settings.db} at {where}", err=True)
    if generated:
        click.echo(f"eventwire: API token for this run (writes{'' if settings.reads_open else ' and reads'}): {generated}", err=True)
    if not settings.reads_open:
        click.echo("eventwire: reads need the token (not a loopback address); log in at /login", err=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=log_level, proxy_headers=False,
                server_header=False)
