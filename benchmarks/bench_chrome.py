"""Speed of strip_site_chrome alone, next to ftfy.fix_text and the whole default pipeline.

    python benchmarks/bench_chrome.py [size_in_chars [rounds]]   # 2,000,000 and 5

All three run on the same text (benchmarks/corpus.py), best of interleaved rounds, in one process, so
the ratios are side by side. Also times the pass on the marked page corpus
(tests/data/chrome, short lines, lots of chrome) repeated to the same size.
"""

from __future__ import annotations

import sys
import time

from corpus import news_corpus
from eval_chrome import load_corpus


def best(fn, text, repeat=3):
    t = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        t = min(t, time.perf_counter() - start)
    return t


def main(argv):
    import ftfy

    import newsclean

    size = int(argv[0]) if argv else 2_000_000
    rounds = int(argv[1]) if len(argv) > 1 else 5
    text = news_corpus(size)
    pages = "\n\n".join(p.text for p in load_corpus())
    page_text = ((pages + "\n\n") * (len(text) // len(pages) + 1))[:len(text)]
    only = dict(passes=["strip_site_chrome"])
    newsclean.clean("warm up", **only)

    mb = len(text) / 1e6
    # Interleaved rounds, best of each: the machine is shared and noisy.
    jobs = {
        "pass": (lambda x: newsclean.analyze(x, **only), text),
        "pages": (lambda x: newsclean.analyze(x, **only), page_text),
        "ftfy": (ftfy.fix_text, text),
        "all": (newsclean.clean, text),
        "without": (lambda x: newsclean.clean(x, skip=["strip_site_chrome"]), text),
    }
    times = {k: float("inf") for k in jobs}
    for _ in range(rounds):
        for k, (fn, x) in jobs.items():
            times[k] = min(times[k], best(fn, x, 1))
    t_pass, t_pages, t_ftfy, t_all, t_without = (times[k] for k in jobs)
    print(f"text: {mb:.2f} MB of news copy (benchmarks/corpus.py)")
    print(f"strip_site_chrome alone:        {mb / t_pass:8.1f} MB/s")
    print(f"  on the chrome page corpus:    {mb / t_pages:8.1f} MB/s")
    print(f"ftfy.fix_text:                  {mb / t_ftfy:8.1f} MB/s")
    print(f"default pipeline:               {mb / t_all:8.1f} MB/s "
          f"({t_ftfy / t_all:.2f}x ftfy.fix_text)")
    print(f"default pipeline without chrome:{mb / t_without:8.1f} MB/s "
          f"({t_ftfy / t_without:.2f}x ftfy.fix_text)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
