"""Restore misspelt names of people, places and organisations from a gazetteer."""

from __future__ import annotations

import math
import re
import threading
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..gazetteer.format import JOINERS as _JOINER_SET
from ..gazetteer.format import fold
from ..registry import Option, register_pass

# A capitalised word: a capital (Latin-1 or Latin Extended-A), then letters, with inner
# hyphens ("Jean-Pierre") and apostrophes followed by two letters or more ("O'Neill", but
# not the possessive in "Kejriwal’s").
_CAP = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:-[^\W\d_]+|['’][^\W\d_]{2,})*")
# What a pass over the whole text looks for: a cheap superset of the capitalised words
# (no word boundary, apostrophes and digits allowed), each distinct one then cut down to
# its word by _CAP. A regex with \b at the front runs at a third of the speed.
_TOKEN = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*")
# Two all-caps words in a row: the only way an all-caps name can need its case restored.
_CAPS_PAIR = re.compile(r"[A-Z]{2,}[ \u00a0][A-Z]{2,}")
_GAP = frozenset((" ", "\u00a0"))
# A capital inside a word (NYPress, NetanYahoo) or capitals running into lower case
# (ARepublican, NGOs): a coinage, a pun, an acronym or two words run together, not a typo.
_INNER_CAP = re.compile(r"[a-z][A-Z]|^[A-Z]{2,}[a-z]")
# Letters beyond Latin-1: the marks of romanisation (ī, ā, ţ, ş...).
_MARKS = re.compile("[\u0100-\u024f\u1e00-\u1eff]")


_ENDINGS = ("s", "es", "'s", "'", "er", "ers", "ian", "ians", "an", "ans", "ese", "ish",
            "ite", "ites", "ie", "ies", "y", "ly", "i", "is", "ism", "ist", "ists")


def _inflected(folded: str, name: str) -> bool:
    """Is ``folded`` ``name`` with an English ending: a plural, a possessive, a derived
    word (the Camdens, Microsoftie, Netherlander)?"""
    f = fold(name)
    if folded.startswith(f) and folded[len(f):] in _ENDINGS:
        return True
    # Netherlands → Netherlander: the name less its last letter, and a longer ending.
    end = folded[len(f) - 1:]
    return folded.startswith(f[:-1]) and len(end) >= 2 and end in _ENDINGS


#: A word (every part of a hyphenated word) at least this frequent in wordfreq's English
#: list (Zipf scale: 1.0 is once per 100 million words, the list's floor) is a known
#: word and never a candidate. benchmarks/bench_gazetteer.py measures the choice.
KNOWN_WORD_ZIPF = 1.0
_MAX_WINDOW = 6
# Up to this many candidate words, each is looked for with str.find; beyond, one more pass
# of the token regex finds them all (it costs about as much as 30 finds).
_FIND_MAX = 30
# Lower-case words that join the capitalised words of one name (Bank of England, Santa Cruz
# de la Sierra, Mohammed bin Salman).
_JOINERS = re.compile(r"[ \u00a0](?:(?:%s)[ \u00a0]){1,2}" % "|".join(sorted(_JOINER_SET)))
_JOINER_WORD = re.compile(r"[^\s]+")


@lru_cache(maxsize=4)
def _word_freqs(min_zipf: float) -> tuple[dict, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en"), 10 ** (min_zipf - 9)


def is_known_word(word: str, min_zipf: float = KNOWN_WORD_ZIPF) -> bool:
    """Is ``word`` (each part of it, if hyphenated) a word of English, per wordfreq?

    >>> is_known_word("Reading"), is_known_word("Kejriawal")
    (True, False)
    """
    freqs, floor = _word_freqs(min_zipf)
    low = word.lower().replace("’", "'")
    if freqs.get(low, 0.0) >= floor:
        return True
    parts = low.split("-")
    return len(parts) > 1 and all(freqs.get(p, 0.0) >= floor for p in parts)


class _Matcher:
    """A gazetteer with the per-token decisions already taken, kept between calls."""

    _MAX_CACHE = 500_000

    def __init__(self, gaz) -> None:
        self.gaz = gaz
        self.ok: set[str] = set()        # tokens to leave alone, as they appear in text
        self.cands: dict[str, tuple[str, tuple[str, list[tuple[str, int]]]]] = {}
        self.lock = threading.Lock()
        self._lower: dict[str, bool] = {}  # name_word's answers
        self.spans: dict = {}  # match_span's answers, by (folded words, fuzzy)

    def classify(self, token: str) -> tuple[str, list[tuple[str, int]]] | None:
        """None to leave ``token`` alone; else (kind, one-word matches nearest first).

        Kinds: ``variant`` (the same name with other diacritics), ``unknown`` (not a word,
        not a name: a candidate), ``protected`` (a known name that is near a target: only
        flagged; ``protected-rare`` if rare, which may also be misspelt inside a whole name
        the text confirms), ``weak`` (a rare English word or protect-only name near a target:
        only inside a whole name the text confirms), ``head`` (a word of a name that lower-case
        words follow: the pass looks at its neighbours, Saldus novads).
        """
        gaz = self.gaz
        low = token.lower()
        f = fold(token)
        if f in gaz.lower_heads and _zipf(low) < _HEAD_ZIPF and not _MARKS.search(token):
            # Saldus (novads): a lower-case word after it may be a misspelt part of a name.
            return ("head", [])
        if low in gaz.known_lower:
            return self._weakly_known(token, f)
        if _MARKS.search(token) and f in gaz.known_words:
            # Only diacritics differ from a known name. Romanisation marks English copy does
            # not use (Sonīpat) give way to the gazetteer's spelling when it lacks them; the
            # accents of Latin-1 (São Paulo, Zürich) are a matter of style, left alone.
            same = gaz.spelling.get(f)
            if same is not None and _MARKS.search(same):
                return None  # the gazetteer writes it with marks too
            if gaz.own_letters(token):
                return None  # the letters of its country's alphabet (Muş, Gdańsk)
            if len(f) < _VARIANT_MIN_LEN:
                # A short word with marks is more often a word of another language that
                # folds onto a short name (Welsh "Tŷ", "house", onto the given name Ty)
                # than a romanised spelling of that name.
                return None
            return ("variant", [(same, 0)] if same is not None else [])
        if is_known_word(token):
            return self._weakly_known(token, f)
        if _INNER_CAP.search(token) and not token.isupper():
            return None
        matches = [m for m in gaz.match_word(f) if not _inflected(f, m[0])]
        if f in gaz.known_words:
            rare = _rare(low) and not gaz.is_target_word(f)
            if not matches:
                # A rare word of a known name may still be misspelt inside a target name
                # the text confirms (Ram Vilos Paswan).
                return ("protected-rare", []) if rare and gaz.index.near_a_word(f) else None
            return ("protected-rare" if rare else "protected", matches)
        if not matches and not gaz.index.near_a_word(f):
            return None  # near no word of any name: nothing it could be restored to
        return ("unknown", matches)

    def _weakly_known(self, token: str, f: str) -> tuple[str, list[tuple[str, int]]] | None:
        """A rare English word or a rare protect-only name near a target word: ``weak``,
        a word that may be misspelt inside a whole name the text confirms, never on its
        own (see :data:`RARE_ZIPF`)."""
        gaz = self.gaz
        low = token.lower()
        if (not _rare(low) or low in gaz.target_lower or gaz.is_target_word(f)
                or (_INNER_CAP.search(token) and not token.isupper())):
            return None
        if not gaz.index.near_a_word(f):
            return None
        return ("weak", [])  # never matched alone: no one-word matches needed

    def name_word(self, word: str) -> bool:
        """May ``word``, in lower case, belong to a name: a lower-case word of a target name
        (am, oblast, novads), or a word that is not English and near a word of one (a
        misspelt ``novdds``)?"""
        known = self._lower.get(word)
        if known is None:
            f = fold(word)
            known = f in self.gaz.lower_words or (
                len(f) >= 5 and not is_known_word(word) and self.gaz.index.near_a_word(f))
            if len(self._lower) < self._MAX_CACHE:
                self._lower[word] = known
        return known

    def remember(self, raw: set[str]) -> dict[str, tuple[str, list[tuple[str, int]]]]:
        """Classify the capitalised words of raw tokens not seen before.

        Returns the candidates among them (word → decision). Raw tokens whose word is left
        alone are remembered, so a corpus pays for each distinct token once.
        """
        new = raw - self.ok
        if not new:
            return {}
        out = {}
        with self.lock:
            if len(self.ok) + len(self.cands) > self._MAX_CACHE:
                self.ok.clear()
                self.cands.clear()
            for r in new:
                d = self.cands.get(r)
                if d is None:
                    m = _CAP.match(r)
                    d = self.classify(m.group()) if m is not None else None
                    if d is None:
                        self.ok.add(r)
                        continue
                    d = (m.group(), d)
                    self.cands[r] = d
                out[d[0]] = d[1]
        return out


# Web and e-mail addresses and handles (www.slotland.com, @harfieldcouncil): a word the
# text also writes as part of one is the name of that site or account, however close it
# is to a name of the gazetteer.
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s/\"'<>()]+|[\w.+-]+@[\w-]+|(?<![\w@])@\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|biz|io|co|uk|us|ca|au|nz"
    r"|ie|in|pk|ng|ke|za|sg|de|fr|tv|me)\b(?!\.\w)", re.IGNORECASE)
_LABEL_SPLIT = re.compile(r"[^\w]+|_")


_CHUNK_END = frozenset("()<>\"'")


def written_as_address(low: str, word: str) -> bool:
    """Does lower-cased ``low`` write ``word`` as a part of a web or e-mail address or a
    handle? Only the stretches of text around the word's occurrences are looked at.

    >>> low = "slotland (www.slotland.com) and @harfieldcouncil; e.g. u.s. said.kejriawal"
    >>> [written_as_address(low, w) for w in ("Slotland", "HarfieldCouncil", "Kejriawal")]
    [True, True, False]
    """
    w = word.lower()
    n = len(low)
    i = low.find(w)
    while i >= 0:
        a, b = i, i + len(w)
        while a and not low[a - 1].isspace() and low[a - 1] not in _CHUNK_END:
            a -= 1
        while b < n and not low[b].isspace() and low[b] not in _CHUNK_END:
            b += 1
        if b - a > len(w) and any(w in _LABEL_SPLIT.split(m.group())
                                  for m in _ADDRESS.finditer(low, a, b)):
            return True
        i = low.find(w, i + len(w))
    return False


#: A known word or a protect-only name rarer than this in English (Zipf 2: once in ten
#: million words) is protected only weakly: inside a multi-word name that the same text
#: spells right elsewhere, it may be a misspelt word of that name ("Rachel Reves" after
#: "Rachel Reeves", "Muhammadu Buhar" after "Muhammadu Buhari"), because wordfreq's rarest
#: words and the census's rarest surnames include the commonest typos of famous names. On
#: its own such a word is never changed: a name one edit from one the story uses is as
#: often another real name (Bob Kerrey beside John Kerry), which
#: benchmarks/bench_gazetteer.py's near-collision figures measure. Commoner words and
#: names (Tomas, Syria, Ichikawa) and every spelling of a target name stay protected.
RARE_ZIPF = 2.0


def _zipf(low: str) -> float:
    """wordfreq's Zipf frequency of ``low`` (lower case); 0 if it is not listed."""
    freqs, _ = _word_freqs(KNOWN_WORD_ZIPF)
    fr = freqs.get(low.replace("’", "'"), 0.0)
    return math.log10(fr) + 9 if fr else 0.0


def _rare(low: str) -> bool:
    """Is ``low`` (lower case) rarer in English than :data:`RARE_ZIPF`? Hyphenated words,
    and spellings too short to hold a typo the pass may fix, are never rare."""
    return "-" not in low and len(low) >= 5 and _zipf(low) < RARE_ZIPF


# A word of a name that lower-case words follow (Saldus novads) makes the pass look at its
# neighbours when it is rarer than this in English (Frankfurt am Main: not "Party for").
_HEAD_ZIPF = 3.0


@lru_cache(maxsize=8)
def _matcher(paths: tuple[str, ...], default: bool) -> _Matcher:
    from ..gazetteer import load  # numpy and the index: only when the pass first runs

    return _Matcher(load(paths, default))


def _paths(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, Path)):
        value = [value]
    try:
        paths = tuple(str(Path(v)) for v in value)
    except TypeError:
        raise TypeError(f"gazetteer must be a path or a list of paths, not {value!r}") from None
    for p in paths:
        if not Path(p).is_file():
            raise ValueError(f"gazetteer file not found: {p}")
    return tuple(str(Path(p).resolve()) for p in paths)


