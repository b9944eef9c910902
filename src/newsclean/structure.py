"""The parts of a news page: headline, dateline, byline and body, as spans of the input.

``strip_site_chrome`` finds them and sets ``Result.structure``; :func:`body` and
``Result.body`` give the cleaned body text alone (the story without headline, byline or
site chrome).

>>> import newsclean
>>> page = "Categories: World\\n\\nTalks end without a deal\\n\\nGENEVA: The talks ended.\\n\\nShare\\n"
>>> r = newsclean.analyze(page, passes=["strip_site_chrome"])
>>> r.structure.headline, r.structure.dateline
((19, 43), (45, 52))
>>> r.body
'GENEVA: The talks ended.'
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

@dataclass(frozen=True)
class Structure:
    """Spans ``(start, end)`` of the input text, or None where a part was not found."""

    headline: tuple[int, int] | None = None
    dateline: tuple[int, int] | None = None
    byline: tuple[int, int] | None = None
    body: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: (list(v) if v is not None else None)
                for k, v in (("headline", self.headline), ("dateline", self.dateline),
                             ("byline", self.byline), ("body", self.body))}


def output_span(result, span: tuple[int, int]) -> tuple[int, int]:
    """Where an input span of ``result.source`` lies in ``result.text``.

    An edit that ends at the span's start or starts at its end stays outside it; an edit
    that straddles a boundary has its output counted inside.
    """
    edits = sorted(result.edits, key=lambda e: (e.start, e.end))
    ends = [e.end for e in edits]
    cum = [0]  # length change of the first k edits
    for e in edits:
        cum.append(cum[-1] + len(e.after) - (e.end - e.start))

    def at(pos: int, is_end: bool) -> int:
        k = bisect_right(ends, pos)  # edits wholly at or before pos
        if k < len(edits) and edits[k].start < pos:  # pos falls inside edit k
            out_start = edits[k].start + cum[k]
            return out_start + len(edits[k].after) if is_end else out_start
        return pos + cum[k]

    s, t = at(span[0], False), at(span[1], True)
    return (s, t) if s <= t else (t, t)


def part_text(result, name: str) -> str | None:
    """The cleaned text of one part (``"body"``, ``"headline"``...) of ``result``, or None."""
    st = result.annotations.get("structure")
    if st is None:
        return None
    span = getattr(st, name)
    if span is None:
        return None
    s, e = output_span(result, span)
    return result.text[s:e]


def body(result) -> str | None:
    """The cleaned story body alone: no headline, byline or site chrome.

    None when ``strip_site_chrome`` did not run or found no body.
    """
    return part_text(result, "body")
