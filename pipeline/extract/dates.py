"""Event dates, resolved against the article's publication date.

dateparser reads explicit dates and phrases such as "two days ago"; weekdays,
weeks, months and holidays follow newsroom usage and are resolved here: "on
Saturday" in Saturday's paper is that same day, not a week before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser
from dateutil.easter import easter


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date
    precision: int  # 1 day, 2 week, 3 month
    text: str
    start: int
    end: int
    relative: bool  # resolved against the publication date rather than read


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MON = _MONTHS + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|2[0-9]{3})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("explicit", re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?:{_MON})\.?,?(?:\s+{_YEAR})?\b", re.I)),
    ("explicit", re.compile(rf"\b(?:{_MON})\.?\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|per\b|people|persons|men|women|soldiers))", re.I)),
    ("explicit", re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")),
    ("holiday", re.compile(r"\b(?:easter(?: sunday| monday)?|christmas(?: day| eve)?|new year'?s (?:day|eve))\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?:late|early)\s+(?:on\s+)?)?(?:last\s+)?(" + "|".join(_WEEKDAYS) + r")\b", re.I)),
    ("relative", re.compile(r"\b(?:yesterday|today|this morning|tonight|last night|(?:two|three|four|five|six|\d) days? ago)\b", re.I)),
    ("week", re.compile(r"\b(?:last|past|earlier this) week(?:end)?\b|\bover the weekend\b", re.I)),
    ("month", re.compile(rf"\b(?:earlier|late|early) (?:this|last) month\b|\blast month\b|\bin (?:early |late |mid-?)?(?:{_MONTHS})(?:\s+{_YEAR})?\b", re.I)),
]


# Each pattern above needs a digit or one of these words.
_MAYBE_DATE = re.compile(r"\d|easter|christmas|new year|day|yesterday|morning|tonight|night|ago|week|month|" + _MONTHS)

_REPORT_DATE = re.compile(
    r"\b(?:said|says|told(?: \w+){0,2}|confirmed(?: \w+){0,3}|announced|reported|added|statement|(?:rose|risen|climbed|reached) to \S+|toll \w+ \S+)\s+(?:(?:late|early) )?(?:on|in|by)?\s*$",
    re.I,
)


# The same patterns without re.I, searched in the lowercased sentence: several times faster.
_LOWER_PATTERNS = [(kind, re.compile(p.pattern)) for kind, p in _PATTERNS]
_LOWER_REPORT_DATE = re.compile(_REPORT_DATE.pattern)
_AHEAD = re.compile(r"\b(?:ahead of|in the run-up to|deadline(?: of)?|scheduled (?:for|on)|slated for|planned for|proposed for|due on)\s+(?:the\s+)?$", re.I)


def find_dates(sentence: str, offset: int, published: dt.date | None) -> list[ResolvedDate]:
    """Every date expression in ``sentence`` that can be resolved, in text order."""
    low = sentence.lower()
    if not _MAYBE_DATE.search(low):
        return []  # most sentences: no digit and none of the words every pattern needs one of
    if len(low) == len(sentence):  # lowercasing kept every offset (it does, but for a few letters)
        patterns, report_date, haystack = _LOWER_PATTERNS, _LOWER_REPORT_DATE, low
    else:
        patterns, report_date, haystack = _PATTERNS, _REPORT_DATE, sentence
    found: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in patterns:
        for m in pattern.finditer(haystack):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if report_date.search(haystack[max(0, m.start() - 60) : m.start()]):
                continue  # "police said on Monday": the day of the report, not of the event
            if _AHEAD.search(sentence[max(0, m.start() - 40) : m.start()]):
                continue  # "ahead of March 15", "scheduled for March 28": a day still to come, not the event's
            text = sentence[m.start() : m.end()]
            resolved = _resolve(kind, text, published)
            if resolved is None:
                continue
            date, precision = resolved
            taken.append((m.start(), m.end()))
            found.append(ResolvedDate(date, precision, text, offset + m.start(), offset + m.end(), kind != "explicit" or not re.search(_YEAR, text)))
    return sorted(found, key=lambda d: d.start)


def _resolve(kind: str, text: str, published: dt.date | None) -> tuple[dt.date, int] | None:
    low = text.lower()
    if kind == "explicit":
        return _explicit(text, published)
    if published is None:
        return None
    if kind == "holiday":
        return _holiday(low, published), 1
    if kind == "weekday":
        wanted = next(i for i, d in enumerate(_WEEKDAYS) if d in low)
        back = (published.weekday() - wanted) % 7
        if "last " + _WEEKDAYS[wanted] in low and back == 0:
            back = 7
        return published - dt.timedelta(days=back), 1
    if kind == "relative":
        if "yesterday" in low or "last night" in low:
            return published - dt.timedelta(days=1), 1
        if "ago" in low:
            n = _small_number(low.split()[0])
            return published - dt.timedelta(days=n), 1
        return published, 1
    if kind == "week":
        if "weekend" in low:
            back = (published.weekday() - 5) % 7 or 7 if published.weekday() < 5 else published.weekday() - 5
            return published - dt.timedelta(days=back), 2
        if "earlier this" in low:
            return max(published - dt.timedelta(days=published.weekday()), published - dt.timedelta(days=3)), 2
        return published - dt.timedelta(days=published.weekday() + 5), 2  # Wednesday of last week
    if kind == "month":
        if "last month" in low:
            first = (published.replace(day=1) - dt.timedelta(days=1)).replace(day=15)
            return first, 3
        if "this month" in low:
            return published.replace(day=min(15, published.day)), 3
        month = next(i for i, m in enumerate(_MONTHS.split("|"), start=1) if m in low)
        year_m = re.search(_YEAR, text)
        year = int(year_m.group()) if year_m else published.year - (1 if month > published.month else 0)
        return dt.date(year, month, 15), 3
    return None


# The patterns above hand dateparser only written-out dates, never "two days ago": its
# parser of relative phrases, half its time, is not needed.
_SETTINGS = (("PARSERS", ("timestamp", "absolute-time")), ("PREFER_DATES_FROM", "past"),
             ("PREFER_DAY_OF_MONTH", "first"), ("RETURN_AS_TIMEZONE_AWARE", False))


def _explicit(text: str, published: dt.date | None) -> tuple[dt.date, int] | None:
    if re.search(_YEAR, text):
        # a date with its year reads the same whatever the publication date: one cache entry
        parsed = _common_form(text) or _dateparse(text, None, _SETTINGS)
    elif published is None:
        return None  # a day and month with no year and no publication date to anchor them
    else:
        # "March 15" is the last March 15 on or before the publication date: read it in the
        # publication year (one cache entry per year, not per day) and step back a year if
        # that is still to come, as dateparser does from the day itself.
        parsed = _common_form(f"{text} {published.year}") or _dateparse(text, dt.date(published.year, 12, 31), _SETTINGS)
        if parsed is not None and parsed > published:
            try:
                parsed = parsed.replace(year=parsed.year - 1)
            except ValueError:  # 29 February: dateparser goes back to the last leap year
                parsed = _dateparse(text, published, _SETTINGS)
    return (parsed, 1) if parsed else None


# The usual written-out forms with a year ("26 March 2002", "March 26th, 2002"; an undated
# day and month gets the publication year appended) are read by the standard library, a
# hundred times faster; anything else goes to dateparser.
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b|[.,]|\bof\b")
_COMMON_FORMATS = ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y")


def _common_form(text: str) -> dt.date | None:
    plain = " ".join(_ORDINAL.sub(" ", text).split())
    for form in _COMMON_FORMATS:
        try:
            return dt.datetime.strptime(plain, form).date()
        except ValueError:
            continue
    return None


@lru_cache(maxsize=50_000)
def _dateparse(text: str, published: dt.date | None, settings_items: tuple) -> dt.date | None:
    settings = {k: list(v) if isinstance(v, tuple) else v for k, v in settings_items}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _holiday(low: str, published: dt.date) -> dt.date:
    year = published.year
    for y in (year, year - 1):
        if "easter" in low:
            day = easter(y) + dt.timedelta(days=1 if "monday" in low else 0)
        elif "christmas" in low:
            day = dt.date(y, 12, 24 if "eve" in low else 25)
        else:
            day = dt.date(y, 12, 31) if "eve" in low else dt.date(y, 1, 1)
        if day <= published:
            return day
    return day


_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1}


def _small_number(word: str) -> int:
    return int(word) if word.isdigit() else _SMALL.get(word, 1)
