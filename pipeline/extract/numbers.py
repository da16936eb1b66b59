"""Counts written the way news writes them: digits, words, vague amounts."""

from __future__ import annotations

import re

UNITS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "two": 2, "both": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "couple": 2, "pair": 2,
}
# ACLED's rule for vague amounts: the lowest number the phrase can mean.
VAGUE = {
    "a dozen": 12, "dozen": 12, "dozens": 12, "scores": 20, "score": 20, "tens": 10,
    "hundreds": 100, "a hundred": 100, "hundred": 100, "thousands": 1000, "a thousand": 1000,
    "several": 3, "a few": 3, "few": 3, "some": 3, "many": 3, "numerous": 3, "multiple": 2,
}
_MULT = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

NUMBER_WORDS = sorted(list(UNITS) + list(VAGUE) + list(_MULT), key=len, reverse=True)
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
    r"|(?:(?:" + "|".join(re.escape(w) for w in NUMBER_WORDS) + r")(?:[\s-]+(?:"
    + "|".join(re.escape(w) for w in NUMBER_WORDS if w not in VAGUE or w in ("hundred",))
    + r"))*))\b"
)


def to_int(phrase: str) -> int | None:
    """'at least 12' -> 12, 'twenty-five' -> 25, 'dozens' -> 12, '1,200' -> 1200."""
    text = phrase.lower().strip()
    text = re.sub(r"^(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|roughly|approximately)\s+", "", text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    if re.fullmatch(r"\d+\.\d+", text):
        return int(float(text))
    if text in VAGUE:
        return VAGUE[text]
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", text):
        if word in ("and",):
            continue
        if word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in _MULT:
            current = max(current, 1) * _MULT[word]
            if _MULT[word] >= 1000:
                total, current = total + current, 0
            seen = True
        elif word in VAGUE:
            current += VAGUE[word]
            seen = True
        else:
            return None
    return total + current if seen else None
