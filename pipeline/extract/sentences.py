"""Sentence splitting with character offsets into the article text."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "gov",
    "sen", "rep", "st", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.n",
    "u.k", "e.g", "i.e", "approx", "brig", "adm", "cmdr", "insp", "supt", "hon", "rev", "fr",
    "w.va", "va", "pa", "calif", "fla", "ga", "ky", "la", "md", "mass", "mich", "minn", "miss",
    "mo", "tenn", "tex", "wash", "wis", "ariz", "ark", "colo", "conn", "del", "ill", "ind",
    "kan", "nev", "okla", "ore", "vt", "wyo", "al", "a.m", "p.m",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+)|\n+")


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of each sentence, whitespace trimmed."""
    start = 0
    cased = _is_cased(text[:5000])
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            word = _word_before(text, start, match.start())
            if word and (word.lower() in _ABBREV or len(word) == 1):
                continue
            nxt = text[end : end + 3].lstrip()
            if (cased and nxt[:1].islower()) or nxt[:1].isdigit():
                continue
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _word_before(text: str, start: int, stop: int) -> str:
    """The run of word characters and dots just before ``text[stop]`` ("U.S" in "U.S."), read
    backwards: a regex anchored at the stop would scan the sentence from its start."""
    i = stop
    while i > start and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    return text[i:stop]


_AFTER_STOP = re.compile(r"[.!?]\s+([A-Za-z])")


def _is_cased(head: str) -> bool:
    """Some corpora are lowercased: there a full stop and a space end a sentence whatever follows.
    Cased text starts most sentences with a capital; a lowercased article keeps a few capitals
    only in its page furniture ("Facebook Twitter Linkedin Mail")."""
    starts = _AFTER_STOP.findall(head)
    if len(starts) >= 3:
        return sum(map(str.isupper, starts)) > len(starts) / 2
    return sum(map(str.isupper, head)) > sum(map(str.isalpha, head)) * 0.01


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
