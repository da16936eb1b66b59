"""Toponym detection and resolution in the context of the whole article.

Detection finds candidate names (capitalised word sequences, or every n-gram in
all-lowercase text) and keeps those the gazetteer knows, with rules for the ways a
place name can be something else: a person ("Michael Jordan", "Chad Smith"), a
sentence-initial common word ("Police said"), part of an organisation.

Resolution scores each candidate entry of a name by population and kind, then by
what the article says around it: admin hints next to the name ("Bama, Borno state",
"Katha town (Katha district, Sagaing region)"), the countries the article is about
(counted over its country names, demonyms and unambiguous places) and the other
places it names.

``locate`` turns the mentions of one sentence into an ACLED-style location.
"""

from __future__ import annotations

import csv
import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import ahocorasick

from pipeline.geocode.gazetteer import CountryInfo, Gazetteer, Place, default_reference_dir, fold

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text; ``place`` is None when the gazetteer lacks it."""

    start: int
    end: int
    text: str
    kind: str  # 'place' | 'admin' | 'country' | 'demonym' | 'region' | 'associative'
    place: Place | None


@dataclass(frozen=True)
class Location:
    """An event location in ACLED's terms."""

    location: str
    admin1: str | None
    admin2: str | None
    admin3: str | None
    country: str
    iso: int
    region: str
    latitude: float
    longitude: float
    geo_precision: int
    geonameid: int | None
    mention_start: int | None
    mention_end: int | None


class Geocoder(Protocol):
    """Any backend that turns a name into a Place (the gazetteer itself is one)."""

    def geocode(self, name: str, country_code: str | None = None) -> Place | None: ...


# ---------------------------------------------------------------------------
# Word lists: how news writes around place names
# ---------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A word set written as one spaced string (long lists stay readable)."""
    return frozenset(text.split())


# Lowercase words that can sit inside a multi-word name ("Bosnia and Herzegovina",
# "Rio de Janeiro", "Ras al Ain").
CONNECTORS = _words(
    "of de del della di da do dos das du des la le les el al ad ar as ash az an and y e "
    "ez es ech ed er en ul ud "
    "sur upon on am im der den van von bin ibn i "
    "wa"  # Arabic "and": Yemen's districts "Kitaf wa Al Boqee", "Khabb wa Ash Shaaf"
)
# Capitalised words that begin a sentence or a name without being part of a place.
FUNCTION_WORDS = _words(
"""a an the this that these those there their its it in on at by for from to of and or but
    as with into onto over under after before during since while when where which who whom
    what why how he she they we you i his her our your my me us them him yet so if then than
    not no nor all any some many much most more each every both either neither one two three
    also only just even still again about above across against along among around behind
    below beneath beside between beyond near off out through throughout toward towards upon
    via within without amid amidst despite per unlike like meanwhile however although though
    because unless until till once here now today tonight yesterday tomorrow said says say
    according mr mrs ms dr st prof sen rep gov gen col lt capt sgt maj cpl pvt adm cmdr
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec"""
)
# A capitalised word before a name that makes it a person ("President Chad ...").
TITLES = _words(
"""mr mrs ms miss dr prof president vice minister premier prime chancellor king queen
    prince princess sheikh sheik emir sultan imam ayatollah pope bishop cardinal father
    sister brother saint sir lord lady dame general gen col colonel lt lieutenant capt
    captain sgt sergeant maj major cpl corporal pvt private admiral adm commander cmdr
    chief officer detective inspector constable sen senator rep representative gov
    governor mayor judge justice attorney secretary ambassador coach mrs. dr. rev
    reverend rabbi mullah maulana mufti commissioner superintendent spokesman
    spokeswoman spokesperson director chairman chairwoman ceo leader"""
)
# Compass and size words that may precede a place name without being part of it.
PLACE_MODIFIERS = _words(
"""north south east west northern southern eastern western central upper lower greater
    inner outer northeast northwest southeast southwest northeastern northwestern
    southeastern southwestern metro metropolitan downtown old new mid far"""
)
# Words after a name that make it an organisation or a facility named after a place:
# still a mention of the place ("Kabul University", "Balad Air Base").
FACILITY_WORDS = _words(
"""university college school academy institute hospital clinic airport airbase air
    base port harbour harbor station railway road street avenue highway bridge market
    bazaar mall square mosque church cathedral temple shrine prison jail camp stadium
    police army military municipal municipality provincial council assembly parliament
    government court office city town village county district province state region
    governorate oblast valley river lake bay island islands peninsula mountains mountain
    hills border crossing checkpoint dam refinery field fields times post herald tribune
    news daily observer metro international region's state's national central division
    department prefecture township tehsil taluka area zone sector suburb quarter
    neighbourhood neighborhood camp cantonment barracks garrison front line
    fire commission ministry minister mayor governor embassy consulate star gazette
    journal chronicle courier press telegraph sentinel inquirer advertiser"""
)
GENERIC_NAMES = _words(
"""north south east west northern southern eastern western central centre center
    federal free capital coast lakes olympic middle upper lower far north-west north-east
    south-west south-east northwest northeast southwest southeast littoral interior
    highlands islands plateau"""
)
# Given names and surnames that are also names of towns: alone they are people.
GIVEN_NAMES = _words(
    """john paul mary david james michael peter mark luke matthew andrew thomas george
    william henry charles edward richard robert joseph daniel samuel benjamin adam eve anna
    maria julia sarah rachel elizabeth alexandra helena irene sophia olivia emma grace lily
    rose ruby allen tyler dylan ryan kevin brian jason justin eric jack harry oscar leo max
    felix hugo victor ivan boris igor olga tatiana natasha nina vera lena karol chen wang li
    zhang liu yang huang zhao wu zhou xu sun ma zhu hu lin kim lee park choi jung kang cho
    yoon jang lim han shin khan ali ahmed hassan hussein omar noma bassett sutton bolton
    dunbar biron salome bethany julian simon lucas martin"""
)
# Peoples, agencies and other names the gazetteer happens to share with a village.
# Heads of organisations' names that are also towns (Union, New Jersey; Confederation,
# Saskatchewan): "Korean Government Employees' Union", "Confederation of Indigenous
# Nationalities of Ecuador". Alone they are places only in a clear place frame.
ORGANISATION_HEADS = _words(
    """union confederation federation association council league alliance congress front
    party movement coalition assembly commission committee syndicate guild"""
)
NOT_PLACES = _words(
    """igbo yoruba hausa fulani pashtun tajik uzbek hazara xinhua reuters tass interfax
    anadolu bernama yonhap kyodo amaq nato isis isil daesh hamas hezbollah taliban
    al el"""
) | {"white house", "the white house", "oval office"}
# Places that are also common given names: next to another capitalised word they are
# a person far more often than a place ("Chad Smith", "Jordan Peterson").
PERSON_NAMES = _words(
"""chad jordan georgia india israel kenya paris austin houston dallas florence victoria
    sydney orlando denver tyler chelsea madison lincoln jackson charlotte elizabeth virginia
    carolina savannah phoenix aurora regina mercedes eugene chester milton clifton
    sharon sierra dakota cheyenne laramie raleigh lafayette marion warren clinton
    washington franklin hamilton kingston preston stanley wellington nelson vladimir"""
)
# Compass words that end ACLED's names of parts of a unit ("Shan-North") or
# begin French ones ("Nord-Ouest", "Extreme-Nord").
COMPASS_SUFFIXES = _words(
    "north south east west northeast northwest southeast southwest central centre center "
    "nord sud est ouest centrale extreme"
)
ADMIN1_WORDS = _words(
    "province state region governorate oblast prefecture department emirate wilaya "
    "territory division kray krai republic provinces states regions governorates "
    "oblasts prefectures departments"
)
ADMIN2_WORDS = _words(
    "district county township tehsil taluka municipality commune parish raion rayon "
    "subdistrict sub-district zone woreda lga sub-county subcounty circle block "
    "arrondissement canton districts counties townships municipalities"
)
SETTLEMENT_WORDS = _words("village town city hamlet settlement locality neighbourhood "
                          "neighborhood suburb camp")
ADMIN_WORDS = ADMIN1_WORDS | ADMIN2_WORDS
_NOT_IN_PERSON_NAMES = ADMIN_WORDS | SETTLEMENT_WORDS | ORGANISATION_HEADS | _words(
    "group company corporation authority agency society foundation trust institute")
_STREET_WORDS = _words("street st road rd avenue ave boulevard blvd lane drive")
_QUARTER_WORDS = _words("neighbourhood neighborhood suburb quarter")

# A token with the characters before it, which say how it is joined to the one before.
_GAP_TOKEN = re.compile(r"([\W_]*)([^\W_]+)", re.UNICODE)
# Text before a mention that says the event was near it rather than in it.
_NEAR = re.compile(
    r"(?:\bnear(?:by)?|\boutskirts of|\boutside(?: of)?|\bvicinity of|\bclose to|\baround|"
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?"
    r"(?: part)? of|\bkm (?:from|of)|\bkilometers? (?:from|of)|\bmiles? (?:from|of)|"
    r"\bfrom|\barea of|\bparts? of|\bneighbou?rhood (?:of|in)|\bsuburbs? of|\bperimeter of)"
    r"(?:\s+(?:the|a))?(?:\s+(?:village|town|city|area|district|locality)(?:\s+of)?)?\s*$",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|to|from|into|outside|across|around|towards?|of|via|"
    r"village|town|city|district|province|state|region|county)"
    r"(?:\s+(?:the|a))?(?:\s+(?:village|town|city|district|province|area|region)(?:\s+of)?)?)\s*$",
    re.IGNORECASE,
)
_STRONG_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|into|across|towards?)(?:\s+the)?"
    r"(?:\s+(?:downtown|central|uptown|northern|southern|eastern|western))?"  # "in downtown Malchow"
    r"(?:\s+(?:town|village|city|hamlet|locality|area|district|province|region|state)\s+of)?"
    r"\s*$",
    re.IGNORECASE,
)
# Gap text between a place and a following name that contains it:
# "Bama, Borno", "Katha (Sagaing", "Amshipora in the Shopian", "Shopian district of Kashmir".
_HINT_GAP = re.compile(
    # The rest of a name the gazetteer knows only the start of: "Loza de los Padres, ",
    # "Mine 6/7, ".
    # "Mine 6/7, ", "Budo-Vorobyi, ", "Shakhta imeni Gagarina, ".
    r"^(?-i:(?:-[\w'’]+)*(?:\s+(?:(?:de|del|la|las|los|el|al|di|da|do|imeni)\s+){0,2}"
    r"(?:[A-Z][\w'’-]*|\d[\d/-]*|(?:al|el|as|ash|ad|ar|at|az|an)-[\w'’]+)){0,3})"
    r"(?:\s+(?:village|town|city|district|province|state|region|county|township|"
    r"governorate|oblast|municipality|division|department|tehsil|sub-county|subcounty|"
    r"area|locality|neighbou?rhood|commune|prefecture|LGA|zone|woreda))?"
    r"\s*(?:,\s*|\(\s*|\s+(?:in|of)\s+(?:the\s+)?|,\s+(?:in|of)\s+(?:the\s+)?"
    # Syria's idiom: "Olan in the countryside of Al Bab", "Khaneh in the eastern
    # countryside of Ain al Arab".
    r"|\s+in\s+the\s+(?:\w+\s+)?countryside\s+of\s+)$",
    re.IGNORECASE,
)
_ABBREV_GAP = re.compile(r"^,\s*$")
_BRACKET_AFTER = re.compile(
    r"(?:\s+(?:village|town|city|district|township|area|locality|camp|sub-county|county|"
    r"municipality|commune|neighbou?rhood|ward|parish|axis|front|sector|upazila|groupement|"
    r"kebele|payam|corregimiento))?"
    # An aside before the bracket of units: "Hays (coded to district level) (Al Hudaydah)".
    r"(?:\s*\((?-i:[a-z])[^()]{0,60}\))?"
    r"\s*\(\s*(?=[A-Z])"
)
# The text of a bracket after a place, up to a name inside it: "Gwalo (Paikoro, " or
# "Katha town (Katha district, ". Its start is the end of the bracketed place's name,
# type word included.
_INSIDE_BRACKET = re.compile(
    r"(?:\s+(?:village|town|city|district|township|area|locality|camp|sub-county|county|"
    r"municipality|commune|neighbou?rhood|ward|parish|axis|front|sector|upazila|groupement|"
    r"kebele|payam|corregimiento))?\s*\((?:[A-Z][^()]*?,\s*)?$"
)
_NAME_BEFORE = re.compile(
    r"(?-i:[A-Z][\w'’-]*)(?:\s+(?:(?:al|as|ash|ad|an|ar|at|az|el|wa|de|del|la|los|di|da)\s+)?"
    r"(?-i:[A-Z][\w'’-]*)){0,3}"
    r"(?:\s+(?:village|town|city|area|locality|camp|axis|front|sector|hill))?\s*$"
)
_ASIDE_BEFORE = re.compile(r"\s*\((?-i:[a-z])[^()]{0,70}\)\s*$")
_ELIDED_CAPITALS = re.compile(r"[A-Z]{2}[a-z]{3,}$")
_CHAIN_GAP = re.compile(
    r"(?:\s+(?:village|town|city|area|locality|district|sub-district|township|county|"
    r"sub-county|municipality|commune|upazila|tehsil|LGA))?"
    r"(?:\s*,\s*|\s+(?:of|in)\s+(?:the\s+)?|\s*\[\s*coded\s+(?:to|as)\s+"
    r"|(?:\s+with\s+GP\d)?\s*\]\s*,\s*)",
    re.IGNORECASE,
)
_SQUARE_ASIDE = re.compile(r"(\s+(?:village|town|district|area|province))?\s*\[[^\[\]]{0,80}\]")
_SQUARE_ASIDE_END = re.compile(r"(?:\s+with\s+GP\d)?\s*\](?=\s*,)")
_GROUP_AFTER = re.compile(
    r"\s+(?:(?:ethnic|communal|pastoral|pastoralist)\s+)?"
    r"(?:militias?|militiam[ae]n|militants|tribesm[ae]n|herders|pastoralists)\b",
    re.IGNORECASE,
)
_BARE_FROM = re.compile(r"\s*from(?:\s+(?:the|a))?\s*", re.IGNORECASE)
# An Arabic article before a name ("in the Ar Rutba desert"); lower case only "al" and
# "el": "at", "as" and "an" are English.
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
# ACLED's aside naming the place it codes an event to, right before that place's name.
_CODED_TO = re.compile(
    r"\bcoded\s+(?:to|as|at)\s+(?:the\s+)?(?:(?:territorial|provincial|district|regional)\s+capital\s+)?$",
    re.IGNORECASE)
