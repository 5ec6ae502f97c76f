"""When reminders fall: 14 and 7 days before, the working day before (bank holidays skipped), on the day, overdue."""

import datetime

from service.notifications.reminders import reminders_for
from service.notifications.working_days import is_working_day, working_day_before

D = datetime.date


def test_the_working_day_before_easter_monday_is_the_thursday_before_good_friday() -> None:
    assert working_day_before(D(2027, 3, 29)) == D(2027, 3, 25)


def test_the_working_day_before_a_monday_is_the_friday() -> None:
    assert working_day_before(D(2027, 3, 15)) == D(2027, 3, 12)


def test_a_substitute_bank_holiday_is_not_a_working_day() -> None:
    # Boxing Day 2026 is a Saturday: the Monday after is the bank holiday in its place.
    assert not is_working_day(D(2026, 12, 28))
    assert working_day_before(D(2026, 12, 29)) == D(2026, 12, 24)


def test_a_deadline_has_four_reminders_before_it_and_overdue_notices_the_day_after_then_weekly() -> None:
    due = D(2027, 1, 15)  # a Friday

    days = [(reminder.name, reminder.day) for reminder in reminders_for(due)]

    assert days[:6] == [
        ("14-days", D(2027, 1, 1)),
        ("7-days", D(2027, 1, 8)),
        ("working-day-before", D(2027, 1, 14)),
        ("on-the-day", D(2027, 1, 15)),
        ("overdue-1", D(2027, 1, 16)),
        ("overdue-8", D(2027, 1, 23)),
    ]
    assert days[-1] == ("overdue-78", D(2027, 4, 3))  # twelve weekly notices, then the region has long known


def test_when_the_working_day_before_is_a_week_before_only_one_reminder_goes_that_day() -> None:
    # Christmas week 2026: the working day before Tuesday 29 December 2026 is Thursday 24 December.
    due = D(2026, 12, 29)

    days = [reminder.day for reminder in reminders_for(due)]

    assert len(days) == len(set(days))
    assert D(2026, 12, 22) in days
    assert D(2026, 12, 24) in days
