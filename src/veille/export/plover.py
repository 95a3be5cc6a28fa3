"""PLOVER JSONL: one event a line, with PLOVER's field names (id, date, event, mode, context,
actor, recipient) and veille's provenance (evidence, mentions, counts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..store import Store

PLOVER_VERSION = "0.8"


def plover_event(store: Store, event: dict[str, Any]) -> dict[str, Any]:
    """Return one stored event as a PLOVER record."""
    actors = store.actors_of(event["event_id"])
    mentions = store.mentions_of(event["event_id"])

    def side(role: str) -> list[dict[str, Any]]:
        return [{"name": a["name"], "country": a["country"], "sector": a["sector"]}
                for a in actors if a["role"] == role]

    place = None
    if event["place_name"] or event["country"]:
        place = {"name": event["place_name"], "country": event["country"],
                 "admin1": event["admin1"], "lat": event["lat"], "lon": event["lon"],
                 "geonameid": event["geonameid"], "precision": event["geo_precision"]}
    return {
        "id": event["event_id"],
        "date": event["event_date"],
        "date_precision": event["date_precision"],
        "event": event["event_type"],
        "mode": event["mode"],
        "context": json.loads(event["context"] or "[]"),
        "actor": side("actor"),
        "recipient": side("recipient"),
        "location": place,
        "status": event["status"],
        "cameo": event["cameo"],
        "quad_class": event["quad_class"],
        "score": event["score"],
        "evidence": event["evidence"],
        "num_mentions": event["num_mentions"],
        "num_sources": event["num_sources"],
        "num_articles": event["num_articles"],
        "first_seen": event["first_seen"].isoformat() if event["first_seen"] else None,
        "last_seen": event["last_seen"].isoformat() if event["last_seen"] else None,
        "sources": [{"url": m["url"], "outlet": m["outlet"], "evidence": m["evidence"],
                     "mention": m["mention_id"]} for m in mentions],
        "version": f"PLOVER {PLOVER_VERSION}",
    }


def write(store: Store, path: Path, filters: dict[str, Any] | None = None) -> int:
    """Write the events as PLOVER JSONL; return how many."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for event in store.events(filters):
            fh.write(json.dumps(plover_event(store, event), ensure_ascii=False) + "\n")
            n += 1
    return n
