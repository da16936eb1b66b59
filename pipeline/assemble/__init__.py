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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from pipeline.assemble import sources, tags
from pipeline.assemble.notes import notes_for
from pipeline.errors import PipelineError
from pipeline.extract import interaction
from pipeline.extract.actors import ActorDictionary, load_dictionary
from pipeline.geocode.gazetteer import CountryInfo, country_table
from pipeline.geocode.geoparse import haversine_km
from pipeline.io import TableWriter, read_batches

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
            out[column] = "; ".join(_local_militia(actors.render(v, iso2, name, row.get("event_date")) or "", row.get("admin1")) for v in value.split("; "))
    return out


def _local_militia(name: str, admin1: str | None) -> str:
    """ACLED names a communal militia after the place it comes from when the report gives no
    clan or ethnic name: "Zamfara Communal Militia (Nigeria)", not "Unidentified ..."."""
    if admin1 and name.startswith("Unidentified Communal Militia ("):
        return f"{admin1} {name.removeprefix('Unidentified ')}"
    return name


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    if not (_present(a.get("latitude")) and _present(b.get("latitude"))):
        return 0.0 if a.get("admin1") == b.get("admin1") else math.inf
    return haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])


def _generic(name: str | None) -> bool:
    return not name or name.startswith(("Unidentified", "Civilians", "Protesters", "Rioters"))