# A site named after a person or a place, in a town: "Cavour square in ", "Raymond-Fortin
# community centre in ".
_FACILITY_IN = re.compile(
    r"(?:[\s-]+[\w'’.-]+){0,3}?\s+(?:square|theat(?:er|re)|college|university|school|cent(?:er|re)|"
    r"building|park|hospital|stadium|market|church|mosque|cathedral|temple|station|prison|court|"
    r"hall|factory|mall|hotel|office|lighthouse|roundabout|junction)s?,?\s+(?:in|of)\s+(?:the\s+)?",
    re.IGNORECASE)
# What follows a town's name to tell it from its namesakes: "(Elbe)", "in der Pfalz".
_QUALIFIER = re.compile(
    r"(?:\s*\((?=[A-Z])[\w'’.-]+(?:\s+[\w'’.-]+)?\)|\s+(?:in|an|am|im|ob|bei)(?:\s+(?:der|dem|den))?"
    r"\s+[A-Z][\w'’.-]+)")
# The gap between two towns when the second contains the first.
_TOWN_IN_TOWN = re.compile(r"\bin\b|\b(?:neighbou?rhood|area|quarter|suburb|district|village|camp)\s+of\b",
                           re.IGNORECASE)
_OTHER_EVENT = re.compile(r"[^.;()\[\]]{0,30}?\bevents?\b", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r"\s+(?:[A-Z]|(?:al|el|ad|an|ar|as|ash|at|az|de|del|wa)\s)")
_ARTICLE_BEFORE = re.compile(r"\b(?:Al|Ar|As|Ash|Ad|An|At|Az|El|al|el)[\s-]*$")
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor)\s*$")
_IN_NAME_AFTER = re.compile(r",?\s+in\s+(?:the\s+)?[A-Z]")
_UNIT_AFTER = re.compile(r",\s+([A-Z][\w.&]*(?:\s+[A-Z][\w.]*){0,2}?)(?=[\s,.;:)]|$)")


# ---------------------------------------------------------------------------
# Internal working objects
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    cap: bool
    glue: str  # "" when a space (or start) precedes, else the joining character
    sent_start: bool
    weak_case: bool  # in a headline or all-caps line: capitals say nothing


@dataclass
class _Span:
    """A detected name before resolution."""

    start: int
    end: int
    text: str
    key: str
    rows: tuple[int, ...]
    demonym: bool = False
    type_word: str = ""  # "district", "state"... following or preceding the name
    cue: str = ""  # "near" when the text says near/outskirts of
    hints: list[int] = field(default_factory=list)  # spans that contain this one
    children: list[int] = field(default_factory=list)
    best: int | None = None
    margin: float = 0.0
    scores: list[tuple[float, int]] = field(default_factory=list)
    dropped: bool = False
    locative: bool = False  # "in X", "at X", "near X": the text uses X as a place
    person: bool = False  # rejected because it is part of a person's name
    # ... or of an organisation's ("Cavan Institute", "Chad Smith"): the name that leads it
    # is no one's surname, so later bare mentions of it are not that person
    leads_name: bool = False
    # names a street after the place ("Hertford Road" in Edmonton, London): context for
    # the other names, but no mention of the town
    street: bool = False
    # leads an organisation's name ("Dallas Mavericks"): a mention, never an event's place
    associative: bool = False
    # in a bracket right after another name, as ACLED writes a place's units: "Pileta (Sucre)"
    bracketed: bool = False


# ---------------------------------------------------------------------------
# The geoparser
# ---------------------------------------------------------------------------


