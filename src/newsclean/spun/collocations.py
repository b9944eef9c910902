"""Collocation tables: how often two words stand side by side in copy we trust.

A table maps a lower-cased bigram (``"press conference"``) to its count in a reference
corpus. The lexicon builder uses one to tell a conventional phrase from an unattested
variant, the statistical layer to ask "is there a common phrase one synonym away?".
Tables are plain gzip'd TSV (``bigram<TAB>count``) so a newsroom can inspect or merge them.

>>> counts = count_bigrams(["The press conference was held. A press conference."])
>>> counts["press conference"]
2
>>> "held a" in counts     # a full stop breaks the chain
False
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping

# A word: letters/digits, with inner hyphens or apostrophes ("top-level", "isn't").
TOKEN = r"[a-z0-9]+(?:[-'][a-z0-9]+)*"
TOKEN_RE = re.compile(TOKEN)
# A run of words separated by single spaces only: bigrams never straddle punctuation.
_CHAIN_RE = re.compile(TOKEN + r"(?: " + TOKEN + r")*")
# Curly apostrophes and the hyphen look-alikes count as their ASCII forms.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-"})
_FOLD_PAIRS = (("\u2019", "'"), ("\u2018", "'"), ("\u2010", "-"), ("\u2011", "-"))

FORMAT = "newsclean-collocations/1"

# Function words: spinners leave most alone, and a collocation needs a content word.
FUNCTION_WORDS = frozenset("""
a about above after again against all almost along also although always am among an and
another any anyone anything are around as at away back be became because become been before
being below between both but by can cannot could did do does doing done down during each
either else enough even ever every few for from further get gets getting got had has have
having he her here hers herself him himself his how however i if in into is it its itself
just least less let like made make many may me might mine more most much must my myself
near neither never no nor not now of off often on once one only onto or other others our
ours ourselves out over own per quite rather really same say says said see seem seemed
shall she should since so some something still such than that the their theirs them
themselves then there these they this those though through thus to too toward towards
under until up upon us very was we were what whatever when where whether which while who
whom whose why will with within without would yet you your yours yourself yourselves
mr mrs ms dr st jr
""".split())


def normalize(text: str) -> str:
    """Lower-case ``text`` and fold apostrophes, keeping its length when possible.

    >>> normalize("Russia’s TOP-level")
    "russia's top-level"
    """
    low = text.lower()
    # str.replace is many times faster than str.translate on long texts.
    for a, b in _FOLD_PAIRS:
        if a in low:
            low = low.replace(a, b)
    if len(low) != len(text):
        # A few characters lower-case to two (İ): fold char by char so offsets still hold.
        low = "".join(c if len(c) == 1 else ch for ch, c in
                      ((ch, ch.lower().translate(_FOLD)) for ch in text))
    return low


def count_bigrams(texts: Iterable[str], counts: Counter | None = None) -> Counter:
    """Add the bigram counts of ``texts`` to ``counts`` (a new Counter by default)."""
    counts = Counter() if counts is None else counts
    for text in texts:
        for chain in _CHAIN_RE.findall(normalize(text)):
            words = chain.split(" ")
            if len(words) > 1:
                counts.update(map(" ".join, zip(words, words[1:])))
    return counts


def iter_texts(sources: str | os.PathLike | Iterable[str | os.PathLike]) -> Iterator[str]:
    """The texts in a directory tree, a file, or a list of them.

    ``.txt``/``.text``/``.md`` files are read whole; ``.jsonl`` files give the ``text``
    (and ``title``) field of each line; ``.gz`` versions of both are read too.
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for src in sources:
        path = Path(src)
        if path.is_dir():
            for sub in sorted(path.rglob("*")):
                if sub.is_file() and _readable(sub):
                    yield from _read(sub)
        elif path.is_file():
            yield from _read(path)
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")


def _readable(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith((".txt", ".text", ".md", ".jsonl"))


def _read(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    name = path.name.lower().removesuffix(".gz")
    with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
        if name.endswith(".jsonl"):
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    raise ValueError(f"{path}:{n}: not JSON ({exc})") from None
                yield "\n".join(str(rec.get(k) or "") for k in ("title", "text"))
        else:
            yield fh.read()


def write_table(counts: Mapping[str, int], out: str | os.PathLike, *, min_count: int = 1,
                source: str = "", licence: str = "") -> Path:
    """Write ``counts`` (bigrams seen at least ``min_count`` times) as a gzip'd table."""
    out = Path(out)
    if out.is_dir():
        out = out / "collocations.tsv.gz"
    elif not out.name.endswith(".gz"):
        out = out.with_name(out.name + ".tsv.gz")
    out.parent.mkdir(parents=True, exist_ok=True)
    kept = sorted(((b, c) for b, c in counts.items() if c >= min_count),
                  key=lambda bc: (-bc[1], bc[0]))
    total = sum(counts.values())
    # mtime=0: the same counts give byte-identical files (reproducible builds).
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        fh = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        fh.write(f"# {FORMAT}\n# total_bigrams\t{total}\n# min_count\t{min_count}\n")
        if source:
            fh.write(f"# source\t{source}\n")
        if licence:
            fh.write(f"# licence\t{licence}\n")
        for bigram, c in kept:
            fh.write(f"{bigram}\t{c}\n")
        fh.flush()
        fh.detach()
    return out


def read_table(path: str | os.PathLike | None) -> dict[str, int]:
    """Read a table written by :func:`write_table` (``None``: the shipped one)."""
    if path is None:
        from .. import resources
        data = resources.data_file("spun/collocations.tsv.gz").read_bytes()
        fh = io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(data)), encoding="utf-8")
        return _parse(fh, "shipped collocation table")
    path = Path(path)
    if path.is_dir():
        path = path / "collocations.tsv.gz"
    if not path.is_file():
        raise FileNotFoundError(f"no collocation model at {path} "
                                "(build one with `newsclean build-model DIR -o MODEL`)")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return _parse(fh, str(path))


def _parse(fh, name: str) -> dict[str, int]:
    first = fh.readline()
    if FORMAT not in first:
        raise ValueError(f"{name} is not a newsclean collocation table (first line {first!r})")
    table: dict[str, int] = {}
    for line in fh:
        if line.startswith("#"):
            continue
        bigram, _, count = line.rstrip("\n").partition("\t")
        table[bigram] = int(count)
    return table


@lru_cache(maxsize=8)
def load_table(path: str | None) -> dict[str, int]:
    """:func:`read_table`, once per process and path."""
    return read_table(path)


def build_model(sources, out, *, min_count: int = 2) -> Path:
    """Count the bigrams of a trusted archive and write a collocation model.

    ``sources`` is a directory (searched recursively for ``.txt``, ``.md`` and ``.jsonl``
    files, optionally gzip'd), a file, or a list of them; ``out`` a directory or file name.
    Returns the path written. Use it with ``newsclean.analyze(text, model=path)``.
    """
    counts = count_bigrams(iter_texts(sources))
    if not counts:
        raise ValueError(f"no text found in {sources!r}")
    src = sources if isinstance(sources, (str, os.PathLike)) else ", ".join(map(str, sources))
    return write_table(counts, out, min_count=min_count, source=f"built from {src}")
