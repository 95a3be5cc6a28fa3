"""What two actors do to each other over time: a dyad's events by period, quad class and score.

``dyad_series(store, "MLI", "FRA", unit="month")`` returns one row per period and direction
(MLI-FRA: what Mali does to France; FRA-MLI: the other way), every period from the first dated
event to the last, empty ones included. The rules:

* **Direction.** An event goes from A to B when one of its actors has code A and one of its
  recipients code B, the reports clustered into the event taken together (reports may swap
  sides, so an event can go both ways). The parties of a mutual event (a reciprocal meeting,
  joint cooperation, ``mutual`` in plover.yaml: PLOVER puts them all in actor) are in the
  relation both ways when A and B are both among its actors. A code stands for everything
  coded with it: a country, or a whole group (IGO: any organisation, IMG: any armed group).
* **Which events.** Those reported as done: status actual, claimed or historical. Negated
  events did not happen; future ones are dated by the day they are planned for. Both are left
  out and counted apart.
* **When.** The event's date, never the article's publication day (an undated report in the
  passé composé carries the publication month, ``date_source`` "publication"). A date known
  only to the month or the year counts on that month's or year's first day and is flagged (column
  ``imprecise``); an event without a date is left out of the series and counted apart.
* **Scores.** ``cooperation`` sums the PLOVER scores of quad classes 1-2 (verbal and material
  cooperation), ``conflict`` those of quad classes 3-4 (zero or below), ``net`` both.

An event counts once per direction, however many articles report it.
"""

from __future__ import annotations

import csv
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import Errors, VeilleError
from ..knowledge import GROUP_CODES
from ..store.store import DYAD_STATUSES
from . import periods

if TYPE_CHECKING:
    from ..store import Store

COLUMNS = ("period", "start", "direction", "quad1", "quad2", "quad3", "quad4", "cooperation",
           "conflict", "net", "events", "imprecise")
FORMATS = ("table", "csv", "png")
COOPERATION_QUADS = frozenset({1, 2})


# What the group codes of knowledge.GROUP_CODES stand for as a side of a dyad: the whole group.
GROUP_NAMES = {"AFR": "African states", "IGO": "international organisations",
               "IMG": "armed groups", "NGO": "non-governmental organisations",
               "SAH": "Sahel states", "WST": "Western states"}


@functools.lru_cache(maxsize=1)
def actor_codes() -> dict[str, str]:
    """Return every code a dyad side may have, with its name: countries, then group codes."""
    from ..geo.countries import country_codes

    return {iso3: c.name for iso3, c in sorted(country_codes().items())} | GROUP_NAMES


def check_code(value: str) -> str:
    """Return an actor code in capitals (MLI, FRA, IGO ...), else raise E047."""
    code = str(value).strip().upper()
    if code not in actor_codes():
        raise VeilleError(Errors.E047.format(value=value, groups=", ".join(sorted(GROUP_CODES))))
    return code


def check_dyad(a: str, b: str) -> tuple[str, str]:
    """Return the two codes of a dyad, checked (E047) and different (E048)."""
    a, b = check_code(a), check_code(b)
    if a == b:
        raise VeilleError(Errors.E048.format(code=a))
    return a, b


@dataclass(frozen=True)
class DyadRow:
    """What one side did to the other in one period."""

    period: str
    start: date
    direction: str
    quads: tuple[int, int, int, int]
    cooperation: float
    conflict: float
    events: int
    imprecise: int

    @property
    def net(self) -> float:
        """Return cooperation plus conflict: above zero, the period leaned to cooperation."""
        return round(self.cooperation + self.conflict, 6)

    def to_dict(self) -> dict[str, Any]:
        """Return the row with the column names of COLUMNS (start as ISO text)."""
        return {"period": self.period, "start": self.start.isoformat(),
                "direction": self.direction,
                **{f"quad{n}": count for n, count in enumerate(self.quads, start=1)},
                "cooperation": self.cooperation, "conflict": self.conflict, "net": self.net,
                "events": self.events, "imprecise": self.imprecise}


