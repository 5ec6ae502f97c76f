"""Database engines: SQLite by default, PostgreSQL when DATABASE_URL names one."""

import asyncio
import collections
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DisconnectionError
from sqlmodel import Session

from service.platform.canonical import compact_json
from service.platform.pg_cursors import describe_on_demand

# Execution options that mark an engine whose transactions will write, or whose statements only read
# and each commit on their own (see _begin below and `reading`).
WRITES = "adtp_writes"
READS_ONLY = "adtp_reads_only"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whichever spelling the operator gave."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def is_sqlite(url: str) -> bool:
    """True for an embedded SQLite database."""
    return url.startswith("sqlite")


def on_sqlite(session: Session) -> bool:
    """True when `session` works on SQLite: its statements are calls into this process, never a round trip."""
    return session.get_bind().dialect.name == "sqlite"


# Connections each process keeps, and may open beyond them; platform/admission.py admits POOL_SIZE requests
# at once, so that every request in progress has a connection, and a second one (deps._keep_changes) if need be.
POOL_SIZE = 10
MAX_OVERFLOW = 10
CONNECT_TIMEOUT_S = 5


# JSON columns written as the API writes JSON, in a tenth of the standard library's time (canonical.py).
COLUMN_JSON: dict[str, Any] = {"json_serializer": compact_json}


def create_db_engine(url: str, **options: Any) -> Engine:
    """An engine with the settings this service relies on for either database."""
    url = normalise_url(url)
    options = COLUMN_JSON | options
    if not is_sqlite(url):
        engine = create_engine(url, **(pool_options() | options))
        listen_as_postgres(engine, isolation_level=options.get("isolation_level"))
        return engine
    database = url.split(":///", 1)[1] if ":///" in url else ""  # "sqlite://" alone is in memory
    in_file = bool(database) and database != ":memory:"
    if in_file:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # A file's pool as PostgreSQL's; an in-memory database is one connection's, however many ask.
    pooling = {"pool_size": POOL_SIZE, "max_overflow": MAX_OVERFLOW} if in_file else {}
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15}, **(pooling | options))
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "commit", _end)
    event.listen(engine, "rollback", _end)
    return engine


def pool_options() -> dict[str, Any]:
    """The pool and connection settings of an engine on PostgreSQL (also loop_sessions.py's)."""
    # A read's first query may open a connection on the event loop (deps.database_work): a database that
    # does not answer fails that request within seconds rather than holding up the whole process.
    return {
        "pool_size": POOL_SIZE,
        "max_overflow": MAX_OVERFLOW,
        "connect_args": {"connect_timeout": CONNECT_TIMEOUT_S},
    }


def listen_as_postgres(engine: Engine, *, isolation_level: str | None = None) -> None:
    """What each of our engines on PostgreSQL listens for (also loop_sessions.py's): its cursors describe their
    columns on demand (pg_cursors.py), its pool pings a connection idle for a while before lending it out, and
    its sessions that only read do so in autocommit (unless the engine was made with an `isolation_level` of its
    own, which every connection then keeps)."""
    event.listen(engine, "connect", describe_on_demand)
    event.listen(engine.pool, "connect", _note_returned)
    event.listen(engine.pool, "checkin", _note_returned)
    event.listen(engine.pool, "checkout", _ping_if_idle(engine.dialect))
    if isolation_level is None:
        event.listen(engine, "engine_connect", _autocommit_for_reads)


def _autocommit_for_reads(connection: Connection) -> None:
    # A connection reads in autocommit (reading) and anything else in a transaction. SQLAlchemy's own
    # isolation_level="AUTOCOMMIT" set autocommit at each checkout and set it back at each return: on psycopg's
    # asynchronous connection two awaited calls, about 0.08 ms of a session's 0.33 (bench/README.md, "tenth
    # session"). psycopg's flag is the connection's own, no round trip: it is changed here only when the
    # connection was last lent to the other kind of session. A connection comes back from the pool idle (the
    # pool rolls back what was left open), the one state in which psycopg lets the flag change.
    reads_only = bool(connection.get_execution_options().get(READS_ONLY))
    dbapi_connection = connection.connection.dbapi_connection
    if dbapi_connection is not None and dbapi_connection.autocommit != reads_only:
        dbapi_connection.autocommit = reads_only


