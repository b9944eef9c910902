"""How much faster does `newsclean clean --jobs 2` clean a large directory than `--jobs 1`?

Builds a directory of news stories (one file per document of the shared benchmark
corpus, see corpus.py; some files get CRLF line ends, some mojibake, so every code path
runs), then times the real command, `python -m newsclean clean DIR -o OUT`, with 1 and 2
jobs, alternating the two so that load from other processes hits both alike. Reports the
best and the median of each, the speed-up, the load average before and after, and checks
that both runs wrote byte-identical trees.

    python benchmarks/bench_cli_parallel.py                # ~25 MB, 3 rounds
    python benchmarks/bench_cli_parallel.py --mb 10 --rounds 5
    python benchmarks/bench_cli_parallel.py --jsonl        # one JSONL corpus file instead
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import news_documents  # noqa: E402


def make_tree(root: Path, mb: float) -> tuple[int, int]:
    docs = news_documents()
    total = files = 0
    i = 0
    while total < mb * 1e6:
        text = docs[i % len(docs)]
        if i % 7 == 3:  # some mojibake, as scraped copy has
            text = text.replace("\u2019", "\u00e2\u20ac\u2122", 3)
        data = text.encode("utf-8")
        if i % 5 == 0:
            data = data.replace(b"\n", b"\r\n")
        sub = root / f"section{i % 16:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"story{i:05d}.txt").write_bytes(data)
        total += len(data)
        files += 1
        i += 1
    return files, total


def make_jsonl(path: Path, mb: float) -> tuple[int, int]:
    """One JSONL corpus file of about ``mb`` MB (the same documents, as records)."""
    docs = news_documents()
    total = n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        while total < mb * 1e6:
            text = docs[n % len(docs)]
            if n % 7 == 3:
                text = text.replace("\u2019", "\u00e2\u20ac\u2122", 3)
            line = json.dumps({"id": n, "text": text}, ensure_ascii=False).encode() + b"\n"
            fh.write(line)
            total += len(line)
            n += 1
    return n, total


def tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def run(src: Path, out: Path, jobs: int, extra: tuple[str, ...] = ()) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system, all processes) of one run."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [sys.executable, "-m", "newsclean", "clean", str(src), "-o", str(out), "-q",
           "--jobs", str(jobs), *extra]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=25.0, help="size of the directory (MB)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jsonl", action="store_true",
                    help="time one JSONL corpus file instead of a directory of stories")
    ap.add_argument("--dir", default="/dev/shm" if os.path.isdir("/dev/shm") else None,
                    help="where to build the trees (default /dev/shm, a RAM disk: on this "
                         "machine's disk, creating files costs ~0.5 ms each and does not "
                         "get faster with more processes, which would hide the CPU work)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_cli_", dir=args.dir) as tmp:
        tmp = Path(tmp)
        if args.jsonl:
            files, size = make_jsonl(tmp / "in" / "corpus.jsonl", args.mb)
            extra: tuple[str, ...] = ("--jsonl",)
            what = "one JSONL file of"
        else:
            files, size = make_tree(tmp / "in", args.mb)
            extra = ()
            what = "tree of"
        print(f"{what} {files} documents in {tmp}, {size / 1e6:.1f} MB; cores available: "
              f"{len(os.sched_getaffinity(0))}")
        load_before = os.getloadavg()
        times: dict[int, list[float]] = {1: [], 2: []}
        cpus: dict[int, list[float]] = {1: [], 2: []}
        digests: dict[int, str] = {}
        run(tmp / "in", tmp / "warm", 1, extra)  # page cache, .pyc files
        for r in range(args.rounds):
            for jobs in ((1, 2) if r % 2 == 0 else (2, 1)):
                wall, cpu = run(tmp / "in", tmp / f"out{jobs}", jobs, extra)
                times[jobs].append(wall)
                cpus[jobs].append(cpu)
                digests[jobs] = tree_digest(tmp / f"out{jobs}")
        load_after = os.getloadavg()
        for jobs, ts in times.items():
            print(f"--jobs {jobs}: best {min(ts):.2f}s, median {statistics.median(ts):.2f}s "
                  f"({size / 1e6 / min(ts):.1f} MB/s)  runs: "
                  + ", ".join(f"{t:.2f}" for t in ts)
                  + f"; CPU s per run (all processes): median {statistics.median(cpus[jobs]):.2f}"
                  + f", i.e. {statistics.median(cpus[jobs]) / statistics.median(ts):.2f} cores "
                  "busy on average")
        print(f"speed-up 2 jobs vs 1: best {min(times[1]) / min(times[2]):.2f}x, median "
              f"{statistics.median(times[1]) / statistics.median(times[2]):.2f}x")
        print(f"identical output: {digests[1] == digests[2]}")
        print("load average (1/5/15 min) before: " + " ".join(f"{x:.2f}" for x in load_before)
              + ", after: " + " ".join(f"{x:.2f}" for x in load_after))


if __name__ == "__main__":
    main()
