"""The watch config file (TOML): feeds to poll, alert rules, sinks, and watcher settings.

Validated once by pydantic into a frozen ``WatchConfig`` that is passed to everything that
needs it; any mistake is one line naming the key (``feeds[1].interval: ...``). Relative paths
are relative to the config file, so a config works from any working directory. The format is
documented, with every key, in docs/watch.md; examples/watch.toml is a complete example.
"""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from eventwire.alerts.durations import Duration
from eventwire.alerts.rules import Rule
from eventwire.alerts.sinks import SinkSettings, StdoutSettings, check_private_url
from eventwire.config import ExtractOptions
from eventwire.errors import ConfigError

FEED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,199}$")
SINK_TYPES = ("stdout", "log", "webhook", "email", "file")


class WatchSettings(BaseModel):
    """``[watch]``: where the store is and how politely to poll."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    db: str = Field(default="eventwire.db", description="SQLite file or postgresql:// URL of the event store")
    delay: Duration = Field(default=1.0, description="Least time between two requests to one host")
    timeout: Duration = Field(default=15.0, description="Seconds to wait on a web server")
    max_backoff: Duration = Field(default=3600.0, description="Longest wait before re-polling a failing feed")
    scratch_dir: Path | None = Field(default=None, description="Where fetched feed bodies are kept while ingested")
    alert_existing: bool = Field(default=False, description="On first start, evaluate events already in the store")
    gate: bool = Field(default=True, description="Skip parsing articles with no violence words (as ingest does)")
    poll_workers: int = Field(default=4, ge=1, le=64,
                              description="Feeds on different hosts fetched at once (ingestion stays one at a time)")


class FeedSettings(BaseModel):
    """``[[feeds]]``: one of ``url`` (RSS/Atom), ``path`` (a feed or other file) or ``folder``
    (a drop folder of WARC archives)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = Field(default=None, description="Unique name (default: the url, path or folder)")
    url: str | None = None
    path: Path | None = None
    folder: Path | None = None
    interval: Duration = Field(default=300.0, description="Time between polls")
    fetch_pages: bool = Field(default=True, description="Fetch each new entry's page (else use the entry's content)")
    allow_private: bool = Field(default=False, description="Allow private and loopback addresses (feed and pages)")
    patterns: tuple[str, ...] = Field(default=("*.warc", "*.warc.gz"), description="Files a folder feed ingests")
    settle: Duration = Field(default=5.0, description="A folder's file is read once unchanged for this long")

    @model_validator(mode="after")
    def _check(self) -> FeedSettings:
        given = [k for k in ("url", "path", "folder") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of url, path or folder")
        if self.interval <= 0:
            raise ValueError("interval: must be more than 0 seconds")
        if self.url is not None:
            if not re.match(r"^https?://[^/\s]+", self.url):
                raise ValueError("url: give an http(s) URL")
            check_private_url(self.url, self.allow_private)
        if self.name is not None and not FEED_NAME.match(self.name):
            raise ValueError("name: use letters, digits and _ . : / -")
        return self

    @property
    def key(self) -> str:
        return self.name or str(self.url or self.path or self.folder)

    @property
    def kind(self) -> str:
        return "url" if self.url else "path" if self.path else "folder"


class WatchConfig(BaseModel):
    """The whole file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    watch: WatchSettings = Field(default_factory=WatchSettings)
    extract: ExtractOptions = Field(default_factory=ExtractOptions)
    feeds: tuple[FeedSettings, ...] = Field(min_length=1)
    rules: tuple[Rule, ...] = ()
    sinks: dict[str, SinkSettings] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> WatchConfig:
        seen: set[str] = set()
        for i, feed in enumerate(self.feeds):
            if feed.key in seen:
                raise ValueError(f"feeds[{i}].name: {feed.key!r} is used by another feed; names must be unique")
            seen.add(feed.key)
        names: set[str] = set()
        for i, rule in enumerate(self.rules):
            if rule.name in names:
                raise ValueError(f"rules[{i}].name: {rule.name!r} is used by another rule; names must be unique")
            names.add(rule.name)
            for sink in rule.sinks or ():
                if sink not in self.effective_sinks:
                    known = ", ".join(sorted(self.effective_sinks)) or "none"
                    raise ValueError(f"rules[{i}].sinks: no sink named {sink!r} (configured: {known})")
        return self

    @property
    def effective_sinks(self) -> dict[str, Any]:
        """The configured sinks, or a stdout sink when none is configured."""
        return dict(self.sinks) or {"stdout": StdoutSettings(type="stdout")}

    def sinks_of(self) -> dict[str, list[str]]:
        """Rule name -> the sinks its alerts go to."""
        every = sorted(self.effective_sinks)
        return {r.name: list(r.sinks) if r.sinks else every for r in self.rules}


def _resolve(data: dict[str, Any], base: Path) -> None:
    """Make relative paths relative to the config file's folder (in place, before validation)."""

    def fix(table: Any, key: str) -> None:
        if isinstance(table, dict) and isinstance(table.get(key), str):
            value = table[key]
            if value and not value.startswith(("postgresql://", "postgres://")) and not Path(value).expanduser().is_absolute():
                table[key] = str(base / value)
            elif value.startswith("~"):
                table[key] = str(Path(value).expanduser())

    watch = data.get("watch")
    for key in ("db", "scratch_dir"):
        fix(watch, key)
    fix(data.get("extract"), "gazetteer_path")
    for feed in data.get("feeds") or []:
        for key in ("path", "folder"):
            fix(feed, key)
    sinks = data.get("sinks")
    if isinstance(sinks, dict):
        for sink in sinks.values():
            for key in ("path", "secret_file", "password_file"):
                fix(sink, key)


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
        elif i >= 2 and loc[0] == "sinks" and part in SINK_TYPES and i == 2:
            continue  # the discriminator pydantic adds: sinks.NAME.webhook.url -> sinks.NAME.url
        else:
            out += f".{part}" if out else str(part)
    return out


def format_error(exc: ValidationError) -> str:
    """The first validation error as ``key: message`` (plus how many more there are)."""
    first = exc.errors()[0]
    where = _where(tuple(first["loc"]))
    msg = re.sub(r"^(Value error|Assertion failed), ", "", first["msg"])
    if first["type"] == "extra_forbidden":
        msg = "unknown key (see docs/watch.md)"
    elif first["type"] == "union_tag_invalid":
        msg = f"type must be one of {', '.join(SINK_TYPES)}"
    elif first["type"] == "too_short":
        msg = "give at least one"
    elif first["type"] == "union_tag_not_found":
        msg = f"give a type: one of {', '.join(SINK_TYPES)}"
    sub = re.match(r"^([a-z_]+): (.*)$", msg, re.S)
    if where and sub:  # a model-level check naming its field: feeds[1] + "url: ..." -> feeds[1].url
        where, msg = f"{where}.{sub.group(1)}", sub.group(2)
    text = f"{where}: {msg}" if where else msg
    more = len(exc.errors()) - 1
    return text + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


def parse_config(data: dict[str, Any], base: Path | None = None) -> WatchConfig:
    """Validate a config already read from TOML; ConfigError with one line when invalid."""
    data = copy.deepcopy(data)
    if base is not None:
        _resolve(data, base)
    try:
        return WatchConfig(**data)
    except ValidationError as exc:
        raise ConfigError(f"invalid watch config: {format_error(exc)}") from None


def load_config(path: str | Path) -> WatchConfig:
    """Read and validate a watch config file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read watch config {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML in {path}: {exc}") from None
    try:
        return parse_config(data, path.resolve().parent)
    except ConfigError as exc:
        raise ConfigError(str(exc).replace("invalid watch config:", f"invalid watch config {path}:", 1)) from None