# A PostgreSQL connection back in the pool for less than this is used again without asking the server whether it
# is still there. SQLAlchemy's pool_pre_ping asks at every checkout: a round trip, and a tenth of a part read's
# CPU, to guard against a server restarted in the last few milliseconds. A connection idle longer is pinged and,
# if dead, replaced before the request sees it; one lost while busy fails its request with a 503 (problems.py),
# and SQLAlchemy then replaces every connection made before the loss.
PING_IF_IDLE_S = 1.0
_RETURNED_AT = "adtp_returned_at"


def _note_returned(_dbapi_connection: Any, record: Any) -> None:
    record.info[_RETURNED_AT] = time.monotonic()


def _ping_if_idle(dialect: Dialect) -> Callable[[Any, Any, Any], None]:
    def ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(_RETURNED_AT, 0.0) < PING_IF_IDLE_S:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool's own signal: it discards this connection and checks out another (up to three times).
            raise DisconnectionError("the database closed an idle connection") from error

    return ping


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite would defer it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# Writers of this process queue here before asking SQLite for its write lock: SQLite's own
# wait is a sleep that backs off (to 100 ms a try), so twenty writers waiting on it took
# seconds; a lock hands the turn on at once. Other processes still meet busy_timeout.
_SQLITE_WRITER = threading.Lock()
_TURN = "adtp_writer_turn"  # the _Turn of the transaction holding the lock, in its connection's and session's info


@dataclass
class _Turn:
    """The writer lock, held by one transaction: taken on the event loop (writing_on_the_loop) or in a pool thread."""

    on_the_loop: bool
    begun: bool = False
    ended: bool = False


# The turn taken on the loop for the transaction that begins next there (_begin takes it up).
_LOOP_TURN: ContextVar[_Turn | None] = ContextVar("adtp_loop_turn", default=None)
# Writes on the loop waiting for the lock, first come first woken; each release wakes one (_let_go).
_WAITING: collections.deque[asyncio.Future[None]] = collections.deque()
_WAITING_GUARD = threading.Lock()


def _begin(connection: Connection) -> None:
    # A transaction that will write takes the write lock up front (BEGIN IMMEDIATE): two
    # writers that both read first and then upgrade their locks would otherwise deadlock,
    # and SQLite answers that with "database is locked" instead of waiting.
    options = connection.get_execution_options()
    if options.get(READS_ONLY):
        return  # no BEGIN: pysqlite (isolation_level None) runs each statement in a transaction of its own
    if options.get(WRITES):
        turn = _LOOP_TURN.get()
        if turn is None or turn.begun:
            _SQLITE_WRITER.acquire()  # in a pool thread (or outside any request): waits its turn
            turn = _Turn(on_the_loop=False)
        turn.begun = True  # a turn taken on the loop is the lock taken already, without waiting
        connection.info[_TURN] = turn
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _end(connection)
            raise
    else:
        connection.exec_driver_sql("BEGIN")


def _end(connection: Connection) -> None:
    if (turn := connection.info.pop(_TURN, None)) is not None:
        turn.ended = True
        _let_go()


def _note_turn(session: Session, _transaction: Any, connection: Connection) -> None:
    # The session is told which turn its transaction holds, so that database_work knows where it may go on.
    if (turn := connection.info.get(_TURN)) is not None:
        session.info[_TURN] = turn


event.listen(Session, "after_begin", _note_turn)


def _let_go() -> None:
    """Let go of the writer lock, and wake the write on the loop that has waited longest for it."""
    _SQLITE_WRITER.release()
    with _WAITING_GUARD:
        while _WAITING:
            waiting = _WAITING.popleft()
            if waiting.done():  # given up (its request cancelled)
                continue
            try:
                waiting.get_loop().call_soon_threadsafe(_wake, waiting)
            except RuntimeError:  # its loop closed (a test's, say) without it being cancelled: nobody to wake there
                continue
            return


def _wake(waiting: asyncio.Future[None]) -> None:
    if waiting.done():  # given up since it was picked: the next in line instead
        _pass_the_turn_on()
        return
    waiting.set_result(None)


def _pass_the_turn_on() -> None:
    """A write woken for the lock gave up: wake the next in line, if nobody has taken the lock since."""
    if _SQLITE_WRITER.acquire(blocking=False):
        _let_go()


