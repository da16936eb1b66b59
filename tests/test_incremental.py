"""Incremental runs: only new or changed articles are coded, unchanged events keep their
bytes and timestamps, and events that disappear are recorded as deletions."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from pipeline import config, incremental
from pipeline.config import SAMPLE_DIR
from pipeline.parallel import Parallelism
from pipeline.runner import run

SAMPLE = SAMPLE_DIR / "articles.jsonl"
ONE = Parallelism(workers=1)
FIRST, LATER = "1718000000", "1718086400"


def _files(folder):
    """Every file of a published folder but the run's counts, as bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "summary.json"}


def _articles():
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write(path, articles):
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


@pytest.fixture
def clock(monkeypatch):
    def set_to(value: str) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    set_to(FIRST)
    return set_to


def test_adding_articles_codes_only_them_and_gives_what_a_full_run_gives(tmp_path, clock):
    articles = _articles()
    full = tmp_path / "full"
    run([SAMPLE], full, parallelism=ONE, batch_size=7)
    inc = tmp_path / "inc"
    first = run([_write(tmp_path / "part.jsonl", articles[:20])], inc, parallelism=ONE, batch_size=7)
    assert first.counts["coded"] == 20
    second = run([SAMPLE], inc, parallelism=ONE, batch_size=7)
    assert (second.counts["coded"], second.counts["reused"]) == (10, 20)
    assert _files(inc) == _files(full)


def test_rerun_codes_nothing_and_leaves_every_file_byte_identical(tmp_path, clock):
    out = tmp_path / "out"
    run([SAMPLE], out, parallelism=ONE)
    before = _files(out)
    clock(LATER)  # a later run: nothing changed, so no timestamp moves
    again = run([SAMPLE], out, parallelism=ONE)
    assert again.counts["coded"] == 0 and again.counts["reused"] == 30
    assert _files(out) == before


def test_a_changed_article_replaces_its_mentions_and_only_its_events_change(tmp_path, clock):
    articles = _articles()
    source = _write(tmp_path / "in.jsonl", articles)
    out = tmp_path / "out"
    run([source], out, parallelism=ONE)
    before = pd.read_parquet(out / "events.parquet").set_index("event_id_cnty")
    mentions_before = pd.read_parquet(out / "mentions.parquet")
    target = next(a for a in articles if "Kenya" in a["text"] or "Nairobi" in a["text"])
    changed_ids = set(before.index[before["article_ids"].map(lambda ids: target["id"] in list(ids))])
    assert changed_ids, "the article chosen gives an event"
    target["text"] = ("Police fired tear gas at hundreds of protesters in Mombasa on Tuesday, "
                      "and two people were killed, witnesses said.")
    _write(source, articles)
    clock(LATER)
    summary = run([source], out, parallelism=ONE)
    assert summary.counts["coded"] == 1
    after = pd.read_parquet(out / "events.parquet").set_index("event_id_cnty")
    mentions_after = pd.read_parquet(out / "mentions.parquet")
    old = mentions_before[mentions_before["article_id"] == target["id"]]["evidence"].tolist()
    new = mentions_after[mentions_after["article_id"] == target["id"]]["evidence"].tolist()
    assert new and not set(old) & set(new)
    for event_id in set(before.index) - changed_ids:  # untouched events: same row, old timestamp
        assert after.loc[event_id, "timestamp"] == int(FIRST)
        assert after.loc[event_id, "notes"] == before.loc[event_id, "notes"]
    touched = after[after["article_ids"].map(lambda ids: target["id"] in list(ids))]
    assert len(touched) and (touched["timestamp"] == int(LATER)).all()
    deleted = pd.read_parquet(out / "deletions.parquet")
    assert set(deleted["event_id_cnty"]) == changed_ids - set(after.index)
    assert (deleted["deleted_timestamp"] == int(LATER)).all()


def test_removed_events_are_recorded_and_leave_the_list_when_they_return(tmp_path, clock):
    articles = _articles()
    out = tmp_path / "out"
    run([SAMPLE], out, parallelism=ONE)
    everything = set(pd.read_parquet(out / "events.parquet")["event_id_cnty"])
    clock(LATER)
    run([_write(tmp_path / "part.jsonl", articles[:20])], out, parallelism=ONE)
    kept = set(pd.read_parquet(out / "events.parquet")["event_id_cnty"])
    deleted = pd.read_parquet(out / "deletions.parquet")
    assert set(deleted["event_id_cnty"]) == everything - kept and len(deleted) > 0
    assert deleted["deleted_timestamp"].eq(int(LATER)).all()
    assert deleted["event_date"].notna().all()
    run([SAMPLE], out, parallelism=ONE)
    assert pd.read_parquet(out / "deletions.parquet").empty


