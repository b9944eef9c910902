"""Read documents as text: find the encoding and the line endings, refuse what isn't text.

The library works on ``str`` with ``\\n`` line ends. A file is turned into that here and
back again in :func:`restore_newlines`, so cleaning a file gives exactly ``clean()`` of its
decoded text, with the file's own line endings put back.

>>> d = decode(b"caf\\xe9 \\x93ok\\x94\\r\\nnext\\r\\n")
>>> d.text, d.encoding, d.guessed, d.newline
('café “ok”\\nnext\\n', 'cp1252', True, '\\r\\n')
>>> restore_newlines(d.text, d.newline)
'café “ok”\\r\\nnext\\r\\n'
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# What a file that is not UTF-8 may be. Windows-1252 prints every Latin-1 character the
# same way (they differ only in 0x80-0x9F, which Latin-1 gives to invisible C1 controls), so
# Latin-1 copy reads correctly as cp1252 unless it holds such controls; those files, and
# anything charset-normalizer finds implausible as Western text (Cyrillic code pages,
# random bytes), are refused rather than turned into confident gibberish.
_LEGACY = ["cp1252", "latin_1"]


class InputError(Exception):
    """A document that cannot be read as text; ``kind`` is a short name for the summary."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Decoded:
    """A document as the library sees it, and what was assumed to get it."""

    text: str        #: the text with ``\n`` line ends (unless ``newline`` is ``"mixed"``)
    encoding: str    #: the codec used, e.g. ``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``
    guessed: bool    #: True when the encoding came from the detector, not a BOM or UTF-8
    newline: str     #: ``"\n"``, ``"\r\n"``, ``"\r"`` or ``"mixed"`` (left as it was)


def check_regular(path: str) -> os.stat_result:
    """``os.stat(path)``, refusing what can't be read as a document, with a clear message.

    FIFOs, devices and directories are refused without being opened (opening a FIFO would
    block); a broken symbolic link is told apart from a missing file.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError("unreadable", "cannot read: broken symbolic link") from None
        raise InputError("missing", "no such file or directory") from None
    except OSError as exc:
        raise InputError("unreadable", f"cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("unreadable", "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError("unreadable", "not a regular file (device, FIFO or socket)")
    return st


def read_limited(path: str, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, refusing anything over ``max_bytes``.

    The size is checked before reading, so a 200 MB file costs nothing to refuse.
    """
    st = check_regular(path)
    if st.st_size > max_bytes:
        raise InputError("too-large", f"{_size(st.st_size)} is over the --max-bytes limit "
                                      f"of {_size(max_bytes)}; not read")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError("unreadable", f"cannot read: {exc.strerror}") from None
    if len(data) > max_bytes:  # it grew while we looked
        raise InputError("too-large", f"over the --max-bytes limit of {_size(max_bytes)}")
    return data


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a whole document: BOM, else UTF-8, else a detected legacy single-byte code.

    ``encoding`` forces a codec (decoded strictly). Raises :class:`InputError` for binary
    data (NUL bytes without a UTF-16/32 BOM) and for bytes no candidate reads plausibly.
    """
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError("usage", f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError("undecodable", f"not valid {encoding}: {exc.reason} at byte "
                                            f"{exc.start}") from None
        return _with_newlines(text, encoding, False)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError("undecodable", f"has a {codec.upper()} byte-order mark but "
                                 f"is not valid {codec}: {exc.reason} at byte {exc.start}"
                                 ) from None
            return _with_newlines(text, codec, False)
    if b"\x00" in data:
        raise InputError("binary", "binary file (contains NUL bytes; for UTF-16 without a "
                                   "byte-order mark give --encoding utf-16-le)")
    try:
        return _with_newlines(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
    # Scraped copy is often UTF-8 with a few stray Windows-1252 bytes pasted in (a curly
    # quote, an accented name). Reading the whole file as cp1252 would turn every good
    # UTF-8 character into mojibake, so when there are valid multi-byte sequences (rare in
    # real cp1252 text) and few invalid bytes next to them (random bytes have many), only
    # the invalid bytes are read as cp1252.
    replaced = data.decode("utf-8", "replace")
    good = len(_NON_ASCII_GOOD.findall(replaced))
    if good and replaced.count("\ufffd") <= max(8, 4 * good):
        return _with_newlines(data.decode("utf-8", _MIXED), "utf-8+cp1252", True)
    from charset_normalizer import from_bytes

    # threshold: how much "mess" to accept. The default (0.2) refuses short accented copy
    # such as "Le café à côté" (0.36); Cyrillic, CJK and random bytes read as cp1252 are
    # refused at any threshold, so a looser one costs nothing there.
    best = from_bytes(data, cp_isolation=_LEGACY, threshold=0.5).best()
    if best is None:
        raise InputError("undecodable", f"not UTF-8 ({utf8_error}) and not plausible "
                                        "Windows-1252/Latin-1 text; give --encoding")
    codec = codecs.lookup(best.encoding).name
    return _with_newlines(data.decode(codec), codec, True)


_NON_ASCII_GOOD = re.compile("[^\x00-\x7f\ufffd]")
_MIXED = "newsclean-stray-cp1252"


def _stray_bytes_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start:exc.end]
    # The five bytes cp1252 leaves undefined are read as Latin-1 (C1 controls).
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in bad), exc.end


codecs.register_error(_MIXED, _stray_bytes_as_cp1252)


def _with_newlines(text: str, encoding: str, guessed: bool) -> Decoded:
    text, newline = split_newlines(text)
    return Decoded(text, encoding, guessed, newline)


def split_newlines(text: str) -> tuple[str, str]:
    """``text`` with ``\\n`` line ends, and the line ending it had.

    Only a consistent convention is converted: with mixed endings the text is left exactly
    as it is (``"mixed"``), so restoring them can never change a line break.

    >>> split_newlines("a\\r\\nb\\r\\n"), split_newlines("a\\rb"), split_newlines("a\\r\\nb\\n")
    (('a\\nb\\n', '\\r\\n'), ('a\\nb', '\\r'), ('a\\r\\nb\\n', 'mixed'))
    """
    cr = text.count("\r")
    if not cr:
        return text, "\n"
    lf = text.count("\n")
    if not lf:
        return text.replace("\r", "\n"), "\r"
    crlf = text.count("\r\n")
    if crlf == cr == lf:
        return text.replace("\r\n", "\n"), "\r\n"
    return text, "mixed"


def restore_newlines(text: str, newline: str) -> str:
    """Put back the line endings :func:`split_newlines` took out."""
    if newline in ("\n", "mixed"):
        return text
    return text.replace("\n", newline)


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} bytes"  # pragma: no cover


def read_jsonl_lines(fh, max_bytes: int):
    """Yield ``(line_number, line, too_long)`` for each line of a binary file.

    Lines are read at most ``max_bytes`` at a time, so a 50 MB line never sits in memory:
    for such a line ``too_long`` is True and ``line`` is an iterator over its pieces, which
    the caller must drain (copy it through, or discard it) before asking for the next line.
    """
    lineno = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            yield lineno, _rest_of_line(fh, line), True
        else:
            yield lineno, line, False


def _rest_of_line(fh, first: bytes):
    yield first
    while True:
        piece = fh.readline(1 << 20)
        if not piece:
            return
        yield piece
        if piece.endswith(b"\n"):
            return
