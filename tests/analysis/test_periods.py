"""Periods of a series: labels, bounds, and the day an event date counts on."""

from __future__ import annotations

from datetime import date

import pytest

from veille.analysis import periods
from veille.errors import VeilleError


@pytest.mark.parametrize(("event_date", "day", "imprecise"), [
    ("2023-02-07", date(2023, 2, 7), False),
    ("2023-02", date(2023, 2, 1), True),   # known to the month: its first day
    ("2023", date(2023, 1, 1), True),      # known to the year: 1 January
    (None, None, False),
    ("", None, False),
    ("2023-02-30", None, False),           # not a date: left out, never guessed
])
def test_the_day_an_event_counts_on(event_date: str | None, day: date | None,
                                    imprecise: bool) -> None:
    assert periods.anchor_day(event_date) == day
    assert periods.is_imprecise(event_date) is imprecise


@pytest.mark.parametrize(("day", "unit", "label", "first", "last"), [
    (date(2023, 2, 7), "month", "2023-02", date(2023, 2, 1), date(2023, 2, 28)),
    (date(2024, 2, 29), "month", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    (date(2023, 2, 7), "week", "2023-W06", date(2023, 2, 6), date(2023, 2, 12)),
    # 1 January 2023 is a Sunday: the last ISO week of 2022.
    (date(2023, 1, 1), "week", "2022-W52", date(2022, 12, 26), date(2023, 1, 1)),
    (date(2020, 12, 31), "week", "2020-W53", date(2020, 12, 28), date(2021, 1, 3)),
])
def test_labels_and_bounds(day: date, unit: str, label: str, first: date, last: date) -> None:
    assert periods.period_of(day, unit) == label
    assert periods.bounds(label) == (first, last)
    assert periods.unit_of(label) == unit


def test_every_period_between_two_days() -> None:
    assert periods.periods_between(date(2023, 1, 31), date(2023, 3, 1), "month") == [
        "2023-01", "2023-02", "2023-03"]
    assert periods.periods_between(date(2023, 1, 1), date(2023, 1, 9), "week") == [
        "2022-W52", "2023-W01", "2023-W02"]


@pytest.mark.parametrize("label", ["2023-13", "2023-00", "2023-W54", "2023-W00", "2023-2",
                                   "février", "2023-02-01", "2023-W5", ""])
def test_a_bad_period_is_refused(label: str) -> None:
    with pytest.raises(VeilleError, match="E049"):
        periods.bounds(label)


def test_a_bad_unit_is_refused() -> None:
    with pytest.raises(VeilleError, match="E052"):
        periods.period_of(date(2023, 1, 1), "day")
