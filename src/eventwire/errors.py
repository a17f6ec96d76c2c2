"""Errors eventwire reports to users: one class per failure kind, one clear line each."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: the message is shown to the user as a single line, never a traceback."""


class SourceError(EventwireError):
    """A source could not be read (missing file, unreadable encoding, binary data, bad JSON)."""


class ArticleError(EventwireError):
    """A document was read but holds no usable article (empty, binary, too large)."""


class ConfigError(EventwireError):
    """Options or configuration are invalid."""


class ModelError(EventwireError):
    """A language model or data package eventwire needs is not installed."""
