"""Stage 1, ingest: input files -> the articles table (and rejects).

Reads JSONL, CSV, folders of .txt, HTML and WARC; repairs encodings; gives
each article a stable id; drops exact duplicates. Every record that goes in
comes out as an article or as a reject with its reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import dateparser
import ftfy

from pipeline import config
from pipeline.ingest.language import detect_language
from pipeline.ingest.readers import Record, Reject, looks_binary, reader_for
from pipeline.io import remove_stale_temporaries

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


def _sniff(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(8192)


def iter_records(paths: Iterable[Path]) -> Iterator[Record | Reject]:
    """Raw records of every input file; a file that gives none is one reject, so none goes uncounted."""
    for path in expand_inputs(paths):
        src = str(path)
        if not path.is_file():
            yield Reject(src, "file", "unreadable", "no such file" if not path.exists() else "not a regular file")
            continue
        try:
            if path.stat().st_size == 0:
                yield Reject(src, "file", "empty_text", "empty file")
                continue
            reader = reader_for(path)
            if reader is None:
                binary = looks_binary(_sniff(path))
                yield Reject(src, "file", "binary" if binary else "unreadable",
                             f"unknown input format {''.join(path.suffixes)!r}; expected .jsonl, .csv, .txt, .html or .warc (optionally .gz)")
                continue
            given = 0
            for item in reader(path):
                given += 1
                yield item
            if not given:
                yield Reject(src, "file", "empty_text", "no records in the file")
        except (OSError, ValueError) as exc:
            yield Reject(src, "file", "unreadable", f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a parser's bug on one hostile file must not end the run
            log.exception("reading %s failed", src)
            yield Reject(src, "file", "unreadable", f"{type(exc).__name__}: {exc}")


_WS = re.compile(r"[ \t\f\v]+")
# Control characters other than tab and newline are never text, and they break terminals
# and CSV readers downstream. C1 ones go only after ftfy, which reads them as mojibake.
_C0 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_C1 = re.compile(r"[\x80-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def safe_str(text: str) -> tuple[str, bool]:
    """``text`` with lone surrogates (from JSON "\\ud800" or undecodable file names), which
    Parquet cannot store, replaced by U+FFFD; True when any were replaced."""
    if _SURROGATE.search(text) is None:
        return text, False
    return _SURROGATE.sub("\ufffd", text), True


_FTFY = ftfy.TextFixerConfig(normalization="NFC", uncurl_quotes=False, explain=False)


def _fix_text(text: str) -> str:
    """``ftfy.fix_text(text, _FTFY)``, made faster: ftfy fixes a text line by line, and a
    line of plain ASCII without "&" (no HTML entity), once control characters are gone,
    is one it leaves as it is, so it is not handed over. Most lines of a text with some
    mojibake are such lines. As in ``fix_text``, a line with "<" stops HTML unescaping
    for the lines after it."""
    config = _FTFY
    out = []
    pos = 0
    while pos < len(text):
        cut = text.find("\n", pos) + 1 or len(text)
        cut = min(cut, pos + config.max_decode_length)
        segment = text[pos:cut]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)
        if not (segment.isascii() and "&" not in segment):
            segment = ftfy.fix_and_explain(segment, config).text
        out.append(segment)
        pos = cut
    return "".join(out)


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Normalise whitespace, repair mojibake ("â€™" -> "’") with ftfy, drop control characters."""
    repairs: list[str] = []
    text, replaced = safe_str(text)
    if replaced:
        repairs.append("lone_surrogates")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, controls = _C0.subn(" ", text)
    if ftfy.badness.is_bad(text):
        fixed = _fix_text(text)
        if fixed != text:
            text = fixed
            repairs.append("mojibake")
    text, c1 = _C1.subn(" ", text)
    if controls + c1:
        repairs.append("control_characters")
    text = "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, tuple(repairs)


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
    if len(text) > 64:  # not a date; dateparser's time grows with the length
        return None
    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True})
    return parsed.date() if parsed else None


def absurd_published(published: dt.date, captured: dt.date | None = None) -> str | None:
    """Why a publication date cannot be true (before config.EARLIEST_PUBLISHED, in the
    future, after the page was captured), or None when it can."""
    if published < config.EARLIEST_PUBLISHED:
        return f"before {config.EARLIEST_PUBLISHED.isoformat()}"
    # A day's grace: a story dated in a time zone ahead of the machine's.
    latest = dt.date.today() + dt.timedelta(days=1)
    if captured is not None:
        latest = min(latest, captured + dt.timedelta(days=1))
    if published > latest:
        return "after the page was captured" if captured is not None and captured < dt.date.today() else "in the future"
    return None


def _str_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    value = safe_str(str(value).strip())[0]
    return value or None