class Geoparser:
    """Find and resolve the places an article names.

    ``geocoder`` (optional) resolves names the gazetteer lacks, e.g. an online
    service wrapped in a rate limiter; it is asked only about names the text marks as
    places ("X village", "the town of X").
    """

    def __init__(
        self, *, gazetteer: Gazetteer | None = None, geocoder: Geocoder | None = None,
        groups: Mapping[str, str] | None = None, country_clues: Mapping[str, str] | None = None,
    ) -> None:
        # Without a gazetteer the default file is loaded (and built on first use).
        self.gaz = gazetteer if gazetteer is not None else Gazetteer.load()
        self.geocoder = geocoder
        # Armed and political groups that act in one country ("Gulf Clan" -> CO) and words
        # for one country's units or bodies ("upazila" -> BD, "Haman-gun" -> KR): like a
        # demonym, they say which country the text is about.
        if groups is None:
            from pipeline.extract.actors import group_countries
            groups = group_countries()
        self.groups = dict(groups)
        words = country_words() if country_clues is None else dict(country_clues)
        # One automaton over the lowercased text finds them all: a group's name must then
        # match as written, a unit word in any case, but an acronym ("FO", "SUD", "FdI": two
        # capitals or more) only as written. A word of several countries ("CGT": France,
        # Spain, Argentina) votes for each of them.
        self._clues = ahocorasick.Automaton()
        by_key: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
        for name, cc in self.groups.items():
            by_key[name.lower()].append((name, cc))
        for word, ccs in words.items():
            exact = word if sum(c.isupper() for c in word) >= 2 else None
            for cc in ccs.split("|"):
                by_key[word.lower()].append((exact, cc))
        for key, clues in by_key.items():
            self._clues.add_word(key, (key, clues))
        if by_key:
            self._clues.make_automaton()
        self._main_keys: dict[int, str] = {}
        self._lookups: dict[str, tuple[tuple[int, ...], bool]] = {}
        abbrevs = sorted(self.gaz.abbreviations, key=len, reverse=True)
        self._abbrev_re = (
            re.compile(r"(?<![\w.&])(?:" + "|".join(re.escape(a) for a in abbrevs) + r")(?![\w&])")
            if abbrevs else None
        )

    # -- public API ------------------------------------------------------------

    def warm(self) -> None:
        """Build the indexes made on first use (the close-spelling towns), so that worker
        processes forked after this share them instead of each building its own."""
        self.gaz.towns_by_unit()

    def parse(self, text: str) -> list[PlaceMention]:
        """Every place mention in ``text``, each resolved in the context of the whole text."""
        if not text:
            return []
        spans = self._detect(text)
        self._link_hints(text, spans)
        self._resolve(spans, text)
        return [self._mention(s) for s in spans if not s.dropped and not s.street]

    def locate(
        self, text: str, mentions: Sequence[PlaceMention], start: int = 0, end: int | None = None
    ) -> Location | None:
        """The location of an event told in ``text[start:end]``; None if nothing fits."""
        end = len(text) if end is None else end
        inside = [m for m in mentions if m.start >= start and m.end <= end]
        # ACLED's "[coded to Przemysl]" places the whole note's event, whichever sentence
        # it ends.
        coded = [m for m in mentions if m not in inside and m.place is not None and _coded_to(text, m)]
        chosen = self._pick(text, inside + coded, mentions, coded)
        if chosen is not None:
            return self._location(text, chosen, inside, mentions)
        return self._focus_location(mentions) or self._clue_location(text)

    # -- detection ---------------------------------------------------------------

    def _detect(self, text: str) -> list[_Span]:
        tokens = _tokenize(text)
        lowercase_text = _is_lowercase_text(tokens)
        persons: set[str] = set()
        spans = (self._lowercase_spans(text, tokens) if lowercase_text
                 else self._capitalised_spans(text, tokens, persons))
        leading = [s for s in spans if s.associative]
        spans = [s for s in spans if not s.associative]
        spans += self._abbreviation_spans(text, spans)
        spans += self._typed_unknown_spans(text, tokens, spans)
        spans.sort(key=lambda s: s.start)
        spans = self._qualified_names(text, spans)
        if not lowercase_text:
            persons.update(fold(w) for m in _PERSON_FRAME.finditer(text) for w in m.groups() if w)
        spans = _drop_person_references(text, spans, persons)
        # "Dallas Mavericks", "Allendale Woman's Club": a name before an unknown capitalised
        # word leads an organisation or a person's name. Where the article also names the
        # place alone, it is the place's team or club: a mention, though no event's place.
        named = {s.key for s in spans if not s.demonym}
        # After a speech verb the two words are the speaker ("says Conrad Rijnhout").
        spans += [s for s in leading if s.key in named and s.key not in persons
                  and s.key not in PERSON_NAMES and s.key not in GIVEN_NAMES
                  and not _SPEAKER_BEFORE.search(text, max(0, s.start - 20), s.start)]
        spans.sort(key=lambda s: s.start)
        return spans

    def _qualified_names(self, text: str, spans: list[_Span]) -> list[_Span]:
        """ "Freiburg (Elbe)", "Landau in der Pfalz", "Buchen (Odenwald)": a town's name
        with the river or region that tells it from its namesakes, when the gazetteer
        knows the whole name. The qualifier is part of the name, not another place."""
        out: list[_Span] = []
        skip_to = -1
        for span in spans:
            if span.start < skip_to:
                continue
            m = _QUALIFIER.match(text, span.end)
            if m is not None and not span.demonym:
                whole = text[span.start:m.end()]
                rows, _ = self._lookup(fold(whole))
                if rows:
                    span = _Span(span.start, m.end(), whole, fold(whole), rows, type_word=span.type_word)
                    skip_to = m.end()
            out.append(span)
        return out

    def _lookup(self, key: str) -> tuple[tuple[int, ...], bool]:
        """Candidate rows of a folded name and whether it is a demonym; memoized, since
        every word of a text is looked up and news repeats its words."""
        found = self._lookups.get(key)
        if found is None:
            if len(self._lookups) >= _LOOKUP_CACHE:
                self._lookups.clear()
            found = self._lookups[key] = self._lookup_uncached(key)
        return found

    def _lookup_uncached(self, key: str) -> tuple[tuple[int, ...], bool]:
        rows, dem = self._lookup_all(key)
        if len(rows) > MAX_CANDIDATES:
            # "San Jose" names hundreds of places: the largest ones (and every unit)
            # are the only ones context could ever pick.
            g = self.gaz
            rows = tuple(sorted(rows, key=lambda r: (g.feature[r] != "city",
                                                     int(g.population[r])),
                                reverse=True)[:MAX_CANDIDATES])
        return rows, dem

    def _lookup_all(self, key: str) -> tuple[tuple[int, ...], bool]:
        # A demonym ("Canadian", "Spanish") is read as one even where a small place
        # shares the spelling, unless it is also a country's name ("Djibouti").
        dem = self.gaz.demonym_candidates(key)
        rows = self.gaz.candidates(key)
        if dem and not any(self.gaz.feature[r] == "country" for r in rows):
            return dem, True
        return rows, False

    def _capitalised_spans(self, text: str, tokens: list[_Token],
                           persons: set[str]) -> list[_Span]:
        spans: list[_Span] = []
        for run in _runs(text, tokens):
            spans.extend(self._match_run(text, tokens, run, persons))
        return spans

    def _match_run(self, text: str, tokens: list[_Token], run: list[int],
                   persons: set[str]) -> list[_Span]:
        """Longest gazetteer names inside one run of capitalised words, with context rules."""
        out: list[_Span] = []
        i = 0
        has_person = False
        covered: list[tuple[int, int]] = []
        while i < len(run):
            found = None
            if tokens[run[i]].cap and _can_start(tokens, run[i]):
                for j in range(min(len(run), i + 7) - 1, i - 1, -1):
                    last = tokens[run[j]]
                    if not (last.cap or _glued_part(last)) or not _can_end(tokens, run[j]):
                        continue
                    s, e = tokens[run[i]].start, last.end
                    key = fold(text[s:e])
                    rows, dem = self._lookup(key)
                    if rows:
                        found = (i, j, s, e, key, rows, dem)
                        break
            if found is None:
                i += 1
                continue
            fi, fj, s, e, key, rows, dem = found
            if fj + 1 < len(run) and tokens[run[fj + 1]].glue == "-" and (
                    tokens[run[fj + 1]].text.lower() in COMPASS_SUFFIXES):
                # ACLED's "Shan-North", "Bago-West": a unit and the part of it meant.
                # A town before the compass word ("Kongo-Central") is another name.
                if not any(self.gaz.feature[r] in ("admin1", "admin2", "country") for r in rows):
                    i = fj + 2
                    continue
                e = tokens[run[fj + 1]].end
                fj += 1
            elif fi == fj and key in COMPASS_SUFFIXES and (
                    tokens[run[fi]].glue == "-"
                    or (fi + 1 < len(run) and tokens[run[fi + 1]].glue == "-")):
                # "Extreme-Nord", "Nord-Ouest": a compass word in a compound the
                # gazetteer lacks names nothing by itself.
                i = fj + 1
                continue
            covered.append((fi, fj))
            span = _Span(s, e, text[s:e], key, rows, demonym=dem)
            if self._keep(text, tokens, run, fi, fj, span):
                out.append(span)
            elif span.leads_name:
                span.associative = True
                out.append(span)
            elif span.person:
                has_person = True
            i = fj + 1
        # "Cavan Town Hall", "Cavan Energy Group", "Immokalee TIGER Grant", "A429
        # Cirencester": a run holding a unit's word, an organisation's, an acronym or a
        # road number names a thing, not a person.
        if has_person and len(run) <= 4 and not any(
                tokens[k].text.lower() in _NOT_IN_PERSON_NAMES or _has_digit(tokens[k].text)
                or (tokens[k].text.isupper() and len(tokens[k].text) > 1 and not tokens[k].weak_case)
                for k in run):
            # Remember the person's name: a later bare "Brunson" is this person too.
            kept = [(sp.start, sp.end) for sp in out if not sp.associative]
            for k in run:
                tok = tokens[k]
                word = _fold_word(tok.text)
                # An acronym in the run ("EU Aviation Strategy") is nobody's name.
                if tok.text.lower() in FUNCTION_WORDS | TITLES or tok.text.isupper() or any(
                        a <= tok.start < b for a, b in kept):
                    continue
                rows = self.gaz.candidates(word)
                if not any(self.gaz.population[r] >= 100_000 for r in rows) and not self._strong(
                        _Span(tok.start, tok.end, tok.text, word, rows)):
                    persons.add(word)
        return out

    def _keep(self, text: str, tokens: list[_Token], run: list[int], i: int, j: int,
              span: _Span) -> bool:
        """Rules that tell a place from a person, an organisation or a common word."""
        first = tokens[run[i]]
        before = tokens[run[i - 1]] if i > 0 else None
        after = tokens[run[j + 1]] if j + 1 < len(run) else None
        # "Amsterdam-London", "Syrian-Turkish": hyphenated names are two names.
        if after is not None and after.glue == "-":
            after = None
        if before is not None and first.glue == "-":
            before = None
        after_word = after.text.lower() if after else _next_word(text, span.end)
        if after_word in ADMIN_WORDS or after_word in SETTLEMENT_WORDS:
            span.type_word = after_word
        elif before is None:
            prev = _prev_words(text, span.start, 2)
            if len(prev) == 2 and prev[1] == "of" and prev[0] in ADMIN_WORDS | SETTLEMENT_WORDS:
                span.type_word = prev[0]
        # A well-known place (a country, a province, a big city) inside a longer name is
        # still that place ("Air France", "Malaysia Airlines", "Russian President");
        # a small or name-like one is a person ("Michael Jordan", "Chad Smith").
        if span.key in NOT_PLACES:
            return False
        if i == j and before is not None and span.key in COMPASS_SUFFIXES:
            return False  # "Kebeli Nord", "Kairouan Nord": a part of a unit, not Haiti's Nord
        if after is not None and i < j and all(
                w in GENERIC_NAMES or w in PLACE_MODIFIERS for w in span.key.split()) and (
                self._lookup(_fold_word(after.text))[0]):
            return False  # "Far North Queensland": a part of the next place, not Cameroon's
        strong = span.demonym or self._strong(span)
        if before is not None:
            b = before.text.lower().rstrip(".")
            if b in TITLES:
                span.person = True
                return False
            # "Michael Jordan": an unknown capitalised word right before the name; a road
            # number is none ("the A429 Cirencester junction").
            sentence_word = (before.sent_start or before.weak_case) and b in FUNCTION_WORDS
            # Nor is an acronym ("CTV Saskatoon", "BBC Wales"): a body and its branch; a
            # country's ("US Justice Department") is no body.
            acronym = (before.text.isupper() and len(before.text) > 1 and not before.weak_case
                       and before.text not in self.gaz.abbreviations
                       and not self.gaz.candidates(fold(before.text)))
            if (b not in CONNECTORS and b not in PLACE_MODIFIERS and not strong
                    and not sentence_word and not _has_digit(b) and not acronym):
                span.person = True
                return False
        elif first.start > 0:
            # "Minister Slovenia" would be a title, "the minister, Slovenia's" is not
            title = _WORD_RIGHT_BEFORE.search(text, max(0, span.start - 30), span.start)
            if title and title.group(1).lower().rstrip(".") in TITLES and _is_cap_word(text, span.start):
                return False
        if after is not None and after.text.lower() in _STREET_WORDS and not strong:
            span.street = True
        if after is not None and not span.type_word:
            a = after.text.lower()
            unknown = a not in FACILITY_WORDS and a not in CONNECTORS and a not in FUNCTION_WORDS
            # "Chad Smith", "Paris Hilton": a name followed by an unknown capitalised word.
            if unknown and (not strong or (i == j and span.key in PERSON_NAMES)):
                span.person = span.leads_name = True
                return False
        single = i == j and "-" not in text[span.start:span.end]
        if single and not span.demonym:
            return self._keep_single(text, tokens, run[i], span)
        return True

    def _followed_by_unit(self, text: str, end: int) -> bool:
        """ "Savannah, Georgia", "Reading, Pa.": a name followed by its state or country."""
        m = _UNIT_AFTER.match(text, end)
        if not m:
            return False
        name = m.group(1)
        if name in self.gaz.abbreviations:
            return True
        g = self.gaz
        return any(g.feature[r] in ("admin1", "country") for r in g.candidates(fold(name)))

    def _place_frame(self, text: str, span: _Span) -> bool:
        """ "in X", "X County", "X, Georgia": words around a name that make it a place."""
        return (bool(span.type_word) or bool(_STRONG_LOCATIVE.search(text, max(0, span.start - 40), span.start))
                or self._followed_by_unit(text, span.end))

    def _strong(self, span: _Span) -> bool:
        """A name whose main sense is a country, a province or a city of a million."""
        if span.key in PERSON_NAMES:
            return False
        g = self.gaz
        return any(g.feature[r] in ("country", "admin1", "continent", "region")
                   or (g.feature[r] == "city" and int(g.population[r]) >= 1_000_000)
                   for r in span.rows)

    def _keep_single(self, text: str, tokens: list[_Token], ti: int, span: _Span) -> bool:
        tok = tokens[ti]
        word = span.key
        strong = any(self.gaz.feature[r] in ("country", "admin1", "continent", "region")
                     for r in span.rows)
        if word in FUNCTION_WORDS:
            return False
        if word in NOT_PLACES:
            return False
        if word in FACILITY_WORDS and _OF_NAME.match(text, span.end):
            return False  # "at the University of Manitoba": the body's head word, no town
        if word in GIVEN_NAMES and not (_STRONG_LOCATIVE.search(text[max(0, span.start - 40):span.start])
                                        or span.type_word or self._followed_by_unit(text, span.end)):
            return False  # "Paul", "Mary", "Chen": a person unless the text makes it a place
        # ACLED's bracket after a place names the units it lies in: "Dong village (Jos
        # North, Plateau)", "(Kiruhura, Western)". There a short word is a unit, and so
        # is a generic one that fills a later slot of the bracket ("Thea Sar (East)" and
        # "(North Waziristan district" name no unit "East" or "North").
        bracketed = _in_place_bracket(text, span.start)
        if word in GENERIC_NAMES:
            # "Central", "West", "Federal": admin units in some countries, but alone
            # in a sentence they are adjectives.
            return bool(span.type_word) or (bracketed and _bracket_slot(text, span.start, span.end))
        if any(c.isupper() for c in tok.text[1:]) and not tok.text.isupper() and not (
                _ELIDED_CAPITALS.match(tok.text)
                and any(self._main_key(r) == word for r in span.rows)) and not (
                any(self.gaz.name[r] == tok.text for r in span.rows) and self._place_frame(text, span)
                and not text.startswith(("'s", "’s"), span.end)):
            # "MoD", "VerDi": brands and acronyms, not places. "NDjamena" (N'Djamena),
            # "IJmuiden": a place's own name written without its apostrophe, or Dutch IJ;
            # "in LaFayette", "McLean County": a place's own spelling where the text makes
            # it a place ("outside McDonald's" is the brand's shop).
            return False
        before = text[max(0, span.start - 40):span.start]
        if len(tok.text) <= 3 and not tok.text.isupper() and not strong and not (
                _STRONG_LOCATIVE.search(before) or bracketed or span.type_word):
            return False  # "Can", "Inc", "Dad": too short to trust without context ("Abs district")
        if tok.text.isupper() and len(tok.text) <= 4 and not tok.weak_case:
            return strong and len(tok.text) >= 4  # acronyms: NATO, ISIS, UN
        g = self.gaz
        town = any(g.feature[r] == "city" and int(g.population[r]) >= 50_000
                   and fold(g.name[r]) == word for r in span.rows) or any(
            g.feature[r] == "admin2" and int(g.population[r]) >= 500_000
            and g.country_code[r] != "US" and fold(g.name[r]) == word for r in span.rows)
        # wordfreq counts "norwich" as often as "police": a town of 50,000 under that very
        # name outweighs the word, and so does a county of half a million that news names
        # bare ("to Hampshire", "in Essex"). A US county is "Harris County" in the news:
        # the gazetteer drops "County", so bare "Harris" or "Jackson" is a person.
        if (word in COMMON_WORDS and not town) or len(word) <= 2 or word in ORGANISATION_HEADS:
            # "Police said", "Of", "Said": only a clear place frame makes these places.
            before = text[max(0, span.start - 40):span.start]
            return (bool(span.type_word) or bool(_STRONG_LOCATIVE.search(before))
                    or self._followed_by_unit(text, span.end))
        if not any(self._main_key(r) == word for r in span.rows) and all(
                g.feature[r] == "city" and int(g.population[r]) < 100_000 for r in span.rows):
            # "the Boons", "Prate said", "Andre De Grasse": a word that is only a small
            # town's other spelling is a place where the text frames it as one ("in
            # Varzaqan", "Varzaqan in East Azerbaijan", "Dulles International Airport",
            # "Shutul, Unaba and Rukha districts", "(Oicha, Beni, Nord-Kivu)", "in the
            # Ar Rutba desert").
            return (bool(span.type_word) or bool(_LOCATIVE.search(_ARTICLE_BEFORE.sub("", before)))
                    or bool(_LIST_BEFORE.search(before)) or _in_place_bracket(text, span.start)
                    or bool(_BRACKET_AFTER.match(text, span.end))
                    or bool(_IN_NAME_AFTER.match(text, span.end))
                    or _next_word(text, span.end) in FACILITY_WORDS
                    or self._followed_by_unit(text, span.end))
        return True

    def _lowercase_spans(self, text: str, tokens: list[_Token]) -> list[_Span]:
        """All-lowercase text: every n-gram, minus common words and small places."""
        spans: list[_Span] = []
        n = len(tokens)
        # Per token, computed once instead of for each of the n-grams holding it: its
        # folded form, its lowercase form, and whether the gap before it folds to one
        # plain space (then an n-gram's key is its tokens' keys joined by spaces).
        folded = [_fold_word(t.text) for t in tokens]
        lower = [t.text.lower() for t in tokens]
        plain_gap = [k > 0 and _PLAIN_GAP.fullmatch(text, tokens[k - 1].end, tokens[k].start)
                     is not None for k in range(n)]
        # The first token at or after k whose glue ("'", ".", "&") no n-gram spans.
        stop = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            stop[k] = k if tokens[k].glue not in ("", "-") else stop[k + 1]
        # A longer n-gram neither starts nor ends on a function or common word.
        inner = [w not in FUNCTION_WORDS and w not in COMMON_WORDS for w in lower]
        i = 0
        while i < n:
            hit = None
            last = min(n, i + 5, stop[i + 1] if i + 1 < n else n) - 1 if inner[i] else i
            for j in range(last, i - 1, -1):
                if i != j and not inner[j]:
                    continue
                s, e = tokens[i].start, tokens[j].end
                if i == j:
                    key = folded[i]
                elif all(plain_gap[k] and folded[k] for k in range(i + 1, j + 1)) and folded[i]:
                    key = " ".join(folded[i:j + 1])
                else:
                    key = fold(text[s:e])
                if i == j and (key in COMMON_WORDS or key in FUNCTION_WORDS or len(key) < 4):
                    continue
                rows, dem = self._lookup(key)
                if not rows:
                    continue
                if i == j and not dem and not any(
                    self.gaz.feature[r] != "city" or self.gaz.population[r] >= 100_000
                    for r in rows
                ):
                    continue
                hit = _Span(s, e, text[s:e], key, rows, demonym=dem)
                break
            if hit:
                nxt = _next_word(text, hit.end)
                if nxt in ADMIN_WORDS or nxt in SETTLEMENT_WORDS:
                    hit.type_word = nxt
                spans.append(hit)
                while i < len(tokens) and tokens[i].start < hit.end:
                    i += 1
            else:
                i += 1
        return spans

    def _abbreviation_spans(self, text: str, spans: list[_Span]) -> list[_Span]:
        """ "Charleston, W.Va.", "NSW", "J&K": case-sensitive abbreviations."""
        if self._abbrev_re is None:
            return []
        taken = [(s.start, s.end) for s in spans]
        out = []
        for m in self._abbrev_re.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            abbrev = m.group(0)
            rows = tuple(self.gaz.abbreviations[abbrev])
            after_place = bool(_ABBREV_GAP.match(text[_prev_end(spans, s):s])) and any(
                sp.end <= s and _ABBREV_GAP.match(text[sp.end:s]) for sp in spans)
            if abbrev == "BC" and re.search(r"\d\s*$", text[max(0, s - 8):s]):
                continue  # "200 BC"
            short = len(abbrev.replace(".", "")) <= 3 and not _is_standalone_abbrev(abbrev)
            if short and not after_place and not _LOCATIVE.search(text[max(0, s - 20):s]):
                continue
            out.append(_Span(s, e, abbrev, fold(abbrev), rows))
        return out

    def _typed_unknown_spans(self, text: str, tokens: list[_Token],
                             spans: list[_Span]) -> list[_Span]:
        """ "Kan Beit village", "the town of Amshipora": places the gazetteer lacks.

        They stay unresolved (place None) unless a plugged geocoder knows them; the
        event locator codes them to the unit that contains them, with precision 2.
        """
        out = []
        taken = [(s.start, s.end) for s in spans]
        for m in _TYPED_UNKNOWN.finditer(text):
            name = m.group("pre") or m.group("post")
            s = m.start("pre") if m.group("pre") else m.start("post")
            e = s + len(name)
            if any(a < e and s < b for a, b in taken) or fold(name) in FUNCTION_WORDS:
                continue
            if any(w.lower() in FUNCTION_WORDS | TITLES for w in name.split()[:1]):
                continue
            type_word = (m.group("w1") or m.group("w2") or "").lower()
            out.append(_Span(s, e, name, fold(name), (), type_word=type_word))
        return out

    # -- hints -------------------------------------------------------------------

    def _link_hints(self, text: str, spans: list[_Span]) -> None:
        """Link each name to the names right after it that contain it (a chain)."""
        for i, span in enumerate(spans):
            before = text[max(0, span.start - 50):span.start]
            span.cue = "near" if _NEAR.search(before) else ""
            span.locative = bool(_STRONG_LOCATIVE.search(before))
            span.bracketed = _in_place_bracket(text, span.start)
            if span.associative:
                continue  # "Geoje Sea World (Sodong-ri, Geoje)": the bracket places the park
            k = i
            while k + 1 < len(spans):
                gap = text[spans[k].end:spans[k + 1].start]
                # ACLED's aside "Kishm district [coded to Mashhad], Badakhshan": Kishm and
                # the place it is coded to both lie in the unit after the aside.
                aside_end = _SQUARE_ASIDE_END.match(gap)
                if aside_end is not None and text.rfind("[", 0, span.start) > text.rfind("]", 0, span.start):
                    gap = gap[aside_end.end():]
                aside = _SQUARE_ASIDE.match(text, spans[k].end)
                if aside is not None:
                    after = aside.end()
                    nxt = next((n for n in range(k + 1, len(spans)) if spans[n].start >= after), None)
                    if nxt is None:
                        break
                    gap = (aside.group(1) or "") + text[after:spans[nxt].start]
                    if (len(gap) > 40 or not _HINT_GAP.match(gap) or spans[nxt].demonym
                            or spans[nxt].associative):
                        break
                    span.hints.append(nxt)
                    spans[nxt].children.append(i)
                    k = nxt
                    continue
                if (len(gap) > 40 or not _HINT_GAP.match(gap) or spans[k + 1].demonym
                        or spans[k + 1].associative):
                    break
                if ")" in gap:
                    break
                span.hints.append(k + 1)
                spans[k + 1].children.append(i)
                k += 1
            # ACLED's "Bamande (Walese Vonkutu, Irumu, Ituri)": every name in the
            # bracket right after a place contains it, even past a name the gazetteer
            # lacks ("near Ngara (Starehe, Nairobi county)").
            m = _BRACKET_AFTER.match(text, span.end)
            if m is None:
                continue
            close = text.find(")", m.end(), m.end() + 120)
            if close < 0:
                continue
            for k in range(i + 1, len(spans)):
                other = spans[k]
                if other.start >= close:
                    break
                if (other.start >= m.end() and k not in span.hints and not other.demonym
                        and not other.associative):
                    span.hints.append(k)
                    other.children.append(i)

    # -- resolution --------------------------------------------------------------

    def _resolve(self, spans: list[_Span], text: str) -> None:
        if not spans:
            return
        self._add_fuzzy_admins(spans)
        focus: dict[str, float] = {}
        groups = self._group_votes(text)
        for _ in range(3):
            self._resolve_pass(spans, focus)
            focus = self._focus(spans, groups)
        self._prefer_city_over_same_name_unit(spans)
        self._settle_chains(spans, text)
        self._province_after_unknown_district(spans, text)
        self._unresolve_outside_hint(spans, text)
        self._similar_town_in_hint(spans)
        self._drop_unsupported(spans, focus, text)

    def _similar_town_in_hint(self, spans: list[_Span]) -> None:
        """ "Kyainseikgyi township (Kawkareik district, Kayin state)": a name the gazetteer
        lacks, inside a unit it knows, is a town of that unit spelled a little
        differently ("Kyain Seikgyi") when one is close enough."""
        g = self.gaz
        for span in spans:
            if span.best is not None or span.demonym or span.person or len(span.key) < 4:
                continue
            unit = next((spans[h].best for h in span.hints if spans[h].best is not None), None)
            # "Takihi town in Deir ez Zor countryside": a town as the hint stands for its
            # province.
            if unit is None or g.feature[unit] not in ("admin1", "admin2", "city"):
                continue
            admin2 = g.admin2[unit] if g.feature[unit] == "admin2" else None
            found = g.similar_towns(span.key, g.country_code[unit], g.admin1_code[unit], admin2)
            if found:
                span.best = found[0]

    def _settle_chains(self, spans: list[_Span], text: str) -> None:
        """A name and the units named right after it lie in one country.

        "Kelly town in Idleb", "Loza de los Padres, Guanajuato", "Palma (Palma, Cabo
        Delgado)": each name of the chain votes for its country (a small town known
        only by an alternate name or read as a town despite "district" half a vote,
        a repeated name once); the country
        with most votes wins, then the one the rest of the article names most, then
        the outermost name's. Members elsewhere take their candidate in that country or
        stay unresolved: a village the gazetteer lacks is better coded to its unit
        than to a namesake on another continent.
        """
        g = self.gaz
        for head in spans:
            if not head.hints or head.children or head.demonym:
                continue
            members = [head] + [spans[h] for h in head.hints]
            self._province_not_country(members)
            if not self._containment_chain(members, text):
                continue
            votes: defaultdict[str, float] = defaultdict(float)
            seen: set[str] = set()
            # A repeated name votes once, as the unit it names last: in "San Miguel
            # municipality, San Miguel" the department says which San Miguel.
            for m in reversed(members):
                if m.best is None or m.key in seen or not g.country_code[m.best]:
                    continue
                seen.add(m.key)
                votes[g.country_code[m.best]] += self._chain_weight(m)
            if len({g.country_code[m.best] for m in members if m.best is not None}) < 2:
                continue
            outer = next((g.country_code[m.best] for m in reversed(members) if m.best is not None), "")
            ids = {id(m) for m in members}
            rest = Counter(g.country_code[o.best] for o in spans
                           if id(o) not in ids and o.best is not None)
            winner = max(votes, key=lambda cc: (round(votes[cc], 3), rest.get(cc, 0), cc == outer))
            for m in members:
                if m.best is None or g.country_code[m.best] == winner:
                    continue
                if g.feature[m.best] in ("country", "region", "continent"):
                    continue
                ranked = [r for _, r in m.scores] + [r for r in m.rows]
                m.best = next((r for r in ranked if g.country_code[r] == winner), None)

    def _province_not_country(self, members: list[_Span]) -> None:
        """ "Nasko (Magama, Niger)", "Mariga LGA (Niger)": a name that is a country and
        also a province of another country is the province when the names before it
        lie there, or when one of them is a district the gazetteer lacks: a district
        lies in a province, not straight in a country."""
        g = self.gaz
        for k in range(1, len(members)):
            m = members[k]
            if m.best is None or g.feature[m.best] != "country":
                continue
            inner = [x.best for x in members[:k] if x.best is not None]
            if any(self._contains(m.best, r) for r in inner):
                continue
            units = [r for r in m.rows if g.feature[r] == "admin1"]
            lacking = any(x.best is None and not x.rows and x.type_word in ADMIN2_WORDS
                          for x in members[:k])
            m.best = next((r for r in units if lacking or any(self._contains(r, x) for x in inner)),
                          m.best)

    def _province_after_unknown_district(self, spans: list[_Span], text: str) -> None:
        """ "Gwalo (Paikoro, Niger)": ACLED's bracket names the district and the province.
        When the district is a name the gazetteer lacks, a last name that is a country
        and also a province (Nigeria's Niger state) is the province."""
        g = self.gaz
        for span in spans:
            if span.best is None or span.hints or g.feature[span.best] != "country":
                continue
            bracket = _INSIDE_BRACKET.search(text, max(0, span.start - 60), span.start)
            if bracket is None or not span.bracketed:
                continue
            names = re.findall(r"[A-Z][\w'’-]+", text[bracket.start():span.start].split("(")[-1])
            known = {fold(o.text) for o in spans if o is not span and o.start < span.start}
            if not names or any(fold(n) in known for n in names):
                continue
            unit = next((r for _, r in span.scores if g.feature[r] == "admin1"), None)
            if unit is not None:
                span.best = unit

    def _containment_chain(self, members: list[_Span], text: str) -> bool:
        """Names that nest ("Muse, Shan", "Kelly town in Idleb"), not a list of peers.

        "France, Germany and Italy", "Copenhagen, Hamburg": a list names places side
        by side and says nothing about their country.
        """
        g = self.gaz
        feats = [g.feature[m.best] for m in members if m.best is not None]
        if not feats or feats[0] in ("country", "region", "continent"):
            return False
        levels = [_LEVEL.get(f, 0) for f in feats]
        if any(b < a for a, b in zip(levels, levels[1:])):
            return False
        if feats[-1] in ("admin1", "admin2", "country"):
            return True
        # Towns after towns: only "X in Y", "X (Y" and "the X neighborhood of Y" say the
        # second contains the first.
        gap = text[members[0].end:members[1].start]
        return "(" in gap or bool(_TOWN_IN_TOWN.search(gap))

    def _chain_weight(self, span: _Span) -> float:
        """A unit, a country or a town named by its main name is a full vote."""
        g = self.gaz
        r = span.best
        assert r is not None
        if g.feature[r] == "city" and span.type_word in ADMIN_WORDS:
            return 0.5  # "Dang district" read as a town
        if span.key in GENERIC_NAMES:
            return 0.25  # "(Al Wahat, East)": many countries have an "East" or a "Western"
        if g.feature[r] != "city" or int(g.population[r]) >= 50_000 or self._main_key(r) == span.key:
            return 1.0
        return 0.5

    def _unresolve_outside_hint(self, spans: list[_Span], text: str) -> None:
        """ "Baranivka, Sumy" where no Baranivka lies in Sumy: the gazetteer lacks it.

        Keeping another Baranivka 500 km away would be worse than saying nothing:
        the village takes its namesake inside the unit, or stays unresolved and the
        event is coded to the unit it is in.
        """
        g = self.gaz
        for span in spans:
            if span.best is None or not span.hints or g.feature[span.best] != "city":
                continue
            if int(g.population[span.best]) >= 100_000:
                continue
            units = ("admin1", "admin2", "country")
            hint: _Span | None = spans[span.hints[0]]
            assert hint is not None
            if hint.best is None or g.feature[hint.best] not in units:
                if hint.key == span.key:
                    continue  # "Kadugli (Kadugli locality, ...)": the town's own unit
                # "Kan Beit village (Yesagyo township, Pakokku district, Magway region)":
                # past a township read as a town, the first unit of the chain decides.
                town = hint
                hint = next((spans[h] for h in span.hints[1:] if spans[h].best is not None
                             and spans[h].key != span.key and g.feature[spans[h].best] in units),
                            None)
                if hint is None:
                    # "Union Station in Los Angeles": a town "in" another town lies near it.
                    if town.best is None or not _TOWN_IN_TOWN.search(text, span.end, town.start):
                        continue
                    hint = town
            if not any(self._inside_hint(span.best, spans[h]) for h in span.hints):
                span.best = next((r for _, r in span.scores if self._inside_hint(r, hint)), None)

    def _resolve_pass(self, spans: list[_Span], share: dict[str, float]) -> None:
        resolved_points = [
            (i, self.gaz.latitude[s.best], self.gaz.longitude[s.best])
            for i, s in enumerate(spans)
            if s.best is not None and self.gaz.feature[s.best] in ("city", "admin2")
        ]
        # Each name counts once: "San Francisco" said three times must not support itself.
        admin_counts = Counter(
            (cc, a1) for _key, cc, a1 in {
                (s.key, self.gaz.country_code[s.best], self.gaz.admin1_code[s.best])
                for s in spans if s.best is not None and self.gaz.feature[s.best] != "country"
            }
        )
        for i, span in enumerate(spans):
            if not span.rows:
                continue
            scored = sorted(
                ((self._score(i, r, span, spans, share, resolved_points, admin_counts), r)
                 for r in span.rows),
                reverse=True,
            )
            span.scores = scored[:12]
            span.best = scored[0][1]
            span.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 10.0

    def _score(self, i: int, row: int, span: _Span, spans: list[_Span], share: dict[str, float],
               points: list[tuple[int, float, float]],
               admin_counts: Counter[tuple[str, str]]) -> float:
        g = self.gaz
        feat = g.feature[row]
        score = math.log10(int(g.population[row]) + 10)
        score += _FEATURE_PRIOR.get(feat, 0.0)
        if feat == "city" and not span.type_word and not span.children and not span.bracketed:
            # A town the world has names for is the one a bare name means ("Louisville",
            # "Venice"); "Nairobi county" says which kind of place is meant, and so does a
            # name that holds another or sits in a bracket of units ("Pileta (Sucre)").
            score += 0.5 * math.log10(int(g.alternates[row]) + 1)
        if self._main_key(row) == span.key:
            score += 1.0
        if span.type_word:
            score += _type_bonus(span.type_word, feat)
        elif feat == "admin2" and fold(g.name[row]) == span.key and g.country_code[row] == "US":
            score -= 2.0  # news writes "Atlantic County" in full; bare "Atlantic" is not it
        if g.is_national_capital(row):
            score += 3.5  # "Washington" is the capital before it is the state
        cc = g.country_code[row]
        score += 6.0 * share.get(cc, 0.0)
        if feat in ("city", "admin2"):
            n = admin_counts.get((cc, g.admin1_code[row]), 0)
            mine = 1 if span.best is not None and (
                g.country_code[span.best], g.admin1_code[span.best]) == (cc, g.admin1_code[row]) else 0
            score += 1.0 * min(n - mine, 2)
            lat, lon = g.latitude[row], g.longitude[row]
            # The cheap degree test first: most pairs are continents apart.
            near = sum(1 for k, la, lo in points
                       if spans[k].key != span.key and abs(la - lat) < 1.4
                       and _km(lat, lon, la, lo) < 150)
            score += 1.0 * min(near, 2)
        for h in span.hints:
            # "Colombo (Colombo, Western)": a hint of the same name is the town's own
            # district, whichever country's; it says nothing about which Colombo.
            if spans[h].key != span.key and self._inside_hint(row, spans[h]):
                score += 10.0
        for c in span.children:
            child = spans[c]
            # "Mariga LGA (Niger)": a district the gazetteer lacks lies in a province
            # (Nigeria's Niger state), not straight in a country of that name.
            if any(self._contains(row, r) for r in child.rows[:50]) or (
                not child.rows and feat != "city"
                and not (feat == "country" and child.type_word in ADMIN2_WORDS)
                # "the Moallemeen neighborhood of Amara city": a quarter lies in a town
                and child.type_word not in _QUARTER_WORDS
            ):
                score += 5.0
        if feat in ("country", "admin1") and not span.hints:
            inside = sum(1 for s in spans if s is not span and s.best is not None
                         and s.key != span.key and self._contains(row, s.best))
            score += 1.0 * min(inside, 3)
        return score

    def _main_key(self, row: int) -> str:
        key = self._main_keys.get(row)
        if key is None:
            key = self._main_keys[row] = fold(self.gaz.name[row])
        return key

    def _add_fuzzy_admins(self, spans: list[_Span]) -> None:
        """ "Sagaing region" where the gazetteer spells the unit "Sagain": add it."""
        for span in spans:
            if span.type_word not in ADMIN_WORDS or span.demonym:
                continue
            feats = {self.gaz.feature[r] for r in span.rows}
            if feats & {"admin1", "admin2"}:
                continue
            countries = {self.gaz.country_code[r] for r in span.rows[:30]}
            extra = self.gaz.similar_admins(span.key, countries)
            if extra:
                span.rows = tuple(dict.fromkeys(span.rows + tuple(extra)))

    def _prefer_city_over_same_name_unit(self, spans: list[_Span]) -> None:
        """ "Tbilisi", "Dallas", "Paris": a unit named after its main town means the town.

        Unless the text says "district"/"province", the town is the likelier referent
        and the more precise one.
        """
        g = self.gaz
        for span in spans:
            if span.best is None or span.demonym:
                continue
            if g.feature[span.best] == "country" and span.type_word in SETTLEMENT_WORDS:
                # "Gaza city": a country's alias that is also its town's name, said as a town.
                span.best = next((r for r in span.rows if g.feature[r] == "city"
                                  and g.country_code[r] == g.country_code[span.best]
                                  and fold(g.name[r]) == span.key), span.best)
                continue
            if g.feature[span.best] not in ("admin1", "admin2"):
                continue
            # "Sardegna in Cagliari": a larger unit chained after the name is no part of it.
            level = _LEVEL[g.feature[span.best]]
            if span.type_word or any(
                    spans[c].best is None or _LEVEL.get(g.feature[spans[c].best], 0) < level
                    for c in span.children):
                continue
            for r in span.rows:
                if g.feature[r] == "city" and self._contains(span.best, r) and (
                    g.capital[span.best] == g.geonameid[r] or fold(g.name[r]) == span.key
                ):
                    span.best = r
                    break

    def _drop_unsupported(self, spans: list[_Span], focus: dict[str, float], text: str) -> None:
        """Forget small foreign towns nothing else in the text supports.

        A capitalised word that happens to name a village of 2,000 people on another
        continent ("Largo", "Tea", "Minster") is far more often not a place at all.
        """
        g = self.gaz
        for span in spans:
            if span.best is None or span.children or span.type_word:
                continue
            if span.locative or (not span.hints and span.bracketed):
                # "Al Balaq (Marib)", "Nyamaboko (Kanyosha, Bujumbura Rural)": the bracket
                # after a name says where that place lies.
                continue
            r = span.best
            # "Sodong-ri, Geoje": a hint in another country is no support.
            if any(spans[h].best is None or g.country_code[spans[h].best] == g.country_code[r]
                   for h in span.hints):
                continue
            if g.feature[r] != "city" or int(g.population[r]) >= 20_000:
                continue
            cc = g.country_code[r]
            supported = any(
                o is not span and o.best is not None and o.key != span.key and (
                    g.country_code[o.best] == cc and g.feature[o.best] != "continent"
                )
                for o in spans
            )
            if not supported:
                span.best = None
                span.rows = ()
                span.dropped = True

    def _group_votes(self, text: str) -> Counter[str]:
        """One vote for its country per group of one country, or word for one country's
        units, that the text names."""
        if self._clues.kind != ahocorasick.AHOCORASICK:
            return Counter()
        found: defaultdict[str, set[str]] = defaultdict(set)
        n = len(text)
        low = text.lower()
        if len(low) != n:  # "İ" lowercases to two characters: keep offsets aligned
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        for end, (key, clues) in self._clues.iter(low):
            start = end - len(key) + 1
            after = text[end + 1] if end + 1 < n else " "
            before = text[start - 1] if start > 0 else " "
            # "Haman-gun": a word starting with a hyphen ends a name (not "anti-gun"); the
            # rest stand alone.
            if after.isalnum() or after in "-_" or (
                    not _ends_name(text, start) if key.startswith("-") else (before.isalnum() or before in "-_")):
                continue
            for name, cc in clues:
                if name is None or text[start:end + 1] == name:
                    found[key].add(cc)
        return Counter(cc for ccs in found.values() for cc in ccs)

    def _focus(self, spans: list[_Span], groups: Counter[str] | None = None) -> dict[str, float]:
        """Share of the article's place evidence that each country gets.

        Each name votes for the countries of its candidates, softly, by how much
        better each country's best candidate scored: an ambiguous name splits its
        vote, a country name or a demonym gives it whole; each group that acts in one
        country only, or word for one country's body, gives two.
        """
        # A group or word votes only for a country some name of the text may lie in: "CGT"
        # (France, Spain, Argentina) before "Laval" (France, Canada) speaks for France, and
        # its other countries do not thin that vote out. It weighs as two names: "UGT union
        # members gathered in Cordoba" is Spain's Cordoba, not Argentina's bigger one.
        possible = {self.gaz.country_code[r] for s in spans for _, r in s.scores}
        votes: defaultdict[str, float] = defaultdict(
            float, {cc: 2.0 * v for cc, v in (groups or {}).items() if cc in possible})
        seen: set[str] = set()
        for s in spans:
            # A name said three times is one piece of evidence, not three: repeated,
            # a wrong reading would vote itself into the focus.
            if not s.scores or s.key in seen:
                continue
            seen.add(s.key)
            best_by_cc: dict[str, float] = {}
            for score, r in s.scores:
                cc = self.gaz.country_code[r]
                if cc and score > best_by_cc.get(cc, -1e9):
                    best_by_cc[cc] = score
            if not best_by_cc:
                continue
            top = max(best_by_cc.values())
            weights = {cc: math.exp(1.5 * (sc - top)) for cc, sc in best_by_cc.items()}
            total = sum(weights.values())
            for cc, w in weights.items():
                votes[cc] += w / total
        n = sum(votes.values()) or 1.0
        return {cc: v / n for cc, v in votes.items()}

    def _inside_hint(self, row: int, hint: _Span) -> bool:
        """True when the hint names a unit that contains ``row``."""
        if any(self._contains(r, row) for r in hint.rows[:80]):
            return True
        # The hint may spell the unit differently from the gazetteer ("Sagaing" / "Sagain").
        g = self.gaz
        for name in (g.admin1[row], g.admin2[row]):
            if name and _similar(fold(name), hint.key):
                return True
        return False

    def _contains(self, outer: int, inner: int) -> bool:
        g = self.gaz
        if outer == inner:
            return False
        f = g.feature[outer]
        cc = g.country_code[outer]
        if f == "continent":
            return False
        if f == "country":
            return g.country_code[inner] == cc and g.feature[inner] != "country"
        if f == "region":
            return (cc != "" and g.country_code[inner] == cc) or _km(
                g.latitude[outer], g.longitude[outer], g.latitude[inner], g.longitude[inner]) < 400
        if g.country_code[inner] != cc:
            return False
        if f == "admin1":
            return g.admin1_code[inner] == g.admin1_code[outer] and g.feature[inner] != "admin1"
        if f == "admin2":
            if g.admin1_code[inner] != g.admin1_code[outer] or g.feature[inner] != "city":
                return False
            if g.admin2[inner]:
                return g.admin2[inner] == g.admin2[outer]
            # The gazetteer knows no district for many towns ("Bourzanga"): one in the
            # province, near the district's middle, may lie in it.
            return _km(g.latitude[outer], g.longitude[outer], g.latitude[inner],
                       g.longitude[inner]) < 60
        # A town as a hint: "Amshipora in Shopian" — same district or close by.
        if g.feature[inner] != "city":
            return False
        if g.admin2[inner] and g.admin2[inner] == g.admin2[outer]:
            return True
        return _km(g.latitude[outer], g.longitude[outer], g.latitude[inner],
                   g.longitude[inner]) < 40

    def _mention(self, span: _Span) -> PlaceMention:
        if span.best is None:
            place = None
            if self.geocoder is not None and span.type_word:
                place = self.geocoder.geocode(span.text)
            kind = "admin" if span.type_word in ADMIN_WORDS else "place"
            return PlaceMention(span.start, span.end, span.text, kind, place)
        place = self.gaz.place(span.best)
        if span.demonym:
            kind = "demonym"
        elif span.associative:
            kind = "associative"
        else:
            kind = _KIND[place.feature]
        return PlaceMention(span.start, span.end, span.text, kind, place)

    # -- locating ----------------------------------------------------------------

    def _pick(self, text: str, mentions: Sequence[PlaceMention],
              article: Sequence[PlaceMention],
              only_if_coded: Sequence[PlaceMention] = ()) -> PlaceMention | None:
        """The mention that most specifically places the sentence's event.

        Towns beat units, names in the article's main country beat others, names
        after "in"/"near"/"at" beat names in passing, earlier beats later.
        """
        # Demonyms say who, not where: they do not make a country the focus.
        counts = Counter(m.place.country_code for m in article
                         if m.place is not None and m.place.country_code and m.kind != "demonym")
        top = counts.most_common(1)[0][1] if counts else 0
        best = None
        best_key: tuple[float, ...] | None = None
        for m in mentions:
            if m.kind in ("demonym", "associative") or m.place is None:
                continue
            if _GROUP_AFTER.match(text, m.end):
                continue  # "Kuchi militants", "Niger militiamen": who, like a demonym, not where
            spec = _SPECIFICITY.get(m.place.feature, 0)
            facility = _FACILITY_IN.match(text, m.end)
            if facility is not None and any(o.start == facility.end() and o.kind == "place" for o in mentions):
                # "at Santa Croce square in Florence", "Tolbiac university in Paris": a name
                # that names a site in a town says where in the town, not which town.
                spec -= 4
            locative, for_unknown = self._locative_weight(text, m.start, mentions)
            if for_unknown:
                # The unit stands for the village the gazetteer lacks, the event's place:
                # as specific as a town ("in Aguasclaras corregimiento (Norte de
                # Santander) ... in the El Uvito sector" is coded to Aguasclaras).
                spec = _SPECIFICITY["city"]
            in_focus = 1 if counts.get(m.place.country_code, 0) == top else 0
            # ACLED says where it codes the event: "in Bolivar state (coded to Ciudad
            # Bolivar, Bolivar)", "Kishm district [coded to Mashhad]"; unless the name
            # lies outside the provinces the sentence names ("Entre Rios
            # province (coded to Parana)" is no Brazilian state, "Changzhou city, Jiangsu
            # (coded to Xinbei)" no Xinbei of Jiangxi).
            coded = 10 if _coded_to(text, m) and in_focus and all(
                (o.place.country_code, o.place.admin1) == (m.place.country_code, m.place.admin1)
                for o in mentions if o.place is not None and o.place.feature == "admin1") else 0
            if not coded and m in only_if_coded:
                continue  # another sentence's name, there only as the place coded to
            key = (spec + locative + 2.0 * in_focus + coded, -m.start)
            if best_key is None or key > best_key:
                best, best_key = m, key
        return best

    @staticmethod
    def _locative_weight(text: str, start: int, mentions: Sequence[PlaceMention]) -> tuple[int, bool]:
        """How strongly the words before a name say the event happened there.

        "in X", "near X": 3; a weaker preposition ("to X", "from X"): 1. "refugees from
        Ukraine arrived in Slovakia": a bare "from" names where people or fire came from,
        not the place of the event ("2 km from X" still places it near X). A name inside
        ACLED's bracket after a place ("in As Sawh (Kitaf wa Al Boqee, Sadah)") is where
        that place lies, so it takes the place's preposition; the second value says the
        place is one the gazetteer lacks, so the unit stands for it.
        """
        before = text[max(0, start - 40):start]
        unknown = False
        bracket = _INSIDE_BRACKET.search(before)
        if bracket is not None:
            opening = max(0, start - 40) + bracket.start()
            head = max((m for m in mentions if opening - 20 <= m.end <= opening),
                       key=lambda m: m.end, default=None)
            if head is not None:
                before = text[max(0, head.start - 40):head.start]
                unknown = head.place is None
            else:
                # A name the gazetteer lacks, not even marked as a place: "in As Sawh (".
                name = _NAME_BEFORE.search(text, max(0, opening - 60), opening)
                if name is not None:
                    before = text[max(0, name.start() - 40):name.start()]
                    unknown = True
        else:
            # "in Kundile village of Malistan district, Ghazni": the province after a
            # chain of places the gazetteer lacks takes the chain's preposition.
            head_start, lacking = Geoparser._chain_head(text, start, mentions)
            if lacking:
                before = text[max(0, head_start - 40):head_start]
                unknown = True
        near = _NEAR.search(before)
        if _STRONG_LOCATIVE.search(before) or (near and not _BARE_FROM.fullmatch(near.group(0))):
            return 3, unknown
        return (1 if _LOCATIVE.search(before) else 0), unknown

    @staticmethod
    def _chain_head(text: str, start: int, mentions: Sequence[PlaceMention]) -> tuple[int, bool]:
        """Where the chain of names ending at ``start`` begins ("Kundile village of Malistan
        district, Ghazni" -> Kundile), and whether a name of it is one the gazetteer lacks."""
        lacking = False
        pos = start
        while True:
            prev = max((m for m in mentions if m.end <= pos and pos - m.end <= 30),
                       key=lambda m: m.end, default=None)
            if prev is None or not _CHAIN_GAP.fullmatch(text, prev.end, pos):
                return pos, lacking
            lacking = lacking or prev.place is None
            pos = prev.start

    def _location(self, text: str, chosen: PlaceMention, inside: Sequence[PlaceMention],
                  mentions: Sequence[PlaceMention]) -> Location | None:
        place = chosen.place
        assert place is not None
        before = text[max(0, chosen.start - 50):chosen.start]
        if place.feature == "city":
            precision = 2 if _NEAR.search(before) else 1
            # An unresolved "X village" right before a town hint: the event is in X, near it.
            if any(m.place is None and m.end <= chosen.start and chosen.start - m.end < 40
                   for m in inside):
                precision = 2
            return self._make_location(place, precision, chosen, text, inside)
        if any(m.place is None and m.end <= chosen.start and chosen.start - m.end < 40
               for m in inside) and place.feature == "admin2":
            rep = self._representative(place)
            if rep is not None:
                return self._make_location(rep, 2, chosen, text, inside, unit=place)
        rep = self._representative(place)
        if rep is None:
            return None
        return self._make_location(rep, 3, chosen, text, inside, unit=place)

    def _representative(self, place: Place) -> Place | None:
        """The point ACLED codes a unit to: its capital (most populous place) or centre."""
        g = self.gaz
        row = g.row_of(place.geonameid)
        if row is None:
            return None
        cap = g.capital[row]
        if cap is not None:
            crow = g.row_of(int(cap))
            if crow is not None:
                return g.place(crow)
        return place

    def _make_location(self, place: Place, precision: int, chosen: PlaceMention, text: str,
                       inside: Sequence[PlaceMention], unit: Place | None = None) -> Location:
        info = self.gaz.country_info(place.country_code)
        admin1, admin2 = place.admin1, place.admin2
        if place.feature == "admin1":
            admin2 = None
        if (place.country_code, admin1) not in self.gaz.canonical_admin1:
            admin1 = self._text_spelling(admin1, inside, "admin1")
        admin1 = acled_unit_name(admin1)
        admin2 = acled_unit_name(self._text_spelling(admin2, inside, "admin2"))
        if info is not None and info.admin1_is_second_level and admin2:
            # Ireland's counties (not its four provinces), Serbia's districts, Taiwan's
            # cities and counties: countries.csv says which countries.
            admin1, admin2 = admin2, None
        if info is not None and info.coded_under:
            info, admin1, admin2 = self._coded_under(info, admin1, admin2)
        return Location(
            location=place.name,
            admin1=admin1,
            admin2=admin2,
            admin3=None,
            country=info.name if info else place.country,
            iso=info.isonumeric if info else 0,
            region=info.region if info else "",
            latitude=place.latitude,
            longitude=place.longitude,
            geo_precision=precision,
            geonameid=place.geonameid if place.geonameid > 0 else None,
            mention_start=chosen.start,
            mention_end=chosen.end,
        )

    def _coded_under(self, territory: CountryInfo, admin1: str | None,
                     admin2: str | None) -> tuple[CountryInfo, str | None, str | None]:
        """ACLED codes Hong Kong's events under China, with Hong Kong as the admin1 and its
        district as the admin2; Svalbard's under Norway, where GeoNames' admin1 is already
        the territory's name (one of its aliases)."""
        sovereign = self.gaz.country_info(territory.coded_under)
        if sovereign is None:
            return territory, admin1, admin2
        names = {fold(n) for n in (territory.name, *territory.aliases)}
        if admin1 and fold(admin1) in names:
            return sovereign, admin1, admin2
        return sovereign, territory.name, admin1

    @staticmethod
    def _text_spelling(name: str | None, inside: Sequence[PlaceMention], level: str) -> str | None:
        """Prefer the article's spelling of a unit that it names next to the event.

        GeoNames' names can be dated transliterations ("Sagain", "Shupiyan", "Dahuk");
        when the sentence itself names the unit, as ACLED notes and most reports do,
        its spelling is the one the sources use. A shortened form ("Kashmir" for
        "Jammu and Kashmir") or an abbreviation keeps the gazetteer's full name.
        """
        if not name:
            return name
        key = fold(name)
        for m in inside:
            if m.kind not in ("admin", "place") or m.place is None:
                continue
            mk = fold(m.text)
            if mk == key:
                return name
            unit = m.place.feature == level and getattr(m.place, level) == name
            variant = _similar(mk, key) and (unit or name in (m.place.admin1, m.place.admin2))
            if variant or (unit and _renamed(m.text, mk, key)):
                return m.text
        return name

    def _clue_location(self, text: str) -> Location | None:
        """No place the gazetteer knows ("the OSCE SMM observed shots near Pyshchevyk",
        "in Sreenagar upazila (Munshiganj)"): the country that the text's groups and unit
        words name, at precision 3, when they name one country more than any other."""
        ranked = self._group_votes(text).most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        g = self.gaz
        crow = g.country_row(ranked[0][0])
        if crow is None:
            return None
        country = g.place(crow)
        rep = self._representative(country) or country
        clue = PlaceMention(0, 0, "", "country", country)
        return self._make_location(rep, 3, clue, text, [], unit=country)

    def _focus_location(self, mentions: Sequence[PlaceMention]) -> Location | None:
        """No place in the sentence: the article's main admin unit, else its main country."""
        placed = [m for m in mentions if m.place is not None and m.kind != "demonym"
                  and m.place.country_code]
        if not placed:
            return None
        countries = Counter(m.place.country_code for m in placed if m.place)
        cc = countries.most_common(1)[0][0]
        admins: Counter[str] = Counter()
        for m in placed:
            if m.place and m.place.country_code == cc and m.place.admin1:
                admins[m.place.admin1] += 1
        g = self.gaz
        if admins:
            name = admins.most_common(1)[0][0]
            for m in placed:
                if m.place and m.place.country_code == cc and m.place.admin1 == name:
                    row = g.row_of(m.place.geonameid)
                    if row is None:
                        continue
                    arow = g.admin1_row(cc, g.admin1_code[row])
                    if arow is not None:
                        unit = g.place(arow)
                        rep = self._representative(unit) or unit
                        return self._make_location(rep, 3, m, "", placed, unit=unit)
        crow = g.country_row(cc)
        if crow is None:
            return None
        country = g.place(crow)
        rep = self._representative(country) or country
        first = next(m for m in placed if m.place and m.place.country_code == cc)
        return self._make_location(rep, 3, first, "", placed, unit=country)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

