"""The shortcuts that skip rule regexes never change what is extracted."""

import json
import re
from pathlib import Path

import pytest

from pipeline.extract import event_types, extract_article
from pipeline.extract.actors import load_dictionary
from pipeline.extract.prefilter import Gated, StemIndex, alternatives, stems
from pipeline.ingest import iter_articles

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT.parent / "shared" / "data" / "dev" / "acled_2022_notes.csv"


@pytest.mark.parametrize(
    "word, expected",
    [
        (r"\bmob\b", {"mob"}),
        (r"shell(?:ed|ing)?\b", {"shell"}),
        (r"(?:hurled|threw) (?:\w+ ){0,2}stones", {"hurled ", "threw "}),
        (r"(?:angry )?(?:crowd|mob)", {"angry crowd", "angry mob", "crowd", "mob"}),
        (r"(?:angry )?(?:crowd|mob)s?", {"angry crowd", "angry mob", "crowd", "mob"}),
        (r"(?<!was )attack(?:ed|s)", {"attacked", "attacks"}),
        (r"riots?\b(?! police)", {"riot"}),
        (r"[a-z]+ killed", {""}),
        (r"(?:x|y)??z", {""}),
    ],
)
def test_stems_are_the_literal_starts_of_every_match(word, expected):
    assert stems(word) == expected


def test_a_stem_inside_a_word_is_no_candidate():
    index = StemIndex()
    march = index.add(alternatives(r"march(?:ed|es)?\b"))
    riot = index.add(alternatives(r"riot"))
    index.freeze()
    assert index.candidates("Protesters marched on Monday.") == {march}
    assert index.candidates("Patriots won in March.") == {march}
    assert index.candidates("The patriot's story") == set()
    assert index.candidates("A riot broke out.") == {riot}


def test_a_gated_pattern_runs_only_where_a_start_of_its_matches_is():
    fighting = Gated(re.compile(r"(?<!previous )\b(?:clash(?:ed|es)?|gun ?battles?)\b", re.I))
    assert fighting.starts == ("clash", "gun")  # "gun ?battle": the stem stops before the optional space
    assert fighting.search("Troops CLASHED with rebels").group(0) == "CLASHED"
    assert not fighting.could_match("Troops fought rebels")
    assert fighting.sub("-", "no fight here") == "no fight here"
    # an alternative with no literal start of three characters: always run
    assert Gated(re.compile(r"\b(?:by|[a-z]+ed) force", re.I)).starts is None


def _capture_groups(pattern: str) -> list[str]:
    groups, i = [], 0
    while (i := pattern.find("(", i)) >= 0:
        if pattern[i + 1] != "?" and pattern[i - 1] != "\\":
            depth = 0
            for j in range(i, len(pattern)):
                depth += {"(": 1, ")": -1}.get(pattern[j], 0)
                if depth == 0:
                    groups.append(pattern[i + 1 : j])
                    break
        i += 1
    return groups


def test_arrest_verbs_cover_the_arrest_patterns():
    """Every verb the two arrest patterns capture starts with a registered arrest verb."""
    verbs = [alt for rx in (event_types._ARRESTED_FOR, event_types._STATE_ARRESTED) for group in _capture_groups(rx.pattern) for alt in alternatives(group)]
    assert len(verbs) >= 14
    for verb in verbs:
        assert any(s.startswith(event_types.ARREST_VERBS) for s in stems(verb)), verb


def _articles() -> list[dict]:
    articles = [a for path in ("data/raw/sample/articles.jsonl", "data/raw/holdout/articles.jsonl")
                for a in iter_articles([ROOT / path]) if isinstance(a, dict)]
    if NOTES.exists():
        import csv

        with NOTES.open(encoding="utf-8") as f:
            for i, row in zip(range(1500), csv.DictReader(f)):
                articles.append({"article_id": f"note-{i}", "text": row["notes"], "published": None})
    return articles


def test_the_gate_and_the_stem_index_change_no_mention(monkeypatch):
    actors = load_dictionary()
    articles = _articles()
    fast = json.dumps([extract_article(a, actors) for a in articles], default=str)
    every_pattern = set(range(event_types._INDEX._size))
    monkeypatch.setattr(event_types._INDEX, "candidates", lambda text: set(every_pattern))
    monkeypatch.setattr("pipeline.extract.could_report", lambda sentence: True)
    monkeypatch.setattr(Gated, "could_match", lambda self, text: True)
    assert json.dumps([extract_article(a, actors) for a in articles], default=str) == fast
