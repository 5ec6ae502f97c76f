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

_Cursor = psycopg.Cursor[Any] | psycopg.AsyncCursor[Any]


class _Columns(Sequence[psycopg.Column]):
    """A result's columns as `cursor.description` gives them, made the first time one is looked at."""

    __slots__ = ("_count", "_cursor", "_made", "_result")

    def __init__(self, cursor: _Cursor, result: object, count: int) -> None:
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


def _columns(cursor: _Cursor) -> _Columns | None:
    """The current result's columns, described on demand; None where psycopg's own description is needed."""
    result = cursor.pgresult
    return _Columns(cursor, result, result.nfields) if result is not None and result.nfields else None


class DescribedOnDemand(psycopg.Cursor[Any]):
    """psycopg's cursor, whose `description` makes its columns only when one is looked at."""

    @property
    def description(self) -> list[psycopg.Column] | None:
        """The columns of the current result (None if it returned no rows), as psycopg describes them."""
        columns = _columns(self)
        return super().description if columns is None else columns  # type: ignore[return-value]


class DescribedOnDemandAsync(psycopg.AsyncCursor[Any]):
    """DescribedOnDemand for psycopg's asynchronous connection (platform/loop_sessions.py), whose results
    SQLAlchemy fetches whole as each statement runs, then describes as the synchronous cursor's."""

    @property
    def description(self) -> list[psycopg.Column] | None:
        """The columns of the current result (None if it returned no rows), as psycopg describes them."""
        columns = _columns(self)
        return super().description if columns is None else columns  # type: ignore[return-value]


def describe_on_demand(dbapi_connection: Any, _record: Any) -> None:
    """A new connection's cursors are DescribedOnDemand, or DescribedOnDemandAsync (an engine's "connect" event;
    SQLAlchemy hands an asynchronous connection over wrapped)."""
    connection = getattr(dbapi_connection, "driver_connection", dbapi_connection)
    if isinstance(connection, psycopg.AsyncConnection):
        connection.cursor_factory = DescribedOnDemandAsync
    else:
        connection.cursor_factory = DescribedOnDemand
