"""Collapse a word that a spinner or a bad paste doubled ("AAM AAM AADMI")."""

from __future__ import annotations

from functools import lru_cache

import re

from ..registry import Option, register_pass
from ..resources import tsv_rows, word_set

# A word, then the same word again once or more, one space between (fix_spacing has
# collapsed runs of spaces before; the ones it leaves are a table's columns, and a word
# repeated in the next column is no stutter). It runs on the lower-cased
# text (same offsets, checked) with a case-sensitive pattern: measurably faster than
# IGNORECASE, and the standard library's engine beats ``regex`` on this backreference
# pattern. What it cannot say cheaply (letters only, no hyphen or apostrophe continuing the
# last copy, as in "Boutros Boutros-Ghali") is checked on the few hits.
# Possessive quantifiers (Python >= 3.11) make it faster still; further copies after the
# first pair are taken in Python.
try:
    _DOUBLE = re.compile(r"\b(\w++) \1\b")
except re.error:  # pragma: no cover - Python 3.10
    _DOUBLE = re.compile(r"\b(\w+) \1\b")
_DOUBLE_ANY_CASE = re.compile(_DOUBLE.pattern, re.IGNORECASE)
_JOINERS = "-'\u2019\u2010\u2011"
_NEXT_WORD = re.compile(r" +(\w+)")

# Real English doubles a word far more often than one expects ("the new new thing", "fill
# you in in case", "really really", "yadda yadda"), and names and titles reduplicate
# words ("Lang Lang", "Mau Mau", "Boom Boom Becker", "Rebel Rebel"), so a double is only
# collapsed when it cannot be deliberate:
#  - function words that never stand twice in a row (the second copy in lower case);
#  - all-capitals doubles inside a run of capitals in mixed-case copy ("and AAM AAM AADMI
#    parties"): a spinner's stutter inside a name set in capitals. An all-capitals double
#    ending the run ("radioed MAYDAY MAYDAY") or in an all-capitals headline may be a call
#    or a name, and is flagged;
#  - title-case doubles of long, mid-frequency English words that are not names
#    ("Activist Activist"): reduplication, in English and in the names it borrows, doubles
#    short stems of one or two syllables ("Bora Bora", "Tian Tian", "Twinkle Twinkle"),
#    while a spinner doubles any word; very common words doubled are usually emphasis or
#    titles ("The New New Thing"); rare words, words outside the English word list and
#    words edited copy capitalises mid-sentence (data/capitalised_words.txt) may be names
#    ("Dee Dee Myers", "Lang Lang"). Such doubles are flagged instead; a double that trusted
#    copy itself contains ("Jar Jar Binks", in the shipped collocation table) is left alone.
# A word said three times or more ("MAYDAY MAYDAY MAYDAY", "Aussie Aussie Aussie, Oi Oi
# Oi") is a call or a chant, not a stutter: a spinner doubles once. Two doubles side by
# side ("Chitty Chitty Bang Bang", "Krishna Krishna Hare Hare") are a deliberate pattern.
# Neither is flagged, but lower-case function words ("the the the") are still collapsed.
_NEVER_DOUBLED = frozenset(
    "the a an of their its our my your these those from with".split()
)
# A double seen this often in the collocation table is one edited copy writes.
_ATTESTED = 3
# Bounds on wordfreq's Zipf scale (log10 of frequency per billion words).
_NAME_ZIPF = 3.0
_EMPHASIS_ZIPF = 4.5
# Reduplicated names and titles double stems of one or two syllables (vowel groups).
_MIN_STUTTER_SYLLABLES = 3
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _allow_file(value):
    """The option's value checked when the options are made, not on the first double."""
    if value is None:
        return None
    import os

    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"repeated_words_allow must be a path to a file, not {value!r}")
    path = os.path.abspath(os.fspath(value))
    if not os.path.isfile(path):
        raise ValueError(f"repeated_words_allow: no such file {os.fspath(value)!r}")
    return path


@lru_cache(maxsize=8)
def _allowed(extra_file: str | None) -> frozenset[str]:
    words = {row[0].strip().lower() for row in tsv_rows("repeated_words.tsv") if row[0].strip()}
    if extra_file:
        with open(extra_file, encoding="utf-8") as fh:
            for line in fh:
                word = line.split("\t", 1)[0].strip().lower()
                if word and not word.startswith("#"):
                    words.add(word)
    return frozenset(words)


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    # Words edited copy capitalises mid-sentence: names ("Dee Dee Myers").
    return word_set("capitalised_words.txt")


def _attested_double(word: str) -> bool:
    # Edited copy writes this double itself ("Jar Jar Binks"): the shipped collocation
    # table (counts of word pairs in trusted journalism, data/spun/) has seen it.
    from ..spun.collocations import load_table

    return load_table(None).get(f"{word} {word}", 0) >= _ATTESTED


@lru_cache(maxsize=4096)
def _english_word(word: str) -> bool:
    # In the English word list (data/spun/pos.tsv.gz); a token outside it is name-like.
    from ..spun.grammar import pos_table

    return word in pos_table()


def _stutter_like(word: str) -> bool:
    """Could a title-case double of ``word`` (lower-cased) only be a spinner's stutter?"""
    zipf = _zipf(word)
    return (_NAME_ZIPF <= zipf < _EMPHASIS_ZIPF
            and len(_VOWEL_GROUPS.findall(word)) >= _MIN_STUTTER_SYLLABLES
            and word not in _name_words() and _english_word(word)
            and not _attested_double(word))


