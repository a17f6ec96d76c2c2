"""Stage 2: RawDocument -> Article (clean body text, metadata, what was cut and why)."""

from eventwire.article.build import build_article

__all__ = ["build_article"]
