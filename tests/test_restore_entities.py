"""restore_entities: misspelt names restored, everything else left exactly as it was."""

from __future__ import annotations

import pytest

from newsclean import analyze, clean


def run(text: str, **options) -> str:
    return clean(text, passes=["restore_entities"], **options)


def edits(text: str, **options):
    return analyze(text, passes=["restore_entities"], **options).edits


# --- the seed story's damage -------------------------------------------------------------

def test_surname_restored_when_the_story_names_the_person():
    text = ("Punjab: Hidden Strength Working Behind PM Narendra Modi, Arvind Kejriwal, said "
            "Rahul Gandhi\n\nPATIALA / MANSA / BARNALA: Attacking Prime Minister Narendra Modi "
            "and AAP National Convener Kejriawal, the Congress leader said...")
    out = run(text)
    assert "AAP National Convener Kejriwal," in out
    assert out.replace("Kejriwal,", "Kejriawal,", 1) != out  # only the typo changed
    assert out.count("PATIALA / MANSA / BARNALA:") == 1      # dateline kept in capitals


def test_a_surname_after_another_first_name_is_someone_else():
    """The text confirms Rutte, but "Isaac Rutto" is another person (a Kenyan
    politician): flagged, not renamed. A title before the misspelling is no first name."""
    r = analyze("Mark Rutte spoke. Isaac Rutto, the former Bomet governor, listened.",
                passes=["restore_entities"])
    assert not r.edits
    assert [f.text for f in r.flags if f.kind == "entity"] == ["Rutto"]
    assert run("Vladimir Putin spoke. President Putni listened.") == \
        "Vladimir Putin spoke. President Putin listened."
    # the same spelling after the same first name is the same person; after the first
    # name the text gives the confirmed name, it is a typo of it
    assert run("Mark Rutte spoke. Isaac Rutto listened. Isaac Rutto left.").count("Rutto") == 2
    assert run("Mark Rutte spoke. Isaac Rutto listened. Mark Rutto left.") == \
        "Mark Rutte spoke. Isaac Rutto listened. Mark Rutte left."


def test_lone_misspelling_of_a_short_rare_name_is_flagged_not_fixed():
    r = analyze("Culture minister Lekhy spoke.", passes=["restore_entities"])
    assert r.text == "Culture minister Lekhy spoke."
    (flag,) = r.flags
    assert flag.kind == "entity" and flag.suggestion == "Lekhi"
    assert flag.data["candidates"] == ["Lekhi"]
    # Confirmed by the story, it is fixed.
    assert run("Meenakshi Lekhi arrived. Culture minister Lekhy spoke.") == \
        "Meenakshi Lekhi arrived. Culture minister Lekhi spoke."


def test_lone_misspelling_of_a_long_news_name_is_fixed():
    assert run("AAP National Convener Kejriawal spoke.") == \
        "AAP National Convener Kejriwal spoke."


def test_all_caps_party_in_running_text_gets_its_case_back():
    assert run("Jalandhar: BJP and AAM AADMI parties are one party, said Ajay.") == \
        "Jalandhar: BJP and Aam Aadmi parties are one party, said Ajay."
    assert run("Machhiwara (Ludhiana): AAM AADMI Party (AAP) Head of Punjab") == \
        "Machhiwara (Ludhiana): Aam Aadmi Party (AAP) Head of Punjab"


def test_repeated_word_case_needs_the_repeated_words_pass_first():
    # Alone, this pass restores the name it finds and leaves the stray repeat to
    # fix_repeated_words, which runs before it in the default pipeline.
    assert run("Jalandhar: BJP and AAM AAM AADMI parties are one party.") == \
        "Jalandhar: BJP and AAM Aam Aadmi parties are one party."


def test_all_caps_headline_and_house_style_stay_in_capitals():
    for text in ("KEJRIWAL SPEAKS AT AAM AADMI RALLY IN SONIPAT\nHe said so.",
                 "THE WALL STREET JOURNAL editorial page goes on about it.",
                 "NEW DELHI: The minister said so."):
        assert run(text) == text


