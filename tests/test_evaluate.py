"""Tests for the scorer: matching rules, pairing, attributes, place mentions, report shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from veille.errors import InputError
from veille.evaluate import (
    date_right,
    evaluate,
    is_unnamed_armed,
    match_events,
    normalise_name,
    place_right,
    read_jsonl,
    strict_match,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "examples" / "seed.gold.jsonl"

BAMAKO = {"name": "Bamako", "country": "MLI", "lat": 12.6392, "lon": -8.0029}
KATI = {"name": "Kati", "country": "MLI", "lat": 12.7441, "lon": -8.0726}  # ~14 km from Bamako
SEGOU = {"name": "Ségou", "country": "MLI", "lat": 13.4317, "lon": -6.2157}  # ~210 km
MALI = {"name": "Mali", "country": "MLI", "lat": 17.57, "lon": -3.99}
MALI_ELSEWHERE = {"name": "Mali", "country": "MLI", "lat": 13.0, "lon": -7.0}  # other centroid


def actor(code: str | None, name: str = "x", sector: str | None = "GOV") -> dict[str, Any]:
    """Return an actor dict."""
    return {"name": name, "country": code, "sector": sector}


def event(
    kind: str,
    actors: list[str] | None = None,
    recipients: list[str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Return an event dict with actor/recipient codes (gold and predicted share this shape)."""
    e: dict[str, Any] = {
        "event": kind,
        "mode": None,
        "actor": [actor(c) for c in actors or []],
        "recipient": [actor(c) for c in recipients or []],
        "date": None,
        "place": None,
        "status": "actual",
        "evidence": f"{kind} evidence",
    }
    e.update(extra)
    return e


def score(gold_events: list[dict[str, Any]], pred_events: list[dict[str, Any]]) -> Any:
    """Return the report for one article."""
    gold = [{"id": "a", "published": "2023-02-08", "events": gold_events, "places": []}]
    pred = [{"id": "a", "events": pred_events, "places": []}]
    return evaluate(gold, pred)


ARMED = {"name": "des hommes armés", "country": "BFA", "sector": "UAF"}

