"""Actor knowledge: countries, organisations, people and role nouns, loaded from edited data.

The four files under ``data/fr/`` (countries, organisations, people, roles) are validated when
loaded: a bad entry raises DataFileError naming the file, the entry and the key.

Lookups forgive the way French news writes names: case, typographic or straight apostrophes,
hyphens or spaces, a leading article or preposition ("au Mali", "l'ONU", "des jihadistes") and,
when the exact spelling is not known, missing accents ("Etats-Unis", "Goita"). Two exceptions:
an alias written all in capitals (ONU, UA, RDC, IBK, FDS) matches only in capitals, because
"un", "au", "eu" or "ado" are common French words.

People resolve by date: ``Person.office_on(when)`` returns the office held on that day. Before
the first office, between two offices and after the last one, the person keeps the *nearest*
office (its country and sector): a colonel who becomes junta leader is still that country's
military the week before. ``strict=True`` returns None instead, so that the caller can code a
former officeholder ELI, as the gold does ("l'ancien président").
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from .errors import DataFileError, Errors
from .resources import Field, data_path, load_yaml, validate_entries, validate_entry
from .temporal_rules import period_bounds

LOGGER = logging.getLogger(__name__)

COUNTRIES_FILE = "fr/countries.yaml"
ORGANISATIONS_FILE = "fr/organisations.yaml"
PEOPLE_FILE = "fr/people.yaml"
ROLES_FILE = "fr/roles.yaml"

# Group codes of gold/FORMAT.md: actors that are not one state.
GROUP_CODES = frozenset({"IGO", "IMG", "NGO", "WST", "AFR", "SAH"})
# PLOVER/CAMEO sectors. The first line is what the gold uses; the second completes CAMEO.
SECTORS = frozenset({
    "GOV", "MIL", "COP", "REB", "UAF", "CVL", "OPP", "JUD", "LEG", "PTY", "ELI", "REF", "REL",
    "SOC", "EDU", "BUS", "PRM", "JRN", "CRM", "MED", "NGO", "IGO", "PMC", "HLH", "SPY", "LAB",
    "AGR", "DEV", "ENV",
})
ORGANISATION_KINDS = frozenset(
    {"igo", "ngo", "armed_group", "security_force", "pmc", "party", "company", "media"}
)
ROLE_KINDS = frozenset({
    "gov", "mil", "cop", "reb", "armed_unknown", "civ", "opp", "jud", "leg", "media", "bus",
    "edu", "rel", "ngo", "hlh", "ref", "other",
})
# The kind of the generic armed actor ("hommes armés", "terroristes"): it imposes no country,
# because the scorer counts such gold actors as unknown.
GENERIC_ARMED_KIND = "armed_unknown"
ARTICLES = frozenset({"le", "la", "l'", "les", "none"})
GENDERS = frozenset({"m", "f"})

_DATE = (date, str, int)
COUNTRY_SCHEMA: dict[str, Field] = {
    "iso3": Field(str, required=True), "iso2": Field(str, required=True), "fips": Field(str),
    "names": Field(list, required=True, item_type=str), "article": Field(str, allowed=ARTICLES),
    "demonyms": Field(list, item_type=str), "capital": Field(str),
    "seats": Field(list, item_type=str),
}
ORGANISATION_SCHEMA: dict[str, Field] = {
    "name": Field(str, required=True), "aliases": Field(list, item_type=str),
    "code": Field(str, required=True), "sector": Field(str, required=True, allowed=SECTORS),
    "kind": Field(str, required=True, allowed=ORGANISATION_KINDS), "country": Field(str),
    "changes": Field(list, item_type=dict), "shares_country_name": Field(bool),
    "notes": Field(str),
}
CHANGE_SCHEMA: dict[str, Field] = {
    "from": Field(_DATE, required=True), "sector": Field(str, required=True, allowed=SECTORS),
}
PERSON_SCHEMA: dict[str, Field] = {
    "name": Field(str, required=True), "aliases": Field(list, item_type=str),
    "gender": Field(str, allowed=GENDERS), "offices": Field(list, required=True, item_type=dict),
    "notes": Field(str),
}
OFFICE_SCHEMA: dict[str, Field] = {
    "role": Field(str, required=True), "country": Field(str, required=True),
    "sector": Field(str, required=True, allowed=SECTORS), "start": Field(_DATE),
    "end": Field(_DATE),
}
ROLE_SCHEMA: dict[str, Field] = {
    "lemma": Field(str, required=True), "forms": Field(list, required=True, item_type=str),
    "sector": Field(str, required=True, allowed=SECTORS),
    "kind": Field(str, required=True, allowed=ROLE_KINDS), "country": Field(str),
    "notes": Field(str),
}


@dataclass(frozen=True)
class Country:
    """A state (or territory) with its French names, demonyms and seats of power."""

    iso3: str
    iso2: str
    fips: str | None
    names: tuple[str, ...]
    article: str | None
    demonyms: tuple[str, ...]
    capital: str | None
    seats: tuple[str, ...]

    @property
    def name(self) -> str:
        """Return the usual French name."""
        return self.names[0]

    @property
    def seat_names(self) -> tuple[str, ...]:
        """Return the capital and the seats of power that stand for the government."""
        return ((self.capital,) if self.capital else ()) + self.seats


@dataclass(frozen=True)
class Organisation:
    """An IGO, NGO, armed group, force, party, company or medium with its actor code."""

    name: str
    aliases: tuple[str, ...]
    code: str
    sector: str
    kind: str
    country: str | None = None
    changes: tuple[tuple[date, str], ...] = ()

    def sector_on(self, when: date | None) -> str:
        """Return the sector on a date (the talibans are REB before August 2021, GOV after)."""
        sector = self.sector
        for start, later in self.changes:
            if when is None or when >= start:
                sector = later
        return sector


@dataclass(frozen=True)
class Office:
    """One office of a person; ``start``/``end`` are the widest reading of the data's dates."""

    role: str
    country: str
    sector: str
    start: date | None
    end: date | None  # None: still in office

    def covers(self, when: date) -> bool:
        """Return True when the office was held on ``when``."""
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)

    def distance(self, when: date) -> int:
        """Return how many days ``when`` lies outside the office (0 inside)."""
        if self.start is not None and when < self.start:
            return (self.start - when).days
        if self.end is not None and when > self.end:
            return (when - self.end).days
        return 0


