"""Put the evidence together: lexicon matches, attribution verbs, the statistical layer.

:func:`analyse` returns the findings (sorted, non-overlapping, each with its score and
reason) and the article's spin score; the pass turns them into flags and edits.

>>> from newsclean.passes.flag_spun_phrases import _matcher
>>> found, score = analyse("Officials warned of surging tensions.", _matcher())
>>> [(f.text, f.suggestion, f.evidence) for f in found]
[('surging tensions', 'rising tensions', 'lexicon')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, islice

from . import score as scoring
from .collocations import FUNCTION_WORDS, TOKEN_RE, load_table, normalize
from .grammar import PREPOSITION_REASON, find_all, trigger_pairs
from .lexicon import attribution_verbs, load_thesaurus, load_web_bigrams
from .matcher import token_pairs, words_of


@dataclass(frozen=True, slots=True)
class Finding:
    start: int
    end: int
    text: str
    suggestion: str | None
    score: float
    evidence: str      # "lexicon", "grammar", "attribution" or "statistical"
    reason: str


_DEMONYM = re.compile(r"(?:an|ian|ese|ish|ic|i)$")
# A closing quote after a comma/?/!, then who said it and the verb. Starts with a
# character class so that the regex engine skips ahead at C speed.
_ATTRIB = re.compile(r"[,?!][\u201d\"\u2019](\s+)(he|she|they|we|I|it|He|She|They|We|It|"
                     r"[A-Z][a-z]+)\s+([a-z]+)\b")
_CLAUSE_END = re.compile(r"\s*[.,;]")
_SAID = frozenset({"said", "says", "told", "added", "asked", "wrote", "replied"})


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\u201c\"\u2018(\u2014-"


def _headline(text: str, start: int) -> bool:
    """Is ``start`` in a short line set in title case (a headline)?"""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    line = text[a: b if b >= 0 else len(text)]
    words = line.split()
    if not words or len(words) > 25 or line.rstrip().endswith("."):
        return False
    return sum(1 for w in words if w[:1].isupper()) >= 0.6 * len(words)


def _case_ok(text: str, start: int, end: int, swapped: int) -> bool:
    """Spinners keep names: a capitalised word inside the match means a name, unless it
    starts the sentence, is a demonym kept beside the swap ("Russian part"), or the line
    is a title-case headline."""
    words = text[start:end].split()
    if not any(w[:1].isupper() for w in words):
        return True
    if _headline(text, start):
        return True
    for j, w in enumerate(words):
        if not w[:1].isupper():
            continue
        if j == 0 and _sentence_initial(text, start):
            continue
        if j != swapped and _DEMONYM.search(w) and not w.isupper():
            continue
        return False
    return True


def _has_phrase(low: str, phrase: str) -> bool:
    """Does ``phrase`` stand in ``low`` as whole words? (str.find: one scan, no regex.)"""
    at = low.find(phrase)
    n = len(phrase)
    while at >= 0:
        before = low[at - 1] if at else " "
        after = low[at + n] if at + n < len(low) else " "
        if not (before.isalnum() or before in "_'-") and not (after.isalnum() or after == "_"):
            return True
        at = low.find(phrase, at + 1)
    return False


def _used_by(user, span: str, original: str) -> str | None:
    """A pair of content words in ``span`` that the original lacks and the user's own
    archive has (``user``: their collocation table), if any.

    >>> _used_by({"fuel depot": 4}, "fuel depot", "fuel tank")
    'fuel depot'
    >>> _used_by({"maintain their": 9}, "maintain their first summit", "hold their first summit")
    """
    words = words_of(span)
    orig = original.split(" ")
    theirs = set(zip(orig, orig[1:]))
    for a, b in zip(words, words[1:]):
        if (a, b) not in theirs and a not in FUNCTION_WORDS and b not in FUNCTION_WORDS:
            pair = f"{a} {b}"
            if pair in user:
                return pair
    return None


# A lexicon finding whose original is in the same article says so in its reason; the
# article score counts such term/spun-form pairs.
_ALSO_OCCURS = "also occurs in this article"


def _pairs_with_original(found) -> int:
    return sum(1 for f in found if f.evidence == "lexicon" and _ALSO_OCCURS in f.reason)


def _counted(found, threshold: float) -> list:
    """The findings the flag density counts: statistical ones only from the threshold
    (below it they are weak guesses, and a user's model, which switches the layer on,
    must not make clean copy look spun with them)."""
    return [f for f in found if f.evidence != "statistical" or f.score >= threshold]


def lexicon_findings(text: str, low: str, matcher, bigrams=None, user=None) -> list[Finding]:
    """The lexicon's phrases in ``text``. ``user``: the bigram counts of a user's own
    archive (``model=``); a phrase whose new pair of words that archive uses is left
    alone, since a newsroom's own edited copy is the best judge of its English."""
    out = []
    has_original: dict[str, bool] = {}   # one scan of the text per original, not per match
    for start, end, key, (original, score, swapped, ev) in matcher.find(text, low, bigrams):
        if not _case_ok(text, start, end, swapped):
            continue
        if user and _used_by(user, low[start:end], original):
            continue
        reason = (f"lexicon: {key!r} is a thesaurus swap of the news collocation "
                  f"{original!r} ({ev})")
        # The original term elsewhere in the same article: the spinner missed it there.
        also = has_original.get(original)
        if also is None:
            also = has_original[original] = _has_phrase(low, original)
        if also:
            score = min(1.0, score + 0.15)
            reason += f"; {original!r} {_ALSO_OCCURS}"
        out.append(Finding(start, end, text[start:end], _case(text[start:end], original),
                           round(score, 2), "lexicon", reason))
    return out


