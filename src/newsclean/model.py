"""The records a cleaning run produces: edits, flags and the result that holds them.

Every span in these records is a span of the *input* text, whatever pass produced it, so a
user can underline the damage in the document they actually have.

>>> from newsclean import analyze
>>> r = analyze("It was an dissident.")
>>> r.text
'It was a dissident.'
>>> e = r.edits[0]
>>> (e.start, e.end, e.before, e.after, e.pass_name)
(7, 9, 'an', 'a', 'fix_articles')
>>> apply_edits("It was an dissident.", r.edits) == r.text
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Mapping


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: ``input[start:end]`` (which is ``before``) became ``after``.

    ``pass_name`` names the pass that made it; when two passes changed overlapping text the
    edit is merged and ``pass_name`` lists both, joined by ``+`` in the order they ran.
    """

    start: int
    end: int
    before: str
    after: str
    pass_name: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Flag:
    """Something a pass found but did not change (``kind`` says what).

    ``suggestion`` is the wording the pass would propose (or ``None``), ``score`` its
    confidence in [0, 1]. ``data`` holds pass-specific detail (e.g. candidate names).
    """

    start: int
    end: int
    text: str
    kind: str
    suggestion: str | None
    score: float
    pass_name: str
    reason: str
    data: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if d["data"] is None:
            del d["data"]
        else:
            d["data"] = dict(d["data"])
        return d


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits given in ``text``'s coordinates and return the edited text.

    Edits must not overlap; they may come in any order.

    >>> apply_edits("a b c", [Edit(4, 5, "c", "C", "p", "r"), Edit(0, 1, "a", "A", "p", "r")])
    'A b C'
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    for e in ordered:
        if e.start < pos or e.end < e.start or e.end > len(text):
            raise ValueError(f"edit {e.start}:{e.end} overlaps another or lies outside the text")
        if text[e.start : e.end] != e.before:
            raise ValueError(
                f"edit {e.start}:{e.end} expects {e.before!r} but the text has "
                f"{text[e.start:e.end]!r}"
            )
        out.append(text[pos : e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True)
class _Extension:
    default: Any
    getter: Callable[["Result"], Any] | None
    doc: str


@dataclass(frozen=True)
class Result:
    """What :func:`newsclean.analyze` returns.

    ``text`` is the cleaned text, ``edits`` every change (input spans), ``flags`` every
    finding left unchanged (input spans), ``passes`` the passes that ran, in order.
    ``annotations`` holds document-level values that passes set (a spin score, the spans of
    a headline...). Passes declare them with :meth:`Result.set_extension`, after which they
    read as attributes, like spaCy's ``Doc._`` extensions:

    >>> Result.set_extension("example_score", default=0.0, doc="an example")
    >>> Result(source="x", text="x").example_score
    0.0
    >>> Result.remove_extension("example_score")
    """

    source: str
    text: str
    edits: tuple[Edit, ...] = ()
    flags: tuple[Flag, ...] = ()
    passes: tuple[str, ...] = ()
    annotations: Mapping[str, Any] = field(default_factory=dict)

    _extensions: ClassVar[dict[str, _Extension]] = {}

    @classmethod
    def set_extension(
        cls,
        name: str,
        *,
        default: Any = None,
        getter: Callable[["Result"], Any] | None = None,
        doc: str = "",
    ) -> None:
        """Declare a document-level attribute that a pass may set through its context."""
        if name in cls.__dataclass_fields__ or name.startswith("_"):
            raise ValueError(f"{name!r} is a reserved Result attribute")
        cls._extensions[name] = _Extension(default, getter, doc)

    @classmethod
    def remove_extension(cls, name: str) -> None:
        cls._extensions.pop(name, None)

    @classmethod
    def has_extension(cls, name: str) -> bool:
        return name in cls._extensions

    def __getattr__(self, name: str) -> Any:
        ext = type(self)._extensions.get(name)
        if ext is None:
            raise AttributeError(
                f"Result has no attribute {name!r} (declared extensions: "
                f"{sorted(type(self)._extensions)})"
            )
        if ext.getter is not None:
            return ext.getter(self)
        return self.annotations.get(name, ext.default)

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict: text, edits, flags, passes and every annotation."""
        d: dict[str, Any] = {
            "text": self.text,
            "edits": [e.to_dict() for e in self.edits],
            "flags": [f.to_dict() for f in self.flags],
            "passes": list(self.passes),
        }
        for name in type(self)._extensions:
            value = getattr(self, name)
            d[name] = _jsonable(value)
        for name, value in self.annotations.items():
            d.setdefault(name, _jsonable(value))
        return d


def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
