"""Properties that hold for any text: extraction never raises, counts are never negative,
event dates never follow publication, coordinates are always on the globe."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_article
from pipeline.extract.actors import load_dictionary

# Pieces of news prose that reach every part of extraction (event words, actors, counts,
# dates, places), including the hostile ones: negative and absurd numbers, far-off years.
FRAGMENTS = [
    "Gunmen killed", "Soldiers clashed with", "Boko Haram fighters", "police", "protesters marched",
    "a suicide bomber blew himself up", "Islamic State claimed responsibility", "in a statement on Telegram",
    "at least", "up to", "dozens of", "hundreds", "-3", "minus five", "0", "12", "1,000,000,000",
    "99999999999999999999", "one hundred and twelve", "people were killed", "were wounded", "civilians",
    "on Friday", "yesterday", "tomorrow", "next week", "last month", "on 12 March 2024", "on 31 February 2023",
    "in 1066", "on 1 January 3000", "3000 years ago", "in the year 9999",
    "in Bama", "near Kabul", "Borno state", "Nigeria", "Paris, Texas", "Springfield", "the North Pole",
    "Null Island", "90 N 180 E", ".", ",", ";", "\n\n", "\"", "(", ")", "—", "...",
]
# Sentences shaped like news, each slot open to hostile values.
SENTENCE = st.builds(
    "{} {} {} {} {} {}.".format,
    st.sampled_from(["Gunmen", "Boko Haram fighters", "Soldiers", "Police", "Unidentified attackers", "A suicide bomber", ""]),
    st.sampled_from(["killed", "shot dead", "wounded", "attacked a village, killing", "clashed with rebels, leaving", "abducted"]),
    st.one_of(st.sampled_from(["at least 12", "-3", "minus five", "0", "1,000,000,000", "99999999999999999999",
                               "dozens of", "one hundred and twelve", "up to 7"]), st.integers(-10**6, 10**12).map(str)),
    st.sampled_from(["people", "civilians", "soldiers", "villagers", "protesters"]),
    st.sampled_from(["in Bama", "near Kabul", "in Borno state, Nigeria", "in Paris, Texas", "in Null Island", ""]),
    st.sampled_from(["on Friday", "yesterday", "tomorrow", "next week", "on 12 March 2024", "on 31 February 2023",
                     "in 1066", "on 1 January 3000", "in the year 9999", "last month", ""]),
)
PROSE = st.lists(st.one_of(SENTENCE, st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(" ".join)
TEXTS = st.one_of(st.text(max_size=1500), PROSE)
PUBLISHED = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
EXAMPLES = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
COUNTS = ("fatalities", "fatalities_low", "fatalities_high", "injuries")


@lru_cache(maxsize=1)
def actors():
    return load_dictionary()


@lru_cache(maxsize=1)
def geoparser():
    from pipeline.geocode import Geoparser

    return Geoparser()


def _extract(text: str, published: dt.date | None) -> list[dict]:
    return extract_article({"article_id": "x", "text": text, "published": published}, actors())


@EXAMPLES
@given(text=TEXTS, published=PUBLISHED)
def test_extraction_never_raises_and_counts_are_never_negative(text, published):
    for mention in _extract(text, published):
        for name in COUNTS:
            value = mention.get(name)
            assert value is None or value >= 0, (name, value, mention.get("evidence"))


@EXAMPLES
@given(text=PROSE, published=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_event_dates_never_follow_publication(text, published):
    for mention in _extract(text, published):
        if mention.get("event_date") is not None:
            assert mention["event_date"] <= published, (mention["event_date"], published, mention.get("evidence"))


@EXAMPLES
@given(text=TEXTS)
def test_coordinates_are_on_the_globe(text):
    parser = geoparser()
    mentions = parser.parse(text)
    for mention in mentions:
        assert 0 <= mention.start <= mention.end <= len(text)
        place = mention.place
        if place is not None:
            assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180
    location = parser.locate(text, mentions)
    if location is not None:
        assert -90 <= location.latitude <= 90, location
        assert -180 <= location.longitude <= 180, location
