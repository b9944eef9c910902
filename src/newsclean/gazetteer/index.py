"""Find the gazetteer names a misspelt word or span could be, without scanning the list.

Names are split into words. Every distinct word of a *target* name goes into a deletion
index (the SymSpell idea): each word is stored under every string obtained by deleting up
to ``k`` of its characters, ``k`` set by its length. A query word looks up its own
deletions; two words within ``k`` edits always share one, so the lookup finds every word it
must, and a handful it must not, which :func:`rapidfuzz.distance.OSA.distance` (edit
distance counting a transposition as one edit) then weeds out with a ``score_cutoff``.
Keys are CRC-32 hashes kept in two sorted arrays rather than a dict of strings: a million
names then take tens of megabytes instead of gigabytes, and collisions only add candidates
that verification drops.

A multi-word span is matched word by word (each word within its own threshold), then the
sequence of matched words is looked up as a whole name.

>>> idx = NameIndex(["Arvind Kejriwal", "Sonipat", "Aam Aadmi Party"], standalone=["Kejriwal"])
>>> idx.match_word("kejriawal")
[('Kejriwal', 1)]
>>> idx.match_span(["narendra", "kejriwall"])
[]
>>> idx.match_span(["arvind", "kejriawal"])
[('Arvind Kejriwal', 1)]
"""

from __future__ import annotations

import zlib
from itertools import product
from typing import Iterable, Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .format import fold


def max_edits(length: int) -> int:
    """Edits allowed for a word of this length: exact up to 4, one up to 8, then two."""
    return 0 if length <= 4 else 1 if length <= 8 else 2


def deletions(word: str, k: int) -> set[str]:
    """``word`` and every string made from it by deleting up to ``k`` characters."""
    out = {word}
    frontier = {word}
    for _ in range(k):
        frontier = {s[:i] + s[i + 1:] for s in frontier for i in range(len(s))}
        out |= frontier
    return out


def _hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


