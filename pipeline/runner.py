"""The whole pipeline, stage after stage, each reading the layer the previous one wrote."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import assemble, export, extract, ingest
from pipeline.geocode import stage as geocode

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        """Every record read is an article, a reject or a duplicate."""
        c = self.counts
        return c["records"] == c["articles"] + c["rejected"] + c["duplicates"]

    def line(self) -> str:
        c = self.counts
        return (
            f"{c['records']} records read: {c['articles']} articles, {c['rejected']} rejected, "
            f"{c['duplicates']} duplicates; {c['mentions']} event mentions, {c['events']} events "
            f"in {sum(self.seconds.values()):.1f} s"
        )


def run(inputs: Iterable[Path], out_dir: Path, *, geoparser: Any = None, interim_dir: Path | None = None) -> RunSummary:
    out_dir = Path(out_dir)
    interim = interim_dir or out_dir / "interim"
    interim.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()

    def timed(name: str, fn: Any, *args: Any, **kwargs: Any) -> dict[str, int]:
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        summary.seconds[name] = time.perf_counter() - start
        log.info("%s: %s (%.2f s)", name, result, summary.seconds[name])
        return result

    counts = timed("ingest", ingest.run_stage, list(inputs), interim)
    extracted = timed("extract", extract.run_stage, interim)
    timed("geocode", geocode.run_stage, interim, geoparser)
    assembled = timed("assemble", assemble.run_stage, interim)
    summary.counts = {**counts, "mentions": extracted["mentions"], "extract_errors": extracted["rejected"], "events": assembled["events"]}
    timed("export", export.run_stage, interim, out_dir, summary.counts)
    return summary
