"""Process one input: read it, run ``analyze``, write the output, describe what happened.

This is what a worker process does with each task. It never raises for a bad document:
every problem becomes an :class:`Outcome` with ``status="error"``, so one failure never
stops the batch. Plain-text files are read whole (up to ``--max-bytes``); JSONL files are
streamed record by record, so a large corpus never sits in memory.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from .. import analyze
from .findings import findings_for
from .jsonl import add_field, replace_value, value_span
from .readers import (InputError, check_regular, decode, read_jsonl_lines, read_limited,
                      restore_newlines)
from .writers import AtomicFile, atomic_write, replace_in_place


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to know about the run (sent once per worker)."""

    options: dict[str, Any]
    write: bool = True             # write outputs (False: check, --diff, --dry-run)
    in_place: bool = False
    backup_suffix: str | None = ".bak"
    diff: bool = False
    encoding: str | None = None
    max_bytes: int = 32_000_000
    jsonl: bool = False
    text_field: str = "text"
    annotate: bool = False
    annotate_field: str = "newsclean"
    report: bool = False           # build report records
    findings: bool = False         # build findings (check)


@dataclass(frozen=True)
class Task:
    """One input file and where its output goes (``None``: nowhere, ``"-"``: stdout)."""

    src: str
    out: str | None
    display: str
    size: int = 0


@dataclass
class Outcome:
    """What happened to one input (a file, or a JSONL file with its records)."""

    path: str
    output: str | None = None
    status: str = "unchanged"      # changed | unchanged | empty | error | skipped
    error: str | None = None
    error_kind: str | None = None
    size: int = 0
    documents: int = 0
    changed_documents: int = 0
    edits: int = 0
    flags: int = 0
    failed_records: int = 0
    encoding: str | None = None
    guessed: bool = False
    newline: str | None = None
    written: bool = False
    backup: str | None = None
    notes: list[str] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)   # report lines
    findings: list[dict[str, Any]] = field(default_factory=list)  # check findings
    diff: str | None = None
    stdout: bytes | None = None    # cleaned output when the target is stdout

    @property
    def failed(self) -> bool:
        return self.status == "error" or self.failed_records > 0


