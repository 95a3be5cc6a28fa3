"""The dyad chart as a PNG (``veille dyads --format png``), drawn by matplotlib off screen.

Two panels over the same periods: the events of each direction stacked by quad class, then
the summed scores (cooperation up, conflict down) with the net score as a line. In each
period the left bar is A-B (what A does to B), the right one, hatched, B-A.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

from ..errors import Errors, VeilleError
from ..ontology import QUAD_CLASSES
from .dyads import DyadSeries

BAR = 0.38
# Most period labels under the axis; more periods show one label in every few.
MAX_LABELS = 24
COOPERATION_COLOUR = QUAD_CLASSES[2][1]
CONFLICT_COLOUR = QUAD_CLASSES[4][1]
NET_COLOURS = ("#222222", "#777777")


def _figure() -> Any:
    try:
        # The object API and the Agg canvas only: no pyplot, no display, no global backend.
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise VeilleError(Errors.E051.format(reason=str(exc))) from exc
    figure = Figure(figsize=(10, 6.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def draw_png(series: DyadSeries, path: str | Path) -> None:
    """Draw the series of a dyad into the PNG file ``path``."""
    figure = _figure()
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    labels = series.periods
    ways = series.directions
    x = list(range(len(labels)))
    for side, way in enumerate(ways):
        shift = (side - 0.5) * BAR
        xs = [i + shift for i in x]
        rows = [series.row(label, way) for label in labels]
        base = [0] * len(rows)
        for quad, (name, colour) in QUAD_CLASSES.items():
            counts = [r.quads[quad - 1] for r in rows]
            top.bar(xs, counts, BAR, bottom=base, color=colour, edgecolor="white",
                    hatch="//" if side else None, label=name if side == 0 else None)
            base = [b + c for b, c in zip(base, counts, strict=True)]
        bottom.bar(xs, [r.cooperation for r in rows], BAR, color=COOPERATION_COLOUR,
                   hatch="//" if side else None, edgecolor="white",
                   label="cooperation" if side == 0 else None)
        bottom.bar(xs, [r.conflict for r in rows], BAR, color=CONFLICT_COLOUR,
                   hatch="//" if side else None, edgecolor="white",
                   label="conflict" if side == 0 else None)
        bottom.plot(xs, [r.net for r in rows], color=NET_COLOURS[side], marker="o",
                    linestyle="-" if side == 0 else "--", label=f"net {way}")
    top.set_ylabel("events")
    top.set_title(f"{series.a} and {series.b} by {series.unit}: left bars {ways[0]}, "
                  f"hatched bars {ways[1]}")
    top.legend(loc="upper left", fontsize=8, ncols=2)
    top.yaxis.get_major_locator().set_params(integer=True)
    bottom.axhline(0, color="#444444", linewidth=0.8)
    bottom.set_ylabel("PLOVER score")
    bottom.legend(loc="upper left", fontsize=8, ncols=4)
    every = max(1, math.ceil(len(labels) / MAX_LABELS))
    bottom.set_xticks(x[::every], labels[::every], rotation=45, ha="right")
    if not labels:
        top.text(0.5, 0.5, f"no dated event between {series.a} and {series.b}",
                 transform=top.transAxes, ha="center", va="center")
    # Below the axis labels (the layout makes room for it): what the chart leaves out.
    figure.supxlabel(textwrap.fill(" ".join(series.notes()), 150), fontsize=8,
                     color="#444444")
    try:
        figure.savefig(str(path), format="png")
    except OSError as exc:
        raise VeilleError(Errors.E027.format(path=path, reason=exc.strerror or exc)) from exc
