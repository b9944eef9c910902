"""pandas and Hugging Face datasets recipes from the README, each run for real."""

from __future__ import annotations

import os

import pytest

import newsclean

from .eco_docs import documents


def test_series_map_and_clean_series():
    pd = pytest.importorskip("pandas")
    docs = documents()
    df = pd.DataFrame({"id": range(len(docs)), "text": docs}, index=range(100, 100 + len(docs)))
    expected = [newsclean.clean(d) for d in docs]
    assert df["text"].map(newsclean.clean).tolist() == expected
    out = newsclean.clean_series(df["text"])
    assert out.tolist() == expected
    assert out.index.equals(df.index) and out.name == "text"
    df["clean"] = newsclean.clean_series(df["text"], skip=["fix_quotes"])
    assert df["clean"].tolist() == [newsclean.clean(d, skip=["fix_quotes"]) for d in docs]


def test_clean_series_keeps_missing_values():
    pd = pytest.importorskip("pandas")
    s = pd.Series(["a egg", None, float("nan"), pd.NA], dtype=object)
    out = newsclean.clean_series(s)
    assert out.iloc[0] == "an egg"
    assert out.iloc[1] is None and out.isna().tolist() == [False, True, True, True]
    s = pd.Series(["a egg", None], dtype="string")
    out = newsclean.clean_series(s)
    assert out.dtype == s.dtype and out.iloc[0] == "an egg" and out.isna().iloc[1]
    with pytest.raises(TypeError):
        newsclean.clean_series(pd.Series([1, 2]))


def _clean_with_pid(batch, barrier=None, workers=2):
    # The README recipe plus a column saying which process ran the batch. With a barrier
    # directory, the first batch of each process waits (up to 20 s) until `workers`
    # processes have checked in, so a pool whose first worker is quick enough to take
    # every shard cannot pass for a parallel run, nor can a run in one process.
    import time
    from pathlib import Path

    if barrier is not None:
        mark = Path(barrier) / str(os.getpid())
        if not mark.exists():
            mark.touch()
            deadline = time.monotonic() + 20
            while len(list(Path(barrier).iterdir())) < workers and \
                    time.monotonic() < deadline:
                time.sleep(0.02)
    out = newsclean.hf_map(batch)
    out["pid"] = [os.getpid()] * len(batch["text"])
    return out


def test_datasets_map_really_uses_num_proc(tmp_path):
    datasets = pytest.importorskip("datasets")
    docs = documents() * 4
    ds = datasets.Dataset.from_dict({"id": list(range(len(docs))), "text": docs})
    # A dataset backed by files in a fresh cache dir, as load_dataset gives: that is where
    # the fingerprint cache lives, and where a cached single-process result could come
    # back silently from a num_proc=2 call (hence load_from_cache_file=False).
    path = tmp_path / "ds"
    ds.save_to_disk(str(path))
    ds = datasets.load_from_disk(str(path))
    single = ds.map(_clean_with_pid, batched=True, batch_size=8)
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    multi = ds.map(_clean_with_pid, batched=True, batch_size=8, num_proc=2,
                   load_from_cache_file=False, fn_kwargs={"barrier": str(barrier)})
    expected = [newsclean.clean(d) for d in docs]
    assert single["text"] == expected and multi["text"] == expected
    assert multi["id"] == list(range(len(docs)))
    assert set(single["pid"]) == {os.getpid()}
    pids = set(multi["pid"])
    assert len(pids) == 2 and os.getpid() not in pids


def test_datasets_map_with_options():
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"body": ["a egg  here"], "n": [1]})
    out = ds.map(newsclean.hf_map, batched=True,
                 fn_kwargs={"text_field": "body", "skip": ["fix_articles"]})
    assert out["body"] == ["a egg here"] and out["n"] == [1]
