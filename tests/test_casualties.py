"""Casualty counts stated in a French sentence (veille.casualties), as a table."""

from __future__ import annotations

import pytest

from veille.casualties import counts_in, load_casualty_words
from veille.errors import DataFileError
from veille.resources import validate_entries

ROWS = [
    # verbs acting on the counted noun, active and passive
    ("Des jihadistes ont tué douze soldats près de Djibo.", {"killed": 12}),
    ("Au moins 15 civils ont été tués et 20 blessés dans l'attaque.",
     {"killed": 15, "injured": 20}),
    ("Les assaillants ont abattu trois gendarmes et blessé sept autres.",
     {"killed": 3, "injured": 7}),
    ("Sept militaires ont été blessés.", {"injured": 7}),
    ("Deux enseignants ont été enlevés par des hommes armés.", {"abducted": 2}),
    ("La police a interpellé 1 200 manifestants à Dakar.", {"arrested": 1200}),
    ("Les gendarmes ont arrêté cinq suspects.", {"arrested": 5}),
    # nouns that are the count
    ("L'attaque a fait 12 morts et 30 blessés.", {"killed": 12, "injured": 30}),
    ("L'explosion a fait quatre victimes parmi les passagers.", {"killed": 4}),
    ("Les ravisseurs détiennent encore neuf otages.", {"abducted": 9}),
    # participles qualifying the counted noun
    ("Six personnes enlevées à Baléré.", {"abducted": 6}),
    ("Onze militaires tombés au front.", {"killed": 11}),
    ("Huit civils tués dans le centre du Mali.", {"killed": 8}),
    # verbs whose subject is the casualty
    ("Deux gendarmes sont morts dans l'embuscade.", {"killed": 2}),
    ("Quatre passagers ont péri dans l'incendie du car.", {"killed": 4}),
    # collective nouns and vague counts
    ("Une vingtaine de villageois ont été enlevés.", {"abducted": 20}),
    ("Une dizaine de morts ont été recensés.", {"killed": 10}),
    # the largest count of a kind, not the sum (one toll said twice)
    ("Douze soldats ont été tués ; le bilan officiel fait état de 14 morts.", {"killed": 14}),
    # no casualty: the killers, dates, deployments, other numbers
    ("Douze jihadistes ont attaqué le poste.", {}),
    ("Le 12 mars, les soldats ont patrouillé.", {}),
    ("En 2019, 300 soldats ont été déployés à Gao.", {}),
    ("Le gouvernement a débloqué 500 millions de francs.", {}),
    ("Trois ministres ont rencontré les syndicats.", {}),
    ("Les soldats tués ont été enterrés mardi.", {}),
]


@pytest.mark.parametrize(("sentence", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_counts(nlp_md, sentence: str, expected: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    assert counts_in(nlp_md(sentence)[:]) == expected


def test_words_file_is_valid_and_covers_every_kind() -> None:
    words = load_casualty_words()
    kinds = set(words.verbs.values()) | set(words.nouns.values())
    assert kinds == {"killed", "injured", "abducted", "arrested"}


def test_bad_entry_names_the_file_and_the_key() -> None:
    from veille.casualties import _SCHEMA, CASUALTIES_FILE

    with pytest.raises(DataFileError, match="kind"):
        validate_entries([{"kind": "hurt", "verbs": ["blesser"]}], _SCHEMA, path=CASUALTIES_FILE)


def test_events_carry_their_toll(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("Des jihadistes ont attaqué lundi un poste de l'armée burkinabè à Djibo, "
                     "tuant douze soldats. Sept militaires ont été blessés.",
                     title="Burkina : douze soldats tués à Djibo")
    attacks = [e for e in result.events if e.event == "ASSAULT"]
    assert len(attacks) == 1
    assert attacks[0].casualties == {"killed": 12, "injured": 7}
    assert attacks[0].to_dict()["casualties"] == {"killed": 12, "injured": 7}


def test_arrests_belong_to_coercion(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("La police sénégalaise a interpellé 150 manifestants à Dakar.")
    coercion = [e for e in result.events if e.event == "COERCE"]
    assert coercion and coercion[0].casualties == {"arrested": 150}
