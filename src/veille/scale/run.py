"""Run ``veille batch``: check the input and output, run an engine, write the manifest."""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import Errors, VeilleError
from . import ENGINES, MANIFEST
from .batch import shards
from .tables import TABLES

if TYPE_CHECKING:
    from ..pipeline import Pipeline

LOGGER = logging.getLogger(__name__)


def run_batch(inputs: list[str], output: str, *, engine: str = "local", workers: int = 1,
              master: str | None = None, chunk_records: int = 500, batch_size: int = 32,
              model: str | None = None, pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Code the JSONL/Parquet shards ``inputs`` into Parquet tables under ``output``.

    ``pipeline`` (local engine only) spares loading the model again in a process that has it.
    Return the manifest written to ``output/_veille_batch.json``: counts, engine, seconds,
    and the peak RSS of every worker process.
    """
    if engine not in ENGINES:
        raise VeilleError(Errors.E033.format(value=engine, allowed=", ".join(ENGINES)))
    paths = shards(inputs)
    _check_output(output)
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    if engine == "spark":
        from .spark import run_spark

        master = master or f"local[{max(workers, 1)}]"
        reports, master = run_spark(paths, output, master=master, chunk_records=chunk_records,
                            batch_size=batch_size, model=model)
    else:
        from .local import run_local

        reports = run_local(paths, output, workers=workers, chunk_records=chunk_records,
                            batch_size=batch_size, model=model, pipeline=pipeline)
    peaks: dict[str, float] = {}
    for report in reports:
        peaks[report["worker"]] = max(peaks.get(report["worker"], 0.0), report["peak_rss_mb"])
    manifest = {
        "veille": __version__, "engine": engine, "master": master,
        "workers": workers if engine == "local" else None, "inputs": paths,
        "started_at": started.isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - t0, 3),
        "rows": {t: sum(int(r[t]) for r in reports) for t in TABLES},
        "failed": sum(int(r["failed"]) for r in reports),
        "parts": len(reports),
        "peak_rss_mb_per_worker": dict(sorted(peaks.items())),
    }
    if not reports:  # an input of blank lines: still three readable (empty) tables
        from .tables import empty_rows, write_part

        write_part(output, "part-00000", empty_rows())
    if "://" not in output:
        (Path(output) / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n",
                                             encoding="utf-8")
    return manifest


def _check_output(output: str) -> None:
    if "://" in output:
        return
    path = Path(output)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise VeilleError(Errors.E032.format(output=output))
    path.mkdir(parents=True, exist_ok=True)
