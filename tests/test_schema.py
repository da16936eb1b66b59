"""schemas/ is the single source of truth: Arrow types and checks come from it."""

import datetime as dt
import json

import pandas as pd
import pytest

from pipeline import schema
from pipeline.config import SCHEMA_DIR
from pipeline.errors import SchemaViolation
from pipeline.io import read_table, write_table

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]


def test_events_schema_starts_with_the_31_acled_columns_in_order():
    assert schema.load("events").columns[:31] == ACLED_COLUMNS
    for extra in ("article_ids", "confidence", "fatalities_low", "fatalities_high", "injuries", "responsibility_claimed", "claimed_by", "claim_source"):
        assert extra in schema.load("events").columns


@pytest.mark.parametrize("path", sorted(SCHEMA_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_column_is_documented(path):
    table = json.loads(path.read_text())
    for field in table["fields"]:
        assert field["description"].strip(), field["name"]
        assert field["type"] in ("string", "integer", "number", "boolean", "date", "array")


def test_taxonomy_is_the_acled_one():
    assert len(schema.load("events").enum("event_type")) == 6
    assert len(schema.load("events").enum("sub_event_type")) == 25


def _rejects(**overrides):
    row = {"stage": "ingest", "source_file": "a.jsonl", "source_record": "line 1", "article_id": None, "reason": "bad_json", "detail": "x"}
    row.update(overrides)
    return pd.DataFrame([row])


def test_violation_names_the_column_and_the_rows(tmp_path):
    df = pd.concat([_rejects(), _rejects(reason="because")], ignore_index=True)
    with pytest.raises(SchemaViolation) as err:
        write_table(df, tmp_path / "rejects.parquet", "rejects")
    assert "'reason'" in str(err.value) and "[1]" in str(err.value)
    assert not (tmp_path / "rejects.parquet").exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_round_trip_keeps_types_and_schema_version(tmp_path):
    path = write_table(_rejects(), tmp_path / "rejects.parquet", "rejects")
    back = read_table(path)
    assert back.to_dict("records") == _rejects().to_dict("records")
    import pyarrow.parquet as pq

    assert pq.read_schema(path).metadata[b"schema_version"] == schema.load("rejects").version.encode()


def test_required_column_cannot_be_null(tmp_path):
    df = pd.DataFrame([{"event_id_cnty": "event", "article_id": None, "mention_id": "m", "sentence_start": 0, "sentence_end": 3, "publisher": None}])
    with pytest.raises(SchemaViolation, match="article_id"):
        write_table(df, tmp_path / "links.parquet", "event_articles")


def test_dates_must_be_dates(tmp_path):
    row = {"article_id": "a", "title": None, "url": None, "published": "2024-01-01", "publisher": None, "language": None, "text": "t",
           "source_file": "f", "source_record": "r", "content_hash": "h", "repairs": None}
    with pytest.raises(SchemaViolation, match="published"):
        write_table(pd.DataFrame([row]), tmp_path / "a.parquet", "articles")
    row["published"] = dt.date(2024, 1, 1)
    write_table(pd.DataFrame([row]), tmp_path / "a.parquet", "articles")
