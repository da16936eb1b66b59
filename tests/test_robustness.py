"""Nothing lost, nothing let in: bad input is rejected with its reason, the run goes on,
the counts balance, a killed run restarts cleanly, and hostile input stays inert."""

from __future__ import annotations

import ast
import contextlib
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline import config
from pipeline.cli import cli
from pipeline.config import PROJECT_ROOT, SAMPLE_DIR
from pipeline.ingest import absurd_published, iter_articles, normalise
from pipeline.ingest.language import detect_language
from pipeline.ingest.readers import Record, Reject

SAMPLE = [json.loads(line) for line in (SAMPLE_DIR / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
CODED = set(pd.read_csv(SAMPLE_DIR / "expected_events.csv")["article_id"])
SUMMARY_LINE = re.compile(r"(\d+) records read: (\d+) articles, (\d+) rejected, (\d+) duplicates")
TEMPORARY = re.compile(r"\.tmp-\d+-[0-9a-f]{8}$")


def _jsonl(articles: list[dict]) -> str:
    return "".join(json.dumps(a) + "\n" for a in articles)


def _warc(records: list[tuple[str, str]]) -> bytes:
    """A gzipped WARC of HTML responses, (url, html) each."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    return buffer.getvalue()


def _page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f"<html><head><title>{title}</title></head><body><nav>Home | World</nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"


# ---------------------------------------------------------------------------
# The mixed corpus: every kind of bad input beside good articles
# ---------------------------------------------------------------------------

FRENCH = ("Des hommes armés ont attaqué jeudi un village près de Mopti, dans le centre du Mali, tuant au moins douze civils, "
          "selon des sources locales. L'armée malienne a déployé des renforts dans la zone après l'attaque.")


def write_bad_corpus(folder: Path) -> tuple[dict[str, dict], list[tuple[str, str]]]:
    """Write the corpus; return the good articles (id -> expected fields) and the expected (file, reason) rejects."""
    folder.mkdir(parents=True, exist_ok=True)
    good: dict[str, dict] = {}
    bad: list[tuple[str, str]] = []
    s = iter(SAMPLE)

    # JSONL: good lines between broken ones.
    lines = []
    for _ in range(6):
        article = next(s)
        lines.append(json.dumps(article))
        good[article["id"]] = {"published": dt.date.fromisoformat(article["published"])}
    lines.insert(1, '{"id": "cut", "text": "a line cut off in the midd')
    bad.append(("mixed.jsonl", "bad_json"))
    lines.insert(3, json.dumps({"id": "list-text", "text": ["not", "a", "string"]}))
    bad.append(("mixed.jsonl", "bad_record"))
    lines.insert(4, json.dumps(["an", "array"]))
    bad.append(("mixed.jsonl", "bad_record"))
    lines.append(json.dumps({"id": "no-text", "title": "Headline only", "text": "   "}))
    bad.append(("mixed.jsonl", "empty_text"))
    lines.append("[" * 50_000 + "]" * 50_000)  # deep nesting: RecursionError in a naive parser
    bad.append(("mixed.jsonl", "bad_json"))
    huge = dict(next(s), id="huge")
    huge["text"] = (huge["text"] + "\n\n") * 40  # ~40,000 characters, over the 20,000 cap of this test
    lines.append(json.dumps(huge))
    bad.append(("mixed.jsonl", "too_large"))
    dup = json.loads(lines[0])
    lines.append(json.dumps(dict(dup, id="copy-of-first")))
    bad.append(("mixed.jsonl", "duplicate"))
    for year, absurd in (("1066-10-14", "absurd-1066"), ("3000-01-01", "absurd-3000")):
        article = dict(next(s), id=absurd, published=year)
        lines.append(json.dumps(article))
        good[absurd] = {"published": None, "repairs": "absurd_published"}
    lines.append(json.dumps({"id": "french", "text": FRENCH, "published": "2024-05-02"}))
    good["french"] = {"language": "fr"}
    surrogate = next(s)
    lines.append(json.dumps(dict(surrogate, id="surrogate", text=surrogate["text"] + " \ud800")))
    good["surrogate"] = {"repairs": "lone_surrogates"}
    (folder / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")

    # Legacy encodings are decoded, not rejected; mojibake is repaired.
    article = next(s)
    (folder / "legacy_cp1252.jsonl").write_bytes(
        (json.dumps(dict(article, id="cp1252", text="Caf\u00e9 owners \u201cprotested\u201d. " + article["text"]), ensure_ascii=False) + "\n").encode("cp1252"))
    good["cp1252"] = {"repairs": "decoded_cp1252", "text_has": "Café owners “protested”"}
    article = next(s)
    (folder / "legacy_latin1.txt").write_bytes(("Headline\n" + "Caf\u00e9 \x90 " + article["text"]).encode("latin-1"))
    good["legacy_latin1"] = {"repairs": "decoded_latin1", "text_has": "Café"}
    article = next(s)
    (folder / "stray_byte.txt").write_bytes(b"Headline\n" + ("Caf\u00e9 owners. " + article["text"]).encode() + b" \xff")
    good["stray_byte"] = {"text_has": "Café owners"}
    article = next(s)
    garbled = ("The army\u2019s statement: " + article["text"]).encode().decode("cp1252", errors="replace")
    (folder / "mojibake.jsonl").write_text(json.dumps(dict(article, id="mojibake", text=garbled)) + "\n", encoding="utf-8")
    good["mojibake"] = {"repairs": "mojibake", "text_has": "The army\u2019s statement"}

    # Empty and binary files.
    (folder / "empty.jsonl").write_bytes(b"")
    bad.append(("empty.jsonl", "empty_text"))
    (folder / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    bad.append(("blank.txt", "empty_text"))
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    bad.append(("photo.png", "binary"))
    (folder / "binary.csv").write_bytes(b"id,text\n1,\x00\x01\x02\x03" + bytes(range(256)))
    bad.append(("binary.csv", "binary"))

    # Truncated compressed input keeps what came before the cut: here the cut is inside a
    # long last line of text that hardly compresses.
    kept = [next(s) for _ in range(3)]
    noise = " ".join(hashlib.sha1(str(i).encode()).hexdigest() for i in range(2000))
    data = gzip.compress(_jsonl([*kept, {"id": "lost", "text": noise}]).encode())
    (folder / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    for article in kept:
        good[article["id"]] = {}
    bad.append(("cut.jsonl.gz", "truncated"))
    kept = [next(s) for _ in range(2)]
    pages = [(f"http://example.org/{a['id']}", _page(a["title"], a["text"])) for a in kept]
    pages += [(f"http://example.org/lost-{i}", _page(f"Lost {i}", a["text"] + " More." * 300)) for i, a in enumerate(SAMPLE[:4])]
    data = _warc(pages)
    first_two, first_three = len(_warc(pages[:2])), len(_warc(pages[:3]))
    (folder / "cut.warc.gz").write_bytes(data[: (first_two + first_three) // 2])  # in the third record
    for article in kept:
        good[f"warc:{article['id']}"] = {"url": f"http://example.org/{article['id']}"}
    bad.append(("cut.warc.gz", "truncated"))

    # HTML: one good page, one with no main text.
    article = next(s)
    (folder / "story.html").write_text(_page(article["title"], article["text"]), encoding="utf-8")
    good["story"] = {}
    (folder / "menu.html").write_text("<html><head><title>Menu</title></head><body><script>var x = 1;</script><img src='a.png'></body></html>", encoding="utf-8")
    bad.append(("menu.html", "no_main_text"))

    # CSV: good rows, a row with a cell too many, a row with one too few, a file without a text column.
    rows = [next(s) for _ in range(2)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "text", "published"])
    writer.writerows([a["id"], a["text"], a["published"]] for a in rows)
    writer.writerows([["extra", "Gunmen attacked a convoy.", "2024-01-01", "surplus"], ["missing", "Troops clashed with rebels."]])
    (folder / "rows.csv").write_text(buffer.getvalue(), encoding="utf-8")
    for article in rows:
        good[article["id"]] = {"published": dt.date.fromisoformat(article["published"])}
    bad += [("rows.csv", "bad_record"), ("rows.csv", "bad_record")]
    (folder / "headlines.csv").write_text("id,headline\n1,Something happened\n", encoding="utf-8")
    bad.append(("headlines.csv", "bad_record"))

    # A gzip bomb (here: a small one against the small cap of this test).
    (folder / "bomb.jsonl.gz").write_bytes(gzip.compress(b" " * 3_000_000))
    bad.append(("bomb.jsonl.gz", "too_large"))

    # An unknown text format is reported, not guessed at.
    (folder / "notes.docx.txt.bak").write_text("not a format we read", encoding="utf-8")
    bad.append(("notes.docx.txt.bak", "unreadable"))
    return good, bad


def test_mixed_bad_corpus(tmp_path):
    from pipeline.runner import run

    good, bad = write_bad_corpus(tmp_path / "in")
    out = tmp_path / "out"
    with config.override(MAX_ARTICLE_CHARS=20_000, MAX_EXPANDED_BYTES=1_000_000):
        summary = run([tmp_path / "in"], out)

    articles = pd.read_parquet(out / "articles.parquet")
    rejects = pd.read_parquet(out / "rejects.parquet")
    coded = set(pd.read_parquet(out / "event_articles.parquet")["article_id"])

    # Every good article is in, with the repairs and fields it should have.
    by_id = {(f"warc:{row.url.rsplit('/', 1)[-1]}" if row.source_file.endswith(".warc.gz") else row.article_id): row
             for row in articles.itertuples()}
    assert sorted(by_id) == sorted(good)
    for key, expected in good.items():
        row = by_id[key]
        if "published" in expected:
            assert (None if pd.isna(row.published) else row.published) == expected["published"], key
        if "repairs" in expected:
            assert expected["repairs"] in (row.repairs or ""), key
        if "text_has" in expected:
            assert expected["text_has"] in row.text, key
        assert row.language == expected.get("language", "en"), key
        if row.article_id in CODED:
            assert row.article_id in coded, f"{key} reports an event but was not coded"

    # Every bad input is a reject with the right reason.
    got = sorted((Path(r.source_file).name, r.reason) for r in rejects.itertuples())
    assert got == sorted(bad)
    assert rejects["detail"].notna().all()

    # The counts balance, and match the tables.
    c = summary.counts
    assert summary.balanced
    assert c["records"] == c["articles"] + c["rejected"] + c["duplicates"]
    assert c["articles"] == len(articles) == len(good)
    assert c["rejected"] + c["duplicates"] == len(rejects) == len(bad)
    assert c["duplicates"] == sum(reason == "duplicate" for _, reason in bad)


# ---------------------------------------------------------------------------
# Single kinds of input, where the mixed corpus cannot say enough
# ---------------------------------------------------------------------------


def _items(path: Path) -> list:
    return list(iter_articles([path]))


@pytest.mark.parametrize("fraction", [0.2, 0.35, 0.5, 0.65, 0.8, 0.95])
@pytest.mark.parametrize("compressed", [True, False])
def test_truncated_warc_is_never_silent(tmp_path, fraction, compressed):
    pages = [(f"http://example.org/{a['id']}", _page(a["title"], a["text"])) for a in SAMPLE[:5]]
    data = _warc(pages)
    if not compressed:
        data = b"".join(gzip.decompress(data) for _ in [0])
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    path.write_bytes(data[: int(len(data) * fraction)])
    items = _items(path)
    articles = [i for i in items if isinstance(i, dict)]
    assert len(articles) < 5
    assert isinstance(items[-1], Reject) and items[-1].reason == "truncated"


def test_whole_warc_has_no_reject(tmp_path):
    path = tmp_path / "ok.warc.gz"
    path.write_bytes(_warc([(f"http://example.org/{a['id']}", _page(a["title"], a["text"])) for a in SAMPLE[:3]]))
    items = _items(path)
    assert [type(i) for i in items] == [dict] * 3


def test_truncated_csv_gz_keeps_whole_rows(tmp_path):
    rows = "id,text\n" + "".join(f'{i},"Protesters marched in Nairobi on day {i}. ' + "More text. " * 30 + '"\n' for i in range(50))
    data = gzip.compress(rows.encode())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    items = _items(path)
    articles = [i for i in items if isinstance(i, dict)]
    assert articles and all(a["text"].endswith("More text.") for a in articles)
    assert items[-1].reason == "truncated"


def test_gz_txt_and_html_are_decompressed(tmp_path):
    (tmp_path / "one.txt.gz").write_bytes(gzip.compress(b"Clash in Bama\nSoldiers clashed with insurgents in Bama."))
    (tmp_path / "two.html.gz").write_bytes(gzip.compress(_page(SAMPLE[0]["title"], SAMPLE[0]["text"]).encode()))
    items = _items(tmp_path)
    assert [(i["article_id"], i["title"]) for i in items] == [("one", "Clash in Bama"), ("two", SAMPLE[0]["title"])]


def test_one_line_txt_is_the_text(tmp_path):
    (tmp_path / "brief.txt").write_text("Gunmen killed three villagers in Zamfara on Sunday.", encoding="utf-8")
    [article] = _items(tmp_path)
    assert article["text"] == "Gunmen killed three villagers in Zamfara on Sunday." and article["title"] is None


def test_utf16_csv_is_decoded(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes('id,text\n1,"Café owners protested in Bamako."\n'.encode("utf-16"))
    [article] = _items(path)
    assert article["text"] == "Café owners protested in Bamako." and "decoded_utf16" in article["repairs"]


def test_csv_field_over_the_cap_is_too_large(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text('id,text\n1,"' + "x" * 5000 + '"\n2,"Troops clashed with rebels."\n', encoding="utf-8")
    with config.override(MAX_ARTICLE_CHARS=1000):
        items = _items(path)
    assert [(i.reason if isinstance(i, Reject) else i["article_id"]) for i in items] == ["too_large", "2"]


def test_runaway_jsonl_line_is_not_read_whole(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "long", "text": "x" * 50_000}) + "\n" + json.dumps({"id": "ok", "text": "Troops clashed with rebels."}) + "\n")
    with config.override(MAX_ARTICLE_CHARS=1000):
        items = _items(path)
    assert [(i.reason if isinstance(i, Reject) else i["article_id"]) for i in items] == ["too_large", "ok"]


@pytest.mark.parametrize("published, captured, absurd", [
    ("1066-10-14", None, True), ("0001-01-01", None, True), ("3000-01-01", None, True),
    ("2024-03-02", None, False), ("2024-03-02", "2024-03-01", False), ("2024-03-09", "2024-03-01", True),
])
def test_absurd_published_dates_are_dropped_and_noted(published, captured, absurd):
    record = Record("in.jsonl", "line 1", {"id": "a", "text": "Troops clashed with rebels in Bama.", "published": published, "captured": captured})
    article = normalise(record)
    assert isinstance(article, dict)
    assert (article["published"] is None) == absurd
    assert ("absurd_published" in (article["repairs"] or "")) == absurd
    if captured is None:
        assert (absurd_published(dt.date.fromisoformat(published)) is not None) == absurd


@pytest.mark.parametrize("text, code", [
    (SAMPLE[0]["text"], "en"),
    (FRENCH, "fr"),
    ("Hombres armados atacaron una aldea cerca de Tumaco y mataron a tres campesinos, según la policía local, que abrió una investigación.", "es"),
    ("Bewaffnete Männer haben am Freitag ein Dorf im Norden des Landes angegriffen und dabei mindestens zwölf Zivilisten getötet.", "de"),
    ("12345 678", None),
])
def test_language_is_detected_when_not_given(text, code):
    assert detect_language(text) == code
    assert detect_language(text) == detect_language(text)


def test_language_given_by_the_input_is_kept():
    article = normalise(Record("in.jsonl", "line 1", {"id": "a", "text": FRENCH, "language": "fr-FR"}))
    assert article["language"] == "fr-FR"


def test_english_check_is_cheap():
    text = SAMPLE[0]["text"] * 50
    start = time.perf_counter()
    for _ in range(200):
        detect_language(text)
    assert (time.perf_counter() - start) / 200 < 0.002


# ---------------------------------------------------------------------------
# Command line: exit codes and the closing count
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_bad_input(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli_in")
    (folder / "in.jsonl").write_text(_jsonl(SAMPLE[:3]) + "{broken\n" + _jsonl(SAMPLE[:1]), encoding="utf-8")
    return folder / "in.jsonl"


def _counts(output: str) -> tuple[int, int, int, int]:
    match = SUMMARY_LINE.search(output)
    assert match, output
    return tuple(int(g) for g in match.groups())  # type: ignore[return-value]


def test_cli_run_with_rejects_exits_0_and_balances(small_bad_input, tmp_path):
    result = CliRunner().invoke(cli, ["run", str(small_bad_input), "--out", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    records, articles, rejected, duplicates = _counts(result.output)
    assert (records, articles, rejected, duplicates) == (5, 3, 1, 1)
    assert records == articles + rejected + duplicates
    assert len(pd.read_parquet(tmp_path / "articles.parquet")) == articles
    assert len(pd.read_parquet(tmp_path / "rejects.parquet")) == rejected + duplicates


def test_cli_strict_makes_a_reject_fatal(small_bad_input, tmp_path):
    result = CliRunner().invoke(cli, ["run", str(small_bad_input), "--out", str(tmp_path), "--strict", "--max-chars", "2000"], catch_exceptions=False)
    assert result.exit_code == 1
    _counts(result.output)  # the count is printed before the failure
    assert "--strict" in result.output
    reasons = sorted(pd.read_parquet(tmp_path / "rejects.parquet")["reason"])
    assert "bad_json" in reasons and "duplicate" in reasons


@pytest.mark.parametrize("args", [
    ["run"],  # no input
    ["run", "x.jsonl", "--max-chars", "0"],
    ["run", "x.jsonl", "--max-chars", "many"],
    ["run", "x.jsonl", "--no-such-option"],
])
def test_cli_usage_errors_exit_2(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output


# ---------------------------------------------------------------------------
# Crash safety: kill -9 midway, run again, get what an uninterrupted run gives
# ---------------------------------------------------------------------------


def _cell(value: object) -> str:
    if hasattr(value, "__len__") and not isinstance(value, (str, bytes)):
        return repr(tuple(value))  # type: ignore[arg-type]  # list columns come as arrays
    return repr(value)


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    """The table as text, rows in a fixed order: equal tables give equal frames."""
    as_text = df.apply(lambda column: column.map(_cell)) if len(df) else df.astype(str)
    return as_text.sort_values(list(as_text.columns)).reset_index(drop=True)


def _cli_process(inputs: Path, out: Path) -> subprocess.Popen:
    # A session of its own, so that the workers it may start can be found and ended after the test.
    return subprocess.Popen([sys.executable, "-c", "from pipeline.cli import cli; cli()", "run", str(inputs), "--out", str(out)],
                            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)


def _end_session(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def test_sigkill_midway_then_rerun_gives_the_uninterrupted_output(tmp_path):
    from pipeline.runner import run

    corpus = tmp_path / "corpus.jsonl"
    articles = [dict(a, id=f"{a['id']}-{i}", text=f"{a['text']}\n\nReport {i}.") for i, a in enumerate(SAMPLE * 5)]
    corpus.write_text(_jsonl(articles), encoding="utf-8")
    reference = tmp_path / "reference"
    run([corpus], reference)

    out = tmp_path / "out"
    killed = _cli_process(corpus, out)
    deadline = time.monotonic() + 45
    # Wait until the extract stage is writing its table, so a half-written file is on disk.
    while not any(p.name.startswith(".mentions.parquet.tmp-") for p in (out / "interim").glob(".*")):
        assert killed.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.3)
    killed.send_signal(signal.SIGKILL)  # the main process only, as the OOM killer would
    killed.communicate()
    _end_session(killed)
    assert killed.returncode == -signal.SIGKILL
    assert any(TEMPORARY.search(p.name) for p in out.rglob(".*")), "the kill should leave a temporary file behind"

    rerun = _cli_process(corpus, out)
    try:
        stdout, _ = rerun.communicate(timeout=120)
    finally:
        _end_session(rerun)
    assert rerun.returncode == 0
    assert _counts(stdout) == (len(articles), len(articles), 0, 0)

    tables = sorted(p.name for p in reference.glob("*.parquet"))
    assert tables == sorted(p.name for p in out.glob("*.parquet"))
    for name in tables:
        pd.testing.assert_frame_equal(_sorted(pd.read_parquet(out / name)), _sorted(pd.read_parquet(reference / name)), obj=name)
    assert json.loads((out / "summary.json").read_text()) == json.loads((reference / "summary.json").read_text())
    assert [p for p in out.rglob("*") if TEMPORARY.search(p.name)] == []


# ---------------------------------------------------------------------------
# Hostile input
# ---------------------------------------------------------------------------

UNSAFE_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill", "joblib"}
UNSAFE_CALLS = {"eval", "exec", "read_pickle", "unsafe_load", "__import__"}


def test_no_code_loading_from_input():
    """No pickle, eval or yaml.load anywhere in the package: input is data, never code."""
    found = []
    for path in sorted((PROJECT_ROOT / "pipeline").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path.name, a.name) for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UNSAFE_MODULES:
                found.append((path.name, node.module))
            elif isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                owner = getattr(node.func.value, "id", "") if isinstance(node.func, ast.Attribute) else ""
                if name in UNSAFE_CALLS or (owner == "yaml" and name == "load"):
                    found.append((path.name, name))
    assert found == []


def test_outputs_stay_inside_out(tmp_path):
    from pipeline.runner import run

    hostile = [dict(a, id=name) for a, name in zip(SAMPLE, ["../../escaped", "/tmp/absolute-escape", "..\\..\\win", "a/../../b"])]
    source = tmp_path / "in" / "hostile.jsonl"
    source.parent.mkdir()
    source.write_text(_jsonl(hostile), encoding="utf-8")
    out = tmp_path / "deep" / "out"
    before = set(tmp_path.rglob("*"))
    run([source], out)
    created = set(tmp_path.rglob("*")) - before
    assert created and all(out in p.parents or p == out or p == out.parent for p in created)
    assert not Path("/tmp/absolute-escape").exists()
    assert set(pd.read_parquet(out / "articles.parquet")["article_id"]) == {a["id"] for a in hostile}


def test_expanded_size_cap_is_configurable(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(_jsonl(SAMPLE[:5]).encode()))
    (tmp_path / "b.csv.gz").write_bytes(gzip.compress(b"id,text\n" + b"1,Troops clashed.\n" * 5000))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"Title\n" + b"Troops clashed. " * 5000))
    with config.override(MAX_EXPANDED_BYTES=2000):
        items = _items(tmp_path)
    assert [(Path(i.source_file).name, i.reason) for i in items if isinstance(i, Reject)] == [
        ("a.jsonl.gz", "too_large"), ("b.csv.gz", "too_large"), ("c.txt.gz", "too_large")]
    assert len([i for i in items if isinstance(i, dict)]) <= 2  # what fitted under the cap, nothing more


@pytest.fixture
def black_hole():
    """A port that takes connections into its backlog and never answers: a fetch would hang on it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.setblocking(False)
    yield server
    server.close()


def test_html_parsing_fetches_nothing(tmp_path, black_hole):
    url = f"http://127.0.0.1:{black_hole.getsockname()[1]}"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    page = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f'<html><head><title>Attack in Bama</title><link rel="stylesheet" href="{url}/style.css">'
        f'<script src="{url}/app.js"></script><meta http-equiv="refresh" content="0; url={url}/next"></head>'
        f'<body><iframe src="{url}/frame"></iframe><article><h1>Attack in Bama</h1><img src="{url}/photo.jpg">'
        f"<p>{SAMPLE[0]['text']}</p><p>&xxe;</p></article></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    start = time.perf_counter()
    [article] = _items(tmp_path / "page.html")
    assert time.perf_counter() - start < 5
    with pytest.raises(BlockingIOError):
        black_hole.accept()  # nobody connected
    assert "TOP-SECRET-CONTENT" not in article["text"]
    assert "Islamic State West Africa Province" in article["text"]


def test_hostile_strings_are_stored_not_crashed_on(tmp_path):
    from pipeline import ingest

    path = tmp_path / "hostile.jsonl"
    path.write_text(_jsonl([
        {"id": "ctrl", "text": "Troops\x00 clashed\x1b[31m with rebels\x07 in Bama.\u0085", "title": "=HYPERLINK(\"http://x\")"},
        {"id": "surr\ud83d", "text": "Police arrested two men in Kano \udcff on Friday."},
        {"id": "nested", "text": "Gunmen attacked a market.", "published": {"$date": "2024-01-01"}, "title": ["x"]},
    ]), encoding="utf-8", errors="surrogatepass")
    counts = ingest.run_stage([path], tmp_path)  # Parquet is where a lone surrogate would crash
    assert counts["articles"] == 3
    articles = pd.read_parquet(tmp_path / "articles.parquet").set_index("article_id")
    assert "\x00" not in articles.loc["ctrl", "text"] and "\x1b" not in articles.loc["ctrl", "text"]
    assert "control_characters" in articles.loc["ctrl", "repairs"]
    assert "surr\ufffd" in articles.index


def test_unreadable_paths_are_rejects_not_crashes(tmp_path):
    (tmp_path / "folder.jsonl").mkdir()
    items = list(iter_articles([tmp_path / "missing.jsonl", tmp_path / "folder.jsonl"]))
    assert [(Path(i.source_file).name, i.reason) for i in items] == [("missing.jsonl", "unreadable")]
    if os.geteuid() != 0:  # root reads everything
        locked = tmp_path / "locked.jsonl"
        locked.write_text(_jsonl(SAMPLE[:1]))
        locked.chmod(0)
        [reject] = _items(locked)
        assert reject.reason == "unreadable"


@pytest.mark.parametrize("name, data, reason", [
    ("image.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
    ("image.jsonl.gz", gzip.compress(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8), "binary"),
    ("utf16.jsonl", '{"id": "a", "text": "Troops clashed."}\n'.encode("utf-16"), "bad_encoding"),
    ("not-gzip.jsonl.gz", b"plain text, not gzip\n", "truncated"),
])
def test_a_file_that_cannot_be_jsonl_is_one_reject(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    [reject] = _items(tmp_path / name)
    assert reject.reason == reason and reject.source_record == "file"


def test_leftovers_of_a_killed_export_are_removed(tmp_path):
    """Temporary files and half-swapped table folders of a dead process go at the next start."""
    from pipeline.io import remove_stale_temporaries

    dead = 2**22 + 12345  # above the default pid_max: no such process
    (tmp_path / f".events.parquet.tmp-{dead}-0123abcd").mkdir()
    (tmp_path / f".events.parquet.tmp-{dead}-0123abcd" / "part-0.parquet").write_bytes(b"x")
    (tmp_path / f".events.parquet.old-{dead}-0123abcd").mkdir()
    (tmp_path / f".articles.parquet.tmp-{dead}-89abcdef").write_bytes(b"x")
    mine = tmp_path / f".mentions.parquet.tmp-{os.getpid()}-89abcdef"
    mine.write_bytes(b"x")
    removed = remove_stale_temporaries(tmp_path)
    assert len(removed) == 3
    assert [p.name for p in tmp_path.iterdir()] == [mine.name]
