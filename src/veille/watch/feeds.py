"""Poll RSS/Atom feeds politely and turn their new entries into articles.

A poll is a conditional GET (the ETag and Last-Modified of the last read the store kept), so
an unchanged feed costs the site one empty 304 answer. Requests go through the ingest
``Fetcher``: robots.txt, a delay between two requests to one host, a timeout on each read
and a deadline on each answer. A feed that is down, slow or not a feed is one failed poll,
reported with its reason; it never stops the other feeds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, InputError, VeilleError
from ..ingest import Failure
from ..ingest.rss import FeedEntry, feed_entries
from ..ingest.urls import Fetcher, is_url
from ..model import Article
from ..store import FeedState

LOGGER = logging.getLogger(__name__)


def read_feed_list(path: str) -> list[str]:
    """Return the feed URLs of a feeds file (one a line, # comments), each once, in order."""
    file = Path(path)
    if not file.is_file():
        raise VeilleError(Errors.E013.format(path=path))
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise VeilleError(Errors.E003.format(path=path, position=exc.start)) from exc
    except OSError as exc:
        raise VeilleError(Errors.E002.format(path=path, reason=exc.strerror)) from exc
    urls: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        value = line.strip()
        if not value or value.startswith("#"):
            continue
        if not is_url(value):
            raise VeilleError(Errors.E039.format(
                path=path, problem=f"line {n}: {value!r} is not an http(s) URL"))
        if value not in urls:
            urls.append(value)
    if not urls:
        raise VeilleError(Errors.E039.format(path=path, problem="the file lists no feed"))
    return urls


@dataclass
class Poll:
    """What one poll of a feed gave: its entries when it changed, or why it failed."""

    feed_url: str
    entries: list[FeedEntry] = field(default_factory=list)
    changed: bool = False  # a new read of the feed, not a 304
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # the E041 message of a failed poll

    @property
    def failed(self) -> bool:
        """Return True when the feed could not be read."""
        return self.error is not None


def poll_feed(fetcher: Fetcher, state: FeedState) -> Poll:
    """Poll one feed with a conditional request; a failure is returned, never raised."""
    url = state.feed_url
    try:
        page = fetcher.download(url, where=url, headers=state.conditional_headers())
    except InputError as exc:
        return Poll(url, error=Errors.E041.format(where=url, reason=exc.reason))
    if page.status == 304:
        return Poll(url, http_status=304, etag=state.etag, last_modified=state.last_modified)
    try:
        entries = feed_entries(page.body, url)
    except InputError as exc:
        return Poll(url, http_status=page.status, error=Errors.E041.format(
            where=url, reason=f"not RSS or Atom: {exc.reason}"))
    return Poll(url, entries, changed=True, http_status=page.status,
                etag=page.headers.get("etag"), last_modified=page.headers.get("last-modified"))


def read_entry(fetcher: Fetcher, entry: FeedEntry, feed_url: str) -> Article | Failure:
    """Return the article an entry links to; the entry's own text stands in for a bad page.

    The article keeps the entry's link as its URL, so that the next read of the feed finds
    it stored without fetching the page again (even when the link redirects).
    """
    if entry.link is None or not is_url(entry.link):
        return entry.item
    page = fetcher.fetch(entry.link, feed_url)
    own = entry.item if isinstance(entry.item, Article) else None
    if isinstance(page, Article):
        page.url = entry.link
        if own is not None:
            page.published = page.published or own.published
            page.title = page.title or own.title
        return page
    if own is not None:
        LOGGER.info("%s The feed's own text of the entry is stored instead.", page.reason)
        return own
    return page
