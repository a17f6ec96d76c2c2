"""RSS/Atom feeds: entries' pages fetched, their content used when the page cannot be had."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eventwire.article import build_article
from eventwire.model import RawDocument
from eventwire.sources import ReadFailure
from eventwire.sources.feeds import looks_like_feed, parse_feed, read_feed
from eventwire.sources.fetch import Fetcher, FetchOptions
from test_fetch import HTML, serve

HERE = Path(__file__).parent / "fixtures" / "ingest"
RSS = HERE / "feed.rss"
ATOM = HERE / "feed.atom"


def test_parse_rss_and_atom_entries_with_metadata():
    rss = parse_feed(RSS.read_bytes())
    assert not isinstance(rss, str)
    assert [e.key for e in rss] == ["hornwire-kismayo-hotel", "hornwire-bakara", "hornwire-baidoa-ied"]
    assert (rss[0].author, rss[0].published) == ("Abdi Warsame", date(2024, 7, 13))
    atom = parse_feed(ATOM.read_bytes())
    assert not isinstance(atom, str)
    assert [(e.link, e.content_is_html) for e in atom] == [
        ("https://sahelmonitor.example/2024/05/12/djibo-base", True),
        ("https://sahelmonitor.example/2024/05/11/cotton", False),
    ]


def test_not_a_feed_is_one_reason():
    assert isinstance(parse_feed(b"<html><body>hello</body></html>"), str)
    assert looks_like_feed(RSS.read_bytes()) and looks_like_feed(ATOM.read_bytes())
    assert not looks_like_feed(b"<html></html>")


def test_offline_feed_uses_entry_content_and_feed_metadata():
    docs = list(read_feed(str(ATOM), fetcher=None, fetch_pages=False))
    assert all(isinstance(d, RawDocument) for d in docs)
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert (first.title, first.author, first.published) == ("Jihadists overrun army base in Djibo", "Aminata Ouedraogo", date(2024, 5, 12))
    assert "JNIM fighters overran" in build_article(first).text


def test_pages_are_fetched_and_missing_pages_fall_back_to_content():
    page = (HERE / "pages" / "kismayo-hotel.html").read_bytes()
    with serve({"/somalia/2024/07/13/kismayo-hotel-attack": (200, HTML, page)}) as (base, seen):
        feed = RSS.read_text(encoding="utf-8").replace("https://hornwire.example", base)
        with serve({"/feed": (200, {"Content-Type": "application/rss+xml"}, feed.encode())}) as (feed_base, _):
            fetcher = Fetcher(FetchOptions(allow_private=True, min_interval=0, timeout=3))
            docs = list(read_feed(feed_base + "/feed", fetcher))
    assert len(docs) == 3 and all(isinstance(d, RawDocument) for d in docs)
    hotel, bakara, baidoa = docs
    assert isinstance(hotel, RawDocument) and hotel.html is not None and "<article>" in hotel.html  # the full page
    assert "three gunmen" in build_article(hotel).text.lower()
    assert isinstance(baidoa, RawDocument) and "Bay region" in (baidoa.text or "")  # 404 -> the entry content
    assert hotel.title == "Gunmen storm hotel in Kismayo, killing 9"  # feed metadata wins
    assert any(s["path"] == "/somalia/2024/07/11/baidoa-roadside-bomb" for s in seen)


def test_seen_entries_are_not_fetched_again():
    docs = list(read_feed(str(RSS), fetcher=None, fetch_pages=False, seen=lambda doc_id: True))
    assert docs == []


def test_unreadable_feed_is_a_failure(tmp_path: Path):
    bad = tmp_path / "bad.rss"
    bad.write_text("this is not xml at all", encoding="utf-8")
    items = list(read_feed(str(bad), fetcher=None, fetch_pages=False))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
