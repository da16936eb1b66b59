"""Actors named in a sentence, ACLED-style, from the editable dictionaries in data/reference.

Generic actors ("police", "gunmen", "villagers") come from actor_roles.csv and
carry placeholders for the country and government period, because the place
of the event is known only after geocoding; ``render`` fills them in.
Named groups come from actors.csv; a group with a branch per country
("Islamic State (India)") is written ``{group:ALIAS}`` until its country is known.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from pipeline.config import REFERENCE_DIR
from pipeline.extract.prefilter import StemIndex, alternatives

ARMED_ROLES = {"state", "rebel", "militia", "identity", "external"}
_PLACEHOLDER = re.compile(r"\{group:([^}]+)\}")
_FOREIGN_PERIOD = re.compile(r"\{period:([A-Z]{2})\}")
# An adjective (one or two capitalised words) and at most one more word right before a role word.
_DEMONYM_BEFORE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:\s+(?:military|armed|security|government|regime|state|army|navy|police|border|special|federal|national))?\s+$")
_DEMONYM_WEAPON = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:(?:cruise|ballistic|guided|hypersonic|kamikaze)\s+)?"
    r"(?:missiles?|rockets?|drones?|air ?strikes?|airstrikes?|strikes?|shelling|shells|artillery|bombardments?|air raids?)\b")
# A group named only as the patron of another named group: "the al Qaeda-linked JNIM",
# "JNIM, an al Qaeda affiliate". The group that acted is JNIM. Without a second group the
# patron stays: "QSD-backed fighters" are coded as the QSD.
_PATRON_OF_NEXT = re.compile(r"-(?:linked|affiliated|allied|aligned|backed) (?:the )?")
_PATRON_OF_PREVIOUS = re.compile(r"(?:'s)? (?:affiliate|ally|offshoot)\b")
_LISTED = re.compile(r",\s+(?:an?\s+|the\s+)?$")


# What may stand between a group's name and the word that means its fighters.
_OWN_WORD = re.compile(r"[\s'’s]*(?:(?:rebel|allied|affiliated|aligned|loyalist|-?led)\s+)?")


# Acronyms no English word spells: four letters or more, or three without a vowel ("crpf", "bsf", "vhp";
# not "bras" or "biff").
_WORDLESS_ACRONYM = re.compile(r"(?!(?:bras|biff|milf|mend)$)[a-z0-9/-]{4,}$|[bcdfghjklmnpqrstvwxz]{3}$")


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    name: str  # ACLED name, possibly with {country}, {period} or {group:ALIAS}
    inter: int
    role: str  # state, rebel, militia, identity, rioters, protesters, civilians, external, other


@dataclass(frozen=True)
class _Group:
    name: str
    inter: int
    country: str  # ISO2, empty for any
    role: str
    active: bool = True  # no end year: the group still goes by this name


_KIND_TO_ROLE = {
    "rebel": "rebel", "militia": "militia", "identity_militia": "identity", "party": "party",
    "external": "external", "other": "other", "state": "state",
}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


class ActorDictionary:
    def __init__(self, reference_dir: Path = REFERENCE_DIR) -> None:
        # All role patterns in one regex, one named group per row, longest patterns first
        # so that "security forces" wins over "forces" at the same position.
        # One regex per role row, run only when one of its words' stems is in the sentence.
        rows = _read_csv(reference_dir / "actor_roles.csv")
        self.roles = [(row["actor_template"], int(row["inter"]), row["role"]) for row in rows]
        self._role_rx = [re.compile(rf"\b(?:{row['pattern']})\b", re.I) for row in rows]
        self._role_index = StemIndex()
        for row in rows:
            self._role_index.add(alternatives(row["pattern"]))
        self._role_index.freeze()
        self.groups: dict[str, list[_Group]] = {}
        self._case_sensitive: set[str] = set()
        self._automaton = ahocorasick.Automaton()
        for row in _read_csv(reference_dir / "actors.csv"):
            group = _Group(row["name"], int(row["inter"] or 8), row.get("country", "").upper(), _KIND_TO_ROLE.get(row.get("kind", ""), "rebel"),
                           not row.get("end_year"))
            for alias in {row["name"], *filter(None, (a.strip() for a in row.get("aliases", "").split("|")))}:
                key = alias.lower()
                self.groups.setdefault(key, []).append(group)
                if (alias.isupper() and len(alias) <= 5) or (len(alias) <= 3 and alias != alias.lower()):
                    # "IS" and "LeT" are groups, "is" and "let" are words
                    self._case_sensitive.add(alias)
        self._case_sensitive_keys = {alias.lower() for alias in self._case_sensitive}
        for key in self.groups:
            self._automaton.add_word(key, key)
        if self.groups:
            self._automaton.make_automaton()
        # "Russian forces", "Nigerian troops": state forces of the country the adjective names,
        # which may not be the country the event happens in.
        from pipeline.geocode.gazetteer import country_table

        self.demonyms: dict[str, tuple[str, str]] = {}
        for country in country_table(reference_dir).values():
            for word in country.demonyms:
                self.demonyms.setdefault(word.lower(), (country.iso2, country.name))
        periods: dict[str, list[tuple[dt.date, dt.date | None, str]]] = {}
        # How state_forces.csv writes the country after "Forces of" ("the Philippines").
        self.forces_of: dict[str, str] = {}
        for row in _read_csv(reference_dir / "state_forces.csv"):
            end = dt.date.fromisoformat(row["end_date"]) if row.get("end_date") else None
            periods.setdefault(row["iso2"].upper(), []).append((dt.date.fromisoformat(row["start_date"]), end, row["label"]))
            if row.get("forces_of"):
                self.forces_of[row["iso2"].upper()] = row["forces_of"]
        self.periods = periods

    # -- finding actors in text ------------------------------------------------
    def find(self, sentence: str, offset: int = 0) -> list[ActorMention]:
        found: list[ActorMention] = []
        taken: list[tuple[int, int]] = []
        low = sentence.lower()
        # a feed that lowercases its text ("the crpf", "vhp activists") has lost the capitals that tell
        # an acronym from a word; one no English word spells is still the group
        lowered = low == sentence
        patrons: dict[int, tuple[str, int]] = {}
        if self.groups:
            for end_idx, key in self._automaton.iter_long(low):
                start = end_idx - len(key) + 1
                end = end_idx + 1
                if (start > 0 and low[start - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
                    continue
                patron = _PATRON_OF_NEXT.match(low, end)
                if patron:
                    patrons[start] = ("next", patron.end())
                elif _PATRON_OF_PREVIOUS.match(low, end):
                    listed = _LISTED.search(low, max(0, start - 12), start)
                    if listed:
                        patrons[start] = ("previous", listed.start())
                text = sentence[start:end]
                if key in self._case_sensitive_keys and text not in self._case_sensitive and not (lowered and _WORDLESS_ACRONYM.match(key)):
                    continue  # "is" is a verb, "IS" a group
                groups = self.groups[key]
                if len({g.name for g in groups}) == 1:
                    name = groups[0].name
                else:
                    name = "{group:" + key + "}"
                # Until the country is known, the role and inter are those of a group that still
                # goes by the name: the one without a country (what ``render`` names elsewhere),
                # else the first row ("Taliban": the Afghan state since 2021, not the old insurgency).
                active = [g for g in groups if g.active] or groups
                default = next((g for g in active if not g.country), active[0])
                found.append(ActorMention(offset + start, offset + end, text, name, default.inter, default.role))
                taken.append((start, end))
            if patrons:
                starts, ends = {s for s, _ in taken}, {e for _, e in taken}
                dropped = {s for s, (side, at) in patrons.items() if (at in starts if side == "next" else at in ends)}
                found = [a for a in found if a.start - offset not in dropped]
                taken = [(s, e) for s, e in taken if s not in dropped]
        hits = [(m.start(), m.end(), i) for i in sorted(self._role_index.candidates(sentence)) for m in self._role_rx[i].finditer(sentence)]
        # the longest match wins where matches overlap ("security forces" over "forces")
        named_ends = {e for _, e in taken}
        for start, end, i in sorted(hits, key=lambda h: (h[0], h[0] - h[1], h[2])):
            if any(start < e and s < end for s, e in taken):
                continue
            if self.roles[i][2] != "civilians" and any(0 <= start - e <= 12 and _OWN_WORD.fullmatch(sentence[e:start]) for e in named_ends):
                continue  # "IS militants", "YPG forces", "NAF rebel forces": the word belongs to the group just named
            taken.append((start, end))
            template, inter, role = self.roles[i]
            if role == "state":
                template = self._with_demonym(template, sentence[:start])
            found.append(ActorMention(offset + start, offset + end, sentence[start:end], template, inter, role))
        for m in _DEMONYM_WEAPON.finditer(sentence):
            # "a Russian missile", "Israeli strikes": the armed forces of the country named
            country = self.demonyms.get(m.group(1).lower())
            if country and not any(m.start() < e and s < m.end() for s, e in taken):
                iso2, name = country
                found.append(ActorMention(offset + m.start(), offset + m.end(), m.group(0), f"Military Forces of {name} ({{period:{iso2}}})", 1, "state"))
        return sorted(found, key=lambda a: a.start)

    def _with_demonym(self, template: str, before: str) -> str:
        m = _DEMONYM_BEFORE.search(before)
        if not m:
            return template
        for words in (m.group(1), m.group(1).split()[-1]):
            hit = self.demonyms.get(words.lower())
            if hit:
                iso2, name = hit
                return template.replace("{country}", name).replace("{period}", "{period:" + iso2 + "}")
        return template

    # -- naming actors once the place and date are known ---------------------
    def render(self, name: str | None, iso2: str | None, country: str | None, date: dt.date | None) -> str | None:
        if not name:
            return name
        m = _PLACEHOLDER.search(name)
        if m:
            groups = self.groups.get(m.group(1), [])
            pick = next((g for g in groups if g.country == (iso2 or "")), None) or next((g for g in groups if not g.country), None) or (groups[0] if groups else None)
            name = pick.name if pick else m.group(1)
        foreign = _FOREIGN_PERIOD.search(name)
        if foreign:
            label = self.period(foreign.group(1), date)
            name = name.replace(" " + "(" + foreign.group(0) + ")", f" ({label})" if label else "")
        if "{period}" in name:
            label = self.period(iso2, date)
            name = name.replace(" ({period})", f" ({label})" if label else "").replace("{period}", label or "")
        if "{country}" in name:
            name = name.replace("{country}", country or "Unknown Country")
        return self._forces_of(name)

    def _forces_of(self, name: str) -> str:
        """'Military Forces of Philippines' -> 'Military Forces of the Philippines', as state_forces.csv writes it."""
        m = re.match(r"^((?:Military|Police) Forces of )(.+?)( \(.*\))?$", name)
        if not m:
            return name
        spelled = next((v for v in self.forces_of.values() if v.removeprefix("the ") == m.group(2)), None)
        return f"{m.group(1)}{spelled}{m.group(3) or ''}" if spelled else name

    def period(self, iso2: str | None, date: dt.date | None) -> str | None:
        rows = self.periods.get((iso2 or "").upper(), [])
        if not rows:
            return None
        if date is None:
            return max(rows)[2]
        for start, end, label in rows:
            if start <= date and (end is None or date < end):
                return label
        return max(rows)[2] if date > max(rows)[0] else min(rows)[2]

    @staticmethod
    def is_foreign(name: str | None, iso2: str | None) -> bool:
        """State forces of another country than the event's: ACLED's inter 8, external forces."""
        m = _FOREIGN_PERIOD.search(name or "")
        return bool(m and iso2 and m.group(1) != iso2.upper())

    def group_inter(self, name: str, iso2: str | None) -> int | None:
        m = _PLACEHOLDER.search(name)
        if not m:
            return None
        groups = self.groups.get(m.group(1), [])
        pick = next((g for g in groups if g.country == (iso2 or "")), None)
        return pick.inter if pick else None


@lru_cache(maxsize=4)
def load_dictionary(reference_dir: Path = REFERENCE_DIR) -> ActorDictionary:
    return ActorDictionary(reference_dir)


def group_countries(reference_dir: Path = REFERENCE_DIR) -> dict[str, str]:
    """Names of the groups that act in one country only, as written, and that country's
    ISO2: "Gulf Clan" -> CO. A name shared with another country's branch ("IS") or with
    a group of no set country is left out: it says nothing about where an event is."""
    countries: dict[str, set[str]] = {}
    for row in _read_csv(reference_dir / "actors.csv"):
        for alias in {row["name"], *filter(None, (a.strip() for a in row.get("aliases", "").split("|")))}:
            countries.setdefault(alias, set()).add(row.get("country", "").upper())
    return {alias: next(iter(ccs)) for alias, ccs in countries.items() if len(ccs) == 1 and "" not in ccs}