def test_misspelt_name_in_a_capitals_headline_is_fixed_in_capitals():
    text = "KEJRIAWAL SLAMS BJP OVER FARM LAWS\nArvind Kejriwal said on Monday..."
    assert run(text).startswith("KEJRIWAL SLAMS BJP")


def test_romanisation_marks_follow_the_gazetteer_spelling():
    assert run("Sonīpat / Ludhiana / Ambala: Actor Deep Sidhu died.") == \
        "Sonipat / Ludhiana / Ambala: Actor Deep Sidhu died."
    # Latin-1 accents are a matter of style: both spellings stay.
    for text in ("He flew to São Paulo and Zürich.", "He flew to Sao Paulo and Zurich."):
        assert run(text) == text


@pytest.mark.parametrize("text", [
    "An earthquake struck Muş province on Tuesday.",
    "Dockers in Gdańsk and Brașov walked out; Plzeň and Niš followed.",
    "Flooding closed roads in Whangārei and Đà Nẵng.",
    # a short word of another language that folds onto a short name (the given name Ty)
    "The Senedd meets in Tŷ Hywel.",
    # a person's name in its own letters, though the lists know it as an American surname
    "Tomasz Wiśniewski, a translator in Kraków, said.",
])
def test_letters_of_the_names_own_alphabet_are_left_as_written(text):
    """Turkish, Polish, Romanian, Czech, Serbian, Maori, Welsh and Vietnamese spellings are the
    country's own, as much a matter of style as São Paulo's: left alone."""
    r = analyze(text, passes=["restore_entities"])
    assert r.text == text and not r.edits


def test_a_word_the_text_writes_as_a_web_address_is_a_sites_name():
    """Slate wrote of "Slotland" (an online casino, www.slotland.com): not Scotland."""
    text = ("Step 2: www.slotland.com\nMost online casinos offer the same games. Slotland "
            "distinguishes itself with the lowest-budget design on the Web.")
    assert run(text) == text
    handle = "Follow @Kejriawal for updates. Kejriawal posted a video."
    assert run(handle) == handle
    # an address elsewhere in the text protects only its own words
    assert run("Kejriawal spoke. See www.example.com for more.") == \
        "Kejriwal spoke. See www.example.com for more."
    assert run("Arvind Kejriwal said.Kejriawal spoke.") == "Arvind Kejriwal said.Kejriwal spoke."


def test_marks_no_alphabet_of_the_names_country_has_give_way():
    # Japanese and Hindi are not written in Latin letters: these marks are a
    # romanisation's; a Polish letter in a Czech name or a macron in a Turkish one is no
    # spelling of either country
    assert run("Tōkyō and Ōsaka") == "Tokyo and Osaka"
    assert run("Officials in Płzeň and Mūş met.") == "Officials in Plzen and Mus met."


def test_multi_word_name_matched_whole():
    assert run("Prime Minister Narendar Modi arrived.") == "Prime Minister Narendra Modi arrived."
    assert run("The Securities and Exchnage Commission said.") == \
        "The Securities and Exchange Commission said."


def test_common_misspelling_of_a_famous_name_is_fixed_alone():
    assert run("Officials in Washingon said so.") == "Officials in Washington said so."


def test_plain_text_gets_the_plain_spelling():
    assert run("Jaroslaw Kaczynski spoke. Later Kaczynsky left.") == \
        "Jaroslaw Kaczynski spoke. Later Kaczynski left."


# --- negatives from real copy ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Dattatraya Hosabale addressed the meeting in Nagpur.",
    "Haryana Chief Minister Nayab Singh Saini met farmers.",
    "He was reading a book; it was nice to bath the dog; the mobile rang.",
    "Reading is a town; Nice is a city; Bath has a spa; Mobile is in Alabama.",
    "Jon Stewart met John Major.",
    "Austria and Australia played; Jon and John watched.",
    "The Camdens and the Altmans came to dinner.",
    "NYPress and NetanYahoo are puns.",
])
def test_leaves_real_names_and_words_alone(text):
    assert run(text) == text
    assert not edits(text)


