"""What the dashboard shows, as plain data: events, an event's evidence, an article, actors,
counts per day, a dyad over time. Both the JSON API and the pages are built from these functions.

Every read goes through ``Store``: its filters bind every value, nothing here writes SQL.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from ..analysis.dyads import actor_codes, dyad_series
from ..export.table import flat
from ..ontology import load_ontology
from ..store import Store
from ..temporal import find_times
from .filters import EventFilters
from .highlight import Span, segments

# One colour per PLOVER type (cooperation in blues and greens, conflict in oranges and reds).
TYPE_COLOURS = {
    "AGREE": "#1b9e77", "CONSULT": "#1f78b4", "SUPPORT": "#66a61e", "CONCEDE": "#a6cee3",
    "COOPERATE": "#33a02c", "AID": "#b2df8a", "RETREAT": "#8c96c6", "REQUEST": "#6a3d9a",
    "ACCUSE": "#fdbf6f", "REJECT": "#ff7f00", "THREATEN": "#e6ab02", "PROTEST": "#b15928",
    "SANCTION": "#fb9a99", "MOBILIZE": "#e7298a", "COERCE": "#d95f02", "ASSAULT": "#e31a1c",
}
UNKNOWN_COLOUR = "#777777"
# The map draws at most this many events (the first ones by date); the page says so.
MAP_LIMIT = 5000
# The network shows the actors with the most links, at most this many.
NETWORK_NODES = 40


def type_colour(event_type: str | None) -> str:
    """Return the colour of a PLOVER type on the map and the timeline."""
    return TYPE_COLOURS.get(event_type or "", UNKNOWN_COLOUR)


def event_types() -> list[str]:
    """Return the PLOVER types in the ontology's order."""
    return list(load_ontology().types)


def statuses() -> list[str]:
    """Return the statuses an event may have."""
    return sorted(load_ontology().statuses)


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """Return an event row as JSON-ready data (dates as ISO text, context as a list)."""
    record = flat(row)
    record["context"] = json.loads(row["context"] or "[]")
    return record


def event_label(e: dict[str, Any]) -> dict[str, str]:
    """Return the short texts an event is shown with: kind, who, where."""
    kind = e["event_type"] + (f"/{e['mode']}" if e.get("mode") else "")
    one = _party(e["actor1_name"], e["actor1_country"])
    two = _party(e["actor2_name"], e["actor2_country"])
    return {"kind": kind, "who": f"{one or '–'} → {two or '–'}",
            "where": e.get("place_name") or e.get("country") or "–"}


def _party(name: str | None, country: str | None) -> str:
    if not name:
        return country or ""
    return f"{name} ({country})" if country else name


# --- events -------------------------------------------------------------------------------------


def event_page(store: Store, filters: EventFilters, *, limit: int,
               offset: int) -> dict[str, Any]:
    """Return one page of the events matching ``filters`` and their total."""
    rows = store.events(filters.as_store_filters(), limit=limit, offset=offset)
    return {"total": store.count_events(filters.as_store_filters()), "limit": limit,
            "offset": offset, "events": [event_record(r) for r in rows]}


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """Return an event with its actors and every mention: evidence, offsets, rule, article."""
    row = store.event(event_id)
    if row is None:
        return None
    mentions = []
    by_article: dict[str, dict[str, dict[str, Any]]] = {}
    for m in store.mentions_of(event_id):
        key = m["article_key"]
        if key not in by_article:
            by_article[key] = {r["mention_id"]: r for r in store.article_rows("mentions", key)}
        full = by_article[key].get(m["mention_id"], {})
        mentions.append({
            "mention_id": m["mention_id"], "event_type": full.get("event_type"),
            "status": full.get("status"), "date": full.get("event_date"),
            "evidence": m["evidence"], "evidence_start": full.get("evidence_start"),
            "evidence_end": full.get("evidence_end"),
            "trigger": [full.get("trigger_start"), full.get("trigger_end")],
            "rule": full.get("rule"), "confidence": full.get("confidence"),
            "anchor": mention_anchor(m["mention_id"]),
            "article": {"article_key": key, "title": m["title"], "url": m["url"],
                        "outlet": m["outlet"],
                        "published": m["published"].isoformat() if m["published"] else None}})
    return {"event": event_record(row), "actors": store.actors_of(event_id),
            "mentions": mentions}


def mention_anchor(mention_id: str) -> str:
    """Return the HTML id of a mention's evidence in its article's page ("m-e2")."""
    return "m-" + mention_id.rsplit("#", 1)[-1]


