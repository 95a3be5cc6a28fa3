"""Quotes and their speakers."""

from __future__ import annotations

import pytest

ROWS = [
    ("« Nous ne céderons pas », a déclaré le ministre malien de la Défense.",
     "Nous ne céderons pas", "MLI"),
    ("Le président ivoirien a affirmé : « La paix reviendra ».", "La paix reviendra", "CIV"),
    ("« La situation est grave », selon l'ONU.", "La situation est grave", "IGO"),
    ("“Nous sommes prêts”, a-t-il ajouté.", "Nous sommes prêts", None),
    # guillemets typed as two angle brackets
    ("<< Nous ne négocierons pas >>, a déclaré le ministre burkinabè de la Défense.",
     "Nous ne négocierons pas", "BFA"),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), ROWS, ids=[r[1] for r in ROWS])
def test_quote_and_speaker(extract, text, quote, speaker) -> None:  # type: ignore[no-untyped-def]
    result = extract(text)
    (q,) = result.quotes
    assert q.text == quote
    assert text[q.start:q.end] == quote
    if speaker:
        assert q.speaker is not None and q.speaker.country == speaker


def test_pronoun_speaker_refers_back(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("Le président nigérien est arrivé à Paris. « Nous voulons la paix », "
                     "a-t-il déclaré.")
    (q,) = result.quotes
    assert q.speaker is not None and q.speaker.country == "NER"


def test_inch_marks_and_stray_quotes_are_not_quotes(extract) -> None:  # type: ignore[no-untyped-def]
    assert extract('Un écran de 15" et un "x" isolé.').quotes == []