GRAMMAR_SCORE = 0.7
# "at Moscow" is no broken grammar, only unidiomatic: alone in an article (0.55 after
# the isolation penalty) it stays below the default threshold.
PREPOSITION_SCORE = 0.65


def grammar_findings(text: str, low: str, pairs=None) -> list[Finding]:
    """Broken grammar of the kind word-by-word swapping leaves (see :mod:`.grammar`)."""
    return [Finding(s, e, text[s:e], _case(text[s:e], sug) if sug else None,
                    PREPOSITION_SCORE if reason.startswith(PREPOSITION_REASON)
                    else GRAMMAR_SCORE,
                    "grammar", reason) for s, e, sug, reason in find_all(low, text, pairs)]


@lru_cache(maxsize=4)
def _probe_keys(matcher) -> frozenset:
    """The lexicon's key bigrams and the grammar checks' trigger pairs, in one set."""
    return matcher.keys | trigger_pairs()


# Typographic marks that only ever separate words where the pass reads the lower-cased
# text, each with an ASCII mark that behaves the same in every reading of it: both are
# blanked by words_of (matcher._PUNCT), neither is a letter, digit, space, hyphen or
# apostrophe (nor ignored by lower-casing: a Greek final sigma before one stays final),
# and no pattern the pass runs over that text tells them apart (grammar's "told" pattern
# takes both closing quote marks). With normalize's own fold of curly single quotes
# done first (lower-casing ignores both ’ and ' alike), copy set with them is then ASCII
# in most articles, which str.lower handles several times faster.
_ASCII_MARKS = (("\u201c", "<"), ("\u201d", '"'), ("\u2014", "{"), ("\u2013", "}"),
                ("\u2026", "*"))
_BEFORE_LOWER = _ASCII_MARKS + (("\u2019", "'"), ("\u2018", "'"))


def _lowered(text: str) -> tuple[str, str]:
    """``text`` with the marks of ``_ASCII_MARKS`` swapped for their ASCII ones and curly
    single quotes folded, and ``normalize(text)`` with the same marks swapped (same length
    and offsets; the pass reads the original text for anything it shows)."""
    for mark, ascii_mark in _BEFORE_LOWER:
        if mark in text:
            text = text.replace(mark, ascii_mark)
    return text, normalize(text)


