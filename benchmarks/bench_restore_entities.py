"""Speed of the restore_entities pass on news copy, side by side with ftfy.fix_text.

    python benchmarks/bench_restore_entities.py [--size 3000000] [--repeat 3]

Runs, in one process and alternately: ftfy.fix_text on each document, the pass alone
(newsclean.analyze(doc, passes=["restore_entities"])) on each document, the whole default
pipeline, and a plain re.sub as the floor. The gazetteer is loaded before timing (its load time is measured by
bench_gazetteer.py). Prints MB/s, the best of ``--repeat`` runs, and the ratio to ftfy.
Also counts and lists the edits the pass makes on the corpus, which is edited magazine
copy: every edit there is worth a look (``--all-edits``: over the whole corpus).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import news_documents  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=3_000_000, help="characters of corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--all-edits", action="store_true",
                    help="list the edits over the whole corpus, not just the timed part")
    args = ap.parse_args()
    docs, total = [], 0
    for d in news_documents():
        docs.append(d)
        total += len(d)
        if total >= args.size:
            break
    import ftfy

    from newsclean import analyze
    from newsclean.pipeline import Pipeline

    pipe = Pipeline(["restore_entities"])
    pipe.run("Warm up: load the gazetteer, Kejriawal.")
    full = Pipeline()
    full.run("Warm up the default pipeline, Kejriawal.")
    sub = re.compile(r"\s+")
    runs = {
        "ftfy.fix_text": lambda: [ftfy.fix_text(d) for d in docs],
        "restore_entities": lambda: [pipe.run(d) for d in docs],
        f"default pipeline ({len(full.names)} passes)": lambda: [full.run(d) for d in docs],
        "re.sub": lambda: [sub.sub(" ", d) for d in docs],
    }
    best = {k: float("inf") for k in runs}
    for _ in range(args.repeat):
        for name, fn in runs.items():
            t = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t)
    print(f"{len(docs)} documents, {total / 1e6:.1f} MB (best of {args.repeat})")
    for name, dt in best.items():
        print(f"- {name}: {total / dt / 1e6:.1f} MB/s "
              f"({best['ftfy.fix_text'] / dt:.1f}x ftfy.fix_text)")
    # Hostile input: the cost must grow linearly (a quarter of the text, then all of it).
    mb = 1_000_000
    hostile = {"AAM AAM AAM...": "AAM " * (mb // 4),
               "KEJRIAWAL MODI...": "KEJRIAWAL MODI " * (mb // 15),
               "Kejriawal Modi Narendar...": "Kejriawal Modi Narendar " * (mb // 24),
               "Zxqwv Zxqwv...": "Zxqwv " * (mb // 6)}
    for name, text in hostile.items():
        t = time.perf_counter()
        pipe.run(text[: len(text) // 4])
        quarter = time.perf_counter() - t
        t = time.perf_counter()
        pipe.run(text)
        whole = time.perf_counter() - t
        print(f"- hostile 1 MB of {name}: {whole:.2f} s ({quarter:.2f} s for a quarter)")

    from collections import Counter

    edits: Counter = Counter()
    flags = 0
    for d in (news_documents() if args.all_edits else docs):
        r = analyze(d, passes=["restore_entities"])
        edits.update((e.before, e.after) for e in r.edits)
        flags += len(r.flags)
    where = "the whole corpus" if args.all_edits else "this edited copy"
    print(f"- on {where} the pass made {sum(edits.values())} edits and {flags} flags")
    for (before, after), n in edits.most_common():
        print(f"  {n} × {before} → {after}")


if __name__ == "__main__":
    main()
