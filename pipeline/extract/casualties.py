"""Fatality and injury counts in a sentence, by ACLED's rules.

"at least 12" -> 12; words and vague amounts through ``numbers``; a list of
victims ("two soldiers and a civilian") is summed; a group's own claim of the
casualties it inflicted is not a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.idioms import literal
from pipeline.extract.numbers import NUMBER, to_int

_Q = r"(?:(?:at least|more than|over|nearly|almost|about|around|up to|as many as|some|roughly|an estimated)\s+)?"
_STOP = r"(?:were|was|have|had|are|is|and|who|been|died|killed|dead|injured|wounded|hurt|in|on|at|by|during|after|when)"
# Stop words are matched as written: "17 IS militants" is a count of IS fighters, not "17 is".
_NP = rf"(?<!\bno )(?:{_Q}{NUMBER})(?:\s+(?!(?-i:{_STOP})\b)[a-z][\w'-]*){{0,3}}?"
_BE = (r"(?:\s+(?:were|was|have|has|had|been|are|is|reportedly|allegedly|later|also|all|confirmed|feared|believed|to have)\b){0,3}"
       r"(?:\s+(?:arrested|abducted|kidnapped|tortured|beaten|captured|raped|shot|stabbed|detained)(?:,| and)){0,2}")
_DEATH = r"(?:killed|dead|died|slain|shot dead|shot and killed|gunned down|murdered|lost (?:their|his|her) lives?|perished|executed|beheaded|massacred|lynched|burnt to death|burned to death|stabbed to death|beaten to death|hacked to death)"
_HURT = r"(?:injured|wounded|hurt|hospitali[sz]ed|maimed)"


def _patterns(verb: str, nouns: str, toll: bool) -> list[re.Pattern[str]]:
    patterns = [
        # "two soldiers and a civilian were killed", "at least 12 killed"
        re.compile(rf"(?<![\w-])(?P<np>{_NP}(?:(?:\s*,\s*|,?\s+and\s+){_NP})*){_BE}\s+{verb}\b", re.I),
        # "killing five", "killed 12 people", "left three dead"
        # "killed one separatist general and two of his lieutenants": the list is summed
        re.compile(rf"\b{verb}\s+(?:of\s+)?(?:at least\s+|more than\s+|about\s+|some\s+|nearly\s+)?(?P<np>{_Q}{NUMBER}(?:\s+(?!(?-i:{_STOP})\b)[a-z][\w'-]*){{0,3}}?\s+and\s+{_Q}{NUMBER}(?=\s+(?:of\s+(?:his|her|their|the)\s+)?[a-z]))", re.I),
        re.compile(rf"\b{verb}\s+(?:of\s+)?(?:at least\s+|more than\s+|about\s+|some\s+|nearly\s+)?(?P<np>{_Q}{NUMBER})(?!\s*(?:%|per\s?cent|km|kilomet|miles|years?|months?|days?|hours?|minutes?|am|pm|a\.m|p\.m|o'clock))(?:\s+[a-z][\w'-]*){{0,2}}", re.I),
        # "12 deaths", "death toll rose to 9", "9 fatalities"
        re.compile(rf"(?<![\w-])(?<!\bno )(?P<np>{_Q}{NUMBER})\s+(?:of (?:these|the|those) |(?!{_STOP}\b)[a-z]+\s+)?{nouns}\b", re.I),
    ]
    if toll:
        patterns.append(re.compile(rf"\b(?:death|casualty) toll\b[^.;]{{0,160}}?\b(?:rose|rises|risen|climbed|reached|stands|stood|increased|jumped|to|at|of|is|was)\s+(?:to\s+|at\s+)?(?P<np>{_Q}{NUMBER})", re.I))
        # "a militant called Ishfaq Ahmad Sofi was killed": one named person
        patterns.append(re.compile(r"(?<![\w-])(?P<np>an?|one)\s+(?:[\w-]+\s+){0,2}(?:called|named|identified as)\s+(?:[A-Z][\w'-]+\s+){1,4}(?:was|has been|had been)\s+(?:shot dead|killed|murdered|slain)", re.I))
        # "a high-ranking drug trafficker from the complex was tried and executed": one person
        patterns.append(re.compile(r"(?<![\w-])(?P<np>an?|one)\s+(?:[\w-]+\s+){0,8}?(?:was|has been|had been)\s+(?:\w+\s+and\s+)?(?:found\s+)?(?:shot dead|killed|murdered|slain|executed|beheaded|lynched|stabbed to death|beaten to death|shot and killed|hacked to death)", re.I))
    return patterns


_KILL_PATTERNS = _patterns(_DEATH.replace("(?:killed", "(?:killed|killing|kills|kill|leaving|left").replace("dead|", "", 0), r"(?:deaths?|fatalit(?:y|ies)|bodies|people dead|dead)", True)
_KILL_SUBJECT = re.compile(rf"(?<![\w-])(?P<np>{_NP}(?:(?:\s*,\s*|,?\s+and\s+){_NP})*){_BE}\s+{_DEATH}\b", re.I)
_HURT_PATTERNS = _patterns(_HURT.replace("(?:injured", "(?:injured|injuring|wounding|injures|wounds"), r"(?:injuries|injured|wounded)", False)
_NONE_KILLED = re.compile(r"\b(?:no (?:one|casualties|fatalities|deaths|injuries)|nobody) (?:was |were )?(?:killed|reported|hurt|injured|died)?", re.I)
_UNVERIFIED_CLAIM = re.compile(r"\bclaim(?:ed|s|ing)?\b[^.]{0,80}\b(?:inflicted|killed|killing|casualties)", re.I)
_NOT_NUMBER_WORDS = {"a", "an", "some", "many", "several", "few"}
# "killed his cook", "killing him": one person.
_KILLED_ONE = re.compile(r"\b(?:killed|killing|shot dead|shot and killed|murdered|murdering|beheaded|lynched|stabbed to death|beat to death)\s+(?:him|her|(?:a|an|one|his|her|their)\s+(?!(?:number|unknown|unspecified|total|dozen|score|few|couple|group|lot)\b)[\w-]+)\b", re.I)
# "a 32-year-old man died in police custody": one person, dead while held.
_DIED_HELD = re.compile(r"(?<![\w-])(?:an?|one)\s+(?:[\w-]+\s+){0,4}?(?:died|dies|was (?:tortured|beaten) to death)\s+(?:\w+\s+){0,2}?in\s+(?:\w+\s+)?(?:custody|lock-?up)\b", re.I)
# Analysts' notes state the coded figure: "Unknown fatalities coded as 3", "... estimated as 10".
_CODED_AS = re.compile(r"\bfatalit(?:y|ies)\b[^.;]{0,80}?\b(?:coded|estimated|counted) (?:as|to be|at) (?P<n>\d+)\b|\bcoded as (?P<m>\d+) fatalit", re.I)
# "... (fatalities coded to the Horlivka event)", "1 fatality spread across three events": counted elsewhere.
_CODED_ELSEWHERE = re.compile(r"\bfatalit(?:y|ies) (?:coded to|spread across|counted in|included in) (?:the |another |other |a separate )?\w", re.I)


@dataclass(frozen=True)
class Counts:
    killed: list[int]
    injured: list[int]
    unverified_claim: bool
    coded: bool = False  # the figure an analyst's note says it coded: it replaces any other


def _sum_np(np_text: str) -> int | None:
    parts = re.split(r"\s*,\s*|,?\s+and\s+", np_text)
    total, found = 0, False
    for part in parts:
        words = part.split()
        # the number is the leading one or two words: "at least 12 people" -> "at least 12"
        if words and re.fullmatch(r"(?:19|20)\d\d", words[0]):
            continue  # a year, not a count
        for k in range(min(len(words), 5), 0, -1):
            n = to_int(" ".join(words[:k]))
            if n is not None:
                total += n
                found = True
                break
    return total if found else None


# After "N people killed": an object means the N did the killing ("shot and killed a man").
_ACTIVE_OBJECT = re.compile(r"\s+(?:a|an|the|his|her|their|him|them|its|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|dozens|scores|at least)\b", re.I)
_PASSIVE = re.compile(r"\b(?:were|was|been|are|is|be)\b", re.I)
# Sums of money: "Rs 1 lakh for those killed", "$5,000 to families of the 3 killed" (the 3 counts).
_MONEY_BEFORE = re.compile(r"(?:\b(?:rs|inr|usd|eur|ksh|ngn|naira|rupees?)\.?|[$€£₹])\s*$", re.I)
_MONEY_AFTER = re.compile(r"\s*(?:lakhs?|crores?|rupees|dollars|euros|naira|shillings|francs)\b", re.I)
# Analysts' notes: "the killing of nine people in a militia attack (coded separately)" is
# another event's toll.
_ELSEWHERE = re.compile(r"[^.;]{0,120}?[(\[]coded separately[)\]]", re.I)


def _counts(sentence: str, patterns: list[re.Pattern[str]]) -> list[int]:
    found: list[tuple[int, int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(sentence):
            start, end = m.span("np")
            if any(start < e and s < end for s, e, _ in found):
                continue
            if _ELSEWHERE.match(sentence, m.end()):
                continue
            first = re.match(r"\S+", m.group("np"))
            if _MONEY_BEFORE.search(sentence[max(0, start - 8) : start]) or (first and _MONEY_AFTER.match(sentence, start + first.end())):
                continue  # "Rs 1 lakh for those killed": a compensation, not a count
            if start == m.start() and _ACTIVE_OBJECT.match(sentence, m.end()) and not _PASSIVE.search(sentence, end, m.end()):
                continue  # "two gang members shot and killed a man": the killers, not the dead
            n = _sum_np(m.group("np"))
            if n is None:
                continue
            found.append((start, end, n))
    return [n for _, _, n in sorted(found)]


# Searched in the lowercased sentence: without re.I the regex engine scans ten times faster.
_ANY = re.compile(r"kill|dead|death|died|dies|slain|gunned down|murder|lives|perish|execut|behead|massacr|lynch|fatalit|bodies|injur|wound|hurt|hospitali|maim|casualt")


@lru_cache(maxsize=4096)
def count(sentence: str) -> Counts:
    """Deaths and injuries reported in one sentence (cached: the extractor asks more than once)."""
    sentence = literal(sentence)  # "an economic dead end" counts no one
    if not _ANY.search(sentence.lower()):
        return Counts([], [], False)
    unverified = bool(_UNVERIFIED_CLAIM.search(sentence)) and not re.search(r"\b(?:police|officials?|army|military|ministry|hospital)\s+(?:said|says|confirmed)", sentence, re.I)
    if unverified:
        return Counts([], [], True)
    coded = _CODED_AS.search(sentence)
    if coded:
        return Counts([int(coded.group("n") or coded.group("m"))], _counts(sentence, _HURT_PATTERNS), False, coded=True)
    if _CODED_ELSEWHERE.search(sentence):
        return Counts([0], _counts(sentence, _HURT_PATTERNS), False)
    killed = _counts(sentence, [_KILL_SUBJECT, *_KILL_PATTERNS])
    if not killed and (_KILLED_ONE.search(sentence) or _DIED_HELD.search(sentence)):
        killed = [1]
    injured = _counts(sentence, _HURT_PATTERNS)
    if not killed and _NONE_KILLED.search(sentence):
        killed = [0]
    # "10,000,000 killed" is a typo or a figure of speech, not an event count.
    killed = [n for n in killed if n <= 100_000]
    injured = [n for n in injured if n <= 100_000]
    return Counts(killed, injured, False)