def _case(surface: str, original: str) -> str:
    """The suggestion in the surface's case: ALL CAPS, Capitalised or as it is."""
    if surface.isupper() and len(surface) > 1:
        return original.upper()
    return original[:1].upper() + original[1:] if surface[:1].isupper() else original


_CLOSING_QUOTES = ("\u201d", '"', "\u2019")


def _attributions(text: str) -> list[re.Match]:
    """The matches of ``_ATTRIB`` in order. ``str.find`` jumps between closing quote marks
    at C speed and the pattern is only tried after ",?!" there (a pattern that starts with
    a character class steps through every character: several times slower)."""
    starts = []
    for q in _CLOSING_QUOTES:
        i = text.find(q, 1)
        while i >= 0:
            if text[i - 1] in ",?!":
                starts.append(i - 1)
            i = text.find(q, i + 1)
    out, last = [], 0
    for i in sorted(starts):
        if i >= last:
            m = _ATTRIB.match(text, i)
            if m:
                out.append(m)
                last = m.end()
    return out


def attribution_findings(text: str, other_evidence: int) -> tuple[list[Finding], int, int]:
    """'..., he explained.' where edited copy would say 'said'.

    Returns the findings, the number of quote attributions and how many of them use a
    verb other than said/told/added... Flags only when other spinning was found in the
    article: magazine writers do write "he explained".
    """
    shares = attribution_verbs()
    said_share = shares.get("said", 0.25)
    hits = []
    said = odd = 0
    for m in _attributions(text):
        verb = m.group(3)
        if verb in _SAID:
            said += 1
        elif verb.endswith("ed"):
            odd += 1
            if verb in shares and _CLAUSE_END.match(text, m.end()):
                hits.append(m)
    if not hits or not other_evidence:
        return [], said + odd, odd
    out = []
    for m in hits:
        verb = m.group(3)
        rel = shares[verb] / said_share          # how often edited copy uses it, vs said
        score = round(max(0.0, min(0.9, 0.85 - rel)) + (0.05 if not said else 0.0), 2)
        start, end = m.start(2), m.end(3)
        who = m.group(2)
        reason = (f"attribution: quote attributed with {verb!r}, which edited copy uses "
                  f"{rel:.0%} as often as 'said' there"
                  + ("; the article never uses 'said'" if not said else ""))
        out.append(Finding(start, end, text[start:end], f"{who} said", score,
                           "attribution", reason))
    return out, said + odd, odd


@lru_cache(maxsize=4)
def _model(path):
    shipped = load_table(None)
    if path is None:
        return shipped
    return _Merged(shipped, load_table(path))


class _Merged:
    """The shipped table and a user's, side by side (a bigram counts if either has it)."""

    def __init__(self, a, b):
        self.a, self.b = a, b
        self.keys = set(a).union(b)

    def get(self, key, default=0):
        return max(self.a.get(key, 0), self.b.get(key, 0)) or default

    def __contains__(self, key):
        return key in self.keys


UNSEEN_CHARS = 2000         # the content-pair share reads at most this much of a text
UNSEEN_FULL = 60            # fewer content pairs than this: the share shrinks to edited copy's
EDITED_UNSEEN = 0.3         # about the share in edited copy (held-out Slate, own copy)


# Pairs with a word rarer than this (wordfreq's Zipf scale: 3 is once per million words)
# are left out of the content-pair share: edited copy's rare words (terms of art, names
# written in lower case, coinages) make pairs no reference has seen for reasons that have
# nothing to do with spinning. Measured (RESULTS.md, "Fifth round"): the share alone
# separates spun from clean articles with AUC 0.92 instead of 0.86.
UNSEEN_ZIPF = 3.0


@lru_cache(maxsize=1)
def _common_words() -> frozenset:
    """Lower-case words at least UNSEEN_ZIPF frequent in English (wordfreq; about 29,000)."""
    from wordfreq import get_frequency_dict

    floor = 10 ** (UNSEEN_ZIPF - 9)
    return frozenset(w for w, f in get_frequency_dict("en").items() if f >= floor)