#: A one-word name this frequent in English (Zipf 4: ten times per million words, like
#: Putin or Afghanistan) is one the text may well mean even if it never spells it right; a
#: rarer one must be confirmed. At 3.0, 0.5% of real names the gazetteer does not know
#: were "corrected" (Shyrma → Sharma, Sergia → Serbia); at 4.0, under 0.2%.
SALIENT_ZIPF = 4.0
#: A lone word of this many letters or more, one edit from the name of a person or an
#: organisation (the curated part of the gazetteer) and sharing its first letter, is taken
#: to be that name (``Kejriawal``). At 7 letters given names from many countries were
#: still caught (Borisav → Borisov, Siamion → Simion: 0.50% of 1,600 at bench_gazetteer's
#: --seed 7, the goal's limit); at 8, 0.31%, typo recall with confirmation unchanged, and
#: on all of Slate two right fixes become flags (Yelstin, one Khameni) and one wrong one
#: goes (Moussad → Mossad).
_NEWS_TYPES = frozenset({"person", "party", "organisation", "news agency", "company"})
_NEWS_MIN_LEN = 8


#: Readings of a text at most (see the end of :func:`restore_entities`).
_MAX_READINGS = 6


class _Decisions:
    """The edits and flags of one reading of a text, and what the next reading needs to
    know of them; the pass hands the last reading's to its context.

    ``held``: names that lone words are not guessed into in this reading; ``mended``:
    words an earlier reading corrected, which make no unknown name of their own.
    """

    __slots__ = ("edits", "flags", "names", "whole", "guesses", "protected", "fixed",
                 "held", "mended")

    def __init__(self, held: frozenset = frozenset(),
                 mended: frozenset = frozenset()) -> None:
        self.edits: list[tuple] = []
        self.flags: list[tuple] = []
        self.names: set[str] = set()       # names the edits write
        self.whole: set[str] = set()       # ... of them, by whole-name matches
        self.guesses: set[str] = set()     # names lone words are (or would be) guessed into
        self.protected: set[str] = set()   # names a quoted word or a word of an unknown name is near
        self.fixed: set[str] = set()       # words the edits correct
        self.held = held
        self.mended = mended

    def edit(self, start: int, end: int, new: str, reason: str, name: str, word: str,
             guess: bool = False, whole: bool = False) -> None:
        self.edits.append((start, end, new, reason))
        self.names.add(name)
        self.fixed.add(word)
        if guess:
            self.guesses.add(name)
        if whole:
            self.whole.add(name)

    def flag(self, *args, **kwargs) -> None:
        self.flags.append((args, kwargs))

    def replay(self, ctx) -> None:
        for start, end, new, reason in self.edits:
            ctx.edit(start, end, new, reason)
        for args, kwargs in self.flags:
            ctx.flag(*args, **kwargs)


