"""Geocode stage: find the places an article names and place its events.

Offline by default: ``Gazetteer`` is a local GeoNames-based file built on first use,
``Geoparser`` detects and resolves place mentions in context, and ``locate`` gives
an ACLED-style location for one sentence. Another backend (an online geocoder) can
be plugged in through the ``Geocoder`` protocol.
"""

from pipeline.geocode.gazetteer import (
    CountryInfo,
    Gazetteer,
    Place,
    build_gazetteer,
    default_path,
    fold,
)
from pipeline.geocode.geoparse import Geocoder, Geoparser, Location, PlaceMention

__all__ = [
    "CountryInfo",
    "Gazetteer",
    "Geocoder",
    "Geoparser",
    "Location",
    "Place",
    "PlaceMention",
    "build_gazetteer",
    "default_path",
    "fold",
]
