"""The gazetteer file format: one name per line, tab-separated, UTF-8.

Columns::

    canonical <TAB> type <TAB> aliases <TAB> country

* ``canonical``: the spelling newsclean writes (``Arvind Kejriwal``, ``Sonipat``).
* ``type``: what the name is (``person``, ``place``, ``country``, ``party``,
  ``organisation``, ``agency``, ``company``, ``event``...); free text, lower case.
* ``aliases``: other correct spellings and short forms, separated by ``|``
  (``Kejriwal``; ``AAP|Aam Aadmi``). They are known names too, and a misspelling of an
  alias is restored to the alias, never expanded to the canonical form. May be empty.
* ``country``: optional ISO 3166-1 alpha-2 code.

Blank lines and lines starting with ``#`` are ignored. A line ``#! role=protect`` anywhere
in the file makes all of its names *protect-only*: a span equal to one of them is left alone,
but nothing is ever corrected towards them. Large lists (every town, every surname) belong
there; correcting towards a million names turns real names into wrong ones.

>>> rows = parse_gazetteer("Aam Aadmi Party\\tparty\\tAAP|Aam Aadmi\\tIN\\n")
>>> rows[0].canonical, rows[0].aliases, rows[0].country, rows[0].target
('Aam Aadmi Party', ('AAP', 'Aam Aadmi'), 'IN', True)
>>> fold("Sonīpat"), fold("ZÜRICH"), fold("Łódź")
('sonipat', 'zurich', 'lodz')
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROTECT_DIRECTIVE = "#! role=protect"
#: Lower-case words that join the words of many names (Bank of England, Mar del Plata,
#: Mohammed bin Salman): never a misspelt part of a name.
JOINERS = frozenset("al and bin da das de del der des di do dos du e el ibn la le les of on "
                    "the ul upon ur van von y".split())


class GazetteerError(ValueError):
    """A gazetteer file that cannot be read, with the file and line in the message."""


@dataclass(frozen=True)
class Entry:
    """One line of a gazetteer."""

    canonical: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    #: False for protect-only entries (never corrected towards).
    target: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical,) + self.aliases


# Letters NFKD does not take apart.
_SPECIAL = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ħ": "h",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-",
})


def fold_uncached(s: str) -> str:
    """Case and diacritics folded, for matching (``Sonīpat`` → ``sonipat``)."""
    if s.isascii():
        s = s.lower().replace("`", "'")
        return s if "  " not in s and s == s.strip() else " ".join(s.split())
    s = s.translate(_SPECIAL)
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s)
                    if not unicodedata.combining(c)).translate(_SPECIAL)
    return " ".join(s.lower().split())


#: :func:`fold_uncached` with a cache, for the words of texts (which repeat).
fold = lru_cache(maxsize=100_000)(fold_uncached)


def parse_gazetteer(text: str, source: str = "<string>") -> list[Entry]:
    """Parse gazetteer text into entries; raise :class:`GazetteerError` on a bad line."""
    target = True
    entries = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            if stripped.replace(" ", "") == PROTECT_DIRECTIVE.replace(" ", ""):
                target = False
            continue
        if not stripped:
            continue
        cols = [c.strip() for c in line.rstrip("\r\n").split("\t")]
        if len(cols) < 2 or len(cols) > 4:
            raise GazetteerError(
                f"{source}:{lineno}: expected 2 to 4 tab-separated columns (canonical, type, "
                f"aliases, country), got {len(cols)}: {line!r}")
        canonical, typ = cols[0], cols[1].lower()
        if not canonical or not typ:
            raise GazetteerError(f"{source}:{lineno}: empty canonical name or type: {line!r}")
        aliases = tuple(a.strip() for a in cols[2].split("|") if a.strip()) if len(cols) > 2 else ()
        country = cols[3].upper() if len(cols) > 3 else ""
        if country and (len(country) != 2 or not country.isalpha()):
            raise GazetteerError(f"{source}:{lineno}: country must be an ISO 3166-1 alpha-2 "
                                 f"code, not {country!r}")
        entries.append(Entry(canonical, typ, tuple(a for a in aliases if a != canonical),
                             country, target))
    return entries


def read_gazetteer(path: str | Path) -> list[Entry]:
    """Read a gazetteer file from disk (a user's own list)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GazetteerError(f"gazetteer file not found: {p}") from None
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"gazetteer file {p} is not UTF-8: {exc}") from None
    return parse_gazetteer(text, str(p))
