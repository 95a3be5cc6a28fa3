"""Read articles from a Parquet file: one row per article, columns as in JSONL records.

The ``articles`` table that ``veille batch`` writes is such a file: its rows with an ``error``
(bad input records) come back as Failures with that reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from ..errors import Errors
from ..model import Article
from . import Failure
from .files import article_from_record

BATCH_SIZE = 1024


def read_parquet(path: str) -> Iterator[Article | Failure]:
    """Yield the Article (or Failure) of every row of a Parquet file of articles."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        yield Failure(path, None, Errors.E037.format(where=path, reason=str(exc)))
        return
    if "text" not in file.schema_arrow.names:
        yield Failure(path, None, Errors.E038.format(
            where=path, columns=", ".join(file.schema_arrow.names)))
        return
    n = 0
    for batch in file.iter_batches(batch_size=BATCH_SIZE):
        for row in batch.to_pylist():
            n += 1
            yield article_of_row(row, path, n)


def article_of_row(row: dict[str, Any], path: str, n: int) -> Article | Failure:
    """Return the Article of one Parquet row (dates may be typed), or a Failure."""
    if row.get("error"):
        return Failure(row.get("input") or path, row.get("record") or str(n), row["error"])
    record = {k: (v.isoformat() if isinstance(v, datetime | date) else v)
              for k, v in row.items()}
    return article_from_record(record, where=f"{path}:{n}", source=path, record_ref=str(n))
