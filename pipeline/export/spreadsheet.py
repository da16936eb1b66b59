"""The events as a CSV a spreadsheet can open without running anything.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-``
or ``@`` (and, after trimming, a tab or carriage return) as a formula; a news article
can put any of those at the start of an actor name or a note. Such text cells get a
leading apostrophe, which spreadsheets read as "this is text" and do not display
(OWASP, "CSV Injection"). Numbers are written as numbers, so -12.5 stays -12.5.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from pipeline import schema
from pipeline.io import atomic_path, to_pandas

LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel opens UTF-8 as the local code page unless the file starts with a byte order mark.
ENCODING = "utf-8-sig"


def neutralise(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would evaluate as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any, kind: str) -> str:
    """One value of a Table Schema ``kind`` as CSV text (empty for missing)."""
    if kind == "array":
        items = [] if value is None else list(value)
        return neutralise(LIST_SEPARATOR.join(str(item) for item in items if item is not None))
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if kind == "string":
        return neutralise(str(value))
    if kind == "integer":
        return str(int(value))
    if kind == "number":
        return repr(float(value))
    if kind == "boolean":
        return "true" if bool(value) else "false"
    if kind == "date":
        return value.isoformat() if isinstance(value, (dt.date, pd.Timestamp)) else str(value)
    return neutralise(str(value))


def rows(df: pd.DataFrame | pa.Table, name: str) -> Iterable[list[str]]:
    table = schema.load(name)
    kinds = [f["type"] for f in table.fields]
    yield table.columns
    frames = [df] if isinstance(df, pd.DataFrame) else (
        to_pandas(pa.Table.from_batches([b])) for b in df.select(table.columns).to_batches(max_chunksize=10_000))
    for frame in frames:
        for record in frame[table.columns].itertuples(index=False, name=None):
            yield [cell(v, k) for v, k in zip(record, kinds)]


def write_csv(df: pd.DataFrame | pa.Table, path: Path, name: str = "events") -> Path:
    """Write ``df`` (already valid against schemas/NAME.json) as a spreadsheet-safe CSV."""
    with atomic_path(Path(path)) as tmp, open(tmp, "w", encoding=ENCODING, newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows(df, name))
    return Path(path)


def csv_schema(name: str) -> dict[str, Any]:
    """schemas/NAME.json as it applies to the CSV: lists are "; "-joined text there."""
    descriptor = dict(schema.load(name).raw)
    fields = []
    for f in descriptor["fields"]:
        if f["type"] == "array":
            note = f"In CSV: items joined with {LIST_SEPARATOR!r}."
            f = {**f, "type": "string", "description": f"{f.get('description', '')} {note}".strip()}
        fields.append(_relax_text_enum(f))
    descriptor["fields"] = fields
    return descriptor


def _relax_text_enum(field: dict[str, Any]) -> dict[str, Any]:
    # Allowed values that start like a formula are written with the apostrophe too.
    cons = field.get("constraints", {})
    values = cons.get("enum")
    if field["type"] == "string" and values and any(str(v).startswith(FORMULA_STARTS) for v in values):
        return {**field, "constraints": {**cons, "enum": [neutralise(str(v)) for v in values]}}
    return field