def test_another_coder_codes_everything_again(tmp_path, monkeypatch):
    reference = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference, ignore=shutil.ignore_patterns("*.parquet"))
    with config.override(REFERENCE_DIR=reference):
        before = incremental.coder_fingerprint()
        assert incremental.coder_fingerprint() == before
        with open(reference / "actors.csv", "a", encoding="utf-8") as fh:
            fh.write("\n")
        assert incremental.coder_fingerprint() != before
    assert incremental.coder_fingerprint(geoparser=object()) != incremental.coder_fingerprint()


def test_full_codes_everything_and_a_stopped_run_leaves_no_manifest_to_trust(tmp_path, clock):
    out = tmp_path / "out"
    run([SAMPLE], out, parallelism=ONE)
    assert run([SAMPLE], out, parallelism=ONE, incremental=False).counts["coded"] == 30
    interim = out / "interim"
    assert incremental.PreviousRun.load(interim, incremental.coder_fingerprint()) is not None
    # Loading takes the manifest away: a run that stops before writing a new one is not trusted.
    assert not (interim / incremental.MANIFEST).exists()
    assert run([SAMPLE], out, parallelism=ONE).counts["coded"] == 30


def test_actors_table_lists_every_actor_with_its_inter_code(sample_run):
    out, _ = sample_run
    events = pd.read_parquet(out / "events.parquet")
    actors = pd.read_parquet(out / "actors.parquet").set_index("actor")
    assert set(events["actor1"].dropna()) <= set(actors.index)
    for row in events.dropna(subset=["actor1"]).itertuples():
        assert actors.loc[row.actor1, "as_actor1"] >= 1
    single = events.groupby("actor1")["inter1"].nunique()
    for name in single[single == 1].index:
        assert actors.loc[name, "inter"] == events.loc[events["actor1"] == name, "inter1"].iloc[0] or actors.loc[name, "as_actor2"] > 0
    assert (actors["events"] >= 1).all()


def test_a_new_publication_date_codes_the_article_again(tmp_path, clock):
    """Dates are resolved against the publication date, so a corrected date is a change."""
    articles = _articles()
    source = _write(tmp_path / "in.jsonl", articles)
    out = tmp_path / "out"
    run([source], out, parallelism=ONE)
    articles[3]["published"] = "2024-07-01"
    _write(source, articles)
    assert run([source], out, parallelism=ONE).counts["coded"] == 1


def test_events_published_under_an_older_schema_count_as_changed(tmp_path, clock):
    """An export over one made by an older version (a column fewer) stamps every event anew
    and still records what is gone."""
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    run([SAMPLE], out, parallelism=ONE)
    old = pq.read_table(out / "events.parquet").drop_columns(["evidence", "geometry"])
    shutil.rmtree(out / "events.parquet")
    pq.write_table(old, out / "events.parquet")  # one file, as early versions wrote it
    clock(LATER)
    run([_write(tmp_path / "part.jsonl", _articles()[:20])], out, parallelism=ONE)
    events = pd.read_parquet(out / "events.parquet")
    assert (events["timestamp"] == int(LATER)).all()
    assert len(pd.read_parquet(out / "deletions.parquet")) > 0


def test_a_new_report_of_a_published_event_joins_it_under_its_id(tmp_path, clock):
    """The sample's two reports of one Myanmar event: the later one alone first, then
    both. The event keeps the id it was published under and gets the second source."""
    articles = _articles()
    out = tmp_path / "out"
    others = [a for a in articles if a["id"] != "sample-027"]
    run([_write(tmp_path / "first.jsonl", others)], out, parallelism=ONE)
    before = pd.read_parquet(out / "events.parquet")
    [old_id] = before.loc[before["article_ids"].map(lambda ids: "sample-028" in list(ids)), "event_id_cnty"]
    clock(LATER)
    run([SAMPLE], out, parallelism=ONE)
    after = pd.read_parquet(out / "events.parquet").set_index("event_id_cnty")
    assert sorted(after.loc[old_id, "article_ids"]) == ["sample-027", "sample-028"]
    assert after.loc[old_id, "timestamp"] == int(LATER)
    assert old_id not in set(pd.read_parquet(out / "deletions.parquet")["event_id_cnty"])
    # From scratch the event takes the id of its earliest report instead.
    fresh = tmp_path / "fresh"
    run([SAMPLE], fresh, parallelism=ONE)
    merged = pd.read_parquet(fresh / "events.parquet")
    [new_id] = merged.loc[merged["article_ids"].map(lambda ids: "sample-027" in list(ids)), "event_id_cnty"]
    assert new_id != old_id
