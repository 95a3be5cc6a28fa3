"""The store: articles, their event mentions, and the events they cluster into.

Every batch of articles is written in one transaction, so a run stopped at any moment leaves
whole articles or none; articles are taken in input order and clustering only looks at what is
already stored, so a run started again after a crash ends with the same rows as one that never
stopped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..analysis import periods
from ..errors import Errors, VeilleError
from ..ingest import Failure
from ..model import Actor, Article, ArticleResult, Event, Place, is_filler_name
from ..ontology import load_ontology
from . import clustering, dedup
from .clustering import Profile, Where
from .database import Database
from .feeds import FeedState, load_feed_states, save_feed_states
from .schema import SCHEMA_VERSION, TABLES, UPGRADABLE, columns, create_statements

CASUALTY_COLUMNS = ("killed", "injured", "abducted", "arrested")

LOGGER = logging.getLogger(__name__)

PRIMARY_KEYS = {
    "meta": ("key",), "runs": ("run_id",), "articles": ("article_key",),
    "article_bands": ("band_key", "article_key"), "mentions": ("mention_id",),
    "events": ("event_id",), "event_mentions": ("mention_id",),
    "actors": ("mention_id", "role", "position"), "places": ("article_key", "position"),
    "quotes": ("article_key", "position"), "failures": ("source", "record", "reason"),
    "watch_feeds": ("feed_url",),
}

# What a dyad's series counts: events reported as done. A negated event did not happen, and a
# future one is dated by the day it is planned for, not the day it was announced.
DYAD_STATUSES = ("actual", "claimed", "historical")
DYAD_PATTERN = re.compile(r"^([A-Z]{3})-([A-Z]{3})$")
# Some mention of the event has a party of this role and code (the reports of one event are
# taken together: one may name who acted, another against whom).
_HAS_PARTY = ("event_id IN (SELECT em.event_id FROM event_mentions em JOIN actors x "
              "ON x.mention_id = em.mention_id WHERE x.role = ? AND x.country = ?)")
# The day an event counts on in a series, as ISO text: its date, or the first day of its month
# or year (analysis.periods.anchor_day); an undated event is in no period.
ANCHOR_DAY = "SUBSTR(event_date || '-01-01', 1, 10)"

# Filters of ``Store.events``: name -> SQL condition with its bound parameters.
EVENT_FILTERS = {
    "since": "(date_max IS NULL OR date_max >= ?)",
    "until": "(date_min IS NULL OR date_min <= ?)",
    "country": "country = ?",
    "type": "event_type = ?",
    "status": "status = ?",
    "actor": "(LOWER(actor_keys) LIKE ? OR LOWER(actor1_name) LIKE ? OR LOWER(actor2_name) LIKE ?)",
    "place": "(LOWER(place_name) LIKE ? OR LOWER(admin1) LIKE ? OR country = ?)",
    # The events veille dyads counts from one actor to another ("MLI-FRA"): dyad_condition.
    "dyad": "",
    # The events veille dyads puts in one month ("2023-02") or ISO week ("2023-W05").
    "period": f"(event_date IS NOT NULL AND {ANCHOR_DAY} >= ? AND {ANCHOR_DAY} <= ?)",
}

# Tables with rows per article that ``Store.article_rows`` reads: name -> ORDER BY.
ARTICLE_TABLES = {"mentions": "evidence_start NULLS LAST, mention_id", "places": "position",
                  "quotes": "position"}


def dyad_condition(a: str, b: str, *, statuses: Sequence[str] | None = DYAD_STATUSES
                   ) -> tuple[str, list[Any]]:
    """Return the SQL condition (and its values) of the events going from ``a`` to ``b``.

    An actor has code ``a`` and a recipient code ``b``; or, for a mutual type (a reciprocal
    meeting, joint cooperation: PLOVER puts every party in actor), both are among the actors.
    Only the given ``statuses`` count (None: any status).
    """
    mutual = load_ontology().mutual_types()
    sql = f"{_HAS_PARTY} AND ({_HAS_PARTY}"
    params: list[Any] = ["actor", a, "recipient", b]
    if mutual:
        sql += f" OR (event_type IN ({', '.join('?' for _ in mutual)}) AND {_HAS_PARTY})"
        params += [*mutual, "actor", b]
    sql += ")"
    if statuses:
        sql = f"status IN ({', '.join('?' for _ in statuses)}) AND {sql}"
        params = [*statuses, *params]
    return f"({sql})", params


def parse_dyad(value: str) -> tuple[str, str]:
    """Return the two codes of a dyad written "MLI-FRA" (acting side first), else raise E050."""
    match = DYAD_PATTERN.match(str(value).strip().upper())
    if not match:
        raise VeilleError(Errors.E050.format(value=value))
    return match.group(1), match.group(2)



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


def _event_conditions(filters: dict[str, Any] | None) -> tuple[str, list[Any]]:
    """Return the WHERE clause of ``filters`` (keys of EVENT_FILTERS) and its bound values."""
    conditions: list[str] = []
    params: list[Any] = []
    for name, value in (filters or {}).items():
        if value is None:
            continue
        if name not in EVENT_FILTERS:
            raise VeilleError(Errors.E025.format(name=name, allowed=", ".join(EVENT_FILTERS)))
        if name == "dyad":
            sql, values = dyad_condition(*parse_dyad(value))
            conditions.append(sql)
            params += values
            continue
        if name == "period":
            first, last = periods.bounds(str(value))
            params += [first.isoformat(), last.isoformat()]
        elif name == "actor":
            pattern = f"%{str(value).lower()}%"
            params += [pattern, pattern, pattern]
        elif name == "place":
            pattern = f"%{str(value).lower()}%"
            params += [pattern, pattern, str(value).upper()]
        else:
            params.append(value)
        conditions.append(EVENT_FILTERS[name])
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


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

    def __init__(self, db: Database, *, read_only: bool = False) -> None:
        self.db = db
        if read_only:
            self._check_version()
        else:
            self._create()

    # --- schema and runs ------------------------------------------------------------------

    def _create(self) -> None:
        with self.db.transaction():
            for statement in create_statements():
                self.db.execute(statement)
            self._check_version(insert=True)

    def _check_version(self, *, insert: bool = False) -> None:
        try:
            found = self.db.query("SELECT value FROM meta WHERE key = ?", ["schema_version"])
        except Exception as exc:
            # Only a read-only open gets here without the tables; each back end raises its own
            # "no such table" error, and all mean that this database holds no store.
            raise VeilleError(Errors.E028.format(target=self.db.target)) from exc
        if not found and insert:
            self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                            ["schema_version", SCHEMA_VERSION])
        elif found and found[0][0] in UPGRADABLE and insert:
            # The new tables were just created: nothing else differs.
            LOGGER.info("store %s upgraded from schema %s to %s", self.db.target,
                        found[0][0], SCHEMA_VERSION)
            self.db.execute("UPDATE meta SET value = ? WHERE key = ?",
                            [SCHEMA_VERSION, "schema_version"])
        elif found and found[0][0] in UPGRADABLE:
            raise VeilleError(Errors.E040.format(target=self.db.target, found=found[0][0],
                                                 expected=SCHEMA_VERSION))
        elif not found or found[0][0] != SCHEMA_VERSION:
            raise VeilleError(Errors.E024.format(target=self.db.target,
                                                 found=found[0][0] if found else "none",
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
            BatchWriter(self.db, run_id).write(intakes)

    # --- watched feeds ----------------------------------------------------------------------

    def feed_states(self) -> dict[str, FeedState]:
        """Return what is known of every watched feed, by feed URL."""
        return load_feed_states(self.db)

    def save_feed_states(self, states: Sequence[FeedState]) -> None:
        """Store the state of watched feeds (one transaction)."""
        save_feed_states(self.db, states)

    # --- reading ----------------------------------------------------------------------------

    def last_event_seq(self) -> int:
        """Return the sequence number of the last event stored (0 when there is none)."""
        return int(self.db.query("SELECT COALESCE(MAX(seq), 0) FROM events")[0][0])

    def events_after(self, seq: int) -> list[dict[str, Any]]:
        """Return the events stored after the one numbered ``seq``, in the order stored.

        An event keeps its number when later reports join it: these are new events only.
        """
        names = columns("events")
        return list(self.db.query_dicts(
            f"SELECT {', '.join(names)} FROM events WHERE seq > ? ORDER BY seq", names, [seq]))

    def events(self, filters: dict[str, Any] | None = None, *,
               limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Return the events matching ``filters`` (keys of EVENT_FILTERS), oldest first."""
        where, params = _event_conditions(filters)
        names = columns("events")
        sql = f"SELECT {', '.join(names)} FROM events{where} ORDER BY date_min NULLS LAST, seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        if offset:
            sql += " OFFSET ?"
            params.append(int(offset))
        return list(self.db.query_dicts(sql, names, params))

    def count_events(self, filters: dict[str, Any] | None = None) -> int:
        """Return how many events match ``filters`` (keys of EVENT_FILTERS)."""
        where, params = _event_conditions(filters)
        return int(self.db.query(f"SELECT COUNT(*) FROM events{where}", params)[0][0])

    def event(self, event_id: str) -> dict[str, Any] | None:
        """Return one event by its id, or None."""
        names = columns("events")
        found = list(self.db.query_dicts(
            f"SELECT {', '.join(names)} FROM events WHERE event_id = ?", names, [event_id]))
        return found[0] if found else None

    def article(self, article_key: str) -> dict[str, Any] | None:
        """Return one article by its key, or None."""
        names = columns("articles")
        found = list(self.db.query_dicts(
            f"SELECT {', '.join(names)} FROM articles WHERE article_key = ?", names,
            [article_key]))
        return found[0] if found else None

    def article_rows(self, table: str, article_key: str) -> list[dict[str, Any]]:
        """Return the rows of one article in ``mentions``, ``places`` or ``quotes``."""
        if table not in ARTICLE_TABLES:
            raise VeilleError(Errors.E025.format(name=table, allowed=", ".join(ARTICLE_TABLES)))
        names = columns(table)
        return list(self.db.query_dicts(
            f"SELECT {', '.join(names)} FROM {table} WHERE article_key = ? "
            f"ORDER BY {ARTICLE_TABLES[table]}", names, [article_key]))

    def actors_of_article(self, article_key: str) -> list[dict[str, Any]]:
        """Return the actor rows of every mention coded from one article."""
        names = columns("actors")
        return list(self.db.query_dicts(
            f"SELECT {', '.join('a.' + n for n in names)} FROM actors a "
            "JOIN mentions m ON m.mention_id = a.mention_id WHERE m.article_key = ? "
            "ORDER BY a.start_char NULLS LAST, a.mention_id, a.role, a.position", names,
            [article_key]))

    def event_of_mentions(self, mention_ids: Sequence[str]) -> dict[str, str]:
        """Return the event each of ``mention_ids`` belongs to."""
        if not mention_ids:
            return {}
        marks = ", ".join("?" for _ in mention_ids)
        return dict(self.db.query(
            f"SELECT mention_id, event_id FROM event_mentions WHERE mention_id IN ({marks})",
            list(mention_ids)))

    def dyad_events(self, a: str, b: str) -> list[dict[str, Any]]:
        """Return the events between two actors, each way, whatever their status, oldest first.

        Each row holds the event's id, type, status, quad class, score and date, and
        ``a_to_b``/``b_to_a``: whether it goes from ``a`` to ``b`` and from ``b`` to ``a``
        (see ``dyad_condition``; the status is left to the caller).
        """
        # Any status: the caller counts what it leaves out as well as what it keeps.
        a_to_b, ab_params = dyad_condition(a, b, statuses=None)
        b_to_a, ba_params = dyad_condition(b, a, statuses=None)
        names = ("event_id", "event_type", "mode", "status", "quad_class", "score",
                 "event_date", "date_precision", "a_to_b", "b_to_a")
        sql = (f"SELECT event_id, event_type, mode, status, quad_class, score, event_date, "
               f"date_precision, {a_to_b}, {b_to_a} FROM events "
               f"WHERE {a_to_b} OR {b_to_a} ORDER BY date_min NULLS LAST, seq")
        rows = self.db.query_dicts(sql, names, [*ab_params, *ba_params, *ab_params, *ba_params])
        return [{**r, "a_to_b": bool(r["a_to_b"]), "b_to_a": bool(r["b_to_a"])} for r in rows]

    def actor_codes(self) -> list[str]:
        """Return the country and group codes of the actors and recipients of stored events."""
        return [r[0] for r in self.db.query(
            "SELECT DISTINCT country FROM actors WHERE role IN (?, ?) AND country IS NOT NULL "
            "ORDER BY country", ["actor", "recipient"])]

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


