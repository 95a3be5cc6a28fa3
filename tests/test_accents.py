"""Accent-free "a" read as "à" before parsing; the output keeps the article's letters."""

from __future__ import annotations

from datetime import date

import pytest

from veille import accents
from veille.accents import repair
from veille.errors import DataFileError
from veille.model import Article

# (text, the text the parser reads)
REPAIRED = [
    # before an infinitive or "se"
    ("Les soldats ont contraint les assaillants a se rendre.",
     "Les soldats ont contraint les assaillants à se rendre."),
    ("Le ministre invite les jeunes a deposer les armes.",
     "Le ministre invite les jeunes à deposer les armes."),
    ("Le Niger s'engage a former des gendarmes.", "Le Niger s'engage à former des gendarmes."),
    ("Les cours reprendront a partir de lundi.", "Les cours reprendront à partir de lundi."),
    ("Il est venu a combattre les rebelles.", "Il est venu à combattre les rebelles."),
    # after a verb that governs "à"
    ("L'opposition appelle a une marche pacifique.",
     "L'opposition appelle à une marche pacifique."),
    ("Le collectif a exhorté a la retenue.", "Le collectif a exhorté à la retenue."),
    # before a name, and a sentence opening on "A"
    ("Attaque a Djibo : dix soldats tués.", "Attaque à Djibo : dix soldats tués."),
    ("A Ouagadougou, les commerces ont rouvert.", "À Ouagadougou, les commerces ont rouvert."),
    ("Le calme est revenu. A la suite des pluies, la route est coupée.",
     "Le calme est revenu. À la suite des pluies, la route est coupée."),
    # a past participle after an auxiliary gets its accents back, letter for letter
    ("« Nous ne céderons pas », a declare le ministre.",
     "« Nous ne céderons pas », a déclaré le ministre."),
    ("Onze soldats ont ete tues dans l'attaque.", "Onze soldats ont été tués dans l'attaque."),
    ("Le gouvernement a denonce l'attaque du convoi.",
     "Le gouvernement a dénoncé l'attaque du convoi."),
]

# "a" that is avoir stays
UNCHANGED = [
    "L'armée a repris le contrôle de la ville.",
    "L'attaque a fait dix morts dans la nuit.",
    "La sécurité a été renforcée autour du palais.",
    "Il a Paris en ligne de mire.",
    # a present after a noun, not a participle after an auxiliary
    "Le ministre declare la fin de la grève.",
    "Il y a deux jours, le ministre a parlé.",
    "Elle a hier annoncé sa démission.",
    "Le gouvernement a pris des mesures et a promis des élections.",
    "L'armee a perdu trois hommes.",
    "Qu'a dit le ministre ? Le chef a-t-il parlé ?",
    "Le président a le dernier mot.",
]


@pytest.mark.parametrize(("text", "expected"), REPAIRED)
def test_preposition_is_repaired(text: str, expected: str) -> None:
    repaired, changed = repair(text)
    assert repaired == expected
    assert len(repaired) == len(text)
    assert [text[i] for i in changed] == [c for c, d in zip(text, expected, strict=True) if c != d]


@pytest.mark.parametrize("text", UNCHANGED)
def test_avoir_is_left_alone(text: str) -> None:
    assert repair(text) == (text, ())


def test_output_keeps_the_article_letters(pipeline) -> None:  # type: ignore[no-untyped-def]
    article = Article(text="Le gouvernement burkinabè appelle a une mobilisation générale "
                      "contre les terroristes a Djibo.", published=date(2023, 3, 15))
    result = pipeline.extract(article)
    requests = [e for e in result.events if e.event == "REQUEST"]
    assert requests, [e.to_dict() for e in result.events]
    for ev in result.events:
        assert ev.evidence is not None
        assert article.body[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    for p in result.places:
        if p.start is not None:
            assert article.body[p.start:p.end] == p.name
    assert any(p.name == "Djibo" for p in result.places)


@pytest.mark.parametrize(("raw", "message"), [
    (["not", "a", "mapping"], "expected a mapping"),
    ({"infinitive_endings": "er"}, "infinitive_endings: expected a list of strings"),
    ({**{k: [] for k in accents._KEYS}, "extra": []}, "unknown key 'extra'"),
])
def test_broken_file_names_the_problem(monkeypatch, raw, message) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(accents, "load_yaml", lambda _path: raw)
    accents.load_rules.cache_clear()
    try:
        with pytest.raises(DataFileError, match=message) as err:
            accents.load_rules()
        assert accents.ACCENTS_FILE in str(err.value)
    finally:
        monkeypatch.undo()
        accents.load_rules.cache_clear()
