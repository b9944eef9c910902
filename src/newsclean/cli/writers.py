"""Write output files atomically: a temporary file beside the target, then ``os.replace``.

Whatever stops the program (an exception, Ctrl-C, SIGTERM from the pool), the target is
either untouched or complete: the temporary file is removed on the way out, and readers
never see a half-written file. Files are not fsync'ed: this protects against interrupted
runs, not against power loss, and syncing thousands of small files would dominate the time.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(d / "sub" / "a.txt", b"hello")
>>> (d / "sub" / "a.txt").read_bytes(), sorted(p.name for p in (d / "sub").iterdir())
(b'hello', ['a.txt'])
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import BinaryIO

TMP_SUFFIX = ".newsclean-tmp"


def makedirs(path: str | os.PathLike[str]) -> None:
    """``os.makedirs(path, exist_ok=True)`` without recursion (os.makedirs and
    Path.mkdir recurse once per missing level: a mirrored tree 1,200 levels deep would
    hit Python's recursion limit)."""
    path = os.path.abspath(path)
    missing = []
    while not os.path.isdir(path):
        parent = os.path.dirname(path)
        if parent == path:
            break
        missing.append(path)
        path = parent
    for p in reversed(missing):
        try:
            os.mkdir(p)
        except FileExistsError:
            if not os.path.isdir(p):
                raise


class AtomicFile:
    """A binary file that appears at ``path`` only when :meth:`commit` is called.

    Use as a context manager: leaving the block normally commits, leaving it through an
    exception (including ``KeyboardInterrupt``/``SystemExit``) discards the temporary file.
    ``mode`` sets the permission bits (default: 0o666 less the umask, like ``open``).
    """

    def __init__(self, path: str | os.PathLike[str], mode: int | None = None) -> None:
        self.path = Path(path)
        makedirs(self.path.parent)
        self.tmp = self.path.with_name(
            f".{self.path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")
        fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            self.fh: BinaryIO = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            os.unlink(self.tmp)
            raise
        self._done = False

    def write(self, data: bytes) -> int:
        return self.fh.write(data)

    def commit(self) -> None:
        """Put the file in place; if that fails, remove the temporary file and raise an
        ``OSError`` that names the target (the temporary name means nothing to the user)."""
        if self._done:
            return
        self._done = True
        try:
            self.fh.close()
            os.replace(self.tmp, self.path)
        except BaseException as exc:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            if isinstance(exc, OSError) and exc.errno is not None:
                raise type(exc)(exc.errno, exc.strerror, str(self.path)) from None
            raise

    def discard(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            self.fh.close()
        finally:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def atomic_write(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically (see :class:`AtomicFile`)."""
    with AtomicFile(path, mode) as fh:
        fh.write(data)


def replace_in_place(path: str, data: bytes, backup_suffix: str | None) -> str | None:
    """Atomically replace the file ``path`` with ``data``, keeping its permission bits.

    With ``backup_suffix`` the original is first copied (atomically too, with its times) to
    ``path + backup_suffix``; returns the backup's path. The original is replaced only after
    the backup is complete, so at every moment one full copy of the old text exists.
    """
    st = os.stat(path)
    backup = None
    if backup_suffix:
        backup = path + backup_suffix
        with AtomicFile(backup, mode=st.st_mode & 0o7777) as out, open(path, "rb") as src:
            shutil.copyfileobj(src, out.fh)
        shutil.copystat(path, backup)
    atomic_write(path, data, mode=st.st_mode & 0o7777)
    return backup
