"""Alert rules, read from YAML: which new events to alert on, and where the alerts go.

A rules file is a mapping::

    dead_letter: alerts.undelivered.jsonl   # optional
    rules:
      - name: attaques-burkina
        type: [ASSAULT, COERCE]
        country: BFA
        near: {lat: 12.37, lon: -1.53, km: 300}
        min_casualties: {killed: 1}
        to: [stdout, {jsonl: alerts.jsonl}, {webhook: "https://hooks.example.org/veille"}]

Every filter a rule names must hold (and); a list inside one filter is any of its values (or).
The file is checked whole when it is read: a mistake is one error naming the file, the rule,
the key and what to write instead.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import Errors, VeilleError
from ..lexicon import fold
from ..ontology import load_ontology

if TYPE_CHECKING:
    from ..store import Store

CASUALTY_KINDS = ("killed", "injured", "abducted", "arrested")
# min_casualties given as a number counts the dead and the wounded together.
TOLL_KINDS = ("killed", "injured")
OUTPUT_KINDS = ("stdout", "jsonl", "webhook")
WEBHOOK_OPTIONS = {"retries": 3, "backoff": 1.0, "timeout": 10.0}
DEFAULT_DEAD_LETTER = "veille-alerts.undelivered.jsonl"
RULE_KEYS = ("name", "type", "country", "actor", "near", "status", "min_casualties",
             "keywords", "to")
TOP_KEYS = ("rules", "dead_letter")
EARTH_RADIUS_KM = 6371.0088
_COUNTRY = re.compile(r"^[A-Z]{3}$")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Near:
    """A circle on the map: events placed within ``km`` of a point."""

    lat: float
    lon: float
    km: float

    def contains(self, lat: float | None, lon: float | None) -> bool:
        """Return True when a located point lies in the circle (an unlocated one never does)."""
        if lat is None or lon is None:
            return False
        return haversine_km(self.lat, self.lon, lat, lon) <= self.km


@dataclass(frozen=True)
class Output:
    """Where a rule's alerts go: stdout, a JSONL file, or a webhook URL."""

    kind: str
    target: str | None = None  # the JSONL path or the webhook URL
    retries: int = 3
    backoff: float = 1.0
    timeout: float = 10.0

    def __str__(self) -> str:
        return self.kind if self.target is None else f"{self.kind} {self.target}"


@dataclass
class NewEvent:
    """A newly stored event with what rules look at: its row, its actors and its reports."""

    row: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, store: Store, row: dict[str, Any]) -> NewEvent:
        """Read the actors and reports of a stored event."""
        return cls(row, store.actors_of(row["event_id"]), store.mentions_of(row["event_id"]))

    def actor_texts(self) -> list[str]:
        """Return the codes and names of the event's actors, folded (lower case, no accents)."""
        texts = list(json.loads(self.row.get("actor_keys") or "[]"))
        texts += [self.row.get("actor1_name") or "", self.row.get("actor2_name") or ""]
        for a in self.actors:
            texts += [a.get("name") or "", a.get("country") or ""]
        return [fold(t) for t in texts if t]

    def report_texts(self) -> list[str]:
        """Return the evidence and titles the event was read from, folded."""
        texts = [self.row.get("evidence") or ""]
        for m in self.mentions:
            texts += [m.get("evidence") or "", m.get("title") or ""]
        return [fold(t) for t in texts if t]


@dataclass(frozen=True)
class Rule:
    """One alert rule: filters (all must hold) and outputs."""

    name: str
    types: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    actors: tuple[str, ...] = ()  # folded
    near: Near | None = None
    statuses: frozenset[str] = frozenset()
    min_toll: int | None = None  # killed + injured
    min_counts: tuple[tuple[str, int], ...] = ()
    keywords: tuple[str, ...] = ()  # folded
    outputs: tuple[Output, ...] = (Output("stdout"),)

    def matches(self, event: NewEvent) -> bool:
        """Return True when the event passes every filter of the rule."""
        row = event.row
        if self.types and row["event_type"] not in self.types:
            return False
        if self.countries and row["country"] not in self.countries:
            return False
        if self.statuses and row["status"] not in self.statuses:
            return False
        if self.near is not None and not self.near.contains(row["lat"], row["lon"]):
            return False
        if self.min_toll is not None and sum(
                row.get(k) or 0 for k in TOLL_KINDS) < self.min_toll:
            return False
        if any((row.get(kind) or 0) < least for kind, least in self.min_counts):
            return False
        if self.actors:
            texts = event.actor_texts()
            if not any(term in text for term in self.actors for text in texts):
                return False
        if self.keywords:
            texts = event.report_texts()
            if not any(word in text for word in self.keywords for text in texts):
                return False
        return True


