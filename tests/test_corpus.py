"""The ingest of a 2,000-record corpus with 5% bad records, on DuckDB and PostgreSQL.

One clean run per back end (module scope), checked for lost records, failures, copies and
clusters; then the same input again. The kill test uses a smaller corpus with the same kinds of
records (200 good, 99 bad): a clean run, and a ``veille ingest`` subprocess killed after two
committed batches then started again, must leave the same rows.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from veille.corpus import ingest
from veille.store import Store, dedup, open_store
from veille.store.schema import RUN_COLUMNS, TABLES

WORKERS = 2


@pytest.fixture(scope="module", params=("duckdb", "postgres"))
def clean_run(request: pytest.FixtureRequest, corpus: Any, pipeline: Any, target_factory: Any,
              tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, Any]:
    """Ingest the corpus once into an empty store; return the back end, target and summary."""
    target = target_factory(request, request.param, tmp_path_factory.mktemp("clean"))
    store = open_store(target)
    try:
        summary = ingest([str(corpus.root)], store, pipeline, workers=WORKERS, batch_size=64)
    finally:
        store.close()
    return request.param, target, summary


def contents(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Return every table's rows without what differs between runs (ids, times), sorted."""
    out = {}
    for table in TABLES:
        if table in ("runs", "meta"):
            continue
        rows = store.rows(table)
        out[table] = sorted(tuple((k, v) for k, v in row.items() if k not in RUN_COLUMNS)
                            for row in rows)
    return out


def test_no_good_record_is_lost(clean_run: tuple[str, str, Any], corpus: Any) -> None:
    _, target, summary = clean_run
    store = open_store(target)
    try:
        articles = store.rows("articles")
    finally:
        store.close()
    assert summary.read == corpus.good + len(corpus.bad) == 2000
    assert summary.new + summary.copies == corpus.good
    assert len(articles) == corpus.good
    stored_urls = {a["url"] for a in articles if a["url"]}
    assert stored_urls == {r.url for r in corpus.reports if r.url}
    stored_text = {a["title"] for a in articles if a["url"] is None}
    assert stored_text == {r.title for r in corpus.reports if r.fmt == "text"}


def test_every_bad_record_is_in_failures_with_its_reason(clean_run: tuple[str, str, Any],
                                                         corpus: Any) -> None:
    _, target, summary = clean_run
    store = open_store(target)
    try:
        failures = store.rows("failures")
    finally:
        store.close()
    assert summary.failed == len(corpus.bad) == 100
    found = {(f"{f['source']}:{f['record']}" if f["record"] and f["source"].endswith(".jsonl")
              else f["source"], f["reason"][:4]) for f in failures}
    assert found == set(corpus.bad)
    assert len(failures) == 100
    assert all(f["reason"].startswith("E0") and len(f["reason"]) > 30 for f in failures)


def test_wire_copies_are_linked_and_not_counted(clean_run: tuple[str, str, Any],
                                                corpus: Any) -> None:
    _, target, _ = clean_run
    store = open_store(target)
    try:
        articles = store.rows("articles")
        mentions = store.rows("mentions")
    finally:
        store.close()
    by_url = {a["url"]: a for a in articles if a["url"]}
    copies = {r.url: r.copy_of for r in corpus.reports if r.copy_of}
    linked = {a["url"] for a in articles if a["duplicate_of"]}
    assert linked == set(copies)
    for url, original in copies.items():
        assert by_url[url]["duplicate_of"] == by_url[original]["article_key"]
        assert by_url[url]["similarity"] >= dedup.NEAR_DUPLICATE
    copy_keys = {by_url[u]["article_key"] for u in copies}
    assert not any(m["article_key"] in copy_keys for m in mentions)


