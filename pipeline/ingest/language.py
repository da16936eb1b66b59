"""Which language an article is in, when the input does not say.

Runs on every article, so the common case is cheap: English news is a third
function words ("the", "of", "and", ...), a share no other language reaches
with these words. Only text that is neither clearly English nor clearly not
is handed to langdetect, seeded so that a rerun gives the same answer.
"""

from __future__ import annotations

import re

# The commonest English function words; "a", "on", "in" are left out as other
# languages use them too.
ENGLISH_WORDS = frozenset(
    ["the", "of", "and", "to", "is", "was", "for", "that", "with", "by", "said", "at", "from", "as", "be", "were", "are", "has", "have", "had", "it", "its", "his", "her", "their", "they", "he", "she", "been", "not", "but", "or", "which", "who", "this", "after", "an", "will", "would", "than", "into", "about", "over", "two", "three", "police"]
)
# Shares of English function words among the first words of a text: at or over SURE it
# is English, under UNSURE it is not; in between, or with too few words, ask langdetect.
SURE = 0.20
UNSURE = 0.08
MIN_WORDS = 20
# Enough text to judge by; the rest of a long article adds time, not certainty.
SAMPLE_CHARS = 3000

_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str) -> tuple[float, int]:
    """Share of English function words among the words of ``text[:SAMPLE_CHARS]``, and the word count."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return 0.0, 0
    return sum(w in ENGLISH_WORDS for w in words) / len(words), len(words)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ("en", "fr", ...), or None when it cannot tell."""
    share, n_words = english_share(text)
    if n_words >= MIN_WORDS and share >= SURE:
        return "en"
    found = _langdetect(text[:SAMPLE_CHARS])
    if found is None and n_words >= MIN_WORDS:
        return "en" if share >= UNSURE else None
    return found


def _langdetect(text: str) -> str | None:
    try:
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # optional: without it only English is recognised
        return None
    DetectorFactory.seed = 0
    try:
        code = detect(text)
    except LangDetectException:  # no letters to judge by
        return None
    # langdetect says "zh-cn", "zh-tw"; the language column holds the language.
    return code.split("-")[0]