class BatchWriter:
    """Turn one batch into rows, cluster its mentions, and insert everything.

    Rows are gathered in memory and inserted with one statement per table: a statement costs
    an embedded engine about a millisecond whatever its size. Clustering loads the events a
    mention of the batch could join once, then decides in memory, in input order.
    """

    def __init__(self, db: Database, run_id: int) -> None:
        self.db = db
        self.run_id = run_id
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
        self.now = _now()
        self.events: dict[str, dict[str, Any]] = {}  # event_id -> row, candidates and new
        self.profiles: dict[str, Profile] = {}
        self.new_events: list[str] = []
        self.joined: set[str] = set()

    def write(self, intakes: Sequence[Intake]) -> None:
        """Write the batch (inside the caller's transaction)."""
        keys = [i.key for i in intakes if i.article is not None and i.key]
        stored = self._existing(keys)
        seq = int(self.db.query("SELECT COALESCE(MAX(seq), 0) FROM articles")[0][0])
        mentions: list[tuple[str, Event, Article]] = []
        for item in intakes:
            if item.failure is not None:
                f = item.failure
                self.rows["failures"].append(
                    (f.source, f.record or "", f.reason, self.now, self.run_id))
                continue
            if item.article is None or item.key is None or item.key in stored:
                continue
            stored.add(item.key)
            seq += 1
            self._article(item, seq)
            if item.result is not None:
                mentions += self._result(item)
        self._cluster(mentions)
        for table in ("articles", "article_bands", "places", "quotes", "mentions", "actors",
                      "event_mentions"):
            self.db.insert(table, columns(table), self.rows[table])
        self.db.insert("failures", columns("failures"), self.rows["failures"],
                       ignore_conflicts=True)
        self._write_events()

    def _existing(self, keys: list[str]) -> set[str]:
        if not keys:
            return set()
        marks = ", ".join("?" for _ in keys)
        return {r[0] for r in self.db.query(
            f"SELECT article_key FROM articles WHERE article_key IN ({marks})", keys)}

    def _article(self, item: Intake, seq: int) -> None:
        a = item.article
        assert a is not None and item.signature is not None
        self.rows["articles"].append(
            (item.key, seq, a.id, a.url, a.title, a.text, a.published, a.source, outlet_of(a),
             a.language, item.content_hash, dedup.encode(item.signature), item.duplicate_of,
             item.similarity, self.run_id, self.now))
        self.rows["article_bands"] += [(band, item.key)
                                       for band in dedup.band_keys(item.signature)]

    def _result(self, item: Intake) -> list[tuple[str, Event, Article]]:
        result, key, article = item.result, item.key, item.article
        assert result is not None and key is not None and article is not None
        self.rows["places"] += [
            (key, n, p.name, p.country, p.admin1, p.lat, p.lon, p.geonameid, p.kind, p.start,
             p.end) for n, p in enumerate(result.places)]
        self.rows["quotes"] += [
            (key, n, q.text, q.start, q.end, q.speaker.name if q.speaker else None,
             q.speaker.country if q.speaker else None, q.speaker.sector if q.speaker else None)
            for n, q in enumerate(result.quotes)]
        out = []
        for n, event in enumerate(result.events, start=1):
            mention_id = f"{key}#e{n}"
            self._mention(mention_id, key, event)
            out.append((mention_id, event, article))
        return out

    def _mention(self, mention_id: str, key: str, e: Event) -> None:
        window = clustering.date_window(e.date, e.date_precision, None, e.date_source)
        p, ev = e.place, e.evidence
        self.rows["mentions"].append(
            (mention_id, key, e.event, e.mode, json.dumps(e.context), e.status, e.date,
             e.date_precision, window[0] if window else None, window[1] if window else None,
             p.name if p else None, p.country if p else None, p.admin1 if p else None,
             p.lat if p else None, p.lon if p else None, p.geonameid if p else None,
             (p.precision or p.kind) if p else None, e.cameo, e.quad_class, e.score,
             ev.text if ev else None, ev.start if ev else None, ev.end if ev else None,
             ev.sentence if ev else None, e.trigger[0] if e.trigger else None,
             e.trigger[1] if e.trigger else None, e.rule, e.confidence, e.is_lead,
             *(e.casualties.get(kind) for kind in CASUALTY_COLUMNS)))
        for role, actors in (("actor", e.actor), ("recipient", e.recipient),
                             ("source", [e.source] if e.source else [])):
            for n, a in enumerate(actors):
                self.rows["actors"].append(
                    (mention_id, role, n, a.name, a.country, a.sector, a.person, a.org, a.kind,
                     a.start, a.end))

    # --- clustering ---------------------------------------------------------------------------

    def _cluster(self, mentions: list[tuple[str, Event, Article]]) -> None:
        profiles = [(mid, e, a, _profile(e, a)) for mid, e, a in mentions]
        self._load_candidates([p for *_, p in profiles])
        seq = int(self.db.query("SELECT COALESCE(MAX(seq), 0) FROM events")[0][0])
        order = sorted(self.events, key=lambda k: self.events[k]["seq"])
        for mention_id, e, article, profile in profiles:
            for event_id in order:
                if clustering.same_event(profile, self.profiles[event_id]):
                    self._join(event_id, profile, mention_id, e)
                    break
            else:
                seq += 1
                event_id = self._found(mention_id, e, article, profile, seq)
                order.append(event_id)

    def _load_candidates(self, profiles: list[Profile]) -> None:
        conditions: list[str] = []
        params: list[Any] = []
        for p in {(p.event_type, p.window) for p in profiles}:
            kind, window = p
            if window is None:
                conditions.append("(event_type = ?)")
                params.append(kind)
            else:
                conditions.append("(event_type = ? AND (date_min IS NULL OR date_min <= ?) "
                                  "AND (date_max IS NULL OR date_max >= ?))")
                params += [kind, window[1], window[0]]
        if not conditions:
            return
        names = columns("events")
        sql = f"SELECT {', '.join(names)} FROM events WHERE " + " OR ".join(conditions)
        for row in self.db.query_dicts(sql, names, params):
            # A side veille filled in (not the text) still gives way to a later report's name,
            # whichever batch or run that report comes in.
            row |= {f"guess{n}": is_filler_name(row[f"actor{n}_name"]) for n in (1, 2)}
            self.events[row["event_id"]] = row
            self.profiles[row["event_id"]] = _event_profile(row)

    def _found(self, mention_id: str, e: Event, article: Article, profile: Profile,
               seq: int) -> str:
        event_id = "ev" + hashlib.sha1(mention_id.encode("utf-8")).hexdigest()[:16]
        first = e.actor[0] if e.actor else None
        second = e.recipient[0] if e.recipient else None
        # An unidentified side (what the text left unsaid) gives way to a later report's name.
        guessed = {f"guess{n}": side is not None and side.kind in {"unidentified", "inferred"}
                   for n, side in ((1, first), (2, second))}
        p = e.place
        row = {
            "event_id": event_id, "seq": seq, "event_type": e.event, "mode": e.mode,
            "context": json.dumps(e.context), "status": e.status, "cameo": e.cameo,
            "quad_class": e.quad_class, "score": e.score, "event_date": e.date,
            "date_precision": e.date_precision,
            "date_min": profile.window[0] if profile.window else None,
            "date_max": profile.window[1] if profile.window else None,
            "place_name": None, "country": None, "admin1": None, "lat": None, "lon": None,
            "geonameid": None, "geo_precision": None,
            **_actor_columns(1, first), **_actor_columns(2, second),
            "actor_keys": json.dumps(sorted(profile.actors)),
            "num_mentions": 1, "num_articles": 1, "num_sources": 1,
            "first_seen": article.published, "last_seen": article.published,
            "source_url": article.url, "evidence": e.evidence.text if e.evidence else None,
            **{kind: e.casualties.get(kind) for kind in CASUALTY_COLUMNS},
            **guessed,  # not columns: in memory, and read back from the names (is_filler_name)
        }
        if p is not None:
            row |= _place_columns(p)
        self.events[event_id] = row
        self.profiles[event_id] = profile
        self.new_events.append(event_id)
        self.rows["event_mentions"].append((mention_id, event_id))
        return event_id

    def _join(self, event_id: str, mention: Profile, mention_id: str, e: Event) -> None:
        self.rows["event_mentions"].append((mention_id, event_id))
        row, event = self.events[event_id], self.profiles[event_id]
        window = clustering.narrower(event.window, mention.window)
        actors = event.actors | mention.actors
        row |= {"actor_keys": json.dumps(sorted(actors)),
                "date_min": window[0] if window else None,
                "date_max": window[1] if window else None}
        if e.status == "actual":
            row["status"] = "actual"
        # Reports of one event give its toll as they learn it: the largest count stands.
        for kind in CASUALTY_COLUMNS:
            if e.casualties.get(kind) is not None:
                row[kind] = max(row[kind] or 0, e.casualties[kind])
        finer = {"day": 0, "month": 1, "year": 2}
        if e.date and finer.get(e.date_precision or "", 3) < finer.get(
                row["date_precision"] or "", 3):
            row |= {"event_date": e.date, "date_precision": e.date_precision}
        # A report that names who acted (or against whom) completes an event first seen without.
        for n, side in ((1, e.actor), (2, e.recipient)):
            named = [a for a in side if a.kind not in {"unidentified", "inferred"}]
            if (row[f"actor{n}_name"] is None or row.get(f"guess{n}")) and named:
                row |= _actor_columns(n, named[0]) | {f"guess{n}": False}
            elif row[f"actor{n}_name"] is None and side:
                row |= _actor_columns(n, side[0])
        p = e.place
        rank = clustering.PRECISION_RANK
        if p is not None and rank.get(p.precision or p.kind, 3) < rank.get(
                row["geo_precision"] or "", 3):
            row |= _place_columns(p)
        self.profiles[event_id] = _event_profile(row)
        if event_id not in self.new_events:
            self.joined.add(event_id)

    def _write_events(self) -> None:
        names = columns("events")
        touched = [*self.joined, *self.new_events]
        if not touched:
            return
        if self.joined:
            marks = ", ".join("?" for _ in self.joined)
            self.db.execute(f"DELETE FROM events WHERE event_id IN ({marks})", list(self.joined))
        self.db.insert("events", names, [tuple(self.events[k][n] for n in names)
                                         for k in touched])
        # Counts from the links: mentions, distinct articles, distinct outlets, and the first
        # and last publication dates of the articles that report the event.
        marks = ", ".join("?" for _ in touched)
        self.db.execute(
            "UPDATE events SET num_mentions = c.n, num_articles = c.articles, "
            "num_sources = c.outlets, first_seen = c.first_seen, last_seen = c.last_seen "
            "FROM (SELECT em.event_id AS event_id, COUNT(*) AS n, "
            "COUNT(DISTINCT m.article_key) AS articles, COUNT(DISTINCT a.outlet) AS outlets, "
            "MIN(a.published) AS first_seen, MAX(a.published) AS last_seen "
            "FROM event_mentions em JOIN mentions m ON m.mention_id = em.mention_id "
            "JOIN articles a ON a.article_key = m.article_key "
            f"WHERE em.event_id IN ({marks}) GROUP BY em.event_id) AS c "
            "WHERE events.event_id = c.event_id", touched)


