"""Dask: run the batch API over a bag, a dataframe or a set of shards (``newsclean[dask]``).

Each task cleans a whole partition (or a group of shard files) with one call of the batch
API, never one document or one tiny file per task, so the scheduler's cost per task stays
small next to the cleaning it pays for. Every function returns the same documents as
:func:`newsclean.clean` one by one; the scheduler is the caller's choice (the synchronous
one in tests, a ``distributed`` cluster in production).

>>> import dask.bag as db
>>> from newsclean.dask_jobs import clean_bag
>>> bag = db.from_sequence([{"id": 1, "text": "an  apple"}, "a egg"], npartitions=1)
>>> clean_bag(bag, text_field="text").compute(scheduler="synchronous")
[{'id': 1, 'text': 'an apple'}, 'an egg']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Sequence

try:
    import dask
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("newsclean.dask_jobs needs Dask: pip install 'newsclean[dask]'") \
        from exc

from .batch import ShardStats, clean_batch, clean_files, shard_groups


def _clean_partition(items: Iterable[Any], text_field: str | None,
                     options: dict[str, Any]) -> list[Any]:
    items = list(items)
    # Records (dicts) get their text_field cleaned in a copy; plain strings are cleaned.
    texts = [it.get(text_field) if isinstance(it, dict) else it for it in items]
    cleaned = clean_batch(texts, **options)
    out = []
    for it, text in zip(items, cleaned):
        if isinstance(it, dict):
            if text is not None:
                it = {**it, text_field: text}
            out.append(it)
        else:
            out.append(text)
    return out


def clean_bag(bag, text_field: str | None = "text", **options: Any):
    """A bag of cleaned items: strings are cleaned, records (dicts) get ``text_field``
    cleaned (a record without it is passed through). One batch call per partition."""
    return bag.map_partitions(_clean_partition, text_field, dict(options))


def _clean_series_partition(series, options: dict[str, Any]):
    from .series import clean_series

    return clean_series(series, **options)


def clean_dataframe(df, column: str = "text", **options: Any):
    """The Dask dataframe with ``column`` cleaned (one batch call per partition); every
    other column, the index and the partitioning are kept."""
    col = df[column]
    cleaned = col.map_partitions(_clean_series_partition, dict(options), meta=col._meta)
    return df.assign(**{column: cleaned})


def jsonl_bag(paths: Sequence[str | os.PathLike[str]], target_bytes: int = 64_000_000):
    """A bag of the records of these JSONL files, one partition per ~``target_bytes`` of
    files (many small shards share a partition; blank lines are skipped)."""
    import dask.bag as db

    groups = shard_groups(paths, target_bytes)
    return db.from_sequence(groups, npartitions=max(1, len(groups))).map_partitions(
        _read_jsonl_groups)


def _read_jsonl_groups(groups: Iterable[list[str]]) -> list[dict[str, Any]]:
    import json

    records = []
    for group in groups:
        for path in group:
            with open(path, encoding="utf-8") as fh:
                records.extend(json.loads(line) for line in fh if line.strip())
    return records


def output_pairs(sources: Sequence[str | os.PathLike[str]],
                 output_dir: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """``(source, output)`` for each shard: the output mirrors the source's path below the
    sources' common directory, inside ``output_dir``."""
    srcs = [os.path.abspath(os.fspath(s)) for s in sources]
    if not srcs:
        return []
    root = os.path.commonpath([os.path.dirname(s) for s in srcs])
    out = Path(output_dir)
    pairs = [(s, str(out / os.path.relpath(s, root))) for s in srcs]
    if any(os.path.abspath(o) == s for s, o in pairs):
        raise ValueError("output_dir would overwrite the inputs")
    return pairs


def clean_shards(sources: Sequence[str | os.PathLike[str]],
                 output_dir: str | os.PathLike[str], fmt: str = "jsonl",
                 text_field: str = "text", target_bytes: int = 64_000_000,
                 scheduler: Any = None, **options: Any) -> list[ShardStats]:
    """Clean JSONL (or Parquet) shards into ``output_dir``, one task per group of about
    ``target_bytes`` of shards, every record's other fields untouched.

    ``scheduler`` is what ``dask.compute`` takes: ``"synchronous"``, ``"processes"``, or a
    ``distributed.Client`` (``None``: the active client, else Dask's default). Returns the
    stats of each shard, in the order of ``sources``.
    """
    pairs = output_pairs(sources, output_dir)
    by_src = dict(pairs)
    groups = shard_groups([s for s, _ in pairs], target_bytes)
    tasks = [dask.delayed(clean_files, pure=False)([(s, by_src[s]) for s in g], fmt,
                                                   text_field, **options)
             for g in groups]
    if scheduler is not None and not isinstance(scheduler, str) and \
            hasattr(scheduler, "get"):
        scheduler = scheduler.get  # a distributed.Client
    kwargs = {} if scheduler is None else {"scheduler": scheduler}
    results = dask.compute(*tasks, **kwargs)
    return [stats for group in results for stats in group]