# --- articles -----------------------------------------------------------------------------------


def article_body(article: dict[str, Any]) -> str:
    """Return the text offsets point into: the title, a blank line, the text."""
    return f"{article['title']}\n\n{article['text']}" if article["title"] else article["text"]


def article_detail(store: Store, article_key: str) -> dict[str, Any] | None:
    """Return an article, what was coded from it (with offsets) and its highlighted body."""
    a = store.article(article_key)
    if a is None:
        return None
    body = article_body(a)
    mentions = store.article_rows("mentions", article_key)
    events = store.event_of_mentions([m["mention_id"] for m in mentions])
    actors = store.actors_of_article(article_key)
    places = store.article_rows("places", article_key)
    quotes = store.article_rows("quotes", article_key)
    # Dates are not stored with offsets; the same French grammar the pipeline runs finds them
    # again in the same body, resolved against the same publication date.
    times: list[dict[str, Any]] = [
        {"text": t.text, "start": t.start, "end": t.end, "value": t.value,
         "precision": t.precision} for t in find_times(body, a["published"])]
    spans: list[Span] = []
    for x in actors:
        who = x["person"] or x["org"] or x["name"]
        note = f"{x['role']}: {who} ({x['country'] or '?'} {x['sector'] or ''})"
        spans.append(Span(x["start_char"], x["end_char"], "actor", note))
    spans += [Span(p["start_char"], p["end_char"], "place",
                   f"place: {p['name']} ({p['country'] or '?'})") for p in places]
    spans += [Span(t["start"], t["end"], "time", f"date: {t['value'] or 'unresolved'}")
              for t in times]
    spans += [Span(q["start_char"], q["end_char"], "quote",
                   f"quote of {q['speaker_name'] or 'an unknown speaker'}") for q in quotes]
    coded = []
    for m in mentions:
        anchor = mention_anchor(m["mention_id"])
        spans.append(Span(m["evidence_start"], m["evidence_end"], "evidence",
                          f"evidence of {m['event_type']}", anchor=anchor))
        spans.append(Span(m["trigger_start"], m["trigger_end"], "trigger",
                          f"trigger of {m['event_type']} ({m['rule']})"))
        coded.append({
            "mention_id": m["mention_id"], "event_id": events.get(m["mention_id"]),
            "event_type": m["event_type"], "mode": m["mode"], "status": m["status"],
            "date": m["event_date"], "place": m["place_name"], "evidence": m["evidence"],
            "evidence_start": m["evidence_start"], "evidence_end": m["evidence_end"],
            "trigger": [m["trigger_start"], m["trigger_end"]], "rule": m["rule"],
            "confidence": m["confidence"], "anchor": anchor})
    article = {k: a[k] for k in ("article_key", "id", "url", "title", "text", "source", "outlet",
                                 "language", "duplicate_of", "similarity")}
    article["published"] = a["published"].isoformat() if a["published"] else None
    return {"article": article, "mentions": coded,
            "actors": [{k: x[k] for k in ("mention_id", "role", "name", "country", "sector",
                                          "person", "org", "kind", "start_char", "end_char")}
                       for x in actors],
            "places": [{k: p[k] for k in ("name", "country", "admin1", "lat", "lon",
                                          "geonameid", "kind", "start_char", "end_char")}
                       for p in places],
            "quotes": [{k: q[k] for k in ("text", "start_char", "end_char", "speaker_name",
                                          "speaker_country", "speaker_sector")} for q in quotes],
            "times": times, "segments": segments(body, spans)}


# --- the map ------------------------------------------------------------------------------------


def map_events(store: Store, filters: EventFilters) -> dict[str, Any]:
    """Return the located events to draw (at most MAP_LIMIT) and how many have no place."""
    located: list[dict[str, Any]] = []
    unlocated = total = 0
    for e in store.events(filters.as_store_filters()):
        total += 1
        if e["lat"] is None or e["lon"] is None:
            unlocated += 1
            continue
        if len(located) >= MAP_LIMIT:
            continue
        label = event_label(e)
        located.append({"id": e["event_id"], "lat": e["lat"], "lon": e["lon"],
                        "type": e["event_type"], "kind": label["kind"], "who": label["who"],
                        "where": label["where"], "date": e["event_date"], "status": e["status"],
                        "evidence": e["evidence"], "mentions": e["num_mentions"],
                        "sources": e["num_sources"], "colour": type_colour(e["event_type"])})
    return {"events": located, "unlocated": unlocated, "total": total,
            "capped": total - unlocated > len(located)}


