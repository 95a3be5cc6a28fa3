"""veille batch, local engine: the three Parquet tables, read by DuckDB and by veille ingest."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from veille.errors import VeilleError
from veille.scale.batch import Record, code_records, parse_record
from veille.scale.run import run_batch
from veille.scale.tables import SCHEMAS, TABLES, read_table

ARTICLES = [
    {"id": "bamako", "title": "Lavrov à Bamako", "published": "2023-02-08",
     "url": "https://example.org/lavrov",
     "text": "Le ministre russe des Affaires étrangères, Sergueï Lavrov, est arrivé mardi à "
             "Bamako, où il a rencontré le président de la transition, Assimi Goïta."},
    {"id": "gao", "published": "2021-06-14",
     "text": "Des jihadistes ont attaqué dimanche un poste de l'armée malienne à Gao, tuant "
             "sept soldats. Les autorités n'ont pas encore communiqué de bilan officiel."},
    {"id": "niamey", "title": "Manifestation à Niamey",
     "text": "Des milliers de Nigériens ont manifesté samedi à Niamey contre la vie chère."},
]


def _write_jsonl(path: Path, records: list[dict[str, str]], bad: bool = True) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if bad:
        lines += ["{not json", "", json.dumps({"title": "sans texte"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_code_records_makes_rows_of_every_table(pipeline) -> None:  # type: ignore[no-untyped-def]
    records = [Record("in.jsonl", str(n), json.dumps(a).encode())
               for n, a in enumerate(ARTICLES, start=1)]
    rows = code_records(pipeline, records)
    assert [r["id"] for r in rows["articles"]] == ["bamako", "gao", "niamey"]
    assert {e["event_type"] for e in rows["events"]} >= {"CONSULT", "ASSAULT", "PROTEST"}
    assert {m["kind"] for m in rows["mentions"]} >= {"actor", "entity", "place", "time"}
    for event in rows["events"]:
        assert event["event_id"].startswith(event["article_key"] + "#e")
        body = next(r for r in rows["articles"] if r["article_key"] == event["article_key"])
        text = (body["title"] + "\n\n" if body["title"] else "") + body["text"]
        assert text[event["evidence_start"]:event["evidence_end"]] == event["evidence"]
    for name in TABLES:  # every row fits the one typed schema
        assert pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]).num_rows == len(rows[name])


@pytest.mark.parametrize(("payload", "code"), [
    (b"{not json", "E005"), (b"[1, 2]", "E008"), (b'{"title": "x"}', "E006"),
    (b'{"text": "x", "published": "hier"}', "E007"), (b'{"text": "\xff"}', "E003"),
])
def test_a_bad_record_is_a_failure_naming_shard_and_line(payload: bytes, code: str) -> None:
    failure = parse_record(Record("in.jsonl", "7", payload))
    assert str(failure).startswith(f"{code}: in.jsonl:7")


def test_batch_writes_parquet_that_duckdb_reads(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    source = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "out"
    manifest = run_batch([str(source)], str(out), pipeline=pipeline, chunk_records=2)
    assert manifest["rows"]["articles"] == 5 and manifest["failed"] == 2
    assert manifest["parts"] == 3  # 5 records, 2 per chunk
    assert json.loads((out / "_veille_batch.json").read_text())["rows"] == manifest["rows"]
    con = duckdb.connect()
    types = dict(con.execute(
        f"DESCRIBE SELECT * FROM read_parquet('{out}/events/*.parquet')").fetchall()[i][:2]
        for i in range(len(SCHEMAS["events"])))
    assert types["date_min"] == "DATE" and types["lat"] == "DOUBLE"
    assert types["context"] == "VARCHAR[]" and types["is_lead"] == "BOOLEAN"
    errors = con.execute(f"SELECT record, error FROM read_parquet('{out}/articles/*.parquet') "
                         "WHERE error IS NOT NULL ORDER BY record").fetchall()
    assert [(r, e[:4]) for r, e in errors] == [("4", "E005"), ("6", "E006")]
    joined = con.execute(
        f"SELECT a.id, count(*) FROM read_parquet('{out}/events/*.parquet') e "
        f"JOIN read_parquet('{out}/articles/*.parquet') a USING (article_key) GROUP BY 1"
    ).fetchall()
    assert {i for i, _ in joined} == {"bamako", "gao", "niamey"}


def test_parquet_input_gives_the_rows_of_jsonl_input(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    source = _write_jsonl(tmp_path / "in.jsonl", ARTICLES, bad=False)
    shard = tmp_path / "in.parquet"
    table = pa.Table.from_pylist([{**a, "title": a.get("title"), "url": a.get("url"),
                                   "published": a.get("published")} for a in ARTICLES])
    table = table.set_column(table.schema.get_field_index("published"), "published",
                             table["published"].cast(pa.string()).cast(pa.date32()))
    pq.write_table(table, shard)
    run_batch([str(source)], str(tmp_path / "a"), pipeline=pipeline)
    run_batch([str(shard)], str(tmp_path / "b"), pipeline=pipeline)
    for name in TABLES:
        a, b = read_table(str(tmp_path / "a"), name), read_table(str(tmp_path / "b"), name)
        if name == "articles":
            # Without a "source" field, an article counts for the shard it was read from.
            run = ["input", "source", "outlet"]
            a, b = a.drop_columns(run), b.drop_columns(run)
        assert a.equals(b), name


def test_ingest_reads_the_batch_output(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    from veille.corpus import ingest
    from veille.store import open_store

    out = tmp_path / "out"
    run_batch([str(_write_jsonl(tmp_path / "in.jsonl", ARTICLES))], str(out), pipeline=pipeline)
    store = open_store(str(tmp_path / "store.duckdb"))
    try:
        summary = ingest([str(out)], store, pipeline)
        assert (summary.read, summary.new, summary.failed) == (5, 3, 2)
        stored = {r["id"]: r for r in store.rows("articles")}
        assert set(stored) == {"bamako", "gao", "niamey"}
        assert str(stored["bamako"]["published"]) == "2023-02-08"
        assert stored["bamako"]["title"] == "Lavrov à Bamako"
        failures = {r["reason"][:4] for r in store.rows("failures")}
        assert failures == {"E005", "E006"}
        assert {e["event_type"] for e in store.events()} >= {"CONSULT", "ASSAULT", "PROTEST"}
    finally:
        store.close()


def test_ingest_refuses_a_parquet_file_without_text(tmp_path: Path) -> None:
    from veille.ingest.sources import read_sources

    path = tmp_path / "events.parquet"
    pq.write_table(pa.table({"event_type": ["ASSAULT"]}), path)
    [failure] = list(read_sources([str(path)]))
    assert str(failure).startswith("E038:")


def test_batch_refuses_a_used_output_and_unknown_inputs(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("")
    with pytest.raises(VeilleError, match="E032"):
        run_batch([str(source)], str(tmp_path / "used"))
    (tmp_path / "a.txt").write_text("texte")
    with pytest.raises(VeilleError, match="E030"):
        run_batch([str(tmp_path / "a.txt")], str(tmp_path / "new"))
    with pytest.raises(VeilleError, match="E033"):
        run_batch([str(source)], str(tmp_path / "new"), engine="dask")


def test_cli_batch_then_ingest(tmp_path: Path, pipeline, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import veille.pipeline
    from veille.cli import main

    monkeypatch.setattr(veille.pipeline, "load", lambda *a, **k: pipeline)
    source = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "out"
    assert main(["batch", str(source), str(out), "--workers", "2", "--chunk", "2"]) == 0
    assert "5 record(s)" in capsys.readouterr().err
    assert len(list((out / "events").glob("*.parquet"))) == 3
    assert main(["ingest", str(out), "--db", str(tmp_path / "s.duckdb")]) == 0
    assert main(["batch", str(source), str(out)]) == 1
    assert "E032" in capsys.readouterr().err


def test_spark_engine_says_what_to_install_without_java(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pyspark")
    from veille.scale import spark

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(spark.shutil, "which", lambda name: None)
    with pytest.raises(VeilleError, match="E035"):
        spark.check_runtime()
