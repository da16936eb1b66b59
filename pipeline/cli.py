"""Command-line interface: parses options, calls the library, prints results."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.config import INTERIM_DIR, MAX_ARTICLE_CHARS, PROCESSED_DIR
from pipeline.errors import PipelineError
from pipeline.geocode.commands import evaluate_geoparse_command, gazetteer
from pipeline.parallel import Parallelism, parallel_options
from pipeline.report import report_command

inputs_argument = click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="conflict-events")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Turn news articles into an ACLED-like conflict-event dataset."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def geocoder_options(command):  # type: ignore[no-untyped-def]
    """--geocoder NAME and its settings: geopy's online services, the offline gazetteer by default."""
    from pipeline.geocode.online import valid_names

    command = click.option("--user-agent", default=None, help="User agent for an online geocoder (Nominatim requires a real one).")(command)
    command = click.option("--geocoder-domain", default=None, help="Host of the geocoding service, e.g. your own Nominatim.")(command)
    return click.option("--geocoder", type=click.Choice(valid_names()), default="offline", show_default=True,
                        help="Where place names are looked up; online services fall back to the offline gazetteer on failure.")(command)


def _locator(name: str | None, domain: str | None, user_agent: str | None):  # type: ignore[no-untyped-def]
    """None for the offline gazetteer (workers load their own); an online locator runs in this process."""
    if not name or name == "offline":
        return None
    from pipeline.errors import GeocoderError
    from pipeline.geocode import Geoparser
    from pipeline.geocode.online import make_locator

    try:
        return make_locator(name, offline=Geoparser(), domain=domain, user_agent=user_agent)
    except GeocoderError as exc:
        raise click.UsageError(str(exc)) from exc


def _fail(exc: PipelineError) -> None:
    raise click.ClickException(str(exc)) from exc


@cli.command()
@inputs_argument
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=PROCESSED_DIR, show_default=True, help="Output folder.")
@click.option("--interim", "interim_dir", type=click.Path(path_type=Path), default=None, help="Folder for the stages' intermediate tables [default: OUT/interim].")
@click.option("--strict", is_flag=True, help="Exit 1 when any input record is rejected (duplicates are not rejects).")
@click.option("--max-chars", type=click.IntRange(min=1), default=MAX_ARTICLE_CHARS, show_default=True,
              help="Reject an article longer than this many characters (reason too_large).")
@click.option("--full", is_flag=True, help="Code every article again, even those the last run into this folder coded from the same text.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars and no events table; only the one-line summary.")
@parallel_options
@geocoder_options
def run(inputs: tuple[Path, ...], out_dir: Path, interim_dir: Path | None, strict: bool, max_chars: int, full: bool, quiet: bool,
        parallelism: Parallelism, geocoder: str | None, geocoder_domain: str | None, user_agent: str | None) -> None:
    """Run every stage: ingest, extract, geocode, assemble, export.

    Bad records do not stop the run: they go to OUT/rejects.parquet with their
    reason, and the exit code is 0 unless --strict is given.

    Runs are incremental: run again with more articles into the same OUT and only
    the new or changed ones are coded; events that did not change keep their bytes
    and timestamp, and events that are gone are listed in OUT/deletions.parquet.

    Example:

        conflict-events run data/raw/sample/articles.jsonl --out data/processed --max-chars 200000
    """
    from pipeline import config
    from pipeline.runner import run as run_pipeline

    try:
        with config.override(MAX_ARTICLE_CHARS=max_chars):
            summary = run_pipeline(inputs, out_dir, interim_dir=interim_dir, parallelism=parallelism,
                                   geoparser=_locator(geocoder, geocoder_domain, user_agent),
                                   incremental=not full, progress=False if quiet else None)
    except PipelineError as exc:
        _fail(exc)
    from pipeline.report import load_events, terminal_summary

    if not quiet:
        click.echo(terminal_summary(load_events(out_dir)))
    click.echo(summary.line())
    click.echo(f"events: {out_dir / 'events.parquet'}; rejects: {out_dir / 'rejects.parquet'}")
    if not summary.balanced:
        raise click.ClickException("records read do not add up to articles + rejected + duplicates: a bug, please report it")
    rejected = summary.counts["rejected"] + summary.counts.get("extract_errors", 0)
    if strict and rejected:
        raise click.ClickException(f"{rejected} records rejected (--strict); see {out_dir / 'rejects.parquet'}")


@cli.command()
@inputs_argument
@click.option("--out", "interim_dir", type=click.Path(path_type=Path), default=INTERIM_DIR, show_default=True)
def ingest(inputs: tuple[Path, ...], interim_dir: Path) -> None:
    """Read articles (JSONL, CSV, .txt folders, HTML, WARC) into DIR/articles.parquet.

    Example:

        conflict-events ingest data/raw/sample --out data/interim
    """
    from pipeline import ingest as stage

    counts = stage.run_stage(list(inputs), interim_dir)
    click.echo(", ".join(f"{k} {v}" for k, v in counts.items()))


@cli.command()
@click.option("--interim", "interim_dir", type=click.Path(path_type=Path), default=INTERIM_DIR, show_default=True)
def extract(interim_dir: Path) -> None:
    """Find event mentions in DIR/articles.parquet -> DIR/mentions.parquet.

    Example:

        conflict-events extract --interim data/interim
    """
    from pipeline import extract as stage

    click.echo(", ".join(f"{k} {v}" for k, v in stage.run_stage(interim_dir).items()))


