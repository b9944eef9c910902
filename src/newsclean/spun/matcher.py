"""Find lexicon phrases in a text in one pass, at a cost that does not grow with the lexicon.

The text is lower-cased and cut into word tokens with one compiled regex (C speed); every
adjacent pair of tokens is joined into a bigram string and the set of those bigrams is
intersected with the set of the lexicon's first bigrams (a hash lookup per bigram, in C).
Only the few bigrams that survive are then located, with a small regex built from the
phrases that start with them, which also checks what the token stream cannot: that the
words are separated by spaces only (no punctuation in between) and stand as whole words.
So the work per megabyte is one tokenisation plus one hash probe per word, whatever the
number of entries.

>>> m = Matcher({"internet meeting": ("online meeting", 0.9, "", "test")})
>>> [(s, e, k) for s, e, k, _ in m.find("After an Internet  meeting, he left.")]
[(9, 27, 'internet meeting')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Iterator, Mapping

from .collocations import TOKEN, TOKEN_RE, normalize

# (original wording, score, guard, evidence)
Entry = tuple[str, float, str, str]

_WS = re.compile(r"\s+")


class Matcher:
    """Locate the phrases of ``entries`` (lower-case, single-spaced keys) in texts."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self.entries = dict(entries)
        by_first: dict[str, list[str]] = {}
        for phrase in self.entries:
            words = phrase.split(" ")
            if len(words) < 2:
                raise ValueError(f"lexicon phrases need two words or more: {phrase!r}")
            by_first.setdefault(" ".join(words[:2]), []).append(phrase)
        # Longest first, so the regex alternation prefers "a b c" over "a b".
        self.by_first = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}
        self.first = frozenset(self.by_first)

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, low: str) -> set[str]:
        """First bigrams of lexicon phrases that occur (perhaps across punctuation)."""
        toks = TOKEN_RE.findall(low)
        return self.first.intersection(map(" ".join, zip(toks, islice(toks, 1, None))))

    def find(self, text: str) -> Iterator[tuple[int, int, str, Entry]]:
        """Yield ``(start, end, key, entry)`` for each lexicon phrase in ``text``."""
        low = normalize(text)
        found = self.candidates(low)
        if not found:
            return
        phrases = []
        for first in sorted(found):
            phrases.extend(self.by_first[first])
        rx = _locator(tuple(phrases))
        for m in rx.finditer(low):
            key = _WS.sub(" ", m.group(0))
            entry = self.entries.get(key)
            if entry is not None:
                yield m.start(), m.end(), key, entry


@lru_cache(maxsize=512)
def _locator(phrases: tuple[str, ...]) -> re.Pattern:
    # Whole words only: not glued to a letter, digit, hyphen or apostrophe on either side.
    alts = "|".join(r"\s+".join(map(re.escape, p.split(" "))) for p in phrases)
    return re.compile(r"(?<![\w'-])(?:" + alts + r")(?![\w]|[-'][\w])")
