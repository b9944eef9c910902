"""What a worker does: clean a plain-text file, or a batch of JSONL lines.

Nothing here raises for a bad document: every problem becomes an :class:`Outcome` with
``status="error"`` (or a bad-record note), so one failure never stops the batch.
Plain-text files are read whole (up to ``--max-bytes``), cleaned and written by the worker.
JSONL files are read and written by the main process (see :mod:`.corpus`), which hands
batches of lines to the workers, so one large corpus is cleaned on every core and never
sits in memory.
"""

from __future__ import annotations

import difflib
import json
import sys
from dataclasses import dataclass, field
from typing import Any

from .. import analyze
from .findings import findings_for
from .jsonl import add_field, replace_value, value_span
from .readers import InputError, decode, read_limited, restore_newlines
from .writers import atomic_write, replace_in_place


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
    payload: bytes | None = None   # JSONL: the batch's output lines
    partial: bool = False          # JSONL: one batch of a file, not the whole file
    rewritten: int = 0             # JSONL: lines whose bytes changed (edits or --annotate)


def process(task: Task, settings: Settings) -> Outcome:
    """Process one task; never raises (except on interrupt)."""
    out = Outcome(path=task.display, output=task.out, size=task.size)
    try:
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
    if dec.encoding == "utf-8+cp1252":
        out.notes.append("UTF-8 with stray bytes that are not; read those as cp1252 "
                         "(guessed)")
    elif dec.guessed:
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
        out.diff = unified_diff(dec.text, result.text, "a/" + task.display,
                                "b/" + task.display)
    if s.write:
        _emit(restore_newlines(result.text, dec.newline).encode("utf-8"), task, s, out,
              original=data)


def unified_diff(before: str, after: str, fromfile: str, tofile: str) -> str:
    """A unified diff, marking a last line without a newline the way ``diff`` does.

    >>> print(unified_diff("an apple", "a apple", "a/x", "b/x"), end="")
    --- a/x
    +++ b/x
    @@ -1 +1 @@
    -an apple
    \\ No newline at end of file
    +a apple
    \\ No newline at end of file
    """
    out = []
    for line in difflib.unified_diff(before.splitlines(keepends=True),
                                     after.splitlines(keepends=True), fromfile, tofile):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


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


@dataclass(frozen=True)
class LineBatch:
    """Consecutive lines of one JSONL input, with their line numbers."""

    path: str
    output: str | None
    lines: list[tuple[int, bytes]]


def process_lines(batch: LineBatch, s: Settings) -> Outcome:
    """Clean the text field of each record; malformed lines are copied through unchanged.

    The output lines are in ``payload``; records, findings and bad-record notes are those
    of this batch only (``partial``).
    """
    out = Outcome(path=batch.path, output=batch.output, partial=True)
    task = Task(batch.path, batch.output, batch.path)
    chunks: list[bytes] = []
    diffs: list[str] = []
    for lineno, line in batch.lines:
        out.size += len(line)
        try:
            new = _jsonl_record(line, lineno, task, s, out, diffs)
            out.rewritten += new != line
            chunks.append(new)
        except Exception as exc:  # a bug costs one record, not the batch
            _record_error(task, s, out, lineno, f"internal error: {type(exc).__name__}: "
                                                f"{exc}")
            chunks.append(line)
    out.payload = b"".join(chunks)
    out.diff = "".join(diffs) or None
    return out


def _record_error(task: Task, s: Settings, out: Outcome, lineno: int, message: str) -> None:
    # Say what became of the line: check (and --diff, --dry-run) write nothing.
    message += ("; copied unchanged" if s.write else
                "; not checked" if s.findings else "; would be copied unchanged")
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
        _record_error(task, s, out, lineno, f"not UTF-8 ({exc.reason} at byte {exc.start})")
        return line
    except json.JSONDecodeError as exc:
        _record_error(task, s, out, lineno, f"malformed JSON ({exc.msg} at column "
                                            f"{exc.colno})")
        return line
    if not isinstance(record, dict):
        _record_error(task, s, out, lineno, "not a JSON object")
        return line
    text = record.get(s.text_field)
    if not isinstance(text, str):
        what = "no" if text is None else f"a non-string ({type(text).__name__})"
        _record_error(task, s, out, lineno, f"{what} {s.text_field!r} field")
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
        diffs.append(unified_diff(text, result.text, f"a/{task.display}:{lineno}",
                                  f"b/{task.display}:{lineno}"))
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
    # A lone surrogate in the text ("\\ud800" in the input) comes back from json.dumps as a
    # raw surrogate, which only ever lies inside a JSON string: escape it again.
    return new.encode("utf-8", "backslashreplace") + ending
