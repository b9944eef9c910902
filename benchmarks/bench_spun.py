#!/usr/bin/env python3
"""Throughput of flag_spun_phrases against ftfy.fix_text, and its lexicon-size scaling.

    python benchmarks/bench_spun.py [--mb 2]

1. ``newsclean.analyze(doc, passes=["flag_spun_phrases"])`` and ``ftfy.fix_text(doc)``
   over the same documents of the shared benchmark corpus (corpus.py), timed side by side
   in one run (best of 5, resources loaded first), reported in MB/s and as a ratio.
2. The matcher over the same text with a 1,000-entry and a 100,000-entry lexicon (random
   subsets of the shipped one), time per MB (best of 5 interleaved runs) and the change.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from corpus import news_documents  # noqa: E402


def best_of(fn, n=3):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    args = ap.parse_args(argv)
    import ftfy

    import newsclean
    from newsclean.spun import detect
    from newsclean.spun.lexicon import load_lexicon
    from newsclean.spun.matcher import Matcher

    docs, size = [], 0
    for d in news_documents():
        docs.append(d)
        size += len(d.encode("utf-8"))
        if size >= args.mb * 1e6:
            break
    mb = size / 1e6
    # Load every pass's resources first (the gazetteer too), so that no timed round pays
    # for loading; best of 5 rounds each.
    newsclean.analyze(docs[0], spun_stats=True)
    newsclean.analyze(docs[0])

    t_ftfy = best_of(lambda: [ftfy.fix_text(d) for d in docs], 5)
    t_pass = best_of(lambda: [newsclean.analyze(d, passes=["flag_spun_phrases"])
                              for d in docs], 5)
    t_all = best_of(lambda: [newsclean.analyze(d) for d in docs], 5)
    t_stat = best_of(lambda: [newsclean.analyze(d, passes=["flag_spun_phrases"],
                                                spun_stats=True) for d in docs], 5)
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB")
    print(f"ftfy.fix_text:                 {mb / t_ftfy:7.2f} MB/s")
    print(f"flag_spun_phrases (default):   {mb / t_pass:7.2f} MB/s  "
          f"({t_ftfy / t_pass:.2f}x ftfy)")
    print(f"default pipeline (all passes): {mb / t_all:7.2f} MB/s  "
          f"({t_ftfy / t_all:.2f}x ftfy)")
    print(f"  with spun_stats=True:        {mb / t_stat:7.2f} MB/s  "
          f"({t_ftfy / t_stat:.2f}x ftfy)")

    lex = load_lexicon()
    keys = sorted(lex)
    rng = random.Random(7)
    matchers = {n: Matcher({k: lex[k] for k in rng.sample(keys, min(n, len(keys)))})
                for n in (1_000, 100_000)}
    # Interleaved repeats, best of each: the machine is shared and noisy, and a burst of
    # load during one size's turn must not pass for a size effect.
    best = {n: [float("inf"), float("inf")] for n in matchers}
    for _ in range(5):
        for n, m in matchers.items():
            t = best_of(lambda: [list(m.find(d)) for d in docs], 1)
            t_full = best_of(lambda: [detect.analyse(d, m, stats=False) for d in docs], 1)
            best[n][0] = min(best[n][0], t / mb)
            best[n][1] = min(best[n][1], t_full / mb)
    for n, m in matchers.items():
        print(f"lexicon {len(m):>7} entries: matcher {1000 * best[n][0]:6.1f} ms/MB, "
              f"detection (no stats) {1000 * best[n][1]:6.1f} ms/MB")
    a, b = best[1_000], best[100_000]
    print(f"change 1k -> 100k entries: matcher {100 * (b[0] / a[0] - 1):+.1f}%, "
          f"detection (no stats) {100 * (b[1] / a[1] - 1):+.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
