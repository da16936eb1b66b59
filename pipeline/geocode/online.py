"""Online geocoders (geopy services) in front of the offline gazetteer.

The offline ``Geoparser`` still decides *which* place an event sentence names and
in which country; an online service is asked only for better coordinates of that
place (a town, geo_precision 1 or 2). Every answer, "nothing found" included, is
kept in a sqlite cache so a place is asked once, across runs. Any failure of the
service (timeout, 429, 5xx, a malformed reply, a refused connection) is retried by
geopy's ``RateLimiter`` and then answered from the offline gazetteer; the label
returned with each location says which happened, so the stage can record it per row:

==========================================  ===========================================
label                                       meaning
==========================================  ===========================================
``nominatim``                               the service's point (fresh or cached)
``offline``                                 not asked: offline backend, or not precise
``offline (fallback: nominatim no match)``  the service knows no such place there
``offline (fallback: nominatim too far)``   its answer lies far from the offline place
``offline (fallback: nominatim timeout)``   ... ``rate limited``, ``http 500``,
                                            ``malformed reply``, ``unavailable``,
                                            ``error``, ``paused`` (after repeated
                                            failures the service rests a while)
==========================================  ===========================================

Wiring (what ``stage.run_stage`` and the CLI do)::

    from pipeline.geocode.online import make_locator

    # --geocoder nominatim --geocoder-domain HOST --user-agent UA; None values are ignored
    with make_locator("nominatim", user_agent="conflict-events/0.1 (me@example.org)",
                      domain=None) as locator:
        mentions = locator.parse(text)
        loc, label = locator.locate(text, mentions, sentence_start, sentence_end)
        row.update(location_fields(loc, geocoder=label))

``make_locator(None)`` or ``make_locator("offline")`` gives the plain gazetteer with
the label ``"offline"``.
"""

from __future__ import annotations

import inspect
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from geopy.adapters import URLLibAdapter
from geopy.distance import great_circle
from geopy.exc import (
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service

from pipeline.config import INTERIM_DIR
from pipeline.errors import GeocoderError
from pipeline.geocode.geoparse import Geoparser, Location, PlaceMention

log = logging.getLogger(__name__)

OFFLINE = "offline"

# geopy services that geocode place names worldwide. Left out: regional or
# address-only ones (banfrance, ignfrance, databc, geocodio, liveaddress, baidu),
# what3words (three-word addresses) and HERE v6 (retired; herev7 replaces it).
_SERVICE_NAMES = (
    "nominatim", "photon", "arcgis", "pelias", "geocodeearth", "opencage", "google",
    "bing", "mapbox", "maptiler", "tomtom", "azure", "herev7", "geonames",
    "openmapquest", "pickpoint", "geokeo", "geolake", "mapquest", "yandex", "woosmap",
)
SERVICES: dict[str, type[Any]] = {name: get_geocoder_for_service(name) for name in _SERVICE_NAMES}

# How each service takes a country restriction. A service missing here gets the
# country's name appended to the query instead ("Maiduguri, Nigeria").
_COUNTRY_ARGUMENT: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "nominatim": lambda iso2, iso3: {"country_codes": iso2.lower()},
    "openmapquest": lambda iso2, iso3: {"country_codes": iso2.lower()},
    "pickpoint": lambda iso2, iso3: {"country_codes": iso2.lower()},
    "geolake": lambda iso2, iso3: {"country_codes": iso2},
    "pelias": lambda iso2, iso3: {"countries": [iso2]},
    "geocodeearth": lambda iso2, iso3: {"countries": [iso2]},
    "herev7": lambda iso2, iso3: {"countries": [iso3]},
    "google": lambda iso2, iso3: {"components": {"country": iso2}},
    "woosmap": lambda iso2, iso3: {"components": {"country": [iso2]}},
    "opencage": lambda iso2, iso3: {"country": iso2.lower()},
    "mapbox": lambda iso2, iso3: {"country": iso2.lower()},
    "geonames": lambda iso2, iso3: {"country": iso2},
    "geokeo": lambda iso2, iso3: {"country": iso2.lower()},
}
# Nominatim's usage policy: at most one request per second, and a user agent that
# names the application. It is enforced for the public server only.
PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
NOMINATIM_MIN_DELAY = 1.0


def valid_names() -> list[str]:
    """Every name ``make_locator`` accepts, "offline" first."""
    return [OFFLINE, *SERVICES]


def service_class(name: str) -> type[Any]:
    """The geopy class of a service; an unknown name raises an error listing the valid ones."""
    cls = SERVICES.get(name.strip().lower())
    if cls is None:
        raise GeocoderError(
            f"unknown geocoder {name!r}; choose one of: {', '.join(valid_names())}")
    return cls


