"""Where alerts go: sink settings (``[sinks.NAME]`` tables) and the interface every sink has.

A sink ``send``s one alert (the JSON payload of ``alerts/payload.py``) and either returns (the
sink accepted it) or raises ``DeliveryError`` saying whether trying again may help. Retrying,
backoff and bookkeeping are the outbox's job (``alerts/deliver.py``), the same for all sinks.
Every alert carries ``alert_id``, the idempotency key receivers deduplicate on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, model_validator

from eventwire.alerts.durations import Duration
from eventwire.errors import ConfigError


class DeliveryError(Exception):
    """A send that failed; ``retryable`` is False when repeating it cannot help (a 4xx)."""

    def __init__(self, message: str, retryable: bool = True, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


class Sink(Protocol):
    """What the outbox needs of a sink."""

    name: str
    settings: SinkSettings

    def send(self, alert: dict[str, Any]) -> None:
        """Deliver one alert or raise DeliveryError."""

    def close(self) -> None:
        """Release connections and files."""


class _SinkBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    max_attempts: int = Field(default=10, ge=1, le=1000, description="Attempts before a send is given up (status failed)")
    retry_base: Duration = Field(default=5.0, description="Wait after the first failure; doubles each time")
    retry_max: Duration = Field(default=900.0, description="Longest wait between attempts")


class StdoutSettings(_SinkBase):
    type: Literal["stdout"]
    format: Literal["json", "text"] = Field(default="json", description="One JSON object or one line of text per alert")


class LogSettings(_SinkBase):
    type: Literal["log"]
    level: Literal["debug", "info", "warning", "error"] = "warning"


class WebhookSettings(_SinkBase):
    type: Literal["webhook"]
    url: str = Field(description="http(s) URL that receives a JSON POST per alert")
    secret: str | None = Field(default=None, description="HMAC secret (prefer secret_env or secret_file)")
    secret_env: str | None = Field(default=None, description="Environment variable holding the secret")
    secret_file: Path | None = Field(default=None, description="File holding the secret")
    headers: dict[str, str] = Field(default_factory=dict, description="Extra request headers")
    timeout: Duration = 10.0
    allow_private: bool = Field(default=False, description="Allow private and loopback addresses")

    @model_validator(mode="after")
    def _check(self) -> WebhookSettings:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("url: give an http(s) URL")
        if sum(x is not None for x in (self.secret, self.secret_env, self.secret_file)) != 1:
            raise ValueError("give exactly one of secret, secret_env or secret_file (webhooks are signed)")
        _check_private(parts.hostname, self.allow_private, "url")
        return self

    def resolve_secret(self) -> str:
        """The secret itself; ConfigError when its variable or file is missing or empty."""
        if self.secret is not None:
            value = self.secret
        elif self.secret_env is not None:
            value = os.environ.get(self.secret_env, "")
            if not value:
                raise ConfigError(f"webhook secret: environment variable {self.secret_env} is not set")
        else:
            assert self.secret_file is not None
            try:
                value = self.secret_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(f"webhook secret_file {self.secret_file}: {exc.strerror or exc}") from None
        if not value:
            raise ConfigError("webhook secret is empty")
        return value


class EmailSettings(_SinkBase):
    type: Literal["email"]
    host: str = Field(description="SMTP server")
    port: int = Field(default=25, ge=1, le=65535)
    ssl: bool = Field(default=False, description="SMTP over TLS from the start (port 465)")
    starttls: bool = Field(default=False, description="Upgrade with STARTTLS (port 587)")
    username: str | None = None
    password_env: str | None = Field(default=None, description="Environment variable holding the password")
    password_file: Path | None = None
    sender: str = Field(alias="from", description="From address")
    to: tuple[str, ...] = Field(min_length=1, description="Recipients")
    subject_prefix: str = "[eventwire]"
    timeout: Duration = 15.0

    @model_validator(mode="after")
    def _check(self) -> EmailSettings:
        if self.ssl and self.starttls:
            raise ValueError("ssl and starttls: choose one")
        if (self.password_env or self.password_file) and not self.username:
            raise ValueError("username: a password needs a username")
        return self

    def resolve_password(self) -> str | None:
        if self.password_env:
            value = os.environ.get(self.password_env)
            if not value:
                raise ConfigError(f"email password: environment variable {self.password_env} is not set")
            return value
        if self.password_file:
            try:
                return self.password_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(f"email password_file {self.password_file}: {exc.strerror or exc}") from None
        return None


class FileSettings(_SinkBase):
    type: Literal["file"]
    path: Path = Field(description="JSON Lines file; alerts already in it are not written again")
    fsync: bool = Field(default=True, description="fsync after each alert (survives a power cut)")


SinkSettings = Annotated[
    StdoutSettings | LogSettings | WebhookSettings | EmailSettings | FileSettings,
    Field(discriminator="type"),
]


def _check_private(host: str, allow: bool, key: str) -> None:
    """Refuse a literal private/loopback address or "localhost" unless allowed. Names that
    resolve to such addresses are refused when connecting (``sources/fetch.check_address``)."""
    import ipaddress

    if allow:
        return
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(".localhost"):
        raise ValueError(f"{key}: {host} is a loopback address; set allow_private = true to use it")
    try:
        addr = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return
    if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved or addr.is_unspecified:
        raise ValueError(f"{key}: {host} is a private or loopback address; set allow_private = true to use it")


def check_private_url(url: str, allow: bool, key: str = "url") -> None:
    """``_check_private`` for a whole URL (feeds use it too)."""
    _check_private(urlsplit(url).hostname or "", allow, key)


def build_sink(name: str, settings: Any) -> Sink:
    """The sink object for one ``[sinks.NAME]`` table (secrets are read now)."""
    if settings.type in ("stdout", "log"):
        from eventwire.alerts.console import LogSink, StdoutSink

        return StdoutSink(name, settings) if settings.type == "stdout" else LogSink(name, settings)
    if settings.type == "webhook":
        from eventwire.alerts.webhook import WebhookSink

        return WebhookSink(name, settings)
    if settings.type == "email":
        from eventwire.alerts.mail import EmailSink

        return EmailSink(name, settings)
    from eventwire.alerts.filesink import FileSink

    return FileSink(name, settings)
