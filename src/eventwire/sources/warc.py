"""WARC archives (``.warc``, ``.warc.gz``) as a source: HTML responses only.

Web archives hold every request, response, image and script of a crawl; only ``response``
records with status 200 and an HTML content type are articles. Other responses are counted as
skipped with the reason, never fatal; a truncated or corrupt archive ends with one failure
after whatever could be read. The record's WARC-Date (when it was crawled) stands in as the
publication fallback when the user gave none: a page cannot have been published after it was
crawled, and the page's own metadata wins over both.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import date, datetime

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.model import RawDocument
from eventwire.sources.files import DEFAULT_MAX_BYTES, ReadFailure, decode
from eventwire.sources.jsonl import document_id

HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    return path.lower().endswith((".warc", ".warc.gz"))


def _crawl_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def read_warc(path: str, published_default: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | ReadFailure]:
    """Yield a RawDocument per HTML response, a ReadFailure per skipped response."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in finally; generator needs it open
    except OSError as exc:
        yield ReadFailure(source=path, error=(exc.strerror or str(exc)).lower())
        return
    try:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or path
            if record.http_headers is None:
                yield ReadFailure(source=uri, error="WARC response is not an HTTP response")
                continue
            status = record.http_headers.get_statuscode()
            ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if status != "200":
                yield ReadFailure(source=uri, error=f"WARC response status is not 200 ({status})")
                continue
            if ctype not in HTML_TYPES:
                yield ReadFailure(source=uri, error=f"WARC response is not HTML ({ctype or 'no type'})")
                continue
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield ReadFailure(source=uri, error=f"WARC response is over the {max_bytes:,}-byte limit")
                continue
            html = decode(body, html=True)
            if not html.strip():
                yield ReadFailure(source=uri, error="WARC response is empty")
                continue
            crawled = _crawl_date(record.rec_headers.get_header("WARC-Date"))
            yield RawDocument(
                id=document_id(uri, html),
                source=uri,
                url=uri if uri.startswith(("http://", "https://")) else None,
                html=html,
                published_default=published_default or crawled,
            )
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error) as exc:
        yield ReadFailure(source=path, error=f"damaged WARC archive: {str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__}")
    finally:
        handle.close()
