"""The whole pipeline, stage after stage, each reading the layer the previous one wrote."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import assemble, export, ingest
from pipeline.io import remove_stale_temporaries
from pipeline.parallel import Parallelism, extract_and_geocode

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    counts: dict[str, int] = field(default_factory=dict)
    # Wall-clock seconds of each stage ("extract+geocode" is one pass over the articles).
    seconds: dict[str, float] = field(default_factory=dict)
    # Seconds of work inside that pass, summed over the workers: extract, geocode, write.
    work_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        """Every record read is an article, a reject or a duplicate."""
        c = self.counts
        return c["records"] == c["articles"] + c["rejected"] + c["duplicates"]

    def line(self) -> str:
        c = self.counts
        return (
            f"{c['records']} records read: {c['articles']} articles, {c['rejected']} rejected, "
            f"{c['duplicates']} duplicates; {c['coded']} coded, {c['reused']} unchanged since the last run; "
            f"{c['mentions']} event mentions, {c['events']} events in {sum(self.seconds.values()):.1f} s"
        )


def run(inputs: Iterable[Path], out_dir: Path, *, geoparser: Any = None, interim_dir: Path | None = None,
        parallelism: Parallelism | None = None, batch_size: int | None = None, incremental: bool = True,
        progress: bool | None = False) -> RunSummary:
    """Every stage; extract and geocode run together, article batch by article batch,
    on the engine ``parallelism`` names (default: a local pool with a worker per core).

    The tables are the same whatever the engine and the number of workers. With
    ``incremental`` (the default), articles the last run into the same interim folder
    coded from the same text are not coded again (``pipeline.incremental``), and events
    that did not change keep their bytes and timestamp. ``progress``: bars on stderr
    (None: only on a terminal).
    """
    out_dir = Path(out_dir)
    interim = interim_dir or out_dir / "interim"
    interim.mkdir(parents=True, exist_ok=True)
    for folder in (out_dir, interim):
        remove_stale_temporaries(folder)  # left by a run that was killed
    summary = RunSummary()

    def timed(name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        summary.seconds[name] = time.perf_counter() - start
        log.info("%s: %s (%.2f s)", name, result, summary.seconds[name])
        return result

    parallelism = parallelism or Parallelism()
    # Ingest shares its text repairs among local processes, whatever engine codes the articles.
    counts = timed("ingest", ingest.run_stage, list(inputs), interim, progress=progress,
                   workers=parallelism.n_workers if parallelism.engine == "local" else 1)
    coded = timed("extract+geocode", extract_and_geocode, interim, parallelism, batch_size=batch_size, geoparser=geoparser,
                  incremental=incremental, progress=progress)
    summary.work_seconds = coded.pop("seconds")
    # Events published by the last run into out_dir keep their ids when new reports join them.
    assembled = timed("assemble", assemble.run_stage, interim, progress=progress, published=out_dir / "event_articles.parquet")
    summary.counts = {**counts, "coded": coded["coded"], "reused": coded["reused"], "mentions": coded["mentions"],
                      "extract_errors": coded["rejected"], "events": assembled["events"]}
    written = timed("export", export.run_stage, interim, out_dir, summary.counts)
    summary.counts["deletions"] = written["deletions"]
    return summary
