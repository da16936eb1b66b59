"""Reading and writing the tables between stages: atomic, validated, streamed."""

from __future__ import annotations

import logging
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import schema

log = logging.getLogger(__name__)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling of ``path``; rename it over ``path`` only on success.

    A run killed midway leaves the old file (or none), never half a file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


class TableWriter:
    """Append validated batches to one Parquet file, made visible atomically on close."""

    def __init__(self, path: Path, name: str) -> None:
        self.path = Path(path)
        self.name = name
        self.rows = 0
        self._ctx = atomic_path(self.path)
        self._tmp = self._ctx.__enter__()
        self._writer = pq.ParquetWriter(self._tmp, schema.load(name).arrow())

    def write(self, df: pd.DataFrame) -> None:
        if len(df):
            self._writer.write_table(schema.to_arrow(df, self.name))
            self.rows += len(df)

    def close(self) -> None:
        self._writer.close()
        self._ctx.__exit__(None, None, None)

    def abort(self, exc: BaseException) -> None:
        self._writer.close()
        self._ctx.__exit__(type(exc), exc, exc.__traceback__)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if exc is None:
            self.close()
        else:
            self.abort(exc)


def write_table(df: pd.DataFrame, path: Path, name: str) -> Path:
    with TableWriter(path, name) as writer:
        writer.write(df)
    return Path(path)


def read_batches(path: Path, batch_size: int) -> Iterator[pd.DataFrame]:
    """Stream a Parquet table as DataFrames of at most ``batch_size`` rows."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
        yield to_pandas(pa.Table.from_batches([batch]))


def read_table(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    return to_pandas(pq.read_table(path, columns=columns))


def to_pandas(table: pa.Table) -> pd.DataFrame:
    # Keep dates as datetime.date and nullable ints as objects so the schema checks see
    # the same Python values the stages produce.
    return table.to_pandas(date_as_object=True, integer_object_nulls=True)


_TEMPORARY = re.compile(r"^\..+\.(?:tmp|old)-(\d+)-[0-9a-f]{8}$")


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files (pipeline.io.atomic_path) that a killed run left in ``folder``.

    Only files whose writing process is gone are removed, so a run going on beside
    this one keeps its own.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _TEMPORARY.match(path.name)
        if match is None or _alive(int(match.group(1))):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)  # a partitioned table being written (export.partitioned.atomic_dir)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
        log.info("removed %s, left by a run that was stopped", path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
