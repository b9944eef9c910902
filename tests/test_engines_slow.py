"""The README's Spark and Ray Data recipes, run for real. CI installs neither engine, so
these are marked slow and skipped unless asked for:

    pip install pyspark ray[data]
    NEWSCLEAN_SLOW=1 python -m pytest -m slow tests/test_engines_slow.py
"""

from __future__ import annotations

import os

import pytest

import newsclean

from .eco_docs import documents

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get("NEWSCLEAN_SLOW"),
                       reason="engine recipes run only with NEWSCLEAN_SLOW=1"),
]


def test_spark_pandas_udf_recipe(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession
    from pyspark.sql.functions import pandas_udf

    # --- the README recipe ---
    @pandas_udf("string")
    def clean_text(texts: pd.Series) -> pd.Series:
        return newsclean.clean_series(texts)
    # ---

    docs = documents()
    spark = SparkSession.builder.master("local[2]").appName("newsclean").getOrCreate()
    try:
        df = spark.createDataFrame(pd.DataFrame({"id": range(len(docs)), "text": docs}))
        rows = df.withColumn("text", clean_text("text")).orderBy("id").collect()
    finally:
        spark.stop()
    assert [r["text"] for r in rows] == [newsclean.clean(d) for d in docs]


def test_ray_data_map_batches_recipe():
    pd = pytest.importorskip("pandas")
    ray = pytest.importorskip("ray")

    # --- the README recipe ---
    def clean_frame(batch: pd.DataFrame) -> pd.DataFrame:
        batch["text"] = newsclean.clean_series(batch["text"])
        return batch
    # ---

    docs = documents()
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True)
    try:
        ds = ray.data.from_pandas(pd.DataFrame({"id": range(len(docs)), "text": docs}))
        out = ds.map_batches(clean_frame, batch_format="pandas").to_pandas()
    finally:
        ray.shutdown()
    out = out.sort_values("id")
    assert out["text"].tolist() == [newsclean.clean(d) for d in docs]
