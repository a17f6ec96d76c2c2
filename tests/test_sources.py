"""eventwire.sources: files, directories, JSON/JSONL and stdin -> RawDocument | ReadFailure."""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.model import RawDocument
from eventwire.sources import DEFAULT_MAX_BYTES, ReadFailure, read_sources

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
TREE = FIXTURES / "tree"
ID_RE = re.compile(r"^[0-9a-f]{16}$")


def read(*paths: str | Path, **kwargs: object) -> list[RawDocument | ReadFailure]:
    return list(read_sources([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only_doc(items: list[RawDocument | ReadFailure]) -> RawDocument:
    assert len(items) == 1, items
    assert isinstance(items[0], RawDocument), items[0]
    return items[0]


def only_failure(items: list[RawDocument | ReadFailure]) -> ReadFailure:
    assert len(items) == 1, items
    assert isinstance(items[0], ReadFailure), items[0]
    assert "\n" not in items[0].error
    return items[0]


# --- kinds of files -------------------------------------------------------------------------


def test_text_file_becomes_text_document_with_stable_hash_id() -> None:
    doc = only_doc(read(TREE / "a.txt", published_default=date(2024, 3, 1)))
    assert doc.text is not None and doc.text.startswith("Police in the lakeside town of Orvik")
    assert doc.html is None
    assert doc.source == str(TREE / "a.txt")
    assert ID_RE.match(doc.id)
    assert doc.published_default == date(2024, 3, 1)
    assert doc.published is None
    assert only_doc(read(TREE / "a.txt")).id == doc.id


def test_html_file_becomes_html_document() -> None:
    doc = only_doc(read(TREE / "b.html"))
    assert doc.html is not None and "<article>" in doc.html
    assert doc.text is None


def test_json_object_fields_are_carried_and_url_is_the_source() -> None:
    doc = only_doc(read(FIXTURES / "single.json"))
    assert doc.id == "42"
    assert doc.source == "https://news.example/selm"
    assert doc.url == "https://news.example/selm"
    assert doc.published == date(2024, 2, 9)  # RFC 2822 feed date accepted too


def test_json_list_items_are_located_by_number_and_bad_items_fail_alone() -> None:
    items = read(TREE / "sub" / "d.json", published_default=date(2024, 1, 1))
    assert len(items) == 2
    doc, failure = items
    assert isinstance(doc, RawDocument) and isinstance(failure, ReadFailure)
    assert doc.source == f"{TREE / 'sub' / 'd.json'}#1"
    assert doc.published == date(2024, 2, 10)
    assert doc.published_default == date(2024, 1, 1)
    assert failure.source == f"{TREE / 'sub' / 'd.json'}#2"
    assert failure.error == "JSON object has neither 'text' nor 'html'"


def test_broken_jsonl_line_fails_alone_and_the_rest_continue() -> None:
    path = TREE / "sub" / "c.jsonl"
    first, broken, third = read(path)
    assert isinstance(first, RawDocument)
    assert first.id == "orvik-1"
    assert first.source == "https://news.example/orvik-1"
    assert first.published == date(2024, 2, 1)
    assert (first.title, first.author) == ("Police post burned", "Kai Lund")
    assert isinstance(broken, ReadFailure)
    assert broken.source == f"{path}:2"
    assert broken.error.startswith("invalid JSON:")
    assert isinstance(third, RawDocument)
    assert third.source == f"{path}:3"
    assert third.html is not None and third.text is None
    assert ID_RE.match(third.id)


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('{"text": 5}', "field 'text' must be a string, got a number"),
        (
            '{"text": "x", "published": "yesterday"}',
            "field 'published' is not an ISO date: 'yesterday'",
        ),
        ('{"text": "x", "url": ["a"]}', "field 'url' must be a string, got a list"),
        ('["text"]', "expected a JSON object, got a list"),
        ('{"text": "   "}', "field 'text' is blank"),
    ],
)
def test_invalid_jsonl_records_give_one_line_reasons(tmp_path: Path, line: str, error: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    failure = only_failure(read(path))
    assert failure.source == f"{path}:1"
    assert failure.error == error


def test_text_wins_over_html_when_a_record_has_both(tmp_path: Path) -> None:
    path = tmp_path / "both.json"
    path.write_text('{"text": "plain words", "html": "<p>markup</p>"}', encoding="utf-8")
    doc = only_doc(read(path))
    assert (doc.text, doc.html) == ("plain words", None)


def test_broken_json_file_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    assert only_failure(read(path)).error.startswith("invalid JSON: Unterminated string")


# --- directories ----------------------------------------------------------------------------


def test_directory_is_walked_recursively_sorted_skipping_hidden_and_other_extensions() -> None:
    sources = [item.source for item in read(TREE)]
    assert sources == [
        str(TREE / "a.txt"),
        str(TREE / "b.html"),
        "https://news.example/orvik-1",
        f"{TREE / 'sub' / 'c.jsonl'}:2",
        f"{TREE / 'sub' / 'c.jsonl'}:3",
        f"{TREE / 'sub' / 'd.json'}#1",
        f"{TREE / 'sub' / 'd.json'}#2",
    ]


def test_directory_without_readable_files_is_reported(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG....")
    failure = only_failure(read(tmp_path))
    assert failure.source == str(tmp_path)
    assert "no .txt, .html, .htm, .json or .jsonl files" in failure.error


def test_unknown_extension_named_explicitly_is_sniffed() -> None:
    doc = only_doc(read(TREE / "notes.md"))
    assert doc.text is not None and doc.text.startswith("These notes")


# --- robustness -----------------------------------------------------------------------------


def test_missing_file_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    failure = only_failure(read(tmp_path / "nope.txt"))
    assert failure.error == "no such file or directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_unreadable_file_is_a_permission_failure(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    try:
        assert only_failure(read(path)).error == "permission denied"
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"abc\x00\x01\x02def" * 10, "binary file (contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF)"),
        (bytes(range(1, 32)) * 40, "binary data (control characters)"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes, error: str) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    assert only_failure(read(path)).error == error


def test_binary_jsonl_is_refused_once(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01" * 5000 + b"\n" * 50)
    assert only_failure(read(path)).error == "binary file (contains NUL bytes)"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            "Caf\u00e9 bombing in S\u00e3o Tom\u00e9".encode("latin-1"),
            "Caf\u00e9 bombing in S\u00e3o Tom\u00e9",
        ),
        ("\u201cquoted\u201d \u2013 dash".encode("cp1252"), "\u201cquoted\u201d \u2013 dash"),
        ("\ufeffBOM text".encode(), "BOM text"),
        ("UTF-16 text \u00e9".encode("utf-16"), "UTF-16 text \u00e9"),
        (
            "na\u00efve r\u00e9sum\u00e9 \u00e9t\u00e9 ".encode() + b"\xff",
            "na\u00efve r\u00e9sum\u00e9 \u00e9t\u00e9 \ufffd",
        ),
    ],
)
def test_encodings_are_decoded_without_failing(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(data)
    assert only_doc(read(path)).text == expected


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Москва</p></body></html>'
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    doc = only_doc(read(path))
    assert doc.html is not None and "<p>Москва</p>" in doc.html


@pytest.mark.parametrize("content", [b"", b"  \n\t\n "])
def test_empty_file_is_a_failure(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only_failure(read(path)).error == "empty file"


def test_file_over_the_default_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (DEFAULT_MAX_BYTES // 5 + 1))
    failure = only_failure(read(path))
    assert failure.error == f"file is {path.stat().st_size:,} bytes, over the 5.0 MiB limit"


def test_limit_is_configurable_and_applies_per_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    long = '{"text": "' + "x" * 500 + '"}'
    path.write_text(long + "\n" + '{"text": "short"}\n', encoding="utf-8")
    failure, doc = read(path, max_bytes=200)
    assert isinstance(failure, ReadFailure) and failure.source == f"{path}:1"
    assert failure.error == "line is over the 200 bytes limit"
    assert isinstance(doc, RawDocument) and doc.text == "short"


# --- standard input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stdin", "field", "value"),
    [
        (io.StringIO("Plain words from a pipe."), "text", "Plain words from a pipe."),
        (
            io.BytesIO(b"<html><body><p>Markup</p></body></html>"),
            "html",
            "<html><body><p>Markup</p></body></html>",
        ),
        (io.BytesIO("Caf\u00e9".encode("latin-1")), "text", "Caf\u00e9"),
        (io.StringIO('{"text": "One object"}'), "text", "One object"),
        (io.StringIO('[{"text": "Listed"}]'), "text", "Listed"),
        (io.StringIO("[TEXT] wire copy, not JSON"), "text", "[TEXT] wire copy, not JSON"),
    ],
)
def test_stdin_is_sniffed(stdin: io.IOBase, field: str, value: str) -> None:
    doc = only_doc(read("-", stdin=stdin))
    assert getattr(doc, field) == value
    assert doc.source.startswith("<stdin>")


def test_stdin_jsonl_lines_are_located() -> None:
    stdin = io.StringIO('{"text": "first"}\nnot json\n{"text": "third"}\n')
    first, broken, third = read("-", stdin=stdin)
    assert isinstance(first, RawDocument) and first.text == "first"
    assert isinstance(broken, ReadFailure) and broken.source == "<stdin>:2"
    assert isinstance(third, RawDocument) and third.source == "<stdin>:3"


def test_empty_stdin_is_a_failure() -> None:
    failure = only_failure(read("-", stdin=io.StringIO("")))
    assert (failure.source, failure.error) == ("<stdin>", "empty input")


def test_broken_json_on_stdin_is_one_failure() -> None:
    failure = only_failure(read("-", stdin=io.StringIO('{"text": "a",\n "b": }\n')))
    assert failure.error.startswith("invalid JSON:")


# --- never raises ---------------------------------------------------------------------------


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=400), ext=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".dat"])
)
def test_any_bytes_give_documents_or_failures(tmp_path: Path, data: bytes, ext: str) -> None:
    path = tmp_path / f"any{ext}"
    path.write_bytes(data)
    items = read(path)
    assert items
    for item in items:
        assert isinstance(item, RawDocument | ReadFailure)
        if isinstance(item, ReadFailure):
            assert item.error and "\n" not in item.error
