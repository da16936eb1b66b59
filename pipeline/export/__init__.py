"""Stage 5, export: the interim tables -> the published dataset in one folder.

Every table is validated against schemas/ on the way out and written atomically, so a
reader never sees half a file. What is published (docs/dataset.md):

- ``events.parquet/``: a folder partitioned by year and country, GeoParquet
  (``partitioned.py``, ``geo.py``); ``pandas.read_parquet`` reads it whole.
- ``events.csv``: the same rows, safe to open in a spreadsheet (``spreadsheet.py``).
- ``event_articles``, ``mentions``, ``places``, ``articles``, ``rejects``: one Parquet file each.
- ``actors.parquet``: every actor name in the events, with its inter code (``actors.py``).
- ``deletions.parquet``: events published by an earlier run and gone now; each event's
  ``timestamp`` is the time of its last change (``changes.py``).
- ``datapackage.json``: all of the above as a Frictionless Data Package (``datapackage.py``).
- ``summary.json``: the counts of the run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline import schema
from pipeline.export import changes, datapackage
from pipeline.export.actors import COLUMNS as ACTOR_COLUMNS
from pipeline.export.actors import actor_table
from pipeline.export.partitioned import write_events
from pipeline.export.spreadsheet import write_csv
from pipeline.io import TableWriter, atomic_path, read_batches, read_table, to_pandas, write_table

EVENTS = "events.parquet"
EVENTS_CSV = "events.csv"
ACTORS = "actors.parquet"
DELETIONS = "deletions.parquet"
# interim file -> (published file, schema), besides the events
TABLES = {
    "event_articles.parquet": ("event_articles.parquet", "event_articles"),
    "located.parquet": ("mentions.parquet", "mentions"),
    "places.parquet": ("places.parquet", "places"),
    "articles.parquet": ("articles.parquet", "articles"),
}
REJECT_SOURCES = ("rejects.parquet", "extract_rejects.parquet")


def _validated_events(path: Path, batch_size: int = 20_000) -> pa.Table:
    """The interim events as one Arrow table, checked against the schema chunk by chunk
    (an Arrow table takes a fraction of a DataFrame's memory)."""
    chunks = [schema.to_arrow(batch, "events") for batch in read_batches(path, batch_size)]
    return pa.concat_tables(chunks) if chunks else schema.load("events").arrow().empty_table()


def _copy(source: Path, target: Path, name: str, batch_size: int = 10_000) -> int:
    """Validate and publish a table batch by batch (the articles table holds every text)."""
    with TableWriter(target, name) as out:
        for batch in read_batches(source, batch_size):
            out.write(batch)
        return out.rows


def run_stage(interim_dir: Path, out_dir: Path, counts: dict[str, int] | None = None, *, now: int | None = None) -> dict[str, int]:
    """Publish the interim tables into ``out_dir``. ``now`` (default: the clock, or
    SOURCE_DATE_EPOCH) stamps the events that are new or changed since the last export."""
    interim_dir, out_dir = Path(interim_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    now = changes.run_time() if now is None else now
    written: dict[str, int] = {}

    events = _validated_events(interim_dir / EVENTS)
    previous = changes.Published(out_dir / EVENTS)
    events = previous.stamp(events, now)
    current = set(events.column("event_id_cnty").to_pylist())
    deleted = previous.deletions(current, changes.earlier_deletions(out_dir / DELETIONS), now)
    del previous
    write_events(events, out_dir / EVENTS)
    write_csv(events, out_dir / EVENTS_CSV, "events")
    written["events"] = events.num_rows
    write_table(deleted, out_dir / DELETIONS, "deletions")
    written["deletions"] = len(deleted)
    actors = actor_table(to_pandas(events.select(ACTOR_COLUMNS)))
    del events
    write_table(actors, out_dir / ACTORS, "actors")
    written["actors"] = len(actors)

    published = {"actors": ACTORS, "deletions": DELETIONS}
    for source, (target, name) in TABLES.items():
        written[name] = _copy(interim_dir / source, out_dir / target, name)
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
