"""The actors table: every actor name in the events, with its inter code and activity."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import pandas as pd

from pipeline import schema

_ROLES = (("actor1", "inter1", "as_actor1"), ("actor2", "inter2", "as_actor2"),
          ("assoc_actor_1", None, "as_associated"), ("assoc_actor_2", None, "as_associated"))


COLUMNS = ["event_id_cnty", "event_date", "country", "fatalities", "actor1", "inter1", "actor2", "inter2", "assoc_actor_1", "assoc_actor_2"]


def actor_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per actor name, sorted by name. ``events`` needs only ``COLUMNS``."""
    seen: dict[str, dict[str, Any]] = defaultdict(lambda: {
        "inters": Counter(), "countries": Counter(), "events": set(), "as_actor1": 0, "as_actor2": 0,
        "as_associated": 0, "fatalities": 0, "dates": []})
    for event in events[COLUMNS].to_dict("records"):
        in_event: set[str] = set()
        for column, inter_column, role in _ROLES:
            for name in str(event.get(column) or "").split("; "):
                if not name:
                    continue
                actor = seen[name]
                actor[role] += 1
                if inter_column and pd.notna(event.get(inter_column)):
                    actor["inters"][int(event[inter_column])] += 1
                in_event.add(name)
        for name in in_event:
            actor = seen[name]
            actor["events"].add(event["event_id_cnty"])
            actor["fatalities"] += int(event.get("fatalities") or 0)
            if event.get("country"):
                actor["countries"][event["country"]] += 1
            if isinstance(event.get("event_date"), dt.date):
                actor["dates"].append(event["event_date"])
    rows = []
    for name in sorted(seen):
        actor = seen[name]
        rows.append({
            "actor": name,
            "inter": actor["inters"].most_common(1)[0][0] if actor["inters"] else None,
            "country": actor["countries"].most_common(1)[0][0] if actor["countries"] else None,
            "events": len(actor["events"]),
            "as_actor1": actor["as_actor1"], "as_actor2": actor["as_actor2"], "as_associated": actor["as_associated"],
            "fatalities": actor["fatalities"],
            "first_event_date": min(actor["dates"]) if actor["dates"] else None,
            "last_event_date": max(actor["dates"]) if actor["dates"] else None,
        })
    return pd.DataFrame(rows, columns=schema.load("actors").columns) if rows else schema.empty("actors")
