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

from newsclean.spun import detect, grammar
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


# --- grammar.find_all: checks whose trigger pairs a text lacks are skipped ---------------

def _matcher():
    from newsclean.passes.flag_spun_phrases import _matcher

    return _matcher()



def _find_all_by_definition(low, text, pairs):
    """Every check run over the text, as find_all did before it skipped any."""
    hits = grammar._hits(low, pairs)
    out = []
    for check in grammar.CHECKS:
        for hit in check(low, text, hits):
            if check in grammar._NAMES_ALLOWED or grammar._lower_case(text, hit[0], hit[1]):
                out.append(hit)
    return sorted(out)


_GRAMMAR_PIECES = st.sampled_from([
    " ", " ", " ", ", ", ". ", "? ", "\n", "“", "”", "will", "Will", "not", "assistance",
    "have", "they’ve", "never", "went", "took", "a", "the", "fully", "investigation", "allow",
    "asked", "him", "them", "mistreat", "2", "ii", "leaders", "decades", "press conference",
    "talks", "at", "Moscow", "Camp", "told", "officials", "union", "we're", "It",
])
GRAMMAR_TEXTS = st.one_of(st.lists(_GRAMMAR_PIECES, max_size=40).map("".join),
                          st.text(max_size=80))


@SETTINGS
@given(GRAMMAR_TEXTS)
def test_find_all_matches_running_every_check(text):
    low = normalize(text)
    pairs = token_pairs(low)
    assert grammar.find_all(low, text, pairs) == _find_all_by_definition(low, text, pairs)
    # as the pass calls it: with only the pairs its one probe found
    probed = detect._probe_keys(_matcher()).intersection(pairs)
    assert grammar.find_all(low, text, probed) == _find_all_by_definition(low, text, pairs)


# --- analyse: no probe hit, no lexicon lookup -------------------------------------------

_LEXICON_PIECES = st.sampled_from([
    " ", " ", ", ", ". ", "\n", "surging", "rising", "tensions", "cyber", "assault", "attack",
    "Cyber", "internet", "meeting", "maintain", "their", "first", "summit", "the", "a",
])


@SETTINGS
@given(st.one_of(st.lists(_LEXICON_PIECES, max_size=30).map("".join), NEWSY))
def test_lexicon_findings_need_a_probe_hit(text):
    low = normalize(text)
    pairs = token_pairs(low)
    probed = detect._probe_keys(_matcher()).intersection(pairs)
    full = detect.lexicon_findings(text, low, _matcher())      # the matcher's own probe
    assert detect.lexicon_findings(text, low, _matcher(), probed) == full
    if not probed:
        assert full == []


# --- analyse reads an ASCII-marked lower-case text (detect._lowered) -------------------

_MARKED_PIECES = st.sampled_from([
    " ", " ", ", ", ". ", "\n", "“", "”", "—", "–", "…", "’", "‘", "\"", "<", "*", "{",
    "ΑΣ", "Σ", "İ", "Talks", "talks", "told", "officials", "union", "will", "assistance",
    "surging", "tensions", "cyber", "assault", "an", "a", "apple", "dissident", "he",
    "explained", "said", "at", "Moscow", "press conference", "?", "the", "2", "leaders",
])
MARKED = st.lists(_MARKED_PIECES, max_size=50).map("".join)


@SETTINGS
@given(st.one_of(MARKED, NEWSY, st.text(max_size=80)))
def test_lowered_differs_from_normalize_only_at_the_marks(text):
    marks = dict(detect._ASCII_MARKS)
    old, (marked, new) = normalize(text), detect._lowered(text)
    assert len(new) == len(old) == len(marked) == len(text)
    assert all(a == b or (a in marks and marks[a] == b) for a, b in zip(old, new))
    assert words_of(new) == words_of(old)
    # the content-pair share reads the marked text in the pass: same words, same case
    assert words_of(marked) == words_of(text.replace("’", "'").replace("‘", "'"))


def _analyse_with_normalize(text, **options):
    saved = detect._lowered
    detect._lowered = lambda text: (text, normalize(text))
    try:
        return detect.analyse(text, _matcher(), **options)
    finally:
        detect._lowered = saved


@settings(max_examples=600, deadline=None)
@given(st.one_of(MARKED, NEWSY), st.booleans())
def test_analyse_on_marked_text_matches_normalize(text, stats):
    assert detect.analyse(text, _matcher(), stats=stats) == \
        _analyse_with_normalize(text, stats=stats)


@settings(max_examples=20, deadline=None)
@given(st.lists(MARKED, min_size=1, max_size=4))
def test_analyse_on_long_marked_text_matches_normalize(parts):
    # longer than the matcher's chunk (1 << 15 characters): the chunked path
    text = ("\n".join(parts) + "\n" + _FILLER) * 12
    assert detect.analyse(text, _matcher(), stats=False) == \
        _analyse_with_normalize(text, stats=False)


# --- words_of: ASCII text is blanked with one bytes.translate -----------------------------

def _words_by_definition(low):
    from newsclean.spun.matcher import _PUNCT

    for ch in _PUNCT:
        low = low.replace(ch, " ")
    return low.split()


_ASCII_PIECES = st.sampled_from(
    list(".,;:!?\"()[]{}<>*/'-_#$%&+=@\\^`|~ \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")
    + ["talks", "it's", "top-level", "2021", "a"])


@SETTINGS
@given(st.one_of(st.lists(_ASCII_PIECES, max_size=40).map("".join),
                 st.text(st.characters(max_codepoint=127), max_size=80), MARKED, NEWSY))
def test_words_of_matches_its_definition(text):
    assert words_of(text) == _words_by_definition(text)
    assert words_of(text.lower()) == _words_by_definition(text.lower())


# -- work that must not grow with the square of the findings ------------------------------

def _resolve_reference(findings):
    """The definition: by score (then length, then start), keep what overlaps nothing kept."""
    chosen = []
    for f in sorted(findings, key=lambda f: (-f.score, -(f.end - f.start), f.start)):
        if all(f.end <= g.start or f.start >= g.end for g in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8),
                          st.sampled_from([0.3, 0.5, 0.6, 0.8])), max_size=40))
def test_resolve_keeps_what_the_greedy_definition_keeps(spans):
    from newsclean.spun.detect import Finding, _resolve

    found = [Finding(s, s + n, "x" * n, None, score, "lexicon", "") for s, n, score in spans]
    assert _resolve(found) == _resolve_reference(found)


def test_the_text_is_searched_once_per_original_not_once_per_match(monkeypatch):
    """A long text repeating a spun phrase (a pathological input) once cost a scan of the
    whole text per occurrence: minutes per megabyte."""
    from newsclean.passes.flag_spun_phrases import _matcher
    from newsclean.spun import detect

    calls = []
    real = detect._has_phrase
    monkeypatch.setattr(detect, "_has_phrase", lambda low, p: calls.append(p) or real(low, p))
    text = "Officials warned of surging tensions. " * 200
    found = detect.lexicon_findings(text, detect.normalize(text), _matcher())
    assert len(found) == 200
    assert len(calls) == len(set(calls)) == 1
