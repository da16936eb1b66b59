"""A one-page HTML report of a published dataset, and a short summary for the terminal.

The page is self-contained: charts are PNGs drawn with matplotlib (Agg, no display) and
embedded as base64, the map's outlines come from the country shapes the ``countryinfo``
package ships, so the page opens offline and can be mailed as one file.
"""

from __future__ import annotations

import base64
import html
import io
import json
import logging
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import click
import pandas as pd

from pipeline.config import PROCESSED_DIR
from pipeline.errors import InputError
from pipeline.io import atomic_path

log = logging.getLogger(__name__)

EVENTS = "events.parquet"
TOP = 15
# Columns the report needs; reading only these keeps big datasets cheap.
COLUMNS = ["event_id_cnty", "event_date", "event_type", "country", "actor1", "actor2", "latitude", "longitude", "fatalities"]


def load_events(data_dir: Path) -> pd.DataFrame:
    """The events of a published folder (``run``/``export`` output), only the columns used here."""
    path = Path(data_dir) / EVENTS
    if not path.exists():
        raise InputError(f"no {EVENTS} in {data_dir}: run `conflict-events run ... --out {data_dir}` first")
    events = pd.read_parquet(path, columns=COLUMNS)
    events["event_date"] = pd.to_datetime(events["event_date"], errors="coerce")
    events["fatalities"] = pd.to_numeric(events["fatalities"], errors="coerce").fillna(0).astype(int)
    return events


# The terminal ----------------------------------------------------------------------


def terminal_summary(events: pd.DataFrame, *, top: int = 5) -> str:
    """A few lines: events and fatalities in all, by event type, the top countries."""
    if events.empty:
        return "0 events."
    lines = [f"{len(events)} events, {int(events['fatalities'].sum())} fatalities."]
    width = max(len(str(k)) for k in events["event_type"].dropna().unique()) if events["event_type"].notna().any() else 10
    lines.append("By event type:")
    for kind, n in _counts(events["event_type"]).items():
        lines.append(f"  {kind:<{width}}  {n:>6}")
    lines.append(f"Top {top} countries:")
    countries = _counts(events["country"].fillna("(unknown)")).head(top)
    width = max(len(str(k)) for k in countries.index)
    for country, n in countries.items():
        lines.append(f"  {country:<{width}}  {n:>6}")
    return "\n".join(lines)


def _counts(series: pd.Series) -> pd.Series:
    # Ties broken by name so two runs print the same lines.
    counts = series.value_counts()
    return counts.rename_axis("key").reset_index(name="n").sort_values(["n", "key"], ascending=[False, True]).set_index("key")["n"]


# The page --------------------------------------------------------------------------


def build_html(events: pd.DataFrame, *, title: str = "Conflict events", source: str = "") -> str:
    """The report page as one HTML string."""
    sections = [f"<h1>{html.escape(title)}</h1>", f"<p>{_overview(events, source)}</p>"]
    if events.empty:
        sections.append("<p>The dataset has no events.</p>")
    else:
        for heading, figure in _figures(events):
            sections.append(f"<h2>{html.escape(heading)}</h2>\n<img alt=\"{html.escape(heading)}\" src=\"data:image/png;base64,{figure}\">")
    body = "\n".join(sections)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
img {{ max-width: 100%; height: auto; }}
h2 {{ margin-top: 2.5rem; border-bottom: 1px solid #ddd; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def write_report(data_dir: Path, out: Path, *, title: str = "Conflict events") -> Path:
    events = load_events(data_dir)
    page = build_html(events, title=title, source=str(data_dir))
    with atomic_path(Path(out)) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return Path(out)


def _overview(events: pd.DataFrame, source: str) -> str:
    dates = events["event_date"].dropna()
    span = f" from {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else ""
    countries = events["country"].nunique()
    where = f" Data: <code>{html.escape(source)}</code>." if source else ""
    return (
        f"{len(events)} events{span} in {countries} countries, "
        f"{int(events['fatalities'].sum())} reported fatalities.{where}"
    )


def _figures(events: pd.DataFrame) -> Iterator[tuple[str, str]]:
    plt = _pyplot()
    months = events["event_date"].dt.to_period("M")

    fig, ax = plt.subplots(figsize=(8, 3.5))
    by_type = _counts(events["event_type"]).sort_values()
    ax.barh(by_type.index.astype(str), by_type.to_numpy(), color="#4c72b0")
    ax.set_xlabel("events")
    yield "Events by type", _png(fig)

    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.3 * min(TOP, events["country"].nunique() or 1)))
    by_country = _counts(events["country"].fillna("(unknown)")).head(TOP).sort_values()
    ax.barh(by_country.index.astype(str), by_country.to_numpy(), color="#55a868")
    ax.set_xlabel("events")
    yield f"Events by country (top {TOP})", _png(fig)

    dated = events.assign(month=months).dropna(subset=["month"])
    monthly = dated.groupby("month").agg(events=("event_id_cnty", "size"), fatalities=("fatalities", "sum"))
    if len(monthly):
        monthly = monthly.reindex(pd.period_range(monthly.index.min(), monthly.index.max(), freq="M"), fill_value=0)
        labels = [str(p) for p in monthly.index]
        fig, ax = plt.subplots(figsize=(8, 3.5))
        ax.bar(labels, monthly["events"].to_numpy(), color="#8172b2")
        ax.set_ylabel("events")
        _thin_ticks(ax, labels)
        yield "Events by month", _png(fig)

        fig, ax = plt.subplots(figsize=(8, 3.5))
        ax.plot(labels, monthly["fatalities"].to_numpy(), marker="o", color="#c44e52")
        ax.set_ylabel("reported fatalities")
        ax.set_ylim(bottom=0)
        _thin_ticks(ax, labels)
        yield "Fatalities by month", _png(fig)

    actors = pd.concat([events["actor1"], events["actor2"]]).dropna()
    actors = actors[actors.astype(str).str.strip() != ""]
    if len(actors):
        top_actors = _counts(actors).head(TOP).sort_values()
        fig, ax = plt.subplots(figsize=(8, 0.8 + 0.3 * len(top_actors)))
        ax.barh([_shorten(str(a)) for a in top_actors.index], top_actors.to_numpy(), color="#dd8452")
        ax.set_xlabel("events (as actor 1 or 2)")
        yield f"Top actors (top {TOP})", _png(fig)

    located = events.dropna(subset=["latitude", "longitude"])
    if len(located):
        yield f"Map ({len(located)} of {len(events)} events have coordinates)", _png(_map(located))


