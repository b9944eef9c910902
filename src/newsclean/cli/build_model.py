"""``newsclean build-model DIR -o MODEL``: a collocation model from an archive you trust.

The model is what flag_spun_phrases' statistical layer compares phrases against; a
newsroom's own archive of edited copy is the best reference there is. Use it with
``newsclean clean --model MODEL`` or ``newsclean.analyze(text, model=MODEL)``.

Like ``clean``, one bad input costs that input, not the build: an unreadable or binary
file, or a malformed JSONL line, is reported (path, line) and left out, the rest is
counted, and the exit status is 1. The model file is written atomically (a temporary
file beside it, then a rename), so an interrupted build never leaves a truncated model
where a good one was.
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import Iterator

from .discover import UsageError, walk
from .readers import InputError, check_regular, decode
from .writers import TMP_SUFFIX

NAME = "build-model"
#: The file names read from directories (as the library's iter_texts reads them).
EXTENSIONS = (".txt", ".text", ".md", ".jsonl")
#: Bad JSONL lines reported one by one per file; the rest are counted.
MAX_LINE_MESSAGES = 5


def add_parser(subparsers):
    p = subparsers.add_parser(
        NAME, help="count the bigrams of an archive of clean copy into a collocation model",
        description=__doc__.split("\n\n")[0])
    p.add_argument("sources", nargs="+", metavar="DIR_OR_FILE",
                   help="directories (searched for .txt, .md, .jsonl, optionally .gz) or files")
    p.add_argument("-o", "--output", required=True, metavar="MODEL",
                   help="output file (.tsv.gz is added) or directory")
    p.add_argument("--min-count", type=int, default=2,
                   help="drop bigrams seen fewer times (default 2)")
    p.set_defaults(func=run)
    return p


def _wanted(rel: str, name: str) -> bool:
    return name.lower().removesuffix(".gz").endswith(EXTENSIONS)


def model_path(out: str | os.PathLike) -> Path:
    """Where :func:`~newsclean.spun.collocations.write_table` puts a model for ``out``."""
    path = Path(out)
    if path.is_dir():
        return path / "collocations.tsv.gz"
    if not path.name.endswith(".gz"):
        return path.with_name(path.name + ".tsv.gz")
    return path


class _Build:
    def __init__(self) -> None:
        self.failures: list[tuple[str, str]] = []
        self.files = 0

    def fail(self, path: str, message: str) -> None:
        self.failures.append((path, message))
        print(f"newsclean build-model: {path}: {message}", file=sys.stderr, flush=True)

    def texts(self, files: list[str]) -> Iterator[str]:
        for path in files:
            try:
                yield from self._read(path)
                self.files += 1
            except InputError as exc:
                reason = "binary file (contains NUL bytes)" if exc.kind == "binary" else exc
                self.fail(path, f"{reason}; left out")
            except (OSError, EOFError, zlib.error) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                self.fail(path, f"cannot read: {reason}; left out")

    def _read(self, path: str) -> Iterator[str]:
        gz = path.lower().endswith(".gz")
        name = path.lower().removesuffix(".gz")
        check_regular(path)  # a FIFO would block, a directory is no text
        opener = gzip.open if gz else open
        with opener(path, "rb") as fh:
            if name.endswith(".jsonl"):
                yield from self._jsonl(path, fh)
            else:
                # The same reading as `clean`: binary and undecodable files are refused,
                # not counted as text.
                yield decode(fh.read()).text

    def _jsonl(self, path: str, fh) -> Iterator[str]:
        bad = 0
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
                if not isinstance(rec, dict):
                    raise ValueError("not a JSON object")
            except (UnicodeDecodeError, ValueError) as exc:
                bad += 1
                if bad <= MAX_LINE_MESSAGES:
                    self.fail(f"{path}:{n}", f"not a JSON object ({exc}); line left out")
                continue
            yield "\n".join(str(rec.get(k) or "") for k in ("title", "text"))
        if bad > MAX_LINE_MESSAGES:
            self.fail(path, f"{bad - MAX_LINE_MESSAGES} more bad line(s) left out")


def run(args) -> int:
    try:
        return _run(args)
    except UsageError as exc:  # also when called without main() (exit status 2)
        print(f"newsclean build-model: error: {exc}", file=sys.stderr)
        return 2


def _run(args) -> int:
    from ..spun.collocations import count_bigrams, write_table

    files: list[str] = []
    build = _Build()
    problems: list[tuple[str, str]] = []
    for src in args.sources:
        if os.path.isdir(src):
            files.extend(os.path.join(src, rel) for rel, _ in walk(src, _wanted,
                                                                   problems=problems))
        elif os.path.exists(src):
            files.append(src)
        else:
            raise UsageError(f"{src}: no such file or directory")
    target = model_path(args.output)
    if target.is_dir():
        raise UsageError(f"-o {args.output}: {target} is a directory")
    for path, message in problems:
        build.fail(path, message)
    counts = count_bigrams(build.texts(files), Counter())
    if not counts:
        print(f"newsclean build-model: no text found in {', '.join(args.sources)}",
              file=sys.stderr)
        return 2 if not build.failures else 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"-o {args.output}: cannot create {target.parent}: "
                         f"{exc.strerror or exc}") from None
    # write_table writes in place: give it a temporary name beside the target (ending in
    # .gz, so it is used as is) and rename when it is complete.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}"
                           f"{TMP_SUFFIX}.gz")
    src = args.sources[0] if len(args.sources) == 1 else ", ".join(args.sources)
    try:
        write_table(counts, tmp, min_count=args.min_count, source=f"built from {src}")
        os.replace(tmp, target)
    except OSError as exc:
        print(f"newsclean build-model: {target}: not written: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    print(f"wrote {target} ({build.files} file(s) counted)", file=sys.stderr)
    if build.failures:
        print(f"newsclean build-model: {len(build.failures)} problem(s) (see above); "
              "the model leaves those inputs out", file=sys.stderr)
        return 1
    return 0
