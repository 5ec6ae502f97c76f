"""PostgreSQL cursors that describe their result's columns only when asked for the columns themselves.

SQLAlchemy reads `cursor.description` after every statement, and psycopg builds it afresh each time: an object
per column, each decoding the column's name and looking up its type. For a statement SQLAlchemy has run before
(nearly all of ours: their compiled forms are cached) it keeps what it learnt from the columns then, and only asks
whether there are any. The caller's statement, with its plan, partnership and cycle, has 49 columns: describing
them was 40–55 µs of its 290 µs (bench/README.md, issue 15's sixth session).
"""

from collections.abc import Sequence
from typing import Any, overload

import psycopg


class _Columns(Sequence[psycopg.Column]):
    """A result's columns as `cursor.description` gives them, made the first time one is looked at."""

    __slots__ = ("_count", "_cursor", "_made", "_result")

    def __init__(self, cursor: psycopg.Cursor[Any], result: object, count: int) -> None:
        self._cursor, self._result, self._count = cursor, result, count
        self._made: list[psycopg.Column] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> psycopg.Column: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[psycopg.Column]: ...

    def __getitem__(self, index: int | slice) -> psycopg.Column | Sequence[psycopg.Column]:
        if self._made is None:
            if self._cursor.pgresult is not self._result:  # psycopg's Column reads the cursor's current result
                raise RuntimeError("a cursor's columns were looked at after it ran another statement")
            self._made = [psycopg.Column(self._cursor, i) for i in range(self._count)]
        return self._made[index]


class DescribedOnDemand(psycopg.Cursor[Any]):
    """psycopg's cursor, whose `description` makes its columns only when one is looked at."""

    @property
    def description(self) -> list[psycopg.Column] | None:
        """The columns of the current result (None if it returned no rows), as psycopg describes them."""
        result = self.pgresult
        if result is not None and result.nfields:
            return _Columns(self, result, result.nfields)  # type: ignore[return-value]
        return super().description


def describe_on_demand(dbapi_connection: Any, _record: Any) -> None:
    """A new connection's cursors are DescribedOnDemand (an engine's "connect" event)."""
    dbapi_connection.cursor_factory = DescribedOnDemand
