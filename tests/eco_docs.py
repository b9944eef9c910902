"""Documents shared by the ecosystem tests: garbled copy of every kind the passes repair,
clean copy that must come through unchanged, and edge cases (empty, whitespace)."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

DOCS = [
    "He hoped\u201dnothing new\u201d from an dissident.",
    "The caf\u00c3\u00a9 owner said the the rent had doubled.",
    "Officials  met on Monday ,and agreed a plan .",
    "The council voted 7-2 on Tuesday to approve the budget.",
    "They said the zebra zebra ran.",
    "",
    "   \n",
    "Share this article\n\nThe mayor spoke on Monday about the plan for the city.\n\n"
    "Read more: Local news\n",
    "Le caf\u00e9 \u00e9tait ferm\u00e9 \u2014 \u201cclosed\u201d, said a egg seller.",
]


def documents() -> list[str]:
    seeds = sorted(SEEDS.glob("*.txt"))
    return DOCS + [p.read_text(encoding="utf-8") for p in seeds]
