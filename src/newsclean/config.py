"""An immutable, validated set of options for one cleaning run.

Options are declared by the pipeline (``passes``, ``skip``, ``enable``) and by the passes
that read them (``quotes`` by ``fix_quotes``, ...). Unknown names and bad values are
rejected with a helpful message; every option has a documented default.

>>> cfg = Config(quotes="curly")
>>> cfg.quotes, cfg.skip
('curly', ())
>>> Config(quote="curly")
Traceback (most recent call last):
...
newsclean.registry.UnknownNameError: unknown option 'quote'. Did you mean 'quotes'? ...
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping

from . import registry
from .registry import Option, UnknownNameError


def _name_list(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    try:
        names = tuple(value)
    except TypeError:
        raise TypeError(f"expected a list of pass names, not {value!r}") from None
    for n in names:
        if not isinstance(n, str):
            raise TypeError(f"pass names must be strings, not {n!r}")
        registry.get_pass(n)  # raises UnknownNameError with suggestions
    return names


def _skip_list(value: Any) -> tuple[str, ...]:
    return _name_list(value) or ()


registry.register_core_option(Option(
    "passes", None,
    "Run only these passes (in pipeline order); None runs the default pipeline.",
    convert=_name_list))
registry.register_core_option(Option(
    "skip", (), "Passes to leave out of the pipeline.", convert=_skip_list))
registry.register_core_option(Option(
    "enable", (), "Passes that are off by default to run as well.", convert=_skip_list))


class Config(Mapping[str, Any]):
    """Options for a run, frozen; read them as attributes or keys.

    Unset options take their documented defaults (see :func:`describe_options`).
    """

    __slots__ = ("_values", "_hash")

    def __init__(self, **options: Any) -> None:
        known = registry.options()
        values: dict[str, Any] = {}
        for name, value in options.items():
            opt = known.get(name)
            if opt is None:
                raise UnknownNameError("option", name, known)
            values[name] = opt.check(value)
        for name, opt in known.items():
            values.setdefault(name, opt.default)
        if values.get("passes") is not None and values.get("enable"):
            # passes= names every pass to run; enable= adds to the default set. Together,
            # enable= would be silently ignored.
            raise ValueError("give passes= (the passes to run) or enable= (default-off "
                             "passes to add to the default ones), not both")
        object.__setattr__(self, "_values", MappingProxyType(values))
        object.__setattr__(self, "_hash", None)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no option {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Config is immutable; use .replace(...)")

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = hash(tuple(sorted((k, _hashable(v)) for k, v in self._values.items())))
            object.__setattr__(self, "_hash", h)
        return h

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and dict(self._values) == dict(other._values)

    def __repr__(self) -> str:
        known = registry.options()
        changed = {k: v for k, v in self._values.items()
                   if k in known and v != known[k].default}
        return "Config(" + ", ".join(f"{k}={v!r}" for k, v in sorted(changed.items())) + ")"

    def __reduce__(self):
        # Picklable (process pools send configs to workers): rebuilt, and so re-validated,
        # from the options that differ from their defaults.
        known = registry.options()
        changed = {k: v for k, v in self._values.items()
                   if k in known and v != known[k].default}
        return (_rebuild, (changed,))

    def replace(self, **changes: Any) -> "Config":
        """A copy with some options changed (validated like the constructor)."""
        known = registry.options()
        merged = {k: v for k, v in self._values.items()
                  if k in known and v != known[k].default}
        merged.update(changes)
        return Config(**merged)

    def to_dict(self) -> dict[str, Any]:
        """The options as plain data (tuples and sets as lists: JSON-friendly)."""
        return {k: (sorted(v) if isinstance(v, (set, frozenset))
                    else list(v) if isinstance(v, tuple) else v)
                for k, v in self._values.items()}

    @classmethod
    def from_toml(cls, path: str | Path, **overrides: Any) -> "Config":
        """Read options from a TOML file (top-level keys, a ``[newsclean]`` table, or
        ``[tool.newsclean]`` in a ``pyproject.toml``).

        Keys are the option names; ``overrides`` win over the file. Relative file paths
        in it (gazetteers, pattern files, a model) are read from the file's folder.
        """
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        with open(path, "rb") as fh:
            try:
                data = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise ValueError(f"{os.fspath(path)}: not valid TOML: {exc}") from None
        if isinstance(data.get("tool"), dict) and isinstance(data["tool"].get("newsclean"),
                                                               dict):
            data = data["tool"]["newsclean"]          # a pyproject.toml
        elif isinstance(data.get("newsclean"), dict):
            data = data["newsclean"]
        data = {k.replace("-", "_"): v for k, v in data.items()}
        # Relative paths in the file are the file's own folder's, wherever it is read from.
        folder = Path(path).resolve().parent
        known = registry.options()
        for name, value in data.items():
            if name in known and known[name].paths and value:
                data[name] = ([_beside(folder, v) for v in value]
                              if isinstance(value, list) else _beside(folder, value))
        data.update(overrides)
        return cls(**data)


def _beside(folder: Path, value: Any) -> Any:
    return str(folder / value) if isinstance(value, str) and not os.path.isabs(value) \
        else value


def _rebuild(options: dict[str, Any]) -> Config:
    return Config(**options)


def _hashable(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, Mapping):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def describe_options() -> str:
    """Every option, its default and what it does, one per line (for docs and ``--help``)."""
    lines = []
    for name, opt in sorted(registry.options().items()):
        lines.append(f"{name} (default {opt.default!r}): {opt.doc}")
    return "\n".join(lines)
