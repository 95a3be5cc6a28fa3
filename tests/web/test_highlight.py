"""Cutting an article's body into highlighted pieces."""

from __future__ import annotations

from veille.web.highlight import Span, segments

BODY = "Titre\n\nLe président nigérien a reçu mardi à Niamey son homologue tchadien."


def _find(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


def test_the_pieces_put_back_together_are_the_body() -> None:
    spans = [Span(*_find("Le président nigérien"), "actor", "actor"),
             Span(*_find("Le président nigérien a reçu mardi"), "evidence", "ev", anchor="m-e1"),
             Span(*_find("reçu"), "trigger", "CONSULT"), Span(*_find("mardi"), "time", "date"),
             Span(*_find("Niamey"), "place", "place")]
    pieces = segments(BODY, spans)
    assert "".join(p["text"] for p in pieces) == BODY
    by_text = {p["text"]: p for p in pieces}
    assert by_text["Le président nigérien"]["kinds"] == ["evidence", "actor"]
    assert by_text["Le président nigérien"]["anchors"] == ["m-e1"]
    assert by_text["reçu"]["kinds"] == ["evidence", "trigger"]
    assert by_text["mardi"]["kinds"] == ["evidence", "time"]
    assert by_text["Niamey"]["kinds"] == ["place"]
    assert by_text[" son homologue tchadien."]["kinds"] == []


def test_spans_outside_the_body_are_left_out() -> None:
    pieces = segments(BODY, [Span(None, 4, "actor", "x"), Span(3, 999, "place", "y"),
                             Span(5, 2, "time", "z"), Span(0, 5, "unknown", "w")])
    assert [p["text"] for p in pieces] == [BODY]
    assert pieces[0]["kinds"] == []


def test_an_empty_body_has_no_piece() -> None:
    assert segments("", [Span(0, 3, "actor", "x")]) == []
