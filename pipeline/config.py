"""Paths and settings shared by every stage (one place, as in cookiecutter-data-science)."""

from __future__ import annotations

from pathlib import Path

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
# Articles handed between stages at a time; memory is bounded by this, not the corpus.
BATCH_SIZE = 500
