"""The analyst's dashboard and JSON API over a store (``veille serve``), read-only.

``create_app(db_url, tiles=None)`` returns the FastAPI application: the JSON API under
``/api`` (OpenAPI at ``/openapi.json``) and server-rendered pages (map, timeline, actor
network, events, an event with its evidence, an article with its highlights). Every asset is
served from the package (Leaflet and the country outlines are vendored): nothing is fetched
from elsewhere unless a tile server is given.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
