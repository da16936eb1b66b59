"""Field-by-field accuracy of coded events against a gold table in ACLED's layout.

Each gold row's ``event_id_cnty`` is the id of an article (whose text is the
row's ``notes`` when the gold file is also the input). For each article the
predicted event with the highest confidence is compared with the gold row.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.geocode.geoparse import haversine_km as km
from pipeline.io import read_table

EXACT_FIELDS = ["event_type", "sub_event_type", "inter1", "inter2", "actor1", "actor2", "country", "admin1"]


def fold(value: Any) -> str:
    """Case, accents and punctuation folded, so 'Jammu & Kashmir' == 'jammu kashmir'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\band\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _int(value: Any) -> int | None:
    try:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            return None
        return int(float(value))
    except (TypeError, ValueError):
        return None


def best_per_article(events: pd.DataFrame) -> pd.DataFrame:
    """The highest-confidence event of each article (ties: the earliest mention)."""
    if events.empty:
        return events.assign(article_id=pd.Series(dtype=str))
    exploded = events.explode("article_ids").rename(columns={"article_ids": "article_id"})
    exploded["_first"] = exploded["mention_ids"].map(lambda ids: min(ids))
    exploded = exploded.sort_values(["article_id", "confidence", "_first"], ascending=[True, False, True])
    return exploded.drop_duplicates("article_id").set_index("article_id")


def compare(gold: pd.DataFrame, events: pd.DataFrame) -> tuple[dict[str, Any], pd.DataFrame]:
    """Scores over all gold rows, and the row-by-row comparison behind them."""
    best = best_per_article(events)
    rows = []
    for g in gold.to_dict("records"):
        article = str(g["event_id_cnty"])
        p = best.loc[article].to_dict() if article in best.index else None
        row: dict[str, Any] = {"article_id": article, "detected": p is not None}
        for f in EXACT_FIELDS:
            gv, pv = g.get(f), (p or {}).get(f)
            if f in ("inter1", "inter2"):
                row[f] = p is not None and _int(gv) == _int(pv)
            else:
                row[f] = p is not None and fold(gv) == fold(pv)
        gd = str(g.get("event_date"))[:10]
        pd_ = str((p or {}).get("event_date"))[:10] if p else None
        row["event_date"] = p is not None and gd == pd_
        gf, pf = _int(g.get("fatalities")), _int((p or {}).get("fatalities"))
        row["fatalities"] = p is not None and gf == pf
        row["fatalities_abs_error"] = abs((gf or 0) - (pf or 0))
        distance = math.inf
        if p is not None and _int(p.get("geonameid")) is not None or (p and p.get("latitude") is not None and not pd.isna(p.get("latitude"))):
            try:
                distance = km(float(g["latitude"]), float(g["longitude"]), float(p["latitude"]), float(p["longitude"]))
            except (TypeError, ValueError, KeyError):
                distance = math.inf
        row["km"] = distance
        row["within_25km"] = distance <= 25
        row["within_100km"] = distance <= 100
        rows.append(row)
    table = pd.DataFrame(rows)
    n = len(table)
    scores: dict[str, Any] = {"gold_rows": n}
    for column in ["detected", *EXACT_FIELDS, "event_date", "fatalities", "within_25km", "within_100km"]:
        scores[column] = round(float(table[column].mean()), 4) if n else 0.0
    scores["fatalities_mae"] = round(float(table["fatalities_abs_error"].mean()), 3) if n else 0.0
    return scores, table


def compare_expected(expected: pd.DataFrame, events: pd.DataFrame) -> tuple[dict[str, Any], pd.DataFrame]:
    """Scores against a table of expected events, one row per (event, article_id).

    Each expected event is matched to its article's predicted event of the same type
    (else the article's most confident event). ``spurious`` counts predicted events
    that match no expected event of their article.
    """
    rows = []
    matched: set[str] = set()
    by_article = events.explode("article_ids") if len(events) else events.assign(article_ids=None)
    for gold in expected.to_dict("records"):
        mine = by_article[by_article["article_ids"] == gold["article_id"]]
        same_type = mine[mine["event_type"] == gold["event_type"]]
        pick = (same_type if len(same_type) else mine).sort_values("confidence", ascending=False)
        p = pick.iloc[0].to_dict() if len(pick) else None
        if p is not None:
            matched.add(p["event_id_cnty"])
        row: dict[str, Any] = {"event_key": gold["event_key"], "article_id": gold["article_id"], "detected": p is not None}
        for field in ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location"):
            row[field] = p is not None and fold(gold.get(field)) == fold(p.get(field))
        for field in ("inter1", "inter2", "fatalities"):
            row[field] = p is not None and (_int(gold.get(field)) or 0) == (_int(p.get(field)) or 0)
        row["event_date"] = p is not None and str(gold.get("event_date"))[:10] == str(p.get("event_date"))[:10]
        rows.append(row)
    table = pd.DataFrame(rows)
    scores: dict[str, Any] = {"expected_events": int(expected["event_key"].nunique()), "predicted_events": int(len(events))}
    for column in table.columns[2:]:
        scores[column] = round(float(table[column].mean()), 4) if len(table) else 0.0
    articles = set(expected["article_id"])
    coded = events[events["article_ids"].map(lambda ids: bool(articles & set(ids)))] if len(events) else events
    scores["spurious_events"] = int(len(set(coded["event_id_cnty"]) - matched)) if len(coded) else 0
    return scores, table


