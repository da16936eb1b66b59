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
import logging
import os
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import schema
from pipeline.io import read_table, to_pandas

log = logging.getLogger(__name__)

TIMESTAMP = "timestamp"
_DELETION_COLUMNS = ["event_id_cnty", "event_date", "country", "event_type"]


def run_time() -> int:
    """Seconds since 1970 for this run: ``SOURCE_DATE_EPOCH`` or the clock."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    return int(pinned) if pinned else int(time.time())


def _digests(table: pa.Table) -> dict[str, str]:
    """A hash of each event's columns but the timestamp, by event id. Both sides are Arrow
    tables of the events schema, so a value reads the same whether it came from assemble
    or from the published file."""
    columns = [c for c in schema.load("events").columns if c != TIMESTAMP]
    out: dict[str, str] = {}
    for batch in table.select(columns).to_batches(max_chunksize=10_000):
        for row in batch.to_pylist():
            out[row["event_id_cnty"]] = hashlib.sha1(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()
    return out


class Published:
    """What the last export into a folder published: each event's digest and timestamp."""

    def __init__(self, path: Path) -> None:
        self.digests: dict[str, str] = {}
        self.stamps: dict[str, int] = {}
        self.rows = pd.DataFrame(columns=_DELETION_COLUMNS)
        if not Path(path).exists():
            return
        try:
            table = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:  # unreadable: every event counts as new, none as deleted
            log.warning("cannot read the events published before in %s (%s): every event is stamped as new", path, exc)
            return
        columns = schema.load("events").columns
        if set(columns) <= set(table.column_names):  # an older schema: every row has changed
            self.digests = _digests(table.select(columns))
            self.stamps = dict(zip(table.column("event_id_cnty").to_pylist(), table.column(TIMESTAMP).to_pylist()))
        if set(_DELETION_COLUMNS) <= set(table.column_names):
            self.rows = to_pandas(table.select(_DELETION_COLUMNS))

    def stamp(self, events: pa.Table, now: int) -> pa.Table:
        """``events`` with the timestamp of each row's last change."""
        ids = events.column("event_id_cnty").to_pylist()
        digests = _digests(events) if self.digests else {}
        stamps = [self.stamps[i] if self.digests.get(i) is not None and self.digests[i] == digests[i] else now for i in ids]
        at = events.schema.get_field_index(TIMESTAMP)
        return events.set_column(at, events.schema.field(at), pa.array(stamps, pa.int64()))

    def deletions(self, current_ids: set[str], earlier: pd.DataFrame | None, now: int) -> pd.DataFrame:
        """Earlier deletions plus the events published last time and absent now; ids
        present now are not deleted."""
        gone = self.rows[~self.rows["event_id_cnty"].isin(current_ids)]
        frames = [f for f in (earlier, gone.assign(deleted_timestamp=now)) if f is not None and len(f)]
        if not frames:
            return schema.empty("deletions")
        table = pd.concat(frames, ignore_index=True)
        table = table[~table["event_id_cnty"].isin(current_ids)].drop_duplicates("event_id_cnty", keep="last")
        return table.sort_values(["deleted_timestamp", "event_id_cnty"], kind="stable").reset_index(drop=True)


def earlier_deletions(path: Path) -> pd.DataFrame | None:
    return read_table(path) if Path(path).exists() else None
