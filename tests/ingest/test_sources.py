"""Reading any source: kinds told apart, HTML/RSS/WARC/URL readers, bad records as Failures."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from veille.ingest import Failure
from veille.ingest.html import parse_html
from veille.ingest.rss import html_to_text, parse_feed
from veille.ingest.sources import ReadSettings, expand, kind_of, read_sources
from veille.ingest.urls import Fetcher
from veille.ingest.warc import read_warc
from veille.model import Article

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Grève des enseignants à Ouagadougou</title>
<link rel="canonical" href="https://faso-actu.example/greve">
<meta property="og:site_name" content="Faso Actu">
<meta property="article:published_time" content="2023-04-06T10:00:00Z"></head>
<body><nav>Accueil Politique Sport</nav><article><h1>Grève des enseignants à Ouagadougou</h1>
<p>Des enseignants se sont mis en grève jeudi à Ouagadougou pour réclamer le paiement de leurs
arriérés de salaire.</p><p>Le syndicat annonce une nouvelle journée de mobilisation.</p>
</article><footer>Tous droits réservés</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
<title>Radio Savane</title><link>https://radio-savane.example/</link><description>Infos</description>
<item><title>Sommet à Bamako</title><link>https://radio-savane.example/sommet</link>
<pubDate>Tue, 07 Feb 2023 18:00:00 +0000</pubDate>
<description><![CDATA[<p>Les ministres de la région se sont réunis à Bamako.</p>]]>
</description></item>
<item><title>Vide</title><link>https://radio-savane.example/vide</link>
<description></description></item>
</channel></rss>"""


@pytest.mark.parametrize(("name", "head", "kind"), [
    ("a.jsonl", b"{}", "jsonl"),
    ("a.html", b"x", "html"),
    ("flux.rss", b"", "feed"),
    ("flux.atom", b"", "feed"),
    ("crawl.warc.gz", b"\x1f\x8b", "warc"),
    ("liste.urls", b"", "urls"),
    ("page", b"  <!DOCTYPE html><html>", "html"),
    ("flux", b"<?xml version='1.0'?><rss>", "feed"),
    ("crawl", b"WARC/1.0\r\n", "warc"),
    ("liens.txt", b"https://a.example/1\n# commentaire\nhttps://b.example/2\n", "urls"),
    ("article.txt", b"Titre\n\nDes manifestants ont defile.", "text"),
])
def test_kind_of(name: str, head: bytes, kind: str) -> None:
    assert kind_of(name, head) == kind


def test_directories_are_read_recursively_in_order_without_hidden_files(tmp_path: Path) -> None:
    for rel in ("b/2.txt", "a/1.txt", "a/sub/3.txt", ".git/x", "a/.cache"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert [Path(p).relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)])] == [
        "a/1.txt", "a/sub/3.txt", "b/2.txt"]


def test_html_page_gives_text_title_date_site_url() -> None:
    article = parse_html(PAGE.encode("utf-8"), "greve.html")
    assert isinstance(article, Article)
    assert article.title == "Grève des enseignants à Ouagadougou"
    assert article.text.startswith("Des enseignants se sont mis en grève jeudi")
    assert "Tous droits" not in article.text and "Accueil" not in article.text
    assert article.published == date(2023, 4, 6)
    assert article.source == "Faso Actu"
    assert article.url == "https://faso-actu.example/greve"


def test_feed_entries_keep_dates_and_links() -> None:
    items = list(parse_feed(FEED.encode("utf-8"), "radio.rss"))
    article, empty = items
    assert isinstance(article, Article) and isinstance(empty, Failure)
    assert article.title == "Sommet à Bamako"
    assert article.text == "Les ministres de la région se sont réunis à Bamako."
    assert article.published == date(2023, 2, 7)
    assert article.url == "https://radio-savane.example/sommet"
    assert article.source == "Radio Savane"
    assert empty.reason.startswith("E026") and empty.record == "2"


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>Un.</p><p>Deux <b>mots</b>.</p>") == "Un.\nDeux mots."


def _warc(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers))
    return out.getvalue()


