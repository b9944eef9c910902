"""strip_site_chrome: chrome goes, the story stays character for character."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import newsclean
from newsclean.passes.strip_site_chrome import learn_site_chrome

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_9570a2ac5edf666c.txt"
sys.path.insert(0, str(ROOT / "benchmarks"))
from eval_chrome import evaluate, load_corpus  # noqa: E402

ONLY = {"passes": ["strip_site_chrome"]}


def run(text, **options):
    return newsclean.analyze(text, **{**ONLY, **options})


# -- the seed ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    return SEED.read_text(encoding="utf-8")


def test_seed_keeps_headline_and_story_exactly(seed):
    start = seed.index("Russia Anticipates")
    last = "from some other talk concerning Ukraine."
    end = seed.index(last) + len(last)
    r = run(seed)
    assert r.text.rstrip("\n") == seed[start:end]
    assert "Categories" not in r.text and "news2in" not in r.text
    assert "Recent Posts" not in r.text and "years ago" not in r.text


def test_seed_structure(seed):
    r = run(seed)
    st = r.structure
    assert seed[slice(*st.headline)] == (
        "Russia Anticipates no’breakthrough’ in Vladimir Putin-Joe Biden summit")
    assert seed[slice(*st.dateline)] == "MOSCOW:"
    assert st.byline is None
    assert seed[st.body[0]:].startswith("MOSCOW: Russia isn’t anticipating")
    assert seed[:st.body[1]].endswith("talk concerning Ukraine.")
    assert r.body.startswith("MOSCOW:") and r.body.endswith("concerning Ukraine.")
    d = r.to_dict()
    json.dumps(d)
    assert d["structure"]["headline"] == list(st.headline)


def test_seed_default_pipeline(seed):
    r = newsclean.analyze(seed)
    assert "strip_site_chrome" in r.passes
    assert "Categories: Europe" not in r.text
    assert "Recent Posts" not in r.text and "Published by" not in r.text
    assert r.text.lstrip().startswith("Russia")
    assert "MOSCOW:" in r.text and "concerning Ukraine." in r.text
    assert r.body is not None and r.body.startswith("MOSCOW:")
    # Every edit of this pass explains itself.
    assert all(e.reason for e in r.edits if "strip_site_chrome" in e.pass_name)


# -- the marked page corpus ------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_result():
    pages = load_corpus()
    assert len(pages) >= 20
    return evaluate(pages)


def test_corpus_never_removes_a_story_line(corpus_result):
    lost = [(p.name, sorted(lost)) for p, _, _, lost, _ in corpus_result["per_page"] if lost]
    assert lost == []


def test_corpus_chrome_recall(corpus_result):
    assert corpus_result["recall"] >= 0.95


def test_corpus_headline_labelled_and_kept(corpus_result):
    for page, r, _, _, _ in corpus_result["per_page"]:
        if page.headline is None:
            continue
        a, b = page.spans[page.headline]
        assert r.structure.headline == (a, b), page.name
        assert page.text[a:b] in r.text, page.name


def test_clean_pages_unchanged():
    clean = [p for p in load_corpus() if p.name.startswith("clean_")]
    assert len(clean) >= 3
    for page in clean:
        r = run(page.text)
        assert r.edits == (), page.name
        assert r.text == page.text


def test_dateline_is_labelled_not_removed():
    page = ("Machhiwara (Ludhiana): The candidate spoke to farmers on Sunday.\n"
            "He promised new roads.\n\nShare\n")
    r = run(page)
    assert r.text.startswith("Machhiwara (Ludhiana): The candidate")
    assert page[slice(*r.structure.dateline)] == "Machhiwara (Ludhiana):"


def test_headline_that_looks_like_a_label_is_kept():
    page = "Watch: Putin arrives in Geneva for summit\n\nGENEVA: He landed at noon.\n"
    r = run(page)
    assert r.text == page
    assert page[slice(*r.structure.headline)].startswith("Watch: Putin")


def test_a_label_alone_above_the_story_is_its_headline():
    page = "Books\n\nThe novel, newly translated, wins warm reviews.\n"
    r = run(page)
    assert r.text == page
    assert page[slice(*r.structure.headline)] == "Books"
    # With a real headline below it, the label goes.
    page = "Books\nA quiet triumph from an old master\n\nThe novel wins warm reviews.\n"
    assert run(page).text == "A quiet triumph from an old master\n\nThe novel wins warm reviews.\n"


# -- between paragraphs ------------------------------------------------------------------

def test_blocks_between_paragraphs_single_newlines():
    page = ("He spoke on Monday.\nALSO READ | Punjab votes on Sunday\n"
            "Advertisement\nShe replied on Tuesday.\n")
    r = run(page)
    assert r.text == "He spoke on Monday.\nShe replied on Tuesday.\n"
    assert [e.before for e in r.edits] == ["ALSO READ | Punjab votes on Sunday\n",
                                           "Advertisement\n"]


def test_blocks_between_paragraphs_blank_lines():
    page = "He spoke on Monday.\n\nAlso read: Punjab votes\n\nShe replied on Tuesday.\n"
    assert run(page).text == "He spoke on Monday.\n\nShe replied on Tuesday.\n"


def test_story_words_that_look_like_chrome_stay():
    page = ("Shares fell after the results were published.\n\n"
            "Follow the money, he said.\n\nRelated talks ended three years ago.\n\n"
            "Read more about the scheme on the company’s website, the owners said.\n")
    r = run(page)
    assert r.text == page and r.flags == ()


def test_signoff_below_chrome_is_flagged_not_removed():
    page = ("The talks ended on Friday.\n(Click here to read the full statement.)\n"
            "Next question?\n")
    r = run(page)
    assert "Next question?" in r.text
    assert any(f.kind == "site_chrome" and f.text == "Next question?" for f in r.flags)


# -- options -------------------------------------------------------------------------------

def test_flag_mode_changes_nothing(seed):
    r = run(seed, chrome_mode="flag")
    assert r.text == seed
    assert any(f.text.startswith("Categories") for f in r.flags)
    assert all(f.kind == "site_chrome" for f in r.flags)


def test_extra_pattern_file(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("# my site\nline\tany\tBuy the print edition\n", encoding="utf-8")
    page = "He spoke on Monday.\nBuy the print edition\nShe replied.\n"
    assert run(page).text == page
    assert run(page, chrome_patterns=[str(f)]).text == "He spoke on Monday.\nShe replied.\n"


def test_bad_pattern_file_is_a_clear_error(tmp_path):
    f = tmp_path / "bad.tsv"
    f.write_text("line\teverywhere\tShare\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:1: unknown scope"):
        run("x", chrome_patterns=str(f))
    with pytest.raises(ValueError, match="no such file"):
        run("x", chrome_patterns=str(tmp_path / "missing.tsv"))


def test_learnt_lines_from_a_batch():
    footer = "Powered by Kestrel Press · Reader support line 0800 123"
    pages = [f"Headline {k}\n\nStory number {k} begins here today.\nIt ends here.\n\n{footer}\n"
             for k in range(5)]
    learnt = learn_site_chrome(pages)
    assert "powered by kestrel press · reader support line 0800 123" in learnt
    assert not any("story number" in line for line in learnt)
    assert footer in run(pages[0]).text
    r = run(pages[0], chrome_lines=learnt)
    assert footer not in r.text and "It ends here." in r.text


def test_learnt_teaser_that_is_this_pages_headline_stays():
    # Page 0's headline is a teaser on the other pages of the site.
    teaser = "Council votes to close the old library"
    pages = [f"{teaser}\n\nThe council voted on Friday to close the library.\n"] + [
        f"Other news {k}\n\nStory {k} happened on a Monday morning.\n\nRecent Posts\n{teaser}\n"
        for k in range(5)]
    learnt = learn_site_chrome(pages)
    assert teaser.lower() in learnt
    r = run(pages[0], chrome_lines=learnt)
    assert r.text == pages[0]
    assert pages[0][slice(*r.structure.headline)] == teaser


def test_duplicate_stories_teach_nothing():
    page = "A headline\n\nThe council voted to close the library on Friday.\nIt will reopen.\n"
    assert learn_site_chrome([page] * 6) == frozenset()


def test_bad_options():
    with pytest.raises(TypeError):
        run("x", chrome_lines="Share")
    with pytest.raises(ValueError):
        run("x", chrome_mode="delete")
    with pytest.raises(TypeError):
        learn_site_chrome("one page")


def test_no_structure_without_the_pass():
    r = newsclean.analyze("Some text.", passes=["fix_mojibake"])
    assert r.structure is None and r.body is None


def test_crlf_and_no_story():
    # No paragraph of story: only chrome that is chrome anywhere goes ("Tweet" is edge-only).
    assert run("Tweet\r\nShare\r\n").text == "Tweet\r\n"
    r = run("Headline here\r\n\r\nThe story.\r\nAdvertisement\r\nMore story.\r\n")
    assert r.text == "Headline here\r\n\r\nThe story.\r\nMore story.\r\n"


# -- hostile pages ---------------------------------------------------------------------------

def pathological_pages(size: int) -> dict[str, str]:
    """Pages that are nothing but what the pass looks at (their timing, against ordinary
    pages, is in benchmarks/bench_adversarial.py: tests assert behaviour, not time)."""
    return {
        "all chrome": ("Share\n" * size)[:size],
        "teasers": "A story starts.\n" + "".join(
            f"Teaser {k} is cut off…\n" for k in range(size // 20)),
        "site names": "".join(f"Name {k} Ltd\nShare\nName {k} Ltd\n" for k in range(size // 30)),
        "open brackets": "(Click here to\n" * (size // 15),
        "headings": "A story starts.\n" + "Related\nShort line\n\n" * (size // 22) + "End.\n",
        "one line": "word " * (size // 5),
        "alternating": "".join(f"Sentence {k}.\nShare\n" for k in range(size // 20)),
        "blank lines": "\n" * size,
        "tiny distinct lines": "Start here.\n" + "".join(f"w{k}\n" for k in range(size // 6)),
    }


@pytest.mark.parametrize("name", sorted(pathological_pages(10)))
def test_pathological_pages_are_handled(name):
    text = pathological_pages(30_000)[name]
    r = run(text)
    assert newsclean.apply_edits(text, r.edits) == r.text


# -- properties ---------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CHROME_PIECES = st.sampled_from([
    "\n", "\n\n", "\r\n", " ", "Share", "Also read: ", "ALSO READ | ", "Advertisement",
    "3 years ago", "Recent Posts", "…", "...", "He said it rained.", "Talks end",
    "MOSCOW: ", "(", ")", "Related", "- ", "news2in", "Published by", "Home > World",
    "June 3, 2021", "By Jane Doe", "Q: ", "Why?", "Categories: Europe", "©", "x",
])


@settings(max_examples=int(__import__("os").environ.get("CHROME_EXAMPLES", "200")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CHROME_PIECES, max_size=40).map("".join))
def test_any_page_replays_and_is_idempotent(text):
    r = run(text)
    assert newsclean.apply_edits(text, r.edits) == r.text
    assert run(r.text).text == r.text
    st_ = r.structure
    for span in (st_.headline, st_.dateline, st_.byline, st_.body):
        assert span is None or 0 <= span[0] <= span[1] <= len(text)
    if st_.headline is not None:
        assert text[slice(*st_.headline)] in r.text


# -- correct copy that looks like chrome (wrong edits found by a tester) ----------------

def unchanged(text):
    r = run(text)
    assert r.text == text, [(e.before, e.reason) for e in r.edits]
    # The default pipeline leaves it alone too.
    assert newsclean.analyze(text).text == text
    return r


@pytest.mark.parametrize("subhead", ["READ BETWEEN THE LINES", "PHOTO FINISH",
                                     "IMAGE PROBLEM", "WATCH THIS SPACE", "PICTURE THIS"])
def test_capitalised_subhead_starting_with_a_label_word_stays(subhead):
    unchanged(f"The budget was cautious.\n\n{subhead}\n\n"
              "The small print tells a different story.")
    # The label with its own headline after it is still chrome.
    page = "The budget was cautious.\n\nWATCH Helicopter drops supplies\n\nThe end came.\n"
    assert run(page).text == "The budget was cautious.\n\nThe end came.\n"


def _flagged(r):
    return [f.text for f in r.flags if f.kind == "site_chrome"]


def test_recommendations_below_the_story_are_flagged_not_removed():
    r = unchanged("Weekend picks from our critics.\n\nRead: The Bee Sting by Paul Murray\n"
                  "Watch: Shogun (Disney+)")
    assert _flagged(r) == ["Read: The Bee Sting by Paul Murray", "Watch: Shogun (Disney+)"]
    # With the site's other chrome below the story they go with it.
    page = "The story ended.\n\nRead: Punjab votes on Sunday\nShare\nRecent Posts\n"
    assert run(page).text == "The story ended.\n"
    # Between paragraphs, right after a story line that announces them, they stay too.
    r = unchanged("Weekend picks from our critics:\n\nRead: The Bee Sting by Paul Murray\n"
                  "Watch: Shogun (Disney+)\n\nEnjoy the weekend.")
    assert len(_flagged(r)) == 2


def test_a_lone_credit_line_under_a_review_is_flagged_not_removed():
    r = unchanged("It is a family saga set in Kerala. It is long, but worth it.\n\n"
                  "Published by Grove Press, £20")
    assert _flagged(r) == ["Published by Grove Press, £20"]


@pytest.mark.parametrize("text, chromey", [
    ("Gerwig has made the summer's best film.\n\nDirected by Greta Gerwig\n114 minutes\n"
     "Distributed by Warner Bros", "Distributed by Warner Bros"),
    ("Inflation rose in every region, the figures show.\n\nLondon 3.2%\nWales 3.0%\n"
     "Source: ONS", "Source: ONS"),
    ("Her reach is vast, her agency said.\n\nBy the numbers\n1.2m followers\n"
     "300 posts a year", "1.2m followers"),
])
def test_a_data_block_below_the_story_is_not_a_footer(text, chromey):
    # The block opens with lines of the story's own (credits, a table, a factbox
    # heading): its chrome-like line is flagged, not removed.
    r = unchanged(text)
    assert chromey in _flagged(r)
    # A footer that starts its own block below such a block still goes.
    page = text + "\n\nShare\nRecent Posts\n"
    assert run(page).text == text + "\n"


def test_a_block_mostly_of_chrome_below_the_story_is_a_footer():
    page = "The story ends here.\n\nTags\nPunjab Elections\nShare\nFacebook\nTwitter\n"
    assert run(page).text == "The story ends here.\n\nTags\nPunjab Elections\n"


def test_by_with_a_lower_case_word_is_no_byline():
    r = run("A headline for the story\nBy the numbers\n\nHer reach is vast.\n")
    assert r.structure.byline is None
    r = run("A headline for the story\nBy the Editorial Board\n\nThe story is here.\n")
    assert r.structure.byline is not None


def test_factbox_with_bars_is_not_a_menu():
    unchanged("Fiji has big ambitions.\n\n"
              "Population: 930,000 | Capital: Suva | Currency: Fijian dollar")
    assert run("News | Sport | Business\nA headline for the story\n\nThe story.\n").text \
        == "A headline for the story\n\nThe story.\n"


def test_advice_naming_another_channel_is_not_a_follow_prompt():
    unchanged("Residents should prepare for flooding, the agency said.\n\n"
              "Get flood alerts from the Environment Agency app")
    page = "The story ended.\n\nGet our breaking news alerts\n"
    assert run(page).text == "The story ended.\n"


@pytest.mark.parametrize("text, head", [
    ("The song opens:\n\nYesterday\nAll my troubles seemed so far away\n\n"
     "It has been covered 2,000 times.", ["Yesterday"]),
    ("The poem ends:\n\nTen years ago\nwe stood on this shore\n\n"
     "She read it at the funeral.", ["Ten years ago"]),
    ("Forecast\n\nToday\nSunny spells, highs of 24C.\n\nTomorrow\nRain from the west.",
     ["Today"]),
    ("The company then and now.\n\nFive years ago\nIt had 12 staff.\n\nToday\n"
     "It employs 4,000 people.", ["Five years ago", "Today"]),
])
def test_relative_time_heading_story_lines_is_a_subhead(text, head):
    # It opens a block and heads the lines under it: flagged, never removed.
    r = unchanged(text)
    assert [t for t in _flagged(r) if t in head] == head


def test_bare_relative_time_between_paragraphs():
    # Alone between paragraphs with no chrome next to it: the writer's subhead, flagged.
    text = "It had 12 staff then.\n\nFive years ago\n\nIt employs 4,000 people now.\n"
    assert _flagged(unchanged(text)) == ["Five years ago"]
    # Next to other chrome, or dressed as a stamp, it goes.
    page = "It had 12 staff then.\nShare\n3 years ago\nIt employs 4,000 people now.\n"
    assert run(page).text == "It had 12 staff then.\nIt employs 4,000 people now.\n"
    page = "It had 12 staff then.\n\nUpdated 3 hours ago\n\nIt employs 4,000 people now.\n"
    assert run(page).text == "It had 12 staff then.\n\nIt employs 4,000 people now.\n"


def test_table_above_the_story_is_not_a_page_head():
    # No line above the story reads as a headline, and the ad label "Promoted" heads a
    # line of the table: everything stays, flagged.
    text = ("Promoted\nIpswich, Leicester, Southampton\nRelegated\nRotherham, Birmingham\n\n"
            "The season ended on Saturday.")
    r = unchanged(text)
    assert {"Promoted", "Relegated"} <= set(_flagged(r))
    # Above a real headline the label still goes.
    page = "Promoted\n\nThe best travel cards of the year\n\nThe story starts here.\n"
    assert run(page).text == "The best travel cards of the year\n\nThe story starts here.\n"


def test_list_under_a_heading_that_the_story_refers_back_to_stays():
    text = ("The story ended.\n\nRecommended\nThe Bee Sting, Paul Murray\n"
            "Prophet Song, Paul Lynch\n\nBoth were shortlisted for the Booker.")
    r = unchanged(text)
    assert _flagged(r) == ["Recommended", "The Bee Sting, Paul Murray",
                           "Prophet Song, Paul Lynch"]
    # When the story moves on to something else, the widget goes.
    page = text.replace("Both were", "The prize was")
    assert run(page).text == "The story ended.\n\nThe prize was shortlisted for the Booker."
