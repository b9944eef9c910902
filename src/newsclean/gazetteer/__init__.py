"""Gazetteers: the names newsclean restores (targets) and the names it must leave alone.

The shipped default lives in ``newsclean/data/gazetteer/`` (see its README for sources and
licences); users add their own files in the same format (:mod:`.format`).

>>> g = Gazetteer(parse_gazetteer("Arvind Kejriwal\\tperson\\tKejriwal\\tIN\\n"))
>>> g.match_word("kejriawal")
[('Kejriwal', 1)]
>>> g.is_known_name("Arvind"), g.is_known_name("Dattatraya")
(True, False)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

from .. import resources
from .format import (JOINERS, PROTECT_DIRECTIVE, Entry, GazetteerError, fold, fold_uncached,
                     parse_gazetteer, read_gazetteer)

__all__ = ["Entry", "Gazetteer", "GazetteerError", "default_entries", "fold", "load",
           "parse_gazetteer", "read_gazetteer"]

#: Person names whose last word is at least this long make it a one-word target.
_MIN_SURNAME = 5


class Gazetteer:
    """Target names in a :class:`NameIndex`, and every known name for protection.

    Entries earlier in the list win when two spellings fold to the same key.
    """

    def __init__(self, entries: Iterable[Entry], protect: Iterable[str] = (),
                 protect_countries: Iterable[tuple[str, str]] = (),
                 people: Iterable[str] = ()) -> None:
        """``protect``: more protect-only names, as plain strings (the fast path for big
        shipped lists); ``protect_countries``: (name, country) for those of them that
        a country with letters of its own beyond Latin-1 writes (see
        :meth:`own_letters`)."""
        entries = list(entries)
        protect = list(protect)
        targets = [e for e in entries if e.target]
        canon = [e.canonical for e in targets]
        aliases = [a for e in targets for a in e.aliases]
        # A person's surname on its own is how news refers to them after the first mention.
        surnames = [e.canonical.split()[-1] for e in targets
                    if e.type == "person" and " " in e.canonical
                    and len(e.canonical.split()[-1]) >= _MIN_SURNAME]
        from .index import NameIndex  # numpy: imported only when a gazetteer is built

        self.index = NameIndex(canon + aliases, standalone=surnames)
        self.n_entries = len(entries) + len(protect)
        #: The type of each target spelling (the first entry's, for shared spellings).
        self.type_of: dict[str, str] = {}
        for e in targets:
            for n in e.names:
                self.type_of.setdefault(n, e.type)
            if e.type == "person" and " " in e.canonical:
                self.type_of.setdefault(e.canonical.split()[-1], "person")
        #: Spellings of people's names among the targets.
        self.person_names = frozenset(n for n, t in self.type_of.items() if t == "person")
        self.n_targets = len(targets)
        #: Words written in lower case inside target names (Frankfurt am Main, Ternopilska
        #: oblast, Saldus novads), folded.
        self.lower_words = frozenset(fold(w) for e in targets for n in e.names
                                     for w in n.split()[1:] if w[:1].islower())
        #: Capitalised words of target names that a lower-case word other than a joiner
        #: follows (Saldus in Saldus novads), folded.
        self.lower_heads = frozenset(
            fold(a) for e in targets for n in e.names
            for a, b in zip(n.split(), n.split()[1:])
            if a[:1].isupper() and b[:1].islower() and fold(b) not in JOINERS)
        #: Every spelling of a target name, lower-cased: never a typo of another name.
        self.target_lower = frozenset(n.lower() for e in targets for n in e.names)
        known_lower: set[str] = set()
        known_words: set[str] = set()
        spelling: dict[str, str] = {}
        names = [n for e in entries for n in e.names]
        names.extend(protect)
        for name in names:
            low = name.lower()
            known_lower.add(low)
            f = low if low.isalpha() and low.isascii() else fold_uncached(name)
            if " " in f:
                known_words.update(f.split())
            else:
                known_words.add(f)
                spelling.setdefault(f, name)
        #: How the gazetteer spells each one-word name, by folded form (first entry wins).
        self.spelling = spelling
        #: Every spelling of every name, lower-cased (case is the text's business).
        self.known_lower = frozenset(known_lower)
        #: Every word of every name, folded.
        self.known_words = frozenset(known_words)
        # The letters beyond Latin-1 that the alphabets of the countries of each word's
        # names have, by folded word (only words of such countries' names).
        alphabets = native_letters()
        letters: dict[str, str] = {}
        pairs = [(n, e.country) for e in entries if e.country in alphabets for n in e.names]
        for name, country in pairs + list(protect_countries):
            for w in name.split():
                f = fold(w)
                if alphabets[country] not in letters.get(f, ""):
                    letters[f] = letters.get(f, "") + alphabets[country]
        self._own_letters = letters
        # People carry their names across borders: a word of the people lists that is no
        # target's (whose own spelling is the gazetteer's) may keep the letters of any
        # listed alphabet (Wiśniewski, an American census surname).
        self._every_letter = "".join(sorted(set("".join(alphabets.values()))))
        has_word = self.index.has_word
        self._people = frozenset(
            f for f in {w.lower() if w.isascii() else fold(w) for n in people
                        for w in n.split()} if not has_word(f))

    def __len__(self) -> int:
        return self.n_entries

    def own_letters(self, token: str) -> bool:
        """Are the letters of ``token`` beyond Latin-1 all letters of the alphabet of a
        country whose names have the word? Then they are that country's spelling (Muş,
        Gdańsk), not the marks of a romanisation (Sonīpat).

        >>> g = Gazetteer(parse_gazetteer("Mus\\tplace\\t\\tTR\\nSonipat\\tplace\\t\\tIN\\n"))
        >>> g.own_letters("Muş"), g.own_letters("Mūs"), g.own_letters("Sonīpat")
        (True, False, False)
        """
        f = fold(token)
        own = self._own_letters.get(f)
        if f in self._people:
            own = (own or "") + self._every_letter
        return own is not None and all(
            c in own for c in token.lower()
            if "\u0100" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff")

    def is_known_name(self, token: str) -> bool:
        """Is ``token`` a name, or a word of a name, that the gazetteer knows?"""
        return token.lower() in self.known_lower or fold(token) in self.known_words

    def is_target_word(self, folded: str) -> bool:
        """Is ``folded`` a word of a target name (or one of its spellings)?"""
        return self.index.has_word(folded)

    def match_word(self, folded: str) -> list[tuple[str, int]]:
        return self.index.match_word(folded)

    def match_span(self, folded_words: Sequence[str],
                   fuzzy: Sequence[bool] | None = None) -> list[tuple[str, int]]:
        return self.index.match_span(folded_words, fuzzy)


def _default_files() -> list[tuple[str, str]]:
    """(name, text) of the shipped gazetteer's files, curated files first."""
    folder = resources.data_file("gazetteer")
    files = []
    for sub in ("curated", None):
        node = folder.joinpath(sub) if sub else folder
        files.extend(sorted((f for f in node.iterdir() if f.name.endswith(".tsv")),
                            key=lambda f: f.name))
    return [(f"newsclean:{f.name}", f.read_text(encoding="utf-8")) for f in files]


