"""The published folder: GeoParquet partitions, CSV, data package, reports."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline import export, report, schema
from pipeline.export.partitioned import part_files, partition_dir, segment, write_events
from pipeline.export.spreadsheet import cell, neutralise, write_csv
from pipeline.io import read_table


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(sample_run) -> Path:
    out, _ = sample_run
    return out


@pytest.fixture()
def events(published) -> pd.DataFrame:
    return read_table(published / "interim" / "events.parquet")


def test_pandas_reads_the_partitioned_events_with_the_contract_columns(published, events):
    read = pd.read_parquet(published / "events.parquet")
    assert list(read.columns) == [*schema.load("events").columns, "geometry"]
    assert len(read) == len(events)
    # The partition columns come back as plain columns with the written values.
    assert read["year"].dtype == "int64" or read["year"].dtype == "float64"
    assert not isinstance(read["country"].dtype, pd.CategoricalDtype)
    merged = read.set_index("event_id_cnty").loc[events["event_id_cnty"]]
    assert merged["country"].tolist() == events["country"].tolist()
    assert merged["year"].tolist() == events["year"].tolist()


def test_partitions_are_by_year_and_country(published, events):
    parts = [p.relative_to(published / "events.parquet").parts for p in part_files(published / "events.parquet")]
    assert parts and all(len(p) == 3 and p[0].startswith("year-") and p[1].startswith("country-") for p in parts)
    for path in part_files(published / "events.parquet"):
        part = pd.read_parquet(path)
        assert part["country"].map(segment).eq(path.parent.name.removeprefix("country-")).all()


def test_every_published_file_carries_the_schema_version(published):
    files = [*part_files(published / "events.parquet"), *(p for p in published.glob("*.parquet") if p.is_file())]
    for path in files:
        meta = pq.read_schema(path).metadata
        name = meta[b"schema_name"].decode()
        assert meta[b"schema_version"].decode() == schema.load(name).version, path
    package = json.loads((published / "datapackage.json").read_text())
    assert all(r["x-schema-version"] for r in package["resources"])


def test_geopandas_reads_points_and_null_geometries(tmp_path, events):
    gpd = pytest.importorskip("geopandas")
    events = events.copy()
    events.loc[events.index[0], ["latitude", "longitude"]] = None
    write_events(events, tmp_path / "events.parquet")
    frame = gpd.read_parquet(tmp_path / "events.parquet")
    assert frame.geometry.name == "geometry"
    assert frame.crs.to_string() == "OGC:CRS84"
    frame = frame.set_index("event_id_cnty")
    first = events["event_id_cnty"].iloc[0]
    assert frame.loc[first, "geometry"] is None
    located = events.dropna(subset=["latitude"]).iloc[0]
    point = frame.loc[located["event_id_cnty"], "geometry"]
    assert (point.x, point.y) == (located["longitude"], located["latitude"])
    geo = json.loads(pq.read_schema(part_files(tmp_path / "events.parquet")[0]).metadata[b"geo"])
    assert geo["version"] == "1.0.0" and geo["columns"]["geometry"]["encoding"] == "WKB"


def test_duckdb_reads_the_events(published, events):
    duckdb = pytest.importorskip("duckdb")
    glob = (published / "events.parquet" / "**" / "*.parquet").as_posix()
    n, countries = duckdb.sql(f"select count(*), count(distinct country) from read_parquet('{glob}')").fetchall()[0]
    assert n == len(events)
    assert countries == events["country"].nunique()


def test_the_data_package_validates(published):
    frictionless = pytest.importorskip("frictionless")
    path = published / "datapackage.json"
    package = frictionless.Package(str(path))
    assert {r.name for r in package.resources} == {
        "events", "events-csv", "event_articles", "mentions", "places", "articles", "rejects", "actors", "deletions"
    }
    # The CSV is checked cell by cell against the schema.
    csv_report = frictionless.validate(package.get_resource("events-csv"))
    assert csv_report.valid, csv_report.flatten(["rowNumber", "fieldName", "type", "note"])
    # frictionless reads Parquet through pandas, where a missing integer becomes NaN and
    # a list a numpy array, which its cell checks misread; pandera already checked every
    # cell on the way out, so here the package, the files and their columns are checked.
    report_ = frictionless.validate(str(path), skip_errors=["type-error", "constraint-error"])
    assert report_.valid, report_.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


def test_the_package_reuses_the_schema_files(published):
    package = json.loads((published / "datapackage.json").read_text())
    by_name = {r["name"]: r for r in package["resources"]}
    for name in ("event_articles", "mentions", "places", "articles", "rejects"):
        assert by_name[name]["schema"]["fields"] == schema.load(name).raw["fields"]
    assert by_name["events"]["schema"]["fields"][:-1] == schema.load("events").raw["fields"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Boko Haram", "Boko Haram"),
        ("a=b", "a=b"),
    ],
)
def test_csv_neutralises_formulas(text, expected):
    assert neutralise(text) == expected


def test_csv_keeps_numbers_and_joins_lists():
    assert cell(-12.5, "number") == "-12.5"
    assert cell(-3, "integer") == "-3"
    assert cell(None, "integer") == ""
    assert cell(["a", "b"], "array") == "a; b"
    assert cell(["=a", "b"], "array") == "'=a; b"
    assert cell(dt.date(2024, 3, 1), "date") == "2024-03-01"
    assert cell(True, "boolean") == "true"


def test_events_csv_is_safe_in_a_spreadsheet(tmp_path, events):
    events = events.copy()
    events.loc[events.index[0], "notes"] = "=cmd|' /C calc'!A0"
    events.loc[events.index[0], "actor1"] = "@attacker"
    events.loc[events.index[0], "longitude"] = -12.5
    write_csv(events, tmp_path / "events.csv")
    with open(tmp_path / "events.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    first = rows[0]
    assert first["notes"] == "'=cmd|' /C calc'!A0"
    assert first["actor1"] == "'@attacker"
    assert first["longitude"] == "-12.5"
    assert ";" in first["article_ids"] or "," not in first["article_ids"]
    assert list(rows[0]) == schema.load("events").columns


@pytest.mark.parametrize("country", ["../../x", "..", "/etc/passwd", "a/../../b", "C:\\evil", "CON", "\x00", ".hidden", "_meta", ""])
def test_partition_names_cannot_leave_the_folder(tmp_path, events, country):
    assert "/" not in segment(country) and "\\" not in segment(country) and ".." not in segment(country)
    assert not partition_dir(2024, country).parts[-1].startswith((".", "_"))
    events = events.head(2).copy()
    events["country"] = country
    target = tmp_path / "out" / "events.parquet"
    write_events(events, target)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(target in p.parents for p in written)
    assert pd.read_parquet(target)["country"].tolist() == [country, country]


def test_a_failed_write_leaves_the_old_table(tmp_path, events):
    target = tmp_path / "events.parquet"
    write_events(events, target)
    before = _files(target)
    broken = events.copy()
    broken["event_type"] = "Picnic"
    with pytest.raises(Exception, match="event_type"):
        write_events(broken, target)
    assert _files(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.parquet"]


def test_rerunning_export_gives_identical_files(published, tmp_path):
    interim = published / "interim"
    export.run_stage(interim, tmp_path / "a", {"events": 1})
    first = _files(tmp_path / "a")
    export.run_stage(interim, tmp_path / "a", {"events": 1})
    export.run_stage(interim, tmp_path / "b", {"events": 1})
    assert _files(tmp_path / "a") == first
    assert _files(tmp_path / "b") == first


def test_report_page_is_self_contained(published, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(report.report_command, ["--out", str(out), "--data", str(published)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 5
    assert "http://" not in page and "https://" not in page
    assert "Events by type" in page and "Map" in page


def test_report_without_data_is_a_user_error(tmp_path):
    result = CliRunner().invoke(report.report_command, ["--out", str(tmp_path / "r.html"), "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "no events.parquet" in result.output


def test_terminal_summary(published):
    text = report.terminal_summary(report.load_events(published))
    lines = text.splitlines()
    assert lines[0].endswith("fatalities.") and "By event type:" in lines
    assert any(line.startswith("Top 5 countries") for line in lines)
    assert report.terminal_summary(report.load_events(published).head(0)) == "0 events."


def test_a_single_file_from_an_older_export_is_replaced(tmp_path, events):
    target = tmp_path / "events.parquet"
    target.write_bytes(b"old single-file table")
    write_events(events, target)
    assert target.is_dir() and len(pd.read_parquet(target)) == len(events)
    assert [p.name for p in tmp_path.iterdir()] == ["events.parquet"]
