"""What the commands share: input flags, the run loop, the report and the summary."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .corpus import JsonlFile, copy_long_record, jsonl_units
from .discover import Plan, UsageError
from .documents import Outcome, Settings, Task
from .progress import Progress
from .runner import Interrupt, Unit, batches, default_jobs, run
from .writers import AtomicFile

DEFAULT_MAX_BYTES = 32_000_000


def _positive_size(text: str) -> int:
    mult = 1
    t = text.strip().upper()
    for suffix, m in (("KB", 1000), ("MB", 1000**2), ("GB", 1000**3), ("K", 1000),
                      ("M", 1000**2), ("G", 1000**3)):
        if t.endswith(suffix):
            t, mult = t[: -len(suffix)], m
            break
    try:
        n = int(float(t) * mult)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 5000000 or 32MB)")
    if n <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return n


def _jobs(text: str) -> int:
    n = int(text)
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (all cores) or more")
    return n or default_jobs()


def add_input_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SRC",
                   help="files, directories (searched recursively) or - for stdin")
    g = p.add_argument_group("input")
    g.add_argument("--glob", action="append", metavar="PATTERN",
                   help="file names to take from directories (repeatable; default *.txt, "
                        "or *.jsonl with --jsonl)")
    g.add_argument("--jsonl", action="store_true",
                   help="inputs are JSON Lines: clean one field of each record")
    g.add_argument("--text-field", default="text", metavar="NAME",
                   help="the field of each JSONL record to clean (default: text)")
    g.add_argument("--encoding", metavar="CODEC",
                   help="read plain-text inputs in this encoding instead of detecting it")
    g.add_argument("--max-bytes", type=_positive_size, default=DEFAULT_MAX_BYTES,
                   metavar="SIZE",
                   help="refuse documents (files, or JSONL records) larger than this "
                        f"(default {DEFAULT_MAX_BYTES // 1_000_000}MB)")
    g = p.add_argument_group("run")
    g.add_argument("-j", "--jobs", type=_jobs, default=default_jobs(), metavar="N",
                   help="worker processes (default: all cores, here %(default)s)")
    g.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where the work runs: local worker processes (default), or a Dask "
                        "cluster (needs newsclean[dask])")
    g.add_argument("--scheduler", metavar="ADDRESS",
                   help="--engine dask: the scheduler to use (e.g. tcp://10.0.0.5:8786); "
                        "default: a local cluster of --jobs workers")
    g.add_argument("--report", metavar="FILE.jsonl",
                   help="write one JSON line per document: path, status, edits, flags, "
                        "spin score")
    g.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar, notes or summary on stderr (errors still shown)")


def check_input_args(args: argparse.Namespace) -> None:
    """Problems with the input flags that should stop the run before it starts."""
    if getattr(args, "scheduler", None) and getattr(args, "engine", "local") != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if args.encoding:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise UsageError(f"--encoding {args.encoding}: unknown encoding") from None


def stdin_task(sources: list[str]) -> bool:
    if "-" in sources:
        if len(sources) > 1:
            raise UsageError("- (stdin) cannot be combined with other inputs")
        return True
    return False


def json_line(rec: dict) -> bytes:
    """One JSON line, UTF-8. Text the file system or a record gave us may hold lone
    surrogates (a file name that is not UTF-8, a record's "\\ud800"); strict UTF-8 cannot
    encode them, and one such name must not abort the run. ``backslashreplace`` writes
    them as ``\\udcff`` escapes, which inside a JSON string read back as the same text."""
    return json.dumps(rec, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"


@dataclass
class Totals:
    files: int = 0
    documents: int = 0
    changed: int = 0
    edits: int = 0
    flags: int = 0
    written: int = 0
    bytes: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    failure_kinds: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    not_started: int = 0
    interrupted: bool = False

    def fail(self, path: str, message: str, kind: str) -> None:
        self.failures.append((path, message))
        self.failure_kinds[kind] = self.failure_kinds.get(kind, 0) + 1


class Session:
    """One run of a command: progress, messages, the report and the totals."""

    def __init__(self, args: argparse.Namespace, command: str) -> None:
        self.args = args
        self.command = command
        self.totals = Totals()
        self.progress: Progress | None = None
        self.report: AtomicFile | None = None

    def say(self, text: str) -> None:
        """A note on stderr (suppressed by -q)."""
        if not self.args.quiet:
            self._print(text)

    def error(self, text: str) -> None:
        """An error on stderr (always shown)."""
        self._print(text)

    def _print(self, text: str) -> None:
        if self.progress is not None:
            self.progress.message(text)
        else:
            print(text, file=sys.stderr, flush=True)

    def execute(self, plan: Plan, settings: Settings,
                on_outcome: Callable[[Task, Outcome], None]) -> Totals:
        """Process the plan's tasks; ``on_outcome`` sees every outcome, in input order.

        For JSONL inputs it sees each batch of records (``partial``) as it is done, then
        the file's outcome with its totals.
        """
        t = self.totals
        for path in plan.missing:
            t.fail(path, "no such file or directory", "missing")
            self.error(f"newsclean: {path}: no such file or directory")
        for path, message in plan.unreadable:
            t.fail(path, message, "unreadable")
            self.error(f"newsclean: {path}: {message}")
        t.skipped += len(plan.up_to_date)
        if plan.up_to_date:
            self.say(f"newsclean: --resume: {len(plan.up_to_date)} output(s) already up to "
                     "date, skipped")
        tasks = plan.tasks
        if not tasks and not plan.missing and not plan.up_to_date:
            globs = " ".join(self.args.glob or (["*.jsonl"] if settings.jsonl else ["*.txt"]))
            self.say(f"newsclean: no input files (nothing matches {globs}; see --glob)")
        interactive = sys.stderr.isatty() and not self.args.quiet
        self.progress = Progress(len(tasks), sum(x.size for x in tasks),
                                 enabled=interactive and bool(tasks))
        if self.args.report:
            try:
                self.report = AtomicFile(self.args.report)
            except OSError as exc:  # before any work: a bad path is bad usage
                raise UsageError(f"--report {self.args.report}: cannot write there: "
                                 f"{exc.strerror or exc}") from None
        opened: list[JsonlFile] = []

        def write_records(o: Outcome) -> None:
            if self.report is None:
                return
            for rec in o.records:
                self.report.write(json_line(rec))
            if o.status == "error" and not o.records and not o.partial:
                rec = {"path": o.path, "status": "error", "error": o.error,
                       "error_kind": o.error_kind}
                self.report.write(json_line(rec))

        def file_done(task: Task, o: Outcome) -> None:
            self._account(o)
            on_outcome(task, o)
            write_records(o)
            self.progress.advance(1, 0 if settings.jsonl else o.size)

        def batch_done(f: JsonlFile, part: Outcome) -> None:
            f.add(part)
            for note in part.notes:
                self.error(f"newsclean: {part.path}: {note}")
            on_outcome(f.task, part)
            write_records(part)
            self.progress.advance(0, part.size)

        def handle(unit: Unit, result) -> None:
            if unit.kind == "files":
                for task, o in zip(unit.payload, result):
                    if o is not None:
                        file_done(task, o)
                return
            if unit.kind == "lines":
                f: JsonlFile = unit.ctx
                if result is None:  # kept from starting by an interrupt
                    f.interrupted = True
                    return
                if result.status == "error":  # the worker running it died
                    f.fail(result.error_kind or "internal", result.error or "failed")
                    return
                f.write(result.payload or b"")
                result.payload = None
                batch_done(f, result)
                return
            step, f = unit.payload[0], unit.payload[1]
            if step == "long":
                _, _, lineno, spool, size = unit.payload
                batch_done(f, copy_long_record(f, lineno, spool, size))
            elif step == "end" and not f.interrupted:
                file_done(f.task, f.finish())

        def units() -> Iterator[Unit]:
            if settings.jsonl:
                for task in tasks:
                    yield from jsonl_units(task, settings, opened)
            else:
                for batch in batches(tasks):
                    yield Unit("files", batch)

        def on_first_interrupt() -> None:
            # Called from the signal handler: print() could land inside another write to
            # the same buffered stream (RuntimeError: reentrant call), os.write cannot.
            wipe = "\r\x1b[K" if self.progress is not None and self.progress.enabled else ""
            os.write(2, (wipe + "newsclean: interrupted; finishing the documents in "
                         "progress (Ctrl-C again to abort)\n").encode())

        try:
            with Interrupt(on_first_interrupt) as interrupt:
                if getattr(self.args, "engine", "local") == "dask":
                    from . import dask_engine

                    dask_engine.run(units(), settings, self.args.jobs, self.args.scheduler,
                                    handle, interrupt)
                else:
                    run(units(), settings, self.args.jobs, handle, interrupt)
                t.interrupted = interrupt.requested
        except BaseException as exc:
            # An abort (second Ctrl-C), a closed stdout, a bug: drop what is unfinished.
            for f in opened:
                if not f.finished:
                    f.abandon()
            if self.report is not None:
                self.report.discard()
            self.progress.clear()
            if isinstance(exc, KeyboardInterrupt):
                t.interrupted = True
                self.error(f"newsclean: aborted after {t.files} of {len(tasks)} file(s); "
                           f"{t.written} output(s) complete, no partial files left")
            raise
        for f in opened:
            if not f.finished:  # cut off by the interrupt: its output is dropped
                f.abandon()
                self.error(f"newsclean: {f.task.display}: interrupted; output not written")
        t.not_started = len(tasks) - t.files
        if self.report is not None:
            for path in plan.missing:
                self.report.write(json_line({"path": path, "status": "error",
                                             "error": "no such file or directory",
                                             "error_kind": "missing"}))
            for path, message in plan.unreadable:
                self.report.write(json_line({"path": path, "status": "error",
                                             "error": message, "error_kind": "unreadable"}))
            try:
                self.report.commit()
            except OSError as exc:
                t.fail(self.args.report, f"report not written: {exc.strerror or exc}",
                       "report")
                self.error(f"newsclean: --report {self.args.report}: not written: "
                           f"{exc.strerror or exc}")
        self.progress.clear()
        return t

    def _account(self, o: Outcome) -> None:
        t = self.totals
        t.files += 1
        t.documents += o.documents
        t.changed += o.changed_documents
        t.edits += o.edits
        t.flags += o.flags
        if o.status != "error":
            t.bytes += o.size  # what was actually read, for the rate
        t.written += int(o.written)
        if o.status == "error":
            t.fail(o.path, o.error or "failed", o.error_kind or "error")
            self.error(f"newsclean: {o.path}: {o.error}")
        for note in o.notes:
            self.say(f"newsclean: {o.path}: {note}")
        if o.failed_records:
            t.fail(o.path, f"{o.failed_records} bad record(s)", "bad-record")

    def summary(self, extra: str = "") -> None:
        t = self.totals
        secs = self.progress.elapsed if self.progress else 0.0
        rate = t.bytes / secs if secs > 0 else 0.0
        speed = f"{rate / 1e6:.1f} MB/s" if rate >= 1e5 else f"{rate / 1e3:.0f} KB/s"
        parts = [f"{t.documents} document(s) in {t.files} file(s)", f"{t.changed} changed",
                 f"{t.edits} edit(s)", f"{t.flags} flag(s)", f"{len(t.failures)} failed"]
        if t.skipped:
            parts.append(f"{t.skipped} skipped (up to date)")
        line = f"newsclean {self.command}: " + ", ".join(parts)
        line += f" in {secs:.1f}s ({speed})" + extra
        if t.interrupted:
            self.error(f"newsclean: interrupted: {t.files} file(s) done, {t.not_started} not "
                       f"started; {t.written} output(s) written, no partial files")
        if not self.args.quiet:
            self._print(line)
        if t.failures:
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(t.failure_kinds.items()))
            self.error(f"newsclean: {len(t.failures)} input(s) failed ({kinds}):")
            for path, message in t.failures[:20]:
                self.error(f"  {path}: {message}")
            if len(t.failures) > 20:
                self.error(f"  ... and {len(t.failures) - 20} more (see --report)")
