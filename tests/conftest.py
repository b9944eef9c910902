from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEED = ROOT / "seeds" / "000_9570a2ac5edf666c.txt"


def clean_paragraphs(name: str = "clean_news.txt") -> list[str]:
    """The negative corpus: correct news paragraphs that must come out unchanged
    (``tricky_clean.txt``: hard cases of it)."""
    text = (TESTS / "data" / name).read_text(encoding="utf-8")
    paras = [p.strip("\n") for p in text.split("\n\n")]
    return [p for p in paras if p.strip() and not p.startswith("# ")]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
