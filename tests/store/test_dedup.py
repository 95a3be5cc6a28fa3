"""Keys and near-duplicate fingerprints: wire copies are found, different reports are not."""

from __future__ import annotations

import pytest

from veille.store import dedup

DEPECHE = ("Des jihadistes ont attaqué lundi un poste de l'armée burkinabè à Djibo, tuant "
           "douze soldats. Les autorités n'ont pas encore communiqué de bilan officiel. La "
           "situation sécuritaire reste préoccupante dans cette partie du pays.")


@pytest.mark.parametrize(("other", "copy"), [
    (DEPECHE, True),
    (DEPECHE + " (Avec AFP)", True),
    (DEPECHE.upper().replace(",", ""), True),  # case and punctuation do not matter
    ("Lundi, un poste de l'armée burkinabè a été attaqué par des jihadistes près de Djibo. "
     "Douze soldats ont été tués, selon une source sécuritaire.", False),
    ("Des milliers de Maliens ont manifesté samedi à Bamako contre la vie chère.", False),
])
def test_near_duplicates(other: str, copy: bool) -> None:
    sim = dedup.similarity(dedup.minhash(DEPECHE), dedup.minhash(other))
    assert (sim >= dedup.NEAR_DUPLICATE) is copy
    if copy:
        shared = set(dedup.band_keys(dedup.minhash(DEPECHE))) & set(
            dedup.band_keys(dedup.minhash(other)))
        assert shared, "a copy must share an LSH band to be found"


def test_signatures_round_trip_and_are_stable() -> None:
    sig = dedup.minhash(DEPECHE)
    assert len(sig) == dedup.PERMUTATIONS
    assert dedup.decode(dedup.encode(sig)) == sig
    assert dedup.minhash(DEPECHE) == sig


@pytest.mark.parametrize(("url", "same_as"), [
    ("https://www.Exemple.example/a#commentaires", "https://www.exemple.example/a"),
    ("HTTPS://exemple.example/a?id=3", "https://exemple.example/a?id=3"),
])
def test_urls_are_keyed_once(url: str, same_as: str) -> None:
    assert dedup.article_key(url, "x") == dedup.article_key(same_as, "y")


def test_articles_without_url_are_keyed_by_content() -> None:
    assert dedup.article_key(None, "un texte") == dedup.article_key(None, "un texte")
    assert dedup.article_key(None, "un texte") != dedup.article_key(None, "un autre texte")
    assert dedup.article_key(None, "un texte").startswith("c")
