"""Fetch the pages of a list of URLs with httpx: politely (robots.txt, a delay per host) and
with timeouts; each page is read like any HTML page."""

from __future__ import annotations

import logging
import time
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .. import __version__
from ..errors import Errors, InputError
from ..model import Article
from . import Failure
from .html import parse_html

LOGGER = logging.getLogger(__name__)

USER_AGENT = f"veille/{__version__} (news event coder; polite crawler)"
# A whole response must arrive within this many timeouts (each read has one timeout).
TOTAL_TIMEOUT_FACTOR = 4


def is_url(line: str) -> bool:
    """Return True when a line is an http(s) URL."""
    line = line.strip()
    return line.startswith(("http://", "https://")) and " " not in line


def read_url_list(text: str) -> list[str]:
    """Return the URLs of a URL list: one a line; blank lines and # comments are skipped."""
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@dataclass
class Download:
    """One HTTP response: its final URL (after redirects), status, headers and body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Fetcher:
    """Fetch pages one at a time, waiting ``delay`` seconds between two requests to one host."""

    timeout: float = 15.0
    delay: float = 1.0
    max_bytes: int = 10_000_000
    respect_robots: bool = True
    user_agent: str = USER_AGENT
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _client: Any = None

    def _http(self) -> Any:
        import httpx

        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout), follow_redirects=True,
                headers={"User-Agent": self.user_agent})
        return self._client

    def close(self) -> None:
        """Close the HTTP connections."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Return False when the site's robots.txt forbids our user agent to fetch ``url``."""
        if not self.respect_robots:
            return True
        import httpx

        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = None
            self._wait(parts.netloc)
            try:
                response = self._http().get(origin + "/robots.txt")
                if response.status_code == 200:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(response.text.splitlines())
            except httpx.HTTPError as exc:
                LOGGER.info("no robots.txt for %s (%s)", origin, exc)
            self._robots[origin] = parser
        robots = self._robots[origin]
        return robots is None or robots.can_fetch(self.user_agent, url)

    def download(self, url: str, *, where: str,
                 headers: dict[str, str] | None = None) -> Download:
        """Return the response to a GET of ``url`` (a 304 has an empty body).

        Raise InputError (E022 when robots.txt forbids it, E017 when the body is too large,
        E021 for an HTTP error status, a timeout or a network error).
        """
        import httpx

        host = urlsplit(url).netloc
        if not self.allowed(url):
            raise InputError(Errors.E022.format(where=where, host=host), where=where,
                             reason="disallowed by robots.txt")
        self._wait(host)
        started = time.monotonic()
        try:
            with self._http().stream("GET", url, headers=headers or {}) as response:
                if response.status_code >= 400:
                    reason = f"HTTP {response.status_code}"
                    raise InputError(Errors.E021.format(where=where, reason=reason),
                                     where=where, reason=reason)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise InputError(Errors.E017.format(
                            where=where, size=f"more than {self.max_bytes}",
                            limit=self.max_bytes), where=where, reason="too large")
                    # The timeout bounds each read; a server that trickles bytes would evade
                    # it, so the whole body gets a deadline too.
                    if time.monotonic() - started > self.timeout * TOTAL_TIMEOUT_FACTOR:
                        reason = f"no complete answer in {self.timeout * TOTAL_TIMEOUT_FACTOR:g} s"
                        raise InputError(Errors.E021.format(where=where, reason=reason),
                                         where=where, reason=reason)
                return Download(url=str(response.url), status=response.status_code,
                                headers=dict(response.headers), body=bytes(body))
        except httpx.TimeoutException:
            reason = f"no answer within {self.timeout:g} s"
            raise InputError(Errors.E021.format(where=where, reason=reason), where=where,
                             reason=reason) from None
        except httpx.HTTPError as exc:
            reason = str(exc) or type(exc).__name__
            raise InputError(Errors.E021.format(where=where, reason=reason), where=where,
                             reason=reason) from None

    def fetch(self, url: str, source: str) -> Article | Failure:
        """Return the article at ``url`` or a Failure saying why it could not be had."""
        try:
            page = self.download(url, where=f"{source}:{url}")
        except InputError as exc:
            return Failure(source, url, str(exc))
        return parse_html(page.body, source, url=page.url, record=url)

    def fetch_all(self, urls: list[str], source: str) -> Iterator[Article | Failure]:
        """Yield the article (or Failure) of every URL, in order."""
        for url in urls:
            if not is_url(url):
                yield Failure(source, url, Errors.E021.format(
                    where=f"{source}:{url}", reason="not an http(s) URL"))
                continue
            yield self.fetch(url, source)
