"""Database engines: SQLite by default, PostgreSQL when DATABASE_URL names one."""

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DisconnectionError
from sqlmodel import Session

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


def _begin(connection: Connection) -> None:
    # A transaction that will write takes the write lock up front (BEGIN IMMEDIATE): two
    # writers that both read first and then upgrade their locks would otherwise deadlock,
    # and SQLite answers that with "database is locked" instead of waiting.
    options = connection.get_execution_options()
    if options.get(READS_ONLY):
        return  # no BEGIN: pysqlite (isolation_level None) runs each statement in a transaction of its own
    if options.get(WRITES):
        _SQLITE_WRITER.acquire()
        connection.info["holds_writer_lock"] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _end(connection)
            raise
    else:
        connection.exec_driver_sql("BEGIN")


def _end(connection: Connection) -> None:
    if connection.info.pop("holds_writer_lock", False):
        _SQLITE_WRITER.release()


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