class _WordCodes(dict):
    """``{word as written: code}`` for the content-pair share, filled on first sight.

    0: not all lower-case letters (a capital means a name or a sentence start; digits,
    hyphens and apostrophes say nothing either) or a word rarer than UNSEEN_ZIPF, 1: a
    function word, 3: a content word (bit 0: a word that counts, bit 1: a content word;
    see :func:`_pairs_to_count`).
    One dict probe per word costs less than two ``str`` methods per word and a probe of
    the set of function-word pairs per pair; news copy repeats its words, so the dict
    stays small (it is emptied if an archive of odd tokens ever makes it large).
    """

    LIMIT = 50_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        if not (word.isalpha() and word.islower()):
            code = 0
        elif word in FUNCTION_WORDS:
            code = 1
        else:
            code = 3 if word in _common_words() else 0
        self[word] = code
        return code


_WORD_CODES = _WordCodes()
_CURLY_SINGLE = ("\u2019", "\u2018")


def _pairs_to_count(codes: bytes) -> bytes:
    """For each pair of adjacent words, given their codes (see :class:`_WordCodes`): 1 if
    both words count and one is a content word, else 0.

    Bitwise operations on two big integers do it for all pairs at once, in C: byte ``i``
    of ``a`` is word ``i``'s code, of ``b`` word ``i + 1``'s; ``a & b`` keeps bit 0 where
    both words count, ``(a | b) >> 1`` moves "one is a content word" from bit 1 to bit 0
    (what it shifts into bit 7 of the next byte is masked off by ``a & b``). Ten times
    faster than two ``map`` calls over the pairs.

    >>> list(_pairs_to_count(bytes([3, 1, 1, 0, 3, 3])))
    [1, 0, 0, 0, 1]
    """
    if len(codes) < 2:
        return b""
    a = int.from_bytes(codes[:-1], "big")
    b = int.from_bytes(codes[1:], "big")
    return (a & b & ((a | b) >> 1)).to_bytes(len(codes) - 1, "big")


def content_pair_unseen(text: str, keys, web=None, pairs: list[str] | None = None) -> float:
    """Share of the distinct lower-case pairs of words (letters only) with a content word,
    in the first UNSEEN_CHARS characters of ``text``, that neither reference has seen.

    A spinner swaps content words for thesaurus synonyms, which breaks the pairs around
    them ("fruitful relationship" -> "profitable connection"). Pairs with a capital
    (names, sentence starts) or of two function words say nothing about that and are
    left out. The references are the collocation table (``keys``) and frequent web
    bigrams (``web``; empty if ``keys`` holds both). ``pairs``: the word pairs of the
    normalised text, if the caller has them (:func:`~newsclean.spun.matcher.token_pairs`).
    Everything runs in C-level maps and set operations, at a fixed cost per text.

    Two of the three pairs below are unseen; three pairs are too few to say much, so the
    share stays near edited copy's (0.3):

    >>> round(content_pair_unseen("the talks were fruitful", {"were fruitful"}, set()), 3)
    0.318
    """
    web = load_web_bigrams() if web is None else web
    sample = text[:UNSEEN_CHARS]
    if pairs is None:
        pairs = token_pairs(normalize(sample))
    # The same words as the pairs', in their own case. Curly single quotes are made
    # ASCII first: a word with one is not all letters either way, and words split from
    # an ASCII string are cheaper to make and to hash (the dict probe below).
    for curly in _CURLY_SINGLE:
        if curly in sample:
            sample = sample.replace(curly, "'")
    toks = words_of(sample)
    # the last word of a cut sample may be cut too, so its pair is left out
    n = len(toks) - (1 if len(text) <= UNSEEN_CHARS else 2)
    keep = _pairs_to_count(bytes(map(_WORD_CODES.__getitem__, toks)))
    pairs = set(compress(islice(pairs, max(0, n)), keep))
    total = len(pairs)
    if not total:
        return EDITED_UNSEEN
    # One big set per call: set.difference walks the small set and probes the big one,
    # while difference_update (or several arguments) would walk the big one. The Slate
    # table first: it knows more of the pairs, so the second probe has fewer.
    unseen = pairs.difference(keys)
    if web:
        unseen = unseen.difference(web)
    share = len(unseen) / total
    # a handful of pairs says nothing about a text: shrink towards edited copy's share
    return EDITED_UNSEEN + (share - EDITED_UNSEEN) * min(1.0, total / UNSEEN_FULL)


