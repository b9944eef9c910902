"""Keep every pass's edits in the coordinates of the *input* text.

Each pass sees the text as the passes before it left it and proposes edits in that text's
coordinates. :class:`EditLog` composes them with what came before, so the log always holds
non-overlapping edits of the input that, applied to it, give the current text. Where a pass
edits text that an earlier pass wrote (or touches it), the two edits are merged into one
whose ``pass_name`` and ``reason`` name both, so nothing is lost and spans never overlap.

>>> log = EditLog("AAM AAM AADMI")
>>> log.compose([(0, 4, "", "repeated word")], "fix_repeated_words")
>>> log.text
'AAM AADMI'
>>> log.compose([(0, 9, "Aam Aadmi", "gazetteer")], "restore_entities")
>>> [(e.start, e.end, e.after, e.pass_name) for e in log.edits]
[(0, 13, 'Aam Aadmi', 'fix_repeated_words+restore_entities')]
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from .model import Edit

#: A pass's proposal in the coordinates of the text it was given: start, end, replacement,
#: reason (and, optionally, the name of the pass, when one call composes several passes').
LocalEdit = tuple  # (int, int, str, str) or (int, int, str, str, str)


class EditLog:
    """The composed edits of every pass so far, and the current text they produce."""

    __slots__ = ("source", "text", "edits", "_cur_starts", "_cur_ends", "_deltas")

    def __init__(self, source: str) -> None:
        self.source = source
        self.text = source
        self.edits: list[Edit] = []
        self._reindex()

    def _reindex(self) -> None:
        # For each composed edit: where its output lies in the current text, and the
        # length change accumulated by the edits before it.
        starts: list[int] = []
        ends: list[int] = []
        deltas: list[int] = []
        delta = 0
        for e in self.edits:
            deltas.append(delta)
            c = e.start + delta
            starts.append(c)
            ends.append(c + len(e.after))
            delta += len(e.after) - (e.end - e.start)
        self._cur_starts = starts
        self._cur_ends = ends
        self._deltas = deltas

    # -- mapping current positions back to the input ------------------------------------

    def to_input(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text to the smallest input span that produced it.

        >>> log = EditLog("ab  cd")
        >>> log.compose([(2, 4, " ", "spaces")], "fix_spacing")
        >>> log.text, log.to_input(3, 5), log.to_input(2, 3)
        ('ab cd', (4, 6), (2, 4))
        """
        s, e = self._map_pos(start, is_end=False), self._map_pos(end, is_end=True)
        return (s, e) if s <= e else (e, s)

    def _map_pos(self, pos: int, *, is_end: bool) -> int:
        i = bisect_right(self._cur_starts, pos) - 1
        if i < 0:
            return pos
        c, d, e = self._cur_starts[i], self._cur_ends[i], self.edits[i]
        if c < pos < d:
            # Inside an edit's output: it came from the edit's whole input span.
            return e.end if is_end else e.start
        if pos == c:
            if c == d:
                # At a deletion point: a span starting here starts after the deleted text,
                # one ending here ends before it.
                return e.start if is_end else e.end
            return e.start
        # In copied text after edit i's output.
        return pos - (self._deltas[i] + len(e.after) - (e.end - e.start))

    def changed_lines(self) -> list[tuple[int, int]]:
        """Spans of the whole lines of the current text that hold an edit's output."""
        text = self.text
        spans: list[tuple[int, int]] = []
        for c_start, c_end in zip(self._cur_starts, self._cur_ends):
            if spans and c_end <= spans[-1][1]:
                continue  # inside the line span already found (keeps long lines linear)
            if spans and c_start <= spans[-1][1]:
                start = spans[-1][0]
                spans.pop()
            else:
                start = text.rfind("\n", 0, c_start) + 1
            end = text.find("\n", c_end)
            spans.append((start, len(text) if end < 0 else end))
        return spans

    # -- composing a pass's edits ------------------------------------------------------

    def compose(self, local: Sequence[LocalEdit], pass_name: str) -> None:
        """Add a pass's edits (in current-text coordinates) to the log.

        ``local`` must be sorted and non-overlapping; edits that change nothing are dropped.
        """
        local = [le for le in local if self.text[le[0] : le[1]] != le[2]]
        if not local:
            return
        _check_local(local, len(self.text))
        old = self.edits
        cur = self.text
        merged: list[Edit] = []
        i = 0  # next composed edit not yet emitted
        j = 0  # next local edit
        n_old = len(old)
        while i < n_old or j < len(local):
            # Start a group with whichever comes first in the current text.
            if j >= len(local) or (
                i < n_old
                and self._cur_starts[i] <= local[j][0]
                and not _overlap(local[j][0], local[j][1], self._cur_starts[i],
                                 self._cur_ends[i])
            ):
                merged.append(old[i])
                i += 1
                continue
            # A group: local edit j plus every composed edit and local edit that overlaps
            # the growing span, transitively.
            g_start, g_end = local[j][0], local[j][1]
            group_old: list[int] = []
            group_local: list[int] = [j]
            j += 1
            changed = True
            while changed:
                changed = False
                while i < n_old and _overlap(g_start, g_end, self._cur_starts[i],
                                             self._cur_ends[i]):
                    group_old.append(i)
                    g_start = min(g_start, self._cur_starts[i])
                    g_end = max(g_end, self._cur_ends[i])
                    i += 1
                    changed = True
                while j < len(local) and _overlap(g_start, g_end, local[j][0], local[j][1]):
                    group_local.append(j)
                    g_end = max(g_end, local[j][1])
                    j += 1
                    changed = True
            merged.append(self._group_edit(cur, g_start, g_end, group_old,
                                           [local[k] for k in group_local], pass_name))
        self.edits = [e for e in merged if e.before != e.after]
        self.text = _apply_local(cur, local)
        self._reindex()

    def _group_edit(self, cur: str, g_start: int, g_end: int, group_old: list[int],
                    group_local: list[LocalEdit], pass_name: str) -> Edit:
        in_start = self._map_pos(g_start, is_end=False)
        in_end = self._map_pos(g_end, is_end=True)
        if group_old:
            first, last = self.edits[group_old[0]], self.edits[group_old[-1]]
            in_start = min(in_start, first.start)
            in_end = max(in_end, last.end)
        # The group's output: the current text of the span with the local edits applied.
        pieces: list[str] = []
        pos = g_start
        for s, e, rep, *_ in group_local:
            pieces.append(cur[pos:s])
            pieces.append(rep)
            pos = e
        pieces.append(cur[pos:g_end])
        after = "".join(pieces)
        names: list[str] = []
        reasons: list[str] = []
        for k in group_old:
            old = self.edits[k]
            for n in old.pass_name.split("+"):
                if n not in names:
                    names.append(n)
            if old.reason not in reasons:
                reasons.append(old.reason)
        for le in group_local:
            for n in (le[4] if len(le) > 4 else pass_name).split("+"):
                if n not in names:
                    names.append(n)
        for le in group_local:
            if le[3] not in reasons:
                reasons.append(le[3])
        return Edit(in_start, in_end, self.source[in_start:in_end], after,
                    "+".join(names), "; ".join(reasons))


def _overlap(s: int, e: int, c: int, d: int) -> bool:
    """Do two spans of the current text share text, or does an empty one touch the other?"""
    if s < d and c < e:
        return True
    if s == e or c == d:
        return s <= d and c <= e
    return False


def _check_local(local: Sequence[LocalEdit], n: int) -> None:
    pos = 0
    for s, e, *_ in local:
        if s < pos or e < s or e > n:
            raise ValueError(f"pass proposed overlapping or out-of-range edit {s}:{e}")
        pos = e if e > s else s


def _apply_local(text: str, local: Sequence[LocalEdit]) -> str:
    out: list[str] = []
    pos = 0
    for s, e, rep, *_ in local:
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out)
