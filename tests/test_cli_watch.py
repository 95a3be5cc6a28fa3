"""veille watch end to end: feeds served on 127.0.0.1, some of them down, malformed or slow;
new items alert once each, and a restart on the same store stores and alerts nothing twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from veille.cli import main
from veille.store import open_store

# Reports written for these tests, one event each.
GENDARMERIE = ("/2024/03/12/djibo", "Attaque contre la gendarmerie de Djibo",
               "Des hommes armés ont attaqué lundi le poste de gendarmerie de Djibo, tuant cinq "
               "gendarmes. Les renforts sont arrivés dans la soirée.", "2024-03-12")
ETUDIANTS = ("/2024/03/13/niamey", "Les étudiants dans la rue à Niamey",
             "Des centaines d'étudiants ont manifesté mardi à Niamey pour réclamer le paiement "
             "de leurs bourses.", "2024-03-13")
EMBUSCADE = ("/mali/2024/03/14/menaka", "Embuscade près de Ménaka",
             "Des jihadistes ont tendu mercredi une embuscade à une patrouille de l'armée "
             "malienne près de Ménaka, tuant trois soldats.", "2024-03-14")
ENLEVEMENT = ("/mali/2024/03/16/kidal", "Enlèvement sur la route de Kidal",
              "Des hommes armés ont enlevé vendredi deux commerçants sur la route de Kidal.",
              "2024-03-16")

RULES = """\
dead_letter: {tmp}/undelivered.jsonl
rules:
  - name: tout
    to: [{{jsonl: {tmp}/tout.jsonl}}]
  - name: morts-pres-de-ouagadougou
    type: ASSAULT
    near: {{lat: 12.37, lon: -1.53, km: 300}}
    min_casualties: {{killed: 1}}
    to: [stdout]
"""


@pytest.fixture(autouse=True)
def loaded_once(monkeypatch: pytest.MonkeyPatch, pipeline: object) -> None:
    """Let the command use the session's pipeline instead of loading the model again."""
    monkeypatch.setattr("veille.pipeline.load", lambda *args, **kwargs: pipeline)


@pytest.fixture
def watched(local_site: Any, tmp_path: Path) -> dict[str, Any]:
    """Two good feeds, and three bad ones: down (500), not XML, and 30 s slow."""
    sahel = local_site.feed("/sahel.xml", [GENDARMERIE, ETUDIANTS])
    mali = local_site.feed("/mali.xml", [EMBUSCADE], title="Mali Hebdo")
    down = local_site.serve("/panne.xml", status=500, body=b"erreur interne")
    broken = local_site.serve("/casse.xml", body=b"<rss><channel><item><title>Coup d'\xc3")
    slow = local_site.serve("/lent.xml", delay=30.0, body=b"<rss/>")
    feeds = tmp_path / "flux.txt"
    feeds.write_text(f"# Sahel\n{sahel}\n{down}\n{broken}\n{slow}\n\n# Mali\n{mali}\n",
                     encoding="utf-8")
    rules = tmp_path / "regles.yaml"
    rules.write_text(RULES.format(tmp=tmp_path), encoding="utf-8")
    return {"feeds": str(feeds), "rules": str(rules), "alerts": tmp_path / "tout.jsonl",
            "bad": [down, broken, slow]}


def _watch(watched: dict[str, Any], db: str) -> list[str]:
    return ["watch", "--feeds", watched["feeds"], "--rules", watched["rules"], "--db", db,
            "--once", "--fetch-timeout", "1", "--fetch-delay", "0"]


