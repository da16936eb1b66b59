"""Readers: one per input format, each turning a file into raw records or rejects.

A reader never raises on a bad record: it yields a Reject and goes on, so one
broken line costs one line, not the run.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Expanded size cap for compressed input (a gzip bomb must not fill the memory).
MAX_EXPANDED_BYTES = 2_000_000_000


@dataclass(frozen=True)
class Record:
    """One article as the input gave it, before normalisation."""

    source_file: str
    source_record: str
    fields: dict[str, Any]
    repairs: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Reject:
    source_file: str
    source_record: str
    reason: str
    detail: str
    article_id: str | None = None
    stage: str = "ingest"


Item = Record | Reject
Reader = Callable[[Path], Iterator[Item]]


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode bytes as UTF-8, else as the legacy encodings news archives use.

    Returns the text and the repairs made (empty when the bytes were clean UTF-8).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ("decoded_cp1252",)
    except UnicodeDecodeError:
        return data.decode("latin-1"), ("decoded_latin1",)


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def _open_bytes(path: Path) -> bytes:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as fh:
            data = fh.read(MAX_EXPANDED_BYTES + 1)
        if len(data) > MAX_EXPANDED_BYTES:
            raise OSError(f"expands to more than {MAX_EXPANDED_BYTES} bytes")
        return data
    return path.read_bytes()


def _iter_lines(path: Path) -> Iterator[bytes]:
    opener = gzip.open if path.suffix == ".gz" else open
    total = 0
    with opener(path, "rb") as fh:  # type: ignore[operator]
        for line in fh:
            total += len(line)
            if total > MAX_EXPANDED_BYTES:
                raise OSError(f"expands to more than {MAX_EXPANDED_BYTES} bytes")
            yield line


def read_jsonl(path: Path) -> Iterator[Item]:
    src = str(path)
    lineno = 0
    try:
        for lineno, raw in enumerate(_iter_lines(path), start=1):
            if not raw.strip():
                continue
            line, repairs = decode(raw)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Reject(src, f"line {lineno}", "bad_json", f"not JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(obj, dict):
                yield Reject(src, f"line {lineno}", "bad_record", "a JSON line must be an object")
                continue
            yield Record(src, f"line {lineno}", obj, repairs)
    except (EOFError, OSError, zlib.error) as exc:
        yield Reject(src, f"after line {lineno}", "truncated", f"file ends early or is corrupt: {exc}")


_TEXT_COLUMNS = ("text", "body", "content", "notes")
_ID_COLUMNS = ("id", "article_id", "event_id_cnty")


def read_csv(path: Path) -> Iterator[Item]:
    src = str(path)
    try:
        text, repairs = decode(_open_bytes(path))
    except (EOFError, OSError, zlib.error) as exc:
        yield Reject(src, "file", "truncated", f"cannot read: {exc}")
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        yield Reject(src, "file", "empty_text", "empty CSV file")
        return
    text_col = next((c for c in _TEXT_COLUMNS if c in header), None)
    if text_col is None:
        yield Reject(src, "file", "bad_record", f"no text column: expected one of {_TEXT_COLUMNS}, got {header}")
        return
    for rowno, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Reject(src, f"row {rowno}", "bad_record", f"{len(row)} cells where the header has {len(header)}")
            continue
        obj = dict(zip(header, row))
        obj["text"] = obj.pop(text_col)
        if "id" not in obj:
            id_col = next((c for c in _ID_COLUMNS if c in obj), None)
            if id_col:
                obj["id"] = obj[id_col]
        yield Record(src, f"row {rowno}", obj, repairs)


def read_txt(path: Path) -> Iterator[Item]:
    """A plain text file: the first line is the title, the rest the body."""
    src = str(path)
    data = path.read_bytes()
    if looks_binary(data):
        yield Reject(src, "file", "binary", "file holds binary data, not text")
        return
    text, repairs = decode(data)
    title, _, body = text.strip().partition("\n")
    yield Record(src, "file", {"title": title.strip(), "text": body.strip(), "id": path.stem}, repairs)


def read_html(path: Path) -> Iterator[Item]:
    """Main text and metadata with trafilatura; it never fetches external resources."""
    import trafilatura

    src = str(path)
    data = path.read_bytes()
    if looks_binary(data):
        yield Reject(src, "file", "binary", "file holds binary data, not HTML")
        return
    html, repairs = decode(data)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        yield Reject(src, "file", "no_main_text", "trafilatura found no main text in the HTML")
        return
    text = doc.text
    if doc.title and text.startswith(doc.title):
        text = text[len(doc.title):].lstrip("\n")
    fields = {
        "id": path.stem,
        "title": doc.title,
        "url": doc.url,
        "published": doc.date,
        "publisher": doc.sitename,
        "language": doc.language,
        "text": text,
    }
    yield Record(src, "file", fields, repairs)


def read_warc(path: Path) -> Iterator[Item]:
    """HTML responses in a WARC file (Common Crawl News), streamed record by record."""
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    src = str(path)
    n = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                n += 1
                uri = record.rec_headers.get_header("WARC-Target-URI")
                ctype = record.http_headers.get_header("Content-Type") if record.http_headers else ""
                if ctype and "html" not in ctype:
                    continue
                html, repairs = decode(record.content_stream().read())
                doc = trafilatura.bare_extraction(html, with_metadata=True, url=uri)
                rec_id = record.rec_headers.get_header("WARC-Record-ID") or f"record {n}"
                if doc is None or not (doc.text or "").strip():
                    yield Reject(src, rec_id, "no_main_text", f"no main text in {uri}")
                    continue
                yield Record(
                    src,
                    rec_id,
                    {
                        "title": doc.title,
                        "url": uri,
                        "published": doc.date or record.rec_headers.get_header("WARC-Date"),
                        "publisher": doc.sitename,
                        "text": doc.text,
                    },
                    repairs,
                )
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error) as exc:
        yield Reject(src, f"after record {n}", "truncated", f"WARC ends early or is corrupt: {exc}")


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".warc": read_warc,
}


def reader_for(path: Path) -> Reader | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:] in ([".warc", ".gz"],):
        return read_warc
    if suffixes and suffixes[-1] == ".gz" and len(suffixes) >= 2:
        return READERS.get(suffixes[-2])
    return READERS.get(suffixes[-1]) if suffixes else None
