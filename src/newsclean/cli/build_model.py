"""``newsclean build-model DIR -o MODEL``: a collocation model from an archive you trust.

The model is what flag_spun_phrases' statistical layer compares phrases against; a
newsroom's own archive of edited copy is the best reference there is. Use it with
``newsclean clean --model MODEL`` or ``newsclean.analyze(text, model=MODEL)``.
"""

from __future__ import annotations

import sys

NAME = "build-model"


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


def run(args) -> int:
    from ..spun.collocations import build_model

    try:
        out = build_model(args.sources if len(args.sources) > 1 else args.sources[0],
                          args.output, min_count=args.min_count)
    except (OSError, ValueError) as exc:
        print(f"newsclean build-model: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out}", file=sys.stderr)
    return 0
