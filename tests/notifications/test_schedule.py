"""The runner's duty: on each round it sends the outbox; once an hour it finds the reminders and digests due."""

import datetime

from fastapi import FastAPI
from sqlmodel import Session

from service.notifications.schedule import NotificationDuties
from service.oversight.job_runner import JobRunner
from service.planning.timetable import ENGLAND
from service.platform.db import SessionFactory
from service.platform.settings import Settings
from service.tables.plans import PlanCycle
from tests.conftest import ACTORS, Demo
from tests.notifications.smtp_server import smtp_server


def test_the_runner_sends_a_reminder_the_morning_it_falls_due_once(app: FastAPI, session: Session, demo: Demo) -> None:
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    seven_days_before = cycle.initial_submission_due - datetime.timedelta(days=7)
    moments = iter(
        datetime.datetime.combine(seven_days_before, datetime.time(hour, minute), tzinfo=ENGLAND)
        for hour, minute in ((7, 0), (8, 5), (8, 10), (9, 5))
    )
    open_session: SessionFactory = app.state.open_session
    with smtp_server() as (inbox, url):
        settings = Settings(environment="test", database_url="sqlite://", smtp_url=url, base_url="https://adtp.example")
        runner = JobRunner(open_session, duties=[NotificationDuties(settings, clock=lambda: next(moments))])

        runner.do_duties()  # 07:00: too early for reminders
        assert inbox.to(ACTORS["planner_a"]) == []
        runner.do_duties()  # 08:05: an hour since the last look, and the morning: the reminder goes
        runner.do_duties()  # 08:10: not an hour since: only the outbox is sent
        runner.do_duties()  # 09:05: the hour's look finds it sent already

    [reminder] = inbox.to(ACTORS["planner_a"])
    assert str(reminder["Subject"]).startswith("Make the initial submission of")
    assert f"https://adtp.example/plans/{demo.filled_plan_id}/submit/initial" in reminder.get_content()
    assert len(inbox.to(ACTORS["finance_a"])) == 1
