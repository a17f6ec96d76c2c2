"""Article text cut into segments for evidence highlighting, and safe links.

The event page shows an article with each evidence span marked. Spans may overlap (the
fatalities span inside the victims span) and may be stale (a report stored against another
version of the text); segments are cut at every span boundary and carry the set of fields
covering them, and a span whose offsets do not match its text is dropped, never shifted. The
template escapes every segment, so article text is only ever text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

FIELDS = (
    "type", "date", "location", "perpetrators", "claimed_by", "targets", "victims", "weapons",
    "fatalities", "injuries", "reported_by",
)  # fmt: skip


@dataclass(frozen=True)
class Segment:
    text: str
    fields: tuple[str, ...] = ()
    start: int = 0

    @property
    def css(self) -> str:
        return " ".join(f"ev-{f}" for f in self.fields)


def valid_spans(text: str, evidence: Iterable[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """(start, end, field) for each evidence item whose offsets still point at its words."""
    out = []
    for ev in evidence:
        try:
            start, end, field = int(ev["start"]), int(ev["end"]), str(ev["field"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text) and text[start:end] == ev.get("text", text[start:end]):
            out.append((start, end, field))
    return out


def segments(text: str, evidence: Iterable[dict[str, Any]]) -> list[Segment]:
    """The whole of ``text`` as consecutive segments; marked ones list their fields in order."""
    spans = valid_spans(text, evidence)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        fields = tuple(sorted({f for s, e, f in spans if s <= a and b <= e}, key=_field_order))
        out.append(Segment(text[a:b], fields, a))
    return out


def _field_order(field: str) -> tuple[int, str]:
    return (FIELDS.index(field) if field in FIELDS else len(FIELDS), field)


def safe_href(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link, else None (``javascript:``, ``data:``, junk)."""
    if not url or any(ch in url for ch in "\x00\r\n\t"):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()