MAX_CANDIDATES = 60
_KIND = {"city": "place", "admin1": "admin", "admin2": "admin", "country": "country",
         "region": "region", "continent": "region"}
_LEVEL = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 3, "continent": 4}
_SPECIFICITY = {"city": 4, "admin2": 3, "admin1": 2, "region": 1, "country": 1, "continent": 0}
# Names that are countries or admin units are more often meant as such than as
# the towns sharing their name (population aside).
# Regions carry no population, so their prior stands in for it.
_FEATURE_PRIOR = {"country": 7.0, "continent": 7.0, "region": 8.0, "admin1": 2.0, "admin2": 0.3}

_TYPED_UNKNOWN = re.compile(
    r"(?:\b(?P<w1>village|town|city|hamlet|locality|area)\s+of\s+"
    r"(?P<post>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))"
    r"|(?:(?P<pre>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+"
    r"(?P<w2>village|town|township|district|sub-county|tehsil|camp|locality|area|neighbou?rhood|"
    r"LGA|municipality|commune)\b)"
)


def _coded_to(text: str, m: PlaceMention) -> bool:
    """ACLED's aside names ``m`` as the place it codes the event to: "(coded to Ciudad
    Bolivar, Bolivar)"; not when the name read is only the start of the one coded to
    ("coded as Kashmir Rebels", "coded to Wadi al Mimlah"), nor for another event
    ("fatalities coded to Zalizna Balka event")."""
    return bool(_CODED_TO.search(text, max(0, m.start - 60), m.start)) and not (
        _NAME_GOES_ON.match(text, m.end) or _OTHER_EVENT.match(text, m.end))


