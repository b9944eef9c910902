"""The batch API: clean_batch / analyze_batch / hf_map, and JSONL and Parquet shards."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest

import newsclean
from newsclean import batch

from .eco_docs import documents


def test_clean_batch_equals_clean_per_document():
    docs = documents()
    assert newsclean.clean_batch(docs) == [newsclean.clean(d) for d in docs]
    opts = {"skip": ["fix_quotes"]}
    assert newsclean.clean_batch(docs, **opts) == [newsclean.clean(d, **opts) for d in docs]


def test_analyze_batch_equals_analyze():
    docs = documents()
    got = [r.to_dict() for r in newsclean.analyze_batch(docs)]
    assert got == [newsclean.analyze(d).to_dict() for d in docs]


def test_results_and_functions_pickle():
    # An engine sends the function by reference and gets Results back.
    for fn in (newsclean.clean_batch, newsclean.analyze_batch, newsclean.hf_map,
               newsclean.clean_jsonl):
        assert pickle.loads(pickle.dumps(fn)) is fn
    r = newsclean.analyze_batch(documents()[:3])
    assert [x.to_dict() for x in pickle.loads(pickle.dumps(r))] == [x.to_dict() for x in r]


def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError, match="str"):
        newsclean.clean_batch([b"bytes"])
    with pytest.raises(newsclean.UnknownNameError):
        newsclean.clean_batch(["x"], no_such_option=1)
    assert newsclean.clean_batch([None, "an  apple"]) == [None, "an apple"]


def test_hf_map_returns_only_the_text_column():
    out = newsclean.hf_map({"body": ["a egg", "ok"], "id": [1, 2]}, text_field="body")
    assert out == {"body": ["an egg", "ok"]}


def test_import_newsclean_stays_light():
    code = ("import sys, newsclean; newsclean.clean_batch(['a egg']); "
            "heavy = [m for m in ('spacy', 'pandas', 'pyarrow', 'dask', 'datasets', "
            "'distributed') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def _write_jsonl(path, docs):
    lines = []
    for i, d in enumerate(docs):
        # Formatting json.dumps would not reproduce: 1.50, escaped é, odd spacing.
        lines.append('{"id": %d,  "score": 1.50, "tag": "caf\\u00e9", "text": %s, '
                     '"meta": {"k": [1, 2.0]}}' % (i, json.dumps(d)))
    lines.insert(2, "")                       # blank line: kept
    lines.insert(4, "{not json")              # malformed: copied through
    lines.insert(5, '{"id": 99, "text": 5}')  # non-string text: copied through
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def test_clean_jsonl_keeps_other_fields_byte_for_byte(tmp_path):
    docs = documents()
    src, dst = tmp_path / "in.jsonl", tmp_path / "out" / "part-0.jsonl"
    lines = _write_jsonl(src, docs)
    stats = newsclean.clean_jsonl(src, dst)
    out = dst.read_text(encoding="utf-8").split("\n")
    assert out[-1] == "" and len(out) - 1 == len(lines)
    for before, after in zip(lines, out):
        try:
            rec = json.loads(before)
        except json.JSONDecodeError:
            assert after == before
            continue
        if not before or not isinstance(rec.get("text"), str):
            assert after == before
            continue
        got = json.loads(after)
        assert got["text"] == newsclean.clean(rec["text"])
        # everything but the text value is the same bytes
        i = before.index('"text": ') + len('"text": ')
        assert after[:i] == before[:i]
        assert after.endswith(', "meta": {"k": [1, 2.0]}}')
    assert stats.documents == len(docs)
    assert stats.failed_records == 2 and len(stats.problems) == 2
    assert stats.changed == sum(newsclean.clean(d) != d for d in docs)


def test_clean_jsonl_other_field_and_options(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text('{"body": "a egg  here", "text": "a egg"}\n', encoding="utf-8")
    newsclean.clean_jsonl(src, dst, text_field="body", skip=["fix_articles"])
    assert dst.read_text() == '{"body": "a egg here", "text": "a egg"}\n'
    with pytest.raises(newsclean.UnknownNameError):
        newsclean.clean_jsonl(src, tmp_path / "never.jsonl", bogus=True)
    assert not (tmp_path / "never.jsonl").exists()


def test_shard_groups_bundle_small_files(tmp_path):
    paths = []
    for i in range(10):
        p = tmp_path / f"s{i}.jsonl"
        p.write_bytes(b"x" * 100)
        paths.append(p)
    groups = batch.shard_groups(paths, target_bytes=350)
    assert [len(g) for g in groups] == [4, 4, 2]
    assert [p for g in groups for p in g] == [str(p) for p in paths]


def test_clean_parquet_keeps_schema_and_other_columns(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    docs = documents()
    texts = docs + [None]
    table = pa.table({"id": list(range(len(texts))), "text": texts,
                      "score": [1.5] * len(texts)})
    src, dst = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src, row_group_size=4)
    stats = newsclean.clean_parquet(src, dst)
    out = pq.read_table(dst)
    assert out.schema == table.schema
    assert out.column("id").equals(table.column("id"))
    assert out.column("score").equals(table.column("score"))
    assert out.column("text").to_pylist() == [None if t is None else newsclean.clean(t)
                                              for t in texts]
    assert stats.documents == len(docs)
    with pytest.raises(KeyError, match="body"):
        newsclean.clean_parquet(src, tmp_path / "x.parquet", column="body")
