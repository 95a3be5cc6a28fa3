"""When two mentions report one real-world event: the rules that cluster mentions into events.

A mention joins an event when all of these hold:

* the same PLOVER event type, and both negated or both not (a denial is not the event);
* dates compatible at their precision: the day, month or year each names (or, for a mention
  without a date, the week before its article's publication) overlap. A mention that cannot
  be placed in time at all (no date, no publication date) stays an event of its own: nothing
  says it is the same;
* at least one actor in common (country or group code, with the organisation for IGO/IMG/NGO
  groups), actor and recipient sides taken together since reports swap them;
* places compatible: within ``MAX_KM`` of each other, or in the same first-level region, or
  one of them known only to the country (or not at all) and the countries agree.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Actor, Event, Place

MAX_KM = 50.0
# A mention without a date happened at most this long before its article was published.
UNDATED_WINDOW = timedelta(days=7)
GROUP_CODES = frozenset({"IGO", "IMG", "NGO"})
# How fine a place is: smaller is finer.
PRECISION_RANK = {"city": 0, "village": 0, "region": 1, "country": 2}


@dataclass(frozen=True)
class Where:
    """The place of a mention or an event, as far as clustering needs it."""

    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None

    @classmethod
    def of(cls, place: Place | None) -> Where:
        """Return the Where of an event's place (empty when it has none)."""
        if place is None:
            return cls()
        return cls(place.country, place.admin1, place.lat, place.lon,
                   place.precision or place.kind)

    @property
    def is_point(self) -> bool:
        """Return True when the place is a town or village with coordinates."""
        return self.lat is not None and self.lon is not None and \
            PRECISION_RANK.get(self.precision or "", 2) == 0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def places_compatible(a: Where, b: Where) -> bool:
    """Return True when two places can be where one event happened."""
    if a.country is None or b.country is None:
        return True
    if a.country != b.country:
        return False
    if a.is_point and b.is_point:
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        if haversine_km(a.lat, a.lon, b.lat, b.lon) <= MAX_KM:
            return True
        return a.admin1 is not None and a.admin1 == b.admin1
    if a.admin1 and b.admin1 and not (a.precision == "country" or b.precision == "country"):
        return a.admin1 == b.admin1
    return True


def date_window(value: str | None, precision: str | None, published: date | None,
                source: str | None = None) -> tuple[date, date] | None:
    """Return the first and last day an event's date allows (None: no constraint).

    A date taken from the publication month (``source`` "publication": the text gives none)
    constrains no more than no date at all: the days before publication.
    """
    if value and source != "publication":
        try:
            if precision == "day" or len(value) == 10:
                d = date.fromisoformat(value[:10])
                return d, d
            year = int(value[:4])
            if precision == "month" or len(value) == 7:
                month = int(value[5:7])
                return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
            return date(year, 1, 1), date(year, 12, 31)
        except ValueError:
            return None
    if published is not None:
        return published - UNDATED_WINDOW, published
    return None


def windows_overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Return True when two date windows share a day (a missing window constrains nothing)."""
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def actor_key(actor: Actor) -> str | None:
    """Return what identifies an actor across reports: its code, with the group's name."""
    if not actor.country:
        return None
    if actor.country in GROUP_CODES and actor.org:
        return f"{actor.country}:{actor.org}"
    return actor.country


def actor_keys(event: Event) -> frozenset[str]:
    """Return the actor keys of both sides of an event."""
    keys = (actor_key(a) for a in (*event.actor, *event.recipient))
    return frozenset(k for k in keys if k)


def status_group(status: str) -> str:
    """Return the status family a mention clusters in: negated apart from the rest."""
    return "negated" if status == "negated" else "asserted"


@dataclass(frozen=True)
class Profile:
    """What clustering compares: of one mention, or of an event made of mentions."""

    event_type: str
    status_group: str
    window: tuple[date, date] | None
    actors: frozenset[str]
    where: Where


def same_event(mention: Profile, event: Profile) -> bool:
    """Return True when a mention reports the same real-world event as ``event``."""
    return (
        mention.window is not None
        and event.window is not None
        and mention.event_type == event.event_type
        and mention.status_group == event.status_group
        and bool(mention.actors & event.actors)
        and windows_overlap(mention.window, event.window)
        and places_compatible(mention.where, event.where)
    )


def narrower(a: tuple[date, date] | None,
             b: tuple[date, date] | None) -> tuple[date, date] | None:
    """Return the intersection of two overlapping windows (the one given when the other is None)."""
    if a is None:
        return b
    if b is None:
        return a
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else a