CLEAN_COPY = """\
MOSCOW (Reuters) — Russian Foreign Minister Sergei Lavrov said on Tuesday that Moscow
expected no breakthrough when President Vladimir Putin meets U.S. President Joe Biden in
Geneva on June 16, but that talks between the two nuclear powers mattered.

Speaking at a news conference after an online meeting of BRICS officials, Lavrov accused
NATO of holding exercises near Russia's borders. Kremlin spokesman Dmitry Peskov said the
agenda had not been agreed. Ukraine's President Volodymyr Zelensky asked for guarantees.

NEW DELHI — Prime Minister Narendra Modi and Delhi Chief Minister Arvind Kejriwal traded
barbs over air pollution on Sunday, as the Aam Aadmi Party (AAP) and the Bharatiya Janata
Party (BJP) campaigned in Ludhiana, Amritsar and Patiala. Bhagwant Mann, Punjab's chief
minister, said the state would not be bullied; Rahul Gandhi of the Congress party called it
a distraction. Sonipat, Ambala and Machhiwara voted later.

LONDON — Keir Starmer's government faced questions in the House of Commons after Chancellor
Rachel Reeves set out her budget. Kemi Badenoch, the Conservative leader, and Nigel Farage of
Reform UK attacked it; Ed Davey of the Liberal Democrats said it did not go far enough.

ABUJA — President Bola Tinubu met former Vice-President Atiku Abubakar and Peter Obi of the
Labour Party in Abuja on Friday. Dattatraya, a visiting Indian trade official, and Jon
Wilkins of the World Bank attended. Reading the statement, an aide said talks were "nice".
"""


def test_clean_well_edited_copy_is_not_touched():
    r = analyze(CLEAN_COPY, passes=["restore_entities"])
    assert r.text == CLEAN_COPY
    assert not r.edits


# --- user gazetteers ---------------------------------------------------------------------

@pytest.fixture()
def my_gazetteer(tmp_path):
    p = tmp_path / "mine.tsv"
    p.write_text("# my own names\nZorblax Quintavelle\tperson\tQuintavelle\tGB\n"
                 "Kelvaran\tplace\t\t\nKelvirun\tplace\t\t\n", encoding="utf-8")
    return str(p)


def test_users_own_gazetteer_alone(my_gazetteer):
    text = "Zorblax Quintavele spoke. Officials in Washingon said so."
    out = run(text, gazetteer=[my_gazetteer], default_gazetteer=False)
    # Their name is restored (the whole name matched); the shipped list is not used.
    assert out == "Zorblax Quintavelle spoke. Officials in Washingon said so."


def test_users_gazetteer_with_the_default(my_gazetteer):
    text = "Zorblax Quintavele spoke. Officials in Washingon said so."
    assert run(text, gazetteer=my_gazetteer) == \
        "Zorblax Quintavelle spoke. Officials in Washington said so."


def test_a_tie_broken_by_the_text(my_gazetteer):
    assert run("We drove to Kelvarun and on to Kelvaran.", gazetteer=[my_gazetteer],
               default_gazetteer=False) == "We drove to Kelvaran and on to Kelvaran."


def test_a_tie_is_flagged_with_the_candidates(my_gazetteer):
    r = analyze("We drove to Kelvarun.", passes=["restore_entities"],
                gazetteer=[my_gazetteer], default_gazetteer=False)
    assert r.text == "We drove to Kelvarun."
    (flag,) = r.flags
    assert flag.kind == "entity" and flag.text == "Kelvarun"
    assert sorted(flag.data["candidates"]) == ["Kelvaran", "Kelvirun"]


def test_bad_gazetteer_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        run("x", gazetteer=[str(tmp_path / "missing.tsv")])
    bad = tmp_path / "bad.tsv"
    bad.write_text("Just one column\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:1: expected 2 to 4"):
        run("Some Text", gazetteer=[str(bad)])