@dataclass(frozen=True)
class RuleSet:
    """The rules of one file, and where undeliverable alerts are kept."""

    path: str
    rules: tuple[Rule, ...]
    dead_letter: str = DEFAULT_DEAD_LETTER

    def outputs(self) -> list[Output]:
        """Return every distinct output the rules name, in order."""
        seen: list[Output] = []
        for rule in self.rules:
            seen += [o for o in rule.outputs if o not in seen]
        return seen


# --- reading and checking ------------------------------------------------------------------


class _Checker:
    """Raise one E042 error naming the file, the place in it, the problem and the fix."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.where = "top level"

    def fail(self, problem: str, fix: str) -> VeilleError:
        return VeilleError(Errors.E042.format(path=self.path, where=self.where,
                                              problem=problem, fix=fix))

    def texts(self, value: Any, key: str) -> list[str]:
        """Return a text or a list of texts as a list (one text is a list of one)."""
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(v, str) and v.strip() for v in items):
            raise self.fail(f"'{key}' must be a text or a list of texts, not {value!r}",
                            f"Write e.g. {key}: [A, B].")
        return [v.strip() for v in items]

    def number(self, value: Any, key: str, *, low: float, high: float | None = None) -> float:
        """Return a number within [low, high]."""
        if isinstance(value, bool) or not isinstance(value, int | float) or value < low or (
                high is not None and value > high):
            span = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
            raise self.fail(f"'{key}' is {value!r}", f"Give a number {span}.")
        return float(value)

    def count(self, value: Any, key: str) -> int:
        """Return a whole number of at least 0."""
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(f"'{key}' is {value!r}", "Give a whole number (0 or more).")
        return value


def load_rules(path: str) -> RuleSet:
    """Read and check a rules file; raise VeilleError (E013, E042) on the first mistake."""
    file = Path(path)
    if not file.is_file():
        raise VeilleError(Errors.E013.format(path=path))
    check = _Checker(path)
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        check.where = f"line {mark.line + 1}" if mark is not None else "top level"
        raise check.fail(f"not valid YAML ({exc.problem})",
                         "Fix the YAML syntax (indentation, quotes, colons).") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise check.fail(f"not readable YAML ({exc})", "Save it as UTF-8 YAML.") from exc
    return parse_rules(raw, path)


def parse_rules(raw: Any, path: str) -> RuleSet:
    """Check the content of a rules file (already parsed YAML) and return its rules."""
    check = _Checker(path)
    example = "See examples/watch/rules.yaml."
    if not isinstance(raw, dict) or "rules" not in raw:
        raise check.fail("a rules file is a mapping with a 'rules' list", example)
    unknown = sorted(set(raw) - set(TOP_KEYS))
    if unknown:
        raise check.fail(f"unknown key {unknown[0]!r}", f"Allowed: {', '.join(TOP_KEYS)}.")
    items = raw["rules"]
    if not isinstance(items, list) or not items:
        raise check.fail("'rules' must be a non-empty list of rules", example)
    dead_letter = raw.get("dead_letter", DEFAULT_DEAD_LETTER)
    if not isinstance(dead_letter, str) or not dead_letter.strip():
        raise check.fail("'dead_letter' must be a file path", "Write e.g. "
                         "dead_letter: alerts.undelivered.jsonl.")
    rules: list[Rule] = []
    for n, item in enumerate(items, start=1):
        check.where = f"rule #{n}"
        rule = _parse_rule(item, check)
        same = [m for m, r in enumerate(rules, start=1) if r.name == rule.name]
        if same:
            raise check.fail(f"rule #{n} has the same name as rule #{same[0]}",
                             "Give every rule its own name.")
        rules.append(rule)
    return RuleSet(path, tuple(rules), dead_letter.strip())


def _parse_rule(item: Any, check: _Checker) -> Rule:
    if not isinstance(item, dict):
        raise check.fail(f"a rule is a mapping of filters, not {item!r}",
                         "Start it with '- name: ...'.")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise check.fail("the rule has no 'name'", "Give it one (it is in every alert).")
    check.where = f"rule '{name.strip()}'"
    unknown = sorted(set(item) - set(RULE_KEYS))
    if unknown:
        raise check.fail(f"unknown key {unknown[0]!r}", f"Allowed: {', '.join(RULE_KEYS)}.")
    ontology = load_ontology()
    fields: dict[str, Any] = {"name": name.strip()}
    types = ", ".join(sorted(ontology.types))
    statuses = ", ".join(sorted(ontology.statuses))
    for key, name_of_field, case, valid, what, fix in (
            ("type", "types", str.upper, ontology.types.__contains__,
             ", not a PLOVER event type", f"Use one of: {types}."),
            ("country", "countries", str.upper, _COUNTRY.match,
             ", not an ISO 3166 alpha-3 code", "Use codes such as MLI, BFA, NER."),
            ("status", "statuses", str.lower, ontology.statuses.__contains__,
             "", f"Use one of: {statuses}.")):
        if key in item:
            values = [case(v) for v in check.texts(item[key], key)]
            bad = next((v for v in values if not valid(v)), None)
            if bad is not None:
                raise check.fail(f"'{key}' has {bad!r}{what}", fix)
            fields[name_of_field] = frozenset(values)
    if "actor" in item:
        fields["actors"] = tuple(fold(a) for a in check.texts(item["actor"], "actor"))
    if "keywords" in item:
        fields["keywords"] = tuple(fold(k) for k in check.texts(item["keywords"], "keywords"))
    if "near" in item:
        fields["near"] = _parse_near(item["near"], check)
    if "min_casualties" in item:
        fields |= _parse_casualties(item["min_casualties"], check)
    if "to" in item:
        fields["outputs"] = _parse_outputs(item["to"], check)
    return Rule(**fields)


def _parse_near(value: Any, check: _Checker) -> Near:
    fix = "Write near: {lat: 12.37, lon: -1.53, km: 100}."
    if not isinstance(value, dict) or set(value) != {"lat", "lon", "km"}:
        raise check.fail("'near' must give lat, lon and km, and nothing else", fix)
    return Near(lat=check.number(value["lat"], "near.lat", low=-90, high=90),
                lon=check.number(value["lon"], "near.lon", low=-180, high=180),
                km=check.number(value["km"], "near.km", low=0))


def _parse_casualties(value: Any, check: _Checker) -> dict[str, Any]:
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(CASUALTY_KINDS))
        if unknown or not value:
            raise check.fail(f"'min_casualties' counts {', '.join(unknown) or 'nothing'}",
                             f"Count {', '.join(CASUALTY_KINDS)}, e.g. "
                             "min_casualties: {killed: 1}.")
        counts = tuple((k, check.count(value[k], f"min_casualties.{k}"))
                       for k in CASUALTY_KINDS if k in value)
        return {"min_counts": counts}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"min_toll": check.count(value, "min_casualties")}
    raise check.fail(f"'min_casualties' is {value!r}",
                     "Give a number (killed and injured together) or a mapping such as "
                     "{killed: 1, abducted: 2}.")


def _parse_outputs(value: Any, check: _Checker) -> tuple[Output, ...]:
    items: Sequence[Any] = value if isinstance(value, list) else [value]
    fix = ("Write to: [stdout, {jsonl: alerts.jsonl}, {webhook: 'https://...', retries: 3, "
           "backoff: 1, timeout: 10}].")
    if not items:
        raise check.fail("'to' names no output", fix)
    outputs: list[Output] = []
    for item in items:
        if item == "stdout":
            outputs.append(Output("stdout"))
            continue
        kinds = [k for k in OUTPUT_KINDS if isinstance(item, dict) and k in item]
        if len(kinds) != 1 or kinds[0] == "stdout":
            raise check.fail(f"'to' has {item!r}, not an output", fix)
        kind = kinds[0]
        target = item[kind]
        if not isinstance(target, str) or not target.strip():
            raise check.fail(f"'{kind}' must be a {'path' if kind == 'jsonl' else 'URL'}", fix)
        options = {k: v for k, v in item.items() if k != kind}
        allowed = WEBHOOK_OPTIONS if kind == "webhook" else {}
        unknown = sorted(set(options) - set(allowed))
        if unknown:
            raise check.fail(f"'{kind}' output has unknown option {unknown[0]!r}",
                             f"Allowed: {', '.join(allowed) or 'none'}.")
        if kind == "webhook":
            if not target.startswith(("http://", "https://")):
                raise check.fail(f"webhook {target!r} is not an http(s) URL", fix)
            outputs.append(Output(
                "webhook", target.strip(),
                retries=check.count(options.get("retries", WEBHOOK_OPTIONS["retries"]),
                                    "retries"),
                backoff=check.number(options.get("backoff", WEBHOOK_OPTIONS["backoff"]),
                                     "backoff", low=0),
                timeout=check.number(options.get("timeout", WEBHOOK_OPTIONS["timeout"]),
                                     "timeout", low=0.1)))
        else:
            outputs.append(Output("jsonl", target.strip()))
    return tuple(outputs)
