"""Agreed % changes become whole numbers of people, exactly and the same way everywhere."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_schema.target_numbers import target_number, targets_as_numbers

baselines = st.integers(min_value=0, max_value=10_000_000)
percentages = st.decimals(min_value=Decimal(-100), max_value=Decimal(500), places=2, allow_nan=False)


def test_a_three_per_cent_rise_on_3600_people_is_3708() -> None:
    assert target_number(3600, Decimal("3.00")) == 3708


def test_half_a_person_rounds_up() -> None:
    # 1000 × 1.0005 = 1000.5: banker's rounding would give 1000, the plan says 1001.
    assert target_number(1000, Decimal("0.05")) == 1001


def test_just_under_half_a_person_rounds_down() -> None:
    assert target_number(1000, Decimal("0.04")) == 1000


def test_a_partnership_with_no_one_in_treatment_has_a_target_of_no_one() -> None:
    assert target_number(0, Decimal("25.00")) == 0


def test_a_fall_of_one_hundred_per_cent_is_no_one() -> None:
    assert target_number(3580, Decimal("-100")) == 0


def test_a_fall_rounds_half_up_too() -> None:
    # 1000 × 0.9995 = 999.5 → 1000, the same rule as rises.
    assert target_number(1000, Decimal("-0.05")) == 1000


def test_no_change_keeps_the_baseline() -> None:
    assert target_number(4571, Decimal("0")) == 4571


def test_a_fall_of_more_than_one_hundred_per_cent_is_refused() -> None:
    with pytest.raises(ValueError, match="at least -100%"):
        target_number(3580, Decimal("-100.01"))


def test_a_negative_baseline_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        target_number(-1, Decimal("3.00"))


@pytest.mark.parametrize("pct", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_a_percentage_that_is_not_a_number_is_refused(pct: Decimal) -> None:
    with pytest.raises(ValueError, match="finite"):
        target_number(3580, pct)


def test_a_float_percentage_is_refused_because_it_is_already_inexact() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        target_number(3580, 3.0)  # type: ignore[arg-type]


def test_a_huge_percentage_is_worked_out_exactly_not_to_28_digits() -> None:
    assert target_number(3, Decimal("1E+40")) == 3 * 10**38 + 3


def test_people_indicators_with_a_baseline_and_an_agreed_change_become_numbers() -> None:
    numbers = targets_as_numbers(
        {"1.1": 3580, "1.2": 4571},
        {"1.1": Decimal("3.00"), "1.2": Decimal("2.50")},
    )

    assert numbers == {"1.1": 3687, "1.2": 4685}  # 3687.4 and 4685.275


def test_an_indicator_without_an_agreed_change_has_no_number_yet() -> None:
    assert targets_as_numbers({"1.1": 3580, "1.2": 4571}, {"1.1": Decimal("3.00")}) == {"1.1": 3687}


def test_an_agreed_change_without_a_baseline_has_no_number_yet() -> None:
    assert targets_as_numbers({}, {"1.1": Decimal("3.00"), "2": Decimal("2.00")}) == {}


def test_a_rate_indicator_is_never_turned_into_people() -> None:
    with pytest.raises(ValueError, match="not counted in people"):
        targets_as_numbers({"2": 80}, {"2": Decimal("2.00")})


@given(baselines, percentages)
def test_the_number_is_the_exact_decimal_result_rounded_half_up(baseline: int, pct: Decimal) -> None:
    exact = Decimal(baseline) * (Decimal(100) + pct) / Decimal(100)  # exact: at most 8 + 5 digits

    assert target_number(baseline, pct) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@given(baselines, percentages, percentages)
def test_a_larger_change_never_gives_fewer_people(baseline: int, first: Decimal, second: Decimal) -> None:
    low, high = sorted((first, second))

    assert target_number(baseline, low) <= target_number(baseline, high)


@given(baselines, percentages)
def test_the_number_is_never_negative(baseline: int, pct: Decimal) -> None:
    assert target_number(baseline, pct) >= 0
