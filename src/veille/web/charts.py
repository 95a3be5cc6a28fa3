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


DYAD_AREA = {"width": 960, "left": 50, "right": 10, "top": 10, "counts": 200, "gap": 30,
             "scores": 160, "bottom": 60}
COOPERATION_COLOUR = QUAD_CLASSES[2][1]
CONFLICT_COLOUR = QUAD_CLASSES[4][1]
NET_COLOURS = ("#222222", "#777777")


def dyad_chart(data: dict[str, Any]) -> dict[str, Any]:
    """Return the bars, dots and labels of a dyad's chart (the series of ``views.dyad``).

    Two panels over the same periods: events stacked by quad class, then cooperation (up) and
    conflict (down) scores with the net score as dots joined by a line. In each period the
    left bar is the first direction, the right one, lighter, the other; every bar and dot
    links to the events it counts.
    """
    area = DYAD_AREA
    height = area["top"] + area["counts"] + area["gap"] + area["scores"] + area["bottom"]
    out: dict[str, Any] = {"width": area["width"], "height": height, "left": area["left"],
                           "right": area["width"] - area["right"], "groups": [], "lines": [],
                           "labels": [], "ticks": []}
    rows = data["rows"]
    labels = list(dict.fromkeys(r["period"] for r in rows))
    if not labels:
        return out
    by_key = {(r["period"], r["direction"]): r for r in rows}
    step = (area["width"] - area["left"] - area["right"]) / len(labels)
    bar = step * 0.38
    count_base = area["top"] + area["counts"]
    peak = max(r["events"] for r in rows) or 1
    high = max(max(r["cooperation"] for r in rows), 0.0)
    low = min(min(r["conflict"] for r in rows), min(r["net"] for r in rows), 0.0)
    high = max(high, max(r["net"] for r in rows))
    span = (high - low) or 1.0
    scores_top = count_base + area["gap"]
    zero = scores_top + area["scores"] * high / span

    def score_y(value: float) -> float:
        return round(zero - area["scores"] * value / span, 1)

    every = max(1, math.ceil(len(labels) / 24))
    for side, way in enumerate(data["directions"]):
        points = []
        for i, label in enumerate(labels):
            row = by_key[(label, way)]
            x = area["left"] + i * step + step * 0.1 + side * (bar + step * 0.02)
            rects = []
            y = float(count_base)
            for quad, (name, colour) in QUAD_CLASSES.items():
                n = row[f"quad{quad}"]
                if not n:
                    continue
                h = area["counts"] * n / peak
                y -= h
                rects.append({"x": round(x, 1), "y": round(y, 1), "width": round(bar, 1),
                              "height": round(h, 1), "colour": colour,
                              "title": f"{way} {label}: {n} {name}"})
            for value, colour in ((row["cooperation"], COOPERATION_COLOUR),
                                  (row["conflict"], CONFLICT_COLOUR)):
                if value:
                    top, bottom = sorted((score_y(value), round(zero, 1)))
                    rects.append({"x": round(x, 1), "y": top, "width": round(bar, 1),
                                  "height": round(bottom - top, 1), "colour": colour,
                                  "title": f"{way} {label}: {value:g} "
                                           f"{'cooperation' if value > 0 else 'conflict'}"})
            dot = {"x": round(x + bar / 2, 1), "y": score_y(row["net"]), "colour":
                   NET_COLOURS[side], "title": f"{way} {label}: net {row['net']:g}"}
            points.append(dot)
            out["groups"].append({
                "href": f"/events?{row['events_query']}", "opacity": 1.0 if side == 0 else 0.55,
                "rects": rects, "dot": dot, "events": row["events"],
                "title": f"{way} {label}: {row['events']} event(s), cooperation "
                         f"{row['cooperation']:g}, conflict {row['conflict']:g}, "
                         f"net {row['net']:g}"})
            if side == 0 and i % every == 0:
                out["labels"].append({"x": round(area["left"] + i * step + step / 2, 1),
                                      "y": scores_top + area["scores"] + 14, "text": label})
        out["lines"].append({"colour": NET_COLOURS[side], "dashed": side == 1, "label": way,
                             "points": " ".join(f"{p['x']},{p['y']}" for p in points)})
    out["ticks"] = (
        [{"y": round(count_base - area["counts"] * v / peak, 1), "value": v}
         for v in sorted({0, peak // 2, peak})]
        + [{"y": score_y(v), "value": f"{v:g}"} for v in sorted({low, 0.0, high})])
    out["zero"] = round(zero, 1)
    out["count_base"] = count_base
    return out
