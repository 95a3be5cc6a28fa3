"""Alerts on the events of a store (each back end): content, outputs, webhook retries, and the
dead letter that keeps what could not be delivered."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

from veille.store import Store
from veille.watch.alerts import Dispatcher
from veille.watch.rules import parse_rules


def _dispatcher(rules: list[dict[str, Any]], tmp_path: Path, **options: Any) -> Dispatcher:
    ruleset = parse_rules({"rules": rules, "dead_letter": str(tmp_path / "undelivered.jsonl")},
                          "regles.yaml")
    return Dispatcher(ruleset, **options)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_an_alert_carries_the_event_its_evidence_and_its_article(
        week_store: Store, tmp_path: Path) -> None:
    out = io.StringIO()
    dispatcher = _dispatcher([
        {"name": "attaques-burkina", "type": "ASSAULT", "country": "BFA",
         "min_casualties": {"killed": 1},
         "to": ["stdout", {"jsonl": str(tmp_path / "alertes" / "burkina.jsonl")}]},
        {"name": "manifestations", "type": "PROTEST",
         "to": [{"jsonl": str(tmp_path / "m.jsonl")}]},
    ], tmp_path, stdout=out)
    done = dispatcher.dispatch(week_store, week_store.events_after(0))
    assert (done.alerts, done.delivered, done.undelivered) == (2, 3, 0)
    [printed] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert _lines(tmp_path / "alertes" / "burkina.jsonl") == [printed]
    assert printed["rule"] == "attaques-burkina"
    event = printed["event"]
    assert event["event"] == "ASSAULT" and event["location"]["name"] == "Djibo"
    assert event["casualties"] == {"killed": 12}
    assert event["num_articles"] == 2 and len(event["sources"]) >= 2
    # The first report gives only its headline as evidence: the second report's sentence says
    # more, and the alert links to that report.
    assert printed["evidence"] == ("L'armée burkinabè a été attaquée lundi près de Djibo par "
                                   "des jihadistes")
    assert printed["article"] == {"url": "https://faso-actu.example/djibo-armee-visee",
                                  "title": "Djibo : l'armée visée", "outlet": "Faso Actu",
                                  "published": "2023-03-15"}
    [protest] = _lines(tmp_path / "m.jsonl")
    assert protest["event"]["location"]["name"] == "Niamey"
    assert not (tmp_path / "undelivered.jsonl").exists()


def test_a_webhook_is_retried_with_a_doubling_pause(week_store: Store, local_site: Any,
                                                    tmp_path: Path) -> None:
    hook = local_site.serve("/hook", body=b"ok", content_type="text/plain", fail_times=2)
    pauses: list[float] = []
    dispatcher = _dispatcher([{"name": "attaques", "type": "ASSAULT",
                               "to": [{"webhook": hook, "retries": 3, "backoff": 0.5}]}],
                             tmp_path, sleep=pauses.append)
    try:
        done = dispatcher.dispatch(week_store, week_store.events_after(0))
    finally:
        dispatcher.close()
    assert (done.alerts, done.delivered, done.undelivered) == (1, 1, 0)
    posts = local_site.requests_to("/hook", "POST")
    assert len(posts) == 3 and pauses == [0.5, 1.0]
    alert = json.loads(posts[-1].body)
    assert alert["rule"] == "attaques" and alert["event"]["event"] == "ASSAULT"
    assert posts[-1].headers["Content-Type"] == "application/json"


def test_a_webhook_that_stays_down_loses_no_alert(week_store: Store, local_site: Any,
                                                  tmp_path: Path) -> None:
    hook = local_site.serve("/hook", status=500, body=b"panne")
    reported: list[str] = []
    dispatcher = _dispatcher([{"name": "tout", "to": [{"webhook": hook, "retries": 2,
                                                       "backoff": 0}]}],
                             tmp_path, report=reported.append)
    events = week_store.events_after(0)
    try:
        done = dispatcher.dispatch(week_store, events)
    finally:
        dispatcher.close()
    assert len(events) >= 3 and done.alerts == done.undelivered == len(events)
    # Three tries for the first alert; the others of the pass are not sent to a dead server.
    assert len(local_site.requests_to("/hook", "POST")) == 3
    kept = _lines(tmp_path / "undelivered.jsonl")
    assert [k["alert"]["event"]["id"] for k in kept] == [e["event_id"] for e in events]
    assert kept[0]["output"] == f"webhook {hook}"
    assert kept[0]["reason"] == "HTTP 500 after 3 tries"
    assert len(reported) == len(events)
    assert reported[0].startswith("E044: rule 'tout': the alert on event ")
    assert str(tmp_path / "undelivered.jsonl") in reported[0]


def test_a_refused_alert_is_not_sent_again(week_store: Store, local_site: Any,
                                           tmp_path: Path) -> None:
    hook = local_site.serve("/hook", status=400, body=b"format inconnu")
    dispatcher = _dispatcher([{"name": "attaques", "type": "ASSAULT",
                               "to": [{"webhook": hook, "backoff": 0}]}], tmp_path,
                             report=lambda line: None)
    try:
        done = dispatcher.dispatch(week_store, week_store.events_after(0))
    finally:
        dispatcher.close()
    assert done.undelivered == 1 and len(local_site.requests_to("/hook", "POST")) == 1
    assert _lines(tmp_path / "undelivered.jsonl")[0]["reason"] == "HTTP 400, refused"


def test_a_slow_webhook_times_out(week_store: Store, local_site: Any, tmp_path: Path) -> None:
    hook = local_site.serve("/hook", delay=30.0, body=b"ok")
    dispatcher = _dispatcher([{"name": "attaques", "type": "ASSAULT",
                               "to": [{"webhook": hook, "retries": 1, "backoff": 0,
                                       "timeout": 0.5}]}], tmp_path, report=lambda line: None)
    started = time.monotonic()
    try:
        done = dispatcher.dispatch(week_store, week_store.events_after(0))
    finally:
        dispatcher.close()
    assert time.monotonic() - started < 5
    assert done.undelivered == 1
    assert "timed out" in _lines(tmp_path / "undelivered.jsonl")[0]["reason"]


def test_an_unwritable_dead_letter_prints_the_alert(week_store: Store, tmp_path: Path) -> None:
    blocked = tmp_path / "fichier"
    blocked.write_text("")
    ruleset = parse_rules({"dead_letter": str(blocked / "undelivered.jsonl"), "rules": [
        {"name": "attaques", "type": "ASSAULT", "to": [{"jsonl": str(blocked / "a.jsonl")}]}]},
        "regles.yaml")
    reported: list[str] = []
    done = Dispatcher(ruleset, report=reported.append).dispatch(
        week_store, week_store.events_after(0))
    assert done.undelivered == 1
    [line] = reported
    assert line.startswith(f"E045: {blocked / 'undelivered.jsonl'}: cannot write")
    assert '"rule": "attaques"' in line and "\n" not in line


def test_only_events_stored_after_a_point_are_new(week_store: Store) -> None:
    events = week_store.events_after(0)
    last = week_store.last_event_seq()
    assert last == max(e["seq"] for e in events)
    assert week_store.events_after(last) == []
    assert [e["seq"] for e in week_store.events_after(last - 1)] == [last]
