#!/usr/bin/env python3
"""Time the whole default pipeline on a megabyte of each hostile input of
``tests/test_adversarial.py`` (and strip_site_chrome alone on the hostile pages of
``tests/test_strip_site_chrome.py``), against a megabyte of ordinary copy, and how the cost grows
from a quarter of the input to all of it (linear: about 4x; quadratic: about 16x).

    python benchmarks/bench_adversarial.py [--only NAME]

Best of three per measurement, side by side in one run (the machine is shared).
A pattern that backtracks catastrophically takes hours on 1 MB, so ratios of a few tens
are fine (pure damage records one edit every few characters); growth beyond ~8x is not.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import newsclean  # noqa: E402
from tests.conftest import clean_paragraphs  # noqa: E402
from tests.test_adversarial import ADVERSARIAL, MB  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from tests.test_strip_site_chrome import pathological_pages  # noqa: E402


def best_of(text: str, n: int = 3, **options) -> float:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        newsclean.analyze(text, **options)
        out.append(time.perf_counter() - start)
    return min(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="one input by name")
    args = ap.parse_args(argv)
    base = "\n\n".join(clean_paragraphs()) + "\n\n"
    normal = (base * (MB // len(base) + 1))[:MB]
    newsclean.analyze(normal[:10_000])          # load resources outside the timing
    t_normal = best_of(normal)
    print(f"ordinary copy, 1 MB: {t_normal:.2f} s\n")
    print("| input | 1 MB, s | x ordinary | 1/4 MB, s | growth 1/4 -> 1 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    worst = 0.0
    for name in sorted(ADVERSARIAL):
        if args.only and name != args.only:
            continue
        text = ADVERSARIAL[name]
        full = best_of(text)
        quarter = best_of(text[: MB // 4])
        growth = full / max(quarter, 1e-3)
        worst = max(worst, growth)
        print(f"| {name} | {full:.2f} | {full / t_normal:.1f} | {quarter:.2f} | {growth:.1f} |")
    print(f"\nworst growth: {worst:.1f}x")
    # strip_site_chrome alone on pages that are nothing but what it looks at, against
    # ordinary pages of the same size (150,000 characters)
    from eval_chrome import load_corpus

    size = 150_000
    pages = "\n\n".join(p.text for p in load_corpus())
    ordinary = ((pages + "\n\n") * (size // len(pages) + 1))[:size]

    def chrome(text):
        return best_of(text, passes=["strip_site_chrome"])

    base = chrome(ordinary)
    print(f"\nstrip_site_chrome alone, {size:,} characters; ordinary pages {base:.3f} s\n")
    print("| page | s | x ordinary |")
    print("| --- | ---: | ---: |")
    for name, text in pathological_pages(size).items():
        t = chrome(text)
        print(f"| {name} | {t:.3f} | {t / base:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
