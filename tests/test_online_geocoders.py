"""Online geocoders against a local server that answers like Nominatim; never the internet."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from pipeline.errors import GeocoderError
from pipeline.geocode import Geoparser
from pipeline.geocode.online import (
    SERVICES,
    OfflineLocator,
    OnlineGeocoder,
    make_locator,
    valid_names,
)

TEXT = "Gunmen attacked a village near Maiduguri, Borno state, on Friday."
BAMA = "Soldiers clashed with militants in Bama on Monday."
KANO = "Protesters gathered in Kano on Monday."
USER_AGENT = "conflict-events-tests/0.1 (tests@example.org)"
# What the server knows: Nominatim's /search fields, strings as Nominatim sends them.
PLACES = {
    "maiduguri": {"lat": "11.8333", "lon": "13.1500",
                  "display_name": "Maiduguri, Borno, Nigeria",
                  "address": {"city": "Maiduguri", "state": "Borno", "country": "Nigeria",
                              "country_code": "ng"}},
    "kano": {"lat": "12.0022", "lon": "8.5920", "display_name": "Kano, Kano, Nigeria",
             "address": {"city": "Kano", "state": "Kano", "country": "Nigeria",
                         "country_code": "ng"}},
    # A namesake 300 km from the Bama the gazetteer (and the article) means.
    "bama": {"lat": "9.0000", "lon": "11.0000", "display_name": "Bama, Nigeria",
             "address": {"village": "Bama", "country": "Nigeria", "country_code": "ng"}},
}
CLIENT_TIMEOUT = 0.3


@dataclass
class Request:
    at: float
    path: str
    params: dict[str, str]
    user_agent: str


@dataclass
class Script:
    """How the server answers: the queued modes first, then ``default``."""

    default: str = "ok"
    queue: list[str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def next_mode(self) -> str:
        return self.queue.pop(0) if self.queue else self.default


class NominatimHandler(BaseHTTPRequestHandler):
    server: NominatimServer

    def do_GET(self) -> None:
        url = urlparse(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        script = self.server.script
        script.requests.append(Request(time.monotonic(), url.path, params,
                                       self.headers.get("User-Agent", "")))
        mode = script.next_mode()
        if url.path != "/search":
            self._send(404, b"not found")
        elif mode == "ok":
            hit = PLACES.get(params.get("q", "").casefold())
            body = [dict(hit, place_id=1, osm_type="node", type="city")] if hit else []
            self._send(200, json.dumps(body).encode())
        elif mode in ("429", "500", "503"):
            self._send(int(mode), b"{}", {"Retry-After": "0"})
        elif mode == "timeout":
            script.release.wait(CLIENT_TIMEOUT * 5)
            self._send(200, b"[]")
        elif mode == "malformed":
            self._send(200, b'[{"lat": "11.83", "lon": ')
        elif mode == "wrong shape":
            self._send(200, b'{"unexpected": true}')

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (timeout test)

    def log_message(self, format: str, *args: object) -> None:
        pass


class NominatimServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), NominatimHandler)
        self.script = Script()

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def geoparser() -> Geoparser:
    return Geoparser()


@pytest.fixture
def server():
    srv = NominatimServer()
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.script.release.set()
    srv.shutdown()
    srv.server_close()
    thread.join(5)


@pytest.fixture
def make(server, geoparser, tmp_path):
    made: list[OnlineGeocoder] = []

    def make(**options) -> OnlineGeocoder:
        kwargs = dict(service="nominatim", user_agent=USER_AGENT, offline=geoparser,
                      domain=server.domain, scheme="http", min_delay_seconds=0.05,
                      error_wait_seconds=0.05, max_retries=2, timeout=CLIENT_TIMEOUT,
                      cache_path=tmp_path / "cache.sqlite",
                      service_options={"proxies": {}})  # never a proxy, never the internet
        kwargs.update(options)
        gc = OnlineGeocoder(**kwargs)
        made.append(gc)
        return gc

    yield make
    for gc in made:
        gc.close()


def offline_location(geoparser: Geoparser, text: str):
    return geoparser.locate(text, geoparser.parse(text))


def locate(gc, text: str):
    return gc.locate(text, gc.parse(text), 0, len(text))


def test_hit_returns_the_service_point(make, server, geoparser):
    offline = offline_location(geoparser, TEXT)
    loc, label = locate(make(), TEXT)
    assert label == "nominatim"
    assert loc == replace(offline, latitude=11.8333, longitude=13.15)
    assert (loc.location, loc.admin1, loc.country, loc.iso, loc.geo_precision) == (
        "Maiduguri", "Borno", "Nigeria", 566, 2)
    [request] = server.script.requests
    assert request.path == "/search"
    assert request.user_agent == USER_AGENT
    assert (request.params["q"], request.params["countrycodes"], request.params["format"],
            request.params["addressdetails"], request.params["accept-language"]) == (
        "Maiduguri", "ng", "json", "1", "en")


def test_the_same_place_is_asked_once_also_across_instances(make, server, tmp_path):
    first = make()
    assert locate(first, TEXT)[1] == "nominatim"
    assert locate(first, TEXT)[1] == "nominatim"
    first.close()
    second = make()
    loc, label = locate(second, TEXT)
    assert (label, loc.latitude, loc.longitude) == ("nominatim", 11.8333, 13.15)
    assert len(server.script.requests) == 1
    assert (first.requests, second.requests, len(second.cache)) == (1, 0, 1)


def test_nothing_found_is_cached_too(make, server, geoparser):
    text = "Gunmen attacked Konduga, Borno state, on Friday."
    gc = make()
    offline = offline_location(geoparser, text)
    assert offline is not None and offline.location == "Konduga"
    assert locate(gc, text) == (offline, "offline (fallback: nominatim no match)")
    assert locate(gc, text) == (offline, "offline (fallback: nominatim no match)")
    assert len(server.script.requests) == 1


def test_a_namesake_far_away_is_not_taken(make, server, geoparser):
    offline = offline_location(geoparser, BAMA)
    assert locate(make(), BAMA) == (offline, "offline (fallback: nominatim too far)")


def test_the_rate_limiter_spaces_requests(make, server):
    gc = make(min_delay_seconds=0.2, error_wait_seconds=0.2)
    labels = [locate(gc, text)[1] for text in (TEXT, KANO, BAMA)]
    assert labels == ["nominatim", "nominatim", "offline (fallback: nominatim too far)"]
    times = [r.at for r in server.script.requests]
    assert [r.params["q"] for r in server.script.requests] == ["Maiduguri", "Kano", "Bama"]
    # Arrival times carry the loopback's jitter (well under a millisecond).
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.2 - 0.01


def test_429_then_success_retries_and_succeeds(make, server):
    server.script.queue = ["429"]
    loc, label = locate(make(error_wait_seconds=0.1), TEXT)
    assert (label, loc.latitude, loc.longitude) == ("nominatim", 11.8333, 13.15)
    first, second = server.script.requests
    assert second.at - first.at >= 0.1 - 0.01


@pytest.mark.parametrize(("mode", "reason"), [
    ("429", "rate limited"),
    ("500", "http 500"),
    ("503", "http 503"),
    ("timeout", "timeout"),
    ("malformed", "malformed reply"),
    ("wrong shape", "malformed reply"),
])
def test_persistent_failures_fall_back_to_the_gazetteer(make, server, geoparser, mode, reason):
    server.script.default = mode
    gc = make()
    loc, label = locate(gc, TEXT)
    assert loc == offline_location(geoparser, TEXT)
    assert label == f"offline (fallback: nominatim {reason})"
    assert len(server.script.requests) == 3  # the first try and max_retries=2
    assert len(gc.cache) == 0  # a failure is asked again next time


def test_a_refused_connection_falls_back(make, geoparser):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    loc, label = locate(make(domain=f"127.0.0.1:{port}", max_retries=0), TEXT)
    assert (loc, label) == (offline_location(geoparser, TEXT),
                            "offline (fallback: nominatim unavailable)")


def test_repeated_failures_pause_the_service(make, server):
    server.script.default = "500"
    gc = make(max_retries=0, max_consecutive_failures=2, pause_seconds=60)
    labels = [locate(gc, text)[1] for text in (TEXT, KANO, BAMA)]
    assert labels == ["offline (fallback: nominatim http 500)",
                      "offline (fallback: nominatim http 500)",
                      "offline (fallback: nominatim paused)"]
    assert len(server.script.requests) == 2


def test_an_imprecise_location_is_not_asked(make, server, geoparser):
    text = "Violence continued across Borno state."
    offline = offline_location(geoparser, text)
    assert offline is not None and offline.geo_precision == 3
    assert locate(make(), text) == (offline, "offline")
    assert server.script.requests == []


def test_make_locator(geoparser, server, tmp_path):
    plain = make_locator(None, offline=geoparser, domain=None, user_agent=None)
    assert isinstance(plain, OfflineLocator)
    assert locate(plain, TEXT) == (offline_location(geoparser, TEXT), "offline")
    with make_locator("Nominatim", offline=geoparser, domain=server.domain, scheme="http",
                      user_agent=USER_AGENT, min_delay_seconds=0.05, error_wait_seconds=0.05,
                      cache_path=tmp_path / "c.sqlite",
                      service_options={"proxies": {}}) as online:
        assert isinstance(online, OnlineGeocoder)
        assert locate(online, TEXT)[1] == "nominatim"
    with pytest.raises(GeocoderError, match="nominatim needs a user agent"):
        make_locator("nominatim", offline=geoparser, user_agent=None,
                     cache_path=tmp_path / "c.sqlite")


def test_an_unknown_service_lists_the_valid_ones(geoparser, tmp_path):
    expected = "unknown geocoder 'nominatium'; choose one of: " + ", ".join(valid_names())
    with pytest.raises(GeocoderError) as raised:
        make_locator("nominatium", offline=geoparser, user_agent=USER_AGENT)
    assert str(raised.value) == expected
    with pytest.raises(GeocoderError) as raised:
        OnlineGeocoder(service="nominatium", user_agent=USER_AGENT, offline=geoparser,
                       cache_path=tmp_path / "c.sqlite")
    assert str(raised.value) == expected
    assert valid_names()[:4] == ["offline", "nominatim", "photon", "arcgis"]
    assert SERVICES["nominatim"].__name__ == "Nominatim"


def test_the_public_nominatim_server_keeps_its_usage_policy(geoparser, tmp_path):
    with pytest.raises(GeocoderError, match="one request per second"):
        OnlineGeocoder(service="nominatim", user_agent=USER_AGENT, offline=geoparser,
                       min_delay_seconds=0.5, cache_path=tmp_path / "c.sqlite")
