"""Make the indefinite article agree with the sound of the next word ("an dissident")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import methodcaller

from ..registry import register_pass
from ..resources import tsv_rows

# An article and the start of the word after it, where they may disagree. Most articles
# agree in ways a pattern can see ("a" before b, c, d...; "an" before a, i), so those are
# not matched at all. In one pattern: [aA] +[aeiouhxAEIOUHX0-9] or [aA][nN] +[^aiAI\s].
# It is split by the article's first letter: a pattern that starts with one literal letter
# lets the regex engine skip ahead at C speed (2-3x faster on news copy than a leading
# character class), and the two runs are merged back in order. No look-behind either:
# that the article starts a word is checked on the hits, and the word itself is then read
# with a second, anchored pattern.
_ARTICLE_LOWER = re.compile(r"a\x20+[aeiouhxAEIOUHX0-9]|a[nN]\x20+[^aiAI\s]")
_ARTICLE_UPPER = re.compile(r"A\x20+[aeiouhxAEIOUHX0-9]|A[nN]\x20+[^aiAI\s]")
_WORD_AFTER = re.compile(r"(a|A|an|An|AN)\x20+([^\W_][\w'\u2019.\-]*)")

_START = methodcaller("start")
_HEAD_SPLIT = re.compile(r"[-.'\u2019]")  # "X-ray" -> "X", "U.S." -> "U"

VOWEL, CONSONANT = "vowel", "consonant"
# Letters whose English names start with a vowel sound: "an F", "an MP", "an NGO", "an X-ray".
_VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")
# "u" words not listed as "yoo" words that are safe to call vowel-initial: un-, up-, ug-...
_VOWEL_U_PREFIXES = ("un", "up", "ug", "um", "ult", "ush", "utt", "udd", "urg", "urb", "ump",
                     "ud", "ulc", "ulster")
_GERMAN_AFTER_AN = frozenset({"der", "die", "das", "dem", "den"})
# Words an article never precedes: "A or NC-17?" is a rating, not an article.
_NOT_AFTER_ARTICLE = frozenset(
    "a an the or and nor but is are was were be been of in on at to as by for from with "
    "than that "
    "which who whom whose if when while because so".split()
)
# What may follow the word for the match to be a whole word ("f**k" is not "f").
_WORD_END = frozenset(" \t\n\r,.;:!?)]\u201d\u2019\"'\u2014\u2013/")
_SENTENCE_START = frozenset('.!?:;\u201c\u2018"(\n\u2014\u2013')
# A lower-case word must be at least this common in English (wordfreq Zipf scale) before
# its article is changed: a rare or foreign word may be read in a way we cannot know.
_KNOWN_ZIPF = 2.0
# A capitalised word rarer than this (Zipf) is taken for a name: the spelling exceptions
# of data/articles.tsv describe English words ("European", "one-off"), not names from other
# languages ("Euler", "Oneida", "Onehunga", "Ewe" the people), and "A" before such a name
# may be an initial ("A Arumugam", the South Indian initial-first style).
_COMMON_ZIPF = 3.0
# A lone lower-case letter other than "a"/"i" (not part of "e-mail", "p.m.", "don't"):
# a sentence that uses letters as symbols ("if a equals b") may use "a" as one too.
_LONE_LETTER = re.compile(r"(?<![\w'\u2019.\-])[b-hj-z](?![\w'\u2019\-]|\.\w)")
_SENTENCE_END = re.compile(r"[.!?]\s")
# An option list: a line that starts with "B" and a space, a bracket or a stop.
_B_OPTION = re.compile(r"B[ .)]")
#: Where fix_articles leaves the number of disagreements it found, for later passes.
SHARED_COUNT = "fix_articles.disagreements"


@dataclass(frozen=True)
class _Rules:
    consonant_prefixes: tuple[str, ...]
    vowel_prefixes: tuple[str, ...]
    vowel_exceptions: tuple[str, ...]
    either: frozenset[str]
    acronyms: dict


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    groups: dict[str, list[str]] = {}
    for row in tsv_rows("articles.tsv"):
        groups.setdefault(row[0], []).append(row[1])
    acronyms = {w: VOWEL for w in groups.get("acronym_vowel", ())}
    acronyms.update({w: CONSONANT for w in groups.get("acronym_consonant", ())})
    return _Rules(
        tuple(groups.get("consonant_prefix", ())),
        tuple(groups.get("vowel_prefix", ())),
        tuple(groups.get("vowel_exception", ())),
        frozenset(groups.get("either", ())),
        acronyms,
    )


def _number_sound(word: str) -> str:
    """'an 8', 'an 18-year-old', 'an 11,000', 'an 1800s'; 'a 1990s', 'a 100', 'a 110'."""
    lead = ""
    for ch in word:
        if ch.isdigit() or ch == ",":
            lead += ch
        else:
            break
    if lead.startswith("8"):
        return VOWEL
    group = lead.split(",")[0] if "," in lead else lead
    # "eleven"/"eighteen" are read aloud when the leading group has 2 digits (11, 18,000),
    # or for 4-digit years (1800s) and 5- or 8-digit figures written without separators.
    if group[:2] in ("11", "18") and (len(group) == 2 or ("," not in lead and
                                                          len(group) in (4, 5, 8))):
        return VOWEL
    return CONSONANT


# A capital after the first letter in a word that is not all capitals (MoU, mRNA, iPhone,
# eBay), and a short run of letters joined to a number (Su-35, MiG-29, F-16 aside, which
# the one-letter rule reads): how such words are said is no business of spelling rules.
_MIXED_CASE = re.compile(r"(?=.*[a-z])\w+?[A-Z]")
_LETTERS_AND_NUMBER = re.compile(r"[A-Za-z]{2,3}-?\d")


def sound_of(word: str) -> str | None:
    """Does ``word`` start with a vowel or a consonant sound? None when unsure.

    >>> [sound_of(w) for w in ("hour", "university", "European", "MP", "UN", "NATO",
    ...                        "18-year-old", "1990s", "dissident", "one-off", "X-ray")]
    ['vowel', 'consonant', 'consonant', None, None, 'consonant', 'vowel', 'consonant', \
'consonant', 'consonant', 'vowel']
    """
    if not word:
        return None
    if word[0].isdigit():
        return _number_sound(word)
    rules = _rules()
    head = _HEAD_SPLIT.split(word, maxsplit=1)[0]
    if len(head) == 1 and (len(word) == 1 or word[1] in "-.'\u2019"):
        # A letter by its name: "an F grade", "a U-turn", "an X-ray", "an e-mail".
        return VOWEL if head.upper() in _VOWEL_LETTER_NAMES else CONSONANT
    letters = word.replace(".", "")
    if _MIXED_CASE.match(head) or _LETTERS_AND_NUMBER.match(word):
        # Read letter by letter, or in ways a spelling cannot tell: "an MoU", "an mRNA",
        # "an Su-35" (ess-you), "a iPhone" is as unsure as "an iPhone"
        return None
    if len(head) >= 2 and head.isupper() and head.isalpha() or (
            letters.isupper() and letters.isalpha() and len(letters) >= 2):
        acronym = head if head.isupper() else letters
        # Only acronyms whose reading is known: "NYT" may be read "New York Times" ("a NYT
        # editorial"), so letter names alone do not decide. "an MP" and "a UN official"
        # are therefore kept as written, and so is "a MP".
        return rules.acronyms.get(acronym)
    low = word.lower()
    if low.rstrip("'\u2019s") in rules.either or low in rules.either:
        return None
    exception = None
    if low.startswith(rules.vowel_prefixes) or low.startswith(rules.vowel_exceptions):
        exception = VOWEL
    elif low.startswith(rules.consonant_prefixes):
        exception = CONSONANT
    if exception is not None:
        if word[0].isupper() and not _is_common(head.lower()):
            return None  # a name: "an Euler diagram", "an Oneida County court"
        return exception
    first = low[0]
    if first in "aeio":
        return VOWEL
    if first == "u":
        return VOWEL if low.startswith(_VOWEL_U_PREFIXES) else None
    if not first.isalpha() or not any(v in low for v in "aeiouy"):
        return None  # "mp3", "fbi" written in lower case: read letter by letter
    if first == "y" and low[1:2] in ("t", "l") or first == "x":
        return None  # yttrium, ylang-ylang; Xmas, xenon
    if first == "h" and word[0].isupper():
        return None  # a name's h may be silent (Hermès)
    return CONSONANT


@lru_cache(maxsize=8192)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _is_english(word: str) -> bool:
    return _zipf(word) >= _KNOWN_ZIPF


def _is_common(word: str) -> bool:
    return _zipf(word) >= _COMMON_ZIPF


@register_pass(order=500, line_local=True)
def fix_articles(ctx) -> None:
    """Make ``a``/``an`` agree with the sound of the word that follows.

    Repairs ``an dissident`` → ``a dissident``, ``a apple`` → ``an apple``, with the
    sound-based exceptions kept in ``data/articles.tsv``: ``an hour``, ``an honest``,
    ``a university``, ``a European``, ``a one-off``, ``an MP``, ``an FIR``, ``an NGO``,
    ``a UN official``, ``a NATO summit``, ``an 18-year-old``, ``a 1990s``...

    Leaves alone: words that take either article (``an historic``, ``a herb``), words it
    cannot be sure how to say (rare or foreign words, "u" words not listed, lower-case
    acronyms, names the spelling exceptions do not cover: ``an Euler diagram``, ``an
    Oneida County court``), "A" that is a label (``Plan A``, ``vitamin A``, an answer list's
    ``A Italy`` above ``B France``) or an initial (``A Arumugam``), "An" before a name
    (``An Nguyen``), "a" in a sentence that uses letters as symbols (``if a equals b``) or
    after a foreign word (``Vamos a Italia``), German "an der", and all-capitals headlines.

    >>> from newsclean import clean
    >>> clean("It was an dissident, a apple, an hour, a university and an MP.",
    ...       passes=["fix_articles"])
    'It was a dissident, an apple, an hour, a university and an MP.'
    """
    found = list(disagreements(ctx.text))
    # The first run sees the whole text (later ones only the lines other passes changed):
    # its count is what flag_spun_phrases' spin score reads, so that it need not look again.
    ctx.shared.setdefault(SHARED_COUNT, len(found))
    for start, end, new, reason in found:
        ctx.edit(start, end, new, reason)


def disagreements(text: str):
    """Yield ``(start, end, article it should be, reason)`` for every ``a``/``an`` in
    ``text`` that disagrees with the next word's sound, as :func:`fix_articles` sees them.

    >>> [t[2] for t in disagreements("an dissident and a apple")]
    ['a', 'an']
    """
    for hit in _article_hits(text):
        start = hit.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'\u2019-"):
            continue  # the letters end a longer word ("Obama an...", "Ghana a...")
        m = _WORD_AFTER.match(text, start)
        if m is None:
            continue
        art, word = m.group(1), m.group(2).rstrip(".'\u2019-")
        if not word or art == "AN" or word.lower() in _NOT_AFTER_ARTICLE:
            continue  # "AN" only appears in all-capitals headlines
        if m.end() < len(text) and text[m.end()] not in _WORD_END:
            continue
        at_sentence_start = _at_sentence_start(text, start)
        if art == "A" and not at_sentence_start:
            continue  # "Plan A", "vitamin A", "Class A shares"
        want = sound_of(word)
        if want is None:
            continue
        has_n = art.lower() == "an"
        if (want == VOWEL) == has_n:
            continue
        if not _safe_to_change(text, start, art, word, want, at_sentence_start):
            continue
        new = _recase(art, "an" if want == VOWEL else "a")
        yield start, start + len(art), new, f"{new!r} before a {want} sound ({word!r})"


def _article_hits(text: str) -> list:
    """The matches of the one-pattern article scan in ``text``, from its two halves."""
    hits = list(_ARTICLE_LOWER.finditer(text))
    upper = list(_ARTICLE_UPPER.finditer(text))
    if not upper:                   # most texts: no capital "A" before a vowel
        return hits
    out, last = [], 0
    for hit in sorted(hits + upper, key=_START):
        if hit.start() >= last:     # one scan would have stepped over a hit inside another
            last = hit.end()
            out.append(hit)
    return out


def _at_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_START


def _safe_to_change(text: str, start: int, art: str, word: str, want: str,
                    at_sentence_start: bool) -> bool:
    if word.isupper() and len(word) > 1 and art.isupper():
        # "A UN" at a sentence start is fine, but an all-capitals headline is not prose.
        nxt = text[start:].split(None, 3)[2:3]
        if nxt and nxt[0].isupper() and len(nxt[0]) > 1:
            return False
    if art == "a" and _letters_as_symbols(text, start):
        return False  # "if a equals b": a variable, not an article
    if art == "A" and _option_label(text, start):
        return False  # "Which country won?\nA Italy\nB France": an answer's label
    prev_word = text[max(0, start - 40) : start].split()[-1:] if start else []
    if prev_word:
        prev_word = [prev_word[0].lstrip("\"'\u201c\u2018([")]
    if word[0].isupper() and not word.isupper():
        if art == "An":
            return False  # "An Nguyen", "An Lushan": a name, not an article
        if word[0] == "U":
            return False  # "an Uber", "a Ukrainian": names' u varies
        if art == "a" and not at_sentence_start and prev_word and prev_word[0][-1:].isalpha() \
                and (prev_word[0][:1].isupper() or not _is_english(prev_word[0].lower())):
            # "Ponte a Moriano": part of a name; "Vamos a Italia", "apoyo a Illa": the
            # Romance preposition "a" before a name, in a foreign phrase.
            return False
        if art == "A" and want == VOWEL and not _is_common(
                _HEAD_SPLIT.split(word, maxsplit=1)[0].lower()):
            return False  # "A Arumugam": an initial before a name, not an article
        return True
    if word[0].isalpha() and word.islower():
        if art.lower() == "an" and word in _GERMAN_AFTER_AN:
            return False
        if prev_word and prev_word[0][:1].isupper() and not at_sentence_start and \
                art == "an" and prev_word[0][-1:].isalpha():
            return False  # "Frankfurt an der Oder"
        return _is_english(word.split("-")[0].strip("'\u2019"))
    return True


def _line_bounds(text: str, start: int) -> tuple[int, int]:
    end = text.find("\n", start)
    return text.rfind("\n", 0, start) + 1, len(text) if end < 0 else end


def _letters_as_symbols(text: str, start: int) -> bool:
    """Does the sentence around ``start`` use a lone letter as a symbol ("a equals b")?"""
    line_start, line_end = _line_bounds(text, start)
    begin = line_start
    for m in _SENTENCE_END.finditer(text, line_start, start):
        begin = m.end()
    m = _SENTENCE_END.search(text, start, line_end)
    return _LONE_LETTER.search(text, begin, m.start() + 1 if m else line_end) is not None


def _option_label(text: str, start: int) -> bool:
    """Is the "A" at ``start`` the first label of a lettered list (next line "B ...")?"""
    line_start, line_end = _line_bounds(text, start)
    return line_start == start and _B_OPTION.match(text, line_end + 1) is not None


def _recase(old: str, new: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[0].isupper():
        return new[0].upper() + new[1:]
    return new