class _Evidence:
    """Does the document back a one-word correction?

    One edit from a name is also where many real names the gazetteer does not know sit
    (Hristina and Pristina, Normandia and Normandie), so a lone word is corrected only
    towards a name the text spells right elsewhere (``Lekhy`` in a story that says
    ``Meenakshi Lekhi``), towards a name common enough in English that a near miss sharing
    its first letter is almost surely it (``Washingon``), or one edit away from a long name
    of a person or an organisation (``Kejriawal``). Otherwise it is flagged.
    benchmarks/bench_gazetteer.py measures both sides of this.
    """

    __slots__ = ("tokens", "text", "_folded", "_lower", "_added")

    def __init__(self, tokens: set[str], text: str) -> None:
        self.tokens = tokens  # the text's capitalised tokens, as _TOKEN finds them
        self.text = text
        self._folded: set[str] | None = None
        self._lower: dict[str, bool] = {}  # lower-case words looked for, found or not
        self._added: set[str] = set()      # words of names add() gave, not in the text

    def _has(self, word: str) -> bool:
        """Does the text hold the lower-case ``word`` as a word?"""
        found = self._lower.get(word)
        if found is None:
            text, n = self.text, len(word)
            i = text.find(word)
            while i >= 0 and ((i and (text[i - 1].isalnum() or text[i - 1] in "'’-")) or (
                    i + n < len(text) and (text[i + n].isalnum() or text[i + n] in "'’-"))):
                i = text.find(word, i + 1)
            found = self._lower[word] = i >= 0
        return found

    def _words(self) -> set[str]:
        if self._folded is None:
            found = (_CAP.match(t) for t in self.tokens)
            self._folded = {w for m in found if m is not None for w in fold(m.group()).split()}
        return self._folded

    def add(self, names) -> None:
        """Count ``names`` as spelt right in the text (names the pass itself writes)."""
        if not names:
            return
        self._words()
        for w in (w for name in names for w in name.split()):
            if w[:1].islower():
                if not self._has(w):
                    self._lower[w] = True
                    self._added.add(w)
            elif fold(w) not in self._folded:
                self._folded.add(fold(w))
                self._added.add(fold(w))

    def in_text(self, name: str) -> bool:
        """:meth:`confirms` from the text alone, without the names :meth:`add` gave."""
        return self.confirms(name) and not (self._added and any(
            (w if w[:1].islower() else fold(w)) in self._added for w in name.split()))

    def confirms(self, name: str) -> bool:
        """Does the text spell every word of ``name`` right somewhere (in any case, with or
        without diacritics; its lower-case words, such as oblast, as they are)?"""
        self._words()
        return all(fold(w) in self._folded if not w[:1].islower() else self._has(w)
                   for w in name.split())

    def supports(self, token: str, name: str, distance: int, kind: str | None) -> bool:
        target, f = fold(name), fold(token)
        if target[:1] != f[:1] and not (f[:2] == target[1::-1] and f[2:] == target[2:]):
            # Copy rarely gets a name's first letter wrong (other than by swapping the first
            # two); another real name near the one the story uses often differs there
            # (Yambol and Bambol, Linyi and Minyi).
            return False
        if self.confirms(name):
            return True
        if " " in target:
            return False
        if kind in _NEWS_TYPES and distance == 1 and len(f) >= _NEWS_MIN_LEN:
            return True
        freqs, _ = _word_freqs(KNOWN_WORD_ZIPF)
        return freqs.get(target, 0.0) >= 10 ** (SALIENT_ZIPF - 9)


