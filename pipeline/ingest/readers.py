"""Readers: one per input format, each turning a file into raw records or rejects.

A reader never raises on a bad record: it yields a Reject and goes on, so one
broken line costs one line, not the run.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import config


class TooLarge(Exception):
    """Input that expands past ``config.MAX_EXPANDED_BYTES`` (a gzip bomb, a runaway line)."""


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

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode bytes as UTF-8, else as the legacy encodings news archives use.

    Returns the text and the repairs made (empty when the bytes were clean UTF-8).
    cp1252 is tried before latin-1 because it is what "latin-1" web pages really
    are; latin-1 decodes any byte, so nothing is ever rejected for its encoding.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), ("decoded_utf16",)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ("decoded_cp1252",)
    except UnicodeDecodeError:
        return data.decode("latin-1"), ("decoded_latin1",)


# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">,
# which HTML puts in the first 1,024 bytes; "charset=x" of an HTTP Content-Type header.
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# What browsers decode these labels as (WHATWG Encoding): pages labelled latin-1 are cp1252.
_BROWSER_ENCODING = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
                     "iso-8859-9": "cp1254", "tis-620": "cp874", "gb2312": "gb18030", "gbk": "gb18030", "x-sjis": "shift_jis"}


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The Python codec an HTML page declares (HTTP header first, then its <meta>), or None."""
    for source in (header.encode("latin-1", "replace") if header else b"", data[:1024]):
        match = _CHARSET.search(source)
        if match:
            label = match.group(1).decode("ascii").lower()
            label = _BROWSER_ENCODING.get(label, label)
            try:
                return codecs.lookup(label).name
            except LookupError:
                return None
    return None


