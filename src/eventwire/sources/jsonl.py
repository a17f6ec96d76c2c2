"""JSON and JSONL records -> RawDocument.

Kept apart from file handling so the same record rules apply to files, standard input and any
other feeder (a queue, a Spark job): a record is a dict, and every problem with it is one line of
text, never an exception. Callers wrap those lines into ``ReadFailure`` with a location.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from eventwire.model import RawDocument

_STRING_FIELDS = ("url", "title", "author")


def document_id(url: str | None, content: str) -> str:
    """A stable 16-hex id: from the URL when there is one, else from the content.

    Content/URL based (not path based) so re-reading the same document from another directory or
    another feeder gives the same id, which keeps downstream upserts idempotent.
    """
    key = f"url:{url}" if url else f"content:{content}"
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_published(value: object) -> date | None:
    """ISO date/datetime (or an RFC 2822 feed date) -> date; raises ValueError otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"field 'published' must be a date string, got {type(value).__name__}")
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"field 'published' is not an ISO date: {_short(text)!r}") from None


def record_to_document(
    record: object, source: str, published_default: date | None, max_chars: int
) -> RawDocument | str:
    """One JSON object -> RawDocument, or a one-line reason why it is not a document.

    ``text`` wins over ``html`` when both are given (the producer already extracted it); the
    document's ``source`` is its URL when it has one, else ``source`` (a path or ``path:line``).
    """
    if not isinstance(record, dict):
        return f"expected a JSON object, got {_json_type(record)}"
    body_field = next((f for f in ("text", "html") if record.get(f) not in (None, "")), None)
    if body_field is None:
        return "JSON object has neither 'text' nor 'html'"
    body = record[body_field]
    if not isinstance(body, str):
        return f"field '{body_field}' must be a string, got {_json_type(body)}"
    if not body.strip():
        return f"field '{body_field}' is blank"
    if len(body) > max_chars:
        return f"field '{body_field}' has {len(body):,} characters, over the {max_chars:,} limit"
    meta: dict[str, str | None] = {}
    for name in _STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return f"field '{name}' must be a string, got {_json_type(value)}"
        meta[name] = (value.strip() or None) if isinstance(value, str) else None
    raw_id = record.get("id")
    if raw_id is not None and not isinstance(raw_id, str | int):
        return f"field 'id' must be a string or integer, got {_json_type(raw_id)}"
    try:
        published = parse_published(record.get("published"))
    except ValueError as exc:
        return str(exc)
    url = meta["url"]
    doc_id = str(raw_id) if raw_id not in (None, "") else document_id(url, body)
    return RawDocument(
        id=doc_id,
        source=url or source,
        text=body if body_field == "text" else None,
        html=body if body_field == "html" else None,
        url=url,
        title=meta["title"],
        author=meta["author"],
        published=published,
        published_default=published_default,
    )


def parse_json(
    text: str, source: str, published_default: date | None, max_chars: int
) -> Iterator[tuple[str, RawDocument | str]]:
    """A whole JSON text: one object, or a list of objects (located as ``source#N``, 1-based)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        return
    except RecursionError:
        yield source, "invalid JSON: nested too deeply"
        return
    if isinstance(data, list):
        for number, item in enumerate(data, 1):
            where = f"{source}#{number}"
            yield where, record_to_document(item, where, published_default, max_chars)
    else:
        yield source, record_to_document(data, source, published_default, max_chars)


def parse_jsonl_line(
    line: str, source: str, published_default: date | None, max_chars: int
) -> RawDocument | str:
    """One JSONL line (already known to be non-blank) -> RawDocument or a reason."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"invalid JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return "invalid JSON: nested too deeply"
    return record_to_document(data, source, published_default, max_chars)


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
