"""Progress bar and messages on stderr, so stdout carries only machine-readable output.

The bar is drawn only when stderr is a terminal and ``-q`` wasn't given; it is redrawn at
most ten times a second and wiped before any message, so messages never mix with it.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f}"


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Files and megabytes done out of the total, rate and estimated time left."""

    def __init__(self, total_files: int, total_bytes: int, *, enabled: bool,
                 stream: TextIO | None = None, unit: str = "files") -> None:
        self.total_files = total_files
        self.total_bytes = max(total_bytes, 0)
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.unit = unit
        self.files = 0
        self.bytes = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._shown = False

    def advance(self, files: int = 1, nbytes: int = 0) -> None:
        self.files += files
        self.bytes += nbytes
        if self.enabled:
            now = time.monotonic()
            if now - self._last >= 0.1 or self.files >= self.total_files:
                self._last = now
                self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-6)
        rate = self.bytes / elapsed
        frac = self.bytes / self.total_bytes if self.total_bytes else (
            self.files / self.total_files if self.total_files else 1.0)
        frac = min(max(frac, 0.0), 1.0)
        eta = (elapsed / frac - elapsed) if frac > 0 else 0.0
        info = (f" {self.files}/{self.total_files} {self.unit}  "
                f"{_mb(self.bytes)}/{_mb(self.total_bytes)} MB  {_mb(rate)} MB/s  "
                f"ETA {_clock(eta)}")
        width = shutil.get_terminal_size((80, 20)).columns
        bar_width = max(10, min(40, width - len(info) - 3))
        filled = int(bar_width * frac)
        line = "[" + "#" * filled + "." * (bar_width - filled) + "]" + info
        self.stream.write("\r" + line[: width - 1] + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def message(self, text: str) -> None:
        """Print a line on stderr without tearing the bar."""
        self.clear()
        print(text, file=self.stream, flush=True)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.start
