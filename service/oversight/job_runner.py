"""The background runner: one thread per server process, taking queued jobs one at a time.

`adtp serve` starts it with the application (service/main.py); the jobs live in the database, so a
job requested in one process may be run by another, and a job a stopped process left half done is
taken up again from where it stood (service/oversight/regeneration.py).
"""

import logging
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service.oversight import regeneration
from service.platform.db import SessionFactory

log = logging.getLogger(__name__)
# How often an idle runner looks for jobs requested in another process (in this one, `wake` is at once).
POLL_SECONDS = 5.0
# Work the runner does on every round besides jobs (sending the outbox, reminders when due): each is given
# the session factory and must be safe to run in several processes at once.
Duty = Callable[[SessionFactory], object]


class JobRunner:
    """Runs queued jobs in a daemon thread until stopped."""

    def __init__(
        self, open_session: SessionFactory, *, poll_seconds: float = POLL_SECONDS, duties: Sequence[Duty] = ()
    ) -> None:
        self._open_session = open_session
        self._poll_seconds = poll_seconds
        self._duties = tuple(duties)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="adtp-jobs", daemon=True)

    def start(self) -> None:
        """Begin taking jobs."""
        self._thread.start()

    @property
    def running(self) -> bool:
        """True between start and stop."""
        return self._thread.is_alive()

    def wake(self) -> None:
        """Look for a job now (one was just requested)."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the submission in hand; the job's remainder goes back to the queue."""
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout)

    def run_until_idle(self) -> int:
        """Run every job there is now, in the calling thread; how many were run (for tests and the CLI)."""
        count = 0
        while (job_id := regeneration.claim_next(self._open_session)) is not None:
            regeneration.run_job(job_id, self._open_session, stopping=self._stopping.is_set)
            count += 1
        return count

    def do_duties(self) -> None:
        """Each duty once; one that fails is logged and tried again next round, the others still run."""
        for duty in self._duties:
            try:
                duty(self._open_session)
            except Exception:
                log.exception("a background duty failed; it runs again on the next round")

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_until_idle()
            except Exception:  # a database outage must not end the thread; the job is retried once abandoned
                log.exception("a background job failed; it will be taken up again")
            self.do_duties()
            self._wake.wait(self._poll_seconds)
            self._wake.clear()


@asynccontextmanager
async def running_jobs(app: FastAPI, *, duties: Sequence[Duty] = ()) -> AsyncIterator[None]:
    """The application's lifespan with a job runner beside it (app.state.job_runner), doing `duties` each round."""
    runner = JobRunner(app.state.open_session, duties=duties)
    app.state.job_runner = runner
    runner.start()
    try:
        yield
    finally:
        runner.stop()
