"""Read plain-text and JSONL articles from files or standard input."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..model import Article
from . import Failure

LOGGER = logging.getLogger(__name__)

STDIN = "-"
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
STRING_KEYS = ("id", "title", "text", "url", "source", "language")


def read_articles(
    sources: list[str], *, published: date | None = None, article_id: str | None = None
) -> Iterator[Article | Failure]:
    """Yield an Article (or a Failure) for every article in ``sources``, in order.

    A plain-text source is one article whose first line is its title when a blank line follows;
    a ``.jsonl`` source holds one article per line. ``published`` and ``article_id`` apply to
    plain-text sources (a JSONL record carries its own).
    """
    for source in sources:
        raw = _read_bytes(source)
        if isinstance(raw, Failure):
            yield raw
            continue
        text = _decode(raw, source)
        if isinstance(text, Failure):
            yield text
            continue
        if Path(source).suffix.lower() in JSONL_SUFFIXES:
            yield from parse_jsonl(text, source)
        else:
            yield parse_text(text, source, published=published, article_id=article_id)


def parse_text(
    text: str, source: str, *, published: date | None = None, article_id: str | None = None
) -> Article | Failure:
    """Return the article in a plain text: a title line, a blank line, then the body."""
    text = text.replace("\r\n", "\n").strip("\ufeff")
    if not text.strip():
        return Failure(source, None, Errors.E004.format(where=source))
    title: str | None = None
    body = text.strip()
    first, sep, rest = body.partition("\n")
    if sep and rest.startswith("\n") and rest.strip() and len(first) < 300:
        title, body = first.strip(), rest.strip()
    ident = article_id or (Path(source).stem if source != STDIN else content_id(body))
    return Article(text=body, id=ident, title=title, published=published, source=source)


def parse_jsonl(text: str, source: str) -> Iterator[Article | Failure]:
    """Yield the articles of a JSONL text; bad lines become Failures naming the line."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(source, str(n), Errors.E005.format(where=where, reason=exc.msg))
            continue
        yield article_from_record(record, where=where, source=source, record_ref=str(n))


def article_from_record(
    record: Any, *, where: str, source: str, record_ref: str | None = None
) -> Article | Failure:
    """Build an Article from a JSON object with keys id, title, text, published, url, source."""
    if not isinstance(record, dict):
        return Failure(source, record_ref, Errors.E008.format(where=where))
    if "text" not in record or record["text"] is None:
        return Failure(source, record_ref, Errors.E006.format(where=where))
    for key in STRING_KEYS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return Failure(source, record_ref, Errors.E009.format(
                where=where, key=key, type=type(value).__name__))
    if not record["text"].strip():
        return Failure(source, record_ref, Errors.E004.format(where=where))
    title = unquote_csv_field((record.get("title") or "").strip()) or None
    published = parse_published(record.get("published"), where=where)
    if isinstance(published, Failure):
        return Failure(source, record_ref, published.reason)
    return Article(
        text=unquote_csv_field(record["text"].strip()),
        id=record.get("id") or content_id(record["text"]),
        title=title,
        published=published,
        url=record.get("url"),
        source=record.get("source") or source,
        language=record.get("language") or "fr",
    )


def unquote_csv_field(text: str) -> str:
    """Undo CSV quoting left in a text: outer quotes around it and inner quotes doubled.

    Corpora exported through CSV (MasakhaNEWS among them) keep ``"…""mot""…"``; read as is,
    every quote pairs with the wrong one and the whole article looks like reported speech.
    """
    if len(text) >= 2 and text[0] == text[-1] == '"' and '""' in text[1:-1]:
        return text[1:-1].replace('""', '"').strip()
    if len(text) >= 2 and text[0] == text[-1] == '"' and text.count('"') == 2:
        return text[1:-1].strip()
    return text


def parse_published(value: Any, *, where: str) -> date | Failure | None:
    """Return the date part of an ISO date or datetime, None when absent, a Failure when bad."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    return Failure(where, None, Errors.E007.format(where=where, value=value))


def _read_bytes(source: str) -> bytes | Failure:
    if source == STDIN:
        return sys.stdin.buffer.read()
    path = Path(source)
    if not path.exists():
        return Failure(source, None, Errors.E013.format(path=source))
    try:
        return path.read_bytes()
    except OSError as exc:
        return Failure(source, None, Errors.E002.format(path=source, reason=exc.strerror))


def _decode(raw: bytes, source: str) -> str | Failure:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Failure(source, None, Errors.E003.format(path=source, position=exc.start))


def content_id(text: str) -> str:
    """Return a short stable id for a text (the first 16 hex digits of its SHA-1)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
