"""Lists of URLs as a source, and fetched pages as RawDocuments.

A URL list is a text file with one http(s) URL per line (blank lines and ``#`` comments
ignored), named ``*.urls`` or any text file whose first lines are all URLs. Each page is
fetched through ``Fetcher`` (robots, address checks, limits); a page that cannot be had
becomes a ReadFailure with the reason, and the list goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from eventwire.model import RawDocument
from eventwire.sources.fetch import Fetcher, FetchError, Response
from eventwire.sources.files import ReadFailure, decode
from eventwire.sources.jsonl import document_id

_URL = re.compile(r"^https?://\S+$", re.I)
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


def is_url(value: str) -> bool:
    return bool(_URL.match(value.strip()))


def read_url_list_lines(path: str) -> list[str] | None:
    """The URLs in a file, or None when it is not a URL list (or cannot be read)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return None
    lines = [ln.strip() for ln in head.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines or not all(is_url(ln) for ln in lines[:50]):
        return None
    return [ln for ln in lines if is_url(ln)]


def page_document(resp: Response, published_default: date | None, **meta: object) -> RawDocument | ReadFailure:
    """A fetched response as a document: HTML or plain text only."""
    if resp.content_type in HTML_TYPES or (not resp.content_type and b"<html" in resp.body[:2048].lower()):
        field = "html"
    elif resp.content_type in TEXT_TYPES:
        field = "text"
    else:
        return ReadFailure(source=resp.url, error=f"not an HTML page ({resp.content_type or 'no content type'})")
    content = decode(resp.body, html=field == "html")
    if not content.strip():
        return ReadFailure(source=resp.url, error="empty page")
    return RawDocument(
        id=document_id(resp.url, content),
        source=resp.url,
        url=resp.url,
        published_default=published_default,
        **{field: content},
        **{k: v for k, v in meta.items() if v is not None},  # type: ignore[arg-type]
    )


def read_urls(urls: list[str], fetcher: Fetcher, published_default: date | None = None) -> Iterator[RawDocument | ReadFailure]:
    """Fetch each URL in turn; never raises for a bad URL or page."""
    for url in urls:
        try:
            resp = fetcher.get(url)
        except FetchError as exc:
            yield ReadFailure(source=url, error=str(exc))
            continue
        yield page_document(resp, published_default)
