"""Repair mojibake (UTF-8 read as Windows-1252 and friends) through ftfy."""

from __future__ import annotations

import re
from functools import lru_cache

from ..registry import Option, register_pass
from ..textdiff import diff_edits

# ftfy decides line by line, so we only hand it the lines that could hold something for it
# to repair: everything it can act on contains a character outside SAFE, or one of the
# byte-pair patterns below. Clean English copy (ASCII, Latin-1 letters, curly quotes and
# dashes) then never reaches ftfy at all, which is what keeps this pass fast.
# tests/test_fix_mojibake.py checks the claim against ftfy itself.
_CP1252_SPECIALS = "\u20ac\u0192\u2026\u2020\u0160\u2039\u0152\u017d\u2018\u2019\u201c" \
                   "\u201d\u2022\u2013\u2014\u2122\u0161\u203a\u0153\u017e\u0178"
# A UTF-8 lead byte (0xC2-0xF4) seen as Latin-1/Windows-1252, followed by a continuation
# byte (0x80-0xBF) seen the same way.
_LATIN1_PAIR = "[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_SPECIALS + "]"
# The same in MacRoman, for the lead bytes that decode to characters SAFE allows.
_MACROMAN_PAIR = (
    "[\u00ab\u00bb\u2026\u00a0\u00c0\u00c3\u00d5\u0152\u0153\u2013\u2014\u201c\u201d\u2018"
    "\u2019\u00f7\u00ff\u0178\u20ac\u2039\u203a\u00b7\u00c2\u00ca\u00c1\u00cb\u00c8\u00cd"
    "\u00ce\u00cf\u00cc\u00d3\u00d4\u00d2\u00da\u00db\u00d9]"
    "[\u00c4\u00c5\u00c7\u00c9\u00d1\u00d6\u00dc\u00e1\u00e0\u00e2\u00e4\u00e3\u00e5\u00e7"
    "\u00e9\u00e8\u00ea\u00eb\u00ed\u00ec\u00ee\u00ef\u00f1\u00f3\u00f2\u00f4\u00f6\u00f5"
    "\u00fa\u00f9\u00fb\u00fc\u00b0\u00a2\u00a3\u00a7\u00b6\u00df\u00ae\u00a9\u00b4\u00a8"
    "\u00c6\u00d8\u00b1\u00a5\u00b5\u00aa\u00ba\u00e6\u00f8\u2020\u2022\u2122]"
)
_SAFE = "\t\n\r\u0020-\u007e\u00a0-\u00ff" + _CP1252_SPECIALS
_TRIGGER = re.compile(
    "[^" + _SAFE + "]|" + _LATIN1_PAIR + "|" + _MACROMAN_PAIR + "|[\u00c2\u00c3] "
)
# Any character outside printable ASCII and the commonest typographic marks: every trigger
# above holds one, and clean English copy has few, so this one-class search finds the
# places worth a closer look much faster than the full alternation would scan the text.
_SUSPECT = re.compile("[^\t\n\r\u0020-\u007e\u2018\u2019\u201c\u201d\u2013\u2014\u2026]")
# With the Unicode extras on, ftfy also looks at HTML entities and control characters.
_TRIGGER_EXTRAS = re.compile(_TRIGGER.pattern + "|&|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_BLANKS = " \t\r\n"

# ftfy handles at most this many characters of a line at once (its max_decode_length).
_MAX_SEGMENT = 1_000_000


@lru_cache(maxsize=4)
def _ftfy_config(extras: bool):
    from ftfy import TextFixerConfig

    if extras:
        return TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False)
    # Encoding repair only: what ftfy.fix_encoding does. Quote style is fix_quotes'
    # business, line endings are the document's.
    return TextFixerConfig(
        uncurl_quotes=False, fix_line_breaks=False, fix_latin_ligatures=False,
        fix_character_width=False, normalization=None, unescape_html=False,
        remove_control_chars=False,
    )


def _first_trigger(text: str, pos: int, trigger) -> int:
    """Where the first trigger at or after ``pos`` starts, or -1 (scans via _SUSPECT)."""
    if trigger is _TRIGGER_EXTRAS:
        m = trigger.search(text, pos)
        return -1 if m is None else m.start()
    while True:
        m = _SUSPECT.search(text, pos)
        if m is None:
            return -1
        i = m.start()
        # A pair trigger may start one character before the suspect one (“Ã in MacRoman).
        for j in (i - 1, i) if i > pos else (i,):
            if _TRIGGER.match(text, j):
                return j
        pos = i + 1


def needs_ftfy(text: str, extras: bool = False) -> bool:
    """Could ftfy change anything in ``text``? (False means: certainly not.)

    >>> needs_ftfy("Russia’s “top-level” talks — café, £5m")
    False
    >>> needs_ftfy("Russiaâ€™s talks")
    True
    """
    return _first_trigger(text, 0, _TRIGGER_EXTRAS if extras else _TRIGGER) >= 0


def _explain(explanation) -> str:
    steps = [f"{action} {param}" for action, param in (explanation or [])]
    return "mojibake/Unicode repair (ftfy: " + (", ".join(steps) or "fixed") + ")"


@register_pass(order=100, line_local=True, options=[
    Option("unicode_extras", False,
           "fix_mojibake also applies ftfy's Unicode normalisations (NFC, ligatures, "
           "full-width characters, HTML entities, control characters).", choices=(True, False)),
])
def fix_mojibake(ctx) -> None:
    """Repair mojibake and broken Unicode with ftfy's encoding repair.

    Fixes text that was encoded in UTF-8 and decoded in a legacy code page (``â€™`` for
    ``’``, ``Ã©`` for ``é``), C1 control characters, surrogates and lossy sequences.
    Leaves alone: curly quotes (quote style is ``fix_quotes``'), line endings, ligatures,
    full-width forms and NFC normalisation (unless ``unicode_extras=True``), and every line
    in which nothing could be mojibake.

    >>> from newsclean import clean
    >>> clean("Russiaâ€™s top diplomat said the cafÃ© was closed", passes=["fix_mojibake"])
    'Russia’s top diplomat said the café was closed'
    """
    from ftfy import fix_and_explain

    text = ctx.text
    extras = ctx.config.unicode_extras
    trigger = _TRIGGER_EXTRAS if extras else _TRIGGER
    first = _first_trigger(text, 0, trigger)
    if first < 0:
        return
    config = _ftfy_config(extras)
    n = len(text)
    pos = text.rfind("\n", 0, first) + 1
    while pos < n:
        at = _first_trigger(text, pos, trigger)
        if at < 0:
            break
        # The segment ftfy would see: the whole line holding the match (with its newline).
        start = max(pos, text.rfind("\n", pos, at) + 1)
        end = text.find("\n", at) + 1 or n
        if end - start > _MAX_SEGMENT:
            end = min(n, max(start + _MAX_SEGMENT, at + 2))
        # ftfy's verdict on a line can hinge on blanks at its end, which fix_spacing
        # removes later; leaving them out keeps clean(clean(x)) == clean(x).
        segment = text[start:end]
        body = segment.rstrip(_BLANKS)
        fixed, explanation = fix_and_explain(body, config=config)
        fixed += segment[len(body):]
        if fixed != segment:
            reason = _explain(explanation)
            for s, e, rep in diff_edits(segment, fixed):
                ctx.edit(start + s, start + e, rep, reason)
        pos = end
