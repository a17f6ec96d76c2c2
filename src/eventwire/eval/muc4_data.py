"""Loading the processed MUC-4 corpus (``train.jsonl`` / ``dev.jsonl``).

The processed form is the one GTT, GRIT and IterX publish results on: one JSON object per
line with ``docid``, lower-cased ``doctext`` and ``templates``; each template has an
``incident_type`` and five roles whose fillers are *entities*, each a list of coreferent
``[mention, offset]`` pairs. We keep the mention strings and drop the offsets: the template
metric matches strings, not spans.

The corpus is not shipped with eventwire; it is found under ``$EVENTWIRE_SHARED/data/muc4``
or ``../shared/data/muc4`` next to the repository, and a missing file is one clear error line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import SourceError

ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
SPLITS: tuple[str, ...] = ("train", "dev")

Entity = tuple[str, ...]
"""One gold role filler: the coreferent mention strings that all name it."""


@dataclass(frozen=True)
class GoldTemplate:
    """One gold incident: its type and, per role, the entities that fill it.

    ``incident_type`` is lower case and may hold alternatives separated by `` / `` (the key
    says ``BOMBING / ATTACK`` when either type is correct).
    """

    incident_type: str
    roles: Mapping[str, tuple[Entity, ...]] = field(default_factory=dict)

    def entities(self, role: str) -> tuple[Entity, ...]:
        return self.roles.get(role, ())


@dataclass(frozen=True)
class Muc4Document:
    """A document of the processed corpus with its gold templates (possibly none)."""

    docid: str
    text: str
    templates: tuple[GoldTemplate, ...]


def _repo_root() -> Path:
    # src/eventwire/eval/muc4_data.py -> repository root (editable or source checkout)
    return Path(__file__).resolve().parents[3]


def muc4_dir() -> Path:
    """Where the shared MUC-4 data is expected: ``$EVENTWIRE_SHARED`` wins over ``../shared``.

    Returns the first candidate that exists, else the preferred one (so the error names it).
    """
    env = os.environ.get("EVENTWIRE_SHARED")
    if env:
        return Path(env) / "data" / "muc4"
    candidates = [Path.cwd().parent / "shared", _repo_root().parent / "shared"]
    for shared in candidates:
        if (shared / "data" / "muc4").is_dir():
            return shared / "data" / "muc4"
    return candidates[-1] / "data" / "muc4"


def split_path(split: str) -> Path:
    """Path of a named split; raises SourceError for an unknown split name."""
    if split not in SPLITS:
        raise SourceError(f"unknown MUC-4 split {split!r} (choose from {', '.join(SPLITS)})")
    return muc4_dir() / f"{split}.jsonl"


def _parse_template(raw: object, where: str) -> GoldTemplate:
    if not isinstance(raw, dict) or not isinstance(raw.get("incident_type"), str):
        raise SourceError(f"{where}: template without an incident_type")
    roles: dict[str, tuple[Entity, ...]] = {}
    for role in ROLES:
        entities: list[Entity] = []
        for entity in raw.get(role) or []:
            # a mention is [string, offset]; tolerate bare strings in hand-made files
            mentions = tuple(m[0] if isinstance(m, list | tuple) else str(m) for m in entity)
            if (
                mentions
            ):  # an entity without mentions cannot be matched: the GTT scorer drops it too
                entities.append(mentions)
        roles[role] = tuple(entities)
    return GoldTemplate(incident_type=raw["incident_type"].strip().lower(), roles=roles)


def load_processed(path: str | Path, limit: int | None = None) -> list[Muc4Document]:
    """Read a processed MUC-4 jsonl file; one clear SourceError line on any problem."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(
            f"MUC-4 data not found at {path} (set EVENTWIRE_SHARED or pass --path FILE)"
        )
    docs: list[Muc4Document] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read {path}: {exc}") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{where}: invalid JSON ({exc.msg})") from None
        if (
            not isinstance(obj, dict)
            or not isinstance(obj.get("docid"), str)
            or not isinstance(obj.get("doctext"), str)
        ):
            raise SourceError(f"{where}: expected an object with docid, doctext and templates")
        templates = tuple(_parse_template(t, where) for t in obj.get("templates") or [])
        docs.append(Muc4Document(docid=obj["docid"], text=obj["doctext"], templates=templates))
        if limit is not None and len(docs) >= limit:
            break
    return docs