MATCH_CASES = [
    ("exact", event("ASSAULT", ["BFA"], ["MLI"]), event("ASSAULT", ["BFA"], ["MLI"]), True),
    ("type mismatch", event("ASSAULT", ["BFA"], ["MLI"]), event("COERCE", ["BFA"], ["MLI"]), False),
    ("actor mismatch", event("ACCUSE", ["FRA"], ["MLI"]), event("ACCUSE", ["RUS"], ["MLI"]), False),
    ("recipient mismatch", event("AID", ["RUS"], ["MLI"]), event("AID", ["RUS"], ["NER"]), False),
    ("one shared code is enough", event("AID", ["RUS", "IGO"]), event("AID", ["IGO", "FRA"]), True),
    ("empty gold recipient", event("PROTEST", ["MLI"]), event("PROTEST", ["MLI"], ["FRA"]), True),
    ("empty gold actor", event("ASSAULT", [], ["NER"]), event("ASSAULT", ["IMG"], ["NER"]), True),
    ("missing predicted actor", event("ASSAULT", ["IMG"]), event("ASSAULT", [], ["IMG"]), False),
    ("CONSULT union, roles swapped", event("CONSULT", ["RUS"], ["MLI"]),
     event("CONSULT", ["MLI"], ["RUS"]), True),
    ("CONSULT union, reciprocal meeting", event("CONSULT", ["RUS", "MLI"]),
     event("CONSULT", ["RUS"], ["MLI"]), True),
    ("CONSULT union, no shared code", event("CONSULT", ["RUS"], ["MLI"]),
     event("CONSULT", ["FRA"], ["NER"]), False),
    ("CONSULT union, empty gold", event("CONSULT"), event("CONSULT", ["FRA"]), True),
    ("unnamed armed gold actor", event("ASSAULT", actor=[ARMED], recipient=[actor("BFA")]),
     event("ASSAULT", ["IMG"], ["BFA"]), True),
    ("unnamed armed gold actor, wrong recipient",
     event("ASSAULT", actor=[ARMED], recipient=[actor("BFA")]),
     event("ASSAULT", ["IMG"], ["NER"]), False),
    ("named rebel group keeps its code",
     event("ASSAULT", actor=[actor("COD", "les rebelles du M23", "REB")]),
     event("ASSAULT", ["IMG"]), False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [case[1:] for case in MATCH_CASES],
    ids=[case[0] for case in MATCH_CASES],
)
def test_strict_match(gold: dict[str, Any], pred: dict[str, Any], expected: bool) -> None:
    assert strict_match(gold, pred) is expected
    report = score([gold], [pred])
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (
        (1, 0, 0) if expected else (0, 1, 1)
    )


@pytest.mark.parametrize(
    ("name", "sector", "expected"),
    [
        ("des hommes armés", "UAF", True),
        ("hommes armés non identifiés", "UAF", True),
        ("les terroristes", "REB", True),
        ("des djihadistes", "REB", True),
        ("un groupe armé composé de 150 personnes", "UAF", True),
        ("groupe d’assaillants", "REB", True),
        ("des individus armés", "UAF", True),
        ("des inconnus", "UAF", True),
        ("les insurgés", "REB", True),
        ("les terroristes", "GOV", False),  # a generic name is not enough: sector too
        ("le JNIM", "REB", False),
        ("les rebelles du M23", "REB", False),
    ],
)
def test_is_unnamed_armed(name: str, sector: str, expected: bool) -> None:
    assert is_unnamed_armed({"name": name, "country": "BFA", "sector": sector}) is expected


def test_optional_gold_neither_rewarded_nor_penalised() -> None:
    optional = event("SUPPORT", ["RUS"], ["MLI"], optional=True)
    required = event("AID", ["RUS"], ["MLI"])
    hit = score([required, optional], [dict(required), {**optional, "optional": False}])
    assert (hit.strict.tp, hit.strict.fp, hit.strict.fn) == (1, 0, 0)
    assert hit.matched_pairs == 2  # the optional pair still counts for attributes
    miss = score([required, optional], [event("AID", ["RUS"], ["MLI"])])
    assert (miss.strict.tp, miss.strict.fp, miss.strict.fn) == (1, 0, 0)
    assert miss.per_type["SUPPORT"].gold == 0 and miss.per_type["SUPPORT"].gold_optional == 1


def test_one_to_one_pairing() -> None:
    report = score([event("ASSAULT", ["IMG"], ["BFA"])], [event("ASSAULT", ["IMG"], ["BFA"])] * 2)
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (1, 1, 0)
    assert report.strict.precision == 0.5 and report.strict.recall == 1.0


def test_maximum_matching_beats_greedy() -> None:
    # Prediction 0 fits both gold events, prediction 1 only the first: a greedy pass that gives
    # prediction 0 to gold 0 leaves gold 1 uncovered.
    gold = [event("ACCUSE", ["FRA"]), event("ACCUSE", ["MLI"])]
    pred = [event("ACCUSE", ["FRA", "MLI"]), event("ACCUSE", ["FRA"])]
    assert match_events(gold, pred, strict_match) == {0: 1, 1: 0}
    report = score(gold, pred)
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (2, 0, 0)


def test_maximum_matching_prefers_required_over_optional() -> None:
    # One prediction fits an optional gold event listed first and a required one: it must cover
    # the required one.
    gold = [event("AGREE", ["RUS"], optional=True), event("AGREE", ["RUS"])]
    report = score(gold, [event("AGREE", ["RUS"])])
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (1, 0, 0)


def test_pairing_prefers_the_same_evidence() -> None:
    # Both predictions fit both gold events by type and codes; the attributes must be scored
    # against the prediction of the same real-world event, not the first one that fits.
    ambush, raid = {"date": "2022-06-11"}, {"date": "2021-06-05"}
    gold = [
        event("ASSAULT", ["IMG"], ["BFA"], evidence="embuscade sur la route du nord", **ambush),
        event("ASSAULT", ["IMG"], ["BFA"], evidence="raid nocturne sur le marché", **raid),
    ]
    pred = [
        event("ASSAULT", ["IMG"], ["BFA"], evidence="un raid nocturne visant le marché", **raid),
        event("ASSAULT", ["IMG"], ["BFA"], evidence="une embuscade sur la route", **ambush),
    ]
    assert match_events(gold, pred, strict_match) == {0: 1, 1: 0}
    assert score(gold, pred).attributes["date"].correct == 2


def test_type_only_score_ignores_actors() -> None:
    report = score([event("ACCUSE", ["FRA"])], [event("ACCUSE", ["RUS"])])
    assert report.strict.f1 == 0.0
    assert report.type_only.f1 == 1.0


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("2023-02-07", "2023-02-07", True),
        ("2023-02", "2023-02-07", True),  # truncated to gold precision
        ("2023", "2023-02-07", True),
        ("2023-02-07", "2023", False),  # less precise than gold
        ("2023-02-07", "2023-02-08", False),
        ("2023-02", "2023-03-01", False),
        (None, None, True),
        (None, "2023", False),
        ("2023", None, False),
    ],
)
def test_date_right(gold: str | None, pred: str | None, expected: bool) -> None:
    assert date_right(gold, pred) is expected


