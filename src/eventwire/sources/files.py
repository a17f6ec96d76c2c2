"""Read files, directories and standard input into RawDocuments, never raising.

Ingestion runs unattended over whatever a user points it at, so every problem (missing file,
binary data, wrong encoding, broken JSON, a 2 GB dump) becomes a ``ReadFailure`` with a one-line
reason and reading goes on with the next file or line. Conventions:

- Kinds by extension: ``.txt`` text, ``.html``/``.htm`` HTML, ``.json`` one object or a list,
  ``.jsonl`` one object per line. A file named explicitly with another (or no) extension, and
  ``-`` (standard input), are sniffed: JSON object/array, JSONL, HTML-looking markup, else text.
- Directories are walked recursively in sorted order; only files with the extensions above are
  read; hidden files/directories (``.name``) and other extensions are skipped silently. A
  directory with nothing readable yields one ReadFailure.
- ``max_bytes`` (default 5 MiB) limits one document: a text/HTML file, one JSONL line, one JSON
  record's body. A ``.json`` file or standard input, which may hold many documents, may be up to
  ``CONTAINER_FACTOR`` times that.
- Locations: a file's path; ``path:LINE`` for JSONL lines; ``path#N`` (1-based) for items of a
  JSON list; ``<stdin>`` for standard input. A document's ``source`` is its URL when it has one.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from typing import BinaryIO, TextIO

from pydantic import BaseModel, ConfigDict

from eventwire.model import RawDocument
from eventwire.sources.jsonl import document_id, parse_json, parse_jsonl_line

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
CONTAINER_FACTOR = 20
STDIN_NAME = "<stdin>"
EXTENSIONS = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}

_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "executable"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_XML_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.I
)
_HTML_START = re.compile(
    r"<(!doctype\s+html|html|head|body|article|div|p|meta|title|!--)[\s>/]", re.I
)
_HTML_TAG = re.compile(r"</?(p|div|br|span|a|body|html|article|h[1-6]|li|table)[\s>/]", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class ReadFailure(BaseModel):
    """A source (file, JSONL line, stdin) that could not be turned into a document, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    error: str


Item = RawDocument | ReadFailure


