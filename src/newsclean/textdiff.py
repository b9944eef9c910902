"""Turn "this text became that text" into small edits, for passes that rewrite wholesale.

>>> diff_edits("Russiaâ€™s cafÃ©", "Russia’s café")
[(6, 9, '’'), (14, 16, 'é')]
"""

from __future__ import annotations

# Character-level alignment is quadratic; beyond this many differing characters we report
# one edit for the differing middle instead of aligning it.
_MAX_ALIGN = 4000


def diff_edits(a: str, b: str) -> list[tuple[int, int, str]]:
    """Edits ``(start, end, replacement)`` in ``a``'s coordinates that turn ``a`` into ``b``."""
    if a == b:
        return []
    # Common prefix and suffix first: cheap, and usually all there is.
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[len(a) - 1 - s] == b[len(b) - 1 - s]:
        s += 1
    a_mid, b_mid = a[p : len(a) - s], b[p : len(b) - s]
    if len(a_mid) > _MAX_ALIGN or len(b_mid) > _MAX_ALIGN or not a_mid or not b_mid:
        return [(p, len(a) - s, b_mid)]
    from rapidfuzz.distance import Levenshtein

    edits: list[tuple[int, int, str]] = []
    for op in Levenshtein.opcodes(a_mid, b_mid):
        if op.tag == "equal":
            continue
        start, end = p + op.src_start, p + op.src_end
        rep = b_mid[op.dest_start : op.dest_end]
        if edits and edits[-1][1] == start:  # contiguous changes are one edit
            ps, _, prep = edits[-1]
            edits[-1] = (ps, end, prep + rep)
        else:
            edits.append((start, end, rep))
    return edits
