"""Ingest: every record in is an article, a reject with its reason, or a duplicate."""

import gzip
import json

import ftfy
import pytest

from pipeline.ingest import _fix_text, clean_text, iter_articles, parse_published
from pipeline.ingest.readers import Reject


def _articles(items):
    return [i for i in items if isinstance(i, dict)]


def _rejects(items):
    return [i for i in items if isinstance(i, Reject)]


def test_jsonl_broken_lines_cost_only_themselves(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "Police arrested two men in Kano on Friday.", "published": "2024-03-02"}) + "\n"
        + '{"id": "b", "text": "cut off\n'
        + json.dumps({"id": "c", "text": ""}) + "\n"
        + json.dumps({"id": "d", "text": "Soldiers clashed with gunmen in Bama."}) + "\n",
        encoding="utf-8",
    )
    items = list(iter_articles([path]))
    assert [a["article_id"] for a in _articles(items)] == ["a", "d"]
    assert [(r.source_record, r.reason) for r in _rejects(items)] == [("line 2", "bad_json"), ("line 3", "empty_text")]
    assert _articles(items)[0]["published"].isoformat() == "2024-03-02"


def test_exact_duplicates_are_dropped_and_counted(tmp_path):
    path = tmp_path / "in.jsonl"
    line = {"text": "Gunmen killed three villagers in Zamfara."}
    path.write_text(json.dumps(line) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    items = list(iter_articles([path]))
    assert len(_articles(items)) == 1
    assert _articles(items)[0]["article_id"].startswith("sha1:")
    assert [r.reason for r in _rejects(items)] == ["duplicate"]


def test_txt_folder_first_line_is_title(tmp_path):
    (tmp_path / "one.txt").write_text("Clash in Bama\nSoldiers clashed with insurgents.", encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(b"Title\x00\x01binary")
    items = list(iter_articles([tmp_path]))
    [article] = _articles(items)
    assert (article["article_id"], article["title"], article["text"]) == ("one", "Clash in Bama", "Soldiers clashed with insurgents.")
    assert [r.reason for r in _rejects(items)] == ["binary"]


def test_csv_rows_with_wrong_cell_counts_are_rejected(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('id,text,published\n1,"Protesters marched in Nairobi.",2024-01-02\n2,too,many,cells\n', encoding="utf-8")
    items = list(iter_articles([path]))
    assert [a["article_id"] for a in _articles(items)] == ["1"]
    assert [r.reason for r in _rejects(items)] == ["bad_record"]


def test_csv_without_text_column_is_one_clear_reject(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,headline\n1,Something\n", encoding="utf-8")
    [reject] = list(iter_articles([path]))
    assert reject.reason == "bad_record" and "no text column" in reject.detail


def test_legacy_encoding_is_decoded_not_rejected(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes('{"id": "x", "text": "Caf\xe9 owners protested in Bamako."}\n'.encode("cp1252"))
    [article] = list(iter_articles([path]))
    assert article["text"] == "Café owners protested in Bamako."
    assert "decoded_cp1252" in article["repairs"]


def test_mojibake_is_repaired_and_recorded():
    text, repairs = clean_text("The army\u00e2\u20ac\u2122s statement said 3 were killed.")
    assert text == "The army\u2019s statement said 3 were killed."
    assert repairs == ("mojibake",)


@pytest.mark.parametrize("text", [
    "Police said it wasnâ€™t over.\nPlain line & more\nA plain line\ncafÃ© &amp; bar\n",
    "<p>a &amp; b</p>\nâ€œquotedâ€\n&amp; after the tag\n",  # "<" ends HTML unescaping
    "ï¬\x81 ＬＯＵＤ\nplain\n\n\nâ€™",
    "no line break at the end â€",
])
def test_line_by_line_repair_is_ftfys_own(text):
    assert _fix_text(text) == ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)


def test_truncated_gzip_keeps_the_good_lines(tmp_path):
    path = tmp_path / "in.jsonl.gz"
    data = gzip.compress(b"".join(json.dumps({"id": str(i), "text": f"Article {i} about a protest in Lagos."}).encode() + b"\n" for i in range(200)))
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_articles([path]))
    assert len(_articles(items)) > 0
    assert _rejects(items)[-1].reason == "truncated"


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Clash in Borno</title><meta property='article:published_time' content='2024-03-02'>"
        "<meta property='og:site_name' content='Sahel Wire'></head><body><nav>Home | World</nav><article><h1>Clash in Borno</h1>"
        "<p>Soldiers clashed with Boko Haram fighters near Bama on Friday, killing at least 12 insurgents, the army said in a statement.</p>"
        "<p>The military said two soldiers were wounded in the fighting which began late on Friday.</p></article></body></html>",
        encoding="utf-8",
    )
    [article] = list(iter_articles([path]))
    assert article["title"] == "Clash in Borno"
    assert article["publisher"] == "Sahel Wire"
    assert article["published"].isoformat() == "2024-03-02"
    assert article["text"].startswith("Soldiers clashed with Boko Haram")
    assert "Home | World" not in article["text"]


@pytest.mark.parametrize("value, expected", [("2019-05-11", "2019-05-11"), ("2019-05-11T08:00:00Z", "2019-05-11"), ("11 May 2019", "2019-05-11"), ("not a date", None), (None, None)])
def test_published_dates(value, expected):
    parsed = parse_published(value)
    assert (parsed.isoformat() if parsed else None) == expected


def test_two_workers_write_the_articles_and_rejects_one_worker_writes(tmp_path, monkeypatch):
    """Normalising is shared among processes; the tables do not depend on how many."""
    from pipeline import ingest
    from pipeline.config import SAMPLE_DIR

    monkeypatch.setattr(ingest, "CHUNK", 4)  # the 30 sample articles make several chunks
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\nnot json\n' + (SAMPLE_DIR / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    inputs = [SAMPLE_DIR / "articles.jsonl", bad]
    one = ingest.run_stage(inputs, tmp_path / "one", workers=1)
    two = ingest.run_stage(inputs, tmp_path / "two", workers=2)
    assert one == two and one["rejected"] == 2 and one["duplicates"] == 1
    for name in ("articles.parquet", "rejects.parquet"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.parametrize("charset, text", [
    ("windows-1251", "Военные заявили, что в пятницу в Донецке погибли трое мирных жителей."),
    ("shift_jis", "金曜日、警察は抗議者に催涙ガスを発射した。"),
    ("iso-8859-1", "Les manifestants ont défilé à Bamako vendredi, selon la police malienne."),
])
def test_html_is_decoded_by_the_charset_it_declares(tmp_path, charset, text):
    from pipeline.ingest.readers import decode_html

    page = f'<html><head><meta charset="{charset}"><title>t</title></head><body><p>{text}</p></body></html>'
    decoded, repairs = decode_html(page.encode(charset))
    assert text in decoded
    # A page labelled wrongly but written in UTF-8 is read as UTF-8.
    assert text in decode_html(page.encode("utf-8"))[0]
    # The HTTP header's charset counts too (WARC responses).
    bare = f"<html><body><p>{text}</p></body></html>".encode(charset)
    assert text in decode_html(bare, f"text/html; charset={charset}")[0]


def test_a_page_of_navigation_only_is_rejected_not_read_as_an_article(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>World News</title></head><body><div><p>Home</p><p>World</p><p>Politics</p>"
        "<p>Sport</p><p>Business</p><p>Subscribe to our newsletter</p><p>Cookie settings</p></div></body></html>",
        encoding="utf-8",
    )
    [item] = list(iter_articles([path]))
    assert isinstance(item, Reject) and item.reason == "no_main_text" and "navigation" in item.detail
