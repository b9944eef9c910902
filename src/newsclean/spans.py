"""Small helpers for passes that gather candidate edits from several patterns.

>>> non_overlapping([(5, 8, "x", "a"), (0, 2, "", "b"), (6, 9, "y", "c"), (9, 9, " ", "d")])
[(0, 2, '', 'b'), (5, 8, 'x', 'a'), (9, 9, ' ', 'd')]
"""

from __future__ import annotations

from typing import Iterable, TypeVar

T = TypeVar("T", bound=tuple)


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

