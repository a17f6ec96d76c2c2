"""The flat record merging works on: one extracted event from one article (a *report*).

Merging never sees spaCy docs, articles or the database: a ``ReportRecord`` holds exactly the
facts used to decide whether two reports describe the same incident, so the clustering is a
pure function that the store, the evaluation and a batch job all share. Records round-trip
through plain dicts (the benchmark fixtures and the store's ``reports`` rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from eventwire.model import Article, EventReport

DATE_PRECISIONS = ("day", "week", "month", "year")
GEO_PRECISIONS = ("point", "town", "district", "province", "country", "region")

# Reports without a date expression are anchored to publication: the incident happened up to
# this many days before the article appeared.
UNDATED_LOOKBACK_DAYS = 3


@dataclass(frozen=True)
class Casualties:
    """low/best/high as in ``CasualtyCount``; any may be None."""

    low: int | None = None
    best: int | None = None
    high: int | None = None

    @property
    def known(self) -> bool:
        return self.best is not None or self.low is not None or self.high is not None

    def bounds(self) -> tuple[int, int | None]:
        """(lowest plausible, highest plausible or None when open-ended, as "at least N")."""
        low = self.low if self.low is not None else (self.best if self.best is not None else 0)
        if self.high is not None:
            return low, self.high
        if self.low is None and self.best is not None:
            return low, self.best  # a bare figure is exact
        return low, None

    def point(self) -> int | None:
        return self.best if self.best is not None else self.low


@dataclass(frozen=True)
class ReportRecord:
    """One report with the facts merging compares. ``group`` reports are never merged together."""

    id: str
    group: str
    source: str
    type: str
    subtype: str
    start: date | None = None
    end: date | None = None
    precision: str | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    fatalities: Casualties = field(default_factory=Casualties)
    injuries: Casualties = field(default_factory=Casualties)
    perpetrators: frozenset[str] = frozenset()
    claimed_by: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    sentence: str = ""
    confidence: float = 1.0
    # a later version of the same article replaced this report: it still counts when matching a
    # new report to its event, not in what the event says (the outlet's update supersedes it)
    superseded: bool = False

    # -- conversions -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, frozenset):
                value = sorted(value)
            elif isinstance(value, Casualties):
                value = [value.low, value.best, value.high] if value.known else None
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportRecord:
        """Build from ``to_dict`` output; dates may be ISO strings, casualties a number or list."""
        values = dict(data)
        for key in ("start", "end"):
            if isinstance(values.get(key), str):
                values[key] = date.fromisoformat(values[key])
        if values.get("start") and not values.get("end"):
            values["end"] = values["start"]
        for key in ("fatalities", "injuries"):
            values[key] = _casualties(values.get(key))
        for key in ("perpetrators", "claimed_by"):
            values[key] = frozenset(normalize_actor(v) for v in values.get(key) or ())
        values["targets"] = frozenset(target_key(v) for v in values.get("targets") or () if v.strip())
        allowed = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in allowed})


def _casualties(value: Any) -> Casualties:
    if value is None:
        return Casualties()
    if isinstance(value, Casualties):
        return value
    if isinstance(value, int):
        return Casualties(value, value, value)
    if isinstance(value, dict):
        return Casualties(value.get("low"), value.get("best"), value.get("high"))
    low, best, high = list(value) + [None] * (3 - len(value))
    return Casualties(low, best, high)


def normalize_actor(name: str) -> str:
    """Case- and punctuation-insensitive actor key ("Al-Shabaab" == "al shabaab")."""
    return re.sub(r"[^\w]+", " ", name.lower()).strip()


def target_key(text: str) -> str:
    """A target's head word ("the crowded Shia mosque" -> "mosque"), so wordings compare."""
    words = normalize_actor(text).split()
    return words[-1] if words else ""


def source_key(article: Article) -> str:
    """Who published an article: its site, else its URL's host, else the article itself.

    Reports from the same publisher are not independent sources of an event.
    """
    if article.url:
        host = urlsplit(article.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    if article.site:
        return article.site.lower()
    return f"article:{article.id}"


def trigger_sentence(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence around a span: cheap boundaries (. ! ? or a line break), capped in length."""
    left = max(text.rfind(ch, 0, start) for ch in (".", "!", "?", "\n")) + 1
    rights = [i for i in (text.find(ch, end) for ch in (".", "!", "?", "\n")) if i >= 0]
    right = min(rights) if rights else len(text)
    return text[left:right].strip()[:limit]


def record_from_report(report: EventReport, article: Article, group: str | None = None) -> ReportRecord:
    """Flatten one extracted event for merging; undated reports lean on the publication date."""
    start = end = None
    precision = None
    if report.date is not None:
        start, end, precision = report.date.start, report.date.end, report.date.precision
    elif article.published is not None:
        start = article.published - timedelta(days=UNDATED_LOOKBACK_DAYS)
        end, precision = article.published, "week"
    loc = report.location
    sentence = ""
    if report.trigger is not None:
        sentence = trigger_sentence(article.text, report.trigger.start, report.trigger.end)
    return ReportRecord(
        id=report.id,
        group=group or article.id,
        source=source_key(article),
        type=report.type,
        subtype=report.subtype,
        start=start,
        end=end,
        precision=precision,
        country=loc.country_code if loc else None,
        admin1=loc.admin1 if loc else None,
        place=(loc.name or loc.text) if loc else None,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        geo_precision=loc.precision if loc else None,
        fatalities=_casualties(report.fatalities.model_dump() if report.fatalities else None),
        injuries=_casualties(report.injuries.model_dump() if report.injuries else None),
        # only named actors (with a canonical name) are evidence: "gunmen" says nothing
        perpetrators=frozenset(normalize_actor(a.canonical) for a in report.perpetrators if a.canonical),
        claimed_by=frozenset(normalize_actor(a.canonical) for a in report.claimed_by if a.canonical),
        targets=frozenset(target_key(t.head or t.text) for t in report.targets if t.text.strip()),
        sentence=sentence,
        confidence=report.confidence,
    )
