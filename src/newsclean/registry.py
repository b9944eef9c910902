"""Passes are registered by name, with the options they read, like spaCy's factories.

A pass is a function that takes a :class:`~newsclean.context.PassContext` and proposes edits
and flags through it. Registering it makes it known to :class:`~newsclean.Pipeline`, to the
options checker and to the CLI; no other file needs to change::

    from newsclean.registry import Option, register_pass

    @register_pass("shout_less", order=900, default=False,
                   options=[Option("shout_limit", 3, "how many '!' to keep")])
    def shout_less(ctx):
        '''Trim runs of exclamation marks.'''
        ...

Built-in passes live one per module in :mod:`newsclean.passes` and are found there; other
packages register theirs through the ``newsclean.passes`` entry-point group.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
import warnings
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, Sequence

PassFunc = Callable[[Any], None]


@dataclass(frozen=True)
class Option:
    """An option a pass reads from the config: its name, default and meaning.

    ``choices`` restricts the value; ``convert`` checks and normalises it (it must return a
    hashable value and raise ``ValueError``/``TypeError`` with a helpful message if wrong).
    ``paths``: the value is a file path or a list of them (a configuration file's relative
    paths are then read from the file's folder).
    """

    name: str
    default: Any
    doc: str
    choices: tuple[Any, ...] | None = None
    convert: Callable[[Any], Any] | None = None
    paths: bool = False

    def check(self, value: Any) -> Any:
        if self.convert is not None:
            value = self.convert(value)
        if self.choices is not None and value not in self.choices:
            choices = ", ".join(repr(c) for c in self.choices)
            raise ValueError(f"option {self.name!r} must be one of {choices}, not {value!r}")
        return value


@dataclass(frozen=True)
class PassSpec:
    """A registered pass: its name, function, place in the default order and options."""

    name: str
    func: PassFunc
    order: int
    default: bool
    options: tuple[Option, ...] = field(default=())
    line_local: bool = False
    settles: bool = False

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]


_PASSES: dict[str, PassSpec] = {}
_CORE_OPTIONS: dict[str, Option] = {}
_lock = threading.RLock()
_discovered = False
_version = 0                # bumped by every registration (ordered_passes' cache key)


def register_pass(
    name: str | None = None,
    *,
    order: int,
    default: bool = True,
    options: Iterable[Option] = (),
    line_local: bool = False,
    settles: bool = False,
) -> Callable[[PassFunc], PassFunc]:
    """Register a pass under ``name`` (default: the function's name).

    ``order`` places it in the default pipeline (lower runs first); ``default`` says whether
    the default pipeline runs it. ``line_local`` declares that the pass judges each line on
    its own (no document-level state): the pipeline then re-runs it on the lines a run
    changed, until they settle, so that cleaning twice changes nothing more. ``settles``
    declares a whole-document pass whose own changes can make it judge other places
    otherwise (site chrome removed brings other lines together): the pipeline re-runs it
    over its own output while it changes something, up to three times. Registering a
    name twice replaces the earlier pass, so a user can override a built-in one.
    """

    # Checked before anything is registered: a bad registration (a plug-in's, say) must
    # fail where it is made, not break every later clean() with an error naming nothing.
    if isinstance(order, bool) or not isinstance(order, (int, float)):
        raise TypeError(f"register_pass: order must be a number, not {order!r}")
    if name is not None and (not isinstance(name, str) or not name):
        raise TypeError(f"register_pass: name must be a non-empty str, not {name!r}")

    def decorate(func: PassFunc) -> PassFunc:
        global _version
        if not callable(func):
            raise TypeError(f"register_pass: a pass is a function taking a PassContext, "
                            f"not {func!r}")
        pass_name = name or func.__name__
        opts = tuple(options)
        with _lock:
            for opt in opts:
                owner = _option_owner(opt.name)
                if owner is not None and owner != pass_name:
                    raise ValueError(f"option {opt.name!r} of pass {pass_name!r} is already "
                                     f"declared by {owner!r}")
            _PASSES[pass_name] = PassSpec(pass_name, func, order, default, opts, line_local,
                                          settles)
            _version += 1
        func.pass_name = pass_name  # type: ignore[attr-defined]
        return func

    return decorate


def register_core_option(opt: Option) -> None:
    """Declare an option that belongs to the pipeline itself rather than to one pass."""
    _CORE_OPTIONS[opt.name] = opt


def _option_owner(option_name: str) -> str | None:
    if option_name in _CORE_OPTIONS:
        return "pipeline"
    for spec in _PASSES.values():
        if any(o.name == option_name for o in spec.options):
            return spec.name
    return None


def discover() -> None:
    """Import the built-in pass modules and third-party entry points, once."""
    global _discovered
    if _discovered:
        return
    with _lock:
        if _discovered:
            return
        from . import passes

        for mod in pkgutil.iter_modules(passes.__path__):
            if not mod.name.startswith("_"):
                importlib.import_module(f"{passes.__name__}.{mod.name}")
        _load_entry_points()
        _discovered = True


def _load_entry_points() -> None:
    from importlib.metadata import entry_points

    for ep in entry_points(group="newsclean.passes"):
        try:
            ep.load()
        except Exception as exc:  # a broken plug-in must not take the library down
            warnings.warn(f"newsclean: could not load pass plug-in {ep.name!r}: {exc}",
                          RuntimeWarning, stacklevel=2)


_ordered: tuple = (None, MappingProxyType({}))


def ordered_passes() -> Mapping[str, PassSpec]:
    """Every registered pass by name, in default order (read-only view).

    Sorted again only when the registry changed: the pipeline asks for it on every run,
    and sorting on each call cost about 1 ms per MB of short articles.
    """
    global _ordered
    discover()
    key = (_version, len(_PASSES))
    if _ordered[0] != key:
        _ordered = (key, MappingProxyType(
            dict(sorted(_PASSES.items(), key=lambda kv: (kv[1].order, kv[0])))))
    return _ordered[1]


def passes() -> dict[str, PassSpec]:
    """Every registered pass by name, in default order."""
    return dict(ordered_passes())


def get_pass(name: str) -> PassSpec:
    known = passes()
    if name not in known:
        raise UnknownNameError("pass", name, known)
    return known[name]


def options() -> dict[str, Option]:
    """Every option the pipeline and its passes understand, by name."""
    discover()
    out = dict(_CORE_OPTIONS)
    for spec in passes().values():
        for opt in spec.options:
            out[opt.name] = opt
    return out


_PATH_OPTIONS: tuple[int, frozenset[str]] = (-1, frozenset())


def path_options() -> frozenset[str]:
    """The names of the options whose values are file paths (worked out once per set of
    registered passes: the pipeline asks on every call)."""
    global _PATH_OPTIONS
    discover()
    version, names = _PATH_OPTIONS
    if version != _version:
        names = frozenset(name for name, opt in options().items() if opt.paths)
        _PATH_OPTIONS = (_version, names)
    return names


class UnknownNameError(ValueError):
    """An unknown pass or option name, with the nearest known names in the message."""

    def __init__(self, what: str, name: str, known: Sequence[str] | dict[str, Any]) -> None:
        import difflib

        names = sorted(known)
        close = difflib.get_close_matches(name, names, n=3)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        plural = what + ("es" if what.endswith("s") else "s")
        super().__init__(f"unknown {what} {name!r}.{hint} Known {plural}: {', '.join(names)}")
        self.name = name