def _ends_name(text: str, pos: int) -> bool:
    """True when a capitalised word ends right before ``pos`` ("Haman" in "Haman-gun")."""
    k = pos
    while k > 0 and text[k - 1].isalnum():
        k -= 1
    return k < pos and text[k].isupper()


def country_words(reference_dir: Path | None = None) -> dict[str, str]:
    """data/reference/country_words.csv: words for the units or bodies of one country
    ("upazila" -> BD), by that country's ISO2 ("CGT" -> "FR|ES|AR" for a word listed
    for several)."""
    path = (reference_dir or default_reference_dir()) / "country_words.csv"
    if not path.exists():
        return {}
    words: dict[str, str] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("word") and row.get("iso2"):
                # A word on several rows names a body in each of their countries: "FR|ES".
                word, cc = row["word"].strip(), row["iso2"].strip().upper()
                if word not in words:
                    words[word] = cc
                elif cc not in words[word].split("|"):
                    words[word] += "|" + cc
    return words


def _type_bonus(type_word: str, feature: str) -> float:
    if type_word in ADMIN1_WORDS:
        return {"admin1": 6.0, "admin2": 4.0, "region": 3.0}.get(feature, 0.0)
    if type_word in ADMIN2_WORDS:
        return {"admin2": 6.0, "admin1": 2.0}.get(feature, 0.0)
    if type_word in SETTLEMENT_WORDS:
        return {"city": 4.0}.get(feature, -2.0)
    return 0.0