@pytest.mark.parametrize(
    ("gold", "pred", "area", "expected"),
    [
        (BAMAKO, BAMAKO, False, True),
        (BAMAKO, KATI, False, True),  # within 50 km
        (BAMAKO, SEGOU, False, False),
        (BAMAKO, None, False, False),
        (BAMAKO, {"name": "Bamako", "country": "MLI", "lat": None, "lon": None}, False, False),
        (MALI, MALI_ELSEWHERE, True, True),  # countries compare by code, not centroid
        (MALI, MALI_ELSEWHERE, False, False),
        (MALI, {**MALI, "country": "NER"}, True, False),
        (
            {"name": "Sahel", "country": None, "lat": 15.0, "lon": 0.0},
            {"name": "sahel", "country": None, "lat": 14.0, "lon": 2.0},
            True,
            True,
        ),
        (
            {"name": "nord du pays", "country": "TZA", "lat": None, "lon": None},
            {"name": "Mtwara", "country": "TZA", "lat": -10.3, "lon": 40.2},
            False,
            True,
        ),
    ],
)
def test_place_right(
    gold: dict[str, Any], pred: dict[str, Any] | None, area: bool, expected: bool
) -> None:
    assert place_right(gold, pred, area=area) is expected


def test_event_place_uses_country_rule_for_areas_in_record_places() -> None:
    gold_event = event("AID", ["RUS"], ["MLI"], place=MALI)
    gold = [{"id": "a", "events": [gold_event], "places": [{**MALI, "kind": "country"}]}]
    pred_event = event("AID", ["RUS"], ["MLI"], place=MALI_ELSEWHERE)
    report = evaluate(gold, [{"id": "a", "events": [pred_event], "places": []}])
    assert report.attributes["place"].correct == 1 and report.attributes["place"].total == 1
    gold[0]["places"] = []  # no longer known as a country: the 50 km rule applies
    report = evaluate(gold, [{"id": "a", "events": [pred_event], "places": []}])
    assert report.attributes["place"].correct == 0 and report.attributes["place"].total == 1


def test_attributes_on_matched_pairs() -> None:
    gold_events = [
        event("ASSAULT", ["IMG"], ["BFA"], mode="firearms", date="2022-06", place=BAMAKO),
        event("AGREE", ["RUS"], ["MLI"], status="future", date="2023"),
        event("PROTEST", ["MLI"]),  # unmatched: not scored for attributes
    ]
    pred_events = [
        event("ASSAULT", ["IMG"], ["BFA"], mode="firearms", date="2022-06-12", place=KATI),
        event("AGREE", ["RUS"], ["MLI"], status="actual", mode="promise", date="2022"),
    ]
    report = score(gold_events, pred_events)
    attrs = {name: (r.correct, r.total) for name, r in report.attributes.items()}
    assert report.matched_pairs == 2
    assert attrs == {"date": (1, 2), "place": (1, 1), "mode": (1, 2), "status": (1, 2)}