#: Fewer letters than this, and a word with diacritics is not taken for a marked spelling
#: of a name (see classify).
_VARIANT_MIN_LEN = 3

#: Kinds of candidate words that may differ from the name they are matched to.
_FUZZY = frozenset({"unknown", "weak", "protected-rare"})
#: Kinds that are real words or names (rare ones): they change only inside a whole name the
#: text confirms.
_YIELDING = frozenset({"weak", "protected-rare"})


#: Kinds that matter only inside a longer name.
_IN_NAMES_ONLY = frozenset({"weak", "head"})


def _in_a_name(text: str, i: int, j: int, name_word) -> bool:
    """Could the word at ``i:j`` be part of a longer name: a capitalised word, a joiner or
    a lower-case word of a name next to it?"""
    if j + 1 < len(text) and text[j] in _GAP:
        nxt = text[j + 1]
        if nxt.isupper():
            return True
        m = _LOWER_WORD.match(text, j)
        if m is not None and (m.group(1) in _JOINER_SET or name_word(m.group(1),
                                                                     text[i:j])):
            return True
    if i >= 2 and text[i - 1] in _GAP:
        k = max(text.rfind(" ", max(0, i - 40), i - 1), text.rfind("\u00a0", max(0, i - 40),
                                                                    i - 1))
        prev = text[k + 1:i - 1]
        if prev[:1].isupper() or prev in _JOINER_SET:
            return True
    return False


def _caps_line(text: str, pos: int) -> bool:
    """Is the line around ``pos`` set in capitals (a headline or a dateline)?"""
    line = text[_line_start(text, pos):_line_end(text, pos)]
    return len(_LOWER.findall(line)) <= 0.25 * len(_UPPER.findall(line))


# How far the line-based checks look either way: a "line" of a megabyte is looked at in
# this neighbourhood only, which keeps the pass linear on any input.
_REACH = 300


def _line_start(text: str, pos: int) -> int:
    lo = max(0, pos - _REACH)
    return text.rfind("\n", lo, pos) + 1 or lo


def _line_end(text: str, pos: int) -> int:
    hi = min(len(text), pos + _REACH)
    end = text.find("\n", pos, hi)
    return end if end >= 0 else hi


_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")


def _caps_around(text: str, start: int, end: int, n: int = 4) -> bool:
    """Are most of the ``n`` words either side of ``start:end`` (on its line) in capitals?"""
    ls = _line_start(text, start)
    le = _line_end(text, end)
    words = (text[max(ls, start - 80):start].split()[-n:]
             + text[end:min(le, end + 80)].split()[:n])
    words = [w for w in words if any(c.isalpha() for c in w)]
    upper = sum(w.isupper() for w in words)
    return upper > len(words) - upper


def _dateline(text: str, start: int, end: int) -> bool:
    """Does an all-caps run at ``start:end`` open its line as a dateline (NEW DELHI: ...)?"""
    ls = _line_start(text, start)
    if (ls and text[ls - 1] != "\n") or text[ls:start].strip():
        return False
    rest = text[end:end + 40].lstrip()
    return rest[:1] in (":", "(", "—", "–", "-", ",", "/")


def _mid_sentence_caps(text: str, window) -> bool:
    """Is this all-caps name damage rather than house style?

    Yes when the name mixes capitals with ordinary case (``AAM AADMI Party``), or when
    lower-case words come before it on its line and most words around it are not in
    capitals (``BJP and AAM AADMI parties``). Capitals that open a line
    (``THE WALL STREET JOURNAL editorial page``, ``SUNDAY'S NEW YORK TIMES says``) are a
    house style, and capitals around it make a headline: both left alone.
    """
    if any(not t.isupper() for _, _, t in window):
        return True
    start = window[0][0]
    prefix = text[_line_start(text, start):start]
    if _LOWER.search(prefix) is None:
        return False
    return not _caps_around(text, start, window[-1][1])


def _style(word: str, token: str, keep_caps: bool) -> str:
    return word.upper() if keep_caps and token.isupper() else word


# A lower-case word after a space, as names hold them (am, na, oblast, novads).
_LOWER_WORD = re.compile(r"[ \u00a0]([a-zß-öø-ÿ][^\W\d_]*(?:-[^\W\d_]+)*)(?![\w'’-])")


def _lower_words(text: str, end: int, after: str, name_word, upto: int | None = None):
    """Up to two lower-case words after ``end`` (the end of the word ``after``) that
    ``name_word(word, after)`` says may belong to a name (``name_word(None, after)``: may
    any?), as (start, end, word). With
    ``upto``, all of the gap up to that offset must be such words (a name's inner words),
    or nothing is returned."""
    out = []
    pos = end
    if not name_word(None, after):
        return out
    while len(out) < 2:
        m = _LOWER_WORD.match(text, pos)
        if m is None or not name_word(m.group(1), after):
            break
        out.append((m.start(1), m.end(1), m.group(1)))
        pos = m.end()
        if upto is not None and pos + 1 == upto and text[pos] in _GAP:
            return out
    return [] if upto is not None else out


