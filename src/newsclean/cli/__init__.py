"""The ``newsclean`` command.

Subcommands are modules of this package listed in :data:`COMMANDS`; each one exposes
``add_parser(subparsers)`` (returning its ``argparse`` parser) and ``run(args) -> int`` (the
exit status). Adding a command, say ``build-model``, means writing ``build_model.py`` with
those two functions and adding its name here.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .._version import __version__

#: The subcommand modules, in the order ``--help`` lists them.
COMMANDS = ("clean", "check", "build-model")

DESCRIPTION = """\
Clean spun and garbled news copy, and show exactly what was wrong with it.

examples:
  newsclean clean seeds/ -o clean/     write cleaned copies of seeds/**/*.txt to clean/
  newsclean check seeds/               list every finding as path:line:col: ... (writes nothing)
  newsclean build-model archive/ -o m  count an archive of trusted copy into a collocation
                                       model for flag_spun_phrases (then: clean --model m)

Run `newsclean COMMAND --help` for each command's options and more examples.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"{__name__}.{name.replace('-', '_')}")
        p = module.add_parser(sub)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    from .discover import UsageError
    from .options import OptionsError

    parser = build_parser()
    # argparse stops filling SRC... at the first option, so `clean a -o out b` would
    # reject b; such stray positionals are more inputs.
    args, extra = parser.parse_known_args(argv)
    stray = [a for a in extra if a.startswith("-") and a != "-"]
    if stray or (extra and not hasattr(args, "sources")):
        parser.parse_args(argv)  # reports the unknown arguments and exits 2
    if extra:
        args.sources = list(args.sources) + extra
    if getattr(args, "_run", None) is None:
        parser.print_help(sys.stderr)
        return 2
    restore = _safe_streams()
    try:
        status = args._run(args)
        # The work is done and reported: an interrupt arriving now (a second Ctrl-C just
        # too late) must not turn a finished run into a traceback.
        _ignore_interrupts()
        return status
    except (UsageError, OptionsError) as exc:
        print(f"newsclean {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        _ignore_interrupts()
        return 130
    except BrokenPipeError:
        # The reader of our stdout went away (e.g. `| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    finally:
        restore()


def _safe_streams():
    """Make stdout/stderr write what UTF-8 cannot encode as ``\\udcff`` escapes.

    File names that are not UTF-8 reach us as lone surrogates (surrogateescape), and so
    does a JSONL record's "\\ud800": printing one with the strict default would abort the
    whole run in the middle of a batch. Returns a function that restores the old setting.
    """
    old = []
    for stream in (sys.stdout, sys.stderr):
        try:
            old.append((stream, stream.errors))
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a TextIOWrapper (embedded, replaced)
            old.pop()

    def restore() -> None:
        for stream, errors in old:
            try:
                stream.reconfigure(errors=errors)
            except (AttributeError, ValueError):  # pragma: no cover
                pass

    return restore


def _ignore_interrupts() -> None:
    import signal

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        pass
