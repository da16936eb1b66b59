"""Shared fixtures: one pipeline run on the bundled sample for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.config import PROJECT_ROOT, SAMPLE_DIR

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
# Events are stamped with the time of the run (pipeline/export/changes.py); pinned, two
# runs in different seconds can be compared byte for byte.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1717200000")


def shared(relative: str) -> Path:
    """A file of ../shared/data, or skip the test with the reason when it is absent."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"development data {path} is not here")
    return path


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    from pipeline.runner import run

    out = tmp_path_factory.mktemp("sample")
    summary = run([SAMPLE_DIR / "articles.jsonl"], out)
    return out, summary


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    from pipeline.runner import run

    out = tmp_path_factory.mktemp("seed")
    run([shared("seed/article.jsonl")], out)
    return out
