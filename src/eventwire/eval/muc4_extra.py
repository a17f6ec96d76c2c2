"""Scoring the slots the processed corpus drops, on templates the main metric aligned.

For each slot we report precision and recall in the same frame as the main metric (a value on
an unaligned predicted template is a false positive, a value on an unaligned gold template a
miss) and an accuracy over aligned pairs, which answers "when we found the incident, did we
get its date right?" (docs/muc4.md gives the exact rules).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from eventwire.eval.muc4_keyfacts import KeyFacts
from eventwire.eval.muc4_metric import Counts, DocScore, normalize
from eventwire.model import CasualtyCount, EventReport

VALUE_SLOTS: tuple[str, ...] = ("date", "country", "place", "killed", "wounded")
BINARY_SLOTS: tuple[str, ...] = ("death", "injury", "claimed")
EXTRA_SLOTS: tuple[str, ...] = (
    "date",
    "country",
    "place",
    "death",
    "injury",
    "killed",
    "wounded",
    "claimed",
)


@dataclass
class ExtraCounts(Counts):
    """Counts for one extra slot.

    Value slots: ``tp`` aligned pairs whose values agree; ``n_pred``/``n_gold`` templates that
    have a value; ``n_both`` aligned pairs where both have one. Binary slots (death, injury,
    claimed): ``tp`` aligned pairs both positive; ``n_pred``/``n_gold`` positive templates;
    ``n_both`` aligned pairs; ``n_agree`` aligned pairs with the same polarity.
    """

    n_both: int = 0
    n_agree: int = 0

    @property
    def accuracy(self) -> float:
        return self.n_agree / self.n_both if self.n_both else 0.0

    def add(self, other: ExtraCounts) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        self.n_both += other.n_both
        self.n_agree += other.n_agree

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "n_both": self.n_both,
            "n_agree": self.n_agree,
            "p": self.precision,
            "r": self.recall,
            "f1": self.f1,
            "accuracy": self.accuracy,
        }


def empty_extra() -> dict[str, ExtraCounts]:
    return {slot: ExtraCounts() for slot in EXTRA_SLOTS}


def _fold(text: str) -> str:
    """Normalised and stripped of accents: keys are unaccented upper case (``BOGOTA``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return normalize("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def casualty_range(count: CasualtyCount | None) -> tuple[int, int | None] | None:
    """A predicted count as (low, high); None when no number was given."""
    if count is None:
        return None
    low = count.low if count.low is not None else count.best
    high = count.high if count.high is not None else count.best
    if low is None and high is None:
        return None
    return (low or 0, high)


def casualty_positive(count: CasualtyCount | None) -> bool:
    """True when the event reports someone killed/wounded (a count of zero says nobody was)."""
    if count is None:
        return False
    numbers = [n for n in (count.low, count.best, count.high) if n is not None]
    return not numbers or max(numbers) > 0


def _ranges_overlap(a: tuple[int, int | None], b: tuple[int, int | None]) -> bool:
    a_high = a[1] if a[1] is not None else 10**9
    b_high = b[1] if b[1] is not None else 10**9
    return a[0] <= b_high and b[0] <= a_high


@dataclass(frozen=True)
class SlotValues:
    """The extra slots of one template, predicted or gold, in comparable form.

    Sets hold alternatives (a key may accept several dates or places); a prediction has one.
    """

    date: frozenset[tuple[date, date]]
    country: frozenset[str]
    place: frozenset[str]
    killed: tuple[int, int | None] | None
    wounded: tuple[int, int | None] | None
    death: bool
    injury: bool
    claimed: bool

    def has(self, slot: str) -> bool:
        return bool(getattr(self, slot))

    def agrees(self, slot: str, other: SlotValues) -> bool:
        """Whether two present values of a value slot agree (ranges overlap, sets meet)."""
        if slot == "date":
            return any(a <= d and c <= b for a, b in self.date for c, d in other.date)
        if slot in ("country", "place"):
            return bool(getattr(self, slot) & getattr(other, slot))
        mine, theirs = getattr(self, slot), getattr(other, slot)
        return mine is not None and theirs is not None and _ranges_overlap(mine, theirs)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for slot in EXTRA_SLOTS:
            value = getattr(self, slot)
            if isinstance(value, frozenset):
                value = sorted(value)
            out[slot] = date_jsonable(value)
        return out


def pred_values(event: EventReport) -> SlotValues:
    """The extra slots of a predicted event."""
    loc = event.location
    places: set[str] = set()
    if loc is not None:
        places = {_fold(s) for s in (loc.name, loc.text, loc.admin1) if s} - {""}
    return SlotValues(
        date=frozenset({(event.date.start, event.date.end)}) if event.date else frozenset(),
        country=frozenset({loc.country_code.upper()}) if loc and loc.country_code else frozenset(),
        place=frozenset(places),
        killed=casualty_range(event.fatalities),
        wounded=casualty_range(event.injuries),
        death=casualty_positive(event.fatalities),
        injury=casualty_positive(event.injuries),
        claimed=bool(event.claimed_by),
    )


def gold_values(facts: KeyFacts) -> SlotValues:
    """The extra slots of a key template."""
    return SlotValues(
        date=frozenset(facts.dates),
        country=frozenset(loc.country_code for loc in facts.locations if loc.country_code),
        place=frozenset(_fold(p) for loc in facts.locations for p in loc.places) - {""},
        killed=facts.killed,
        wounded=facts.wounded,
        death=facts.death,
        injury=facts.injury,
        claimed=facts.claimed,
    )


def score_extra(
    score: DocScore,
    events: Sequence[EventReport],
    facts: Mapping[int, KeyFacts],
) -> tuple[dict[str, ExtraCounts], list[dict[str, object]]]:
    """Extra-slot counts of one document and, per aligned pair, what agreed (for errors).

    ``events[i]`` is the event behind predicted template ``i``; ``facts`` maps a gold template
    index to its key facts. Gold templates without facts are left out of every count.
    """
    counts = empty_extra()
    pred_vals = [pred_values(e) for e in events]
    gold_vals = {i: gold_values(f) for i, f in facts.items() if i in score.gold_kept}
    for values in pred_vals:
        for slot in EXTRA_SLOTS:
            counts[slot].n_pred += values.has(slot)
    for values in gold_vals.values():
        for slot in EXTRA_SLOTS:
            counts[slot].n_gold += values.has(slot)
    details: list[dict[str, object]] = []
    for pair in score.pairs:
        gold = gold_vals.get(pair.gold_index)
        if gold is None:
            continue
        pred = pred_vals[pair.pred_index]
        row: dict[str, object] = {"pred_index": pair.pred_index, "gold_index": pair.gold_index}
        for slot in VALUE_SLOTS:
            if pred.has(slot) and gold.has(slot):
                ok = pred.agrees(slot, gold)
                counts[slot].n_both += 1
                counts[slot].tp += ok
                counts[slot].n_agree += ok
                row[slot] = ok
        for slot in BINARY_SLOTS:
            p, g = pred.has(slot), gold.has(slot)
            counts[slot].n_both += 1
            counts[slot].tp += p and g
            counts[slot].n_agree += p == g
            row[slot] = p == g
        details.append(row)
    return counts, details


def date_jsonable(value: object) -> object:
    """Dates and ranges as ISO strings for the predictions file."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        return [date_jsonable(v) for v in value]
    return value
