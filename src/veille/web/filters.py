"""The event filters of every view and API route: read from the query string, checked, kept.

The values are checked here (dates, ISO3 codes, PLOVER types, statuses, dyads, periods, bounded
text) and then handed to ``Store.events``, which binds each one as a parameter: no SQL is built
from them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import HTTPException, Query

from ..analysis import periods
from ..analysis.dyads import check_dyad
from ..errors import VeilleError
from ..ontology import load_ontology

# Free text of a filter: bounded, and without control characters (PostgreSQL refuses NUL).
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
TEXT_MAX = 100
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"
COUNTRY_PATTERN = r"^([A-Za-z]{3})?$"
DYAD_PATTERN = r"^([A-Za-z]{3}-[A-Za-z]{3})?$"
PERIOD_PATTERN = r"^(\d{4}-(\d{2}|W\d{2}))?$"


@dataclass(frozen=True)
class EventFilters:
    """The filters shared by every view: the keys of ``Store.events``' filters."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    type: str | None = None
    actor: str | None = None
    place: str | None = None
    status: str | None = None
    dyad: str | None = None
    period: str | None = None

    def as_store_filters(self) -> dict[str, Any]:
        """Return the filters as ``Store.events`` takes them."""
        return asdict(self)

    def query_string(self) -> str:
        """Return the filters as a URL query string (empty ones left out)."""
        return urlencode({k: str(v) for k, v in asdict(self).items() if v is not None})

    def is_empty(self) -> bool:
        """Return True when no filter is set."""
        return all(v is None for v in asdict(self).values())


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _date(name: str, value: str | None) -> date | None:
    value = _text(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from exc


def event_filters(
    since: Annotated[str | None, Query(description="events that may have happened on or after "
                                       "this day (YYYY-MM-DD)", pattern=DATE_PATTERN)] = None,
    until: Annotated[str | None, Query(description="events that may have happened on or before "
                                       "this day (YYYY-MM-DD)", pattern=DATE_PATTERN)] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 code of the country "
                                         "where it happened (MLI, BFA, NER ...)",
                                         pattern=COUNTRY_PATTERN)] = None,
    type: Annotated[str | None, Query(description="PLOVER event type (ASSAULT, PROTEST ...)",
                                      max_length=20, pattern=TEXT_PATTERN)] = None,
    actor: Annotated[str | None, Query(description="an actor's code or name contains this",
                                       max_length=TEXT_MAX, pattern=TEXT_PATTERN)] = None,
    place: Annotated[str | None, Query(description="the place or region contains this, or the "
                                       "country is this", max_length=TEXT_MAX,
                                       pattern=TEXT_PATTERN)] = None,
    status: Annotated[str | None, Query(description="actual, future, claimed, negated or "
                                        "historical", max_length=20,
                                        pattern=TEXT_PATTERN)] = None,
    dyad: Annotated[str | None, Query(description="the events veille dyads counts from one "
                                      "actor code to another, acting side first (MLI-FRA)",
                                      pattern=DYAD_PATTERN)] = None,
    period: Annotated[str | None, Query(description="events dated in this month (2023-02) or "
                                        "ISO week (2023-W05), as veille dyads counts them",
                                        pattern=PERIOD_PATTERN)] = None,
) -> EventFilters:
    """Read and check the event filters of a request (an empty field means no filter)."""
    ontology = load_ontology()
    kind = _text(type)
    if kind is not None:
        kind = kind.upper()
        if kind not in ontology.types:
            raise HTTPException(422, f"type: {kind!r} is not a PLOVER event type "
                                     f"({', '.join(sorted(ontology.types))})")
    state = _text(status)
    if state is not None:
        state = state.lower()
        if state not in ontology.statuses:
            raise HTTPException(422, f"status: {state!r} is not one of "
                                     f"{', '.join(sorted(ontology.statuses))}")
    code = _text(country)
    return EventFilters(since=_date("since", since), until=_date("until", until),
                        country=code.upper() if code else None, type=kind,
                        actor=_text(actor), place=_text(place), status=state,
                        dyad=_dyad(dyad), period=_period(period))


def _dyad(value: str | None) -> str | None:
    value = _text(value)
    if value is None:
        return None
    try:
        a, b = check_dyad(*value.split("-"))
    except VeilleError as exc:
        raise HTTPException(422, f"dyad: {exc}") from exc
    return f"{a}-{b}"


def _period(value: str | None) -> str | None:
    value = _text(value)
    if value is None:
        return None
    try:
        periods.bounds(value)
    except VeilleError as exc:
        raise HTTPException(422, f"period: {exc}") from exc
    return value