class WordIndex:
    """Deletion index over a list of distinct (folded) words."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)
        keys: list[int] = []
        ids: list[int] = []
        for i, w in enumerate(self.words):
            k = max_edits(len(w))
            if k == 0:
                continue  # short words are matched exactly, through the word dict
            hs = {_hash(d) for d in deletions(w, k)}
            keys.extend(hs)
            ids.extend([i] * len(hs))
        karr = np.fromiter(keys, dtype=np.uint32, count=len(keys))
        iarr = np.fromiter(ids, dtype=np.uint32, count=len(ids))
        order = np.argsort(karr, kind="stable")
        self._keys = karr[order]
        self._ids = iarr[order]
        self._lens = np.fromiter((len(w) for w in self.words), dtype=np.int16,
                                 count=len(self.words))

    @property
    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._ids.nbytes + self._lens.nbytes)

    def lookup(self, query: str, k: int | None = None) -> list[tuple[int, int]]:
        """(word id, distance) of indexed words within the allowed edits of ``query``.

        The allowance is the smaller of the two words' (``max_edits``), or ``k`` if given.
        """
        kq = max_edits(len(query)) if k is None else k
        if kq == 0 or len(self._keys) == 0:
            return []
        qh = np.fromiter({_hash(d) for d in deletions(query, kq)}, dtype=np.uint32)
        lo = np.searchsorted(self._keys, qh, "left")
        hi = np.searchsorted(self._keys, qh, "right")
        ids = self._ids
        parts = [ids[a:b] for a, b in zip(lo.tolist(), hi.tolist()) if a != b]
        if not parts:
            return []
        found = np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]
        # Lengths too far apart can never be within the allowance.
        found = found[np.abs(self._lens[found] - len(query)) <= kq].tolist()
        words = self.words
        out = []
        if len(found) > 64:
            # Many candidates (a crowded neighbourhood of a big list): verify them in C.
            hits = process.extract(query, [words[i] for i in found], scorer=OSA.distance,
                                   score_cutoff=kq, limit=None)
            pairs = [(found[j], int(d)) for _, d, j in hits]
        else:
            pairs = [(i, OSA.distance(query, words[i], score_cutoff=kq)) for i in found]
        for i, d in pairs:
            if d <= min(kq, max_edits(len(words[i]))):
                out.append((i, d))
        return out


class NameIndex:
    """Target names (canonical forms and aliases), matched as wholes and by their words.

    ``names`` are surface spellings, in order of preference: when two fold to the same key
    the first is kept. ``standalone`` lists the names a *single* word may be corrected to
    beyond the one-word names themselves (surnames of people, say); other words of
    multi-word names are matched only inside a span holding the rest of the name.
    """

    def __init__(self, names: Iterable[str], standalone: Iterable[str] = ()) -> None:
        self.surface: dict[tuple[int, ...], str] = {}
        #: A spelling without diacritics of a name preferred with them (Kaczynski for
        #: Kaczyński), for copy that writes names without them.
        self.ascii_of: dict[str, str] = {}
        word_ids: dict[str, int] = {}
        self._word_ids = word_ids
        for group in (names, standalone):
            for name in group:
                words = fold(name).split()
                if not words:
                    continue
                key = tuple(word_ids.setdefault(w, len(word_ids)) for w in words)
                first = self.surface.setdefault(key, name)
                if name.isascii() and not first.isascii():
                    self.ascii_of.setdefault(first, name)
        self.words = sorted(word_ids, key=word_ids.__getitem__)
        self._index = WordIndex(self.words)

    def __len__(self) -> int:
        return len(self.surface)

    @property
    def nbytes(self) -> int:
        return self._index.nbytes

    def exact(self, folded_words: Sequence[str]) -> str | None:
        """The surface spelling of the target name with exactly these folded words."""
        key = []
        for w in folded_words:
            i = self._word_ids.get(w)
            if i is None:
                return None
            key.append(i)
        return self.surface.get(tuple(key))

    def has_word(self, folded: str) -> bool:
        """Is ``folded`` a word of a target name?"""
        return folded in self._word_ids

    def near_a_word(self, folded: str) -> bool:
        """Is ``folded`` one of the words of a target name, or within the allowed edits
        of one?"""
        return folded in self._word_ids or bool(self._index.lookup(folded))

    def _word_candidates(self, w: str, fuzzy: bool) -> list[tuple[int, int]]:
        i = self._word_ids.get(w)
        if i is not None:
            return [(i, 0)]
        return self._index.lookup(w) if fuzzy else []

    def match_word(self, folded: str) -> list[tuple[str, int]]:
        """One-word target names within the allowed edits of ``folded``, nearest first."""
        i = self._word_ids.get(folded)
        if i is not None and (i,) in self.surface:
            return [(self.surface[(i,)], 0)]
        out = [(self.surface[(j,)], d) for j, d in self._index.lookup(folded)
               if (j,) in self.surface]
        out.sort(key=lambda t: (t[1], t[0]))
        return out

    def match_span(self, folded_words: Sequence[str],
                   fuzzy: Sequence[bool] | None = None) -> list[tuple[str, int]]:
        """Multi-word target names matching these words one for one, nearest first.

        Each word must be within its own allowance (``fuzzy[i]`` False: exactly), and the
        whole within the allowance for the whole span's length.
        """
        n = len(folded_words)
        if n < 2:
            return []
        if fuzzy is None:
            fuzzy = [True] * n
        cands = []
        for w, fz in zip(folded_words, fuzzy):
            c = self._word_candidates(w, fz)
            if not c:
                return []
            cands.append(c)
        limit = max_edits(sum(map(len, folded_words)) + n - 1)
        out = []
        for combo in product(*cands):
            d = sum(c[1] for c in combo)
            if d > limit:
                continue
            name = self.surface.get(tuple(c[0] for c in combo))
            if name is not None:
                out.append((name, d))
        out.sort(key=lambda t: (t[1], t[0]))
        return out
