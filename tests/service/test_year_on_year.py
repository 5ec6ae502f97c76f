"""A new cycle's plan starts from last year's: text kept, dates cleared, money moved a column left."""

from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel

from plan_schema.funding import Funding
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES, PartName
from service.demo.filled_plan import PLAN_YEAR_FUNDING, filled_plan
from service.planning.year_on_year import carry_over

PCTS = ["5PG", "5MX", "5M1"]


def _carry(previous: dict[PartName, BaseModel], **overrides: Any) -> dict[PartName, BaseModel]:
    arguments: dict[str, Any] = {
        "previous_plan_year": "2008/09",
        "new_plan_year": "2009/10",
        "new_previous_year": "2008/09",
        "expenditure_categories": DEFAULT_EXPENDITURE_CATEGORIES,
        "pct_codes": PCTS,
    }
    return carry_over(previous, **(arguments | overrides))


@pytest.fixture
def last_year() -> dict[PartName, BaseModel]:
    return filled_plan("2008/09", PCTS)


def _grids(parts: dict[PartName, BaseModel]) -> PlanningGrids:
    grids = parts[PartName.PLANNING_GRIDS]
    assert isinstance(grids, PlanningGrids)
    return grids


def _funding(parts: dict[PartName, BaseModel]) -> Funding:
    funding = parts[PartName.FUNDING]
    assert isinstance(funding, Funding)
    return funding


def _targets(parts: dict[PartName, BaseModel]) -> Targets:
    targets = parts[PartName.TARGETS]
    assert isinstance(targets, Targets)
    return targets


def test_every_part_of_the_new_plan_is_there(last_year: dict[PartName, BaseModel]) -> None:
    assert list(_carry(last_year)) == list(PartName)


def test_the_strategic_summary_and_key_priorities_are_kept_for_revision(
    last_year: dict[PartName, BaseModel],
) -> None:
    summary = _carry(last_year)[PartName.STRATEGIC_SUMMARY]

    assert isinstance(summary, StrategicSummary)
    assert summary == last_year[PartName.STRATEGIC_SUMMARY]
    assert summary is not last_year[PartName.STRATEGIC_SUMMARY]


def test_every_objective_and_action_date_is_cleared(last_year: dict[PartName, BaseModel]) -> None:
    grids = _grids(_carry(last_year))

    objectives = [objective for grid in grids.grids for objective in grid.objectives]
    assert objectives
    assert all(objective.target_date is None for objective in objectives)
    assert all(action.due is None for objective in objectives for action in objective.actions)


def test_objectives_keep_their_text_measure_themes_priority_and_postholders(
    last_year: dict[PartName, BaseModel],
) -> None:
    before = _grids(last_year)
    after = _grids(_carry(last_year))

    undated = before.model_copy(deep=True)
    for grid in undated.grids:
        for objective in grid.objectives:
            objective.target_date = None
            for action in objective.actions:
                action.due = None
    assert after == undated


def test_last_years_dates_are_not_touched_in_last_years_plan(last_year: dict[PartName, BaseModel]) -> None:
    _carry(last_year)

    assert _grids(last_year).grids[0].objectives[0].target_date is not None


def test_the_plan_year_column_becomes_the_previous_year_with_totals_recomputed(
    last_year: dict[PartName, BaseModel],
) -> None:
    funding = _funding(_carry(last_year))

    previous, plan = funding.table_1
    assert previous.year == "2008/09"
    assert previous.police == Decimal(PLAN_YEAR_FUNDING["police"])
    assert previous.smptb_adult == Decimal("11868534.00")  # 12516744.00 − 648210.00
    assert previous.total == Decimal("24108486.48")
    assert previous.other_description == _funding(last_year).table_1[1].other_description
    assert plan.year == "2009/10"
    assert plan.total == Decimal("0.00")


