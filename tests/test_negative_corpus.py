"""Correct, well-edited news copy comes out of the default pipeline unchanged."""

from __future__ import annotations

import re

import pytest

import newsclean

from .conftest import TESTS, clean_paragraphs

PARAGRAPHS = clean_paragraphs()
TRICKY = clean_paragraphs("tricky_clean.txt")


def _articles(name: str) -> list[tuple[str, str]]:
    text = (TESTS / "data" / name).read_text(encoding="utf-8")
    parts = re.split(r"^=== (.+) ===\n", text, flags=re.M)
    return [(ident, body.strip() + "\n") for ident, body in zip(parts[1::2], parts[2::2])]


CHROME_LIKE = _articles("chrome_like_clean.txt")


def test_corpus_is_big_enough():
    assert len(PARAGRAPHS) >= 30 and len(TRICKY) >= 80 and len(CHROME_LIKE) >= 30


@pytest.mark.parametrize("para", PARAGRAPHS, ids=[p[:40] for p in PARAGRAPHS])
def test_no_edits_on_clean_copy(para):
    _assert_unchanged(para)


@pytest.mark.parametrize("para", TRICKY, ids=[p[:40] for p in TRICKY])
def test_no_edits_on_hard_cases_of_clean_copy(para):
    """Quote styles, name particles, a country's own letters (Muş, Gdańsk), legitimate
    repeats, a/an edge cases, story lines that look like site chrome..."""
    _assert_unchanged(para)


@pytest.mark.parametrize("article", [a for _, a in CHROME_LIKE],
                         ids=[i for i, _ in CHROME_LIKE])
def test_story_lines_that_look_like_site_chrome_stay(article):
    """Live-blog times, line-ups, bullets, Q&A, "Shares in the company fell", "closed 3
    years ago", captions, wire trailers: story text, not page furniture."""
    _assert_unchanged(article)


def _assert_unchanged(para):
    r = newsclean.analyze(para)
    assert r.edits == (), [(e.before, e.after, e.pass_name, e.reason) for e in r.edits]
    assert r.text == para


@pytest.mark.parametrize("paras", [PARAGRAPHS, TRICKY], ids=["clean", "tricky"])
def test_whole_corpus_as_one_document(paras):
    doc = "\n\n".join(paras) + "\n"
    assert newsclean.analyze(doc).edits == ()
