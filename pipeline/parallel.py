"""The per-article work (extract, then geocode) over batches of articles, on one of three engines.

- in this process (one worker),
- a local process pool (``--workers N``): the actor dictionary and the gazetteer are
  loaded once per worker process, by the pool's initializer,
- a Dask cluster (``--engine dask [--scheduler ADDRESS]``; a LocalCluster without an address).

Every engine runs the same function (``code_batch``) on the same batches and hands the
results back in input order, so the tables written do not depend on the engine or the
number of workers: with the same batch size they are byte-identical. At most a few
batches per worker are in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import gc
import logging
import math
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import PipelineError

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")
# Columns of articles.parquet the per-article work reads; only these travel to the workers.
WORK_COLUMNS = ["article_id", "text", "published", "source_file", "source_record", "content_hash"]
# Batches in flight per worker: enough to keep each busy while the parent writes.
IN_FLIGHT_PER_WORKER = 2


class EngineError(PipelineError):
    """An engine cannot be set up (unknown name, Dask not installed, scheduler unreachable)."""


@dataclass(frozen=True)
class Parallelism:
    """How the per-article work runs. ``workers=None`` means every core."""

    engine: str = "local"
    workers: int | None = None
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise EngineError(f"unknown engine {self.engine!r}; expected one of: {', '.join(ENGINES)}")
        if self.workers is not None and self.workers < 1:
            raise EngineError(f"workers must be at least 1, not {self.workers}")
        if self.scheduler and self.engine != "dask":
            raise EngineError("a scheduler address needs --engine dask")

    @property
    def n_workers(self) -> int:
        return self.workers or available_cores()


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass
class BatchResult:
    """What one batch of articles gives: rows for each table, and the seconds each step took."""

    articles: int
    located: list[dict[str, Any]]
    places: list[dict[str, Any]]
    rejects: list[dict[str, Any]]
    seconds: dict[str, float] = field(default_factory=dict)


# -- the work of one worker --------------------------------------------------------

_STATE: dict[str, Any] = {}
_STATE_LOCK = threading.Lock()


def init_worker(geoparser: Any = None) -> None:
    """Load the actor dictionary and the geoparser once in this process (pool initializer)."""
    with _STATE_LOCK:
        if "actors" in _STATE and (geoparser is None or _STATE.get("geoparser") is geoparser):
            return
        from pipeline.extract.actors import load_dictionary
        from pipeline.geocode import Geoparser

        start = time.perf_counter()
        _STATE["actors"] = load_dictionary()
        _STATE["geoparser"] = geoparser if geoparser is not None else Geoparser()
        log.info("worker %d loaded the actor dictionary and the gazetteer in %.1f s", os.getpid(), time.perf_counter() - start)


def init_shared_state() -> None:
    """``init_worker`` plus the geoparser's lazy indexes: what a parent loads before forking
    workers that share it (and what the bench's profile loads before it measures)."""
    init_worker()
    _STATE["geoparser"].warm()


def code_batch(articles: list[dict[str, Any]]) -> BatchResult:
    """Extract the event mentions of each article, then place them and list every place mention."""
    from pipeline.extract import extract_or_reject
    from pipeline.geocode.stage import locate_mention, location_fields, place_rows

    init_worker()
    actors, geoparser = _STATE["actors"], _STATE["geoparser"]
    located: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    extract_s = geocode_s = 0.0
    for article in articles:
        t0 = time.perf_counter()
        mentions, reject = extract_or_reject(article, actors)
        if reject:
            rejects.append(reject)
        t1 = time.perf_counter()
        found = geoparser.parse(article["text"])
        places.extend(place_rows(article["article_id"], found))
        for row in mentions:
            loc, label = locate_mention(geoparser, article["text"], found, row["sentence_start"], row["sentence_end"])
            row.update(location_fields(loc, geocoder=label))
            located.append(row)
        t2 = time.perf_counter()
        extract_s += t1 - t0
        geocode_s += t2 - t1
    return BatchResult(len(articles), located, places, rejects, {"extract": extract_s, "geocode": geocode_s})


# -- engines -------------------------------------------------------------------------


def map_batches(batches: Iterable[list[dict[str, Any]]], parallelism: Parallelism, *,
                n_batches: int | None = None, geoparser: Any = None) -> Iterator[BatchResult]:
    """``code_batch`` over ``batches``, results in input order.

    The local engine uses no pool when one worker (or one batch) is enough; ``geoparser``
    (e.g. an online geocoder with its rate limit and cache) is only used in this process,
    since several processes would each keep their own rate limit.
    """
    workers = parallelism.n_workers
    if n_batches is not None:
        workers = max(1, min(workers, n_batches))
    if parallelism.engine == "dask":
        if geoparser is not None:
            raise EngineError("a custom geoparser cannot be sent to a Dask cluster; use the local engine")
        yield from _dask_map(batches, parallelism, workers)
        return
    if geoparser is not None and workers > 1:
        log.warning("a custom geoparser runs in this process only: using one worker, not %d", workers)
        workers = 1
    if workers == 1:
        init_worker(geoparser)
        for batch in batches:
            yield code_batch(batch)
        return
    if not sys.platform.startswith("linux"):  # no fork on Windows; on macOS fork is unsafe with system libraries
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=init_worker) as pool:
            yield from _in_order(batches, pool.submit, workers * IN_FLIGHT_PER_WORKER)
        return
    # Load the gazetteer and the actors here once and fork the workers from this process:
    # they share those pages instead of holding a copy each. gc.freeze keeps the garbage
    # collector from touching (and so copying) the shared objects in the workers.
    init_shared_state()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
            yield from _in_order(batches, pool.submit, workers * IN_FLIGHT_PER_WORKER)
    finally:
        gc.unfreeze()
        _STATE.clear()  # the next stages do not need them


