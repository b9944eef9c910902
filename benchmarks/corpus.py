"""The benchmark corpus: news-like copy, the same for every benchmark in this folder.

Source: the OANC Slate articles in ``../shared/corpora/oanc-slate/slate.jsonl`` (open data,
see that folder's README), or the file named by ``NEWSCLEAN_CORPUS`` (JSONL with a ``text``
field, or plain text). Web news copy is set with typographic quotes, and ftfy's speed
depends on that (it is several times faster on pure ASCII), so by default the straight
quotes are turned into curly ones the way a news CMS would; ``style="ascii"`` keeps them.

    from corpus import news_corpus
    text = news_corpus(5_000_000)        # about 5 MB of curly-quoted news copy
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SHARED = ROOT.parent / "shared" / "corpora" / "oanc-slate" / "slate.jsonl"


def corpus_path() -> Path:
    env = os.environ.get("NEWSCLEAN_CORPUS")
    if env:
        return Path(env)
    if _SHARED.exists():
        return _SHARED
    raise SystemExit(
        f"benchmark corpus not found at {_SHARED}; set NEWSCLEAN_CORPUS to a JSONL file "
        "with a 'text' field or a plain-text file of news copy"
    )


@lru_cache(maxsize=None)
def documents() -> tuple[str, ...]:
    path = corpus_path()
    if path.suffix == ".jsonl":
        docs = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                title = rec.get("title") or ""
                docs.append((title + "\n\n" if title else "") + rec["text"])
        return tuple(docs)
    return tuple(p for p in path.read_text(encoding="utf-8").split("\n\n\n") if p.strip())


_OPEN_DQ = re.compile(r'(^|[\s(\[{—–-])"', re.M)
_OPEN_SQ = re.compile(r"(^|[\s(\[{—–-])'(?=\w)", re.M)


def curly(text: str) -> str:
    """Straight quotes to typographic ones (opening after space or bracket, else closing)."""
    text = _OPEN_DQ.sub("\\1\u201c", text).replace('"', "\u201d")
    text = _OPEN_SQ.sub("\\1\u2018", text).replace("'", "\u2019")
    return text.replace("--", "\u2014")


def news_corpus(size: int = 5_000_000, style: str = "curly") -> str:
    """About ``size`` characters of whole documents, separated by blank lines."""
    out: list[str] = []
    total = 0
    for doc in documents():
        out.append(doc)
        total += len(doc) + 2
        if total >= size:
            break
    text = "\n\n".join(out)
    return curly(text) if style == "curly" else text


def news_documents(n: int | None = None, style: str = "curly") -> list[str]:
    docs = list(documents()[:n] if n else documents())
    return [curly(d) for d in docs] if style == "curly" else docs
