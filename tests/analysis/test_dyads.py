"""The series of a dyad against a table computed by hand, on DuckDB and PostgreSQL.

DYAD_REPORTS (tests/conftest.py) are short French reports between Mali and France, January to
March 2023, each commented with the event it states. They go through the real pipeline and
store; the tables below are what those sentences mean, counted by hand:

January   MLI-FRA  SANCTION 17th (q4 -6), ACCUSE 24th (q3 -3.5), THREATEN dated "January"
                   only (q3 -3.5, imprecise)                      -> q3 2, q4 1, -13.0
          FRA-MLI  SUPPORT 4th (q1 +5), CONSULT visit 9th (q1 +4)  -> q1 2, +9.0
February  MLI-FRA  SANCTION expel 2nd (q4 -6)                      -> q4 1, -6.0
          FRA-MLI  ACCUSE 7th (q3 -2), SANCTION 16th (q4 -6); the SANCTION of the 20th is
                   negated                                        -> q3 1, q4 1, -8.0
March     MLI-FRA  REQUEST 1st (q3 0), phone call 6th and meeting 20th (mutual CONSULT,
                   q1 +2.5 each)                                  -> q1 2, q3 1, +5.0
          FRA-MLI  phone call and meeting (q1 +2.5 each), REJECT 9th (q3 -2), AID 14th
                   (q2 +10)                                       -> q1 2, q2 1, q3 1, +15/-2
Left out: one undated ACCUSE, one negated SANCTION, one future AGREE (the April visit).
"""

from __future__ import annotations

import io
from typing import Any

import pytest

from veille.analysis.dyads import (
    COLUMNS,
    GROUP_NAMES,
    DyadSeries,
    build_series,
    check_code,
    check_dyad,
    dyad_series,
    format_table,
    write_csv,
)
from veille.corpus import ingest
from veille.errors import VeilleError
from veille.knowledge import GROUP_CODES
from veille.store import Store

# period, start, direction, quad1..quad4, cooperation, conflict, net, events, imprecise
BY_MONTH = [
    ("2023-01", "2023-01-01", "MLI-FRA", 0, 0, 2, 1, 0.0, -13.0, -13.0, 3, 1),
    ("2023-01", "2023-01-01", "FRA-MLI", 2, 0, 0, 0, 9.0, 0.0, 9.0, 2, 0),
    ("2023-02", "2023-02-01", "MLI-FRA", 0, 0, 0, 1, 0.0, -6.0, -6.0, 1, 0),
    ("2023-02", "2023-02-01", "FRA-MLI", 0, 0, 1, 1, 0.0, -8.0, -8.0, 2, 0),
    ("2023-03", "2023-03-01", "MLI-FRA", 2, 0, 1, 0, 5.0, 0.0, 5.0, 3, 0),
    ("2023-03", "2023-03-01", "FRA-MLI", 2, 1, 1, 0, 15.0, -2.0, 13.0, 4, 0),
]