def _profile(e: Event, article: Article) -> Profile:
    return Profile(e.event, clustering.status_group(e.status),
                   clustering.date_window(e.date, e.date_precision, article.published,
                                           e.date_source),
                   clustering.actor_keys(e), Where.of(e.place))


def _event_profile(row: dict[str, Any]) -> Profile:
    return Profile(
        row["event_type"], clustering.status_group(row["status"]),
        (row["date_min"], row["date_max"]) if row["date_min"] else None,
        frozenset(json.loads(row["actor_keys"])),
        Where(row["country"], row["admin1"], row["lat"], row["lon"], row["geo_precision"]))


def _actor_columns(n: int, actor: Actor | None) -> dict[str, Any]:
    return {f"actor{n}_name": _actor_name(actor),
            f"actor{n}_country": actor.country if actor else None,
            f"actor{n}_sector": actor.sector if actor else None}


def _place_columns(p: Place) -> dict[str, Any]:
    return {"place_name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat,
            "lon": p.lon, "geonameid": p.geonameid, "geo_precision": p.precision or p.kind}


class StoreReader:
    """Look-ups of what is already stored, on their own connection, a chunk of records at once."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def stored_keys(self, keys: Sequence[str]) -> set[str]:
        """Return which of ``keys`` are keys of stored articles."""
        if not keys:
            return set()
        marks = ", ".join("?" for _ in keys)
        return {r[0] for r in self.db.query(
            f"SELECT article_key FROM articles WHERE article_key IN ({marks})", list(keys))}

    def originals(self, hashes: Sequence[str], bands: Sequence[str]) -> Originals:
        """Return the stored originals (not copies) sharing a content hash or an LSH band."""
        found = Originals()
        if hashes:
            marks = ", ".join("?" for _ in hashes)
            for digest, key in self.db.query(
                    f"SELECT content_hash, article_key FROM articles WHERE content_hash IN "
                    f"({marks}) AND duplicate_of IS NULL ORDER BY seq", list(hashes)):
                found.hashes.setdefault(digest, key)
        if bands:
            marks = ", ".join("?" for _ in bands)
            for band, key, sig in self.db.query(
                    "SELECT b.band_key, a.article_key, a.minhash FROM article_bands b "
                    "JOIN articles a ON a.article_key = b.article_key "
                    f"WHERE b.band_key IN ({marks}) AND a.duplicate_of IS NULL ORDER BY a.seq",
                    list(bands)):
                found.add(band, key, dedup.decode(sig))
        return found

    def close(self) -> None:
        """Close the connection."""
        self.db.close()


@dataclass
class Originals:
    """Articles a new one may copy: by exact content hash, and by LSH band (in read order)."""

    hashes: dict[str, str] = field(default_factory=dict)
    bands: dict[str, list[tuple[str, tuple[int, ...]]]] = field(default_factory=dict)

    def add(self, band: str, key: str, signature: tuple[int, ...]) -> None:
        """Remember that article ``key`` has ``band`` among its LSH bands."""
        self.bands.setdefault(band, []).append((key, signature))

    def original_of(self, digest: str,
                    signature: tuple[int, ...]) -> tuple[str, float] | None:
        """Return (key, similarity) of the first article this text copies, or None."""
        if digest in self.hashes:
            return self.hashes[digest], 1.0
        seen: set[str] = set()
        for band in dedup.band_keys(signature):
            for key, other in self.bands.get(band, ()):
                if key in seen:
                    continue
                seen.add(key)
                sim = dedup.similarity(signature, other)
                if sim >= dedup.NEAR_DUPLICATE:
                    return key, sim
        return None


def _actor_name(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.person or actor.org or actor.name
