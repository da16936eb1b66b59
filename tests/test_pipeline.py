"""The whole pipeline on real-looking text: contract columns, accounting, the seed article, the golden sample."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.config import SAMPLE_DIR
from tests.conftest import shared

ACLED_31 = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
CONTRACT_EXTRAS = ["article_ids", "confidence", "fatalities_low", "fatalities_high", "injuries", "responsibility_claimed", "claimed_by", "claim_source"]


def test_events_have_the_contract_columns(sample_run):
    out, _ = sample_run
    events = pd.read_parquet(out / "events.parquet")
    assert list(events.columns[:31]) == ACLED_31
    assert set(CONTRACT_EXTRAS) <= set(events.columns)
    assert len(events) > 0
    assert events["confidence"].between(0, 1).all()
    assert all(isinstance(ids, (list, tuple)) or hasattr(ids, "tolist") for ids in events["article_ids"])


def test_every_article_in_is_out_or_rejected(sample_run):
    out, summary = sample_run
    articles = pd.read_parquet(out / "articles.parquet")
    rejects = pd.read_parquet(out / "rejects.parquet")
    with open(SAMPLE_DIR / "articles.jsonl", encoding="utf-8") as fh:
        lines = sum(1 for line in fh if line.strip())
    assert summary.balanced
    assert len(articles) + len(rejects) == lines == summary.counts["records"]


def test_seed_article_gives_the_shopian_clash_and_not_the_background(seed_run):
    events = pd.read_parquet(seed_run / "events.parquet")
    day = dt.date(2019, 5, 10)
    events["event_date"] = pd.to_datetime(events["event_date"]).dt.date
    clash = events[(events["event_type"] == "Battles") & (events["sub_event_type"] == "Armed clash") & (events["event_date"] == day)]
    assert len(clash) == 1
    row = clash.iloc[0]
    assert (row["country"], row["admin1"], int(row["fatalities"])) == ("India", "Jammu and Kashmir", 1)
    assert row["actor1"] == "Military Forces of India (2014-)"
    on_day = events[events["event_date"] == day]
    assert not (on_day["sub_event_type"] == "Suicide bomb").any()  # the Sri Lanka Easter bombing
    assert not (on_day["fatalities"] >= 40).any()  # the Pulwama attack "earlier this year"
    mentions = pd.read_parquet(seed_run / "mentions.parquet")
    background = mentions[mentions["is_background"]]
    assert (background["sub_event_type"] == "Suicide bomb").sum() >= 2


def test_run_cli_writes_events_and_prints_the_summary(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(SAMPLE_DIR / "articles.jsonl"), "--out", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "records read" in result.output
    assert (tmp_path / "events.parquet").exists()


def test_usage_errors_exit_2():
    result = CliRunner().invoke(cli, ["run"])
    assert result.exit_code == 2


def test_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        if isinstance(command, type(cli)):
            continue
        assert command.help and "Example" in command.help, name


def test_geoparse_contract_columns(tmp_path):
    out = tmp_path / "places.parquet"
    result = CliRunner().invoke(cli, ["geoparse", str(shared("seed/article.jsonl")), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    places = pd.read_parquet(out)
    for column in ["article_id", "start", "end", "text", "name", "latitude", "longitude", "country", "admin1", "geonameid"]:
        assert column in places.columns
    import json

    article = json.loads(shared("seed/article.jsonl").read_text(encoding="utf-8"))
    for row in places.itertuples():
        assert article["text"][row.start:row.end] == row.text
    assert "Shopian" in set(places["text"])


def test_ids_are_stable_across_reruns_and_unrelated_additions(tmp_path, sample_run):
    """Rerunning gives the same ids; an unrelated new article changes no existing id."""
    import json

    from pipeline.runner import run

    out, _ = sample_run
    before = pd.read_parquet(out / "events.parquet").set_index("event_id_cnty")
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({
        "id": "extra-1", "published": "2024-06-20", "publisher": "Test Wire",
        "text": "Protesters marched through Dakar on Thursday to demand lower fuel prices, organisers said.",
    }) + "\n", encoding="utf-8")
    again = run([SAMPLE_DIR / "articles.jsonl"], tmp_path / "again", parallelism=None)
    assert again.balanced
    rerun = pd.read_parquet(tmp_path / "again" / "events.parquet").set_index("event_id_cnty")
    assert sorted(rerun.index) == sorted(before.index)
    run([SAMPLE_DIR / "articles.jsonl", extra], tmp_path / "more")
    more = pd.read_parquet(tmp_path / "more" / "events.parquet").set_index("event_id_cnty")
    assert set(before.index) <= set(more.index)
    assert len(more) == len(before) + 1
    for event_id in before.index:
        assert list(more.loc[event_id, "article_ids"]) == list(before.loc[event_id, "article_ids"])
