"""``source_scale``: how far from the event its source reports, in ACLED's words.

ACLED codes the scale of each source relative to the event: a national outlet reporting
on its own country is ``National``, on another country ``International``; a local
outlet is ``Subnational``; wire services and world broadcasters are ``International``;
outlets of a region writing about its other countries are ``Regional``; social media is
``New media``; NGOs, UN agencies and monitors are ``Other``. An event with several
sources joins their distinct scales with ``-`` in ACLED's order ("National-International").

Outlets are listed in ``data/reference/publishers.csv`` (name, aliases and web domains,
home country, scope). An outlet not listed is judged by the country code of its web
address (``.ng``, ``.co.uk``) when the article has one; otherwise its scale stays empty.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

# ACLED's order inside a joined scale.
ORDER = ("Local partner", "Other", "New media", "Subnational", "National", "Regional", "International")
_SCOPES = {"international", "regional", "national", "subnational", "new media", "other"}
# Country-code top-level domains that are not the country's ISO code, and generic ones
# used as if they were ("tv", "fm" and "io" are not about Tuvalu, Micronesia or Chagos).
_TLD_COUNTRY = {"uk": "GB"}
_NOT_A_COUNTRY = {"tv", "fm", "io", "me", "co", "ai", "ly", "cc", "ws", "la", "to", "am", "gg"}


@dataclass(frozen=True)
class Outlet:
    name: str
    country: str | None  # ISO 3166-1 alpha-2 of its home, None for world outlets
    scope: str


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9.&/]+", " ", text.lower()).strip()


@cache
def load_outlets(path: Path | None = None) -> dict[str, Outlet]:
    """Outlets by folded name, alias and domain."""
    if path is None:
        from pipeline.config import REFERENCE_DIR

        path = Path(REFERENCE_DIR) / "publishers.csv"
    outlets: dict[str, Outlet] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            scope = row["scope"].strip().lower()
            if scope not in _SCOPES:
                raise ValueError(f"{path}: {row['publisher']!r} has scope {row['scope']!r}; expected one of {sorted(_SCOPES)}")
            outlet = Outlet(row["publisher"].strip(), row["country"].strip().upper() or None, scope)
            for name in [row["publisher"], *row["aliases"].split("|")]:
                if name.strip():
                    outlets.setdefault(_key(name), outlet)
    return outlets


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None


def _outlet(publisher: str | None, url: str | None) -> Outlet | None:
    outlets = load_outlets()
    if publisher and _key(publisher) in outlets:
        return outlets[_key(publisher)]
    domain = _domain(url)
    while domain:  # edition.cnn.com -> cnn.com
        if domain in outlets:
            return outlets[domain]
        domain = domain.partition(".")[2] if "." in domain.partition(".")[2] else None
    return None


def _tld_country(url: str | None) -> str | None:
    domain = _domain(url)
    if not domain or "." not in domain:
        return None
    tld = domain.rsplit(".", 1)[1]
    if len(tld) != 2 or tld in _NOT_A_COUNTRY:
        return None
    return _TLD_COUNTRY.get(tld, tld.upper())


def scale(publisher: str | None, url: str | None, event_country: str | None) -> str | None:
    """The scale of one source for an event in ``event_country`` (ISO2), or None when the
    source is unknown."""
    outlet = _outlet(publisher, url)
    if outlet is None:
        home = _tld_country(url)
        if home is None or event_country is None:
            return None
        return "National" if home == event_country else "International"
    if outlet.scope == "new media":
        return "New media"
    if outlet.scope == "other":
        return "Other"
    if outlet.scope == "international" or outlet.country is None:
        return "National" if outlet.country and outlet.country == event_country else "International"
    if event_country is None:
        return None
    if outlet.country == event_country:
        return "Subnational" if outlet.scope == "subnational" else "National"
    return "Regional" if outlet.scope == "regional" else "International"


def combine(scales: list[str | None]) -> str | None:
    """Distinct scales of an event's sources, joined in ACLED's order."""
    present = {s for s in scales if s}
    return "-".join(s for s in ORDER if s in present) or None
