"""The timetable's wording: how a submission met its due date."""

import pytest

from service.timetable import lateness


@pytest.mark.parametrize(("days_late", "expected"), [(0, "on time"), (1, "1 day late"), (3, "3 days late")])
def test_lateness_counts_whole_days_in_words(days_late: int, expected: str) -> None:
    assert lateness(days_late) == expected
