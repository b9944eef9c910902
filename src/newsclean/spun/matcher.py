"""Find lexicon phrases in a text in one pass, at a cost that does not grow with the lexicon.

The text is lower-cased and split on whitespace; adjacent words, stripped of outer
punctuation, are joined into bigram strings by C-level maps, and their set is
intersected with the set of the lexicon's first bigrams (a hash lookup per bigram, in C).
Only the few bigrams that survive (real hits) are then located with ``str.find`` and
checked to stand as whole words.
So the work per megabyte is one tokenisation plus one hash probe per word, whatever the
number of entries.

>>> m = Matcher({"internet meeting": ("online meeting", 0.9, "", "test")})
>>> [(s, e, k) for s, e, k, _ in m.find("After an Internet meeting, he left.")]
[(9, 25, 'internet meeting')]
"""

from __future__ import annotations

from itertools import islice, repeat
from typing import Iterator, Mapping

from .collocations import normalize

# (original wording, score, guard, evidence)
Entry = tuple[str, float, str, str]


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

    def candidates(self, low: str, bigrams=None) -> set[str]:
        """First bigrams of lexicon phrases that occur (perhaps across punctuation).

        ``bigrams``: the text's token bigrams if the caller has them already.
        """
        if bigrams is None:
            bigrams = token_bigrams(low)
        return self.first.intersection(bigrams)

    def find(self, text: str, low: str | None = None,
             bigrams=None) -> Iterator[tuple[int, int, str, Entry]]:
        """Yield ``(start, end, key, entry)`` for each lexicon phrase in ``text``, in order.

        Phrases are found as written with single spaces (how copy is set); a phrase split
        by a line break or doubled space is not matched.
        """
        if low is None:
            low = normalize(text)
        found = self.candidates(low, bigrams)
        if not found:
            return
        hits = []
        n = len(low)
        for first in found:
            i = low.find(first)
            while i >= 0:
                if i == 0 or not _glued(low, i - 1, -1):
                    for phrase in self.by_first[first]:
                        j = i + len(phrase)
                        if low.startswith(phrase, i) and (j == n or not _glued(low, j, 1)):
                            hits.append((i, j, phrase, self.entries[phrase]))
                            break
                i = low.find(first, i + 1)
        hits.sort()
        yield from hits


# Punctuation that may cling to the outside of a word ("(talks", "attack,”").
_OUTER = ".,;:!?\"'()[]{}<>*\u201c\u201d\u2014\u2013\u2026"


def token_bigrams(low: str, toks: list[str] | None = None) -> set[str]:
    """The set of :func:`token_pairs`."""
    return set(token_pairs(low, toks))


def token_pairs(low: str, toks: list[str] | None = None) -> list[str]:
    """Pairs of words of normalised text that stand one whitespace apart (C-speed maps).

    The first word may carry opening punctuation and the second closing punctuation;
    punctuation between them makes a pair no lexicon key can equal.

    >>> token_pairs("(top-level talks, he said")
    ['top-level talks', 'talks, he', 'he said']
    """
    if toks is None:
        toks = low.split()
    left = map(str.lstrip, toks, repeat(_OUTER))
    right = map(str.rstrip, islice(toks, 1, None), repeat(_OUTER))
    return list(map(" ".join, zip(left, right)))


def _glued(low: str, k: int, direction: int) -> bool:
    """Does the character at ``k`` continue the word next to it (letter, digit, or an
    inner hyphen/apostrophe followed by one)?"""
    ch = low[k]
    if ch.isalnum():
        return True
    if ch in "-'":
        nxt = k + direction
        return 0 <= nxt < len(low) and low[nxt].isalnum()
    return False
