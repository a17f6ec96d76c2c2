"""Throw-away PostgreSQL databases for tests and benchmarks.

Tests must never touch a database they did not create: each gets a uniquely named database on
the local server, dropped afterwards. ``EVENTWIRE_TEST_PG`` overrides the server URL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def server_url() -> str:
    return os.environ.get("EVENTWIRE_TEST_PG", DEFAULT_SERVER)


def postgres_unavailable() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        with psycopg.connect(server_url(), connect_timeout=3, autocommit=True) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL at {server_url()} is unreachable: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc}"
    return None


@contextmanager
def temporary_postgres() -> Iterator[str]:
    """Create a fresh database, yield its URL, drop it (even if the body failed)."""
    import psycopg

    name = f"eventwire_test_{uuid.uuid4().hex[:12]}"
    admin = server_url()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = admin.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
