"""The events as a flat table: veille's own columns (CSV, and the rows other formats start from)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..store import Store
from ..store.schema import columns

# Internal bookkeeping that analysts do not need in a flat file.
HIDDEN = frozenset({"seq", "actor_keys"})


def event_columns() -> list[str]:
    """Return the columns of the flat events table."""
    return [c for c in columns("events") if c not in HIDDEN]


def flat(event: dict[str, Any]) -> dict[str, Any]:
    """Return an event row with JSON lists decoded and dates as ISO text."""
    row = {c: event[c] for c in event_columns()}
    row["context"] = ";".join(json.loads(event["context"] or "[]"))
    for key in ("date_min", "date_max", "first_seen", "last_seen"):
        if row[key] is not None:
            row[key] = row[key].isoformat()
    return row


def write_csv(store: Store, path: Path, filters: dict[str, Any] | None = None) -> int:
    """Write the events as CSV with veille's column names; return how many."""
    events = store.events(filters)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=event_columns())
        writer.writeheader()
        for event in events:
            writer.writerow(flat(event))
    return len(events)