@dataclass
class DyadSeries:
    """The series of a dyad and what it leaves out."""

    a: str
    b: str
    unit: str
    rows: list[DyadRow]
    undated: int = 0
    left_out: dict[str, int] = field(default_factory=dict)  # status -> events

    @property
    def directions(self) -> tuple[str, str]:
        """Return the two directions, A-B first."""
        return direction(self.a, self.b), direction(self.b, self.a)

    @property
    def periods(self) -> list[str]:
        """Return the period labels, in order."""
        return list(dict.fromkeys(r.period for r in self.rows))

    def row(self, period: str, way: str) -> DyadRow:
        """Return the row of one period and direction."""
        return next(r for r in self.rows if r.period == period and r.direction == way)

    @property
    def imprecise(self) -> int:
        """Return how many counted events have a date known to the month or year only."""
        return sum(r.imprecise for r in self.rows)

    def notes(self) -> list[str]:
        """Return what the series leaves out or places roughly, one sentence each."""
        notes = [f"{self.undated} undated event(s) not plotted."]
        if self.imprecise:
            notes.append(f"{self.imprecise} event(s) dated to the month or year only, counted "
                         "on its first day (column imprecise).")
        if self.left_out:
            parts = ", ".join(f"{n} {status}" for status, n in sorted(self.left_out.items()))
            notes.append(f"Left out: {parts} event(s) (only what was reported as done counts).")
        return notes

    def to_dict(self) -> dict[str, Any]:
        """Return the series as JSON-ready data."""
        return {"a": self.a, "b": self.b, "by": self.unit, "directions": list(self.directions),
                "rows": [r.to_dict() for r in self.rows], "undated": self.undated,
                "imprecise": self.imprecise, "left_out": dict(sorted(self.left_out.items())),
                "notes": self.notes()}


def direction(a: str, b: str) -> str:
    """Return the label of a direction ("MLI-FRA": what MLI does to FRA)."""
    return f"{a}-{b}"


@dataclass
class _Cell:
    quads: Counter[int] = field(default_factory=Counter)
    cooperation: float = 0.0
    conflict: float = 0.0
    events: int = 0
    imprecise: int = 0


def dyad_series(store: Store, a: str, b: str, *, unit: str = "month") -> DyadSeries:
    """Return the series of the dyad ``a``-``b`` per ``unit`` (week or month), both directions."""
    a, b = check_dyad(a, b)
    periods.check_unit(unit)
    return build_series(store.dyad_events(a, b), a, b, unit=unit)


def build_series(events: Iterable[dict[str, Any]], a: str, b: str, *,
                 unit: str) -> DyadSeries:
    """Return the series of events as ``Store.dyad_events`` gives them."""
    ways = (direction(a, b), direction(b, a))
    cells: dict[tuple[str, str], _Cell] = {}
    days: list[date] = []
    undated = 0
    left_out: Counter[str] = Counter()
    for e in events:
        if e["status"] not in DYAD_STATUSES:
            left_out[e["status"]] += 1
            continue
        day = periods.anchor_day(e["event_date"])
        if day is None:
            undated += 1
            continue
        days.append(day)
        label = periods.period_of(day, unit)
        for way, goes in zip(ways, (e["a_to_b"], e["b_to_a"]), strict=True):
            if not goes:
                continue
            cell = cells.setdefault((label, way), _Cell())
            cell.events += 1
            cell.imprecise += periods.is_imprecise(e["event_date"])
            quad, score = e["quad_class"], float(e["score"] or 0.0)
            if quad:
                cell.quads[int(quad)] += 1
            if quad in COOPERATION_QUADS:
                cell.cooperation += score
            elif quad:
                cell.conflict += score
    rows: list[DyadRow] = []
    if days:
        for label in periods.periods_between(min(days), max(days), unit):
            start = periods.bounds(label)[0]
            for way in ways:
                c = cells.get((label, way), _Cell())
                rows.append(DyadRow(label, start, way, (c.quads[1], c.quads[2], c.quads[3],
                                                        c.quads[4]),
                                    round(c.cooperation, 6), round(c.conflict, 6), c.events,
                                    c.imprecise))
    return DyadSeries(a, b, unit, rows, undated, dict(left_out))


# --- output -------------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:.1f}" if value == round(value, 1) else f"{value:g}"


def _cells(row: DyadRow) -> list[str]:
    values = row.to_dict()
    return [_number(v) if isinstance(v, float) else str(v) for v in values.values()]


def write_csv(series: DyadSeries, out: TextIO) -> None:
    """Write the series as CSV with a header of COLUMNS (pandas reads it as it is)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in series.rows:
        writer.writerow(_cells(row))


def format_table(series: DyadSeries) -> str:
    """Return the series as aligned columns and notes as ``#`` lines.

    ``pandas.read_csv(path, sep=r"\\s+", comment="#")`` reads it back.
    """
    lines = []
    if series.rows:
        table = [list(COLUMNS), *(_cells(r) for r in series.rows)]
        widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
        for r in table:
            lines.append("  ".join(c.rjust(w) if i > 2 else c.ljust(w)
                                   for i, (c, w) in enumerate(zip(r, widths, strict=True)))
                         .rstrip())
    else:
        lines.append(f"# no dated event between {series.a} and {series.b}")
    lines += [f"# {note}" for note in series.notes()]
    return "\n".join(lines)
