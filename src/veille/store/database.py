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

    def query_dicts(self, sql: str, names: Sequence[str],
                    params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Yield the rows of a query as dicts keyed by ``names``."""
        for row in self.query(sql, params):
            yield dict(zip(names, row, strict=True))