# --- the timeline -------------------------------------------------------------------------------


def timeline(store: Store, filters: EventFilters) -> dict[str, Any]:
    """Return events per day (or per month over long spans) and type, and the undated count."""
    days: Counter[tuple[date, str]] = Counter()
    undated = 0
    for e in store.events(filters.as_store_filters()):
        day = _day(e["event_date"])
        if day is None:
            undated += 1
        else:
            days[(day, e["event_type"])] += 1
    if not days:
        return {"unit": "day", "buckets": [], "types": [], "undated": undated}
    first, last = min(d for d, _ in days), max(d for d, _ in days)
    unit = "day" if (last - first).days <= 120 else "month"
    counts: dict[str, Counter[str]] = {}
    for label in _buckets(first, last, unit):
        counts[label] = Counter()
    for (day, kind), n in days.items():
        counts[day.isoformat() if unit == "day" else day.isoformat()[:7]][kind] += n
    types = [t for t in event_types() if any(c[t] for c in counts.values())]
    return {"unit": unit, "types": types, "undated": undated,
            "buckets": [{"date": label, "counts": {t: c[t] for t in types if c[t]},
                         "total": sum(c.values())} for label, c in counts.items()]}


def _day(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _buckets(first: date, last: date, unit: str) -> list[str]:
    labels: list[str] = []
    day = first
    while day <= last:
        label = day.isoformat() if unit == "day" else day.isoformat()[:7]
        if not labels or labels[-1] != label:
            labels.append(label)
        day += timedelta(days=1)
    return labels


# --- actors -------------------------------------------------------------------------------------


def actor_network(store: Store, filters: EventFilters) -> dict[str, Any]:
    """Return who acts on whom: actors with their counts, and weighted links by quad class."""
    actors: dict[str, dict[str, Any]] = {}
    links: Counter[tuple[str, str, int]] = Counter()
    for e in store.events(filters.as_store_filters()):
        ends: list[str | None] = []
        for n, role in ((1, "as_actor"), (2, "as_recipient")):
            name, country = e[f"actor{n}_name"], e[f"actor{n}_country"]
            if not name:
                ends.append(None)
                continue
            key = f"{name} ({country})" if country else name
            node = actors.setdefault(key, {"id": key, "name": name, "country": country,
                                           "sector": e[f"actor{n}_sector"], "as_actor": 0,
                                           "as_recipient": 0})
            node[role] += 1
            ends.append(key)
        if ends[0] and ends[1]:
            links[(ends[0], ends[1], int(e["quad_class"] or 0))] += 1
    nodes = sorted(actors.values(), key=lambda a: (-(a["as_actor"] + a["as_recipient"]),
                                                   a["id"]))
    return {"actors": nodes,
            "links": [{"source": s, "target": t, "quad_class": q, "weight": w}
                      for (s, t, q), w in sorted(links.items(), key=lambda x: (-x[1], x[0]))]}


# --- counts -------------------------------------------------------------------------------------


def stats(store: Store, filters: EventFilters) -> dict[str, Any]:
    """Return the store's row counts and the matching events counted by type, country, status."""
    by_type: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    located = 0
    events = store.events(filters.as_store_filters())
    for e in events:
        by_type[e["event_type"]] += 1
        by_country[e["country"] or "unknown"] += 1
        by_status[e["status"]] += 1
        located += e["lat"] is not None and e["lon"] is not None
    counts = store.counts()
    return {"tables": {t: counts[t] for t in ("articles", "mentions", "events", "actors",
                                              "places", "quotes", "failures", "runs")},
            "events": len(events), "located": located,
            "by_type": dict(by_type.most_common()), "by_country": dict(by_country.most_common()),
            "by_status": dict(by_status.most_common())}


# --- dyads --------------------------------------------------------------------------------------


def actor_choices(store: Store) -> list[dict[str, str]]:
    """Return the codes of the store's actors and recipients with their names (the pickers)."""
    names = actor_codes()
    return [{"code": code, "name": names.get(code, code)} for code in store.actor_codes()]


def dyad(store: Store, a: str, b: str, unit: str) -> dict[str, Any]:
    """Return the series of a dyad (``veille dyads``), each row with the query of its events."""
    data = dyad_series(store, a, b, unit=unit).to_dict()
    for row in data["rows"]:
        row["events_query"] = urlencode({"dyad": row["direction"], "period": row["period"]})
    return data
