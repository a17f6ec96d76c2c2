"""Line-level boilerplate: lines that are never article prose, wherever they stand.

Each rule looks at one paragraph alone and is deliberately narrow (whole-line matches, short
lines only) so that article prose, headings and ALL-CAPS wire copy are never taken for page
furniture. Context-dependent junk (comment widgets, link lists after a "Related" header) is
handled in comments.py and related.py.
"""

from __future__ import annotations

import re

from eventwire.article.lexicon import SOCIAL_WORDS

Kind = str  # one of RemovedBlock.kind

_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_ADVERT = re.compile(
    r"^(?:advertisements?|advert|ad|sponsored(?: content)?|paid content|"
    r"(?:story|article) continues below(?: advertisement)?|continue reading below|"
    r"scroll (?:down )?to continue(?: with content)?|skip (?:this )?ad)[.:]?$",
    re.I,
)
_SHARE = re.compile(
    r"^(?:share(?: this)?(?: article| story| post| page| on \w+)?|share via|click to share\b.*|"
    r"(?:follow|like) us(?: on\b.*)?|follow @\w+.*|tweet this|print this (?:article|page))[:!.]?$",
    re.I,
)
_RELATED_PREFIX = re.compile(
    r"^(?:related|read more|read also|also read|see also|more|watch|listen|read next|"
    r"recommended|trending)\s*:\s*\S",
    re.I,
)
_FOOTER = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|all rights reserved|"
    r"may not be (?:published|reproduced), broadcast|rewritten or redistributed",
    re.I,
)
_COOKIE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site)\b.*\bcookies?\b|"
    r"\bcookies?\b.*\b(?:accept|consent|policy|settings|preferences|browsing|experience)\b",
    re.I,
)
_NEWSLETTER = re.compile(
    r"^newsletters?\b|\b(?:sign up|subscribe)\b.*\b(?:newsletter|inbox|alerts|updates)\b|"
    r"\bin your inbox\b|enable javascript|your browser does not support",
    re.I,
)
_NAV = re.compile(
    r"^(?:home\s*[>»›/|]|skip to (?:main )?content$|(?:log ?in|sign ?in|register|subscribe|"
    r"menu|search|close|back to top)$)",
    re.I,
)
_MENU_SPLIT = re.compile(r"\s+[|•·»›]\s+")
_CREDIT = re.compile(
    r"^\(?(?:photo|image|picture|video|file photo)s?(?: credit)?\s*(?::|by\b)[^.]*\)?$", re.I
)
_READ_TIME = re.compile(r"^(?:reading time:?\s*)?\d+\s*min(?:ute)?s?(?: read)?$", re.I)
_CREDIT_LINE = re.compile(r"^\(?(?:additional )?(?:reporting|writing|editing) by\b", re.I)
_SOCIAL_SPLIT = re.compile(r"[\s|/•·,]+")


def classify_line(line: str) -> Kind | None:
    """The RemovedBlock kind of a paragraph that is page furniture, or None for prose."""
    words = line.count(" ") + 1
    if words > 80:
        return None
    if _BARE_URL.match(line):
        return "navigation"
    if words <= 12:
        kind = _short_line_kind(line, words)
        if kind:
            return kind
    if words <= 40 and _FOOTER.search(line):
        return "footer"
    if words <= 40 and _CREDIT_LINE.match(line):
        return "byline"
    if (words <= 80 and _COOKIE.search(line)) or (words <= 40 and _NEWSLETTER.search(line)):
        return "boilerplate"
    return None


def _short_line_kind(line: str, words: int) -> Kind | None:
    if _ADVERT.match(line):
        return "advertisement"
    if _SHARE.match(line) or _is_share_bar(line):
        return "share"
    if _RELATED_PREFIX.match(line):
        return "related"
    if _NAV.match(line) or _is_menu(line):
        return "navigation"
    if _CREDIT.match(line) or _READ_TIME.match(line):
        return "boilerplate"
    return None


def _is_share_bar(line: str) -> bool:
    tokens = [t for t in _SOCIAL_SPLIT.split(line.casefold()) if t]
    return len(tokens) >= 2 and all(t in SOCIAL_WORDS for t in tokens)


def _is_menu(line: str) -> bool:
    """'About us | Contact | Privacy' style menus; tables ('| a | b |') start with a bar."""
    if line.startswith("|"):
        return False
    parts = [p for p in _MENU_SPLIT.split(line) if p]
    return (
        len(parts) >= 3
        and all(len(p.split()) <= 3 for p in parts)
        and not any(ch.isdigit() for ch in line)
    )
