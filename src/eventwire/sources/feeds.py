"""RSS/Atom feeds (a file or an http(s) URL) as a source of documents.

Each entry's page is fetched (through ``Fetcher``: robots, address checks, limits) because a
feed usually carries only a teaser; when the page cannot be had, or fetching is off, the
entry's own content is used instead. The feed's metadata (title, author, date) is passed on
and wins over what the page says. ``parse_feed`` and ``entry_document`` are separate so the
feed watcher can remember entries it has seen and fetch only new ones.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import feedparser

from eventwire.model import RawDocument
from eventwire.sources.fetch import Fetcher, FetchError
from eventwire.sources.files import ReadFailure
from eventwire.sources.jsonl import document_id
from eventwire.sources.urls import is_url, page_document

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: ``key`` identifies it across fetches (its id, else its link)."""

    key: str
    link: str | None
    title: str | None
    author: str | None
    published: date | None
    content: str | None
    content_is_html: bool


_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|blockquote|tr)\s*>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def fragment_text(fragment: str) -> str:
    """An entry's HTML snippet as plain text, one paragraph a line. Snippets are not pages, so
    they skip the page extractor (which discards fragments) and take the plain-text path."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", fragment))
    lines = (" ".join(html.unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def looks_like_feed(data: bytes) -> bool:
    head = data[:4096].lstrip().lower()
    if head.startswith((b"<rss", b"<feed")):
        return True
    return head.startswith(b"<?xml") and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _date(entry: dict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return date(*parsed[:3])  # feedparser normalises to UTC
    except (TypeError, ValueError):
        return None


def parse_feed(data: bytes) -> list[FeedEntry] | str:
    """Entries of a feed, or a one-line reason it is not a readable feed."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            return f"not a readable feed: {str(parsed.get('bozo_exception', 'parse error')).splitlines()[0][:200]}"
        return "feed has no entries"
    out = []
    for n, entry in enumerate(parsed.entries, 1):
        content, is_html = None, False
        if entry.get("content"):
            block = entry["content"][0]
            content, is_html = block.get("value"), "html" in block.get("type", "text/html")
        elif entry.get("summary"):
            content = entry["summary"]
            is_html = "html" in entry.get("summary_detail", {}).get("type", "text/html")
        link = entry.get("link")
        out.append(FeedEntry(
            key=entry.get("id") or link or f"#{n}",
            link=link if link and is_url(link) else None,
            title=entry.get("title") or None,
            author=entry.get("author") or None,
            published=_date(entry),
            content=content if content and content.strip() else None,
            content_is_html=is_html,
        ))
    return out


def entry_document(
    entry: FeedEntry, feed: str, fetcher: Fetcher | None, published_default: date | None = None
) -> RawDocument | ReadFailure:
    """The entry's page when it can be fetched, else its own content."""
    meta = {"title": entry.title, "author": entry.author, "published": entry.published}
    why = "fetching is off"
    if entry.link and fetcher is not None:
        try:
            doc = page_document(fetcher.get(entry.link), published_default, **meta)
            if isinstance(doc, RawDocument):
                return doc
            why = doc.error
        except FetchError as exc:
            why = str(exc)
    elif not entry.link:
        why = "entry has no link"
    if entry.content is None:
        return ReadFailure(source=entry.link or f"{feed}#{entry.key}", error=f"entry has no content and its page cannot be had ({why})")
    text = fragment_text(entry.content) if entry.content_is_html else entry.content
    if not text.strip():
        return ReadFailure(source=entry.link or f"{feed}#{entry.key}", error=f"entry has no content and its page cannot be had ({why})")
    return RawDocument(
        id=document_id(entry.link, text),
        source=entry.link or f"{feed}#{entry.key}",
        url=entry.link,
        published_default=published_default,
        text=text,
        **{k: v for k, v in meta.items() if v is not None},  # type: ignore[arg-type]
    )


def read_feed(
    source: str,
    fetcher: Fetcher | None,
    published_default: date | None = None,
    fetch_pages: bool = True,
    seen: Callable[[str], bool] | None = None,
) -> Iterator[RawDocument | ReadFailure]:
    """Documents of a feed file or URL. ``seen(doc_id)`` lets the caller skip known entries
    before their pages are fetched."""
    if is_url(source):
        if fetcher is None:
            yield ReadFailure(source=source, error="feed URL given but fetching is off")
            return
        try:
            data = fetcher.get(source).body
        except FetchError as exc:
            yield ReadFailure(source=source, error=str(exc))
            return
    else:
        try:
            with open(source, "rb") as handle:
                data = handle.read(50 * 1024 * 1024)
        except OSError as exc:
            yield ReadFailure(source=source, error=(exc.strerror or str(exc)).lower())
            return
    entries = parse_feed(data)
    if isinstance(entries, str):
        yield ReadFailure(source=source, error=entries)
        return
    for entry in entries:
        if seen is not None and entry.link and seen(document_id(entry.link, "")):
            continue
        yield entry_document(entry, source, fetcher if fetch_pages else None, published_default)
