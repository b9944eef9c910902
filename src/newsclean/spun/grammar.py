"""Grammar a word-level spinner breaks: a verb swapped for a noun, a participle for a past.

A spinner replaces one word at a time with a thesaurus "synonym" of any part of speech and
never re-reads the sentence: "it will help them" becomes "it will assistance them", "a
full investigation" becomes "a fully investigation", "let him abuse" becomes "allow him
abuse", "he said." becomes "he told.". Edited copy almost never has these shapes, and
none of them needs collocation statistics: a table of the parts of speech each word form
can take (``data/spun/pos.tsv.gz``, built by ``scripts/build_pos_table.py`` from
lemminflect and WordNet 3.0) is enough. A check fires only when *no* reading of the word
fits, so an unknown word or one that can be a verb is left alone.

Speed: every check but one starts from a pair of adjacent words ("will assistance", "a
fully", "him mistreat"). All such pairs are enumerated once per process into one set,
and a text's word pairs (which the lexicon matcher has already made and hashed) are
intersected with it in C; only the rare pairs that hit are located and verified.

Each check yields ``(start, end, suggestion or None, reason)`` over the lower-cased text
(same offsets as the text; the text itself, if given, supplies the suggestions' wording).

>>> low = "officials said it will assistance them."
>>> [(low[s:e], sug) for s, e, sug, _ in find_all(low)]
[('will assistance', None)]
"""

from __future__ import annotations

import gzip
import io
import re
from functools import lru_cache
from typing import Iterable, Iterator

from .. import resources
from .collocations import FUNCTION_WORDS
from .matcher import token_pairs

Hit = tuple[int, int, "str | None", str]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], frozenset]:
    raw = resources.data_file("spun/pos.tsv.gz").read_bytes()
    table: dict[str, str] = {}
    common = []
    with io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                word, _, letters = line.rstrip("\n").partition("\t")
                if "C" in letters:
                    common.append(word)
                    letters = letters.replace("C", "")
                table[word] = letters
    return table, frozenset(common)


def pos_table() -> dict[str, str]:
    """``{word form: letters}``: N noun, V verb, A adjective, R adverb, B base-form verb,
    D past tense only ("went"). Loaded once."""
    return _tables()[0]


_PRONOUNS = frozenset("i you he she it we they me him her us them who whom one".split())
# Endings of adjectives the table may not know as such ("escapist", "populist").
_ADJECTIVE_ENDINGS = ("ist", "ic", "al", "ive", "ous", "ful", "less", "able", "ible", "ary",
                      "ish", "ian", "ese", "ent", "ant")


def _noun_only(word: str) -> bool:
    return (word not in FUNCTION_WORDS and word not in _PRONOUNS and word != "via"
            and pos_table().get(word) == "N" and not word.endswith(_ADJECTIVE_ENDINGS))


