"""Stage 4, assemble: located mentions -> events in ACLED's columns.

Mentions of one event in one article are merged (the article's total deaths
are the largest figure it gives); reports of one event by several articles
are merged by ACLED's unit (same day, same place, same type, compatible
actors), keeping every source and the most conservative death toll.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.extract import interaction
from pipeline.extract.actors import ActorDictionary, load_dictionary
from pipeline.geocode.gazetteer import CountryInfo, country_table
from pipeline.geocode.geoparse import haversine_km
from pipeline.io import read_table, write_table

# Two reports are the same event only if their places are this close (km), by geo_precision.
MERGE_DISTANCE_KM = {1: 10.0, 2: 25.0, 3: 100.0}


def load_countries() -> dict[int, CountryInfo]:
    """Country facts (ACLED name, ISO3 prefix, region) by numeric ISO code."""
    return {c.isonumeric: c for c in country_table().values()}


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def render_actors(row: dict[str, Any], actors: ActorDictionary, countries: dict[int, CountryInfo]) -> dict[str, Any]:
    country = countries.get(int(row["iso"])) if _present(row.get("iso")) else None
    iso2 = country.iso2 if country else None
    name = row.get("country") or (country.name if country else None)
    out = dict(row)
    for actor, inter in (("actor1", "inter1"), ("actor2", "inter2")):
        if actors.is_foreign(row.get(actor), iso2):
            out[inter] = 8
        group_inter = actors.group_inter(row.get(actor) or "", iso2)
        if group_inter is not None:
            out[inter] = group_inter
    if _present(out.get("inter1")):
        out["interaction"] = interaction(int(out["inter1"]), int(out.get("inter2") or 0))
    for column in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "claimed_by"):
        value = row.get(column)
        if value:
            out[column] = "; ".join(actors.render(v, iso2, name, row.get("event_date")) or "" for v in value.split("; "))
    return out


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    if not (_present(a.get("latitude")) and _present(b.get("latitude"))):
        return 0.0 if a.get("admin1") == b.get("admin1") else math.inf
    return haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])


def _generic(name: str | None) -> bool:
    return not name or name.startswith(("Unidentified", "Civilians", "Protesters", "Rioters"))


def _same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["event_type"] != b["event_type"] or a.get("event_date") != b.get("event_date"):
        return False
    if (a.get("country") or None) != (b.get("country") or None):
        return False
    precision = max(a.get("geo_precision") or 3, b.get("geo_precision") or 3)
    if _km(a, b) > MERGE_DISTANCE_KM.get(int(precision), 100.0):
        return False
    return a.get("actor1") == b.get("actor1") or _generic(a.get("actor1")) or _generic(b.get("actor1"))


def _merge(rows: list[dict[str, Any]], across_articles: bool) -> dict[str, Any]:
    """One event from mentions (of one article) or from events (of several articles)."""
    best = max(rows, key=lambda r: (r["confidence"], -(r.get("geo_precision") or 4)))
    event = dict(best)
    located = [r for r in rows if _present(r.get("latitude"))]
    if located:
        place = min(located, key=lambda r: (r.get("geo_precision") or 4, -r["confidence"]))
        for column in ("iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "geonameid", "geocoder"):
            event[column] = place.get(column)
    with_actors = max(rows, key=lambda r: (bool(r.get("actor2")) + bool(r.get("actor1")) - _generic(r.get("actor1")) * 0.5, r["confidence"]))
    for column in ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction"):
        event[column] = with_actors.get(column)
    if not across_articles:
        _join_sides(event, rows)
    # Only rows that give a figure count: silence on deaths is not a report of zero.
    reported = [r for r in rows if _present(r.get("fatalities_high"))]
    deaths = [int(r["fatalities"]) for r in reported]
    # Within one report the total is the largest figure (later sentences restate parts of it);
    # across reports ACLED keeps the most conservative.
    event["fatalities"] = (min(deaths) if across_articles else max(deaths)) if deaths else 0
    event["fatalities_low"] = min(int(r["fatalities_low"]) for r in reported) if reported else None
    event["fatalities_high"] = max(int(r["fatalities_high"]) for r in reported) if reported else None
    injuries = [int(r["injuries"]) for r in rows if _present(r.get("injuries"))]
    event["injuries"] = (min(injuries) if across_articles else max(injuries)) if injuries else None
    event["responsibility_claimed"] = any(bool(r.get("responsibility_claimed")) for r in rows)
    for column in ("claimed_by", "claim_channel", "claim_source", "source"):
        values = [v for r in rows for v in (r.get(column) or "").split("; ") if v]
        event[column] = "; ".join(dict.fromkeys(values)) or None
    event["mention_ids"] = sorted({m for r in rows for m in r["mention_ids"]})
    event["article_ids"] = sorted({a for r in rows for a in r["article_ids"]})
    event["confidence"] = max(r["confidence"] for r in rows)
    dated = [r for r in rows if r.get("event_date") is not None]
    if dated:
        first = min(dated, key=lambda r: (r["time_precision"] or 3, -r["confidence"]))
        for column in ("event_date", "year", "time_precision", "date_note"):
            event[column] = first.get(column)
    event["timestamp"] = max(r.get("timestamp") or 0 for r in rows)
    return event


def _share_claims(events: list[dict[str, Any]]) -> None:
    """A claim in one sentence covers the article's other events that the claimant took part in.

    ("IS claimed it inflicted casualties on soldiers" and "a militant was killed in an
    encounter" are one clash and one claim.)
    """
    claims = [(e["claimed_by"], e.get("claim_channel")) for e in events if e.get("responsibility_claimed") and e.get("claimed_by")]
    for event in events:
        if event.get("responsibility_claimed"):
            continue
        parties = {event.get("actor1"), event.get("actor2"), *(event.get("assoc_actor_1") or "").split("; "), *(event.get("assoc_actor_2") or "").split("; ")}
        for claimed_by, channel in claims:
            if set(claimed_by.split("; ")) & parties:
                event.update(responsibility_claimed=True, claimed_by=claimed_by, claim_channel=channel)
                break


def _same_story(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Within one article: the same kind of event on the same day is one event,
    unless both sentences place it precisely in towns far apart."""
    if a["event_type"] != b["event_type"] or a.get("event_date") != b.get("event_date"):
        return False
    if (a.get("geo_precision") or 3) < 3 and (b.get("geo_precision") or 3) < 3:
        return _km(a, b) <= MERGE_DISTANCE_KM[2]
    return True


# An event of one report weaker than this is more likely a retelling of the report's
# main event ("a resident said he buried eight bodies") than an event of its own.
WEAK_EVENT = 0.6


def _absorb_weak(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold a report's weak events into its strongest event of the same day."""
    if len(events) < 2:
        return events
    strongest = max(events, key=lambda e: e["confidence"])
    kept = []
    for event in events:
        if (event is not strongest and event["confidence"] < WEAK_EVENT and event.get("event_date") == strongest.get("event_date")
                # arrests are events of their own; a weak sentence with its own death toll may be one too
                and event["sub_event_type"] != "Arrests" and not _present(event.get("fatalities_high"))):
            strongest["mention_ids"] = sorted({*strongest["mention_ids"], *event["mention_ids"]})
            if _present(event.get("fatalities_high")):
                strongest["fatalities"] = max(strongest["fatalities"], event["fatalities"])
                strongest["fatalities_high"] = max(strongest.get("fatalities_high") or 0, event["fatalities_high"])
                strongest["fatalities_low"] = min(v for v in (strongest.get("fatalities_low"), event.get("fatalities_low")) if _present(v))
            continue
        kept.append(event)
    return kept


def _rank(name: str) -> int:
    """Which of several actors on one side leads: a named group, the military, the police, then generic ones."""
    if name.startswith("Military Forces"):
        return 1
    if name.startswith("Police Forces"):
        return 2
    return 3 if _generic(name) else 0


def _join_sides(event: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Sentences of one report name different parts of a side ("police", "the army"):
    the leading one is the actor, the others its associated actors."""
    for actor, assoc in (("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2")):
        lead = event.get(actor)
        if not lead:
            continue
        side_inter = event.get("inter1" if actor == "actor1" else "inter2")
        names = [n for r in rows if r.get("inter1" if actor == "actor1" else "inter2") == side_inter
                 for n in [r.get(actor), *(r.get(assoc) or "").split("; ")] if n]
        names = list(dict.fromkeys([lead, *(event.get(assoc) or "").split("; "), *names]))
        names = [n for n in names if n and not (_generic(n) and any(not _generic(m) for m in names))]
        names.sort(key=_rank)
        if names:
            event[actor] = names[0]
            event[assoc] = "; ".join(names[1:]) or None


def _cluster(rows: list[dict[str, Any]], same: Any = _same_event) -> list[list[dict[str, Any]]]:
    """Group rows that ``same`` says are one event, in the order of their first rows.

    Both tests require the same type and day, so only rows sharing them are compared:
    the work grows with the events of a day, not with the square of the corpus.
    """
    buckets: dict[tuple[Any, Any], list[tuple[int, list[dict[str, Any]]]]] = {}
    for index, row in enumerate(rows):
        clusters = buckets.setdefault((row["event_type"], row.get("event_date")), [])
        for _, cluster in clusters:
            if same(cluster[0], row):
                cluster.append(row)
                break
        else:
            clusters.append((index, [row]))
    return [cluster for _, cluster in sorted((c for b in buckets.values() for c in b), key=lambda c: c[0])]


def event_id(event: dict[str, Any], countries: dict[int, CountryInfo], taken: set[str]) -> str:
    """ISO3 prefix and a number from the event's first mention: the same input gives the same id."""
    country = countries.get(int(event["iso"])) if _present(event.get("iso")) else None
    prefix = country.iso3 if country else "XXX"
    digest = int(hashlib.sha1(event["mention_ids"][0].encode()).hexdigest()[:12], 16)
    number = digest % 10_000_000
    while f"{prefix}{number}" in taken:
        number = (number + 1) % 10_000_000
    taken.add(f"{prefix}{number}")
    return f"{prefix}{number}"


def notes_for(event: dict[str, Any]) -> str:
    """A short ACLED-style summary made from the coded fields and the evidence."""
    date = event.get("event_date")
    when = f"On {date.day} {date:%B %Y}" if isinstance(date, dt.date) else "On an unknown date"
    where = event.get("location") or event.get("country") or "an unknown location"
    area = ", ".join(v for v in (event.get("admin2"), event.get("admin1")) if v and v != where)
    where = f"{where} ({area})" if area else where
    who = event.get("actor1") or "an unidentified actor"
    against = f" against {event['actor2']}" if event.get("actor2") else ""
    text = f"{when}, {who}{against}: {event['sub_event_type'].lower()} in {where}."
    if event.get("fatalities"):
        text += f" {event['fatalities']} reported killed."
    if event.get("injuries"):
        text += f" {event['injuries']} reported injured."
    if event.get("responsibility_claimed") and event.get("claimed_by"):
        text += f" Claimed by {event['claimed_by']}" + (f" via {event['claim_channel']}." if event.get("claim_channel") else ".")
    evidence = " ".join(str(event.get("evidence") or "").split())
    if evidence:
        text += f" Report: \"{evidence[:300]}\""
    return text


def assemble(mentions: pd.DataFrame, articles: pd.DataFrame, actors: ActorDictionary | None = None,
             countries: dict[int, CountryInfo] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events and the event-to-article links, from located mentions."""
    actors = actors or load_dictionary()
    countries = countries if countries is not None else load_countries()
    meta = articles.set_index("article_id")[["publisher", "published"]].to_dict("index") if len(articles) else {}
    news = mentions[~mentions["is_background"].astype(bool)] if len(mentions) else mentions
    per_article: list[dict[str, Any]] = []
    by_article: dict[str, list[dict[str, Any]]] = {}
    for mention in news.to_dict("records") if len(news) else []:  # one conversion, not one per article
        by_article.setdefault(mention["article_id"], []).append(mention)
    for article_id in sorted(by_article):
        info = meta.get(article_id, {})
        rows = []
        for row in by_article[article_id]:
            row = render_actors(row, actors, countries)
            row["mention_ids"] = [row["mention_id"]]
            row["article_ids"] = [article_id]
            row["source"] = info.get("publisher")
            row["timestamp"] = 0  # the time of the row's last change is set on export (export/changes.py)
            rows.append(row)
        rows.sort(key=lambda r: r["sentence_index"])
        events = _absorb_weak([_merge(c, across_articles=False) for c in _cluster(rows, _same_story)])
        _share_claims(events)
        per_article.extend(events)
    per_article.sort(key=lambda e: (e.get("event_date") or dt.date.min, e["mention_ids"][0]))
    events = [_merge(c, across_articles=True) for c in _cluster(per_article)]
    taken: set[str] = set()
    links = []
    mention_rows = mentions.set_index("mention_id")[["article_id", "sentence_start", "sentence_end"]].to_dict("index") if len(mentions) else {}
    for event in events:
        event["event_id_cnty"] = event_id(event, countries, taken)
        event["notes"] = notes_for(event)
        event["source_scale"] = None
        event["tags"] = None
        if _present(event.get("iso")):
            event["iso"] = int(event["iso"])
        for mention_id in event["mention_ids"]:
            m = mention_rows[mention_id]
            links.append({"event_id_cnty": event["event_id_cnty"], "article_id": m["article_id"], "mention_id": mention_id,
                          "sentence_start": int(m["sentence_start"]), "sentence_end": int(m["sentence_end"]),
                          "publisher": meta.get(m["article_id"], {}).get("publisher")})
    from pipeline import schema

    columns = schema.load("events").columns
    frame = pd.DataFrame(events, columns=columns) if events else schema.empty("events")
    return frame, (pd.DataFrame(links) if links else schema.empty("event_articles"))


def run_stage(interim_dir: Path) -> dict[str, int]:
    """interim/located.parquet + articles.parquet -> interim/events.parquet, interim/event_articles.parquet."""
    mentions = read_table(interim_dir / "located.parquet")
    articles = read_table(interim_dir / "articles.parquet", columns=["article_id", "publisher", "published"])
    events, links = assemble(mentions, articles)
    write_table(events, interim_dir / "events.parquet", "events")
    write_table(links, interim_dir / "event_articles.parquet", "event_articles")
    return {"events": len(events), "links": len(links)}
