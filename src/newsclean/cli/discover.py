"""Find the input files and decide where each one's output goes.

A directory given on the command line is walked recursively for files whose name matches
one of the ``--glob`` patterns (a pattern containing ``/`` is matched against the path
relative to that directory); a file given by name is always taken. Hidden directories
(``.git``...) and symbolic links to directories are not entered; the output directory is
skipped if it lies inside an input directory. Files are listed in sorted order.

Outputs mirror the inputs under ``-o OUT``: the files under a directory ``SRC`` go to the
same relative paths under ``OUT``, a file given by name goes to ``OUT/<its name>``. Two
inputs that would land on the same output are a usage error, as is an output that would
overwrite its own input.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from typing import Sequence

from .documents import Task


class UsageError(Exception):
    """A problem with the command line itself (exit status 2)."""


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # named paths that don't exist
    up_to_date: list[Task] = field(default_factory=list)  # skipped by --resume


def _matches(rel: str, name: str, globs: Sequence[str]) -> bool:
    for g in globs:
        if fnmatch.fnmatchcase(rel if "/" in g else name, g):
            return True
    return False


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _walk(root: str, globs: Sequence[str], skip_dir: str | None) -> list[tuple[str, int]]:
    """(relative posix path, size) of the matching files under ``root``, sorted."""
    found: list[tuple[str, int]] = []

    def visit(path: str, rel: str) -> None:
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            return  # an unreadable directory holds nothing we can clean
        for e in entries:
            r = f"{rel}/{e.name}" if rel else e.name
            if e.is_dir(follow_symlinks=False):
                if e.name.startswith(".") or (skip_dir and _same(e.path, skip_dir)):
                    continue
                visit(e.path, r)
            elif _matches(r, e.name, globs):
                try:
                    size = e.stat().st_size
                except OSError:  # a broken link: reading it will say so
                    size = 0
                found.append((r, size))

    visit(root, "")
    return found


def _same(a: str, b: str) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except OSError:  # pragma: no cover
        return False


def plan(sources: Sequence[str], globs: Sequence[str], out_dir: str | None, *,
         in_place: bool = False, to_stdout: bool = False, resume: bool = False) -> Plan:
    """The tasks for ``sources``; ``out_dir`` None means outputs are not written to files.

    ``to_stdout`` sends the (single) output to stdout; ``in_place`` writes over each input.
    """
    p = Plan()
    skip_dir = out_dir if out_dir and os.path.isdir(out_dir) else None
    for src in sources:
        if os.path.isdir(src):
            for rel, size in _walk(src, globs, skip_dir):
                path = os.path.join(src, rel)
                out = os.path.join(out_dir, rel) if out_dir else None
                p.tasks.append(Task(path, out, _display(path), size))
        elif os.path.lexists(src):
            out = os.path.join(out_dir, os.path.basename(src)) if out_dir else None
            p.tasks.append(Task(src, out, _display(src), _size(src)))
        else:
            p.missing.append(src)
    if in_place:
        p.tasks = [Task(t.src, t.src, t.display, t.size) for t in p.tasks]
    elif to_stdout:
        p.tasks = [Task(t.src, "-", t.display, t.size) for t in p.tasks]
    elif out_dir:
        _check_targets(p.tasks)
    if resume and out_dir and not in_place:
        keep = []
        for t in p.tasks:
            (p.up_to_date if _up_to_date(t) else keep).append(t)
        p.tasks = keep
    return p


def _display(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path


def _check_targets(tasks: Sequence[Task]) -> None:
    # abspath, not realpath: one system call-free check per file (thousands of files);
    # the input/output directory overlap is what realpath is needed for, once per folder.
    seen: dict[str, str] = {}
    real_dirs: dict[str, str] = {}

    def real_dir(path: str) -> str:
        d = os.path.dirname(os.path.abspath(path))
        if d not in real_dirs:
            real_dirs[d] = os.path.realpath(d)
        return os.path.join(real_dirs[d], os.path.basename(path))

    for t in tasks:
        assert t.out is not None
        key = os.path.abspath(t.out)
        if key in seen:
            raise UsageError(f"{seen[key]} and {t.display} would both be written to {t.out}")
        seen[key] = t.display
        if real_dir(t.src) == real_dir(t.out):
            raise UsageError(f"{t.display}: the output would overwrite the input; use "
                             "--in-place to do that on purpose")


def _up_to_date(t: Task) -> bool:
    """--resume: the output exists and is not older than its input."""
    try:
        return os.stat(t.out).st_mtime_ns >= os.stat(t.src).st_mtime_ns  # type: ignore
    except OSError:
        return False
