"""Reading plain-text and JSONL articles: good records come through, bad ones become Failures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from veille.ingest import Failure
from veille.ingest.files import parse_jsonl, parse_text, read_articles


def test_title_line_then_blank_line_is_the_title() -> None:
    article = parse_text("Le titre\n\nLe corps du texte.", "a.txt")
    assert not isinstance(article, Failure)
    assert article.title == "Le titre"
    assert article.text == "Le corps du texte."
    assert article.body == "Le titre\n\nLe corps du texte."
    assert article.text_offset == len("Le titre\n\n")


def test_text_without_blank_line_has_no_title() -> None:
    article = parse_text("Une seule ligne.\nEt une autre.", "a.txt", published=date(2023, 1, 2))
    assert not isinstance(article, Failure)
    assert article.title is None
    assert article.published == date(2023, 1, 2)
    assert article.id == "a"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("{not json", "E005"),
        ('{"title": "sans texte"}', "E006"),
        ('["une", "liste"]', "E008"),
        ('{"text": "   "}', "E004"),
        ('{"text": 42}', "E009"),
        ('{"text": "Un texte.", "published": "hier"}', "E007"),
    ],
)
def test_bad_jsonl_line_names_file_line_and_code(line: str, code: str) -> None:
    good = json.dumps({"id": "ok", "text": "Le Mali a fermé sa frontière."})
    items = list(parse_jsonl(good + "\n" + line + "\n", "lot.jsonl"))
    assert isinstance(items[0], Failure) is False
    bad = items[1]
    assert isinstance(bad, Failure)
    assert bad.reason.startswith(code)
    assert "lot.jsonl:2" in bad.reason


def test_jsonl_record_fields_are_kept() -> None:
    line = json.dumps({"id": "x1", "title": "Titre", "text": "Texte.", "published":
                       "2022-06-15T08:00:00Z", "url": "https://exemple.org/a", "source": "S"})
    (article,) = list(parse_jsonl(line, "f.jsonl"))
    assert not isinstance(article, Failure)
    assert (article.id, article.title, article.published, article.url, article.source) == (
        "x1", "Titre", date(2022, 6, 15), "https://exemple.org/a", "S")


def test_unreadable_and_invalid_files_become_failures(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Le président a été reçu à Abidjan.".encode("latin-1"))
    empty = tmp_path / "vide.txt"
    empty.write_text("   \n", encoding="utf-8")
    good = tmp_path / "bon.txt"
    good.write_text("Titre\n\nLe Niger a rompu ses relations avec l'Ukraine.", encoding="utf-8")
    missing = tmp_path / "absent.txt"
    items = list(read_articles([str(latin1), str(empty), str(missing), str(good)]))
    reasons = [i.reason[:4] for i in items if isinstance(i, Failure)]
    assert reasons == ["E003", "E004", "E013"]
    assert str(latin1) in items[0].reason  # type: ignore[union-attr]
    assert not isinstance(items[-1], Failure)
    assert items[-1].title == "Titre"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ('"Il a dit ""non"" au ministre."', 'Il a dit "non" au ministre.'),
        ('"Un texte cité en entier."', "Un texte cité en entier."),
        ('Le « oui » du président.', "Le « oui » du président."),
        ('"Oui", dit-il, "mais non".', '"Oui", dit-il, "mais non".'),
    ],
)
def test_csv_quoting_is_undone(raw: str, clean: str) -> None:
    from veille.ingest.files import unquote_csv_field

    assert unquote_csv_field(raw) == clean
