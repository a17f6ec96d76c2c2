"""Pairwise evidence that two reports describe the same incident.

Each aspect (type, date, place, casualties, actors, targets, wording) gives a score in [0, 1],
0.5 meaning "no evidence either way". Some aspects can also rule a pair out entirely: a
different country, dates days apart, towns 100 km apart, 2 dead against 40 dead, or the two
reports coming from one article (an article that reports two bombings means two bombings).
A ruled-out pair returns None; clustering then refuses to put the two in one event, which is
what stops a chain of near-matches from welding unrelated incidents together.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from eventwire.merge.records import Casualties, ReportRecord

# Families that extractors (and reporters) confuse for one incident: "the attack" on a
# checkpoint that was a car bomb, a riot that ended in arson.
RELATED_TYPES = frozenset(
    frozenset(pair)
    for pair in (
        ("explosion", "attack"),
        ("riot", "protest"),
        ("attack", "abduction"),
        ("riot", "arson"),
        ("attack", "riot"),
    )
)
_FINE_GEO = ("point", "town")
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with", "was", "were", "is", "are", "be", "been", "has", "had", "have", "that", "this", "it", "its", "as", "after", "before", "into", "near", "said", "says", "say", "told", "their", "they", "he", "she", "his", "her", "who", "which", "when", "while", "than", "also", "over", "about", "least", "more", "some", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "people", "killed", "wounded", "injured", "dead", "local", "officials", "police"]
)


@dataclass(frozen=True)
class MergeOptions:
    """How strict merging is; one object passed to every merge function."""

    threshold: float = 0.62  # mean score with an event's members needed to join it
    floor: float = 0.5  # every member must score at least this: no chaining through one
    day_slack: int = 1  # day-precise dates this many days apart may still be one incident
    near_km: float = 15.0  # places this close count as the same place
    max_km: float = 80.0  # town-level places farther apart are different incidents
    window_days: int = 10  # blocking: events within this many days are candidates
    max_members: int = 50  # members compared when joining a large event (the most recent)
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "type": 1.0,
            "date": 1.5,
            "place": 2.0,
            "casualties": 1.5,
            "actors": 1.0,
            "targets": 1.5,
            "text": 1.5,
        }
    )


def type_score(a: ReportRecord, b: ReportRecord) -> float | None:
    if a.subtype == b.subtype:
        return 1.0
    if a.type == b.type:
        return 0.75
    if frozenset((a.type, b.type)) in RELATED_TYPES:
        return 0.35
    return None


def date_gap(a: ReportRecord, b: ReportRecord) -> int | None:
    """Days between the two date ranges (0 when they overlap); None when either is undated."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    if a.start <= b.end and b.start <= a.end:
        return 0
    return (b.start - a.end).days if a.end < b.start else (a.start - b.end).days


def date_score(a: ReportRecord, b: ReportRecord, opts: MergeOptions) -> float | None:
    gap = date_gap(a, b)
    if gap is None:
        return 0.5
    if gap > opts.day_slack:
        return None
    if gap > 0:
        return 0.45
    if a.precision == b.precision == "day" and a.start == b.start:
        return 1.0
    return 0.7


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_score(a: ReportRecord, b: ReportRecord, opts: MergeOptions) -> float | None:
    if a.country and b.country and a.country != b.country:
        return None
    if not a.country or not b.country:
        return 0.4
    fine_a, fine_b = a.geo_precision in _FINE_GEO, b.geo_precision in _FINE_GEO
    if fine_a and fine_b and None not in (a.lat, a.lon, b.lat, b.lon):
        km = distance_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        if km <= opts.near_km:
            return 1.0
        if km <= opts.max_km:
            return 0.6 - 0.3 * (km - opts.near_km) / (opts.max_km - opts.near_km)
        return None
    coarse = ("country", "region")
    if a.admin1 and b.admin1 and a.geo_precision not in coarse and b.geo_precision not in coarse:
        if same_area_name(a.admin1, b.admin1):
            return 0.75 if (fine_a or fine_b) else 0.7
        return None if (fine_a and fine_b) else 0.3
    return 0.55


def same_area_name(x: str, y: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\b(province|state|region|district|governorate|department)\b|\W", "", s.lower())

    return norm(x) == norm(y)


def count_score(a: Casualties, b: Casualties, strict: bool) -> float | None:
    """How well two casualty figures agree; a toll that rises is still the same incident."""
    if not a.known or not b.known:
        return 0.5
    alo, ahi = a.bounds()
    blo, bhi = b.bounds()
    overlap = alo <= (bhi if bhi is not None else math.inf) and blo <= (ahi if ahi is not None else math.inf)
    pa, pb = a.point(), b.point()
    if pa is None or pb is None:
        return 0.7 if overlap else 0.5
    if pa == pb:
        return 1.0
    small, big = sorted((pa, pb))
    ratio = small / big
    if overlap:  # "at least 20" and "60" agree, but less than 17 and 19 do
        return 0.6 + 0.3 * ratio
    if big - small <= 2 or ratio >= 0.5:
        return 0.6
    if ratio >= 0.25:
        return 0.35
    return None if strict else 0.1


def casualty_score(a: ReportRecord, b: ReportRecord) -> float | None:
    dead = count_score(a.fatalities, b.fatalities, strict=True)
    if dead is None:
        return None
    hurt = count_score(a.injuries, b.injuries, strict=False)
    return 0.7 * dead + 0.3 * (hurt if hurt is not None else 0.1)


def set_score(x: frozenset[str], y: frozenset[str], disjoint: float) -> float:
    if not x or not y:
        return 0.5
    return 1.0 if x & y else disjoint


def words(sentence: str) -> frozenset[str]:
    """Content words of a sentence, crudely de-pluralised, for a cheap wording overlap."""
    out = set()
    for tok in re.findall(r"[a-z0-9]+", sentence.lower()):
        if tok in _STOP or len(tok) < 3:
            continue
        out.add(tok[:-1] if tok.endswith("s") and len(tok) > 4 else tok)
    return frozenset(out)


def text_score(a: ReportRecord, b: ReportRecord) -> float:
    wa, wb = words(a.sentence), words(b.sentence)
    if not wa or not wb:
        return 0.5
    jaccard = len(wa & wb) / len(wa | wb)
    return min(1.0, 0.2 + 2.0 * jaccard)


def compatibility(a: ReportRecord, b: ReportRecord, opts: MergeOptions) -> float | None:
    """Weighted evidence that ``a`` and ``b`` are one incident, or None when they cannot be."""
    if a.group == b.group:
        return None
    hard = {
        "type": type_score(a, b),
        "date": date_score(a, b, opts),
        "place": place_score(a, b, opts),
        "casualties": casualty_score(a, b),
    }
    if any(v is None for v in hard.values()):
        return None
    scores: dict[str, float] = {k: v for k, v in hard.items() if v is not None}
    scores["actors"] = set_score(a.perpetrators | a.claimed_by, b.perpetrators | b.claimed_by, 0.15)
    scores["targets"] = set_score(a.targets, b.targets, 0.2)
    scores["text"] = text_score(a, b)
    total = sum(opts.weights[k] for k in scores)
    return sum(opts.weights[k] * v for k, v in scores.items()) / total
