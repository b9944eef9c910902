"""Documents per second: serial, a process pool and a Dask LocalCluster, in one run.

    python benchmarks/bench_scale.py [--docs 2000] [--chunk 50] [--rounds 2] [--workers 2]

The same news documents (``corpus.news_documents``) are cleaned in two workloads:

- ``texts``: ``clean_batch`` over chunks of ``--chunk`` documents, the texts shipped to
  the workers and back (the engine moves every byte: its worst case);
- ``shards``: the documents written as ``--shards`` JSONL files, one ``clean_jsonl`` task
  per shard, the workers reading and writing the files (how ``clean_shards`` and
  ``newsclean clean --engine dask`` run: only file names and stats travel);

each one:

- serially, in a process forked before any engine starts (so no scheduler thread shares
  its interpreter), timed inside that process;
- by a ``ProcessPoolExecutor`` (fork) with 1 and with ``--workers`` workers;
- by a ``distributed.LocalCluster`` (worker processes, one thread each, loopback) with 1
  and with ``--workers`` workers.

Engines are started and warmed up (every worker has loaded the passes) before timing: the
figures are the steady state a long job sees; start-up is printed apart. The engine
overhead is measured with ONE worker against serial, where the work is the same and no
second core is needed, so a loaded machine cannot pass its contention off as overhead:
``overhead = (engine time with 1 worker - serial time) / serial time``; and, for every
engine, from the CPU time of this process (client, scheduler) and the engine's own
processes (workers, nannies): ``(engine CPU - serial CPU) / serial CPU``, which contention inflates far less
than wall time. With 2 workers the speed-up shows how much of a second core the machine
could give at the time. Rounds
interleave the engines and the best time of each is kept. Every engine's output is
checked against the serial output.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import news_documents  # noqa: E402

import newsclean  # noqa: E402
from newsclean.batch import clean_batch, clean_jsonl  # noqa: E402


def _warm(_: int) -> int:
    clean_batch(["Warm-up: the caf\u00c3\u00a9\u2019s  \u201cnews\u201d is an  apple."])
    time.sleep(0.2)  # so every worker, not the first one only, gets a warm-up task
    return os.getpid()


def cpu_seconds(pids) -> float:
    """CPU time of this process and of the engine's processes ``pids`` (its workers, and
    for Dask their nannies; the other engines' idle processes are not counted)."""
    import psutil

    total = sum(psutil.Process().cpu_times()[:2])
    for pid in pids:
        try:
            total += sum(psutil.Process(pid).cpu_times()[:2])
        except psutil.NoSuchProcess:
            pass
    return total


def run_pool(pool, fn, tasks):
    return list(pool.map(fn, tasks))


def run_dask(client, fn, tasks):
    return client.gather(client.map(fn, tasks, pure=False))


def shard_task(pair: tuple[str, str]) -> int:
    return clean_jsonl(pair[0], pair[1]).documents


_CHUNKS: list[list[str]] = []  # set before the serial process is forked: it inherits them


