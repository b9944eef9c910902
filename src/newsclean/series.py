"""pandas: clean a column of texts (needs ``newsclean[pandas]``).

``df["text"].map(newsclean.clean)`` works as is; :func:`clean_series` does the same in one
call that validates the options once and keeps the index, the name and missing values.

>>> import pandas as pd
>>> from newsclean.series import clean_series
>>> clean_series(pd.Series(["an  apple", None], index=[3, 9], dtype=object)).tolist()
['an apple', None]
"""

from __future__ import annotations

from typing import Any

try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("newsclean.clean_series needs pandas: "
                      "pip install 'newsclean[pandas]'") from exc

from .batch import clean_batch


def clean_series(series, **options: Any):
    """A new Series of :func:`newsclean.clean` of each value; missing values (``None``,
    ``NaN``, ``pd.NA``) stay as they are, anything else that is not text is an error. Index,
    name and dtype are kept (a categorical column comes back as ``object``: its cleaned
    values may be new categories)."""
    values = series.tolist()
    present = [i for i, v in enumerate(values) if not _missing(v)]
    cleaned = clean_batch([values[i] for i in present], **options)
    out = list(values)
    for i, text in zip(present, cleaned):
        out[i] = text
    # A categorical column cannot hold values outside its categories (pandas would make
    # every cleaned value it does not know NaN): its cleaned values come back as objects.
    dtype = object if isinstance(series.dtype, pd.CategoricalDtype) else series.dtype
    return pd.Series(out, index=series.index, name=series.name, dtype=dtype)


def _missing(value: Any) -> bool:
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array: not missing, and not text
        return False
