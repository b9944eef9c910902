"""fix_mojibake against ftfy's own test suite, and the prefilter that keeps it fast."""

from __future__ import annotations

import json
from pathlib import Path

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean.passes.fix_mojibake import _ftfy_config, needs_ftfy

CASES = Path(__file__).parent / "data" / "ftfy"


def _cases(expect: str):
    out = []
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            if case["expect"] == expect:
                out.append(pytest.param(case, id=f"{path.stem}:{case['label'][:60]}"))
    return out


@pytest.mark.parametrize("case", _cases("pass"))
def test_ftfy_cases_pass_through_clean(case):
    expected = case.get("fixed-encoding", case["fixed"])
    assert newsclean.clean(case["original"], passes=["fix_mojibake"]) == expected


@pytest.mark.parametrize("case", _cases("pass"))
def test_ftfy_cases_edits_replay(case):
    r = newsclean.analyze(case["original"], passes=["fix_mojibake"])
    assert newsclean.apply_edits(case["original"], r.edits) == r.text
    assert all("ftfy" in e.reason for e in r.edits)


def test_there_are_151_passing_cases():
    assert len(_cases("pass")) == 151


def test_curly_quotes_are_kept():
    text = "“Russia’s top diplomat” – café"
    assert newsclean.clean(text, passes=["fix_mojibake"]) == text


def test_line_endings_are_kept():
    text = "cafÃ©\r\nbar\r\n"
    assert newsclean.clean(text, passes=["fix_mojibake"]) == "café\r\nbar\r\n"


def test_unicode_extras_option():
    text = "ﬁnance &amp; ｗｉｄｅ"
    assert newsclean.clean(text, passes=["fix_mojibake"]) == text
    assert newsclean.clean(text, passes=["fix_mojibake"], unicode_extras=True) == \
        "finance & wide"


# The prefilter's claim: a line it lets through is one ftfy would not change. Drawn from
# the characters of clean copy and of mojibake alike, so both sides get exercised.
_ALPHABET = st.sampled_from(
    list("aeiou tnsAZ.,’‘“”–—…é£°ÃÂâ€™©®¢ÄÅÇÉÑ√◊ΓРЅ\u00a0\u0081\x1a") + ["â€™", "Ã©", "Ã "]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_prefilter_never_hides_work_from_ftfy(text):
    if not needs_ftfy(text):
        assert ftfy.fix_text(text, config=_ftfy_config(False)) == text


def test_prefilter_on_real_cases():
    for param in _cases("pass"):
        case = param.values[0]
        fixed = ftfy.fix_text(case["original"], config=_ftfy_config(False))
        if fixed != case["original"]:
            assert needs_ftfy(case["original"])
