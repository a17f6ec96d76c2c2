"""Reading the original MUC-4 answer keys and text datelines (``raw/``).

The processed corpus keeps only incident type and five string roles. The keys also say when
and where an incident happened, how sure the perpetrator attribution is (CLAIMED OR ADMITTED)
and what happened to the human targets (DEATH, INJURY, and how many). This module parses the
key format as ``raw/taskdoc/template-doc-part1`` specifies it:

* a template is 25 numbered slots (``0.  MESSAGE: ID   TST1-MUC3-0001``); a slot holds one
  filler per line, further lines indented to the value column;
* ``-`` is an empty slot, ``*`` a slot that does not apply (all of them for an irrelevant
  document, which has ``MESSAGE: TEMPLATE *``);
* `` / `` separates alternative correct fills (outside quotes and parentheses);
* a leading ``?`` makes a filler optional;
* ``SET FILL: "STRING"`` cross-references a filler to a string of another slot;
* ``(OPTIONAL)`` after the template number marks a template whose relevance is in doubt;
* lines starting with ``;`` are annotators' comments.

The interpretation of the slots we score (dates, locations, effects, numbers) lives in
:mod:`eventwire.eval.muc4_keyfacts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SLOT_NAMES: tuple[str, ...] = (
    "MESSAGE: ID",
    "MESSAGE: TEMPLATE",
    "INCIDENT: DATE",
    "INCIDENT: LOCATION",
    "INCIDENT: TYPE",
    "INCIDENT: STAGE OF EXECUTION",
    "INCIDENT: INSTRUMENT ID",
    "INCIDENT: INSTRUMENT TYPE",
    "PERP: INCIDENT CATEGORY",
    "PERP: INDIVIDUAL ID",
    "PERP: ORGANIZATION ID",
    "PERP: ORGANIZATION CONFIDENCE",
    "PHYS TGT: ID",
    "PHYS TGT: TYPE",
    "PHYS TGT: NUMBER",
    "PHYS TGT: FOREIGN NATION",
    "PHYS TGT: EFFECT OF INCIDENT",
    "PHYS TGT: TOTAL NUMBER",
    "HUM TGT: NAME",
    "HUM TGT: DESCRIPTION",
    "HUM TGT: TYPE",
    "HUM TGT: NUMBER",
    "HUM TGT: FOREIGN NATION",
    "HUM TGT: EFFECT OF INCIDENT",
    "HUM TGT: TOTAL NUMBER",
)

# Slots whose fills are plain set fills or text conversions with a possible cross-reference.
_NO_XREF = {"INCIDENT: DATE", "INCIDENT: LOCATION", "MESSAGE: ID", "MESSAGE: TEMPLATE"}

_SLOT_LINE = re.compile(
    r"^\s*(\d+)\.\s+(" + "|".join(re.escape(n) for n in SLOT_NAMES) + r")(?:\s+(.*?))?\s*$"
)
_KEY_FILE_GLOBS = ("tst1/key-*", "tst2/key-*", "tst3/key-*", "tst4/key-*", "dev/key-*")


@dataclass(frozen=True)
class Fill:
    """One filler of a slot.

    ``values`` are its alternatives (quoted strings without their quotes); ``xref`` the
    alternatives of the string it is cross-referenced to (empty when none, ``("-",)`` for the
    key's dummy reference).
    """

    values: tuple[str, ...]
    optional: bool = False
    xref: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyTemplate:
    """One answer-key template: the slots as parsed fills (an empty slot has no fills)."""

    docid: str
    number: int | None
    optional: bool
    slots: Mapping[str, tuple[Fill, ...]] = field(default_factory=dict)

    def fills(self, slot: str) -> tuple[Fill, ...]:
        return self.slots.get(slot, ())

    @property
    def relevant(self) -> bool:
        """False for the single all-``*`` template of a document with no relevant incident."""
        return self.number is not None

    @property
    def incident_type(self) -> str:
        """The type as the processed corpus writes it: lower case, alternatives kept."""
        fills = self.fills("INCIDENT: TYPE")
        return " / ".join(fills[0].values).lower() if fills else ""


def split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` where it stands outside double quotes and parentheses."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and quoted:
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth = max(0, depth - 1)
        elif not quoted and depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def _encloses(value: str) -> bool:
    """True when the opening parenthesis at the start closes at the very end."""
    depth = 0
    for i, ch in enumerate(value):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i == len(value) - 1
    return False


def _unwrap(value: str) -> str:
    """Drop parentheses enclosing a whole alternative and the quotes of a string."""
    value = value.strip()
    while value.startswith("(") and _encloses(value):
        value = value[1:-1].strip()
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        value = value[1:-1].replace('\\"', '"')
    elif value.startswith('"'):  # a handful of key lines lose a closing quote
        value = value.strip('"')
    return value.strip()


def parse_fill(text: str, cross_reference: bool = True) -> Fill | None:
    """Parse one filler line; None for the empty (``-``) and inapplicable (``*``) fills."""
    text = text.strip()
    optional = text.startswith("?")
    if optional:
        text = text[1:].strip()
    if text in ("", "-", "*"):
        return None
    xref: tuple[str, ...] = ()
    if cross_reference:
        # a cross-reference is ': "' outside quotes; location-like colons are not followed by '"'
        head = split_top(text, ': "')
        if len(head) > 1:
            text = head[0]
            ref = '"' + ': "'.join(head[1:])
            xref = tuple(_unwrap(a) for a in split_top(ref, "/"))
    values = tuple(v for v in (_unwrap(a) for a in split_top(text, "/")) if v)
    if not values:
        return None
    return Fill(values=values, optional=optional, xref=xref)


def _template(docid: str, raw_slots: Mapping[str, list[str]]) -> KeyTemplate:
    slots: dict[str, tuple[Fill, ...]] = {}
    for name, lines in raw_slots.items():
        fills = (parse_fill(line, cross_reference=name not in _NO_XREF) for line in lines)
        slots[name] = tuple(f for f in fills if f is not None)
    number_text = " ".join(raw_slots.get("MESSAGE: TEMPLATE", []))
    found = re.match(r"\s*(\d+)", number_text)
    return KeyTemplate(
        docid=docid,
        number=int(found.group(1)) if found else None,
        optional="OPTIONAL" in number_text.upper(),
        slots=slots,
    )


def parse_keys(text: str) -> Iterator[KeyTemplate]:
    """Parse the templates of one key file, in file order."""
    raw: dict[str, list[str]] = {}
    current: str | None = None
    docid: str | None = None

    def flush() -> Iterator[KeyTemplate]:
        if docid is not None and raw:
            yield _template(docid, raw)

    for line in text.splitlines():
        if line.lstrip().startswith(";"):
            continue
        found = _SLOT_LINE.match(line)
        if found:
            name, value = found.group(2), found.group(3) or ""
            if name == "MESSAGE: ID":
                yield from flush()
                raw = {}
                docid = value.split()[0] if value.split() else None
            current = name
            raw.setdefault(name, []).append(value)
        elif line.strip() and current is not None:
            raw[current].append(line.strip())
        elif not line.strip():
            current = None
    yield from flush()


def key_files(raw_dir: Path) -> list[Path]:
    """All answer-key files under a MUC-4 ``raw/`` directory."""
    files: list[Path] = []
    for pattern in _KEY_FILE_GLOBS:
        files.extend(sorted(raw_dir.glob(pattern)))
    return files


def load_keys(raw_dir: str | Path) -> dict[str, list[KeyTemplate]]:
    """Answer-key templates per document id, relevant templates only, in key order.

    The processed corpus lists a document's templates in this same order, so the i-th
    processed template is the i-th relevant key template (checked by incident type).
    """
    by_doc: dict[str, list[KeyTemplate]] = {}
    for path in key_files(Path(raw_dir)):
        for template in parse_keys(path.read_text(encoding="latin-1")):
            templates = by_doc.setdefault(template.docid, [])
            if template.relevant:
                templates.append(template)
    return by_doc


_DOC_START = re.compile(r"^\s*((?:DEV|TST\d)-MUC\d-\d{4})\b", re.MULTILINE)
_DATELINE = re.compile(r",\s*(\d{1,2})\s+([A-Z]{3})[A-Z]*\.?\s+(\d{2})\b")
MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}


def make_date(day: int, month: str, year: int) -> date | None:
    """A date from key/dateline parts (two-digit years are 19xx); None when impossible."""
    month_no = MONTHS.get(month[:3].upper())
    if month_no is None:
        return None
    if year < 100:
        year += 1900
    try:
        return date(year, month_no, day)
    except ValueError:
        return None


def parse_datelines(text: str) -> dict[str, date]:
    """Dateline dates (``SAN SALVADOR, 3 JAN 90 --``) per document of a raw text file.

    Datelines reading ``NO DATE`` or lacking a year give no date.
    """
    dates: dict[str, date] = {}
    starts = list(_DOC_START.finditer(text))
    for i, start in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        head = text[start.end() : end].split("--", 1)[0][:400]
        found = _DATELINE.search(head)
        if found:
            parsed = make_date(int(found.group(1)), found.group(2), int(found.group(3)))
            if parsed:
                dates[start.group(1)] = parsed
    return dates


def load_datelines(raw_dir: str | Path) -> dict[str, date]:
    """Dateline dates of every raw text file under ``raw/`` (texts, not keys)."""
    dates: dict[str, date] = {}
    raw_dir = Path(raw_dir)
    for path in sorted(raw_dir.glob("*/*")):
        if (
            path.is_file()
            and not path.name.startswith("key-")
            and re.match(r"(dev|tst\d)-muc", path.name)
        ):
            dates.update(parse_datelines(path.read_text(encoding="latin-1")))
    return dates
