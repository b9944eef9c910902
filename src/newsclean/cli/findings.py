"""Findings for ``newsclean check``: every edit and flag, with a line, a column and a level.

Levels, from most to least severe: ``error`` (an input that could not be read at all),
``warning`` (an edit: damage ``clean`` would repair) and ``info`` (a flag: something a pass
noticed but was not sure enough to change). A pass can raise one of its flags to
``warning`` or ``error`` by putting ``level`` in the flag's ``data``.

Lines and columns count from 1; columns count characters (code points), not bytes.

>>> from newsclean.model import Edit, Flag, Result
>>> r = Result(source="ab\\ncd  e", text="ab\\ncd e",
...            edits=(Edit(5, 7, "  ", " ", "fix_spacing", "two spaces between words"),))
>>> [format_text(f) for f in findings_for("s.txt", r.source, r)]
['s.txt:2:3: warning: fix_spacing: two spaces between words: "  " (suggestion: " ")']
"""

from __future__ import annotations

import json
from bisect import bisect_right
from typing import Any

LEVELS = ("info", "warning", "error")


def level_rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else LEVELS.index("warning")


class _Lines:
    """Offset to (line, column), computing line starts only when first needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None

    def at(self, offset: int) -> tuple[int, int]:
        if self.starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self.starts = starts
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def findings_for(path: str, source: str, result, record_line: int | None = None
                 ) -> list[dict[str, Any]]:
    """The findings of one analysed document, in text order.

    ``source`` is the text that was analysed (spans refer to it). For a JSONL record,
    ``record_line`` is the record's line in the file: the finding's ``line`` is that line
    and ``col`` the character offset in the text field plus one (``text_line`` and
    ``text_col`` give the position inside the field).
    """
    lines = _Lines(source)
    out: list[dict[str, Any]] = []
    items: list[tuple[int, int, dict[str, Any]]] = []
    for e in result.edits:
        items.append((e.start, 0, {
            "level": "warning", "kind": e.pass_name, "message": e.reason,
            "text": e.before, "suggestion": e.after, "start": e.start, "end": e.end,
            "pass": e.pass_name, "edit": True}))
    for f in result.flags:
        data = f.data or {}
        level = data.get("level") if data.get("level") in LEVELS else "info"
        items.append((f.start, 1, {
            "level": level, "kind": f.kind, "message": f.reason, "text": f.text,
            "suggestion": f.suggestion, "start": f.start, "end": f.end,
            "pass": f.pass_name, "score": f.score, "edit": False}))
    items.sort(key=lambda t: (t[0], t[1]))
    for start, _, item in items:
        line, col = lines.at(start)
        if record_line is None:
            finding = {"path": path, "line": line, "col": col}
        else:
            finding = {"path": path, "line": record_line, "col": start + 1,
                       "text_line": line, "text_col": col}
        finding.update(item)
        out.append(finding)
    return out


def _quote(s: str, limit: int = 60) -> str:
    # A finding can span a paragraph (site chrome): keep the line readable. --format json
    # has the whole text.
    if len(s) > limit:
        s = s[: limit - 1] + "\u2026"
    return json.dumps(s, ensure_ascii=False)


def format_text(f: dict[str, Any]) -> str:
    """``path:line:col: level: kind: message (suggestion)``, one line, as compilers print.

    The level comes where GCC puts it, so editors' and CI tools' default patterns for
    ``file:line:col: warning: ...`` pick it up.
    """
    msg = " ".join(str(f["message"]).split())  # one line, whatever the pass wrote
    if f.get("text"):
        msg += ": " + _quote(f["text"])
    sugg = f.get("suggestion")
    if sugg is not None:
        msg += " (suggestion: " + (_quote(sugg) if sugg else "delete") + ")"
    return f"{f['path']}:{f['line']}:{f['col']}: {f['level']}: {f['kind']}: {msg}"

