"""The seed story: the damage the hygiene passes own is repaired (seed_alignment.tsv)."""

from __future__ import annotations

import newsclean

HYGIENE = ["fix_mojibake", "fix_spacing", "fix_quotes", "fix_repeated_words", "fix_articles"]


def test_hygiene_repairs_on_seed(seed_text):
    out = newsclean.clean(seed_text, passes=HYGIENE)
    # quote_spacing rows
    assert "no ‘breakthrough’ in Vladimir" in out
    assert "that “people won’t stand by" in out
    assert "he hoped “nothing new” from" in out
    # article_agreement row
    assert "to detain a dissident onboard" in out
    # duplication rows
    assert "AAM AADMI" in out and "AAM AAM" not in out
    assert "Activist Deep Sidhu" in out and "Activist Activist" not in out
    # capitalised attribution after a closing quote
    assert "mindset?” he explained." in out


def test_stray_quote_after_office_is_flagged(seed_text):
    r = newsclean.analyze(seed_text, passes=HYGIENE)
    stray = [f for f in r.flags if f.kind == "unpaired_quote"]
    assert len(stray) == 1
    f = stray[0]
    assert seed_text[f.start - len("taking office,"):f.end] == "taking office,”"
    assert "Ever since taking office,” Biden" in r.text  # flagged, not deleted


def test_seed_story_otherwise_untouched(seed_text):
    r = newsclean.analyze(seed_text, passes=HYGIENE)
    # every edit lies on a damaged spot: nothing else in the story moved
    for e in r.edits:
        assert e.before != e.after
        assert len(e.before) <= 6 or e.before.strip() in {"AAM", "Activist"}
    assert newsclean.apply_edits(seed_text, r.edits) == r.text
