"""Find lexicon phrases in a text in one pass, at a cost that does not grow with the lexicon.

The text is lower-cased, its punctuation blanked out and split on whitespace; adjacent
words are joined into bigram strings by a C-level map, and their set is intersected with the set of the lexicon's key bigrams (each phrase is keyed by the bigram
holding its swapped word; a hash lookup per bigram, in C).
Only the few bigrams that survive (real hits) are then located with ``str.find`` and
checked to stand as whole words.
So the work per megabyte is one tokenisation plus one hash probe per word, whatever the
number of entries.

>>> m = Matcher({"internet meeting": ("online meeting", 0.9, 0, "test")})
>>> [(s, e, k) for s, e, k, _ in m.find("After an Internet meeting, he left.")]
[(9, 25, 'internet meeting')]
"""

from __future__ import annotations

from itertools import islice
from typing import Iterator, Mapping

from .collocations import FUNCTION_WORDS, normalize

# (original wording, score, index of the swapped word or -1, evidence)
Entry = tuple[str, float, str, str]


class Matcher:
    """Locate the phrases of ``entries`` (lower-case, single-spaced keys) in texts."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self.entries = dict(entries)
        by_key: dict[str, list[tuple[str, int]]] = {}
        for phrase, entry in self.entries.items():
            words = phrase.split(" ")
            if len(words) < 2:
                raise ValueError(f"lexicon phrases need two words or more: {phrase!r}")
            k = _key_index(words, entry[2] if len(entry) > 2 else -1)
            key = f"{words[k]} {words[k + 1]}"
            # how far the phrase starts before its key bigram (words joined by one space)
            back = len(" ".join(words[:k])) + 1 if k else 0
            by_key.setdefault(key, []).append((phrase, back))
        # Longest first, so that "a b c" wins over "a b".
        self.by_key = {k: tuple(sorted(v, key=lambda pb: -len(pb[0])))
                       for k, v in by_key.items()}
        self.keys = frozenset(self.by_key)

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, low: str, bigrams=None) -> set[str]:
        """Key bigrams of lexicon phrases that occur in ``low``.

        ``bigrams``: the text's word pairs (any iterable) if the caller has them already.
        """
        if bigrams is None:
            bigrams = token_pairs(low)
        return self.keys.intersection(bigrams)

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
        # Keys are located chunk by chunk: a key found nowhere (its pair straddled
        # punctuation) or past its last occurrence costs a scan of one chunk, not of the
        # rest of a long document.
        for cs, ce in _chunks(low):
            keys = found if (cs, ce) == (0, n) else \
                found.intersection(token_pairs(low[cs:ce]))
            for key in keys:
                at = low.find(key, cs, ce)
                while at >= 0:
                    for phrase, back in self.by_key[key]:
                        i = at - back
                        j = i + len(phrase)
                        if (i >= 0 and low.startswith(phrase, i)
                                and (i == 0 or not _glued(low, i - 1, -1))
                                and (j == n or not _glued(low, j, 1))):
                            hits.append((i, j, phrase, self.entries[phrase]))
                            break
                    at = low.find(key, at + 1, ce)
        hits.sort()
        # one phrase per place: two entries can share words ("a b" inside "x a b")
        last = -1
        for hit in hits:
            if hit[0] >= last:
                yield hit
                last = hit[1]


# Long texts are searched in chunks of about this many characters, cut at line breaks (or,
# in one huge line, at spaces, with an overlap so no key is cut in two).
_CHUNK = 1 << 15
_OVERLAP = 200


def _chunks(low: str) -> list[tuple[int, int]]:
    n = len(low)
    if n <= _CHUNK:
        return [(0, n)]
    out = []
    start = 0
    while start < n:
        end = min(n, start + _CHUNK)
        if end < n:
            cut = low.rfind("\n", start, end)
            if cut > start:
                end = cut
            else:
                end = min(n, end + _OVERLAP)
        out.append((start, end))
        start = end if end == n or low[end:end + 1] == "\n" else end - _OVERLAP
    return out


def _key_index(words: list[str], swapped: int) -> int:
    """Index of the bigram a phrase is looked up by: the one holding the swapped word (the
    rarest part of the phrase), with a content word beside it when there is a choice, so
    that a phrase like "in a profession" is not probed at every "in a"."""
    last = len(words) - 2
    if not 0 <= swapped < len(words):
        return 0
    if swapped > last:
        return last
    if swapped == 0:
        return 0
    right, left = words[swapped + 1], words[swapped - 1]
    if right in FUNCTION_WORDS and left not in FUNCTION_WORDS:
        return swapped - 1
    return swapped


# Punctuation that separates words (apostrophes and hyphens inside words are kept).
_PUNCT = ".,;:!?\"()[]{}<>*/\u201c\u201d\u2014\u2013\u2026"


def token_bigrams(low: str, toks: list[str] | None = None) -> set[str]:
    """The set of :func:`token_pairs`."""
    return set(token_pairs(low, toks))


def token_pairs(low: str, toks: list[str] | None = None) -> list[str]:
    """Adjacent words of normalised text, joined in pairs (C-speed replace, split, map).

    Punctuation is blanked out first, so pairs may straddle it ("talks he" below): the
    pairs only propose candidates, and :meth:`Matcher.find` checks the real text.

    >>> token_pairs("(top-level talks, he said")
    ['top-level talks', 'talks he', 'he said']
    """
    if toks is None:
        for ch in _PUNCT:
            if ch in low:
                low = low.replace(ch, " ")
        toks = low.split()
    return list(map(" ".join, zip(toks, islice(toks, 1, None))))


def words_of(low: str) -> list[str]:
    """The words :func:`token_pairs` pairs up (punctuation blanked, split on spaces)."""
    for ch in _PUNCT:
        if ch in low:
            low = low.replace(ch, " ")
    return low.split()


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
