"""eventwire.article: RawDocument -> Article (clean text, metadata, removed pieces)."""

from __future__ import annotations

import contextlib
import json
import re
import time
from datetime import date
from pathlib import Path

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.article import build_article
from eventwire.errors import ArticleError
from eventwire.model import Article, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "article"
SEED = Path("/work/shared/data/seed/000_0373da40c75e1bdd.txt")
MUC_DEV = Path("/work/shared/data/muc4/raw/dev/dev-muc3-0001-0100")
BAD_CHARS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u00a0\ufeff]")


def text_doc(text: str, **fields: object) -> RawDocument:
    return RawDocument(id="t", source="test", text=text, **fields)  # type: ignore[arg-type]


def html_doc(html: str, **fields: object) -> RawDocument:
    return RawDocument(id="h", source="test", html=html, **fields)  # type: ignore[arg-type]


def fixture(name: str) -> RawDocument:
    content = (FIXTURES / name).read_text(encoding="utf-8")
    return html_doc(content) if name.endswith(".html") else text_doc(content)


def kinds(article: Article) -> list[str]:
    return [block.kind for block in article.removed]


def removed_text(article: Article, kind: str) -> str:
    return "\n".join(block.text for block in article.removed if block.kind == kind)


PROSE = (
    "Gunmen attacked a police station in the northern town of Belvar on Monday, killing two "
    "officers and wounding three others, a provincial spokesman said."
)


# --- the seed page --------------------------------------------------------------------------


def test_seed_page_loses_byline_and_comment_widget_but_keeps_the_article() -> None:
    if not SEED.exists():
        pytest.skip(f"shared seed data not present at {SEED}")
    article = build_article(text_doc(SEED.read_text(encoding="utf-8")))
    assert article.author == "Ayat Ezz"
    assert article.language == "en"
    for junk in ("viagra", "Great article", "admin in:", "Hello there", "Ayat Ezz"):
        assert junk not in article.text
    assert "Dushanbe" in article.text
    assert "Importance and impact" in article.text.split("\n")
    assert kinds(article) == ["byline", "comment_widget", "comment", "spam", "comment"]
    assert "viagra" in removed_text(article, "spam")
    assert article.text.endswith("penetrate the Asian continent.")


# --- plain-text boilerplate -----------------------------------------------------------------


def test_byline_and_recent_comments_widget_are_removed() -> None:
    article = build_article(fixture("wordpress_widget.txt"))
    assert article.author == "Lena Marsh"
    assert kinds(article) == ["byline", "comment_widget", "comment", "spam", "comment"]
    assert article.text.startswith("Gunmen on motorcycles opened fire")
    assert article.text.endswith("truck drivers on the highway.")
    assert "Security analysis" in article.text.split("\n")  # a heading stays
    assert "“We will not allow" in article.text  # curly quotes stay
    assert "casino" in removed_text(article, "spam")


def test_wire_page_furniture_and_comment_section_are_removed_dateline_kept() -> None:
    article = build_article(fixture("comment_section.txt"))
    assert article.author == "Dario Venti"
    assert article.text.split("\n") == [
        "PORT ELLIS, Novaria (AP) — A car bomb exploded outside a courthouse in the port city on "
        "Friday morning, killing at least five people, police said.",
        "The blast shattered windows along the harbour road and set several parked cars on fire.",
        "Police spokesman Ivo Kral said investigators were examining security camera footage.",
    ]
    assert kinds(article) == [
        "byline", "share", "advertisement", "related", "share", "boilerplate", "navigation",
        "footer", "comment_widget", "comment", "comment_widget", "comment", "comment_widget",
    ]  # fmt: skip
    assert "Marta Lind says:" in removed_text(article, "comment")


def test_related_list_at_the_end_goes_but_inline_heading_with_colon_stays() -> None:
    article = build_article(fixture("related_list.txt"))
    assert article.author == "Jana Petrov"
    assert article.published == date(2023, 6, 5)  # from the "Published:" stamp line
    lines = article.text.split("\n")
    assert "Focus on: the aid corridor" in lines
    assert lines[-1] == "Aid groups say the only road into Saro has been closed for two weeks."
    assert "Read more" not in lines
    assert removed_text(article, "related").endswith("Who are the hill rebels?")
    assert kinds(article) == ["byline", "dateline", "related", "related", "footer"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Share this", "share"),
        ("Share on Facebook", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Follow us on Telegram for breaking news", "share"),
        ("Related: Militants seize second border post", "related"),
        ("READ MORE: Why the talks failed", "related"),
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("This website uses cookies to ensure you get the best experience.", "boilerplate"),
        ("Subscribe to our newsletter for daily updates", "boilerplate"),
        ("© 2024 Example Media Group", "footer"),
        ("Copyright 2024 Example Wire. All rights reserved.", "footer"),
        ("https://www.example.org/world/2024/05/belvar-attack", "navigation"),
        ("Home > World > Africa", "navigation"),
        ("About us | Contact | Privacy policy | Terms", "navigation"),
        ("(Reporting by Ana Silva; Editing by Tom Hale)", "byline"),
        ("Photo: Reuters", "boilerplate"),
    ],
)
def test_boilerplate_line_is_removed_with_its_kind(line: str, kind: str) -> None:
    article = build_article(text_doc(f"{PROSE}\n{line}\n{PROSE.replace('Monday', 'Tuesday')}"))
    assert line not in article.text
    assert [(b.kind, b.text) for b in article.removed] == [(kind, line)]
    assert len(article.text.split("\n")) == 2


