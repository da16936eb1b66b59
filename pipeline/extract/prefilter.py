"""Which of many regexes could match a text, found in one Aho-Corasick pass.

Most rule patterns are alternations of words that start with a literal stem
("protest", "demonstrat", "police"). Finding the stems present in a sentence
tells which patterns could match; only those are run. An alternative with no
literal stem of three or more characters keeps its pattern always in play, so
the shortcut never changes a result.
"""

from __future__ import annotations

import ahocorasick

_META = set("\\()[]{}?*+|.^$")


def stem(word: str) -> str:
    """The literal characters an alternative must start with ('' when it has none)."""
    word = word.removeprefix("\\b")
    out = []
    for i, ch in enumerate(word):
        if ch in _META:
            break
        if i + 1 < len(word) and word[i + 1] in "?*{":
            break
        out.append(ch)
    return "".join(out).lower()


def alternatives(pattern: str) -> list[str]:
    """Split a pattern on its top-level '|'."""
    parts: list[str] = []
    current: list[str] = []
    depth, escaped = 0, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    return parts + ["".join(current)]


class StemIndex:
    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._always: set[int] = set()
        self._size = 0
        self._frozen = False

    def add(self, words: list[str]) -> int:
        """Register one pattern, given as its alternatives; returns its id."""
        pid = self._size
        self._size += 1
        for word in words:
            s = stem(word)
            if len(s) < 3:
                self._always.add(pid)
                continue
            ids = self._automaton.get(s) if s in self._automaton else set()
            ids.add(pid)
            self._automaton.add_word(s, ids)
        return pid

    def freeze(self) -> None:
        if len(self._automaton):
            self._automaton.make_automaton()
        self._frozen = True

    def candidates(self, text: str) -> set[int]:
        found = set(self._always)
        if len(self._automaton):
            for _, ids in self._automaton.iter(text.lower()):
                found |= ids
        return found
