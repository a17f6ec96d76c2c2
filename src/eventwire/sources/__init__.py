"""Stage 1: read files, directories and standard input into RawDocuments (see files.py)."""

from eventwire.sources.files import DEFAULT_MAX_BYTES, ReadFailure, read_sources

__all__ = ["DEFAULT_MAX_BYTES", "ReadFailure", "read_sources"]
