"""The `Geoparser`: detect and resolve every toponym of a document, locate events.

Built once (`Geoparser.load`) and shared; holds only the read-only gazetteer and caches, so one
instance serves the CLI, the server and batch jobs alike.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from eventwire.errors import ModelError
from eventwire.geo.areas import Areas
from eventwire.geo.build import GAZETTEER_VERSION, build_gazetteer, gazetteer_fingerprint
from eventwire.geo.detect import CONTAINER_GAPS, FACILITY_WORDS, Mention, detect
from eventwire.geo.gazetteer import (
    NAME_ABBREV,
    NAME_ALT,
    NAME_DEMONYM,
    NAME_LANDMARK,
    NAME_MAIN,
    Candidate,
    Gazetteer,
)
from eventwire.geo.home import home_country
from eventwire.geo.location import resolve_location, specificity
from eventwire.geo.normalize import norm
from eventwire.geo.resolve import WEIGHTS, Weights, candidates_for, haversine, prior, resolve
from eventwire.model import Location, Place

_TWO_COUNTRIES = re.compile(
    r"(?i)\bborders?(?:\s+(?:areas?|regions?|zones?))?\s+between\s+the\s+two\s+(?:countries|nations|states)")
# Words that are names of some division somewhere but, inside a longer name, say nothing.
GENERIC_WORDS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                 "western", "union", "metro", "valley", "city", "new", "upper", "lower", "great",
                 "greater", "centre", "center", "capital", "island", "islands", "coast", "lake",
                 "park", "national", "state", "federal", "republic", "county", "district",
                 "mountain", "river", "bay", "port", "saint", "st", "santa", "san", "la", "el"}
_WORD = re.compile(r"[^\s,;:()\-–]+")
# Words that make a name a building or site, which stands in one town of the unit it is named
# after ("Florida Atlantic University", "Stade de France").
BUILDING_WORDS = FACILITY_WORDS | {"stade", "estadio", "stadion", "arena", "campus", "polytechnic",
                                   "institute", "centre", "center"}
# A country's institutions that sit in its capital ("Russian Foreign Ministry") and those that
# sit abroad ("Russian Embassy").
SEAT_WORDS = {"ministry", "government", "parliament", "cabinet", "presidency", "chancellery"}
ABROAD_WORDS = {"embassy", "consulate", "consulate-general"}
# Last words that make a name a street: a street named after a place ("Hampton Avenue") is
# not in that place.
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd",
                "lane", "ln", "way", "parade", "terrace", "crescent", "highway", "hwy", "place",
                "square", "court", "ct"}
# A facility-like name whose only reading is a town smaller than this, further than this from
# every other place of the story, is taken to stand in the story's town instead.
STRAY_MAX_POP = 100_000
STRAY_KM = 500.0
# A city this big stands for its name inside a building's or event's name, not the province
# of the same name ("New York Auto Show" is in the city; "New York State Fair" names the state).
BIG_CITY = 500_000
# How far a facility looks ahead for its town when none comes before it.
FACILITY_AFTER = 60
# How far a facility looks back for the town it stands in.
FACILITY_REACH = 400
# A big town this close before a facility ("Toronto's Pearson airport") anchors it even in a
# document about another province.
FACILITY_NEXT_TO = 40


def default_gazetteer_path() -> Path:
    """``$EVENTWIRE_CACHE`` or ``~/.cache/eventwire``, one file per gazetteer fingerprint."""
    base = os.environ.get("EVENTWIRE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "eventwire")
    return Path(base) / f"gazetteer-{GAZETTEER_VERSION}-{gazetteer_fingerprint()}.sqlite"


class Geoparser:
    """Toponym detection and resolution over a SQLite gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.areas = Areas(gaz)

    @classmethod
    def load(cls, gazetteer_path: str | Path | None = None) -> Geoparser:
        """Open the gazetteer, building it first (from packaged data only) when it is missing."""
        path = Path(gazetteer_path) if gazetteer_path else default_gazetteer_path()
        if not path.exists():
            try:
                build_gazetteer(path)
            except (OSError, ImportError) as exc:
                raise ModelError(f"cannot build the gazetteer at {path}: {exc}") from None
        gaz = Gazetteer(path)
        try:
            gaz.meta()
        except Exception as exc:  # a corrupt or foreign file: say so in one line
            raise ModelError(f"{path} is not a usable gazetteer ({exc}); rebuild it with "
                             "`eventwire geo build-gazetteer`") from None
        return cls(gaz)

    def find_places(self, doc: Doc, text: str, url: str | None = None) -> list[Place]:
        """Every toponym of ``text`` (``doc`` parses a same-length, maybe truecased copy).

        ``url`` (or bare domain) of the article, when known: a country-code domain ("cbc.ca")
        tells the country a local story is set in when the text never says.
        """
        if len(doc.text) != len(text):
            raise ValueError("doc.text and text must have the same length")
        mentions = detect(doc, text, self.gaz)
        return self.places_for(mentions, text, home=self.home(url))

    def home(self, url: str | None) -> str | None:
        """The publishing country of ``url`` when its domain says it and the gazetteer has it."""
        return home_country(url, set(self.gaz.countries))

    def resolve_spans(self, doc: Doc, text: str, spans: list[tuple[int, int]],
                      url: str | None = None) -> list[Place]:
        """Resolve given toponym spans (gold-toponym evaluation), with detected ones as context."""
        places = self.places_for(self.mentions_for_spans(doc, text, spans), text,
                                 home=self.home(url))
        wanted = set(spans)
        return [p for p in places if (p.start, p.end) in wanted]

    def mentions_for_spans(self, doc: Doc, text: str,
                           spans: list[tuple[int, int]]) -> list[Mention]:
        """Detected mentions plus the given spans the detector missed (as unknown facilities,
        so that an unresolvable one still takes the document's town)."""
        detected = detect(doc, text, self.gaz)
        wanted = set(spans)

        def nested(m: Mention) -> bool:
            # A detected name inside a given longer span ("Washington" in "Washington Square")
            # is no place of its own: it would vote for the document's geography.
            return (m.start, m.end) not in wanted and m.source in ("ner", "lexicon") and any(
                s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in spans)

        kept = [m for m in detected if not nested(m)]
        by_span = {(m.start, m.end): m for m in kept}
        extra = []
        for s, e in spans:
            if (s, e) not in by_span:
                m = Mention(s, e, norm(text[s:e]), "ner", hint="facility")
                if text[s:e].endswith(".") and any(
                        c.name_type == NAME_ABBREV for c in self.gaz.candidates(m.key)):
                    m.hint = "abbrev"
                m.demonym = self.gaz.lexicon.get(m.key) == NAME_DEMONYM
                extra.append(m)
        merged = reindex(detected, sorted(kept + extra, key=lambda m: (m.start, -m.end)))
        given = {id(m) for m in extra}
        for i, m in enumerate(merged[:-1]):  # "the CHU in Montpellier": the given span's town
            if id(m) in given and m.container is None:
                gap = " ".join(text[m.end:merged[i + 1].start].split())
                if gap in CONTAINER_GAPS:
                    m.container = i + 1
        return merged

    def places_for(self, mentions: list[Mention], text: str, weights: Weights = WEIGHTS,
                   home: str | None = None) -> list[Place]:
        """Resolve detected mentions into places (the resolution-only step, benchmarked)."""
        chosen = resolve(mentions, self.gaz, weights, home, text)
        home = _home(chosen)
        # In a story about one province, a small foreign town whose country the story never
        # names, far from all its other places ("Delft" in a Cape Town story), is a local name
        # the gazetteer lacks.
        chosen = [None if c is not None and m.source in ("ner", "lexicon") and c.feature != "P.PPLC"
                  and _stray(c, i, chosen, home, foreign=True) else c
                  for i, (m, c) in enumerate(zip(mentions, chosen, strict=True))]
        known = {m.key: c for m, c in zip(mentions, chosen, strict=True) if c is not None}
        places: list[Place] = []
        for i, (m, c) in enumerate(zip(mentions, chosen, strict=True)):
            if m.source == "border":
                places.append(self._border(m, mentions, chosen, text))
            elif m.source == "part":
                places.append(self._part(m, mentions, chosen, text))
            elif c is not None and not (m.hint == "facility" and _stray(c, i, chosen, home)):
                places.append(_place(m, c, text))
            elif c is not None:  # a far village's name on a building of the story's town
                local = self._facility(i, mentions, chosen, text, home)
                places.append(local if local.lat is not None else _place(m, c, text))
            elif (m.hint == "facility" or m.source == "lexicon") and m.container is not None \
                    and chosen[m.container]:  # a facility, or an acronym: "the CHU in Nîmes"
                places.append(self._facility(i, mentions, chosen, text, home))
            elif (inner := self._embedded(m, text, known, home)) is not None:
                if (seat := self._seat(inner, i, mentions, chosen, text, home)) is not None:
                    places.append(seat)
                    continue
                if m.hint == "facility" and _named_after_elsewhere(inner, known, home):
                    local = self._facility(i, mentions, chosen, text, home)
                    if local.precision in ("town", "district"):
                        places.append(local)
                        continue
                places.append(self._narrow(inner, i, mentions, chosen, text, home))
            elif m.hint == "facility":
                places.append(self._facility(i, mentions, chosen, text, home))
            elif m.source in ("ner", "lexicon") and not m.demonym and _name_like(m.key):
                places.append(self._vicinity(i, mentions, chosen, text, home))
            else:
                places.append(Place(text=text[m.start:m.end], start=m.start, end=m.end))
        places.extend(self._two_countries_border(places, text))
        places.sort(key=lambda p: (p.start, -p.end))
        return places

    def resolve_location(self, places: list[Place], text: str, start: int,
                         end: int) -> Location | None:
        """An event's location from its clause [start, end) and the document's places."""
        return resolve_location(places, text, start, end, self.gaz, self.areas)

    # -- composites and fallbacks -------------------------------------------------------------

    def _country_inside(self, m: Mention, mentions: list[Mention],
                        chosen: list[Candidate | None]) -> list[str]:
        ccs = []
        for o, c in zip(mentions, chosen, strict=True):
            if (o is not m and o.source in ("ner", "lexicon") and m.start <= o.start
                    and o.end <= m.end and c is not None and c.country_code):
                ccs.append(c.country_code)
        return ccs

    def _border(self, m: Mention, mentions: list[Mention], chosen: list[Candidate | None],
                text: str) -> Place:
        ccs = list(dict.fromkeys(self._country_inside(m, mentions, chosen)))
        return self._border_place(ccs, m.start, m.end, text)

    def _border_place(self, ccs: list[str], start: int, end: int, text: str) -> Place:
        point = self.areas.border(ccs[0], ccs[1]) if len(ccs) >= 2 else None
        if point is None:
            return Place(text=text[start:end], start=start, end=end)
        names = [self.gaz.countries[c].name for c in ccs[:2]]
        return Place(text=text[start:end], start=start, end=end, name="–".join(names) + " border",
                     country_code=self.gaz.country_at(*point), lat=point[0], lon=point[1],
                     precision="region", feature="border")

    def _part(self, m: Mention, mentions: list[Mention], chosen: list[Candidate | None],
              text: str) -> Place:
        ccs = self._country_inside(m, mentions, chosen)
        point = self.areas.part(ccs[0], m.parts[0]) if ccs else None
        if point is None:
            return Place(text=text[m.start:m.end], start=m.start, end=m.end)
        country = self.gaz.countries[ccs[0]]
        return Place(text=text[m.start:m.end], start=m.start, end=m.end,
                     name=f"{m.parts[0]} {country.name}", country_code=ccs[0], lat=point[0],
                     lon=point[1], precision="region", feature="part")

    def _embedded(self, m: Mention, text: str, known: dict[str, Candidate],
                  home: tuple[str | None, str | None]) -> Place | None:
        """An unknown name that holds a well-known one ("Florida Atlantic University",
        "Russian Higher School of Economics") is placed at the inner name, at its precision;
        read as the document already read that name elsewhere, if it did."""
        words = [(w.start(), w.end()) for w in _WORD.finditer(text, m.start, m.end)]
        if words and norm(text[words[-1][0]:words[-1][1]]) in STREET_WORDS:
            return None  # "Hampton Avenue", "Victoria St.": named after a place, not in it
        lex = self.gaz.lexicon
        building = bool({norm(text[s:e]) for s, e in words} & BUILDING_WORDS)
        for n in range(len(words) - 1, 0, -1):
            found: list[Place] = []
            for k in range(len(words) - n + 1):
                s, e = words[k][0], words[k + n - 1][1]
                key = norm(text[s:e])
                kind = lex.get(key)
                if (kind is None or not text[s:s + 1].isupper()
                        or all(w in GENERIC_WORDS for w in key.split())):
                    continue  # "Central District" inside "Seoul Central District Court"
                if k > 0 and kind != NAME_DEMONYM and building \
                        and _after_a_given_name(text, words[k - 1]):
                    continue  # "Marjory Stoneman Douglas High School": named after a person
                sub = Mention(s, e, key, "lexicon", demonym=kind == NAME_DEMONYM,
                              hint="abbrev" if kind == NAME_ABBREV else None)
                cands = candidates_for(sub, self.gaz)
                if cands:
                    c = known.get(key) or max(cands, key=lambda c: prior(c, {}, False) + (
                        4.0 * (c.country_code == home[0]) + 2.0 * (c.admin1 == home[1])))
                    if m.hint == "facility" and c.kind == "adm1":  # "New York Auto Show"
                        c = next((t for t in cands if t.kind == "city" and t.name_type in (
                                      NAME_MAIN, NAME_ALT)
                                  and t.population >= BIG_CITY and t.country_code
                                  == c.country_code), c)
                    if (m.hint == "facility" and not sub.demonym
                            and c.kind in ("continent", "region")):
                        continue  # "SM Mall of Asia", "Atlantic Avenue": not on the continent
                    found.append(_place(sub, c, text))
            if found:
                # "British Embassy Tokyo": the town, not the nationality, says where it is
                p = min(found, key=specificity)
                return p.model_copy(update={"text": text[m.start:m.end], "start": m.start,
                                            "end": m.end, "feature": m.hint or p.feature})
        return None

    def _seat(self, inner: Place, i: int, mentions: list[Mention],
              chosen: list[Candidate | None], text: str,
              home: tuple[str | None, str | None]) -> Place | None:
        """Where a country's institution stands: its ministries and government in its capital
        ("Russian Foreign Ministry" in Moscow), its embassies abroad, in the town the story
        places them in or the capital of the story's country ("the Russian Embassy in the U.S.
        capital"). None when the name is no such institution."""
        if inner.precision != "country" or not inner.country_code:
            return None
        m = mentions[i]
        words = {w.lower() for w in _WORD.findall(text[m.start:m.end])}
        cc = inner.country_code
        if words & SEAT_WORDS:
            town = self.gaz.capitals.get(cc)
        elif words & ABROAD_WORDS:
            others = [None if c is None or c.country_code == cc else c for c in chosen]
            local = self._facility(i, mentions, others, text, (home[0] if home[0] != cc
                                                                else None, None))
            if local.precision in ("town", "district") and local.country_code != cc:
                return local
            host = next((c.country_code for c in others
                         if c is not None and c.kind == "country"), None)
            town = self.gaz.capitals.get(host) if host else None
        else:
            return None
        return _standing_in(m, town, text) if town is not None else None

    def _narrow(self, inner: Place, i: int, mentions: list[Mention],
                chosen: list[Candidate | None], text: str,
                home: tuple[str | None, str | None]) -> Place:
        """A facility named after a province or country ("Florida Atlantic University") lies in
        one of its towns: the town the document places it in, when that town is inside."""
        words = {w.lower() for w in _WORD.findall(inner.text)}
        if inner.precision not in ("province", "country") or not words & BUILDING_WORDS:
            return inner  # "South Florida", "Bank of Mexico": the whole unit, not a building
        town = self._facility(i, mentions, chosen, text, home)
        if town.precision in ("town", "district") and town.country_code == inner.country_code \
                and (inner.precision == "country" or town.admin1 == inner.admin1):
            return town
        return inner

    def _facility(self, i: int, mentions: list[Mention], chosen: list[Candidate | None],
                  text: str, home: tuple[str | None, str | None]) -> Place:
        """An unknown facility takes the place it is in: its container, else the last reliable
        town before it, else the document's main town, province or country (in that order).
        In a document about one province, only towns of that province are reliable anchors."""
        m = mentions[i]
        main_cc, main_a1 = home

        def reliable(c: Candidate | None, gap: int = FACILITY_REACH) -> bool:
            if c is None or c.kind not in ("city", "adm2"):
                return False
            if main_a1 is not None and c.country_code == main_cc and c.admin1 != main_a1:
                return gap <= FACILITY_NEXT_TO and c.population >= 100_000
            if c.kind == "adm2" and c.population < 20_000:
                return False  # a county of a few hundred people ("Bath") anchors nothing
            return c.population >= 20_000 or c.country_code == main_cc

        town = chosen[m.container] if m.container is not None else None
        if not reliable(town, 0):  # "the hospital where he is treated in Liverpool"
            town = next((chosen[j] for j in range(i + 1, len(mentions))
                         if mentions[j].start - m.end <= FACILITY_AFTER
                         and _same_clause_in(text, m.end, mentions[j].start)
                         and reliable(chosen[j], 0)), None)
        if not reliable(town, 0):
            town = None
            for j in range(i - 1, -1, -1):
                if m.start - mentions[j].end > FACILITY_REACH:
                    break
                if reliable(chosen[j], m.start - mentions[j].end):
                    town = chosen[j]
                    break
        if town is None:  # "... at the basilica. Rome police said": a town just after it
            for j in range(i + 1, len(mentions)):
                if mentions[j].start - m.end > FACILITY_AFTER:
                    break
                if mentions[j].start >= m.end and reliable(chosen[j], mentions[j].start - m.end):
                    town = chosen[j]
                    break
        if town is None:
            pool = Counter(c for c in chosen if reliable(c) and c is not None
                           and c.kind == "city" and c.country_code == main_cc)
            pool = pool or Counter(c for c in chosen if c is not None and c.kind == "adm2"
                                   and c.country_code == main_cc)
            pool = pool or Counter(c for c in chosen if c is not None and c.kind == "adm1"
                                   and c.country_code == main_cc)
            pool = pool or Counter(c for c in chosen if c is not None and c.kind == "country")
            town = max(pool, key=lambda c: (pool[c], c.population)) if pool else None
        if town is None:
            return Place(text=text[m.start:m.end], start=m.start, end=m.end)
        return _standing_in(m, town, text)

    def _vicinity(self, i: int, mentions: list[Mention], chosen: list[Candidate | None],
                  text: str, home: tuple[str | None, str | None]) -> Place:
        """A name no gazetteer knows (a village, a neighbourhood) in a local story lies near
        the town the story places it by: that town's point, one precision level wider
        (a town becomes a district), so nobody reads it as the village's own point."""
        near = self._facility(i, mentions, chosen, text, home)
        if near.lat is None:
            return near
        wider = {"point": "town", "town": "district", "district": "province"}
        return near.model_copy(update={"feature": "vicinity",
                                       "precision": wider.get(near.precision or "",
                                                              near.precision)})

    def _two_countries_border(self, places: list[Place], text: str) -> list[Place]:
        """"The border between the two countries" with two countries named just before."""
        out = []
        for mt in _TWO_COUNTRIES.finditer(text):
            ccs: list[str] = []
            for p in sorted(places, key=lambda p: -p.start):
                if p.end <= mt.start() and mt.start() - p.start < 1500 and p.country_code \
                        and p.precision == "country" and p.country_code not in ccs:
                    ccs.append(p.country_code)
            if len(ccs) >= 2:
                out.append(self._border_place([ccs[1], ccs[0]], mt.start(), mt.end(), text))
        return out


