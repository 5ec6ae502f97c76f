"""The regional timetable: the guidance's default dates for a plan year."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from plan_schema.plan_year import first_calendar_year
from plan_schema.vocabulary import SubmissionStage
from plan_schema.wording import long_date, plural


@dataclass(frozen=True)
class Timetable:
    """When each step of a plan year falls due (guidance, Treatment planning timetable)."""

    initial_submission_due: datetime.date
    panel_response_due: datetime.date
    final_submission_due: datetime.date
    sign_off_due: datetime.date
    publication_due: datetime.date
    targets_agreed_due: datetime.date
    baseline_due: datetime.date
    q1_return_due: datetime.date
    q2_return_due: datetime.date
    q3_return_due: datetime.date
    q4_return_due: datetime.date


def default_timetable(plan_year: str) -> Timetable:
    """Mid January, mid February, mid March, 31 March, end of May, August; each quarter's return a month after it."""
    start = first_calendar_year(plan_year)
    return Timetable(
        initial_submission_due=datetime.date(start, 1, 15),
        panel_response_due=datetime.date(start, 2, 15),
        final_submission_due=datetime.date(start, 3, 15),
        sign_off_due=datetime.date(start, 3, 31),
        publication_due=datetime.date(start, 5, 31),
        targets_agreed_due=datetime.date(start, 5, 31),
        baseline_due=datetime.date(start, 8, 31),
        # A quarter's figures settle within the month after it ends, so its return is due at that month's end.
        q1_return_due=datetime.date(start, 7, 31),
        q2_return_due=datetime.date(start, 10, 31),
        q3_return_due=datetime.date(start + 1, 1, 31),
        q4_return_due=datetime.date(start + 1, 4, 30),
    )


# Deadlines are English dates: a submission at 23:30 on 15 January (GMT or BST) is on time.
ENGLAND = ZoneInfo("Europe/London")


def local_date(moment: datetime.datetime) -> datetime.date:
    """The date in England at a moment."""
    return moment.astimezone(ENGLAND).date()


def days_late(due: datetime.date, moment: datetime.datetime) -> int:
    """Whole days after the due date (0 when on time)."""
    return max(0, (local_date(moment) - due).days)


# Past four weeks, "overdue by 6898 days" means nothing to a reader: the date it was due does.
LONG_OVERDUE_DAYS = 28


@dataclass(frozen=True)
class Deadline:
    """The next thing due on a plan, and when."""

    what: str
    due: datetime.date

    def days_left(self, today: datetime.date) -> int:
        """Negative once overdue."""
        return (self.due - today).days

    def long_overdue(self, today: datetime.date) -> bool:
        """Overdue so long that a count of days says less than the date it was due."""
        return self.days_left(today) < -LONG_OVERDUE_DAYS

    def describe(self, today: datetime.date) -> str:
        """ "due in 3 days", "due today", "overdue by 2 days", "overdue since 15 January 2008"."""
        left = self.days_left(today)
        if left == 0:
            return "due today"
        if self.long_overdue(today):
            return f"overdue since {long_date(self.due)}"
        return f"due in {plural(left, 'day')}" if left > 0 else f"overdue by {plural(-left, 'day')}"


def lateness(days_late: int) -> str:
    """ "on time", "1 day late", "3 days late": how a submission met its due date."""
    if not days_late:
        return "on time"
    return f"{plural(days_late, 'day')} late"


def timetable_of(cycle: object) -> Timetable:
    """A cycle's timetable (its stored dates, which an admin may have changed)."""
    return Timetable(**{name: getattr(cycle, name) for name in Timetable.__dataclass_fields__})


# Which of the timetable's dates each submission is due by.
STAGE_DUE: dict[SubmissionStage, str] = {
    SubmissionStage.INITIAL: "initial_submission_due",
    SubmissionStage.FINAL: "final_submission_due",
}


def return_due(cycle: object, quarter: int) -> datetime.date:
    """The date a cycle's quarterly return for quarter 1 to 4 is due by."""
    due: datetime.date = getattr(cycle, f"q{quarter}_return_due")
    return due


def stage_due(cycle: object, stage: SubmissionStage) -> datetime.date:
    """The date a cycle's submission of a stage is due by."""
    due: datetime.date = getattr(cycle, STAGE_DUE[stage])
    return due
