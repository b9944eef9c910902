"""The chrome vocabulary: pattern files that say which lines are site chrome.

A pattern file is tab-separated, ``kind  scope  phrase`` per line (``#`` starts a comment);
``data/site_chrome.tsv`` documents the kinds and scopes and ships the built-in vocabulary.
Users add files of their own with the ``chrome_patterns`` option.

>>> pats = load_patterns(())
>>> pats.match("ALSO READ | Punjab votes on Sunday")
('prefix', 'any', 'also read')
>>> pats.match("Share this:")
('line', 'any', 'share this')
>>> pats.match("Shares in Apple fell 3% on Monday.") is None
True
>>> pats.match("WATCH Helicopter drops supplies"), pats.match("WATCH THIS SPACE")
(('prefix', 'any', 'watch'), None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from . import resources

BUILTIN = "site_chrome.tsv"
KINDS = ("line", "label", "prefix", "lead", "section", "regex")
SCOPES = ("any", "edge")

# Characters that frame a label without changing it: "SHARE THIS:", "» Related", "• Print".
_FRAME = " \t\r:|»›>.•·*#-–—=_~"
_SPACES = re.compile(r"\s+")
# What separates a label from its value: "Also read: X", "ALSO READ | X", "Tags » X".
_SEP = r"\s*[:|»›>•–—-]+\s*"
# Where one sentence ends and the next begins: ". The", "?” He".
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[\"“‘(]*[A-Z]")
# Closing marks that may follow a sentence's last punctuation.
_CLOSERS = "\"'”’)]»"


def normalise(line: str) -> str:
    """A line reduced to what identifies it as a label: lower case, single spaces, no frame.

    >>> normalise("  SHARE   This: ")
    'share this'
    >>> normalise("Don’t Miss »")
    "don't miss"
    """
    s = _SPACES.sub(" ", line.replace("\u2019", "'").replace("\u00a0", " "))
    return s.strip(_FRAME).lower()


def headline_like(rest: str, max_words: int = 25) -> bool:
    """Is ``rest`` short and not a finished sentence (a headline, a name, a date)?

    >>> headline_like("Punjab votes on Sunday"), headline_like("He said the vote was fair.")
    (True, False)
    >>> headline_like("Ludhiana: The police have filed an FIR against 44 people…")
    True
    """
    s = rest.strip().rstrip(_CLOSERS)
    if s.endswith(("...", "\u2026")):
        return s.count(" ") < 2 * max_words
    if s.endswith((".", ";")):
        return False
    return s.count(" ") < max_words


def _phrase_regex(phrase: str) -> str:
    parts = [re.escape(w) for w in phrase.replace("\u2019", "'").split()]
    # Apostrophes come straight or curly.
    return r"\s+".join(parts).replace("'", "['\u2019]")


@dataclass(frozen=True)
class Patterns:
    """Compiled chrome vocabulary. ``match(line)`` says which entry a line matches."""

    lines: dict  # normalised phrase -> (kind, scope) for kinds "line", "label", "section"
    prefix: re.Pattern | None
    prefix_scope: dict  # normalised phrase -> scope
    lead: re.Pattern | None
    lead_scope: dict
    regexes: tuple  # (compiled, scope, source)
    section_words: frozenset  # normalised section phrases, for "More from <site>" lines

    def match(self, line: str, norm: str | None = None) -> tuple[str, str, str] | None:
        """``(kind, scope, phrase)`` of the entry ``line`` matches, or None.

        For ``prefix`` entries the rest of the line must be headline-like; a line that is
        a finished sentence after the label is not chrome.
        """
        stripped = line.strip()
        if not stripped:
            return None
        if stripped[0] == "(" and ")" not in stripped:
            return None  # the bracket closes on a later line: not a line of its own
        if len(stripped) <= 80:
            if norm is None:
                norm = normalise(stripped)
            hit = self.lines.get(norm)
            if hit is not None:
                return hit[0], hit[1], norm
        if self.lead is not None:
            m = self.lead.match(stripped)
            if m is not None:
                key = normalise(m.group(1))
                return "lead", self.lead_scope.get(key, "edge"), key
        if self.prefix is not None:
            m = self.prefix.match(stripped)
            if m is not None:
                label, sep, rest = m.group(1), m.group(2), m.group(3)
                # Without a separator only a label of two words or more ("Published by
                # news2in") or the shouting form ("ALSO READ Punjab votes") counts, and
                # only before a short rest, so "Related talks stalled" stays a line. In
                # the shouting form the change of case is the separator: a line in
                # capitals throughout ("READ BETWEEN THE LINES", "PHOTO FINISH") is a
                # subhead that happens to start with the word, not label plus headline.
                bare = not sep.strip()
                if rest.strip() and headline_like(rest, 12 if bare else 25) \
                        and not SENTENCE_BREAK.search(rest) and (
                        not bare or " " in label.strip()
                        or (label.isupper() and rest[:1].isupper()
                            and not rest.isupper())):
                    key = normalise(label)
                    return "prefix", self.prefix_scope.get(key, "edge"), key
        if len(stripped) <= 300:
            for rx, scope, src in self.regexes:
                if rx.fullmatch(stripped):
                    return "regex", scope, src
        return None

    def section_with_name(self, line: str, norm: str | None = None) -> str | None:
        """A section heading followed by a short name ("More from news2in"), or None."""
        s = line.strip()
        if len(s) > 80 or s.rstrip(_CLOSERS).endswith((".", "?", "!")):
            return None
        words = (norm if norm is not None else normalise(s)).split()
        # Headings are at most four words; the name after them at most four more.
        for k in range(min(4, len(words) - 1), 0, -1):
            if len(words) - k <= 4 and " ".join(words[:k]) in self.section_words:
                return " ".join(words[:k])
        return None


class PatternFileError(ValueError):
    """A pattern file that cannot be read; the message names the file and line."""


def parse_rows(text: str, origin: str) -> list[tuple[str, str, str]]:
    rows = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.rstrip("\r\n").split("\t")
        if len(cols) != 3 or not cols[2].strip():
            raise PatternFileError(
                f"{origin}:{n}: expected 'kind<TAB>scope<TAB>phrase', got {raw!r}")
        kind, scope, phrase = cols[0].strip(), cols[1].strip(), cols[2].strip()
        if kind not in KINDS:
            raise PatternFileError(f"{origin}:{n}: unknown kind {kind!r} (one of {KINDS})")
        if scope not in SCOPES:
            raise PatternFileError(f"{origin}:{n}: unknown scope {scope!r} (one of {SCOPES})")
        if kind == "regex":
            try:
                re.compile(phrase)
            except re.error as exc:
                raise PatternFileError(f"{origin}:{n}: bad regular expression: {exc}") from None
        rows.append((kind, scope, phrase))
    return rows


def check_pattern_files(value: object) -> tuple[str, ...]:
    """Option converter: a path or paths to readable, well-formed pattern files."""
    if value is None:
        return ()
    if isinstance(value, (str, Path)):
        value = [value]
    try:
        paths = tuple(str(Path(p)) for p in value)  # type: ignore[union-attr]
    except TypeError:
        raise TypeError(f"chrome_patterns takes a path or a list of paths, not {value!r}") \
            from None
    for p in paths:
        if not Path(p).is_file():
            raise ValueError(f"chrome_patterns: no such file {p!r}")
        _read_user_file(p)  # raises PatternFileError with file:line on a bad row
    return paths


@lru_cache(maxsize=32)
def _read_user_file(path: str) -> tuple[tuple[str, str, str], ...]:
    return tuple(parse_rows(Path(path).read_text(encoding="utf-8"), path))


@lru_cache(maxsize=1)
def _builtin_rows() -> tuple[tuple[str, str, str], ...]:
    return tuple(parse_rows(resources.read_text(BUILTIN), "data/" + BUILTIN))


@lru_cache(maxsize=16)
def load_patterns(extra_files: tuple[str, ...]) -> Patterns:
    """The built-in vocabulary plus the rows of ``extra_files``, compiled (cached)."""
    rows: list[tuple[str, str, str]] = list(_builtin_rows())
    for p in extra_files:
        rows.extend(_read_user_file(p))
    return compile_rows(rows)


def compile_rows(rows: Iterable[tuple[str, str, str]]) -> Patterns:
    lines: dict = {}
    prefix_scope: dict = {}
    lead_scope: dict = {}
    prefixes: list[str] = []
    leads: list[str] = []
    regexes: list = []
    sections: list[str] = []

    def widen(table: dict, key: str, scope: str) -> None:
        # A phrase listed with both scopes counts wherever it stands.
        if table.get(key) != "any":
            table[key] = scope

    for kind, scope, phrase in rows:
        key = normalise(phrase)
        if kind == "label":
            if key not in lines:
                lines[key] = ("label", scope)
        elif kind in ("line", "section"):
            old = lines.get(key)
            if old is None or (old[0] == "line" and kind == "section") or old[1] == "edge":
                lines[key] = (kind if old is None or kind == "section" else old[0],
                              "any" if (old and old[1] == "any") else scope)
            if kind == "section":
                sections.append(key)
        elif kind == "prefix":
            prefixes.append(phrase.strip().rstrip(":|»").strip())
            widen(prefix_scope, key, scope)
        elif kind == "lead":
            leads.append(phrase)
            widen(lead_scope, key, scope)
        else:
            regexes.append((re.compile(phrase), scope, phrase))
    # Longest first, so "Read more" is not cut short by "Read".
    prefixes = sorted(set(prefixes), key=len, reverse=True)
    leads = sorted(set(leads), key=len, reverse=True)
    prefix_re = None
    if prefixes:
        alts = "|".join(_phrase_regex(p) for p in prefixes)
        prefix_re = re.compile(r"[\W_]{0,3}?(" + alts + r")(" + _SEP + r"|\s+)(.*)",
                               re.IGNORECASE | re.DOTALL)
    lead_re = None
    if leads:
        alts = "|".join(_phrase_regex(p) + (r"(?!\w)" if p[-1:].isalnum() else "")
                        for p in leads)
        lead_re = re.compile(r"[\W_]{0,3}?(" + alts + ")", re.IGNORECASE)
    return Patterns(lines, prefix_re, prefix_scope, lead_re, lead_scope, tuple(regexes),
                    frozenset(sections))