@pytest.mark.parametrize(
    ("first", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By JANE DOE, Reuters", "Jane Doe"),
        ("by Jane Doe and Omar al-Rashid", "Jane Doe and Omar al-Rashid"),
        ("Jane Doe | Staff writer", "Jane Doe"),
        ("Jane Doe, Senior Correspondent", "Jane Doe"),
        ("Author: Jane Doe", "Jane Doe"),
        ("Jane Doe", "Jane Doe"),
    ],
)
def test_byline_forms_set_author_and_are_removed(first: str, author: str) -> None:
    article = build_article(text_doc(f"{first}\n{PROSE}"))
    assert article.author == author
    assert article.text == PROSE
    assert [(b.kind, b.text) for b in article.removed] == [("byline", first)]


@pytest.mark.parametrize(
    "first",
    [
        "By Monday, the army had retaken the town.",
        "KABUL, Afghanistan (AP) —",
        "NEW YORK",
        "SAN SALVADOR, 3 JAN 90 (EFE) --",
    ],
)
def test_lines_that_only_look_like_bylines_stay(first: str) -> None:
    article = build_article(text_doc(f"{first}\n{PROSE}"))
    assert article.author is None
    assert article.text.split("\n")[0] == first
    assert article.removed == []


@pytest.mark.parametrize("first", ["Bomb Kills Three", "Militants storm prison in the north"])
def test_short_first_line_of_plain_text_is_the_headline(first: str) -> None:
    article = build_article(text_doc(f"{first}\n{PROSE}"))
    assert article.title == first
    assert article.text == PROSE
    assert [(b.kind, b.text) for b in article.removed] == [("title", first)]


def test_headline_byline_and_date_stamp_head_a_plain_text() -> None:
    head = (
        "Militants storm prison in the north; dozens escape\n\nBy Dr. Sara Quell\n12 March 2024\n\n"
    )
    article = build_article(text_doc(head + PROSE))
    assert article.title == "Militants storm prison in the north; dozens escape"
    assert article.author == "Sara Quell"
    assert article.published == date(2024, 3, 12)
    assert article.text == PROSE
    assert kinds(article) == ["title", "byline", "dateline"]


def test_given_title_is_not_replaced_by_the_first_line() -> None:
    article = build_article(text_doc(f"Short heading here\n{PROSE}", title="Given"))
    assert article.title == "Given"
    assert article.text.startswith("Short heading here\n")


def test_byline_from_html_body_needs_a_by_prefix() -> None:
    html = (
        "<html><head><title>Police station attacked</title></head><body><article>"
        f"<h2>Belvar Station</h2><p>{PROSE}</p></article></body></html>"
    )
    article = build_article(html_doc(html))
    assert article.author is None
    assert article.text.split("\n")[0] == "Belvar Station"


def test_comment_anchor_heading_alone_is_not_a_widget() -> None:
    article = build_article(text_doc(f"{PROSE}\nSpotlight on: the border\n{PROSE}"))
    assert article.removed == []


def test_read_more_header_followed_by_prose_removes_only_the_header() -> None:
    article = build_article(text_doc(f"{PROSE}\nRead more\n{PROSE}\nShort heading\n{PROSE}"))
    assert [(b.kind, b.text) for b in article.removed] == [("related", "Read more")]
    assert "Short heading" in article.text.split("\n")


def test_says_widget_at_the_end_is_removed_but_a_single_quote_intro_stays() -> None:
    widget = "Mika says:\nSo sad.\nLeo says:\nWhere was the army?"
    article = build_article(text_doc(f"{PROSE}\n{widget}"))
    assert article.text == PROSE
    assert kinds(article) == ["comment"]
    quote = "Colonel Arne Vik says:\nWe will find those responsible."
    assert build_article(text_doc(f"{PROSE}\n{quote}")).text == f"{PROSE}\n{quote}"


