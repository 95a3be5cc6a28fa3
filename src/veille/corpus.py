"""Ingest sources into a store: read, set copies aside, code the new articles, cluster, commit.

Records flow in input order. Each is classified first (failure, already stored, near-duplicate
copy of an earlier article, or new); only new articles go through the pipeline; then every
record is written in that same order, ``batch_size`` records per transaction.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from . import __version__
from .ingest import Failure
from .ingest.sources import ReadSettings, read_sources
from .model import Article
from .store import Intake, Store, dedup
from .store.store import Originals, StoreReader

if TYPE_CHECKING:
    from .pipeline import Pipeline

LOGGER = logging.getLogger(__name__)

BATCH_SIZE = 64
# Records classified together: one look-up in the store for all of them.
CLASSIFY_CHUNK = 64


@dataclass
class IngestSummary:
    """What one ingest run read and did."""

    run_id: int = 0
    read: int = 0
    new: int = 0
    already_stored: int = 0
    copies: int = 0
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def duplicate(self) -> int:
        """Return the records not coded because they repeat an article: exact or near copies."""
        return self.already_stored + self.copies

    def format_text(self) -> str:
        """Return the closing summary printed by ``veille ingest``."""
        rate = self.new / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"read {self.read}, new {self.new}, duplicate {self.duplicate} "
            f"({self.already_stored} already stored, {self.copies} near-duplicate copies "
            f"linked), failed {self.failed}  [{self.seconds:.1f} s, {rate:.1f} new articles/s]"
        ]
        for reason, n in sorted(self.reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  failed {n:>5}  {reason}")
        return "\n".join(lines)


class Classifier:
    """Decide what each record is: a failure, a repeat, a near-duplicate copy, or new.

    Runs in the thread that feeds the pipeline, so it asks the store through its own reader
    connection (committed rows, a chunk of records per query) and remembers this run's
    articles itself (not committed yet when the next chunk is read).
    """

    def __init__(self, reader: StoreReader, summary: IngestSummary) -> None:
        self.reader = reader
        self.summary = summary
        self.keys: set[str] = set()
        self.run = Originals()

    def classify(self, records: list[Article | Failure]) -> Iterator[Intake]:
        """Yield the Intake of every record that is not a repeat, in order."""
        keyed = [(r, dedup.article_key(r.url, r.body)) if isinstance(r, Article) else (r, "")
                 for r in records]
        stored = self.reader.stored_keys([k for _, k in keyed if k])
        prints: dict[str, tuple[str, tuple[int, ...]]] = {}
        for record, key in keyed:
            if isinstance(record, Article) and key not in stored and key not in prints:
                prints[key] = (dedup.content_hash(record.text), dedup.minhash(record.text))
        bands = sorted({b for _, sig in prints.values() for b in dedup.band_keys(sig)})
        known = self.reader.originals(sorted({d for d, _ in prints.values()}), bands)
        for record, key in keyed:
            self.summary.read += 1
            if isinstance(record, Failure):
                self.summary.failed += 1
                self.summary.reasons[_reason_kind(record.reason)] += 1
                yield Intake(failure=record)
                continue
            if key in stored or key in self.keys:
                self.summary.already_stored += 1
                continue
            self.keys.add(key)
            digest, signature = prints[key]
            intake = Intake(article=record, key=key, content_hash=digest, signature=signature)
            original = known.original_of(digest, signature) or self.run.original_of(
                digest, signature)
            if original is not None:
                intake.duplicate_of, intake.similarity = original
                self.summary.copies += 1
            else:
                self.summary.new += 1
                self.run.hashes.setdefault(digest, key)
                for band in dedup.band_keys(signature):
                    self.run.add(band, key, signature)
            yield intake


def _reason_kind(reason: str) -> str:
    # "E003: path: ..." -> "E003: the file is not valid UTF-8" style headline for the summary.
    code, _, rest = reason.partition(": ")
    tail = rest.split(": ", 1)[-1]
    return f"{code}: {tail.split('. ')[0].split(' (')[0]}"


def ingest(
    sources: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    read_settings: ReadSettings | None = None,
    on_batch: Callable[[int], None] | None = None,
    records: Iterable[Article | Failure] | None = None,
) -> IngestSummary:
    """Read ``sources`` (or ``records``) into ``store``; return what was read and stored.

    ``on_batch`` is called after every committed batch with the number of records it held.
    """
    read_settings = read_settings or ReadSettings()
    summary = IngestSummary()
    started = time.perf_counter()
    summary.run_id = store.start_run(
        version=__version__, model=pipeline.model_name,
        settings={"sources": [str(s) for s in sources] if records is None else ["<records>"],
                  "workers": workers, "batch_size": batch_size,
                  "max_bytes": read_settings.max_bytes})
    reader = store.reader()
    classifier = Classifier(reader, summary)
    stream = records if records is not None else read_sources(sources, read_settings)
    pending: deque[Intake] = deque()
    batch: list[Intake] = []
    status = "failed"

    def commit() -> None:
        store.write_batch(batch, summary.run_id)
        LOGGER.info("committed a batch of %d records", len(batch))
        if on_batch is not None:
            on_batch(len(batch))
        batch.clear()

    def emit(intake: Intake) -> None:
        batch.append(intake)
        if len(batch) >= batch_size:
            commit()

    def to_code() -> Iterator[Article]:
        records = iter(stream)
        while chunk := list(islice(records, CLASSIFY_CHUNK)):
            for intake in classifier.classify(chunk):
                pending.append(intake)
                if intake.needs_coding:
                    assert intake.article is not None
                    yield intake.article

    try:
        for result in pipeline.pipe(to_code(), batch_size=16, n_process=workers):
            while True:
                intake = pending.popleft()
                if intake.needs_coding:
                    intake.result = result
                    emit(intake)
                    break
                emit(intake)
        while pending:
            emit(pending.popleft())
        if batch:
            commit()
        status = "done"
    finally:
        reader.close()
        summary.seconds = time.perf_counter() - started
        store.finish_run(summary.run_id, status=status, read=summary.read, new=summary.new,
                         duplicate=summary.duplicate, failed=summary.failed)
    return summary
