"""The watched feeds' state (table watch_feeds) on DuckDB and PostgreSQL, and the upgrade of a
store of schema version 2."""

from __future__ import annotations

from datetime import datetime

import pytest

from veille.errors import VeilleError
from veille.store import FeedState, Store, open_store
from veille.store.schema import SCHEMA_VERSION


def test_feed_states_are_saved_and_replaced(store: Store) -> None:
    assert store.feed_states() == {}
    polled = datetime(2024, 3, 12, 8, 15)
    sahel = FeedState("https://sahel.example/rss", etag='"a1"',
                      last_modified="Tue, 12 Mar 2024 08:00:00 GMT", polled_at=polled,
                      ok_at=polled, http_status=200, n_entries=3, n_articles=3)
    panne = FeedState("https://panne.example/rss", polled_at=polled, n_errors=1,
                      error="E041: https://panne.example/rss: the feed could not be polled "
                            "(HTTP 500); ...")
    store.save_feed_states([sahel, panne])
    assert store.feed_states() == {sahel.feed_url: sahel, panne.feed_url: panne}
    sahel.etag, sahel.n_articles = '"b2"', 4
    store.save_feed_states([sahel])
    states = store.feed_states()
    assert states[sahel.feed_url].etag == '"b2"' and states[sahel.feed_url].n_articles == 4
    assert states[panne.feed_url] == panne
    assert [r["feed_url"] for r in store.rows("watch_feeds")] == sorted(states)


@pytest.mark.parametrize(("etag", "modified", "headers"), [
    (None, None, {}),
    ('"a1"', None, {"If-None-Match": '"a1"'}),
    (None, "Tue, 12 Mar 2024 08:00:00 GMT",
     {"If-Modified-Since": "Tue, 12 Mar 2024 08:00:00 GMT"}),
])
def test_conditional_headers(etag: str | None, modified: str | None,
                             headers: dict[str, str]) -> None:
    state = FeedState("https://sahel.example/rss", etag=etag, last_modified=modified)
    assert state.conditional_headers() == headers


def _make_version_2(target: str) -> None:
    """Turn a new store into what veille wrote before watch_feeds existed."""
    store = open_store(target)
    store.db.execute("DROP TABLE watch_feeds")
    store.db.execute("UPDATE meta SET value = ? WHERE key = ?", ["2", "schema_version"])
    store.close()


def test_a_version_2_store_is_upgraded_when_written(store_target: str) -> None:
    _make_version_2(store_target)
    store = open_store(store_target)
    try:
        assert store.feed_states() == {}
        assert store.db.query("SELECT value FROM meta WHERE key = ?",
                              ["schema_version"]) == [(SCHEMA_VERSION,)]
    finally:
        store.close()


def test_a_version_2_store_opened_read_only_says_how_to_upgrade(store_target: str) -> None:
    _make_version_2(store_target)
    with pytest.raises(VeilleError, match="E040") as caught:
        open_store(store_target, read_only=True)
    assert "veille watch --once" in str(caught.value)
