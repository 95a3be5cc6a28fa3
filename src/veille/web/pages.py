"""The pages: map, timeline, actor network, dyads, events, one event, one article. Rendered by
Jinja with autoescaping; the filters of the URL are kept in every link between views."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..analysis.dyads import check_dyad
from ..errors import VeilleError
from ..ontology import QUAD_CLASSES
from . import charts, views
from .app import read
from .filters import EventFilters, event_filters

router = APIRouter(include_in_schema=False)

Filters = Annotated[EventFilters, Depends(event_filters)]
PAGE_SIZE = 50
NAV = (("map", "/", "Map"), ("timeline", "/timeline", "Timeline"),
       ("network", "/network", "Actors"), ("dyads", "/dyads", "Dyads"),
       ("events", "/events", "Events"))


def _render(request: Request, template: str, filters: EventFilters | None, view: str,
            status_code: int = 200, **context: Any) -> Response:
    filters = filters or EventFilters()
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, template, status_code=status_code,
        context={"filters": filters, "qs": filters.query_string(), "view": view, "nav": NAV,
                 "types": views.event_types(), "statuses": views.statuses(),
                 "type_colours": views.TYPE_COLOURS, "quad_classes": QUAD_CLASSES,
                 **context})


def _missing(request: Request, what: str) -> Response:
    return _render(request, "missing.html", None, "", status_code=404, what=what)


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, filters: Filters) -> Response:
    """Show the located events on a map, clustered, coloured by type."""
    data = read(request, views.map_events, filters)
    payload = {"events": data["events"], "tiles": request.app.state.tiles,
               "countries": str(request.url_for("static", path="vendor/world-atlas/"
                                                               "countries-110m.json").path)}
    return _render(request, "map.html", filters, "map", data=data, payload=payload)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, filters: Filters) -> Response:
    """Show the events per day (or month) and type."""
    data = read(request, views.timeline, filters)
    return _render(request, "timeline.html", filters, "timeline", data=data,
                   chart=charts.timeline_bars(data))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, filters: Filters) -> Response:
    """Show who acts on whom, links weighted by events and coloured by quad class."""
    data = read(request, views.actor_network, filters)
    return _render(request, "network.html", filters, "network", data=data,
                   chart=charts.network_layout(data, max_nodes=views.NETWORK_NODES),
                   max_nodes=views.NETWORK_NODES)


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page(request: Request,
               a: Annotated[str | None, Query(max_length=20)] = None,
               b: Annotated[str | None, Query(max_length=20)] = None,
               by: Annotated[Literal["week", "month"], Query()] = "month") -> Response:
    """Show what two actors picked among the store's do to each other over time, both ways."""
    choices = read(request, views.actor_choices)
    picked = {"a": (a or "").strip().upper(), "b": (b or "").strip().upper(), "by": by}
    if not (picked["a"] and picked["b"]):
        return _render(request, "dyads.html", None, "dyads", choices=choices, picked=picked,
                       data=None, chart=None, error=None)
    try:
        first, second = check_dyad(picked["a"], picked["b"])
    except VeilleError as exc:
        return _render(request, "dyads.html", None, "dyads", status_code=422, choices=choices,
                       picked=picked, data=None, chart=None, error=str(exc))
    data = read(request, views.dyad, first, second, by)
    return _render(request, "dyads.html", None, "dyads", choices=choices, picked=picked,
                   data=data, chart=charts.dyad_chart(data), error=None)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, filters: Filters,
                page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
    """List the events, one page at a time."""
    data = read(request, views.event_page, filters, limit=PAGE_SIZE,
                offset=(page - 1) * PAGE_SIZE)
    rows = [{**e, **views.event_label(e), "colour": views.type_colour(e["event_type"])}
            for e in data["events"]]
    pages = max(1, -(-data["total"] // PAGE_SIZE))
    return _render(request, "events.html", filters, "events", data=data, rows=rows, page=page,
                   pages=pages)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> Response:
    """Show one event, its actors and every report of it with the evidence."""
    found = read(request, views.event_detail, event_id)
    if found is None:
        return _missing(request, "event")
    e = found["event"]
    return _render(request, "event.html", None, "events", detail=found,
                   label=views.event_label(e), colour=views.type_colour(e["event_type"]))


@router.get("/articles/{article_key}", response_class=HTMLResponse)
def article_page(request: Request, article_key: str) -> Response:
    """Show an article with its actors, places, dates and triggers marked, and its events."""
    found = read(request, views.article_detail, article_key)
    if found is None:
        return _missing(request, "article")
    return _render(request, "article.html", None, "", detail=found)
