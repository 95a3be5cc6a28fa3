"""veille dyads and the dyad filters of veille events, end to end on a DuckDB file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from veille.cli import main


def test_the_table_has_the_series_and_its_notes(dyad_db: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dyads", "--a", "MLI", "--b", "FRA", "--db", dyad_db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["period", "start", "direction", "quad1", "quad2", "quad3",
                              "quad4", "cooperation", "conflict", "net", "events", "imprecise"]
    assert out[1].split() == ["2023-01", "2023-01-01", "MLI-FRA", "0", "0", "2", "1", "0.0",
                              "-13.0", "-13.0", "3", "1"]
    assert len(out) == 1 + 6 + 3
    assert "# 1 undated event(s) not plotted." in out


def test_csv_by_week_goes_to_stdout_and_its_notes_to_stderr(
        dyad_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    pandas = pytest.importorskip("pandas")
    assert main(["dyads", "--a", "FRA", "--b", "MLI", "--by", "week", "--format", "csv",
                 "--db", dyad_db]) == 0
    captured = capsys.readouterr()
    frame = pandas.read_csv(io.StringIO(captured.out))
    assert len(frame) == 26 and frame["events"].sum() == 15
    assert set(frame["direction"]) == {"FRA-MLI", "MLI-FRA"}
    assert captured.err.startswith("1 undated event(s) not plotted.")


def test_the_png_is_written(dyad_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mli-fra.png"
    assert main(["dyads", "--a", "MLI", "--b", "FRA", "--format", "png", "-o", str(path),
                 "--db", dyad_db]) == 0
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000
    assert f"to {path}" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)  # without -o: a name made of the dyad and the unit
    assert main(["dyads", "--a", "MLI", "--b", "FRA", "--format", "png", "--by", "week",
                 "--db", dyad_db]) == 0
    assert (tmp_path / "dyads-MLI-FRA-week.png").stat().st_size > 20_000


@pytest.mark.parametrize(("args", "code"), [
    (["--a", "Mali", "--b", "FRA"], "E047"),
    (["--a", "MLI", "--b", "MLI"], "E048"),
])
def test_bad_sides_are_one_clean_line(dyad_db: str, args: list[str], code: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dyads", *args, "--db", dyad_db]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {code}:") and err.count("\n") == 1


def test_a_missing_store_is_one_clean_line(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dyads", "--a", "MLI", "--b", "FRA", "--db", str(tmp_path / "no.duckdb")]) == 1
    assert capsys.readouterr().err.startswith("Error: E028:")


def test_events_behind_one_row(dyad_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--dyad", "fra-mli", "--period", "2023-02", "--db", dyad_db]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("2 event(s)")
    assert "ACCUSE/disapprove" in out and "SANCTION/discontinue" in out
    assert main(["events", "--dyad", "MLI-FRA", "--period", "2023-W10", "--db", dyad_db]) == 0
    assert "CONSULT/phone" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "code"), [
    (["--dyad", "MLI>FRA"], "E050"), (["--dyad", "MLI-XYZ"], "E047"),
    (["--dyad", "MLI-MLI"], "E048"), (["--period", "2023-W60"], "E049")])
def test_bad_dyad_filters_are_one_clean_line(dyad_db: str, args: list[str], code: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", *args, "--db", dyad_db]) == 1
    assert capsys.readouterr().err.startswith(f"Error: {code}:")