@pytest.mark.parametrize(
    ("gold_name", "pred_name"),
    [
        ("Ségou", "segou"),
        ("Nord-Kivu", "Nord Kivu"),
        ("Côte d’Ivoire", "Cote d'Ivoire"),
        ("Bobo-Dioulasso", "BOBO DIOULASSO"),
    ],
)
def test_normalise_name(gold_name: str, pred_name: str) -> None:
    assert normalise_name(gold_name) == normalise_name(pred_name)


def test_place_mentions() -> None:
    gold_places = [
        {**BAMAKO, "kind": "city"},
        {"name": "Côte d’Ivoire", "country": "CIV", "lat": 7.5, "lon": -5.5, "kind": "country"},
        {**SEGOU, "kind": "city"},
        {"name": "Sahel", "country": None, "lat": 15.0, "lon": 0.0, "kind": "region"},
        {"name": "Gao", "country": "MLI", "lat": 16.27, "lon": -0.04, "kind": "city"},
    ]
    pred_places = [
        {**BAMAKO, "name": "bamako"},
        {"name": "Cote d'Ivoire", "country": "CIV", "lat": 8.0, "lon": -5.0, "kind": "country"},
        {"name": "Segou", "country": "FRA", "lat": 45.0, "lon": 2.0},  # found, wrongly resolved
        {"name": "Sahel", "country": None, "lat": None, "lon": None},
    ]
    gold = [{"id": "a", "events": [], "places": gold_places}]
    report = evaluate(gold, [{"id": "a", "events": [], "places": pred_places}])
    assert (report.places_found.correct, report.places_found.total) == (4, 5)
    assert (report.places_right.correct, report.places_right.total) == (3, 5)


def test_per_type_counts() -> None:
    gold_events = [
        event("ASSAULT", ["IMG"], ["BFA"]),
        event("ASSAULT", ["IMG"], ["NER"]),
        event("ACCUSE", ["FRA"], ["RUS"]),
        event("ACCUSE", ["MLI"], optional=True),
    ]
    pred_events = [
        event("ASSAULT", ["IMG"], ["BFA"]),
        event("ACCUSE", ["MLI"]),
        event("SANCTION", ["MLI"], ["FRA"]),
    ]
    report = score(gold_events, pred_events)
    rows = {t: (r.gold, r.gold_optional, r.predicted, r.tp, r.fp, r.fn)
            for t, r in report.per_type.items()}  # fmt: skip
    assert rows == {
        "ACCUSE": (1, 1, 1, 0, 0, 1),
        "SANCTION": (0, 0, 1, 0, 1, 0),
        "ASSAULT": (2, 0, 1, 1, 0, 1),
    }
    assert list(report.per_type) == ["ACCUSE", "SANCTION", "ASSAULT"]  # PLOVER order
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (1, 1, 2)


def test_missing_and_unknown_predictions() -> None:
    gold = [
        {"id": "a", "events": [event("AID", ["RUS"])], "places": [{**BAMAKO, "kind": "city"}]},
        {"id": "b", "events": [event("AID", ["FRA"])], "places": []},
    ]
    pred = [{"id": "b", "events": [event("AID", ["FRA"])]}, {"id": "z", "events": []}]
    report = evaluate(gold, pred)
    assert report.missing_predictions == ["a"] and report.unknown_predictions == 1
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (1, 0, 1)
    assert report.places_found.total == 1 and report.places_found.correct == 0


