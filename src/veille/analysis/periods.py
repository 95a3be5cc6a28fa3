"""Periods of a time series (ISO weeks, months) and the day an event is counted on.

A period has a label that says its unit: ``2023-02`` is a month, ``2023-W05`` an ISO week
(Monday to Sunday; the first week of a year is the one holding its first Thursday). An event
is counted on its own date; a date known only to the month or the year counts on that
month's or year's first day, and is flagged as imprecise.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..errors import Errors, VeilleError

UNITS = ("week", "month")
MONTH_LABEL = re.compile(r"^(\d{4})-(\d{2})$")
WEEK_LABEL = re.compile(r"^(\d{4})-W(\d{2})$")


def check_unit(unit: str) -> str:
    """Return ``unit`` when it is a period unit, else raise E052."""
    if unit not in UNITS:
        raise VeilleError(Errors.E052.format(value=unit, allowed=", ".join(UNITS)))
    return unit


def anchor_day(event_date: str | None) -> date | None:
    """Return the day an event date counts on: itself, else its month's or year's first day.

    ``2023-02-07`` counts on that day, ``2023-02`` on 1 February, ``2023`` on 1 January;
    no date (or one that is not an ISO date) gives None.
    """
    if not event_date:
        return None
    try:
        return date.fromisoformat((event_date + "-01-01")[:10])
    except ValueError:
        return None


def is_imprecise(event_date: str | None) -> bool:
    """Return True when an event date names a month or a year, not a day."""
    return bool(event_date) and len(event_date or "") < 10


def period_of(day: date, unit: str) -> str:
    """Return the label of the period (``week`` or ``month``) holding ``day``."""
    if check_unit(unit) == "month":
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def bounds(label: str) -> tuple[date, date]:
    """Return the first and last day of a period given by its label, else raise E049."""
    month = MONTH_LABEL.match(label)
    week = WEEK_LABEL.match(label)
    try:
        if month:
            year, number = int(month.group(1)), int(month.group(2))
            last = calendar.monthrange(year, number)[1]
            return date(year, number, 1), date(year, number, last)
        if week:
            start = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return start, start + timedelta(days=6)
    except ValueError as exc:  # month 13, week 54, year 0 ...
        raise VeilleError(Errors.E049.format(value=label)) from exc
    raise VeilleError(Errors.E049.format(value=label))


def unit_of(label: str) -> str:
    """Return the unit of a period label (``week`` or ``month``), else raise E049."""
    bounds(label)
    return "week" if WEEK_LABEL.match(label) else "month"


def periods_between(first: date, last: date, unit: str) -> list[str]:
    """Return the labels of every period from the one holding ``first`` to ``last``'s."""
    labels: list[str] = []
    start = bounds(period_of(first, unit))[0]
    while start <= last:
        labels.append(period_of(start, unit))
        start = bounds(labels[-1])[1] + timedelta(days=1)
    return labels
