"""The watch config: validation with one clear line per mistake, paths, and the documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.alerts.rules import Rule
from eventwire.alerts.sinks import (
    EmailSettings,
    FileSettings,
    LogSettings,
    StdoutSettings,
    WebhookSettings,
)
from eventwire.cli.main import main
from eventwire.errors import ConfigError
from eventwire.watch.config import FeedSettings, WatchSettings, load_config, parse_config

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "watch.toml"
FEED = {"url": "https://news.example/rss"}


def error(data: dict) -> str:
    with pytest.raises(ConfigError) as exc:
        parse_config(data)
    message = str(exc.value)
    assert "\n" not in message
    return message.removeprefix("invalid watch config: ")


def test_the_example_config_is_valid():
    config = load_config(EXAMPLE)
    assert [f.kind for f in config.feeds] == ["url", "url", "folder"]
    assert config.feeds[2].folder == EXAMPLE.parent / "drop"  # relative to the file
    assert config.watch.db == str(EXAMPLE.parent / "eventwire.db") and config.watch.max_backoff == 3600
    assert config.sinks_of()["corroborated-shabaab"] == ["archive", "console", "desk-mail", "ops"]
    assert config.rules[1].near is not None and config.rules[1].on_update == "changes"


def test_a_minimal_config_gets_a_stdout_sink():
    config = parse_config({"feeds": [FEED], "rules": [{"name": "all"}]})
    assert list(config.effective_sinks) == ["stdout"] and config.sinks_of() == {"all": ["stdout"]}
    assert config.feeds[0].key == "https://news.example/rss" and config.feeds[0].interval == 300


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, "feeds: Field required"),
        ({"feeds": []}, "feeds: give at least one"),
        ({"feeds": [FEED, {"url": "https://b.example/rss", "interval": "soon"}]}, "feeds[1].interval: 'soon' is not a duration"),
        ({"feeds": [{"url": "ftp://x.example/f"}]}, "feeds[0].url: give an http(s) URL"),
        ({"feeds": [{"url": "http://127.0.0.1:8080/rss"}]}, "feeds[0].url: 127.0.0.1 is a private or loopback address; set allow_private = true"),
        ({"feeds": [{"url": "http://localhost/rss"}]}, "feeds[0].url: localhost is a loopback address"),
        ({"feeds": [{"url": "https://a.example/rss", "path": "x.xml"}]}, "feeds[0]: give exactly one of url, path or folder"),
        ({"feeds": [FEED, FEED]}, "feeds[1].name: 'https://news.example/rss' is used by another feed"),
        ({"feeds": [{**FEED, "intervall": 5}]}, "feeds[0].intervall: unknown key"),
        ({"feeds": [FEED], "watch": {"delay": -1}}, "watch.delay: a duration cannot be negative"),
        ({"feeds": [FEED], "rules": [{"name": "r", "countries": ["Narnia"]}]}, "rules[0].countries: unknown country 'Narnia'"),
        ({"feeds": [FEED], "rules": [{"name": "r", "min_fatalities": -2}]}, "rules[0].min_fatalities: Input should be greater than or equal to 0"),
        ({"feeds": [FEED], "rules": [{"name": "r", "sinks": ["pager"]}]}, "rules[0].sinks: no sink named 'pager' (configured: stdout)"),
        ({"feeds": [FEED], "rules": [{"name": "r"}, {"name": "r"}]}, "rules[1].name: 'r' is used by another rule"),
        ({"feeds": [FEED], "sinks": {"x": {"type": "pager"}}}, "sinks.x: type must be one of stdout, log, webhook, email, file"),
        ({"feeds": [FEED], "sinks": {"x": {"url": "https://h.example"}}}, "sinks.x: give a type"),
        ({"feeds": [FEED], "sinks": {"ops": {"type": "webhook", "url": "https://h.example/x"}}}, "sinks.ops: give exactly one of secret"),
        ({"feeds": [FEED], "sinks": {"ops": {"type": "webhook", "url": "http://10.0.0.5/x", "secret": "s"}}}, "sinks.ops.url: 10.0.0.5 is a private"),
        ({"feeds": [FEED], "sinks": {"m": {"type": "email", "host": "h", "to": ["a@b"]}}}, "sinks.m.from: Field required"),
        ({"feeds": [FEED], "extract": {"geoparse": "perhaps"}}, "extract.geoparse: Input should be a valid boolean"),
    ],
)
def test_mistakes_are_one_line_naming_the_key(data: dict, expected: str):
    assert error(data).startswith(expected), error(data)


def test_several_mistakes_say_how_many_more():
    assert error({"feeds": [{"url": "x", "interval": "y"}]}).endswith("(and 1 more problem)")


def test_private_feeds_with_the_switch_and_local_paths_are_fine(tmp_path: Path):
    config = parse_config({"feeds": [{"url": "http://127.0.0.1:9/rss", "allow_private": True}, {"path": "f.xml"}]}, tmp_path)
    assert config.feeds[1].path == tmp_path / "f.xml"


def test_file_errors_name_the_file(tmp_path: Path):
    bad = tmp_path / "w.toml"
    bad.write_text("[[feeds]\nurl=", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"invalid TOML in .*w\.toml"):
        load_config(bad)
    bad.write_text('[[feeds]]\nurl = "gopher://x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"invalid watch config .*w\.toml: feeds\[0\]\.url"):
        load_config(bad)
    with pytest.raises(ConfigError, match="cannot read watch config"):
        load_config(tmp_path / "missing.toml")


def test_cli_check_validates_and_reports_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    group = main  # the real group (its -h/--help names), as users run it
    runner = CliRunner()
    monkeypatch.setenv("EVENTWIRE_WEBHOOK_SECRET", "x" * 20)
    monkeypatch.setenv("EVENTWIRE_SMTP_PASSWORD", "pw")
    ok = runner.invoke(group, ["watch", str(EXAMPLE), "--check"])
    assert ok.exit_code == 0, ok.output
    assert "3 feed(s), 4 rule(s), sinks: archive, console, desk-mail, ops" in ok.output
    monkeypatch.delenv("EVENTWIRE_WEBHOOK_SECRET")
    missing = runner.invoke(group, ["watch", str(EXAMPLE), "--check"])
    assert missing.exit_code == 2 and missing.output.strip() == "Error: webhook secret: environment variable EVENTWIRE_WEBHOOK_SECRET is not set"
    bad = tmp_path / "bad.toml"
    bad.write_text('[[feeds]]\nurl = "https://a.example/rss"\ninterval = "often"\n', encoding="utf-8")
    result = runner.invoke(group, ["watch", str(bad)])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1 and "feeds[0].interval" in result.output


def test_every_config_key_is_documented():
    doc = (REPO / "docs" / "watch.md").read_text(encoding="utf-8")
    models = [WatchSettings, FeedSettings, Rule, StdoutSettings, LogSettings, WebhookSettings, EmailSettings, FileSettings]
    for model in models:
        for name, field in model.model_fields.items():
            key = field.alias or name
            assert f"`{key}`" in doc, f"{model.__name__}.{key} is not in docs/watch.md"
    for table in ("[watch]", "[[feeds]]", "[[rules]]", "[sinks.NAME]", "[extract]"):
        assert f"`{table}`" in doc, table


def test_docs_show_the_real_help_text():
    doc = (REPO / "docs" / "watch.md").read_text(encoding="utf-8")
    help_text = CliRunner().invoke(main, ["watch", "--help"], prog_name="eventwire", terminal_width=100).output
    block = re.search(r"<!-- watch-help:start -->\n```\n(.*?)```\n<!-- watch-help:end -->", doc, re.S)
    assert block is not None and block.group(1) == help_text, "paste `eventwire watch --help` into docs/watch.md"
