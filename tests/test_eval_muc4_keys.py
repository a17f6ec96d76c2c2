"""Parsing MUC-4 answer keys and datelines, and reading the slots the processed form drops.

All keys here are the invented ones in tests/fixtures/muc4/raw.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.eval.muc4_keyfacts import (
    key_facts,
    parse_key_date,
    parse_key_location,
    parse_key_number,
)
from eventwire.eval.muc4_keys import (
    Fill,
    load_datelines,
    load_keys,
    parse_datelines,
    parse_fill,
    parse_keys,
    split_top,
)

RAW = Path(__file__).parent / "fixtures" / "muc4" / "raw"


def test_split_top_ignores_separators_inside_quotes_and_parentheses() -> None:
    assert split_top('"A / B" / C', "/") == ['"A / B"', "C"]
    assert split_top("PERU: LIMA (CITY / MUNICIPALITY) / PERU", "/") == [
        "PERU: LIMA (CITY / MUNICIPALITY)",
        "PERU",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("-", None),
        ("*", None),
        ('"GRAIN SILO" / "SILO"', Fill(("GRAIN SILO", "SILO"))),
        ('? "SILO"', Fill(("SILO",), optional=True)),
        ('DEATH: "NIGHT WATCHMEN"', Fill(("DEATH",), xref=("NIGHT WATCHMEN",))),
        ('"MAYOR": "ANA"', Fill(("MAYOR",), xref=("ANA",))),
        (
            'REPORTED AS FACT / CLAIMED OR ADMITTED: "X" / "Y"',
            Fill(("REPORTED AS FACT", "CLAIMED OR ADMITTED"), xref=("X", "Y")),
        ),
        ('NO INJURY: "-"', Fill(("NO INJURY",), xref=("-",))),
        ('"\\"LA PALOMA\\" FARM"', Fill(('"LA PALOMA" FARM',))),
    ],
)
def test_parse_fill(line: str, expected: Fill | None) -> None:
    assert parse_fill(line) == expected


def test_location_fill_is_not_split_as_cross_reference() -> None:
    assert parse_fill("COLOMBIA: BOGOTA (CITY)", cross_reference=False) == Fill(
        ("COLOMBIA: BOGOTA (CITY)",)
    )


def test_fixture_keys_parse_relevant_templates_in_order() -> None:
    keys = load_keys(RAW)
    assert set(keys) == {"TST1-MUC3-9001", "TST1-MUC3-9002", "TST2-MUC4-9003"}
    assert keys["TST1-MUC3-9002"] == []  # irrelevant document: its all-* template is dropped
    first, second = keys["TST1-MUC3-9001"]
    assert (first.number, first.optional, first.incident_type) == (1, False, "kidnapping")
    assert (second.number, second.optional, second.incident_type) == (2, True, "bombing")
    assert keys["TST2-MUC4-9003"][0].incident_type == "bombing / attack"
    # continuation lines are further fills of the same slot
    assert [f.values for f in second.fills("HUM TGT: DESCRIPTION")] == [
        ("NIGHT WATCHMEN",),
        ("PASSERBY",),
    ]
    assert first.fills("PERP: INDIVIDUAL ID")[0].values == ("UNIDENTIFIED GUNMEN", "GUNMEN")
    assert first.fills("PHYS TGT: ID") == ()  # "*" is no fill


def test_comments_and_missing_value_lines_are_tolerated() -> None:
    text = ";;; note\n0.  MESSAGE: ID                     TST9-MUC9-0001\n1.  MESSAGE: TEMPLATE               1\n4.  INCIDENT: TYPE                  ARSON\n2.  INCIDENT: DATE\n"
    (template,) = parse_keys(text)
    assert template.incident_type == "arson" and template.fills("INCIDENT: DATE") == ()


def test_datelines_give_the_publication_date_or_nothing() -> None:
    assert load_datelines(RAW) == {
        "TST1-MUC3-9001": date(1990, 3, 12),
        "TST2-MUC4-9003": date(1990, 4, 7),
    }
    assert parse_datelines("TST1-MUC3-0007\n\n   SOMEWHERE, 3 JAN 90 -- TEXT") == {
        "TST1-MUC3-0007": date(1990, 1, 3)
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11 MAR 90", (date(1990, 3, 11), date(1990, 3, 11))),
        ("05 APR 90 - 06 APR 90", (date(1990, 4, 5), date(1990, 4, 6))),
        ("- 12 MAR 90", (date(1990, 1, 11), date(1990, 3, 12))),
        ("-12 MAR 90", (date(1990, 1, 11), date(1990, 3, 12))),
        ("11 NOV", (date(1989, 11, 11), date(1989, 11, 11))),
        ("31 NOV 89", None),
        ("SOMETIME", None),
    ],
)
def test_parse_key_date(value: str, expected: tuple[date, date] | None) -> None:
    assert parse_key_date(value, year=1989) == expected


def test_parse_key_location_keeps_country_and_place_names() -> None:
    loc = parse_key_location("PERU: ANCASH (DEPARTMENT): CHAVIN (TOWN) - HUARI (TOWN)")
    assert loc is not None
    assert (loc.country, loc.country_code, loc.places) == (
        "PERU",
        "PE",
        ("ANCASH", "CHAVIN", "HUARI"),
    )
    assert parse_key_location("EL SALVADOR").country_code == "SV"  # type: ignore[union-attr]
    assert parse_key_location("-") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", (3, 3)),
        ("6-8", (6, 8)),
        ("6-", (6, None)),
        ("-26", (0, 26)),
        ("~10", (10, 10)),
        ("PLURAL", (2, None)),
        ("MANY", None),
    ],
)
def test_parse_key_number(value: str, expected: tuple[int, int | None] | None) -> None:
    assert parse_key_number(value) == expected


def test_key_facts_of_fixture_templates() -> None:
    keys = load_keys(RAW)
    kidnap, bombing = (key_facts(t, date(1990, 3, 12)) for t in keys["TST1-MUC3-9001"])
    assert kidnap.claimed and not kidnap.death and kidnap.killed is None
    assert kidnap.locations[0].places == ("VILLA ESPERANZA",)
    assert bombing.death and bombing.injury
    assert (bombing.killed, bombing.wounded) == ((2, 2), (1, 1))
    assert not bombing.claimed  # the only confidence fill is optional
    assert len(bombing.dates) == 2  # "(12 MAR 90) / (- 12 MAR 90)"
    (attack,) = (key_facts(t) for t in keys["TST2-MUC4-9003"])
    assert attack.dates == ((date(1990, 4, 5), date(1990, 4, 6)),)
    assert not attack.death and not attack.injury  # optional NO INJURY OR DEATH
