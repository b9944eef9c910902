"""Clean many documents at once: lists of texts, JSON Lines shards and Parquet shards.

These are the building blocks the engines map over (a process pool, Dask, Spark, Ray,
``datasets.map``). Each is a plain module-level function, so it pickles by reference and a
worker process receives only the function's name and its arguments. Heavy resources are
loaded once per process, at first use, by the passes themselves (``lru_cache`` keyed on the
options); a batch also builds and validates its options once, not once per document.
Every result equals :func:`newsclean.clean` of the same document with the same options.

>>> from newsclean.batch import clean_batch, hf_map
>>> clean_batch(["He bought an  apple.", "They hoped”nothing new”."])
['He bought an apple.', 'They hoped “nothing new”.']
>>> hf_map({"text": ["an  apple"], "id": [7]})
{'text': ['an apple']}
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from .model import Result

#: Lines handed to the pipeline at a time by :func:`clean_jsonl` (bounds its memory).
JSONL_CHUNK_LINES = 1000
#: Largest JSONL record :func:`clean_jsonl` cleans; longer ones are copied unchanged.
MAX_RECORD_BYTES = 32_000_000


def _run(options: Mapping[str, Any]):
    # Imported here so that `import newsclean.batch` stays as light as `import newsclean`.
    from . import _pipeline
    from .pipeline import make_config

    return _pipeline(), make_config(dict(options))


def analyze_batch(texts: Iterable[str], **options: Any) -> list[Result]:
    """:func:`newsclean.analyze` of each text, in order (options validated once)."""
    pipeline, config = _run(options)
    return [pipeline.run(t, config) for t in texts]


def clean_batch(texts: Iterable[str], **options: Any) -> list[str]:
    """:func:`newsclean.clean` of each text, in order (options validated once).

    ``None`` stays ``None`` (a missing value in a table column); anything else that is not
    a ``str`` is a ``TypeError``, as for :func:`newsclean.clean`.
    """
    if isinstance(texts, str):
        raise TypeError("clean_batch takes an iterable of texts, not one str (which would be "
                        "cleaned character by character); use newsclean.clean(text)")
    pipeline, config = _run(options)
    return [None if t is None else pipeline.run(t, config).text for t in texts]


def hf_map(batch: Mapping[str, Sequence[Any]], text_field: str = "text",
           **options: Any) -> dict[str, list[Any]]:
    """For Hugging Face ``datasets``: ``dataset.map(hf_map, batched=True, num_proc=N)``.

    Returns only the cleaned column, so ``datasets`` keeps every other column as it is.
    Pass options with ``fn_kwargs={"text_field": "body", "skip": ["fix_quotes"]}``.
    Unbatched (``dataset.map(hf_map)``, one row at a time) works too.
    """
    if text_field not in batch:
        raise KeyError(f"hf_map: no column {text_field!r} (columns: {', '.join(batch)}); "
                       "name it with fn_kwargs={'text_field': ...}")
    value = batch[text_field]
    if value is None or isinstance(value, str):     # one row, not a batch
        return {text_field: clean_batch([value], **options)[0]}
    return {text_field: clean_batch(value, **options)}


@dataclass
class ShardStats:
    """What cleaning one shard did. ``problems`` lists records copied through unchanged."""

    source: str
    output: str
    documents: int = 0
    changed: int = 0
    edits: int = 0
    flags: int = 0
    failed_records: int = 0
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def clean_jsonl(source: str | os.PathLike[str], output: str | os.PathLike[str],
                text_field: str = "text", **options: Any) -> ShardStats:
    """Clean the ``text_field`` of every record of the JSON Lines file ``source`` into
    ``output``.

    Every other field keeps its exact bytes (the new value is spliced into the line, the
    record is never re-serialised), as do unchanged records, blank lines and lines that are
    not records with such a field (those are listed in ``problems`` and copied through).
    The output appears atomically, when complete. This is the ``newsclean clean --jsonl``
    code, shared rather than written twice.
    """
    from .cli.documents import LineBatch, Settings, process_lines
    from .cli.readers import read_jsonl_lines
    from .cli.writers import AtomicFile

    src, dst = os.fspath(source), os.fspath(output)
    settings = Settings(options=dict(options), jsonl=True, text_field=text_field,
                        max_bytes=MAX_RECORD_BYTES)
    _run(options)  # a bad option is an error before anything is written
    stats = ShardStats(src, dst)
    with open(src, "rb") as fh, AtomicFile(dst) as out:
        chunk: list[tuple[int, bytes]] = []

        def flush() -> None:
            o = process_lines(LineBatch(src, dst, chunk), settings)
            out.write(o.payload or b"")
            stats.documents += o.documents
            stats.changed += o.changed_documents
            stats.edits += o.edits
            stats.flags += o.flags
            stats.failed_records += o.failed_records
            stats.problems.extend(o.notes)
            chunk.clear()

        for lineno, line, too_long in read_jsonl_lines(fh, MAX_RECORD_BYTES):
            if too_long:
                if chunk:
                    flush()
                for piece in line:
                    out.write(piece)
                stats.failed_records += 1
                stats.problems.append(f"line {lineno}: record over {MAX_RECORD_BYTES} "
                                      "bytes; copied unchanged")
                continue
            if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            chunk.append((lineno, line))
            if len(chunk) >= JSONL_CHUNK_LINES:
                flush()
        if chunk:
            flush()
    return stats


def clean_parquet(source: str | os.PathLike[str], output: str | os.PathLike[str],
                  column: str = "text", **options: Any) -> ShardStats:
    """Clean ``column`` of the Parquet file ``source`` into ``output`` (needs
    ``newsclean[parquet]``).

    Read and written one row group at a time; the schema, every other column and the row
    order are kept; nulls stay null. The output appears atomically, when complete.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("clean_parquet needs pyarrow: pip install 'newsclean[parquet]'") \
            from exc
    from .cli.writers import AtomicFile

    src, dst = os.fspath(source), os.fspath(output)
    pipeline, config = _run(options)
    stats = ShardStats(src, dst)
    reader = pq.ParquetFile(src)
    schema = reader.schema_arrow
    index = schema.get_field_index(column)
    if index < 0:
        raise KeyError(f"{src}: no column {column!r} (columns: {schema.names})")
    if not pa.types.is_string(schema.field(index).type) and \
            not pa.types.is_large_string(schema.field(index).type):
        raise TypeError(f"{src}: column {column!r} is {schema.field(index).type}, not string")
    with AtomicFile(dst) as out:
        writer = pq.ParquetWriter(out.fh, schema)
        for rg in range(reader.num_row_groups):
            table = reader.read_row_group(rg)
            texts = table.column(index).to_pylist()
            cleaned = []
            for t in texts:
                if t is None:
                    cleaned.append(None)
                    continue
                r = pipeline.run(t, config)
                stats.documents += 1
                stats.changed += r.text != t
                stats.edits += len(r.edits)
                stats.flags += len(r.flags)
                cleaned.append(r.text)
            table = table.set_column(index, schema.field(index),
                                     pa.array(cleaned, type=schema.field(index).type))
            writer.write_table(table)
        writer.close()
    return stats


