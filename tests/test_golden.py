"""The bundled sample against the events an analyst codes from it, field by field.

data/raw/sample/expected_events.csv holds one row per (event, article). Each
expected event is matched to the predicted event of its article with the same
event type (else the article's most confident event), and every field is
compared. The floors below are what the extractor reaches today: a change
that lowers any of them fails here and shows the field.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from pipeline.config import SAMPLE_DIR
from pipeline.evaluate import compare_expected

FLOORS = {
    "detected": 0.9,
    "event_type": 0.8,
    "sub_event_type": 0.6,
    "event_date": 0.8,
    "country": 0.9,
    "admin1": 0.75,
    "fatalities": 0.7,
    "inter1": 0.7,
    "inter2": 0.5,
    "actor1": 0.5,
}


@pytest.fixture(scope="module")
def comparison(sample_run):
    out, _ = sample_run
    events = pd.read_parquet(out / "events.parquet")
    expected = pd.read_csv(SAMPLE_DIR / "expected_events.csv", keep_default_na=False, dtype=str)
    scores, table = compare_expected(expected, events)
    return table, events, expected, scores


def test_field_by_field_agreement(comparison):
    table, _, _, _ = comparison
    scores = {field: table[field].mean() for field in FLOORS}
    report = "\n".join(f"{f:<16} {scores[f]:.2f} (floor {FLOORS[f]:.2f})" for f in FLOORS)
    failing = {f: s for f, s in scores.items() if s < FLOORS[f]}
    assert not failing, f"fields below their floor:\n{report}\n\nmisses:\n{table[~table[list(failing)].all(axis=1)].to_string()}"


def test_the_non_event_article_gives_no_event(comparison):
    _, events, expected, _ = comparison
    import json

    with open(SAMPLE_DIR / "articles.jsonl", encoding="utf-8") as fh:
        ids = [json.loads(line)["id"] for line in fh if line.strip()]
    without = set(ids) - set(expected["article_id"])
    assert without, "the sample must hold a non-event article"
    coded = {a for ids_ in events["article_ids"] for a in ids_}
    assert not (without & coded), f"events coded from non-event articles {without & coded}"


def test_two_reports_of_one_event_are_one_event(comparison):
    _, events, expected, _ = comparison
    shared = expected.groupby("event_key")["article_id"].nunique()
    for key in shared[shared > 1].index:
        articles = set(expected.loc[expected["event_key"] == key, "article_id"])
        merged = events[events["article_ids"].map(lambda ids, want=articles: want <= set(ids))]
        assert len(merged) == 1, f"{key}: {articles} should be one event"
        assert len(merged.iloc[0]["source"].split("; ")) == len(articles)


def test_no_event_is_dated_after_its_articles(comparison):
    _, events, _, _ = comparison
    import json

    published = {}
    with open(SAMPLE_DIR / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                a = json.loads(line)
                published[a["id"]] = dt.date.fromisoformat(a["published"])
    for row in events.itertuples():
        if row.event_date is not None and not pd.isna(row.event_date):
            assert pd.Timestamp(row.event_date).date() <= max(published[a] for a in row.article_ids)


# The held-out corpus was written by a second writer after the rules; it is never tuned on.
# Its floors sit a little under what the extractor reaches there today.
HOLDOUT_FLOORS = {"detected": 0.9, "event_type": 0.85, "sub_event_type": 0.8, "event_date": 0.85, "country": 0.95, "fatalities": 0.75}


def test_held_out_corpus_generalises(tmp_path_factory):
    from pipeline.config import RAW_DIR
    from pipeline.runner import run

    out = tmp_path_factory.mktemp("holdout")
    run([RAW_DIR / "holdout" / "articles.jsonl"], out)
    expected = pd.read_csv(RAW_DIR / "holdout" / "expected_events.csv", keep_default_na=False, dtype=str)
    scores, _ = compare_expected(expected, pd.read_parquet(out / "events.parquet"))
    failing = {f: scores[f] for f, floor in HOLDOUT_FLOORS.items() if scores[f] < floor}
    assert not failing, f"held-out fields below their floor: {failing} (all scores: {scores})"
    assert scores["spurious_events"] <= scores["expected_events"] // 3


def test_document_labels_are_scored_per_article(tmp_path):
    from pipeline.evaluate import evaluate_labels

    events = pd.DataFrame({
        "article_ids": [["a1"], ["a2", "a3"], ["a4"]],
        "actor1": ["Police Forces of India (2014-)", "Rioters (India)", "Unidentified Armed Group (India)"],
        "assoc_actor_1": [None, None, None],
        "actor2": ["Civilians (India)", "Police Forces of India (2014-)", "Civilians (India)"],
        "assoc_actor_2": [None, None, None],
        "fatalities": [2, 0, 1],
        "sub_event_type": ["Attack", "Arrests", "Attack"],
    })
    events.to_parquet(tmp_path / "events.parquet")
    labels = pd.DataFrame({
        "id": ["a1", "a2", "a3", "a4", "a5"],
        "KILL": [1, 0, 0, 1, 0], "ARREST": [0, 1, 0, 0, 0],
        "ANY_ACTION": [1, 1, 0, 1, 0], "FAIL": [0, 0, 0, 0, 0], "FORCE": [0, 0, 0, 0, 0],
    })
    labels.to_csv(tmp_path / "labels.csv", index=False)
    scores, table = evaluate_labels(tmp_path / "labels.csv", tmp_path)
    # a4's killers are not the police: a miss; a3 is labelled no action but got an Arrests event
    assert scores["kill_recall"] == 0.5
    assert scores["arrest_recall"] == 1.0
    assert scores["arrest_false_alarm_rate"] == 0.5
    assert table["coded_kill"].tolist() == [True, False, False, False, False]
    assert table["coded_sub_event_types"].tolist() == ["Attack", "Arrests", "Arrests", "Attack", ""]


def test_plover_sentences_are_scored_by_category(tmp_path):
    from pipeline.evaluate import evaluate_plover

    records = [
        {"id": "doc", "event": "DOCUMENT", "eventText": "documentation"},
        {"id": "p1", "event": "PROTEST", "text": "Thousands marched in the capital."},
        {"id": "p2", "event": "PROTEST", "text": "Students rioted."},
        {"id": "f1", "event": "FIGHT", "text": "Troops clashed with rebels."},
        {"id": "v1", "event": "DEMAND", "text": "The party demanded new elections."},
        {"id": "v2", "event": "THREATEN", "text": "The rebels threatened to attack."},
    ]
    (tmp_path / "gold.json").write_text(json.dumps(records))
    pd.DataFrame({
        "article_ids": [["p1"], ["p2"], ["f1"], ["v2"]],
        "mention_ids": [["m1"], ["m2"], ["m3"], ["m4"]],
        "confidence": [0.8, 0.7, 0.6, 0.5],
        "event_type": ["Protests", "Riots", "Violence against civilians", "Battles"],
        "sub_event_type": ["Peaceful protest", "Violent demonstration", "Attack", "Armed clash"],
    }).to_parquet(tmp_path / "events.parquet")
    scores, table = evaluate_plover(tmp_path / "gold.json", tmp_path)
    assert scores["sentences"] == 5
    assert (scores["protest_detected"], scores["protest_type"]) == (1.0, 1.0)
    assert (scores["fight_detected"], scores["fight_type"]) == (1.0, 0.0)  # an attack is not a fight
    assert scores["verbal_sentences"] == 2
    assert scores["verbal_coded_rate"] == 0.5
    assert table["coded"].tolist() == [True, True, True, False, True]