@dataclass(frozen=True)
class Person:
    """A known person and the offices that give them a country and sector by date."""

    name: str
    aliases: tuple[str, ...]
    gender: str | None
    offices: tuple[Office, ...]

    def office_on(self, when: date | None, *, strict: bool = False) -> Office | None:
        """Return the office held on ``when`` (today's when None), else the nearest one."""
        if not self.offices:
            return None
        if when is None:
            current = [o for o in self.offices if o.end is None]
            return _latest(current) if current else _latest(self.offices)
        held = [o for o in self.offices if o.covers(when)]
        if held:
            # Overlaps come from month precision (junta leader until 2021-05, president from
            # 2021-05): the office that began last is the one the article means.
            return _latest(held)
        if strict:
            return None
        return min(self.offices, key=lambda o: (o.distance(when), -_ordinal(o.start)))


@dataclass(frozen=True)
class Role:
    """A role noun or description of an unnamed actor and the sector it implies."""

    lemma: str
    forms: tuple[str, ...]
    sector: str
    kind: str
    country: str | None = None  # only for descriptions that name a group (casques bleus -> IGO)

    @property
    def generic_armed(self) -> bool:
        """Return True for the generic armed actor, which imposes no country."""
        return self.kind == GENERIC_ARMED_KIND


def _latest(offices: Iterable[Office]) -> Office:
    return max(offices, key=lambda o: _ordinal(o.start))


def _ordinal(d: date | None) -> int:
    return d.toordinal() if d is not None else 0


