"""Correct, well-edited news copy comes out of the default pipeline unchanged."""

from __future__ import annotations

import pytest

import newsclean

from .conftest import clean_paragraphs

PARAGRAPHS = clean_paragraphs()
TRICKY = clean_paragraphs("tricky_clean.txt")


def test_corpus_is_big_enough():
    assert len(PARAGRAPHS) >= 30 and len(TRICKY) >= 80


@pytest.mark.parametrize("para", PARAGRAPHS, ids=[p[:40] for p in PARAGRAPHS])
def test_no_edits_on_clean_copy(para):
    _assert_unchanged(para)


@pytest.mark.parametrize("para", TRICKY, ids=[p[:40] for p in TRICKY])
def test_no_edits_on_hard_cases_of_clean_copy(para):
    """Quote styles, name particles, a country's own letters (Muş, Gdańsk), legitimate
    repeats, a/an edge cases, story lines that look like site chrome..."""
    _assert_unchanged(para)


def _assert_unchanged(para):
    r = newsclean.analyze(para)
    assert r.edits == (), [(e.before, e.after, e.pass_name, e.reason) for e in r.edits]
    assert r.text == para


@pytest.mark.parametrize("paras", [PARAGRAPHS, TRICKY], ids=["clean", "tricky"])
def test_whole_corpus_as_one_document(paras):
    doc = "\n\n".join(paras) + "\n"
    assert newsclean.analyze(doc).edits == ()
