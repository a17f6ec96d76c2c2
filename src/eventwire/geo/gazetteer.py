"""Read side of the SQLite gazetteer: candidate look-ups, the detection lexicon, country shapes.

Look-ups are cached per folded name: news repeats the same few dozen names, so after the first
documents nearly every look-up is a dict hit, which is what keeps resolution fast.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from eventwire.geo.build import NAME_ABBREV, NAME_ALT, NAME_DEMONYM, NAME_LANDMARK, NAME_MAIN

MAX_CANDIDATES = 60
# Minimum population of a town whose main name the detector looks for without NER support.
LEXICON_MIN_POP = 50_000


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to, with how the name matched it."""

    id: int
    name: str
    kind: str  # country | adm1 | adm2 | city | region | continent
    feature: str
    precision: str
    country_code: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    name_type: int  # NAME_MAIN | NAME_ALT | NAME_ABBREV | NAME_DEMONYM | NAME_LANDMARK


class Gazetteer:
    """A read-only handle on a built gazetteer file, safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._shape_cache: dict[Any, Any] = {}

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def meta(self) -> dict[str, str]:
        return dict(self._con().execute("SELECT key, value FROM meta").fetchall())

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        """Places whose folded name is ``key``: all large units, and towns by population."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        rows = self._con().execute(
            "SELECT p.id, p.name, p.kind, p.feature, p.precision, p.country_code, p.admin1, "
            "p.lat, p.lon, p.population, n.type FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.key = ? ORDER BY (p.kind = 'city'), p.population DESC", (key,)).fetchall()
        out: list[Candidate] = []
        towns = 0
        for r in rows:
            if r[2] == "city":
                towns += 1
                if towns > MAX_CANDIDATES:
                    break
            out.append(Candidate(*r))
        result = tuple(out)
        if len(self._cache) < 500_000:
            self._cache[key] = result
        return result

    @cached_property
    def lexicon(self) -> dict[str, int]:
        """Folded names the detector may match in text without NER support, with their type.

        Countries, continents, regions, first-level divisions (names, abbreviations and
        demonyms) and the main names of towns of at least LEXICON_MIN_POP people.
        """
        rows = self._con().execute(
            "SELECT n.key, min(n.type) FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE p.kind IN ('country', 'continent', 'region', 'adm1') "
            "OR (p.kind = 'city' AND p.population >= ? AND n.type = ?) GROUP BY n.key",
            (LEXICON_MIN_POP, NAME_MAIN)).fetchall()
        return {k: t for k, t in rows if len(k) > 1}

    @cached_property
    def countries(self) -> dict[str, Candidate]:
        """Each country's own place row, keyed by ISO alpha-2."""
        rows = self._con().execute(
            "SELECT id, name, kind, feature, precision, country_code, admin1, lat, lon, "
            "population, 0 FROM places WHERE kind = 'country'").fetchall()
        return {r[5]: Candidate(*r) for r in rows}

    @cached_property
    def capitals(self) -> dict[str, Candidate]:
        """Each country's capital (its most populous ``P.PPLC`` town), keyed by ISO alpha-2."""
        rows = self._con().execute(
            "SELECT id, name, kind, feature, precision, country_code, admin1, lat, lon, "
            "population, 0 FROM places WHERE feature = 'P.PPLC' ORDER BY population").fetchall()
        return {r[5]: Candidate(*r) for r in rows if r[5]}

    @cached_property
    def admin1_by_country(self) -> dict[tuple[str, str], Candidate]:
        """First-level divisions keyed by (country code, division name) for hierarchy checks."""
        rows = self._con().execute(
            "SELECT id, name, kind, feature, precision, country_code, admin1, lat, lon, "
            "population, 0 FROM places WHERE kind = 'adm1'").fetchall()
        return {(r[5], r[1]): Candidate(*r) for r in rows}

    def shape(self, cc: str) -> Any | None:
        """The country's polygon (shapely), or None when Natural Earth has none for it."""
        if cc not in self._shape_cache:
            from shapely import wkb

            row = self._con().execute(
                "SELECT wkb FROM shapes WHERE country_code = ?", (cc,)).fetchone()
            self._shape_cache[cc] = wkb.loads(row[0]) if row else None
        return self._shape_cache[cc]

    def country_at(self, lat: float, lon: float) -> str | None:
        """ISO alpha-2 of the country whose polygon holds the point (point-in-country check)."""
        from shapely import contains_xy

        rows = self._con().execute(
            "SELECT country_code FROM shapes WHERE minx <= ? AND maxx >= ? AND miny <= ? "
            "AND maxy >= ?", (lon, lon, lat, lat)).fetchall()
        for (cc,) in rows:
            g = self.shape(cc)
            if g is not None and contains_xy(g, lon, lat):
                return cc
        return None


__all__ = ["NAME_ABBREV", "NAME_ALT", "NAME_DEMONYM", "NAME_LANDMARK", "NAME_MAIN", "Candidate",
           "Gazetteer"]
