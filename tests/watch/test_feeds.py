"""Polling feeds on a local site: conditional requests, per-host delay, feeds that fail."""

from __future__ import annotations

import time
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from veille.errors import VeilleError
from veille.ingest import Failure
from veille.ingest.rss import FeedEntry
from veille.ingest.urls import Fetcher
from veille.model import Article
from veille.store import FeedState
from veille.watch.feeds import poll_feed, read_entry, read_feed_list

GENDARMERIE = ("/2024/03/12/djibo", "Attaque contre la gendarmerie de Djibo",
               "Des hommes armés ont attaqué lundi le poste de gendarmerie de Djibo, tuant cinq "
               "gendarmes. Les renforts sont arrivés dans la soirée.", "2024-03-12")
ETUDIANTS = ("/2024/03/13/niamey", "Les étudiants dans la rue à Niamey",
             "Des centaines d'étudiants ont manifesté mardi à Niamey pour réclamer le paiement "
             "de leurs bourses. Ils ont été reçus par le recteur dans l'après-midi.",
             "2024-03-13")


@pytest.mark.parametrize(("content", "expected"), [
    ("https://a.example/rss\n", ["https://a.example/rss"]),
    ("# Sahel\n\nhttps://a.example/rss\n  https://b.example/feed.xml  \n# fin\n",
     ["https://a.example/rss", "https://b.example/feed.xml"]),
    ("https://a.example/rss\nhttps://a.example/rss\n", ["https://a.example/rss"]),
])
def test_feeds_file(tmp_path: Path, content: str, expected: list[str]) -> None:
    path = tmp_path / "flux.txt"
    path.write_text(content, encoding="utf-8")
    assert read_feed_list(str(path)) == expected


@pytest.mark.parametrize(("content", "message"), [
    ("https://a.example/rss\nflux de RFI\n", "line 2: 'flux de RFI' is not an http(s) URL"),
    ("ftp://a.example/rss\n", "line 1"),
    ("# rien encore\n\n", "the file lists no feed"),
])
def test_a_bad_feeds_file_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "flux.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VeilleError, match="E039") as caught:
        read_feed_list(str(path))
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_a_missing_feeds_file(tmp_path: Path) -> None:
    with pytest.raises(VeilleError, match="E013"):
        read_feed_list(str(tmp_path / "absent.txt"))


@pytest.fixture
def fetcher():  # type: ignore[no-untyped-def]
    f = Fetcher(delay=0.0, timeout=1.0)
    yield f
    f.close()


def test_an_unchanged_feed_is_a_304(local_site: Any, fetcher: Fetcher) -> None:
    url = local_site.feed("/sahel.xml", [GENDARMERIE])
    first = poll_feed(fetcher, FeedState(url))
    assert first.changed and first.http_status == 200 and first.etag
    assert [e.link for e in first.entries] == [local_site.url(GENDARMERIE[0])]
    state = FeedState(url, etag=first.etag, last_modified=first.last_modified)
    second = poll_feed(fetcher, state)
    assert not second.changed and not second.failed and second.http_status == 304
    assert second.etag == first.etag and second.entries == []
    assert local_site.requests_to("/sahel.xml")[1].headers["If-None-Match"] == first.etag
    local_site.feed("/sahel.xml", [GENDARMERIE, ETUDIANTS])
    third = poll_feed(fetcher, state)
    assert third.changed and len(third.entries) == 2 and third.etag != first.etag


def test_an_empty_feed_is_no_failure(local_site: Any, fetcher: Fetcher) -> None:
    poll = poll_feed(fetcher, FeedState(local_site.feed("/vide.xml", [])))
    assert poll.changed and not poll.failed and poll.entries == []


@pytest.mark.parametrize(("route", "reason"), [
    ({"status": 500, "body": b"erreur interne"}, "HTTP 500"),
    ({"body": b"<rss><channel><item><title>Coup"}, "not RSS or Atom"),
    ({"body": b"<html><body>Maintenance</body></html>"}, "not RSS or Atom"),
    ({"delay": 30.0, "body": b"<rss/>"}, "no answer within 1 s"),
])
def test_a_feed_that_fails_is_a_failed_poll(local_site: Any, fetcher: Fetcher,
                                            route: dict[str, Any], reason: str) -> None:
    local_site.serve("/flux.xml", **route)
    started = time.monotonic()
    poll = poll_feed(fetcher, FeedState(local_site.url("/flux.xml")))
    assert time.monotonic() - started < 5  # the slow feed's 30 s are not waited for
    assert poll.failed and poll.error is not None
    assert poll.error.startswith(f"E041: {local_site.url('/flux.xml')}: ")
    assert reason in poll.error and "\n" not in poll.error


def test_an_unreachable_feed_is_a_failed_poll(fetcher: Fetcher) -> None:
    poll = poll_feed(fetcher, FeedState("http://127.0.0.1:1/rss"))
    assert poll.failed and poll.error is not None and poll.error.startswith("E041")


def test_requests_to_one_host_wait_for_the_delay(local_site: Any) -> None:
    url = local_site.feed("/sahel.xml", [GENDARMERIE])
    polite = Fetcher(delay=0.4, timeout=1.0)
    try:
        poll_feed(polite, FeedState(url))
        read_entry(polite, poll_feed(polite, FeedState(url)).entries[0], url)
    finally:
        polite.close()
    times = [h.at for h in local_site.hits]
    assert len(times) == 4  # robots.txt, the feed twice, the page
    # The delay runs from the start of one request to the start of the next; the server sees
    # the first one late by the time the client took to set itself up.
    assert all(b - a >= 0.35 for a, b in pairwise(times[1:]))
    assert times[1] - times[0] >= 0.2


def test_an_entry_is_read_from_its_page(local_site: Any, fetcher: Fetcher) -> None:
    url = local_site.feed("/sahel.xml", [GENDARMERIE])
    [entry] = poll_feed(fetcher, FeedState(url)).entries
    article = read_entry(fetcher, entry, url)
    assert isinstance(article, Article)
    assert article.url == local_site.url(GENDARMERIE[0])
    assert article.title == GENDARMERIE[1]
    assert article.text.startswith("Des hommes armés ont attaqué lundi")
    assert "Les renforts sont arrivés" in article.text  # the page, not the feed's summary
    assert str(article.published) == "2024-03-12"


def test_a_page_that_fails_gives_way_to_the_entry_text(local_site: Any,
                                                       fetcher: Fetcher) -> None:
    url = local_site.feed("/sahel.xml", [GENDARMERIE])
    del local_site.routes[GENDARMERIE[0]]
    [entry] = poll_feed(fetcher, FeedState(url)).entries
    article = read_entry(fetcher, entry, url)
    assert isinstance(article, Article)
    assert article.text == "Des hommes armés ont attaqué lundi le poste de gendarmerie de " \
                           "Djibo, tuant cinq gendarmes."
    assert article.url == local_site.url(GENDARMERIE[0])


def test_an_entry_without_text_nor_page_fails_alone(local_site: Any, fetcher: Fetcher) -> None:
    entry = FeedEntry(1, local_site.url("/absente"), Failure("flux", "1", "E026: vide"))
    item = read_entry(fetcher, entry, "flux")
    assert isinstance(item, Failure) and "HTTP 404" in item.reason
