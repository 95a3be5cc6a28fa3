"""Each export format from one store of the week of 13 March 2023, on both back ends."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from veille.errors import VeilleError
from veille.export import FORMATS, acled, export, gdelt
from veille.store import Store


@pytest.fixture
def written(week_store: Store, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Return a function writing one format and returning (count, path)."""
    def run(fmt: str, **filters: Any) -> tuple[int, Path]:
        path = tmp_path / f"events.{fmt}"
        return export(week_store, fmt, path, filters or None), path
    return run


def test_every_format_writes_every_event(written: Any, week_store: Store) -> None:
    total = len(week_store.events())
    assert total >= 3
    for fmt in FORMATS:
        n, path = written(fmt)
        assert n == total and path.stat().st_size > 0, fmt


def test_unknown_format_is_refused(week_store: Store, tmp_path: Path) -> None:
    with pytest.raises(VeilleError, match="E012"):
        export(week_store, "xlsx", tmp_path / "x")


def test_plover_records(written: Any) -> None:
    n, path = written("plover", type="ASSAULT")
    [record] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert n == 1
    assert {"id", "date", "event", "mode", "context", "actor", "recipient"} <= set(record)
    assert record["event"] == "ASSAULT" and record["date"] == "2023-03-13"
    assert {"country": "BFA", "sector": "MIL"}.items() <= record["recipient"][0].items()
    assert record["location"]["name"] == "Djibo"
    assert record["num_articles"] == 2 and record["num_sources"] == 2
    assert {s["outlet"] for s in record["sources"]} == {"Sahel Info", "Faso Actu"}


def test_acled_columns_and_mapping(written: Any) -> None:
    _, path = written("acled")
    with path.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == acled.COLUMNS
        rows = {r["tags"].split(";")[0]: r for r in reader}
    attack = rows["PLOVER:ASSAULT"]
    assert (attack["event_type"], attack["sub_event_type"]) == ("Battles", "Armed clash")
    assert attack["event_date"] == "2023-03-13" and attack["time_precision"] == "1"
    assert attack["country"] == "Burkina Faso" and attack["iso"] == "854"
    assert attack["location"] == "Djibo" and attack["geo_precision"] == "1"
    assert attack["inter2"] == "1"  # the army: state forces
    assert attack["fatalities"] == "12"  # "tuant douze soldats"
    protest = rows["PLOVER:PROTEST/demo"]
    assert protest["fatalities"] == ""  # no toll stated: never a made-up 0
    assert (protest["event_type"], protest["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert protest["inter1"] == "6"


@pytest.mark.parametrize(("event", "recipients", "expected"), [
    ({"event_type": "ASSAULT", "mode": "aerial"}, set(), ("Explosions/Remote violence",
                                                          "Air/drone strike")),
    ({"event_type": "ASSAULT", "mode": None}, {"CVL"}, ("Violence against civilians", "Attack")),
    ({"event_type": "ASSAULT", "mode": "abduct"}, {"CVL"},
     ("Violence against civilians", "Abduction/forced disappearance")),
    ({"event_type": "PROTEST", "mode": "riot"}, set(), ("Riots", "Violent demonstration")),
    ({"event_type": "COERCE", "mode": "arrest"}, set(), ("Strategic developments", "Arrests")),
    ({"event_type": "AGREE", "mode": None}, set(), ("Strategic developments", "Agreement")),
    ({"event_type": "ACCUSE", "mode": "disapprove"}, set(), ("Strategic developments", "Other")),
])
def test_acled_types(event: dict[str, Any], recipients: set[str],
                     expected: tuple[str, str]) -> None:
    assert acled.acled_type(event, recipients)[1:] == expected


def test_gdelt_columns_codes_and_fips(written: Any) -> None:
    _, path = written("gdelt")
    with path.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        assert tuple(reader.fieldnames or ()) == gdelt.COLUMNS
        assert len(gdelt.COLUMNS) == 61
        rows = list(reader)
    consult = next(r for r in rows if r["EventRootCode"] == "04")
    assert consult["EventCode"] == "042" and consult["QuadClass"] == "1"
    assert consult["ActionGeo_CountryCode"] == "NG"  # Niger is NG in FIPS (Nigeria is NI)
    assert consult["ActionGeo_Type"] == "4" and consult["SQLDATE"] == "20230314"
    attack = next(r for r in rows if r["EventRootCode"] == "18" or r["EventRootCode"] == "19")
    assert attack["ActionGeo_CountryCode"] == "UV"  # Burkina Faso
    assert attack["NumArticles"] == "2" and attack["NumSources"] == "2"
    assert float(attack["GoldsteinScale"]) < 0
    assert attack["SOURCEURL"] == "https://sahel-info.example/2023/03/14/djibo"
    assert attack["Actor2Code"] == "BFAMIL"


def test_geojson_is_a_feature_collection_lon_lat(written: Any) -> None:
    _, path = written("geojson", type="ASSAULT")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    lon, lat = feature["geometry"]["coordinates"]
    assert feature["geometry"]["type"] == "Point"
    assert 13 < lat < 15 and -2.5 < lon < -1  # Djibo, northern Burkina Faso
    assert feature["properties"]["event_type"] == "ASSAULT"


def test_parquet_reads_back_typed(written: Any, week_store: Store) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    _, path = written("parquet")
    table = pq.read_table(path)
    assert table.num_rows == len(week_store.events())
    assert table.schema.field("num_mentions").type == pa.int64()
    assert table.schema.field("context").type == pa.list_(pa.string())
    assert "ASSAULT" in table.column("event_type").to_pylist()


def test_csv_has_veille_columns(written: Any) -> None:
    _, path = written("csv")
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {"event_id", "event_type", "num_mentions", "place_name"} <= set(rows[0])
