"""The store: articles, their event mentions, and the events they cluster into.

Every batch of articles is written in one transaction, so a run stopped at any moment leaves
whole articles or none; articles are taken in input order and clustering only looks at what is
already stored, so a run started again after a crash ends with the same rows as one that never
stopped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from ..errors import Errors, VeilleError
from ..ingest import Failure
from ..model import Actor, Article, ArticleResult, Event
from . import clustering, dedup
from .clustering import Profile, Where
from .database import Database
from .schema import SCHEMA_VERSION, TABLES, columns, create_statements

LOGGER = logging.getLogger(__name__)

PRIMARY_KEYS = {
    "meta": ("key",), "runs": ("run_id",), "articles": ("article_key",),
    "article_bands": ("band_key", "article_key"), "mentions": ("mention_id",),
    "events": ("event_id",), "event_mentions": ("mention_id",),
    "actors": ("mention_id", "role", "position"), "places": ("article_key", "position"),
    "quotes": ("article_key", "position"), "failures": ("source", "record", "reason"),
}
# Filters of ``Store.events``: name -> SQL condition with one bound parameter.
EVENT_FILTERS = {
    "since": "(date_max IS NULL OR date_max >= ?)",
    "until": "(date_min IS NULL OR date_min <= ?)",
    "country": "country = ?",
    "type": "event_type = ?",
    "status": "status = ?",
    "actor": "(LOWER(actor_keys) LIKE ? OR LOWER(actor1_name) LIKE ? OR LOWER(actor2_name) LIKE ?)",
    "place": "(LOWER(place_name) LIKE ? OR LOWER(admin1) LIKE ? OR country = ?)",
}


@dataclass
class Intake:
    """One input record on its way into the store: a coded article, a copy, or a failure."""

    article: Article | None = None
    key: str | None = None
    content_hash: str | None = None
    signature: tuple[int, ...] | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    result: ArticleResult | None = None
    failure: Failure | None = None

    @property
    def needs_coding(self) -> bool:
        """Return True when the article goes through the pipeline (not a copy, not a failure)."""
        return self.article is not None and self.duplicate_of is None


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def outlet_of(article: Article) -> str:
    """Return the outlet an article counts for in ``num_sources``: site, else host, else file."""
    from urllib.parse import urlsplit

    if article.source and article.url is None:
        return article.source
    if article.url:
        host = urlsplit(article.url).hostname
        if article.source and article.source != host and "/" not in article.source:
            return article.source
        if host:
            return host.removeprefix("www.")
    return article.source or "unknown"


class Store:
    """A veille store on one database connection."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._create()

    # --- schema and runs ------------------------------------------------------------------

    def _create(self) -> None:
        with self.db.transaction():
            for statement in create_statements():
                self.db.execute(statement)
            found = self.db.query("SELECT value FROM meta WHERE key = ?", ["schema_version"])
            if not found:
                self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                                ["schema_version", SCHEMA_VERSION])
            elif found[0][0] != SCHEMA_VERSION:
                raise VeilleError(Errors.E024.format(target=self.db.target, found=found[0][0],
                                                     expected=SCHEMA_VERSION))

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    def start_run(self, *, version: str, model: str | None, settings: dict[str, Any]) -> int:
        """Record the start of an ingest run and return its id."""
        with self.db.transaction():
            last = self.db.query("SELECT MAX(run_id) FROM runs")[0][0]
            run_id = int(last or 0) + 1
            self.db.execute(
                "INSERT INTO runs (run_id, started_at, status, version, model, settings) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [run_id, _now(), "running", version, model,
                 json.dumps(settings, sort_keys=True, ensure_ascii=False)])
        return run_id

    def finish_run(self, run_id: int, *, status: str, read: int, new: int, duplicate: int,
                   failed: int) -> None:
        """Record how a run ended and what it counted."""
        with self.db.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_read = ?, n_new = ?, "
                "n_duplicate = ?, n_failed = ? WHERE run_id = ?",
                [_now(), status, read, new, duplicate, failed, run_id])

    # --- what is already stored (read from any thread through ``reader()``) -----------------

    def reader(self) -> StoreReader:
        """Return a reader on a second connection, for the thread that feeds the pipeline."""
        return StoreReader(self.db.reader())

    # --- writing ------------------------------------------------------------------------------

    def write_batch(self, intakes: Sequence[Intake], run_id: int) -> None:
        """Store a batch of articles, copies and failures in one transaction."""
        with self.db.transaction():
            seq = int(self.db.query("SELECT COALESCE(MAX(seq), 0) FROM articles")[0][0])
            event_seq = int(self.db.query("SELECT COALESCE(MAX(seq), 0) FROM events")[0][0])
            for item in intakes:
                if item.failure is not None:
                    self._write_failure(item.failure, run_id)
                    continue
                if item.article is None or item.key is None:
                    continue
                if self.db.query("SELECT 1 FROM articles WHERE article_key = ?", [item.key]):
                    continue  # stored by an earlier batch of this run (the same record twice)
                seq += 1
                self._write_article(item, seq, run_id)
                if item.result is not None:
                    event_seq = self._write_result(item, event_seq)

    def _write_failure(self, failure: Failure, run_id: int) -> None:
        self.db.execute(
            "INSERT INTO failures (source, record, reason, first_seen, run_id) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [failure.source, failure.record or "", failure.reason, _now(), run_id])

    def _write_article(self, item: Intake, seq: int, run_id: int) -> None:
        a = item.article
        assert a is not None and item.signature is not None
        self.db.execute(
            "INSERT INTO articles (article_key, seq, id, url, title, text, published, source, "
            "outlet, language, content_hash, minhash, duplicate_of, similarity, run_id, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [item.key, seq, a.id, a.url, a.title, a.text, a.published, a.source, outlet_of(a),
             a.language, item.content_hash, dedup.encode(item.signature), item.duplicate_of,
             item.similarity, run_id, _now()])
        self.db.executemany(
            "INSERT INTO article_bands (band_key, article_key) VALUES (?, ?) "
            "ON CONFLICT DO NOTHING",
            [(band, item.key) for band in dedup.band_keys(item.signature)])

    def _write_result(self, item: Intake, event_seq: int) -> int:
        result, key, article = item.result, item.key, item.article
        assert result is not None and key is not None and article is not None
        self.db.executemany(
            "INSERT INTO places (article_key, position, name, country, admin1, lat, lon, "
            "geonameid, kind, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, n, p.name, p.country, p.admin1, p.lat, p.lon, p.geonameid, p.kind, p.start,
              p.end) for n, p in enumerate(result.places)])
        self.db.executemany(
            "INSERT INTO quotes (article_key, position, text, start_char, end_char, "
            "speaker_name, speaker_country, speaker_sector) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, n, q.text, q.start, q.end, q.speaker.name if q.speaker else None,
              q.speaker.country if q.speaker else None, q.speaker.sector if q.speaker else None)
             for n, q in enumerate(result.quotes)])
        for n, event in enumerate(result.events, start=1):
            mention_id = f"{key}#e{n}"
            self._write_mention(mention_id, key, event, article.published)
            event_seq = self._cluster(mention_id, event, article, event_seq)
        return event_seq

    def _write_mention(self, mention_id: str, key: str, e: Event,
                       published: date | None) -> None:
        window = clustering.date_window(e.date, e.date_precision, None)
        p, ev = e.place, e.evidence
        self.db.execute(
            "INSERT INTO mentions (mention_id, article_key, event_type, mode, context, status, "
            "event_date, date_precision, date_min, date_max, place_name, country, admin1, lat, "
            "lon, geonameid, geo_precision, cameo, quad_class, score, evidence, evidence_start, "
            "evidence_end, sentence, trigger_start, trigger_end, rule, confidence, is_lead) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?)",
            [mention_id, key, e.event, e.mode, json.dumps(e.context), e.status, e.date,
             e.date_precision, window[0] if window else None, window[1] if window else None,
             p.name if p else None, p.country if p else None, p.admin1 if p else None,
             p.lat if p else None, p.lon if p else None, p.geonameid if p else None,
             (p.precision or p.kind) if p else None, e.cameo, e.quad_class, e.score,
             ev.text if ev else None, ev.start if ev else None, ev.end if ev else None,
             ev.sentence if ev else None, e.trigger[0] if e.trigger else None,
             e.trigger[1] if e.trigger else None, e.rule, e.confidence, e.is_lead])
        rows = []
        for role, actors in (("actor", e.actor), ("recipient", e.recipient),
                             ("source", [e.source] if e.source else [])):
            for n, a in enumerate(actors):
                rows.append((mention_id, role, n, a.name, a.country, a.sector, a.person, a.org,
                             a.kind, a.start, a.end))
        self.db.executemany(
            "INSERT INTO actors (mention_id, role, position, name, country, sector, person, org, "
            "kind, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    # --- clustering -----------------------------------------------------------------------

    def _cluster(self, mention_id: str, e: Event, article: Article, event_seq: int) -> int:
        window = clustering.date_window(e.date, e.date_precision, article.published)
        profile = Profile(e.event, clustering.status_group(e.status), window,
                          clustering.actor_keys(e), Where.of(e.place))
        names = ("event_id", "status", "date_min", "date_max", "actor_keys", "country",
                 "admin1", "lat", "lon", "geo_precision", "date_precision")
        sql = f"SELECT {', '.join(names)} FROM events WHERE event_type = ?"
        params: list[Any] = [e.event]
        if window is not None:
            sql += (" AND (date_min IS NULL OR date_min <= ?)"
                    " AND (date_max IS NULL OR date_max >= ?)")
            params += [window[1], window[0]]
        for row in self.db.query_dicts(sql + " ORDER BY seq", names, params):
            candidate = Profile(
                e.event, clustering.status_group(row["status"]),
                (row["date_min"], row["date_max"]) if row["date_min"] else None,
                frozenset(json.loads(row["actor_keys"])),
                Where(row["country"], row["admin1"], row["lat"], row["lon"],
                      row["geo_precision"]))
            if clustering.same_event(profile, candidate):
                self._join(row, candidate, profile, mention_id, e)
                return event_seq
        event_seq += 1
        self._found(mention_id, e, article, profile, event_seq)
        return event_seq

    def _found(self, mention_id: str, e: Event, article: Article, profile: Profile,
               seq: int) -> None:
        import hashlib

        event_id = "ev" + hashlib.sha1(mention_id.encode("utf-8")).hexdigest()[:16]
        sides = e.actor or e.recipient
        first = sides[0] if sides else None
        second = e.recipient[0] if e.actor and e.recipient else None
        p = e.place
        self.db.execute(
            "INSERT INTO events (event_id, seq, event_type, mode, context, status, cameo, "
            "quad_class, score, event_date, date_precision, date_min, date_max, place_name, "
            "country, admin1, lat, lon, geonameid, geo_precision, actor1_name, actor1_country, "
            "actor1_sector, actor2_name, actor2_country, actor2_sector, actor_keys, "
            "num_mentions, num_articles, num_sources, first_seen, last_seen, source_url, "
            "evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [event_id, seq, e.event, e.mode, json.dumps(e.context), e.status, e.cameo,
             e.quad_class, e.score, e.date, e.date_precision,
             profile.window[0] if profile.window else None,
             profile.window[1] if profile.window else None,
             p.name if p else None, p.country if p else None, p.admin1 if p else None,
             p.lat if p else None, p.lon if p else None, p.geonameid if p else None,
             (p.precision or p.kind) if p else None,
             _actor_name(first), first.country if first else None,
             first.sector if first else None, _actor_name(second),
             second.country if second else None, second.sector if second else None,
             json.dumps(sorted(profile.actors)), 1, 1, 1, article.published,
             article.published, article.url, e.evidence.text if e.evidence else None])
        self.db.execute("INSERT INTO event_mentions (mention_id, event_id) VALUES (?, ?)",
                        [mention_id, event_id])

    def _join(self, row: dict[str, Any], event: Profile, mention: Profile, mention_id: str,
              e: Event) -> None:
        event_id = row["event_id"]
        self.db.execute("INSERT INTO event_mentions (mention_id, event_id) VALUES (?, ?)",
                        [mention_id, event_id])
        window = clustering.narrower(event.window, mention.window)
        updates: dict[str, Any] = {
            "actor_keys": json.dumps(sorted(event.actors | mention.actors)),
            "date_min": window[0] if window else None,
            "date_max": window[1] if window else None,
        }
        if e.status == "actual" and row["status"] != "actual":
            updates["status"] = "actual"
        finer = {"day": 0, "month": 1, "year": 2}
        if e.date and finer.get(e.date_precision or "", 3) < finer.get(
                row["date_precision"] or "", 3):
            updates |= {"event_date": e.date, "date_precision": e.date_precision}
        p = e.place
        rank = clustering.PRECISION_RANK
        if p is not None and rank.get(p.precision or p.kind, 3) < rank.get(
                row["geo_precision"] or "", 3):
            updates |= {"place_name": p.name, "country": p.country, "admin1": p.admin1,
                        "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
                        "geo_precision": p.precision or p.kind}
        counts = self.db.query(
            "SELECT COUNT(*), COUNT(DISTINCT m.article_key), COUNT(DISTINCT a.outlet), "
            "MIN(a.published), MAX(a.published) FROM event_mentions em "
            "JOIN mentions m ON m.mention_id = em.mention_id "
            "JOIN articles a ON a.article_key = m.article_key WHERE em.event_id = ?",
            [event_id])[0]
        updates |= dict(zip(("num_mentions", "num_articles", "num_sources", "first_seen",
                             "last_seen"), counts, strict=True))
        # Column names come from the literal keys above, never from input.
        assignments = ", ".join(f"{name} = ?" for name in updates)
        self.db.execute(f"UPDATE events SET {assignments} WHERE event_id = ?",
                        [*updates.values(), event_id])

    # --- reading ----------------------------------------------------------------------------

    def events(self, filters: dict[str, Any] | None = None, *,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Return the events matching ``filters`` (keys of EVENT_FILTERS), oldest first."""
        conditions: list[str] = []
        params: list[Any] = []
        for name, value in (filters or {}).items():
            if value is None:
                continue
            if name not in EVENT_FILTERS:
                raise VeilleError(Errors.E025.format(name=name,
                                                     allowed=", ".join(EVENT_FILTERS)))
            condition = EVENT_FILTERS[name]
            if name == "actor":
                pattern = f"%{str(value).lower()}%"
                params += [pattern, pattern, pattern]
            elif name == "place":
                pattern = f"%{str(value).lower()}%"
                params += [pattern, pattern, str(value).upper()]
            else:
                params.append(value)
            conditions.append(condition)
        names = columns("events")
        sql = f"SELECT {', '.join(names)} FROM events"
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += " ORDER BY date_min NULLS LAST, seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return list(self.db.query_dicts(sql, names, params))

    def rows(self, table: str) -> list[dict[str, Any]]:
        """Return every row of a table, in primary-key order."""
        if table not in TABLES:
            raise VeilleError(Errors.E025.format(name=table, allowed=", ".join(TABLES)))
        names = columns(table)
        order = ", ".join(PRIMARY_KEYS[table])
        return list(self.db.query_dicts(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}",
                                        names))

    def counts(self) -> dict[str, int]:
        """Return the number of rows of every table."""
        return {t: int(self.db.query(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in TABLES}

    def mentions_of(self, event_id: str) -> list[dict[str, Any]]:
        """Return the mentions of an event with their article's URL, outlet and date."""
        names = ("mention_id", "article_key", "evidence", "url", "outlet", "published", "title")
        return list(self.db.query_dicts(
            "SELECT m.mention_id, m.article_key, m.evidence, a.url, a.outlet, a.published, "
            "a.title FROM event_mentions em JOIN mentions m ON m.mention_id = em.mention_id "
            "JOIN articles a ON a.article_key = m.article_key WHERE em.event_id = ? "
            "ORDER BY a.seq, m.mention_id", names, [event_id]))

    def actors_of(self, event_id: str) -> list[dict[str, Any]]:
        """Return the distinct actors of an event's mentions (role, name, country, sector)."""
        names = ("role", "name", "country", "sector")
        return list(self.db.query_dicts(
            "SELECT DISTINCT a.role, COALESCE(a.person, a.org, a.name), a.country, a.sector "
            "FROM event_mentions em JOIN actors a ON a.mention_id = em.mention_id "
            "WHERE em.event_id = ? ORDER BY 1, 3, 4, 2", names, [event_id]))


class StoreReader:
    """Look-ups of what is already stored, on their own connection."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def has_article(self, key: str) -> bool:
        """Return True when an article with this key is stored."""
        return bool(self.db.query("SELECT 1 FROM articles WHERE article_key = ?", [key]))

    def original_of(self, content_hash: str,
                    signature: tuple[int, ...]) -> tuple[str, float] | None:
        """Return the stored article this text copies (key, similarity), or None."""
        same = self.db.query("SELECT article_key FROM articles WHERE content_hash = ? "
                             "AND duplicate_of IS NULL ORDER BY seq LIMIT 1", [content_hash])
        if same:
            return same[0][0], 1.0
        bands = dedup.band_keys(signature)
        marks = ", ".join("?" for _ in bands)
        rows = self.db.query(
            "SELECT DISTINCT a.article_key, a.minhash, a.seq FROM article_bands b "
            f"JOIN articles a ON a.article_key = b.article_key WHERE b.band_key IN ({marks}) "
            "AND a.duplicate_of IS NULL ORDER BY a.seq", bands)
        for key, sig, _ in rows:
            sim = dedup.similarity(signature, dedup.decode(sig))
            if sim >= dedup.NEAR_DUPLICATE:
                return key, sim
        return None

    def close(self) -> None:
        """Close the connection."""
        self.db.close()


def _actor_name(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.person or actor.org or actor.name
