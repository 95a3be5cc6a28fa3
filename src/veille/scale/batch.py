"""The one batch function: input records in, rows of the three tables out.

Both engines call ``code_records``: the local engine on chunks of the input in its own
processes, Spark on the records of each partition (``spark.py``). A record is one line of a
JSONL shard or one row of a Parquet shard, as JSON bytes, with where it comes from; a bad
record becomes an ``articles`` row with its coded ``error`` and the batch goes on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Errors, VeilleError
from ..ingest import Failure
from ..ingest.files import article_from_record
from ..model import Actor, Article, ArticleResult
from ..store import clustering, dedup
from ..store.store import outlet_of
from .tables import Rows, empty_rows

if TYPE_CHECKING:
    from ..pipeline import Pipeline

LOGGER = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True)
class Record:
    """One input record: the shard it comes from, its 1-based line or row, its JSON bytes."""

    input: str
    record: str
    payload: bytes


# --- reading shards ---------------------------------------------------------------------------


def shards(inputs: Iterable[str]) -> list[str]:
    """Return the JSONL and Parquet files that ``inputs`` name (directories: recursively)."""
    found: list[str] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found += [str(p) for p in sorted(path.rglob("*"))
                      if p.is_file() and shard_kind(str(p)) is not None
                      and not any(part.startswith((".", "_")) for part in
                                  p.relative_to(path).parts)]
        elif not path.exists():
            raise VeilleError(Errors.E013.format(path=name))
        elif shard_kind(name) is None:
            raise VeilleError(Errors.E030.format(path=name))
        else:
            found.append(name)
    if not found:
        raise VeilleError(Errors.E031.format(inputs=", ".join(inputs)))
    return found


def shard_kind(path: str) -> str | None:
    """Return "jsonl" or "parquet" from a file name, None for anything else."""
    name = path.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def read_records(path: str, *, batch_rows: int = 1024) -> Iterator[Record]:
    """Yield the records of one shard, numbered as Spark numbers them (blank lines skipped)."""
    if shard_kind(path) == "parquet":
        import pyarrow.parquet as pq

        n = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows):
            for row in batch.to_pylist():
                n += 1
                yield Record(path, str(n), row_json(row))
        return
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, start=1):
            line = line.rstrip(b"\r\n")
            if line.strip():
                yield Record(path, str(n), line)


def row_json(row: dict[str, Any]) -> bytes:
    """Return a Parquet row as the JSON object a JSONL shard would hold (dates as ISO text)."""
    return json.dumps(row, default=_iso, ensure_ascii=False).encode("utf-8")


def _iso(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# --- the batch function -----------------------------------------------------------------------


def parse_record(record: Record) -> Article | Failure:
    """Return the Article of a record, or a Failure naming the shard and line."""
    where = f"{record.input}:{record.record}"
    try:
        text = record.payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Failure(record.input, record.record,
                       Errors.E003.format(path=where, position=exc.start))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Failure(record.input, record.record, Errors.E005.format(where=where,
                                                                       reason=exc.msg))
    return article_from_record(value, where=where, source=record.input,
                               record_ref=record.record)


def code_records(pipeline: Pipeline, records: Iterable[Record], *,
                 batch_size: int = 32) -> Rows:
    """Code ``records`` with ``pipeline`` in this process; return the rows of the three tables."""
    rows = empty_rows()
    parsed = [(r, parse_record(r)) for r in records]
    articles = [a for _, a in parsed if isinstance(a, Article)]
    results = iter(pipeline.pipe(articles, batch_size=batch_size))
    for record, item in parsed:
        if isinstance(item, Failure):
            rows["articles"].append(failure_row(record, item))
        else:
            add_result(rows, record, next(results))
    return rows


def task_report(rows: Rows, counts: dict[str, int]) -> dict[str, Any]:
    """Return what one task did: rows written, bad records, and this process's peak RSS."""
    import os
    import resource
    import socket

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return {**counts, "failed": sum(1 for r in rows["articles"] if r["error"]),
            "worker": f"{socket.gethostname()}:{os.getpid()}", "peak_rss_mb": round(peak, 1)}


def failure_row(record: Record, failure: Failure) -> dict[str, Any]:
    """Return the ``articles`` row of a bad record."""
    return {"input": record.input, "record": record.record, "error": failure.reason,
            "n_events": 0}


