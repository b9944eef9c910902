#!/usr/bin/env python3
"""Tune spin_score's constants on the dev split of the paired Slate set; report the test split.

    python benchmarks/tune_spin_score.py

The paired set is eval_spun.py's: every held-out Slate document (cut to 250/400/800 words)
against itself spun with the WordNet spinner; even documents are dev, odd ones test. The
article features are computed once; then a small grid over the weights and offsets of
``newsclean.spun.score`` is scored by ROC-AUC on dev only. The best setting's test AUC is
what RESULTS.md may quote. Nothing is written: copy the winner into score.py by hand.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from eval_spun import auc, shared_dir  # noqa: E402
from make_spun_testset import spin  # noqa: E402
from newsclean.passes.flag_spun_phrases import _matcher  # noqa: E402
from newsclean.spun import detect, score  # noqa: E402


def features(text: str) -> dict:
    seen = {}
    real = score.spin_score
    score.spin_score = lambda f: seen.setdefault("f", f) and 0.0
    try:
        detect.analyse(text, _matcher(), stats=False)
    finally:
        score.spin_score = real
    return seen["f"]


def rescore(f: dict, p: dict) -> float:
    """score.spin_score with other constants (a logistic is monotone: return the logit)."""
    cl = lambda x: min(1.0, max(0.0, x))  # noqa: E731
    sq = {"density": cl(f["density"] / p["density_sat"]),
          "attribution": f["attribution"] * cl((f["attributions"] - 1) / 3),
          "pairs": cl(f["pairs"] / 3), "glued": cl(f["glued"] / 3),
          "unseen": cl((f["unseen"] - p["unseen_from"]) / p["unseen_span"]),
          "articles": cl(f["articles"] / p["articles_sat"])}
    w = dict(score.WEIGHTS, density=p["w_density"], unseen=p["w_unseen"],
             articles=p["w_articles"])
    return sum(w[k] * v for k, v in sq.items())


def main() -> int:
    shared = shared_dir()
    if shared is None:
        print("shared/ not found", file=sys.stderr)
        return 1
    with open(shared / "corpora" / "oanc-slate" / "slate.jsonl", encoding="utf-8") as fh:
        held = [json.loads(l) for i, l in enumerate(fh) if i % 10 == 0]
    rng = random.Random(7)          # the same documents and spins as eval_spun.py
    rows = {"dev": ([], []), "test": ([], [])}
    for k, d in enumerate(held):
        text = (d.get("title") or "") + "\n\n" + d["text"]
        text = " ".join(text.split(" ")[:rng.choice([250, 400, 800])])
        spun, _ = spin(text, rng)
        pos, neg = rows["dev" if k % 2 == 0 else "test"]
        pos.append(features(spun))
        neg.append(features(text))

    def split_auc(split, p):
        pos, neg = rows[split]
        return auc([rescore(f, p) for f in pos], [rescore(f, p) for f in neg])

    grid = {"w_density": [2.0, 3.0, 4.0], "density_sat": [0.25, 0.5, 1.0],
            "w_unseen": [1.5, 2.5, 4.0], "unseen_from": [0.2, 0.25, 0.3],
            "unseen_span": [0.1, 0.2, 0.3], "w_articles": [0.0, 0.5, 1.0, 1.5, 2.0],
            "articles_sat": [1.0, 2.0, 3.0]}
    current = {"w_density": score.WEIGHTS["density"], "density_sat": 0.5,
               "w_unseen": score.WEIGHTS["unseen"], "unseen_from": score.UNSEEN_FROM,
               "unseen_span": 0.2, "w_articles": score.WEIGHTS["articles"],
               "articles_sat": score.ARTICLES_SAT}
    results = []
    for values in itertools.product(*grid.values()):
        p = dict(zip(grid, values))
        results.append((split_auc("dev", p), p))
    results.sort(key=lambda r: -r[0])
    print(f"current  dev {split_auc('dev', current):.3f} test {split_auc('test', current):.3f}"
          f"  {current}")
    for a, p in results[:5]:
        print(f"grid     dev {a:.3f} test {split_auc('test', p):.3f}  {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
