"""Throughput of newsclean's default pipeline and of each pass alone, against ftfy.fix_text.

All timings come from one run on the same corpus (benchmarks/corpus.py: about 5 MB of
curly-quoted news copy, about 1,000 articles), interleaved round by round so that load on
this shared machine hits every contender alike; each figure is the median of the rounds.
Every contender is called once per article, as the CLI and the batch API do (``--whole``
instead hands each one the corpus as a single 5 MB string). Resources (data files,
wordfreq, the gazetteer index) are loaded before timing, as they are once per process in
real use.

    python benchmarks/bench_throughput.py [--size 5000000] [--rounds 5] [--style curly|ascii]
                                          [--whole]

It also measures `import newsclean` in fresh interpreters (median of several).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import news_documents  # noqa: E402


def import_time(runs: int = 7) -> tuple[float, float]:
    """Median seconds for `import newsclean` and for `python -c pass`, fresh processes."""
    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    base = statistics.median(once("pass") for _ in range(runs))
    full = statistics.median(once("import newsclean") for _ in range(runs))
    return full, base


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--size", type=int, default=5_000_000, help="corpus size in characters")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--style", choices=("curly", "ascii"), default="curly")
    ap.add_argument("--whole", action="store_true", help="one call on the whole corpus")
    args = ap.parse_args()

    import ftfy

    import newsclean

    docs = []
    total = 0
    for doc in news_documents(style=args.style):
        docs.append(doc)
        total += len(doc) + 2
        if total >= args.size:
            break
    if args.whole:
        docs = ["\n\n".join(docs)]
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    passes = list(newsclean.Pipeline().names)
    for doc in docs[:50]:
        newsclean.clean(doc[:200_000])  # load every pass's resources once

    def each(fn, **options):
        return lambda: [fn(d, **options) for d in docs]

    contenders = {"ftfy.fix_text": each(ftfy.fix_text),
                  "newsclean default pipeline": each(newsclean.clean)}
    for name in passes:
        contenders[f"  {name} alone"] = each(newsclean.clean, passes=[name])

    times: dict[str, list[float]] = {k: [] for k in contenders}
    for _ in range(args.rounds):
        for name, fn in contenders.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)

    ftfy_s = statistics.median(times["ftfy.fix_text"])
    print(f"corpus: {mb:.2f} MB ({args.style} quotes) in {len(docs)} call(s) each, "
          f"{args.rounds} rounds, medians")
    print(f"{'contender':34} {'s':>7} {'MB/s':>8} {'x ftfy':>7}")
    for name, ts in times.items():
        s = statistics.median(ts)
        print(f"{name:34} {s:7.3f} {mb / s:8.1f} {ftfy_s / s:7.2f}")
    full, base = import_time()
    print(f"import newsclean: {1000 * (full - base):.0f} ms over a bare interpreter "
          f"({1000 * full:.0f} ms vs {1000 * base:.0f} ms, median of 7)")


if __name__ == "__main__":
    main()
