"""Throughput of newsclean's default pipeline and of each pass alone, against ftfy.fix_text.

All timings come from one run on the same corpus (benchmarks/corpus.py: about 5 MB of
curly-quoted news copy), interleaved round by round so that load on this shared machine
hits every contender alike; each figure is the median of the rounds. Resources (data
files, wordfreq) are loaded before timing, as they are once per process in real use.

    python benchmarks/bench_throughput.py [--size 5000000] [--rounds 5] [--style curly|ascii]

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

from corpus import news_corpus  # noqa: E402


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
    args = ap.parse_args()

    import ftfy

    import newsclean

    text = news_corpus(args.size, style=args.style)
    mb = len(text.encode("utf-8")) / 1e6
    passes = list(newsclean.Pipeline().names)
    newsclean.clean(text[:200_000])  # load every pass's resources once
    contenders = {"ftfy.fix_text": lambda: ftfy.fix_text(text),
                  "newsclean default pipeline": lambda: newsclean.clean(text)}
    for name in passes:
        contenders[f"  {name} alone"] = (lambda n: lambda: newsclean.clean(text, passes=[n]))(name)

    times: dict[str, list[float]] = {k: [] for k in contenders}
    for _ in range(args.rounds):
        for name, fn in contenders.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)

    ftfy_s = statistics.median(times["ftfy.fix_text"])
    print(f"corpus: {mb:.2f} MB ({args.style} quotes), {args.rounds} rounds, medians")
    print(f"{'contender':34} {'s':>7} {'MB/s':>8} {'x ftfy':>7}")
    for name, ts in times.items():
        s = statistics.median(ts)
        print(f"{name:34} {s:7.3f} {mb / s:8.1f} {ftfy_s / s:7.2f}")
    full, base = import_time()
    print(f"import newsclean: {1000 * (full - base):.0f} ms over a bare interpreter "
          f"({1000 * full:.0f} ms vs {1000 * base:.0f} ms, median of 7)")


if __name__ == "__main__":
    main()