@cli.command()
@click.option("--interim", "interim_dir", type=click.Path(path_type=Path), default=INTERIM_DIR, show_default=True)
def geocode(interim_dir: Path) -> None:
    """Place each mention: DIR/mentions.parquet -> DIR/located.parquet, DIR/places.parquet.

    Example:

        conflict-events geocode --interim data/interim
    """
    from pipeline.geocode import stage

    click.echo(", ".join(f"{k} {v}" for k, v in stage.run_stage(interim_dir).items()))


@cli.command()
@click.option("--interim", "interim_dir", type=click.Path(path_type=Path), default=INTERIM_DIR, show_default=True)
def assemble(interim_dir: Path) -> None:
    """Merge mentions into events: DIR/located.parquet -> DIR/events.parquet.

    Example:

        conflict-events assemble --interim data/interim
    """
    from pipeline import assemble as stage

    click.echo(", ".join(f"{k} {v}" for k, v in stage.run_stage(interim_dir).items()))


@cli.command()
@click.option("--interim", "interim_dir", type=click.Path(path_type=Path), default=INTERIM_DIR, show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=PROCESSED_DIR, show_default=True)
def export(interim_dir: Path, out_dir: Path) -> None:
    """Validate and publish the tables into the output folder.

    Example:

        conflict-events export --interim data/interim --out data/processed
    """
    from pipeline import export as stage

    try:
        written = stage.run_stage(interim_dir, out_dir)
    except PipelineError as exc:
        _fail(exc)
    click.echo(", ".join(f"{k} {v}" for k, v in written.items()))


@cli.command()
@inputs_argument
@click.option("--out", "out_file", type=click.Path(path_type=Path), required=True, help="Parquet file to write.")
def geoparse(inputs: tuple[Path, ...], out_file: Path) -> None:
    """Write one row per place mention in the articles, with offsets and coordinates.

    Example:

        conflict-events geoparse data/raw/sample/articles.jsonl --out places.parquet
    """
    import pandas as pd

    from pipeline.geocode import Geoparser
    from pipeline.geocode.stage import place_rows
    from pipeline.ingest import iter_articles
    from pipeline.io import TableWriter

    geoparser = Geoparser()
    articles = rejected = 0
    with TableWriter(out_file, "places") as writer:
        rows: list[dict] = []
        for item in iter_articles(list(inputs)):
            if not isinstance(item, dict):
                rejected += 1
                click.echo(f"rejected {item.source_file} {item.source_record}: {item.reason} ({item.detail})", err=True)
                continue
            articles += 1
            rows.extend(place_rows(item["article_id"], geoparser.parse(item["text"])))
            if len(rows) >= 5000:
                writer.write(pd.DataFrame(rows))
                rows = []
        writer.write(pd.DataFrame(rows))
    click.echo(f"{articles} articles, {rejected} rejected, {writer.rows} place mentions -> {out_file}")




@cli.command()
@click.option("--gold", "gold", type=click.Path(exists=True, path_type=Path), required=True, help="Gold events, ACLED columns; or PLOVER's gold records (.json): news sentences by category.")
@click.option("--pred", "pred_dir", type=click.Path(path_type=Path), default=None, help="Folder with events.parquet from `run`.")
@click.option("--work", "work_dir", type=click.Path(path_type=Path), default=None,
              help="Without --pred: run the pipeline on the gold file's notes into this folder first.")
@click.option("--labels", "labels", type=click.Path(exists=True, path_type=Path), default=None,
              help="Document labels (IndiaPoliceEvents labels.csv) instead of an ACLED gold table.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--errors", "errors_file", type=click.Path(path_type=Path), default=None, help="Write the row-by-row comparison (with --labels: per article) as CSV.")
def evaluate(gold: Path, pred_dir: Path | None, work_dir: Path | None, labels: Path | None, as_json: bool, errors_file: Path | None) -> None:
    """Score coded events against gold data, field by field.

    Example:

        conflict-events evaluate --gold ../shared/data/dev/acled_2022_notes.csv --work build/eval/acled

        conflict-events evaluate --gold ../shared/data/dev/plover_gold_standard_records.json --work build/eval/plover
    """
    import json

    from pipeline import evaluate as ev
    from pipeline.runner import run as run_pipeline

    plover = gold.suffix.lower() == ".json"  # PLOVER's gold records: news sentences by category
    if pred_dir is None:
        if work_dir is None:
            raise click.UsageError("give --pred DIR, or --work DIR to run the pipeline on the gold file first")
        source = gold
        if plover:
            work_dir.mkdir(parents=True, exist_ok=True)
            source = work_dir / "plover_sentences.jsonl"
            source.write_text("".join(json.dumps(a) + "\n" for a in ev.plover_articles(gold)), encoding="utf-8")
        run_pipeline([source], work_dir)
        pred_dir = work_dir
    if plover:
        scores, table = ev.evaluate_plover(gold, pred_dir)
    elif labels is not None:
        scores, table = ev.evaluate_labels(labels, pred_dir)
    else:
        scores, table = ev.evaluate(gold, pred_dir)
    if errors_file:
        table.to_csv(errors_file, index=False)
    click.echo(json.dumps(scores, indent=2) if as_json else f"{gold.name}:\n" + ev.format_scores(scores))


# Commands that live with their stage.
cli.add_command(gazetteer)
cli.add_command(evaluate_geoparse_command)
cli.add_command(report_command)
