"""Repair spacing around words and punctuation without touching line structure."""

from __future__ import annotations

import re
from typing import Iterator

import regex

from ..registry import register_pass
from ..spans import non_overlapping

# Speed matters here: this pass sees every character of every document. Almost all spacing
# damage starts with a blank next to something specific (another blank, a line end,
# punctuation, a bracket), so one pattern of single-character steps finds those places and
# the few hits are classified in Python. Nothing here backtracks: scans are linear.
_ODD_BLANKS = "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009" \
              "\u200a\u202f\u205f\u3000"
_BLANKS = frozenset(" " + _ODD_BLANKS)
_HITS = re.compile(
    "[ " + _ODD_BLANKS + "](?=[ " + _ODD_BLANKS + "\n\r,.;:!?)\\]]|\\Z)"  # blank + blank/end/punct
    "|[(\\[] "                                                  # bracket + space
    "|[" + _ODD_BLANKS + "]"                                     # any unusual blank
)
# Invisible characters that break words and searches: zero-width space, word joiner, a BOM
# inside the text, soft hyphen. Not ZWJ/ZWNJ, which scripts and emoji need.
_INVISIBLE_CHARS = "\u200b\u2060\ufeff\u00ad"
_INVISIBLE = re.compile("[" + _INVISIBLE_CHARS + "]+")
# What must follow , ; : ! ? or . for a space before it to be stray.
_AFTER_PUNCT_END = re.compile("[,;:!?.](?:[\\s\u201d\u2019\"')\\]]|\\Z)")
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
    """The run of text around ``pos`` up to whitespace or a quote mark (a URL's extent)."""
    start = pos
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _QUOTES:
        start -= 1
    end = pos
    n = len(text)
    while end < n and not text[end].isspace() and text[end] not in _QUOTES:
        end += 1
    return text[start:end]


@register_pass(order=200, line_local=True)
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
    # One repair can expose another (a zero-width space removed leaves a trailing space);
    # the pipeline re-runs this line-local pass over the lines it changed until they settle.
    for start, end, rep, reason in _find_spacing(ctx.text):
        ctx.edit(start, end, rep, reason)


def _find_spacing(text: str) -> list[tuple[int, int, str, str]]:
    found: list[tuple[int, int, str, str]] = []
    add = found.append
    for ch in _INVISIBLE_CHARS:
        if ch in text:
            for m in _INVISIBLE.finditer(text):
                add((m.start(), m.end(), "", _REASONS["invisible"]))
            break
    covered = -1
    tables: dict[int, bool] = {}    # line start -> is the line a table row (asked once)
    line_start, line_end = 0, text.find("\n")
    for i in _blank_hits(text):
        if i < covered:
            continue  # inside a run already judged
        while 0 <= line_end < i:    # the line holding i, followed forwards (no rfind)
            line_start = line_end + 1
            line_end = text.find("\n", line_start)
        edit, covered = _classify_blank_run(text, i, tables, line_start, line_end)
        if edit is not None:
            add(edit)
    for pattern, kind in ((_AFTER_STOP, "after_stop"), (_AFTER_COMMA, "after_comma")):
        for m in pattern.finditer(text):
            token = _token_around(text, m.start())
            if not _UNSPLITTABLE.search(token) and not _code_like(token, kind):
                add((m.end(), m.end(), " ", _REASONS[kind]))
    return non_overlapping(found)


_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")


def _code_like(token: str, kind: str) -> bool:
    """Is ``token`` (a run without spaces) code or data rather than two glued words?

    Two glued sentences make one stop between two words ("meeting.Lavrov"); a dotted
    name of code has more (java.util.List, System.Text.Json) or a camel-case part
    (pandas.DataFrame); a function call has brackets (max(height,width)), and a row of
    data several commas with no space (name,email,phone).

    >>> _code_like("meeting.Lavrov", "after_stop"), _code_like("pandas.DataFrame", "after_stop")
    (False, True)
    >>> _code_like("Tuesday,that", "after_comma"), _code_like("name,email,phone", "after_comma")
    (False, True)
    """
    if "(" in token or "=" in token or "_" in token:
        return True
    if kind == "after_stop":
        return token.count(".") >= 2 or bool(_CAMEL.search(token))
    return token.count(",") + token.count(";") >= 2


def _blank_hits(text: str) -> Iterator[int]:
    """Positions, in order, of blanks that may be damage."""
    if not any(ch in text for ch in _ODD_BLANKS):
        # Copy with plain spaces only (nearly all of it): the same places, found by a
        # pattern that starts with a literal space, which the regex engine jumps to; one
        # that starts with a character class is tried at every character (5x slower).
        for m in _PLAIN_HITS.finditer(text):
            yield m.start()
        return
    for m in _HITS.finditer(text):
        i = m.start()
        yield i + 1 if text[i] in "([" else i


