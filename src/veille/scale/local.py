"""The local engine: chunks of the input coded by forked worker processes on this machine."""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from .batch import Record, code_records, read_records, task_report
from .tables import write_part

if TYPE_CHECKING:
    from ..pipeline import Pipeline

LOGGER = logging.getLogger(__name__)

# Records per chunk: one chunk is one task of a worker and one part file of each table.
CHUNK_RECORDS = 500

_WORKER: dict[str, Any] = {}


def run_local(shard_paths: list[str], output: str, *, workers: int = 1,
              chunk_records: int = CHUNK_RECORDS, batch_size: int = 32,
              model: str | None = None, pipeline: Pipeline | None = None
              ) -> list[dict[str, Any]]:
    """Code every record of ``shard_paths`` into ``output``; return a report per chunk.

    The pipeline (``pipeline``, or ``model`` loaded here) is loaded once, in this process;
    workers are forked from it and share it.
    """
    if pipeline is None:
        from ..pipeline import MODEL_NAME, load

        pipeline = load(model or MODEL_NAME)
    _WORKER.update(pipeline=pipeline, output=output, batch_size=batch_size)
    chunks = enumerate(_chunks(_all_records(shard_paths), chunk_records))
    if workers <= 1:
        return [_code_chunk(job) for job in chunks]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        return list(pool.imap_unordered(_code_chunk, chunks))


def _code_chunk(job: tuple[int, list[Record]]) -> dict[str, Any]:
    n, records = job
    rows = code_records(_WORKER["pipeline"], records, batch_size=_WORKER["batch_size"])
    counts = write_part(_WORKER["output"], f"part-{n:05d}", rows)
    LOGGER.info("chunk %d: %d records coded", n, len(records))
    return task_report(rows, counts)


def _all_records(shard_paths: Iterable[str]) -> Iterator[Record]:
    for path in shard_paths:
        yield from read_records(path)


def _chunks(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while chunk := list(islice(records, size)):
        yield chunk
