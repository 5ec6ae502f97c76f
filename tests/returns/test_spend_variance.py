"""The quarter's profile, variance, flags, forecast and cost per adult, checked against figures worked by hand."""

from decimal import Decimal

import pytest

from plan_schema.funding import ExpenditureRow
from plan_schema.targets import Targets
from service.returns.spend_variance import (
    planned_adults_in_treatment,
    profile_to_date,
    quarter_months,
    spend_variance,
    variance,
    year_to_date,
)

TEN = Decimal("10.00")
CATEGORIES = ("Prescribing", "Aftercare")


def _rows(*cells: dict[str, str]) -> list[ExpenditureRow]:
    return [ExpenditureRow(category=category, **figures) for category, figures in zip(CATEGORIES, cells, strict=True)]


# The plan's Table 2: Prescribing £40,000 pooled budget and £10,000 police; Aftercare £20,000.01 police.
TABLE_2 = _rows({"pct_mainstream": "40000", "police": "10000"}, {"police": "20000.01"})


def test_the_profile_to_date_is_table_2_times_q_over_4_to_the_penny() -> None:
    profile = profile_to_date(TABLE_2, 3)

    # 40,000 × 3/4 = 30,000; 10,000 × 3/4 = 7,500; 20,000.01 × 3/4 = 15,000.0075 → 15,000.01 (half up).
    assert (profile[0].pct_mainstream, profile[0].police) == (Decimal("30000.00"), Decimal("7500.00"))
    assert profile[1].police == Decimal("15000.01")


def test_the_year_to_date_adds_each_cell_over_the_quarters_so_far() -> None:
    q1 = _rows({"pct_mainstream": "9000.50"}, {"police": "100"})
    q2 = _rows({"pct_mainstream": "11000.25"}, {})

    to_date = year_to_date([q1, q2], CATEGORIES)

    assert to_date[0].pct_mainstream == Decimal("20000.75")
    assert to_date[1].police == Decimal("100.00")
    assert to_date[0].category == "Prescribing"


def test_a_cell_further_than_the_threshold_from_its_profile_is_flagged_and_one_exactly_at_it_is_not() -> None:
    at_threshold = variance(Decimal("20000"), Decimal("22000"), TEN)
    over = variance(Decimal("20000"), Decimal("22000.01"), TEN)
    under = variance(Decimal("5000"), Decimal("4000"), TEN)
    nothing_profiled = variance(Decimal("0"), Decimal("50"), TEN)

    assert (at_threshold.amount, at_threshold.pct, at_threshold.flagged) == (Decimal("2000"), Decimal("10.0"), False)
    assert (over.pct, over.flagged) == (Decimal("10.0"), True)
    assert (under.amount, under.pct, under.flagged) == (Decimal("-1000"), Decimal("-20.0"), True)
    assert (nothing_profiled.pct, nothing_profiled.flagged) == (None, True)


def test_a_quarter_by_cell_row_source_and_total_with_forecast_and_cost_per_adult() -> None:
    # Q2: profile 40,000 × 2/4 = 20,000 and 10,000 × 2/4 = 5,000 for Prescribing; 10,000.01 (10,000.005 up) Aftercare.
    spent = _rows({"pct_mainstream": "23000", "police": "5200"}, {"police": "9000"})

    result = spend_variance(
        quarter=2, table_2=TABLE_2, actual_to_date=spent, threshold_pct=TEN, adults_in_treatment=1200
    )

    prescribing, aftercare = result.categories
    # 23,000 − 20,000 = +3,000, +15.0 %: flagged. 5,200 − 5,000 = +200, +4.0 %: not.
    assert (prescribing.cells["pct_mainstream"].amount, prescribing.cells["pct_mainstream"].pct) == (
        Decimal("3000.00"),
        Decimal("15.0"),
    )
    assert prescribing.cells["pct_mainstream"].flagged
    assert not prescribing.cells["police"].flagged
    # Row: 28,200 against 25,000: +3,200, +12.8 %.
    assert (prescribing.total.amount, prescribing.total.pct, prescribing.total.flagged) == (
        Decimal("3200.00"),
        Decimal("12.8"),
        True,
    )
    # Aftercare: 9,000 against 10,000.01: −1,000.01, −10.0 % (−10.00009…): just over, so flagged.
    assert (aftercare.total.amount, aftercare.total.pct, aftercare.total.flagged) == (
        Decimal("-1000.01"),
        Decimal("-10.0"),
        True,
    )
    # Police as a source: 5,200 + 9,000 = 14,200 against 5,000 + 10,000.01 = 15,000.01: −800.01, −5.3 %.
    assert (result.sources["police"].amount, result.sources["police"].pct) == (Decimal("-800.01"), Decimal("-5.3"))
    # In total: 37,200 against 35,000.01: +2,199.99, +6.3 %, within the threshold.
    assert (result.total.actual, result.total.profile, result.total.pct) == (
        Decimal("37200.00"),
        Decimal("35000.01"),
        Decimal("6.3"),
    )
    assert not result.total.flagged
    assert result.flagged_count == 2  # Prescribing's pooled budget and Aftercare's police
    # Forecast: 37,200 ÷ 2 × 4 = 74,400 against a plan of 70,000.01; per adult: 37,200 ÷ 1,200 = 31.
    assert (result.forecast_outturn, result.forecast_entered) == (Decimal("74400.00"), False)
    assert result.planned_total == Decimal("70000.01")
    assert result.cost_per_adult == Decimal("31.00")


def test_an_entered_profile_and_forecast_replace_the_even_ones() -> None:
    spent = _rows({"pct_mainstream": "10000"}, {})
    entered = _rows({"pct_mainstream": "12500"}, {})

    result = spend_variance(
        quarter=1,
        table_2=TABLE_2,
        actual_to_date=spent,
        threshold_pct=Decimal("25"),
        entered_profile=entered,
        entered_forecast=Decimal("45000.00"),
    )

    # 10,000 against 12,500: −2,500, −20.0 %, within 25 %.
    cell = result.categories[0].cells["pct_mainstream"]
    assert (cell.profile, cell.amount, cell.pct, cell.flagged) == (
        Decimal("12500.00"),
        Decimal("-2500.00"),
        Decimal("-20.0"),
        False,
    )
    assert (result.forecast_outturn, result.forecast_entered) == (Decimal("45000.00"), True)
    assert result.cost_per_adult is None


def test_a_quarter_outside_1_to_4_is_refused() -> None:
    with pytest.raises(ValueError, match="quarters 1 to 4"):
        spend_variance(quarter=5, table_2=TABLE_2, actual_to_date=TABLE_2, threshold_pct=TEN)


def test_the_adults_in_treatment_are_part_2_indicator_1_2_for_the_plan_year() -> None:
    targets = Targets.model_validate(
        {"all_adults_in_effective_treatment": {"baseline_predicted": 1000, "planned_change_pct": {"plan_year": "2.5"}}}
    )

    # 1,000 × 1.025 = 1,025 people.
    assert planned_adults_in_treatment(targets) == 1025
    assert planned_adults_in_treatment(Targets()) is None


def test_quarters_run_from_april_and_the_fourth_is_in_the_next_calendar_year() -> None:
    assert quarter_months("2008/09", 1) == "April to June 2008"
    assert quarter_months("2008/09", 4) == "January to March 2009"
