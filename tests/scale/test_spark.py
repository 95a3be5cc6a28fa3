"""veille batch --engine spark in local[2]: the same rows as the local engine, same input.

Runs wherever pyspark and a Java runtime are installed (CI installs both and requires it);
skipped, with the reason, elsewhere. About 30-70 s: a JVM, two Python workers each loading
the model.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from veille.scale.run import run_batch
from veille.scale.tables import TABLES, read_table

# .ci/run sets VEILLE_REQUIRE_SPARK: there, a missing pyspark or Java fails instead of skipping.
if not os.environ.get("VEILLE_REQUIRE_SPARK"):
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[dev]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime: .ci/run installs default-jre-headless",
                    allow_module_level=True)


def _corpus(path: Path) -> Path:
    import importlib.util
    import sys

    if "veille_synthetic" not in sys.modules:  # as tests/conftest.py loads it
        spec = importlib.util.spec_from_file_location(
            "veille_synthetic", Path(__file__).parent.parent / "synthetic.py")
        assert spec is not None and spec.loader is not None
        sys.modules["veille_synthetic"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["veille_synthetic"])
    synthetic = sys.modules["veille_synthetic"]
    reports = synthetic.make_reports(22, seed=11, copies=2)
    lines = [json.dumps({"id": f"a{n}", "title": r.title, "text": r.text,
                         "published": r.published.isoformat(), "url": r.url, "source": r.outlet},
                        ensure_ascii=False) for n, r in enumerate(reports)]
    lines[5:5] = ["{pas du json", ""]  # a bad record and a blank line: numbered as locally
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_spark_local2_writes_the_rows_of_the_local_engine(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    source = _corpus(tmp_path / "articles.jsonl")
    local = run_batch([str(source)], str(tmp_path / "local"), pipeline=pipeline,
                      chunk_records=8)
    spark = run_batch([str(source)], str(tmp_path / "spark"), engine="spark", workers=2,
                      chunk_records=8)
    assert spark["master"] == "local[2]"
    assert spark["rows"] == local["rows"] and spark["failed"] == local["failed"] == 1
    assert local["rows"]["events"] > 10
    assert len(spark["peak_rss_mb_per_worker"]) >= 1
    for name in TABLES:
        a = read_table(str(tmp_path / "local"), name)
        b = read_table(str(tmp_path / "spark"), name)
        assert a.schema == b.schema, name
        assert a.to_pylist() == b.to_pylist(), name