def add_result(rows: Rows, record: Record, result: ArticleResult) -> None:
    """Append the rows of one coded article to ``rows``."""
    a = result.article
    key = dedup.article_key(a.url, a.body)
    rows["articles"].append({
        "article_key": key, "id": a.id, "url": a.url, "title": a.title, "text": a.text,
        "published": a.published, "source": a.source, "outlet": outlet_of(a),
        "language": a.language, "content_hash": dedup.content_hash(a.text),
        "input": record.input, "record": record.record, "error": None,
        "n_words": len(a.body.split()), "n_events": len(result.events)})
    mentions = rows["mentions"]
    for n, e in enumerate(result.events, start=1):
        event_id = f"{key}#e{n}"
        window = clustering.date_window(e.date, e.date_precision, None, e.date_source)
        p, ev = e.place, e.evidence
        first = e.actor[0] if e.actor else None
        second = e.recipient[0] if e.recipient else None
        rows["events"].append({
            "event_id": event_id, "article_key": key, "event_type": e.event, "mode": e.mode,
            "context": list(e.context), "status": e.status, "event_date": e.date,
            "date_precision": e.date_precision, "date_source": e.date_source,
            "date_min": window[0] if window else None, "date_max": window[1] if window else None,
            "place_name": p.name if p else None, "country": p.country if p else None,
            "admin1": p.admin1 if p else None, "lat": p.lat if p else None,
            "lon": p.lon if p else None, "geonameid": p.geonameid if p else None,
            "geo_precision": (p.precision or p.kind) if p else None,
            **_actor_columns(1, first), **_actor_columns(2, second),
            "source_name": _actor_name(e.source), "cameo": e.cameo,
            "quad_class": e.quad_class, "score": e.score,
            "evidence": ev.text if ev else None, "evidence_start": ev.start if ev else None,
            "evidence_end": ev.end if ev else None, "sentence": ev.sentence if ev else None,
            "trigger_start": e.trigger[0] if e.trigger else None,
            "trigger_end": e.trigger[1] if e.trigger else None, "rule": e.rule,
            "confidence": e.confidence, "is_lead": e.is_lead})
        for role, actors in (("actor", e.actor), ("recipient", e.recipient),
                             ("source", [e.source] if e.source else [])):
            mentions += [_actor_mention(key, event_id, role, i, actor)
                         for i, actor in enumerate(actors)]
    for i, entity in enumerate(result.entities):
        row = _actor_mention(key, None, "entity", i, entity.actor) if entity.actor else {
            "article_key": key, "event_id": None, "kind": "entity", "position": i}
        mentions.append(row | {"text": entity.text, "label": entity.label,
                               "start": entity.start, "end": entity.end})
    for i, place in enumerate(result.places):
        mentions.append({
            "article_key": key, "kind": "place", "position": i, "text": place.name,
            "start": place.start, "end": place.end, "country": place.country,
            "admin1": place.admin1, "lat": place.lat, "lon": place.lon,
            "geonameid": place.geonameid, "place_kind": place.kind,
            "precision": place.precision})
    for i, time in enumerate(result.times):
        mentions.append({
            "article_key": key, "kind": "time", "position": i, "text": time.text,
            "start": time.start, "end": time.end, "value": time.value,
            "precision": time.precision, "label": time.anchor})
    for i, quote in enumerate(result.quotes):
        speaker = quote.speaker
        mentions.append({
            "article_key": key, "kind": "quote", "position": i, "text": quote.text,
            "start": quote.start, "end": quote.end,
            "label": _actor_name(speaker), "country": speaker.country if speaker else None,
            "sector": speaker.sector if speaker else None})


def _actor_mention(key: str, event_id: str | None, kind: str, position: int,
                   actor: Actor) -> dict[str, Any]:
    return {"article_key": key, "event_id": event_id, "kind": kind, "position": position,
            "text": actor.name, "start": actor.start, "end": actor.end,
            "country": actor.country, "sector": actor.sector, "person": actor.person,
            "org": actor.org, "actor_kind": actor.kind}


def _actor_columns(n: int, actor: Actor | None) -> dict[str, Any]:
    return {f"actor{n}_name": _actor_name(actor),
            f"actor{n}_country": actor.country if actor else None,
            f"actor{n}_sector": actor.sector if actor else None}


def _actor_name(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.person or actor.org or actor.name
