"""``newsclean clean``: write cleaned copies of files, directories, JSONL corpora or stdin."""

from __future__ import annotations

import argparse
import os
import sys

from .common import Session, add_input_args, check_input_args, stdin_task
from .discover import Plan, UsageError, check_report, plan
from .documents import Outcome, Settings, Task
from .options import add_library_args, build_options

HELP = "write cleaned copies (never touches the inputs unless --in-place)"

EXAMPLES = """\
examples:
  newsclean clean seeds/ -o clean/          # mirror seeds/*.txt (recursively) into clean/
  newsclean clean story.txt > fixed.txt     # one file to stdout
  newsclean clean --jsonl corpus.jsonl -o out/ --report report.jsonl
  newsclean clean drafts/ --diff            # show what would change, write nothing
  cat story.txt | newsclean clean - --skip fix_quotes

Output is UTF-8 with each input's line endings; a file's output is exactly
newsclean.clean() of its decoded text (read with \\n line ends, which are then turned back
into the file's own). Exit status: 0 done, 1 some inputs failed, 2 bad usage,
130 interrupted.
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("clean", help=HELP, description=HELP.capitalize() + ".",
                              epilog=EXAMPLES,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_args(p)
    g = p.add_argument_group("output")
    g.add_argument("-o", "--output", metavar="OUT",
                   help="directory to write the cleaned files to (mirrors the inputs)")
    g.add_argument("--in-place", action="store_true",
                   help="overwrite the inputs (keeping a backup unless --no-backup)")
    g.add_argument("--backup-suffix", default=".bak", metavar="SUFFIX",
                   help="suffix of --in-place backups (default .bak; not empty: use "
                        "--no-backup to keep none)")
    g.add_argument("--no-backup", action="store_true", help="--in-place without backups")
    g.add_argument("--diff", action="store_true",
                   help="print unified diffs on stdout instead of writing")
    g.add_argument("--dry-run", action="store_true",
                   help="write nothing; say what would change")
    g.add_argument("--resume", action="store_true",
                   help="skip inputs whose output exists and is not older than the input")
    g.add_argument("--annotate", action="store_true",
                   help="JSONL: store the flags and spin score in each record "
                        "(under --annotate-field)")
    g.add_argument("--annotate-field", default="newsclean", metavar="NAME",
                   help="the field --annotate adds (default: newsclean)")
    add_library_args(p)
    return p


def run(args: argparse.Namespace) -> int:
    options = build_options(args)
    check_input_args(args)
    from_stdin = stdin_task(args.sources)
    writing = not (args.diff or args.dry_run)
    if args.in_place and args.output:
        raise UsageError("give either -o OUT or --in-place, not both")
    if args.in_place and from_stdin:
        raise UsageError("--in-place cannot be used with - (stdin)")
    if args.no_backup and not args.in_place:
        raise UsageError("--no-backup only makes sense with --in-place")
    # An empty suffix would name the backup after the input itself: say --no-backup.
    if args.in_place and not args.no_backup and not args.backup_suffix:
        raise UsageError("--backup-suffix cannot be empty (to keep no backups, give "
                         "--no-backup)")
    if args.in_place and ("/" in args.backup_suffix or os.sep in args.backup_suffix):
        raise UsageError(f"--backup-suffix {args.backup_suffix}: must not contain a path "
                         "separator (backups are written beside their input)")
    if from_stdin and args.output:
        # stdin has no file name to mirror under OUT; ignoring -o would surprise.
        raise UsageError("- (stdin) is written to stdout; -o cannot be used with it "
                         "(redirect instead: newsclean clean - > OUT/story.txt)")
    if args.resume and not args.output:
        raise UsageError("--resume needs -o OUT")
    if args.annotate and not args.jsonl:
        raise UsageError("--annotate applies to --jsonl input")
    to_stdout = False
    if writing and not args.output and not args.in_place:
        single_file = len(args.sources) == 1 and not os.path.isdir(args.sources[0])
        if not (from_stdin or single_file):
            raise UsageError("where should the output go? Give -o OUT (a directory), "
                             "--in-place, --diff or --dry-run")
        to_stdout = True
    if args.output and os.path.exists(args.output) and not os.path.isdir(args.output):
        raise UsageError(f"-o {args.output}: exists and is not a directory")

    globs = args.glob or (["*.jsonl"] if args.jsonl else ["*.txt"])
    if from_stdin:
        task_plan = Plan(tasks=[Task("-", "-" if writing else None, "<stdin>")])
    else:
        task_plan = plan(args.sources, globs, args.output if writing else None,
                         in_place=args.in_place and writing, to_stdout=to_stdout,
                         resume=args.resume,
                         backup_suffix=None if args.no_backup else args.backup_suffix)
    if args.report:
        check_report(args.report, task_plan.tasks + task_plan.up_to_date)
    settings = Settings(
        options=options, write=writing, in_place=args.in_place,
        backup_suffix=None if args.no_backup else args.backup_suffix, diff=args.diff,
        encoding=args.encoding, max_bytes=args.max_bytes, jsonl=args.jsonl,
        text_field=args.text_field, annotate=args.annotate,
        annotate_field=args.annotate_field, report=bool(args.report))
    session = Session(args, "clean")
    would_change: list[str] = []

    def on_outcome(task: Task, o: Outcome) -> None:
        if o.stdout is not None:
            sys.stdout.buffer.write(o.stdout)
            sys.stdout.buffer.flush()
        if o.diff:
            sys.stdout.write(o.diff if o.diff.endswith("\n") else o.diff + "\n")
            sys.stdout.flush()
        if args.dry_run and o.changed_documents and not o.partial:
            would_change.append(o.path)
            session.say(f"would change {o.path} ({o.edits} edit(s), {o.flags} flag(s))")

    totals = session.execute(task_plan, settings, on_outcome)
    extra = ""
    if args.dry_run:
        extra = f"; dry run: {len(would_change)} file(s) would change, nothing written"
    elif writing and not to_stdout and not from_stdin:
        extra = f"; {totals.written} file(s) written"
    session.summary(extra)
    if totals.interrupted:
        return 130
    return 1 if totals.failures else 0