def _runs(text: str, name_word=None):
    """Runs of capitalised words separated by single spaces: lists of (start, end, word).

    Joiners (of, de, bin) may stand between the words; with ``name_word(word, after)``,
    so may lower-case words it accepts after the capitalised word ``after``, which may
    also end a run (Saldus novads).
    """
    run: list[tuple[int, int, str]] = []
    for m in _CAP.finditer(text):
        s = m.start()
        if run:
            end = run[-1][1]
            if s - end == 1 and text[end] in _GAP:
                pass
            elif s - end < 14 and _JOINERS.fullmatch(text, end, s):
                run.extend((end + j.start(), end + j.end(), j.group())
                           for j in _JOINER_WORD.finditer(text[end:s]))
            else:
                last = run[-1][2]
                inner = _lower_words(text, end, last, name_word, s) if name_word else []
                if inner:
                    run.extend(inner)
                else:
                    if name_word:
                        run.extend(_lower_words(text, end, last, name_word))
                    yield run
                    run = []
        run.append((s, m.end(), m.group()))
    if run:
        if name_word:
            run.extend(_lower_words(text, run[-1][1], run[-1][2], name_word))
        yield run


@register_pass(order=600, options=[
    Option("gazetteer", (), "Your own gazetteer files (TSV: canonical, type, aliases, "
           "country; see newsclean.gazetteer.format), used before the shipped one.",
           convert=_paths, paths=True),
    Option("default_gazetteer", True, "Use the gazetteer shipped with newsclean as well as "
           "your own (False: yours alone).", choices=(True, False)),
    Option("entity_ner", False, "Also take the names an installed spaCy English model finds "
           "as candidates for restore_entities (ignored, with a warning, without one).",
           choices=(True, False)),
])
def restore_entities(ctx) -> None:
    """Restore misspelt names against a gazetteer: ``Kejriawal`` → ``Kejriwal``.

    Candidates are capitalised words and runs of them that are neither English words
    (wordfreq) nor names the gazetteer knows. A candidate within a small edit distance
    (none up to 4 letters, one up to 8, two beyond; a transposition is one edit; case and
    diacritics folded) of exactly one name is rewritten to that name's spelling, in the
    text's case. Multi-word names are matched whole (``Narendar Modi``), with the
    lower-case words some names hold (``Saldus novdds`` → ``Saldus novads``, ``Franfurt am
    Main``), and by their surname (``Kejriawal``); a lone word only when the text spells
    the name right elsewhere, the name is common in English, or it is a long name of a
    person or an organisation one letter off. Inside a whole name that the text spells
    right elsewhere, a rare English word or a rare protect-only name may be a misspelt
    word too (``Rachel Reves`` after ``Rachel Reeves``). An all-caps name in running text
    gets its case back (``AAM AADMI Party`` → ``Aam Aadmi Party``); romanisation marks the
    gazetteer's spelling lacks are dropped (``Sonīpat`` → ``Sonipat``), but not letters of
    the alphabet of the name's country (``Muş``, ``Gdańsk``: a matter of style).

    Leaves alone: lower-case words outside a name (``reading``, ``nice``), every English
    word and protect-only name on its own (``Cliton`` is a rare word of wordfreq's list:
    left alone even beside ``Clinton``), every name the gazetteer knows (``Jon``,
    ``Austria``), names it does not know that are near none of its names
    (``Dattatraya``), all-caps headlines and datelines (kept in capitals). A candidate near
    two names, a known name near another, a lone word near a rare name the text does not
    confirm, a name with a rare word the text does not confirm, a word beside a name the
    gazetteer does not know (``Kennya Deodato``) or a single quoted word (``"Microsort"``)
    near a name the text does not spell, is flagged (kind ``entity``) rather than changed,
    and so are the word's other occurrences that only a guess would change (``Kennya
    Deodato ... praised Kennya``).

    >>> from newsclean import clean
    >>> clean("Arvind Kejriwal met Narendar Modi. Kejriawal spoke in Sonīpat.",
    ...       passes=["restore_entities"])
    'Arvind Kejriwal met Narendra Modi. Kejriwal spoke in Sonipat.'
    >>> clean("Reading and Nice are towns; reading is nice.", passes=["restore_entities"])
    'Reading and Nice are towns; reading is nice.'
    """
    cfg = ctx.config
    if not cfg.default_gazetteer and not cfg.gazetteer:
        return
    text = ctx.text
    matcher = _matcher(cfg.gazetteer, cfg.default_gazetteer)  # GazetteerError if bad
    raw = set(_TOKEN.findall(text))
    cands = matcher.remember(raw)
    gaz = matcher.gaz
    if cands and ("." in text or "@" in text):
        # "Slotland ... www.slotland.com": the text itself says the word is a site's name
        low = text.lower()
        cands = {t: d for t, d in cands.items() if not written_as_address(low, t)}

    def name_word(word: str | None, after: str) -> bool:
        # Lower-case words join a run only after a candidate or a word that some name
        # follows with lower-case words: cheap for the many runs that are neither.
        # (word None: might any word follow ``after``?)
        return (after in cands or fold(after) in gaz.lower_heads) and (
            word is None or matcher.name_word(word))
    if cfg.entity_ner:
        _ner_candidates(text, matcher, cands)
    caps = _CAPS_PAIR.search(text)
    if not cands and caps is None:
        return
    # Only the neighbourhood of each candidate (and of each pair of all-caps words) is
    # looked at, which is what keeps clean copy fast.
    spots = []
    if len(cands) < _FIND_MAX:
        # A few candidates: str.find (C, thousands of MB/s) beats a regex pass.
        for w in cands:
            i = text.find(w)
            while i >= 0:
                j = i + len(w)
                if not (i and (text[i - 1].isalnum() or text[i - 1] in "'’-")) and not (
                        j < len(text) and (text[j].isalnum() or text[j] == "_")) and (
                        cands[w][0] not in _IN_NAMES_ONLY
                        or _in_a_name(text, i, j, name_word)):
                    spots.append(i)
                i = text.find(w, j)
    else:
        # Many candidates (a long text): one more pass of the token regex.
        known = matcher.cands
        for m in _TOKEN.finditer(text):
            i = m.start()
            if m.group() in known and not (i and text[i - 1].isalnum()) and (
                    known[m.group()][1][0] not in _IN_NAMES_ONLY
                    or _in_a_name(text, i, i + len(known[m.group()][0]), name_word)):
                spots.append(i)
    if caps is not None:
        spots.extend(m.start() for m in _CAPS_PAIR.finditer(text, caps.start()))

    spans = matcher.spans  # span lookups already made (the gazetteer's answers)
    if len(spans) > 50_000:
        spans.clear()
    runs = []
    done_to = 0          # runs are looked at left to right, each word once
    for pos in sorted(spots):
        if pos < done_to:
            continue
        for run in _runs_around(text, pos, name_word):
            run = [t for t in run if t[0] >= done_to]  # (edits must not overlap)
            if not run:
                continue
            done_to = run[-1][1]
            caps_pair = any(t.isupper() and len(t) > 1 and run[i + 1][2].isupper()
                            and len(run[i + 1][2]) > 1 for i, (_, _, t) in enumerate(run[:-1]))
            if not caps_pair and not any(t in cands for _, _, t in run):
                continue
            if len(run) == 1 and cands.get(run[0][2], ("",))[0] in _IN_NAMES_ONLY:
                continue  # a rare word or a name's head alone: nothing to restore
            runs.append((run, caps_pair))
    # A name this pass writes is one the cleaned text spells right, and cleaning that
    # text again would take it as confirmed. So the text is read again with the names the
    # last reading wrote counted as spelt right, until they stop changing: otherwise
    # clean(clean(x)) != clean(x) ("Arvind Kejriawal said. 'Kejriawal'"). A lone word
    # guessed into a name (one edit off a long name, or a common one) must not decide a
    # word the pass protects, a quoted term or a word of a name it does not know
    # ("Kennya Deodato ... praised Kennya"): that name is held, its guesses only flagged.
    # Likewise a misspelt word the pass corrects ("Putni" -> "Putin") is no unknown name
    # that its neighbour belongs to once corrected.
    held: frozenset = frozenset()
    mended: frozenset = frozenset()
    written: set[str] = set()
    for _ in range(_MAX_READINGS):
        evidence = _Evidence(raw, text)
        evidence.add(written)
        out = _Decisions(held, mended)
        for run, caps_pair in runs:
            _restore_run(out, text, run, cands, gaz, caps_pair, evidence, spans)
        # (held afresh each time: a protection can go once its neighbour is mended)
        hold = frozenset(out.guesses & out.protected)
        if hold == held and out.names <= written and out.fixed <= mended:
            break
        held = hold
        mended = mended | out.fixed
        # (a name written by a whole-name match stays written even if it is held)
        written = out.whole | (out.names - held)
    out.replay(ctx)


