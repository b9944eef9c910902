"""``--engine dask``: the same units of work, run on a Dask ``distributed`` cluster.

The command's plan, its JSONL streaming, its in-order output and its report are the ones of
the process pool (:func:`.runner.drain` hands results back in input order); only where a
unit runs changes. ``--scheduler ADDRESS`` uses a running cluster, otherwise a local one
with ``--jobs`` single-threaded worker processes is started for the run. Plain-text files
are read and written by the workers, so on a real cluster the inputs and ``-o`` must be on
a filesystem every worker sees; JSONL records travel to the workers and back.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .discover import UsageError
from .documents import Settings
from .runner import Interrupt, Unit, drain


def work(settings: Settings, kind: str, payload: Any) -> Any:
    """One unit on a Dask worker (a module-level function, so it pickles by name)."""
    from . import runner

    runner._worker_settings, runner._worker_stop = settings, None
    return runner._work(kind, payload)


def run(units: Iterable[Unit], settings: Settings, jobs: int, scheduler: str | None,
        handle: Callable[[Unit, Any], None], interrupt: Interrupt) -> None:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'newsclean[dask]'") from None
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"--scheduler {scheduler}: cannot connect ({exc})") from None
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=":0", host="127.0.0.1")
        client = Client(cluster)
    try:
        workers = max(1, sum(client.nthreads().values()))
        # Settings travel once to each worker, not with every unit.
        [remote_settings] = client.scatter([settings], broadcast=True)
        drain(iter(units),
              lambda u: client.submit(work, remote_settings, u.kind, u.payload, pure=False),
              2 * workers, handle, interrupt)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
