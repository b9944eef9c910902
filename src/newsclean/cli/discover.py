"""Find the input files and decide where each one's output goes.

A directory given on the command line is walked recursively for files whose name matches
one of the ``--glob`` patterns (a pattern containing ``/`` is matched against the path
relative to that directory); a file given by name is always taken. Hidden directories
(``.git``...) and symbolic links to directories are not entered; the output directory is
skipped if it lies inside an input directory. Files are listed in sorted order. A directory
that cannot be listed is reported (:attr:`Plan.unreadable`), not taken for an empty one.

Outputs mirror the inputs under ``-o OUT``: the files under a directory ``SRC`` go to the
same relative paths under ``OUT``, a file given by name goes to ``OUT/<its name>``. Two
inputs that would land on the same output are a usage error, as is an output that would
overwrite any input (also through a symbolic link). With ``--in-place``, the same file
given twice and a backup name that is an input are usage errors.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from .documents import Task


class UsageError(Exception):
    """A problem with the command line itself (exit status 2)."""


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # named paths that don't exist
    up_to_date: list[Task] = field(default_factory=list)  # skipped by --resume
    # directories that could not be listed: (path, message); reported as failures
    unreadable: list[tuple[str, str]] = field(default_factory=list)


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


def walk(root: str, match: Callable[[str, str], bool], skip_dir: str | None = None,
         problems: list[tuple[str, str]] | None = None) -> list[tuple[str, int]]:
    """(relative posix path, size) of the files under ``root`` that ``match(rel, name)``.

    Sorted, directories entered where their name sorts. The walk keeps its own stack (no
    recursion), so a tree thousands of levels deep is listed like any other. A directory
    that cannot be listed (permissions, a path too long) is added to ``problems`` as
    ``(path, message)``: it may hold inputs, so the caller reports it as a failure rather
    than pretending it was empty.
    """
    found: list[tuple[str, int]] = []
    skip = None
    if skip_dir:
        try:
            st = os.stat(skip_dir)
            skip = (st.st_dev, st.st_ino)
        except OSError:
            skip = None

    def listing(path: str) -> Iterator[os.DirEntry] | None:
        try:
            with os.scandir(path) as it:
                return iter(sorted(it, key=lambda e: e.name))
        except OSError as exc:
            if problems is not None:
                problems.append((_display(path), "cannot list directory: "
                                 f"{exc.strerror or exc}; files in it not processed"))
            return None

    first = listing(root)
    stack: list[tuple[str, Iterator[os.DirEntry]]] = [("", first)] if first else []
    while stack:
        rel, entries = stack[-1]
        e = next(entries, None)
        if e is None:
            stack.pop()
            continue
        r = f"{rel}/{e.name}" if rel else e.name
        try:
            is_dir = e.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            if e.name.startswith("."):
                continue
            if skip is not None:
                try:
                    st = e.stat(follow_symlinks=False)
                    if (st.st_dev, st.st_ino) == skip:
                        continue
                except OSError:
                    pass
            sub = listing(e.path)
            if sub is not None:
                stack.append((r, sub))
        elif match(r, e.name):
            try:
                size = e.stat().st_size
            except OSError:  # a broken link: reading it will say so
                size = 0
            found.append((r, size))
    return found


def _walk(root: str, globs: Sequence[str], skip_dir: str | None,
          problems: list[tuple[str, str]] | None = None) -> list[tuple[str, int]]:
    """(relative posix path, size) of the files under ``root`` matching ``globs``, sorted."""
    return walk(root, lambda rel, name: _matches(rel, name, globs), skip_dir, problems)


def plan(sources: Sequence[str], globs: Sequence[str], out_dir: str | None, *,
         in_place: bool = False, to_stdout: bool = False, resume: bool = False,
         backup_suffix: str | None = None) -> Plan:
    """The tasks for ``sources``; ``out_dir`` None means outputs are not written to files.

    ``to_stdout`` sends the (single) output to stdout; ``in_place`` writes over each input
    (through a symbolic link, to the file it points to), keeping a copy at the input's path
    plus ``backup_suffix`` unless that is None.
    """
    p = Plan()
    skip_dir = out_dir if out_dir and os.path.isdir(out_dir) else None
    for src in sources:
        if os.path.isdir(src):
            for rel, size in _walk(src, globs, skip_dir, p.unreadable):
                path = os.path.join(src, rel)
                out = os.path.join(out_dir, rel) if out_dir else None
                p.tasks.append(Task(path, out, _display(path), size))
        elif os.path.lexists(src):
            out = os.path.join(out_dir, os.path.basename(src)) if out_dir else None
            p.tasks.append(Task(src, out, _display(src), _size(src)))
        else:
            p.missing.append(src)
    if in_place:
        p.tasks = _in_place_tasks(p.tasks, backup_suffix)
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
    """-o OUT: no two inputs on one output, and no output on top of any input.

    An output is replaced (``os.replace``), not written through, so its key is its own
    path with the directories resolved; an input is read through links, so its key is the
    file it really is (a link in the inputs to a file under OUT is that file).
    """
    # realpath costs a few system calls per path component: resolve each folder once,
    # and the file name only when it is a link.
    real_dirs: dict[str, str] = {}

    def real_dir(path: str) -> str:
        d = os.path.dirname(os.path.abspath(path))
        if d not in real_dirs:
            real_dirs[d] = os.path.realpath(d)
        return os.path.join(real_dirs[d], os.path.basename(path))

    inputs: dict[str, str] = {}
    for t in tasks:
        inputs.setdefault(os.path.abspath(t.src), t.display)
        inputs.setdefault(real_dir(t.src), t.display)
        if os.path.islink(t.src):
            inputs.setdefault(os.path.realpath(t.src), t.display)
    seen: dict[str, str] = {}
    for t in tasks:
        assert t.out is not None
        key = real_dir(t.out)
        if key in seen:
            raise UsageError(f"{seen[key]} and {t.display} would both be written to {t.out}")
        seen[key] = t.display
        victim = inputs.get(key)
        if victim == t.display:
            raise UsageError(f"{t.display}: the output would overwrite the input; use "
                             "--in-place to do that on purpose")
        if victim is not None:
            raise UsageError(f"{t.display}: its output {t.out} would overwrite the input "
                             f"{victim}")


def _in_place_tasks(tasks: Sequence[Task], backup_suffix: str | None) -> list[Task]:
    """--in-place: each file once, written through links, no backup on top of an input.

    The same file named twice (or through a link) would be cleaned twice, the second run
    backing up the first one's output over the original's backup: refused, as -o refuses
    two inputs with one output.
    """
    out: list[Task] = []
    by_real: dict[str, str] = {}
    names: set[str] = set()
    for t in tasks:
        real = os.path.realpath(t.src) if os.path.exists(t.src) else os.path.abspath(t.src)
        if real in by_real:
            what = (f"{t.display} is given twice" if by_real[real] == t.display else
                    f"{by_real[real]} and {t.display} are the same file")
            raise UsageError(f"{what}; with --in-place each file must be given once")
        by_real[real] = t.display
        names.add(real)
        names.add(os.path.abspath(t.src))
        # A link is written through (the file it points to is cleaned, and backed up
        # beside it), not replaced by a regular file.
        path = real if os.path.islink(t.src) else t.src
        out.append(Task(path, path, t.display, t.size))
    if backup_suffix:
        for t in out:
            backup = t.src + backup_suffix
            if os.path.abspath(backup) in names or (
                    os.path.lexists(backup) and os.path.realpath(backup) in names):
                raise UsageError(f"--backup-suffix {backup_suffix}: the backup of "
                                 f"{t.display} would be {backup}, which is an input; "
                                 "choose another suffix")
    return out


def check_report(report: str, tasks: Sequence[Task]) -> None:
    """--report FILE must not be a directory, an input or an output of the run."""
    if os.path.isdir(report):
        raise UsageError(f"--report {report}: is a directory")
    absolute = os.path.abspath(report)
    keys = {absolute, os.path.realpath(report), os.path.join(
        os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))}
    for t in tasks:
        if t.src != "-" and (os.path.abspath(t.src) in keys or
                             os.path.realpath(t.src) in keys):
            raise UsageError(f"--report {report}: is the input {t.display}")
        if t.out not in (None, "-") and (os.path.abspath(t.out) in keys or
                                         os.path.realpath(t.out) in keys):
            raise UsageError(f"--report {report}: is where {t.display} would be written")


def _up_to_date(t: Task) -> bool:
    """--resume: the output exists and is not older than its input."""
    try:
        return os.stat(t.out).st_mtime_ns >= os.stat(t.src).st_mtime_ns  # type: ignore
    except OSError:
        return False
