"""The server back end: PostgreSQL through psycopg 3, selected by a ``postgresql://`` URL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from ..errors import Errors, VeilleError
from .database import Database, Row

URL_PREFIXES = ("postgresql://", "postgres://")


def is_postgres_url(target: str) -> bool:
    """Return True when ``target`` names a PostgreSQL database."""
    return target.startswith(URL_PREFIXES)


def _placeholders(sql: str) -> str:
    # The store's SQL binds every value with ``?`` and holds no literal ``?`` or ``%``.
    return sql.replace("?", "%s")


class PostgresDatabase(Database):
    """A PostgreSQL database."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.target = url
        try:
            self.con = psycopg.connect(url, autocommit=True)
            if read_only:
                # Every later statement of this session runs in a read-only transaction: the
                # server itself refuses a write, whatever the SQL.
                self.con.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise VeilleError(Errors.E023.format(target=_hide_password(url), reason=reason)) \
                from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement with bound parameters."""
        self.con.execute(_placeholders(sql), list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        if rows:
            with self.con.cursor() as cur:
                cur.executemany(_placeholders(sql), [list(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a query with bound parameters and return its rows."""
        return [tuple(r) for r in self.con.execute(_placeholders(sql), list(params)).fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit every statement of the block together, or none of them."""
        with self.con.transaction():
            yield

    def reader(self) -> PostgresDatabase:
        """Return a second connection to the same database."""
        return PostgresDatabase(self.target)

    def close(self) -> None:
        """Close the connection."""
        self.con.close()


def _hide_password(url: str) -> str:
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, cred = head.partition("//")
    return f"{scheme}//{cred.split(':', 1)[0]}:***@{tail}"
