"""``tags``: ACLED's tags. For demonstrations (Protests, Riots), the crowd size as the
report gives it, or "crowd size=no report" when it gives none, as ACLED writes them."""

from __future__ import annotations

import re

CROWD_EVENT_TYPES = {"Protests", "Riots"}
_PEOPLE = (r"(?:protesters|protestors|demonstrators|people|residents|students|workers|farmers|supporters|activists|"
           r"women|villagers|traders|teachers|doctors|nurses|youths?|rioters|marchers|worshippers|opposition supporters)")
_QUALIFIER = r"(?:about|around|some|over|more than|at least|nearly|almost|up to|an estimated|approximately|roughly)"
_CROWD = re.compile(
    rf"\b(?:(?P<vague>(?:tens of |hundreds of )?(?:thousands|hundreds|dozens|scores))\s+of\s+(?:\w+\s+){{0,2}}{_PEOPLE}"
    rf"|(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)\s+(?:\w+\s+)?{_PEOPLE}"
    rf"|a\s+(?P<size>small|large|huge|big)\s+(?:crowd|group|number)\b"
    rf"|a\s+crowd\s+of\s+(?:(?P<qualifier2>{_QUALIFIER})\s+)?(?P<number2>\d{{1,3}}(?:,\d{{3}})+|\d+))",
    re.I,
)


# "arrested 30 protesters", "killed two students": a count of victims, not of the crowd.
_VICTIMS = re.compile(r"\b(?:arrest\w*|detain\w*|kill\w*|injur\w*|wound\w*|dead|shot|hurt|held|abduct\w*|among)\s+(?:\w+\s+){0,2}$", re.I)


def crowd_size(text: str) -> str:
    """"crowd size=hundreds", "crowd size=around 2000", "crowd size=large", or "crowd size=no report"."""
    text = text or ""
    match = next((m for m in _CROWD.finditer(text) if not _VICTIMS.search(text[max(0, m.start() - 30):m.start()])), None)
    if match is None:
        return "crowd size=no report"
    if match["vague"]:
        return f"crowd size={match['vague'].lower()}"
    if match["size"]:
        return f"crowd size={match['size'].lower()}"
    number = (match["number"] or match["number2"]).replace(",", "")
    qualifier = (match["qualifier"] or match["qualifier2"] or "").lower()
    return f"crowd size={qualifier + ' ' if qualifier else ''}{number}"


def tags_for(event_type: str | None, evidence: str | None) -> str | None:
    """The event's tags ('; ' joined), or None when ACLED would give none."""
    if event_type in CROWD_EVENT_TYPES:
        return crowd_size(evidence or "")
    return None
