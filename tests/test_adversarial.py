"""No pattern in the hot path backtracks catastrophically: 1 MB of hostile input costs a
bounded multiple of 1 MB of ordinary copy, measured side by side in this test."""

from __future__ import annotations

import time

import pytest

import newsclean

from .conftest import clean_paragraphs

MB = 1_000_000
# Inputs that are nothing but damage ("a”b" repeated: one edit per three characters) cost
# more per megabyte than ordinary copy because every edit is recorded; on this hardware
# the worst is ~40x. Catastrophic backtracking on 1 MB takes hours, so a bound of 100x still
# separates the two, and the scaling test below checks linearity directly.
MAX_RATIO = 100
# Quadrupling the input must cost at most this factor (linear: ~4; quadratic: ~16).
MAX_GROWTH = 8


def _normal() -> str:
    base = "\n\n".join(clean_paragraphs()) + "\n\n"
    return (base * (MB // len(base) + 1))[:MB]


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
}


def _time(text: str) -> float:
    start = time.perf_counter()
    newsclean.analyze(text)
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def normal_time() -> float:
    text = _normal()
    newsclean.analyze(text[:10_000])  # load resources outside the timing
    return min(_time(text) for _ in range(2))


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_is_linear(name, normal_time):
    elapsed = _time(ADVERSARIAL[name])
    assert elapsed <= MAX_RATIO * max(normal_time, 0.05), (
        f"{name}: {elapsed:.2f}s vs {normal_time:.2f}s for ordinary copy"
    )


@pytest.mark.parametrize("name", ["spaces then word", "glued quotes", "brackets",
                                  "one huge line", "double quotes", "apostrophes"])
def test_cost_grows_linearly(name):
    text = ADVERSARIAL[name]
    # Best of three for each size: a shared machine's hiccups only ever add time.
    small = min(_time(text[: MB // 4]) for _ in range(3))
    large = min(_time(text) for _ in range(3))
    assert large <= MAX_GROWTH * max(small, 0.05), f"{name}: {small:.3f}s -> {large:.3f}s"
