"""Find lexicon phrases in a text in one pass, at a cost that does not grow with the lexicon.

The text is lower-cased, its punctuation blanked out and split on whitespace; adjacent
words are joined into bigram strings by a C-level map, and their set is intersected with the set of the lexicon's key bigrams (each phrase is keyed by the bigram
holding its swapped word; a hash lookup per bigram, in C).
Only the few bigrams that survive (real hits) are then located with ``str.find`` and
checked to stand as whole words.
So the work per megabyte is one tokenisation plus one hash probe per word, whatever the
number of entries.

A verb-object phrase with a determiner ("maintain a summit", from "hold a summit") is also
found with another determiner and up to two modifiers before its object ("maintain their
first summit"): a spinner swaps the verb wherever the object stands. Such a phrase adds a
key for the verb and each determiner, checked by reading the few words after it.

>>> m = Matcher({"internet meeting": ("online meeting", 0.9, 0, "test")})
>>> [(s, e, k) for s, e, k, _ in m.find("After an Internet meeting, he left.")]
[(9, 25, 'internet meeting')]
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Iterator, Mapping

from .collocations import FUNCTION_WORDS, normalize

# (original wording, score, index of the swapped word or -1, evidence)
Entry = tuple[str, float, str, str]

# Determiners a verb's object may take; the words between a determiner and the object
# (at most _GAP_WORDS) must be modifiers: no function word, no punctuation.
GAP_DETERMINERS = ("a", "an", "the", "their", "its", "his", "her", "our", "this", "these",
                   "those", "my", "your")
_GAP_WORDS = 2
# A looser match than the phrase as written: a little less confidence.
GAP_PENALTY = 0.05


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
        self.gaps = _gap_index(self.entries)
        self.keys = frozenset(self.by_key).union(self.gaps)

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
                if key in self.gaps:
                    hits.extend(self._gapped(low, key, cs, ce))
                    if key not in self.by_key:
                        continue
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

    def _gapped(self, low: str, key: str, cs: int, ce: int) -> Iterator[tuple]:
        """Verb-object phrases at ``key`` (verb + determiner) with the object a few words on.

        The phrase's determiner with nothing between is the phrase as written, found by
        :meth:`find` itself; anything else yields the entry re-worded around the words
        actually there ("hold their first summit").
        """
        objects = self.gaps[key]
        n = len(low)
        at = low.find(key, cs, ce)
        while at >= 0:
            start, after = at, at + len(key)
            at = low.find(key, at + 1, ce)
            if start and _glued(low, start - 1, -1):
                continue
            m = _GAP_TAIL.match(low, after)
            if not m:
                continue
            words = [w for w in m.groups() if w]
            for k, word in enumerate(words):
                if word in objects:
                    phrase = objects[word]
                    end = m.end(k + 1)
                    if (end == n or not _glued(low, end, 1)) and (
                            k or key != phrase[:after - start]):
                        original, score, swapped, evidence = self.entries[phrase]
                        verb = original.split(" ", 1)[0]
                        between = low[start + key.index(" "):end]
                        yield (start, end, low[start:end],
                               (verb + between, round(score - GAP_PENALTY, 2), swapped,
                                evidence + "; words between verb and object"))
                    break
                if word in FUNCTION_WORDS:
                    break


# The (at most three) words after "verb determiner": modifiers, then the object.
_GAP_TAIL = re.compile(r" ([a-z0-9][a-z0-9-]*)" + r"(?: ([a-z0-9][a-z0-9-]*))?" * _GAP_WORDS)


def _gap_index(entries: Mapping[str, Entry]) -> dict[str, dict[str, str]]:
    """``{"verb determiner": {object: phrase}}`` for the verb-determiner-object phrases
    whose verb is the swapped word (both it and the word it replaced can be verbs: "later
    this month" is no verb and its object)."""
    from .grammar import pos_table      # here: grammar imports this module

    pos = pos_table()
    out: dict[str, dict[str, str]] = {}
    for phrase, entry in entries.items():
        words = phrase.split(" ")
        if (len(words) == 3 and words[1] in GAP_DETERMINERS and len(entry) > 2
                and entry[2] == 0 and "V" in pos.get(words[0], "")
                and "V" in pos.get(entry[0].partition(" ")[0], "")):
            for det in GAP_DETERMINERS:
                objects = out.setdefault(f"{words[0]} {det}", {})
                best = objects.get(words[2])
                if best is None or entries[best][1] < entry[1]:
                    objects[words[2]] = phrase
    return out


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


# In an ASCII text (most lower-cased copy the pass reads, see detect._lowered) the marks
# above are blanked in one C-level bytes.translate instead of a str.replace per mark.
_BLANK_ASCII = bytes(32 if chr(i) in _PUNCT else i for i in range(128)) + bytes(range(128, 256))


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
        toks = words_of(low)
    return list(map(" ".join, zip(toks, islice(toks, 1, None))))


def words_of(low: str) -> list[str]:
    """The words :func:`token_pairs` pairs up (punctuation blanked, split on spaces)."""
    if low.isascii():
        return low.encode("ascii").translate(_BLANK_ASCII).decode("ascii").split()
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
