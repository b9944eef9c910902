"""Command-line flags for the library's options, and the options dict they build.

Every option a registered pass declares gets a flag generated from its declaration
(``unicode_extras`` becomes ``--unicode-extras/--no-unicode-extras``, an option with
choices gets ``--name CHOICE``), so a new pass needs no CLI change. A few flags are named
here because users reach for them by name (``--skip``, ``--only``, ``--quotes``,
``--gazetteer``, ``--restore-spun``); if the installed library has no such option, using
the flag is a clear error rather than a silent no-op. ``--config FILE`` reads the same
option names from TOML; flags win over the file. :class:`newsclean.Config` validates it all.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import registry
from ..config import Config
from ..registry import UnknownNameError

# Options handled by the named flags below (and the pipeline's own ones).
_NAMED = ("passes", "skip", "enable", "quotes", "gazetteer", "restore_spun")


class OptionsError(Exception):
    """A bad option on the command line or in a config file (exit status 2)."""


def _names(value: str) -> list[str]:
    return [v for v in value.replace(",", " ").split() if v]


def add_library_args(parser: argparse.ArgumentParser) -> None:
    """Add the flags that set library options to ``parser``."""
    g = parser.add_argument_group(
        "cleaning options (the library's options; see also --config)")
    g.add_argument("--config", metavar="FILE",
                   help="TOML file of library options (top-level keys or a [newsclean] "
                        "table, e.g. skip = [\"fix_quotes\"]); flags win over it; "
                        "file paths in it are relative to the current directory")
    g.add_argument("--skip", metavar="PASS", action="append", type=_names, dest="lib_skip",
                   help="leave out this pass (repeatable, or comma-separated)")
    g.add_argument("--only", metavar="PASS", action="append", type=_names,
                   dest="lib_passes", help="run only these passes (repeatable)")
    g.add_argument("--enable", metavar="PASS", action="append", type=_names,
                   dest="lib_enable", help="also run this default-off pass (repeatable)")
    known = registry.options()
    quotes = known.get("quotes")
    g.add_argument("--quotes", metavar="STYLE", dest="lib_quotes",
                   help="quote style for fix_quotes" + (
                       f" ({', '.join(map(str, quotes.choices))})"
                       if quotes is not None and quotes.choices else ""))
    g.add_argument("--gazetteer", metavar="FILE", action="append", dest="lib_gazetteer",
                   help="extra names for restore_entities (repeatable)")
    g.add_argument("--restore-spun", action="store_const", const=True,
                   dest="lib_restore_spun",
                   help="rewrite spun phrases the spin detector is sure of (default: flag)")
    for name, opt in sorted(known.items()):
        if name in _NAMED:
            continue
        flag = "--" + name.replace("_", "-")
        dest = "lib_" + name
        doc = f"{opt.doc} (default: {opt.default!r})".replace("%", "%%")
        if opt.choices is not None and set(opt.choices) <= {True, False}:
            g.add_argument(flag, dest=dest, action=argparse.BooleanOptionalAction,
                           default=None, help=doc)
        elif opt.choices is not None:
            by_text = {str(c): c for c in opt.choices}
            g.add_argument(flag, dest=dest, metavar="VALUE", choices=list(by_text),
                           type=str, help=doc)
            parser.set_defaults(**{"_choices_" + name: by_text})
        elif isinstance(opt.default, (tuple, list, set, frozenset)):
            g.add_argument(flag, dest=dest, metavar="VALUE", action="append", help=doc)
        elif isinstance(opt.default, bool):
            g.add_argument(flag, dest=dest, action=argparse.BooleanOptionalAction,
                           default=None, help=doc)
        elif isinstance(opt.default, (int, float)):
            g.add_argument(flag, dest=dest, metavar="N", type=type(opt.default), help=doc)
        else:
            g.add_argument(flag, dest=dest, metavar="VALUE", help=doc)


def _flag_values(args: argparse.Namespace) -> dict[str, Any]:
    """The library options given as flags: {option name: raw value}."""
    out: dict[str, Any] = {}
    for dest, value in vars(args).items():
        if not dest.startswith("lib_") or value is None:
            continue
        name = dest[4:]
        if name in ("skip", "passes", "enable"):
            value = [n for group in value for n in group]
        elif isinstance(value, str):
            value = getattr(args, "_choices_" + name, {}).get(value, value)
        out[name] = value
    return out


def _read_toml(path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise OptionsError(f"--config {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise OptionsError(f"--config {path}: not valid TOML: {exc}") from None
    # The same reading as Config.from_toml: a [newsclean] table or top-level keys.
    if isinstance(data.get("newsclean"), dict):
        data = data["newsclean"]
    return {k.replace("-", "_"): v for k, v in data.items()}


def build_options(args: argparse.Namespace) -> dict[str, Any]:
    """The raw library options for this run, validated by :class:`newsclean.Config`.

    Raw (not the converted ``Config`` values) because they are sent to worker processes,
    which build their own ``Config`` from them.
    """
    options: dict[str, Any] = {}
    if args.config:
        options.update(_read_toml(args.config))
        try:
            Config.from_toml(args.config)
        except UnknownNameError as exc:
            raise OptionsError(f"--config {args.config}: {exc}") from None
        except (ValueError, TypeError) as exc:
            raise OptionsError(f"--config {args.config}: {exc}") from None
    flags = _flag_values(args)
    options.update(flags)
    try:
        Config(**options)
    except UnknownNameError as exc:
        if exc.name in flags:
            flag = "--" + ("only" if exc.name == "passes" else exc.name.replace("_", "-"))
            raise OptionsError(
                f"{flag} is not supported by this installation of newsclean: no pass "
                f"declares the option {exc.name!r}") from None
        raise OptionsError(str(exc)) from None
    except (ValueError, TypeError) as exc:
        raise OptionsError(str(exc)) from None
    return options
