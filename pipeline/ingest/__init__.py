"""Stage 1, ingest: input files -> the articles table (and rejects).

Reads JSONL, CSV, folders of .txt, HTML and WARC; repairs encodings; gives
each article a stable id; drops exact duplicates. Every record that goes in
comes out as an article or as a reject with its reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import dateparser
import ftfy

from pipeline.config import MAX_ARTICLE_CHARS
from pipeline.ingest.readers import Record, Reject, looks_binary, reader_for

log = logging.getLogger(__name__)

Article = dict[str, Any]


def expand_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named on the command line, with folders walked in a stable order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def iter_records(paths: Iterable[Path]) -> Iterator[Record | Reject]:
    for path in expand_inputs(paths):
        if not path.exists():
            yield Reject(str(path), "file", "unreadable", "no such file")
            continue
        reader = reader_for(path)
        if reader is None:
            yield Reject(str(path), "file", "unreadable", f"unknown input format {path.suffix!r}")
            continue
        if path.stat().st_size == 0:
            yield Reject(str(path), "file", "empty_text", "empty file")
            continue
        if reader.__name__ in ("read_jsonl", "read_csv") and path.suffix != ".gz":
            with open(path, "rb") as fh:
                if looks_binary(fh.read(8192)):
                    yield Reject(str(path), "file", "binary", "file holds binary data, not text")
                    continue
        try:
            yield from reader(path)
        except (OSError, ValueError) as exc:
            yield Reject(str(path), "file", "unreadable", str(exc))


_WS = re.compile(r"[ \t\r\f\v]+")


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Normalise whitespace and repair mojibake ("â€™" -> "’") with ftfy."""
    repairs: tuple[str, ...] = ()
    if ftfy.badness.is_bad(text):
        fixed = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
        if fixed != text:
            text, repairs = fixed, ("mojibake",)
    text = "\n".join(_WS.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, repairs


def content_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


def parse_published(value: Any) -> dt.date | None:
    """A publication date from whatever the input holds; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True})
    return parsed.date() if parsed else None


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def normalise(record: Record) -> Article | Reject:
    fields = record.fields
    raw_text = fields.get("text")
    if not isinstance(raw_text, str) or not raw_text.strip():
        return Reject(record.source_file, record.source_record, "empty_text", "no text", _str_or_none(fields.get("id")))
    if len(raw_text) > MAX_ARTICLE_CHARS:
        return Reject(
            record.source_file,
            record.source_record,
            "too_large",
            f"{len(raw_text)} characters, over the cap of {MAX_ARTICLE_CHARS}",
            _str_or_none(fields.get("id")),
        )
    text, repairs = clean_text(raw_text)
    digest = content_hash(text)
    published = parse_published(fields.get("published"))
    notes = list(record.repairs) + list(repairs)
    if fields.get("published") and published is None:
        notes.append("unreadable_published")
    return {
        "article_id": _str_or_none(fields.get("id")) or f"sha1:{digest[:16]}",
        "title": _str_or_none(fields.get("title")),
        "url": _str_or_none(fields.get("url")),
        "published": published,
        "publisher": _str_or_none(fields.get("publisher")),
        "language": _str_or_none(fields.get("language")),
        "text": text,
        "source_file": record.source_file,
        "source_record": record.source_record,
        "content_hash": digest,
        "repairs": "; ".join(notes) or None,
    }


def iter_articles(paths: Iterable[Path]) -> Iterator[Article | Reject]:
    """Articles from the inputs, in input order; duplicates and bad records as Rejects."""
    seen_hashes: set[str] = set()
    seen_ids: set[str] = set()
    for item in iter_records(paths):
        if isinstance(item, Reject):
            yield item
            continue
        article = normalise(item)
        if isinstance(article, Reject):
            yield article
            continue
        if article["content_hash"] in seen_hashes:
            yield Reject(item.source_file, item.source_record, "duplicate", "same text as an earlier article", article["article_id"])
            continue
        if article["article_id"] in seen_ids:
            yield Reject(item.source_file, item.source_record, "duplicate", f"id {article['article_id']!r} already used by an earlier article with other text", article["article_id"])
            continue
        seen_hashes.add(article["content_hash"])
        seen_ids.add(article["article_id"])
        yield article


def reject_row(reject: Reject) -> dict[str, Any]:
    return {
        "stage": reject.stage,
        "source_file": reject.source_file,
        "source_record": reject.source_record,
        "article_id": reject.article_id,
        "reason": reject.reason,
        "detail": reject.detail,
    }


def run_stage(inputs: Iterable[Path], interim_dir: Path, batch_size: int = 500) -> dict[str, int]:
    """Write interim/articles.parquet and interim/rejects.parquet; return the counts."""
    import pandas as pd

    from pipeline.io import TableWriter

    counts = {"records": 0, "articles": 0, "rejected": 0, "duplicates": 0}
    batch: list[Article] = []
    rejects: list[dict[str, Any]] = []
    with TableWriter(interim_dir / "articles.parquet", "articles") as articles, TableWriter(interim_dir / "rejects.parquet", "rejects") as rejected:
        for item in iter_articles(inputs):
            counts["records"] += 1
            if isinstance(item, Reject):
                key = "duplicates" if item.reason == "duplicate" else "rejected"
                counts[key] += 1
                log.warning("reject %s %s: %s (%s)", item.source_file, item.source_record, item.reason, item.detail)
                rejects.append(reject_row(item))
            else:
                counts["articles"] += 1
                batch.append(item)
            if len(batch) >= batch_size:
                articles.write(pd.DataFrame(batch))
                batch = []
            if len(rejects) >= batch_size:
                rejected.write(pd.DataFrame(rejects))
                rejects = []
        articles.write(pd.DataFrame(batch))
        rejected.write(pd.DataFrame(rejects))
    return counts
