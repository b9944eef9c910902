"""Repair spacing around words and punctuation without touching line structure."""

from __future__ import annotations

import re

import regex

from ..registry import register_pass
from ..spans import non_overlapping

# Each kind of damage has its own pattern that starts on a rare character (or a pair), so
# the scan is a fast search rather than an attempt at every position; context the pattern
# can't express cheaply is checked in Python on the few hits. Simple classes use the
# standard library's ``re`` (measurably faster for them here); Unicode properties need
# ``regex``. No pattern has nested or overlapping repetition, so all are linear.
_SPACE = "\x20\u00a0\u2000-\u200a\u202f\u205f\u3000"
# Invisible characters that break words and searches: zero-width space, word joiner, a BOM
# inside the text, soft hyphen. Not ZWJ/ZWNJ, which scripts and emoji need.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]+")
# The last blank before a line end (the run is extended backwards in Python).
_TRAILING = re.compile("[\t" + _SPACE + "](?=\r?\n|\r|\\Z)")
# The last space before , ; : ! ? or a lone full stop (extended backwards in Python: a
# pattern that consumed the whole run first would be quadratic on long runs of spaces).
_BEFORE_PUNCT = re.compile("[\x20\u00a0](?=[,;:!?.])")
_AFTER_PUNCT_END = re.compile("[,;:!?.](?:[\\s\u201d\u2019\"')\\]]|\\Z)")
# A space just inside a bracket.
_IN_BRACKETS = re.compile("[(\\[]\x20+|\x20[)\\]]")
# Two or more blanks in a row.
_RUN = re.compile("[" + _SPACE + "]{2,}")
# Missing space after sentence punctuation ("word.Next") or a comma ("word,next").
_AFTER_STOP = regex.compile(r"(?<=\p{Ll}\p{Ll})[.?!](?=\p{Lu}\p{Ll})")
_AFTER_COMMA = regex.compile(r"[,;](?=\p{L}\p{L})(?<=\p{L}\p{L}.)")

# A token that must not be split (web addresses, e-mail, file names, handles, code).
_UNSPLITTABLE = regex.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|@|\.(?:com|org|net|gov|edu|"
                              r"html?|php|aspx?|pdf|jpe?g|png|gif|txt|csv|json|xml|co|uk|in|"
                              r"io|ru|cn|de|fr|au|ca)\b)", regex.I)

_REASONS = {
    "invisible": "removed invisible character",
    "trailing": "removed trailing whitespace",
    "before_punct": "removed space before punctuation",
    "after_open": "removed space inside bracket",
    "before_close": "removed space inside bracket",
    "run": "collapsed run of spaces",
    "after_stop": "added missing space after sentence punctuation",
    "after_comma": "added missing space after comma",
}


def _token_around(text: str, pos: int) -> str:
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = pos
    n = len(text)
    while end < n and not text[end].isspace():
        end += 1
    return text[start:end]


@register_pass(order=200)
def fix_spacing(ctx) -> None:
    """Fix runs of spaces, spaces before punctuation and missing spaces after it.

    Repairs: runs of spaces between words, spaces before ``, ; : ! ?`` and a full stop,
    missing spaces after sentence punctuation (``word.Next``, ``word,next``), spaces just
    inside brackets, invisible zero-width characters and soft hyphens, trailing whitespace.

    Leaves alone: line breaks and blank lines (paragraph structure is kept exactly),
    indentation at the start of a line, a single no-break space (correct typography),
    decimals, times, thousands separators, URLs, e-mail addresses, file names,
    abbreviations and initials (``U.S.``, ``J.K. Rowling``), ellipses, ZWJ/ZWNJ.

    >>> from newsclean import clean
    >>> clean("Lavrov said , on Tuesday ,that talks( in Geneva )would go on.Biden  agreed.",
    ...       passes=["fix_spacing"])
    'Lavrov said, on Tuesday, that talks(in Geneva)would go on. Biden agreed.'
    >>> clean("Shares rose 3.5% to $1,200 at 10:30 on www.example.com, the U.S. said.",
    ...       passes=["fix_spacing"])
    'Shares rose 3.5% to $1,200 at 10:30 on www.example.com, the U.S. said.'
    """
    text = ctx.text
    found: list[tuple[int, int, str, str]] = []
    add = found.append
    for m in _INVISIBLE.finditer(text):
        add((m.start(), m.end(), "", _REASONS["invisible"]))
    for m in _TRAILING.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in _BLANKS:
            start -= 1
        add((start, m.end(), "", _REASONS["trailing"]))
    for m in _BEFORE_PUNCT.finditer(text):
        start, end = m.span()
        while start > 0 and text[start - 1] in "\x20\u00a0":
            start -= 1
        if start == 0 or not _is_word_end(text[start - 1]) or text.startswith("..", end):
            continue
        if _AFTER_PUNCT_END.match(text, end):
            add((start, end, "", _REASONS["before_punct"]))
        elif text[end] in ",;" and text[end + 1 : end + 2].isalpha():
            # "Tuesday ,that": the space belongs after the comma.
            add((start, end + 1, text[end] + " ", _REASONS["before_punct"]))
    for m in _IN_BRACKETS.finditer(text):
        start, end = m.span()
        if text[start] in "([":
            if end < len(text) and _is_word_start(text[end]):
                add((start + 1, end, "", _REASONS["after_open"]))
        else:
            while start > 0 and text[start - 1] == " ":
                start -= 1
            if start > 0 and _is_word_end(text[start - 1]):
                add((start, end - 1, "", _REASONS["before_close"]))
    for m in _RUN.finditer(text):
        start, end = m.span()
        if start == 0 or end == len(text) or text[start - 1].isspace() or text[end].isspace():
            continue  # indentation, or trailing whitespace (handled above)
        run = m.group()
        # A run of no-break spaces stays one no-break space: it was chosen on purpose.
        add((start, end, "\u00a0" if run.strip("\u00a0") == "" else " ", _REASONS["run"]))
    for pattern, kind in ((_AFTER_STOP, "after_stop"), (_AFTER_COMMA, "after_comma")):
        for m in pattern.finditer(text):
            if not _UNSPLITTABLE.search(_token_around(text, m.start())):
                add((m.end(), m.end(), " ", _REASONS[kind]))
    for start, end, rep, reason in non_overlapping(found):
        ctx.edit(start, end, rep, reason)


_BLANKS = frozenset("\t\x20\u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))


def _is_word_end(ch: str) -> bool:
    return ch.isalnum() or ch in ")]\u2019\u201d%"


def _is_word_start(ch: str) -> bool:
    return ch.isalnum() or ch in "\u201c\u2018\"'"