# The same events by ISO week. "January" counts on Sunday 1 January 2023, in the last week of
# 2022; the weeks without an event in a direction have their empty row.
BY_WEEK_NOT_EMPTY = [
    ("2022-W52", "2022-12-26", "MLI-FRA", 0, 0, 1, 0, 0.0, -3.5, -3.5, 1, 1),
    ("2023-W01", "2023-01-02", "FRA-MLI", 1, 0, 0, 0, 5.0, 0.0, 5.0, 1, 0),
    ("2023-W02", "2023-01-09", "FRA-MLI", 1, 0, 0, 0, 4.0, 0.0, 4.0, 1, 0),
    ("2023-W03", "2023-01-16", "MLI-FRA", 0, 0, 0, 1, 0.0, -6.0, -6.0, 1, 0),
    ("2023-W04", "2023-01-23", "MLI-FRA", 0, 0, 1, 0, 0.0, -3.5, -3.5, 1, 0),
    ("2023-W05", "2023-01-30", "MLI-FRA", 0, 0, 0, 1, 0.0, -6.0, -6.0, 1, 0),
    ("2023-W06", "2023-02-06", "FRA-MLI", 0, 0, 1, 0, 0.0, -2.0, -2.0, 1, 0),
    ("2023-W07", "2023-02-13", "FRA-MLI", 0, 0, 0, 1, 0.0, -6.0, -6.0, 1, 0),
    ("2023-W09", "2023-02-27", "MLI-FRA", 0, 0, 1, 0, 0.0, 0.0, 0.0, 1, 0),
    ("2023-W10", "2023-03-06", "MLI-FRA", 1, 0, 0, 0, 2.5, 0.0, 2.5, 1, 0),
    ("2023-W10", "2023-03-06", "FRA-MLI", 1, 0, 1, 0, 2.5, -2.0, 0.5, 2, 0),
    ("2023-W11", "2023-03-13", "FRA-MLI", 0, 1, 0, 0, 10.0, 0.0, 10.0, 1, 0),
    ("2023-W12", "2023-03-20", "MLI-FRA", 1, 0, 0, 0, 2.5, 0.0, 2.5, 1, 0),
    ("2023-W12", "2023-03-20", "FRA-MLI", 1, 0, 0, 0, 2.5, 0.0, 2.5, 1, 0),
]


def _rows(series: DyadSeries) -> list[tuple[Any, ...]]:
    return [tuple(r.to_dict()[c] for c in COLUMNS) for r in series.rows]


@pytest.fixture
def dyad_store(store: Store, pipeline: Any, dyad_articles: list[Any]) -> Store:
    """Return a store (each back end) holding DYAD_REPORTS, ingested through the pipeline."""
    ingest([], store, pipeline, records=dyad_articles, batch_size=4)
    return store


def test_the_monthly_series_is_the_table_computed_by_hand(dyad_store: Store) -> None:
    series = dyad_series(dyad_store, "MLI", "FRA", unit="month")
    assert _rows(series) == BY_MONTH
    assert series.undated == 1
    assert series.left_out == {"negated": 1, "future": 1}
    assert series.notes()[0] == "1 undated event(s) not plotted."


def test_the_weekly_series_is_the_table_computed_by_hand(dyad_store: Store) -> None:
    series = dyad_series(dyad_store, "mli", "fra", unit="week")
    assert len(series.periods) == 13 and len(series.rows) == 26  # 2022-W52 to 2023-W12
    assert [r for r in _rows(series) if r[-2]] == BY_WEEK_NOT_EMPTY
    assert series.undated == 1


def test_the_other_way_round_mirrors_the_directions(dyad_store: Store) -> None:
    series = dyad_series(dyad_store, "FRA", "MLI")
    assert series.directions == ("FRA-MLI", "MLI-FRA")
    assert sorted(_rows(series)) == sorted(BY_MONTH)


def test_another_dyad_and_an_empty_one(dyad_store: Store) -> None:
    niger = dyad_series(dyad_store, "NER", "FRA")
    assert _rows(niger) == [
        ("2023-03", "2023-03-01", "NER-FRA", 0, 0, 1, 0, 0.0, -3.5, -3.5, 1, 0),
        ("2023-03", "2023-03-01", "FRA-NER", 0, 0, 0, 0, 0.0, 0.0, 0.0, 0, 0)]
    nobody = dyad_series(dyad_store, "MLI", "USA")
    assert nobody.rows == [] and nobody.undated == 0


def test_the_dyad_and_period_filters_list_the_events_of_each_row(dyad_store: Store) -> None:
    for unit in ("month", "week"):
        series = dyad_series(dyad_store, "MLI", "FRA", unit=unit)
        for row in series.rows:
            found = dyad_store.events({"dyad": row.direction, "period": row.period})
            assert len(found) == row.events, (row.period, row.direction)
            assert dyad_store.count_events({"dyad": row.direction,
                                            "period": row.period}) == row.events
            assert sum(e["quad_class"] == 3 for e in found) == row.quads[2]
    # Every dated event the series counts, and nothing else.
    assert {e["event_type"] for e in dyad_store.events({"dyad": "FRA-MLI"})} == {
        "SUPPORT", "CONSULT", "ACCUSE", "SANCTION", "REJECT", "AID"}
    assert all(e["status"] != "negated" for e in dyad_store.events({"dyad": "FRA-MLI"}))


