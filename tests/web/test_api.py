"""The JSON API over a store of the week's reports, through FastAPI's TestClient."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from veille.store import open_store
from veille.web import create_app


@pytest.fixture(scope="module")
def client(dashboard_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(dashboard_db)) as c:
        yield c


@pytest.fixture(scope="module")
def stored(dashboard_db: str, client: TestClient) -> dict[str, Any]:
    """Return what the store holds, read through the app's own read-only connection."""
    store = client.app.state.store  # type: ignore[attr-defined]
    return {"events": store.events(), "articles": store.rows("articles")}


def test_events_are_paginated_with_their_total(client: TestClient,
                                               stored: dict[str, Any]) -> None:
    everything = client.get("/api/events").json()
    assert everything["total"] == len(stored["events"]) == len(everything["events"])
    ids = [e["event_id"] for e in everything["events"]]
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert [e["event_id"] for e in first["events"] + second["events"]] == ids[:4]
    assert first["total"] == everything["total"]


@pytest.mark.parametrize(("params", "expected"), [
    ({"type": "ASSAULT"}, {"ASSAULT"}),
    ({"type": "protest"}, {"PROTEST"}),
    ({"country": "ner"}, {"PROTEST", "CONSULT"}),
    ({"place": "Djibo", "type": "ASSAULT"}, {"ASSAULT"}),
    ({"since": "2023-03-16"}, {"PROTEST"}),
    ({"status": "actual", "country": "MLI"}, {"PROTEST"}),
    ({"actor": "jihadistes"}, {"ASSAULT"}),
    ({"type": "", "country": "", "since": ""}, None),  # an empty form field filters nothing
])
def test_event_filters_are_those_of_veille_events(client: TestClient, params: dict[str, str],
                                                  expected: set[str] | None,
                                                  stored: dict[str, Any]) -> None:
    events = client.get("/api/events", params=params).json()["events"]
    if expected is None:
        assert len(events) == len(stored["events"])
    else:
        assert {e["event_type"] for e in events} == expected


@pytest.mark.parametrize("params", [
    {"since": "2023-02-30"}, {"since": "hier"}, {"type": "BOMBARDER"}, {"status": "rumeur"},
    {"country": "MALI"}, {"limit": 0}, {"limit": 501}, {"offset": -1}, {"actor": "x" * 101},
])
def test_bad_filters_are_refused_with_422(client: TestClient, params: dict[str, Any]) -> None:
    assert client.get("/api/events", params=params).status_code == 422


def test_an_event_comes_with_its_mentions_and_evidence(client: TestClient,
                                                       stored: dict[str, Any]) -> None:
    [attack] = [e for e in stored["events"] if e["event_type"] == "ASSAULT"]
    found = client.get(f"/api/events/{attack['event_id']}").json()
    assert found["event"]["event_id"] == attack["event_id"]
    assert found["event"]["place_name"] == "Djibo"
    assert {m["article"]["outlet"] for m in found["mentions"]} == {"Sahel Info", "Faso Actu"}
    bodies = {a["article_key"]: (f"{a['title']}\n\n{a['text']}") for a in stored["articles"]}
    for m in found["mentions"]:
        body = bodies[m["article"]["article_key"]]
        assert body[m["evidence_start"]:m["evidence_end"]] == m["evidence"]
        assert m["rule"] and m["anchor"].startswith("m-e")
    assert {a["role"] for a in found["actors"]} >= {"actor"}


def test_an_article_comes_with_what_was_coded_in_it(client: TestClient,
                                                    stored: dict[str, Any]) -> None:
    [visit] = [a for a in stored["articles"] if a["title"] == "Visite officielle"]
    found = client.get(f"/api/articles/{visit['article_key']}").json()
    body = f"{visit['title']}\n\n{visit['text']}"
    assert found["article"]["text"] == visit["text"]
    assert "segments" not in found
    [mention] = found["mentions"]
    assert mention["event_type"] == "CONSULT" and mention["event_id"]
    start, end = mention["trigger"]
    assert body[start:end] == "reçu"
    assert [t["text"] for t in found["times"]] == ["mardi"]
    assert found["times"][0]["value"] == "2023-03-14"
    assert "Niamey" in {body[p["start_char"]:p["end_char"]] for p in found["places"]}
    for actor in found["actors"]:
        assert body[actor["start_char"]:actor["end_char"]]


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/events/ev-nothing").status_code == 404
    assert client.get("/api/articles/u-nothing").status_code == 404
    assert client.get("/events/ev-nothing").status_code == 404
    assert client.get("/articles/u-nothing").status_code == 404