def _word_before(low: str, i: int) -> str:
    """The word that ends at ``i`` (spaces allowed between), or '' after punctuation."""
    j = i
    while j > 0 and low[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and low[k - 1].isalpha():
        k -= 1
    return low[k:j]


# --- the pairs that start a check ------------------------------------------------------

_MODALS = frozenset("will would shall should could might must may can".split())
# Words that may stand between an auxiliary and its verb ("will not", "has never").
_BETWEEN = frozenset("not also never still now then just already ever".split())
_HAVES = frozenset("have has had".split())
_SUBJECTS = frozenset("i we you they he she it who".split())
_HAVE_FIRSTS = _HAVES | _BETWEEN | {f"{s}'ve" for s in _SUBJECTS}
_ARTICLES = ("a", "an", "the")
_ROMAN = ("ii", "iii", "iv", "vi", "vii", "viii", "ix")
_NUMBER_DETERMINERS = ("the", "his", "her", "their", "its", "our", "these", "those", "both",
                       "all", "first", "last", "next", "past")
_OBJECTS = ("him", "her", "them", "us", "me", "you")


@lru_cache(maxsize=1)
def _adverbs_in_ly() -> frozenset:
    """Words ending in -ly that can only be adverbs ("fully", not "early" or "family")."""
    return frozenset(w for w, letters in pos_table().items()
                     if letters == "R" and w.endswith("ly") and w not in FUNCTION_WORDS)


@lru_cache(maxsize=1)
def _pair_index() -> frozenset:
    """Every word pair that can start a check. Which check a pair starts follows from its
    first word (see :func:`_check_of`), so no mapping is kept: the set is ~177k strings."""
    table, common = _tables()
    pairs: list[str] = []
    # a modal (or "not", as in "will not") and a common word that can only be a noun
    nouns = [w for w in common if _noun_only(w)]
    for first in _MODALS | {"not"}:
        pairs += [f"{first} {n}" for n in nouns]
    # have (or a word between, or a contraction) and a past tense that is no participle
    pasts = [w for w, letters in table.items() if "D" in letters]
    pairs += [f"{h} {p}" for h in _HAVE_FIRSTS for p in pasts]
    # an article and an adverb
    pairs += [f"{d} {a}" for d in _ARTICLES for a in _adverbs_in_ly()]
    # an object pronoun and a verb that is only ever a verb, in its base form
    verbs = [w for w, letters in table.items() if "B" in letters and set(letters) <= {"V", "B"}]
    pairs += [f"{o} {v}" for o in _OBJECTS for v in verbs]
    # a determiner and a small number in figures; a Roman numeral and a common plural
    pairs += [f"{d} {n}" for d in _NUMBER_DETERMINERS for n in "23456789"]
    plurals = [w for w in common if w.endswith("s") and "N" in table[w]]
    pairs += [f"{r} {p}" for r in _ROMAN for p in plurals]
    # an event and "at" (then a city or country: "a press conference at Moscow")
    pairs += [f"{e} at" for e in _EVENTS]
    return frozenset(pairs)


def _check_of(pair: str, second_is_noun: bool) -> str:
    first, _, second = pair.partition(" ")
    if second == "at":
        return "p"
    if second.isdigit() or first in _ROMAN:
        return "n"
    if first in _ARTICLES:
        return "a"
    if first in _OBJECTS:
        return "b"
    if first in _MODALS or (first == "not" and second_is_noun):
        return "m"
    return "h"


def trigger_pairs() -> frozenset:
    """Every word pair that can start a check (a caller may probe a text's pairs with
    this set merged into its own, once, and pass the hits as ``pairs``)."""
    return _pair_index()


def _located(low: str, pair: str) -> Iterator[int]:
    """Where ``pair`` (two words, one space) stands in ``low`` as whole words."""
    n = len(pair)
    i = low.find(pair)
    while i >= 0:
        if (i == 0 or not low[i - 1].isalpha()) and (
                i + n == len(low) or not low[i + n].isalpha()):
            yield i
        i = low.find(pair, i + 1)


class _Hits(dict):
    """``{check code: sorted positions}`` of the trigger pairs found in one text."""


def _hits(low: str, pairs: Iterable[str] | None) -> _Hits:
    found = _pair_index().intersection(token_pairs(low) if pairs is None else pairs)
    by_code = _Hits()
    for p in found:
        check = _check_of(p, _noun_only(p.partition(" ")[2]))
        by_code.setdefault(check, []).extend(_located(low, p))
    for positions in by_code.values():
        positions.sort()
    return by_code


def _starts(low: str, code: str, pairs) -> list[int]:
    """Positions in ``low`` of the pairs that start check ``code``. ``pairs``: the text's
    word pairs (or a subset holding every trigger pair among them), or the hits
    :func:`find_all` has already worked out for all checks at once."""
    hits = pairs if isinstance(pairs, _Hits) else _hits(low, pairs)
    return hits.get(code, [])


# --- the checks --------------------------------------------------------------------------

# Words after which a modal is a noun ("his will", "a can", "at will", "military might")
# or a question or inversion starts ("how will", "only then can").
_NOT_A_MODAL_AFTER = frozenset("""
the a an his her its their our your my whose this that own free good ill tin trash garbage
beer soda oil gas paint watering at against of by with popular public last sheer military
naval economic political why how what when where who which whom whoever whatever wherever
or and but nor else so neither only as than
""".split())
_SENTENCE_END = re.compile(r"[.?!]")
_NEXT_WORD = re.compile(r"([a-z']+)\s+([a-z]+)(?![a-z]|[-'\u2019][a-z])")


def _in_question(low: str, end: int) -> bool:
    m = _SENTENCE_END.search(low, end, end + 300)
    return bool(m) and m.group(0) == "?"


def noun_after_modal(low: str, text: str | None = None, pairs=None) -> Iterator[Hit]:
    """A modal followed by a word that can only be a noun: a verb was swapped.

    >>> low = "the scheme will assistance farmers; it will not modification rules"
    >>> [low[s:e] for s, e, _, _ in noun_after_modal(low)]
    ['will assistance', 'will not modification']
    >>> list(noun_after_modal("against his will power"))     # "will" is a noun here
    []
    >>> list(noun_after_modal("how will voters react?"))      # a question: subject after it
    []
    """
    for i in _starts(low, "m", pairs):
        m = _NEXT_WORD.match(low, i)
        if not m or not _noun_only(m.group(2)):
            continue
        start, modal = i, m.group(1)
        if modal not in _MODALS:                  # "will not modification"
            modal = _word_before(low, i)
            if modal not in _MODALS:
                continue
            start = low.rindex(modal, 0, i)
        before = _word_before(low, start)
        # After punctuation or nothing, the modal starts a clause: an inversion ("Should
        # talks fail, ...") puts a noun there legitimately.
        if not before or before in _NOT_A_MODAL_AFTER or (
                modal == "can" and before not in _PRONOUNS):
            continue
        if _in_question(low, m.end()):
            continue
        yield (start, m.end(), None,
               f"grammar: {m.group(2)!r} can only be a noun, but follows the modal "
               f"{modal!r}, where a verb belongs (a verb swapped for a noun)")


def past_after_have(low: str, text: str | None = None, pairs=None) -> Iterator[Hit]:
    """"they have never saw": a past tense where the perfect needs a participle.

    >>> low = "we have never went there, and they've took it"
    >>> [low[s:e] for s, e, _, _ in past_after_have(low)]
    ['we have never went', "they've took"]
    >>> list(past_after_have("we have got it"))
    []
    """
    for i in _starts(low, "h", pairs):
        m = _NEXT_WORD.match(low, i)
        if not m:
            continue
        start = i
        if m.group(1) in _BETWEEN:                       # "have never went"
            have = _word_before(low, i)
            if have not in _HAVES:
                continue
            start = low.rindex(have, 0, i)
        if m.group(1) in _HAVES or start != i:
            who = _word_before(low, start)
            if who not in _SUBJECTS:
                continue
            start = low.rindex(who, 0, start)
        yield (start, m.end(), None,
               f"grammar: the past tense {m.group(2)!r} after 'have', where edited copy "
               "has a participle (a verb swapped for another of a different form)")


def _adjective_of(adverb: str) -> str | None:
    table = pos_table()
    stem = adverb[:-2]
    for cand in (stem, adverb[:-1], stem[:-1] + "y" if stem.endswith("i") else "", stem + "e",
                 adverb[:-4] if adverb.endswith("ally") else ""):
        if cand and "A" in table.get(cand, ""):
            return cand
    return None


_ARTICLE_ADV_NOUN = re.compile(r"(a|an|the)\s+([a-z]+)\s+([a-z]+)(?![a-z]|[-'\u2019][a-z])")


def adverb_before_noun(low: str, text: str | None = None, pairs=None) -> Iterator[Hit]:
    """"a fully investigation": an adverb where an adjective belongs.

    >>> low = "ordered a fully investigation"
    >>> [(low[s:e], sug) for s, e, sug, _ in adverb_before_noun(low)]
    [('a fully investigation', 'a full investigation')]
    >>> list(adverb_before_noun("a highly visible role and a virtually pollution-free car"))
    []
    """
    for i in _starts(low, "a", pairs):
        m = _ARTICLE_ADV_NOUN.match(low, i)
        if not m or not _noun_only(m.group(3)):
            continue
        det, adv, noun = m.groups()
        adj = _adjective_of(adv)
        suggestion = None
        if adj:
            article = det if det == "the" else ("an" if adj[0] in "aeiou" else "a")
            suggestion = f"{article} {adj} {(text or low)[m.start(3):m.end(3)]}"
        yield (i, m.end(), suggestion,
               f"grammar: the adverb {adv!r} between {det!r} and the noun {noun!r}, where "
               "an adjective belongs (an adjective swapped for an adverb)")


_LET_LIKE = {"allow": "let", "allows": "lets", "allowed": "let", "allowing": "letting",
             "permit": "let", "permits": "lets", "permitted": "let", "permitting": "letting"}
_TO_VERBS = frozenset("""
enable enables enabled enabling force forces forced forcing urge urges urged urging encourage
encourages encouraged encouraging ask asks asked asking order orders ordered want wants
wanted expect expects expected persuade persuaded invite invited require required cause
caused""".split()) | frozenset(_LET_LIKE)


def bare_infinitive(low: str, text: str | None = None, pairs=None) -> Iterator[Hit]:
    """"allow him abuse": "let" swapped for a verb that needs "to".

    >>> low = "we will not allow him mistreat them"
    >>> [(low[s:e], sug) for s, e, sug, _ in bare_infinitive(low)]
    [('allow him mistreat', 'let him mistreat')]
    >>> list(bare_infinitive("they allowed him access and asked us questions"))
    []
    """
    src = text or low
    for i in _starts(low, "b", pairs):
        verb = _word_before(low, i)
        if verb not in _TO_VERBS:
            continue
        m = _NEXT_WORD.match(low, i)
        if not m:
            continue
        start = low.rindex(verb, 0, i)
        rest = src[i:m.end()]
        sug = f"{_LET_LIKE[verb]} {rest}" if verb in _LET_LIKE else \
            f"{src[start:m.end(1)]} to {src[m.start(2):m.end(2)]}"
        yield (start, m.end(), sug,
               f"grammar: {verb!r} takes 'to' before the verb {m.group(2)!r} (a verb that "
               "takes none, such as 'let', swapped for one that does)")


# ", union officials told." : who told whom? Up to six words between the comma or closing
# quote and "told", then the end of the clause.
_TOLD = re.compile(r"[,\u201d\"]\s*((?:[a-z'\u2019-]+\s+){1,6})told\s*[.,;]")
_TOLD_END = re.compile(r"told\s*[.,;]")
# Before "told" these make it passive or idiomatic ("we're told", "all told", "truth be
# told", "a story well told") or a relative clause ("the lie which he told").
_NOT_BARE_TOLD = frozenset("""
which that who whom what as all be been was were is are am being get got gets getting
truth not never we're i'm you're they're he's she's it's weren't wasn't isn't aren't
""".split())


def told_without_object(low: str, text: str | None = None, pairs=None) -> Iterator[Hit]:
    """"..., officials told." where edited copy says "said": "told" needs an object.

    >>> low = "the port was shut, union officials told."
    >>> [(low[s:e], sug) for s, e, sug, _ in told_without_object(low)]
    [('union officials told', 'union officials said')]
    >>> list(told_without_object("it was, we're told, a mistake; all told, ten died."))
    []
    """
    table = pos_table()
    i = low.find("told")
    while i >= 0:
        at, i = i, low.find("told", i + 1)
        if not _TOLD_END.match(low, at):
            continue
        m = next((m for m in _TOLD.finditer(low, max(0, at - 120), at + 6)
                  if m.end(1) == at), None)
        if m is None:
            continue
        folded = [w.replace("\u2019", "'") for w in m.group(1).split()]
        if any(w in _NOT_BARE_TOLD for w in folded):
            continue
        last = folded[-1]
        if last.endswith("ly") or table.get(last) == "R":     # "a story superbly told."
            continue
        yield (m.start(1), at + 4, (text or low)[m.start(1):at] + "said",
               "grammar: 'told' without an object closes the clause, where edited copy "
               "has 'said' (a spinner's synonym for 'said')")


_NUMBER_WORDS = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
                 "7": "seven", "8": "eight", "9": "nine", "ii": "two", "iii": "three",
                 "iv": "four", "vi": "six", "vii": "seven", "viii": "eight", "ix": "nine"}
