"""The Spark engine: the batch function in ``mapInPandas`` over the records of each partition.

Spark reads the shards (JSONL lines with their line numbers, Parquet rows with their row
numbers), spreads the records over partitions, and each Python worker loads the pipeline once
and keeps it for every later task (Spark reuses its Python workers). Each task writes its own
part of the three tables with pyarrow, under an output directory (or URI) that every worker
can reach: a local path in ``local[N]`` mode, a shared file system or object store on a
cluster. Nothing is downloaded: pyspark ships its jars; a Java runtime must be installed.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import Errors, VeilleError
from .batch import Record, code_records, row_json, shard_kind, task_report
from .tables import write_part

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline import Pipeline

LOGGER = logging.getLogger(__name__)

RECORD_SCHEMA = "input string, record string, payload binary"
REPORT_SCHEMA = ("articles long, events long, mentions long, failed long, worker string, "
                 "peak_rss_mb double")

_PIPELINE: dict[str | None, Pipeline] = {}


def check_runtime() -> None:
    """Raise a VeilleError saying what to install when pyspark or Java is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise VeilleError(Errors.E034) from exc
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))) \
            and shutil.which("java") is None:
        raise VeilleError(Errors.E035)


def run_spark(shard_paths: list[str], output: str, *, master: str = "local[2]",
              partitions: int | None = None, chunk_records: int = 500, batch_size: int = 32,
              model: str | None = None) -> tuple[list[dict[str, Any]], str]:
    """Code every record of ``shard_paths`` into ``output`` with Spark.

    Return the report of every task and the master URL the job ran on.
    """
    check_runtime()
    # The workers must run this interpreter (and so see this veille and its model package).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    # Inside a running Spark application (spark-submit, a notebook), use its session and
    # leave it running; otherwise start one for this job and stop it at the end.
    active = SparkSession.getActiveSession()
    spark = active or (SparkSession.builder.master(master).appName("veille batch")
                       .config("spark.ui.enabled", "false")
                       .config("spark.ui.showConsoleProgress", "false")
                       .config("spark.python.worker.reuse", "true")
                       .getOrCreate())
    if active is None:
        spark.sparkContext.setLogLevel("WARN")
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(chunk_records))
    used = str(spark.sparkContext.master)
    try:
        records = spark.createDataFrame(_records_rdd(spark, shard_paths), RECORD_SCHEMA)
        n = partitions or spark.sparkContext.defaultParallelism * 2
        out = _absolute(output)

        def code_partition(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
            yield from _code_partition(batches, out, batch_size, model)

        reports = records.repartition(n).mapInPandas(code_partition, REPORT_SCHEMA).collect()
    except VeilleError:
        raise
    except Exception as exc:  # a Py4J or Spark error: one line, the trace in the log
        LOGGER.debug("Spark job failed", exc_info=True)
        raise VeilleError(Errors.E036.format(reason=str(exc).splitlines()[0])) from exc
    finally:
        if active is None:
            spark.stop()
    return [row.asDict() for row in reports], used


def _records_rdd(spark: Any, shard_paths: list[str]) -> Any:
    """Return an RDD of (input, record, payload) numbered as the local reader numbers them."""
    sc = spark.sparkContext
    rdds = []
    for path in shard_paths:
        if shard_kind(path) == "parquet":
            rows = spark.read.parquet(_absolute(path)).rdd.zipWithIndex()
            rdds.append(rows.map(_parquet_record(path)))
        else:
            lines = sc.textFile(_absolute(path), use_unicode=False).zipWithIndex()
            rdds.append(lines.filter(lambda li: li[0].strip()).map(_jsonl_record(path)))
    return sc.union(rdds)


def _jsonl_record(path: str) -> Any:
    def record(item: tuple[bytes, int]) -> tuple[str, str, bytes]:
        line, index = item
        return path, str(index + 1), line.rstrip(b"\r")
    return record


def _parquet_record(path: str) -> Any:
    def record(item: tuple[Any, int]) -> tuple[str, str, bytes]:
        row, index = item
        return path, str(index + 1), row_json(row.asDict(recursive=True))
    return record


def _code_partition(batches: Iterator[pd.DataFrame], output: str, batch_size: int,
                    model: str | None) -> Iterator[pd.DataFrame]:
    import pandas as pd
    from pyspark import TaskContext

    context = TaskContext.get()
    partition = context.partitionId() if context else 0
    pipeline = _pipeline(model)
    for k, frame in enumerate(batches):
        records = [Record(str(i), str(r), bytes(p)) for i, r, p in
                   zip(frame["input"], frame["record"], frame["payload"], strict=True)]
        rows = code_records(pipeline, records, batch_size=batch_size)
        counts = write_part(output, f"part-{partition:05d}-{k:04d}", rows)
        yield pd.DataFrame([task_report(rows, counts)])


def _pipeline(model: str | None) -> Pipeline:
    """Return this worker's pipeline, loaded at its first task."""
    if model not in _PIPELINE:
        from ..pipeline import MODEL_NAME, load

        _PIPELINE[model] = load(model or MODEL_NAME)
    return _PIPELINE[model]


def _absolute(path: str) -> str:
    if "://" in path:
        return path
    from pathlib import Path

    return str(Path(path).resolve())
