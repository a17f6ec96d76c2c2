"""``eventwire eval``: evaluation harnesses on public benchmarks."""

from __future__ import annotations

import click


@click.group("eval")
def eval_group() -> None:
    """Score eventwire on public benchmarks (MUC-4 events, GeoWebNews/TR-News toponyms).

    The data is read from ../shared/data beside the repository, or from $EVENTWIRE_SHARED.
    """


def _register() -> None:
    try:
        from eventwire.cli.eval_muc4 import eval_muc4
    except ImportError:
        eval_muc4 = None
    if eval_muc4 is not None:
        eval_group.add_command(eval_muc4, "muc4")
    try:
        from eventwire.cli.geo_commands import eval_geo
    except ImportError:
        eval_geo = None
    if eval_geo is not None:
        eval_group.add_command(eval_geo, "geo")


_register()
