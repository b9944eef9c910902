"""Composing edits of successive passes into edits of the input."""

from __future__ import annotations

import random

import pytest

from newsclean.editlog import EditLog
from newsclean.model import apply_edits


def test_disjoint_edits_keep_input_offsets():
    log = EditLog("aa  bb , cc")
    log.compose([(2, 4, " ", "spaces")], "p1")          # "aa bb , cc"
    log.compose([(5, 6, "", "space before comma")], "p2")  # "aa bb, cc"
    assert log.text == "aa bb, cc"
    spans = [(e.start, e.end, e.before, e.after, e.pass_name) for e in log.edits]
    assert spans == [(2, 4, "  ", " ", "p1"), (6, 7, " ", "", "p2")]
    assert apply_edits(log.source, log.edits) == log.text


def test_overlapping_edits_merge_and_name_both_passes():
    log = EditLog("AAM AAM AADMI Party")
    log.compose([(3, 7, "", "repeated")], "fix_repeated_words")
    log.compose([(0, 9, "Aam Aadmi", "gazetteer")], "restore_entities")
    (e,) = log.edits
    assert (e.start, e.end, e.before, e.after) == (0, 13, "AAM AAM AADMI", "Aam Aadmi")
    assert e.pass_name == "fix_repeated_words+restore_entities"
    assert "repeated" in e.reason and "gazetteer" in e.reason


def test_insertion_next_to_earlier_edit():
    log = EditLog("x”y")
    log.compose([(1, 2, " “", "wrong way")], "q")
    log.compose([(0, 0, "> ", "prefix")], "p")
    assert log.text == "> x “y"
    assert apply_edits(log.source, log.edits) == log.text


def test_undoing_an_earlier_edit_leaves_no_edit():
    log = EditLog("abc")
    log.compose([(1, 2, "X", "up")], "p1")
    log.compose([(1, 2, "b", "down")], "p2")
    assert log.text == "abc" and log.edits == []


def test_to_input_maps_through_edits():
    log = EditLog("one  two three")
    log.compose([(3, 5, " ", "run")], "p")
    assert log.text == "one two three"
    s, e = log.to_input(4, 7)
    assert log.source[s:e] == "two"
    assert log.to_input(3, 4) == (3, 5)


def test_overlapping_local_edits_are_rejected():
    log = EditLog("abcdef")
    with pytest.raises(ValueError):
        log.compose([(0, 3, "x", "a"), (2, 4, "y", "b")], "p")


@pytest.mark.parametrize("seed", range(40))
def test_random_compositions_replay(seed):
    rng = random.Random(seed)
    source = "".join(rng.choice("ab ,.") for _ in range(rng.randint(0, 40)))
    log = EditLog(source)
    for step in range(rng.randint(1, 5)):
        n = len(log.text)
        points = sorted(rng.sample(range(n + 1), k=min(n + 1, rng.randint(0, 6))))
        local = []
        pos = 0
        for i in range(0, len(points) - 1, 2):
            s, e = points[i], points[i + 1]
            if rng.random() < 0.3:
                e = s
            if s < pos:
                continue
            local.append((s, e, rng.choice(["", "x", "yy", " "]), f"r{step}"))
            pos = e
        expected = log.text
        for s, e, rep, _ in reversed(local):
            expected = expected[:s] + rep + expected[e:]
        log.compose(local, f"p{step}")
        assert log.text == expected
        assert apply_edits(source, log.edits) == log.text
        for a, b in zip(log.edits, log.edits[1:]):
            assert a.end <= b.start