def _alerts(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_watch_alerts_once_per_new_item_and_resumes_without_duplicates(
        watched: dict[str, Any], local_site: Any, store_target: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    assert main(_watch(watched, store_target)) == 0
    assert time.monotonic() - started < 25  # the slow feed's 30 s are not waited for
    out, err = capsys.readouterr()

    # One alert per new item, each with its event, evidence and link.
    alerts = _alerts(watched["alerts"])
    links = {local_site.url(item[0]) for item in (GENDARMERIE, ETUDIANTS, EMBUSCADE)}
    assert sorted(a["article"]["url"] for a in alerts) == sorted(links)
    assert {a["event"]["event"] for a in alerts} == {"ASSAULT", "PROTEST"}
    assert all(a["rule"] == "tout" and a["evidence"] for a in alerts)
    # ... and the stricter rule picks the Djibo attack only (Ménaka is 700 km away).
    [printed] = [json.loads(line) for line in out.splitlines()]
    assert printed["rule"] == "morts-pres-de-ouagadougou"
    assert printed["article"]["url"] == local_site.url(GENDARMERIE[0])
    assert printed["event"]["casualties"] == {"killed": 5}

    # The bad feeds are one line each on stderr; they did not stop the good ones.
    errors = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 3
    for url, reason in zip(watched["bad"], ("HTTP 500", "not RSS or Atom", "no answer within"),
                           strict=True):
        [line] = [e for e in errors if f" {url}: " in e]
        assert line.startswith("Error: E041") and reason in line
    assert "5 feed(s): 2 changed, 0 unchanged, 3 failed; 3 new article(s), 3 new event(s), " \
           "4 alert(s)" in err

    store = open_store(store_target)
    try:
        articles = store.counts()["articles"]
        states = store.feed_states()
    finally:
        store.close()
    assert articles == 3
    assert {s.n_errors for u, s in states.items() if u in watched["bad"]} == {1}
    assert all(s.etag for u, s in states.items() if u not in watched["bad"])

    # A restart on the same store: the good feeds answer 304, nothing is fetched or stored
    # again, and no alert is sent again.
    assert main(_watch(watched, store_target)) == 0
    out, err = capsys.readouterr()
    assert out == "" and len(_alerts(watched["alerts"])) == 3
    assert "0 new article(s), 0 new event(s), 0 alert(s)" in err
    assert "2 unchanged" in err
    for path in ("/sahel.xml", "/mali.xml"):
        assert "If-None-Match" in local_site.requests_to(path)[-1].headers
    assert all(len(local_site.requests_to(item[0])) == 1
               for item in (GENDARMERIE, ETUDIANTS, EMBUSCADE))

    # A new item in one feed: one new article, one new alert; the others are not fetched.
    local_site.feed("/mali.xml", [ENLEVEMENT, EMBUSCADE], title="Mali Hebdo")
    assert main(_watch(watched, store_target)) == 0
    capsys.readouterr()
    alerts = _alerts(watched["alerts"])
    assert len(alerts) == 4
    assert alerts[-1]["article"]["url"] == local_site.url(ENLEVEMENT[0])
    assert len(local_site.requests_to(EMBUSCADE[0])) == 1
    store = open_store(store_target)
    try:
        assert store.counts()["articles"] == 4
        assert store.feed_states()[local_site.url("/mali.xml")].n_articles == 2
    finally:
        store.close()
    assert not (Path(watched["rules"]).parent / "undelivered.jsonl").exists()


def test_the_same_article_in_two_feeds_is_stored_and_alerted_once(
        local_site: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = local_site.feed("/un.xml", [GENDARMERIE])
    two = local_site.feed("/deux.xml", [GENDARMERIE, ETUDIANTS])
    feeds = tmp_path / "flux.txt"
    feeds.write_text(f"{one}\n{two}\n", encoding="utf-8")
    rules = tmp_path / "regles.yaml"
    rules.write_text(f"rules:\n  - name: tout\n    to: [{{jsonl: {tmp_path}/a.jsonl}}]\n",
                     encoding="utf-8")
    db = str(tmp_path / "veille.duckdb")
    assert main(["watch", "--feeds", str(feeds), "--rules", str(rules), "--db", db, "--once",
                 "--fetch-delay", "0"]) == 0
    assert len(_alerts(tmp_path / "a.jsonl")) == 2
    assert len(local_site.requests_to(GENDARMERIE[0])) == 1


def test_once_fails_when_no_feed_could_be_polled(local_site: Any, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    feeds = tmp_path / "flux.txt"
    feeds.write_text(local_site.serve("/panne.xml", status=503) + "\n", encoding="utf-8")
    assert main(["watch", "--feeds", str(feeds), "--db", str(tmp_path / "v.duckdb"),
                 "--once", "--fetch-delay", "0"]) == 1
    err = capsys.readouterr().err
    assert "Error: E041" in err and "Error: E046: none of the 1 feed(s)" in err


@pytest.mark.parametrize(("args", "code"), [
    (["--every", "quinze"], "E043"),
    (["--rules", "{tmp}/absent.yaml"], "E013"),
    (["--rules", "{tmp}/regles.yaml"], "E042"),
])
def test_bad_settings_are_one_error_line(tmp_path: Path, args: list[str], code: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    feeds = tmp_path / "flux.txt"
    feeds.write_text("https://sahel.example/rss\n", encoding="utf-8")
    (tmp_path / "regles.yaml").write_text("rules:\n  - name: a\n    type: ATTAQUE\n",
                                          encoding="utf-8")
    argv = ["watch", "--feeds", str(feeds), "--db", str(tmp_path / "v.duckdb"), "--once",
            *[a.format(tmp=tmp_path) for a in args]]
    assert main(argv) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"Error: {code}: ")
    assert not (tmp_path / "v.duckdb").exists()  # checked before anything is opened


def test_ctrl_c_stops_the_watcher_between_polls(local_site: Any, tmp_path: Path) -> None:
    feeds = tmp_path / "flux.txt"
    feeds.write_text(local_site.feed("/vide.xml", []) + "\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "veille.cli", "watch", "--feeds", str(feeds), "--db",
         str(tmp_path / "v.duckdb"), "--every", "1h", "--fetch-delay", "0"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"))
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "feed(s): 1 changed" in line:
            break
    time.sleep(0.3)  # asleep until the next pass, an hour away
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    rest = proc.stderr.read()
    assert "Stopped." in rest and "Traceback" not in rest
    assert lines[0].startswith("Watching 1 feed(s) every 1h")