_NO_PAIRS: frozenset = frozenset()


@lru_cache(maxsize=4)
def _references(path) -> frozenset:
    """The collocation table's bigrams and the web bigrams in one set: the content-pair
    share then probes each pair once, not once per reference."""
    model = _model(path)
    return frozenset(chain(model.keys if isinstance(model, _Merged) else model,
                           load_web_bigrams()))


STAT_MIN_COUNT = 8          # the alternative must be a collocation seen this often


@lru_cache(maxsize=4)
def _collocation_words(path):
    """Left and right members of the model's strong collocations (count >= STAT_MIN_COUNT)."""
    model = _model(path)
    items = (model.a.items() if isinstance(model, _Merged) else model.items())
    strong = [k for k, c in items if c >= STAT_MIN_COUNT]
    if isinstance(model, _Merged):
        strong += [k for k, c in model.b.items() if c >= STAT_MIN_COUNT]
    left = frozenset(k.partition(" ")[0] for k in strong)
    right = frozenset(k.partition(" ")[2] for k in strong)
    return left, right


def statistical_findings(text: str, low: str, model, bigrams=None,
                         path=None) -> list[Finding]:
    """An unattested bigram of two content words where swapping one word for a word it
    is a synonym of gives a collocation the model has seen at least STAT_MIN_COUNT times.

    Unattested means in neither the model nor the frequent web bigrams, as for the
    article score: of the candidates the web list knows ("public universities"), 14 %
    were swaps on our spun test copy, against 50 % of the others (RESULTS.md, "Seventh
    round").
    """
    inv = load_thesaurus()
    if bigrams is None:
        toks = TOKEN_RE.findall(low)
        bigrams = set(map(" ".join, zip(toks, islice(toks, 1, None))))
    left, right = _collocation_words(path)
    unseen = bigrams.difference(_references(path))
    cands = {}
    for bg in unseen:
        a, _, b = bg.partition(" ")
        # Cheap rejections first: the kept word must belong to some strong collocation.
        heads_a = inv.get(a) if b in right else None
        heads_b = inv.get(b) if a in left else None
        if heads_a is None and heads_b is None:
            continue
        if a in FUNCTION_WORDS or b in FUNCTION_WORDS or not (a.isalpha() and b.isalpha()):
            continue
        best = None
        for h in heads_a or ():
            c = model.get(f"{h} {b}", 0)
            if c >= STAT_MIN_COUNT and (best is None or c > best[1]):
                best = (f"{h} {b}", c, a, h)
        for h in heads_b or ():
            c = model.get(f"{a} {h}", 0)
            if c >= STAT_MIN_COUNT and (best is None or c > best[1]):
                best = (f"{a} {h}", c, b, h)
        if best:
            cands[bg] = best
    if not cands:
        return []
    out = []
    rx = re.compile(r"(?<![\w'-])(?:" + "|".join(
        r"\s+".join(map(re.escape, k.split(" "))) for k in sorted(cands, key=len, reverse=True))
        + r")(?![\w]|[-'][\w])")
    for m in rx.finditer(low):
        key = re.sub(r"\s+", " ", m.group(0))
        alt, c, word, head = cands[key]
        if not _case_ok(text, m.start(), m.end(), -1) or any(
                w[:1].isupper() for w in text[m.start():m.end()].split()[1:]):
            continue
        # Capped below the default threshold: statistical evidence alone is weak, so it
        # shows at the default threshold only when the article corroborates it.
        score = round(min(0.55, 0.4 + 0.05 * (c ** 0.5) / 3), 2)
        reason = (f"statistical: {key!r} is unattested in the reference bigrams, while "
                  f"{alt!r} (with {head!r}, of which {word!r} is a thesaurus synonym) is "
                  f"seen {c} times")
        out.append(Finding(m.start(), m.end(), text[m.start():m.end()],
                           _case(text[m.start():m.end()], alt), score, "statistical", reason))
    return out


