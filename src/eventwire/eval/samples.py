"""The sample-article quality gate: "must contain / must not contain" facts per document.

``tests/fixtures/articles_expected.json`` says, for each bundled sample and fixture snippet,
what a correct extraction contains (author, text snippets, and per event: type, date, place,
counts, actors …). ``evaluate_samples`` runs the real pipeline and checks every fact; the share
of facts met is the score that CI holds above the floor recorded in
``tests/fixtures/quality_baseline.json`` (lowering a floor is a deliberate, visible act).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.model import EventReport, ExtractionResult, RawDocument
from eventwire.sources import ReadFailure, read_sources


@dataclass
class Check:
    key: str
    name: str
    ok: bool
    detail: str = ""


@dataclass
class SampleReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(c.ok for c in self.checks) / len(self.checks) if self.checks else 0.0

    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def _fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def load_documents(expected_path: Path, root: Path) -> list[tuple[str, RawDocument | None, dict[str, Any]]]:
    """(key, raw document or None if unreadable, expectations) for every expected entry."""
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    out = []
    for key, facts in expected.items():
        path, _, line = key.partition(":")
        published = date.fromisoformat(facts["published"]) if facts.get("published") else None
        docs = [d for d in read_sources([str(root / path)], published_default=published)]
        index = int(line) - 1 if line else 0
        doc = docs[index] if index < len(docs) else None
        out.append((key, None if isinstance(doc, ReadFailure) else doc, facts))
    return out


def _event_checks(key: str, i: int, want: dict[str, Any], got: EventReport | None) -> list[Check]:
    name = f"event[{i}]"
    if got is None:
        return [Check(key, f"{name}.found", False, "no matching event")]
    checks = [Check(key, f"{name}.found", True)]

    def add(field_name: str, ok: bool, detail: str) -> None:
        checks.append(Check(key, f"{name}.{field_name}", ok, detail))

    if "type" in want:
        add("type", got.type == want["type"], got.type)
    if "type_any" in want:
        add("type", got.type in want["type_any"], got.type)
    if "subtype" in want:
        add("subtype", got.subtype == want["subtype"], got.subtype)
    if "subtype_any" in want:
        add("subtype", got.subtype in want["subtype_any"], got.subtype)
    start = got.date.start.isoformat() if got.date else None
    if "date" in want:
        add("date", start == want["date"], str(start))
    if "date_any" in want:
        add("date", start in want["date_any"], str(start))
    if "date_end" in want:
        add("date_end", bool(got.date) and got.date.end.isoformat() == want["date_end"], str(got.date and got.date.end))
    if "date_precision" in want:
        add("date_precision", bool(got.date) and got.date.precision == want["date_precision"], str(got.date and got.date.precision))
    loc = got.location
    if "country_code" in want:
        add("country_code", bool(loc) and loc.country_code == want["country_code"], str(loc and loc.country_code))
    places = [_fold(p) for p in ([loc.name, loc.text, loc.admin1] if loc else []) if p]
    if "place" in want:
        add("place", any(_fold(want["place"]) in p for p in places), str(places))
    if "place_any" in want:
        add("place", any(_fold(w) in p for w in want["place_any"] for p in places), str(places))
    for kind in ("fatalities", "injuries"):
        count = getattr(got, kind)
        for bound in ("low", "best", "high"):
            k = f"{kind}_{bound}"
            if k in want:
                value = getattr(count, bound) if count else None
                add(k, value == want[k], str(value))
    perps = got.perpetrators
    if "perpetrator_canonical" in want:
        add("perpetrator", any(p.canonical == want["perpetrator_canonical"] for p in perps), str([p.canonical for p in perps]))
    if "perpetrators_contains" in want:
        for w in want["perpetrators_contains"]:
            add("perpetrators_contains", any(_fold(w) in _fold(p.text) for p in perps), str([p.text for p in perps]))
    if "claimed_by" in want:
        add("claimed_by", any(c.canonical == want["claimed_by"] or _fold(want["claimed_by"]) in _fold(c.text) for c in got.claimed_by), str([c.canonical for c in got.claimed_by]))
    if want.get("no_claim"):
        add("no_claim", not got.claimed_by, str([c.text for c in got.claimed_by]))
    reporters = [_fold(r.text) + " " + _fold(r.canonical) for r in got.reported_by]
    if "reported_by_contains" in want:
        add("reported_by", any(_fold(want["reported_by_contains"]) in r for r in reporters), str(reporters))
    if "reported_by_contains_any" in want:
        add("reported_by", any(_fold(w) in r for w in want["reported_by_contains_any"] for r in reporters), str(reporters))
    for role in ("victims", "targets", "weapons"):
        mentions = [_fold(m.text) for m in getattr(got, role)]
        for w in want.get(f"{role}_contains", []):
            add(f"{role}_contains", any(_fold(w) in m for m in mentions), str(mentions))
        if f"{role}_contains_any" in want:
            add(f"{role}_contains", any(_fold(w) in m for w in want[f"{role}_contains_any"] for m in mentions), str(mentions))
    return checks


def _match_score(want: dict[str, Any], got: EventReport) -> float:
    score = 0.0
    if got.type == want.get("type") or got.type in want.get("type_any", []):
        score += 2
    if got.subtype == want.get("subtype") or got.subtype in want.get("subtype_any", []):
        score += 2
    if got.date and (got.date.start.isoformat() == want.get("date") or got.date.start.isoformat() in want.get("date_any", [])):
        score += 1
    if got.fatalities and got.fatalities.best == want.get("fatalities_best"):
        score += 1
    if got.location and want.get("place") and _fold(want["place"]) in _fold(got.location.name):
        score += 1
    return score


def check_result(key: str, facts: dict[str, Any], result: ExtractionResult | None) -> list[Check]:
    """Every expected fact for one document against its extraction result."""
    if result is None or result.document is None:
        return [Check(key, "read", False, result.error if result else "unreadable")]
    checks: list[Check] = []
    doc = result.document
    if "author" in facts:
        checks.append(Check(key, "author", _fold(doc.author) == _fold(facts["author"]), str(doc.author)))
    if "title_contains" in facts:
        checks.append(Check(key, "title", _fold(facts["title_contains"]) in _fold(doc.title), str(doc.title)))
    for s in facts.get("must_contain_in_text", []):
        checks.append(Check(key, "text_contains", s in doc.text, s))
    for s in facts.get("must_not_contain_in_text", []):
        checks.append(Check(key, "text_excludes", s not in doc.text, s))
    for q in facts.get("quotes", []):
        ok = any(_fold(q["speaker"]) in _fold(x.speaker) and _fold(q.get("role_contains", "")) in _fold(x.speaker_role) for x in result.quotes)
        checks.append(Check(key, "quote", ok, q["speaker"]))
    wanted = facts.get("events", [])
    got = list(result.events)
    used: set[int] = set()
    for i, want in enumerate(wanted):
        candidates = [(j, _match_score(want, e)) for j, e in enumerate(got) if j not in used]
        candidates = [(j, s) for j, s in candidates if s >= 2]
        match = max(candidates, key=lambda c: (c[1], -c[0]), default=None)
        if match is not None:
            used.add(match[0])
        checks.extend(_event_checks(key, i, want, got[match[0]] if match else None))
    spurious = len(got) - len(used)
    checks.append(Check(key, "no_spurious_events", spurious == 0, f"{spurious} unexpected: {[e.subtype for j, e in enumerate(got) if j not in used]}"))
    return checks


def evaluate_samples(pipeline: Any, expected_path: Path, root: Path) -> SampleReport:
    """Run ``pipeline`` on every expected document and check all facts."""
    entries = load_documents(expected_path, root)
    docs = [d for _, d, _ in entries if d is not None]
    results = iter(pipeline.process(docs))
    report = SampleReport()
    for key, doc, facts in entries:
        result = next(results) if doc is not None else None
        report.checks.extend(check_result(key, facts, result))
    return report
