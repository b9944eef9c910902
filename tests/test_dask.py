"""Dask: the helpers on the synchronous scheduler, and ONE test on a real local cluster."""

from __future__ import annotations

import json

import pytest

import newsclean

from .eco_docs import documents

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")


def _shards(tmp_path, n=6):
    docs = documents()
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    paths = []
    for i in range(n):
        p = src / ("sub" if i % 2 else "") / f"part-{i}.jsonl"
        with p.open("w", encoding="utf-8") as fh:
            for j, d in enumerate(docs):
                fh.write(json.dumps({"shard": i, "n": j, "text": d, "x": 1.50}) + "\n")
        paths.append(p)
    return paths


def _serial(paths, out):
    return [newsclean.clean_jsonl(p, out / p.name) for p in paths]


def test_clean_bag_and_dataframe_synchronous():
    from newsclean.dask_jobs import clean_bag, clean_dataframe

    docs = documents()
    bag = db.from_sequence([{"id": i, "text": d} for i, d in enumerate(docs)], npartitions=3)
    got = clean_bag(bag).compute(scheduler="synchronous")
    assert [r["text"] for r in got] == [newsclean.clean(d) for d in docs]
    assert [r["id"] for r in got] == list(range(len(docs)))
    plain = clean_bag(db.from_sequence(docs, npartitions=2), skip=["fix_quotes"])
    assert plain.compute(scheduler="synchronous") == [newsclean.clean(d, skip=["fix_quotes"])
                                                      for d in docs]
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    df = dd.from_pandas(pd.DataFrame({"id": range(len(docs)), "text": docs}), npartitions=3)
    out = clean_dataframe(df).compute(scheduler="synchronous")
    assert out["text"].tolist() == [newsclean.clean(d) for d in docs]
    assert out["id"].tolist() == list(range(len(docs)))


def test_jsonl_bag_groups_small_shards(tmp_path):
    from newsclean.dask_jobs import clean_bag, jsonl_bag

    paths = _shards(tmp_path)
    bag = jsonl_bag(paths, target_bytes=1)  # one shard per partition
    assert bag.npartitions == len(paths)
    bag = jsonl_bag(paths)  # tiny shards: one partition for all of them
    assert bag.npartitions == 1
    recs = clean_bag(bag).compute(scheduler="synchronous")
    assert [(r["shard"], r["n"]) for r in recs] == \
        [(i, j) for i in range(len(paths)) for j in range(len(documents()))]


def test_clean_shards_synchronous_equals_serial(tmp_path):
    from newsclean.dask_jobs import clean_shards

    paths = _shards(tmp_path)
    stats = clean_shards(paths, tmp_path / "out", scheduler="synchronous", target_bytes=1)
    assert [s.source for s in stats] == [str(p) for p in paths]
    _serial(paths, tmp_path / "serial")
    for p in paths:
        rel = p.relative_to(tmp_path / "in")
        assert (tmp_path / "out" / rel).read_bytes() == (tmp_path / "serial" / p.name).read_bytes()
    with pytest.raises(ValueError):
        clean_shards(paths, tmp_path / "in", scheduler="synchronous")


def test_clean_shards_parquet_synchronous(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from newsclean.dask_jobs import clean_shards

    docs = documents()
    paths = []
    for i in range(3):
        p = tmp_path / f"p{i}.parquet"
        pq.write_table(pa.table({"text": docs, "i": [i] * len(docs)}), p)
        paths.append(p)
    clean_shards(paths, tmp_path / "out", fmt="parquet", scheduler="synchronous")
    for p in paths:
        t = pq.read_table(tmp_path / "out" / p.name)
        assert t.column("text").to_pylist() == [newsclean.clean(d) for d in docs]


def test_local_cluster_equals_single_process(tmp_path):
    """The one test that starts a real distributed.LocalCluster (2 worker processes on
    loopback): the library helper and `newsclean clean --engine dask` on it both give
    exactly the single-process output."""
    distributed = pytest.importorskip("distributed")
    from newsclean.cli import main
    from newsclean.dask_jobs import clean_shards

    paths = _shards(tmp_path)
    _serial(paths, tmp_path / "serial")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        stats = clean_shards(paths, tmp_path / "dask", scheduler=client, target_bytes=1)
        assert sum(s.documents for s in stats) == len(paths) * len(documents())
        # the CLI on the same cluster, JSONL and plain text
        status = main(["clean", "--jsonl", str(tmp_path / "in"), "-o", str(tmp_path / "cli"),
                       "--engine", "dask", "--scheduler", cluster.scheduler_address, "-q"])
        assert status == 0
        txt = tmp_path / "txt"
        txt.mkdir()
        for i, d in enumerate(documents()):
            (txt / f"{i}.txt").write_text(d, encoding="utf-8")
        assert main(["clean", str(txt), "-o", str(tmp_path / "txt-dask"), "-q",
                     "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 0
        ran_on = client.run(lambda: __import__("os").getpid())
    assert len(set(ran_on.values())) == 2
    assert main(["clean", str(txt), "-o", str(tmp_path / "txt-local"), "-q", "-j1"]) == 0
    for p in paths:
        rel = p.relative_to(tmp_path / "in")
        expected = (tmp_path / "serial" / p.name).read_bytes()
        assert (tmp_path / "dask" / rel).read_bytes() == expected
        assert (tmp_path / "cli" / rel).read_bytes() == expected
    for f in (tmp_path / "txt-local").iterdir():
        assert (tmp_path / "txt-dask" / f.name).read_bytes() == f.read_bytes()


def test_cli_scheduler_needs_dask_engine(tmp_path, capsys):
    from newsclean.cli import main

    (tmp_path / "a.txt").write_text("a egg", encoding="utf-8")
    assert main(["clean", str(tmp_path / "a.txt"), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err
