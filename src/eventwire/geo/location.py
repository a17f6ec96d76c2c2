"""An event's location: the most specific place its clause supports, with sensible fallbacks.

Order of evidence: a border area named in or around the clause; the most specific resolved
place inside the clause (point < town < district < province < part of a country < country <
wide region), replaced by the story's town (the town it names most, at least twice, else the
wire dateline's) when that lies in the country or region the clause names; then places just
around the clause; then the story's town; then a demonym of the clause; then the country the
document talks about most.
"""

from __future__ import annotations

import re
from collections import Counter

from eventwire.geo.areas import Areas
from eventwire.geo.gazetteer import Gazetteer
from eventwire.model import Location, Place

_RANK = {"point": 0, "town": 1, "district": 2, "province": 3, "country": 5}
_BORDER_WORD = re.compile(r"(?i)\bborders?\b|\bfrontier\b")
NEAR_CHARS = 200
_REFERENCE = re.compile(
    r"(?i)(?:\b\d[\d,.]*\s*(?:-\s*)?(?:km|kms|kilometres|kilometers|miles|mi)\b[^.;,]{0,12}?|"
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)\s+)(?:of|from)\s+(?:the\s+)?$"
    # "was taken to a hospital in Popayan", "airlifted to Nairobi": where the wounded went
    r"|\b(?:taken|rushed|airlifted|flown|evacuated|transferred|admitted)\s+to\s+"
    r"(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?(?:(?:hospital|clinic|medical centre|medical center)"
    r"\s+in\s+(?:the\s+)?)?$")


def specificity(p: Place) -> int:
    """Lower is more specific; continents and macro-regions rank below countries."""
    if p.feature == "demonym":
        return 9
    if p.feature == "vicinity":
        return 4  # a guess from an unknown name: after any town or province the clause names
    if p.precision == "region":
        return 4 if (p.country_code or p.feature in ("border", "part", "T.VAL")) else 7
    return _RANK.get(p.precision or "", 8)


def to_location(p: Place) -> Location:
    return Location(text=p.text, name=p.name, country_code=p.country_code, admin1=p.admin1,
                    lat=p.lat, lon=p.lon, precision=p.precision, geonameid=p.geonameid)


def resolve_location(places: list[Place], text: str, start: int, end: int, gaz: Gazetteer,
                     areas: Areas) -> Location | None:
    """See the module docstring; ``places`` are a document's places from `find_places`."""
    resolved = [p for p in places if p.lat is not None]
    if not resolved:
        return None
    # "35 kilometres from Maiduguri", "north of Kabul": a reference point, not where it happened
    located = [p for p in resolved if not _REFERENCE.search(text[max(0, p.start - 40):p.start])]
    inside = [p for p in located if start <= p.start and p.end <= end]
    near = [p for p in located if start - NEAR_CHARS <= p.start and p.end <= end + NEAR_CHARS]
    border = _border(inside, near, resolved, text, start, end, gaz, areas)
    if border is not None:
        return border
    # the story's own town: the one it names most (twice at least), else its wire dateline
    home = _main_town(resolved) or _dateline(resolved, text)
    demonym_only: Place | None = None
    for pool in (inside, near):
        best = _most_specific(pool, start, end)
        if best is None:
            continue
        if specificity(best) >= 9:  # only "Somali": look further before settling for it
            demonym_only = demonym_only or best
            continue
        if (home is not None and specificity(best) >= 4
                and home.country_code == best.country_code
                and specificity(home) < specificity(best)):
            # "MOGADISHU, Somalia — ... in Somalia": the story's town is the nearer guess
            # than the whole country
            return to_location(home)
        return to_location(best)
    if home is not None:
        return to_location(home)
    if demonym_only is not None:
        return to_location(demonym_only)
    counts = Counter(p.country_code for p in resolved if p.country_code)
    if counts:
        cc = counts.most_common(1)[0][0]
        country = gaz.countries.get(cc)
        if country is not None:
            return Location(name=country.name, country_code=cc, lat=country.lat,
                            lon=country.lon, precision="country", geonameid=country.id)
    return None


_DATELINE_TAIL = re.compile(r"^[^\n]{0,80}?(?:—|–|--| - )")


def _dateline(resolved: list[Place], text: str) -> Place | None:
    """The place of a wire dateline ("MOGADISHU, Somalia (Reuters) —"): the first place of the
    text when it opens a line within the first 1,000 characters, is written in capitals (or the
    text opens with it) and a dash follows on the same line."""
    first = min(resolved, key=lambda p: p.start)
    if first.start > 1000 or specificity(first) >= 9:
        return None
    if first.start < 60:
        return first  # the text opens with it, as processed wire copy does
    line_start = text.rfind("\n", 0, first.start) + 1
    surface = text[first.start:first.end]
    if line_start != first.start or not surface.isupper():
        return None
    return first if _DATELINE_TAIL.match(text, first.end) else None


def _main_town(resolved: list[Place]) -> Place | None:
    """The town a story names most often, when it names it at least twice and more often
    than any other ("Taiz" four times against one "Aden" dateline)."""
    towns = [p for p in resolved
             if p.precision == "town" and p.feature not in ("facility", "vicinity", "landmark")]
    counts = Counter((p.name, p.country_code) for p in towns)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return next(p for p in towns if (p.name, p.country_code) == ranked[0][0])


def _most_specific(pool: list[Place], start: int = 0, end: int = 0) -> Place | None:
    """The most specific place; among equals, the first inside the clause, else the nearest
    to it (the town just before a clause, not the dateline's at the top of the story)."""
    usable = [p for p in pool if specificity(p) < 9] or pool
    if not usable:
        return None

    def gap(p: Place) -> int:
        return 0 if start <= p.start and p.end <= end else min(abs(start - p.end), abs(p.start - end))

    return min(usable, key=lambda p: (specificity(p), gap(p), p.start))


def _border(inside: list[Place], near: list[Place], resolved: list[Place], text: str,
            start: int, end: int, gaz: Gazetteer, areas: Areas) -> Location | None:
    """A border area: one already found, or one the clause implies ("on the border")."""
    for p in inside:
        if p.feature == "border":
            return to_location(p)
    if not _BORDER_WORD.search(text[start:end]):
        return None
    before = [p for p in resolved if start - 1500 <= p.start < end and p.country_code]
    ccs: list[str] = []
    for p in sorted(before, key=lambda p: -p.start):
        if p.precision in ("country", "province", "town") and p.country_code not in ccs:
            ccs.append(p.country_code)  # type: ignore[arg-type]
        if len(ccs) == 2:
            break
    if len(ccs) < 2:
        return None
    point = areas.border(ccs[1], ccs[0])
    if point is None:
        return None
    names = [gaz.countries[c].name if c in gaz.countries else c for c in (ccs[1], ccs[0])]
    return Location(text=None, name=f"{names[0]}–{names[1]} border",
                    country_code=gaz.country_at(*point), lat=point[0], lon=point[1],
                    precision="region")
