"""ACLED-like CSV: ACLED's column names, PLOVER types mapped to ACLED's where they mean the same.

ACLED codes political violence, demonstrations and strategic developments; PLOVER also codes
verbal events. Events ACLED would not code as violence or demonstrations become "Strategic
developments" (sub-event "Agreement", "Arrests", "Change to group/activity" where they mean
that, "Other" otherwise); ``tags`` keeps the PLOVER type and mode so nothing is lost.
``fatalities`` is the number of dead the reports state (the largest count when several
reports give one); empty when none is stated — ACLED writes 0 for "none reported", which
from a text that says nothing would be a claim.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..geo.countries import codes_of
from ..store import Store

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC = "Strategic developments"
# ASSAULT by mode: (event_type, sub_event_type).
ASSAULT_MODES = {
    "aerial": ("Explosions/Remote violence", "Air/drone strike"),
    "drone": ("Explosions/Remote violence", "Air/drone strike"),
    "explosives": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide-attack": ("Explosions/Remote violence", "Suicide bomb"),
    "heavy-weapons": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "sexual": ("Violence against civilians", "Sexual violence"),
}
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "UAF", "SPY"})
RIOT_MODES = frozenset({"riot", "vandalize"})
STRATEGIC_TYPES = {
    ("AGREE", None): "Agreement",
    ("COERCE", "arrest"): "Arrests",
    ("MOBILIZE", None): "Change to group/activity",
    ("RETREAT", None): "Change to group/activity",
}
# ACLED interaction codes: 1 state forces, 2 rebel groups, 6 protesters, 5 rioters,
# 7 civilians, 8 external/other forces.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
TIME_PRECISION = {"day": 1, "month": 3, "year": 3}
GEO_PRECISION = {"city": 1, "village": 1, "near": 2, "region": 3, "country": 3}


def acled_type(event: dict[str, Any], recipient_sectors: set[str]) -> tuple[str, str, str]:
    """Return (disorder_type, event_type, sub_event_type) for a PLOVER event."""
    kind, mode = event["event_type"], event["mode"]
    if kind == "ASSAULT":
        if mode in ASSAULT_MODES:
            return (VIOLENCE, *ASSAULT_MODES[mode])
        if recipient_sectors & ARMED_SECTORS:
            return VIOLENCE, "Battles", "Armed clash"
        return VIOLENCE, "Violence against civilians", "Attack"
    if kind == "PROTEST":
        if mode in RIOT_MODES:
            return DEMONSTRATIONS, "Riots", "Violent demonstration"
        return DEMONSTRATIONS, "Protests", "Peaceful protest"
    sub = STRATEGIC_TYPES.get((kind, mode)) or STRATEGIC_TYPES.get((kind, None)) or "Other"
    return STRATEGIC, STRATEGIC, sub


def inter_code(country: str | None, sector: str | None, event_type: str,
               mode: str | None) -> str:
    """Return ACLED's actor-type code for an actor, or '' when it cannot be told."""
    if event_type == "PROTEST" and sector not in STATE_SECTORS:
        return "5" if mode in RIOT_MODES else "6"
    if sector in ("REB", "UAF") or country == "IMG":
        return "2"
    if country == "IGO":
        return "8"
    if sector in STATE_SECTORS and codes_of(country):
        return "1"
    if sector == "CVL":
        return "7"
    return ""


def acled_row(store: Store, event: dict[str, Any]) -> dict[str, Any]:
    """Return one event as an ACLED-like row."""
    actors = store.actors_of(event["event_id"])
    sides = {role: [a for a in actors if a["role"] == role] for role in ("actor", "recipient")}
    disorder, etype, sub = acled_type(
        event, {a["sector"] for a in sides["recipient"] if a["sector"]})

    def label(a: dict[str, Any]) -> str:
        return f"{a['name']} ({a['country']})" if a["country"] else a["name"]

    def side(role: str) -> tuple[str, str, str]:
        found = sides[role]
        if not found:
            return "", "", ""
        first = found[0]
        inter = inter_code(first["country"], first["sector"], event["event_type"], event["mode"])
        return label(first), "; ".join(label(a) for a in found[1:]), inter

    actor1, assoc1, inter1 = side("actor")
    actor2, assoc2, inter2 = side("recipient")
    codes = codes_of(event["country"])
    mentions = store.mentions_of(event["event_id"])
    day = event["date_min"]
    tags = f"PLOVER:{event['event_type']}" + (f"/{event['mode']}" if event["mode"] else "")
    return {
        "event_id_cnty": f"{event['country'] or 'XXX'}{event['seq']}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": TIME_PRECISION.get(event["date_precision"] or "", 3),
        "disorder_type": disorder, "event_type": etype, "sub_event_type": sub,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": f"{inter1}{inter2}" if inter1 and inter2 else inter1 or "",
        "civilian_targeting": "Civilian targeting" if etype == "Violence against civilians"
        else "",
        "iso": codes.isonumeric if codes else "",
        "region": "",
        "country": codes.name if codes else "",
        "admin1": event["admin1"] or "", "admin2": "", "admin3": "",
        "location": event["place_name"] or "",
        "latitude": event["lat"] if event["lat"] is not None else "",
        "longitude": event["lon"] if event["lon"] is not None else "",
        "geo_precision": GEO_PRECISION.get(event["geo_precision"] or "", 3),
        "source": "; ".join(sorted({m["outlet"] for m in mentions if m["outlet"]})),
        "source_scale": "",
        "notes": event["evidence"] or "",
        "fatalities": "" if event.get("killed") is None else int(event["killed"]),
        "tags": tags + f"; status={event['status']}",
        "timestamp": "",
    }


def write(store: Store, path: Path, filters: dict[str, Any] | None = None) -> int:
    """Write the events as an ACLED-like CSV; return how many."""
    events = store.events(filters)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(acled_row(store, event))
    return len(events)
