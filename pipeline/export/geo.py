"""GeoParquet 1.0 for point events: a WKB geometry column and the ``geo`` file metadata.

Spec: https://geoparquet.org/releases/v1.0.0/ . Points are encoded here with ``struct``
so publishing needs no GEOS; the CRS is left out, which the spec defines as OGC:CRS84
(longitude, latitude on WGS 84), the order ACLED's coordinates are in.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Sequence

import pyarrow as pa

GEOMETRY_COLUMN = "geometry"
GEOPARQUET_VERSION = "1.0.0"
# WKB: byte order 1 (little endian), geometry type 1 (Point), then x and y.
_WKB_POINT = struct.Struct("<BIdd")


def wkb_point(longitude: float | None, latitude: float | None) -> bytes | None:
    """The WKB of a point, or None when either coordinate is missing or not finite."""
    if longitude is None or latitude is None:
        return None
    lon, lat = float(longitude), float(latitude)
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    return _WKB_POINT.pack(1, 1, lon, lat)


def add_point_geometry(table: pa.Table, *, lon: str = "longitude", lat: str = "latitude") -> pa.Table:
    """Append a WKB point column built from ``lon``/``lat`` and the GeoParquet ``geo`` metadata."""
    lons: Sequence[float | None] = table.column(lon).to_pylist()
    lats: Sequence[float | None] = table.column(lat).to_pylist()
    points = [wkb_point(x, y) for x, y in zip(lons, lats)]
    table = table.append_column(pa.field(GEOMETRY_COLUMN, pa.binary(), nullable=True), pa.array(points, pa.binary()))
    meta = dict(table.schema.metadata or {})
    meta[b"geo"] = json.dumps(geo_metadata(lons, lats, points), sort_keys=True).encode()
    return table.replace_schema_metadata(meta)


def geo_metadata(lons: Sequence[float | None], lats: Sequence[float | None], points: Sequence[bytes | None]) -> dict:
    column: dict = {"encoding": "WKB", "geometry_types": ["Point"]}
    located = [(x, y) for x, y, p in zip(lons, lats, points) if p is not None]
    if located:
        xs, ys = zip(*located)
        column["bbox"] = [min(xs), min(ys), max(xs), max(ys)]
    return {"version": GEOPARQUET_VERSION, "primary_column": GEOMETRY_COLUMN, "columns": {GEOMETRY_COLUMN: column}}