# --- text normalisation ----------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—]+")
_LEADING = re.compile(r"^(?:(?:le|la|les|au|aux|du|des|de|en|à|a)\s+|[ld]'\s*)", re.IGNORECASE)
_EDGE_PUNCT = " .,;:!?«»\"()[]"
# The press writes "M. Kenyatta", "Mme Colonna": the title is not part of the name.
_HONORIFIC = re.compile(r"^(?:M\.|MM\.|Mme|Mmes|Mlle|Me|Dr|Pr)\s+")


# Mentions repeat from article to article ("l'armée", "Bamako"): their keys are remembered.
@functools.lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """Unify apostrophes, hyphens and spaces of a surface string; keep its case."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return _SEPARATORS.sub(" ", text).strip(_EDGE_PUNCT)


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Remove accents and ligatures: 'Goïta' -> 'Goita', 'Œuvre' -> 'Oeuvre'."""
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_leading(text: str) -> str:
    """Strip leading articles and prepositions: 'de la France' -> 'France'."""
    while True:
        stripped = _LEADING.sub("", text, count=1)
        if stripped == text or not stripped:
            return text
        text = stripped


def is_case_sensitive(surface: str) -> bool:
    """Return True for an all-capitals alias (ONU, UA, RDC), which must match in capitals."""
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


T = TypeVar("T")
_AMBIGUOUS: Any = object()  # marks a key shared by two entries: it resolves to nothing


@dataclass
class _Index(Generic[T]):
    """Surface string -> entry, with the forgiving lookups of the module docstring."""

    cased: dict[str, T] = field(default_factory=dict)
    keys: dict[str, T] = field(default_factory=dict)
    folded: dict[str, T] = field(default_factory=dict)

    def add(self, surface: str, value: T) -> None:
        c = clean(surface)
        if is_case_sensitive(c):
            self._put(self.cased, c, value)
            return
        key = c.lower()
        for variant in {key, strip_leading(key)}:
            self._put(self.keys, variant, value)
            self._put(self.folded, fold(variant), value)

    @staticmethod
    def _put(table: dict[str, T], key: str, value: T) -> None:
        old = table.get(key)
        if old is None:
            table[key] = value
        elif old is not value and old != value:
            table[key] = _AMBIGUOUS

    def get(self, text: str) -> T | None:
        c = clean(text)
        lower = c.lower()
        # Exact spelling first, accent-folded last: "Nigérian" must not fall to "Nigérien".
        for table, variant in ((self.cased, c), (self.keys, lower), (self.folded, fold(lower))):
            for key in (variant, strip_leading(variant)):
                value = table.get(key)
                if value is not None:
                    return None if value is _AMBIGUOUS else value
        return None


# --- parsing and validation ------------------------------------------------------------------

def _fail(path: str, where: str, message: str, allowed: str) -> DataFileError:
    return DataFileError(Errors.E010.format(path=path, where=where, message=message,
                                            allowed=allowed))


def _where(i: int, entry: Mapping[str, Any]) -> str:
    label = entry.get("name") or entry.get("lemma") or entry.get("iso3") or ""
    return f"entry {i + 1} ({label})" if label else f"entry {i + 1}"


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(value: Any, *, end: bool, path: str, where: str, key: str) -> date | None:
    """Read YYYY-MM-DD, YYYY-MM or YYYY; a partial end date means the end of its period."""
    if value is None:
        return None
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    match = _PARTIAL_DATE.match(str(value))
    if not match:
        raise _fail(path, where, f"{key!r} has value {value!r}", "YYYY-MM-DD, YYYY-MM or YYYY")
    bounds = period_bounds(str(value))
    if bounds is None:
        raise _fail(path, where, f"{key!r} has value {value!r} (not a calendar date)",
                    "a real calendar date")
    return bounds[1] if end else bounds[0]


def _check_code(code: str | None, known: Iterable[str], *, path: str, where: str,
                key: str) -> None:
    if code is not None and code not in GROUP_CODES and code not in known:
        raise _fail(path, where, f"{key!r} has value {code!r}",
                    "an iso3 of countries.yaml or " + ", ".join(sorted(GROUP_CODES)))


