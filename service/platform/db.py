"""Database engines: SQLite by default, PostgreSQL when DATABASE_URL names one."""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def create_db_engine(url: str, **options: Any) -> Engine:
    """An engine with the settings this service relies on for either database."""
    url = normalise_url(url)
    # JSON columns written as the API writes JSON, in a tenth of the standard library's time (canonical.py).
    options = {"json_serializer": compact_json} | options
    if not is_sqlite(url):
        # A read's first query may open a connection on the event loop (deps.database_work): a database that
        # does not answer fails that request within seconds rather than holding up the whole process.
        engine = create_engine(
            url,
            pool_size=POOL_SIZE,
            max_overflow=MAX_OVERFLOW,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
            **options,
        )
        event.listen(engine, "connect", describe_on_demand)
        event.listen(engine.pool, "connect", _note_returned)
        event.listen(engine.pool, "checkin", _note_returned)
        event.listen(engine.pool, "checkout", _ping_if_idle(engine.dialect))
        return engine
    database = url.split(":///", 1)[1] if ":///" in url else ""  # "sqlite://" alone is in memory
    in_file = bool(database) and database != ":memory:"
    if in_file:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # A file's pool as PostgreSQL's; an in-memory database is one connection's, however many ask.
    pooling = {"pool_size": POOL_SIZE, "max_overflow": MAX_OVERFLOW} if in_file else {}
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15}, **pooling, **options)
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "commit", _end)
    event.listen(engine, "rollback", _end)
    return engine


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
_HOLDS_WRITER_LOCK = "adtp_holds_writer_lock"
_TURN_TAKEN_ON_THE_LOOP = "adtp_turn_taken_on_the_loop"


@dataclass
class _Turn:
    """The writer lock, taken on the event loop for the transaction that begins next there."""

    begun: bool = False
    ended: bool = False


_LOOP_TURN: ContextVar[_Turn | None] = ContextVar("adtp_loop_turn", default=None)


def _begin(connection: Connection) -> None:
    # A transaction that will write takes the write lock up front (BEGIN IMMEDIATE): two
    # writers that both read first and then upgrade their locks would otherwise deadlock,
    # and SQLite answers that with "database is locked" instead of waiting.
    options = connection.get_execution_options()
    if options.get(READS_ONLY):
        return  # no BEGIN: pysqlite (isolation_level None) runs each statement in a transaction of its own
    if options.get(WRITES):
        turn = _LOOP_TURN.get()
        if turn is not None and not turn.begun:
            turn.begun = True  # the lock is taken already, without waiting (writing_on_the_loop)
            connection.info[_TURN_TAKEN_ON_THE_LOOP] = turn
        else:
            _SQLITE_WRITER.acquire()
        connection.info[_HOLDS_WRITER_LOCK] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _end(connection)
            raise
    else:
        connection.exec_driver_sql("BEGIN")


def _end(connection: Connection) -> None:
    if (turn := connection.info.pop(_TURN_TAKEN_ON_THE_LOOP, None)) is not None:
        turn.ended = True
    if connection.info.pop(_HOLDS_WRITER_LOCK, False):
        _SQLITE_WRITER.release()


@contextmanager
def writing_on_the_loop(session: Session) -> Iterator[bool]:
    """Whether a writing session's work may run on the event loop here: True when its transaction took, or (if it
    begins inside) will take, this process's SQLite write lock there; the lock is held until the transaction ends.

    A write's statements cost several times less on the loop than in a pool thread, where each SQLite call hands
    the GIL to and from the loop (bench/README.md, "seventh session"). But the loop must never wait for the lock:
    a transaction holding it in a pool thread may need the loop to go on to its commit. So the lock is taken only
    if free (False otherwise: run in the pool, which waits its turn), and the loop then runs the transaction to its
    end without yielding to another writer. SQLite's own lock, if another process holds it, is still waited for
    (busy_timeout): another process's transaction never needs this loop.
    """
    if turn_taken_on_the_loop(session):
        yield True
        return
    if not _SQLITE_WRITER.acquire(blocking=False):  # held by another transaction, or by this one's in the pool
        yield False
        return
    turn = session.info[_TURN_TAKEN_ON_THE_LOOP] = _Turn()
    token = _LOOP_TURN.set(turn)
    try:
        yield True
    finally:
        _LOOP_TURN.reset(token)
        if not turn.begun:  # no transaction began with it: the lock is no connection's to let go of
            _SQLITE_WRITER.release()


def turn_taken_on_the_loop(session: Session) -> bool:
    """True while `session`'s transaction holds the SQLite write lock it took on the event loop (writing_on_the_loop):
    the rest of its work, and its commit, run there too."""
    turn = session.info.get(_TURN_TAKEN_ON_THE_LOOP)
    return isinstance(turn, _Turn) and turn.begun and not turn.ended


def writing(engine: Engine) -> Engine:
    """The same engine and pool, for transactions that write."""
    return engine.execution_options(**{WRITES: True})


def reading(engine: Engine) -> Engine:
    """The same engine and pool, for sessions that only read: each statement sees what is committed as it runs.

    A request that only reads needs no transaction around its statements: on PostgreSQL, whose default
    isolation (read committed) already gives each statement a snapshot of its own, BEGIN and COMMIT were
    two of a part read's five round trips and changed nothing it saw; SQLite reads the same way once it
    is not asked to BEGIN. A read that is refused still keeps its audit record (deps._keep_changes writes
    it in a transaction of its own).
    """
    if is_sqlite(engine.url.drivername):
        return engine.execution_options(**{READS_ONLY: True})
    return engine.execution_options(isolation_level="AUTOCOMMIT")


class SessionFactory(Protocol):
    """Opens the session for one request; tests swap in one bound to a rolled-back transaction."""

    def __call__(self, *, writes: bool) -> Session: ...


def session_factory(engine: Engine) -> SessionFactory:
    """Sessions on `engine`, taking SQLite's write lock up front when they will write, and none when they only read."""
    writer, reader = writing(engine), reading(engine)

    def open_session(*, writes: bool) -> Session:
        return Session(writer if writes else reader, expire_on_commit=False)

    return open_session
