"""Benchmark: the whole pipeline on a large synthetic corpus, against two reference points.

    python -m pipeline.bench --articles 20000 --workers 1 --workers 2 --out build/bench

The corpus is made of the sentences of the bundled sample, the IndiaPoliceEvents
articles and the GeoWebNews / TR-News texts (those found), shuffled between articles,
with fresh ids and publication dates, so no two articles are alike. For each worker
count the pipeline runs from the JSONL file to the published tables with the offline
geocoder, and the bench reports articles/s, MB/s, peak memory of the process tree and
seconds per stage. On the same texts it times:

- one Aho-Corasick pass (pyahocorasick) over the gazetteer's names: a floor that no
  geoparser reading every name can beat;
- ``dateparser.search.search_dates`` per article on a subsample, extrapolated to the
  corpus: what a naive pipeline pays for dates alone.

Results go to OUT/bench.json too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import platform
import random
import re
import resource
import shutil
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.config import PROJECT_ROOT, SAMPLE_DIR

log = logging.getLogger(__name__)

SHARED_DEV = PROJECT_ROOT.parent / "shared" / "data" / "dev"
SOURCES = [
    SAMPLE_DIR / "articles.jsonl",
    SHARED_DEV / "india_police_events" / "articles.jsonl",
    SHARED_DEV / "geoparsing" / "GWN.xml",
    SHARED_DEV / "geoparsing" / "TR-News.xml",
]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


# -- the corpus ----------------------------------------------------------------------


def _texts(path: Path) -> Iterator[str]:
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line).get("text")
                    if isinstance(text, str):
                        yield text
    elif path.suffix == ".xml":
        for element in ET.parse(path).getroot().iter("text"):
            if element.text:
                yield element.text


def sentence_pool(sources: list[Path] = SOURCES) -> list[str]:
    pool: list[str] = []
    for path in sources:
        if not path.exists():
            log.warning("bench source %s is not here; skipped", path)
            continue
        for text in _texts(path):
            pool.extend(s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if 20 <= len(s.strip()) <= 600)
    if not pool:
        raise SystemExit("no source texts found for the bench corpus")
    return pool


def make_corpus(path: Path, n_articles: int, *, chars: int = 3000, seed: int = 0) -> dict[str, Any]:
    """Write ``n_articles`` articles of about ``chars`` characters each as JSONL."""
    rng = random.Random(seed)
    pool = sentence_pool()
    first_day = dt.date(2015, 1, 1).toordinal()
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n_articles):
            sentences: list[str] = []
            length = 0
            while length < chars:
                sentence = rng.choice(pool)
                sentences.append(sentence)
                length += len(sentence) + 1
            paragraphs = [" ".join(sentences[j:j + 4]) for j in range(0, len(sentences), 4)]
            published = dt.date.fromordinal(first_day + rng.randrange(3650)).isoformat()
            line = json.dumps({"id": f"bench-{seed}-{i:07d}", "published": published, "publisher": f"Bench Wire {i % 17}",
                               "text": "\n\n".join(paragraphs)}, ensure_ascii=False) + "\n"
            size += len(line.encode("utf-8"))
            fh.write(line)
    return {"articles": n_articles, "bytes": size, "sentences_in_pool": len(pool), "seed": seed}


def corpus_texts(path: Path) -> Iterator[str]:
    yield from _texts(path)


# -- memory --------------------------------------------------------------------------


class TreeMemory:
    """Peak memory of this process and all its descendants, sampled in a thread.

    ``rss`` counts pages shared between processes once per process (an upper bound);
    ``pss`` shares them out (the honest total on Linux). Both are peaks of the sum.
    """

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            rss = pss = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    info = proc.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        try:
            import psutil  # noqa: F401
        except ImportError:
            log.warning("psutil is not installed: peak memory of the process tree comes from getrusage only")
            return self
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def rusage_peaks() -> dict[str, float]:
    """getrusage's peaks in MiB: this process, and the largest child that has ended (not a sum)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self_mib": round(own, 1), "largest_child_mib": round(child, 1), "self_plus_largest_child_mib": round(own + child, 1)}