def test_actors_say_who_acts_on_whom(client: TestClient) -> None:
    found = client.get("/api/actors").json()
    links = {(link["source"], link["target"]): link for link in found["links"]}
    # The visit links the two presidents (which side is the actor is the coder's business).
    assert any({s.split(" (")[0], t.split(" (")[0]} == {"Le président nigérien",
                                                        "son homologue tchadien"}
               for s, t in links)
    assert all(link["weight"] >= 1 and link["quad_class"] in (1, 2, 3, 4)
               for link in found["links"])
    only = client.get("/api/actors", params={"type": "CONSULT"}).json()
    assert len(only["links"]) == 1


def test_stats_count_the_store_and_the_matching_events(client: TestClient,
                                                       stored: dict[str, Any]) -> None:
    found = client.get("/api/stats").json()
    assert found["tables"]["articles"] == len(stored["articles"]) == 6
    assert found["events"] == len(stored["events"])
    assert found["by_type"]["PROTEST"] == 2
    days = {b["date"]: b for b in found["timeline"]["buckets"]}
    assert days["2023-03-13"]["counts"] == {"ASSAULT": 1}
    assert client.get("/api/stats", params={"type": "ASSAULT"}).json()["events"] == 1


def test_pages_render_with_the_filters_kept_in_their_links(client: TestClient) -> None:
    for path in ("/", "/timeline", "/network", "/events"):
        page = client.get(path, params={"country": "NER", "type": "PROTEST"})
        assert page.status_code == 200, path
        assert 'href="/timeline?country=NER&amp;type=PROTEST"' in page.text
        assert '<option selected>PROTEST</option>' in page.text
    timeline = client.get("/timeline").text
    assert "<rect" in timeline and "2023-03-13: 1 ASSAULT" in timeline


def test_openapi_is_served_and_lists_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_key}",
            "/api/actors", "/api/stats"} <= set(spec["paths"])
    assert not any(p for p in spec["paths"] if not p.startswith("/api/"))
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())


def test_the_app_is_read_only(client: TestClient, dashboard_db: str) -> None:
    assert client.post("/api/events", json={}).status_code == 405
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN
    store = client.app.state.store  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="read-only"):
        store.db.execute("DELETE FROM events")


def test_a_missing_store_is_refused(tmp_path: Any) -> None:
    from veille.errors import VeilleError

    with pytest.raises(VeilleError, match="E028"):
        create_app(str(tmp_path / "nothing.duckdb"))
    assert not (tmp_path / "nothing.duckdb").exists()


def test_a_bad_tile_url_is_refused(dashboard_db: str) -> None:
    from veille.errors import VeilleError

    with pytest.raises(VeilleError, match="E029"):
        create_app(dashboard_db, tiles="javascript:alert(1)")


def test_a_tile_server_is_allowed_by_the_content_security_policy(dashboard_db: str) -> None:
    app = create_app(dashboard_db, tiles="https://tile.example.org/{z}/{x}/{y}.png")
    with TestClient(app) as c:
        page = c.get("/")
    assert "img-src 'self' data: https://tile.example.org;" in page.headers[
        "content-security-policy"]
    assert "https://tile.example.org/{z}/{x}/{y}.png" in page.text


def test_read_only_store_opens_beside_nothing_else(dashboard_db: str) -> None:
    store = open_store(dashboard_db, read_only=True)
    try:
        assert store.count_events() == len(store.events())
        assert store.count_events({"type": "ASSAULT"}) == 1
    finally:
        store.close()


def test_veille_serve_refuses_a_missing_store(tmp_path: Any,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from veille.cli import main

    assert main(["serve", "--db", str(tmp_path / "nothing.duckdb")]) == 1
    assert capsys.readouterr().err.startswith("Error: E028: there is no store at")
