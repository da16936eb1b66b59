"""``datapackage.json``: the published folder described as a Frictionless Data Package.

The table schemas are read from schemas/*.json, never restated; only what differs in a
published form is derived (the events' GeoParquet geometry, the CSV's joined lists).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline import schema
from pipeline.export.geo import GEOMETRY_COLUMN
from pipeline.export.spreadsheet import ENCODING, csv_schema
from pipeline.io import atomic_path

PACKAGE_NAME = "conflict-events"
GEOMETRY_FIELD = {
    "name": GEOMETRY_COLUMN,
    "type": "any",
    "description": "Point (longitude latitude, OGC:CRS84) as WKB, GeoParquet 1.0; empty when the event has no coordinates. Parquet only.",
}


def table_schema(name: str, *, extra_fields: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    descriptor = {k: v for k, v in schema.load(name).raw.items() if k not in ("name", "title", "description", "version")}
    if extra_fields:
        descriptor["fields"] = [*descriptor["fields"], *extra_fields]
    return descriptor


def resource(name: str, path: str | list[str], *, fmt: str, table: str | None = None, **extra: Any) -> dict[str, Any]:
    table = table or name
    raw = schema.load(table).raw
    return {
        "name": name,
        "type": "table",
        "path": path,
        "format": fmt,
        "title": raw.get("title", table),
        "description": raw.get("description", ""),
        "schema": extra.pop("schema", None) or table_schema(table),
        "x-schema-version": raw["version"],
        **extra,
    }


def descriptor(*, events: str, events_csv: str, tables: dict[str, str]) -> dict[str, Any]:
    """The package: ``events`` is the partitioned folder (pyarrow, pandas and frictionless
    read a folder as one table), ``tables`` maps a schema name to its Parquet file."""
    version = schema.load("events").version
    resources = [
        resource(
            "events",
            events,
            fmt="parquet",
            schema=table_schema("events", extra_fields=[GEOMETRY_FIELD]),
        ),
        resource(
            "events-csv",
            events_csv,
            fmt="csv",
            table="events",
            schema={k: v for k, v in csv_schema("events").items() if k not in ("name", "title", "description", "version")},
            encoding=ENCODING,
            mediatype="text/csv",
        ),
    ]
    resources += [resource(name, path, fmt="parquet") for name, path in tables.items()]
    return {
        "name": PACKAGE_NAME,
        "title": "Conflict events coded from news articles",
        "description": "Events in ACLED's layout, with the article and sentence behind every fact. See docs/dataset.md.",
        "version": version,
        "resources": resources,
    }


def write(out_dir: Path, **kwargs: Any) -> Path:
    path = Path(out_dir) / "datapackage.json"
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(descriptor(**kwargs), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