CORROBORATION = 0.05     # per other finding in the article, up to 3
CORROBORATED = 3          # lexicon findings that make an article corroborated
CORROBORATED_DENSITY = 2  # ... and at least this many per 1,000 words
CORROBORATED_BONUS = 0.1  # for statistical findings in such an article


def _strong_count(found: list[Finding]) -> int:
    return len({(f.start, f.end) for f in found if f.score >= 0.5 and f.evidence != "statistical"})

ISOLATION = 0.10         # taken off when a finding is the only one


def _corroborate(found: list[Finding]) -> list[Finding]:
    """Spinners rewrite whole articles: a lone odd phrase in otherwise clean copy is more
    likely a writer's choice than a spinner's. Scores move down for a lone finding and
    up (a little) with every other one, so that the default threshold is strict on clean
    copy and less so on an article full of swaps."""
    n = _strong_count(found)
    if not n:
        return found
    delta = CORROBORATION * min(n - 1, 3) - ISOLATION
    out = []
    for f in found:
        score = round(min(1.0, max(0.0, f.score + delta)), 2)
        reason = f.reason + (f"; {n - 1} other finding(s) in the article" if n > 1 else
                             "; the only finding in the article")
        out.append(Finding(f.start, f.end, f.text, f.suggestion, score, f.evidence, reason))
    return out


def _resolve(findings: list[Finding]) -> list[Finding]:
    """Sorted, non-overlapping: where two overlap keep the higher score (then the longer)."""
    if len(findings) < 2:
        return findings
    # The chosen spans never overlap, so kept sorted by start each new one need only be
    # checked against its two neighbours (a check against every chosen span made a text
    # with thousands of findings take minutes).
    starts: list[int] = []
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-f.score, -(f.end - f.start), f.start)):
        i = bisect_right(starts, f.start)
        if i and chosen[i - 1].end > f.start:
            continue
        if i < len(chosen) and chosen[i].start < f.end:
            continue
        starts.insert(i, f.start)
        chosen.insert(i, f)
    return chosen


@lru_cache(maxsize=1)
def _disagreements():
    """fix_articles' a/an check, imported once (an import statement in :func:`analyse`
    would cost about a microsecond per text)."""
    from ..passes.fix_articles import disagreements

    return disagreements


