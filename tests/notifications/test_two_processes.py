"""Two runner processes, as two `adtp serve` workers are, send one PostgreSQL outbox: every message exactly once.

tests/notifications/test_two_runners.py runs two runners as threads with engines of their own; here they are
two operating-system processes, each with its own interpreter and connections, let go at the same moment.
"""

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlmodel import Session, func, select

from service.platform.db import create_db_engine
from service.platform.settings import PROJECT_ROOT
from service.tables.notifications import Message, MessageState
from tests.notifications.smtp_server import smtp_server
from tests.notifications.test_two_runners import MESSAGES, fill_outbox
from tests.throwaway_database import throwaway_postgres

# One runner process: ready once imported and connected, then it waits for the gate and sends until nothing
# is left, and prints how many it sent.
RUNNER = """
import pathlib, sys, time
from service.notifications import delivery
from service.platform.db import create_db_engine, session_factory
from service.platform.settings import Settings
url, smtp_url, ready, gate = sys.argv[1:]
engine = create_db_engine(url)
open_session = session_factory(engine)
settings = Settings(environment="test", database_url=url, smtp_url=smtp_url)
with engine.connect():
    pathlib.Path(ready).touch()
while not pathlib.Path(gate).exists():
    time.sleep(0.01)
sent = 0
while (report := delivery.send_due(open_session, settings, limit=5)).sent:
    sent += report.sent
print(sent)
"""


def _wait_for(paths: list[Path], runners: list[subprocess.Popen[str]]) -> None:
    deadline = time.monotonic() + 60
    while not all(path.exists() for path in paths):
        if any(runner.poll() is not None for runner in runners) or time.monotonic() > deadline:
            raise AssertionError(
                "a runner process did not start: " + " ".join(r.stderr.read() for r in runners if r.stderr)
            )
        time.sleep(0.05)


def test_two_runner_processes_send_each_message_once(tmp_path: Path) -> None:
    with throwaway_postgres("the two-process delivery test") as (engine, url), smtp_server() as (inbox, smtp_url):
        fill_outbox(engine)
        ready = [tmp_path / f"ready-{number}" for number in (1, 2)]
        gate = tmp_path / "gate"
        runners = [
            subprocess.Popen(  # noqa: S603 - our own interpreter running our own code
                [sys.executable, "-c", RUNNER, url, smtp_url, str(flag), str(gate)],
                cwd=PROJECT_ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for flag in ready
        ]
        _wait_for(ready, runners)
        gate.touch()
        outputs = [runner.communicate(timeout=120) for runner in runners]

        assert [runner.returncode for runner in runners] == [0, 0], [error for _, error in outputs]
        sent = [int(out) for out, _ in outputs]
        assert sum(sent) == MESSAGES
        assert min(sent) > 0  # both took part
        arrivals = Counter(str(message["To"]) for message in inbox.received)
        assert len(arrivals) == MESSAGES
        assert set(arrivals.values()) == {1}
        checking = create_db_engine(url)
        with Session(checking) as session:
            states = dict(session.exec(select(Message.state, func.count()).group_by(Message.state)).all())
            assert states == {MessageState.SENT.value: MESSAGES}
        checking.dispose()
