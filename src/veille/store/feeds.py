"""What the store keeps of each watched feed (table ``watch_feeds``): validators and health.

``veille watch`` sends a feed's ETag and Last-Modified back on the next poll (a conditional
request), so they are saved only once the entries of that read are stored: a watcher stopped
in between reads the feed again in full, and the store's keys set aside what it already has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass
from datetime import datetime

from .database import Database
from .schema import columns

TABLE = "watch_feeds"


@dataclass
class FeedState:
    """One feed as last polled: what to send back, and how the polls went."""

    feed_url: str
    etag: str | None = None
    last_modified: str | None = None
    polled_at: datetime | None = None
    ok_at: datetime | None = None
    http_status: int | None = None
    error: str | None = None
    n_errors: int = 0  # failed polls in a row
    n_entries: int = 0  # entries in the last read of the feed
    n_articles: int = 0  # articles taken from the feed, all passes together

    def conditional_headers(self) -> dict[str, str]:
        """Return the headers of a conditional GET: the feed comes back only if it changed."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def load_feed_states(db: Database) -> dict[str, FeedState]:
    """Return every stored feed state by feed URL."""
    names = columns(TABLE)
    return {row["feed_url"]: FeedState(**row)
            for row in db.query_dicts(f"SELECT {', '.join(names)} FROM {TABLE}", names)}


def save_feed_states(db: Database, states: Iterable[FeedState]) -> None:
    """Write ``states`` in one transaction, replacing the stored rows of those feeds."""
    rows = [astuple(s) for s in states]
    if not rows:
        return
    with db.transaction():
        marks = ", ".join("?" for _ in rows)
        db.execute(f"DELETE FROM {TABLE} WHERE feed_url IN ({marks})", [r[0] for r in rows])
        db.insert(TABLE, columns(TABLE), rows)
