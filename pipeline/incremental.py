"""Incremental runs: code only the articles that are new or changed since the last run.

After a run, ``interim/coded.parquet`` lists every article that was coded (its id, the
hash of its text and its publication date, which dates are resolved against) and, in its metadata, the fingerprint of the coder that did it:
the source of the extract and geocode code, the reference data and the geocoder. On the
next run into the same interim folder, an article whose id, text hash and publication
date are listed is not coded again: its rows of ``located``, ``places`` and ``extract_rejects`` are copied
from the last run. A changed article (same id, other text or date) is coded again, and its old
rows are dropped; so are the rows of an article no longer in the input. A different
fingerprint (new code, edited actors.csv, a rebuilt gazetteer, another geocoder) codes
everything again.

Copied rows land where a full run would put them, so an incremental run writes the same
tables as a run from scratch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline import config
from pipeline.io import atomic_path

log = logging.getLogger(__name__)

MANIFEST = "coded.parquet"
# interim tables whose rows belong to one article each, copied for unchanged articles
REUSED_TABLES = ("located.parquet", "places.parquet", "extract_rejects.parquet")
_FINGERPRINT_KEY = b"coder_fingerprint"
# What decides how an article is coded: this code and the reference data.
_CODER_SOURCES = ("extract", "geocode", "parallel.py")
# Reference tables that only later stages read (assemble runs on every run anyway).
_NOT_CODING = {"publishers.csv"}


def coder_fingerprint(geoparser: Any = None) -> str:
    """A hash of everything that decides how one article is coded."""
    from pipeline import __version__

    package = Path(__file__).resolve().parent
    digest = hashlib.sha1(__version__.encode())
    files: list[Path] = []
    for name in _CODER_SOURCES:
        path = package / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    reference = Path(config.REFERENCE_DIR)
    files += sorted(p for p in reference.glob("*.csv") if p.name not in _NOT_CODING)
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    from pipeline.geocode.gazetteer import default_path

    gazetteer = default_path()
    if gazetteer.exists():  # size and time: hashing the whole file would cost more than it saves
        stat = gazetteer.stat()
        digest.update(f"gazetteer {gazetteer.resolve()} {stat.st_size} {stat.st_mtime_ns}".encode())
    digest.update(_geocoder_label(geoparser).encode())
    return digest.hexdigest()


def _geocoder_label(geoparser: Any) -> str:
    if geoparser is None:
        return "offline"
    return f"{type(geoparser).__module__}.{type(geoparser).__qualname__}:{getattr(geoparser, 'name', '')}"


def coding_key(article: dict[str, Any]) -> str:
    """What an article's coding depends on besides the coder: its text and its date."""
    published = article.get("published")
    return f"{article['content_hash']}|{published.isoformat() if isinstance(published, dt.date) else ''}"


class _RowGroups:
    """One of the last run's tables, read a row group at a time: the stage wrote one row
    group per batch of articles, so the rows of a batch of unchanged articles are in one
    or two groups, and memory holds those, not the table."""

    def __init__(self, path: Path) -> None:
        self.file = pq.ParquetFile(path)  # open: the file stays readable when the new one replaces it
        self.groups: dict[str, tuple[int, ...]] = {}
        for g in range(self.file.num_row_groups):
            for article_id in set(self.file.read_row_group(g, columns=["article_id"]).column(0).to_pylist()):
                self.groups[article_id] = (*self.groups.get(article_id, ()), g)
        self._cached: tuple[tuple[int, ...], pa.Table] | None = None

    def rows(self, article_ids: set[str]) -> pa.Table:
        wanted = tuple(sorted({g for a in article_ids for g in self.groups.get(a, ())}))
        if self._cached is None or self._cached[0] != wanted:
            table = self.file.read_row_groups(list(wanted)) if wanted else self.file.schema_arrow.empty_table()
            self._cached = (wanted, table)
        table = self._cached[1]
        mask = pc.is_in(table.column("article_id"), value_set=pa.array(sorted(article_ids), type=pa.string()))
        return table.filter(mask)


class PreviousRun:
    """The rows the last run coded, by article, for the articles that have not changed."""

    def __init__(self, coded: dict[str, str], tables: dict[str, _RowGroups]) -> None:
        self.coded = coded  # article id -> coding_key
        self.tables = tables

    @classmethod
    def load(cls, interim_dir: Path, fingerprint: str) -> PreviousRun | None:
        """The last run's rows, or None when there is nothing to reuse (first run, other
        coder, a table missing). The manifest is removed: if this run stops halfway, the
        next one codes everything rather than trust tables half replaced."""
        manifest = Path(interim_dir) / MANIFEST
        if not manifest.exists():
            return None
        try:
            table = pq.read_table(manifest)
            same_coder = (table.schema.metadata or {}).get(_FINGERPRINT_KEY) == fingerprint.encode()
            paths = {name: Path(interim_dir) / name for name in REUSED_TABLES}
            if not same_coder:
                log.info("the coder changed since the last run (code, reference data or geocoder): coding every article again")
                return None
            if not all(p.exists() for p in paths.values()):
                return None
            tables = {name: _RowGroups(path) for name, path in paths.items()}
        except (OSError, pa.ArrowException) as exc:
            log.warning("cannot reuse the last run's tables (%s): coding every article again", exc)
            return None
        finally:
            manifest.unlink(missing_ok=True)
        coded = dict(zip(table.column("article_id").to_pylist(), table.column("coding_key").to_pylist()))
        return cls(coded, tables)

    def unchanged(self, articles: list[dict[str, Any]]) -> set[str]:
        """Ids of the articles in ``articles`` coded last time from the same text and date."""
        return {a["article_id"] for a in articles if self.coded.get(a["article_id"]) == coding_key(a)}

    def rows(self, name: str, article_ids: set[str]) -> pd.DataFrame:
        """The last run's rows of table ``name`` for these articles, in their old order."""
        from pipeline.io import to_pandas

        return to_pandas(self.tables[name].rows(article_ids))


def write_manifest(interim_dir: Path, articles: list[dict[str, Any]], fingerprint: str) -> Path:
    """Record which articles (id, coding_key) the tables now hold, and who coded them."""
    table = pa.table({"article_id": pa.array([a["article_id"] for a in articles], pa.string()),
                      "coding_key": pa.array([coding_key(a) for a in articles], pa.string())})
    table = table.replace_schema_metadata({_FINGERPRINT_KEY: fingerprint.encode()})
    path = Path(interim_dir) / MANIFEST
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)
    return path


def in_article_order(frames: list[pd.DataFrame], order: dict[str, int]) -> pd.DataFrame:
    """Rows of several frames, ordered by their article's place in the batch; rows of one
    article keep their order."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame()
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    rows = pd.concat(frames, ignore_index=True)
    position = rows["article_id"].map(order)
    return rows.iloc[position.argsort(kind="stable").to_numpy()].reset_index(drop=True)
