"""Restore misspelt names of people, places and organisations from a gazetteer."""

from __future__ import annotations

import re
import threading
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..gazetteer import Gazetteer, GazetteerError, fold, load
from ..registry import Option, register_pass

# A capitalised word: a capital (Latin-1 or Latin Extended-A), then letters, with inner
# hyphens ("Jean-Pierre") and apostrophes followed by two letters or more ("O'Neill", but
# not the possessive in "Kejriwal’s").
_CAP = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:-[^\W\d_]+|['’][^\W\d_]{2,})*")
# Two all-caps words in a row: the only way an all-caps name can need its case restored.
_CAPS_PAIR = re.compile(r"\b[A-Z]{2,}[ \u00a0]+[A-Z]{2,}\b")
_GAP = frozenset((" ", "\u00a0"))
_INNER_CAP = re.compile(r"[a-z][A-Z]")


def _inflected(folded: str, name: str) -> bool:
    """Is ``folded`` the plural or a possessive of ``name`` (the Camdens, Altmans)?"""
    f = fold(name)
    return folded in (f + "s", f + "es", f + "'s", f + "'")

#: A word (every part of a hyphenated word) at least this frequent in wordfreq's English
#: list (Zipf scale: 1.0 is once per 100 million words, the list's floor) is a known
#: word and never a candidate. benchmarks/bench_gazetteer.py measures the choice.
KNOWN_WORD_ZIPF = 1.0
_MAX_WINDOW = 4


@lru_cache(maxsize=4)
def _word_freqs(min_zipf: float) -> tuple[dict, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en"), 10 ** (min_zipf - 9)


def is_known_word(word: str, min_zipf: float = KNOWN_WORD_ZIPF) -> bool:
    """Is ``word`` (each part of it, if hyphenated) a word of English, per wordfreq?

    >>> is_known_word("Reading"), is_known_word("Kejriawal")
    (True, False)
    """
    freqs, floor = _word_freqs(min_zipf)
    low = word.lower().replace("’", "'")
    if freqs.get(low, 0.0) >= floor:
        return True
    parts = low.split("-")
    return len(parts) > 1 and all(freqs.get(p, 0.0) >= floor for p in parts)


class _Matcher:
    """A gazetteer with the per-token decisions already taken, kept between calls."""

    _MAX_CACHE = 500_000

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.ok: set[str] = set()        # tokens to leave alone, as they appear in text
        self.cands: dict[str, tuple[str, list[tuple[str, int]]]] = {}
        self.lock = threading.Lock()

    def classify(self, token: str) -> tuple[str, list[tuple[str, int]]] | None:
        """None to leave ``token`` alone; else (kind, one-word matches nearest first).

        Kinds: ``variant`` (the same name with other diacritics), ``unknown`` (not a word,
        not a name: a candidate), ``protected`` (a known name that is near a target: only
        flagged).
        """
        gaz = self.gaz
        low = token.lower()
        if low in gaz.known_lower:
            return None
        f = fold(token)
        same = gaz.index.exact([f])
        if same is not None and " " not in same:
            # Only diacritics differ. Marks the canonical form lacks are removed (Sonīpat);
            # a plain spelling of a name written with marks (Sao Paulo) is fine as it is.
            return ("variant", [(same, 0)]) if not token.isascii() else None
        if is_known_word(token):
            return None
        if _INNER_CAP.search(token) and not token.isupper():
            return None  # NYPress, NetanYahoo: a coinage or a pun, not a typo
        matches = [m for m in gaz.match_word(f) if not _inflected(f, m[0])]
        if f in gaz.known_words:
            return ("protected", matches) if matches else None
        return ("unknown", matches)

    def remember(self, tokens: set[str]) -> dict[str, tuple[str, list[tuple[str, int]]]]:
        """Classify the tokens not seen before; return those that are not left alone."""
        new = tokens - self.ok
        if not new:
            return {}
        out = {}
        with self.lock:
            if len(self.ok) + len(self.cands) > self._MAX_CACHE:
                self.ok.clear()
                self.cands.clear()
            for t in new:
                d = self.cands.get(t)
                if d is None:
                    d = self.classify(t)
                    if d is None:
                        self.ok.add(t)
                        continue
                    self.cands[t] = d
                out[t] = d
        return out


@lru_cache(maxsize=8)
def _matcher(paths: tuple[str, ...], default: bool) -> _Matcher:
    return _Matcher(load(paths, default))


def _paths(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, Path)):
        value = [value]
    try:
        paths = tuple(str(Path(v)) for v in value)
    except TypeError:
        raise TypeError(f"gazetteer must be a path or a list of paths, not {value!r}") from None
    for p in paths:
        if not Path(p).is_file():
            raise ValueError(f"gazetteer file not found: {p}")
    return tuple(str(Path(p).resolve()) for p in paths)


def _caps_line(text: str, pos: int) -> bool:
    """Is the line around ``pos`` set in capitals (a headline or a dateline)?"""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _dateline(text: str, start: int, end: int) -> bool:
    """Does an all-caps run at ``start:end`` open its line as a dateline (NEW DELHI: ...)?"""
    if text[text.rfind("\n", 0, start) + 1:start].strip():
        return False
    rest = text[end:end + 40].lstrip()
    return rest[:1] in (":", "(", "—", "–", "-", ",", "/")


def _mid_sentence_caps(text: str, window) -> bool:
    """Is this all-caps name damage rather than house style?

    Yes when the name mixes capitals with ordinary case (``AAM AADMI Party``) or follows a
    lower-case word of its sentence (``BJP and AAM AADMI``). Capitals opening a line or a
    text (``THE WALL STREET JOURNAL editorial page``) are a house style; left alone.
    """
    if any(not t.isupper() for _, _, t in window):
        return True
    before = text[max(0, window[0][0] - 60):window[0][0]].split("\n")[-1].rstrip()
    words = before.split()
    return bool(words) and words[-1][:1].islower()


def _style(word: str, token: str, keep_caps: bool) -> str:
    return word.upper() if keep_caps and token.isupper() else word


def _runs(text: str):
    """Runs of capitalised words separated by single spaces: lists of (start, end, word)."""
    run: list[tuple[int, int, str]] = []
    for m in _CAP.finditer(text):
        s = m.start()
        if run and not (s - run[-1][1] == 1 and text[s - 1] in _GAP):
            yield run
            run = []
        run.append((s, m.end(), m.group()))
    if run:
        yield run


@register_pass(order=600, options=[
    Option("gazetteer", (), "Your own gazetteer files (TSV: canonical, type, aliases, "
           "country; see newsclean.gazetteer.format), used before the shipped one.",
           convert=_paths),
    Option("default_gazetteer", True, "Use the gazetteer shipped with newsclean as well as "
           "your own (False: yours alone).", choices=(True, False)),
    Option("entity_ner", False, "Also take the names an installed spaCy English model finds "
           "as candidates for restore_entities (ignored, with a warning, without one).",
           choices=(True, False)),
])
def restore_entities(ctx) -> None:
    """Restore misspelt names against a gazetteer: ``Kejriawal`` → ``Kejriwal``.

    Candidates are capitalised words and runs of them that are neither English words
    (wordfreq) nor names the gazetteer knows. A candidate within a small edit distance
    (none up to 4 letters, one up to 8, two beyond; a transposition is one edit; case and
    diacritics folded) of exactly one name is rewritten to that name's spelling, in the
    text's case. Multi-word names are matched whole (``Narendar Modi``) and by their
    surname (``Kejriawal``); an all-caps name in running text gets its case back
    (``AAM AADMI Party`` → ``Aam Aadmi Party``); romanisation marks the gazetteer's
    spelling lacks are dropped (``Sonīpat`` → ``Sonipat``).

    Leaves alone: lower-case words (``reading``, ``nice``), every English word, every name
    the gazetteer knows (``Jon``, ``Austria``), names it does not know that are near none of
    its names (``Dattatraya``), all-caps headlines and datelines (kept in capitals). A
    candidate near two names, or a known name near another, is flagged (kind ``entity``)
    rather than changed.

    >>> from newsclean import clean
    >>> clean("AAP convener Kejriawal spoke in Sonīpat.", passes=["restore_entities"])
    'AAP convener Kejriwal spoke in Sonipat.'
    >>> clean("Reading and Nice are towns; reading is nice.", passes=["restore_entities"])
    'Reading and Nice are towns; reading is nice.'
    """
    cfg = ctx.config
    if not cfg.default_gazetteer and not cfg.gazetteer:
        return
    text = ctx.text
    try:
        matcher = _matcher(cfg.gazetteer, cfg.default_gazetteer)
    except GazetteerError:
        raise
    cands = matcher.remember(set(_CAP.findall(text)))
    if cfg.entity_ner:
        _ner_candidates(text, matcher, cands)
    if not cands and _CAPS_PAIR.search(text) is None:
        return
    gaz = matcher.gaz
    for run in _runs(text):
        caps_pair = any(t.isupper() and len(t) > 1 and run[i + 1][2].isupper()
                        and len(run[i + 1][2]) > 1 for i, (_, _, t) in enumerate(run[:-1]))
        if not caps_pair and not any(t in cands for _, _, t in run):
            continue
        _restore_run(ctx, text, run, cands, gaz, caps_pair)


def _restore_run(ctx, text, run, cands, gaz, caps_pair) -> None:
    folded = [fold(t) for _, _, t in run]
    fuzzy = [t in cands and cands[t][0] == "unknown" for _, _, t in run]
    caps_mode = _caps_line(text, run[0][0]) or _dateline(text, run[0][0], run[-1][1])
    done = [False] * len(run)
    n = len(run)
    # Whole names first, longest windows first, each holding a candidate (or all-caps words
    # whose case may need restoring).
    for size in range(min(_MAX_WINDOW, n), 1, -1):
        for a in range(0, n - size + 1):
            b = a + size
            if any(done[a:b]):
                continue
            window = run[a:b]
            has_cand = any(t in cands for _, _, t in window)
            caps = (caps_pair and not caps_mode
                    and sum(t.isupper() and len(t) > 1 for _, _, t in window) >= 2
                    and _mid_sentence_caps(text, window))
            if not has_cand and not caps:
                continue
            matches = gaz.match_span(folded[a:b], fuzzy[a:b])
            if not matches:
                continue
            best = matches[0][1]
            names = sorted({m for m, d in matches if d == best})
            s, e = window[0][0], window[-1][1]
            if len(names) > 1:
                ctx.flag(s, e, "entity", "could be any of several names in the gazetteer",
                         score=0.5, data={"candidates": names, "distance": best})
            else:
                words = _spelling(gaz, names[0], window).split()
                if best == 0 and not caps:
                    continue
                # All-caps words around the name mean the run is set in capitals (a
                # headline inside running text): the name stays in capitals too.
                # (A word repeated just before the name is damage, not capitals.)
                outside = [t for _, _, t in run[:a] + run[b:] if t.isupper() and len(t) > 1]
                if a > 0 and outside and run[a - 1][2] == window[0][2]:
                    outside.remove(window[0][2])
                keep = caps_mode or not caps or bool(outside)
                reason = ("misspelt name, restored from the gazetteer" if best else
                          "all-caps name in running text, case restored from the gazetteer")
                for (ts, te, tok), w in zip(window, words):
                    new = _style(w, tok, keep)
                    if new != tok:
                        ctx.edit(ts, te, new, f"{reason}: {names[0]}")
            for i in range(a, b):
                done[i] = True
    for i, (s, e, tok) in enumerate(run):
        if done[i] or tok not in cands:
            continue
        kind, matches = cands[tok]
        if not matches:
            continue
        best = matches[0][1]
        names = sorted({m for m, d in matches if d == best})
        if kind == "protected" or len(names) > 1:
            why = ("a known name, but near a name of the gazetteer" if kind == "protected"
                   else "could be any of several names in the gazetteer")
            ctx.flag(s, e, "entity", why, suggestion=names[0] if len(names) == 1 else None,
                     score=0.3 if kind == "protected" else 0.5,
                     data={"candidates": names, "distance": best})
            continue
        keep = caps_mode or tok.isupper()
        reason = ("romanisation marks the name is not written with in English"
                  if kind == "variant" else "misspelt name, restored from the gazetteer")
        name = names[0] if kind == "variant" else _spelling(gaz, names[0], [(s, e, tok)])
        ctx.edit(s, e, _style(name, tok, keep), f"{reason}: {name}")


def _spelling(gaz, name: str, window) -> str:
    """The name as the gazetteer spells it, without diacritics if the text uses none."""
    if all(t.isascii() for _, _, t in window):
        return gaz.index.ascii_of.get(name, name)
    return name


def _ner_candidates(text: str, matcher: _Matcher, cands: dict) -> None:
    """Add the names a spaCy English model finds (if one is installed) as candidates."""
    nlp = _spacy_model()
    if nlp is None:
        return
    for ent in nlp(text).ents:
        if ent.label_ in ("PERSON", "GPE", "ORG", "NORP", "LOC"):
            for tok in ent.text.split():
                if tok[:1].isalpha() and tok not in cands and tok not in matcher.ok:
                    d = matcher.classify(tok)
                    if d is not None:
                        cands[tok] = d


@lru_cache(maxsize=1)
def _spacy_model():
    try:
        import spacy

        for name in ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf"):
            try:
                return spacy.load(name, disable=["parser", "lemmatizer"])
            except OSError:
                continue
    except ImportError:
        pass
    warnings.warn("entity_ner=True but no spaCy English model is installed; "
                  "restore_entities uses its own candidates only", RuntimeWarning, stacklevel=3)
    return None
