"""PostgreSQL sessions whose statements are awaited on the event loop, for the routes placed there (event_loop.py).

On PostgreSQL every statement is a round trip, so a route's work ran in the thread pool, where a plain session may
block its thread. A part's save took three trips through the pool (the caller's statement, the save, its commit),
a page two; under load the hand-offs of Python's GIL between the loop and the pool's threads, not the statements,
were most of what PostgreSQL cost beyond SQLite (bench/README.md, "ninth session").

Here the same synchronous code runs in a greenlet on the event loop, through SQLAlchemy's asyncio bridge: the
session is bound to an engine on psycopg's asynchronous connection, and where a statement would block, the
greenlet is suspended while the loop awaits the round trip and serves other requests. A row lock waited for is
awaited too, so a save may wait for another that the loop is running. Only code run through `awaiting` may use
such a session: anywhere else its first statement raises MissingGreenlet. SQLite needs none of this: its
statements never wait, and the loop runs them as they are.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.util import greenlet_spawn
from sqlmodel import Session

from service.platform.db import (
    COLUMN_JSON,
    SessionFactory,
    is_sqlite,
    listen_as_postgres,
    pool_options,
    session_factory,
)

T = TypeVar("T")

ASYNC_DRIVER = "postgresql+psycopg_async"


@dataclass(frozen=True)
class LoopSessions:
    """Sessions awaited on the event loop, standing in for the application's own (`instead_of`) on the routes
    placed there. Should the application's factory be swapped for another (a test's, bound to its transaction),
    that one serves every route."""

    instead_of: SessionFactory
    open_session: SessionFactory


def loop_sessions(engine: Engine, instead_of: SessionFactory) -> LoopSessions | None:
    """Sessions on the same PostgreSQL database as `engine`, awaited on the event loop; None on SQLite.

    Their connections are a pool of their own, closed when `engine` is disposed.
    """
    if is_sqlite(engine.url.drivername):
        return None
    loop_engine = create_async_engine(engine.url.set(drivername=ASYNC_DRIVER), **(pool_options() | COLUMN_JSON))
    listen_as_postgres(loop_engine.sync_engine)
    event.listen(engine, "engine_disposed", lambda _engine: _dispose(loop_engine))
    return LoopSessions(instead_of, session_factory(loop_engine.sync_engine))


def awaits_on_the_loop(session: Session) -> bool:
    """True when `session`'s statements are awaited on the event loop: only `awaiting` may run its work."""
    return bool(session.get_bind().dialect.is_async)


async def awaiting(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`function(*args, **kwargs)`, synchronous code using a session of `loop_sessions`', run to its end on the
    event loop; each statement's round trip is awaited there."""
    result: T = await greenlet_spawn(function, *args, **kwargs)
    return result


def _dispose(loop_engine: AsyncEngine) -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop running here (the command line, a test): close the connections on one
        asyncio.run(loop_engine.dispose())
        return
    # Disposed from a running loop, which cannot wait here: the connections close as they are collected.
    loop_engine.sync_engine.dispose(close=False)
