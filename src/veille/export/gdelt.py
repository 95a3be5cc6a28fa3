"""GDELT 2.0-like events TSV: GDELT's 61 columns, with a header line naming them.

CAMEO codes are strings (``"042"`` keeps its zero), QuadClass is PLOVER's quad class (the same
four classes), GoldsteinScale carries PLOVER's score (the same -10..+10 range), and
NumMentions/NumSources/NumArticles are veille's clustered counts, copies of one wire story
counted once. ActionGeo_CountryCode is the FIPS 10-4 code GDELT uses (Niger is NG, Nigeria NI);
ADM1 codes are FIPS country + GeoNames first-level code; FeatureID is the GeoNames id.
AvgTone stays empty: veille does not measure tone. Actor geography is left empty (GDELT infers
it from where the actor is named; veille does not).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..geo.countries import codes_of
from ..store import Store

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
              "FeatureID")
COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS), *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS), *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
# GDELT geographic resolution: 1 country, 4 world city, 5 world state (first-level region).
GEO_TYPE = {"country": 1, "city": 4, "village": 4, "near": 4, "region": 5}
# Known groups GDELT codes with CAMEO's group codes.
KNOWN_GROUPS = {"IGO": "IGO", "IMG": "IMG", "NGO": "NGO"}


def actor_fields(name: str | None, country: str | None, sector: str | None) -> dict[str, str]:
    """Return the ten GDELT columns of one actor (without the Actor1/Actor2 prefix)."""
    out = dict.fromkeys(ACTOR_FIELDS, "")
    if not (name or country):
        return out
    out["Name"] = (name or "").upper()
    if country in KNOWN_GROUPS:
        out["KnownGroupCode"] = KNOWN_GROUPS[country]
        out["Code"] = country + (sector or "")
    elif country:
        out["CountryCode"] = country
        out["Code"] = country + (sector or "")
    out["Type1Code"] = sector or ""
    return out


def gdelt_row(event: dict[str, Any]) -> dict[str, Any]:
    """Return one event as a GDELT 2.0 events row."""
    row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
    day = event["date_min"]
    if day is not None:
        row |= {"SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"),
                "Year": day.year,
                "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"}
    row["GLOBALEVENTID"] = event["seq"]
    for n in (1, 2):
        fields = actor_fields(event[f"actor{n}_name"], event[f"actor{n}_country"],
                              event[f"actor{n}_sector"])
        row |= {f"Actor{n}{k}": v for k, v in fields.items()}
    cameo = event["cameo"] or ""
    row |= {"IsRootEvent": 1, "EventCode": cameo, "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2], "QuadClass": event["quad_class"] or "",
            "GoldsteinScale": event["score"] if event["score"] is not None else "",
            "NumMentions": event["num_mentions"], "NumSources": event["num_sources"],
            "NumArticles": event["num_articles"]}
    codes = codes_of(event["country"])
    if codes is not None:
        precision = event["geo_precision"] or "country"
        row |= {
            "ActionGeo_Type": GEO_TYPE.get(precision, 1),
            "ActionGeo_FullName": ", ".join(
                p for p in (event["place_name"] if precision != "country" else None,
                            codes.name) if p),
            "ActionGeo_CountryCode": codes.fips,
            "ActionGeo_ADM1Code": codes.fips + (event["admin1"] or "")
            if precision != "country" and event["admin1"] and event["admin1"].isalnum()
            and len(event["admin1"]) <= 3 else codes.fips,
            "ActionGeo_Lat": event["lat"] if event["lat"] is not None else "",
            "ActionGeo_Long": event["lon"] if event["lon"] is not None else "",
            "ActionGeo_FeatureID": event["geonameid"] or "",
        }
    if event["first_seen"] is not None:
        row["DATEADDED"] = event["first_seen"].strftime("%Y%m%d") + "000000"
    row["SOURCEURL"] = event["source_url"] or ""
    return row


def write(store: Store, path: Path, filters: dict[str, Any] | None = None) -> int:
    """Write the events as GDELT 2.0-like TSV (with a header line); return how many."""
    events = store.events(filters)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(gdelt_row(event))
    return len(events)
