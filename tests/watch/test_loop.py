"""The watch loop as a library: a pass stopped half-way saves no validator, so the next pass
reads the feed again in full and stores the rest, nothing twice."""

from __future__ import annotations

from typing import Any

from veille.ingest import Failure
from veille.ingest.urls import Fetcher
from veille.model import Article
from veille.store import Store
from veille.watch.loop import Stop, Watcher

EXODE = ("/2024/03/18/arbinda", "Des familles quittent Arbinda",
         "Des centaines de familles ont fui samedi la commune d'Arbinda après des menaces "
         "de groupes armés.", "2024-03-18")
GREVE = ("/2024/03/19/bobo", "Grève des transporteurs à Bobo-Dioulasso",
         "Les transporteurs routiers ont observé lundi une grève à Bobo-Dioulasso pour "
         "protester contre les contrôles de police.", "2024-03-19")


class StoppingFetcher(Fetcher):
    """A fetcher after whose first page someone presses Ctrl-C (once)."""

    def __init__(self, stop: Stop, **options: Any) -> None:
        super().__init__(**options)
        self.stop: Stop | None = stop

    def fetch(self, url: str, source: str) -> Article | Failure:
        """Fetch the page; after the first, ask the watcher to stop."""
        page = super().fetch(url, source)
        if self.stop is not None:
            self.stop.request()
            self.stop = None
        return page


def test_a_stopped_pass_resumes_without_duplicates(store: Store, pipeline: Any,
                                                   local_site: Any) -> None:
    url = local_site.feed("/burkina.xml", [EXODE, GREVE])
    stop = Stop()
    fetcher = StoppingFetcher(stop, delay=0.0, timeout=2.0)
    watcher = Watcher([url], store, load_pipeline=lambda: pipeline, fetcher=fetcher, stop=stop)
    try:
        first = watcher.run(every=3600)
        assert first.interrupted and first.entries == 2 and first.ingest is not None
        assert first.ingest.new == 1
        state = store.feed_states()[url]
        assert state.etag is None and state.n_articles == 1  # read it again in full next time
        stop.requested = False
        second = watcher.run_pass()
        assert not second.interrupted and second.entries == 1
        assert second.ingest is not None and second.ingest.new == 1
        assert store.feed_states()[url].etag is not None
        third = watcher.run_pass()
        assert third.unchanged == 1 and third.entries == 0 and third.ingest is None
    finally:
        fetcher.close()
    assert sorted(a["url"] for a in store.rows("articles")) == sorted(
        local_site.url(item[0]) for item in (EXODE, GREVE))
    assert all(len(local_site.requests_to(item[0])) == 1 for item in (EXODE, GREVE))


def test_a_pass_with_nothing_new_never_loads_the_model(store: Store, local_site: Any) -> None:
    def refuse() -> Any:
        raise AssertionError("the model was loaded")

    fetcher = Fetcher(delay=0.0, timeout=2.0)
    try:
        report = Watcher([local_site.feed("/vide.xml", [])], store, load_pipeline=refuse,
                         fetcher=fetcher).run(every=0, once=True)
    finally:
        fetcher.close()
    assert report.changed == 1 and report.entries == 0


def test_stop_wait_returns_at_once_when_asked() -> None:
    stop = Stop()
    assert stop.wait(0.01) is False
    stop.request()
    assert stop.wait(3600) is True
