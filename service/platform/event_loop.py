"""Routes run on the event loop rather than handed to the thread pool: pages that only read, and a part's save.

FastAPI runs a plain `def` endpoint in a pool thread. Under load on SQLite that hand-off, not the work, was the
largest cost of a page: with twenty requests in progress the event loop (parsing requests, finding each caller,
sending responses) and the pool's threads took Python's GIL from one another at every SQLite call, each of which
lets go of it. The task list took 4.2–5.0 ms of the server's CPU a request at twenty connections, and 2.7–3.4 ms
run on the loop (bench/README.md, "fifth session").

On SQLite a read's statement never waits: readers do not wait for the writer (WAL) and the file is read from
memory. On PostgreSQL each statement is a round trip, and a page's seven held the loop idle: on the loop the
server worked at 81–85 % of a core and served the task list at 154–158 requests a second (p99 375–442 ms), in
the pool at 98 % and 178–186 (p99 168–175 ms). There the request's session is one whose statements are awaited
on the loop (loop_sessions.py), and the route runs on the loop in a greenlet; with a session of any other kind
(a test's, say) it runs in the pool. A page that may write, or that works for long (a document, a region's
pack), stays in the pool on either database.

A write on SQLite runs on the loop too when its transaction took SQLite's write lock there (db.writing_on_the_loop:
waited for as a coroutine, so the loop never blocks on a transaction that needs it): the part's PUT took 2.3–3.7 ms
of the server's CPU a write at twenty connections in the pool, and 2.0–2.4 ms on the loop (bench/README.md,
"seventh session").
"""

import asyncio
import functools
import inspect
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from service.platform.db import on_sqlite, turn_taken_on_the_loop
from service.platform.loop_sessions import awaiting, awaits_on_the_loop

P = ParamSpec("P")
R = TypeVar("R")

_PLACED = "adtp_placed_on_the_loop"  # an attribute of the endpoints made here (placed_on_the_loop)


def on_the_loop(endpoint: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
    """`endpoint`, a page's GET that only reads and renders, as a coroutine FastAPI awaits: run on the event loop
    when its session is SQLite's, else in the thread pool as FastAPI would.

    The endpoint must take the request's session as `session`. Its signature is kept (functools.wraps), so FastAPI
    reads the same parameters and dependencies from it.
    """
    # Let the loop read what arrived while the caller was found before the page takes it over: without this turn,
    # requests waited out of order (p99 at twenty connections 266–312 ms, with it 128–158 ms, as in the pool;
    # throughput the same).
    return _placed(endpoint, on_sqlite, reads_first=True)


def writes_on_the_loop(endpoint: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
    """`endpoint`, a route that writes, as a coroutine FastAPI awaits: run on the event loop when its session's
    transaction took SQLite's write lock there (deps.database_work, db.writing_on_the_loop), else in the thread pool
    as FastAPI would; either way its transaction is committed where its work ran, as soon as it returns. On the
    loop, never yielding in between, it ends its transaction before another writer there may begin one; in the
    pool, the commit takes no trip of its own (PostgreSQL's saves made three: bench/README.md, "ninth session").

    The endpoint must take the request's session as `session`; its signature is kept, as on_the_loop keeps it.
    """

    @functools.wraps(endpoint)
    def then_commit(*args: P.args, **kwargs: P.kwargs) -> R:
        result = endpoint(*args, **kwargs)
        session = kwargs["session"]
        if isinstance(session, Session):
            session.commit()  # before the response is sent, as deps.request_session would have
        return result

    return _placed(then_commit, turn_taken_on_the_loop, reads_first=False)


def _placed(
    endpoint: Callable[P, R], on_the_loop_if: Callable[[Session], bool], *, reads_first: bool
) -> Callable[P, Coroutine[Any, Any, R]]:
    """`endpoint` run on the event loop when its session says so, else in the thread pool (`reads_first`: after
    letting the loop read what has arrived)."""
    if "session" not in inspect.signature(endpoint).parameters:
        raise TypeError(f"{endpoint.__name__} takes no session: it cannot be told where its database work may run")

    @functools.wraps(endpoint)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        session = kwargs["session"]
        if isinstance(session, Session) and awaits_on_the_loop(session):
            return await awaiting(endpoint, *args, **kwargs)
        if isinstance(session, Session) and on_the_loop_if(session):
            if reads_first:
                await asyncio.sleep(0)
            return endpoint(*args, **kwargs)
        return await run_in_threadpool(endpoint, *args, **kwargs)

    setattr(run, _PLACED, True)
    return run


def placed_on_the_loop(route: object) -> bool:
    """True when `route`'s endpoint is one of this module's: a PostgreSQL session awaited on the event loop
    (loop_sessions.py) may serve it, its work and its dependencies' run through `awaiting`."""
    return bool(getattr(getattr(route, "endpoint", None), _PLACED, False))
