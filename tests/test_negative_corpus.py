"""Correct, well-edited news copy comes out of the default pipeline unchanged."""

from __future__ import annotations

import pytest

import newsclean

from .conftest import clean_paragraphs

PARAGRAPHS = clean_paragraphs()


def test_corpus_is_big_enough():
    assert len(PARAGRAPHS) >= 30


@pytest.mark.parametrize("para", PARAGRAPHS, ids=[p[:40] for p in PARAGRAPHS])
def test_no_edits_on_clean_copy(para):
    r = newsclean.analyze(para)
    assert r.edits == (), [(e.before, e.after, e.pass_name, e.reason) for e in r.edits]
    assert r.text == para


def test_whole_corpus_as_one_document():
    doc = "\n\n".join(PARAGRAPHS) + "\n"
    assert newsclean.analyze(doc).edits == ()