def test_removed_blocks_are_capped() -> None:
    comments = "\n".join(f"Reader{i} says:\nJune 5, 2023 at 4:15 pm\n{PROSE}" for i in range(50))
    article = build_article(text_doc(f"{PROSE}\n{comments}"))
    assert article.text == PROSE
    assert all(len(block.text) <= 2000 for block in article.removed)
    assert article.removed[0].text.endswith("…")


# --- wire copy ------------------------------------------------------------------------------


def test_all_caps_wire_copy_is_unwrapped_intact_and_doc_id_header_removed() -> None:
    article = build_article(fixture("wire_caps.txt"))
    assert [(b.kind, b.text) for b in article.removed] == [("boilerplate", "TST9-MUC3-0042 (TEST)")]
    lines = article.text.split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("VELANDIA, 12 MAR 91 (RADIO NORTE) -- [TEXT] UNIDENTIFIED GUNMEN")
    assert lines[0].endswith("ARMY SOURCES REPORTED.")
    assert "PEOPLE'S REVOLUTIONARY FRONT [FRP]" in lines[1]
    raw_words = (FIXTURES / "wire_caps.txt").read_text(encoding="utf-8").split()[2:]
    assert article.text.split() == raw_words
    assert article.language == "en"


def test_hard_wrapped_text_without_blank_lines_breaks_at_short_lines() -> None:
    text = (
        "Troops exchanged fire with insurgents near the northern border post of\n"
        "Kelvar for several hours on Sunday, the defence ministry said in a brief\n"
        "statement issued late in the evening.\n"
        "A second clash was reported further east, near the village of Orun, where\n"
        "two soldiers were wounded, according to a local official who asked not to\n"
        "be named.\n"
    )
    article = build_article(text_doc(text))
    assert article.text.split("\n") == [
        "Troops exchanged fire with insurgents near the northern border post of Kelvar for "
        "several hours on Sunday, the defence ministry said in a brief statement issued late in "
        "the evening.",
        "A second clash was reported further east, near the village of Orun, where two soldiers "
        "were wounded, according to a local official who asked not to be named.",
    ]


def test_lower_cased_wire_copy_passes_through() -> None:
    text = (
        "the army denied today that guerrillas attacked the presidential farm, located on the "
        "pacific side.    a report published by the news agency says that a guerrilla column "
        "attacked the farm 2 days ago."
    )
    article = build_article(text_doc(text))
    assert article.text == " ".join(text.split())
    assert article.removed == []


def test_shared_muc_dev_document_keeps_every_word() -> None:
    if not MUC_DEV.exists():
        pytest.skip(f"shared MUC-4 data not present at {MUC_DEV}")
    first = MUC_DEV.read_text(encoding="latin-1").split("\n\n\n")[0]
    article = build_article(text_doc(first))
    header, _, body = first.partition("\n")
    assert [(b.kind, b.text) for b in article.removed] == [("boilerplate", header.strip())]
    assert article.text.split() == body.split()
    assert article.text.startswith("SAN SALVADOR, 3 JAN 90 --")


# --- characters -----------------------------------------------------------------------------


def test_invisible_and_control_characters_are_normalised() -> None:
    raw = "Police\u00a0said\u200b two\tpeople\x07 were   hurt.\r\n\r\n  “Calm,” he said.\u2028End\ufeff."
    article = build_article(text_doc(raw))
    assert article.text == "Police said two people were hurt.\n“Calm,” he said.\nEnd."


# --- HTML -----------------------------------------------------------------------------------


def test_html_metadata_title_and_comments() -> None:
    article = build_article(fixture("news.html"))
    assert article.title == "Market blast kills seven in Tarnis"
    assert article.author == "Mira Holt"
    assert article.published == date(2023, 9, 14)
    assert article.site == "Example Daily"
    assert article.language == "en"
    assert article.text.startswith("TARNIS, Veloria — A bomb hidden in a vegetable cart")
    assert article.text.endswith("declared three days of mourning.")
    assert len(article.text.split("\n")) == 4
    assert kinds(article) == ["title", "share", "comment"]
    assert "Alvo Ren" in removed_text(article, "comment")
    for junk in ("Alvo Ren", "window.tracker", "color: red", "Home", "All rights reserved"):
        assert junk not in article.text


def test_hostile_html_never_reaches_text() -> None:
    article = build_article(fixture("hostile.html"))
    assert "Security forces clashed with protesters" in article.text
    assert "curfew would be imposed" in article.text
    lowered = article.text.lower()
    for bad in ("<", "script", "alert", "onerror", "onclick", "javascript", "document.cookie"):
        assert bad not in lowered