def _runs_around(text: str, pos: int, name_word=None, reach: int = 160):
    """The runs of capitalised words in a stretch of text around ``pos`` that hold it
    (``name_word``: see :func:`_runs`)."""
    lo = max(0, pos - reach)
    if lo:
        cut = text.find(" ", lo, pos)
        lo = cut + 1 if cut >= 0 else pos
    hi = min(len(text), pos + reach)
    if hi < len(text):
        cut = text.rfind(" ", pos, hi)
        hi = cut if cut > pos else hi
    for run in _runs(text[lo:hi], name_word):
        if run[0][0] + lo <= pos < run[-1][1] + lo:
            yield [(s + lo, e + lo, w) for s, e, w in run]


def _restore_run(out: _Decisions, text, run, cands, gaz, caps_pair, evidence, spans) -> None:
    folded = [fold(t) for _, _, t in run]
    # Lower-case words in a run are joiners, or words of a name (exact, or else not
    # English: a misspelling of one).
    fuzzy = [(t in cands and cands[t][0] in _FUZZY) or (
        t[0].islower() and t not in _JOINER_SET and f not in gaz.lower_words)
        for (_, _, t), f in zip(run, folded)]
    weak = [t in cands and cands[t][0] in _YIELDING for _, _, t in run]
    caps_mode = any(t.isupper() and len(t) > 1 for _, _, t in run) and (
        _caps_line(text, run[0][0]) or _dateline(text, run[0][0], run[-1][1]))
    done = [False] * len(run)
    n = len(run)
    # Whole names first, longest windows first, each holding a candidate (or all-caps words
    # whose case may need restoring).
    for size in range(min(_MAX_WINDOW, n), 1, -1):
        for a in range(0, n - size + 1):
            b = a + size
            if any(done[a:b]):
                continue
            window = run[a:b]
            if window[0][2][0].islower() or window[-1][2] in _JOINER_SET:
                continue
            has_cand = any(t in cands for _, _, t in window)
            caps = (caps_pair and not caps_mode
                    and sum(t.isupper() and len(t) > 1 for _, _, t in window) >= 2
                    and _mid_sentence_caps(text, window))
            if not has_cand and not caps:
                continue
            key = (tuple(folded[a:b]), tuple(fuzzy[a:b]))
            matches = spans.get(key)
            if matches is None:
                matches = spans[key] = [
                    m for m in gaz.match_span(folded[a:b], fuzzy[a:b])
                    if not any(_inflected(f, w) for f, w in zip(folded[a:b], m[0].split())
                               if f != fold(w))]
            if any(weak[a:b]):
                # A rare word or name of the window changes only towards a name the text
                # spells right elsewhere; otherwise the window is only flagged.
                kept = [m for m in matches if evidence.confirms(m[0]) or not any(
                    wk and f != w for wk, f, w in zip(weak[a:b], folded[a:b],
                                                      fold(m[0]).split()))]
                if not kept and matches:
                    names = sorted({m for m, d in matches if d == matches[0][1]})
                    out.flag(window[0][0], window[-1][1], "entity",
                             "a rare word or name, near a name of the gazetteer that the text "
                             "does not confirm", score=0.3,
                             suggestion=names[0] if len(names) == 1 else None,
                             data={"candidates": names, "distance": matches[0][1]})
                    for i in range(a, b):
                        done[i] = True
                    continue
                matches = kept
            if not matches:
                continue
            best = matches[0][1]
            names = sorted({m for m, d in matches if d == best})
            s, e = window[0][0], window[-1][1]
            if len(names) > 1:
                confirmed = [m for m in names if evidence.confirms(m)]
                if len(confirmed) == 1:
                    names = confirmed
            exact_words = sum(f == w for f, w in zip(folded[a:b], fold(names[0]).split()))
            if len(names) > 1 or (best and exact_words == 0
                                  and not evidence.confirms(names[0])):
                out.flag(s, e, "entity", "could be any of several names in the gazetteer"
                         if len(names) > 1 else "near a name of the gazetteer in every word",
                         score=0.5, data={"candidates": names, "distance": best})
            else:
                words = _spelling(gaz, names[0], window).split()
                # Words around the name mostly in capitals mean a headline inside running
                # text: the name stays in capitals too.
                # People's names in capitals are a style (bylines, transcripts: "In the Oval
                # Office, BILL CLINTON meets LEON PANETTA"); other names get their case back.
                keep = (caps_mode or not caps or names[0] in gaz.person_names
                        or _caps_around(text, s, e))
                for (ts, te, tok), w, fw in zip(window, words, folded[a:b]):
                    new = _style(w, tok, keep)
                    if new == tok:
                        continue
                    if fw != fold(w):
                        reason = "misspelt name, restored from the gazetteer"
                    elif (tok in cands and cands[tok][0] == "variant") or (
                            tok[0].islower() and _MARKS.search(tok)
                            and not _MARKS.search(w) and not gaz.own_letters(tok)):
                        reason = "romanisation marks the name is not written with in English"
                    elif caps and not keep:
                        reason = "all-caps name in running text, case restored from the gazetteer"
                    else:
                        continue  # a case or accent difference of a word spelt right
                    out.edit(ts, te, new, f"{reason}: {names[0]}", names[0], tok, whole=True)
            for i in range(a, b):
                done[i] = True
    for i, (s, e, tok) in enumerate(run):
        if done[i] or tok not in cands:
            continue
        kind, matches = cands[tok]
        if not matches:
            continue
        best = matches[0][1]
        names = sorted({m for m, d in matches if d == best})
        if len(names) > 1:
            confirmed = [m for m in names if evidence.confirms(m)]
            if len(confirmed) == 1:
                names = confirmed
        protected = kind == "unknown" and (_quoted(text, s, e)
                                           or _beside_an_unknown_name(run, i, names[0],
                                                                      out.mended))
        if protected and not evidence.in_text(names[0]):
            out.protected.add(names[0])
        why = None
        if kind == "weak":
            # A real word or name on its own: a name the text spells right nearby is no
            # proof (Bob Kerrey beside John Kerry; Taleban and Taliban); left alone.
            continue
        elif kind in ("protected", "protected-rare"):
            why, score = "a known name, but near a name of the gazetteer", 0.3
        elif len(names) > 1:
            why, score = "could be any of several names in the gazetteer", 0.5
        elif protected and not evidence.confirms(names[0]):
            # Part of a longer name the gazetteer does not know ("Kennya Deodato", a
            # Brazilian artist), or a word in quotation marks, mentioned for its own
            # sake ("Microsort", a sperm-sorting process): not a typo of a famous name
            # unless the text itself spells that name.
            why, score = ("near a name of the gazetteer, but quoted as a term"
                          if _quoted(text, s, e) else "near a name of the gazetteer, but "
                          "part of a name it does not know"), 0.4
        elif kind == "unknown" and not evidence.supports(tok, names[0], best,
                                                         gaz.type_of.get(names[0])):
            why, score = "near a name of the gazetteer that the text does not confirm", 0.6
        elif (kind == "unknown" and names[0] in gaz.person_names
              and evidence.in_text(names[0])
              and _someone_elses_name(text, run, i, names[0], gaz.is_known_name)):
            why, score = ("near a name the text gives someone else (another first name "
                          "stands before it there)"), 0.5
        elif kind == "unknown" and names[0] in out.held and not evidence.confirms(names[0]):
            out.guesses.add(names[0])
            why, score = ("near a name of the gazetteer, but the text also has the word "
                          "quoted as a term or in a name the gazetteer does not know"), 0.4
        if why is not None:
            out.flag(s, e, "entity", why, suggestion=names[0] if len(names) == 1 else None,
                     score=score, data={"candidates": names, "distance": best})
            continue
        keep = caps_mode or tok.isupper()
        reason = ("romanisation marks the name is not written with in English"
                  if kind == "variant" else "misspelt name, restored from the gazetteer")
        name = names[0] if kind == "variant" else _spelling(gaz, names[0], [(s, e, tok)])
        out.edit(s, e, _style(name, tok, keep), f"{reason}: {name}", names[0], tok,
                 guess=kind == "unknown" and not evidence.in_text(names[0]))


