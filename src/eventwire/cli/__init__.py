"""The ``eventwire`` command line: one click group, one module per subcommand family."""

from __future__ import annotations

from eventwire.cli.main import main

__all__ = ["main"]
