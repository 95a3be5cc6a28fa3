"""GeoJSON (RFC 7946): a FeatureCollection of events, [longitude, latitude] points.

Events without coordinates stay in the collection as unlocated features (geometry null, as
RFC 7946 section 3.2 allows), so that counts agree with the other exports.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..store import Store
from .table import flat


def feature(event: dict[str, Any]) -> dict[str, Any]:
    """Return one event as a GeoJSON Feature."""
    geometry = None
    if event["lat"] is not None and event["lon"] is not None:
        geometry = {"type": "Point", "coordinates": [event["lon"], event["lat"]]}
    properties = flat(event)
    for key in ("lat", "lon"):
        properties.pop(key)
    return {"type": "Feature", "id": event["event_id"], "geometry": geometry,
            "properties": properties}


def write(store: Store, path: Path, filters: dict[str, Any] | None = None) -> int:
    """Write the events as a GeoJSON FeatureCollection; return how many."""
    features = [feature(e) for e in store.events(filters)]
    with path.open("w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
    return len(features)