def serial_job(fn_name: str, tasks=None):
    """The serial run, inside a process of its own that hosts no engine threads (the
    Dask scheduler and client threads live in the benchmark's main process). Returns its
    wall and CPU time, measured in there, and the outputs."""
    fn = {"clean_batch": clean_batch, "shard_task": shard_task}[fn_name]
    tasks = _CHUNKS if tasks is None else tasks
    c, t = time.process_time(), time.perf_counter()
    out = [fn(x) for x in tasks]
    return time.perf_counter() - t, time.process_time() - c, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--chunk", type=int, default=50)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    import psutil
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    docs = news_documents(args.docs)
    chunks = [docs[i:i + args.chunk] for i in range(0, len(docs), args.chunk)]
    mb = sum(len(d.encode()) for d in docs) / 1e6
    tmp = Path(tempfile.mkdtemp(prefix="bench_scale_"))
    shard_size = -(-len(docs) // args.shards)
    srcs = []
    for i in range(0, len(docs), shard_size):
        p = tmp / "in" / f"part-{i // shard_size:03d}.jsonl"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("".join(json.dumps({"id": i + j, "text": d}) + "\n"
                             for j, d in enumerate(docs[i:i + shard_size])), encoding="utf-8")
        srcs.append(p)
    print(f"{len(docs)} documents ({mb:.1f} MB, {mb * 1e6 / len(docs) / 1e3:.1f} KB each); "
          f"texts: {len(chunks)} tasks of {args.chunk} documents; shards: {len(srcs)} JSONL "
          f"files; newsclean {newsclean.__version__}; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} at start")
    clean_batch(docs[:10])  # warms this process too (and the serial one forked from it)
    _CHUNKS[:] = chunks

    ctx = multiprocessing.get_context("fork")
    engines = {"serial": ProcessPoolExecutor(1, mp_context=ctx)}
    engines["serial"].submit(_warm, 0).result()
    startup = {}
    engine_pids: dict[str, set[int]] = {}
    for w in sorted({1, args.workers}):
        t = time.perf_counter()
        pool = ProcessPoolExecutor(w, mp_context=ctx)
        pids = set(pool.map(_warm, range(4 * w)))
        startup[f"pool{w}"] = time.perf_counter() - t
        assert len(pids) == w, pids
        engines[f"pool{w}"] = pool
        engine_pids[f"pool{w}"] = pids
        t = time.perf_counter()
        cluster = LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=":0",
                               silence_logs=logging.ERROR)
        client = Client(cluster)
        pids = set(client.run(_warm, 0).values())
        startup[f"dask{w}"] = time.perf_counter() - t
        engines[f"dask{w}"] = client
        engine_pids[f"dask{w}"] = pids | {psutil.Process(p).ppid() for p in pids}

    def execute(name, fn, tasks):
        if name.startswith("pool"):
            return run_pool(engines[name], fn, tasks)
        return run_dask(engines[name], fn, tasks)

    wall: dict[tuple[str, str], float] = {}
    cpu: dict[tuple[str, str], float] = {}

    def timed(key, fn, tasks):
        if key[1] == "serial":
            arg = None if fn is clean_batch else tasks
            w, c, out = engines["serial"].submit(serial_job, fn.__name__, arg).result()
            wall[key], cpu[key] = min(wall.get(key, 1e9), w), min(cpu.get(key, 1e9), c)
            return out
        a = (fn, tasks)
        c, t = cpu_seconds(engine_pids[key[1]]), time.perf_counter()
        out = execute(key[1], *a)
        wall[key] = min(wall.get(key, 1e9), time.perf_counter() - t)
        cpu[key] = min(cpu.get(key, 1e9), cpu_seconds(engine_pids[key[1]]) - c)
        return out

    # What each engine burns doing nothing (heartbeats, event loops, monitors): part of its
    # overhead that grows with wall time, so a loaded machine inflates it.
    idle = {}
    for name in engines:
        if name != "serial":
            c = cpu_seconds(engine_pids[name])
            time.sleep(2.0)
            idle[name] = (cpu_seconds(engine_pids[name]) - c) / 2.0

    expected = None
    for _ in range(args.rounds):
        for name in engines:  # interleaved, so a busy spell hits every engine alike
            out = timed(("texts", name), clean_batch, chunks)
            expected = expected or out
            assert out == expected, f"{name}: output differs from serial"
            pairs = [(str(p), str(tmp / name / p.name)) for p in srcs]
            assert sum(timed(("shards", name), shard_task, pairs)) == len(docs)
    for name in engines:
        for p in srcs:
            got = (tmp / name / p.name).read_bytes()
            assert got == (tmp / "serial" / p.name).read_bytes(), f"{name}: {p.name} differs"

    labels = {"serial": "serial (1 process)"}
    for w in sorted({1, args.workers}):
        labels[f"pool{w}"] = f"process pool, {w} worker(s)"
        labels[f"dask{w}"] = f"Dask LocalCluster, {w} w."
    for load in ("texts", "shards"):
        s, sc = wall[(load, "serial")], cpu[(load, "serial")]
        print(f"\n{load:<28}{'docs/s':>8}{'MB/s':>7}{'vs serial':>11}{'CPU s':>7}"
              f"{'CPU +':>8}{'wall +':>8}{'start-up':>10}")
        for name in engines:
            t, c = wall[(load, name)], cpu[(load, name)]
            st = f"{startup[name]:.1f}s" if name in startup else ""
            # wall overhead only where no second core is involved: 1 worker vs serial
            w_over = f"{(t - s) / s * 100:+.1f}%" if name.endswith("1") else ""
            c_over = f"{(c - sc) / sc * 100:+.1f}%" if name != "serial" else ""
            print(f"{labels[name]:<28}{len(docs) / t:>8.0f}{mb / t:>7.2f}{s / t:>10.2f}x"
                  f"{c:>7.2f}{c_over:>8}{w_over:>8}{st:>10}")
    print("\nidle CPU (core-seconds per second, this process included): " + ", ".join(
        f"{labels[n]} {v:.3f}" for n, v in idle.items()))
    print(f"CPU +: engine CPU time (this process, the engine's workers and nannies) over serial's; "
          f"wall +: 1-worker time over serial's.\nload average {os.getloadavg()[0]:.2f} at "
          "the end; every engine's output identical to serial")
    for name, engine in engines.items():
        if name.startswith("pool") or name == "serial":
            engine.shutdown()
        elif name.startswith("dask"):
            cluster = engine.cluster
            engine.close()
            cluster.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
