"""CLI commands of the geocode stage; the main ``cli`` group registers them.

    cli.add_command(gazetteer)
    cli.add_command(evaluate_geoparse_command)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from pipeline.errors import InputError
from pipeline.geocode.evaluate import evaluate_geoparse, evaluate_locations, format_report
from pipeline.geocode.gazetteer import Gazetteer, build_gazetteer, default_path, row_counts
from pipeline.geocode.geoparse import Geoparser

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group(name="gazetteer")
def gazetteer() -> None:
    """Build or inspect the offline gazetteer (data/reference/gazetteer.parquet)."""


@gazetteer.command(name="build")
@click.option("--geonames", type=_FILE, default=None,
              help="A GeoNames dump (allCountries.txt or a country file such as NG.txt) "
                   "whose places and admin names are added.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the gazetteer (default: data/reference/gazetteer.parquet).")
def build(geonames: Path | None, output: Path | None) -> None:
    """Build the gazetteer from the installed GeoNames data (about a minute).

    Example:

        conflict-events gazetteer build
        conflict-events gazetteer build --geonames ~/geonames/allCountries.txt
    """
    try:
        path = build_gazetteer(output, geonames_file=geonames)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"cannot build the gazetteer: {exc}") from exc
    counts = row_counts(Gazetteer.load(path))
    click.echo(f"wrote {path}")
    for feature, n in sorted(counts.items()):
        click.echo(f"  {feature:<10}{n:>8}")


@gazetteer.command(name="info")
@click.option("--path", type=_FILE, default=None, help="Gazetteer file (default: the built one).")
def info(path: Path | None) -> None:
    """Show what the gazetteer holds.

    Example:

        conflict-events gazetteer info
    """
    path = path or default_path()
    counts = row_counts(Gazetteer.load(path))
    click.echo(f"{path}")
    for feature, n in sorted(counts.items()):
        click.echo(f"  {feature:<10}{n:>8}")


@click.command(name="evaluate-geoparse")
@click.option("--gold", required=True, type=_FILE,
              help="GeoWebNews or TR-News XML file with gold toponyms, or an ACLED CSV "
                   "with notes and their coded locations.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--gazetteer", "gazetteer_path", type=_FILE, default=None,
              help="Gazetteer file (default: data/reference/gazetteer.parquet).")
@click.option("--errors", "errors_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="XML gold: write one row per gold toponym and per prediction outside them, as CSV.")
def evaluate_geoparse_command(gold: Path, as_json: bool, gazetteer_path: Path | None, errors_file: Path | None) -> None:
    """Score the geoparser on gold toponyms: detection, precision, accuracy@161km.

    With an ACLED CSV (columns notes, country, admin1, latitude, longitude) each note is
    located as a whole and scored on admin1, country and distance (25 km).

    Example:

        conflict-events evaluate-geoparse --gold ../shared/data/dev/geoparsing/GWN.xml
        conflict-events evaluate-geoparse --gold TR-News.xml --json --errors tr-news.csv
        conflict-events evaluate-geoparse --gold ../shared/data/dev/acled_2022_notes.csv
    """
    csv_gold = gold.suffix.lower() == ".csv"
    if csv_gold and errors_file:
        raise click.UsageError("--errors works with the XML corpora; for ACLED rows use `evaluate --errors`")
    geoparser = Geoparser(gazetteer=Gazetteer.load(gazetteer_path))
    rows: list[dict[str, Any]] = []
    try:
        result = evaluate_locations(gold, geoparser) if csv_gold else evaluate_geoparse(gold, geoparser, rows)
    except InputError as exc:
        raise click.ClickException(str(exc)) from exc
    if errors_file:
        import pandas as pd

        pd.DataFrame(rows).to_csv(errors_file, index=False)
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(format_report(result))