_UNIT_APOSTROPHES = re.compile(r"['‘’ʻʼ`]")
# French and Irish elisions keep their apostrophe: "Cote d'Azur", "Val-d'Oise", "O'Higgins".
_ELISION = re.compile(r"(?<![\w'‘’ʻʼ`])([dlDLO])['‘’ʼ](?=[A-Z])")


def acled_unit_name(name: str | None) -> str | None:
    """A unit's name as ACLED writes it: plain ASCII, no apostrophes but elisions'.

    "Ma'rib" -> "Marib", "Sa'dah" -> "Sadah", "Diyarbakır" -> "Diyarbakir",
    "T'bilisi" -> "Tbilisi"; hyphens and spaces stay ("Shan-North"), and so does the
    apostrophe of a French elision ("Provence-Alpes-Cote d'Azur").
    """
    if not name:
        return name
    plain = unicodedata.normalize("NFKD", name.replace("ı", "i").replace("ł", "l").replace("Ł", "L"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = _ELISION.sub(lambda m: m.group(1) + "\0", plain)
    plain = _UNIT_APOSTROPHES.sub("", plain).replace("\0", "'").encode("ascii", "ignore").decode()
    return " ".join(plain.split()) or name


def _renamed(text: str, key: str, canonical: str) -> bool:
    """True when ``text`` is another full name of the unit, not a short form of it."""
    if len(text) < 4 or text.isupper() or "." in text:
        return False
    return not set(key.split()) <= set(canonical.split())


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    return _km(lat1, lon1, lat2, lon2)


# Words recur across a corpus: their folds and lookups are kept (bounded).
_fold_word = lru_cache(maxsize=100_000)(fold)
_LOOKUP_CACHE = 200_000


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    end = 0
    for gap, word in _GAP_TOKEN.findall(text):
        start = end + len(gap)
        end = start + len(word)
        cap = word[0].isupper()
        if tokens:
            glue = gap if gap in _GLUE else ""
            # Sentence position only matters for capitalised words.
            sent_start = cap and _ends_sentence(gap)
        else:
            glue = ""
            sent_start = cap
        tokens.append(_Token(start, end, word, cap, glue, sent_start, False))
    _mark_weak_case(text, tokens)
    return tokens


_GLUE = frozenset({"-", "'", "’", ".", "&"})


def _mark_weak_case(text: str, tokens: list[_Token]) -> None:
    """Capitalised tokens in a line written in title case or capitals (a headline):
    there capitals say nothing. Lines are read from the tokens (no token spans a line
    break), so the text is not tokenized twice."""
    i, n = 0, len(tokens)
    while i < n:
        end = text.find("\n", tokens[i].start)
        if end < 0:
            end = len(text)
        j = i
        words = caps = 0
        while j < n and tokens[j].start < end:
            if len(tokens[j].text) > 3:
                words += 1
                caps += tokens[j].cap
            j += 1
        if words >= 3 and caps / words > 0.75:
            for k in range(i, j):
                if tokens[k].cap:
                    tokens[k].weak_case = True
        i = j


def _ends_sentence(gap: str) -> bool:
    """Whether the characters between two words end a sentence (or a line)."""
    stripped = gap.strip(" \t\"'“”‘’([")
    return "\n" in gap or (stripped[-1:] in (".", "!", "?", ":", ";", "—", "–")
                           if stripped else False) or gap.strip() in ("—", "--", "–")


def _is_lowercase_text(tokens: list[_Token]) -> bool:
    words = [t for t in tokens if t.text.isalpha()]
    if len(words) < 8:
        return False
    return sum(1 for t in words if t.cap) / len(words) < 0.02


def _runs(text: str, tokens: list[_Token]) -> list[list[int]]:
    """Index lists of capitalised tokens that may form one name."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for k, tok in enumerate(tokens):
        joined = bool(cur) and _joined(text, tokens[cur[-1]], tok)
        if tok.glue in ("'", "’") and tok.text.lower() == "s":
            # "Russia's Sputnik": the possessive ends the name.
            if cur:
                runs.append(cur)
            cur = []
            continue
        if tok.cap or (tok.glue and cur):
            if cur and not joined:
                runs.append(cur)
                cur = []
            cur.append(k)
        elif tok.text in CONNECTORS and cur and joined:
            cur.append(k)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        # "Dar'a", "Ma'rib": a lowercase part glued by an apostrophe belongs to the name.
        while run and not tokens[run[-1]].cap and not _glued_part(tokens[run[-1]]):
            run = run[:-1]
        # Sentence-initial function words are capitalised for grammar, not as names.
        while run and tokens[run[0]].text.lower() in FUNCTION_WORDS and (
            tokens[run[0]].sent_start or tokens[run[0]].weak_case
            or (tokens[run[0]].text.lower() in _NEVER_NAME_START
                and not _arabic_article(text, tokens, run))
        ) and not _saint(text, tokens, run):
            run = run[1:]
            while run and not tokens[run[0]].cap:
                run = run[1:]
        if run:
            out.append(run)
    return out


# A gap between tokens that fold() turns into exactly one space: ASCII, no letters or
# digits, and none of the characters fold() drops or spells out ("'", "`", "&").
_PLAIN_GAP = re.compile(r"[\x00-\x25\x28-\x2f\x3a-\x40\x5b-\x5f\x7b-\x7f]+")

_NEVER_NAME_START = _words("the a an in on at of for from to by with and or")


def _in_place_bracket(text: str, start: int) -> bool:
    """True for a name in a bracket right after another name: "Al Balaq (Marib)"."""
    bracket = _INSIDE_BRACKET.search(text, max(0, start - 60), start)
    if bracket is None:
        return False
    opening = bracket.start()
    aside = _ASIDE_BEFORE.search(text, max(0, opening - 80), opening)
    if aside is not None:  # "Al Balaq (coded to Jabal al Balaq) (Marib)"
        opening = aside.start()
    return _NAME_BEFORE.search(text, max(0, opening - 60), opening) is not None


def _saint(text: str, tokens: list[_Token], run: list[int]) -> bool:
    """ "St. Louis Police said": a sentence that opens on "St." and a name opens on a
    saint's name, not on a word capitalised for grammar."""
    first = tokens[run[0]]
    return (first.text.lower() in ("st", "ste", "mt", "ft") and len(run) > 1
            and text[first.end:tokens[run[1]].start] == ". ")


def _bracket_slot(text: str, start: int, end: int) -> bool:
    """True for a name that fills a later slot of a bracket by itself: "(Kiruhura, Western)"."""
    return bool(re.search(r",\s*$", text[max(0, start - 3):start])) and bool(
        re.match(r"\s*[,)]", text[end:end + 3]))


def _glued_part(tok: _Token) -> bool:
    """ "Dar'a", "Ma'rib": a lowercase part after an apostrophe, not a contraction ("I've")."""
    return tok.glue in ("'", "’") and tok.text not in _CONTRACTIONS


_CONTRACTIONS = frozenset({"s", "ve", "ll", "re", "d", "t", "m"})


def _arabic_article(text: str, tokens: list[_Token], run: list[int]) -> bool:
    """ "in An Nahud", "At Tall": a capitalised "An"/"At" inside a sentence, before another
    capitalised word, is the Arabic article of a name, not the English word."""
    first = tokens[run[0]]
    return (first.text in ("An", "At") and len(run) > 1 and tokens[run[1]].cap
            and text[first.end:tokens[run[1]].start] == " ")


def _joined(text: str, a: _Token, b: _Token) -> bool:
    gap = text[a.end:b.start]
    if gap in (" ", "-", "'", "’", ".", "&"):
        return True
    # "St. Louis", "Mt. Kenya", "Ft. Worth"; "George W. Bush" (an initial)
    return gap == ". " and (a.text in ("St", "Ste", "Mt", "Ft", "Pt")
                            or (len(a.text) == 1 and a.text.isupper()))


def _can_start(tokens: list[_Token], k: int) -> bool:
    return tokens[k].glue in ("", "-")


def _can_end(tokens: list[_Token], k: int) -> bool:
    if k + 1 >= len(tokens):
        return True
    nxt = tokens[k + 1]
    if nxt.glue in ("", "-"):
        return True
    # "Syria's": the possessive ends the name.
    return nxt.glue in ("'", "’") and nxt.text.lower() == "s"


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"[\s]*([A-Za-z-]+)", text[pos:pos + 30])
    return m.group(1).lower() if m else ""


def _prev_words(text: str, pos: int, n: int) -> list[str]:
    words = re.findall(r"[A-Za-z.-]+", text[max(0, pos - 60):pos])
    return [w.lower() for w in words[-n:]]


_WORD_RIGHT_BEFORE = re.compile(r"([A-Za-z.-]+)[ \t]+$")


def _is_cap_word(text: str, pos: int) -> bool:
    return text[pos:pos + 1].isupper()


def _prev_end(spans: list[_Span], pos: int) -> int:
    ends = [s.end for s in spans if s.end <= pos]
    return max(ends) if ends else 0


_STANDALONE_ABBREVS = _words(
    "NSW QLD Qld J&K KPK U.S. U.K. UK US USA U.S.A. UAE U.A.E. DRC D.C. B.C. BC EU T&T"
)


def _is_standalone_abbrev(abbrev: str) -> bool:
    return abbrev in _STANDALONE_ABBREVS


def _drop_person_references(text: str, spans: list[_Span], persons: set[str]) -> list[_Span]:
    """Drop later bare uses of a name the article also gives as part of a person's name.

    "Michael Jordan ... Jordan said": once "Jordan" is a surname here, a bare "Jordan"
    is the person unless a locative word stands right before it ("in Jordan").
    """
    person_names: set[str] = set(persons)
    for m in _PERSON.finditer(text):
        words = m.group(0).split()
        if words[-1].lower() in FACILITY_WORDS or words[-1].lower() in ORGANISATION_HEADS:
            continue  # "the Venice Commission stated": a body speaks, not a person
        for w in words:
            person_names.add(fold(w))
    if not person_names:
        return spans
    out = []
    for s in spans:
        if s.key in person_names and " " not in s.key and not s.type_word:
            before = text[max(0, s.start - 25):s.start]
            if not _LOCATIVE.search(before) or re.search(r"\b(?:to|of|from)\s*$", before):
                continue
        out.append(s)
    return out


# A bare name the sentence makes a person: a quote's speaker after its verb ("said
# Georgia."), a relative ("Georgia's father"), "Georgia herself". A country speaks
# before the verb ("Russia said"). Not an age: "a 55-year-old Severn man" is a place.
_PERSON_FRAME = re.compile(
    r"\b(?:said|says|added|asked|explained|continued|recalled|according to)\s+([A-Z][a-z]+)"
    r"(?=\s*[,.;:!?]|\s*$)"
    r"|\b([A-Z][a-z]+)['’]s?\s+(?:father|mother|wife|husband|son|daughter|brother|sister|"
    r"parents|boyfriend|girlfriend|grandmother|grandfather)\b"
    r"|\b([A-Z][a-z]+)\s+(?:herself|himself)\b"
)
_SPEAKER_BEFORE = re.compile(r"\b(?:said|says|told|according to)\s+$", re.IGNORECASE)
# "First Last" names: two or three capitalised words starting with a common given-name
# shape, or any capitalised pair right after a title ("President Idriss Deby").
_PERSON = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|President|Prime Minister|Minister|Gen|General|Col|Sen|Rep|Gov|"
    r"Coach|Judge|King|Prince|Sheikh)\.?\s+)((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)"
    r"|\b(?:[A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?(?:[A-Z][a-z]+)(?=\s+(?:said|says|told|added|"
    r"scored|wrote|tweeted|explained|noted|argued|asked|replied|stated|announced)\b)"
)


