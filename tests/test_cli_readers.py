"""How the command reads files: encodings, line endings, refusals (in-process, fast)."""

import codecs
import io

import pytest

from newsclean.cli.jsonl import add_field, replace_value, value_span
from newsclean.cli.readers import (InputError, decode, read_jsonl_lines, restore_newlines,
                                   split_newlines)

TEXT = "Caf\u00e9 owners said \u201cno\u201d \u2014 twice.\n"


@pytest.mark.parametrize("data, encoding, guessed", [
    (TEXT.encode(), "utf-8", False),
    (codecs.BOM_UTF8 + TEXT.encode(), "utf-8-sig", False),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16", False),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", False),
    (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32", False),
    (TEXT.encode("cp1252"), "cp1252", True),
    ("Le caf\u00e9 \u00e0 c\u00f4t\u00e9".encode("latin-1") + b"\n", "cp1252", True),
])
def test_encodings_read_correctly(data, encoding, guessed):
    d = decode(data)
    assert (d.encoding, d.guessed) == (encoding, guessed)
    assert d.text == (TEXT if "Caf" in d.text else "Le caf\u00e9 \u00e0 c\u00f4t\u00e9\n")


def test_utf8_with_stray_cp1252_bytes():
    d = decode("Caf\u00e9 owners said ".encode() + b"\x93no\x94.")
    assert d.text == "Caf\u00e9 owners said \u201cno\u201d." and d.encoding == "utf-8+cp1252"


@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430?"
     .encode("koi8-r"), "undecodable"),
    (codecs.BOM_UTF16_LE + b"h\x00\x00\xd8", "undecodable"),
])
def test_refusals(data, kind):
    with pytest.raises(InputError) as e:
        decode(data)
    assert e.value.kind == kind


def test_forced_encoding():
    assert decode("\u00e9".encode("cp1250"), "cp1250").text == "\u00e9"
    with pytest.raises(InputError):
        decode(b"\xff\xfe\x00", "utf-8")


@pytest.mark.parametrize("text", ["a\r\nb\r\n", "a\rb\r", "a\nb", "a\r\nb\n", "", "x"])
def test_newlines_round_trip(text):
    body, newline = split_newlines(text)
    assert restore_newlines(body, newline) == text
    assert "\r" not in body or newline == "mixed"


def test_long_jsonl_lines_come_in_pieces():
    fh = io.BytesIO(b'{"a": 1}\n' + b"x" * 100 + b"\n" + b'{"b": 2}')
    got = []
    for lineno, line, too_long in read_jsonl_lines(fh, 20):
        got.append((lineno, b"".join(line) if too_long else line, too_long))
    assert got == [(1, b'{"a": 1}\n', False), (2, b"x" * 100 + b"\n", True),
                   (3, b'{"b": 2}', False)]


def test_jsonl_splice_keeps_other_fields():
    line = '{"text": "x", "n": 1.50, "text": "an idea", "s": "\\u00e9"}'
    span = value_span(line, "text")  # the last one, as json.loads reads it
    assert replace_value(line, span, "a \u201cnew\u201d idea") == \
        '{"text": "x", "n": 1.50, "text": "a \u201cnew\u201d idea", "s": "\\u00e9"}'
    assert value_span('{"a": {"text": "inner"}}', "text") is None
    assert add_field("{}", "k", [1]) == '{"k": [1]}'
