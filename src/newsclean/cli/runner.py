"""Run tasks in a process pool, hand back their outcomes in input order, stop cleanly.

Work is grouped into batches of whole files (about 1 MB or 64 files each), at most two
batches per worker are in flight (so memory stays bounded however many files there are),
and outcomes are handed back in input order: the output, the report and the messages of a
run with ``--jobs 2`` are exactly those of ``--jobs 1``.

Ctrl-C: the first interrupt stops new work, lets the documents in progress finish (their
writes are atomic) and returns, so the caller can say what was done; a second one aborts at
once. Workers ignore SIGINT (the terminal sends it to the whole process group) and turn the
pool's SIGTERM into ``SystemExit``, which discards their temporary files on the way out.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Sequence

from .documents import Outcome, Settings, Task, process

BATCH_BYTES = 1_000_000
BATCH_FILES = 64


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def batches(tasks: Sequence[Task], max_bytes: int = BATCH_BYTES,
            max_files: int = BATCH_FILES) -> Iterator[list[Task]]:
    """Consecutive tasks grouped into batches of about ``max_bytes`` or ``max_files``."""
    batch: list[Task] = []
    size = 0
    for t in tasks:
        batch.append(t)
        size += t.size
        if size >= max_bytes or len(batch) >= max_files:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class Interrupt:
    """SIGINT handling for a run: the first Ctrl-C asks to stop, the second aborts."""

    def __init__(self, on_first: Callable[[], None] | None = None) -> None:
        self.requested = False
        self._on_first = on_first
        self._event = None
        self._old = None

    def __enter__(self) -> "Interrupt":
        try:
            self._old = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread (e.g. embedded); keep the default
            self._old = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)

    def attach(self, event) -> None:
        self._event = event
        if self.requested:
            event.set()

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        if self._event is not None:
            self._event.set()
        if self._on_first is not None:
            self._on_first()


# -- worker side -----------------------------------------------------------------------

_worker_settings: Settings | None = None
_worker_stop = None


def _init_worker(settings: Settings, stop) -> None:
    global _worker_settings, _worker_stop
    _worker_settings, _worker_stop = settings, stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_term)


def _exit_on_term(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _run_batch(batch: list[Task]) -> list[Outcome | None]:
    assert _worker_settings is not None
    out: list[Outcome | None] = []
    try:
        for task in batch:
            if _worker_stop is not None and _worker_stop.is_set():
                out.append(None)  # not started: the run was interrupted
            else:
                out.append(process(task, _worker_settings))
    except SystemExit as exc:
        # SIGTERM from an abort: unwinding to here has discarded any temporary file. The
        # executor would catch SystemExit and keep the worker alive, so leave now.
        os._exit(exc.code if isinstance(exc.code, int) else 1)
    return out


# -- parent side -----------------------------------------------------------------------


def run(tasks: Sequence[Task], settings: Settings, jobs: int,
        handle: Callable[[Task, Outcome], None], interrupt: Interrupt) -> int:
    """Process ``tasks`` and call ``handle`` with each outcome, in order.

    Returns the number of tasks not started because of an interrupt. A second interrupt
    raises ``KeyboardInterrupt`` after stopping the workers.
    """
    groups = list(batches(tasks))
    if jobs <= 1 or len(groups) <= 1:
        for i, task in enumerate(tasks):
            if interrupt.requested:
                return len(tasks) - i
            handle(task, process(task, settings))
        return 0
    return _run_pool(groups, settings, min(jobs, len(groups)), handle, interrupt)


def _run_pool(groups: Iterable[list[Task]], settings: Settings, jobs: int,
              handle: Callable[[Task, Outcome], None], interrupt: Interrupt) -> int:
    methods = multiprocessing.get_all_start_methods()
    # fork: workers start at once and inherit the loaded passes and resources.
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    if ctx.get_start_method() == "fork":
        _warm_up(settings)
    stop = ctx.Event()
    interrupt.attach(stop)
    not_started = 0
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                               initargs=(settings, stop))
    try:
        pending: deque = deque()
        it = iter(groups)
        while True:
            while not interrupt.requested and len(pending) < 2 * jobs:
                group = next(it, None)
                if group is None:
                    break
                pending.append((group, pool.submit(_run_batch, group)))
            if not pending:
                break
            group, fut = pending.popleft()
            try:
                outcomes = fut.result()
            except Exception as exc:  # a worker died (killed, out of memory...)
                outcomes = [Outcome(path=t.display, output=t.out, size=t.size,
                                    status="error", error_kind="internal",
                                    error=f"worker failed: {type(exc).__name__}: {exc}")
                            for t in group]
            for task, outcome in zip(group, outcomes):
                if outcome is None:
                    not_started += 1
                else:
                    handle(task, outcome)
        for group in it:
            not_started += len(group)
    except KeyboardInterrupt:
        _terminate(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return not_started


def _warm_up(settings: Settings) -> None:
    """Load the passes' lazily loaded code and data once, before forking the workers.

    They then share it (copy-on-write) instead of each loading its own copy.
    """
    from .. import analyze

    try:
        analyze("Warm-up: the caf\u00c3\u00a9\u2019s  \u201cnews\u201d is an  apple "
                "and a egg.\n", **settings.options)
    except Exception:  # a broken option or pass shows up, per document, in the run
        pass


def _terminate(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor has no public terminate() before Python 3.14.
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:  # pragma: no cover - Python 3.14+
        terminate()
        return
    for proc in list(getattr(pool, "_processes", {}).values()):
        try:
            proc.terminate()
        except Exception:  # pragma: no cover
            pass
    for proc in list(getattr(pool, "_processes", {}).values()):
        proc.join(5)
    print("newsclean: aborted", file=sys.stderr)