# What _HITS finds in text without unusual blanks: a space before a space, a line end or
# closing punctuation (or at the very end), or a space after an opening bracket.
_PLAIN_HITS = re.compile(r" (?:(?=[ \n\r,.;:!?)\]]|\Z)|(?<=[(\[] ))")


def _classify_blank_run(text: str, i: int, tables: dict | None = None, line_start: int = -1,
                        line_end: int = -1) -> tuple[tuple[int, int, str, str] | None, int]:
    """The edit for the run of blanks holding position ``i`` (or None), and the run's end."""
    n = len(text)
    start = i
    while start > 0 and text[start - 1] in _BLANKS:
        start -= 1
    end = i + 1
    while end < n and text[end] in _BLANKS:
        end += 1
    return _judge_run(text, start, end, tables, line_start, line_end), end


def _judge_run(text: str, start: int, end: int, tables: dict | None = None,
               line_start: int = -1, line_end: int = -1) -> tuple[int, int, str, str] | None:
    n = len(text)
    prev = text[start - 1] if start > 0 else "\n"
    nxt = text[end] if end < n else "\n"
    run = text[start:end]
    if nxt in "\r\n":
        return (start, end, "", _REASONS["trailing"])
    if prev in "\r\n":
        return None  # indentation is the author's
    if nxt in ",;:!?.":
        if not _is_word_end(prev) or text.startswith("..", end) or text.startswith(". .", end):
            return None  # an ellipsis, also spaced the Chicago way (". . .")
        if nxt in ":;" and end + 1 < n and text[end + 1] in ")(]":
            return None  # an emoticon, ":)"
        if _AFTER_PUNCT_END.match(text, end):
            return (start, end, "", _REASONS["before_punct"])
        if nxt in ",;" and text[end + 1 : end + 2].isalpha():
            # "Tuesday ,that": the space belongs after the comma.
            return (start, end + 1, nxt + " ", _REASONS["before_punct"])
        return None
    if nxt in ")]" and run.strip(" ") == "":
        return (start, end, "", _REASONS["before_close"]) if _is_word_end(prev) else None
    if prev in "([" and run.strip(" ") == "":
        return (start, end, "", _REASONS["after_open"]) if _is_word_start(nxt) else None
    if len(run) >= 2 and "\t" not in run:
        if run == " " * len(run):
            # (once per line: a long line has many runs, and the test reads all of it)
            table = tables.get(line_start) if tables is not None else None
            if table is None:
                table = _in_table(text, start, line_start, line_end)
                if tables is not None:
                    tables[line_start] = table
            if table:
                return None
        # A run of no-break spaces stays one no-break space: it was chosen on purpose.
        rep = "\u00a0" if run.strip("\u00a0") == "" else " "
        return (start, end, rep, _REASONS["run"])
    return None


_GAP = re.compile(r" {2,}")
_FIGURE = re.compile(r"[-+\u2212]?[$\u00a3\u20ac\u00a5\u20b9]?\d[\d.,:]*[%kmbn]*\*?")


def _in_table(text: str, pos: int, a: int = -1, b: int = -1) -> bool:
    r"""Is ``pos`` in a row of a plain-text table: a line whose cells, split at gaps of
    several spaces, are figures after the first one at least half of the time? ``a``,
    ``b``: the line's start and end (-1: the end of the text), if known. (A
    spinner's or a scraper's stray double spaces fall between words.) The line alone
    decides, as for every repair of this line-local pass: the pipeline re-runs it over the
    lines a run changed, away from their neighbours.

    >>> _in_table("1. Liverpool    38  84", 13), _in_table("              2025     2024", 18)
    (True, True)
    >>> _in_table("He said  so.  Then  left at 10:30.", 7)
    False
    """
    if a < 0:                   # the line's bounds, unless the caller knows them
        a = text.rfind("\n", 0, pos) + 1
        b = text.find("\n", pos)
    cells = _GAP.split(text[a: len(text) if b < 0 else b].strip())
    rest = cells[1:]
    figures = sum(1 for c in rest if _FIGURE.fullmatch(c))
    return bool(rest) and 2 * figures >= len(rest)


# Quote marks of every style count alike, so that the outcome does not depend on the quote
# style, which fix_quotes may change after this pass.
_QUOTES = "\u201c\u201d\u2018\u2019\"'"


def _is_word_end(ch: str) -> bool:
    return ch.isalnum() or ch in ")]%" + _QUOTES


def _is_word_start(ch: str) -> bool:
    return ch.isalnum() or ch in _QUOTES