# "the 2 leaders", "almost ii decades": a small number spelled out in wire copy, which a
# spinner swapped for a "synonym" from the number's thesaurus entry (a digit, a Roman
# numeral). A digit counts only after a determiner ("the 2 leaders"; "2 years ago" is
# house style in many papers), a lower-case Roman numeral anywhere but in a list.
_FIGURE_NOUN = re.compile(r"([a-z0-9]+) ([a-z]+s)\b(?![-'\u2019])")


def number_in_figures(low: str, text: str | None = None, pairs=None) -> Iterator[Hit]:
    """"the 2 leaders", "ii decades": a small number a spinner took out of words.

    >>> low = "the 2 leaders met for the first time in almost ii decades"
    >>> [(low[s:e], sug) for s, e, sug, _ in number_in_figures(low)]
    [('2 leaders', 'two leaders'), ('ii decades', 'two decades')]
    >>> list(number_in_figures("chapter ii. results; 2 years ago; the 2020 vote"))
    []
    """
    table = pos_table()
    for i in _starts(low, "n", pairs):
        if low.startswith(_NUMBER_DETERMINERS, i):      # "the 2 leaders": skip "the "
            i = low.index(" ", i) + 1
        m = _FIGURE_NOUN.match(low, i)
        if not m or m.group(1) not in _NUMBER_WORDS or "N" not in table.get(m.group(2), ""):
            continue
        yield (i, m.end(), f"{_NUMBER_WORDS[m.group(1)]} {(text or low)[m.start(2):m.end()]}",
               f"grammar: the number {m.group(1)!r} before {m.group(2)!r}, where edited "
               "copy spells a small number out (a spinner's swap of the word for a figure)")


