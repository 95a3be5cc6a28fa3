"""Read the HTML responses stored in a WARC file (warcio); a damaged file keeps what came before."""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Iterator
from typing import Any

from ..errors import Errors
from ..model import Article
from . import Failure
from .html import parse_html

LOGGER = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, *, max_bytes: int) -> Iterator[Article | Failure]:
    """Yield an Article for every HTML response of a WARC (.warc or .warc.gz) file.

    Only the last record can be cut short, so each record is given out once the next one has
    started, and the last one once its end has been checked.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    start = end = 0  # where the last whole record starts and ends
    pending: Article | Failure | None = None
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                article = _article(record, path, n + 1, max_bytes)
                records.read_to_end(record)
                if getattr(record.raw_stream, "limit", 0):
                    # The file ends inside this record: its content is incomplete.
                    yield from filter(None, [pending])
                    yield Failure(path, f"record {n + 1}", Errors.E020.format(
                        where=path, reason=f"record {n + 1} is cut short"))
                    return
                yield from filter(None, [pending])
                start = records.get_record_offset()
                end = start + records.get_record_length()
                if record.rec_type == "response":
                    n += 1
                pending = article
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError) as exc:
        # A cut gzip member or record: keep what was read, report the rest. (warcio raises
        # AttributeError on a record cut inside its WARC headers.)
        yield from filter(None, [pending])
        yield Failure(path, f"after record {n}", Errors.E020.format(
            where=path, reason=str(exc) or type(exc).__name__))
        return
    if end == size and _gzip_member_cut(path, start, end):
        # warcio reads a gzip member cut inside the record's headers as a shorter record.
        yield Failure(path, f"record {n}", Errors.E020.format(
            where=path, reason=f"record {n} is cut short"))
        return
    yield from filter(None, [pending])
    if end < size:
        # warcio stops quietly at a gzip member cut short: the bytes it left are the damage.
        yield Failure(path, f"after record {n}", Errors.E020.format(
            where=path, reason=f"{size - end} bytes after the last whole record"))


def _gzip_member_cut(path: str, start: int, end: int) -> bool:
    """Return whether the gzip member at ``start:end`` of ``path`` ends before its trailer."""
    with open(path, "rb") as stream:
        stream.seek(start)
        data = stream.read(end - start)
    if not data.startswith(b"\x1f\x8b"):
        return False  # an uncompressed WARC: warcio's own count of the content says it all
    member = zlib.decompressobj(wbits=31)
    try:
        member.decompress(data)
    except zlib.error:
        return True
    return not member.eof


def _article(record: Any, path: str, n: int, max_bytes: int) -> Article | Failure | None:
    """Return the article of a WARC response record (None for other records)."""
    if record.rec_type != "response":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    ctype = (record.http_headers.get_header("Content-Type") or "").lower() \
        if record.http_headers else ""
    if not any(t in ctype for t in HTML_TYPES):
        return None
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status and not status.startswith("2"):
        return None
    body = record.content_stream().read(max_bytes + 1)
    ref = url or f"record {n}"
    if len(body) > max_bytes:
        return Failure(path, ref, Errors.E017.format(
            where=f"{path}:{ref}", size=f"more than {max_bytes}", limit=max_bytes))
    return parse_html(body, path, url=url, record=ref)