async def _writer_lock() -> None:
    """Take the writer lock on the event loop, waiting for it without holding the loop up."""
    loop = asyncio.get_running_loop()
    first_time = True
    while not _SQLITE_WRITER.acquire(blocking=False):
        waiting = loop.create_future()
        with _WAITING_GUARD:
            if first_time:
                _WAITING.append(waiting)
            else:  # woken but beaten to it (by a pool thread, or a write that found it free): first in line again
                _WAITING.appendleft(waiting)
        first_time = False
        if _SQLITE_WRITER.acquire(blocking=False):  # let go of before this write was in line
            waiting.cancel()
            return
        try:
            await waiting
        except asyncio.CancelledError:
            if waiting.done() and not waiting.cancelled():  # woken, then its request cancelled
                _pass_the_turn_on()
            raise


@asynccontextmanager
async def writing_on_the_loop(session: Session) -> AsyncIterator[bool]:
    """Whether a writing session's work may run on the event loop here: True when its transaction took, or (if it
    begins inside) will take, this process's SQLite write lock there; the lock is held until the transaction ends.

    A write's statements cost several times less on the loop than in a pool thread, where each SQLite call hands
    the GIL to and from the loop (bench/README.md, "seventh session"). The loop never blocks on the lock: a
    transaction holding it in a pool thread may need the loop to go on to its commit. So a write waits for it as a
    coroutine, woken when it is let go, and the loop then runs the transaction to its end without yielding to
    another writer. Only a session whose transaction already holds the lock in the pool goes on there (False).
    Taking the lock only when free, and sending the write to the pool otherwise, sent 70 % of the saves at twenty
    connections to the pool: one there held the lock long enough for the next to find it taken (bench/README.md,
    "eighth session"). SQLite's own lock, if another process holds it, is still waited for (busy_timeout): another
    process's transaction never needs this loop.
    """
    if (turn := _turn_held(session)) is not None:
        yield turn.on_the_loop  # its transaction holds the lock: it goes on where it took it
        return
    await _writer_lock()
    turn = session.info[_TURN] = _Turn(on_the_loop=True)
    token = _LOOP_TURN.set(turn)
    try:
        yield True
    finally:
        _LOOP_TURN.reset(token)
        if not turn.begun:  # no transaction began with it: the lock is no connection's to let go of
            _let_go()


def turn_taken_on_the_loop(session: Session) -> bool:
    """True while `session`'s transaction holds the SQLite write lock it took on the event loop (writing_on_the_loop):
    the rest of its work, and its commit, run there too."""
    turn = _turn_held(session)
    return turn is not None and turn.on_the_loop


def _turn_held(session: Session) -> _Turn | None:
    """The turn at the writer lock that `session`'s transaction holds now, if it holds one."""
    turn = session.info.get(_TURN)
    return turn if isinstance(turn, _Turn) and turn.begun and not turn.ended else None


def writing(engine: Engine) -> Engine:
    """The same engine and pool, for transactions that write."""
    return engine.execution_options(**{WRITES: True})


def reading(engine: Engine) -> Engine:
    """The same engine and pool, for sessions that only read: each statement sees what is committed as it runs.

    A request that only reads needs no transaction around its statements: on PostgreSQL, whose default
    isolation (read committed) already gives each statement a snapshot of its own, BEGIN and COMMIT were
    two of a part read's five round trips and changed nothing it saw (its connection reads in autocommit:
    _autocommit_for_reads); SQLite reads the same way once it is not asked to BEGIN (_begin). A read that
    is refused still keeps its audit record (deps._keep_changes writes it in a transaction of its own).
    """
    return engine.execution_options(**{READS_ONLY: True})


class SessionFactory(Protocol):
    """Opens the session for one request; tests swap in one bound to a rolled-back transaction."""

    def __call__(self, *, writes: bool) -> Session: ...


def session_factory(engine: Engine) -> SessionFactory:
    """Sessions on `engine`, taking SQLite's write lock up front when they will write, and none when they only read."""
    writer, reader = writing(engine), reading(engine)

    def open_session(*, writes: bool) -> Session:
        return Session(writer if writes else reader, expire_on_commit=False)

    return open_session