def _map(located: pd.DataFrame) -> Any:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(10, 5.2))
    outlines = world_outlines()
    for ring in outlines:
        xs, ys = zip(*ring)
        ax.plot(xs, ys, color="#bbbbbb", linewidth=0.4)
    colors = plt.get_cmap("tab10")
    for i, (kind, group) in enumerate(located.groupby("event_type", sort=True)):
        size = 12 + 4 * group["fatalities"].clip(upper=50)
        ax.scatter(group["longitude"], group["latitude"], s=size, alpha=0.7, color=colors(i % 10), label=kind, edgecolors="white", linewidths=0.3)
    if not outlines:
        # No shapes to orient the reader: name the countries instead.
        for country, group in located.groupby("country", sort=True):
            ax.annotate(str(country), (group["longitude"].mean(), group["latitude"].mean()), fontsize=7, alpha=0.8)
    pad = 5.0
    ax.set_xlim(max(-180, located["longitude"].min() - pad), min(180, located["longitude"].max() + pad))
    ax.set_ylim(max(-90, located["latitude"].min() - pad), min(90, located["latitude"].max() + pad))
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.legend(fontsize=7, loc="lower left")
    return fig


@cache
def world_outlines() -> tuple[tuple[tuple[float, float], ...], ...]:
    """Country outlines as rings of (lon, lat), from the countryinfo package; empty if unavailable."""
    rings: list[tuple[tuple[float, float], ...]] = []
    try:
        folder = resources.files("countryinfo") / "data"
        files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError) as exc:
        log.info("no country outlines for the map: %s", exc)
        return ()
    for file in files:
        try:
            shape = json.loads(file.read_text(encoding="utf-8")).get("geoJSON") or {}
        except (OSError, ValueError) as exc:
            log.debug("skipping %s: %s", file.name, exc)
            continue
        for feature in shape.get("features", []):
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates", [])
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            elif geometry.get("type") != "MultiPolygon":
                continue
            for polygon in polygons:
                for ring in polygon:
                    rings.append(tuple((float(x), float(y)) for x, y, *_ in ring))
    return tuple(rings)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig: Any) -> str:
    plt = _pyplot()
    buffer = io.BytesIO()
    fig.tight_layout()
    # No timestamp or version in the PNG, so the same data gives the same page.
    fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _thin_ticks(ax: Any, labels: list[str], most: int = 12) -> None:
    step = max(1, -(-len(labels) // most))
    ax.set_xticks(range(0, len(labels), step))
    ax.set_xticklabels(labels[::step], rotation=45, ha="right")


def _shorten(text: str, most: int = 45) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


# The command -----------------------------------------------------------------------


@click.command("report")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=PROCESSED_DIR, show_default=True,
              help="Published folder (the --out of `run` or `export`).")
@click.option("--title", default="Conflict events", show_default=True, help="Heading of the page.")
def report_command(out: Path, data_dir: Path, title: str) -> None:
    """Write a self-contained HTML report: counts, fatalities over time, top actors, a map.

    Example:

        conflict-events report --out report.html --data data/processed
    """
    try:
        write_report(data_dir, out, title=title)
    except InputError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"report: {out}")


__all__ = ["build_html", "load_events", "report_command", "terminal_summary", "world_outlines", "write_report"]
