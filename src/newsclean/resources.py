"""Read the data files that ship inside the package (``newsclean/data``).

Always through :mod:`importlib.resources`, so they are found in an installed wheel, a zip
or a checkout alike. Text data files are UTF-8; ``#`` starts a comment line.

>>> "explained" in word_set("attribution_verbs.txt")
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterator


def data_file(name: str):
    """A Traversable for ``newsclean/data/<name>`` (``name`` may contain ``/``)."""
    node = resources.files("newsclean").joinpath("data")
    for part in name.split("/"):
        node = node.joinpath(part)
    return node


def read_text(name: str) -> str:
    return data_file(name).read_text(encoding="utf-8")


def data_lines(name: str) -> Iterator[str]:
    """Non-empty, non-comment lines of a data file, stripped."""
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def tsv_rows(name: str) -> Iterator[list[str]]:
    """Rows of a tab-separated data file, comment lines and blank lines skipped."""
    for line in read_text(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield line.rstrip("\r\n").split("\t")


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """The first column of each line of a data file, lower-cased, as a set."""
    return frozenset(line.split("\t")[0].split()[0].lower() for line in data_lines(name))
