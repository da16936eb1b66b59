"""The events table as a folder of Parquet files, one per year and country.

Layout: ``events.parquet/year-2024/country-Nigeria/part-0.parquet``. The folder names
deliberately have no ``=``: with Hive names (``year=2024``) pyarrow, and so
``pandas.read_parquet``, would add ``year`` and ``country`` again as dictionary columns
and refuse to merge them with the real ones. Here every file keeps all the columns in
the contract's order, so reading the folder gives exactly the table that was written;
the folders only let a reader skip what it does not need.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import schema
from pipeline.export.geo import add_point_geometry

PART_FILE = "part-0.parquet"
UNKNOWN = "unknown"
_MAX_SEGMENT = 80


def segment(value: Any) -> str:
    """A folder-name-safe rendering of a partition value.

    Only ASCII letters, digits and single underscores survive, so no value ("../../x",
    "C:\\\\", "CON", a NUL byte) can leave the folder or name a device. The real value is
    in the file; two values that render alike merely share a folder.
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return UNKNOWN
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:_MAX_SEGMENT].strip("_")
    return text or UNKNOWN


def partition_dir(year: Any, country: Any) -> Path:
    if year is None or pd.isna(year):
        year_part = UNKNOWN
    else:
        year_part = str(int(year))
    return Path(f"year-{year_part}") / f"country-{segment(country)}"


def write_events(events: pd.DataFrame | pa.Table, path: Path) -> dict[str, int]:
    """Write the events partitioned under ``path``; a DataFrame is first validated against
    schemas/events.json (an Arrow table is taken as validated: ``schema.to_arrow`` made it).

    Returns rows per partition folder. The folder appears whole or not at all.
    """
    path = Path(path)
    arrow_schema = schema.load("events").arrow()
    # Validated and converted once; each part is then a slice of the same Arrow table.
    whole = events if isinstance(events, pa.Table) else schema.to_arrow(events, "events")
    keys = [partition_dir(y, c).as_posix() for y, c in zip(whole.column("year").to_pylist(), whole.column("country").to_pylist())]
    # Stable row order inside a part, whatever order assemble produced.
    ids = whole.column("event_id_cnty").to_pylist()
    order = sorted(range(len(keys)), key=lambda i: (keys[i], ids[i]))
    parts: dict[str, list[int]] = {}
    for i in order:
        parts.setdefault(keys[i], []).append(i)
    rows: dict[str, int] = {}
    with atomic_dir(path) as tmp:
        for part, indices in parts.items():
            table = add_point_geometry(whole.take(pa.array(indices, pa.int64())))
            target = (tmp / part).resolve()
            if tmp.resolve() not in target.parents:  # belt and braces: segment() already forbids this
                raise ValueError(f"partition {part!r} escapes {path}")
            target.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, target / PART_FILE)
            rows[part] = len(indices)
        if not rows:
            # An empty dataset still has a readable schema.
            empty = add_point_geometry(arrow_schema.empty_table())
            target = tmp / partition_dir(None, None)
            target.mkdir(parents=True)
            pq.write_table(empty, target / PART_FILE)
    return rows


def part_files(path: Path) -> list[Path]:
    """The Parquet files of a partitioned table, in the order readers see them."""
    return sorted(p for p in Path(path).rglob("*.parquet") if p.is_file() and not p.name.startswith((".", "_")))


@contextmanager
def atomic_dir(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling folder; swap it in for ``path`` only on success.

    A directory cannot be renamed over a non-empty one, so the old copy is first moved
    aside: a reader sees the old table, briefly none, then the new one, never a mix.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp = path.with_name(f".{path.name}.tmp-{token}")
    old = path.with_name(f".{path.name}.old-{token}")
    tmp.mkdir()
    try:
        yield tmp
        if path.exists() or path.is_symlink():
            os.replace(path, old)
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, old):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            elif leftover.exists() or leftover.is_symlink():
                leftover.unlink()
