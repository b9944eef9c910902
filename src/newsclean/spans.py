"""Small helpers for passes that gather candidate edits from several patterns.

>>> non_overlapping([(5, 8, "x", "a"), (0, 2, "", "b"), (6, 9, "y", "c"), (9, 9, " ", "d")])
[(0, 2, '', 'b'), (5, 8, 'x', 'a'), (9, 9, ' ', 'd')]
"""

from __future__ import annotations

from typing import Callable, Iterable, TypeVar

T = TypeVar("T", bound=tuple)
Edit4 = tuple[int, int, str, str]


def non_overlapping(edits: Iterable[T]) -> list[T]:
    """Sort ``(start, end, ...)`` tuples and drop any that overlap one kept before it.

    Of two overlapping candidates the one that starts first (then the longer) wins; an
    insertion is dropped when it falls strictly inside a kept span.
    """
    kept: list[T] = []
    last_end = 0
    for e in sorted(edits, key=lambda e: (e[0], -e[1])):
        start, end = e[0], e[1]
        if start < last_end or (kept and start == end == last_end and kept[-1][1] > start
                                and kept[-1][0] == start):
            continue
        kept.append(e)
        last_end = max(last_end, end)
    return kept


def until_stable(text: str, find: Callable[[str], list[Edit4]], max_rounds: int = 4
                 ) -> list[Edit4]:
    r"""Run ``find`` (text -> sorted non-overlapping edits) on its own output until it
    proposes nothing, and return the composed edits in ``text``'s coordinates.

    ``find`` must judge each line on its own: after the first round only the lines that
    the previous round changed are scanned again, which keeps the repeat cheap.

    >>> import re
    >>> def halve(t):  # each round turns every pair of spaces into one
    ...     return [(m.start(), m.end(), " ", "halve") for m in re.finditer("  ", t)]
    >>> until_stable("a    b\nc  d", halve)
    [(1, 5, ' ', 'halve'), (8, 10, ' ', 'halve')]
    """
    edits = find(text)
    if not edits:
        return []
    from .editlog import EditLog

    log = EditLog(text)
    for _ in range(max_rounds):
        log.compose(edits, "round")
        edits = []
        current = log.text
        for start, end in log.changed_lines():
            edits.extend((s + start, e + start, rep, reason)
                         for s, e, rep, reason in find(current[start:end]))
        if not edits:
            break
    return [(e.start, e.end, e.after, e.reason) for e in log.edits]
