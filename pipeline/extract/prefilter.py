"""Which of many regexes could match a text, found in one Aho-Corasick pass.

Most rule patterns are alternations of words that start with a literal stem
("protest", "demonstrat", "police"). Finding the stems present in a sentence
tells which patterns could match; only those are run. An alternative with no
literal stem of three or more characters keeps its pattern always in play, so
the shortcut never changes a result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import ahocorasick

_META = set("\\()[]{}?*+|.^$")


def stems(word: str, limit: int = 64) -> set[str]:
    """The literal starts one of which any match of ``word`` begins with ('' when one has none).

    A leading group is opened up: "(?:hurled|threw) stones" starts with "hurled" or "threw".
    Scanning stops at the first character class, optional item or escape other than \\b,
    so a stem is always a true start of every match it stands for."""
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if word.startswith("\\b", i):
            i += 2  # a word boundary takes no characters
            continue
        if word.startswith(("(?<!", "(?<=", "(?!", "(?="), i):
            i = _close(word, i) + 1  # lookarounds take no characters either
            continue
        if ch == "(":
            close = _close(word, i)
            inner = word[i + 1 : close].removeprefix("?:")
            rest = word[close + 1 :]
            if rest[:1] in ("*", "{") or rest[:2] == "??" or inner.startswith("?"):
                break  # the stem ends where the pattern may repeat or turn on a flag
            options = [alt + rest.removeprefix("?") for alt in alternatives(inner)]
            if rest[:1] == "?":
                options.append(rest[1:])  # "(?:angry )?crowd": with the group or without it
            starts = {"".join(out) + s for option in options for s in stems(option, limit)}
            # "shell" stands for "shelled" too: a longer start adds nothing
            starts = {s for s in starts if not any(t != s and s.startswith(t) for t in starts)}
            return starts if len(starts) <= limit else {"".join(out)}
        if ch in _META or (i + 1 < len(word) and word[i + 1] in "?*{"):
            break
        out.append(ch)
        i += 1
    return {"".join(out).lower()}


def _close(pattern: str, i: int) -> int:
    """Index of the parenthesis that closes the one opened at ``i``."""
    depth, escaped = 0, False
    for j in range(i, len(pattern)):
        ch = pattern[j]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
    raise ValueError(f"unbalanced parenthesis in {pattern!r}")


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
    """Patterns registered by their alternatives; ``candidates`` names those that could match.

    Every pattern must begin at a word boundary (the users wrap them in ``\\b(?:...)``), so a
    stem found inside a word ("march" in "marched" counts, in "Kmarch" it does not) is skipped.
    """

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._always: set[int] = set()
        self._size = 0

    def add(self, words: list[str]) -> int:
        """Register one pattern, given as its alternatives; returns its id."""
        pid = self._size
        self._size += 1
        for word in words:
            for s in stems(word):
                if len(s) < 3:
                    self._always.add(pid)
                    continue
                _, _, ids = self._automaton.get(s) if s in self._automaton else (0, False, set())
                ids.add(pid)
                self._automaton.add_word(s, (len(s), _is_word(s[0]), ids))
        return pid

    def freeze(self) -> None:
        if len(self._automaton):
            self._automaton.make_automaton()

    def candidates(self, text: str) -> set[int]:
        found = set(self._always)
        if len(self._automaton):
            low = text.lower()
            for end, (length, word_first, ids) in self._automaton.iter(low):
                start = end - length + 1
                if word_first and start > 0 and _is_word(low[start - 1]):
                    continue  # inside a word: no \\b before the stem
                found |= ids
        return found


def _is_word(ch: str) -> bool:
    """What regex's \\w matches."""
    return ch.isalnum() or ch == "_"


class Gated:
    """A compiled pattern that is only run on texts holding one of the literal starts of
    its matches (``stems`` of each alternative); elsewhere it cannot match, and a substring
    test is far cheaper than the regex. A pattern with an alternative of no literal start
    of three or more characters is always run. Searches as the pattern would."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        starts = set().union(*(stems(alt) for alt in alternatives(regex.pattern)))
        self.starts = None if any(len(s) < 3 for s in starts) else tuple(sorted(starts))

    def could_match(self, text: str) -> bool:
        if self.starts is None:
            return True
        low = text.lower()
        return any(s in low for s in self.starts)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.search(text, pos) if self.could_match(text) else None

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.match(text, pos) if self.could_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text) if self.could_match(text) else iter(())

    def sub(self, repl: Callable[[re.Match[str]], str] | str, text: str) -> str:
        return self.regex.sub(repl, text) if self.could_match(text) else text