class Locator(Protocol):
    """What the geocode stage needs: mentions of a text, and a labelled event location."""

    def parse(self, text: str) -> list[PlaceMention]: ...

    def locate(self, text: str, mentions: Sequence[PlaceMention], start: int = 0,
               end: int | None = None) -> tuple[Location | None, str]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Answer:
    """What a service said about one query (stored in the cache as JSON)."""

    latitude: float
    longitude: float
    display_name: str
    fields: dict[str, str]  # the raw address parts: state, county, country_code ...

    def to_json(self) -> str:
        return json.dumps({"lat": self.latitude, "lon": self.longitude,
                           "display_name": self.display_name, "address": self.fields},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Answer:
        d = json.loads(text)
        return cls(float(d["lat"]), float(d["lon"]), d["display_name"], dict(d["address"]))


class AnswerCache:
    """Service answers by (service, query, country), in one sqlite file.

    A row with a NULL answer records "nothing found": that place is not asked again
    either. Failures are not stored, so a later run asks again.
    """

    def __init__(self, *, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
            with self._db:
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS answers ("
                    " service TEXT NOT NULL, query TEXT NOT NULL, country TEXT NOT NULL,"
                    " answer TEXT, asked_at TEXT NOT NULL,"
                    " PRIMARY KEY (service, query, country))")
        except (OSError, sqlite3.Error) as e:
            raise GeocoderError(f"cannot open the geocoder cache {path}: {e}") from e

    @staticmethod
    def key(query: str) -> str:
        # Case and spacing do not change what a geocoder finds.
        return " ".join(query.split()).casefold()

    def get(self, service: str, query: str, country: str) -> tuple[bool, Answer | None]:
        """(found in the cache, the answer or None for "nothing found")."""
        row = self._db.execute(
            "SELECT answer FROM answers WHERE service = ? AND query = ? AND country = ?",
            (service, self.key(query), country)).fetchone()
        if row is None:
            return False, None
        return True, (Answer.from_json(row[0]) if row[0] is not None else None)

    def put(self, service: str, query: str, country: str, answer: Answer | None) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                (service, self.key(query), country,
                 answer.to_json() if answer is not None else None,
                 datetime.now(timezone.utc).isoformat(timespec="seconds")))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        self._db.close()


class OfflineLocator:
    """The plain gazetteer behind the ``Locator`` interface; every label is "offline"."""

    def __init__(self, *, offline: Geoparser | None = None) -> None:
        self.offline = offline if offline is not None else Geoparser()

    def parse(self, text: str) -> list[PlaceMention]:
        return self.offline.parse(text)

    def locate(self, text: str, mentions: Sequence[PlaceMention], start: int = 0,
               end: int | None = None) -> tuple[Location | None, str]:
        return self.offline.locate(text, mentions, start, end), OFFLINE

    def close(self) -> None:
        pass

    def __enter__(self) -> OfflineLocator:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class OnlineGeocoder:
    """A geopy service that refines the offline gazetteer's points, cached and rate limited.

    ``min_delay_seconds`` spaces requests (Nominatim's public server: at least 1 s);
    a failed request is retried ``max_retries`` times, ``error_wait_seconds`` apart
    (default 5 s), then the offline location is used. After
    ``max_consecutive_failures`` failed places in a row the service is not asked for
    ``pause_seconds``, so a dead server cannot stall a batch for hours.
    ``service_options`` go to the geopy class as they are (``api_key``, ``proxies`` ...).
    """

    def __init__(
        self,
        *,
        service: str,
        user_agent: str,
        offline: Geoparser,
        domain: str | None = None,
        scheme: str = "https",
        min_delay_seconds: float = NOMINATIM_MIN_DELAY,
        max_retries: int = 2,
        error_wait_seconds: float | None = None,
        timeout: float = 10,
        cache_path: Path | None = None,
        max_distance_km: float = 50.0,
        max_consecutive_failures: int = 5,
        pause_seconds: float = 300.0,
        service_options: Mapping[str, Any] | None = None,
    ) -> None:
        cls = service_class(service)
        self.service = service.strip().lower()
        if not user_agent or not user_agent.strip():
            raise GeocoderError(
                f"{self.service} needs a user agent that names this application "
                "(--user-agent 'conflict-events/0.1 (you@example.org)')")
        if max_retries < 0:
            raise GeocoderError(f"max_retries must be 0 or more, not {max_retries}")
        error_wait = max(5.0, min_delay_seconds) if error_wait_seconds is None else error_wait_seconds
        if error_wait < min_delay_seconds:
            raise GeocoderError("error_wait_seconds must be at least min_delay_seconds")
        if (self.service == "nominatim" and (domain or PUBLIC_NOMINATIM) == PUBLIC_NOMINATIM
                and min_delay_seconds < NOMINATIM_MIN_DELAY):
            raise GeocoderError(
                "Nominatim's public server allows one request per second "
                f"(min_delay_seconds={min_delay_seconds}); use your own server for more")

        accepted = inspect.signature(cls).parameters
        # geopy picks the requests-based adapter when requests is installed, and that adapter
        # retries on its own; the standard library's adapter leaves all retrying to RateLimiter,
        # so behaviour does not depend on which packages happen to be installed.
        kwargs: dict[str, Any] = {"user_agent": user_agent.strip(), "timeout": timeout, "adapter_factory": URLLibAdapter}
        if "scheme" in accepted:
            kwargs["scheme"] = scheme
        if domain is not None:
            if "domain" not in accepted:
                raise GeocoderError(f"{self.service} does not take a domain")
            kwargs["domain"] = domain
        kwargs.update(service_options or {})
        try:
            self._geocoder = cls(**kwargs)
        except (GeopyError, TypeError) as e:
            raise GeocoderError(f"cannot set up {self.service}: {e}") from e
        self._geocode_args = _geocode_arguments(cls)
        self._limited = RateLimiter(
            _strict(self._geocoder.geocode), min_delay_seconds=min_delay_seconds,
            max_retries=max_retries, error_wait_seconds=error_wait, swallow_exceptions=False)
        self.offline = offline
        self.cache = AnswerCache(path=cache_path if cache_path is not None
                                 else INTERIM_DIR / "geocode_cache.sqlite")
        self.max_distance_km = max_distance_km
        self.max_consecutive_failures = max_consecutive_failures
        self.pause_seconds = pause_seconds
        self._failures = 0
        self._paused_until = 0.0
        self.requests = 0  # places sent to the service (each may take several HTTP tries)

    # -- the Locator interface ---------------------------------------------------

    def parse(self, text: str) -> list[PlaceMention]:
        return self.offline.parse(text)

    def locate(self, text: str, mentions: Sequence[PlaceMention], start: int = 0,
               end: int | None = None) -> tuple[Location | None, str]:
        """The event location of ``text[start:end]`` and the label of who placed it."""
        loc = self.offline.locate(text, mentions, start, end)
        if loc is None or loc.geo_precision > 2 or loc.mention_start is None:
            return loc, OFFLINE
        mention = next((m for m in mentions if m.start == loc.mention_start
                        and m.end == loc.mention_end), None)
        # Only towns: a unit is coded at its capital (as ACLED does), which the
        # gazetteer already gives, not at the centre a service would return.
        if (mention is None or mention.place is None or mention.place.feature != "city"
                or not mention.place.country_code):
            return loc, OFFLINE
        iso2 = mention.place.country_code
        try:
            answer = self.ask(mention.text, iso2)
        except GeopyError as e:
            reason = failure_reason(e)
            log.warning("%s failed for %r (%s): %s; using the offline gazetteer",
                        self.service, mention.text, reason, e)
            return loc, self._fallback(reason)
        except _Paused:
            return loc, self._fallback("paused")
        if answer is None:
            return loc, self._fallback("no match")
        km = great_circle((loc.latitude, loc.longitude), (answer.latitude, answer.longitude)).km
        if km > self.max_distance_km:
            # The service found a namesake: the gazetteer chose in the article's context.
            log.info("%s puts %r %.0f km from the offline point; keeping the offline one",
                     self.service, mention.text, km)
            return loc, self._fallback("too far")
        return _with_answer(loc, answer), self.service

    def ask(self, query: str, country_code: str) -> Answer | None:
        """The service's answer for a place name in a country (ISO2), from the cache if asked before.

        Raises geopy's errors after the retries; ``None`` means "nothing found".
        """
        found, cached = self.cache.get(self.service, query, country_code)
        if found:
            log.debug("cache hit: %s %r %s", self.service, query, country_code)
            return cached
        if time.monotonic() < self._paused_until:
            raise _Paused
        args = dict(self._geocode_args)
        text = query
        info = self.offline.gaz.country_info(country_code)
        make_country = _COUNTRY_ARGUMENT.get(self.service)
        if info is not None and make_country is not None:
            args.update(make_country(country_code, info.iso3))
        elif info is not None:
            text = f"{query}, {info.name}"
        self.requests += 1
        try:
            result = self._limited(text, exactly_one=True, **args)
        except GeopyError:
            self._failures += 1
            if self._failures >= self.max_consecutive_failures:
                log.warning("%s failed %d times in a row; not asked for %.0f s",
                            self.service, self._failures, self.pause_seconds)
                self._paused_until = time.monotonic() + self.pause_seconds
                self._failures = 0
            raise
        self._failures = 0
        answer = _answer(result)
        self.cache.put(self.service, query, country_code, answer)
        return answer

    def _fallback(self, reason: str) -> str:
        return f"{OFFLINE} (fallback: {self.service} {reason})"

    def close(self) -> None:
        self.cache.close()

    def __enter__(self) -> OnlineGeocoder:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def make_locator(name: str | None, *, offline: Geoparser | None = None,
                 **options: Any) -> OfflineLocator | OnlineGeocoder:
    """The locator for ``--geocoder NAME``: "offline" (or None) or one of ``SERVICES``.

    ``options`` are ``OnlineGeocoder``'s keywords (``user_agent``, ``domain``,
    ``min_delay_seconds``, ``cache_path`` ...); those that are None are left out, so
    unset CLI options can be passed through. An unknown name raises ``GeocoderError``
    listing the valid ones.
    """
    if name is None or name.strip().lower() == OFFLINE:
        return OfflineLocator(offline=offline)
    service_class(name)  # a wrong name fails before the gazetteer loads
    given = {k: v for k, v in options.items() if v is not None}
    given.setdefault("user_agent", "")
    return OnlineGeocoder(service=name, offline=offline if offline is not None else Geoparser(),
                          **given)


def failure_reason(error: GeopyError) -> str:
    """A short, stable name for a service failure, for the row's label."""
    if isinstance(error, GeocoderRateLimited):
        return "rate limited"
    # geopy raises its errors from the adapter's HTTP error, which has the status.
    status = getattr(error.__cause__, "status_code", None)
    if status is not None:
        return f"http {status}"
    if isinstance(error, GeocoderTimedOut):
        return "timeout"
    if isinstance(error, GeocoderParseError):
        return "malformed reply"
    if isinstance(error, GeocoderUnavailable) or any(
            isinstance(e, ConnectionError) or isinstance(getattr(e, "reason", None), ConnectionError)
            for e in _causes(error)):
        return "unavailable"
    return "error"


def _causes(error: BaseException) -> list[BaseException]:
    """The exceptions ``error`` was raised from or while handling (geopy wraps urllib's)."""
    out: list[BaseException] = []
    e = error.__cause__ or error.__context__
    while e is not None and len(out) < 10:
        out.append(e)
        e = e.__cause__ or e.__context__
    return out


class _Paused(Exception):
    """The service failed too often lately and is not asked now."""


def _strict(geocode: Callable[..., Any]) -> Callable[..., Any]:
    """``geocode`` with a reply of the wrong shape raised as GeocoderParseError.

    geopy parses valid JSON of an unexpected shape (``{}``, a list of strings) with
    plain KeyError or TypeError; as a GeopyError it is retried and falls back like
    any other bad reply.
    """

    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            result = geocode(*args, **kwargs)
            if result is not None:
                float(result.latitude), float(result.longitude)
            return result
        except GeopyError:
            raise
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as e:
            raise GeocoderParseError(f"unexpected reply: {e!r}") from e

    return call


def _geocode_arguments(cls: type[Any]) -> dict[str, Any]:
    params = inspect.signature(cls.geocode).parameters
    args: dict[str, Any] = {}
    if "addressdetails" in params:
        args["addressdetails"] = True
    if "language" in params:
        args["language"] = "en"  # ACLED writes English names
    return args


def _answer(result: Any) -> Answer | None:
    if result is None:
        return None
    raw = result.raw if isinstance(result.raw, Mapping) else {}
    parts = raw.get("address")
    if not isinstance(parts, Mapping):
        parts = raw.get("properties")  # Photon and Pelias answer in GeoJSON
    fields = {str(k): str(v) for k, v in (parts or {}).items()
              if isinstance(v, str | int | float)}
    return Answer(float(result.latitude), float(result.longitude), str(result.address or ""),
                  fields)


def _with_answer(loc: Location, answer: Answer) -> Location:
    """The offline location at the service's point.

    Names stay the gazetteer's (ACLED's spellings, the same for every row whichever
    backend answered); the service's admin names fill only what the gazetteer lacks.
    """
    f = answer.fields
    return replace(
        loc,
        latitude=round(answer.latitude, 6),
        longitude=round(answer.longitude, 6),
        admin1=loc.admin1 or f.get("state") or None,
        admin2=loc.admin2 or f.get("county") or f.get("state_district") or None,
    )