def process(task: Task, settings: Settings) -> Outcome:
    """Process one task; never raises (except on interrupt)."""
    out = Outcome(path=task.display, output=task.out, size=task.size)
    try:
        if settings.jsonl:
            if task.src == "-":
                _process_jsonl(sys.stdin.buffer, task, settings, out)
            else:
                with open_input(task.src) as fh:
                    _process_jsonl(fh, task, settings, out)
        else:
            data = _read_stdin(settings.max_bytes) if task.src == "-" else \
                read_limited(task.src, settings.max_bytes)
            out.size = len(data)
            _process_text(data, task, settings, out)
    except InputError as exc:
        _fail(out, exc.kind, str(exc))
    except OSError as exc:
        _fail(out, "io", f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
    except Exception as exc:  # a bug must cost one document, not the batch
        _fail(out, "internal", f"internal error: {type(exc).__name__}: {exc}")
    return out


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError("too-large", "stdin is over the --max-bytes limit; nothing written")
    return data


def _fail(out: Outcome, kind: str, message: str) -> None:
    out.status, out.error_kind, out.error = "error", kind, message
    out.written = False
    out.stdout = None


class open_input:
    """Open a file for binary reading, refusing what :func:`check_regular` refuses."""

    def __init__(self, path: str) -> None:
        check_regular(path)  # no size limit: JSONL is streamed
        try:
            self.fh = open(path, "rb")
        except OSError as exc:
            raise InputError("unreadable", f"cannot read: {exc.strerror}") from None

    def __enter__(self) -> BinaryIO:
        return self.fh

    def __exit__(self, *exc: object) -> None:
        self.fh.close()


# -- plain text ------------------------------------------------------------------------


def _process_text(data: bytes, task: Task, s: Settings, out: Outcome) -> None:
    if not data:
        out.documents = 1
        out.status = "empty"
        out.notes.append("empty file")
        out.encoding, out.newline = "utf-8", "\n"
        if s.report:
            out.records.append(_record(task.display, out, None))
        if s.write and not s.in_place:
            _emit(b"", task, s, out)
        return
    dec = decode(data, s.encoding)
    out.documents = 1
    out.encoding, out.guessed, out.newline = dec.encoding, dec.guessed, dec.newline
    if dec.guessed:
        out.notes.append(f"not UTF-8; read as {dec.encoding} (guessed)")
    if dec.newline == "mixed":
        out.notes.append("mixed line endings; left as they are")
    result = analyze(dec.text, **s.options)
    out.edits, out.flags = len(result.edits), len(result.flags)
    changed = result.text != dec.text
    out.changed_documents = int(changed)
    out.status = "changed" if changed else "unchanged"
    if s.report:
        out.records.append(_record(task.display, out, result))
    if s.findings:
        out.findings.extend(findings_for(task.display, dec.text, result))
    if s.diff and changed:
        out.diff = "".join(difflib.unified_diff(
            dec.text.splitlines(keepends=True), result.text.splitlines(keepends=True),
            fromfile="a/" + task.display, tofile="b/" + task.display))
    if s.write:
        _emit(restore_newlines(result.text, dec.newline).encode("utf-8"), task, s, out,
              original=data)


def _emit(payload: bytes, task: Task, s: Settings, out: Outcome,
          original: bytes | None = None) -> None:
    if task.out == "-":
        out.stdout = payload
    elif s.in_place:
        # Rewrite only when the bytes change (UTF-8 output may differ from a cp1252 input
        # even when the text didn't), so untouched files keep their mtime and no backup.
        if payload != original:
            out.backup = replace_in_place(task.src, payload, s.backup_suffix)
            out.written = True
    elif task.out is not None:
        atomic_write(task.out, payload)
        out.written = True


def _record(path: str, out: Outcome, result, line: int | None = None,
            error: str | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {"path": path}
    if line is not None:
        rec["line"] = line
    if error is not None:
        rec.update(status="error", error=error)
        return rec
    if result is None:
        rec.update(status=out.status, encoding=out.encoding, edits=[], flags=[],
                   spin_score=None)
        return rec
    d = result.to_dict()
    rec["status"] = "changed" if result.text != result.source else "unchanged"
    if line is None:
        rec.update(encoding=out.encoding, encoding_guessed=out.guessed,
                   newline={"\n": "LF", "\r\n": "CRLF", "\r": "CR"}.get(out.newline,
                                                                       out.newline))
    if out.output and out.output != "-":
        rec["output"] = out.output
    rec["edits"] = d["edits"]
    rec["flags"] = d["flags"]
    rec["spin_score"] = d.get("spin_score")
    return rec


# -- JSON Lines ------------------------------------------------------------------------


def _process_jsonl(fh: BinaryIO, task: Task, s: Settings, out: Outcome) -> None:
    """Clean the text field of every record; copy malformed lines through unchanged."""
    out.encoding = "utf-8"
    if task.out == "-":
        # Only ever in the main process (stdin, or one file without -o): stream it.
        _jsonl_lines(fh, sys.stdout.buffer, task, s, out)
        sys.stdout.buffer.flush()
    elif s.write and s.in_place:
        st = os.stat(task.src)
        sink = AtomicFile(task.src, mode=st.st_mode & 0o7777)
        try:
            _jsonl_lines(fh, sink, task, s, out)
            if out.changed_documents:
                # As in replace_in_place: the backup is complete before the original goes.
                if s.backup_suffix:
                    out.backup = task.src + s.backup_suffix
                    with AtomicFile(out.backup, mode=st.st_mode & 0o7777) as b, \
                            open(task.src, "rb") as src:
                        shutil.copyfileobj(src, b.fh)
                    shutil.copystat(task.src, out.backup)
                sink.commit()
                out.written = True
        finally:
            sink.discard()  # no-op after commit
    elif s.write and task.out is not None:
        with AtomicFile(task.out) as sink:
            _jsonl_lines(fh, sink, task, s, out)
        out.written = True
    else:
        _jsonl_lines(fh, None, task, s, out)
    if out.status != "error":
        out.status = "changed" if out.changed_documents else (
            "empty" if out.documents == 0 and out.failed_records == 0 else "unchanged")
        if out.status == "empty":
            out.notes.append("no records")


def _jsonl_lines(fh: BinaryIO, sink, task: Task, s: Settings, out: Outcome) -> None:
    diffs: list[str] = []
    first = True
    for lineno, line, too_long in read_jsonl_lines(fh, s.max_bytes):
        if too_long:
            size = 0
            for piece in line:
                size += len(piece)
                if sink is not None:
                    sink.write(piece)
            out.size += size
            _record_error(task, s, out, lineno,
                          f"record of {size} bytes is over the --max-bytes limit; "
                          "copied unchanged")
            continue
        out.size += len(line)
        if first and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a UTF-8 BOM before the first record
        first = False
        new_line = _jsonl_record(line, lineno, task, s, out, diffs)
        if sink is not None:
            sink.write(new_line)
    if diffs:
        out.diff = "".join(diffs)


def _record_error(task: Task, s: Settings, out: Outcome, lineno: int, message: str) -> None:
    out.failed_records += 1
    out.notes.append(f"line {lineno}: {message}")
    if s.report:
        out.records.append(_record(task.display, out, None, line=lineno, error=message))
    if s.findings:
        out.findings.append({"path": task.display, "line": lineno, "col": 1,
                             "level": "error", "kind": "bad-record", "message": message,
                             "suggestion": None})


def _jsonl_record(line: bytes, lineno: int, task: Task, s: Settings, out: Outcome,
                  diffs: list[str]) -> bytes:
    body = line.rstrip(b"\r\n")
    if not body.strip():
        return line  # blank lines are kept as they are, and are not records
    ending = line[len(body):]
    try:
        body_text = body.decode("utf-8")
        record = json.loads(body_text)
    except UnicodeDecodeError as exc:
        _record_error(task, s, out, lineno, f"not UTF-8 ({exc.reason} at byte {exc.start}); "
                                            "copied unchanged")
        return line
    except json.JSONDecodeError as exc:
        _record_error(task, s, out, lineno, f"malformed JSON ({exc.msg} at column "
                                            f"{exc.colno}); copied unchanged")
        return line
    if not isinstance(record, dict):
        _record_error(task, s, out, lineno, "not a JSON object; copied unchanged")
        return line
    text = record.get(s.text_field)
    if not isinstance(text, str):
        what = "no" if text is None else f"a non-string ({type(text).__name__})"
        _record_error(task, s, out, lineno, f"{what} {s.text_field!r} field; copied unchanged")
        return line
    result = analyze(text, **s.options)
    out.documents += 1
    out.edits += len(result.edits)
    out.flags += len(result.flags)
    changed = result.text != text
    out.changed_documents += changed
    if s.report:
        out.records.append(_record(task.display, out, result, line=lineno))
    if s.findings:
        out.findings.extend(findings_for(task.display, text, result, record_line=lineno))
    if s.diff and changed:
        diffs.append("".join(difflib.unified_diff(
            text.splitlines(keepends=True), result.text.splitlines(keepends=True),
            fromfile=f"a/{task.display}:{lineno}", tofile=f"b/{task.display}:{lineno}")))
    if not changed and not s.annotate:
        return line  # byte for byte: other fields keep even their formatting
    # Splice rather than re-serialise: every other field keeps its exact bytes.
    new = body_text
    if changed:
        new = replace_value(new, value_span(new, s.text_field), result.text)
    if s.annotate:
        d = result.to_dict()
        new = add_field(new, s.annotate_field, {"edits": len(result.edits), "flags": d["flags"],
                                                "spin_score": d.get("spin_score")})
    return new.encode("utf-8") + ending
