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

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .. import resources
from .format import Entry, GazetteerError, fold, parse_gazetteer, read_gazetteer
from .index import NameIndex, max_edits

__all__ = ["Entry", "Gazetteer", "GazetteerError", "default_entries", "fold", "load",
           "max_edits", "parse_gazetteer", "read_gazetteer"]

#: Person names whose last word is at least this long make it a one-word target.
_MIN_SURNAME = 5


class Gazetteer:
    """Target names in a :class:`NameIndex`, and every known name for protection.

    Entries earlier in the list win when two spellings fold to the same key.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        entries = list(entries)
        targets = [e for e in entries if e.target]
        canon = [e.canonical for e in targets]
        aliases = [a for e in targets for a in e.aliases]
        # A person's surname on its own is how news refers to them after the first mention.
        surnames = [e.canonical.split()[-1] for e in targets
                    if e.type == "person" and " " in e.canonical
                    and len(e.canonical.split()[-1]) >= _MIN_SURNAME]
        self.index = NameIndex(canon + aliases, standalone=surnames)
        self.n_entries = len(entries)
        self.n_targets = len(targets)
        known_lower: set[str] = set()
        known_words: set[str] = set()
        spelling: dict[str, str] = {}
        for e in entries:
            for name in e.names:
                known_lower.add(name.lower())
                f = fold(name)
                known_words.update(f.split())
                if " " not in f:
                    spelling.setdefault(f, name)
        #: How the gazetteer spells each one-word name, by folded form (first entry wins).
        self.spelling = spelling
        #: Every spelling of every name, lower-cased (case is the text's business).
        self.known_lower = frozenset(known_lower)
        #: Every word of every name, folded.
        self.known_words = frozenset(known_words)

    def __len__(self) -> int:
        return self.n_entries

    def is_known_name(self, token: str) -> bool:
        """Is ``token`` a name, or a word of a name, that the gazetteer knows?"""
        return token.lower() in self.known_lower or fold(token) in self.known_words

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


# Bump when the Gazetteer's pickled layout changes.
_CACHE_FORMAT = "1"


def _cache_dir() -> Path | None:
    env = os.environ.get("NEWSCLEAN_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None  # empty: no cache
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsclean"


@lru_cache(maxsize=8)
def load(paths: tuple[str, ...] = (), default: bool = True) -> Gazetteer:
    """The gazetteer of the user's files (first, so they win) and the shipped one.

    Building the index takes about a second; the result is cached on disk (in
    ``$NEWSCLEAN_CACHE_DIR``, else ``~/.cache/newsclean``; set it empty to turn this off)
    under a hash of every file's contents, so later processes load it in a fraction of that.
    """
    try:
        texts = [(p, Path(p).read_bytes()) for p in paths]
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer file: {exc}") from None
    shipped = _default_files() if default else []
    key = hashlib.sha1(_CACHE_FORMAT.encode())
    for name, data in texts:
        key.update(name.encode() + b"\0" + data + b"\0")
    for name, text in shipped:
        key.update(name.encode() + b"\0" + text.encode() + b"\0")
    folder = _cache_dir()
    cached = folder / f"gazetteer-{key.hexdigest()[:20]}.pickle" if folder else None
    if cached is not None and cached.is_file():
        try:
            with cached.open("rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except Exception:  # a stale or broken cache is rebuilt, never trusted
            pass
    entries: list[Entry] = []
    for p, _ in texts:
        entries.extend(read_gazetteer(p))
    if default:
        entries.extend(default_entries())
    gaz = Gazetteer(entries)
    if cached is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cached)
        except OSError:
            pass  # a read-only home is no reason to fail
    return gaz