def test_a_carried_column_is_relabelled_when_the_years_are_not_consecutive(
    last_year: dict[PartName, BaseModel],
) -> None:
    # A partnership that sat out a cycle: its 2008/09 plan year stands in for the 2009/10 column.
    funding = _funding(_carry(last_year, new_plan_year="2010/11", new_previous_year="2009/10"))

    assert [column.year for column in funding.table_1] == ["2009/10", "2010/11"]
    assert funding.table_1[0].total == Decimal("24108486.48")


def test_table_2_starts_empty_with_the_cycles_categories(last_year: dict[PartName, BaseModel]) -> None:
    categories = [f"Category {number}" for number in range(1, 11)]

    funding = _funding(_carry(last_year, expenditure_categories=categories))

    assert [row.category for row in funding.table_2] == categories
    assert all(row.total == Decimal("0.00") for row in funding.table_2)
    assert funding.table_2_totals.total == Decimal("0.00")


def test_a_previous_plan_without_a_plan_year_column_gives_an_empty_previous_year(
    last_year: dict[PartName, BaseModel],
) -> None:
    # Last year's plan only ever filled in its previous-year column.
    previous = dict(last_year)
    previous[PartName.FUNDING] = Funding.model_validate(
        {"table_1": [_funding(last_year).table_1[0].model_dump(mode="json")]}
    )

    funding = _funding(_carry(previous))

    assert [column.year for column in funding.table_1] == ["2008/09", "2009/10"]
    assert funding.table_1[0].total == Decimal("0.00")
    assert funding.table_1[0].police == Decimal("0.00")


def test_a_previous_plan_without_a_funding_part_still_carries_over(last_year: dict[PartName, BaseModel]) -> None:
    previous: dict[PartName, BaseModel] = {part: model for part, model in last_year.items() if part != PartName.FUNDING}

    funding = _funding(_carry(previous))

    assert [column.year for column in funding.table_1] == ["2008/09", "2009/10"]


def test_targets_start_empty_apart_from_primary_care(last_year: dict[PartName, BaseModel]) -> None:
    targets = _targets(_carry(last_year))

    assert targets.crack_opiate_users_in_effective_treatment.baseline_predicted is None
    assert targets.crack_opiate_users_in_effective_treatment.planned_change_pct.plan_year is None
    assert targets.retention.baseline_actual is None
    assert targets.care_planned_exits.planned_change_pct.plan_year is None
    assert targets.model_copy(update={"primary_care": []}) == Targets()


def test_pcts_still_covered_keep_last_years_practice_counts(last_year: dict[PartName, BaseModel]) -> None:
    targets = _targets(_carry(last_year))

    assert targets.primary_care == _targets(last_year).primary_care


def test_a_new_pct_gets_an_empty_row_and_a_pct_no_longer_covered_is_dropped(
    last_year: dict[PartName, BaseModel],
) -> None:
    targets = _targets(_carry(last_year, pct_codes=["5MX", "5NT"]))

    assert [entry.pct_code for entry in targets.primary_care] == ["5MX", "5NT"]
    kept, new = targets.primary_care
    assert kept == _targets(last_year).primary_care[1]
    assert new.practices_in_area is None
    assert new.practices_in_shared_care is None


def test_a_pct_listed_twice_gets_one_row(last_year: dict[PartName, BaseModel]) -> None:
    targets = _targets(_carry(last_year, pct_codes=["5PG", "5PG"]))

    assert [entry.pct_code for entry in targets.primary_care] == ["5PG"]


def test_the_previous_year_must_come_before_the_plan_year(last_year: dict[PartName, BaseModel]) -> None:
    with pytest.raises(ValueError, match="must come before"):
        _carry(last_year, new_previous_year="2009/10")


def test_a_label_that_is_not_a_plan_year_is_refused(last_year: dict[PartName, BaseModel]) -> None:
    with pytest.raises(ValueError, match="not a plan year"):
        _carry(last_year, new_plan_year="2009-10")


def test_the_wrong_number_of_expenditure_categories_is_refused(last_year: dict[PartName, BaseModel]) -> None:
    with pytest.raises(ValueError, match="table_2"):
        _carry(last_year, expenditure_categories=["Only one"])