# -- runs ----------------------------------------------------------------------------


def run_pipeline(corpus: Path, out: Path, workers: int, batch_size: int | None, info: dict[str, Any]) -> dict[str, Any]:
    from pipeline.parallel import Parallelism
    from pipeline.runner import run

    with TreeMemory() as memory:
        start = time.perf_counter()
        summary = run([corpus], out, parallelism=Parallelism(workers=workers), batch_size=batch_size)
        wall = time.perf_counter() - start
    articles = summary.counts["articles"]
    return {
        "workers": workers,
        "articles": articles,
        "events": summary.counts["events"],
        "mentions": summary.counts["mentions"],
        "seconds": round(wall, 2),
        "articles_per_s": round(articles / wall, 1),
        "mb_per_s": round(info["bytes"] / 1e6 / wall, 3),
        "stage_seconds": {k: round(v, 2) for k, v in summary.seconds.items()},
        "work_seconds_summed_over_workers": {k: round(v, 2) for k, v in summary.work_seconds.items()},
        "peak_rss_tree_mib": round(memory.peak_rss / 2**20, 1),
        "peak_pss_tree_mib": round(memory.peak_pss / 2**20, 1),
    }


def aho_corasick_floor(corpus: Path) -> dict[str, Any]:
    """One pass of an automaton of every gazetteer name over every (lower-cased) article."""
    import ahocorasick

    from pipeline.geocode import Gazetteer

    gaz = Gazetteer.load()
    start = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for key in gaz._index:  # the folded names the geoparser looks up
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    build = time.perf_counter() - start
    hits = articles = 0
    start = time.perf_counter()
    for text in corpus_texts(corpus):
        articles += 1
        for _ in automaton.iter(text.lower()):
            hits += 1
    scan = time.perf_counter() - start
    return {"names": len(gaz._index), "build_seconds": round(build, 2), "scan_seconds": round(scan, 2),
            "articles_per_s": round(articles / scan, 1), "raw_hits": hits}


def dateparser_naive(corpus: Path, sample: int, total: int) -> dict[str, Any]:
    """``search_dates`` on the first ``sample`` articles, extrapolated to ``total``."""
    from dateparser.search import search_dates

    texts = []
    for text in corpus_texts(corpus):
        texts.append(text)
        if len(texts) >= sample:
            break
    search_dates("warm up on 3 May 2020", languages=["en"])
    start = time.perf_counter()
    found = 0
    for text in texts:
        found += len(search_dates(text, languages=["en"]) or [])
    seconds = time.perf_counter() - start
    per_article = seconds / max(1, len(texts))
    return {"sample": len(texts), "sample_seconds": round(seconds, 2), "seconds_per_article": round(per_article, 4),
            "extrapolated_seconds": round(per_article * total, 1), "articles_per_s": round(1 / per_article, 1) if per_article else None,
            "dates_found": found}


