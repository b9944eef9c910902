"""Documents per second: serial, a process pool and a Dask LocalCluster, in one run.

    python benchmarks/bench_scale.py [--docs 2000] [--chunk 50] [--rounds 2] [--workers 2]

The same news documents (``corpus.news_documents``) are cleaned by ``clean_batch`` over
chunks of ``--chunk`` documents (one task per chunk):

- serially in this process;
- by a ``ProcessPoolExecutor`` (fork) with 1 and with ``--workers`` workers;
- by a ``distributed.LocalCluster`` (worker processes, one thread each, loopback) with 1
  and with ``--workers`` workers.

Engines are started and warmed up (every worker has loaded the passes) before timing: the
figures are the steady state a long job sees; start-up is printed apart. The engine
overhead is measured with ONE worker against serial, where the work is the same and no
second core is needed, so a loaded machine cannot pass its contention off as overhead:
``overhead = (engine time with 1 worker - serial time) / serial time``. With 2 workers
the speed-up shows how much of a second core the machine could give at the time. Rounds
interleave the engines and the best time of each is kept. Every engine's output is
checked against the serial output.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import news_documents  # noqa: E402

import newsclean  # noqa: E402
from newsclean.batch import clean_batch  # noqa: E402


def _warm(_: int) -> int:
    clean_batch(["Warm-up: the caf\u00c3\u00a9\u2019s  \u201cnews\u201d is an  apple."])
    time.sleep(0.2)  # so every worker, not the first one only, gets a warm-up task
    return os.getpid()


def serial(chunks):
    return [clean_batch(c) for c in chunks]


def pool_run(pool, chunks):
    return list(pool.map(clean_batch, chunks))


def dask_run(client, chunks):
    futures = client.map(clean_batch, chunks, pure=False)
    return client.gather(futures)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--chunk", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    docs = news_documents(args.docs)
    chunks = [docs[i:i + args.chunk] for i in range(0, len(docs), args.chunk)]
    mb = sum(len(d.encode()) for d in docs) / 1e6
    print(f"{len(docs)} documents ({mb:.1f} MB, {mb * 1e6 / len(docs) / 1e3:.1f} KB each), "
          f"{len(chunks)} tasks of {args.chunk}; newsclean {newsclean.__version__}; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    serial(chunks[:1])  # warms this process too
    expected = None

    ctx = multiprocessing.get_context("fork")
    engines = {}
    startup = {}
    for w in sorted({1, args.workers}):
        t = time.perf_counter()
        pool = ProcessPoolExecutor(w, mp_context=ctx)
        pids = set(pool.map(_warm, range(4 * w)))
        startup[f"pool{w}"] = time.perf_counter() - t
        assert len(pids) == w, pids
        engines[f"pool{w}"] = (pool_run, pool)
        t = time.perf_counter()
        cluster = LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=":0",
                               silence_logs=logging.ERROR)
        client = Client(cluster)
        client.run(_warm, 0)
        startup[f"dask{w}"] = time.perf_counter() - t
        engines[f"dask{w}"] = (dask_run, client)

    best: dict[str, float] = {}
    for _ in range(args.rounds):
        t = time.perf_counter()
        out = serial(chunks)
        best["serial"] = min(best.get("serial", 1e9), time.perf_counter() - t)
        expected = expected or out
        for name, (fn, engine) in engines.items():
            t = time.perf_counter()
            out = fn(engine, chunks)
            best[name] = min(best.get(name, 1e9), time.perf_counter() - t)
            assert out == expected, f"{name}: output differs from serial"

    s = best["serial"]
    print(f"\n{'engine':<26}{'docs/s':>9}{'MB/s':>7}{'vs serial':>11}{'start-up':>10}")
    labels = {"serial": "serial (1 process)"}
    for w in sorted({1, args.workers}):
        labels[f"pool{w}"] = f"process pool, {w} worker(s)"
        labels[f"dask{w}"] = f"Dask LocalCluster, {w} w."
    for name in ["serial"] + list(engines):
        t = best[name]
        st = f"{startup[name]:.1f}s" if name in startup else ""
        print(f"{labels[name]:<26}{len(docs) / t:>9.0f}{mb / t:>7.2f}{s / t:>10.2f}x{st:>10}")
    print()
    for kind in ("pool", "dask"):
        over = (best[f"{kind}1"] - s) / s
        print(f"{kind} overhead with 1 worker: {over * 100:+.1f}% of the cleaning time")
    print(f"load average {os.getloadavg()[0]:.2f} at the end; outputs identical to serial")
    for name, (_, engine) in engines.items():
        if name.startswith("pool"):
            engine.shutdown()
        else:
            cluster = engine.cluster
            engine.close()
            cluster.close()


if __name__ == "__main__":
    main()