def _next_word(text: str, end: int) -> str:
    """The word after ``end`` (spaces between), or '' after punctuation or a line end."""
    m = _NEXT_WORD.match(text, end)
    return m.group(1) if m else ""


def _double_follows(text: str, end: int) -> bool:
    m = _NEXT_WORD.match(text, end)
    return m is not None and _DOUBLE_ANY_CASE.match(text, m.start(1)) is not None


def _in_capitals_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return line == line.upper()


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _extend_copies(low: str, end: int, word: str) -> int:
    """Past the end of a doubled word, take any further copies ("the the the")."""
    n = len(low)
    while True:
        j = end + 1 if end < n and low[end] == " " else end
        if j == end or not low.startswith(word, j):
            return end
        k = j + len(word)
        if k < n and (low[k].isalnum() or low[k] == "_"):
            return end
        end = k


@register_pass(order=400, line_local=True, options=[
    Option("repeated_words_allow", None,
           "A file of extra legitimate doubles (one word per line, first column) for "
           "fix_repeated_words.", convert=_allow_file, paths=True),
])
def fix_repeated_words(ctx) -> None:
    """Remove the second of two identical adjacent words.

    Repairs ``AAM AAM AADMI`` → ``AAM AADMI``, ``Activist Activist`` → ``Activist``,
    ``the the`` → ``the``. Leaves alone: doubles that are grammatical or names, listed in
    ``data/repeated_words.tsv`` (``had had``, ``that that``, ``Bora Bora``, ``Duran Duran``,
    ``Walla Walla``, ``Sirhan Sirhan``); words across punctuation or line breaks
    (``very, very``); hyphenated names (``Boutros Boutros-Ghali``); doubles that real
    English uses on purpose (``fill you in in case``, ``The New New Thing``, ``really
    really``); calls and chants of three or more (``MAYDAY MAYDAY MAYDAY``, ``Oi Oi Oi``)
    and runs of doubles (``Chitty Chitty Bang Bang``). A lower-case content word doubled,
    a title-case double of a short, rare or name-like word (maybe a name or a title,
    ``Ali Ali``, ``Lang Lang``, ``Boom Boom Becker``, ``Rebel Rebel``), and a capitals
    double that ends its run (``radioed MAYDAY MAYDAY``) are flagged, not changed.

    >>> from newsclean import clean
    >>> clean("BJP and AAM AAM AADMI parties; Activist Activist Deep Sidhu",
    ...       passes=["fix_repeated_words"])
    'BJP and AAM AADMI parties; Activist Deep Sidhu'
    >>> clean("He had had enough of Duran Duran in Bora Bora.", passes=["fix_repeated_words"])
    'He had had enough of Duran Duran in Bora Bora.'
    """
    text = ctx.text
    allowed = None
    low = text.lower()
    if len(low) != len(text):
        # A character that lower-cases to two ("İ") would shift every offset after it:
        # such characters keep their case, so offsets in ``low`` are offsets in the text.
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    matches = _DOUBLE.finditer(low)
    last_end = -1
    for m in matches:
        start, end = m.span()
        if start < last_end:
            continue  # inside a run of copies already taken
        after_double = last_end >= 0 and not text[last_end:start].strip(" ")

        first = text[start:m.end(1)]
        end = last_end = _extend_copies(low, end, first.lower())
        if not first.isalpha() or (end < len(text) and text[end] in _JOINERS) or \
                (start > 0 and text[start - 1] in _JOINERS):
            continue
        copies = text[start:end].split()
        second = copies[1]
        if allowed is None:
            allowed = _allowed(ctx.config.repeated_words_allow)
        word = first.lower()   # not "low": that is the text, needed by the next match
        if word in allowed:
            continue
        if second.islower() and word in _NEVER_DOUBLED:
            ctx.edit(m.end(1), end, "", f"repeated word {second!r}")
            continue
        if len(copies) > 2 or len(first) < 2:
            continue  # a call or a chant ("PAN PAN PAN", "Oi Oi Oi"); "A A" is a label
        if first.isupper() and second.isupper():
            nxt = _next_word(text, end)
            if len(nxt) > 1 and nxt.isupper() and not _in_capitals_line(text, start):
                ctx.edit(m.end(1), end, "", f"repeated word {second!r}")
            else:
                ctx.flag(start, end, "repeated_word",
                         "capitals word doubled; may be a call or a name, so left as it is",
                         suggestion=first, score=0.5)
        elif first == second and first.istitle():
            if after_double or _double_follows(text, end):
                continue  # "Chitty Chitty Bang Bang": reduplication as a pattern
            if _stutter_like(word):
                ctx.edit(m.end(1), end, "", f"repeated word {second!r}")
            elif _zipf(word) < _EMPHASIS_ZIPF:
                ctx.flag(start, end, "repeated_word",
                         "title-case word doubled; may be a name or title, so left as it is",
                         suggestion=first, score=0.5)
        elif first == second and first.islower() and _zipf(word) < _EMPHASIS_ZIPF:
            ctx.flag(start, end, "repeated_word",
                     "word doubled; may be deliberate, so left as it is",
                     suggestion=first, score=0.4)