#: A capitalised word that no dictionary lists and rarer than this in English is taken for
#: a name ("Deodato", "Spiegel"); commoner ones are given names of every kind ("Ted").
_NAME_LIKE_ZIPF = 3.5


def _beside_an_unknown_name(run, i: int, name: str, mended=frozenset()) -> bool:
    """Is the ``i``-th word of ``run`` next to a name-like capitalised word that is not a
    word of ``name`` (nor one of the misspelt words in ``mended``, which the pass
    corrects)? Then it is part of another, longer name.

    >>> _beside_an_unknown_name([(0, 6, "Kennya"), (7, 14, "Deodato")], 0, "Kenya")
    True
    >>> _beside_an_unknown_name([(0, 9, "President"), (10, 16, "Putni")], 1, "Putin")
    False
    """
    own = set(fold(name).split())
    for j in (i - 1, i + 1):
        if 0 <= j < len(run):
            tok = run[j][2]
            if (tok[:1].isupper() and not tok.isupper() and fold(tok) not in own
                    and tok not in mended and _name_like(tok.lower())):
                return True
    return False


#: Titles and ranks written before a name: a different one before the same surname is
#: the same person ("President Putni" beside "Vladimir Putin").
_TITLES = frozenset("""
president premier minister chancellor secretary senator governor mayor judge justice
general colonel major captain commander admiral sergeant lieutenant officer inspector
constable detective king queen prince princess emperor empress sultan sheikh emir
ayatollah imam rabbi pope cardinal bishop archbishop reverend father pastor sister
professor doctor dr mr mrs ms miss sir dame lord lady baron baroness count duke
ambassador envoy commissioner chief chairman chairwoman chair director coach manager
speaker leader deputy spokesman spokeswoman comrade citizen saint st gen col capt sgt
lt gov sen rep
""".split())


