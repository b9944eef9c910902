"""Build data/capitalised_words.txt: words that edited English writes capitalised mid-sentence.

A word that is capitalised in most of its mid-sentence occurrences is a name or part of
one ("Dee", "Monica", "Jones"); passes use the list to treat such a word as a possible name
(for instance fix_repeated_words will not collapse "Dee Dee"). Counted over the OANC Slate
articles (open data: see ../shared/corpora/README.md), by default at
../shared/corpora/oanc-slate/slate.jsonl.

    python scripts/build_capitalised_words.py [CORPUS.jsonl] > src/newsclean/data/capitalised_words.txt
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

# A word is listed when it occurs this often mid-sentence and is capitalised in at least
# this share of those occurrences.
MIN_COUNT = 3
MIN_SHARE = 0.8

_TOKEN = re.compile(r"[A-Za-z]+|[.!?:;\"“”‘’()\n—-]")


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared/corpora/oanc-slate/slate.jsonl"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    upper: Counter[str] = Counter()
    total: Counter[str] = Counter()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            prev = "."
            for tok in _TOKEN.findall(text):
                if tok.isalpha():
                    # Only words after a word count: sentence-initial capitals prove nothing.
                    if prev.isalpha() and not tok.isupper():
                        low = tok.lower()
                        total[low] += 1
                        if tok[0].isupper():
                            upper[low] += 1
                prev = tok
    words = sorted(w for w, n in total.items()
                   if n >= MIN_COUNT and upper[w] / n >= MIN_SHARE and len(w) > 1)
    out = sys.stdout
    out.write("# Words written capitalised in at least 80% of their mid-sentence occurrences\n")
    out.write("# (at least 3) in the OANC Slate articles: names or parts of names.\n")
    out.write("# Built by scripts/build_capitalised_words.py; source: Open American National\n")
    out.write("# Corpus, Slate section (open data, free for any use; see README in data/).\n")
    for w in words:
        out.write(w + "\n")


if __name__ == "__main__":
    main()
