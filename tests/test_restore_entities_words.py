"""restore_entities: names with lower-case words, and rare words inside a confirmed name."""

from __future__ import annotations

import pytest

from newsclean import analyze, clean


def run(text: str, **options) -> str:
    return clean(text, passes=["restore_entities"], **options)


@pytest.fixture()
def lower_gazetteer(tmp_path):
    p = tmp_path / "lower.tsv"
    p.write_text("Zarvenko oblast\tplace\t\t\nKrolvina na Pelosku\tplace\t\t\n",
                 encoding="utf-8")
    return {"gazetteer": [str(p)], "default_gazetteer": False}


# --- names with lower-case words ---------------------------------------------------------

def test_typo_in_the_capitalised_word_of_a_name_ending_in_lower_case(lower_gazetteer):
    assert run("Officials in Zarvenka oblast agreed.", **lower_gazetteer) == \
        "Officials in Zarvenko oblast agreed."
    assert run("Officials in Krolvina na Peloksu agreed.", **lower_gazetteer) == \
        "Officials in Krolvina na Pelosku agreed."


def test_typo_in_the_lower_case_word_of_a_name(lower_gazetteer):
    assert run("Officials in Zarvenko oblsat agreed.", **lower_gazetteer) == \
        "Officials in Zarvenko oblast agreed."
    # The shipped gazetteer's subdivisions and places.
    assert run("Officials in Saldus novdds agreed.") == "Officials in Saldus novads agreed."
    assert run("Officials in Franfurt am Main agreed.") == \
        "Officials in Frankfurt am Main agreed."


def test_romanisation_marks_in_a_name_are_dropped_in_every_word():
    assert run("Officials in Ternopilska oblāst agreed.") == \
        "Officials in Ternopilska oblast agreed."
    assert run("Officials in Madinaṭ an Nasr agreed.") == "Officials in Madinat an Nasr agreed."


@pytest.mark.parametrize("text", [
    # The name spelt right, and lower-case words that are not part of it.
    "Zarvenko oblast met; the oblast governor and Zarvenko officials agreed.",
    # English words after the name are never its misspelt part.
    "Zarvenko oblong tables; Zarvenko obeyed; Krolvina nap time.",
    # Far from any word of a name: left alone.
    "Zarvenko muncipality and Krolvina na Pelosku.",
])
def test_lower_case_words_outside_a_name_are_left_alone(text, lower_gazetteer):
    r = analyze(text, passes=["restore_entities"], **lower_gazetteer)
    assert r.text == text and not r.edits


def test_lower_case_words_after_shipped_names_are_left_alone():
    for text in ("He visited Frankfurt amid protests and Frankfurt am Main.",
                 "Saldus novads and the Saldus municipality; Saldus reading rooms.",
                 "Officials said the oblast and the okrug were calm."):
        assert run(text) == text


# --- rare words and rare protect-only names inside a confirmed name ----------------------

def test_rare_word_in_a_name_the_story_confirms_is_fixed():
    # "Reves" is a (rare) word of English per wordfreq: only the story's own spelling of
    # the whole name shows it is a typo.
    assert run("Rachel Reeves spoke. Later Rachel Reves said so.") == \
        "Rachel Reeves spoke. Later Rachel Reeves said so."
    # Joiners count as confirmed words of the name (of).
    assert run("The Department of Homeland Security said so. "
               "The Departmnt of Homeland Securit agreed.") == \
        ("The Department of Homeland Security said so. "
         "The Department of Homeland Security agreed.")


def test_rare_protect_only_name_in_a_confirmed_name_is_fixed():
    # "Buhar" is a town in the protect-only list.
    assert run("Muhammadu Buhari spoke. Later Muhammadu Buhar said so.") == \
        "Muhammadu Buhari spoke. Later Muhammadu Buhari said so."


def test_rare_word_in_an_unconfirmed_name_is_only_flagged():
    r = analyze("Later Rachel Reves said so.", passes=["restore_entities"])
    assert r.text == "Later Rachel Reves said so."
    (flag,) = r.flags
    assert flag.kind == "entity" and flag.suggestion == "Rachel Reeves"


@pytest.mark.parametrize("text", [
    # A rare word or protect-only name on its own is never changed, whatever the story says.
    "Bill Clinton spoke. Later Cliton said so.",
    "Muhammadu Buhari spoke. Later Buhar said so.",
    # Real people one letter apart.
    "Some, like Bob Kerrey and John Kerry, served.",
    # A common word inside a near-name stays, even when the story confirms the name.
    "Keir Starmer spoke. Later Keir Starter said so.",
    "Thomas Bach spoke. Later Tomas Bach said so.",
])
def test_real_words_and_names_alone_or_common_stay(text):
    r = analyze(text, passes=["restore_entities"])
    assert r.text == text and not r.edits



# --- the first letter --------------------------------------------------------------------

def test_a_word_that_differs_in_its_first_letter_is_flagged_even_when_confirmed():
    # Real names near one the story uses often differ there (Yambol, Bambol); typos rarely.
    r = analyze("Meenakshi Lekhi arrived. Culture minister Pekhi spoke.",
                passes=["restore_entities"])
    assert r.text == "Meenakshi Lekhi arrived. Culture minister Pekhi spoke."
    (flag,) = r.flags
    assert flag.kind == "entity" and flag.suggestion == "Lekhi"
    # The same letter: fixed.
    assert run("Meenakshi Lekhi arrived. Culture minister Lekhy spoke.") == \
        "Meenakshi Lekhi arrived. Culture minister Lekhi spoke."


def test_first_two_letters_swapped_is_a_typo_when_confirmed():
    assert run("Meenakshi Lekhi arrived. Culture minister Elkhi spoke.") == \
        "Meenakshi Lekhi arrived. Culture minister Lekhi spoke."


def test_rare_word_of_a_protect_only_name_inside_a_confirmed_name():
    # "Vilos" is a word of a protect-only place name, near no one-word target.
    assert run("Ram Vilas Paswan spoke. Later Ram Vilos Paswan left.") == \
        "Ram Vilas Paswan spoke. Later Ram Vilas Paswan left."
