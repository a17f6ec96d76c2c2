"""RawDocument -> Article: the article stage's one entry point.

Precedence, so that what the user or the feed said wins over what was guessed from content:
published = raw.published > HTML metadata date > a date stamp line in the text >
raw.published_default; title = raw.title > HTML metadata > a plain-text headline line; author = raw.author > HTML metadata >
byline found in the text.
"""

from __future__ import annotations

from eventwire.article.clean import clean_paragraphs
from eventwire.article.html import HtmlExtract, extract_html
from eventwire.article.language import guess_language
from eventwire.article.text import normalize_chars, strip_markup, to_paragraphs
from eventwire.errors import ArticleError
from eventwire.model import Article, RawDocument


def build_article(raw: RawDocument) -> Article:
    """Clean one document into an Article; raises ArticleError when no article text is left."""
    if raw.html is not None and raw.html.strip():
        meta = extract_html(raw.html, raw.url)
        body, plain = meta.text, False
    elif raw.text is not None and raw.text.strip():
        meta = HtmlExtract(text="")
        body, plain = raw.text, True
    else:
        raise ArticleError("document has no text")
    title = raw.title or meta.title
    cleaned = clean_paragraphs(
        to_paragraphs(strip_markup(normalize_chars(body), any_tag=not plain), unwrap=plain),
        title,
        plain=plain,
    )
    text = "\n".join(cleaned.paragraphs)
    if not text:
        raise ArticleError("no article text after cleaning")
    return Article(
        id=raw.id,
        source=raw.source,
        url=raw.url,
        title=title or cleaned.title,
        author=raw.author or meta.author or cleaned.author,
        published=raw.published or meta.published or cleaned.stamp or raw.published_default,
        language=guess_language(text) or meta.language,
        site=meta.site,
        text=text,
        removed=[*cleaned.removed, *meta.removed],
    )
