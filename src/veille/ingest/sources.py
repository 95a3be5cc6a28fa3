"""Turn the sources named on the command line into Articles, whatever their kind.

A source is a file or a directory (read recursively, in name order). Each file is read as
what its name says (``.jsonl``, ``.parquet``, ``.html``, ``.rss``/``.atom``/``.xml``,
``.warc``/``.warc.gz``, ``.urls``) or, failing that, as what its first bytes look like;
anything else is a plain-text article. A bad file or record becomes a Failure with its
reason: the others are still read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors
from ..model import Article
from . import Failure
from .files import parse_jsonl, parse_text
from .urls import Fetcher, is_url, read_url_list

LOGGER = logging.getLogger(__name__)

# A news article is a few kilobytes; 10 MB of text is a dump or a mistake, not one article.
MAX_BYTES = 10_000_000

SUFFIX_KINDS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".urls": "urls", ".parquet": "parquet",
}
KINDS = ("text", "jsonl", "html", "feed", "warc", "urls", "parquet")
# A directory written by ``veille batch``: only its articles table holds articles.
BATCH_MANIFEST = "_veille_batch.json"
# How much of a file is looked at to tell binary from text and HTML from feeds.
SNIFF_BYTES = 8192


@dataclass
class ReadSettings:
    """How sources are read: size limit per article and how URLs are fetched."""

    max_bytes: int = MAX_BYTES
    fetcher: Fetcher = field(default_factory=Fetcher)


def expand(sources: Iterable[str]) -> Iterator[str]:
    """Yield the files named by ``sources``: files as given, directories recursively, sorted.

    Hidden files and directories (``.git``, ``.DS_Store``) are skipped. In the output directory
    of ``veille batch``, only the Parquet files of its ``articles`` table are read.
    """
    for source in sources:
        path = Path(source)
        if path.is_dir() and (path / BATCH_MANIFEST).is_file():
            yield from (str(p) for p in sorted((path / "articles").glob("*.parquet")))
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(p.startswith(".") for p in rel.parts):
                    yield str(child)
        else:
            yield source


def kind_of(path: str, head: bytes) -> str:
    """Return how to read a file: from its name, else from its first bytes."""
    name = path.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    suffix = Path(name).suffix
    if suffix in SUFFIX_KINDS:
        return SUFFIX_KINDS[suffix]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start):
        return "feed"
    try:
        lines = [ln for ln in read_url_list(head.decode("utf-8")) if ln]
    except UnicodeDecodeError:
        return "text"
    if lines and all(is_url(ln) for ln in lines):
        return "urls"
    return "text"


def read_sources(
    sources: Iterable[str], settings: ReadSettings | None = None
) -> Iterator[Article | Failure]:
    """Yield every Article (or Failure) in ``sources``, in order."""
    settings = settings or ReadSettings()
    for path in expand(sources):
        yield from read_file(path, settings)


def read_file(path: str, settings: ReadSettings) -> Iterator[Article | Failure]:
    """Yield the Articles (or Failures) of one file."""
    file = Path(path)
    if not file.exists():
        yield Failure(path, None, Errors.E013.format(path=path))
        return
    try:
        size = file.stat().st_size
        with file.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        yield Failure(path, None, Errors.E002.format(path=path, reason=exc.strerror))
        return
    kind = kind_of(path, head)
    if kind == "parquet":
        from .parquet import read_parquet

        yield from read_parquet(path)
        return
    if kind == "warc":
        from .warc import read_warc

        yield from read_warc(path, max_bytes=settings.max_bytes)
        return
    nul = head.find(b"\x00")
    if nul >= 0:
        yield Failure(path, None, Errors.E016.format(where=path, position=nul))
        return
    # JSONL and URL lists hold many articles: the limit is for one article, not for them.
    if kind in ("text", "html", "feed") and size > settings.max_bytes:
        yield Failure(path, None, Errors.E017.format(where=path, size=size,
                                                     limit=settings.max_bytes))
        return
    raw = file.read_bytes()
    if kind == "html":
        from .html import parse_html

        yield parse_html(raw, path)
        return
    if kind == "feed":
        from .rss import parse_feed

        yield from parse_feed(raw, path)
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield Failure(path, None, Errors.E003.format(path=path, position=exc.start))
        return
    if kind == "jsonl":
        for item in parse_jsonl(text, path):
            if isinstance(item, Article) and len(item.text.encode("utf-8")) > settings.max_bytes:
                item = Failure(path, item.id, Errors.E017.format(
                    where=f"{path}:{item.id}", size=len(item.text.encode("utf-8")),
                    limit=settings.max_bytes))
            yield item
    elif kind == "urls":
        yield from settings.fetcher.fetch_all(read_url_list(text), path)
    else:
        yield parse_text(text, path)
