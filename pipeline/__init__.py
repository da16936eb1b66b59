"""conflict-events: news articles in, an ACLED-like conflict-event dataset out.

The stages, in order, each a subpackage:
ingest -> extract -> geocode -> assemble -> export.
"""

__version__ = "0.1.0"
