"""The JSON API: events (filtered, paginated), one event with its evidence, one article with
what was coded from it, actors and who acts on whom, counts. Read-only, GET only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from . import views
from .app import read
from .filters import EventFilters, event_filters

router = APIRouter(prefix="/api", tags=["api"])

# Largest page of events one request returns.
MAX_LIMIT = 500
# Largest offset accepted: far beyond any store, and small enough for every SQL integer.
MAX_OFFSET = 1_000_000_000

Filters = Annotated[EventFilters, Depends(event_filters)]


@router.get("/events", summary="Events matching the filters, oldest first, one page")
def events(request: Request, filters: Filters,
           limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="events per page")] = 50,
           offset: Annotated[int, Query(ge=0, le=MAX_OFFSET,
                                        description="events to skip")] = 0) -> dict[str, Any]:
    """Return one page of events (the filters of ``veille events``) and the total count."""
    return read(request, views.event_page, filters, limit=limit, offset=offset)


@router.get("/events/{event_id}", summary="One event with its actors, mentions and evidence")
def event(request: Request, event_id: str) -> dict[str, Any]:
    """Return an event, its actors, and each mention with its evidence and article."""
    found = read(request, views.event_detail, event_id)
    if found is None:
        raise HTTPException(404, "no such event")
    return found


@router.get("/articles/{article_key}", summary="One article and the events coded from it")
def article(request: Request, article_key: str) -> dict[str, Any]:
    """Return an article's text and what was found in it, all with offsets into its body."""
    found = read(request, views.article_detail, article_key)
    if found is None:
        raise HTTPException(404, "no such article")
    found.pop("segments")
    return found


@router.get("/actors", summary="Actors of the matching events and who acts on whom")
def actors(request: Request, filters: Filters) -> dict[str, Any]:
    """Return the actors with their counts and the weighted links between them."""
    return read(request, views.actor_network, filters)


@router.get("/stats", summary="Counts of the store and of the matching events")
def stats(request: Request, filters: Filters) -> dict[str, Any]:
    """Return row counts, matching events by type, country and status, and per day."""
    out = read(request, views.stats, filters)
    out["timeline"] = read(request, views.timeline, filters)
    return out
