"""Score the geoparser against gold toponyms (GeoWebNews, TR-News) and ACLED notes.

Both corpora are ``<articles><article>`` with the article ``<text>`` and
``<toponyms><toponym>`` holding character offsets and gold coordinates:

- GeoWebNews: ``<start>``, ``<end>``, ``<latitude>``, ``<longitude>`` (empty for
  non-locational and other uncoded names);
- TR-News: ``<start>``, ``<end>``, ``<gaztag><lat>``, ``<lon>``.

Only toponyms with coordinates are gold. Measures:

- ``detected``: share of gold toponyms overlapped by a predicted mention (any kind);
- ``precision``: share of predicted mentions, demonyms excluded, overlapping a gold toponym;
- ``accuracy_161km``: share of all gold toponyms whose overlapping prediction lies
  within 161 km (100 miles) of the gold point; ``accuracy_161km_detected`` the same
  over detected ones only;
- ``median_error_km``: median distance over detected toponyms that were resolved.

``evaluate_locations`` scores ``locate`` on ACLED-style rows (a CSV with ``notes``,
``country``, ``admin1``, ``latitude``, ``longitude``): each note is parsed and located
as one text, and the location is compared with the row's.
"""

from __future__ import annotations

import logging
import re
import statistics
import time
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.geocode.geoparse import Geoparser, PlaceMention, haversine_km

log = logging.getLogger(__name__)

ACCURACY_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_gold(path: Path | str) -> list[GoldArticle]:
    """Articles and their coded toponyms from a GeoWebNews or TR-News XML file."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from exc
    articles = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            if gaz is not None:
                lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
                name = t.findtext("phrase") or ""
            else:
                lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
                name = t.findtext("extractedName") or ""
            start, end = _float(t.findtext("start")), _float(t.findtext("end"))
            if lat is None or lon is None or start is None or end is None:
                continue
            gold.append(GoldToponym(int(start), int(end), name, lat, lon))
        art_id = art.get("docid") or art.get("file") or str(n)
        articles.append(GoldArticle(art_id, text, tuple(gold)))
    return articles


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _best_overlap(g: GoldToponym, mentions: list[PlaceMention]) -> PlaceMention | None:
    best, size = None, 0
    for m in mentions:
        o = _overlap(g.start, g.end, m.start, m.end)
        if o > size:
            best, size = m, o
    return best


def evaluate_geoparse(path: Path | str, geoparser: Geoparser, rows: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Detection, precision and distance accuracy of ``geoparser`` on a gold XML file.
    With ``rows``, one row is added per gold toponym (found or missed) and per predicted
    mention that overlaps no gold toponym."""
    articles = read_gold(path)
    n_gold = detected = within = resolved_detected = 0
    n_pred = pred_hits = 0
    errors: list[float] = []
    t0 = time.perf_counter()
    for art in articles:
        mentions = geoparser.parse(art.text)
        n_gold += len(art.toponyms)
        for g in art.toponyms:
            m = _best_overlap(g, mentions)
            km = None
            if m is not None:
                detected += 1
                if m.place is not None:
                    resolved_detected += 1
                    km = haversine_km(g.latitude, g.longitude, m.place.latitude, m.place.longitude)
                    errors.append(km)
                    within += km <= ACCURACY_KM
            if rows is not None:
                rows.append({"article": art.id, "start": g.start, "end": g.end, "gold": g.name,
                             "gold_latitude": g.latitude, "gold_longitude": g.longitude, **_predicted(m),
                             "km": None if km is None else round(km, 1),
                             "outcome": "missed" if m is None else "unresolved" if km is None
                             else "right" if km <= ACCURACY_KM else "wrong place"})
        for m in mentions:
            if m.kind == "demonym":
                continue
            n_pred += 1
            hit = any(_overlap(g.start, g.end, m.start, m.end) for g in art.toponyms)
            pred_hits += hit
            if rows is not None and not hit:
                rows.append({"article": art.id, "start": m.start, "end": m.end, "gold": None, "gold_latitude": None,
                             "gold_longitude": None, **_predicted(m), "km": None, "outcome": "not a gold toponym"})
    seconds = time.perf_counter() - t0
    return {
        "file": str(path),
        "articles": len(articles),
        "gold_toponyms": n_gold,
        "predicted_mentions": n_pred,
        "detected": _ratio(detected, n_gold),
        "precision": _ratio(pred_hits, n_pred),
        "accuracy_161km": _ratio(within, n_gold),
        "accuracy_161km_detected": _ratio(within, detected),
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "resolved_detected": resolved_detected,
        "seconds": round(seconds, 2),
    }


def _predicted(m: PlaceMention | None) -> dict[str, Any]:
    place = m.place if m is not None else None
    return {"text": m.text if m is not None else None, "name": place.name if place else None,
            "country": place.country if place else None, "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


LOCATION_KM = 25.0


def _name_key(name: Any) -> str:
    """Case, accents and punctuation folded: "Provence-Alpes-Côte d'Azur" == "provencealpes..."."""
    if not isinstance(name, str):
        return ""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "", s.lower())


def evaluate_locations(path: Path | str, geoparser: Geoparser) -> dict[str, Any]:
    """How often ``locate`` on a note agrees with its ACLED row (admin1, country, 25 km)."""
    import pandas as pd

    try:
        rows = pd.read_csv(path, usecols=["notes", "country", "admin1", "latitude", "longitude"])
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from exc
    admin1 = country = near = located = 0
    errors: list[float] = []
    t0 = time.perf_counter()
    for row in rows.itertuples(index=False):
        text = str(row.notes)
        loc = geoparser.locate(text, geoparser.parse(text), 0, len(text))
        if loc is None:
            continue
        located += 1
        admin1 += _name_key(loc.admin1) == _name_key(row.admin1)
        country += _name_key(loc.country) == _name_key(row.country)
        km = haversine_km(float(row.latitude), float(row.longitude), loc.latitude, loc.longitude)
        errors.append(km)
        near += km <= LOCATION_KM
    n = len(rows)
    return {
        "file": str(path),
        "rows": n,
        "located": _ratio(located, n),
        "admin1_exact": _ratio(admin1, n),
        "country_exact": _ratio(country, n),
        "within_25km": _ratio(near, n),
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "seconds": round(time.perf_counter() - t0, 2),
    }


def format_report(result: dict[str, Any]) -> str:
    """The evaluation as aligned text lines, for the terminal."""
    lines = []
    for key, value in result.items():
        if isinstance(value, float) and key not in ("median_error_km", "seconds"):
            value = f"{value:.1%}"
        lines.append(f"{key:<26}{value}")
    return "\n".join(lines)