def analyse(text: str, matcher, *, model: str | None = None, stats: bool = True,
            threshold: float = 0.6, source: str | None = None,
            article_errors: int | None = None,
            features: dict | None = None) -> tuple[list[Finding], float]:
    """All findings in ``text`` and its spin score.

    ``source``: the text as it came in, before other passes repaired it; glued quote
    marks and a/an disagreements are counted there (fix_quotes and fix_articles may have
    repaired them by now). ``article_errors``: the disagreements, if fix_articles has
    counted them already.
    """
    marked, low = _lowered(text)
    toks = words_of(low)
    pairs_list = token_pairs(low, toks)
    # One probe of the text's word pairs finds both the lexicon's keys and the grammar
    # checks' triggers (each set's own probe would cost as much again).
    probed = _probe_keys(matcher).intersection(pairs_list)
    # (no candidate pair: no lexicon phrase, and of the grammar checks only the one that
    # does not start from a pair can find anything)
    user = _model(model).b if model is not None else None
    found = lexicon_findings(text, low, matcher, probed, user) if probed else []
    found += grammar_findings(text, low, probed)
    n_strong = _strong_count(found)
    # Three swaps make an article look spun only if they are dense: in a long text (a
    # whole archive in one string) three lone findings prove nothing, and the
    # statistical layer would then run over megabytes of clean copy.
    corroborated = (n_strong >= CORROBORATED
                    and n_strong * 1000 >= CORROBORATED_DENSITY * max(len(toks), 1))
    if stats:
        # The statistical layer runs only when asked for (spun_stats, or a user's model):
        # on the spun copy of thirteen sets of our own news its findings were right 27
        # times in 59 even where the lexicon had found three swaps (RESULTS.md, "Seventh
        # round"), against 84 % for the lexicon's. In such an article its findings may
        # reach the default threshold.
        extra = statistical_findings(text, low, _model(model), set(pairs_list), model)
        if corroborated:
            extra = [Finding(f.start, f.end, f.text, f.suggestion,
                             round(f.score + CORROBORATED_BONUS, 2), f.evidence,
                             f.reason + f"; the lexicon found {CORROBORATED}+ swaps here")
                     for f in extra]
        found += extra
    # (most texts have no finding: the counts below are then 0, without their loops)
    found = _corroborate(found) if found else found
    strong = sum(1 for f in found if f.score >= threshold) if found else 0
    attrib, n_attr, n_odd = attribution_findings(text, strong)
    found = _resolve(found + attrib)
    pairs = _pairs_with_original(found) if found else 0
    # Every finding counts towards the article score, weighted by its own score: weak
    # evidence that is rare in one phrase adds up across a spun article.
    # Swapped words break the collocations around them: the share of content-word pairs
    # that neither the reference table nor the web bigrams have seen rises. (Both are in
    # _references, so no separate web list is passed.)
    # (the marked text has the same words as the text itself, curly quotes folded already)
    unseen = content_pair_unseen(marked, _references(model), _NO_PAIRS, pairs_list)
    if article_errors is None:
        article_errors = sum(1 for _ in _disagreements()(text if source is None else source))
    feats = scoring.article_features(text, _counted(found, threshold), words=len(toks),
                                     pairs=pairs,
                                     attributions=(n_attr, n_odd), unseen=unseen,
                                     glued_in=source, article_errors=article_errors)
    if features is not None:
        features.update(feats)
    return found, scoring.spin_score(feats)


def score_replaced(text: str, found: list[Finding], phrase: str, matcher, **options):
    """The spin score of ``text`` with every occurrence of ``phrase`` (any case) put back
    to its suggested original: what the article would score had the writer chosen the
    usual wording. None if an occurrence has no suggestion. ``options`` go to
    :func:`analyse` (the same as for ``text``).

    Exact where :func:`score_without` estimates (the phrase's own word pairs also count
    in the share of unseen pairs), at the cost of a second analysis of the text.
    """
    phrase = phrase.lower()
    spots = [f for f in found if f.text.lower() == phrase]
    if not spots or any(not f.suggestion for f in spots):
        return None
    for f in sorted(spots, key=lambda f: f.start, reverse=True):
        text = text[:f.start] + f.suggestion + text[f.end:]
    return analyse(text, matcher, **options)[1]


def score_without(features: dict, found: list[Finding], phrase: str,
                  threshold: float = 0.6) -> float:
    """The spin score of the article that :func:`analyse` gave ``features`` and
    ``found``, leaving out the occurrences of ``phrase`` (any case) and the findings that
    exist only because of them: what the rest of the article says about it.

    One odd phrase raises the score of a short clean text by itself; a phrase the rest
    of the article does not vouch for is most often the writer's choice. Findings that
    lean on it go too: odd attribution verbs are reported only beside other evidence.
    """
    phrase = phrase.lower()
    gone = [f for f in found if f.text.lower() == phrase]
    if not gone:
        return scoring.spin_score(features)
    rest = [f for f in found if f.text.lower() != phrase]
    if not any(f.score >= threshold and f.evidence != "attribution" for f in rest):
        gone += [f for f in rest if f.evidence == "attribution"]
    features = dict(features)
    features["density"] = max(0.0, features["density"] - scoring.flag_density(
        _counted(gone, threshold), features["words"]))
    features["pairs"] = max(0.0, features["pairs"] - _pairs_with_original(gone))
    return scoring.spin_score(features)
