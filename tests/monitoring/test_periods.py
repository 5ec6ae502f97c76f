"""A figure's period is a plan year or one of its quarters, written one way."""

import pytest

from service.monitoring.periods import Period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2027/28", Period("2027/28")),
        ("2027/28 Q1", Period("2027/28", 1)),
        (" 2027/28  q4 ", Period("2027/28", 4)),
    ],
)
def test_a_plan_year_or_a_quarter_of_one_is_a_period(text: str, period: Period) -> None:
    assert Period.parse(text) == period


@pytest.mark.parametrize("text", ["2027/29", "2027-28", "2027/28 Q5", "2027/28 Q0", "Q1 2027/28", "2027/28 M01", ""])
def test_anything_else_is_refused_with_the_forms_that_are_accepted(text: str) -> None:
    with pytest.raises(ValueError, match="2027/28 Q1"):
        Period.parse(text)


def test_a_period_is_written_back_as_it_is_accepted() -> None:
    assert str(Period.parse("2027/28 q2")) == "2027/28 Q2"
    assert str(Period.parse("2027/28")) == "2027/28"
