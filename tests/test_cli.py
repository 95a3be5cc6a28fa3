"""The ``veille`` command, run in-process: output shapes, bad input, eval and gazetteer import."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

import veille.pipeline
from veille import cli

ROOT = Path(__file__).resolve().parent.parent
SEED_TXT = ROOT / "examples" / "seed.txt"

ARTICLE_KEYS = {"id", "url", "title", "published", "language", "events", "entities", "places",
                "times", "quotes"}
EVENT_KEYS = {"id", "event", "mode", "context", "actor", "recipient", "date", "date_precision",
              "place", "status", "cameo", "quad_class", "score", "evidence", "rule",
              "confidence"}

TEXT = ("Le Mali rappelle son ambassadeur\n\n"
        "Le gouvernement malien a rappelé hier son ambassadeur à Paris. Le ministre des "
        "Affaires étrangères Abdoulaye Diop a rencontré mardi son homologue sénégalais à Dakar.")


@pytest.fixture(autouse=True)
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline: Any) -> None:
    """Make the CLI reuse the session pipeline: load() builds a new one on every call."""
    monkeypatch.setattr(veille.pipeline, "load", lambda *a, **k: pipeline)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "diop.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# --- extract ------------------------------------------------------------------------------------


def test_extract_text_file_prints_one_jsonl_record(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "extract", str(SEED_TXT), "--published", "2023-02-08")
    assert code == 0
    assert err == ""
    (record,) = _jsonl(out)
    assert set(record) >= ARTICLE_KEYS
    assert record["id"] == "seed"
    assert record["published"] == "2023-02-08"
    assert record["language"] == "fr"
    assert record["title"] and record["title"].startswith("Lavrov")
    assert record["events"], "the seed article has events"
    for event in record["events"]:
        assert set(event) >= EVENT_KEYS
        assert event["id"].startswith("seed#e")
        assert isinstance(event["actor"], list) and isinstance(event["recipient"], list)
        assert {"text", "start", "end", "sentence"} <= set(event["evidence"])


def test_extract_json_format_is_indented_json(capsys: pytest.CaptureFixture[str],
                                              article_file: Path) -> None:
    code, out, _ = _run(capsys, "extract", str(article_file), "--format", "json")
    assert code == 0
    assert out.startswith("{\n  ")
    record = json.loads(out)
    assert set(record) >= ARTICLE_KEYS
    assert record["title"] == "Le Mali rappelle son ambassadeur"


def test_extract_table_shows_type_and_actor_recipient(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "extract", str(SEED_TXT), "--published", "2023-02-08",
                        "--format", "table")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("seed  2023-02-08  Lavrov")
    header = next(line for line in lines if line.startswith("type/mode"))
    assert "actor → recipient" in header and "evidence" in header
    rows = lines[lines.index(header) + 2:]
    assert rows and all(" → " in row for row in rows)
    assert any(row.startswith("CONSULT/visit") for row in rows)
    assert any("(RUS)" in row for row in rows)


def test_table_of_an_article_without_events(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    path = tmp_path / "meteo.txt"
    path.write_text("Il fera beau demain sur la côte.", encoding="utf-8")
    code, out, _ = _run(capsys, "extract", str(path), "--format", "table")
    assert code == 0
    assert "(no events)" in out


class _Stdin:
    """Stand in for sys.stdin: the reader takes bytes from ``.buffer``."""

    def __init__(self, text: str) -> None:
        self.buffer = io.BytesIO(text.encode("utf-8"))


def test_extract_reads_stdin_with_published_and_id(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(TEXT))
    code, out, err = _run(capsys, "extract", "-", "--published", "2023-02-08", "--id", "diop-1")
    assert code == 0, err
    (record,) = _jsonl(out)
    assert record["id"] == "diop-1"
    assert record["published"] == "2023-02-08"
    assert record["title"] == "Le Mali rappelle son ambassadeur"
    assert all(e["id"].startswith("diop-1#e") for e in record["events"])
    # "hier" is resolved against --published.
    hier = [t for t in record["times"] if t["text"].lower() == "hier"]
    assert hier and hier[0]["value"] == "2023-02-07"


def test_extract_stdin_without_id_gets_a_content_id(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(TEXT))
    code, out, _ = _run(capsys, "extract", "-")
    assert code == 0
    (record,) = _jsonl(out)
    assert record["id"] and record["published"] is None


def test_jsonl_with_bad_lines_reports_them_and_codes_the_good(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "lot.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Le Mali a fermé sa frontière avec la Guinée.",
                    "published": "2023-02-08"}),
        "{pas du json",
        json.dumps({"id": "a3", "title": "sans texte"}),
        "",
        json.dumps({"id": "a5", "text": "Le Niger a rappelé son ambassadeur à Paris."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = _run(capsys, "extract", str(path))
    assert code == 0
    assert [r["id"] for r in _jsonl(out)] == ["a1", "a5"]
    err_lines = err.splitlines()
    assert f"{path}:2" in err and "E005" in err
    assert f"{path}:3" in err and "E006" in err
    assert all(line.startswith("Error: ") for line in err_lines[:2])
    assert err_lines[-1] == "2 record(s) skipped (see the errors above)."


def test_good_and_missing_files_together_exit_0(capsys: pytest.CaptureFixture[str],
                                                article_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "absent.txt"
    code, out, err = _run(capsys, "extract", str(missing), str(article_file))
    assert code == 0
    assert len(_jsonl(out)) == 1
    assert "E013" in err and "1 record(s) skipped" in err


def test_all_bad_input_exits_1_with_e014(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"title": "x"}\nnot json\n', encoding="utf-8")
    code, out, err = _run(capsys, "extract", str(path))
    assert code == 1
    assert out == ""
    assert "E014" in err.splitlines()[-1]
    assert "2 input record(s) failed" in err


def test_missing_file_is_one_clean_line(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    missing = tmp_path / "absent.txt"
    code, out, err = _run(capsys, "extract", str(missing))
    assert code == 1
    assert out == ""
    first = err.splitlines()[0]
    assert first.startswith("Error: E013") and str(missing) in first
    assert "Traceback" not in err


def test_invalid_utf8_names_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le général a été reçu à Bamako.".encode("latin-1"))
    code, _, err = _run(capsys, "extract", str(path))
    assert code == 1
    assert err.splitlines()[0].startswith("Error: E003") and str(path) in err


def test_empty_article_is_e004(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "vide.txt"
    path.write_text("  \n\n ", encoding="utf-8")
    code, _, err = _run(capsys, "extract", str(path))
    assert code == 1
    assert err.splitlines()[0].startswith("Error: E004")


def test_bad_published_is_an_argparse_error(capsys: pytest.CaptureFixture[str],
                                            article_file: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["extract", str(article_file), "--published", "08/02/2023"])
    assert exc.value.code == 2
    assert "E007" in capsys.readouterr().err


def test_bad_format_is_an_argparse_error(capsys: pytest.CaptureFixture[str],
                                         article_file: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["extract", str(article_file), "--format", "xml"])
    assert exc.value.code == 2


def test_several_articles_keep_stderr_clean_when_not_a_tty(
    capsys: pytest.CaptureFixture[str], article_file: Path
) -> None:
    code, out, err = _run(capsys, "extract", str(SEED_TXT), str(article_file))
    assert code == 0
    assert [r["id"] for r in _jsonl(out)] == ["seed", "diop"]
    assert err == ""


# --- progress -----------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_from_the_second_article() -> None:
    stream = _Terminal()
    progress = cli.Progress(stream)
    progress.advance()
    assert stream.getvalue() == ""  # one article: nothing to show
    progress.advance()
    assert "2 articles" in stream.getvalue() and "articles/s" in stream.getvalue()
    progress.finish()
    assert stream.getvalue().endswith("articles/s)\n")


def test_progress_stays_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = cli.Progress(stream)
    for _ in range(5):
        progress.advance()
    progress.finish()
    assert stream.getvalue() == ""


# --- eval ---------------------------------------------------------------------------------------


def _gold_and_pred(tmp_path: Path) -> tuple[Path, Path]:
    mali = {"name": "Mali", "country": "MLI", "sector": "GOV"}
    france = {"name": "France", "country": "FRA", "sector": "GOV"}
    gold_event = {"event": "CONSULT", "mode": None, "actor": [mali], "recipient": [france],
                  "date": "2023-02-07", "date_precision": "day", "place": None,
                  "status": "actual", "optional": False, "evidence": "a rencontré"}
    gold = {"id": "g1", "published": "2023-02-08", "events": [gold_event], "places": []}
    right = {**gold_event, "id": "g1#e1"}
    spurious = {**gold_event, "id": "g1#e2", "event": "ACCUSE", "evidence": "a accusé"}
    pred = {"id": "g1", "events": [right, spurious], "places": []}
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    pred_path.write_text(json.dumps(pred) + "\n", encoding="utf-8")
    return gold_path, pred_path


def test_eval_pred_prints_scores(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gold, pred = _gold_and_pred(tmp_path)
    code, out, _ = _run(capsys, "eval", str(gold), "--pred", str(pred))
    assert code == 0
    strict = next(line for line in out.splitlines() if line.startswith("strict"))
    assert "P 0.500" in strict and "R 1.000" in strict


def test_eval_pred_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gold, pred = _gold_and_pred(tmp_path)
    code, out, _ = _run(capsys, "eval", str(gold), "--pred", str(pred), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["strict"]["tp"] == 1 and report["strict"]["fp"] == 1
    assert report["strict"]["recall"] == 1.0
    assert report["attributes"]["pairs"] == 1


def test_eval_articles_runs_the_pipeline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "eval", str(ROOT / "examples" / "seed.gold.jsonl"),
                          "--articles", str(ROOT / "examples" / "seed.jsonl"), "--json")
    assert code == 0
    assert err == ""
    report = json.loads(out)
    assert report["articles"] == {"gold": 1, "predicted": 1, "missing_predictions": [],
                                  "unknown_predictions": 0}


def test_eval_missing_gold_is_one_clean_line(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    _, pred = _gold_and_pred(tmp_path)
    code, _, err = _run(capsys, "eval", str(tmp_path / "absent.jsonl"), "--pred", str(pred))
    assert code == 1
    assert err.startswith("Error: E013") and len(err.splitlines()) == 1


def test_eval_articles_all_bad_exits_1(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    gold, _ = _gold_and_pred(tmp_path)
    articles = tmp_path / "articles.jsonl"
    articles.write_text("not json\n", encoding="utf-8")
    code, _, err = _run(capsys, "eval", str(gold), "--articles", str(articles))
    assert code == 1
    assert "E005" in err and err.splitlines()[-1].startswith("Error: E014")


def test_eval_needs_articles_or_pred(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gold, _ = _gold_and_pred(tmp_path)
    with pytest.raises(SystemExit) as exc:
        cli.main(["eval", str(gold)])
    assert exc.value.code == 2


# --- gazetteer import ---------------------------------------------------------------------------


def _dump_line(gid: int, name: str, lat: float, lon: float, fclass: str, fcode: str,
               population: int) -> str:
    # The 19 tab-separated columns of a GeoNames table.
    cols = [str(gid), name, name, "", str(lat), str(lon), fclass, fcode, "ML", "", "04", "",
            "", "", str(population), "", "300", "Africa/Bamako", "2024-01-01"]
    return "\t".join(cols) + "\n"


def test_gazetteer_import_tiny_dump(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    archive = tmp_path / "ML.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("ML.txt", _dump_line(99000101, "Village-Cli", 14.2, -3.1, "P", "PPL", 700)
                    + _dump_line(99000102, "Colline-Cli", 14.3, -3.2, "T", "HLL", 0))
    target = tmp_path / "gaz"
    code, out, err = _run(capsys, "gazetteer", "import", str(archive), "--target", str(target))
    assert code == 0, err
    assert out.strip() == (f"Imported 1 places from {archive} into "
                           f"{target / 'geonames.tsv.gz'}")
    assert (target / "geonames.tsv.gz").exists()


def test_gazetteer_import_bad_zip_is_one_clean_line(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    not_zip = tmp_path / "ML.zip"
    not_zip.write_text("pas une archive", encoding="utf-8")
    code, out, err = _run(capsys, "gazetteer", "import", str(not_zip), "--target",
                          str(tmp_path / "gaz"))
    assert code == 1
    assert out == ""
    assert err.startswith("Error: E002") and len(err.splitlines()) == 1
    code, _, err = _run(capsys, "gazetteer", "import", str(tmp_path / "absent.zip"))
    assert code == 1
    assert err.startswith("Error: E013")
