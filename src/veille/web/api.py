"""The JSON API: events (filtered, paginated), one event with its evidence, one article with
what was coded from it, actors and who acts on whom, a dyad over time, counts. Read-only, GET
only."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..analysis.dyads import check_dyad
from ..errors import VeilleError
from . import views
from .app import read
from .filters import EventFilters, event_filters

router = APIRouter(prefix="/api", tags=["api"])

# An actor code of a dyad: three letters (which codes exist is checked after).
CODE_PATTERN = r"^[A-Za-z]{3}$"
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


@router.get("/dyads", summary="What two actors do to each other over time, both ways")
def dyads(request: Request,
          a: Annotated[str, Query(description="one side: ISO 3166 alpha-3 country code (MLI) "
                                  "or group code (IGO, IMG, NGO, WST, AFR, SAH)",
                                  pattern=CODE_PATTERN)],
          b: Annotated[str, Query(description="the other side (FRA)", pattern=CODE_PATTERN)],
          by: Annotated[Literal["week", "month"],
                        Query(description="period: ISO week or month")] = "month",
          ) -> dict[str, Any]:
    """Return the series of ``veille dyads``: per period and direction, the events by quad
    class and the summed scores; each row has the query of its events (``events_query``)."""
    try:
        a, b = check_dyad(a, b)
    except VeilleError as exc:
        raise HTTPException(422, str(exc)) from exc
    return read(request, views.dyad, a, b, by)


@router.get("/stats", summary="Counts of the store and of the matching events")
def stats(request: Request, filters: Filters) -> dict[str, Any]:
    """Return row counts, matching events by type, country and status, and per day."""
    out = read(request, views.stats, filters)
    out["timeline"] = read(request, views.timeline, filters)
    return out
