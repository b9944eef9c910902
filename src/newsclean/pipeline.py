"""The pipeline: run named passes in order over a text and keep their edit log.

>>> p = Pipeline()
>>> "fix_mojibake" in p.names and "fix_articles" in p.names
True
>>> p.run("a apple and an pear").text
'an apple and a pear'
>>> Pipeline(["fix_spacing", "fix_quotes"]).names
('fix_spacing', 'fix_quotes')
"""

from __future__ import annotations

import os
from bisect import bisect_right
from typing import Any, Mapping, Sequence

from . import registry
from .config import Config
from .editlog import EditLog, LocalEdit
from .model import Flag, Result
from .registry import PassSpec, UnknownNameError


class PassContext:
    """What a pass sees: the current text and config, and where to put its findings.

    Spans given to :meth:`edit` and :meth:`flag` are spans of ``text`` (the text as the
    passes before this one left it); the pipeline maps them back to the input.
    """

    __slots__ = ("text", "config", "pass_name", "shared", "_log", "_edits", "_flags",
                 "_annotations")

    def __init__(self, text: str, config: Config, pass_name: str, log: EditLog,
                 shared: dict[str, Any], annotations: dict[str, Any]) -> None:
        self.text = text
        self.config = config
        self.pass_name = pass_name
        #: Scratch space shared by the passes of one run (e.g. a structure found early).
        self.shared = shared
        self._log = log
        self._edits: list[LocalEdit] = []
        self._flags: list[Flag] = []
        self._annotations = annotations

    @property
    def source(self) -> str:
        """The input text of the whole run."""
        return self._log.source

    def edit(self, start: int, end: int, replacement: str, reason: str) -> None:
        """Replace ``text[start:end]`` with ``replacement``, for ``reason``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"{self.pass_name}: edit span {start}:{end} outside the text")
        if self.text[start:end] != replacement:
            self._edits.append((start, end, replacement, reason))

    def flag(self, start: int, end: int, kind: str, reason: str, *,
             suggestion: str | None = None, score: float = 1.0,
             data: Mapping[str, Any] | None = None) -> None:
        """Report ``text[start:end]`` without changing it."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"{self.pass_name}: flag span {start}:{end} outside the text")
        score = min(1.0, max(0.0, float(score)))
        in_start, in_end = self._log.to_input(start, end)
        self._flags.append(Flag(in_start, in_end, self._log.source[in_start:in_end], kind,
                                suggestion, score, self.pass_name, reason,
                                dict(data) if data is not None else None))

    def annotate(self, name: str, value: Any) -> None:
        """Set a document-level value (declared with ``Result.set_extension``)."""
        if not Result.has_extension(name):
            raise ValueError(f"{self.pass_name}: declare {name!r} with Result.set_extension")
        self._annotations[name] = value

    def to_input(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the span of the input it came from."""
        return self._log.to_input(start, end)


class Pipeline:
    """An ordered list of named passes.

    ``Pipeline()`` is the default pipeline: every registered pass that is on by default, in
    registered order. ``Pipeline(names)`` runs the named passes in the order given, which is
    how passes are reordered. Options ``passes``, ``skip`` and ``enable`` then select from it.
    """

    def __init__(self, names: Sequence[str] | None = None) -> None:
        known = registry.passes()
        if names is None:
            self._order = tuple(known)
            self._on = frozenset(n for n, s in known.items() if s.default)
        else:
            for n in names:
                if n not in known:
                    raise UnknownNameError("pass", n, known)
            if len(set(names)) != len(names):
                raise ValueError(f"a pass is named twice in {list(names)!r}")
            self._order = tuple(names)
            self._on = frozenset(names)

    @property
    def names(self) -> tuple[str, ...]:
        """The passes this pipeline runs with no selection options, in order."""
        return tuple(n for n in self._order if n in self._on)

    def __repr__(self) -> str:
        return f"Pipeline({list(self.names)!r})"

    def select(self, config: Config) -> list[PassSpec]:
        """The passes a run with ``config`` executes, in order.

        Passes this pipeline does not list (a default-off pass named in ``passes`` or
        ``enable``) run at their registered place after the pipeline's own.
        """
        known = registry.ordered_passes()
        wanted = set(config.passes) if config.passes is not None else \
            set(self._on) | set(config.enable)
        wanted -= set(config.skip)
        order = self._order + tuple(n for n in known if n not in self._order)
        return [known[n] for n in order if n in wanted]

    def run(self, text: str, config: Config | None = None, **options: Any) -> Result:
        """Run the selected passes over ``text`` and return the :class:`Result`."""
        if not isinstance(text, str):
            raise TypeError(f"newsclean works on str, not {type(text).__name__}; "
                            "decode bytes first")
        if config is None:
            config = make_config(options)
        elif options:
            config = config.replace(**options)
        log = EditLog(text)
        flags: list[Flag] = []
        shared: dict[str, Any] = {}
        annotations: dict[str, Any] = {}
        ran: list[str] = []
        specs = self.select(config)
        line_local = [s for s in specs if s.line_local]
        unsettled = False
        for spec in specs:
            if unsettled and not spec.line_local:
                # A pass that reads the whole document (site chrome, names, spun phrases)
                # sees the line-local repairs settled, as a second cleaning would: else it
                # can judge a line half repaired and judge it otherwise the next time.
                _settle(log, line_local, config)
                unsettled = False
            for round_ in range(_SETTLE_ROUNDS if spec.settles else 1):
                # (a re-run's flags and annotations would repeat or re-place the first's)
                ctx = PassContext(log.text, config, spec.name, log, shared,
                                  {} if round_ else annotations)
                try:
                    spec.func(ctx)
                    if not round_:
                        flags.extend(ctx._flags)
                    if not ctx._edits:
                        break
                    ctx._edits.sort(key=lambda e: (e[0], e[1]))
                    log.compose(ctx._edits, spec.name)
                    unsettled = True
                except Exception as exc:
                    _name_the_pass(exc, spec.name)
                    raise
            ran.append(spec.name)
        if log.edits:
            _settle(log, line_local, config)
        flags.sort(key=lambda f: (f.start, f.end, f.pass_name))
        return Result(source=text, text=log.text, edits=tuple(log.edits), flags=tuple(flags),
                      passes=tuple(ran), annotations=annotations)


def _name_the_pass(exc: Exception, pass_name: str) -> None:
    """Whatever a pass raises (a third-party pass's KeyError, overlapping edits it made)
    goes on as it is, with a note naming the pass (Python 3.11 and newer show it)."""
    if hasattr(exc, "add_note") and f"newsclean pass {pass_name!r}" not in str(
            getattr(exc, "__notes__", "")):
        exc.add_note(f"(raised in newsclean pass {pass_name!r})")


# How many times the line-local passes may re-run over changed lines before we stop.
_SETTLE_ROUNDS = 3


def _settle(log: EditLog, specs: list[PassSpec], config: Config) -> None:
    """Re-run the line-local passes over the lines this run changed, until they settle.

    One pass's repair can make another's applicable (a removed zero-width space leaves a
    trailing space; a restyled quote pairs differently). Re-running only the changed lines
    keeps ``clean(clean(x)) == clean(x)`` without cleaning the whole document twice. The
    changed lines are joined into one small text, cleaned to a fixed point, and the result
    is composed back into the log. Flags are not re-reported.
    """
    if not specs:
        return
    text = log.text
    spans = log.changed_lines()
    if not spans:
        return
    joined = "\n".join(text[s:e] for s, e in spans)
    sub = EditLog(joined)
    for _ in range(_SETTLE_ROUNDS):
        before = sub.text
        for spec in specs:
            ctx = PassContext(sub.text, config, spec.name, sub, {}, {})
            try:
                spec.func(ctx)
                if ctx._edits:
                    ctx._edits.sort(key=lambda e: (e[0], e[1]))
                    sub.compose(ctx._edits, spec.name)
            except Exception as exc:
                _name_the_pass(exc, spec.name)
                raise
        if sub.text == before:
            break
    if not sub.edits:
        return
    # Map edits of the joined text back to the document, line by line.
    starts = []
    pos = 0
    for s, e in spans:
        starts.append(pos)
        pos += e - s + 1
    local = []
    for e in sub.edits:
        i = bisect_right(starts, e.start) - 1
        line_start, line_end = spans[i]
        offset = line_start - starts[i]
        if e.end + offset > line_end:
            continue  # would cross a line joint: not a line-local edit
        local.append((e.start + offset, e.end + offset, e.after, e.reason, e.pass_name))
    log.compose(local, "settle")


_CONFIG_CACHE: dict[Any, Config] = {}


def make_config(options: Mapping[str, Any]) -> Config:
    """A Config for these options, cached: building one validates every option."""
    try:
        key = tuple(sorted((k, _freeze(v)) for k, v in options.items()))
        hash(key)
    except TypeError:
        return Config(**options)
    paths = registry.path_options()
    if any(v for k, v in options.items() if k in paths):
        # Path options (gazetteer files, a model) are resolved against the working folder;
        # the same words in another folder are other files. (True and 1 are one key for
        # a dict, but the options that take either mean the same by both.)
        key += (("__cwd__", os.getcwd()),)
    cfg = _CONFIG_CACHE.get(key)
    if cfg is None:
        cfg = Config(**options)
        if len(_CONFIG_CACHE) > 256:
            _CONFIG_CACHE.clear()
        _CONFIG_CACHE[key] = cfg
    return cfg


def _freeze(v: Any) -> Any:
    if isinstance(v, list):
        return ("__list__",) + tuple(_freeze(x) for x in v)
    return v
