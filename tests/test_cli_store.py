"""The ingest, events and export commands, end to end on the bundled example news."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from veille.cli import main

NEWS = Path(__file__).resolve().parent.parent / "examples" / "news"


@pytest.fixture(autouse=True)
def loaded_once(monkeypatch: pytest.MonkeyPatch, pipeline: object) -> None:
    """Let every command use the session's pipeline instead of loading the model again."""
    monkeypatch.setattr("veille.pipeline.load", lambda *args, **kwargs: pipeline)


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Return a DuckDB store holding the example news, ingested by the command."""
    path = str(tmp_path / "veille.duckdb")
    assert main(["ingest", str(NEWS), "--db", path]) == 0
    err = capsys.readouterr().err
    assert err.startswith("read 6, new 5, duplicate 1 (0 already stored, 1 near-duplicate")
    assert "failed 0" in err
    return path


def test_ingest_twice_reports_everything_as_stored(db: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(NEWS), "--db", db]) == 0
    assert "new 0, duplicate 6 (6 already stored" in capsys.readouterr().err


def test_ingest_summary_counts_failures_by_reason(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "vide.txt").write_text("")
    (tmp_path / "in" / "lot.jsonl").write_text('{"text": "Des manifestants ont manifesté '
                                               'samedi à Dakar."}\n{cassé\n')
    assert main(["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.duckdb")]) == 0
    err = capsys.readouterr().err
    assert "read 3, new 1" in err and "failed 2" in err
    assert "failed     1  E004: the article is empty" in err
    assert "failed     1  E005: the line is not valid JSON" in err


def test_ingest_of_nothing_but_bad_records_fails(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "vide.txt").write_text("")
    assert main(["ingest", str(tmp_path / "vide.txt"), "--db",
                 str(tmp_path / "s.duckdb")]) == 1
    assert "Error: E014" in capsys.readouterr().err


def test_events_table_and_filters(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["date", "type/mode", "actor"]
    assert "ASSAULT" in out and "Kaya" in out
    assert main(["events", "--db", db, "--type", "assault", "--format", "jsonl"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    event = json.loads(line)
    # One mention per article: a headline without an actor restates its lead, it is no
    # second mention.
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (2, 2, 2)
    assert main(["events", "--db", db, "--country", "NER", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["country"] for r in rows} == {"NER"}


@pytest.mark.parametrize("fmt", ["plover", "acled", "gdelt", "geojson", "parquet", "csv"])
def test_export_writes_the_file(db: str, fmt: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"events.{fmt}"
    assert main(["export", "--db", db, "--format", fmt, "-o", str(out)]) == 0
    assert capsys.readouterr().err.startswith("Wrote 7 event(s)")
    assert out.stat().st_size > 100


def test_a_bad_store_url_is_one_clean_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: E023") and len(err.strip().splitlines()) == 1


def test_events_of_a_store_that_does_not_exist(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nulle-part.duckdb"
    assert main(["events", "--db", str(missing)]) == 1
    assert capsys.readouterr().err.startswith("Error: E028")
    assert not missing.exists()


def test_export_to_a_missing_directory_is_one_clean_line(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "absent" / "events.csv"
    assert main(["export", "--db", db, "--format", "csv", "-o", str(target)]) == 1
    assert capsys.readouterr().err.startswith("Error: E027")
