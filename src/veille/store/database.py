"""What the store needs from a SQL database; DuckDB and PostgreSQL each implement it.

The SQL is written once, with ``?`` placeholders; the PostgreSQL back end turns them into
``%s`` (the only dialect difference the store's statements have).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

Row = tuple[Any, ...]
# Rows per INSERT statement: one statement costs DuckDB about a millisecond whatever its size,
# and PostgreSQL accepts at most 65,535 parameters per statement.
INSERT_CHUNK = 500


class Database(ABC):
    """A connection to the store's database."""

    target: str

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement with bound parameters."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a query with bound parameters and return its rows."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Return a context in which every statement commits together or not at all."""

    @abstractmethod
    def reader(self) -> Database:
        """Return a second connection that another thread may query (sees committed rows)."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def insert(self, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]], *,
               ignore_conflicts: bool = False) -> None:
        """Insert ``rows`` with multi-row statements (one per ``INSERT_CHUNK`` rows).

        ``table`` and ``names`` come from the schema, never from input.
        """
        head = f"INSERT INTO {table} ({', '.join(names)}) VALUES "
        mark = "(" + ", ".join("?" for _ in names) + ")"
        tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start:start + INSERT_CHUNK]
            self.execute(head + ", ".join(mark for _ in chunk) + tail,
                         [value for row in chunk for value in row])

    def query_dicts(self, sql: str, names: Sequence[str],
                    params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Yield the rows of a query as dicts keyed by ``names``."""
        for row in self.query(sql, params):
            yield dict(zip(names, row, strict=True))
