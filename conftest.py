"""Doctests of the optional integrations run only where their extra is installed."""

from importlib.util import find_spec

_NEEDS = {
    "src/newsclean/spacy_component.py": "spacy",
    "src/newsclean/series.py": "pandas",
    "src/newsclean/dask_jobs.py": "dask",
    "src/newsclean/cli/dask_engine.py": "distributed",
}

collect_ignore = [path for path, module in _NEEDS.items() if find_spec(module) is None]
