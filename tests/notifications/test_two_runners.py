"""Two runners, as two server processes have, share one outbox: every message is enqueued and arrives exactly once.

Each runner has its own engine (its own connections), as another process would, and the two send at once
in two threads against one database of their own, committed for real.
"""

import datetime
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from service.notifications import delivery, outbox
from service.notifications.schedule import run_hourly
from service.planning.timetable import ENGLAND
from service.platform.db import create_db_engine, session_factory
from service.platform.settings import Settings
from service.tables.notifications import Message, MessageState
from service.tables.plans import PlanCycle
from tests.notifications.smtp_server import smtp_server
from tests.throwaway_database import throwaway_postgres, throwaway_sqlite

MESSAGES = 120


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A seeded database of its own, committed to, named by its URL (each runner opens its own engine)."""
    if request.param == "sqlite":
        with throwaway_sqlite(tmp_path) as engine:
            yield str(engine.url)
        return
    with throwaway_postgres("the two-runner delivery test") as (_, url):
        yield url


def fill_outbox(engine: Engine) -> None:
    """MESSAGES queued messages, each to its own address, committed."""
    with Session(engine) as session:
        for number in range(MESSAGES):
            outbox.enqueue(
                session,
                recipient=f"person{number}@example.org",
                kind="test",
                subject=f"Message {number}",
                body="Something happened.",
                link="/",
            )
        session.commit()


def test_two_runners_sending_at_once_send_each_message_once(database_url: str) -> None:
    engines = [create_db_engine(database_url) for _ in range(2)]
    fill_outbox(engines[0])
    with smtp_server() as (inbox, smtp_url):
        settings = Settings(environment="test", database_url=database_url, smtp_url=smtp_url)
        start = threading.Barrier(2)
        problems: list[BaseException] = []

        def run(engine: Engine) -> None:
            open_session = session_factory(engine)
            start.wait()
            try:
                while delivery.send_due(open_session, settings, limit=5).sent:
                    pass
            except BaseException as problem:  # reported below, where the test can fail on it
                problems.append(problem)

        runners = [threading.Thread(target=run, args=(engine,)) for engine in engines]
        for runner in runners:
            runner.start()
        for runner in runners:
            runner.join()

    assert problems == []
    arrivals = Counter(str(message["To"]) for message in inbox.received)
    assert len(arrivals) == MESSAGES
    assert set(arrivals.values()) == {1}
    with Session(engines[0]) as session:
        states = dict(session.exec(select(Message.state, func.count()).group_by(Message.state)).all())
        assert states == {MessageState.SENT.value: MESSAGES}
        assert session.exec(select(func.sum(Message.attempts))).one() == MESSAGES
    for engine in engines:
        engine.dispose()


def test_two_runners_finding_the_same_reminders_at_once_enqueue_each_once(database_url: str) -> None:
    engines = [create_db_engine(database_url) for _ in range(2)]
    with Session(engines[0]) as session:
        cycle = session.exec(select(PlanCycle).order_by(col(PlanCycle.id).desc())).first()
        assert cycle is not None
        due = cycle.initial_submission_due
    now = datetime.datetime.combine(due - datetime.timedelta(days=7), datetime.time(9), tzinfo=ENGLAND)
    settings = Settings(environment="test", database_url=database_url)
    start = threading.Barrier(2)
    found: list[tuple[int, int]] = []
    problems: list[BaseException] = []

    def run(engine: Engine) -> None:
        start.wait()
        try:
            found.append(run_hourly(session_factory(engine), now, settings))
        except BaseException as problem:  # reported below, where the test can fail on it
            problems.append(problem)

    runners = [threading.Thread(target=run, args=(engine,)) for engine in engines]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()

    assert problems == []
    with Session(engines[0]) as session:
        subjects = session.exec(select(Message.address, Message.subject)).all()
    assert len(subjects) == len(set(subjects)) > 0
    assert sum(sent for sent, _ in found) == len(subjects)  # what one runner enqueued, the other found done
    for engine in engines:
        engine.dispose()
