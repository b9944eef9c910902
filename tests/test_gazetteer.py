"""The gazetteer format, the deletion index and the shipped data."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from newsclean.gazetteer import default_entries, fold, load, parse_gazetteer
from newsclean.gazetteer.format import GazetteerError
from newsclean.gazetteer.index import NameIndex, WordIndex, deletions, max_edits


def test_format_columns_and_protect_directive():
    rows = parse_gazetteer("A Name\tperson\n#! role=protect\nB Town\tplace\tB|Bee\tfr\n")
    assert rows[0].target and not rows[1].target
    assert rows[1].aliases == ("B", "Bee") and rows[1].country == "FR"


def test_format_rejects_bad_country():
    try:
        parse_gazetteer("X\tplace\t\tFRA\n", "f.tsv")
    except GazetteerError as exc:
        assert "f.tsv:1" in str(exc)
    else:
        raise AssertionError("no error")


def test_thresholds_by_length():
    assert [max_edits(n) for n in (3, 4, 5, 8, 9, 15)] == [0, 0, 1, 1, 2, 2]


def test_fold():
    assert fold("Sonīpat") == fold("SONIPAT") == "sonipat"
    assert fold("Kejriwal’s") == "kejriwal's"


words = st.text(alphabet="abcdefgh", min_size=1, max_size=11)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=40, unique=True), words)
def test_index_finds_exactly_what_a_scan_finds(vocab, query):
    idx = WordIndex(vocab)
    found = {(vocab[i], d) for i, d in idx.lookup(query)}
    k = max_edits(len(query))
    expected = set()
    for w in vocab:
        limit = min(k, max_edits(len(w)))
        d = OSA.distance(query, w)
        if limit and d <= limit:
            expected.add((w, d))
    assert found == expected


def test_deletions():
    assert deletions("abc", 1) == {"abc", "ab", "ac", "bc"}


def test_names_matched_whole_and_by_words():
    idx = NameIndex(["Arvind Kejriwal", "Aam Aadmi Party"], standalone=["Kejriwal"])
    assert idx.match_span(["aam", "aadmi", "party"]) == [("Aam Aadmi Party", 0)]
    assert idx.match_span(["arvind", "kejriwall"]) == [("Arvind Kejriwal", 1)]
    assert idx.match_word("arvind") == []          # a first name alone is no target


def test_shipped_gazetteer_has_provenance_and_size():
    entries = default_entries()
    targets = [e for e in entries if e.target]
    assert 3_000 <= len(targets) <= 50_000
    names = {e.canonical for e in targets}
    for n in ("Arvind Kejriwal", "Aam Aadmi Party", "Reuters", "Austria", "Washington"):
        assert n in names, n
    assert "Sonipat" in {e.canonical for e in entries if not e.target}  # protected only
    g = load()
    assert g.is_known_name("Dattatraya") is False
    rng = random.Random(0)
    assert all(" " not in e.type for e in rng.sample(list(entries), 50) if e.type != "news agency"
               and e.type != "given name")
