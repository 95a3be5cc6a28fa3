"""Alert rules: reading and checking the YAML, and which events each filter selects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from veille.errors import VeilleError
from veille.watch.loop import parse_every
from veille.watch.rules import NewEvent, Output, haversine_km, load_rules, parse_rules

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "watch" / "rules.yaml"


def _event(**row: Any) -> NewEvent:
    """An event row as the store holds it: an attack on a gendarmerie post near Djibo."""
    base = {"event_id": "ev1", "event_type": "ASSAULT", "country": "BFA", "status": "actual",
            "lat": 14.0986, "lon": -1.6266, "killed": 5, "injured": None, "abducted": None,
            "arrested": None, "actor_keys": json.dumps(["BFA", "IMG:JNIM"]),
            "actor1_name": "JNIM", "actor2_name": "la gendarmerie de Djibo",
            "evidence": "Des hommes armés ont attaqué lundi le poste de gendarmerie de Djibo"}
    mentions = [{"evidence": base["evidence"], "title": "Attaque contre la gendarmerie de Djibo"}]
    return NewEvent(base | row, actors=[], mentions=mentions)


def _rule(**filters: Any) -> Any:
    return parse_rules({"rules": [{"name": "r", **filters}]}, "r.yaml").rules[0]


# One row per filter: the rule, then whether it selects the Djibo attack.
@pytest.mark.parametrize(("filters", "selected"), [
    ({}, True),
    ({"type": "ASSAULT"}, True),
    ({"type": ["protest", "assault"]}, True),
    ({"type": "PROTEST"}, False),
    ({"country": ["MLI", "BFA"]}, True),
    ({"country": "ner"}, False),
    ({"status": "actual"}, True),
    ({"status": ["claimed", "future"]}, False),
    ({"actor": "jnim"}, True),  # the group's code IMG:JNIM
    ({"actor": "Gendarmerie"}, True),  # a name, any side
    ({"actor": "Wagner"}, False),
    ({"near": {"lat": 12.37, "lon": -1.53, "km": 250}}, True),  # Ouagadougou, ~190 km
    ({"near": {"lat": 12.37, "lon": -1.53, "km": 150}}, False),
    ({"near": {"lat": 12.65, "lon": -8.0, "km": 300}}, False),  # Bamako
    ({"min_casualties": 5}, True),
    ({"min_casualties": 6}, False),
    ({"min_casualties": {"killed": 1}}, True),
    ({"min_casualties": {"killed": 1, "abducted": 1}}, False),
    ({"keywords": "GENDARMERIE"}, True),
    ({"keywords": ["enlèvement", "Djibo"]}, True),
    ({"keywords": "tuant"}, False),  # evidence and titles, not the whole article
    ({"type": "ASSAULT", "country": "BFA", "min_casualties": {"killed": 1}}, True),
    ({"type": "ASSAULT", "country": "MLI"}, False),
])
def test_filters(filters: dict[str, Any], selected: bool) -> None:
    assert _rule(**filters).matches(_event()) is selected


def test_keywords_ignore_case_and_accents() -> None:
    event = _event(evidence="Un enlèvement a eu lieu à Kidal")
    assert _rule(keywords="ENLEVEMENT").matches(event)
    assert _rule(keywords="Enlèvement").matches(event)


def test_an_event_without_coordinates_is_never_near() -> None:
    assert not _rule(near={"lat": 14.1, "lon": -1.6, "km": 20000}).matches(
        _event(lat=None, lon=None))


def test_an_event_without_casualty_counts_has_none() -> None:
    assert not _rule(min_casualties=1).matches(_event(killed=None))
    assert _rule(min_casualties=0).matches(_event(killed=None))


def test_haversine() -> None:
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1)
    assert haversine_km(12.65, -8.0, 12.65, -8.0) == 0


def test_the_example_rules_file_is_valid() -> None:
    rules = load_rules(str(EXAMPLE))
    assert len(rules.rules) >= 3
    assert {o.kind for o in rules.outputs()} == {"stdout", "jsonl", "webhook"}


def test_outputs_and_defaults() -> None:
    rules = parse_rules({"rules": [
        {"name": "a"},
        {"name": "b", "to": ["stdout", {"jsonl": "a.jsonl"},
                             {"webhook": "https://h.example/x", "retries": 0, "backoff": 0.5}]},
    ]}, "r.yaml")
    assert rules.rules[0].outputs == (Output("stdout"),)
    assert rules.rules[1].outputs[2] == Output("webhook", "https://h.example/x", retries=0,
                                               backoff=0.5, timeout=10.0)
    assert rules.outputs() == [Output("stdout"), Output("jsonl", "a.jsonl"),
                               rules.rules[1].outputs[2]]
    assert rules.dead_letter == "veille-alerts.undelivered.jsonl"


# One row per mistake: the file's content, where the error says it is, and what it says.
@pytest.mark.parametrize(("content", "where", "says"), [
    ("rules:\n  - name: a\n    type: [ASSAULT\n", "line 4", "not valid YAML"),
    ("- name: a\n", "top level", "a mapping with a 'rules' list"),
    ("rules: []\n", "top level", "non-empty list"),
    ("regles:\n  - name: a\nrules:\n  - name: b\n", "top level", "unknown key 'regles'"),
    ("rules:\n  - type: ASSAULT\n", "rule #1", "has no 'name'"),
    ("rules:\n  - name: a\n  - name: a\n", "rule 'a'", "rule #2 has the same name as rule #1"),
    ("rules:\n  - name: a\n    type: ATTACK\n", "rule 'a'", "'type' has 'ATTACK'"),
    ("rules:\n  - name: a\n    country: Mali\n", "rule 'a'", "not an ISO 3166 alpha-3"),
    ("rules:\n  - name: a\n    status: vrai\n", "rule 'a'", "'status' has 'vrai'"),
    ("rules:\n  - name: a\n    pays: MLI\n", "rule 'a'", "unknown key 'pays'"),
    ("rules:\n  - name: a\n    near: {lat: 12, lon: -1}\n", "rule 'a'", "lat, lon and km"),
    ("rules:\n  - name: a\n    near: {lat: 95, lon: -1, km: 5}\n", "rule 'a'",
     "'near.lat' is 95"),
    ("rules:\n  - name: a\n    near: {lat: 12, lon: -1, km: -5}\n", "rule 'a'", "'near.km'"),
    ("rules:\n  - name: a\n    min_casualties: {morts: 1}\n", "rule 'a'", "counts morts"),
    ("rules:\n  - name: a\n    min_casualties: beaucoup\n", "rule 'a'", "'min_casualties'"),
    ("rules:\n  - name: a\n    keywords: []\n", "rule 'a'", "'keywords' must be a text"),
    ("rules:\n  - name: a\n    to: [email]\n", "rule 'a'", "'to' has 'email'"),
    ("rules:\n  - name: a\n    to: [{webhook: hooks.example}]\n", "rule 'a'",
     "not an http(s) URL"),
    ("rules:\n  - name: a\n    to: [{webhook: 'https://h.example', essais: 2}]\n", "rule 'a'",
     "unknown option 'essais'"),
    ("rules:\n  - name: a\n    to: [{jsonl: a.jsonl, retries: 2}]\n", "rule 'a'",
     "unknown option 'retries'"),
])
def test_a_bad_rules_file_is_one_clear_error(tmp_path: Path, content: str, where: str,
                                             says: str) -> None:
    path = tmp_path / "regles.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VeilleError) as caught:
        load_rules(str(path))
    message = str(caught.value)
    assert message.startswith(f"E042: {path}: {where}: ")
    assert says in message and "\n" not in message
    # ... and says what to write instead.
    assert message.rstrip(".").count(". ") >= 1


def test_a_missing_rules_file(tmp_path: Path) -> None:
    with pytest.raises(VeilleError, match="E013"):
        load_rules(str(tmp_path / "absent.yaml"))


@pytest.mark.parametrize(("value", "seconds"), [
    ("30s", 30), ("15m", 900), ("1h", 3600), ("1.5h", 5400), (" 2M ", 120)])
def test_every(value: str, seconds: float) -> None:
    assert parse_every(value) == seconds


@pytest.mark.parametrize("value", ["15", "quinze minutes", "0s", "-5m", "1d", ""])
def test_a_bad_every_is_refused(value: str) -> None:
    with pytest.raises(VeilleError, match="E043"):
        parse_every(value)
