"""The head of an article: doc-id headers, the title line, bylines and publication stamps.

Only the first few lines before the prose starts are looked at, because that is where these
live, and because a capitalised two-word line further down is a heading, not an author.
Location datelines ("KABUL, Afghanistan (AP) —", "BOGOTA, 7 JAN 90 (EFE) --") are kept: they
carry the event's place and are part of the prose. A stand-alone publication stamp
("Published: June 5, 2023") is removed with kind "dateline" and its date kept as a fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from eventwire.article.lexicon import NAME_PARTICLES, NON_NAME_WORDS, ROLE_KEYWORDS

_HEAD_LINES = 4
_DOC_ID = re.compile(r"^[A-Z]{2,5}\d?-MUC\d-\d{3,5}(?:\s*\([A-Z0-9 ]{1,20}\))?$")
_BY = re.compile(
    r"^(?:(?:written|posted|reported|story|words|text|photos?)\s+)?by\s*:?\s+(?P<rest>\S.*)$|"
    r"^(?:authors?|writers?|reporters?)\s*:\s*(?P<rest2>\S.*)$",
    re.I,
)
_BY_SPLIT = re.compile(r"\s*(?:,|\||;|\s[-–—]\s| for | in )\s*")
_NAME_ROLE = re.compile(r"^(?P<name>[^|,–—]{3,60}?)\s*(?:\||,|\s[-–—]\s)\s*(?P<role>[^|]{2,60})$")
_PUNCT = "()[].,;:'\"’‘“”"
_STAMP = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|date)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?P<date>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:at|,|-|\||·|•)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?"
    r"(?:\s*[|•·]\s*\d+\s*min(?:ute)?s?\s+read)?\.?$",
    re.I,
)
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,|\s\(|\s—|\s–)")
_HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mx)\.?\s+(?=\S)", re.I)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b|[.,]", re.I)
_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


@dataclass(frozen=True)
class Header:
    """What the head of a document told us."""

    author: str | None = None
    stamp: date | None = None
    title: str | None = None


def mark_header(
    lines: list[str], labels: list[str | None], title: str | None, plain: bool = True
) -> Header:
    """Label header furniture in place; return the byline's author, a date stamp and a title.

    ``plain`` (plain-text input) also accepts a lone capitalised name as byline and a short
    unpunctuated first line as the headline (when no title was given); HTML bodies start with
    headings that are neither, and carry their author and title in metadata.
    """
    author: str | None = None
    stamp: date | None = None
    headline: str | None = None
    content = 0
    folded_title = _fold(title) if title else None
    for index, line in enumerate(lines):
        if labels[index] is not None:
            continue
        if content >= _HEAD_LINES:
            break
        if _DOC_ID.match(line):
            labels[index] = "boilerplate"
            continue
        if folded_title and _fold(line) == folded_title:
            labels[index] = "title"
            continue
        content += 1
        has_more = index + 1 < len(lines)
        first = content == 1 or (content == 2 and headline is not None)
        bare_ok = plain and has_more and first
        name = byline_author(line, bare_ok=bare_ok) if author is None else None
        if name:
            labels[index], author = "byline", name
            continue
        day = parse_stamp(line)
        if day:
            labels[index] = "dateline"
            stamp = stamp or day
            continue
        if plain and has_more and content == 1 and title is None and _is_headline(line):
            labels[index], headline = "title", line
            continue
        if line.count(" ") >= 15:
            break  # the prose has started
    return Header(author, stamp, headline)


def _is_headline(line: str) -> bool:
    """Short, unpunctuated at the end, not a dateline ("KABUL, Afghanistan (AP) —", "NEW YORK")."""
    words = line.count(" ") + 1
    if not 3 <= words <= 25 or len(line) > 200 or line[-1] in ".,;:-–—":
        return False
    if "--" in line or _DATELINE.match(line):
        return False
    return not (line.isupper() and words <= 4)


def byline_author(line: str, bare_ok: bool = False) -> str | None:
    """The author named by a byline line, or None when the line is not a byline.

    Recognises "By Jane Doe", "By JANE DOE, Reuters", "Author: Jane Doe", "Jane Doe | Staff
    writer", and (``bare_ok``, first line only) a bare 2-4 word capitalised name.
    """
    if len(line) > 120:
        return None
    match = _BY.match(line)
    if match:
        rest = match.group("rest") or match.group("rest2")
        name, role = _split_once(rest)
        if _is_name(name.split(), 1, 8) and (not role or _is_affiliation(role)):
            return _tidy(name)
        return None
    match = _NAME_ROLE.match(line)
    if match:
        name, role = match.group("name").strip(), match.group("role").strip()
        if (
            not name.isupper()
            and _is_name(name.split(), 2, 4, strict=True)
            and _has_role(role)
            and not any(ch.isdigit() for ch in role)
        ):
            return _tidy(name)
        return None
    if (
        bare_ok
        and len(line) <= 40
        and not line.isupper()
        and _is_name(line.split(), 2, 4, strict=True)
    ):
        return line
    return None


def parse_stamp(line: str) -> date | None:
    """The date of a stand-alone publication stamp line ("Published: June 5, 2023 10:32")."""
    if len(line) > 80:
        return None
    match = _STAMP.match(line)
    if not match:
        return None
    text = " ".join(_ORDINAL.sub(" ", match.group("date")).split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _split_once(rest: str) -> tuple[str, str]:
    """'Jane Doe, Reuters' -> ('Jane Doe', 'Reuters'); no separator -> (rest, '')."""
    parts = _BY_SPLIT.split(rest, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def _is_name(tokens: list[str], low: int, high: int, strict: bool = False) -> bool:
    """Capitalised tokens (particles and 'and' between names allowed), ``low``-``high`` of them.

    ``strict`` also rejects words that make the line a headline or section label.
    """
    core = 0
    for position, token in enumerate(tokens):
        folded = token.casefold()
        if folded in ("and", "&") and 0 < position < len(tokens) - 1:
            continue
        if position > 0 and (folded in NAME_PARTICLES or folded.split("-")[0] in NAME_PARTICLES):
            continue
        if not (token[0].isupper() and all(ch.isalpha() or ch in "'’.-" for ch in token)):
            return False
        if strict and folded.strip(".") in NON_NAME_WORDS:
            return False
        core += 1
    return low <= core <= high


def _is_affiliation(role: str) -> bool:
    words = role.split()
    return len(words) <= 8 and all(
        w[0].isupper()
        or w[0].isdigit()
        or w.strip(_PUNCT).casefold() in ROLE_KEYWORDS
        or w.casefold() in ("in", "for", "and", "of", "the", "at")
        for w in words
        if w.strip(_PUNCT)
    )


def _has_role(role: str) -> bool:
    words = [w.strip(_PUNCT).casefold() for w in role.split()]
    return len(words) <= 6 and any(w in ROLE_KEYWORDS for w in words)


def _tidy(name: str) -> str:
    name = _HONORIFIC.sub("", name.strip(" .,;:-–—"))
    return name.title() if name.isupper() else name


def _fold(text: str) -> str:
    return " ".join("".join(ch for ch in text.casefold() if ch.isalnum() or ch.isspace()).split())
