"""Change one field of a JSON Lines record and leave every other byte of the line alone.

Re-serialising a record would quietly rewrite fields the user never asked us to touch
(``1.50`` becomes ``1.5``, ``\\u00e9`` becomes ``é``, spacing changes). Instead the line
is scanned for the top-level key and only that value's bytes are replaced.

>>> line = '{"id": 7, "score": 1.50, "text": "an dissident", "tag": "\\\\u00e9"}'
>>> span = value_span(line, "text")
>>> line[span[0]:span[1]]
'"an dissident"'
>>> replace_value(line, span, "a dissident")
'{"id": 7, "score": 1.50, "text": "a dissident", "tag": "\\\\u00e9"}'
>>> add_field('{"a": 1}', "newsclean", {"edits": 0})
'{"a": 1, "newsclean": {"edits": 0}}'
"""

from __future__ import annotations

import json
from typing import Any

_decoder = json.JSONDecoder()
_WS = " \t\n\r"


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in _WS:
        i += 1
    return i


def value_span(line: str, key: str) -> tuple[int, int] | None:
    """Where the value of top-level ``key`` lies in the JSON object ``line``.

    The last occurrence wins, as in ``json.loads``. ``None`` if the key is absent. The line
    must already be known to parse as an object.
    """
    i = _skip_ws(line, 0)
    if i >= len(line) or line[i] != "{":
        return None
    i = _skip_ws(line, i + 1)
    found = None
    if i < len(line) and line[i] == "}":
        return None
    while i < len(line):
        k, i = _decoder.raw_decode(line, i)
        i = _skip_ws(line, i)
        i = _skip_ws(line, i + 1)  # the colon
        start = i
        _, i = _decoder.raw_decode(line, i)
        if k == key:
            found = (start, i)
        i = _skip_ws(line, i)
        if i >= len(line) or line[i] == "}":
            break
        i = _skip_ws(line, i + 1)  # the comma
    return found


def replace_value(line: str, span: tuple[int, int], value: Any) -> str:
    return line[: span[0]] + json.dumps(value, ensure_ascii=False) + line[span[1]:]


def add_field(line: str, key: str, value: Any) -> str:
    """Add ``key: value`` at the end of the object ``line`` (replacing it if present)."""
    span = value_span(line, key)
    if span is not None:
        return replace_value(line, span, value)
    end = line.rstrip(_WS)
    assert end.endswith("}")
    body = end[:-1].rstrip(_WS)
    sep = "" if body.endswith("{") else ", "
    return (body + sep + json.dumps(key) + ": " + json.dumps(value, ensure_ascii=False)
            + "}" + line[len(end):])
