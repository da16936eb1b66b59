"""Paths and settings shared by every stage (one place, as in cookiecutter-data-science)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = PROJECT_ROOT / "schemas"
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
INTERIM_DIR = DATA_DIR / "interim"
PROCESSED_DIR = DATA_DIR / "processed"
REFERENCE_DIR = DATA_DIR / "reference"
SAMPLE_DIR = RAW_DIR / "sample"

# An article longer than this is rejected rather than slowing the whole batch;
# the longest real news articles are well under 200 KB of text.
MAX_ARTICLE_CHARS = 1_000_000
# Bytes one input file may expand to once decompressed (or one WARC record hold):
# a gzip bomb is rejected as too_large instead of filling the memory.
MAX_EXPANDED_BYTES = 2_000_000_000
# Publication dates before this are typos or placeholders ("1066-10-14", "0001-01-01"),
# not news; they are dropped and noted in the article's repairs.
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
# Articles handed between stages at a time; memory is bounded by this, not the corpus.
BATCH_SIZE = 500


@contextmanager
def override(**settings: Any) -> Iterator[None]:
    """Change settings of this module for the duration of a block (a CLI option, a test).

    Example: ``with override(MAX_ARTICLE_CHARS=50_000): run(...)``.
    """
    module = sys.modules[__name__]
    unknown = [name for name in settings if not name.isupper() or not hasattr(module, name)]
    if unknown:
        raise AttributeError(f"unknown settings {unknown}; known: {sorted(n for n in vars(module) if n.isupper())}")
    saved = {name: getattr(module, name) for name in settings}
    try:
        for name, value in settings.items():
            setattr(module, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)
