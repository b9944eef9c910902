"""Run units of work in a process pool, hand back their results in order, stop cleanly.

A :class:`Unit` is a batch of whole plain-text files (about 1 MB or 64 files), a batch of
JSONL lines, or a step the main process does itself (``local``). Units are pulled lazily
from the caller's iterator, at most two per worker are in flight (so memory stays bounded
however large the input), and results are handed back in input order: the output, report
and messages of ``--jobs 2`` are exactly those of ``--jobs 1``.

Ctrl-C: the first interrupt stops new work, lets the documents in progress finish (their
writes are atomic) and returns, so the caller can say what was done; a second one aborts at
once. Workers ignore SIGINT (the terminal sends it to the whole process group) and turn the
pool's SIGTERM into ``SystemExit``, which discards their temporary files on the way out.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

from .documents import Outcome, Settings, Task, process, process_lines

BATCH_BYTES = 1_000_000
BATCH_FILES = 64


@dataclass
class Unit:
    """``kind`` is ``files`` (payload: list of Task), ``lines`` (payload: LineBatch) or
    ``local`` (payload: anything; handled by the main process, in order). ``ctx`` stays in
    the main process."""

    kind: str
    payload: Any
    ctx: Any = None


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
        self._old_term = None

    def __enter__(self) -> "Interrupt":
        try:
            self._old = signal.signal(signal.SIGINT, self._handle)
            # SIGTERM (kill, a CI timeout) aborts at once, but still cleans up.
            self._old_term = signal.signal(signal.SIGTERM, self._terminate)
        except ValueError:  # not the main thread (e.g. embedded); keep the defaults
            self._old = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)
            signal.signal(signal.SIGTERM, self._old_term)

    def _terminate(self, signum, frame) -> None:
        self.requested = True
        if self._event is not None:
            self._event.set()
        raise KeyboardInterrupt

    def is_set(self) -> bool:  # quacks like an Event for in-process runs
        return self.requested

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
_worker_stop: Any = None


def _init_worker(settings: Settings, stop) -> None:
    global _worker_settings, _worker_stop
    _worker_settings, _worker_stop = settings, stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_term)


def _exit_on_term(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _work(kind: str, payload: Any) -> Any:
    """Do one unit; ``None`` (or ``None`` per file) for what an interrupt kept from starting."""
    settings = _worker_settings
    assert settings is not None
    stopped = _worker_stop is not None and _worker_stop.is_set()
    if kind == "lines":
        return None if stopped else process_lines(payload, settings)
    out: list[Outcome | None] = []
    for task in payload:
        if _worker_stop is not None and _worker_stop.is_set():
            out.append(None)
        else:
            out.append(process(task, settings))
    return out


def _work_in_pool(kind: str, payload: Any) -> Any:
    try:
        return _work(kind, payload)
    except SystemExit as exc:
        # SIGTERM from an abort: unwinding to here has discarded any temporary file. The
        # executor would catch SystemExit and keep the worker alive, so leave now.
        os._exit(exc.code if isinstance(exc.code, int) else 1)


# -- parent side -----------------------------------------------------------------------


def run(units: Iterable[Unit], settings: Settings, jobs: int,
        handle: Callable[[Unit, Any], None], interrupt: Interrupt) -> None:
    """Do ``units`` and call ``handle(unit, result)`` for each, in order.

    Stops pulling units once an interrupt is requested. A second interrupt raises
    ``KeyboardInterrupt`` after stopping the workers.
    """
    it = iter(units)
    head: list[Unit] = []
    if jobs > 1:
        # A pool costs a fork per worker: only worth it with two units of work or more.
        for unit in it:
            head.append(unit)
            if sum(u.kind != "local" for u in head) >= 2:
                break
    stream = itertools.chain(head, it)
    if jobs <= 1 or sum(u.kind != "local" for u in head) < 2:
        global _worker_settings, _worker_stop
        _worker_settings, _worker_stop = settings, interrupt
        for unit in stream:
            if interrupt.requested:
                break
            handle(unit, None if unit.kind == "local" else _work(unit.kind, unit.payload))
        return
    _run_pool(stream, settings, jobs, handle, interrupt)


class _Pool:
    """A process pool that is started again when a worker dies.

    A worker killed from outside (the OOM killer, ``kill -9``) breaks a
    ``ProcessPoolExecutor`` for good: every future in flight fails with
    ``BrokenProcessPool`` (:func:`drain` reports those units as failed) and so does every
    later ``submit``. The next submit then gets a fresh pool, so the rest of the run goes on.
    """

    def __init__(self, ctx, jobs: int, settings: Settings, stop) -> None:
        self.ctx, self.jobs, self.settings, self.stop = ctx, jobs, settings, stop
        self.restarts = 0
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=self.ctx, initializer=_init_worker,
                                   initargs=(self.settings, self.stop))

    def submit(self, unit: Unit):
        try:
            return self.pool.submit(_work_in_pool, unit.kind, unit.payload)
        except BrokenProcessPool:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.restarts += 1
            print("newsclean: a worker process died (killed, or out of memory?); the "
                  "work it had in hand is reported as failed; starting new workers",
                  file=sys.stderr, flush=True)
            self.pool = self._new()
            return self.pool.submit(_work_in_pool, unit.kind, unit.payload)


def _run_pool(units: Iterator[Unit], settings: Settings, jobs: int,
              handle: Callable[[Unit, Any], None], interrupt: Interrupt) -> None:
    methods = multiprocessing.get_all_start_methods()
    # fork: workers start at once and inherit the loaded passes and resources.
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    if ctx.get_start_method() == "fork":
        _warm_up(settings)
    stop = ctx.Event()
    interrupt.attach(stop)
    pool = _Pool(ctx, jobs, settings, stop)
    try:
        drain(units, pool.submit, 2 * jobs, handle, interrupt)
    except KeyboardInterrupt:
        _terminate(pool.pool)
        raise
    finally:
        pool.pool.shutdown(wait=True, cancel_futures=True)


def drain(units: Iterator[Unit], submit: Callable[[Unit], Any], capacity: int,
          handle: Callable[[Unit, Any], None], interrupt: Interrupt) -> None:
    """Submit units (at most ``capacity`` in flight) and handle their results in order.

    ``submit(unit)`` returns a future (anything with ``result()``): a process pool's, or a
    Dask cluster's (see :mod:`.dask_engine`).
    """
    pending: deque = deque()
    in_flight = 0
    while True:
        while not interrupt.requested and in_flight < capacity:
            unit = next(units, None)
            if unit is None:
                break
            if unit.kind == "local":
                pending.append((unit, None))
            else:
                pending.append((unit, submit(unit)))
                in_flight += 1
        if not pending:
            break
        unit, fut = pending.popleft()
        if fut is None:
            handle(unit, None)
            continue
        in_flight -= 1
        try:
            result = fut.result()
        except Exception as exc:  # a worker died (killed, out of memory...)
            result = _worker_failed(unit, exc)
        handle(unit, result)


def _worker_failed(unit: Unit, exc: BaseException) -> Any:
    if isinstance(exc, BrokenProcessPool):
        message = ("not processed: a worker process died (killed, or out of memory?) "
                   "while this was in progress; run it again")
    else:
        message = f"worker failed: {type(exc).__name__}: {exc}"
    if unit.kind == "lines":
        b = unit.payload
        return Outcome(path=b.path, output=b.output, partial=True, status="error",
                       error_kind="internal", error=message)
    if isinstance(exc, BrokenProcessPool):
        for t in unit.payload:
            if t.out not in (None, "-"):
                _remove_orphan_temps(t.out)
    return [Outcome(path=t.display, output=t.out, size=t.size, status="error",
                    error_kind="internal", error=message) for t in unit.payload]


def _remove_orphan_temps(out: str) -> None:
    """Remove the temporary files of ``out`` (and of its backup) left by a killed worker.

    A SIGKILL gives the worker no chance to clean up; its temporary files carry its pid
    (see :class:`~.writers.AtomicFile`), so those of processes that no longer exist go.
    """
    from .writers import TMP_SUFFIX

    folder, name = os.path.split(out)
    try:
        entries = os.listdir(folder or ".")
    except OSError:
        return
    for entry in entries:
        if not (entry.startswith("." + name + ".") and entry.endswith(TMP_SUFFIX)):
            continue
        pid = entry[: -len(TMP_SUFFIX)].split(".")[-2]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        try:
            os.unlink(os.path.join(folder, entry))
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


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
    else:
        for proc in list(getattr(pool, "_processes", {}).values()):
            try:
                proc.terminate()
            except Exception:  # pragma: no cover
                pass
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.join(5)
    print("newsclean: aborted", file=sys.stderr)
