"""Where ingested articles, event mentions and clustered events are kept.

``open_store(target)`` opens a DuckDB file (the default, ``./veille.duckdb``) or, for a
``postgresql://`` URL, a PostgreSQL database; both hold the same schema (``schema.py``).
"""

from __future__ import annotations

from .database import Database
from .feeds import FeedState
from .store import Intake, Store

DEFAULT_DB = "veille.duckdb"

__all__ = ["DEFAULT_DB", "Database", "FeedState", "Intake", "Store", "open_database",
           "open_store"]


def open_database(target: str, *, read_only: bool = False) -> Database:
    """Return a connection to the database ``target`` names (a file path or a URL)."""
    from .postgres import is_postgres_url

    if is_postgres_url(target):
        from .postgres import PostgresDatabase

        return PostgresDatabase(target, read_only=read_only)
    from .duckdb import DuckDBDatabase

    return DuckDBDatabase(target, read_only=read_only)


def open_store(target: str = DEFAULT_DB, *, create: bool = True,
               read_only: bool = False) -> Store:
    """Open the store at ``target``; create it when needed unless ``create`` is False.

    A ``read_only`` store must exist already; its connection refuses every write.
    """
    from pathlib import Path

    from ..errors import Errors, VeilleError
    from .postgres import is_postgres_url

    if (not create or read_only) and not is_postgres_url(target) and not Path(target).exists():
        raise VeilleError(Errors.E028.format(target=target))
    return Store(open_database(target, read_only=read_only), read_only=read_only)