def decode_html(data: bytes, header: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Decode an HTML page: bytes that are valid UTF-8 are UTF-8 (a wrong label is far
    commoner than legacy bytes that happen to be valid UTF-8); else the charset the page
    declares, when the bytes fit it; else as ``decode`` does (cp1252, latin-1)."""
    charset = declared_charset(data, header)
    if charset and charset not in ("utf-8", "utf-16") and not data.startswith((b"\xef\xbb\xbf", *_UTF16_BOMS)):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return data.decode(charset), (f"decoded_{charset}",)
            except UnicodeDecodeError:
                pass
    return decode(data)


# C0 control bytes that text never holds (tab, newlines, form feed and escape excepted).
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 27), *range(28, 32)])


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than a tenth control bytes, in the first 8 KB (UTF-16 with a BOM is text)."""
    head = data[:8192]
    if not head or head.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 10


def is_gzip(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


class Truncated(Exception):
    """A compressed file that ends early or is corrupt; raised after all that could be read."""


def _chunks(path: Path) -> Iterator[bytes]:
    """The file's bytes in pieces, decompressed when it is .gz.

    zlib is driven directly rather than through the gzip module, which loses the
    last buffer it decoded when the file is cut short.
    """
    with open(path, "rb") as fh:
        if not is_gzip(path):
            while chunk := fh.read(1 << 16):
                yield chunk
            return
        # 16 KB in expands to at most ~16 MB out, so a bomb is caught before it fills the memory.
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        fed = False
        while data := fh.read(1 << 14):
            while data:
                fed = True
                try:
                    piece = decompressor.decompress(data)
                except zlib.error as exc:
                    raise Truncated(f"corrupt gzip data: {exc}") from exc
                if piece:
                    yield piece
                if not decompressor.eof:
                    break
                # A gzip file may hold several members one after the other; zero bytes pad some.
                data = decompressor.unused_data.lstrip(b"\0")
                decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
                fed = False
        if fed and not decompressor.eof:
            raise Truncated("compressed file ends before its end-of-stream marker")


def read_bytes(path: Path) -> tuple[bytes, str | None]:
    """The whole file, decompressed when it is .gz, and why it ends early (None when whole).

    Raises TooLarge past ``config.MAX_EXPANDED_BYTES``. A truncated gzip gives back
    what could be decompressed, so the caller can keep the complete records in it.
    """
    cap = config.MAX_EXPANDED_BYTES
    if not is_gzip(path) and path.stat().st_size > cap:
        raise TooLarge(f"{path.stat().st_size} bytes, over the cap of {cap}")
    pieces: list[bytes] = []
    total = 0
    try:
        for piece in _chunks(path):
            total += len(piece)
            if total > cap:
                raise TooLarge(f"expands to more than {cap} bytes")
            pieces.append(piece)
    except Truncated as exc:
        return b"".join(pieces), str(exc)
    return b"".join(pieces), None


def _iter_lines(path: Path) -> Iterator[bytes | None]:
    """Lines of the (decompressed) file; None in place of a line too long to be an article.

    A runaway line is skipped as it streams by, never held whole. At a cut in a
    compressed file the partial last line is dropped and Truncated raised.
    """
    cap = config.MAX_EXPANDED_BYTES
    # UTF-8 takes at most 4 bytes a character; JSON escapes and metadata need some room too.
    line_cap = 6 * config.MAX_ARTICLE_CHARS + 65536
    buffer = b""
    skipping = False
    total = 0
    for chunk in _chunks(path):
        total += len(chunk)
        if is_gzip(path) and total > cap:
            raise TooLarge(f"expands to more than {cap} bytes")
        buffer += chunk
        start = 0
        while (newline := buffer.find(b"\n", start)) >= 0:
            if skipping:
                skipping = False
            else:
                yield buffer[start:newline + 1]
            start = newline + 1
        buffer = buffer[start:]
        if len(buffer) > line_cap:
            if not skipping:
                yield None
            skipping, buffer = True, b""
    if buffer and not skipping:
        yield buffer


def read_jsonl(path: Path) -> Iterator[Item]:
    src = str(path)
    lineno = 0
    try:
        head = next(_chunks(path), b"")[:8192]
    except Truncated:
        head = b""
    if head.startswith(_UTF16_BOMS):
        yield Reject(src, "file", "bad_encoding", "UTF-16 JSONL cannot be read line by line: convert it to UTF-8")
        return
    if looks_binary(head):
        yield Reject(src, "file", "binary", "file holds binary data, not JSON lines")
        return
    try:
        for lineno, raw in enumerate(_iter_lines(path), start=1):
            if raw is None:
                yield Reject(src, f"line {lineno}", "too_large", f"line longer than {6 * config.MAX_ARTICLE_CHARS} bytes")
                continue
            if not raw.strip():
                continue
            line, repairs = decode(raw)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Reject(src, f"line {lineno}", "bad_json", f"not JSON: {exc.msg} at column {exc.colno}")
                continue
            except (ValueError, RecursionError) as exc:
                yield Reject(src, f"line {lineno}", "bad_json", f"not JSON: {type(exc).__name__}")
                continue
            if not isinstance(obj, dict):
                yield Reject(src, f"line {lineno}", "bad_record", f"a JSON line must be an object, not {type(obj).__name__}")
                continue
            yield Record(src, f"line {lineno}", obj, repairs)
    except TooLarge as exc:
        yield Reject(src, f"after line {lineno}" if lineno else "file", "too_large", str(exc))
    except Truncated as exc:
        yield Reject(src, f"after line {lineno}" if lineno else "file", "truncated", f"file ends early or is corrupt: {exc}")


_TEXT_COLUMNS = ("text", "body", "content", "notes")
_ID_COLUMNS = ("id", "article_id", "event_id_cnty")


def _whole_file(path: Path, what: str, decoder: Callable[[bytes], tuple[str, tuple[str, ...]]] | None = None) -> tuple[str, tuple[str, ...], str | None] | Reject:
    """Text of a file read whole, or the reject that says why it cannot be read."""
    src = str(path)
    try:
        data, cut = read_bytes(path)
    except TooLarge as exc:
        return Reject(src, "file", "too_large", str(exc))
    if looks_binary(data):
        return Reject(src, "file", "binary", f"file holds binary data, not {what}")
    if cut is not None and not data.strip():
        return Reject(src, "file", "truncated", f"compressed file is corrupt, nothing could be read: {cut}")
    text, repairs = (decoder or decode)(data)
    return text, repairs, cut


def _csv_rows(text: str) -> Iterator[list[str] | csv.Error]:
    """Cells per row; a row the csv module cannot parse comes as its error, and reading goes on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc


def read_csv(path: Path) -> Iterator[Item]:
    src = str(path)
    whole = _whole_file(path, "CSV")
    if isinstance(whole, Reject):
        yield whole
        return
    text, repairs, cut = whole
    # A field over the article cap is reported as too_large, not as a parse error.
    csv.field_size_limit(max(csv.field_size_limit(), config.MAX_ARTICLE_CHARS + 1))
    rows = _csv_rows(text)
    first = next(rows, None)
    if first is None:
        yield Reject(src, "file", "empty_text", "empty CSV file")
        return
    if isinstance(first, csv.Error):
        yield Reject(src, "file", "bad_record", f"unreadable header: {first}")
        return
    header = [h.strip() for h in first]
    text_col = next((c for c in _TEXT_COLUMNS if c in header), None)
    if text_col is None:
        yield Reject(src, "file", "bad_record", f"no text column: expected one of {_TEXT_COLUMNS}, got {header}")
        return
    numbered = enumerate(rows, start=2)
    if cut is None:
        for rowno, row in numbered:
            yield from _csv_record(src, rowno, row, header, text_col, repairs)
        return
    # The file ends early, so its last row may be cut short: each row waits for the next.
    held: tuple[int, list[str] | csv.Error] | None = None
    for item in numbered:
        if held is not None:
            yield from _csv_record(src, *held, header, text_col, repairs)
        held = item
    where = f"row {held[0]}" if held else "file"
    yield Reject(src, where, "truncated", f"compressed file ends early ({cut}); the last row read may be cut short and is dropped")


def _csv_record(src: str, rowno: int, row: list[str] | csv.Error, header: list[str], text_col: str,
                repairs: tuple[str, ...]) -> Iterator[Item]:
    if isinstance(row, csv.Error):
        reason = "too_large" if "field larger" in str(row) else "bad_record"
        yield Reject(src, f"row {rowno}", reason, f"unreadable row: {row}")
        return
    if not any(cell.strip() for cell in row):
        return
    if len(row) != len(header):
        yield Reject(src, f"row {rowno}", "bad_record", f"{len(row)} cells where the header has {len(header)}")
        return
    obj = dict(zip(header, row))
    obj["text"] = obj.pop(text_col)
    if "id" not in obj:
        id_col = next((c for c in _ID_COLUMNS if c in obj), None)
        if id_col:
            obj["id"] = obj[id_col]
    yield Record(src, f"row {rowno}", obj, repairs)


def _stem(path: Path) -> str:
    """The file name without its format suffixes: "story.html.gz" -> "story"."""
    name = path.name[: -len(".gz")] if is_gzip(path) else path.name
    return Path(name).stem


def _single_article(path: Path, what: str, decoder: Callable[[bytes], tuple[str, tuple[str, ...]]] | None = None) -> tuple[str, tuple[str, ...]] | Reject:
    """Text of a file that holds one article; a cut-short file is rejected, not half-read."""
    whole = _whole_file(path, what, decoder)
    if isinstance(whole, Reject):
        return whole
    text, repairs, cut = whole
    if cut is not None:
        return Reject(str(path), "file", "truncated", f"compressed file ends early, the article would be cut short: {cut}")
    return text, repairs


def read_txt(path: Path) -> Iterator[Item]:
    """A plain text file: the first line is the title, the rest the body (a one-line file is all body)."""
    whole = _single_article(path, "text")
    if isinstance(whole, Reject):
        yield whole
        return
    text, repairs = whole
    title, _, body = text.strip().partition("\n")
    if not body.strip():
        title, body = "", title
    yield Record(str(path), "file", {"title": title.strip() or None, "text": body.strip(), "id": _stem(path)}, repairs)


def _main_text(html: str, url: str | None = None) -> Any:
    """trafilatura's extraction: it parses the string it is given and never fetches
    anything the page links to (images, stylesheets, frames, external entities)."""
    import trafilatura

    return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, url=url)


def _body(doc: Any) -> str:
    """The main text without the headline that trafilatura puts at its top ("" when none)."""
    if doc is None or not doc.text:
        return ""
    text: str = doc.text
    if doc.title and text.startswith(doc.title):
        text = text[len(doc.title):].lstrip("\n")
    return text


# A page's main text must hold one line of prose at least this long; trafilatura hands
# back the menu of a page that has no article ("Home / World / Subscribe ...").
PROSE_WORDS = 8


def _no_prose(text: str) -> bool:
    return not any(len(line.split()) >= PROSE_WORDS for line in text.splitlines())


def read_html(path: Path) -> Iterator[Item]:
    """Main text and metadata of an HTML page."""
    src = str(path)
    whole = _single_article(path, "HTML", decode_html)
    if isinstance(whole, Reject):
        yield whole
        return
    html, repairs = whole
    doc = _main_text(html)
    if not _body(doc).strip():
        yield Reject(src, "file", "no_main_text", "trafilatura found no main text in the HTML")
        return
    if _no_prose(_body(doc)):
        yield Reject(src, "file", "no_main_text", f"only short lines (navigation or boilerplate), no sentence of {PROSE_WORDS} words or more")
        return
    fields = {
        "id": _stem(path),
        "title": doc.title,
        "url": doc.url,
        "published": doc.date,
        "publisher": doc.sitename,
        "language": doc.language,
        "text": _body(doc),
    }
    yield Record(src, "file", fields, repairs)


def read_warc(path: Path) -> Iterator[Item]:
    """HTML responses in a WARC file (Common Crawl News), streamed record by record.

    warcio stops quietly at a cut-short file; a record whose body is shorter than its
    Content-Length, or bytes left over after the last whole record, mark the cut.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    src = str(path)
    cap = config.MAX_EXPANDED_BYTES
    n = 0
    end = 0
    try:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                n += 1
                rec_id = record.rec_headers.get_header("WARC-Record-ID") or f"record {n}"
                item = _warc_item(src, rec_id, record, cap)
                # Reads the rest of the record, so that its length (and a cut body) is known.
                end = records.get_record_offset() + records.get_record_length()
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield Reject(src, rec_id, "truncated", "WARC ends inside this record")
                    return
                if item is not None:
                    yield item
            fh.seek(end)
            if fh.read(65536).strip():
                yield Reject(src, f"after record {n}", "truncated", "WARC ends early: bytes after the last whole record")
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error) as exc:
        yield Reject(src, f"after record {n}", "truncated", f"WARC ends early or is corrupt: {exc}")


def _warc_item(src: str, rec_id: str, record: Any, cap: int) -> Item | None:
    """The article in one WARC record; None for records that are not HTML responses."""
    if record.rec_type != "response":
        return None
    ctype = record.http_headers.get_header("Content-Type") if record.http_headers else ""
    if ctype and "html" not in ctype:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(cap + 1)
    if len(body) > cap:
        return Reject(src, rec_id, "too_large", f"record body over the cap of {cap} bytes")
    if looks_binary(body):
        return Reject(src, rec_id, "binary", f"binary body in {uri}")
    html, repairs = decode_html(body, ctype)
    doc = _main_text(html, url=uri)
    if not _body(doc).strip():
        return Reject(src, rec_id, "no_main_text", f"no main text in {uri}")
    if _no_prose(_body(doc)):
        return Reject(src, rec_id, "no_main_text", f"only navigation or boilerplate in {uri}")
    return Record(
        src,
        rec_id,
        {
            "title": doc.title,
            "url": uri,
            "published": doc.date or record.rec_headers.get_header("WARC-Date"),
            "captured": record.rec_headers.get_header("WARC-Date"),
            "publisher": doc.sitename,
            "language": doc.language,
            "text": _body(doc),
        },
        repairs,
    )


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
