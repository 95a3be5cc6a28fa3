"""Geometry of the server-drawn SVG charts: stacked bars of the timeline, the actor network.

Only numbers and colours come out of here; the templates write the SVG and escape every label.
"""

from __future__ import annotations

import math
from typing import Any

from ..ontology import QUAD_CLASSES
from .views import UNKNOWN_COLOUR, type_colour

BAR_AREA = {"width": 960, "height": 260, "left": 40, "bottom": 60, "top": 10}


def timeline_bars(data: dict[str, Any]) -> dict[str, Any]:
    """Return the stacked bars (x, y, width, height, colour, title) of a timeline."""
    buckets = data["buckets"]
    if not buckets:
        return {"bars": [], "labels": [], "ticks": [], **BAR_AREA}
    plot_w = BAR_AREA["width"] - BAR_AREA["left"] - 10
    plot_h = BAR_AREA["height"] - BAR_AREA["bottom"] - BAR_AREA["top"]
    step = plot_w / len(buckets)
    peak = max(b["total"] for b in buckets) or 1
    bars, labels = [], []
    every = max(1, math.ceil(len(buckets) / 20))
    for i, b in enumerate(buckets):
        x = BAR_AREA["left"] + i * step
        y = BAR_AREA["top"] + plot_h
        for kind in data["types"]:
            n = b["counts"].get(kind, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            bars.append({"x": round(x + step * 0.1, 1), "y": round(y, 1),
                         "width": round(step * 0.8, 1), "height": round(h, 1),
                         "colour": type_colour(kind), "title": f"{b['date']}: {n} {kind}"})
        if i % every == 0:
            labels.append({"x": round(x + step / 2, 1), "y": BAR_AREA["top"] + plot_h + 12,
                           "text": b["date"]})
    ticks = [{"y": round(BAR_AREA["top"] + plot_h - plot_h * v / peak, 1), "value": v}
             for v in sorted({0, peak // 2, peak})]
    return {"bars": bars, "labels": labels, "ticks": ticks, **BAR_AREA}


def network_layout(data: dict[str, Any], *, max_nodes: int,
                   size: int = 720) -> dict[str, Any]:
    """Return the actors on a circle and their links as lines weighted and coloured by quad."""
    nodes = data["actors"][:max_nodes]
    centre, radius = size / 2, size / 2 - 150
    where: dict[str, tuple[float, float]] = {}
    placed = []
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        where[node["id"]] = (x, y)
        degree = node["as_actor"] + node["as_recipient"]
        placed.append({"x": round(x, 1), "y": round(y, 1), "r": round(4 + 3 * math.sqrt(degree), 1),
                       "label": node["id"], "anchor": "start" if math.cos(angle) >= 0 else "end",
                       "lx": round(centre + (radius + 14) * math.cos(angle), 1),
                       "ly": round(centre + (radius + 14) * math.sin(angle), 1),
                       "title": f"{node['id']}: acts {node['as_actor']}, "
                                f"acted on {node['as_recipient']}"})
    lines = []
    for link in data["links"]:
        if link["source"] not in where or link["target"] not in where:
            continue
        (x1, y1), (x2, y2) = where[link["source"]], where[link["target"]]
        name, colour = QUAD_CLASSES.get(link["quad_class"], ("unknown", UNKNOWN_COLOUR))
        if link["source"] == link["target"]:  # an actor acting on its own kind: a small loop
            x2, y2 = x1 + 0.1, y1 + 0.1
        lines.append({"x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2, 1),
                      "y2": round(y2, 1), "width": round(1 + 2 * math.log2(link["weight"]), 1),
                      "colour": colour, "quad": link["quad_class"],
                      "title": f"{link['source']} → {link['target']}: {link['weight']} "
                               f"event(s), {name}"})
    return {"size": size, "nodes": placed, "lines": lines}
