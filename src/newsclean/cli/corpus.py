"""JSON Lines inputs, streamed by the main process and cleaned by the workers in batches.

The main process reads each JSONL input line by line and turns it into units of work
(:class:`~.runner.Unit`): batches of about 256 KB of lines for the workers, and a few
steps it does itself in order (copying an oversized record through, finishing the file).
The runner hands results back in input order, so the output is written sequentially into
one atomic output file, and memory holds only the batches in flight: a corpus of any size,
in one file or many, is cleaned on every core.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from typing import Iterator

from .documents import LineBatch, Outcome, Settings, Task, _record_error
from .readers import InputError, check_regular, read_jsonl_lines
from .runner import Unit
from .writers import AtomicFile

BATCH_BYTES = 256_000
BATCH_LINES = 1000
_BOM = b"\xef\xbb\xbf"


class _StdoutSink:
    def write(self, data: bytes) -> None:
        sys.stdout.buffer.write(data)

    def commit(self) -> None:
        sys.stdout.buffer.flush()

    def discard(self) -> None:
        sys.stdout.buffer.flush()


class JsonlFile:
    """One JSONL input being streamed: its input, its output and its running totals."""

    def __init__(self, task: Task, settings: Settings) -> None:
        self.task = task
        self.s = settings
        self.outcome = Outcome(path=task.display, output=task.out, encoding="utf-8")
        self.fh = None
        self.sink = None
        self.mode: int | None = None
        self.finished = False
        self.interrupted = False
        self.bom = False  # a UTF-8 byte-order mark was dropped from the first line

    def open(self) -> None:
        t, s = self.task, self.s
        if t.src == "-":
            self.fh = sys.stdin.buffer
        else:
            st = check_regular(t.src)  # no size limit: records are limited one by one
            self.mode = st.st_mode & 0o7777
            try:
                self.fh = open(t.src, "rb")
            except OSError as exc:
                raise InputError("unreadable", f"cannot read: {exc.strerror}") from None
        if s.write:
            if t.out == "-":
                self.sink = _StdoutSink()
            elif s.in_place:
                self.sink = AtomicFile(t.src, mode=self.mode)
            elif t.out is not None:
                self.sink = AtomicFile(t.out)

    def write(self, data: bytes) -> None:
        if self.sink is not None and data:
            self.sink.write(data)

    def add(self, part: Outcome) -> None:
        o = self.outcome
        o.size += part.size
        o.documents += part.documents
        o.changed_documents += part.changed_documents
        o.edits += part.edits
        o.flags += part.flags
        o.failed_records += part.failed_records
        o.rewritten += part.rewritten

    def fail(self, kind: str, message: str) -> None:
        o = self.outcome
        o.status, o.error_kind, o.error = "error", kind, message

    def finish(self) -> Outcome:
        """Close the input and commit the output (or drop it if the file failed)."""
        self.finished = True
        self._close_input()
        o = self.outcome
        if o.status == "error":
            self._discard()
            return o
        if self.sink is not None:
            if self.s.in_place and not (o.rewritten or self.bom):
                self._discard()  # no byte changed: leave the file (and its mtime) alone
            else:
                if self.s.in_place and self.s.backup_suffix:
                    o.backup = self.task.src + self.s.backup_suffix
                    # The backup is complete before the original is replaced.
                    with AtomicFile(o.backup, mode=self.mode) as b, \
                            open(self.task.src, "rb") as src:
                        shutil.copyfileobj(src, b.fh)
                    shutil.copystat(self.task.src, o.backup)
                self.sink.commit()
                o.written = self.task.out != "-"
        if o.changed_documents:
            o.status = "changed"
        elif o.documents == 0 and o.failed_records == 0:
            o.status = "empty"
            o.notes.append("no records")
        else:
            o.status = "unchanged"
        return o

    def abandon(self) -> None:
        """The run stopped before this file was done: no partial output."""
        self._close_input()
        self._discard()

    def _discard(self) -> None:
        if self.sink is not None:
            self.sink.discard()

    def _close_input(self) -> None:
        if self.fh is not None and self.fh is not sys.stdin.buffer:
            self.fh.close()
        self.fh = None


def jsonl_units(task: Task, s: Settings, opened: list[JsonlFile]) -> Iterator[Unit]:
    """The units of work for one JSONL input, read lazily as the runner asks for them."""
    f = JsonlFile(task, s)
    opened.append(f)
    try:
        f.open()
    except InputError as exc:
        f.fail(exc.kind, str(exc))
    except OSError as exc:
        f.fail("io", exc.strerror or str(exc))
    if f.fh is None:
        yield Unit("local", ("end", f))
        return
    batch: list[tuple[int, bytes]] = []
    size = 0
    try:
        for lineno, line, too_long in read_jsonl_lines(f.fh, s.max_bytes):
            if too_long:
                if batch:
                    yield Unit("lines", LineBatch(task.display, task.out, batch), f)
                    batch, size = [], 0
                # Spool it to disk: earlier batches may still be in flight, and the
                # record has to wait its turn without sitting in memory.
                spool = tempfile.TemporaryFile()
                n = 0
                for piece in line:
                    spool.write(piece)
                    n += len(piece)
                yield Unit("local", ("long", f, lineno, spool, n))
                continue
            if lineno == 1 and line.startswith(_BOM):
                line = line[len(_BOM):]
                f.bom = True
            batch.append((lineno, line))
            size += len(line)
            if size >= BATCH_BYTES or len(batch) >= BATCH_LINES:
                yield Unit("lines", LineBatch(task.display, task.out, batch), f)
                batch, size = [], 0
        if batch:
            yield Unit("lines", LineBatch(task.display, task.out, batch), f)
    except OSError as exc:
        f.fail("io", f"read error: {exc.strerror or exc}")
    yield Unit("local", ("end", f))


def copy_long_record(f: JsonlFile, lineno: int, spool, size: int) -> Outcome:
    """Copy an oversized record through unchanged; the bad-record outcome for it."""
    spool.seek(0)
    try:
        while True:
            piece = spool.read(1 << 20)
            if not piece:
                break
            f.write(piece)
    finally:
        spool.close()
    part = Outcome(path=f.task.display, output=f.task.out, partial=True, size=size)
    _record_error(f.task, f.s, part, lineno, f"record of {size} bytes is over the "
                                             "--max-bytes limit")
    return part