def local_map(fn: Callable[[Any], Any], chunks: Iterable[Any], workers: int) -> Iterator[Any]:
    """``fn`` over ``chunks`` on a local process pool, results in input order (in this
    process when one worker is enough). ``fn`` must be a module-level function."""
    if workers <= 1:
        yield from map(fn, chunks)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        yield from _in_order(chunks, pool.submit, workers * IN_FLIGHT_PER_WORKER, fn)


def _pool_context() -> Any:
    """fork on Linux: workers start with this process's imports and loaded tables (under
    forkserver or spawn each imports the package again, about a second). Elsewhere fork is
    missing (Windows) or unsafe with system libraries (macOS)."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")


def _in_order(batches: Iterable[Any], submit: Callable[..., Any], window: int, fn: Callable[[Any], Any] | None = None) -> Iterator[Any]:
    """Submit at most ``window`` batches ahead of the one being handed back."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(fn or code_batch, batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _dask_map(batches: Iterable[list[dict[str, Any]]], parallelism: Parallelism, workers: int) -> Iterator[BatchResult]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError("the dask engine needs dask.distributed: pip install 'dask[distributed]'") from exc

    cluster = None
    try:
        if parallelism.scheduler:
            client = Client(parallelism.scheduler)
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler {parallelism.scheduler or 'LocalCluster'}: {exc}") from exc
    try:
        n = len(client.scheduler_info().get("workers", {})) or workers
        # pure=False: two equal batches are still two tasks (and nothing is cached across runs).
        yield from _in_order(batches, lambda fn, batch: client.submit(fn, batch, pure=False), max(1, n) * IN_FLIGHT_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def n_batches(rows: int, batch_size: int) -> int:
    return max(1, math.ceil(rows / batch_size))


def article_batches(path: Any, batch_size: int) -> Iterator[list[dict[str, Any]]]:
    """The articles of ``path`` (articles.parquet) in batches, only the columns the work reads."""
    from pipeline.io import read_batches

    for frame in read_batches(path, batch_size):
        yield frame[WORK_COLUMNS].to_dict("records")


def extract_and_geocode(interim_dir: Any, parallelism: Parallelism | None = None, *, batch_size: int | None = None,
                        geoparser: Any = None, incremental: bool = True, progress: bool | None = False) -> dict[str, Any]:
    """interim/articles.parquet -> mentions, extract_rejects, located and places (.parquet), in one pass.

    What ``extract.run_stage`` then ``geocode.stage.run_stage`` write, with each article
    read once and coded by one worker. With ``incremental``, articles coded by the last
    run into this folder, from the same text and by the same coder, are not coded again
    (``pipeline.incremental``). Returns the counts and, under ``seconds``, the time each
    step took summed over the workers.
    """
    import pandas as pd
    import pyarrow.parquet as pq

    from pipeline import config
    from pipeline import incremental as inc
    from pipeline.extract import LOCATION_COLUMNS, with_location_columns
    from pipeline.io import TableWriter
    from pipeline.progress import bar, disabled

    parallelism = parallelism or Parallelism()
    batch_size = batch_size or config.BATCH_SIZE
    articles_path = interim_dir / "articles.parquet"
    fingerprint = inc.coder_fingerprint(geoparser)
    previous = inc.PreviousRun.load(interim_dir, fingerprint) if incremental else None
    if not incremental:
        (interim_dir / inc.MANIFEST).unlink(missing_ok=True)
    index = pq.read_table(articles_path, columns=["article_id", "content_hash", "published"]).to_pylist()
    to_code = len(index) - (len(previous.unchanged(index)) if previous else 0)
    counts = {"articles": 0, "coded": 0, "reused": 0, "mentions": 0, "rejected": 0, "places": 0, "located": 0, "unlocated": 0}
    seconds = {"extract": 0.0, "geocode": 0.0, "write": 0.0}
    unplaced = {c: None for c in LOCATION_COLUMNS}
    plans: deque[tuple[dict[str, int], set[str]]] = deque()

    def batches_to_code() -> Iterator[list[dict[str, Any]]]:
        for batch in article_batches(articles_path, batch_size):
            unchanged = previous.unchanged(batch) if previous else set()
            plans.append(({a["article_id"]: i for i, a in enumerate(batch)}, unchanged))
            yield [a for a in batch if a["article_id"] not in unchanged]

    if to_code:
        results = map_batches(batches_to_code(), parallelism, n_batches=n_batches(to_code, batch_size), geoparser=geoparser)
    else:  # nothing new: no worker to start
        results = (BatchResult(0, [], [], []) for _ in batches_to_code())
    with TableWriter(interim_dir / "mentions.parquet", "mentions") as mentions_out, \
            TableWriter(interim_dir / "extract_rejects.parquet", "rejects") as rejects_out, \
            TableWriter(interim_dir / "located.parquet", "mentions") as located_out, \
            TableWriter(interim_dir / "places.parquet", "places") as places_out, \
            bar(total=len(index), desc="extract+geocode", unit="article", disable=disabled(progress)) as shown:
        for result in results:
            start = time.perf_counter()
            order, unchanged = plans.popleft()
            located = with_location_columns(pd.DataFrame(result.located))
            places = pd.DataFrame(result.places)
            rejects = pd.DataFrame(result.rejects)
            if unchanged and previous is not None:
                located = inc.in_article_order([located, previous.rows("located.parquet", unchanged)], order)
                places = inc.in_article_order([places, previous.rows("places.parquet", unchanged)], order)
                rejects = inc.in_article_order([rejects, previous.rows("extract_rejects.parquet", unchanged)], order)
            mentions_out.write(located.assign(**unplaced) if len(located) else located)
            located_out.write(located)
            places_out.write(places)
            rejects_out.write(rejects)
            counts["articles"] += len(order)
            counts["coded"] += result.articles
            counts["reused"] += len(unchanged)
            counts["mentions"] += len(located)
            counts["rejected"] += len(rejects)
            counts["places"] += len(places)
            n_located = int(located["geocoder"].notna().sum()) if len(located) else 0
            counts["located"] += n_located
            counts["unlocated"] += len(located) - n_located
            for step, value in result.seconds.items():
                seconds[step] += value
            seconds["write"] += time.perf_counter() - start
            shown.update(len(order))
    inc.write_manifest(interim_dir, index, fingerprint)
    return {**counts, "seconds": seconds}


def parallel_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Click options --workers, --engine, --scheduler, handed to the command as one
    ``parallelism`` argument (a usage error, exit 2, when they do not fit together)."""
    import functools

    import click

    @functools.wraps(command)
    def wrapper(*args: Any, workers: int | None, engine: str, scheduler: str | None, **kwargs: Any) -> Any:
        try:
            parallelism = Parallelism(engine=engine, workers=workers, scheduler=scheduler)
        except EngineError as exc:
            raise click.UsageError(str(exc)) from exc
        return command(*args, parallelism=parallelism, **kwargs)

    options = [
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Processes for extract and geocode [default: all cores]. Any number gives the same tables."),
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="local: a process pool on this machine; dask: a Dask cluster (a LocalCluster without --scheduler)."),
        click.option("--scheduler", metavar="ADDRESS", default=None,
                     help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask)."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