def test_the_store_lists_the_codes_of_its_actors(dyad_store: Store) -> None:
    assert dyad_store.actor_codes() == ["FRA", "MLI", "NER"]


def test_each_event_counts_once_however_many_reports(dyad_store: Store) -> None:
    [rupture] = [e for e in dyad_store.dyad_events("MLI", "FRA")
                 if e["event_date"] == "2023-01-17"]
    assert dyad_store.event(rupture["event_id"])["num_articles"] == 2  # type: ignore[index]


def test_scores_follow_the_quad_classes() -> None:
    # Hand-made rows as Store.dyad_events gives them: a year-precision date counts on
    # 1 January and is flagged; an event without quad class counts as an event only.
    events = [
        {"status": "actual", "event_date": "2022", "quad_class": 2, "score": 9.5,
         "a_to_b": True, "b_to_a": True},
        {"status": "claimed", "event_date": "2022-01-20", "quad_class": 4, "score": -9.0,
         "a_to_b": False, "b_to_a": True},
        {"status": "historical", "event_date": "2022-01-21", "quad_class": None, "score": None,
         "a_to_b": True, "b_to_a": False},
    ]
    series = build_series(events, "MLI", "RUS", unit="month")
    assert _rows(series) == [
        ("2022-01", "2022-01-01", "MLI-RUS", 0, 1, 0, 0, 9.5, 0.0, 9.5, 2, 1),
        ("2022-01", "2022-01-01", "RUS-MLI", 0, 1, 0, 1, 9.5, -9.0, 0.5, 2, 1)]


def test_csv_and_table_load_into_pandas(dyad_store: Store) -> None:
    pandas = pytest.importorskip("pandas")
    series = dyad_series(dyad_store, "MLI", "FRA")
    out = io.StringIO()
    write_csv(series, out)
    frame = pandas.read_csv(io.StringIO(out.getvalue()))
    assert list(frame.columns) == list(COLUMNS)
    assert [tuple(r) for r in frame.itertuples(index=False)] == BY_MONTH
    table = format_table(series)
    assert table.splitlines()[-3] == "# 1 undated event(s) not plotted."
    read_back = pandas.read_csv(io.StringIO(table), sep=r"\s+", comment="#")
    assert read_back.equals(frame)


def test_the_png_is_drawn(dyad_store: Store, tmp_path: Any) -> None:
    from veille.analysis.chart import draw_png

    for unit in ("month", "week"):
        path = tmp_path / f"{unit}.png"
        draw_png(dyad_series(dyad_store, "MLI", "FRA", unit=unit), path)
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 20_000
    empty = tmp_path / "empty.png"
    draw_png(dyad_series(dyad_store, "MLI", "USA"), empty)
    assert empty.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("a", "b", "code"), [
    ("MALI", "FRA", "E047"), ("XXX", "FRA", "E047"), ("MLI", "", "E047"),
    ("MLI", "mli", "E048"),
])
def test_bad_codes_are_refused(a: str, b: str, code: str) -> None:
    with pytest.raises(VeilleError, match=code):
        check_dyad(a, b)


def test_group_codes_are_sides_too() -> None:
    assert check_code("igo") == "IGO" and check_code(" img ") == "IMG"
    assert set(GROUP_NAMES) == GROUP_CODES  # a name for every code the actors carry


@pytest.mark.parametrize(("filters", "code"), [
    ({"dyad": "MLI>FRA"}, "E050"), ({"dyad": "MLI"}, "E050"), ({"period": "2023-13"}, "E049")])
def test_bad_dyad_and_period_filters_are_refused(store: Store, filters: dict[str, str],
                                                 code: str) -> None:
    with pytest.raises(VeilleError, match=code):
        store.events(filters)
