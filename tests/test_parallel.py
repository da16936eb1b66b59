"""Parallel engines give the tables one worker gives: local pool byte for byte, Dask row for row."""

from __future__ import annotations

import filecmp

import pandas as pd
import pytest

from pipeline.config import SAMPLE_DIR
from pipeline.parallel import EngineError, Parallelism

SAMPLE = SAMPLE_DIR / "articles.jsonl"
TABLES = ["events", "event_articles", "mentions", "places", "articles"]
# Small batches, so that the 30 sample articles make several batches for the workers to share.
BATCH = 4


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):
    from pipeline.runner import run

    out = tmp_path_factory.mktemp("workers-1")
    run([SAMPLE], out, parallelism=Parallelism(workers=1), batch_size=BATCH)
    return out


def _rows(df: pd.DataFrame) -> pd.DataFrame:
    """A table as comparable rows, whatever their order and the Arrow chunking."""
    df = df.copy()
    for column in df.columns:
        if df[column].map(lambda v: hasattr(v, "tolist")).any():
            df[column] = df[column].map(lambda v: tuple(v.tolist()) if hasattr(v, "tolist") else v)
    return df.sort_values(list(df.columns[:3])).reset_index(drop=True)


def test_two_local_workers_write_the_same_files_as_one(one_worker, tmp_path):
    from pipeline.runner import run

    summary = run([SAMPLE], tmp_path, parallelism=Parallelism(workers=2), batch_size=BATCH)
    assert summary.counts["articles"] == 30
    for name in TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"), pd.read_parquet(one_worker / f"{name}.parquet"), obj=name)
    # Every table file, published or interim (events.parquet may be a partitioned folder).
    files = sorted(p.relative_to(one_worker) for p in one_worker.rglob("*") if p.is_file() and p.suffix in (".parquet", ".csv"))
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file() and p.suffix in (".parquet", ".csv"))
    different = [str(f) for f in files if not filecmp.cmp(one_worker / f, tmp_path / f, shallow=False)]
    assert different == [], "files differ in bytes"


def test_the_one_pass_gives_what_the_stages_give_one_after_another(one_worker, tmp_path):
    from pipeline import assemble, export, extract, ingest
    from pipeline.geocode import stage as geocode

    interim = tmp_path / "interim"
    ingest.run_stage([SAMPLE], interim)
    extract.run_stage(interim)
    geocode.run_stage(interim)
    assemble.run_stage(interim)
    export.run_stage(interim, tmp_path)
    for name in TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"), pd.read_parquet(one_worker / f"{name}.parquet"), obj=name)


def test_geocode_stage_refuses_mentions_out_of_article_order(tmp_path):
    from pipeline import extract, ingest
    from pipeline.errors import PipelineError
    from pipeline.geocode import stage as geocode
    from pipeline.io import read_table, write_table

    interim = tmp_path / "interim"
    ingest.run_stage([SAMPLE], interim)
    extract.run_stage(interim)
    mentions = read_table(interim / "mentions.parquet")
    write_table(mentions.iloc[::-1].reset_index(drop=True), interim / "mentions.parquet", "mentions")
    with pytest.raises(PipelineError, match="not in the order"):
        geocode.run_stage(interim)


def test_dask_local_cluster_gives_the_same_rows_as_the_local_engine(one_worker, tmp_path):
    pytest.importorskip("dask.distributed", reason="the dask engine needs dask[distributed]")
    from pipeline.runner import run

    run([SAMPLE], tmp_path, parallelism=Parallelism(engine="dask", workers=2), batch_size=BATCH)
    for name in TABLES:
        pd.testing.assert_frame_equal(_rows(pd.read_parquet(tmp_path / f"{name}.parquet")),
                                      _rows(pd.read_parquet(one_worker / f"{name}.parquet")), obj=name)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"engine": "spark"}, "unknown engine 'spark'; expected one of: local, dask"),
    ({"workers": 0}, "at least 1"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "needs --engine dask"),
])
def test_bad_parallelism_is_an_error_that_says_why(kwargs, message):
    with pytest.raises(EngineError, match=message.replace("(", r"\(")):
        Parallelism(**kwargs)


def test_cli_options_reach_the_runner():
    import click
    from click.testing import CliRunner

    from pipeline.parallel import parallel_options

    @click.command()
    @parallel_options
    def probe(parallelism: Parallelism) -> None:
        click.echo(f"{parallelism.engine} {parallelism.workers} {parallelism.scheduler}")

    runner = CliRunner()
    assert runner.invoke(probe, ["--workers", "3"]).output == "local 3 None\n"
    assert runner.invoke(probe, ["--engine", "dask", "--scheduler", "tcp://h:8786"]).output == "dask None tcp://h:8786\n"
    assert runner.invoke(probe, ["--scheduler", "tcp://h:8786"]).exit_code == 2
    assert runner.invoke(probe, ["--workers", "0"]).exit_code == 2
