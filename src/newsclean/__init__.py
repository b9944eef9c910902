"""newsclean: clean spun and garbled news copy, and show what was wrong with it.

>>> import newsclean
>>> newsclean.clean("He hoped”nothing new” from an dissident.")
'He hoped “nothing new” from a dissident.'
>>> r = newsclean.analyze("Russia’s  talks")
>>> [(e.start, e.end, e.before, e.after, e.pass_name) for e in r.edits]
[(8, 10, '  ', ' ', 'fix_spacing')]
"""

from __future__ import annotations

from typing import Any

from ._version import __version__
from .config import Config, describe_options
from .model import Edit, Flag, Result, apply_edits
from .pipeline import PassContext, Pipeline, make_config
from .registry import Option, UnknownNameError, register_pass

__all__ = [
    "Config", "Edit", "Flag", "Option", "PassContext", "Pipeline", "Result",
    "UnknownNameError", "__version__", "analyze", "apply_edits", "clean",
    "describe_options", "register_pass",
    # batch API, loaded on first use (see __getattr__)
    "analyze_batch", "clean_batch", "clean_jsonl", "clean_parquet", "hf_map",
    "clean_series",
]

# Names imported from their module on first use, so `import newsclean` stays light.
_LAZY = {
    "analyze_batch": "batch", "clean_batch": "batch", "clean_jsonl": "batch",
    "clean_parquet": "batch", "hf_map": "batch", "clean_series": "series",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsclean' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

_default_pipeline: Pipeline | None = None


def _pipeline() -> Pipeline:
    # Built on first use, not at import: building it imports every pass module.
    global _default_pipeline
    if _default_pipeline is None:
        _default_pipeline = Pipeline()
    return _default_pipeline


def analyze(text: str, **options: Any) -> Result:
    """Clean ``text`` and return the :class:`Result`: text, edits, flags (input spans).

    Options are those of :class:`Config` (see :func:`describe_options`).
    """
    return _pipeline().run(text, make_config(options))


def clean(text: str, **options: Any) -> str:
    """Return ``text`` cleaned by the default pipeline (or the passes the options select)."""
    return _pipeline().run(text, make_config(options)).text