def test_warc_responses_become_articles_and_a_cut_file_keeps_what_came_before(
        tmp_path: Path) -> None:
    pages = [(f"https://faso-actu.example/{n}", PAGE) for n in range(3)]
    whole = tmp_path / "a.warc.gz"
    whole.write_bytes(_warc(pages))
    items = list(read_warc(str(whole), max_bytes=10**6))
    assert [a.url for a in items if isinstance(a, Article)] == [u for u, _ in pages]
    cut = tmp_path / "b.warc.gz"
    data = _warc(pages)
    cut.write_bytes(data[:len(data) - 200])
    items = list(read_warc(str(cut), max_bytes=10**6))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Failure"]
    assert items[-1].reason.startswith("E020")  # type: ignore[union-attr]


def test_a_warc_cut_anywhere_in_its_last_record_loses_that_record_and_says_so(
        tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    pages = [(f"https://faso-actu.example/{n}", PAGE) for n in range(3)]
    data = _warc(pages)
    records = ArchiveIterator(io.BytesIO(data))
    for record in records:
        records.read_to_end(record)
        last = records.get_record_offset()
    # Every cut, from the record's first bytes (its headers) to just before its gzip trailer.
    for cut in range(last + 1, len(data) - 1, 7):
        path = tmp_path / f"cut-{cut}.warc.gz"
        path.write_bytes(data[:cut])
        items = list(read_warc(str(path), max_bytes=10**6))
        assert [getattr(i, "url", None) for i in items[:-1]] == [u for u, _ in pages[:2]], cut
        assert isinstance(items[-1], Failure) and items[-1].reason.startswith("E020"), cut


@pytest.mark.parametrize(("name", "content", "code"), [
    ("binaire.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E016"),
    ("vide.txt", b"   \n", "E004"),
    ("latin1.txt", "Grève à Ségou".encode("latin-1"), "E003"),
    ("connexion.html", b"<!DOCTYPE html><html><body><form><input></form></body></html>", "E018"),
    ("pas-un-flux.xml", b"<?xml version='1.0'?><catalogue/>", "E019"),
    ("gros.txt", b"Des manifestants. " * 100, "E017"),
    ("absent.txt", None, "E013"),
])
def test_bad_files_become_one_failure_each(tmp_path: Path, name: str, content: bytes | None,
                                           code: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    items = list(read_sources([str(path)], ReadSettings(max_bytes=1000)))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].reason.startswith(code) and str(path) in items[0].reason


# --- URL lists, against a local server --------------------------------------------------------

class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            body, status, ctype = b"User-agent: *\nDisallow: /prive/\n", 200, "text/plain"
        elif self.path == "/greve":
            body, status, ctype = PAGE.encode("utf-8"), 200, "text/html; charset=utf-8"
        elif self.path == "/ailleurs":
            self.send_response(301)
            self.send_header("Location", "/greve")
            self.end_headers()
            return
        else:
            body, status, ctype = b"introuvable", 404, "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_list_is_fetched_politely(site: str, tmp_path: Path) -> None:
    urls = tmp_path / "liste.urls"
    urls.write_text(f"# pages du jour\n{site}/greve\n{site}/absente\n{site}/prive/note\n"
                    f"{site}/ailleurs\npas-une-url\n", encoding="utf-8")
    fetcher = Fetcher(delay=0.0, timeout=5.0)
    try:
        items = list(read_sources([str(urls)], ReadSettings(fetcher=fetcher)))
    finally:
        fetcher.close()
    page, missing, forbidden, moved, bad = items
    assert isinstance(page, Article) and page.title == "Grève des enseignants à Ouagadougou"
    assert page.published == date(2023, 4, 6)
    assert isinstance(missing, Failure) and "HTTP 404" in missing.reason
    assert isinstance(forbidden, Failure) and forbidden.reason.startswith("E022")
    assert isinstance(moved, Article) and moved.url == f"{site}/greve"
    assert isinstance(bad, Failure) and bad.reason.startswith("E021")


def test_an_unreachable_site_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    fetcher = Fetcher(delay=0.0, timeout=2.0, respect_robots=False)
    try:
        [item] = fetcher.fetch_all(["http://127.0.0.1:1/page"], "liste.urls")
    finally:
        fetcher.close()
    assert isinstance(item, Failure) and item.reason.startswith("E021")
