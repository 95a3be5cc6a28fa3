"""The one SQL schema of a veille store, for DuckDB and PostgreSQL alike.

Only portable types (TEXT, INTEGER, BIGINT, FLOAT8, DATE, TIMESTAMP, BOOLEAN) and portable
statements are used, so that both back ends run these statements as they are. Offsets are
``start_char``/``end_char`` into the article's body (title, blank line, text), as everywhere.
"""

from __future__ import annotations

SCHEMA_VERSION = "3"  # 2: casualty counts on mentions and events; 3: watch_feeds
# Older versions a writable open brings up to SCHEMA_VERSION: their tables are unchanged, what
# is new is whole tables, which ``create_statements`` adds (IF NOT EXISTS).
UPGRADABLE = frozenset({"2"})

TABLES: dict[str, str] = {
    "meta": """
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL""",
    "runs": """
        run_id INTEGER PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status TEXT NOT NULL,
        version TEXT NOT NULL,
        model TEXT,
        settings TEXT NOT NULL,
        n_read INTEGER NOT NULL DEFAULT 0,
        n_new INTEGER NOT NULL DEFAULT 0,
        n_duplicate INTEGER NOT NULL DEFAULT 0,
        n_failed INTEGER NOT NULL DEFAULT 0""",
    "articles": """
        article_key TEXT PRIMARY KEY,
        seq BIGINT NOT NULL,
        id TEXT,
        url TEXT,
        title TEXT,
        text TEXT NOT NULL,
        published DATE,
        source TEXT,
        outlet TEXT NOT NULL,
        language TEXT,
        content_hash TEXT NOT NULL,
        minhash TEXT NOT NULL,
        duplicate_of TEXT,
        similarity FLOAT8,
        run_id INTEGER NOT NULL,
        ingested_at TIMESTAMP NOT NULL""",
    "article_bands": """
        band_key TEXT NOT NULL,
        article_key TEXT NOT NULL,
        PRIMARY KEY (band_key, article_key)""",
    "mentions": """
        mention_id TEXT PRIMARY KEY,
        article_key TEXT NOT NULL,
        event_type TEXT NOT NULL,
        mode TEXT,
        context TEXT NOT NULL,
        status TEXT NOT NULL,
        event_date TEXT,
        date_precision TEXT,
        date_min DATE,
        date_max DATE,
        place_name TEXT,
        country TEXT,
        admin1 TEXT,
        lat FLOAT8,
        lon FLOAT8,
        geonameid BIGINT,
        geo_precision TEXT,
        cameo TEXT,
        quad_class INTEGER,
        score FLOAT8,
        evidence TEXT,
        evidence_start INTEGER,
        evidence_end INTEGER,
        sentence INTEGER,
        trigger_start INTEGER,
        trigger_end INTEGER,
        rule TEXT,
        confidence FLOAT8,
        is_lead BOOLEAN NOT NULL,
        killed INTEGER,
        injured INTEGER,
        abducted INTEGER,
        arrested INTEGER""",
    "events": """
        event_id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL,
        event_type TEXT NOT NULL,
        mode TEXT,
        context TEXT NOT NULL,
        status TEXT NOT NULL,
        cameo TEXT,
        quad_class INTEGER,
        score FLOAT8,
        event_date TEXT,
        date_precision TEXT,
        date_min DATE,
        date_max DATE,
        place_name TEXT,
        country TEXT,
        admin1 TEXT,
        lat FLOAT8,
        lon FLOAT8,
        geonameid BIGINT,
        geo_precision TEXT,
        actor1_name TEXT,
        actor1_country TEXT,
        actor1_sector TEXT,
        actor2_name TEXT,
        actor2_country TEXT,
        actor2_sector TEXT,
        actor_keys TEXT NOT NULL,
        num_mentions INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        first_seen DATE,
        last_seen DATE,
        source_url TEXT,
        evidence TEXT,
        killed INTEGER,
        injured INTEGER,
        abducted INTEGER,
        arrested INTEGER""",
    "event_mentions": """
        mention_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL""",
    "actors": """
        mention_id TEXT NOT NULL,
        role TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT,
        country TEXT,
        sector TEXT,
        person TEXT,
        org TEXT,
        kind TEXT,
        start_char INTEGER,
        end_char INTEGER,
        PRIMARY KEY (mention_id, role, position)""",
    "places": """
        article_key TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        country TEXT,
        admin1 TEXT,
        lat FLOAT8,
        lon FLOAT8,
        geonameid BIGINT,
        kind TEXT,
        start_char INTEGER,
        end_char INTEGER,
        PRIMARY KEY (article_key, position)""",
    "quotes": """
        article_key TEXT NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER,
        end_char INTEGER,
        speaker_name TEXT,
        speaker_country TEXT,
        speaker_sector TEXT,
        PRIMARY KEY (article_key, position)""",
    "failures": """
        source TEXT NOT NULL,
        record TEXT NOT NULL,
        reason TEXT NOT NULL,
        seen_at TIMESTAMP NOT NULL,
        run_id INTEGER NOT NULL,
        PRIMARY KEY (source, record, reason)""",
    # What ``veille watch`` knows of each feed, so that a restart resumes where it stopped:
    # the validators of the last read it finished (conditional requests), and its health.
    "watch_feeds": """
        feed_url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        polled_at TIMESTAMP,
        ok_at TIMESTAMP,
        http_status INTEGER,
        error TEXT,
        n_errors INTEGER NOT NULL DEFAULT 0,
        n_entries INTEGER NOT NULL DEFAULT 0,
        n_articles INTEGER NOT NULL DEFAULT 0""",
}

INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_type ON events (event_type)",
    "CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_key)",
    "CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions (event_id)",
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash)",
)

# Columns that hold when or by which run a row was written: they differ between two runs that
# stored the same data, and nothing else does.
RUN_COLUMNS = frozenset({"run_id", "ingested_at", "seen_at", "started_at", "finished_at",
                         "polled_at", "ok_at"})


def create_statements() -> list[str]:
    """Return the statements that create every table and index (idempotent)."""
    tables = [f"CREATE TABLE IF NOT EXISTS {name} ({columns}\n)"
              for name, columns in TABLES.items()]
    return [*tables, *INDEXES]


def columns(table: str) -> list[str]:
    """Return the column names of ``table`` in schema order."""
    lines = (line.strip() for line in TABLES[table].strip().splitlines())
    return [line.split()[0] for line in lines if line and not line.startswith("PRIMARY KEY")]
