"""Stage 3, geocode: event mentions -> mentions with their place, plus every place mention.

Each article's text is geoparsed once; each event mention then takes the place
tied to its sentence (``Geoparser.locate``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.io import TableWriter, read_batches

log = logging.getLogger(__name__)



def locate_mention(geoparser: Any, text: str, found: list[Any], start: int, end: int) -> tuple[Any, str]:
    """The place of the mention in ``text[start:end]`` and the geocoder that gave it
    (an online locator says which; the offline gazetteer is "offline")."""
    result = geoparser.locate(text, found, start, end)
    return result if isinstance(result, tuple) else (result, "offline")

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
    """interim/mentions.parquet + articles.parquet -> interim/located.parquet, interim/places.parquet.

    Streams both tables batch by batch: extract writes the mentions in the order of the
    articles, so each batch of articles takes the mentions that follow in that file.
    """
    from pipeline.errors import PipelineError
    from pipeline.geocode import Geoparser

    geoparser = geoparser or Geoparser()
    mentions = _mention_groups(interim_dir / "mentions.parquet", batch_size)
    pending = next(mentions, None)
    counts = {"places": 0, "located": 0, "unlocated": 0}
    with TableWriter(interim_dir / "located.parquet", "mentions") as located, TableWriter(interim_dir / "places.parquet", "places") as places:
        for frame in read_batches(interim_dir / "articles.parquet", batch_size):
            place_batch: list[dict[str, Any]] = []
            located_batch: list[dict[str, Any]] = []
            for article in frame[["article_id", "text"]].itertuples(index=False):
                found = geoparser.parse(article.text)
                place_batch.extend(place_rows(article.article_id, found))
                if pending is None or pending[0] != article.article_id:
                    continue
                for row in pending[1]:
                    loc, label = locate_mention(geoparser, article.text, found, row["sentence_start"], row["sentence_end"])
                    row.update(location_fields(loc, geocoder=label))
                    counts["located" if loc else "unlocated"] += 1
                    located_batch.append(row)
                pending = next(mentions, None)
            counts["places"] += len(place_batch)
            places.write(pd.DataFrame(place_batch))
            located.write(pd.DataFrame(located_batch))
        if pending is not None:
            raise PipelineError(
                f"{interim_dir / 'mentions.parquet'} is not in the order of articles.parquet, or names an article it lacks "
                f"({pending[0]!r}); run the extract stage again")
    return counts


def _mention_groups(path: Path, batch_size: int) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The rows of mentions.parquet, streamed, grouped by consecutive article_id."""
    current: str | None = None
    rows: list[dict[str, Any]] = []
    for frame in read_batches(path, batch_size):
        for row in frame.to_dict("records"):
            if row["article_id"] != current and rows:
                yield current, rows  # type: ignore[misc]
                rows = []
            current = row["article_id"]
            rows.append(row)
    if rows:
        yield current, rows  # type: ignore[misc]