def test_mentions_cluster_by_scenario(clean_run: tuple[str, str, Any], corpus: Any) -> None:
    _, target, _ = clean_run
    store = open_store(target)
    try:
        articles = {a["article_key"]: a for a in store.rows("articles")}
        mentions = {m["mention_id"]: m for m in store.rows("mentions")}
        links = store.rows("event_mentions")
        events = {e["event_id"]: e for e in store.rows("events")}
    finally:
        store.close()
    scenario_of = {r.url or r.title: (r.scenario, r.kind) for r in corpus.reports}
    members: dict[str, set[tuple[int, str]]] = defaultdict(set)
    article_sets: dict[str, set[str]] = defaultdict(set)
    for link in links:
        m = mentions[link["mention_id"]]
        a = articles[m["article_key"]]
        scenario, kind = scenario_of[a["url"] or a["title"]]
        if m["event_type"] == kind:
            members[link["event_id"]].add((scenario, kind))
            article_sets[link["event_id"]].add(m["article_key"])
    # No event mixes two real-world events.
    mixed = {e: s for e, s in members.items() if len(s) > 1}
    assert not mixed
    # Reports of one scenario come together: most scenarios reported twice or more have an
    # event holding at least two of their articles.
    reported: dict[int, int] = defaultdict(int)
    for r in corpus.reports:
        if r.copy_of is None:
            reported[r.scenario] += 1
    multi = {s for s, n in reported.items() if n >= 2}
    joined = {next(iter(members[e]))[0] for e, keys in article_sets.items() if len(keys) >= 2}
    assert len(joined & multi) >= 0.8 * len(multi)
    # The counts agree with the links.
    for event_id, event in events.items():
        n = sum(1 for link in links if link["event_id"] == event_id)
        assert event["num_mentions"] == n
        assert 1 <= event["num_sources"] <= event["num_articles"] <= n


def test_a_second_run_adds_nothing(clean_run: tuple[str, str, Any], corpus: Any,
                                   pipeline: Any) -> None:
    _, target, _ = clean_run
    store = open_store(target)
    try:
        before = store.counts()
        summary = ingest([str(corpus.root)], store, pipeline, workers=1)
        after = store.counts()
    finally:
        store.close()
    assert summary.new == 0 and summary.copies == 0
    assert summary.already_stored == corpus.good
    assert summary.failed == len(corpus.bad)
    assert after["runs"] == before["runs"] + 1
    assert {t: n for t, n in after.items() if t != "runs"} == \
        {t: n for t, n in before.items() if t != "runs"}


@pytest.mark.parametrize("backend", ("duckdb", "postgres"))
def test_a_killed_run_restarted_equals_a_clean_run(
        backend: str, request: pytest.FixtureRequest, small_corpus: Any, pipeline: Any,
        target_factory: Any, tmp_path: Path) -> None:
    (tmp_path / "clean").mkdir()
    clean_target = target_factory(request, backend, tmp_path / "clean")
    clean = open_store(clean_target)
    try:
        ingest([str(small_corpus.root)], clean, pipeline, workers=1, batch_size=64)
        expected = contents(clean)
    finally:
        clean.close()
    target = target_factory(request, backend, tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "veille.cli", "-v", "ingest", str(small_corpus.root), "--db",
         target, "--workers", "2", "--batch-size", "32"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"))
    assert proc.stderr is not None
    committed = 0
    for line in proc.stderr:
        if "committed a batch" in line:
            committed += 1
            if committed == 2:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert committed == 2, "the ingest ended before two batches were committed"
    store = open_store(target)
    try:
        partial = store.counts()["articles"]
        assert 0 < partial < small_corpus.good, "the run was not killed mid-way"
        ingest([str(small_corpus.root)], store, pipeline, workers=WORKERS, batch_size=64)
        restarted = contents(store)
        assert [r["status"] for r in store.rows("runs")] == ["running", "done"]
    finally:
        store.close()
    assert sum(len(rows) for rows in expected.values()) > 500
    for table in expected:
        assert restarted[table] == expected[table], table
