"""Read RSS and Atom feed files with feedparser: one article per entry, date and link kept."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import Errors, InputError
from ..model import Article
from . import Failure
from .files import content_id

LOGGER = logging.getLogger(__name__)


@dataclass
class FeedEntry:
    """One entry of a feed: its link, and the article its own text makes (or why none)."""

    number: int
    link: str | None
    item: Article | Failure


def feed_entries(raw: bytes, source: str) -> list[FeedEntry]:
    """Return the entries of an RSS/Atom feed, in feed order (a valid feed may have none).

    Raise InputError (E019) when ``raw`` is neither RSS nor Atom.
    """
    import feedparser

    parsed = feedparser.parse(raw)
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = str(parsed.get("bozo_exception") or "no entries")
        raise InputError(Errors.E019.format(where=source, reason=reason), where=source,
                         reason=reason)
    if parsed.get("bozo"):
        # A broken feed (cut short, not XML) may still yield the entries before the damage;
        # an entry with neither a link nor a text is debris of the damage, not an entry.
        entries = [e for e in entries if e.get("link") or html_to_text(_entry_html(e))]
        if not entries:
            reason = str(parsed.get("bozo_exception") or "no entries")
            raise InputError(Errors.E019.format(where=source, reason=reason), where=source,
                             reason=reason)
    site = (parsed.get("feed") or {}).get("title") or None
    out = []
    for n, entry in enumerate(entries, start=1):
        link = entry.get("link") or None
        text = html_to_text(_entry_html(entry))
        item: Article | Failure
        if not text:
            item = Failure(source, str(n), Errors.E026.format(where=f"{source}:entry {n}"))
        else:
            item = Article(
                text=text,
                id=entry.get("id") or content_id(link or text),
                title=html_to_text(entry.get("title") or "") or None,
                published=_entry_date(entry),
                url=link,
                source=site or source,
            )
        out.append(FeedEntry(n, link, item))
    return out


def parse_feed(raw: bytes, source: str) -> Iterator[Article | Failure]:
    """Yield an Article for every entry of an RSS/Atom feed; entries without text fail alone."""
    try:
        entries = feed_entries(raw, source)
    except InputError as exc:
        yield Failure(source, None, str(exc))
        return
    if not entries:
        yield Failure(source, None, Errors.E019.format(where=source, reason="no entries"))
        return
    for entry in entries:
        yield entry.item


def _entry_html(entry: Any) -> str:
    # Full content when the feed carries it, else the summary (most news feeds give only that).
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return str(value)
    return str(entry.get("summary") or "")


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def html_to_text(fragment: str) -> str:
    """Return the text of an HTML fragment, one paragraph a line."""
    if "<" not in fragment:
        return " ".join(fragment.split())
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
