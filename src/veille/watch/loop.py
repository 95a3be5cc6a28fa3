"""The watch loop: poll every feed, ingest the new entries, alert on the new events, repeat.

One pass: poll each feed (conditional request); keep the entries whose link is not stored
yet; fetch their pages and ingest them like ``veille ingest`` does (one run, batches in
transactions); alert on the events stored for the first time in this pass; then save each
feed's validators and health. The validators are saved last, so that a watcher stopped
before the end reads the feeds again in full, and the store's keys skip what it has.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ..corpus import IngestSummary, ingest
from ..errors import Errors, VeilleError
from ..ingest import Failure
from ..ingest.rss import FeedEntry
from ..ingest.urls import Fetcher
from ..model import Article
from ..store import FeedState, Store, dedup
from .alerts import Delivery, Dispatcher
from .feeds import Poll, poll_feed, read_entry

if TYPE_CHECKING:
    from ..pipeline import Pipeline

LOGGER = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh])\s*$")
# How often a sleeping watcher looks whether it was asked to stop.
STOP_CHECK_SECONDS = 0.2


def parse_every(value: str) -> float:
    """Return the seconds of a duration such as 30s, 15m or 1h."""
    match = _DURATION.match(value.lower())
    if not match or float(match.group(1)) <= 0:
        raise VeilleError(Errors.E043.format(value=value))
    return float(match.group(1)) * UNITS[match.group(2)]


class Stop:
    """A request to stop, which a signal handler may set: checked between feeds, between
    pages and while waiting for the next pass."""

    def __init__(self) -> None:
        self.requested = False

    def request(self) -> None:
        """Ask the watcher to stop at the next check."""
        self.requested = True

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; return True as soon as a stop is requested."""
        end = time.monotonic() + seconds
        while not self.requested:
            left = end - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(STOP_CHECK_SECONDS, left))
        return self.requested


@dataclass
class PassReport:
    """What one pass did."""

    started: datetime
    feeds: int = 0
    changed: int = 0
    unchanged: int = 0
    failures: list[str] = field(default_factory=list)  # one E041 message per failed feed
    entries: int = 0  # entries not stored yet, handed to ingest
    ingest: IngestSummary | None = None
    events: int = 0  # events stored for the first time in this pass
    delivery: Delivery = field(default_factory=Delivery)
    interrupted: bool = False

    @property
    def all_failed(self) -> bool:
        """Return True when no feed could be read."""
        return self.feeds > 0 and len(self.failures) == self.feeds

    def format_text(self) -> str:
        """Return the one-line summary of the pass."""
        new = self.ingest.new if self.ingest else 0
        line = (f"{self.started:%Y-%m-%d %H:%M:%S} UTC: {self.feeds} feed(s): "
                f"{self.changed} changed, {self.unchanged} unchanged, {len(self.failures)} "
                f"failed; {new} new article(s), {self.events} new event(s), "
                f"{self.delivery.alerts} alert(s)")
        if self.delivery.undelivered:
            line += f" ({self.delivery.undelivered} undelivered, kept in the dead letter)"
        if self.interrupted:
            line += "; stopped before the end of the pass"
        return line


@dataclass
class _Todo:
    feed_url: str
    entry: FeedEntry