def _same_kind(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same event type; for strategic developments the same sub-event type too, since an
    arrest, a looting and an agreement are different events, not one told differently."""
    if a["event_type"] != b["event_type"]:
        return False
    return a["event_type"] != "Strategic developments" or a.get("sub_event_type") == b.get("sub_event_type")


def _same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if not _same_kind(a, b) or a.get("event_date") != b.get("event_date"):
        return False
    if (a.get("country") or None) != (b.get("country") or None):
        return False
    precision = max(a.get("geo_precision") or 3, b.get("geo_precision") or 3)
    if min(a.get("geo_precision") or 3, b.get("geo_precision") or 3) >= 3 and not _same_sides(a, b):
        # two reports placed only in a province: many events share a province and a day, so
        # the sides must agree, not merely fit ("Civilians" and "Police" do not make one event)
        return False
    if precision == 1 and a.get("location") != b.get("location"):
        return False  # an event has one place: reports from two towns are two events, however close
    if _km(a, b) > MERGE_DISTANCE_KM.get(int(precision), 100.0):
        return False
    return _compatible(a.get("actor1"), b.get("actor1")) and _compatible(a.get("actor2"), b.get("actor2")) \
        and _compatible_groups(a.get("assoc_actor_1"), b.get("assoc_actor_1"))


def _same_sides(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all((a.get(k) or None) == (b.get(k) or None) for k in ("actor1", "actor2"))


def _compatible(a: str | None, b: str | None) -> bool:
    """Two reports' names for one side can be the same actor: equal, one of them missing, or
    one an unidentified group. Civilians, protesters and rioters are not some armed group
    under another name: civilians hit in one report and a militia's positions in another are
    two events."""
    if a == b or not a or not b:
        return True
    return (a.startswith("Unidentified") and not b.startswith(_CROWDS)) or (b.startswith("Unidentified") and not a.startswith(_CROWDS))


_CROWDS = ("Civilians", "Protesters", "Rioters")


def _compatible_groups(a: str | None, b: str | None) -> bool:
    """Associated actors ("Teachers (Albania)", "Students (Albania)"): two protests of different
    groups in one town on one day are two events, as ACLED codes them."""
    return not a or not b or bool(set(a.split("; ")) & set(b.split("; ")))


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
    event["source_scale"] = sources.combine([s for r in rows for s in (r.get("source_scale") or "").split("-")])
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
    if not _same_kind(a, b) or a.get("event_date") != b.get("event_date"):
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
            # (it gives no death toll of its own, so the strongest event's stands)
            strongest["mention_ids"] = sorted({*strongest["mention_ids"], *event["mention_ids"]})
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


def event_id(event: dict[str, Any], countries: dict[int, CountryInfo], taken: set[str], previous: str | None = None,
             reserved: set[str] | frozenset[str] = frozenset()) -> str:
    """The id the event was published under (``previous``) when it is still in the same
    country; else ISO3 prefix and a number from the event's first mention, so that the
    same input gives the same id. ``reserved`` ids are kept for other events."""
    country = countries.get(int(event["iso"])) if _present(event.get("iso")) else None
    prefix = country.iso3 if country else "XXX"
    if previous and previous not in taken and previous.startswith(prefix) and previous[len(prefix):].isdigit():
        taken.add(previous)
        return previous
    digest = int(hashlib.sha1(event["mention_ids"][0].encode()).hexdigest()[:12], 16)
    number = digest % 10_000_000
    while f"{prefix}{number}" in taken or f"{prefix}{number}" in reserved:
        number = (number + 1) % 10_000_000
    taken.add(f"{prefix}{number}")
    return f"{prefix}{number}"


def _published_ids(clusters: list[list[int]], mentions: list[list[str]], published: dict[str, str]) -> dict[int, str]:
    """For each cluster whose reports were already published as an event, that event's id
    (the one of its earliest mention that no earlier cluster took): a new report of a
    published event updates it instead of deleting it and making a new one."""
    kept: dict[int, str] = {}
    claimed: set[str] = set()
    for n, cluster in enumerate(clusters):
        for mention_id in sorted({m for i in cluster for m in mentions[i]}):
            old = published.get(mention_id)
            if old and old not in claimed:
                kept[n] = old
                claimed.add(old)
                break
    return kept


def published_ids(path: Path | None) -> dict[str, str]:
    """Mention id -> event id of an earlier export's ``event_articles.parquet`` (empty when none)."""
    if path is None or not Path(path).exists():
        return {}
    table = pq.read_table(path, columns=["mention_id", "event_id_cnty"])
    return dict(zip(table.column("mention_id").to_pylist(), table.column("event_id_cnty").to_pylist()))


# Located mentions read at a time; memory holds a batch of mentions, not the corpus's.
BATCH_ROWS = 20_000
# What cross-report merging compares (``_same_event``); only these stay in memory as dicts.
_MATCH_KEYS = ("event_type", "sub_event_type", "event_date", "country", "geo_precision", "location", "latitude", "longitude", "admin1",
               "actor1", "actor2", "assoc_actor_1")


def _article_mentions(located: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(article id, its mentions) from located.parquet, which keeps each article's rows
    together (extract writes them article by article)."""
    current: str | None = None
    rows: list[dict[str, Any]] = []
    finished: set[str] = set()
    for frame in read_batches(located, BATCH_ROWS):
        for row in frame.to_dict("records"):
            if row["article_id"] != current:
                if current is not None:
                    yield current, rows
                    finished.add(current)
                if row["article_id"] in finished:
                    raise PipelineError(f"{located}: the mentions of article {row['article_id']!r} are not together; run extract again")
                current, rows = row["article_id"], []
            rows.append(row)
    if current is not None:
        yield current, rows


def _report_events(article_id: str, mentions: list[dict[str, Any]], publisher: str | None, actors: ActorDictionary,
                   countries: dict[int, CountryInfo], url: str | None = None) -> list[dict[str, Any]]:
    """The events one article reports: its mentions of one event merged (background ones left out)."""
    rows = []
    for row in mentions:
        if row.get("is_background"):
            continue
        row = render_actors(row, actors, countries)
        row["mention_ids"] = [row["mention_id"]]
        row["article_ids"] = [article_id]
        row["source"] = publisher
        row["timestamp"] = 0  # the time of the row's last change is set on export (export/changes.py)
        rows.append(row)
    rows.sort(key=lambda r: r["sentence_index"])
    events = _absorb_weak([_merge(c, across_articles=False) for c in _cluster(rows, _same_story)])
    _share_claims(events)
    for event in events:
        country = countries.get(int(event["iso"])) if _present(event.get("iso")) else None
        event["source_scale"] = sources.scale(publisher, url, country.iso2 if country else None)
    return events


def assemble(located: Path, publishers: dict[str, tuple[str | None, str | None]], actors: ActorDictionary | None = None,
             countries: dict[int, CountryInfo] | None = None, chunk: int = BATCH_ROWS,
             progress: bool | None = False, published: dict[str, str] | None = None) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Events and their event-to-article links, from located mentions (``located.parquet``),
    in chunks of at most ``chunk`` events.

    Articles are read batch by batch; each article's events are kept as a tuple of the
    event columns (a fraction of a dict's memory), and reports of one event are then
    merged across articles comparing only ``_MATCH_KEYS``. ``published`` (mention id ->
    event id of the last export) keeps the ids of events already published.
    """
    from pipeline import schema

    actors = actors or load_dictionary()
    countries = countries if countries is not None else load_countries()
    columns = schema.load("events").columns
    link_columns = schema.load("event_articles").columns
    reports: list[tuple[Any, ...] | None] = []  # one per article's event, in ``columns`` order
    offsets: dict[str, tuple[str, int, int]] = {}  # mention id -> article id, sentence start, end
    from pipeline.progress import wrap

    for article_id, mentions in wrap(_article_mentions(located), show=progress, desc="assemble", unit="article", total=len(publishers)):
        for m in mentions:
            if not m.get("is_background"):
                offsets[m["mention_id"]] = (article_id, int(m["sentence_start"]), int(m["sentence_end"]))
        publisher, url = publishers.get(article_id, (None, None))
        for event in _report_events(article_id, mentions, publisher, actors, countries, url):
            reports.append(tuple(event.get(c) for c in columns))
    date_at, mentions_at = columns.index("event_date"), columns.index("mention_ids")
    reports.sort(key=lambda r: (r[date_at] or dt.date.min, r[mentions_at][0]))  # type: ignore[index]
    at = [columns.index(k) for k in _MATCH_KEYS]
    keys = [{**{k: r[i] for k, i in zip(_MATCH_KEYS, at)}, "_index": n} for n, r in enumerate(reports)]  # type: ignore[index]
    clusters = [[key["_index"] for key in cluster] for cluster in _cluster(keys)]
    del keys
    kept = _published_ids(clusters, [r[mentions_at] for r in reports], published or {})  # type: ignore[index]
    reserved = set(kept.values())
    taken: set[str] = set()
    events: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    for n, cluster in enumerate(clusters):
        event = _merge([dict(zip(columns, reports[i])) for i in cluster], across_articles=True)  # type: ignore[arg-type]
        for i in cluster:
            reports[i] = None  # merged: its memory can go
        event["event_id_cnty"] = event_id(event, countries, taken, kept.get(n), reserved)
        event["tags"] = tags.tags_for(event["event_type"], event.get("evidence"))
        event["notes"] = notes_for(event)
        if _present(event.get("iso")):
            event["iso"] = int(event["iso"])
        events.append(tuple(event.get(c) for c in columns))
        for mention_id in event["mention_ids"]:
            article_id, start, end = offsets[mention_id]
            links.append((event["event_id_cnty"], article_id, mention_id, start, end, publishers.get(article_id, (None, None))[0]))
        if len(events) >= chunk or n == len(clusters) - 1:
            yield pd.DataFrame.from_records(events, columns=columns), pd.DataFrame.from_records(links, columns=link_columns)
            events, links = [], []


def run_stage(interim_dir: Path, progress: bool | None = False, published: Path | None = None) -> dict[str, int]:
    """interim/located.parquet + articles.parquet -> interim/events.parquet, interim/event_articles.parquet.

    ``published``: the ``event_articles.parquet`` of the last export, whose event ids are kept.
    """
    articles = pq.read_table(interim_dir / "articles.parquet", columns=["article_id", "publisher", "url"])
    publishers = dict(zip(articles.column("article_id").to_pylist(),
                          zip(articles.column("publisher").to_pylist(), articles.column("url").to_pylist())))
    del articles
    with TableWriter(interim_dir / "events.parquet", "events") as events_out, \
            TableWriter(interim_dir / "event_articles.parquet", "event_articles") as links_out:
        for events, links in assemble(interim_dir / "located.parquet", publishers, progress=progress, published=published_ids(published)):
            events_out.write(events)
            links_out.write(links)
        return {"events": events_out.rows, "links": links_out.rows}