def _named_after_elsewhere(inner: Place, known: dict[str, Candidate],
                           home: tuple[str | None, str | None]) -> bool:
    """A building named after a foreign place the story never mentions ("Liverpool Academy"
    in a story set in Cairo) stands where the story is; "Bank of Japan" (no building word
    with a country) is the country's own institution."""
    if not (home[0] and inner.country_code and inner.country_code != home[0]):
        return False
    if inner.feature == "demonym" or norm(inner.name or "") in known:
        return False
    return inner.precision != "country" or bool(
        {w.lower() for w in _WORD.findall(inner.text)} & BUILDING_WORDS)


_CLAUSE_END = re.compile(r"[.;!?]\s|\n")


def _same_clause_in(text: str, end: int, start: int) -> bool:
    """The town at ``start`` follows a facility ending at ``end`` in the same clause, after
    "in" or "at" ("Alder Hey Hospital, where he is treated in Liverpool")."""
    between = text[end:start]
    return (start >= end and not _CLAUSE_END.search(between)
            and text[max(end, start - 4):start].lower() in (" in ", " at "))


def _after_a_given_name(text: str, prev: tuple[int, int]) -> bool:
    """The word before a place name inside a longer name is a person's name ("George
    Washington University", "Stoneman Douglas"): capitalised, not a direction or other generic
    word ("Western Washington University"), not a preposition, not itself a place."""
    word = text[prev[0]:prev[1]]
    return (word[:1].isupper() and word.lower().strip(".") not in GENERIC_WORDS
            and word.lower() not in BUILDING_WORDS
            and not word.isupper() and word.lower() not in ("of", "the", "for", "and", "at"))


