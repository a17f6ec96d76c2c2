"""Toponym resolution: pick each mention's gazetteer entry with the document as context.

Scoring is a sum of readable terms rather than a learned model, so an analyst can see why a
place won: a prior from feature type and population, how the name matched, and context from
the rest of the document (countries and provinces it names, "X, Y" containment, type words
like "province", nearness to the document's other places). Two passes: the first resolves on
priors alone to learn the document's geography, the second re-scores with that context.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.geo.detect import Mention
from eventwire.geo.gazetteer import (
    NAME_ABBREV,
    NAME_ALT,
    NAME_DEMONYM,
    NAME_LANDMARK,
    NAME_MAIN,
    Candidate,
    Gazetteer,
)


@dataclass(frozen=True)
class Weights:
    """The scoring weights, in one place so they can be read, tested and tuned together.

    Set by hand from the rules in the module docstring, then nudged by a coordinate search on
    the two dev corpora (gold-toponym accuracy); the search moved each by at most a factor of
    two and gained about one point, so the rules, not the numbers, carry the accuracy. The terms
    from ``state_cue`` on were added later, each kept only if removing it cost accuracy on the
    same corpora (docs/geo.md): dev-set choices too, not held-out ones.
    """

    country: float = 10.0
    continent: float = 9.0
    region: float = 8.5
    adm1: float = 3.6
    adm2: float = 2.0
    city_per_decade: float = 0.65  # per factor of ten in population
    admin_per_decade: float = 0.25
    capital: float = 2.5
    alt_name: float = 1.2
    alt_when_main: float = 0.75
    in_country: float = 2.5  # candidate's country named elsewhere in the document
    country_share: float = 1.5
    foreign: float = 0.8  # penalty: candidate's country never named while others are
    in_admin1: float = 2.25
    in_town_admin1: float = 1.0
    near: float = 2.0  # within 100 km of another resolved town (half within 300 km)
    container: float = 2.5
    state_cue: float = 3.0  # "X Gov.", "X lawmakers", "a X corporation"
    container_cue: float = 1.5  # X holds the town named just before it ("Queens, X")
    adm2_alt: float = 1.2  # a county named without its type word ("Delaware" for Delaware County)
    holds_towns: float = 1.0  # per town of the document (up to three) inside this province
    dominated: float = 1.0  # a town a fiftieth the size of its famous namesake
    small_admin: float = 1.5  # a province of fewer than 100,000 people
    home: float = 2.0  # in the country the document was published in (its URL's ccTLD)
    holds_contained: float = 3.0  # "Tacoma, Washington": the state that holds Tacoma
    listed_with: float = 1.5  # "California, Washington, Utah": a province among provinces
    full_form: float = 2.5  # "Suffolk" after "Suffolk County": the county


WEIGHTS = Weights()
STRIP_SUFFIXES = (" province", " county", " district", " state", " region", " city",
                  " governorate", " oblast", " municipality", " parish", " valley", " area")


@dataclass
class Context:
    """What the rest of the document says about its geography, learnt from resolved mentions.

    A mention never votes for itself: every figure excludes the mentions sharing its name, so
    a wrong first guess ("Edmonton" taken as the Canadian city) cannot confirm itself.
    """

    countries: Counter[str]
    admin1: Counter[tuple[str, str]]
    town_admin1: Counter[tuple[str, str]]
    points: list[tuple[float, float]]


class DocContext:
    """Per-name views of the document context (cached: a name recurs many times)."""

    def __init__(self, ms: list[Mention], chosen: list[Candidate | None]) -> None:
        # a landmark ("a Harvard professor") says who is involved, not where the story is
        self.items = [(m.key, c) for m, c in zip(ms, chosen, strict=True)
                      if c is not None and c.country_code and c.name_type != NAME_LANDMARK]
        self._views: dict[str, Context] = {}

    def without(self, key: str) -> Context:
        view = self._views.get(key)
        if view is None:
            view = _summarise(c for k, c in self.items if k != key)
            self._views[key] = view
        return view


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def candidates_for(m: Mention, gaz: Gazetteer) -> tuple[Candidate, ...]:
    """Gazetteer entries for a mention, retrying without a type word or a plural ending."""
    cands = gaz.candidates(m.key)
    if not cands:
        for suf in STRIP_SUFFIXES:
            if m.key.endswith(suf) and len(m.key) > len(suf) + 2:
                cands = gaz.candidates(m.key[: -len(suf)])
                break
    if not cands:  # "Qamishli" / "Al Qamishli", "al-Bab" / "Bab"
        alt = m.key[3:] if m.key.startswith(("al ", "el ")) else "al " + m.key
        cands = gaz.candidates(alt)
    if not cands and m.key.endswith("s") and len(m.key) > 4:
        cands = tuple(c for c in gaz.candidates(m.key[:-1]) if c.name_type == NAME_DEMONYM)
    if m.demonym or m.label == "NORP":
        dem = tuple(c for c in cands if c.name_type == NAME_DEMONYM)
        cands = dem or tuple(c for c in cands if c.kind in ("country", "region", "continent"))
    else:
        cands = tuple(c for c in cands if c.name_type != NAME_DEMONYM) or cands
    if m.hint != "abbrev" and len(m.key) > 3:  # "WA", "NSW" need no dot to be read as one
        cands = tuple(c for c in cands if c.name_type != NAME_ABBREV) or cands
    return cands


def prior(c: Candidate, big_city_pop: dict[str | None, int],
          has_main: bool, w: Weights = WEIGHTS) -> float:
    """Feature-type and population prior: countries over provinces over towns, capitals up.

    A division loses to a same-named big town that holds a large share of its people ("Kabul",
    "Dushanbe") or is the capital ("Washington"), not to one that does not ("Quebec"). A name that is only an alternate name of
    a place (a historical or foreign name) loses to places that carry it as their own name.
    """
    kind = {"country": w.country, "continent": w.continent, "region": w.region,
            "adm1": w.adm1, "adm2": w.adm2, "city": 0.0}
    s = kind[c.kind]
    if c.kind == "city":
        s += w.city_per_decade * math.log10(c.population + 10)
        if c.feature == "P.PPLC":
            s += w.capital
    elif c.kind in ("adm1", "adm2"):
        s += w.admin_per_decade * math.log10(c.population + 10)
        if c.kind == "adm1" and c.population < 100_000:  # a parish of Jamaica is no likelier
            # than a Canadian town
            s -= w.small_admin
        if big_city_pop.get(c.country_code, 0) >= 0.25 * c.population:
            s -= 2.5
    if c.name_type == NAME_ALT:
        s -= w.alt_name if c.kind == "city" else (w.adm2_alt if c.kind == "adm2" else 0.3)
        if has_main and c.kind == "city":
            s -= w.alt_when_main
    return s


def score(m: Mention, c: Candidate, base: float, ctx: Context | None,
          container: Candidate | None, w: Weights = WEIGHTS) -> float:
    s = base
    if m.hint == "adm1":
        s += 4.0 if c.kind == "adm1" else (-1.0 if c.kind == "city" else 0.0)
    elif m.hint == "adm2":
        s += 4.0 if c.kind == "adm2" else (-0.5 if c.kind == "city" else 0.0)
    elif m.hint == "city":
        s += 2.5 if c.kind == "city" else -2.0
    elif m.hint == "state":  # "New York Gov.", "a Delaware company": a state, not its namesakes
        s += w.state_cue if c.kind == "adm1" else (-1.0 if c.kind in ("city", "adm2") else 0.0)
    elif m.hint == "container":  # "Queens, New York": what holds a town is rarely a town
        s += w.container_cue if c.kind in ("adm1", "country") else 0.0
    if container is not None:
        if container.kind == "country":
            s += w.container - 1 if c.country_code == container.country_code else -2.0
        elif container.kind == "adm1":
            s += w.container if (c.country_code == container.country_code
                                 and c.admin1 == container.name) else -1.0
        elif haversine(c.lat, c.lon, container.lat, container.lon) < 80:
            s += w.container - 1
    if ctx is None:
        return s
    total = sum(ctx.countries.values())
    if c.country_code and total:
        n = ctx.countries.get(c.country_code, 0)
        if n:
            s += w.in_country * min(1.0, n / 2) + w.country_share * (n / total)
        elif c.kind != "country":
            s -= w.foreign
    if c.kind == "adm1":  # Seattle and Tacoma named: "Washington" is the state
        n = ctx.town_admin1.get((c.country_code or "", c.name), 0)
        s += w.holds_towns * min(n, 3)
    if c.admin1 and c.kind != "adm1":
        if ctx.admin1.get((c.country_code or "", c.admin1)):
            s += w.in_admin1
        elif ctx.town_admin1.get((c.country_code or "", c.admin1)):
            s += w.in_town_admin1
    if c.kind in ("city", "adm2") and ctx.points:
        # its own point, named in another form ("Suffolk City"), is no neighbour
        d = min((haversine(c.lat, c.lon, la, lo) for la, lo in ctx.points
                 if (la, lo) != (c.lat, c.lon)), default=1e9)
        s += w.near if d < 100 else (w.near / 2 if d < 300 else 0.0)
    return s


def resolve(ms: list[Mention], gaz: Gazetteer, w: Weights = WEIGHTS,
            home: str | None = None, text: str | None = None) -> list[Candidate | None]:
    """The chosen gazetteer entry for each mention (None when nothing fits).

    ``home`` is the country the document was published in, when known (`home.home_country`):
    places there gain a little, which settles local stories that never name their country.
    ``text``, when given, lets lists of names ("California, Washington and Utah") count.
    """
    cand_lists = [candidates_for(m, gaz) if m.source in ("ner", "lexicon") else () for m in ms]
    if text is not None:
        cand_lists = [_not_acronym(m, cs, text) for m, cs in zip(ms, cand_lists, strict=True)]
    priors = []
    for cs in cand_lists:
        big: dict[str | None, int] = {}  # per country, the biggest town this name may mean
        for c in cs:
            if c.kind == "city" and (c.population >= 100_000 or c.feature == "P.PPLC"):
                pop = 10**12 if c.feature == "P.PPLC" else c.population  # "Washington"
                big[c.country_code] = max(pop, big.get(c.country_code, 0))
        has_main = any(c.name_type == NAME_MAIN and c.kind == "city" for c in cs)
        top_pop = max((c.population for c in cs if c.kind == "city"), default=0)
        priors.append([prior(c, big, has_main, w)
                       - (w.dominated if c.kind == "city" and c.population * 50 < top_pop else 0.0)
                       + (w.home if home and c.country_code == home and c.kind != "country"
                          else 0.0)
                       for c in cs])
    teams = _team_names(ms, text) if text is not None else set()
    chosen: list[Candidate | None] = [None] * len(ms)
    contained: dict[int, list[int]] = {}
    for i, m in enumerate(ms):
        if m.container is not None:
            contained.setdefault(m.container, []).append(i)
    neighbours = _list_neighbours(ms, text) if text is not None else {}
    doc_ctx: DocContext | None = None
    # Counties the document names with their type word ("Suffolk County"): the bare name
    # ("Suffolk") most likely means one of them.
    counties: dict[str, set[int]] = {}
    for m, cs in zip(ms, cand_lists, strict=True):
        if m.key.endswith(" county"):
            counties.setdefault(m.key, set()).update(c.id for c in cs if c.kind == "adm2")
    for _ in range(2):
        for i, (m, cs) in enumerate(zip(ms, cand_lists, strict=True)):
            if not cs:
                continue
            cont = chosen[m.container] if m.container is not None else None
            ctx = doc_ctx.without(m.key) if doc_ctx is not None and m.key not in teams \
                else None
            if cont is None and m.container is not None and ctx is None:
                cc = cand_lists[m.container]
                cont = max(zip(priors[m.container], cc, strict=True), key=lambda x: x[0])[1] if cc else None
            inner = [chosen[j] for j in contained.get(i, ()) if chosen[j] is not None]
            listed = [chosen[j] for j in neighbours.get(i, ()) if chosen[j] is not None]
            full = counties.get(m.key + " county", set())
            best = max(range(len(cs)), key=lambda j: score(m, cs[j], priors[i][j], ctx, cont, w)
                       + _structure(cs[j], inner, listed, w)
                       + (w.full_form if cs[j].id in full else 0.0))
            chosen[i] = cs[best]
        doc_ctx = DocContext(ms, chosen)
    return chosen


def _not_acronym(m: Mention, cands: tuple[Candidate, ...], text: str) -> tuple[Candidate, ...]:
    """"OAS fees", "the CHU in Montpellier": a short all-capitals word is an acronym, not the
    town whose name it spells in lower case ("Oas", "Chũ"), except in a dateline
    ("ROME (AP) —", "LIMA, Peru")."""
    surface = text[m.start:m.end]
    if not (surface.isalpha() and surface.isupper() and len(surface) <= 4):
        return cands
    line_start = m.start == 0 or text[m.start - 1] == "\n"
    if line_start or text[m.end:m.end + 2] in (" (", ", ", " -", " —", " –"):
        return cands
    return tuple(c for c in cands if not (c.kind == "city" and c.name_type not in (
        NAME_ABBREV, NAME_LANDMARK) and not c.name.isupper()))


_SPORTS_WORDS = re.compile(
    r"\b(?:points|rebounds|assists|innings|touchdowns?|overtime|playoffs?|halftime|scored"
    r"|season|coach|quarterback|goalkeeper|striker|inning|pitched|home runs?|free throws?"
    r"|3-pointers?|final four|championship|league|tournament)\b", re.IGNORECASE)
_TEAM_BEFORE = re.compile(
    r"(?:\bagainst|\bover|\bvs\.?|\bversus|\bbeat|\bbeats|\bdefeated|\boutlasted"
    r"|\bedged|\brouted|\blost to|\bfell to|\bseries with)(?: the)?\s+$", re.IGNORECASE)


def _team_names(ms: list[Mention], text: str) -> set[str]:
    """Names a sports story uses for teams ("outlasted Louisville in OT", "against Portland"):
    a team carries its home's name wherever the game is played, so such a name is read on its
    own, without the story's geography (the dateline's state would pull it to a namesake)."""
    cued = {m.key for m in ms if _TEAM_BEFORE.search(text[max(0, m.start - 16):m.start])}
    if not cued or len({w.lower() for w in _SPORTS_WORDS.findall(text)}) < 3:
        return set()
    return cued


def _list_neighbours(ms: list[Mention], text: str) -> dict[int, list[int]]:
    """Mentions next to each other in a list ("California, Washington, Utah and Idaho"): only
    a comma, "and" or "or" between them."""
    out: dict[int, list[int]] = {}
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if a.container == i + 1 or b.start < a.end:
            continue  # "Tacoma, Washington" is containment, not a list
        gap = " ".join(text[a.end:b.start].split())
        if 0 < b.start - a.end <= 6 and gap in (",", "and", "or", ", and", ", or"):
            out.setdefault(i, []).append(i + 1)
            out.setdefault(i + 1, []).append(i)
    return out


def _structure(c: Candidate, inner: list[Candidate], listed: list[Candidate],
               w: Weights) -> float:
    """What the sentence's structure says: a container holding the town just named in it, a
    province listed among provinces."""
    s = 0.0
    if c.kind in ("adm1", "country") and any(
            t.country_code == c.country_code and (c.kind == "country" or t.admin1 == c.name)
            for t in inner if t.kind in ("city", "adm2")):
        s += w.holds_contained
    if c.kind == "adm1" and listed and all(t.kind == "adm1" for t in listed):
        s += w.listed_with
    return s


def _summarise(chosen: Iterable[Candidate]) -> Context:
    ctx = Context(Counter(), Counter(), Counter(), [])
    for c in chosen:
        cc = c.country_code or ""
        ctx.countries[cc] += 1
        if c.kind == "adm1":
            ctx.admin1[(cc, c.name)] += 1
        elif c.admin1:
            ctx.town_admin1[(cc, c.admin1)] += 1
        if (c.kind == "city" and (c.population >= 50_000 or c.feature == "P.PPLC")
                or c.kind == "adm2"):
            ctx.points.append((c.lat, c.lon))
    return ctx
