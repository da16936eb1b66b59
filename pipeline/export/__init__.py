"""Stage 5, export: the interim tables -> the published dataset in one folder.

Every table is validated against schemas/ on the way out and written atomically, so a
reader never sees half a file. What is published (docs/dataset.md):

- ``events.parquet/``: a folder partitioned by year and country, GeoParquet
  (``partitioned.py``, ``geo.py``); ``pandas.read_parquet`` reads it whole.
- ``events.csv``: the same rows, safe to open in a spreadsheet (``spreadsheet.py``).
- ``event_articles``, ``mentions``, ``places``, ``articles``, ``rejects``: one Parquet file each.
- ``datapackage.json``: all of the above as a Frictionless Data Package (``datapackage.py``).
- ``summary.json``: the counts of the run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline import schema
from pipeline.export import datapackage
from pipeline.export.partitioned import write_events
from pipeline.export.spreadsheet import write_csv
from pipeline.io import atomic_path, read_table, write_table

EVENTS = "events.parquet"
EVENTS_CSV = "events.csv"
# interim file -> (published file, schema), besides the events
TABLES = {
    "event_articles.parquet": ("event_articles.parquet", "event_articles"),
    "located.parquet": ("mentions.parquet", "mentions"),
    "places.parquet": ("places.parquet", "places"),
    "articles.parquet": ("articles.parquet", "articles"),
}
REJECT_SOURCES = ("rejects.parquet", "extract_rejects.parquet")


def run_stage(interim_dir: Path, out_dir: Path, counts: dict[str, int] | None = None) -> dict[str, int]:
    interim_dir, out_dir = Path(interim_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}

    events = read_table(interim_dir / EVENTS)
    write_events(events, out_dir / EVENTS)
    write_csv(events, out_dir / EVENTS_CSV, "events")
    written["events"] = len(events)

    published = {}
    for source, (target, name) in TABLES.items():
        df = read_table(interim_dir / source)
        write_table(df, out_dir / target, name)
        written[name] = len(df)
        published[name] = target

    rejects = [read_table(interim_dir / p) for p in REJECT_SOURCES if (interim_dir / p).exists()]
    all_rejects = pd.concat(rejects, ignore_index=True) if rejects else schema.empty("rejects")
    write_table(all_rejects, out_dir / "rejects.parquet", "rejects")
    written["rejects"] = len(all_rejects)
    published["rejects"] = "rejects.parquet"

    datapackage.write(
        out_dir,
        events=EVENTS,
        events_csv=EVENTS_CSV,
        tables=published,
    )
    summary = {"tables": written, "counts": counts or {}, "schema_version": schema.load("events").version}
    with atomic_path(out_dir / "summary.json") as tmp:
        tmp.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return written
