"""The FastAPI application of ``veille serve``: JSON API, pages, vendored static files.

The store is opened read-only (DuckDB ``read_only``, PostgreSQL ``default_transaction_read_only``)
and only GET routes exist. Every response carries a Content-Security-Policy that lets scripts,
styles and data come from this server alone (plus the tile server, when one is given).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import jinja2
from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..errors import Errors, VeilleError
from ..store import Store, open_store

LOGGER = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
T = TypeVar("T")


def create_app(db_url: str, tiles: str | None = None) -> FastAPI:
    """Return the dashboard application over the store at ``db_url`` (opened read-only).

    ``tiles`` is a tile server URL template (``https://tile.example/{z}/{x}/{y}.png``); without
    it the map draws the vendored country outlines and needs no network. The store stays open
    for the life of the app (test clients start and stop it many times): whoever created the
    app closes ``app.state.store`` when done serving.
    """
    tile_origin = _tile_origin(tiles) if tiles else None
    store = open_store(db_url, create=False, read_only=True)
    # Neither the docs pages (they load their scripts from a CDN) nor any writing route.
    app = FastAPI(title="veille", version=__version__, docs_url=None, redoc_url=None,
                  description="French news coded as PLOVER events: read-only API over a "
                              "veille store. Every event links to its evidence.")
    app.state.store = store
    app.state.lock = threading.Lock()
    app.state.tiles = tiles
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    app.state.templates = Jinja2Templates(env=env)
    policy = _content_security_policy(tile_origin)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    from .api import router as api_router
    from .pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def read(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``fn(store, ...)`` with the app's store, one request at a time.

    A DuckDB connection must not be used by two threads at once, and FastAPI serves each
    request in a worker thread.
    """
    state = request.app.state
    store: Store = state.store
    with state.lock:
        return fn(store, *args, **kwargs)


def _tile_origin(tiles: str) -> str:
    parts = urlsplit(tiles)
    if parts.scheme not in ("http", "https") or not parts.hostname or "{z}" not in tiles:
        raise VeilleError(Errors.E029.format(value=tiles))
    return f"{parts.scheme}://{parts.netloc}"


def _content_security_policy(tile_origin: str | None) -> str:
    images = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
    return ("default-src 'none'; script-src 'self'; style-src 'self'; "
            f"img-src {images}; connect-src 'self'; font-src 'self'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")
