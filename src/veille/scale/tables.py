"""The three tables of ``veille batch``, their typed schema defined once, and their writing.

Offsets (``*_start``/``*_end``) are character offsets into the article's body (title, blank
line, text), as everywhere in veille. Every column is a function of the input record and the
pipeline: nothing depends on the engine, the partition or the time of the run, so two runs on
the same input write the same rows (in a different order of files, perhaps).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

STRING, INT, FLOAT, DATE, BOOL = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    # One row per input record, good or bad: a bad one has ``error`` (the coded message).
    "articles": pa.schema([
        ("article_key", STRING), ("id", STRING), ("url", STRING), ("title", STRING),
        ("text", STRING), ("published", DATE), ("source", STRING), ("outlet", STRING),
        ("language", STRING), ("content_hash", STRING), ("input", STRING), ("record", STRING),
        ("error", STRING), ("n_words", INT), ("n_events", INT),
    ]),
    # One row per event coded in one article (a "mention" of a real-world event in the
    # store's words; clustering across articles is the store's job, not the batch's).
    "events": pa.schema([
        ("event_id", STRING), ("article_key", STRING), ("event_type", STRING),
        ("mode", STRING), ("context", pa.list_(STRING)), ("status", STRING),
        ("event_date", STRING), ("date_precision", STRING), ("date_source", STRING),
        ("date_min", DATE), ("date_max", DATE),
        ("place_name", STRING), ("country", STRING), ("admin1", STRING), ("lat", FLOAT),
        ("lon", FLOAT), ("geonameid", INT), ("geo_precision", STRING),
        ("actor1_name", STRING), ("actor1_country", STRING), ("actor1_sector", STRING),
        ("actor2_name", STRING), ("actor2_country", STRING), ("actor2_sector", STRING),
        ("source_name", STRING), ("cameo", STRING), ("quad_class", INT), ("score", FLOAT),
        ("evidence", STRING), ("evidence_start", INT), ("evidence_end", INT),
        ("sentence", INT), ("trigger_start", INT), ("trigger_end", INT), ("rule", STRING),
        ("confidence", FLOAT), ("is_lead", BOOL),
    ]),
    # One row per span the pipeline resolved: the actors of each event (kind actor, recipient,
    # source; with event_id), and the article's entities, places, times and quotes.
    "mentions": pa.schema([
        ("article_key", STRING), ("event_id", STRING), ("kind", STRING), ("position", INT),
        ("text", STRING), ("label", STRING), ("start", INT), ("end", INT),
        ("country", STRING), ("sector", STRING), ("person", STRING), ("org", STRING),
        ("actor_kind", STRING), ("admin1", STRING), ("lat", FLOAT), ("lon", FLOAT),
        ("geonameid", INT), ("place_kind", STRING), ("value", STRING), ("precision", STRING),
    ]),
}
TABLES = tuple(SCHEMAS)
# What identifies a row of each table: the order in which tests and readers sort them.
KEYS = {"articles": ("input", "record"), "events": ("event_id",),
        "mentions": ("article_key", "event_id", "kind", "position")}

Rows = dict[str, list[dict[str, Any]]]


def empty_rows() -> Rows:
    """Return an empty row list for every table."""
    return {name: [] for name in TABLES}


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Return ``rows`` as an Arrow table with the schema of table ``name``."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def write_part(output: str, part: str, rows: Rows) -> dict[str, int]:
    """Write ``OUTPUT/<table>/<part>.parquet`` for every table; return the row counts.

    ``output`` is a local directory or a URI pyarrow understands (``s3://``, ``hdfs://``): on
    a cluster, every worker writes its own part there. Writing the same part again (a retried
    Spark task) replaces it with the same rows.
    """
    from pyarrow import fs

    filesystem, root = fs.FileSystem.from_uri(_uri(output))
    counts = {}
    for name in TABLES:
        filesystem.create_dir(f"{root}/{name}", recursive=True)
        pq.write_table(to_table(name, rows[name]), f"{root}/{name}/{part}.parquet",
                       filesystem=filesystem)
        counts[name] = len(rows[name])
    return counts


def read_table(output: str, name: str) -> pa.Table:
    """Return table ``name`` of a batch output directory, all parts, in key order."""
    import pyarrow.dataset as ds
    from pyarrow import fs

    filesystem, root = fs.FileSystem.from_uri(_uri(output))
    table = ds.dataset(f"{root}/{name}", format="parquet", filesystem=filesystem,
                       schema=SCHEMAS[name]).to_table()
    return table.sort_by([(k, "ascending") for k in KEYS[name]])


def _uri(output: str) -> str:
    if "://" in output:
        return output
    from pathlib import Path

    return Path(output).resolve().as_uri()
