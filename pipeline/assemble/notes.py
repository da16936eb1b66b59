"""``notes``: a short summary of the event in the way ACLED's analysts write them
("On 10 May 2019, Military Forces of India (2014-) clashed with IS (India) in Shopian
(Jammu and Kashmir). 1 fatality."), made from the coded fields, with the sentence it
came from quoted so that a reader can check it."""

from __future__ import annotations

import datetime as dt
from typing import Any

# What actor1 did (to actor2) in each sub-event type; {a1}, {a2} and {where} are filled in.
_PHRASES = {
    "Armed clash": "{a1} clashed with {a2} in {where}",
    "Government regains territory": "{a1} regained territory from {a2} in {where}",
    "Non-state actor overtakes territory": "{a1} took over territory from {a2} in {where}",
    "Chemical weapon": "{a1} used a chemical weapon against {a2} in {where}",
    "Air/drone strike": "{a1} carried out an air or drone strike on {a2} in {where}",
    "Suicide bomb": "a suicide bomber of {a1} blew himself up among {a2} in {where}",
    "Shelling/artillery/missile attack": "{a1} shelled {a2} in {where}",
    "Remote explosive/landmine/IED": "an explosive device of {a1} went off, hitting {a2} in {where}",
    "Grenade": "{a1} threw a grenade at {a2} in {where}",
    "Sexual violence": "{a1} committed sexual violence against {a2} in {where}",
    "Attack": "{a1} attacked {a2} in {where}",
    "Abduction/forced disappearance": "{a1} abducted {a2} in {where}",
    "Peaceful protest": "{a1} demonstrated in {where}",
    "Protest with intervention": "{a1} demonstrated in {where}, and {a2} intervened",
    "Excessive force against protesters": "{a2} used excessive force against {a1} demonstrating in {where}",
    "Violent demonstration": "{a1} rioted in {where}",
    "Mob violence": "{a1} attacked {a2} in {where}",
    "Agreement": "{a1} and {a2} reached an agreement in {where}",
    "Arrests": "{a1} arrested {a2} in {where}",
    "Change to group/activity": "{a1} changed its activity in {where}",
    "Disrupted weapons use": "{a1} disrupted weapons use by {a2} in {where}",
    "Headquarters or base established": "{a1} established a base in {where}",
    "Looting/property destruction": "{a1} looted or destroyed property in {where}",
    "Non-violent transfer of territory": "{a1} took over territory from {a2} in {where}",
    "Other": "{a1} and {a2}: other event in {where}",
}


def _place(event: dict[str, Any]) -> str:
    where = event.get("location") or event.get("country") or "an unknown location"
    area = ", ".join(v for v in (event.get("admin2"), event.get("admin1")) if v and v != where)
    return f"{where} ({area})" if area else where


def _phrase(event: dict[str, Any]) -> str:
    a1 = event.get("actor1") or "an unidentified actor"
    a2 = event.get("actor2")
    template = _PHRASES.get(event.get("sub_event_type") or "", "{a1}: event in {where}")
    if not a2:  # the phrases that name a second side, without one
        template = (template.replace(" with {a2}", "").replace(" from {a2}", "").replace(" at {a2}", "")
                    .replace(" on {a2}", "").replace(" against {a2}", " against unidentified people")
                    .replace(" among {a2}", "").replace(", hitting {a2}", "").replace(" by {a2}", "")
                    .replace(", and {a2} intervened", ", and the authorities intervened")
                    .replace("{a2} used", "the authorities used").replace(" and {a2}", "").replace("{a2}", "people"))
    return template.format(a1=a1, a2=a2, where=_place(event))


def notes_for(event: dict[str, Any]) -> str:
    """A short ACLED-style summary made from the coded fields and the evidence."""
    date = event.get("event_date")
    when = f"On {date.day} {date:%B %Y}" if isinstance(date, dt.date) else "On an unknown date"
    text = f"{when}, {_phrase(event)}."
    if event.get("responsibility_claimed") and event.get("claimed_by"):
        text += f" {event['claimed_by']} claimed responsibility" + (f" ({event['claim_channel']})." if event.get("claim_channel") else ".")
    if event.get("injuries"):
        text += f" {event['injuries']} injured."
    if event.get("tags"):
        text += f" [{event['tags']}]"
    deaths = int(event.get("fatalities") or 0)
    text += f" {deaths} {'fatality' if deaths == 1 else 'fatalities'}."
    evidence = " ".join(str(event.get("evidence") or "").split())
    if evidence:
        text += f" Report: \"{evidence[:300]}\""
    return text