def test_no_gazetteer_at_all_is_a_no_op():
    assert run("Kejriawal", default_gazetteer=False) == "Kejriawal"


def test_edits_say_why():
    (e,) = edits("Prime Minister Narendar Modi arrived.")
    assert e.pass_name == "restore_entities" and "Narendra Modi" in e.reason
    assert (e.before, e.after) == ("Narendar", "Narendra")


def test_ner_option_without_a_model_warns_and_still_works():
    import importlib.util

    if importlib.util.find_spec("spacy") is not None:
        pytest.skip("spaCy installed here; the no-model path is what this checks")
    with pytest.warns(RuntimeWarning, match="no spaCy English model"):
        out = run("Prime Minister Narendar Modi arrived.", entity_ner=True)
    assert out == "Prime Minister Narendra Modi arrived."


def test_import_does_not_pull_spacy_or_numpy():
    import subprocess
    import sys

    code = ("import sys, newsclean; newsclean.Pipeline(); "
            "print('spacy' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]


def _seed_dir():
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for base in (root, os.environ.get("NEWSCLEAN_SHARED"), root.parent / "shared"):
        if base and (Path(base) / "seeds").is_dir():
            return Path(base) / "seeds"
    return None


@pytest.mark.skipif(_seed_dir() is None, reason="no seeds/ in the checkout or shared/")
def test_seed_story():
    for path in sorted(_seed_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if "Kejriawal" not in text:
            continue
        r = analyze(text, passes=["restore_entities"])
        changes = {(e.before, e.after) for e in r.edits}
        assert ("Kejriawal", "Kejriwal") in changes
        assert ("Sonīpat", "Sonipat") in changes
        assert "Aam Aadmi Party (AAP)" in r.text
        # Nothing else in the story is touched.
        assert changes <= {("Kejriawal", "Kejriwal"), ("Sonīpat", "Sonipat"), ("AAM", "Aam"),
                           ("AADMI", "Aadmi")}


def test_long_capitalised_runs_and_odd_input_do_not_break():
    headline = " ".join(["KEJRIAWAL", "SAYS"] * 60) + "\nArvind Kejriwal said."
    out = run(headline)
    assert out.startswith("KEJRIWAL SAYS KEJRIWAL SAYS")
    for text in ("", "A", "Ā", "’", "O’", "Kejriawal’s’", "X-" * 50, "\u00a0Kejriawal\u00a0"):
        run(text)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_pieces = st.sampled_from(["Kejriawal", "Kejriwal", "Arvind", "AAM", "AADMI", "Party", "of",
                           "the", "reading", "Nice", "Sonīpat", "Narendar", "Modi", " ", "  ",
                           "\n", ".", ",", "’s", "-", "Washingon", "Jon", "NEW", "DELHI:"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_pieces, max_size=30))
def test_never_breaks_and_leaves_lower_case_words_outside_names_alone(parts):
    # (A lower-case word may be fixed inside a name the gazetteer spells with one,
    # "Saldus novads": none of these pieces makes such a name.)
    text = "".join(parts)
    r = analyze(text, passes=["restore_entities"])
    for e in r.edits:
        assert e.before[:1].isupper(), e
        assert text[e.start:e.end] == e.before


# Names right and misspelt, quoted, side by side and beside a name the gazetteer does not
# know: the shapes in which one decision of the pass can hang on another.
_names = st.sampled_from(["Kejriawal", "Kejriwal", "Arvind", "Putni", "Putin", "Vladimir",
                          "Kennya", "Kenya", "Deodato", "Microsort", "Microsoft",
                          "Khameni", "Ali", "Narendar", "Modi", "Muş", "Mūş", "Gdańsk",
                          "Gdansk", "Sonīpat", "Plzeň", "Płzeň"])
_around = st.sampled_from(["\u201c", "\u201d", '"', "'", ".", ",", ":", "said", "the", "met"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.tuples(st.one_of(_names, _names, _around),
                          st.sampled_from([" ", " ", "", "\n"])), min_size=1, max_size=12))
def test_restoring_names_is_idempotent(parts):
    once = run("".join(word + gap for word, gap in parts))
    assert run(once) == once


@pytest.mark.parametrize("text, expected", [
    # a misspelt neighbour the pass corrects is no unknown name to belong to
    ("Putin Putni Kejriawal", "Putin Putin Kejriwal"),
    ("Kejriawal Putni \u201c Kejriawal", "Kejriwal Putin \u201c Kejriwal"),
    # a real unknown neighbour still is
    ("Kennya Deodato exhibited in Rio.", "Kennya Deodato exhibited in Rio."),
])
def test_a_corrected_neighbour_is_no_unknown_name(text, expected):
    assert run(text) == expected
    assert run(expected) == expected


@pytest.mark.parametrize("style", ["keep", "straight", "curly"])
def test_a_quoted_term_stays_quoted_when_fix_quotes_spaces_its_marks(style):
    # fix_quotes settles the spacing of '““Kejriawal”' after this pass has run
    # ('"" Kejriawal"'); the word must count as quoted either way (found by hypothesis)
    once = clean("\u201c\u201cKejriawal\u201d", quotes=style)
    assert "Kejriawal" in once
    assert clean(once, quotes=style) == once


def test_people_in_capitals_are_a_style_not_damage():
    text = "In the Oval Office, BILL CLINTON meets with advisers."
    assert run(text) == text


def test_derived_words_are_not_misspellings():
    text = "A Microsoftie and a Netherlander met the Camdens in Washington."
    assert run(text) == text


# --- near a famous name, but another name or a quoted term --------------------------------

@pytest.mark.parametrize("text, word", [
    # real names and terms in edited copy (Slate), one edit from a gazetteer name
    ("Stephen is married to a Brazilian artist named Kennya Deodato.", "Kennya"),
    ("An experimental process dubbed \u201cMicrosort\u201d separates sperm.", "Microsort"),
    # American style: the period inside the closing mark (Slate, a joke answer)
    ("Sperling said it reminded him of the game Twister. What?\n\u201cPuff Daddy\u2019s "
     "new board game, \u2018Twizter.\u2019 \u201c\u2014 Alex Balk", "Twizter"),
])
def test_part_of_an_unknown_name_or_a_quoted_term_is_flagged_not_fixed(text, word):
    r = analyze(text, passes=["restore_entities"])
    assert r.text == text
    assert any(text[f.start:f.end] == word and f.kind == "entity" for f in r.flags)


def test_a_name_the_pass_restores_confirms_its_quoted_occurrences_too():
    # Found by the idempotence property: the first reading restored the whole name but
    # kept the quoted surname, which the restored text then confirmed on a second clean().
    text = "Arvind Kejriawal said. \u201cKejriawal\u201d"
    once = run(text)
    assert once == "Arvind Kejriwal said. \u201cKejriwal\u201d"
    assert run(once) == once
    assert run("Kejriwal \u201cKejriawal\u201d") == "Kejriwal \u201cKejriwal\u201d"


@pytest.mark.parametrize("text", [
    # a lone word is guessed into a name only where no protected use of it says otherwise
    "Kennya Deodato exhibited in Rio. Critics praised Kennya.",
    "The \u201cMicrosort\u201d process was used. Microsort is a firm.",
    "Kejriawal said: \u201cKejriawal\u201d",
])
def test_a_guess_does_not_override_a_quoted_term_or_an_unknown_name(text):
    r = analyze(text, passes=["restore_entities"])
    assert r.text == text and r.edits == ()
    assert len([f for f in r.flags if f.kind == "entity"]) == 2
    assert run(r.text) == r.text


def test_titles_and_common_given_names_beside_a_typo_are_not_names_of_their_own():
    assert run("AAP National Convener Kejriawal spoke.") == \
        "AAP National Convener Kejriwal spoke."
    assert run("They met Prime Minister Netanyahyu on Monday.") == \
        "They met Prime Minister Netanyahu on Monday."
