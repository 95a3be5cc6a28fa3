"""An article carrying `<script>` and `' OR 1=1 --` is shown as text, and filters made of such
strings match nothing they should not; the headers keep scripts to this server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from veille.web import create_app

SCRIPT = "<script>alert(1)</script>"
INJECTIONS = ["' OR 1=1 --", "%' OR '1'='1", "x'); DROP TABLE events; --", SCRIPT, "%", "_"]


@pytest.fixture(scope="module")
def client(dashboard_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(dashboard_db)) as c:
        yield c


@pytest.fixture(scope="module")
def hostile(client: TestClient) -> dict[str, Any]:
    store = client.app.state.store  # type: ignore[attr-defined]
    [article] = [a for a in store.rows("articles") if a["url"].startswith("https://bamako-")]
    return article


def test_the_hostile_article_is_stored_as_written(hostile: dict[str, Any]) -> None:
    assert SCRIPT in hostile["title"] and "' OR 1=1 --" in hostile["text"]


def test_the_article_page_shows_the_script_as_text(client: TestClient,
                                                   hostile: dict[str, Any]) -> None:
    page = client.get(f"/articles/{hostile['article_key']}")
    assert page.status_code == 200
    assert SCRIPT not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&#39; OR 1=1 --" in page.text
    # Only the page's own script tags: none in the article view.
    assert "<script" not in page.text
    # Its event is still coded and highlighted (trigger inside the evidence).
    assert 'class="hl-evidence hl-trigger "' in page.text


@pytest.mark.parametrize("path", ["/", "/timeline", "/network", "/events"])
def test_no_page_carries_the_script(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert SCRIPT not in page.text


def test_the_event_page_escapes_the_article_title(client: TestClient,
                                                  hostile: dict[str, Any]) -> None:
    events = client.get("/api/events", params={"place": "Bamako"}).json()["events"]
    [protest] = events
    page = client.get(f"/events/{protest['event_id']}").text
    assert SCRIPT not in page and "&lt;script&gt;" in page


def test_the_map_data_cannot_close_its_script_block(client: TestClient) -> None:
    page = client.get("/").text
    data = page.split('<script type="application/json" id="map-data">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data and ">" not in data


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", ["actor", "place"])
def test_injected_filters_match_nothing(client: TestClient, name: str, value: str) -> None:
    total = client.get("/api/events").json()["total"]
    found = client.get("/api/events", params={name: value})
    assert found.status_code == 200
    body = found.json()
    page = client.get("/events", params={name: value})
    assert page.status_code == 200 and SCRIPT not in page.text
    if value in ("%", "_"):
        # LIKE's wildcards are bound values too: they may match, but never beyond every event.
        assert body["total"] <= total
    else:
        assert body == {"total": 0, "limit": 50, "offset": 0, "events": []}
        assert "0 event(s)" in page.text
    assert client.get("/api/events").json()["total"] == total  # nothing was dropped


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", ["country", "type", "status", "since"])
def test_injected_coded_filters_are_refused(client: TestClient, name: str, value: str) -> None:
    assert client.get("/api/events", params={name: value}).status_code == 422


@pytest.mark.parametrize("path", ["/api/events/' OR 1=1 --", "/api/articles/' OR 1=1 --",
                                  f"/events/{SCRIPT}", "/articles/x' OR '1'='1"])
def test_injected_ids_find_nothing(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert SCRIPT not in response.text


def test_every_response_carries_a_restrictive_policy(client: TestClient) -> None:
    for path in ("/", "/api/events", "/static/map.js", "/openapi.json"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self';" in policy and "default-src 'none'" in policy
        assert "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_no_page_or_asset_links_outside(client: TestClient) -> None:
    for path in ("/", "/timeline", "/network", "/events", "/static/map.js",
                 "/static/dashboard.css"):
        text = client.get(path).text
        for cdn in ("unpkg", "cdnjs", "jsdelivr", "googleapis", "//cdn."):
            assert cdn not in text, (path, cdn)
