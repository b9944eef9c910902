"""Behaviour of flag_spun_phrases, its matcher, collocation models and spin score."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import newsclean
from newsclean.spun import build_model
from newsclean.spun.collocations import read_table
from newsclean.spun.lexicon import load_lexicon
from newsclean.spun.matcher import Matcher

SHARED = next((p / "shared" for p in Path(__file__).resolve().parents
               if (p / "shared" / "dev-data" / "seed_alignment.tsv").exists()), None)


def spun_flags(text, **opts):
    """The pass's flags; phrase-level behaviour is tested with the article gate off
    (``flag_min_spin=0``) unless a test sets it, so that a negative cannot pass only
    because a short text does not look spun as a whole."""
    opts.setdefault("flag_min_spin", 0.0)
    r = newsclean.analyze(text, passes=["flag_spun_phrases"], **opts)
    return r, [f for f in r.flags if f.kind == "spun_phrase"]


@pytest.mark.parametrize("text", [
    "Police said the man was arrested on Tuesday.",
    "Negotiators reported significant progress on the draft.",
    "They ate at a top-notch restaurant near the harbour.",
    "In court, he explained how the scheme worked.",
    "“We will not stand by,” he said.",
])
def test_correct_phrases_sharing_words_with_entries_are_not_flagged(text):
    r, flags = spun_flags(text)
    assert flags == []
    assert r.text == text


def test_lexicon_phrase_is_flagged_with_suggestion_and_evidence():
    text = "The bank was hit by a terror assault at the weekend."
    r, flags = spun_flags(text)
    (f,) = flags
    assert (f.text, f.suggestion) == ("terror assault", "terror attack")
    assert r.source[f.start:f.end] == f.text
    assert f.reason.startswith("lexicon:") and 0 < f.score <= 1
    assert r.text == text                      # flags only by default


def test_inflected_forms_are_matched():
    _, flags = spun_flags("One rescue employee was hurt. Rescue employees said so.")
    assert [f.suggestion for f in flags] == ["rescue worker", "Rescue workers"]


def test_names_are_left_alone():
    _, flags = spun_flags("She joined the Terror Assault Squad in May.")
    assert flags == []


def test_restore_spun_applies_confident_suggestions_as_edits():
    text = "Officials warned of surging tensions and a terror assault."
    r, flags = spun_flags(text, restore_spun=True, restore_threshold=0.6)
    assert r.text == "Officials warned of rising tensions and a terror attack."
    assert all(e.reason.startswith("restored spun phrase") for e in r.edits)
    assert len(flags) == 2


_EDITED_FILLER = (" The council met on Tuesday and the minister said the budget was agreed "
                  "after a long debate about schools, roads and the cost of housing.") * 12


def test_restore_spun_leaves_articles_that_do_not_look_spun():
    # one confident finding in a long article of edited copy: flagged (when flags are
    # asked for in any article), not rewritten
    text = "Officials warned of surging tensions." + _EDITED_FILLER
    r, flags = spun_flags(text, restore_spun=True, restore_threshold=0.0)
    assert r.spin_score < 0.5
    assert [f.text for f in flags] == ["surging tensions"] and r.text == text
    r, _ = spun_flags(text, restore_spun=True, restore_threshold=0.0, restore_min_spin=0.0)
    assert r.text.startswith("Officials warned of rising tensions.")


def test_phrases_are_flagged_only_in_articles_that_look_spun():
    text = "Officials warned of surging tensions." + _EDITED_FILLER
    r = newsclean.analyze(text, passes=["flag_spun_phrases"])       # the defaults
    assert r.spin_score < 0.2 and r.flags == ()
    # the score is still there for the user, and the gate can be lowered
    assert [f.text for f in spun_flags(text, flag_min_spin=0.0)[1]] == ["surging tensions"]
    # a text that looks spun keeps its flags
    spun = ("Officials warned of surging tensions after a terror assault, he explained. "
            "There was no significant breakthrough." + _EDITED_FILLER[:300])
    r, flags = spun_flags(spun, flag_min_spin=0.2)
    assert r.spin_score >= 0.2 and {"surging tensions", "terror assault"} <= {
        f.text for f in flags}


def test_a_phrase_does_not_vouch_for_itself():
    # a short text whose score is over the gate only because of its one odd phrase
    lone = "Officials warned of surging tensions."
    r, flags = spun_flags(lone, flag_min_spin=0.2)
    assert r.spin_score >= 0.2 and flags == []
    assert [f.text for f in spun_flags(lone, flag_min_spin=0.0)[1]] == ["surging tensions"]
    # nor do its repeats: every occurrence of the phrase is left out of its own check
    twice = "Officials warned of surging tensions. Surging tensions were reported."
    assert spun_flags(twice, flag_min_spin=0.2)[1] == []
    # two different phrases vouch for each other
    both = "Officials warned of surging tensions after a terror assault."
    assert {f.text for f in spun_flags(both, flag_min_spin=0.2)[1]} == {
        "surging tensions", "terror assault"}


def test_findings_that_lean_on_the_phrase_do_not_vouch_for_it_either():
    # "he explained" is reported only beside other evidence: here that is the phrase
    text = "\u201cWe will go,\u201d he explained. Talks stalled after a terror assault."
    r, flags = spun_flags(text, flag_min_spin=0.2)
    assert r.spin_score >= 0.2 and flags == []
    assert {f.text for f in spun_flags(text, flag_min_spin=0.0)[1]} == {
        "he explained", "terror assault"}
    # with a second phrase, all three are reported
    text = text[:-1] + " amid surging tensions."
    assert {f.text for f in spun_flags(text, flag_min_spin=0.2)[1]} == {
        "he explained", "terror assault", "surging tensions"}


def test_near_the_bar_the_phrase_is_put_back_to_its_original_and_scored_again():
    # Found in review: the phrase's own unseen word pairs lifted the estimate without it
    # (0.21) over the bar; with "fuel tank" written, the article scores 0.18.
    from newsclean.passes.flag_spun_phrases import _matcher
    from newsclean.spun import detect

    text = ("\u201cNo,\u201d she said. \u201cWe will go,\u201d he explained. The talks came "
            "after the fuel depot. \u201cWait,\u201d he remarked. \u201cIt is over,\u201d "
            "she noted.")
    features: dict = {}
    found, score = detect.analyse(text, _matcher(), stats=False, features=features)
    assert detect.score_without(features, found, "fuel depot") >= 0.2
    assert detect.score_replaced(text, found, "fuel depot", _matcher(), stats=False) < 0.2
    assert detect.score_replaced(text, found, "no such phrase", _matcher()) is None
    assert spun_flags(text, flag_min_spin=0.2)[1] == []
    assert "fuel depot" in {f.text for f in spun_flags(text, flag_min_spin=0.0)[1]}


def test_score_without_a_phrase_leaves_out_its_occurrences_only():
    from newsclean.passes.flag_spun_phrases import _matcher
    from newsclean.spun import detect

    text = "Officials warned of surging tensions after a terror assault." + _EDITED_FILLER
    features: dict = {}
    found, score = detect.analyse(text, _matcher(), stats=False, features=features)
    assert features["density"] > 0
    assert detect.score_without(features, found, "no such phrase") == score
    without = detect.score_without(features, found, "Surging Tensions")      # any case
    assert without < score
    assert without > detect.score_without({**features, "density": 0.0}, found, "x")


def test_attribution_verb_flagged_only_with_other_evidence():
    spun = ("“The fact is obvious,” he explained. “There is no deal,” she explained. "
            "Officials warned of surging tensions.")
    _, flags = spun_flags(spun)
    assert [f.suggestion for f in flags] == ["he said", "she said", "rising tensions"]
    alone = "“The fact is obvious,” he explained. “There is no deal,” she explained."
    assert spun_flags(alone)[1] == []


def test_spin_score_is_declared_and_separates_spun_from_clean():
    clean = ("Talks between the two leaders made significant progress, officials said. "
             "“We are hopeful,” the foreign minister told reporters on Tuesday.")
    spun = ("Talks involving the 2 leaders made no significant breakthrough amid surging "
            "tensions, officials explained. “We’re hopeful,” the minister explained. The "
            "enormous terror assault was that”people won’t stand by”.")
    assert newsclean.Result.has_extension("spin_score")
    s_clean = newsclean.analyze(clean, passes=["flag_spun_phrases"]).spin_score
    s_spun = newsclean.analyze(spun, passes=["flag_spun_phrases"]).spin_score
    assert 0.0 <= s_clean < 0.5 < s_spun <= 1.0


def test_threshold_option_is_validated():
    with pytest.raises(ValueError):
        newsclean.analyze("x", spun_threshold=1.5)
    with pytest.raises(ValueError):
        newsclean.analyze("x", model="/nonexistent/model")


def test_matcher_finds_the_same_whatever_the_lexicon_size():
    lex = load_lexicon()
    assert len(lex) > 5000                      # thousands of generated entries
    text = "After the terror assault, officials warned of surging tensions."
    small = Matcher({k: lex[k] for k in ("terror assault", "surging tensions")})
    assert [k for *_, k, _ in small.find(text)] == [k for *_, k, _ in
                                                    Matcher(lex).find(text)]


def test_matcher_needs_whole_words_and_no_punctuation_between():
    m = Matcher({"terror assault": ("terror attack", 0.9, 1, "t")})
    assert list(m.find("terror, assault; terror assaults; superterror assault")) == []
    assert [s for s, *_ in m.find("a terror assault")] == [2]


def test_build_model_and_use_it(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    rng = random.Random(1)
    words = ["gentle", "breeze", "quiet", "harbour", "morning", "tide"]
    (archive / "a.txt").write_text("The stiff breeze rose. " * 10 + " ".join(
        rng.choice(words) for _ in range(200)), encoding="utf-8")
    (archive / "b.jsonl").write_text('{"title": "T", "text": "A stiff breeze."}\n',
                                     encoding="utf-8")
    out = build_model(archive, tmp_path / "model")
    table = read_table(out)
    assert table["stiff breeze"] == 11
    r = newsclean.analyze("A stiff breeze blew.", passes=["flag_spun_phrases"], model=str(out))
    assert r.spin_score is not None


def test_a_users_archive_vetoes_lexicon_phrases_it_uses(tmp_path):
    # a newsroom whose own edited copy writes "terror assault" is not told it is spun
    text = "Talks stalled after a terror assault on the ministry, police said."
    assert [f.text for f in spun_flags(text)[1]] == ["terror assault"]
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("The terror assault was contained. " * 3, encoding="utf-8")
    model = str(build_model(archive, tmp_path / "model"))
    assert spun_flags(text, model=model)[1] == []
    # an archive that does not have the pair changes nothing
    (archive / "a.txt").write_text("The harbour was quiet. " * 3, encoding="utf-8")
    other = str(build_model(archive, tmp_path / "other"))
    assert [f.text for f in spun_flags(text, model=other)[1]] == ["terror assault"]


def test_build_model_reports_bad_input(tmp_path):
    with pytest.raises(FileNotFoundError):
        build_model(tmp_path / "missing", tmp_path / "m")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError):
        build_model(tmp_path / "empty", tmp_path / "m")


@pytest.mark.skipif(SHARED is None, reason="shared/ dev data not present")
def test_seed_flags_are_precise():
    text = next((SHARED / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    rows = (SHARED / "dev-data" / "seed_alignment.tsv").read_text(encoding="utf-8")
    spans = []
    for line in rows.splitlines()[1:]:
        i = text.find(line.split("\t")[0])
        spans.append((i, i + len(line.split("\t")[0])))
    _, flags = spun_flags(text)
    assert flags
    on_row = [f for f in flags if any(f.start < b and a < f.end for a, b in spans)]
    assert len(on_row) >= 0.9 * len(flags)


def test_build_model_cli_module(tmp_path, capsys):
    import argparse

    from newsclean.cli import build_model as cmd

    (tmp_path / "a.txt").write_text("Press conference. A press conference.", encoding="utf-8")
    parser = argparse.ArgumentParser()
    cmd.add_parser(parser.add_subparsers())
    args = parser.parse_args(["build-model", str(tmp_path), "-o", str(tmp_path / "m")])
    assert args.func(args) == 0
    assert read_table(tmp_path / "m.tsv.gz")["press conference"] == 2
    args = parser.parse_args(["build-model", str(tmp_path / "nope"), "-o", str(tmp_path / "m")])
    assert args.func(args) == 2
    assert "no such file" in capsys.readouterr().err


def test_suggestion_follows_the_case_of_the_text():
    _, flags = spun_flags("OFFICIALS WARNED OF SURGING TENSIONS")
    assert [f.suggestion for f in flags] == ["RISING TENSIONS"]


@pytest.mark.parametrize("text", ["", "   ", "x" * 10, "İstanbul İİ", "\u200b\n\n"])
def test_odd_input_gives_no_flags_and_a_low_score(text):
    r, flags = spun_flags(text)
    assert flags == [] and r.text == text
    assert 0.0 <= r.spin_score < 0.2


def test_spans_map_to_the_input_after_earlier_passes():
    text = "Officials warned of surging tensions â€” and a terror assault."
    r = newsclean.analyze(text, passes=["fix_mojibake", "flag_spun_phrases"])
    assert sorted(r.source[f.start:f.end] for f in r.flags) == ["surging tensions",
                                                               "terror assault"]


def test_every_lexicon_entry_is_generated_with_its_evidence():
    lex = load_lexicon()
    for spun, (original, score, swapped, evidence) in lex.items():
        assert evidence.startswith(("moby ", "supplement ")), (spun, evidence)
        assert spun != original and 0.0 < score <= 1.0
        assert spun == spun.lower()
        extra = len(spun.split()) - len(original.split())
        if extra:   # a hyphenated synonym written open: "top notch talks"
            swap = evidence.split(";")[0].split(">")[1]
            assert swap.count("-") == extra and swap.replace("-", " ") in spun, (spun, evidence)


def test_statistical_finding_needs_the_layer_and_corroboration_to_reach_the_threshold():
    lone = "Analysts played down hopes of important outcomes from the meeting."
    _, flags = spun_flags(lone, spun_stats=True)
    assert flags == []
    spun = ("Talks stalled after a terror assault on the ministry. Officials warned of "
            "surging tensions after top notch talks. In a joint assertion, "
            "analysts played down hopes of important outcomes from the meeting.")
    # by default the layer does not run, however spun the article looks
    _, flags = spun_flags(spun)
    by_text = {f.text: f for f in flags}
    assert {"terror assault", "surging tensions", "joint assertion"} <= set(by_text)
    assert all(f.data["evidence"] != "statistical" for f in flags)
    _, flags = spun_flags(spun, spun_stats=True)
    stat = {f.text: f for f in flags}["important outcomes"]
    assert stat.data["evidence"] == "statistical"
    assert "the lexicon found" in stat.reason
    # never rewritten, even when restoring
    r = newsclean.analyze(spun, passes=["flag_spun_phrases"], restore_spun=True,
                          restore_threshold=0.0, spun_stats=True)
    assert "important outcomes" in r.text


def test_the_statistical_layer_takes_web_bigrams_as_attested():
    """"public universities" is in no 1990s magazine, but in the frequent web bigrams;
    "public schools" (universities -> schools is a thesaurus swap) is a collocation."""
    from newsclean.spun.detect import _model, statistical_findings
    from newsclean.spun.lexicon import load_web_bigrams

    assert "public universities" in load_web_bigrams()
    text = "Enrolment at public universities rose, and the metropolis council met."
    found = {f.text: f.suggestion for f in statistical_findings(text, text.lower(),
                                                                 _model(None))}
    assert found == {"metropolis council": "city council"}


def test_corroboration_needs_the_findings_to_be_dense():
    spun = ("Talks stalled after a terror assault on the ministry. Officials warned of "
            "surging tensions after top notch talks. In a joint assertion, "
            "analysts played down hopes of important outcomes from the meeting.")
    filler = " The council met on Tuesday and the minister said the budget was agreed." * 200
    _, flags = spun_flags(spun + filler, spun_stats=True)
    assert "important outcomes" not in {f.text for f in flags}


def test_content_pair_share_leaves_out_names_digits_and_function_pairs():
    from newsclean.spun.detect import EDITED_UNSEEN, content_pair_unseen

    # only capitalised words, numbers and function-word pairs: nothing to measure
    assert content_pair_unseen("Sergei Lavrov met Joe Biden in 2021 and it was so",
                               frozenset(), frozenset()) == EDITED_UNSEEN
    words = ("budget minister talks weather garden window market river doctor school "
             "village winter summer teacher factory harbour kitchen letter number office "
             "evening morning history picture station theatre prison island").split() * 5
    text = " ".join(words)
    pairs = frozenset(map(" ".join, zip(words, words[1:])))
    seen = content_pair_unseen(text, pairs, frozenset())
    unseen = content_pair_unseen(text, frozenset(), frozenset())
    assert seen < EDITED_UNSEEN < unseen
    # words rarer than UNSEEN_ZIPF (coinages, terms of art) make no pairs either: a
    # writer's rare word meets its neighbours for the first time without any spinning
    rare = ["word" + chr(97 + i // 26) + chr(97 + i % 26) for i in range(120)]
    assert content_pair_unseen(" ".join(rare), frozenset(), frozenset()) == EDITED_UNSEEN


def _glued_by_regex(text):
    """The plain definition count_glued implements with str.find."""
    import re
    n = 0
    for rx in (re.compile(r"[\u201c\u201d\"][^\W\d_]"),
               re.compile(r"[\u2018\u2019][^\W\d_]{3,}\u2019")):
        n += sum(1 for m in rx.finditer(text) if m.start() and text[m.start() - 1].isalpha())
    return n


def test_count_glued_matches_its_definition():
    from hypothesis import given, settings, strategies as st

    from newsclean.spun.score import count_glued

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet="abé1 .\u201c\u201d\"\u2018\u2019'", max_size=24))
    def check(text):
        assert count_glued(text) == _glued_by_regex(text)

    check()


def test_attribution_scan_finds_what_the_pattern_finds():
    from hypothesis import given, settings, strategies as st

    from newsclean.spun import detect

    @settings(max_examples=3000, deadline=None)
    @given(st.lists(st.sampled_from([",", "!", "\u201d", '"', "\u2019", " ", "he", "She",
                                     "Ann", "said", "x", "."]), max_size=14).map("".join))
    def check(text):
        assert [m.span() for m in detect._attributions(text)] == \
            [m.span() for m in detect._ATTRIB.finditer(text)]

    check()


def test_verb_object_phrase_is_found_across_a_determiner_and_modifiers():
    m = Matcher({"maintain a summit": ("hold a summit", 0.69, 0, "moby hold>maintain")})
    text = "Putin and Biden maintain their first summit this month."
    [(start, end, key, entry)] = m.find(text)
    assert text[start:end] == "maintain their first summit"
    assert entry[0] == "hold their first summit" and entry[1] == 0.64
    assert "words between" in entry[3]
    # the phrase as written keeps its own entry and score
    [(_, _, _, entry)] = m.find("They maintain a summit.")
    assert entry == ("hold a summit", 0.69, 0, "moby hold>maintain")
    # a function word, a longer gap or a word glued on ends the search
    for text in ("maintain the first of summit", "maintain their very first big summit",
                 "maintain the summit's agenda", "maintain a new summitry"):
        assert list(m.find(text)) == [], text


def test_only_verb_determiner_object_phrases_get_a_gap():
    m = Matcher({"hold a climax": ("hold a summit", 0.7, 2, "t"),
                 "maintain talks": ("hold talks", 0.7, 0, "t"),
                 "sooner this week": ("later this week", 0.7, 0, "t")})
    assert list(m.find("They hold the first climax.")) == []
    assert list(m.find("They maintain the talks.")) == []
    assert list(m.find("It ended sooner the next week.")) == []      # no verb, no object


def test_reviewed_phrases_are_not_in_the_lexicon():
    review = Path(__file__).resolve().parents[1] / "scripts" / "spun_review.txt"
    phrases = [ln for ln in review.read_text().splitlines() if ln and not ln.startswith("#")]
    assert phrases and not set(phrases) & set(load_lexicon())


def test_paraphrases_with_a_commoner_word_are_no_lexicon_entries():
    # a swap to a word at least as common, in a phrase with function words, is taken for a
    # paraphrase: Slate's trigram counts are too thin to vouch for these
    from newsclean.passes.flag_spun_phrases import _matcher

    text = ("They held a meeting, will hold a conference and a discussion, and said in a "
            "talk and in a message that they hold a convention.")
    assert list(_matcher().find(text)) == []
