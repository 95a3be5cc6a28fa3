"""The embedded back end: one DuckDB file (``./veille.duckdb`` by default)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..errors import Errors, VeilleError
from .database import Database, Row


class DuckDBDatabase(Database):
    """A DuckDB database file."""

    def __init__(self, path: str | Path, *, connection: Any = None,
                 read_only: bool = False) -> None:
        self.target = str(path)
        if connection is not None:
            self.con = connection
            return
        try:
            self.con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            raise VeilleError(Errors.E023.format(target=path, reason=str(exc).splitlines()[0])) \
                from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement with bound parameters."""
        self.con.execute(sql, list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        if rows:
            self.con.executemany(sql, [list(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a query with bound parameters and return its rows."""
        return [tuple(r) for r in self.con.execute(sql, list(params)).fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit every statement of the block together, or none of them."""
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    def reader(self) -> DuckDBDatabase:
        """Return a second connection to the same database (DuckDB's cursor)."""
        return DuckDBDatabase(self.target, connection=self.con.cursor())

    def close(self) -> None:
        """Close the connection."""
        self.con.close()
