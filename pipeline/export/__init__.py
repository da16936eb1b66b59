"""Stage 5, export: the interim tables -> the published dataset in one folder.

Every table is validated against schemas/ on the way out and written
atomically, so a reader never sees half a file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline import schema
from pipeline.io import atomic_path, read_table, write_table

# interim file -> (published file, schema)
TABLES = {
    "events.parquet": ("events.parquet", "events"),
    "event_articles.parquet": ("event_articles.parquet", "event_articles"),
    "located.parquet": ("mentions.parquet", "mentions"),
    "places.parquet": ("places.parquet", "places"),
    "articles.parquet": ("articles.parquet", "articles"),
}


def run_stage(interim_dir: Path, out_dir: Path, counts: dict[str, int] | None = None) -> dict[str, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for source, (target, name) in TABLES.items():
        df = read_table(interim_dir / source)
        write_table(df, out_dir / target, name)
        written[name] = len(df)
    rejects = [read_table(p) for p in (interim_dir / "rejects.parquet", interim_dir / "extract_rejects.parquet") if p.exists()]
    all_rejects = pd.concat(rejects, ignore_index=True) if rejects else schema.empty("rejects")
    write_table(all_rejects, out_dir / "rejects.parquet", "rejects")
    written["rejects"] = len(all_rejects)
    summary = {"tables": written, "counts": counts or {}, "schema_version": schema.load("events").version}
    with atomic_path(out_dir / "summary.json") as tmp:
        tmp.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return written