def test_escaped_markup_in_plain_text_is_stripped() -> None:
    raw = f'{PROSE}\n<script>steal()</script><img src=x onerror="alert(1)">Then <b>bold</b> text.'
    article = build_article(text_doc(raw))
    assert article.text == f"{PROSE}\nThen bold text."


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"published": date(2020, 1, 2), "published_default": date(2021, 1, 1)}, date(2020, 1, 2)),
        ({"published_default": date(2021, 1, 1)}, date(2023, 9, 14)),
    ],
)
def test_published_precedence_for_html(fields: dict[str, date], expected: date) -> None:
    html = (FIXTURES / "news.html").read_text(encoding="utf-8")
    assert build_article(html_doc(html, **fields)).published == expected


def test_published_default_is_the_last_resort_and_source_fields_win() -> None:
    raw = text_doc(PROSE, published_default=date(2021, 1, 1), title="Given", author="Given Author")
    article = build_article(raw)
    assert (article.published, article.title, article.author) == (
        date(2021, 1, 1),
        "Given",
        "Given Author",
    )


def test_tiny_html_page_still_gives_text() -> None:
    article = build_article(
        html_doc("<html><body><p>Two soldiers died in Belvar.</p></body></html>")
    )
    assert article.text == "Two soldiers died in Belvar."


def test_shared_web_pages_keep_what_trafilatura_keeps() -> None:
    """Our cleaning after trafilatura must not lose the snippets the page's gold data wants."""
    root = Path("/work/shared/data/web/trafilatura-eval")
    if not (root / "evaldata.json").exists():
        pytest.skip(f"shared web evaluation pages not present at {root}")
    pages = list(json.loads((root / "evaldata.json").read_text(encoding="utf-8")).values())[:40]
    kept = lost = 0
    for page in pages:
        html = (root / "html" / page["file"]).read_bytes().decode("utf-8", "replace")
        baseline = " ".join((trafilatura.extract(html, include_comments=False) or "").split())
        ours = " ".join(build_article(html_doc(html)).text.split())
        for snippet in page.get("with", []):
            if snippet in baseline:
                kept += snippet in ours
                lost += snippet not in ours
    assert kept > 50
    assert lost <= 1


# --- errors and invariants ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (text_doc("   \n\t "), "document has no text"),
        (text_doc("Advertisement\nShare this\n© 2024 Example"), "no article text after cleaning"),
        (
            html_doc("<html><head><script>x()</script></head><body></body></html>"),
            "no article text after cleaning",
        ),
        (text_doc("\u200b\u200b\x00"), "no article text after cleaning"),
    ],
)
def test_no_usable_text_is_an_article_error(raw: RawDocument, message: str) -> None:
    with pytest.raises(ArticleError, match=f"^{message}$"):
        build_article(raw)


def test_language_is_none_for_non_english() -> None:
    german = (
        "Bewaffnete Männer haben am Montag eine Polizeistation überfallen und zwei Beamte getötet."
    )
    assert build_article(text_doc(german)).language is None


def check_invariants(article: Article) -> None:
    assert article.text
    for line in article.text.split("\n"):
        assert line and line == line.strip() and "  " not in line
    assert not BAD_CHARS.search(article.text)
    assert "<script" not in article.text.lower()


_pieces = st.sampled_from(
    [PROSE, "By Jane Doe", "Share this", "admin in: Title", "Great ...", "<script>x()</script>",
     "<img onerror=alert(1)>", "\n", "\n\n", "   ", "\u200b", "\x00", "Related", "Read more",
     "3 Comments", "Jane says:", "June 5, 2023 at 4:15 pm", "<!--", "<b>", "©", "https://x.example"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_pieces, st.text(max_size=80)), max_size=30).map("".join))
def test_any_text_gives_an_article_or_article_error(text: str) -> None:
    try:
        article = build_article(text_doc(text))
    except ArticleError:
        return
    check_invariants(article)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            _pieces,
            st.sampled_from(["<p>", "</p>", "<div class='comments'>", "</div>"]),
            st.text(max_size=40),
        ),
        max_size=30,
    ).map("".join)
)
def test_any_html_gives_an_article_or_article_error(html: str) -> None:
    try:
        article = build_article(html_doc(f"<html><body>{html}</body></html>"))
    except ArticleError:
        return
    check_invariants(article)


@pytest.mark.parametrize(
    "unit",
    ["<script>", "<!--", "a in: b\n", "Read more\n", "<div ", "x" * 70 + "\n"],
)
def test_pathological_input_stays_fast(unit: str) -> None:
    text = PROSE + "\n" + unit * (200_000 // len(unit))
    start = time.perf_counter()
    with contextlib.suppress(ArticleError):
        build_article(text_doc(text))
    assert time.perf_counter() - start < 5.0
