"""The command line: help texts, output format, exit codes and one-line errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventwire.cli import main

ARTICLE = (
    "Gunmen shot dead three villagers in an attack on a market in Bama on Friday, "
    "police said.\n"
)


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_every_command_has_complete_help():
    top = run("--help")
    assert top.exit_code == 0
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert command.help and len(command.help) > 40, f"{name} has no real help text"
    for name in ("extract", "schema", "ontology", "eval"):
        assert name in top.output


def test_extract_reads_stdin_and_writes_one_json_line_per_document():
    result = run("extract", "-", "--published", "2024-05-03", "--no-geo", stdin=ARTICLE)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    doc = lines[0]
    assert doc["document"]["published"] == "2024-05-03"
    assert doc["events"][0]["fatalities"]["best"] == 3
    assert doc["events"][0]["date"]["start"] == "2024-05-03"


def test_extract_json_format_is_one_array(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("The council approved the new budget on Monday.\n", encoding="utf-8")
    result = run("extract", str(tmp_path), "--format", "json", "--no-geo", "--published", "2024-05-03")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.output)
    assert len(docs) == 2
    assert sum(len(d["events"]) for d in docs) == 1


def test_unreadable_input_gives_error_object_and_exit_code_1(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = run("extract", str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"), "--no-geo")
    assert result.exit_code == 1
    objs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(objs) == 2
    assert "error" in objs[1] and objs[1]["source"].endswith("bad.txt")
    assert "events" in objs[0]


def test_bad_published_date_is_a_one_line_usage_error():
    result = run("extract", "-", "--published", "yesterday", stdin=ARTICLE)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output


def test_bad_config_file_is_one_clear_line(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[extract]\nmin_event_confidence = 7\n", encoding="utf-8")
    result = run("extract", "-", "--config", str(cfg), stdin=ARTICLE)
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: invalid setting extract.min_event_confidence")
    assert len(result.output.strip().splitlines()) == 1


def test_schema_command_prints_the_output_contract():
    result = run("schema")
    schema = json.loads(result.output)
    assert {"document", "events", "places", "quotes"} <= set(schema["properties"])
