"""Toponym detection, resolution with context, precision levels and event locations.

All texts are invented for these tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.geo.normalize import norm
from eventwire.geo.resolve import haversine
from test_geo_support import by_text, geoparser, nlp, places, resolve_span

SHARED = Path(os.environ.get("EVENTWIRE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SEED = SHARED / "data" / "seed" / "000_0373da40c75e1bdd.txt"


def test_paris_with_texas_context_resolves_to_paris_texas() -> None:
    ps = places("The rally in Paris, Texas, drew a small crowd on Saturday.")
    (paris,) = by_text(ps, "Paris")
    assert paris.country_code == "US" and paris.admin1 == "Texas"


def test_paris_without_context_resolves_to_the_french_capital() -> None:
    ps = places("Police in Paris arrested two men after the attack on the embassy.")
    (paris,) = by_text(ps, "Paris")
    assert paris.country_code == "FR" and paris.precision == "town"


def test_country_context_picks_the_namesake_in_that_country() -> None:
    ps = places("Nigerian troops clashed with militants near Kano. In Nigeria, the army said "
                "the fighting had spread to Maiduguri and Damaturu.")
    (kano,) = by_text(ps, "Kano")
    assert kano.country_code == "NG"


def test_province_word_selects_the_province() -> None:
    ps = places("A roadside bomb killed four soldiers in Helmand province on Monday.")
    (helmand,) = by_text(ps, "Helmand")
    assert helmand.precision == "province" and helmand.country_code == "AF"


def test_person_named_jordan_is_not_a_place() -> None:
    ps = places("Michael Jordan scored 30 points as the team won again last night.")
    assert not [p for p in ps if "Jordan" in p.text]


def test_mobile_as_a_common_word_is_not_a_place() -> None:
    ps = places("Mobile networks were cut in the capital after the protests began.")
    assert not by_text(ps, "Mobile")


def test_airport_codes_are_not_alternate_names() -> None:
    gaz = geoparser().gaz
    assert not [c for c in gaz.candidates(norm("LON")) if c.name == "London"]
    assert not [c for c in gaz.candidates(norm("KBL")) if c.name == "Kabul"]


def test_demonym_maps_to_its_country() -> None:
    ps = places("Afghan forces said they repelled the assault overnight.")
    (afghan,) = by_text(ps, "Afghan")
    assert afghan.country_code == "AF" and afghan.feature == "demonym"


def test_precision_levels() -> None:
    ps = places("Fighting spread from Kabul across Afghanistan and into Central Asia, "
                "and shelling hit Kandahar province.")
    got = {p.text: p.precision for p in ps}
    assert got["Kabul"] == "town"
    assert got["Afghanistan"] == "country"
    assert got["Central Asia"] == "region"
    assert got["Kandahar"] == "province"


def test_curated_valley_and_directional_part() -> None:
    ps = places("Militants moved through the Fergana Valley and into northern Afghanistan.")
    (valley,) = by_text(ps, "Fergana Valley")
    assert valley.precision == "region" and valley.lat is not None
    (north,) = by_text(ps, "northern Afghanistan")
    assert north.country_code == "AF" and north.feature == "part"
    assert north.lat is not None and north.lat > 34.5  # the north of the country


def test_border_between_two_named_countries() -> None:
    text = "Clashes broke out in border areas between Afghanistan and Tajikistan on Friday."
    (border,) = [p for p in places(text) if p.feature == "border"]
    assert border.text == "border areas between Afghanistan and Tajikistan"
    assert border.precision == "region"
    assert border.lat is not None and border.lon is not None
    assert haversine(border.lat, border.lon, 37.2, 69.5) < 400


def test_event_on_the_border_between_the_two_countries_locates_at_the_border() -> None:
    text = ("Troops from Afghanistan and Tajikistan met last week. On Sunday a bomb exploded "
            "near a military post on the border between the two countries.")
    ps = places(text)
    start = text.index("On Sunday")
    loc = geoparser().resolve_location(ps, text, start, len(text))
    assert loc is not None and loc.precision == "region"
    assert loc.name is not None and "border" in loc.name


def test_facility_location_falls_back_to_its_town() -> None:
    text = "Prisoners rioted at a prison in Vahdat, Tajikistan, leaving several guards dead."
    ps = places(text)
    loc = geoparser().resolve_location(ps, text, 0, len(text))
    assert loc is not None and loc.name == "Vahdat" and loc.precision == "town"


def test_named_facility_takes_its_town_coordinates() -> None:
    text = "Gunmen stormed Kandahar University in Kandahar, Afghanistan, on Tuesday."
    fac = [p for p in places(text) if p.feature == "facility"]
    assert fac and fac[0].precision == "town" and fac[0].country_code == "AF"


def test_location_prefers_the_most_specific_place_in_the_clause() -> None:
    text = "In Afghanistan, a suicide bomber struck a market in Kandahar on Monday."
    ps = places(text)
    loc = geoparser().resolve_location(ps, text, 0, len(text))
    assert loc is not None and loc.text == "Kandahar" and loc.precision == "town"


def test_us_state_abbreviation_after_a_comma() -> None:
    ps = places("SLIDELL, La. - A man was shot outside a store on Friday.")
    (la,) = by_text(ps, "La.")
    assert la.admin1 == "Louisiana"


def test_lower_cased_town_names_inside_personal_names_are_no_places() -> None:
    from eventwire.nlp import truecase

    lowered = ("adolfo mesa meneses and colonel rene emilio ponce, chief of staff, met in mesa. "
               "the daughter, celina maricet ramos, was killed in cali, valle del cauca.")
    ps = places(lowered, doc_text=truecase(lowered))
    names = [(p.text, p.start) for p in ps]
    assert ("mesa", lowered.index("mesa meneses")) not in names  # a man's name
    assert ("mesa", lowered.index("in mesa") + 3) in names  # after "in": the town
    assert not by_text(ps, "ponce") and not by_text(ps, "celina")
    assert by_text(ps, "cali")[0].country_code == "CO"


def test_a_surname_stays_a_person_when_it_comes_back_alone() -> None:
    from eventwire.nlp import truecase

    lowered = ("gunmen killed jose antonio rodriguez porth in san salvador on monday. "
               "adolfo mesa meneses was wounded in cali. rodriguez and mesa had received threats, "
               "the police in mesa said.")
    ps = places(lowered, doc_text=truecase(lowered))
    names = [(p.text, p.start) for p in ps]
    assert not by_text(ps, "rodriguez")  # a given name before it, an unknown word after it
    assert ("mesa", lowered.index("mesa had")) not in names  # the man named in full before
    assert ("mesa", lowered.index("in mesa") + 3) in names  # after "in": the town
    assert by_text(ps, "san salvador")[0].country_code == "SV"


def test_a_given_name_that_is_a_town_starts_a_name_before_a_surname() -> None:
    from eventwire.nlp import truecase

    lowered = ("the diplomat was murdered in guatemala city.  claudia arenas, public relations "
               "secretary of the presidency, said the government condemned the murder.")
    ps = places(lowered, doc_text=truecase(lowered))
    assert not by_text(ps, "claudia")  # Claudia, Mato Grosso: here a woman's given name
    assert by_text(ps, "guatemala city")[0].country_code == "GT"


def test_lower_cased_text_keeps_offsets_and_surface_from_text() -> None:
    original = "Gunmen attacked a police station in Peshawar, Pakistan."
    lowered = original.lower()
    ps = places(lowered, doc_text=original)
    assert ps and all(lowered[p.start:p.end] == p.text for p in ps)
    assert by_text(ps, "peshawar")[0].country_code == "PK"


WORDS = ["Kabul", "Paris", "Texas", "the", "border", "between", "and", "Afghan", "Mobile",
         "northern", "Afghanistan", "province", "in", ",", "Jordan", "said", "village", "of",
         "Tajikistan", "Fergana Valley", "USA", "U.S.", "Calif.", "é", "—", "\n", "  "]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), st.booleans())
def test_place_offsets_always_index_the_text(words: list[str], lower: bool) -> None:
    doc_text = " ".join(words)
    text = doc_text.lower() if lower else doc_text
    for p in places(text, doc_text=doc_text):
        assert text[p.start:p.end] == p.text
        assert 0 <= p.start < p.end <= len(text)


@pytest.mark.skipif(not SEED.exists(), reason="reference seed in ../shared is not available")
def test_reference_seed_places_are_found_and_geocoded() -> None:
    text = SEED.read_text(encoding="utf-8")
    ps = places(text)
    found = {p.text: p for p in ps if p.lat is not None}
    for name in ("Dushanbe", "Tajikistan", "Afghanistan", "Uzbekistan", "Kyrgyzstan", "Russia",
                 "Fergana Valley", "northern Afghanistan",
                 "border areas between Afghanistan and Tajikistan"):
        assert name in found, name
    assert found["Tajik"].country_code == "TJ" and found["Afghan"].country_code == "AF"
    khorasan = found.get("Khorasan")
    assert khorasan is None or haversine(khorasan.lat, khorasan.lon, 34.5, 66.0) < 1000


def test_governor_after_a_name_selects_the_state() -> None:
    ps = places("Former New York Gov. Mario Cuomo died on Thursday at his home.")
    (ny,) = by_text(ps, "New York")
    assert ny.precision == "province" and ny.country_code == "US"


def test_bare_state_name_beats_the_county_named_after_it() -> None:
    ps = places("The company is a Delaware corporation based in Louisville, Kentucky.")
    (de,) = by_text(ps, "Delaware")
    assert de.precision == "province" and de.name == "Delaware"


def test_facility_in_a_one_province_story_takes_a_town_of_that_province() -> None:
    text = ("The mayor of New Orleans, Louisiana, spoke on Monday. Residents of Louisiana "
            "marched from Washington Square to the Holy Redeemer Church after the flood.")
    gp = geoparser()
    doc = nlp()(text)
    s = text.index("Holy Redeemer Church")
    spans = [(s, s + len("Holy Redeemer Church")),
             (text.index("Washington Square"), text.index("Washington Square") + 17)]
    church = next(p for p in gp.resolve_spans(doc, text, spans) if p.start == s)
    assert church.admin1 == "Louisiana"


def test_gold_spans_keep_containment_links_pointing_at_the_right_mention() -> None:
    text = "Unknown Hall stands in Paris, Texas, near the Big Old Barn of Paris, Texas."
    gp = geoparser()
    doc = nlp()(text)
    spans = [(0, 12), (text.index("Big Old Barn"), text.index("Big Old Barn") + 12)]
    ms = gp.mentions_for_spans(doc, text, spans)
    for m in ms:
        if m.container is not None:
            assert ms[m.container].start > m.start


def test_state_abbreviation_beats_a_town_of_the_same_name() -> None:
    ps = places("PARIS, Mo. — Two men were arrested on Monday after a fire at a barn.")
    (mo,) = by_text(ps, "Mo.")
    assert mo.name == "Missouri" and mo.precision == "province"


def test_seat_of_government_stands_for_its_city() -> None:
    text = "The White House said on Friday that talks would resume next week."
    gp = geoparser()
    s = text.index("White House")
    (wh,) = gp.resolve_spans(nlp()(text), text, [(s, s + 11)])
    assert wh.name == "Washington" and wh.country_code == "US"


def test_province_holding_the_story_towns_beats_a_foreign_namesake() -> None:
    ps = places("Storms hit Atlanta, Savannah and Macon on Sunday. Officials said Georgia "
                "would ask for federal aid.")
    (ga,) = by_text(ps, "Georgia")
    assert ga.precision == "province" and ga.country_code == "US"


def test_home_country_comes_from_a_country_code_domain_only() -> None:
    from eventwire.geo.home import home_country

    assert home_country("https://www.cbc.ca/news/canada/story") == "CA"
    assert home_country("www.enfield-today.co.uk") == "GB"
    assert home_country("https://www.cnn.com/world") is None
    assert home_country("news.example.io") is None  # sold worldwide, says nothing
    assert home_country("https://example.zz/", known={"CA", "GB"}) is None
    assert home_country(None) is None


def test_publishing_country_settles_a_local_story_that_never_names_it() -> None:
    text = "Pupils from an Edmonton school planted flowers near Enfield on Tuesday."
    gp = geoparser()
    (edm,) = by_text(gp.find_places(nlp()(text), text, "https://www.enfield-today.co.uk/x"),
                     "Edmonton")
    assert edm.country_code == "GB"
    (edm,) = by_text(gp.find_places(nlp()(text), text), "Edmonton")
    assert edm.country_code == "CA"


def test_countries_and_provinces_take_geonames_own_points_when_pyowm_ships_them() -> None:
    pytest.importorskip("pyowm", reason="GeoNames reference points come with pyowm")
    from eventwire.geo.sources import read_geonames_points

    gaz = geoparser().gaz
    points = read_geonames_points()
    canada = gaz.countries["CA"]
    assert canada.id in points
    assert haversine(canada.lat, canada.lon, *points[canada.id]) < 1
    alberta = gaz.admin1_by_country[("CA", "Alberta")]
    assert haversine(alberta.lat, alberta.lon, *points[alberta.id]) < 1


def test_st_form_is_the_towns_own_name_not_an_alternate() -> None:
    ps = places("Russia said it would close the US consulate in St. Petersburg. Russian "
                "officials in Moscow called it a response.")
    (spb,) = by_text(ps, "St. Petersburg")
    assert spb.country_code == "RU" and spb.precision == "town"


def test_country_points_follow_geonames_current_reference_points() -> None:
    india = geoparser().gaz.countries["IN"]
    assert haversine(india.lat, india.lon, 22.0, 79.0) < 1


def test_unknown_village_lies_near_the_town_the_story_names() -> None:
    ps = places("Floods hit Nenagh in Tipperary. Families in Portroe and Toomevara were moved "
                "to Nenagh.")
    (village,) = by_text(ps, "Portroe")
    assert village.feature == "vicinity" and village.precision == "district"
    assert village.country_code == "IE" and village.name == "Nenagh"


def test_capitalised_common_noun_tagged_as_a_place_is_dropped() -> None:
    ps = places("Gunmen attacked Garissa on Monday. Police said the attackers fled towards "
                "Dadaab.")
    assert not by_text(ps, "Gunmen")


def test_street_named_after_a_place_stays_in_the_story_town() -> None:
    ps = places("A man was shot on Hampton Avenue in St. Louis, Missouri, police said. "
                "Officers closed Hampton Avenue for hours.")
    for street in by_text(ps, "Hampton Avenue"):
        assert street.feature == "facility" and street.name == "St. Louis"


def test_town_inside_a_facility_name_beats_the_nationality() -> None:
    ps = places("Staff at the British Embassy Tokyo said the visa office would close. Tokyo "
                "police were called.")
    (emb,) = by_text(ps, "British Embassy Tokyo")
    assert emb.country_code == "JP" and emb.precision == "town"


def test_container_after_a_town_is_the_state_that_holds_it() -> None:
    ps = places("A new museum opened in Tacoma, Washington, last week, and a second one is "
                "planned for Fresno, Calif.")
    (wa,) = by_text(ps, "Washington")
    assert wa.precision == "province" and wa.country_code == "US"


def test_far_small_namesake_of_a_local_name_gives_way_to_the_story_town() -> None:
    text = ("Crowds filled the bars on Bourbon after the parade through New Orleans, Louisiana, "
            "on Tuesday night. Police in New Orleans said the night was calm.")
    bourbon = resolve_span(text, "Bourbon")
    assert bourbon.name == "New Orleans" and bourbon.feature == "facility"


def test_wire_dateline_town_beats_a_bare_country_or_demonym_in_the_clause() -> None:
    text = ("Bomb kills five at checkpoint\n\nBy Staff Writer\n\n"
            "MOGADISHU, Somalia (Wire) — A bomb exploded at a Somali army checkpoint on "
            "Monday, killing five soldiers.\n\nThe army said the attack showed that Somalia "
            "still faced a long fight.")
    ps = places(text)
    start = text.index("A bomb")
    loc = geoparser().resolve_location(ps, text, start, text.index("\n\nThe army"))
    assert loc is not None and loc.name == "Mogadishu" and loc.precision == "town"
    start = text.index("The army")
    loc = geoparser().resolve_location(ps, text, start, len(text))
    assert loc is not None and loc.name == "Mogadishu"


def test_a_town_in_the_clause_still_beats_the_dateline() -> None:
    text = ("NAIROBI, Kenya (Wire) — Gunmen attacked a bus near Mandera on Monday, killing "
            "four passengers.")
    ps = places(text)
    loc = geoparser().resolve_location(ps, text, text.index("Gunmen"), len(text))
    assert loc is not None and loc.name == "Mandera"


def test_facility_takes_the_town_named_just_after_it() -> None:
    filler = "The council discussed budgets, roads and schools at length. " * 8
    ps = places("Edinburgh council met on Monday. Edinburgh officials spoke. " + filler
                + "Fans queued for hours outside the Kelvin Hall Stadium. Glasgow police said the "
                "match went ahead.")
    (stadium,) = by_text(ps, "Kelvin Hall Stadium")
    assert stadium.name == "Glasgow" and stadium.feature == "facility"


def test_a_provinces_two_word_name_tagged_as_a_person_is_still_the_province() -> None:
    ps = places("Tamil Nadu on Saturday asked the court to release more water from the dam.")
    (tn,) = by_text(ps, "Tamil Nadu")
    assert tn.country_code == "IN" and tn.precision == "province"


def test_distance_reference_point_is_not_the_event_location() -> None:
    text = ("Gunmen abducted 11 farmers near Konduga, about 35 kilometres from Maiduguri, on "
            "Friday, a militia leader said.")
    ps = places(text)
    loc = geoparser().resolve_location(ps, text, 0, len(text))
    assert loc is not None and loc.name is not None and "Konduga" in loc.name


def test_story_town_named_most_beats_a_dateline_elsewhere() -> None:
    text = ("ADEN, Yemen (Desk) — The toll from shelling in the city of Taiz rose to 14.\n\n"
            "Mortar rounds slammed into a crowded street on Saturday.\n\n"
            "Taiz has been besieged for years, officials in Taiz said.")
    ps = places(text)
    start = text.index("Mortar")
    loc = geoparser().resolve_location(ps, text, start, text.index("\n\nTaiz"))
    assert loc is not None and loc.name == "Taiz"


def test_wire_agency_in_a_dateline_is_no_place_and_a_town_cue_finds_the_town() -> None:
    text = ("LIMA, 12 MAR 24 (PRENSA SUR) -- Three soldiers were killed yesterday in an ambush "
            "near the town of Pichari, the command said.")
    ps = places(text)
    assert not by_text(ps, "SUR")
    (town,) = by_text(ps, "Pichari")
    assert town.country_code == "PE" and town.precision == "town"


def test_short_abbreviation_without_a_dot_follows_the_story_country() -> None:
    ps = places("Beaches in Perth and Fremantle were closed after the spill, and "
                "health officials in WA said the water would be tested daily.")
    (wa,) = by_text(ps, "WA")
    assert wa.country_code == "AU" and wa.precision == "province"
    ps = places("Unemployment in Durban and Pietermaritzburg rose again, and SA lost "
                "another 50,000 jobs in the quarter.")
    (sa,) = by_text(ps, "SA")
    assert sa.country_code == "ZA" and sa.precision == "country"


def test_states_such_as_reads_every_name_of_the_list_as_a_state() -> None:
    ps = places("Tech firms in Utah and Idaho are hiring engineers who cannot afford housing "
                "in western states such as California or Washington, officials said.")
    (wa,) = by_text(ps, "Washington")
    assert wa.precision == "province" and wa.admin1 == "Washington"


def test_national_guard_after_a_name_selects_the_state() -> None:
    ps = places("Troops from Florida and Louisiana will join the Georgia National Guard for "
                "the storm response, officials in Alabama said.")
    (ga,) = by_text(ps, "Georgia")
    assert ga.country_code == "US" and ga.precision == "province"


def test_small_foreign_town_in_a_one_province_story_is_a_local_name() -> None:
    ps = places("A woman from Cape Town said police in Delft failed her. She moved from "
                "Khayelitsha to Delft last year, and Western Cape police said the case in "
                "Cape Town was reopened.")
    for p in by_text(ps, "Delft"):
        assert p.country_code == "ZA" and p.feature == "vicinity"


def test_short_capitalised_acronym_is_not_the_town_it_spells() -> None:
    text = "Doctors at the CHU in Montpellier said the patient was stable."
    ps = places(text)
    assert not any(p.text == "CHU" and p.name not in (None, "Montpellier") for p in ps)
    chu = resolve_span(text, "CHU")
    assert chu.name == "Montpellier" and chu.feature == "facility"


def test_given_span_before_in_takes_the_town_after_it() -> None:
    text = ("Fans packed the Celebrity Cake Studio in Tacoma on Sunday, and a bakery in "
            "Miami Beach sold out too.")
    shop = resolve_span(text, "Celebrity Cake Studio")
    assert shop.name == "Tacoma" and shop.feature == "facility"


def test_australian_territory_abbreviations() -> None:
    text = "Deaths were recorded in Western Australia and Victoria, and none in Tasmania or the ACT."
    act = resolve_span(text, "ACT")
    assert act.country_code == "AU" and act.name == "Australian Capital Territory"


def test_every_curated_landmark_stands_in_a_town_of_the_gazetteer() -> None:
    from eventwire.geo.sources import (
        apply_landmarks,
        read_admin_and_cities,
        read_countries,
        read_geonames_points,
    )

    points = read_geonames_points()
    _, cities = read_admin_and_cities(read_countries(points), points)
    assert apply_landmarks(cities) == []


def test_landmark_resolves_to_its_town_wherever_the_story_is() -> None:
    text = ("A Beijing court jailed the activist, a former visiting scholar at Cornell "
            "University, on Tuesday, Chinese media said.")
    cu = resolve_span(text, "Cornell University")
    assert cu.name == "Ithaca" and cu.feature == "landmark" and cu.precision == "town"


def test_landmark_does_not_move_the_story_to_its_town() -> None:
    text = ("Students from Parkland, Florida, marched in Tallahassee on Monday. A professor at "
            "UCLA said the Parkland students had changed the debate.")
    ps = places(text)
    parkland = [p for p in ps if p.text == "Parkland"]
    assert parkland and all(p.admin1 == "Florida" for p in parkland)
    ucla = resolve_span(text, "UCLA")
    assert ucla.name == "Los Angeles" and ucla.feature == "landmark"


def test_a_countrys_ministry_is_in_its_capital_and_its_embassy_abroad() -> None:
    text = ("WASHINGTON (AP) — Diplomats left the Russian Embassy on Saturday after the United "
            "States expelled them, and the Russian Foreign Ministry promised to respond.")
    spans = [(text.index(s), text.index(s) + len(s))
             for s in ("Russian Embassy", "Russian Foreign Ministry")]
    emb, mfa = geoparser().resolve_spans(nlp()(text), text, spans)
    assert emb.name == "Washington" and emb.country_code == "US"
    assert mfa.name == "Moscow" and mfa.country_code == "RU" and mfa.precision == "town"


def test_building_named_after_a_person_is_not_in_the_town_of_the_surname() -> None:
    text = ("TULSA, Okla. — Students returned to Ellen Hartley Madison High School on Monday, "
            "a week after the fire. Tulsa police said the building was safe.")
    school = resolve_span(text, "Ellen Hartley Madison High School")
    assert school.name == "Tulsa" and school.feature == "facility"


def test_event_named_after_a_big_city_is_in_the_city_not_its_state() -> None:
    text = ("Cadillac's president spoke at the New York Auto Show on Wednesday, days after "
            "the Corvette plant in Bowling Green, Kentucky, reopened.")
    show = resolve_span(text, "New York Auto Show")
    assert show.name == "New York City" and show.precision == "town"


def test_facility_of_a_story_that_names_only_its_county_takes_the_county() -> None:
    text = ("Voters in Cuyahoga County will decide on the health levy. MetroHealth Medical "
            "Center, the county hospital system, is one of its beneficiaries.")
    hosp = resolve_span(text, "MetroHealth Medical Center")
    assert hosp.name == "Cuyahoga County" and hosp.precision == "district"


def test_bare_name_of_a_county_named_in_full_is_that_county() -> None:
    ps = places("Suffolk County detectives searched a house in Southold, New York, on Monday. "
                "A Suffolk judge ordered the owner held, and Suffolk police said more searches "
                "would follow.")
    bare = [p for p in ps if p.text == "Suffolk"]
    assert bare and all(p.admin1 == "New York" and p.precision == "district" for p in bare)


def test_facility_takes_the_town_its_own_clause_puts_it_in() -> None:
    text = ("LONDON (AP) — A British court ruled on Monday. Doctors at the Hartley Children's "
            "Hospital where the boy is treated in Liverpool said the ruling was fair.")
    h = resolve_span(text, "Hartley Children's Hospital")
    assert h.name == "Liverpool" and h.feature == "facility"


def test_team_named_after_its_home_is_read_without_the_dateline_state() -> None:
    text = ("COLUMBUS, Ohio (AP) — Mississippi State outlasted Louisville in overtime on Friday "
            "night. Johnson scored 25 points with 12 rebounds against Louisville, and the "
            "Bulldogs play for the championship on Sunday in Columbus, Ohio.")
    ps = places(text)
    lou = [p for p in ps if p.text == "Louisville"]
    assert lou and all(p.admin1 == "Kentucky" for p in lou)


def test_same_name_outside_sport_keeps_the_story_geography() -> None:
    text = ("COLUMBUS, Ohio (AP) — Voters in Louisville approved a school levy on Tuesday, "
            "and officials in Canton and Columbus, Ohio, said turnout was high.")
    ps = places(text)
    (lou,) = by_text(ps, "Louisville")
    assert lou.admin1 == "Ohio"


def test_hospital_the_wounded_were_taken_to_is_not_the_event_location() -> None:
    text = ("Gunmen shot a guard at a bank in Suarez, Cauca, on Saturday. He was taken to a "
            "hospital in Popayan.")
    gp = geoparser()
    ps = gp.find_places(nlp()(text), text)
    second = text.index("He was")
    loc = gp.resolve_location(ps, text, second, len(text))
    assert loc is not None and loc.name != "Popayán"