def _someone_elses_name(text: str, run, i: int, name: str, is_name=lambda w: True) -> bool:
    """Is the ``i``-th word of ``run`` a surname after a first name of its own
    (``is_name``: is a word a name the gazetteer knows), while the
    text writes ``name`` (one word) only after other words? Then the near match is another
    person's surname, not a typo of the name the text confirms: "Isaac Rutto" beside
    "Mark Rutte". A title before it ("President Putni") is an English word, and proves
    nothing.

    >>> _someone_elses_name("Mark Rutte spoke. Isaac Rutto listened.",
    ...                     [(18, 23, "Isaac"), (24, 29, "Rutto")], 1, "Rutte")
    True
    >>> _someone_elses_name("Vladimir Putin spoke. President Putni listened.",
    ...                     [(22, 31, "President"), (32, 37, "Putni")], 1, "Putin")
    False
    """
    from ..spun.grammar import pos_table     # the dictionary words, with their POS

    if i == 0 or " " in name:
        return False
    first = run[i - 1][2]
    # A given name is a name the gazetteer knows (``is_name``) and no English word, or a
    # noun only (Isaac, Rose); a title is one too (President), and those are listed.
    if (not first[:1].isupper() or first.isupper() or first.lower() in _TITLES
            or pos_table().get(first.lower(), "N") != "N" or not is_name(first)):
        return False
    # The words before the name, and before the other occurrences of this spelling after
    # another word (those may be corrected to the name in this run, and the answer must
    # be the same when the text is cleaned again; after the same first name, they are
    # this same person).
    token = run[i][2]
    before = [m.group(1) for m in re.finditer(
        r"([A-Z][\w'\u2019-]*) +(" + re.escape(name) + "|" + re.escape(token) + r")\b", text)
        if m.group(2) == name or fold(m.group(1)) != fold(first)]
    # A word there that is no known name may be a misspelt first name this pass mends
    # ("Kennya Kejriwal"): then nothing can be told (and the answer must not change once
    # it is mended).
    if not before or not all(map(is_name, before)):
        return False
    return fold(first) not in {fold(w) for w in before}


def _name_like(low: str) -> bool:
    """Not an English word ("Deodato", "Spiegel"; "Convener" and "Ted" are words)."""
    from ..spun.grammar import pos_table     # the dictionary words, with their POS

    return low not in pos_table() and _zipf(low) < _NAME_LIKE_ZIPF


def _quoted(text: str, start: int, end: int) -> bool:
    """Does the word at ``start:end`` stand alone between quotation marks? A space
    between a mark and the word does not count: fix_quotes may add or remove it after
    this pass has run (``""Kejriawal"`` -> ``"" Kejriawal"``), and the answer must not
    change with it.

    >>> _quoted('a "Microsort" b', 3, 12), _quoted('a " Microsort " b', 4, 13)
    (True, True)
    >>> _quoted('a "b" Microsort', 6, 15)
    False

    American style puts a period or comma inside the closing mark:

    >>> _quoted("the game, 'Twizter.' she said", 11, 18)
    True
    """
    if start > 0 and text[start - 1] == " ":
        start -= 1
    if end < len(text) and text[end] in ".,!?":
        end += 1
    if end < len(text) and text[end] == " ":
        end += 1
    return (start > 0 and end < len(text) and text[start - 1] in "\"\u201c\u2018'"
            and text[end] in "\"\u201d\u2019'")


def _spelling(gaz, name: str, window) -> str:
    """The name as the gazetteer spells it, without diacritics if the text uses none."""
    if all(t.isascii() for _, _, t in window):
        return gaz.index.ascii_of.get(name, name)
    return name


def _ner_candidates(text: str, matcher: _Matcher, cands: dict) -> None:
    """Add the names a spaCy English model finds (if one is installed) as candidates."""
    nlp = _spacy_model()
    if nlp is None:
        return
    for ent in nlp(text).ents:
        if ent.label_ in ("PERSON", "GPE", "ORG", "NORP", "LOC"):
            for tok in ent.text.split():
                if tok[:1].isalpha() and tok not in cands and tok not in matcher.ok:
                    d = matcher.classify(tok)
                    if d is not None:
                        cands[tok] = d


@lru_cache(maxsize=1)
def _spacy_model():
    try:
        import spacy

        for name in ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf"):
            try:
                return spacy.load(name, disable=["parser", "lemmatizer"])
            except OSError:
                continue
    except ImportError:
        pass
    warnings.warn("entity_ner=True but no spaCy English model is installed; "
                  "restore_entities uses its own candidates only", RuntimeWarning, stacklevel=3)
    return None
