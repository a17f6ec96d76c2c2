"""Settings of the web server, built once (from flags, environment and a TOML file) and passed
to ``create_app``: nothing reads the environment after start-up.

The write token comes from, in order: ``--token``-like explicit value, ``EVENTWIRE_API_TOKEN``,
a token file (``token_file`` / ``EVENTWIRE_API_TOKEN_FILE``), the ``[serve] token`` key of the
config file. With none, ``serve`` makes a random one and prints it once, so writing is never
open by accident. Reads are open when the server listens on a loopback address and need the
token otherwise, unless ``open_reads`` says so.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eventwire.config import ExtractOptions
from eventwire.errors import ConfigError

TOKEN_ENV = "EVENTWIRE_API_TOKEN"
TOKEN_FILE_ENV = "EVENTWIRE_API_TOKEN_FILE"
DB_ENV = "EVENTWIRE_DB"
MIN_TOKEN_LENGTH = 16


class ServerSettings(BaseModel):
    """Everything the app needs to know; frozen once built."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    db: str = Field(default="eventwire.db", description="SQLite file or postgresql:// URL of the event store")
    host: str = Field(default="127.0.0.1", description="Address to listen on")
    port: int = Field(default=8000, ge=0, le=65535)
    token: str | None = Field(default=None, description="Bearer token for write endpoints (and reads when not open)")
    open_reads: bool | None = Field(default=None, description="Reads without a token; default: only on loopback")
    allow_private: bool = Field(default=False, description="Let URL ingestion fetch private/loopback addresses")
    fetch_timeout: float = Field(default=15.0, gt=0)
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    pool_size: int = Field(default=8, ge=1, le=64, description="Database connections kept open")
    aggregate_cache: bool = Field(default=True, description="Remember map, timeline and count answers until the store changes")
    extract: ExtractOptions = Field(default_factory=ExtractOptions)

    @property
    def reads_open(self) -> bool:
        return is_loopback(self.host) if self.open_reads is None else self.open_reads


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost"; False for anything else (0.0.0.0 included)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_settings(
    config_path: Path | None = None, env: Mapping[str, str] | None = None, **flags: Any
) -> ServerSettings:
    """Merge the ``[serve]`` table of ``config_path``, the environment and explicit flags
    (``None`` flags are ignored), in increasing priority. Raises ConfigError with one line."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    extract: dict[str, Any] = {}
    if config_path is not None:
        try:
            data = tomllib.loads(Path(config_path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read config {config_path}: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML in {config_path}: {exc}") from None
        values.update(data.get("serve", {}))
        extract = dict(data.get("extract", {}))
    token_file = flags.pop("token_file", None) or values.pop("token_file", None) or env.get(TOKEN_FILE_ENV)
    if env.get(DB_ENV):
        values["db"] = env[DB_ENV]
    if token_file:
        values["token"] = _read_token(Path(token_file))
    if env.get(TOKEN_ENV):
        values["token"] = env[TOKEN_ENV].strip()
    values.update({k: v for k, v in flags.items() if v is not None})
    if extract:
        values["extract"] = ExtractOptions(**{**extract, **(values.get("extract") or {})})
    token = values.get("token")
    if token is not None and len(str(token)) < MIN_TOKEN_LENGTH:
        raise ConfigError(f"the API token must be at least {MIN_TOKEN_LENGTH} characters")
    try:
        return ServerSettings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid setting serve.{where}: {first['msg']}") from None


def with_generated_token(settings: ServerSettings) -> tuple[ServerSettings, str | None]:
    """The settings with a random token when none was configured, and that new token (or None)."""
    if settings.token:
        return settings, None
    token = secrets.token_urlsafe(24)
    return settings.model_copy(update={"token": token}), token


def _read_token(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read token file {path}: {exc.strerror or exc}") from None