def normalise(record: Record, *, max_chars: int | None = None) -> Article | Reject:
    """One record as an article row, or the reject that says why it is not one.

    ``max_chars`` defaults to ``config.MAX_ARTICLE_CHARS``.
    """
    max_chars = config.MAX_ARTICLE_CHARS if max_chars is None else max_chars
    fields = record.fields
    article_id = _str_or_none(fields.get("id"))
    raw_text = fields.get("text")
    if raw_text is not None and not isinstance(raw_text, str):
        return Reject(record.source_file, record.source_record, "bad_record", f"text is a {type(raw_text).__name__}, not a string", article_id)
    if raw_text is None or not raw_text.strip():
        return Reject(record.source_file, record.source_record, "empty_text", "no text", article_id)
    size = len(raw_text) + sum(len(v) for k, v in fields.items() if k != "text" and isinstance(v, str))
    if size > max_chars:
        return Reject(record.source_file, record.source_record, "too_large", f"{size} characters, over the cap of {max_chars}", article_id)
    text, repairs = clean_text(raw_text)
    if not text:
        return Reject(record.source_file, record.source_record, "empty_text", "no text once control characters are removed", article_id)
    digest = content_hash(text)
    notes = list(record.repairs) + list(repairs)
    published = parse_published(fields.get("published"))
    if fields.get("published") and published is None:
        notes.append("unreadable_published")
    if published is not None:
        why = absurd_published(published, parse_published(fields.get("captured")))
        if why:
            notes.append(f"absurd_published {published.isoformat()} ({why}): dropped")
            published = None
    language = _str_or_none(fields.get("language")) or detect_language(text)
    return {
        "article_id": article_id or f"sha1:{digest[:16]}",
        "title": _str_or_none(fields.get("title")),
        "url": _str_or_none(fields.get("url")),
        "published": published,
        "publisher": _str_or_none(fields.get("publisher")),
        "language": language,
        "text": text,
        "source_file": safe_str(record.source_file)[0],
        "source_record": record.source_record,
        "content_hash": digest,
        "repairs": "; ".join(notes) or None,
    }


# Records normalised per task when several workers share the work.
CHUNK = 100


def _normalise_chunk(chunk: tuple[list[Record | Reject], int | None]) -> list[tuple[Record | Reject, Article | Reject | None]]:
    items, max_chars = chunk
    return [(item, None if isinstance(item, Reject) else normalise(item, max_chars=max_chars)) for item in items]


def _chunks(items: Iterable[Record | Reject], max_chars: int | None) -> Iterator[tuple[list[Record | Reject], int | None]]:
    chunk: list[Record | Reject] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            yield chunk, max_chars
            chunk = []
    if chunk:
        yield chunk, max_chars


def _normalised(paths: Iterable[Path], max_chars: int | None, workers: int) -> Iterator[tuple[Record | Reject, Article | Reject | None]]:
    """Each input item with its normalised article (None for a reject), in input order.
    Normalising (ftfy, language) is most of ingest's time, so workers share it; reading
    the files and finding duplicates stay here, in order."""
    if workers <= 1:
        for item in iter_records(paths):
            yield item, None if isinstance(item, Reject) else normalise(item, max_chars=max_chars)
        return
    from pipeline.parallel import local_map

    max_chars = config.MAX_ARTICLE_CHARS if max_chars is None else max_chars  # workers do not see config.override
    chunks = _chunks(iter_records(paths), max_chars)
    first = next(chunks, None)
    second = next(chunks, None)
    if second is None:  # one chunk: not worth starting processes
        yield from _normalise_chunk(first) if first else []
        return
    for results in local_map(_normalise_chunk, itertools.chain([first, second], chunks), workers):
        yield from results


def iter_articles(paths: Iterable[Path], *, max_chars: int | None = None, workers: int = 1) -> Iterator[Article | Reject]:
    """Articles from the inputs, in input order; duplicates and bad records as Rejects.
    ``workers`` processes normalise the text (the output does not depend on how many)."""
    seen_hashes: set[str] = set()
    seen_ids: set[str] = set()
    for item, article in _normalised(paths, max_chars, workers):
        if isinstance(item, Reject):
            yield item
            continue
        if isinstance(article, Reject):
            yield article
            continue
        assert article is not None  # only a Reject item has no article
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
        "source_file": safe_str(reject.source_file)[0],
        "source_record": reject.source_record,
        "article_id": reject.article_id,
        "reason": reject.reason,
        "detail": safe_str(reject.detail)[0],
    }


def run_stage(inputs: Iterable[Path], interim_dir: Path, batch_size: int = 500, *, max_chars: int | None = None,
              progress: bool | None = False, workers: int = 1) -> dict[str, int]:
    """Write interim/articles.parquet and interim/rejects.parquet; return the counts.

    ``max_chars`` defaults to ``config.MAX_ARTICLE_CHARS``; ``progress`` shows a bar
    (None: only on a terminal); ``workers`` processes share the normalising.
    """
    import pandas as pd

    from pipeline.io import TableWriter
    from pipeline.progress import wrap

    remove_stale_temporaries(Path(interim_dir))
    counts = {"records": 0, "articles": 0, "rejected": 0, "duplicates": 0}
    reasons: Counter[str] = Counter()
    batch: list[Article] = []
    rejects: list[dict[str, Any]] = []
    with TableWriter(interim_dir / "articles.parquet", "articles") as articles, TableWriter(interim_dir / "rejects.parquet", "rejects") as rejected:
        for item in wrap(iter_articles(inputs, max_chars=max_chars, workers=workers), show=progress, desc="ingest", unit="record"):
            counts["records"] += 1
            if isinstance(item, Reject):
                key = "duplicates" if item.reason == "duplicate" else "rejected"
                counts[key] += 1
                log.info("reject %s %s: %s (%s)", item.source_file, item.source_record, item.reason, item.detail)
                reasons[item.reason] += 1
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
    if reasons:  # one line, not one per record (each is in the rejects table, and at -v in the log)
        log.warning("%d records not taken: %s (see rejects.parquet)", sum(reasons.values()),
                    ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()))
    return counts
