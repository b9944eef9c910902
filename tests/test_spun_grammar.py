"""The grammar checks of flag_spun_phrases: shapes word-by-word swapping leaves behind."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.spun import grammar
from newsclean.spun.collocations import normalize


def found(text):
    return [(text[s:e], sug) for s, e, sug, _ in grammar.find_all(normalize(text), text)]


@pytest.mark.parametrize("text, span, suggestion", [
    ("The fund would assistance farmers hit by the flood.", "would assistance", None),
    ("The new rules will not modification the deadline.", "will not modification", None),
    ("They have never went back to the village.", "They have never went", None),
    ("The minister promised a fully investigation.", "a fully investigation",
     "a full investigation"),
    ("The port was closed, union officials told.", "union officials told",
     "union officials said"),
    ("“We are not done,” the bank’s head of research told.",
     "the bank’s head of research told", "the bank’s head of research said"),
    ("We will not allow him mistreat our people.", "allow him mistreat", "let him mistreat"),
    ("The 2 leaders met for the first time.", "2 leaders", "two leaders"),
    ("It was their first title in almost ii decades.", "ii decades", "two decades"),
    ("Officials urged them evacuate the area.", "urged them evacuate",
     "urged them to evacuate"),
    ("Lavrov told a press conference at Moscow on Tuesday.", "at Moscow", "in Moscow"),
    ("Talks at Beijing ended without a deal.", "at Beijing", "in Beijing"),
])
def test_broken_grammar_is_found(text, span, suggestion):
    assert (span, suggestion) in found(text)


@pytest.mark.parametrize("text", [
    # modal words that are nouns, questions and inversions
    "He signed it against his will and at the will of the court.",
    "She opened a tin can and a can of beans.",
    "How will voters react to the news?",
    "Should talks fail, the strike will begin on Monday.",
    "China's military might worries its neighbours.",
    "Will Smith and George Will column inches; May Day rallies.",
    "The agency will review the case and may appeal.",
    # perfects that are fine
    "We have got the figures and they have learnt from it.",
    "They had already gone when we had seen them.",
    # adverbs before adjectives and compounds
    "It was a highly visible role and a virtually pollution-free car.",
    "It gave the campaign a warmly populist glow and a purely escapist air.",
    # told with an object, passive, idioms, relative clauses
    "It was, we're told, a mistake; all told, ten people died.",
    "That was the lie which he told.",
    "Truth be told, the story was superbly told.",
    "He told reporters the talks would resume.",
    # verbs that take a bare infinitive, objects that are nouns too
    "They let him leave and helped us build the wall.",
    "They allowed him access and asked us questions.",
    # figures that edited copy uses
    "Chapter ii. Results came 2 years ago, in the 2020 vote, for the 12 members.",
    "Henry VIII wives and World War II veterans met the 3M engineers.",
    # an event "at" a place that is no city or country, a longer name, a possessive
    "The summit at Camp David and the meeting at Harvard went well.",
    "Talks at Moscow's request and a conference at Moscow State University.",
    "The talks at Paris-Orly airport; the meeting at Berlin-Tegel.",
    "Protests at Birmingham and the airport at Sofia.",
])
def test_correct_english_is_left_alone(text):
    assert found(text) == []


def test_grammar_findings_reach_the_flags_with_their_evidence():
    text = ("The port was closed on Monday, union officials told. The strike will "
            "assistance nobody, the minister said.")
    r = newsclean.analyze(text, passes=["flag_spun_phrases"])
    flags = [f for f in r.flags if f.kind == "spun_phrase"]
    assert {f.data["evidence"] for f in flags} == {"grammar"}
    assert [text[f.start:f.end] for f in flags] == ["union officials told",
                                                    "will assistance"]
    assert flags[0].suggestion == "union officials said"


def test_grammar_evidence_raises_the_spin_score():
    clean = ("The port was closed on Monday, union officials said. The strike will "
             "help nobody, the minister said.")
    spun = ("The port was closed on Monday, union officials told. The strike will "
            "assistance nobody, the minister said.")
    assert newsclean.analyze(spun).spin_score > newsclean.analyze(clean).spin_score + 0.2


def test_pos_table_readings():
    table = grammar.pos_table()
    assert table["assistance"] == "N"
    assert "D" in table["went"] and "D" not in table["saw"]
    assert {"A", "N"} <= set(table["visible"])


def test_checks_sharing_one_text_each_get_their_own_hits():
    # Two checks start in one text (the modal one and the "allow him" one); each must see
    # its own trigger, whatever order the pairs come out of the set in.
    text = "It will assistance them and they will not allow him mistreat anyone."
    assert [s for s, _ in found(text)] == ["will assistance", "allow him mistreat"]


def test_a_lone_event_at_a_place_is_not_flagged_at_the_default_threshold():
    text = "The ministers held a meeting at Paris and agreed to meet again next year."
    assert ("at Paris", "in Paris") in found(text)
    # the finding's own score keeps it out, not the article gate
    flags = [f for f in newsclean.analyze(text, flag_min_spin=0.0).flags
             if f.kind == "spun_phrase"]
    assert flags == []
