"""Hostile input: the pipeline handles pure damage (the first 100 kB of each input below)
without an exception, and its edits replay onto the input. How long each takes, and that the cost grows linearly,
is measured by ``benchmarks/bench_adversarial.py`` (tests assert behaviour, never
timings: a shared machine's load would make them flaky)."""

from __future__ import annotations

import pytest

import newsclean

MB = 1_000_000


ADVERSARIAL = {
    "spaces": " " * MB,
    "spaces then word": " " * (MB - 1) + "x",
    "spaces and nbsp": "\u00a0 " * (MB // 2),
    "spaces before comma": "a" + " " * (MB - 3) + ",b",
    "double quotes": "\u201d" * MB,
    "mixed quotes": "\u201c\u201d\"'\u2018\u2019" * (MB // 6),
    "glued quotes": "a\u201db" * (MB // 3),
    "apostrophes": "no\u2019breakthrough" * (MB // 15),
    "punctuation": ".,;:!?" * (MB // 6),
    "dots": "." * MB,
    "brackets": "( " * (MB // 2),
    "one huge line": ("word " * (MB // 5)),
    "repeated word": "the " * (MB // 4),
    "repeated caps": "AAM " * (MB // 4),
    "articles": "a an " * (MB // 5),
    "mojibake": "â€™" * (MB // 3),
    "zero width": "\u200b" * MB,
    "letters": "a" * MB,
    "capitalised names": "Kejriawal Modi Narendar " * (MB // 24),
    "all-caps names": "KEJRIAWAL MODI " * (MB // 15),
    # once quadratic in flag_spun_phrases (findings checked against every kept finding;
    # the text searched once per match)
    "findings": "conference at Moscow " * (MB // 21),
    "one spun phrase": "top notch talks. " * (MB // 17),
    # once quadratic in fix_spacing (each gap re-read its whole line for the table test)
    "double-spaced sentences": "The talks ended.  Both sides met again. " * (MB // 40),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_is_handled(name):
    text = ADVERSARIAL[name][: MB // 10]
    r = newsclean.analyze(text)
    assert newsclean.apply_edits(text, r.edits) == r.text
    assert all(0 <= f.start <= f.end <= len(text) for f in r.flags)
