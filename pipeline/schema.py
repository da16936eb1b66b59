"""Tables as declared in schemas/*.json (Frictionless Table Schema).

The JSON files are the single source of truth: the Arrow schemas the pipeline
writes with and the checks every write passes are both derived here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa_check
import pyarrow as pa

from pipeline.config import SCHEMA_DIR
from pipeline.errors import SchemaViolation

_ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "array": pa.list_(pa.string()),
}


@dataclass(frozen=True)
class TableSchema:
    name: str
    version: str
    fields: tuple[dict[str, Any], ...]
    raw: dict[str, Any]

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.fields]

    def arrow(self) -> pa.Schema:
        meta = {b"schema_name": self.name.encode(), b"schema_version": self.version.encode()}
        return pa.schema(
            [
                pa.field(
                    f["name"],
                    _ARROW_TYPES[f["type"]],
                    nullable=not f.get("constraints", {}).get("required", False),
                )
                for f in self.fields
            ],
            metadata=meta,
        )

    def enum(self, column: str) -> list[Any]:
        for f in self.fields:
            if f["name"] == column:
                return list(f.get("constraints", {}).get("enum", []))
        raise KeyError(column)


@cache
def load(name: str) -> TableSchema:
    raw = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return TableSchema(name=raw["name"], version=raw["version"], fields=tuple(raw["fields"]), raw=raw)


def _is_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) or hasattr(value, "tolist")


@cache
def _pandera_schema(name: str) -> pa_check.DataFrameSchema:
    table = load(name)
    columns = {}
    for f in table.fields:
        cons = f.get("constraints", {})
        checks = []
        if "enum" in cons:
            checks.append(pa_check.Check.isin(cons["enum"]))
        if "minimum" in cons:
            checks.append(pa_check.Check.ge(cons["minimum"]))
        if "maximum" in cons:
            checks.append(pa_check.Check.le(cons["maximum"]))
        if f["type"] == "array":
            checks.append(pa_check.Check(_is_list, element_wise=True, error="not a list"))
        if f["type"] == "date":
            checks.append(
                pa_check.Check(
                    lambda v: isinstance(v, dt.date), element_wise=True, error="not a date"
                )
            )
        columns[f["name"]] = pa_check.Column(
            checks=checks,
            nullable=not cons.get("required", False),
            unique=bool(cons.get("unique", False)),
            required=True,
        )
    return pa_check.DataFrameSchema(columns, strict=True, ordered=False, name=name)


def validate(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check ``df`` against schemas/NAME.json; raise SchemaViolation naming columns and rows."""
    try:
        _pandera_schema(name).validate(df, lazy=True)
    except pa_check.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        lines = []
        for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
            rows = group["index"].dropna().astype(int).tolist()[:10]
            values = group["failure_case"].astype(str).tolist()[:5]
            lines.append(f"  column {column!r}: {check} failed at rows {rows} (values {values})")
        raise SchemaViolation(f"table {name!r} breaks schemas/{name}.json:\n" + "\n".join(lines)) from None
    return df


def to_arrow(df: pd.DataFrame, name: str) -> pa.Table:
    """Validate and convert to Arrow with the declared types, in the declared column order."""
    table = load(name)
    validate(df, name)
    try:
        return pa.Table.from_pandas(df[table.columns], schema=table.arrow(), preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise SchemaViolation(f"table {name!r}: {exc}") from None


def empty(name: str) -> pd.DataFrame:
    return load(name).arrow().empty_table().to_pandas()
