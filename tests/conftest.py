"""Shared fixtures: one loaded pipeline per test session, and the path to ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
SEED = SHARED / "data" / "seed" / "000_0373da40c75e1bdd.txt"


def require_shared(path: Path) -> Path:
    """Skip the calling test with a clear reason when third-party data is not beside the repo."""
    if not path.exists():
        pytest.skip(f"needs {path} (the ../shared data folder is not present beside the repository)")
    return path


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.config import ExtractOptions
    from eventwire.pipeline import Pipeline

    return Pipeline(ExtractOptions())


@pytest.fixture(scope="session")
def seed_result(pipeline):
    from datetime import date

    from eventwire.model import RawDocument

    text = require_shared(SEED).read_text(encoding="utf-8")
    raw = RawDocument(id="seed", source=str(SEED), text=text, published_default=date(2019, 6, 20))
    return next(pipeline.process([raw]))
