"""Every docstring example in the installed package runs and gives what it shows.

Run from here rather than with --doctest-modules so that they test the installed
package, the same code a user imports, and not the source tree beside it.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import newsclean

_OPTIONAL = ("newsclean.spacy_component", "newsclean.integrations", "newsclean.series",
             "newsclean.dask_jobs", "newsclean.cli.dask_engine")


def _modules() -> list[str]:
    names = ["newsclean"]
    for info in pkgutil.walk_packages(newsclean.__path__, "newsclean."):
        if not info.name.endswith("__main__"):  # importing it would run the CLI
            names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_module_doctests(name):
    try:
        module = importlib.import_module(name)
    except ImportError as exc:  # an optional extra that is not installed
        if name.startswith(_OPTIONAL):
            pytest.skip(f"{name}: {exc}")
        raise
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
