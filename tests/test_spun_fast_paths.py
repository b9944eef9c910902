"""flag_spun_phrases' fast paths give what the plain definitions they replaced give.

Each speed-up of the pass's per-text work keeps the definition it replaced here, and a
hypothesis test holds the two together on arbitrary text and on text built from the
pieces the code reacts to (capitals, digits, function words, punctuation, long texts cut
by the content-pair share's sample).
"""

from __future__ import annotations

from itertools import compress, islice
from operator import and_

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.spun import detect
from newsclean.spun.collocations import FUNCTION_WORDS, normalize
from newsclean.spun.matcher import token_pairs, words_of

SETTINGS = settings(max_examples=1500, deadline=None)

_PIECES = st.sampled_from([
    " ", "  ", "\n", ".", ",", "“", "”", "’", "'", "-", "2021", "a", "the", "of", "it",
    "was", "The", "It", "talks", "were", "fruitful", "Talks", "Lavrov", "don’t",
    "İstanbul", "Σ", "ΟΔΟΣ", "straße", "K", "ǅ", "é", "x1", "top-level", "…",
])
NEWSY = st.lists(_PIECES, max_size=60).map("".join)
_FILLER = "the talks were held in a calm mood and officials said it went well " * 40


def _around_the_cut(text_strategy):
    """Texts whose generated part straddles the sample's end (UNSEEN_CHARS)."""
    return st.tuples(st.integers(detect.UNSEEN_CHARS - 80, detect.UNSEEN_CHARS + 5),
                     text_strategy).map(lambda t: _FILLER[:t[0]] + t[1])


TEXTS = st.one_of(NEWSY, st.text(max_size=120), _around_the_cut(NEWSY),
                  _around_the_cut(st.text(max_size=60)))


# --- content_pair_unseen: the definition before per-word codes and the merged references


def _function_pairs():
    return frozenset(f"{a} {b}" for a in FUNCTION_WORDS for b in FUNCTION_WORDS)


_FUNCTION_PAIRS = _function_pairs()


def _unseen_by_definition(text, keys, web, pairs=None):
    sample = text[:detect.UNSEEN_CHARS]
    toks = words_of(sample)
    if pairs is None:
        pairs = token_pairs(normalize(sample))
    # a word counts if it is lower-case letters and a function word or a common word
    common = detect._common_words()
    ok = [t.isalpha() and t.islower() and (t in FUNCTION_WORDS or t in common) for t in toks]
    n = len(toks) - (1 if len(text) <= detect.UNSEEN_CHARS else 2)
    pairs = set(compress(pairs[:max(0, n)], map(and_, ok, islice(ok, 1, None))))
    pairs = pairs.difference(_FUNCTION_PAIRS)
    total = len(pairs)
    if not total:
        return detect.EDITED_UNSEEN
    share = len(pairs.difference(keys).difference(web)) / total
    return detect.EDITED_UNSEEN + (share - detect.EDITED_UNSEEN) * min(
        1.0, total / detect.UNSEEN_FULL)


@SETTINGS
@given(TEXTS, st.integers(0, 3))
def test_content_pair_unseen_matches_its_definition(text, seed):
    pairs = token_pairs(normalize(text))
    # references that know some of the text's pairs: every (seed+2)-th in the table,
    # every (seed+3)-th on the web list
    keys = frozenset(pairs[::seed + 2])
    web = frozenset(pairs[1::seed + 3])
    expected = _unseen_by_definition(text, keys, web, pairs)
    assert detect.content_pair_unseen(text, keys, web, pairs) == expected
    # the pass merges the two references into one set and passes no web list
    assert detect.content_pair_unseen(text, keys | web, frozenset(), pairs) == expected
    # and without the caller's pairs
    assert detect.content_pair_unseen(text, keys, web) == \
        _unseen_by_definition(text, keys, web)


@SETTINGS
@given(st.lists(st.sampled_from([0, 1, 3]), max_size=40).map(bytes))
def test_pairs_to_count_matches_its_definition(codes):
    # a pair counts if both words count (code > 0) and they are not two function words
    expected = [int(a > 0 and b > 0 and not (a == 1 and b == 1))
                for a, b in zip(codes, codes[1:])]
    assert list(detect._pairs_to_count(codes)) == expected


def test_word_codes_follow_case_letters_function_words_and_frequency():
    codes = detect._WordCodes()
    assert [codes[w] for w in ("the", "talks", "Talks", "x1", "don't", "ΟΔΟΣ", "zyzzyva")] \
        == [1, 3, 0, 0, 0, 0, 0]
    codes.LIMIT = 3
    for w in ("the", "cat", "dog", "sun"):
        codes[w]
    assert len(codes) <= 3 and codes["sun"] == 3