def _claim(owners: dict[str, str], surface: str, owner: str, *, path: str, where: str,
           key: str) -> None:
    """Record that ``surface`` names ``owner``; two owners for one surface is an error."""
    k = clean(surface) if is_case_sensitive(surface) else clean(surface).lower()
    other = owners.setdefault(k, owner)
    if other != owner:
        raise _fail(path, where, f"{key!r} value {surface!r} is shared by {other!r} and {owner!r}",
                    "a surface string that names one entry only")


def parse_countries(entries: Any, *, path: str = COUNTRIES_FILE) -> list[Country]:
    """Validate country entries and build Country objects."""
    validate_entries(entries, COUNTRY_SCHEMA, path=path)
    countries: list[Country] = []
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for i, e in enumerate(entries):
        where = _where(i, e)
        for key, size in (("iso3", 3), ("iso2", 2), ("fips", 2)):
            if e.get(key) is not None and not re.fullmatch(f"[A-Z]{{{size}}}", e[key]):
                raise _fail(path, where, f"{key!r} has value {e[key]!r}",
                            f"{size} uppercase letters")
        if any(c.iso3 == e["iso3"] for c in countries):
            raise _fail(path, where, f"'iso3' value {e['iso3']!r} is repeated", "a unique code")
        if not e["names"]:
            raise _fail(path, where, "'names' is empty", "at least one name")
        for name in e["names"]:
            _claim(names, name, e["iso3"], path=path, where=where, key="names")
        for demonym in e.get("demonyms") or []:
            _claim(demonyms, demonym, e["iso3"], path=path, where=where, key="demonyms")
        article = e.get("article")
        countries.append(Country(
            iso3=e["iso3"], iso2=e["iso2"], fips=e.get("fips"), names=tuple(e["names"]),
            article=None if article in (None, "none") else article,
            demonyms=tuple(e.get("demonyms") or ()), capital=e.get("capital"),
            seats=tuple(e.get("seats") or ()),
        ))
    return countries


def parse_organisations(entries: Any, countries: Iterable[Country], *,
                        path: str = ORGANISATIONS_FILE) -> list[Organisation]:
    """Validate organisation entries against the countries and build Organisation objects."""
    validate_entries(entries, ORGANISATION_SCHEMA, path=path)
    countries = list(countries)
    known = {c.iso3 for c in countries}
    country_names = {clean(n).lower(): c.iso3 for c in countries for n in c.names}
    owners: dict[str, str] = {}
    organisations: list[Organisation] = []
    for i, e in enumerate(entries):
        where = _where(i, e)
        _check_code(e["code"], known, path=path, where=where, key="code")
        _check_code(e.get("country"), known, path=path, where=where, key="country")
        for surface in [e["name"], *(e.get("aliases") or [])]:
            _claim(owners, surface, e["name"], path=path, where=where, key="aliases")
            iso3 = country_names.get(clean(surface).lower())
            if iso3 and not e.get("shares_country_name"):
                raise _fail(path, where, f"'aliases' value {surface!r} is also a name of {iso3}",
                            "another alias, or shares_country_name: true")
        changes = []
        for j, change in enumerate(e.get("changes") or []):
            cwhere = f"{where} change {j + 1}"
            validate_entry(change, CHANGE_SCHEMA, path=path, where=cwhere)
            start = parse_date(change["from"], end=False, path=path, where=cwhere, key="from")
            assert start is not None
            changes.append((start, change["sector"]))
        organisations.append(Organisation(
            name=e["name"], aliases=tuple(e.get("aliases") or ()), code=e["code"],
            sector=e["sector"], kind=e["kind"], country=e.get("country"),
            changes=tuple(sorted(changes)),
        ))
    return organisations


