"""Parquet (pyarrow): the flat events table with typed columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Store
from .table import event_columns

INTEGER = {"quad_class", "num_mentions", "num_articles", "num_sources", "geonameid",
           "killed", "injured", "abducted", "arrested"}
FLOAT = {"score", "lat", "lon"}
DATES = {"date_min", "date_max", "first_seen", "last_seen"}


def write(store: Store, path: Path, filters: dict[str, Any] | None = None) -> int:
    """Write the events as a Parquet file; return how many."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    names = event_columns()
    fields = []
    for name in names:
        if name in INTEGER:
            kind = pa.int64()
        elif name in FLOAT:
            kind = pa.float64()
        elif name in DATES:
            kind = pa.date32()
        elif name == "context":
            kind = pa.list_(pa.string())
        else:
            kind = pa.string()
        fields.append(pa.field(name, kind))
    events = store.events(filters)
    data = {n: [e[n] for e in events] for n in names}
    data["context"] = [json.loads(c or "[]") for c in data["context"]]
    table = pa.table(data, schema=pa.schema(fields))
    pq.write_table(table, path)
    return len(events)
