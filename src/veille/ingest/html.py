"""Read an HTML news page with trafilatura: main text, title, publication date, site."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..errors import Errors
from ..model import Article
from . import Failure
from .files import content_id

LOGGER = logging.getLogger(__name__)

# The page's own metadata or nothing: htmldate's extensive search guesses from the URL and the
# text (a year in a path becomes January 1st), and a guessed publication date would move every
# relative date of the article ("hier", "lundi").
DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Below this many characters trafilatura has found a caption or a menu, not an article.
MIN_TEXT_CHARS = 40


def parse_html(
    raw: bytes | str,
    source: str,
    *,
    url: str | None = None,
    record: str | None = None,
    article_id: str | None = None,
) -> Article | Failure:
    """Return the article of an HTML page, or a Failure when the page holds no article text."""
    import trafilatura

    where = f"{source}:{record}" if record else source
    try:
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True,
                                          include_comments=False, include_tables=False,
                                          date_extraction_params=DATE_PARAMS)
    except (ValueError, TypeError) as exc:  # lxml refuses some byte strings outright
        LOGGER.debug("trafilatura failed on %s: %s", where, exc)
        doc = None
    meta: dict[str, Any] = {}
    if doc is not None:
        meta = doc if isinstance(doc, dict) else doc.as_dict()
    text = (meta.get("text") or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        return Failure(source, record, Errors.E018.format(where=where))
    title = (meta.get("title") or "").strip() or None
    # trafilatura keeps the page's <h1> as the first line of the text; the title says it already.
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest.strip()
    page_url = url or meta.get("url") or None
    return Article(
        text=text,
        id=article_id or content_id(page_url or text),
        title=title,
        published=_iso_day(meta.get("date")),
        url=page_url,
        source=meta.get("sitename") or meta.get("hostname") or _host(page_url) or source,
    )


def _iso_day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None