# Events that wire copy places "in" a city or country ("talks in Geneva"); a spinner's
# swap of "in" for "at" leaves "a press conference at Moscow".
# The reason's first word: how callers tell this check's hits (only unidiomatic, so scored
# lower than broken grammar) from the others'.
PREPOSITION_REASON = "preposition:"
_EVENTS = ("conference", "talks", "summit", "meeting", "meetings", "briefing", "negotiations")
_PLACE_AFTER = re.compile(r"([A-Z][a-z]+)\b(?![-'\u2019]| +[A-Z]|\.[A-Za-z])")


@lru_cache(maxsize=1)
def _places() -> frozenset:
    """One-word names of the gazetteer's countries and of cities of 500,000 people or more
    (``data/gazetteer``), with their one-word aliases."""
    from ..gazetteer.format import parse_gazetteer

    return frozenset(
        n for name in ("gazetteer/countries.tsv", "gazetteer/cities.tsv")
        for entry in parse_gazetteer(resources.read_text(name), name)
        for n in (entry.canonical, *entry.aliases)
        if n.isalpha() and n[:1].isupper() and n[1:].islower())


def preposition_before_place(low: str, text: str | None = None, pairs=None) -> Iterator[Hit]:
    """"a press conference at Moscow": an event placed with "at" in a city or country,
    where edited copy says "in" (a spinner's swap of one preposition for another).

    A place followed by another capitalised word ("at Camp David", "at Moscow State
    University") or by a possessive ("at Moscow's request") is left alone, as is any
    word that is not a country's or a large city's name ("a meeting at Harvard").

    >>> text = "Lavrov told a press conference at Moscow before the talks."
    >>> [(text[s:e], sug) for s, e, sug, _ in preposition_before_place(text.lower(), text)]
    [('at Moscow', 'in Moscow')]
    >>> t = "a summit at Camp David, talks at Moscow's request, a meeting at Harvard"
    >>> list(preposition_before_place(t.lower(), t))
    []
    """
    if text is None:
        return
    places = _places()
    for i in _starts(low, "p", pairs):
        at = low.index(" at", i) + 1
        m = _PLACE_AFTER.match(text, at + 3)
        if m and text[at + 2:at + 3] == " " and m.group(1) in places:
            yield (at, m.end(), f"in {m.group(1)}",
                   f"{PREPOSITION_REASON} {text[i:m.end()]!r} places an event 'at' a city or "
                   "country, where edited copy says 'in' (a spinner's swap)")


