"""Country codes for exports: GDELT's FIPS 10-4 codes differ from ISO for many countries."""

from __future__ import annotations

import pytest

from veille.geo.countries import codes_of


@pytest.mark.parametrize(("iso3", "fips", "numeric", "name"), [
    ("NER", "NG", 562, "Niger"),
    ("NGA", "NI", 566, "Nigeria"),
    ("BFA", "UV", 854, "Burkina Faso"),
    ("MLI", "ML", 466, "Mali"),
    ("TCD", "CD", 148, "Chad"),
    ("FRA", "FR", 250, "France"),
])
def test_codes(iso3: str, fips: str, numeric: int, name: str) -> None:
    codes = codes_of(iso3)
    assert codes is not None
    assert (codes.fips, codes.isonumeric, codes.name) == (fips, numeric, name)


@pytest.mark.parametrize("code", ["IGO", "IMG", "WST", None])
def test_group_codes_have_no_country_codes(code: str | None) -> None:
    assert codes_of(code) is None
