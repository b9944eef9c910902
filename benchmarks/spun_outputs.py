#!/usr/bin/env python3
"""Dump flag_spun_phrases' outputs on a fixed set of texts, to hold a speed-up to the old code.

Run it once with the old code and once with the new, then compare the two files:

    PYTHONPATH=/path/to/old/src python benchmarks/spun_outputs.py old.jsonl
    python benchmarks/spun_outputs.py new.jsonl --compare old.jsonl

Texts: every OANC Slate document (../shared/corpora/oanc-slate/slate.jsonl) as it is and
with curly quotes (benchmarks/corpus.py), the Slate documents joined 60 at a time (long
texts: the matcher's chunked path), benchmarks/data/spun_news.jsonl, the articles of
benchmarks/data/clean_news.txt and the file whole, and ../shared/seeds/*.txt. Each text
goes through ``newsclean.analyze`` three ways: the pass alone, the default pipeline
(fix_articles hands the pass its a/an count; earlier passes change the text), and the pass
alone with ``spun_stats=True``. One JSON line per text and way: ``Result.to_dict()``.
The shared folder is ``../shared`` beside the repository or ``$NEWSCLEAN_SHARED``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# ../shared beside the repository, as in CI; NEWSCLEAN_SHARED overrides it.
SHARED = Path(os.environ.get("NEWSCLEAN_SHARED") or HERE.parent.parent / "shared")


def texts():
    from corpus import curly

    slate = []
    with open(SHARED / "corpora" / "oanc-slate" / "slate.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            title = rec.get("title") or ""
            slate.append((title + "\n\n" if title else "") + rec["text"])
    for i, doc in enumerate(slate):
        yield f"slate/{i}", doc
        yield f"slate-curly/{i}", curly(doc)
    for i in range(0, len(slate), 60):
        yield f"slate-joined/{i}", curly("\n\n".join(slate[i:i + 60]))
    with open(HERE / "data" / "spun_news.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield f"spun/{rec['id']}", rec["text"]
    clean = (HERE / "data" / "clean_news.txt").read_text(encoding="utf-8")
    yield "clean/whole", clean
    for i, part in enumerate(clean.split("\n=== ")):
        yield f"clean/{i}", part
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        yield f"seed/{path.name}", path.read_text(encoding="utf-8")


WAYS = {"alone": {"passes": ["flag_spun_phrases"]},
        "pipeline": {},
        "stats": {"passes": ["flag_spun_phrases"], "spun_stats": True}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("out", help="JSON lines file to write")
    ap.add_argument("--compare", help="an earlier run's file: report the differences")
    args = ap.parse_args(argv)
    import newsclean

    print(f"newsclean from {Path(newsclean.__file__).parent}", file=sys.stderr)
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for name, text in texts():
            for way, options in WAYS.items():
                r = newsclean.analyze(text, **options).to_dict()
                out.write(json.dumps({"id": f"{way}:{name}", "result": r},
                                     ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
    print(f"{n} results written to {args.out}", file=sys.stderr)
    if not args.compare:
        return 0
    with open(args.compare, encoding="utf-8") as a, open(args.out, encoding="utf-8") as b:
        old, new = a.readlines(), b.readlines()
    if len(old) != len(new):
        print(f"different numbers of results: {len(old)} vs {len(new)}")
        return 1
    diffs = [json.loads(x)["id"] for x, y in zip(old, new) if x != y]
    flags = sum(len(json.loads(x)["result"]["flags"]) for x in new)
    print(f"{len(new)} results ({flags} flags): {len(diffs)} differ")
    for d in diffs[:20]:
        print("  differs:", d)
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main())
