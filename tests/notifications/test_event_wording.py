"""The words of event messages: dates and times as GOV.UK writes them, names, and what people wrote set apart."""

import datetime

import pytest

from service.notifications import event_wording as words


def test_a_day_is_written_with_its_weekday_and_no_leading_zero() -> None:
    assert words.day(datetime.date(2008, 10, 3)) == "Friday 3 October 2008"


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (datetime.datetime(2008, 1, 15, 14, 5, tzinfo=datetime.UTC), "2:05pm on Tuesday 15 January 2008"),
        # British Summer Time: 11am UTC is midday in England.
        (datetime.datetime(2008, 7, 1, 11, 0, tzinfo=datetime.UTC), "midday on Tuesday 1 July 2008"),
        (datetime.datetime(2008, 7, 1, 23, 0, tzinfo=datetime.UTC), "midnight on Wednesday 2 July 2008"),
        (datetime.datetime(2008, 1, 15, 0, 30, tzinfo=datetime.UTC), "12:30am on Tuesday 15 January 2008"),
    ],
)
def test_a_moment_is_written_in_englands_time(at: datetime.datetime, expected: str) -> None:
    assert words.moment(at) == expected


def test_a_plan_is_named_by_whose_it_is_and_its_year() -> None:
    assert words.PlanNamed("Birmingham", "2008/09").subject("published") == "Birmingham's 2008/09 plan: published"
    assert words.PlanNamed("St Helens", "2008/09").name == "St Helens' 2008/09 plan"


def test_what_someone_wrote_is_indented_line_by_line_with_blank_lines_kept_blank() -> None:
    assert words.quoted("  First line.\n\nSecond line.\n") == "    First line.\n\n    Second line."


def test_a_late_submission_says_how_late_in_its_receipt() -> None:
    facts = words.SubmissionFacts(
        stage="initial",
        number=3,
        submitted_at=datetime.datetime(2008, 1, 17, 9, 0, tzinfo=datetime.UTC),
        submitted_by="Priya Planner",
        content_sha256="ab" * 32,
        files=[("part-1.docx", "cd" * 32)],
        due=datetime.date(2008, 1, 15),
        days_late=2,
    )

    receipt = words.submission_receipt(words.PlanNamed("Birmingham", "2008/09"), facts, next_step="Wait.")

    assert receipt.subject == "Birmingham's 2008/09 plan: initial submission received"
    assert receipt.body.startswith(
        "We received the initial submission of Birmingham's 2008/09 plan at 9:00am on Thursday 17 January 2008."
    )
    assert "It was due by Tuesday 15 January 2008, so it was 2 days late." in receipt.body
    assert f"part-1.docx\nSHA-256: {'cd' * 32}" in receipt.body