@lru_cache(maxsize=1)
def default_entries() -> tuple[Entry, ...]:
    """Every entry of the shipped gazetteer, curated files first."""
    entries: list[Entry] = []
    for name, text in _default_files():
        entries.extend(parse_gazetteer(text, name))
    return tuple(entries)


@lru_cache(maxsize=1)
def native_letters() -> dict[str, str]:
    """``{country: letters beyond Latin-1 of its own alphabet}`` (``data/gazetteer/
    native_letters.txt``).

    >>> "ş" in native_letters()["TR"], "IN" in native_letters()
    (True, False)
    """
    rows = (line.split("\t") for line in resources.data_lines("gazetteer/native_letters.txt"))
    return {country: letters.strip() for country, letters in rows}


def _names_fast(text: str) -> Iterable[tuple[str, str]]:
    """Every name (canonical and aliases) in a well-formed gazetteer file, with its
    country."""
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        cols = line.split("\t")
        country = cols[3] if len(cols) > 3 else ""
        yield cols[0], country
        if len(cols) > 2 and cols[2]:
            for alias in cols[2].split("|"):
                yield alias, country


@lru_cache(maxsize=8)
def load(paths: tuple[str, ...] = (), default: bool = True) -> Gazetteer:
    """The gazetteer of the user's files (first, so they win) and the shipped one.

    Built once per process, at first use: about half a second for the shipped lists
    (benchmarks/bench_gazetteer.py measures it).
    """
    entries: list[Entry] = []
    for p in paths:
        entries.extend(read_gazetteer(p))
    protect: list[str] = []
    own: list[tuple[str, str]] = []
    people: list[str] = []
    if default:
        alphabets = native_letters()
        for name, text in _default_files():
            if PROTECT_DIRECTIVE in text:
                # shipped and tested: no need to check. People carry their names across
                # borders: a surname or given name of the people lists may keep the
                # letters of any listed alphabet (Wiśniewski, an American census name).
                is_people = "person" in name
                for n, country in _names_fast(text):
                    protect.append(n)
                    if is_people:
                        people.append(n)
                    elif country in alphabets:
                        own.append((n, country))
            else:
                entries.extend(parse_gazetteer(text, name))
    return Gazetteer(entries, protect, own, people)
