"""The timetable's wording: how a submission met its due date."""

import datetime

import pytest

from service.planning.timetable import Deadline, lateness


@pytest.mark.parametrize(("days_late", "expected"), [(0, "on time"), (1, "1 day late"), (3, "3 days late")])
def test_lateness_counts_whole_days_in_words(days_late: int, expected: str) -> None:
    assert lateness(days_late) == expected


def test_a_deadline_long_past_is_told_by_its_date_not_thousands_of_days() -> None:
    deadline = Deadline("initial submission", datetime.date(2008, 1, 15))

    assert deadline.describe(datetime.date(2008, 1, 18)) == "overdue by 3 days"
    assert deadline.describe(datetime.date(2026, 12, 5)) == "overdue since 15 January 2008"