def evaluate(gold_path: Path, pred_dir: Path) -> tuple[dict[str, Any], pd.DataFrame]:
    """ACLED-layout gold (event_id_cnty = article id) or an expected-events table (article_id column)."""
    gold = pd.read_csv(gold_path, dtype={"event_id_cnty": str, "article_id": str}, keep_default_na=False, na_values=[""])
    events = read_table(pred_dir / "events.parquet")
    if "article_id" in gold.columns:
        return compare_expected(gold, events)
    return compare(gold, events)


def evaluate_labels(labels_path: Path, pred_dir: Path) -> tuple[dict[str, Any], pd.DataFrame]:
    """Document labels (IndiaPoliceEvents): KILL -> an event with deaths and police (or the army)
    among its actors, associated actors included; ARREST -> an Arrests event. The table has one
    row per labelled article: its labels, what was coded, and the misses and false alarms."""
    labels = pd.read_csv(labels_path, dtype={"id": str})
    events = read_table(pred_dir / "events.parquet").explode("article_ids")
    police = pd.Series(False, index=events.index)
    for column in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
        police |= events[column].fillna("").str.contains("Police|Military")
    killed = set(events.loc[(events["fatalities"] >= 1) & police, "article_ids"])
    arrests = set(events.loc[events["sub_event_type"] == "Arrests", "article_ids"])
    kill_ids = set(labels.loc[labels["KILL"] == 1, "id"])
    arrest_ids = set(labels.loc[labels["ARREST"] == 1, "id"])
    none_ids = set(labels.loc[(labels[["KILL", "ARREST", "ANY_ACTION", "FAIL", "FORCE"]] == 0).all(axis=1), "id"])
    scores = {
        "kill_articles": len(kill_ids),
        "kill_recall": round(len(kill_ids & killed) / max(1, len(kill_ids)), 4),
        "arrest_articles": len(arrest_ids),
        "arrest_recall": round(len(arrest_ids & arrests) / max(1, len(arrest_ids)), 4),
        "no_action_articles": len(none_ids),
        "kill_false_alarm_rate": round(len(none_ids & killed) / max(1, len(none_ids)), 4),
        "arrest_false_alarm_rate": round(len(none_ids & arrests) / max(1, len(none_ids)), 4),
    }
    table = labels[["id", "KILL", "ARREST"]].copy()
    table["coded_kill"] = table["id"].isin(killed)
    table["coded_arrest"] = table["id"].isin(arrests)
    table["no_action"] = table["id"].isin(none_ids)
    coded = events.groupby("article_ids")["sub_event_type"].agg(lambda s: "; ".join(sorted(set(s.dropna()))))
    table["coded_sub_event_types"] = table["id"].map(coded).fillna("")
    return scores, table


# PLOVER's gold sentences (openeventdata/PLOVER): news sentences, each coded with one PLOVER
# category. Three categories are the material violence and protest ACLED codes; the verbal
# ones (statements, demands, threats, talks) are what earlier coders wrongly turned into events.
PLOVER_MATERIAL = {
    "PROTEST": {"Protests", "Riots"},
    "ASSAULT": {"Violence against civilians", "Explosions/Remote violence"},
    "FIGHT": {"Battles", "Explosions/Remote violence"},
}
PLOVER_VERBAL = {"AGREE", "AID", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE", "INVESTIGATE",
                 "REJECT", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"}


def plover_articles(path: Path) -> list[dict[str, Any]]:
    """PLOVER gold records as input articles (one sentence each; the documentation record is skipped)."""
    import json

    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return [{"id": r["id"], "text": r["text"], "published": r.get("date"), "plover": r["event"]}
            for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def evaluate_plover(gold_path: Path, pred_dir: Path) -> tuple[dict[str, Any], pd.DataFrame]:
    """Per PLOVER category: the share of sentences given an event, and for the material ones the
    share whose best event is of the matching ACLED type. A verbal sentence can still tell of a
    real event ("Lebanon complained over two Israeli air raids in which 20 were killed"), so the
    verbal rate has a floor above zero; most of it is events made of words."""
    table = pd.DataFrame(plover_articles(gold_path))[["id", "plover"]]
    best = best_per_article(read_table(pred_dir / "events.parquet"))
    table["event_type"] = table["id"].map(best["event_type"]) if len(best) else None
    table["sub_event_type"] = table["id"].map(best["sub_event_type"]) if len(best) else None
    table["coded"] = table["event_type"].notna()
    scores: dict[str, Any] = {"sentences": len(table)}
    for category, types in PLOVER_MATERIAL.items():
        rows = table[table["plover"] == category]
        scores[f"{category.lower()}_sentences"] = len(rows)
        scores[f"{category.lower()}_detected"] = round(float(rows["coded"].mean()), 4) if len(rows) else 0.0
        scores[f"{category.lower()}_type"] = round(float(rows["event_type"].isin(types).mean()), 4) if len(rows) else 0.0
    verbal = table[table["plover"].isin(PLOVER_VERBAL)]
    scores["verbal_sentences"] = len(verbal)
    scores["verbal_coded_rate"] = round(float(verbal["coded"].mean()), 4) if len(verbal) else 0.0
    return scores, table


def format_scores(scores: dict[str, Any]) -> str:
    lines = []
    for key, value in scores.items():
        if isinstance(value, float) and key not in ("fatalities_mae",) and value <= 1:
            lines.append(f"  {key:<24} {value * 100:6.1f}%")
        else:
            lines.append(f"  {key:<24} {value}")
    return "\n".join(lines)