def profile_per_article(corpus: Path, n: int, top: int = 25) -> list[dict[str, Any]]:
    """cProfile of extract + geocode (``code_batch``) on ``n`` articles in this process."""
    import cProfile
    import pstats

    from pipeline.ingest import iter_articles
    from pipeline.parallel import WORK_COLUMNS, code_batch, init_shared_state

    articles = []
    for item in iter_articles([corpus]):
        if isinstance(item, dict):
            articles.append({k: item[k] for k in WORK_COLUMNS})
        if len(articles) >= n:
            break
    init_shared_state()  # as the pipeline does before its workers start
    code_batch(articles[:20])  # warm up: lazy loads and regex compiles are not per-article costs
    profiler = cProfile.Profile()
    profiler.enable()
    code_batch(articles)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (file, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{Path(file).name}:{line}({name})", "calls": calls, "tottime": round(tottime, 3), "cumtime": round(cumtime, 3)})
    rows.sort(key=lambda r: r["tottime"], reverse=True)
    return rows[:top]


# -- report --------------------------------------------------------------------------


def one_stage(stage: str, interim: Path, out: Path) -> dict[str, Any]:
    """Run assemble or export in this process; its seconds and this process's peak RSS.
    ``scale_test`` calls it in a fresh process (``--one-stage``) so that the peak is the stage's own."""
    from pipeline import assemble, export

    start = time.perf_counter()
    result = assemble.run_stage(interim) if stage == "assemble" else export.run_stage(interim, out)
    return {"seconds": round(time.perf_counter() - start, 1), "result": result,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}  # KiB on Linux


def scale_test(interim: Path, out: Path, copies: int) -> dict[str, Any]:
    """The one-process stages (assemble, export) on ``copies`` copies of a run's interim
    tables: article and mention ids made unique per copy, event dates moved a day per copy
    so that copies do not merge. Measures their peak memory at a corpus size the full
    pipeline would take hours to reach here."""
    import subprocess

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    # A fresh run each time: an export into a folder an earlier run published compares
    # with it (deletions), which is not what this measures.
    shutil.rmtree(out, ignore_errors=True)
    target = out / "interim"
    target.mkdir(parents=True, exist_ok=True)
    articles = 0
    for name in ("articles", "located", "places", "mentions", "rejects", "extract_rejects"):
        source = interim / f"{name}.parquet"
        if not source.exists():
            continue
        table = pq.read_table(source)
        with pq.ParquetWriter(target / f"{name}.parquet", table.schema) as writer:
            for k in range(copies):
                part = table
                for column in ("article_id", "mention_id", "content_hash"):
                    if column in part.column_names and part.num_rows:
                        at = part.column_names.index(column)
                        part = part.set_column(at, part.schema.field(at), pc.binary_join_element_wise(part.column(column), f"-{k}", ""))
                if "event_date" in part.column_names and part.num_rows:
                    at = part.column_names.index("event_date")
                    moved = pc.add(part.column("event_date").cast(pa.timestamp("s")), pa.scalar(dt.timedelta(days=k))).cast(pa.date32())
                    part = part.set_column(at, part.schema.field(at), moved)
                writer.write_table(part)
        if name == "articles":
            articles = table.num_rows * copies
    result: dict[str, Any] = {"copies": copies, "articles": articles}
    for stage in ("assemble", "export"):
        done = subprocess.run([sys.executable, "-m", "pipeline.bench", "--one-stage", stage, str(target), str(out / "processed")],
                              capture_output=True, text=True, check=True)
        result[stage] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="corpus size (default 20000)")
    parser.add_argument("--chars", type=int, default=3000, help="characters per article (default 3000)")
    parser.add_argument("--workers", type=int, action="append", help="worker counts to run, repeatable (default: 1 and all cores)")
    parser.add_argument("--batch-size", type=int, default=None, help="articles per batch (default config.BATCH_SIZE)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "build" / "bench", help="work folder (default build/bench)")
    parser.add_argument("--dateparser-sample", type=int, default=200, help="articles given to search_dates (default 200)")
    parser.add_argument("--profile", type=int, default=0, help="also cProfile extract+geocode on this many articles")
    parser.add_argument("--no-reference", action="store_true", help="skip the Aho-Corasick and dateparser reference points")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", type=int, default=0,
                        help="also run assemble and export on this many copies of the 1-worker run's tables (peak memory at scale)")
    parser.add_argument("--one-stage", nargs=3, metavar=("STAGE", "INTERIM", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_stage:
        stage, interim, out = args.one_stage
        print(json.dumps(one_stage(stage, Path(interim), Path(out))))
        return 0
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)

    from pipeline.parallel import available_cores

    workers = args.workers or sorted({1, available_cores()})
    corpus = args.out / "corpus.jsonl"
    start = time.perf_counter()
    info = make_corpus(corpus, args.articles, chars=args.chars, seed=args.seed)
    print(f"corpus: {info['articles']} articles, {info['bytes'] / 1e6:.1f} MB from {info['sentences_in_pool']} sentences "
          f"({time.perf_counter() - start:.1f} s) -> {corpus}")
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cores": available_cores(), "platform": platform.platform(), "python": platform.python_version(),
                    "processor": platform.processor() or platform.machine()},
        "command": "python -m pipeline.bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "corpus": info,
        "runs": [],
    }
    for n in workers:
        result = run_pipeline(corpus, args.out / f"workers-{n}", n, args.batch_size, info)
        report["runs"].append(result)
        print(f"workers {n}: {result['articles']} articles in {result['seconds']} s = {result['articles_per_s']} articles/s, "
              f"{result['mb_per_s']} MB/s; peak memory of the process tree {result['peak_pss_tree_mib']} MiB PSS "
              f"({result['peak_rss_tree_mib']} MiB RSS summed)")
        print(f"  stages (wall s): {result['stage_seconds']}; work (s, summed over workers): {result['work_seconds_summed_over_workers']}")
    runs = {r["workers"]: r for r in report["runs"]}
    if 1 in runs and len(runs) > 1:
        best = max(runs)
        report["speedup"] = {f"{best}_vs_1": round(runs[1]["seconds"] / runs[best]["seconds"], 2)}
        print(f"speedup {best} workers vs 1: {report['speedup'][f'{best}_vs_1']}x")
    report["rusage_after_runs"] = rusage_peaks()
    fastest = min(report["runs"], key=lambda r: r["seconds"])
    if not args.no_reference:
        floor = aho_corasick_floor(corpus)
        naive = dateparser_naive(corpus, args.dateparser_sample, info["articles"])
        report["aho_corasick"] = floor
        report["dateparser_search_dates"] = naive
        # One process each: compare with the pipeline's time per article on one worker.
        single = runs.get(1, fastest)
        ratios = {
            "pipeline_1_worker_vs_aho_corasick_scan": round(single["seconds"] / floor["scan_seconds"], 1),
            "naive_dates_alone_vs_pipeline_1_worker": round(naive["extrapolated_seconds"] / single["seconds"], 2),
            "naive_dates_alone_vs_pipeline_fastest": round(naive["extrapolated_seconds"] / fastest["seconds"], 2),
        }
        report["ratios"] = ratios
        print(f"Aho-Corasick over {floor['names']} gazetteer names: {floor['articles_per_s']} articles/s "
              f"(scan {floor['scan_seconds']} s, build {floor['build_seconds']} s)")
        print(f"dateparser search_dates: {naive['seconds_per_article'] * 1000:.1f} ms/article on {naive['sample']} articles, "
              f"{naive['extrapolated_seconds']} s extrapolated to {info['articles']}")
        print("ratios: " + ", ".join(f"{k} {v}" for k, v in ratios.items()))
    if args.scale and 1 in runs:
        report["scale"] = scale_test(args.out / "workers-1" / "interim", args.out / f"scale-{args.scale}", args.scale)
        for stage in ("assemble", "export"):
            r = report["scale"][stage]
            print(f"{args.scale} copies ({report['scale']['articles']} articles): {stage} {r['seconds']} s, "
                  f"peak RSS {r['peak_rss_mib']} MiB ({r['result']})")
    if args.profile:
        report["profile_top_tottime"] = profile_per_article(corpus, args.profile)
        print(f"top costs of extract+geocode on {args.profile} articles (tottime s):")
        for row in report["profile_top_tottime"][:15]:
            print(f"  {row['tottime']:8.3f} {row['cumtime']:8.3f} {row['calls']:>9} {row['function']}")
    (args.out / "bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"-> {args.out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