class Watcher:
    """Watch a list of feeds into a store, alerting through ``dispatcher`` when given.

    ``load_pipeline`` is called the first time a pass has articles to code: a watcher whose
    feeds have nothing new never loads the model.
    """

    def __init__(self, feeds: list[str], store: Store, *,
                 load_pipeline: Callable[[], Pipeline], fetcher: Fetcher,
                 dispatcher: Dispatcher | None = None, stop: Stop | None = None,
                 batch_size: int = 16) -> None:
        self.feeds = feeds
        self.store = store
        self.load_pipeline = load_pipeline
        self.pipeline: Pipeline | None = None
        self.fetcher = fetcher
        self.dispatcher = dispatcher
        self.stop = stop or Stop()
        self.batch_size = batch_size

    def run(self, *, every: float, once: bool = False,
            on_pass: Callable[[PassReport], None] | None = None) -> PassReport:
        """Run passes ``every`` seconds apart (start to start) until stopped; return the last."""
        while True:
            began = time.monotonic()
            report = self.run_pass()
            if on_pass is not None:
                on_pass(report)
            if once or self.stop.requested:
                return report
            if self.stop.wait(every - (time.monotonic() - began)):
                return report

    def run_pass(self) -> PassReport:
        """Poll every feed once, ingest the new entries and alert on the new events."""
        report = PassReport(started=_now(), feeds=len(self.feeds))
        states = self.store.feed_states()
        polls: list[tuple[FeedState, Poll]] = []
        for url in self.feeds:
            if self.stop.requested:
                report.interrupted = True
                break
            state = states.get(url) or FeedState(url)
            poll = poll_feed(self.fetcher, state)
            polls.append((state, poll))
            if poll.failed:
                assert poll.error is not None
                report.failures.append(poll.error)
            elif poll.changed:
                report.changed += 1
            else:
                report.unchanged += 1
        todo = self._not_stored(polls)
        report.entries = len(todo)
        taken: Counter[str] = Counter()
        if todo:
            before = self.store.last_event_seq()
            report.ingest = ingest(self.feeds, self.store, self._pipeline(),
                                   records=self._read(todo, taken, report),
                                   batch_size=self.batch_size)
            new_events = self.store.events_after(before)
            report.events = len(new_events)
            if self.dispatcher is not None and new_events:
                report.delivery = self.dispatcher.dispatch(self.store, new_events)
        self.store.save_feed_states(
            [_updated(state, poll, taken[state.feed_url], keep_validators=report.interrupted)
             for state, poll in polls])
        return report

    def _pipeline(self) -> Pipeline:
        if self.pipeline is None:
            self.pipeline = self.load_pipeline()
        return self.pipeline

    def _not_stored(self, polls: list[tuple[FeedState, Poll]]) -> list[_Todo]:
        """Return the entries of the changed feeds whose article is not stored, each once."""
        keyed: list[tuple[str, _Todo]] = []
        for _, poll in polls:
            for entry in poll.entries:
                keyed.append((_entry_key(entry), _Todo(poll.feed_url, entry)))
        reader = self.store.reader()
        try:
            stored = reader.stored_keys(sorted({k for k, _ in keyed if k}))
        finally:
            reader.close()
        seen: set[str] = set()
        todo = []
        for key, item in keyed:
            if key and (key in stored or key in seen):
                continue
            if key:
                seen.add(key)
            todo.append(item)
        return todo

    def _read(self, todo: list[_Todo], taken: Counter[str],
              report: PassReport) -> Iterator[Article | Failure]:
        # Runs in the thread that feeds the pipeline: it touches the fetcher, not the store.
        for item in todo:
            if self.stop.requested:
                report.interrupted = True
                return
            taken[item.feed_url] += 1
            yield read_entry(self.fetcher, item.entry, item.feed_url)


def _entry_key(entry: FeedEntry) -> str:
    """Return the store key the entry's article will have ("" for an entry that failed)."""
    if entry.link:
        return dedup.article_key(entry.link, "")
    if isinstance(entry.item, Article):
        return dedup.article_key(entry.item.url, entry.item.body)
    return ""


def _updated(state: FeedState, poll: Poll, taken: int, *, keep_validators: bool) -> FeedState:
    now = _now()
    state.polled_at = now
    state.http_status = poll.http_status
    if poll.failed:
        state.error = poll.error
        state.n_errors += 1
        return state
    state.ok_at, state.error, state.n_errors = now, None, 0
    if poll.changed:
        state.n_entries = len(poll.entries)
        state.n_articles += taken
        # A pass stopped early may have left entries of this read unstored: the next poll
        # must get the whole feed again, not a 304.
        if not keep_validators:
            state.etag, state.last_modified = poll.etag, poll.last_modified
    return state


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
