"""``newsclean check``: report what ``clean`` would change and what it flags; write nothing."""

from __future__ import annotations

import argparse
import json
import sys

from .common import Session, add_input_args, check_input_args, stdin_task
from .discover import Plan, check_report, plan
from .documents import Outcome, Settings, Task
from .findings import LEVELS, format_text, level_rank
from .options import add_library_args, build_options

HELP = "lint copy: one line per finding, like a compiler; writes nothing"

EXAMPLES = """\
examples:
  newsclean check seeds/                    # path:line:col: level: kind: message (suggestion)
  newsclean check --format json story.txt   # one JSON object per finding
  newsclean check --fail-on info drafts/    # also fail on flags, not only on edits

Levels: error (an input could not be read), warning (an edit clean would make),
info (a flag: found but not changed). Columns count characters from 1. For --jsonl
the line is the record's line and the column the offset in its text field, plus one.
Exit status: 1 if anything at or above --fail-on was found, else 0; 2 bad usage.
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("check", help=HELP, description=HELP.capitalize() + ".",
                              epilog=EXAMPLES,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_args(p)
    g = p.add_argument_group("findings")
    g.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: path:line:col: level: kind: message (suggestion); "
                        "json: one JSON object per line")
    g.add_argument("--fail-on", choices=LEVELS, default="warning",
                   help="exit 1 when a finding is at this level or above (default warning)")
    add_library_args(p)
    return p


def run(args: argparse.Namespace) -> int:
    options = build_options(args)
    check_input_args(args)
    globs = args.glob or (["*.jsonl"] if args.jsonl else ["*.txt"])
    if stdin_task(args.sources):
        task_plan = Plan(tasks=[Task("-", None, "<stdin>")])
    else:
        task_plan = plan(args.sources, globs, None)
    if args.report:
        check_report(args.report, task_plan.tasks)
    settings = Settings(options=options, write=False, encoding=args.encoding,
                        max_bytes=args.max_bytes, jsonl=args.jsonl,
                        text_field=args.text_field, report=bool(args.report), findings=True)
    session = Session(args, "check")
    counts = dict.fromkeys(LEVELS, 0)

    def emit(finding: dict) -> None:
        counts[finding["level"]] += 1
        if args.format == "json":
            line = json.dumps(finding, ensure_ascii=False)
        else:
            line = format_text(finding)
        sys.stdout.write(line + "\n")

    def on_outcome(task: Task, o: Outcome) -> None:
        if o.status == "error":
            emit({"path": o.path, "line": 1, "col": 1, "level": "error",
                  "kind": o.error_kind or "error", "message": o.error, "suggestion": None})
        for f in o.findings:
            emit(f)
        sys.stdout.flush()

    for path in task_plan.missing:
        emit({"path": path, "line": 1, "col": 1, "level": "error", "kind": "missing",
              "message": "no such file or directory", "suggestion": None})
    for path, message in task_plan.unreadable:
        emit({"path": path, "line": 1, "col": 1, "level": "error", "kind": "unreadable",
              "message": message, "suggestion": None})
    totals = session.execute(task_plan, settings, on_outcome)
    found = ", ".join(f"{counts[lv]} {lv}" for lv in reversed(LEVELS))
    session.summary(f"; findings: {found}")
    if totals.interrupted:
        return 130
    worst = max((level_rank(lv) for lv, n in counts.items() if n), default=-1)
    return 1 if worst >= level_rank(args.fail_on) else 0

