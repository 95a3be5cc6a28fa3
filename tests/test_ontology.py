"""PLOVER as data: derived CAMEO codes, quad classes and scores."""

from __future__ import annotations

import pytest

from veille.errors import DataFileError
from veille.ontology import load_ontology


@pytest.mark.parametrize(
    ("event", "mode", "context", "cameo", "quad", "score"),
    [
        ("CONSULT", "visit", [], "042", 1, 4.0),
        ("CONSULT", None, [], "040", 1, 2.5),
        ("AGREE", None, ["military"], "0312", 1, 2.5),
        ("AID", None, ["military"], "072", 2, 10.0),
        ("ACCUSE", "disapprove", [], "111", 3, -2.0),
        ("ACCUSE", "allege", [], "112", 3, -3.5),
        ("SANCTION", "discontinue", [], "162", 4, -6.0),
        ("COERCE", "arrest", [], "173", 4, -7.0),
        ("ASSAULT", "abduct", [], "181", 4, -9.0),
        ("ASSAULT", None, [], "190", 4, -9.0),
    ],
)
def test_derived_codes(event: str, mode: str | None, context: list[str], cameo: str, quad: int,
                       score: float) -> None:
    onto = load_ontology()
    assert onto.cameo(event, mode, context) == cameo
    assert onto.types[event].quad_class == quad
    assert onto.score(event, mode) == score


def test_all_sixteen_types() -> None:
    assert len(load_ontology().types) == 16


@pytest.mark.parametrize(
    ("event", "mode", "context", "message"),
    [
        ("VISIT", None, [], "unknown event type"),
        ("CONSULT", "drone", [], "not a mode of CONSULT"),
        ("AID", None, ["militaire"], "unknown context"),
    ],
)
def test_check_rejects_what_plover_lacks(event: str, mode: str | None, context: list[str],
                                         message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        load_ontology().check(event, mode, context, where="test.yaml")


def test_support_and_aid_need_a_recipient() -> None:
    types = load_ontology().types
    assert {t for t, spec in types.items() if spec.needs_recipient} == {"SUPPORT", "AID"}


def test_meetings_and_joint_cooperation_are_mutual() -> None:
    assert set(load_ontology().mutual_types()) == {"CONSULT", "COOPERATE"}
