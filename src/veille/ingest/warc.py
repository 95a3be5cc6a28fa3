"""Read the HTML responses stored in a WARC file (warcio); a damaged file keeps what came before."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from ..errors import Errors
from ..model import Article
from . import Failure
from .html import parse_html

LOGGER = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, *, max_bytes: int) -> Iterator[Article | Failure]:
    """Yield an Article for every HTML response of a WARC (.warc or .warc.gz) file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                n += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                ctype = (record.http_headers.get_header("Content-Type") or "").lower() \
                    if record.http_headers else ""
                if not any(t in ctype for t in HTML_TYPES):
                    continue
                status = record.http_headers.get_statuscode() if record.http_headers else None
                if status and not status.startswith("2"):
                    continue
                body = record.content_stream().read(max_bytes + 1)
                ref = url or f"record {n}"
                if len(body) > max_bytes:
                    yield Failure(path, ref, Errors.E017.format(
                        where=f"{path}:{ref}", size=f"more than {max_bytes}", limit=max_bytes))
                    continue
                yield parse_html(body, path, url=url, record=ref)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        # A truncated gzip member or a cut record: keep what was read, report the rest.
        yield Failure(path, f"after record {n}", Errors.E020.format(
            where=path, reason=str(exc) or type(exc).__name__))