def _name_like(key: str) -> bool:
    """Reads as a place's name ("Portroe", "Bains and Grants Town"), not a tagger's stray
    stretch ("Valley of the"): it neither starts nor ends with a function word."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = key.split()
    return bool(words) and words[0] not in STOP_WORDS and words[-1] not in STOP_WORDS


def _stray(c: Candidate, i: int, chosen: list[Candidate | None],
           home: tuple[str | None, str | None], foreign: bool = False) -> bool:
    """A small town far from everything else the story names: for a building's or street's
    name ("Chartres" for Chartres Street in a New Orleans story) the story's town is likelier."""
    if (c.kind not in ("city", "adm2") or c.population >= STRAY_MAX_POP or home[0] is None
            or c.name_type == NAME_LANDMARK):  # "Cornell University" is in Ithaca wherever
        return False  # the story is
    others = [o for j, o in enumerate(chosen) if j != i and o is not None and o is not c
              and o.kind in ("city", "adm2", "adm1")]
    if not others:
        return False
    if foreign and (home[1] is None or c.country_code == home[0] or any(
            o.country_code == c.country_code for j, o in enumerate(chosen)
            if j != i and o is not None and o is not c)):
        return False
    return all(haversine(c.lat, c.lon, o.lat, o.lon) > STRAY_KM for o in others)