def test_errors_list_unmatched_events() -> None:
    pred = event("ACCUSE", ["RUS"], ["FRA"])
    pred["evidence"] = {"text": "Moscou accuse Paris", "start": 0, "end": 19, "sentence": 0}
    report = score([event("ACCUSE", ["FRA"], ["RUS"])], [pred])
    errors = report.to_dict()["errors"]
    assert errors == [{
        "id": "a",
        "false_positives": [{"event": "ACCUSE", "mode": None, "actor": ["RUS"],
                             "recipient": ["FRA"], "evidence": "Moscou accuse Paris"}],
        "false_negatives": [{"event": "ACCUSE", "mode": None, "actor": ["FRA"],
                             "recipient": ["RUS"], "evidence": "ACCUSE evidence"}],
        "attributes": [],
    }]  # fmt: skip
    assert "Moscou accuse Paris" not in report.format_text()
    assert "Moscou accuse Paris" in report.format_text(verbose=True)


def test_errors_list_attribute_mismatches_of_matched_pairs() -> None:
    gold = event("CONSULT", ["RUS"], ["MLI"])
    gold |= {"date": "2023-02-07", "status": "actual"}
    pred = event("CONSULT", ["RUS"], ["MLI"])
    pred |= {"date": "2023-02", "status": "actual",
             "evidence": {"text": "Lavrov à Bamako", "start": 0, "end": 15, "sentence": 0}}
    report = score([gold], [pred])
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (1, 0, 0)
    assert report.to_dict()["errors"][0]["attributes"] == [{
        "event": "CONSULT", "attribute": "date", "gold": "2023-02-07", "pred": "2023-02",
        "evidence": "Lavrov à Bamako",
    }]  # fmt: skip
    assert report.per_type["CONSULT"].date.total == 1
    assert report.per_type["CONSULT"].date.correct == 0
    assert "≠date CONSULT: gold '2023-02-07' pred '2023-02'" in report.format_text(verbose=True)


def test_format_text_ends_with_headline_numbers() -> None:
    report = score([event("AID", ["RUS"])], [event("AID", ["RUS"]), event("AID", ["FRA"])])
    tail = report.format_text(verbose=True).splitlines()[-25:]
    assert any(line.startswith("strict") and "F1 0.667" in line for line in tail)
    assert any(line.startswith("type-only") for line in tail)
    assert any(line.startswith("places") for line in tail)
    assert any("date 1/1" in line for line in tail)


def test_empty_run_is_perfect_not_undefined() -> None:
    report = evaluate([], [])
    assert (report.strict.precision, report.strict.recall, report.strict.f1) == (1.0, 1.0, 1.0)
    only_fp = score([], [event("AID", ["RUS"])])
    assert (only_fp.strict.precision, only_fp.strict.recall) == (0.0, 0.0)


def test_duplicate_gold_id_is_refused() -> None:
    with pytest.raises(InputError, match="duplicate id"):
        evaluate([{"id": "a", "events": []}, {"id": "a", "events": []}], [])


def test_read_jsonl_names_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "events": []}\n\n{"id": "b", events}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:3"):
        read_jsonl(path)
    path.write_text('{"id": "a"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:2.*not a JSON object"):
        read_jsonl(path)
    with pytest.raises(InputError, match="does not exist"):
        read_jsonl(tmp_path / "missing.jsonl")


def gold_as_prediction(record: dict[str, Any]) -> dict[str, Any]:
    """Return a gold record in the shape of ``ArticleResult.to_dict()``."""
    events = []
    for e in record["events"]:
        events.append({**e, "evidence": {"text": e["evidence"], "start": 0, "end": 0,
                                         "sentence": 0}})  # fmt: skip
    return {"id": record["id"], "events": events, "places": list(record["places"])}


def test_seed_gold_scores_perfectly_against_itself() -> None:
    gold = read_jsonl(SEED_GOLD)
    assert gold and all(r["events"] for r in gold)
    report = evaluate(gold, [gold_as_prediction(r) for r in gold])
    assert (report.strict.precision, report.strict.recall, report.strict.f1) == (1.0, 1.0, 1.0)
    assert report.type_only.f1 == 1.0
    assert all(r.ratio == 1.0 for r in report.attributes.values())
    assert report.places_right.ratio == 1.0
    assert report.errors == []
    json.dumps(report.to_dict())  # JSON-ready
