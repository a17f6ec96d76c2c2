"""Alert rules: what an analyst wants to hear about, and the pure test of an event against one.

A rule is a set of conditions that must all hold; a list matches when any of its items does
(``countries = ["SO", "KE"]`` is Somalia or Kenya). The conditions mean what the same-named
``EventFilter`` fields mean, so ``eventwire events --country SO --min-fatalities 5`` lists
exactly the events a rule ``countries = ["SO"], min_fatalities = 5`` alerts on (checked by
``tests/test_alerts_rules.py``). Keywords need the full-text index and are checked by the
evaluator (``alerts/evaluate.py``) with the store's query, after the cheap conditions here.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eventwire.ontology import BY_SUBTYPE, TYPES

RULE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$")

# The fields of an event whose change is news to an analyst: a rule with on_update = "changes"
# alerts again when one of these changes (never for the same values twice). n_reports is left
# out on purpose: a third copy of the same story from the same outlet says nothing new.
WATCHED_FIELDS = (
    "type", "subtype", "date_start", "date_end", "country", "admin1", "location",
    "fatalities_low", "fatalities_best", "fatalities_high",
    "injuries_low", "injuries_best", "injuries_high", "n_sources", "actors",
)  # fmt: skip


class Near(BaseModel):
    """A circle: events whose coordinates lie within ``radius_km`` of (lat, lon)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    radius_km: float = Field(gt=0, le=20_000)


class Rule(BaseModel):
    """One alert rule of the watch config (``[[rules]]``); see docs/watch.md."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(description="Unique name; alerts and their state are keyed by it")
    countries: tuple[str, ...] = Field(default=(), description="ISO 3166 alpha-2 codes or English names")
    admin1: tuple[str, ...] = Field(default=(), description="First-level regions, as stored (any case)")
    bbox: tuple[float, float, float, float] | None = Field(default=None, description="min lon, min lat, max lon, max lat")
    near: Near | None = Field(default=None, description="A point and a radius in km")
    types: tuple[str, ...] = Field(default=(), description="Event types or subtypes (eventwire ontology)")
    actors: tuple[str, ...] = Field(default=(), description="Parts of perpetrator or claimant names, any case")
    min_fatalities: int | None = Field(default=None, ge=0, description="Killed, best estimate (else the low one)")
    min_sources: int | None = Field(default=None, ge=1, description="Independent sources (distinct publishers)")
    keywords: tuple[str, ...] = Field(default=(), description='Full-text queries over the reporting articles; any may match')
    max_age_days: int | None = Field(default=None, ge=0, description="Ignore events that ended more than this many days ago")
    on_update: Literal["once", "changes"] = Field(
        default="once",
        description="once: one alert per event, when it first matches; changes: again whenever watched fields change",
    )
    sinks: tuple[str, ...] | None = Field(default=None, description="Names of the sinks to deliver to (default: all)")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not RULE_NAME.match(value):
            raise ValueError("use 1-80 letters, digits, '_', '-', '.' or ':', starting with a letter or digit")
        return value

    @field_validator("countries")
    @classmethod
    def _countries(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        from eventwire.store.export import country_code

        out = []
        for value in values:
            code = country_code(value.strip())
            if code is None:
                raise ValueError(f"unknown country {value!r}; give an ISO code (SO) or an English name (Somalia)")
            out.append(code)
        return tuple(dict.fromkeys(out))

    @field_validator("types")
    @classmethod
    def _types(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if value not in TYPES and value not in BY_SUBTYPE:
                raise ValueError(f"unknown event type {value!r}; see `eventwire ontology`")
        return values

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, value: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
        if value is None:
            return None
        w, s, e, n = value
        if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
            raise ValueError("give [min_lon, min_lat, max_lon, max_lat] with min <= max, e.g. [40.9, -1.7, 51.4, 12.0]")
        return value

    @field_validator("admin1", "actors", "keywords")
    @classmethod
    def _no_blanks(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        if any(not v.strip() for v in values):
            raise ValueError("empty strings are not allowed")
        return tuple(v.strip() for v in values)

    @model_validator(mode="after")
    def _sinks_not_empty(self) -> Rule:
        if self.sinks is not None and not self.sinks:
            raise ValueError("sinks: give at least one sink name, or leave it out for all sinks")
        return self


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def killed(event: dict[str, Any]) -> int:
    """The figure ``min_fatalities`` compares: best estimate, else the low one, else 0
    (``EventFilter.min_fatalities`` uses the same expression in SQL)."""
    for key in ("fatalities_best", "fatalities_low"):
        if event.get(key) is not None:
            return int(event[key])
    return 0


def check(rule: Rule, event: dict[str, Any], today: date) -> list[str] | None:
    """The conditions of ``rule`` that ``event`` (a store row) satisfies, in words, or None
    when one fails. Keywords are not checked here (they need the store)."""
    why: list[str] = []
    country = (event.get("country") or "").upper()
    if rule.countries:
        if country not in rule.countries:
            return None
        why.append(f"country {country}")
    if rule.admin1:
        region = (event.get("admin1") or "").lower()
        if region not in {a.lower() for a in rule.admin1}:
            return None
        why.append(f"region {event.get('admin1')}")
    lat, lon = event.get("lat"), event.get("lon")
    if rule.bbox:
        w, s, e, n = rule.bbox
        if lat is None or lon is None or not (s <= lat <= n and w <= lon <= e):
            return None
        why.append("inside the bounding box")
    if rule.near:
        if lat is None or lon is None:
            return None
        distance = haversine_km(rule.near.lat, rule.near.lon, lat, lon)
        if distance > rule.near.radius_km:
            return None
        why.append(f"{distance:.0f} km from ({rule.near.lat}, {rule.near.lon})")
    if rule.types:
        if event.get("type") not in rule.types and event.get("subtype") not in rule.types:
            return None
        why.append(f"type {event.get('type')}/{event.get('subtype')}")
    if rule.actors:
        names = [a.get("name", "") for a in event.get("actors") or []]
        hit = next((n for n in names for part in rule.actors if part.lower() in n.lower()), None)
        if hit is None:
            return None
        why.append(f"actor {hit}")
    if rule.min_fatalities is not None:
        dead = killed(event)
        if dead < rule.min_fatalities:
            return None
        why.append(f"killed {dead} >= {rule.min_fatalities}")
    if rule.min_sources is not None:
        sources = int(event.get("n_sources") or 0)
        if sources < rule.min_sources:
            return None
        why.append(f"sources {sources} >= {rule.min_sources}")
    if rule.max_age_days is not None:
        ended = event.get("date_end") or event.get("date_start") or (event.get("first_seen") or "")[:10]
        if not ended or ended < (today - timedelta(days=rule.max_age_days)).isoformat():
            return None
    return why


def watched_state(event: dict[str, Any]) -> dict[str, Any]:
    """The watched fields of an event (actors reduced to sorted names and roles)."""
    out = {k: event.get(k) for k in WATCHED_FIELDS if k != "actors"}
    out["actors"] = sorted({f"{a.get('name')} ({a.get('role')})" for a in event.get("actors") or []})
    return out


def state_key(rule: Rule, event: dict[str, Any]) -> str:
    """What "the same state" means for deduplication: for ``once`` rules every state of an
    event is the same (one alert per event); for ``changes`` rules, the watched fields."""
    if rule.on_update == "once":
        return "once"
    blob = json.dumps(watched_state(event), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def diff(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, list[Any]]:
    """Watched fields that differ: {field: [old, new]}."""
    if not old:
        return {}
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
