"""FastAPI dependencies, as Annotated aliases routes declare."""

import functools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from service.platform.db import SessionFactory, on_sqlite, turn_taken_on_the_loop, writing_on_the_loop
from service.platform.errors import ServiceError
from service.platform.event_loop import placed_on_the_loop
from service.platform.loop_sessions import LoopSessions, awaiting, awaits_on_the_loop
from service.platform.pagination import PageRequest
from service.platform.settings import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
T = TypeVar("T")


def get_settings_dep(request: Request) -> Settings:
    """The settings the application was built with."""
    settings: Settings = request.app.state.settings
    return settings


# Bookkeeping to write whatever becomes of the request: a credential's "last used", a refusal's
# audit row. Each is a change to make in a session.
Note = Callable[[Session], object]


def note(request: Request, change: Note) -> None:
    """Have `change` written once the request's own transaction has ended, even if it is refused."""
    notes: list[Note] = request.state.notes  # set by request_session, through get_session on every route
    notes.append(change)


@asynccontextmanager
async def request_session(request: Request) -> AsyncIterator[Session]:
    """The request's session, committed once when the work in it ends without error; then the request's notes.

    A coroutine, so that opening and closing the session cost no trip through the thread pool (each
    trip is about 0.35 ms, as much as a query). Opening a session does no I/O, and ending a read's
    transaction never waits. A write is committed where its work ran: by the route itself when it is placed
    on the loop (event_loop.writes_on_the_loop), else here, on the loop if its transaction took SQLite's
    write lock there and in the thread pool otherwise; the notes are written in the pool, after the
    request's own transaction. On PostgreSQL a route placed on the loop has a session whose statements
    are awaited there (loop_sessions.py): its ending is awaited there too.
    """
    open_session = _session_opener(request)
    notes: list[Note] = []
    request.state.notes = notes
    writes = request.method not in SAFE_METHODS
    session = open_session(writes=writes)
    awaited = awaits_on_the_loop(session)
    try:
        try:
            yield session
        except ServiceError as error:
            if error.keeps_changes:
                keep = functools.partial(_keep_changes, session, writes=writes, open_session=open_session)
                await (awaiting(keep) if awaited else run_in_threadpool(keep))
            raise
        pending = bool(session.new or session.dirty or session.deleted)
        if awaited:
            if pending or (writes and session.in_transaction()):
                await awaiting(session.commit)
        elif writes and turn_taken_on_the_loop(session):
            session.commit()  # its work ran on the loop with SQLite's write lock: so does its end
        elif writes and session.in_transaction():  # not committed already where its work ran (event_loop)
            await run_in_threadpool(session.commit)
        elif pending:
            # A read's statements each commit as they run (db.reading): only what it left pending needs it.
            session.commit()
    finally:
        try:
            if awaited:
                await awaiting(session.close)
            else:
                session.close()
        finally:
            if notes:  # written by the application's own sessions, in the pool, whatever served the request
                await run_in_threadpool(_write_notes, request.app.state.open_session, notes)


def _session_opener(request: Request) -> SessionFactory:
    """Where the request's session comes from: on PostgreSQL, for a route placed on the loop, sessions awaited there
    (loop_sessions.py), unless the application's own factory has been swapped for another (a test's); else the
    application's."""
    opener: SessionFactory = request.app.state.open_session
    on_the_loop: LoopSessions | None = request.app.state.loop_sessions
    if on_the_loop is not None and on_the_loop.instead_of is opener and placed_on_the_loop(request.scope.get("route")):
        return on_the_loop.open_session
    return opener


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request (request_session), for every route to depend on."""
    async with request_session(request) as session:
        yield session


async def database_work(request: Request, session: Session, function: Callable[..., T], *args: object) -> T:
    """Run a dependency's queries on `session`: on the event loop for a read, and for a write on SQLite once its
    turn at this process's write lock has come; in the thread pool for anything else.

    A read's queries never wait: SQLite's readers do not wait for its writer (WAL), PostgreSQL's SELECTs take
    no locks, and platform/admission.py admits no more requests than the pool has connections for, so none
    waits for one. Saved is a trip through the thread pool (about 0.35 ms, as much as a query). A write on
    SQLite waits for the write lock as a coroutine, never holding the loop up (db.writing_on_the_loop says why),
    and then goes on there to its end (event_loop.writes_on_the_loop, request_session's commit); one whose
    transaction took the lock in the pool goes on in the pool. PostgreSQL's writes may wait for a row's lock,
    held by a request that needs the loop to finish: never blocking the loop, so in the pool, or on the loop in a
    greenlet with a session whose waits are awaited there (loop_sessions.py), which is where those run.
    """
    if awaits_on_the_loop(session):
        return await awaiting(function, *args)
    if request.method in SAFE_METHODS:
        return function(*args)
    if on_sqlite(session):
        async with writing_on_the_loop(session) as on_the_loop:
            if on_the_loop:
                return function(*args)
    return await run_in_threadpool(function, *args)


def _write_notes(open_session: SessionFactory, notes: list[Note]) -> None:
    # In a transaction of their own, after the request's has ended, so a request never holds two
    # transactions at once: a read writing its notes itself would upgrade a snapshot that a
    # second transaction beside it had made stale, which SQLite refuses ("database is locked"),
    # and a refused request's notes must outlive the rollback of its work.
    if not notes:
        return
    with open_session(writes=True) as session:
        for change in notes:
            change(session)
        session.commit()


def _keep_changes(session: Session, *, writes: bool, open_session: SessionFactory) -> None:
    """Commit what a refused request recorded (an audit event), although the request failed."""
    if writes:
        session.commit()
        return
    # A read's transaction began without SQLite's write lock, and writing in it fails with
    # "database is locked" once another request has written since; so what it recorded is
    # written in a transaction of its own that takes the lock first.
    kept = list(session.new)
    session.rollback()
    with open_session(writes=True) as writer:
        writer.add_all(kept)
        writer.commit()


# scope="function": commit when the route returns, before the response is sent, so a client
# is never told "saved" (with a new ETag) for a transaction that could still fail to commit.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_page_request(
    settings: SettingsDep,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")] = 1,
    page_size: Annotated[int | None, Query(ge=1, description="Items per page (capped).")] = None,
) -> PageRequest:
    """Page and page size from the query, refusing a page size over the cap by name."""
    return PageRequest.checked(page, page_size, default=settings.page_size_default, cap=settings.page_size_max)


PageDep = Annotated[PageRequest, Depends(get_page_request)]
