"""Stage 3, geocode: event mentions -> mentions with their place, plus every place mention.

Each article's text is geoparsed once; each event mention then takes the place
tied to its sentence (``Geoparser.locate``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.io import TableWriter, read_batches, read_table

log = logging.getLogger(__name__)


def place_rows(article_id: str, mentions: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for m in mentions:
        p = m.place
        rows.append({
            "article_id": article_id, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind,
            "name": p.name if p else None, "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
            "country": p.country if p else None, "admin1": p.admin1 if p else None,
            "geonameid": p.geonameid if p else None, "feature": p.feature if p else None,
        })
    return rows


def location_fields(loc: Any, geocoder: str = "offline") -> dict[str, Any]:
    if loc is None:
        return {"geocoder": None}
    return {
        "iso": loc.iso, "region": loc.region, "country": loc.country, "admin1": loc.admin1, "admin2": loc.admin2,
        "admin3": loc.admin3, "location": loc.location, "latitude": loc.latitude, "longitude": loc.longitude,
        "geo_precision": loc.geo_precision, "geonameid": loc.geonameid, "location_start": loc.mention_start,
        "location_end": loc.mention_end, "geocoder": geocoder,
    }


def run_stage(interim_dir: Path, geoparser: Any = None, batch_size: int = 500) -> dict[str, int]:
    """interim/mentions.parquet + articles.parquet -> interim/located.parquet, interim/places.parquet."""
    from pipeline.geocode import Geoparser

    geoparser = geoparser or Geoparser()
    mentions = read_table(interim_dir / "mentions.parquet")
    by_article = {k: g for k, g in mentions.groupby("article_id", sort=False)} if len(mentions) else {}
    counts = {"places": 0, "located": 0, "unlocated": 0}
    with TableWriter(interim_dir / "located.parquet", "mentions") as located, TableWriter(interim_dir / "places.parquet", "places") as places:
        for frame in read_batches(interim_dir / "articles.parquet", batch_size):
            place_batch: list[dict[str, Any]] = []
            located_batch: list[dict[str, Any]] = []
            for article in frame[["article_id", "text"]].itertuples(index=False):
                found = geoparser.parse(article.text)
                place_batch.extend(place_rows(article.article_id, found))
                group = by_article.get(article.article_id)
                if group is None:
                    continue
                for row in group.to_dict("records"):
                    loc = geoparser.locate(article.text, found, row["sentence_start"], row["sentence_end"])
                    row.update(location_fields(loc))
                    counts["located" if loc else "unlocated"] += 1
                    located_batch.append(row)
            counts["places"] += len(place_batch)
            places.write(pd.DataFrame(place_batch))
            located.write(pd.DataFrame(located_batch))
    return counts
