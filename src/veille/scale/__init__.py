"""Code a corpus in batch: the same batch function in-process or in Spark partitions.

``veille batch INPUT OUTPUT`` reads JSONL or Parquet shards of articles and writes three
Parquet tables under OUTPUT (``articles/``, ``events/``, ``mentions/``, one file per input
chunk or Spark partition) plus ``_veille_batch.json``, what the run was. DuckDB reads them
with ``read_parquet('OUTPUT/events/*.parquet')``; ``veille ingest OUTPUT`` stores the articles.
"""

from __future__ import annotations

ENGINES = ("local", "spark")
MANIFEST = "_veille_batch.json"
