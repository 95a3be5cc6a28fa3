"""Write the store's events in the formats analysts use.

Each module writes one format from ``Store.events(filters)``; ``export`` picks by name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import Errors, VeilleError
from ..store import Store

FORMATS = ("plover", "acled", "gdelt", "geojson", "parquet", "csv")


def export(store: Store, fmt: str, path: str | Path,
           filters: dict[str, Any] | None = None) -> int:
    """Write the events matching ``filters`` to ``path`` in format ``fmt``; return how many."""
    writers: dict[str, Callable[[Store, Path, dict[str, Any] | None], int]]
    from . import acled, gdelt, geojson, parquet, plover, table

    writers = {"plover": plover.write, "acled": acled.write, "gdelt": gdelt.write,
               "geojson": geojson.write, "parquet": parquet.write, "csv": table.write_csv}
    if fmt not in writers:
        raise VeilleError(Errors.E012.format(value=fmt, allowed=", ".join(FORMATS)))
    return writers[fmt](store, Path(path), filters)
