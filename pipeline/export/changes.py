"""What changed since the last export into the same folder: ``timestamp`` and deletions.

``timestamp`` is the Unix time of the last change of a row, as in ACLED: an event that
is new, or whose columns changed, gets the time of this run; an event identical to the
one published last time keeps its old timestamp (so its bytes do not change). Events
published last time and gone now are listed in ``deletions.parquet``, which grows run
after run; an id that comes back leaves that list.

The time of a run is the clock, or ``SOURCE_DATE_EPOCH`` when it is set (the
reproducible-builds convention), so that two fresh runs can give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline import schema
from pipeline.io import read_table

TIMESTAMP = "timestamp"


def run_time() -> int:
    """Seconds since 1970 for this run: ``SOURCE_DATE_EPOCH`` or the clock."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    return int(pinned) if pinned else int(time.time())


def _row_digests(df: pd.DataFrame) -> dict[str, str]:
    """A hash of each event's columns but the timestamp, by event id. Rows go through the
    Arrow schema first, so a value reads the same whether it came from assemble or from
    the published file."""
    columns = [c for c in schema.load("events").columns if c != TIMESTAMP]
    rows = schema.to_arrow(df.assign(**{TIMESTAMP: 0}), "events").select(columns).to_pylist()
    return {row["event_id_cnty"]: hashlib.sha1(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest() for row in rows}


def published_events(path: Path) -> pd.DataFrame | None:
    """The events of the last export (a partitioned folder or one file), or None."""
    path = Path(path)
    if not path.exists():
        return None
    table = pq.read_table(path, columns=schema.load("events").columns)
    return table.to_pandas(date_as_object=True, integer_object_nulls=True)


def stamp(events: pd.DataFrame, previous: pd.DataFrame | None, now: int) -> pd.DataFrame:
    """``events`` with the timestamp of each row's last change."""
    events = events.copy()
    if previous is None or previous.empty or events.empty:
        events[TIMESTAMP] = now
        return events
    new, old = _row_digests(events), _row_digests(previous)
    old_stamp = dict(zip(previous["event_id_cnty"], previous[TIMESTAMP]))
    events[TIMESTAMP] = [int(old_stamp[i]) if old.get(i) == new[i] else now for i in events["event_id_cnty"]]
    return events


def deletions(events: pd.DataFrame, previous: pd.DataFrame | None, earlier: pd.DataFrame | None, now: int) -> pd.DataFrame:
    """Earlier deletions plus the events published last time and absent now; ids present
    now are not deleted."""
    frames = [] if earlier is None else [earlier]
    if previous is not None and len(previous):
        gone = previous[~previous["event_id_cnty"].isin(set(events["event_id_cnty"]))]
        frames.append(pd.DataFrame({
            "event_id_cnty": gone["event_id_cnty"], "event_date": gone["event_date"], "country": gone["country"],
            "event_type": gone["event_type"], "deleted_timestamp": now,
        }))
    frames = [f for f in frames if len(f)]
    if not frames:
        return schema.empty("deletions")
    table = pd.concat(frames, ignore_index=True)
    table = table[~table["event_id_cnty"].isin(set(events["event_id_cnty"]))]
    table = table.drop_duplicates("event_id_cnty", keep="last")
    return table.sort_values(["deleted_timestamp", "event_id_cnty"], kind="stable").reset_index(drop=True)


def earlier_deletions(path: Path) -> pd.DataFrame | None:
    return read_table(path) if Path(path).exists() else None