# English words (from the 15,000 most frequent, via wordfreq) that are also names of
# small places in the gazetteer. Alone, capitalised, they are places only in a clear
# place frame ("in Police"); countries, admin1 units, regions and cities over 200,000
# people were left out when the list was made.
COMMON_WORDS = _words(
"""
    aaa abbey abc abe aberdeen abraham abs abu academy accord ace act adam adams adrian ads advance
    afl ag age agency ago aha ahh ai aid aim air airport aj ak akin al alan albany albert ale alex
    alexander alexandra alexis alfred ali alice alicia alison all allah allan allen alley alliance
    allison alma along alot alpha alpine alt altar alter amanda amber amelia amen amp and anderson
    andre andrea andrew andrews ang angel angela angels anger angle angles angus anita ann anna
    annex ant anthem anthony antique anton antonio any apache apex api apollo apples apt aquarium
    arab arc arcade arch archer archie are area arena argentine arm armour armstrong arnold arrest
    arse arsenal art arthur artillery asbestos ash ashley ashton assumption aston at ate atlas atm
    atp au auburn auditorium aug august aura avery awe axe axis ay aye ba baba babylon bach bacon
    bad baden bae bail bailey bake baker baldwin bale ball ballots baltic bam bamboo ban banana band
    bang bank banks banner banning barbara barber bare barge bark barker barn barnes baron barrett
    barry bart barton base basil basin bass bat bates bath battle battlefield baxter bb bbc be beach
    beacon bean bear beaver beckham bed bedford bee beer beers began begun bell belle bells belt
    bend benjamin bennett benson bent bentley benz berkeley berkshire bernard bernie berry bert best
    bet beta betting beverly bi bias bid big bigger billed billy bin bingo birch bishop bites biting
    bjp blacks blades blair blake bland blend blessing bliss blond bloom blossom blu bluff blur boil
    bolt bolton bond boo book booker boom boot booth border bore born borne bot bottom bottoms
    boulder boundary bourbon bow bowen bowie bowling box boyd boyle bp bra brad bradley brady brain
    brains brake branch brand brandon brass bravo brenda brewer brewers brick bride bridge bright
    brilliant brit brits bro broadway brock broke brook brooke brooks bros brown bruce bruno brush
    bryan bryant bu buchanan buckingham bucks bullet bulls bully bum burden bureau burke burlington
    burns burst burton bury bus bush bust busy but butler butt butterfly butts buy byron cache cafe
    cage cal calcium caller cam cambridge camden came cameron camp campbell camps canal cane cannes
    cannon canoe canon cant canyon cap car carbon care carey cargo carlton carmen carnegie caroline
    carpenter carroll carry cars carson carter cases casey cash casino cass cast castle castro cat
    cathedral cave caves cdc cds cecil cedar celebration cell cement center centres cents century
    ceo ch cha chair chamber chamberlain chambers champ champagne champion champs chance chang
    change chap chapman charge charles charleston chase chat chelsea cherry chester chili chilly
    choir chop christian christina christmas christopher church churchill cia circa circle cis cite
    citrus clara clare clarence clark clarke claude claudia clay clayton clever clifford cliffs
    climax clint clinton clive cloud clyde cnn coal coats cobb cobra coca cocoa cod cody coffee coin
    coke col cola cole coleman college collins colony columbia com coma combine come comet comfort
    commerce commissioner communal communism competition compound con conception concession concrete
    condom cone congo congress connor conrad conservation consolation constitution content
    contention contest continental conversion convoy conway cook cooks cool cooling cooper cop cope
    corey corn cornell corners cornwall corporation corpus cottage cotton council countryside course
    court cousins cove cow coward cox cpu craig crane crap crater crawford creek crescent crest
    cricket crisp crosby cross cruz crystal cube culture cunningham cup curry curtis cut cuts da
    daisy dakota dale dalton dame damon damp dan dana dang daniel daniels dante dare darling darwin
    das date dave david davidson davies davis dawn dawson day dayton db deal dean dec dee deep deer
    delay dem demo democrat denis denise dennis dent deposit der des desk devon dexter dial diamond
    diane diaz dick dickens dicks die dig dim din dip dire dis discovery divide dixon do doc dock
    dodge dog dogs dollar dolphin dom dome dominion don donald dong donna doom door doris dot dover
    down downs downside downtown doyle drag drain drains drama drew driver drone drowning drum dry
    du due dug duh duke duncan dundee dunn dusty dwight eagle ear earl early earnest earth eat ec
    echo economy ed eden edgar edison edwards ee effort eg egg el elaine elbow eleanor elena eli
    eliot elizabeth ella elliot elliott ellis em emblem emerald emerson emily empire en energetic
    energy engineer enter enterprise epa equality er era erie erik erin ernst esp essay essex esther
    eu eugene eva evans eve evelyn ever everett everton excel exchange exeter exhibition experiment
    export eye ezra faa fairfax faith fall falls fam far fare fargo farmers farms fate federation
    felix fell ferdinand ferguson fernando ferry fertile fig fin finale fines fireworks fiscal
    fisher fitzgerald fla flashing flee fleet fleming flesh flint flora floyd fly flynn fog foley
    forbes force ford fore foreman forest forge forrest forth fortune fossil foster fountain four
    fowler fox frances francis francisco franco frank franz fraser frederick freedom freeman
    freshwater friend friendly friendship from front frontier frost fry fully fulton fun furnace gal
    gala gale gaming gamma gang gap garcia garden gardner garner garrett garrison gary gas gates
    gateway gaze gdp gee gel gem gen george gerald get gets gibson gif giles gill gin give glacier
    glad glen glenn globe gloria gloucester glove go god goes going goldberg golden golf gomez gone
    gonna goodman goodwill google gordon gore gosh gossip gotham gov grab grabs grace graham grain
    gram grand grande grandson granite grant grants grass grave graves gray green greene greens
    greenwich gregory grey griffin griffith grill grim grin groom gross grove guessing guide guns
    guru gus gut guy gym had haha hai hal hale halfway hall halls hamas hamlet hammer hammond
    hampshire hampton hancock hand hank hanna hansen hanson happy harbor hard harden hardy harlem
    harley harmony harold harper harris harrison hart hartford harvard harvest harvey hassan
    hastings hat hatch haven hawkins hawks hay hayes hazard hbo he headquarters healing heard heath
    heather hector hee heel heh helen helena hell henry her herald herbert hercules heritage herman
    hernandez hero hes hey higgins highland highlands highways hill hills hilton hire hit hiv ho
    hoffman holden holder hole holiday holland holly hollywood holmes holt home homeland homer
    hometown hon honda honey hong hood hook hooker hooks hoover hop hope hopkins horace horn hose
    hospital hot hour howard howe hrs hu hub hug hugh hughes hugo huh hum human humble humphrey hunt
    hunter hunting huntington hurricane hurt hut hyde hydro ia id ie ii il ill imperial in
    independence industry ink inland inn inning ins intercourse ion ios ip ira irene iron irs irwin
    is isa isaac ish island isle isles iso ivan ive ivy jack jackpot jackson jacob jade jake jam
    james jan janet jasper java jaw jay jean jefferson jen jenkins jennings jenny jensen jerome
    jesus jet jin job joe joel johnson johnston jonah jones jose joseph joshua joy ju juan jules
    julian juliet jun junction june jung junior jupiter jury just justice justin kai kane kang kanye
    karl karma kat kate katherine kathleen katy kay keen keith keller kelly kendall kenneth
    kensington kent kerr kerry key keys khan kid kill kim king kings kirby kissing kit kite klaus
    klein knees knock knox kong korea kung kurt lab label labor lack lafayette lag lake lamar lamb
    lambert lame lan lana lancashire lancaster landing landmark lane lang lanka laps laser laura
    laurel laurent laurie law lawn lawrence lawson lay lazy lbs le lea lead leader lean lee leg
    legacy leigh lemon lena lend lender lennon lens lent leo leonard leonardo leone les leslie let
    level lever levi levy lewis li lib liberal liberation liberty licking lid lie light liking lilly
    limestone limit lin linda lindsay line linen ling lions lip lisa list lively lives liz lizard
    lloyd lo loans lock locking logo lol long look lookout loop loose lopez loss lot louis louise
    love lover loving low loyal ltd lucas lucky lucy luis luna lung lure lush luther lydia lynch
    lynn ma mack mackenzie madam made madonna mae mafia mag magazine maggie magnet mai maiden
    mailing main major make mal male males mall malone mama manage manga manly manny manor mans
    mansion manuel many marathon marble marc marcel march marco marcus mare margaret maria marine
    marines marion mark marker market marks marrow mars marsh marshal marshall mart martha martin
    martinez marvel marvin marx mas mascot massacre mate matthews maurice max maximum maxwell may
    maya mayer mayo maze mccarthy mcconnell mcdonald mcgregor me meadow meadows means mechanic media
    meds mega melissa meme men mentor mercedes mercury mercy mere meredith merit merrill mess messy
    met metal meter metro metropolis mets mi michael michel middleton midfield midway mile miles
    mill miller mills milo min mind mine miner mineral mining minister minor minus mis mission mit
    mitchell mlb mls mmm mo mob mobile model modern mold mole mom mona monroe monte monument moody
    moon moore moral more morgan mormon moron morris morrison morse morton moses mosquito moss most
    mound mountain mp mph mps mu much mud muddy mug mum murphy murray muse mustang mute mvp myers
    mystic nah nails nam name nana nancy napoleon nash nathan nato naval nearest needle needles neo
    neon ness nest net never neville newborn newman newport nfl nhs niagara nicholas nichols nigel
    nikki nina nine nissan nixon no noble nod noel noisy nokia nolan non none nor nora normal norman
    norris norton norwich nose not nova nu nut oasis obama occasion ocean of off officer ohh oi oil
    okay ol old olds ole oliver olivia olympic omar omega on one ons onset oo op opera opportunity
    or oracle orange orchard ore orleans osborne our out outer outlook over oversee owe owen owens
    oxford pablo pace pack pact pad page pains paint painter pale palestine palmer palms pals pan
    panda panic papa paper parachute paramount parent park parker parks parole parsons pas passage
    pasta paste patrick patrol patterson paula pavilion pay payne pbs pcs pdf pea peace peach pearl
    pearson peculiar pedro peel peer pen pencil penguin peninsula penn percy perez perkins perry
    person pete peters petroleum pets pga ph phd phelps phi philip phillip phillips phone pi piano
    pier pierce pierre pies pigeon pike pile piles pill pin pinch pine pink pioneer pipes pitt plain
    plains plan planes plans plantation plaque plate plaza plc pleasant plenty plot plum plus pod
    point pole police poll polling polo pond poo pop pope popular port portal porter pos poses
    posing possession post postal pot potter pound powell power powers prairie pratt pray pre prey
    price prince princeton principal prix pro progress prospect prosperity prosperous proven
    providence pub puck puerto punch pup purchase pure purse put pyramid quarter que quinn race
    rachel raf rag rail rain rainbow rains ram rams ran rand randall randolph random ranger ransom
    rap rapid rapids rash rat rate raven raw ray raymond re reach reagan real receiving record
    recovery red redemption reeves reform reg rehab reid reliance rep reps republic research reserve
    reservoir retreat rev rey reynolds rhode rhodes rib rica rice rich richard richardson rico rid
    ride rider ridge riding rifle rig riley ring ripe rise risen ro road rob robe robert roberts
    robertson robinson rock rod rode rodriguez rogers roland rolls roman romans romeo romney ron
    roosevelt root rosa rose rosemary roses ross rot roth rouge row roy royal rude rudy rugby rule
    rum run rupert rush russ russell rust ryan rye sa sack sad said sail saints sake sales sally
    salmon salon salt salute same samples samsung sanchez sand sanders sandra sands sandstone
    sandwich sandy sane sang santa sara satan sauce saunders savage savannah save sawyer saxon say
    sc scenic scissors scott se seaside sebastian sec secretary section sector sedan see seem seen
    sees sell sells semi send sense sent seo sep serena servant serves set seth settle seven sex
    seymour sgt shaft shale shane shannon shape shaping share shared sharon sharp shaw shelby
    sheldon shell shelley shepherd sherlock sherman shields shin shirley shit shore shot shove shut
    shy si sic sid side sierra sigma silly silva sim simon simpson sims since sinclair sing singer
    sins sir sis sisters sit six sixteen ski skull sky slap slaughter slide slope smile smith snow
    snyder so sober soda sole solomon somerset son song soo sore sort sorts sour sox soy spa sparks
    spencer spike split spray spring springer springfield springs spur stafford stall stamp stamps
    stan stanford stanley stanton staple staples star stark start startup station steele steep stein
    stella stephen stephens steps sterling stern stevens stevenson stewart still stock stokes stone
    storey story strand straw strawberry street strong stuart su success sue sued suffolk sullivan
    sultan summer summers summit sun sunderland sung sunrise sunset sunshine sup superior supreme
    sur surf surprise sussex sutton suv swallow swamp swan sway sweet sweets swift switch swords
    sylvia syracuse tab tactic tad tag taking tale talent tales taliban tall tame tang tank tanner
    tape tapes tapping taps tar tara tasty tate tavern taylor tea ted tee tell tells temple ten
    tender tent teresa terminal terrace terry tex tha thames than them theodore theresa thermal
    thomas thompson thomson thor thornton thursday thy ti tie tiffany til till tilt tim time timer
    tin tina tire tires tis titan to toast todd toe toll tom ton tone tongue too tool top tor tore
    torn tornado torres tottenham tour tours tow tower towns townsend tracy trail train trainer
    trans transit trap travis tray treasure tree trent trial triangle tribune trim trinidad trinity
    trio trip triumph troll troy truman try tsunami tube tucker tuna tune turbo turn turner twin
    twist tyler tyre tyson uk ul un und uni union university up ur us usa usc used uses usher va val
    vale valentine valley vans varsity vary vase vat ve venice venus vera vernon veronica vest
    veteran veto vi via vic vice victor victory viking viktor villa vince vincent vines vineyard
    viola violet vip virgin visa vista vita vogue vol volcano vote voters wa wade wagner waits wake
    wal walk walker wall wallace walls walnut walsh walter walton wang wanna war ward warden wards
    ware warner warns warren warrior warwick wary waterfront waterproof watkins watson watt wave wax
    wayne ways we weaver webb weber webster wed wedding weed week weir welcome well wells wembley
    were wesley wheeler white whites whitney wilderness wilkinson will williams williamson willis
    willow wilson wimbledon win winchester wines wing winner winters wise wood woodland woods wool
    worms worth wow wright wrist xxx ya yale yan yang yay ye yell yen yes yet yoga york yorkshire
    young yu yuri zero zimmerman zone zoo
"""
)
