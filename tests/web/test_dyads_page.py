"""The dyad view of the dashboard: /api/dyads is the series of veille dyads, /dyads draws it,
and each bar leads to the events it counts (on the store of DYAD_REPORTS)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from fastapi.testclient import TestClient

from veille.analysis.dyads import dyad_series
from veille.web import create_app


@pytest.fixture(scope="module")
def client(dyad_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(dyad_db)) as c:
        yield c


def test_the_api_gives_the_series_of_veille_dyads(client: TestClient) -> None:
    for by in ("month", "week"):
        found = client.get("/api/dyads", params={"a": "mli", "b": "FRA", "by": by}).json()
        store = client.app.state.store  # type: ignore[attr-defined]
        expected = dyad_series(store, "MLI", "FRA", unit=by).to_dict()
        rows = found.pop("rows")
        assert found == {k: v for k, v in expected.items() if k != "rows"}
        assert [{k: v for k, v in r.items() if k != "events_query"} for r in rows] == \
            expected["rows"]
        assert all(r["events_query"] == f"dyad={r['direction']}&period={r['period']}"
                   for r in rows)
    month = client.get("/api/dyads", params={"a": "MLI", "b": "FRA"}).json()
    assert month["by"] == "month" and month["undated"] == 1
    assert month["left_out"] == {"future": 1, "negated": 1}
    assert [r["events"] for r in month["rows"]] == [3, 2, 1, 2, 3, 4]


@pytest.mark.parametrize("params", [
    {"a": "MLI"}, {"a": "MLI", "b": "XXX"}, {"a": "MLI", "b": "mli"}, {"a": "Mali", "b": "FRA"},
    {"a": "MLI", "b": "FRA", "by": "day"}, {"a": "", "b": "FRA"},
])
def test_bad_dyads_are_refused_with_422(client: TestClient, params: dict[str, str]) -> None:
    assert client.get("/api/dyads", params=params).status_code == 422


@pytest.mark.parametrize("params", [
    {"dyad": "MLI>FRA"}, {"dyad": "MLI-XXX"}, {"dyad": "MLI-MLI"}, {"period": "2023-13"},
    {"period": "2023-W54"}, {"period": "février"},
])
def test_bad_dyad_filters_are_refused_with_422(client: TestClient,
                                               params: dict[str, str]) -> None:
    assert client.get("/api/events", params=params).status_code == 422


def test_the_pickers_list_the_actors_of_the_store(client: TestClient) -> None:
    page = client.get("/dyads")
    assert page.status_code == 200
    options = re.findall(r'<option value="([A-Z]{3})"', page.text)
    assert options == ["FRA", "MLI", "NER"] * 2
    assert "<svg class=\"chart dyad\"" not in page.text


def _links(html: str) -> list[tuple[str, int]]:
    return [(unescape(href), int(n)) for href, n in
            re.findall(r'<a href="(/events\?[^"]+)" class="period" data-events="(\d+)">', html)]


@pytest.mark.parametrize("by", ["month", "week"])
def test_each_bar_links_to_the_events_it_counts(client: TestClient, by: str) -> None:
    page = client.get("/dyads", params={"a": "MLI", "b": "FRA", "by": by})
    assert page.status_code == 200
    assert '<option value="MLI" selected>MLI · Mali</option>' in page.text
    assert "1 undated event(s) not plotted." in page.text
    links = _links(page.text)
    assert len(links) == (6 if by == "month" else 26)
    assert sum(n for _, n in links) == 15  # 13 dated events, the two mutual ones both ways
    for href, n in links:
        listed = client.get(href)
        assert listed.status_code == 200
        assert f"<p class=\"summary\">{n} event(s)" in listed.text, href
        api = client.get("/api" + href).json()
        assert api["total"] == n


def test_the_events_behind_february_from_france(client: TestClient) -> None:
    found = client.get("/api/events", params={"dyad": "fra-mli", "period": "2023-02"}).json()
    assert sorted((e["event_type"], e["event_date"]) for e in found["events"]) == [
        ("ACCUSE", "2023-02-07"), ("SANCTION", "2023-02-16")]
    page = client.get("/events", params={"dyad": "FRA-MLI", "period": "2023-02"}).text
    # The filter form keeps the dyad and the period.
    assert 'name="dyad" value="FRA-MLI"' in page and 'name="period" value="2023-02"' in page


def test_a_bad_pick_is_said_on_the_page(client: TestClient) -> None:
    page = client.get("/dyads", params={"a": "MLI", "b": "MLI"})
    assert page.status_code == 422 and "E048" in page.text
    empty = client.get("/dyads", params={"a": "MLI", "b": "USA"})
    assert empty.status_code == 200 and "No dated event between MLI and USA" in empty.text


def test_the_page_escapes_what_it_is_given(client: TestClient) -> None:
    script = "<script>alert(1)</script>"
    page = client.get("/dyads", params={"a": script[:20], "b": "FRA"})
    assert page.status_code == 422
    assert "<script>" not in page.text.split("</header>", 1)[1]


def test_the_chart_is_in_the_nav(client: TestClient) -> None:
    assert '<a href="/dyads"' in client.get("/timeline").text
