"""Where ingested articles, event mentions and clustered events are kept.

``open_store(target)`` opens a DuckDB file (the default, ``./veille.duckdb``) or, for a
``postgresql://`` URL, a PostgreSQL database; both hold the same schema (``schema.py``).
"""

from __future__ import annotations

from .database import Database
from .store import Intake, Store

DEFAULT_DB = "veille.duckdb"

__all__ = ["DEFAULT_DB", "Database", "Intake", "Store", "open_database", "open_store"]


def open_database(target: str) -> Database:
    """Return a connection to the database ``target`` names (a file path or a URL)."""
    from .postgres import is_postgres_url

    if is_postgres_url(target):
        from .postgres import PostgresDatabase

        return PostgresDatabase(target)
    from .duckdb import DuckDBDatabase

    return DuckDBDatabase(target)


def open_store(target: str = DEFAULT_DB, *, create: bool = True) -> Store:
    """Open the store at ``target``; create it when needed unless ``create`` is False."""
    from pathlib import Path

    from ..errors import Errors, VeilleError
    from .postgres import is_postgres_url

    if not create and not is_postgres_url(target) and not Path(target).exists():
        raise VeilleError(Errors.E028.format(target=target))
    return Store(open_database(target))