def parse_people(entries: Any, countries: Iterable[Country], *,
                 path: str = PEOPLE_FILE) -> list[Person]:
    """Validate person entries (offices, dates, unique aliases) and build Person objects."""
    validate_entries(entries, PERSON_SCHEMA, path=path)
    known = {c.iso3 for c in countries}
    owners: dict[str, str] = {}
    people: list[Person] = []
    for i, e in enumerate(entries):
        where = _where(i, e)
        for surface in [e["name"], *(e.get("aliases") or [])]:
            _claim(owners, surface, e["name"], path=path, where=where, key="aliases")
        if not e["offices"]:
            raise _fail(path, where, "'offices' is empty", "at least one office")
        offices = []
        for j, o in enumerate(e["offices"]):
            owhere = f"{where} office {j + 1}"
            validate_entry(o, OFFICE_SCHEMA, path=path, where=owhere)
            _check_code(o["country"], known, path=path, where=owhere, key="country")
            start = parse_date(o.get("start"), end=False, path=path, where=owhere, key="start")
            end = parse_date(o.get("end"), end=True, path=path, where=owhere, key="end")
            if start and end and end < start:
                raise _fail(path, owhere, f"'end' {o['end']} is before 'start' {o['start']}",
                            "an end on or after the start")
            offices.append(Office(role=o["role"], country=o["country"], sector=o["sector"],
                                  start=start, end=end))
        people.append(Person(name=e["name"], aliases=tuple(e.get("aliases") or ()),
                             gender=e.get("gender"), offices=tuple(offices)))
    return people


def parse_roles(entries: Any, countries: Iterable[Country], *,
                path: str = ROLES_FILE) -> list[Role]:
    """Validate role entries (sector, kind, one role per form) and build Role objects."""
    validate_entries(entries, ROLE_SCHEMA, path=path)
    known = {c.iso3 for c in countries}
    owners: dict[str, str] = {}
    roles: list[Role] = []
    for i, e in enumerate(entries):
        where = _where(i, e)
        _check_code(e.get("country"), known, path=path, where=where, key="country")
        if not e["forms"]:
            raise _fail(path, where, "'forms' is empty", "at least one form")
        for form in e["forms"]:
            _claim(owners, form, e["lemma"], path=path, where=where, key="forms")
        roles.append(Role(lemma=e["lemma"], forms=tuple(e["forms"]), sector=e["sector"],
                          kind=e["kind"], country=e.get("country")))
    return roles


# --- the knowledge base ----------------------------------------------------------------------

def _with_variants(surfaces: Iterable[str], *, accents: bool = True) -> list[str]:
    """Return surfaces plus their other-apostrophe and (optionally) accent-free spellings."""
    out: dict[str, None] = {}
    for s in surfaces:
        forms = {s, s.replace("'", "’"), s.replace("’", "'")}
        if accents:
            forms |= {fold(f) for f in forms}
        for f in sorted(forms, key=lambda x: (x != s, x)):
            out.setdefault(f, None)
    return list(out)