def shard_groups(paths: Iterable[str | os.PathLike[str]],
                 target_bytes: int = 64_000_000) -> list[list[str]]:
    """Consecutive files grouped into tasks of about ``target_bytes`` each.

    An engine given one task per file spends more on scheduling a thousand 5 KB files than
    on cleaning them; one task per group keeps each task's overhead small next to its work.

    >>> shard_groups([])
    []
    """
    groups: list[list[str]] = []
    current: list[str] = []
    size = 0
    for p in paths:
        p = os.fspath(p)
        current.append(p)
        size += os.path.getsize(p)
        if size >= target_bytes:
            groups.append(current)
            current, size = [], 0
    if current:
        groups.append(current)
    return groups


def clean_files(pairs: Sequence[tuple[str, str]], fmt: str = "jsonl",
                text_field: str = "text", **options: Any) -> list[ShardStats]:
    """Clean each ``(source, output)`` shard; ``fmt`` is ``jsonl`` or ``parquet``.

    One call is one task for an engine: see :func:`shard_groups`.
    """
    fn = {"jsonl": clean_jsonl, "parquet": clean_parquet}.get(fmt)
    if fn is None:
        raise ValueError(f"fmt must be 'jsonl' or 'parquet', not {fmt!r}")
    return [fn(s, o, text_field, **options) for s, o in pairs]

