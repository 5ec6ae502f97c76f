"""Numbers as typed into forms: one reading, one wording, for every page that asks for them."""

from decimal import Decimal

from plan_schema.typed_numbers import PERCENTAGE_PROBLEM, percentage, whole_number


def test_a_percentage_is_read_as_people_type_it() -> None:
    assert [percentage(typed)[0] for typed in ("+5", "-2.5%", " 12.25 % ", "1,250")] == [
        Decimal(5),
        Decimal("-2.5"),
        Decimal("12.25"),
        Decimal(1250),
    ]
    assert percentage("") == (None, None)  # not known yet: each form decides whether that will do


def test_a_percentage_that_is_not_one_is_refused_in_one_wording() -> None:
    assert [percentage(typed) for typed in ("a lot", "NaN", "Infinity")] == [(None, PERCENTAGE_PROBLEM)] * 3
    assert percentage("2.125") == (None, "Enter a percentage with at most 2 decimal places")
    assert percentage("2.125", places=None) == (Decimal("2.125"), None)


def test_a_whole_number_is_read_without_its_commas() -> None:
    assert whole_number("1,250") == (1250, None)
    assert whole_number("12.5")[1] == "Enter a whole number, like 1250"
