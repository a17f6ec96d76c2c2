"""HTML -> body text and page metadata, through trafilatura with reader comments excluded.

trafilatura does the hard part (main-content detection, metadata). What it cut is not listed,
except the reader-comment section, which is cheap to name (an element whose id/class says
"comment") and worth keeping as evidence of what was dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import lxml.html
import trafilatura

from eventwire.article.clean import make_block
from eventwire.article.text import normalize_chars, strip_markup
from eventwire.model import RemovedBlock

_log = logging.getLogger(__name__)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_HTML_LANG = re.compile(r"<html\b[^>]{0,500}?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)
_HAS_COMMENTS = re.compile(
    r"""(?:id|class)\s*=\s*["'][^"']{0,200}?(?:comment|disqus|respond)""", re.I
)
_COMMENT_TOKEN = re.compile(
    r"^(?:comments?|comment[-_].*|.*[-_]comments?(?:[-_].*)?|disqus_thread|respond)$", re.I
)
_CONTAINERS = ("div", "section", "ol", "ul", "aside")


@dataclass(frozen=True)
class HtmlExtract:
    """What the HTML gave: body text (one paragraph per line, not yet sanitised) and metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    site: str | None = None
    language: str | None = None
    removed: list[RemovedBlock] = field(default_factory=list)


def extract_html(html: str, url: str | None) -> HtmlExtract:
    """Extract the article body and metadata; never raises (a parser failure gives empty text)."""
    html = normalize_chars(html)
    doc = _run_trafilatura(html, url)
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        text = _baseline(html)
    lang = _HTML_LANG.search(html[:5000])
    return HtmlExtract(
        text=text,
        title=_clean_meta(doc.title) if doc is not None else None,
        author=_clean_meta(doc.author) if doc is not None else None,
        published=_iso_date(doc.date) if doc is not None else None,
        site=(_clean_meta(doc.sitename) if doc is not None else None) or _hostname(url),
        language=lang.group(1).lower() if lang else None,
        removed=_comment_blocks(html),
    )


def _run_trafilatura(html: str, url: str | None) -> trafilatura.settings.Document | None:
    # trafilatura/lxml can fail in many ways on hostile markup (deep nesting, odd encodings);
    # one bad page must cost only itself, so any failure means "nothing extracted".
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # noqa: BLE001 - third-party parser on untrusted input
        _log.debug("trafilatura failed: %s", exc)
        return None
    return result if isinstance(result, trafilatura.settings.Document) else None


def _baseline(html: str) -> str:
    """trafilatura's simple fallback, for pages too small for its main extractor."""
    try:
        _, text, _ = trafilatura.baseline(html)
    except Exception as exc:  # noqa: BLE001 - same reason as above
        _log.debug("trafilatura baseline failed: %s", exc)
        return ""
    return text or ""


def _comment_blocks(html: str) -> list[RemovedBlock]:
    """Text of the outermost comment containers, as 'comment' blocks (capped)."""
    if not _HAS_COMMENTS.search(html):
        return []
    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - same reason as above
        return []
    outer: list[lxml.html.HtmlElement] = []
    chosen: set[lxml.html.HtmlElement] = set()
    for node in tree.iter(*_CONTAINERS):
        if _is_comment_node(node) and not any(a in chosen for a in node.iterancestors()):
            outer.append(node)
            chosen.add(node)
    blocks = []
    for node in outer:
        for bad in node.xpath(".//script|.//style|.//noscript|.//template"):
            bad.drop_tree()
        text = " ".join(" ".join(node.itertext()).split())
        if len(text) >= 20:
            blocks.append(make_block("comment", text))
    return blocks


def _is_comment_node(node: lxml.html.HtmlElement) -> bool:
    tokens = f"{node.get('id', '')} {node.get('class', '')}".split()
    return any(_COMMENT_TOKEN.match(token) for token in tokens)


def _clean_meta(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(strip_markup(normalize_chars(value), any_tag=True).split())
    return value or None


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