class ActorKnowledge:
    """Countries, organisations, people and roles with forgiving lookups."""

    def __init__(self, countries: Iterable[Country], organisations: Iterable[Organisation],
                 people: Iterable[Person], roles: Iterable[Role]) -> None:
        self.countries = list(countries)
        self.organisations = list(organisations)
        self.people = list(people)
        self.roles = list(roles)
        self._by_iso3 = {c.iso3: c for c in self.countries}
        self._names: _Index[Country] = _Index()
        self._demonyms: _Index[Country] = _Index()
        self._seats: _Index[Country] = _Index()
        self._orgs: _Index[Organisation] = _Index()
        self._people: _Index[Person] = _Index()
        self._roles: _Index[Role] = _Index()
        for c in self.countries:
            for name in c.names:
                self._names.add(name, c)
            for demonym in c.demonyms:
                self._demonyms.add(demonym, c)
            for seat in c.seat_names:
                self._seats.add(seat, c)
        for o in self.organisations:
            for surface in (o.name, *o.aliases):
                self._orgs.add(surface, o)
        for p in self.people:
            for surface in (p.name, *p.aliases):
                self._people.add(surface, p)
        for r in self.roles:
            for form in r.forms:
                self._roles.add(form, r)

    @classmethod
    def from_data(cls, *, countries: Any, organisations: Any, people: Any, roles: Any,
                  paths: Mapping[str, str] | None = None) -> ActorKnowledge:
        """Validate raw entries (as read from YAML) and build the knowledge base."""
        paths = paths or {}
        parsed = parse_countries(countries, path=paths.get("countries", COUNTRIES_FILE))
        return cls(
            parsed,
            parse_organisations(organisations, parsed,
                                path=paths.get("organisations", ORGANISATIONS_FILE)),
            parse_people(people, parsed, path=paths.get("people", PEOPLE_FILE)),
            parse_roles(roles, parsed, path=paths.get("roles", ROLES_FILE)),
        )

    @classmethod
    def load(cls) -> ActorKnowledge:
        """Return the knowledge base of the package's data files, loaded and validated once."""
        return _load_default()

    def country(self, iso3: str) -> Country | None:
        """Return the country with this ISO 3166 alpha-3 code."""
        return self._by_iso3.get(iso3.upper())

    def country_by_name(self, text: str) -> Country | None:
        """Return the country a French name designates ('au Mali', 'la Côte d’Ivoire')."""
        return self._names.get(text)

    def country_by_demonym(self, word: str) -> Country | None:
        """Return the country of a demonym in any gender and number ('burkinabè', 'Maliennes')."""
        return self._demonyms.get(word)

    def country_by_seat(self, text: str) -> Country | None:
        """Return the country whose capital or seat of power this is ('Moscou', 'l'Élysée')."""
        return self._seats.get(text)

    def organisation(self, text: str) -> Organisation | None:
        """Return the organisation or armed group a name or alias designates."""
        return self._orgs.get(text)

    def person(self, text: str) -> Person | None:
        """Return the person a full name or alias designates ('M. Kenyatta' too)."""
        return self._people.get(text) or self._people.get(_HONORIFIC.sub("", clean(text)))

    def role(self, word: str) -> Role | None:
        """Return the role of any of its forms ('soldats', 'des hommes armés')."""
        return self._roles.get(word)

    def phrases(self) -> dict[str, list[str]]:
        """Return surface strings per label for a spaCy PhraseMatcher.

        Both apostrophes are included; accent-free spellings too, except for roles (common
        nouns, which the news spells with their accents). All-capitals strings should be matched
        on ORTH, the others on LOWER: see ``is_case_sensitive``.
        """
        return {
            "COUNTRY": _with_variants(n for c in self.countries for n in c.names),
            "DEMONYM": _with_variants(d for c in self.countries for d in c.demonyms),
            "SEAT": _with_variants(s for c in self.countries for s in c.seat_names),
            "ORG": _with_variants(s for o in self.organisations for s in (o.name, *o.aliases)),
            "PERSON": _with_variants(s for p in self.people for s in (p.name, *p.aliases)),
            "ROLE": _with_variants((f for r in self.roles for f in r.forms), accents=False),
        }


@functools.lru_cache(maxsize=1)
def _load_default() -> ActorKnowledge:
    paths = {key: str(data_path(*rel.split("/"))) for key, rel in (
        ("countries", COUNTRIES_FILE), ("organisations", ORGANISATIONS_FILE),
        ("people", PEOPLE_FILE), ("roles", ROLES_FILE))}
    knowledge = ActorKnowledge.from_data(
        countries=load_yaml(COUNTRIES_FILE), organisations=load_yaml(ORGANISATIONS_FILE),
        people=load_yaml(PEOPLE_FILE), roles=load_yaml(ROLES_FILE), paths=paths,
    )
    LOGGER.debug("actor knowledge: %d countries, %d organisations, %d people, %d roles",
                 len(knowledge.countries), len(knowledge.organisations),
                 len(knowledge.people), len(knowledge.roles))
    return knowledge