def read_sources(
    paths: Sequence[str],
    published_default: date | None = None,
    stdin: TextIO | BinaryIO | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Yield a RawDocument or a ReadFailure for every document found under ``paths``, in order.

    Never raises for bad input: each problem is one ReadFailure and reading continues.
    """
    reader = _Reader(published_default, max_bytes)
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path given bare, not a sequence of characters
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            yield from reader.read_stdin(stdin if stdin is not None else sys.stdin)
        elif os.path.isdir(path):
            yield from reader.read_dir(path)
        else:
            yield from reader.read_file(path, EXTENSIONS.get(os.path.splitext(path)[1].lower()))


class _Reader:
    """The options of one read_sources call, passed to every step (no module state)."""

    def __init__(self, published_default: date | None, max_bytes: int) -> None:
        self.published_default = published_default
        self.max_bytes = max_bytes
        self.max_container = max_bytes * CONTAINER_FACTOR

    def read_dir(self, top: str) -> Iterator[Item]:
        found = failed = False
        errors: list[OSError] = []
        for root, dirs, files in os.walk(top, onerror=errors.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                kind = EXTENSIONS.get(os.path.splitext(name)[1].lower())
                if kind and not name.startswith("."):
                    found = True
                    yield from self.read_file(os.path.join(root, name), kind)
            failed = failed or bool(errors)
            yield from _walk_failures(errors, top)
        failed = failed or bool(errors)
        yield from _walk_failures(errors, top)
        if not found and not failed:
            yield ReadFailure(
                source=top, error="directory has no .txt, .html, .htm, .json or .jsonl files"
            )

    def read_file(self, path: str, kind: str | None) -> Iterator[Item]:
        if kind == "jsonl":
            yield from self._read_jsonl(path)
            return
        limit = self.max_bytes if kind in ("text", "html") else self.max_container
        data = _read_bytes(path, limit)
        if isinstance(data, str):
            yield ReadFailure(source=path, error=data)
            return
        yield from self._read_content(data, path, kind)

    def read_stdin(self, stream: TextIO | BinaryIO) -> Iterator[Item]:
        try:
            buffer = getattr(stream, "buffer", None)
            data: bytes | str = (buffer if buffer is not None else stream).read(
                self.max_container + 1
            )
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            yield ReadFailure(source=STDIN_NAME, error=f"cannot read standard input: {exc}")
            return
        if len(data) > self.max_container:
            yield ReadFailure(
                source=STDIN_NAME, error=f"input is over the {_size(self.max_container)} limit"
            )
            return
        yield from self._read_content(data, STDIN_NAME, None)

    def _read_content(self, data: bytes | str, where: str, kind: str | None) -> Iterator[Item]:
        """Decode (unless already text), check, sniff if needed, and parse one whole input."""
        if isinstance(data, bytes):
            binary = _binary_reason(data)
            if binary:
                yield ReadFailure(source=where, error=binary)
                return
            text = decode(data, html=kind in ("html", None))
        else:
            text = data
        if not text.strip():
            yield ReadFailure(
                source=where, error="empty input" if where == STDIN_NAME else "empty file"
            )
            return
        if _looks_binary(text):
            yield ReadFailure(source=where, error="binary data (control characters)")
            return
        kind = kind or sniff(text)
        if kind == "json":
            for location, result in parse_json(text, where, self.published_default, self.max_bytes):
                yield _wrap(result, location)
        elif kind == "jsonl":
            for number, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    yield self._jsonl_line(line, f"{where}:{number}")
        elif len(text.encode("utf-8", "surrogatepass")) > self.max_bytes:
            yield ReadFailure(
                source=where, error=f"document is over the {_size(self.max_bytes)} limit"
            )
        else:
            field = "html" if kind == "html" else "text"
            yield RawDocument(
                id=document_id(None, text),
                source=where,
                published_default=self.published_default,
                **{field: text},
            )

    def _read_jsonl(self, path: str) -> Iterator[Item]:
        """Stream a JSONL file line by line so one huge or broken line costs only itself."""
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed in finally; generator needs it open
        except OSError as exc:
            yield ReadFailure(source=path, error=_os_reason(exc))
            return
        try:
            head = handle.read(8192)
            binary = _binary_reason(head)
            if binary:
                yield ReadFailure(source=path, error=binary)
                return
            if not head.strip():
                yield ReadFailure(source=path, error="empty file")
                return
            handle.seek(3 if head.startswith(codecs.BOM_UTF8) else 0)
            number = 0
            while True:
                raw = handle.readline(self.max_bytes + 1)
                if not raw:
                    break
                number += 1
                where = f"{path}:{number}"
                if len(raw) > self.max_bytes and not raw.endswith(b"\n"):
                    while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    yield ReadFailure(
                        source=where, error=f"line is over the {_size(self.max_bytes)} limit"
                    )
                    continue
                if raw.strip():
                    yield self._jsonl_line(decode(raw, html=False), where)
        except OSError as exc:
            yield ReadFailure(source=path, error=_os_reason(exc))
        finally:
            handle.close()

    def _jsonl_line(self, line: str, where: str) -> Item:
        return _wrap(parse_jsonl_line(line, where, self.published_default, self.max_bytes), where)


def decode(data: bytes, html: bool) -> str:
    """Bytes -> text, never failing: BOMs, UTF-8, declared charset (HTML/XML), cp1252, latin-1.

    A file that is mostly UTF-8 with a few bad bytes stays UTF-8 (bad bytes become U+FFFD)
    rather than turning every accented letter into mojibake through cp1252.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _declared_charset(data[:4096])
        if declared:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    good = sum(1 for ch in loose if ord(ch) > 127) - bad
    if good > bad:
        return loose
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def sniff(text: str) -> str:
    """Guess the kind of content that has no extension: json, jsonl, html or text."""
    start = text.lstrip()[:1]
    if start in ("{", "["):
        try:
            json.loads(text)
            return "json"
        except (ValueError, RecursionError):
            pass
        if start == "{":
            first = next(line for line in text.splitlines() if line.strip())
            try:
                json.loads(first)
                return "jsonl"
            except (ValueError, RecursionError):
                return "json"  # report the parse error once, not once per line
    head = text[:4096]
    if _HTML_START.match(head.lstrip()) or len(_HTML_TAG.findall(head)) >= 3:
        return "html"
    return "text"


def _read_bytes(path: str, limit: int) -> bytes | str:
    """Read at most ``limit`` bytes of a file, or return a one-line reason."""
    try:
        size = os.stat(path).st_size
        if size > limit:
            shown = _size(size) if _size(size) != _size(limit) else f"{size:,} bytes"
            return f"file is {shown}, over the {_size(limit)} limit"
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        return _os_reason(exc)
    if len(data) > limit:
        return f"file is over the {_size(limit)} limit"
    return data


def _binary_reason(data: bytes) -> str | None:
    head = data[:8192]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({name})"
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        return "binary file (contains NUL bytes)"
    return None


def _looks_binary(text: str) -> bool:
    head = text[:8192]
    return len(_CONTROL.findall(head)) > max(8, len(head) // 20)


def _declared_charset(head: bytes) -> str | None:
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _walk_failures(errors: list[OSError], top: str) -> Iterator[ReadFailure]:
    while errors:
        exc = errors.pop(0)
        yield ReadFailure(source=exc.filename or top, error=_os_reason(exc))


def _wrap(result: RawDocument | str, where: str) -> Item:
    return ReadFailure(source=where, error=result) if isinstance(result, str) else result


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or exc.__class__.__name__
    return reason[:1].lower() + reason[1:]


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MiB" if n >= 1_048_576 else f"{n:,} bytes"