CHECKS = (noun_after_modal, past_after_have, adverb_before_noun, told_without_object,
          bare_infinitive, number_in_figures, preposition_before_place)

# The trigger pairs each check starts from (see _check_of); told_without_object looks
# for "told" itself. A check whose pairs are not in a text cannot find anything there.
_STARTS_FROM = {noun_after_modal: "m", past_after_have: "h", adverb_before_noun: "a",
                bare_infinitive: "b", number_in_figures: "n", preposition_before_place: "p"}

# Checks whose span may hold a name ("..., Smith told."); in the others a capital after
# the first letter means a name ("Will Smith", "May Day", "a vaguely Las Vegas feel").
_NAMES_ALLOWED = frozenset({told_without_object, preposition_before_place})


def _lower_case(text: str, start: int, end: int) -> bool:
    """Is the span lower case, but for a capital that starts a sentence?"""
    if not text[start + 1:end].islower():
        return False
    if not text[start].isupper():
        return True
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j == 0 or text[j - 1] in ".!?\n\"\u201c"


def find_all(low: str, text: str | None = None, pairs: Iterable[str] | None = None
             ) -> list[Hit]:
    """Every check's hits in ``low`` (the lower-cased ``text``), sorted by position.

    ``pairs``: the text's adjacent word pairs
    (:func:`~newsclean.spun.matcher.token_pairs`), if the caller has them.
    """
    text = low if text is None else text
    hits = _hits(low, pairs)          # once for all the checks
    out = []
    for check in CHECKS:
        code = _STARTS_FROM.get(check)
        if code is not None and code not in hits:
            continue
        for hit in check(low, text, hits):
            if check in _NAMES_ALLOWED or _lower_case(text, hit[0], hit[1]):
                out.append(hit)
    return sorted(out)
