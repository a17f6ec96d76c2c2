"""WARC archives: HTML responses become documents; everything else is skipped with a reason."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

from eventwire.article import build_article
from eventwire.model import RawDocument
from eventwire.sources import ReadFailure
from eventwire.sources.warc import read_warc

WARC = Path(__file__).parent / "fixtures" / "ingest" / "sample.warc.gz"


def test_html_responses_become_documents_with_their_url():
    items = list(read_warc(str(WARC)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.url for d in docs] == [
        "https://hornwire.example/somalia/2024/07/13/kismayo-hotel-attack",
        "https://hornwire.example/business/2024/07/12/bakara-market-reopens",
    ]
    assert all(d.html and "<article>" in d.html for d in docs)
    article = build_article(docs[0])
    assert "Al-Shabaab gunmen stormed a hotel" in article.text
    assert "cheap watches" not in article.text  # comments excluded
    assert article.published == date(2024, 7, 13)  # the page's own date wins over the crawl date


def test_other_responses_are_skipped_with_reasons_and_requests_ignored():
    failures = [i for i in read_warc(str(WARC)) if isinstance(i, ReadFailure)]
    assert [(f.source.rsplit("/", 1)[-1], f.error) for f in failures] == [
        ("logo.png", "WARC response is not HTML (image/png)"),
        ("missing", "WARC response status is not 200 (404)"),
    ]


def test_crawl_date_is_the_fallback_and_the_user_date_wins():
    docs = [i for i in read_warc(str(WARC)) if isinstance(i, RawDocument)]
    assert docs[0].published_default == date(2024, 7, 14)
    mine = [i for i in read_warc(str(WARC), published_default=date(2024, 1, 1)) if isinstance(i, RawDocument)]
    assert mine[0].published_default == date(2024, 1, 1)


def test_truncated_archive_yields_what_it_can_then_one_failure(tmp_path: Path):
    data = gzip.decompress(WARC.read_bytes())
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    items = list(read_warc(str(cut)))
    assert any(isinstance(i, RawDocument) for i in items)
    assert isinstance(items[-1], ReadFailure)


def test_missing_or_garbage_file_is_one_failure(tmp_path: Path):
    assert [type(i) for i in read_warc(str(tmp_path / "none.warc"))] == [ReadFailure]
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"\x1f\x8b not really gzip")
    items = list(read_warc(str(junk)))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
