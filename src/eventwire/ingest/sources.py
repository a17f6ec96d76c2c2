"""Expand ``eventwire ingest SOURCE...`` arguments into documents, whatever each source is.

A source is standard input (``-``), an http(s) URL (a feed or a page), a WARC archive, a feed
file (``.rss``, ``.atom``, ``.xml``, or XML that looks like one), a URL list (``.urls``, or a
text file of URLs), a directory (walked for all of these), or anything ``read_sources``
reads (text, HTML, JSON, JSONL). Nothing here raises for bad input: every problem is a
ReadFailure that the summary counts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO, TextIO

from eventwire.model import RawDocument
from eventwire.sources import ReadFailure, read_sources
from eventwire.sources.feeds import (
    FEED_TYPES,
    entry_document,
    looks_like_feed,
    parse_feed,
    read_feed,
)
from eventwire.sources.fetch import Fetcher, FetchError, FetchOptions
from eventwire.sources.files import EXTENSIONS
from eventwire.sources.jsonl import document_id
from eventwire.sources.urls import is_url, page_document, read_url_list_lines
from eventwire.sources.warc import is_warc, read_warc

FEED_EXTENSIONS = (".rss", ".atom", ".xml")
URL_LIST_EXTENSIONS = (".urls",)
Item = RawDocument | ReadFailure


@dataclass
class SourceReader:
    """Options for reading sources; the fetcher is made on first need (no network otherwise)."""

    published_default: date | None = None
    fetch: FetchOptions = field(default_factory=FetchOptions)
    fetch_pages: bool = True
    seen: Callable[[str], bool] | None = None  # doc id -> already stored: skip before fetching
    _fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.fetch)
        return self._fetcher

    def read(self, sources: Sequence[str], stdin: TextIO | BinaryIO | None = None) -> Iterator[Item]:
        for source in sources:
            if source == "-":
                yield from read_sources(["-"], self.published_default, stdin)
            elif is_url(source):
                yield from self._read_url(source)
            elif os.path.isdir(source):
                yield from self._read_dir(source)
            else:
                yield from self._read_file(source)

    def _read_file(self, path: str) -> Iterator[Item]:
        lower = path.lower()
        if is_warc(lower):
            yield from read_warc(path, self.published_default)
        elif lower.endswith(FEED_EXTENSIONS) or (not lower.endswith(tuple(EXTENSIONS)) and _sniff_feed(path)):
            yield from read_feed(path, self.fetcher if self.fetch_pages else None, self.published_default, self.fetch_pages, self.seen)
        elif lower.endswith(URL_LIST_EXTENSIONS):
            yield from self._read_urls(read_url_list_lines(path) or [], path)
        elif lower.endswith(".txt") and (urls := read_url_list_lines(path)):
            yield from self._read_urls(urls, path)
        else:
            yield from read_sources([path], self.published_default)

    def _read_dir(self, top: str) -> Iterator[Item]:
        special: list[str] = []
        plain = False
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                lower = name.lower()
                if name.startswith("."):
                    continue
                if is_warc(lower) or lower.endswith(FEED_EXTENSIONS + URL_LIST_EXTENSIONS):
                    special.append(os.path.join(root, name))
                elif os.path.splitext(lower)[1] in EXTENSIONS:
                    plain = True
        if plain or not special:
            yield from read_sources([top], self.published_default)
        for path in special:
            yield from self._read_file(path)

    def _read_urls(self, urls: list[str], where: str) -> Iterator[Item]:
        if not urls:
            yield ReadFailure(source=where, error="URL list has no http(s) URLs")
            return
        for url in urls:
            if self.seen is not None and self.seen(document_id(url, "")):
                continue
            yield from self._read_url(url, feeds=False)

    def _read_url(self, url: str, feeds: bool = True) -> Iterator[Item]:
        try:
            resp = self.fetcher.get(url)
        except FetchError as exc:
            yield ReadFailure(source=url, error=str(exc))
            return
        if feeds and (resp.content_type in FEED_TYPES or looks_like_feed(resp.body)):
            entries = parse_feed(resp.body)
            if isinstance(entries, str):
                yield ReadFailure(source=url, error=entries)
                return
            for entry in entries:
                if self.seen is not None and entry.link and self.seen(document_id(entry.link, "")):
                    continue
                yield entry_document(entry, url, self.fetcher if self.fetch_pages else None, self.published_default)
            return
        yield page_document(resp, self.published_default)


def _sniff_feed(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return looks_like_feed(handle.read(4096))
    except OSError:
        return False
