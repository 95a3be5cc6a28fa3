"""When two mentions are one real-world event: type, status, dates, actors, places."""

from __future__ import annotations

from datetime import date

import pytest

from veille.model import Actor, Event
from veille.store.clustering import (
    Profile,
    Where,
    actor_keys,
    date_window,
    haversine_km,
    places_compatible,
    same_event,
)

D = date.fromisoformat
MOPTI = Where("MLI", "04", 14.49, -4.20, "city")
SEVARE = Where("MLI", "04", 14.53, -4.10, "city")  # about 11 km from Mopti
GAO = Where("MLI", "06", 16.27, -0.04, "city")
MALI = Where("MLI", None, 17.0, -4.0, "country")
NIAMEY = Where("NER", "08", 13.51, 2.11, "city")
NOWHERE = Where()


@pytest.mark.parametrize(("value", "precision", "published", "window"), [
    ("2023-02-07", "day", None, (D("2023-02-07"), D("2023-02-07"))),
    ("2023-02", "month", None, (D("2023-02-01"), D("2023-02-28"))),
    ("2024-02", "month", None, (D("2024-02-01"), D("2024-02-29"))),
    ("2021", "year", None, (D("2021-01-01"), D("2021-12-31"))),
    (None, None, D("2023-03-15"), (D("2023-03-08"), D("2023-03-15"))),
    (None, None, None, None),
])
def test_date_window(value: str | None, precision: str | None, published: date | None,
                     window: tuple[date, date] | None) -> None:
    assert date_window(value, precision, published) == window


@pytest.mark.parametrize(("a", "b", "same"), [
    (MOPTI, SEVARE, True),      # within 50 km
    (MOPTI, GAO, False),        # another region, hundreds of km away
    (MOPTI, MALI, True),        # the country only: the same country is enough
    (MOPTI, NIAMEY, False),     # another country
    (MOPTI, NOWHERE, True),     # no place says nothing against
    (Where("MLI", "04", None, None, "region"), MOPTI, True),   # the region it lies in
    (Where("MLI", "06", None, None, "region"), MOPTI, False),  # another region
])
def test_places_compatible(a: Where, b: Where, same: bool) -> None:
    assert places_compatible(a, b) is same
    assert places_compatible(b, a) is same


def test_haversine_mopti_sevare() -> None:
    assert 8 < haversine_km(MOPTI.lat, MOPTI.lon, SEVARE.lat, SEVARE.lon) < 14  # type: ignore[arg-type]


def _p(kind: str = "ASSAULT", status: str = "asserted", window: tuple[date, date] | None = (
        D("2023-03-13"), D("2023-03-13")), actors: frozenset[str] = frozenset({"BFA"}),
       where: Where = MOPTI) -> Profile:
    return Profile(kind, status, window, actors, where)


@pytest.mark.parametrize(("mention", "same"), [
    (_p(), True),
    (_p(kind="PROTEST"), False),
    (_p(status="negated"), False),
    (_p(window=(D("2023-03-01"), D("2023-03-31"))), True),   # "en mars": compatible at month
    (_p(window=(D("2023-03-14"), D("2023-03-14"))), False),  # the next day is another day
    (_p(window=None), False),                                # cannot be placed in time
    (_p(actors=frozenset({"IMG:JNIM", "BFA"})), True),
    (_p(actors=frozenset({"NER"})), False),
    (_p(where=GAO), False),
])
def test_same_event(mention: Profile, same: bool) -> None:
    assert same_event(mention, _p()) is same


def test_actor_keys_use_both_sides_and_group_names() -> None:
    event = Event("ASSAULT", actor=[Actor("le JNIM", country="IMG", sector="REB", org="JNIM")],
                  recipient=[Actor("l'armée", country="MLI", sector="MIL"), Actor("des civils")])
    assert actor_keys(event) == frozenset({"IMG:JNIM", "MLI"})


@pytest.mark.parametrize(("published", "window"), [
    (D("2023-03-15"), (D("2023-03-08"), D("2023-03-15"))),
    (None, None),
])
def test_publication_month_constrains_like_no_date(published: date | None,
                                                   window: tuple[date, date] | None) -> None:
    # "2023-03" taken from the publication, not from the text: the days before publication.
    assert date_window("2023-03", "month", published, "publication") == window
