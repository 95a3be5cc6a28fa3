"""The store on DuckDB and PostgreSQL: one schema, idempotent writes, clustering, queries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from veille.corpus import ingest
from veille.errors import VeilleError
from veille.ingest import Failure
from veille.store import Store, open_store
from veille.store.schema import TABLES, columns


def _by_url(store: Store) -> dict[str, dict[str, Any]]:
    return {a["url"]: a for a in store.rows("articles")}


def test_every_table_exists_with_its_columns(store: Store) -> None:
    for table in TABLES:
        assert store.rows(table) is not None
        names = ", ".join(columns(table))
        store.db.query(f"SELECT {names} FROM {table} WHERE 1 = 0")


def test_reports_of_one_attack_are_one_event(week_store: Store) -> None:
    attacks = week_store.events({"type": "ASSAULT"})
    assert len(attacks) == 1
    attack = attacks[0]
    assert attack["num_articles"] == 2  # the wire copy is not counted
    assert attack["num_sources"] == 2
    assert attack["num_mentions"] >= 2
    assert attack["event_date"] == "2023-03-13"
    assert attack["place_name"] == "Djibo" and attack["country"] == "BFA"
    assert attack["first_seen"] == date(2023, 3, 14)
    assert attack["last_seen"] == date(2023, 3, 15)
    outlets = {m["outlet"] for m in week_store.mentions_of(attack["event_id"])}
    assert outlets == {"Sahel Info", "Faso Actu"}


def test_the_wire_copy_is_linked_to_its_original(week_store: Store) -> None:
    articles = _by_url(week_store)
    copy = articles["https://wire.example/depeche/88"]
    original = articles["https://sahel-info.example/2023/03/14/djibo"]
    assert copy["duplicate_of"] == original["article_key"]
    assert copy["similarity"] >= 0.8
    assert not [m for m in week_store.rows("mentions") if m["article_key"] == copy["article_key"]]


def test_mentions_keep_evidence_offsets_and_actors(week_store: Store) -> None:
    articles = {a["article_key"]: a for a in week_store.rows("articles")}
    mentions = week_store.rows("mentions")
    assert mentions
    for m in mentions:
        a = articles[m["article_key"]]
        body = f"{a['title']}\n\n{a['text']}" if a["title"] else a["text"]
        assert body[m["evidence_start"]:m["evidence_end"]] == m["evidence"]
    actors = week_store.rows("actors")
    for actor in actors:
        if actor["start_char"] is not None:
            m = next(x for x in mentions if x["mention_id"] == actor["mention_id"])
            a = articles[m["article_key"]]
            body = f"{a['title']}\n\n{a['text']}"
            assert body[actor["start_char"]:actor["end_char"]] == actor["name"]


def test_ingesting_again_adds_nothing(week_store: Store, pipeline: Any,
                                     week_articles: list[Any]) -> None:
    before = week_store.counts()
    summary = ingest([], week_store, pipeline, records=week_articles)
    after = week_store.counts()
    assert summary.already_stored == 5 and summary.new == 0
    assert {t: n for t, n in after.items() if t != "runs"} == \
        {t: n for t, n in before.items() if t != "runs"}
    runs = week_store.rows("runs")
    assert [r["status"] for r in runs] == ["done", "done"]
    assert runs[1]["n_duplicate"] == 5


def test_failures_are_kept_once_with_their_reason(store: Store, pipeline: Any) -> None:
    bad = [Failure("lot.jsonl", "3", "E005: lot.jsonl:3: the line is not valid JSON (x)."),
           Failure("page.html", None, "E018: page.html: no article text found.")]
    for _ in range(2):
        summary = ingest([], store, pipeline, records=bad)
        assert summary.failed == 2
    rows = store.rows("failures")
    assert [(r["source"], r["record"], r["reason"][:4]) for r in rows] == [
        ("lot.jsonl", "3", "E005"), ("page.html", "", "E018")]


@pytest.mark.parametrize(("filters", "types"), [
    ({}, {"ASSAULT", "PROTEST", "CONSULT"}),
    ({"type": "PROTEST"}, {"PROTEST"}),
    # "Le gouvernement a promis de renforcer la sécurité": an AGREE of Burkina Faso, undated,
    # so within the week before its article.
    ({"country": "BFA"}, {"ASSAULT", "AGREE"}),
    ({"since": date(2023, 3, 11), "until": date(2023, 3, 11)}, {"PROTEST", "AGREE"}),
    ({"since": date(2023, 3, 15)}, set()),
    # The promise "de renforcer la sécurité de la ville" names no place: it takes the town
    # the story happens in.
    ({"place": "djibo"}, {"ASSAULT", "AGREE"}),
    ({"actor": "tcd"}, {"CONSULT"}),
    ({"actor": "x' OR '1'='1"}, set()),  # bound, never spliced into the SQL
    ({"place": "100%"}, set()),
    ({"status": "negated"}, set()),
])
def test_event_filters(week_store: Store, filters: dict[str, Any], types: set[str]) -> None:
    found = {e["event_type"] for e in week_store.events(filters)}
    assert types <= found if not filters else found == types


def test_unknown_filter_is_refused(store: Store) -> None:
    with pytest.raises(VeilleError, match="E025"):
        store.events({"event_type; DROP TABLE events": "x"})


def test_a_store_of_another_schema_version_is_refused(store_target: str) -> None:
    store = open_store(store_target)
    store.db.execute("UPDATE meta SET value = ? WHERE key = ?", ["0", "schema_version"])
    store.close()
    with pytest.raises(VeilleError, match="E024"):
        open_store(store_target)


def test_a_bad_target_is_one_clear_error(tmp_path: Any) -> None:
    with pytest.raises(VeilleError, match="E023"):
        open_store("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(VeilleError, match="E023"):
        open_store(str(tmp_path / "missing-dir" / "x.duckdb"))


def test_a_later_run_names_the_side_an_earlier_one_left_unsaid(store: Store,
                                                              pipeline: Any) -> None:
    # The first report names no protester ("non identifié (Niger)"); the second, ingested in
    # another run (as after a restart), names them: the event takes that name, as it would in
    # one batch.
    from veille.ingest.files import article_from_record

    first = article_from_record({
        "id": "protest-1", "url": "https://a.example/1", "published": "2023-03-14",
        "title": "Niamey", "text": "Une manifestation a eu lieu lundi à Niamey."},
        where="t", source="t")
    second = article_from_record({
        "id": "protest-2", "url": "https://b.example/2", "published": "2023-03-14",
        "title": "Niamey", "text": "Des centaines de Nigériens ont manifesté lundi à Niamey."},
        where="t", source="t")
    ingest([], store, pipeline, records=[first])
    protests = [e for e in store.rows("events") if e["event_type"] == "PROTEST"]
    assert [e["actor1_name"] for e in protests] == ["non identifié (Niger)"]
    ingest([], store, pipeline, records=[second])
    protests = [e for e in store.rows("events") if e["event_type"] == "PROTEST"]
    assert [(e["actor1_name"], e["num_mentions"]) for e in protests] == [
        ("Des centaines de Nigériens", 2)]
