"""Fields assemble makes: source_scale, tags (crowd size) and notes."""

from __future__ import annotations

import pytest

from pipeline.assemble.sources import combine, scale


@pytest.mark.parametrize("publisher, url, country, expected", [
    ("Times of India", None, "IN", "National"),           # a national outlet at home
    ("Times of India", None, "PK", "International"),      # ... abroad
    ("TOI", None, "IN", "National"),                      # an alias
    (None, "https://timesofindia.indiatimes.com/city/x", "IN", "National"),  # by its domain
    ("Reuters", None, "NG", "International"),             # a wire service
    ("Greater Kashmir", None, "IN", "Subnational"),       # a local outlet
    ("Al Arabiya", None, "YE", "Regional"),               # a regional outlet on a neighbour
    ("Liveuamap", None, "UA", "New media"),
    ("Human Rights Watch", None, "SD", "Other"),
    ("Some Town Gazette", "https://www.sometowngazette.com.ng/story", "NG", "National"),  # unknown: its country code
    ("Some Town Gazette", "https://news.example.co.uk/story", "IQ", "International"),
    ("Some Town Gazette", "https://sometown.tv/story", "NG", None),  # .tv says nothing about a country
    ("Some Town Gazette", None, "NG", None),                          # unknown, no address: left empty
])
def test_scale_of_one_source(publisher, url, country, expected):
    assert scale(publisher, url, country) == expected


def test_scales_join_in_acled_order():
    assert combine(["International", "National", "National"]) == "National-International"
    assert combine(["New media", "Other"]) == "Other-New media"
    assert combine(["Subnational", None]) == "Subnational"
    assert combine([None, ""]) is None


def test_a_merged_event_gets_the_scales_of_all_its_sources(tmp_path):
    import json

    import pandas as pd

    from pipeline.parallel import Parallelism
    from pipeline.runner import run

    text = ("Soldiers clashed with Boko Haram fighters near Bama in Borno state on Friday, "
            "killing at least 12 insurgents, the army said in a statement.")
    rows = [{"id": "a", "text": text, "published": "2024-03-02", "publisher": "Premium Times"},
            {"id": "b", "text": text.replace("Soldiers", "Troops"), "published": "2024-03-02", "publisher": "Reuters"}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    run([source], tmp_path / "out", parallelism=Parallelism(workers=1))
    events = pd.read_parquet(tmp_path / "out" / "events.parquet")
    [event] = events[events["article_ids"].map(len) == 2].to_dict("records")
    assert event["source_scale"] == "National-International"
    assert event["source"] == "Premium Times; Reuters"


@pytest.mark.parametrize("text, expected", [
    ("Hundreds of protesters marched through Nairobi on Tuesday.", "crowd size=hundreds"),
    ("Tens of thousands of people rallied in Dhaka.", "crowd size=tens of thousands"),
    ("About 2,000 teachers gathered outside parliament to demand back pay.", "crowd size=about 2000"),
    ("A crowd of around 300 gathered at the court.", "crowd size=around 300"),
    ("A small group of activists blocked the road.", "crowd size=small"),
    ("Protesters burned tyres in the city centre.", "crowd size=no report"),
])
def test_crowd_size_tag(text, expected):
    from pipeline.assemble.tags import crowd_size, tags_for

    assert crowd_size(text) == expected
    assert tags_for("Protests", text) == expected
    assert tags_for("Battles", text) is None


@pytest.mark.parametrize("text", ["Police arrested 30 protesters after the march.", "Security forces killed 4 demonstrators in Khartoum."])
def test_victims_are_not_the_crowd(text):
    from pipeline.assemble.tags import crowd_size

    assert crowd_size(text) == "crowd size=no report"


def test_notes_read_like_an_analysts_summary():
    import datetime as dt

    from pipeline.assemble.notes import notes_for

    event = {"event_date": dt.date(2019, 5, 10), "sub_event_type": "Armed clash", "actor1": "Military Forces of India (2014-)",
             "actor2": "IS (India)", "location": "Shopian", "admin1": "Jammu and Kashmir", "fatalities": 1,
             "evidence": "One militant was killed in an encounter with security forces in Shopian on Friday."}
    note = notes_for(event)
    assert note.startswith("On 10 May 2019, Military Forces of India (2014-) clashed with IS (India) in Shopian (Jammu and Kashmir). 1 fatality.")
    assert note.endswith('"One militant was killed in an encounter with security forces in Shopian on Friday."')
    protest = {"event_date": None, "sub_event_type": "Peaceful protest", "actor1": "Protesters (Kenya)", "location": "Kisumu",
               "tags": "crowd size=hundreds", "fatalities": 0}
    assert notes_for(protest) == "On an unknown date, Protesters (Kenya) demonstrated in Kisumu. [crowd size=hundreds] 0 fatalities."


@pytest.mark.parametrize(
    "actor, admin1, expected",
    [
        ("Unidentified Communal Militia ({country})", "Zamfara", "Zamfara Communal Militia (Nigeria)"),
        ("Unidentified Communal Militia ({country})", None, "Unidentified Communal Militia (Nigeria)"),
        ("Unidentified Armed Group ({country})", "Zamfara", "Unidentified Armed Group (Nigeria)"),
    ],
)
def test_a_communal_militia_is_named_after_its_place(actor, admin1, expected):
    from pipeline.assemble import load_countries, render_actors
    from pipeline.extract.actors import load_dictionary

    row = {"actor1": actor, "iso": 566, "country": "Nigeria", "admin1": admin1, "inter1": 4, "event_date": None}
    assert render_actors(row, load_dictionary(), load_countries())["actor1"] == expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("NAF: United Armed Forces of Novorossiya", "Civilians (Ukraine)", False),
        ("NAF: United Armed Forces of Novorossiya", "Unidentified Armed Group (Ukraine)", True),
        ("Civilians (Ukraine)", "Unidentified Armed Group (Ukraine)", False),
        ("Civilians (Ukraine)", None, True),
        ("Civilians (Ukraine)", "Civilians (Ukraine)", True),
    ],
)
def test_reports_merge_only_when_their_sides_can_be_the_same(a, b, same):
    from pipeline.assemble import _compatible

    assert _compatible(a, b) is same and _compatible(b, a) is same


def _report(**fields):
    row = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "event_date": "2024-03-01", "country": "India",
           "geo_precision": 3, "latitude": 22.0, "longitude": 79.0, "admin1": "Madhya Pradesh",
           "actor1": "Police Forces of India (2014-)", "actor2": "Civilians (India)", "assoc_actor_1": None}
    return {**row, **fields}


@pytest.mark.parametrize(
    "b, same",
    [
        (_report(), True),  # one province, one day, the same sides: one event
        (_report(actor2=None), False),  # a province holds many events: sides that only fit are not enough
        (_report(geo_precision=1, latitude=22.01), True),  # one report has the town: sides that fit will do
    ],
)
def test_reports_placed_only_in_a_province_merge_only_with_the_same_sides(b, same):
    from pipeline.assemble import _same_event

    assert _same_event(_report(), b) is same


@pytest.mark.parametrize(
    "b, same",
    [
        (_report(geo_precision=1, location="Malchow", latitude=22.02), True),
        (_report(geo_precision=1, location="Leuterhausen", latitude=22.02), False),  # 2 km apart, two towns: two events
        (_report(geo_precision=2, location="Leuterhausen", latitude=22.02), True),  # "near Leuterhausen" may be Malchow
    ],
)
def test_reports_from_two_towns_are_two_events(b, same):
    from pipeline.assemble import _same_event

    assert _same_event(_report(geo_precision=1, location="Malchow"), b) is same