def _home(chosen: list[Candidate | None]) -> tuple[str | None, str | None]:
    """The document's main country and, when one dominates, its main first-level division.

    A province named outright counts twice, a town or district once for its province; a
    province dominates with at least two votes and half of those cast in the main country.
    """
    chosen = [c for c in chosen if c is None or c.name_type != NAME_LANDMARK]
    ctry = Counter(c.country_code for c in chosen if c is not None and c.country_code)
    if not ctry:
        return None, None
    main_cc = ctry.most_common(1)[0][0]
    votes: Counter[str] = Counter()
    for c in chosen:
        if c is not None and c.country_code == main_cc and c.kind in ("adm1", "adm2", "city"):
            name = c.name if c.kind == "adm1" else c.admin1
            if name:
                votes[name] += 2 if c.kind == "adm1" else 1
    if votes:
        a1, n = votes.most_common(1)[0]
        if n >= 2 and n * 2 >= sum(votes.values()):
            return main_cc, a1
    return main_cc, None


def reindex(old: list[Mention], new: list[Mention]) -> list[Mention]:
    """``new`` with each ``container`` index (a position in ``old``) pointing into ``new``;
    a container that is no longer there is dropped."""
    pos = {id(m): i for i, m in enumerate(new)}
    for m in new:
        if m.container is not None:
            m.container = pos.get(id(old[m.container])) if m.container < len(old) else None
    return new


def _standing_in(m: Mention, town: Candidate, text: str) -> Place:
    """A facility's place: its own span, at the point and precision of what it stands in."""
    return Place(text=text[m.start:m.end], start=m.start, end=m.end, name=town.name,
                 country_code=town.country_code, admin1=town.admin1, lat=town.lat,
                 lon=town.lon, precision=town.precision,  # type: ignore[arg-type]
                 geonameid=None, feature="facility")


def _place(m: Mention, c: Candidate, text: str) -> Place:
    admin1 = c.name if c.kind == "adm1" else c.admin1
    feature = ("demonym" if c.name_type == NAME_DEMONYM and m.demonym
               else "landmark" if c.name_type == NAME_LANDMARK else c.feature)
    return Place(text=text[m.start:m.end], start=m.start, end=m.end, name=c.name,
                 country_code=c.country_code, admin1=admin1, lat=c.lat, lon=c.lon,
                 precision=c.precision, geonameid=c.id if c.id > 0 else None,  # type: ignore[arg-type]
                 feature=feature)
