"""The demonstration plan is complete and consistent; the demonstration reference data is sound."""

import datetime
import re
from decimal import Decimal

import pytest

from plan_schema import funding_totals
from plan_schema.funding import Funding, FundingYear
from plan_schema.parts import PART_MODELS, parse_part
from plan_schema.plan_year import plan_year_bounds
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import (
    DEFAULT_EXPENDITURE_CATEGORIES,
    STANDARD_GRID_TITLES,
    STRATEGIC_SUMMARY_ELEMENTS,
    CrossCuttingTheme,
    PartName,
)
from service.demo.filled_plan import DEFAULT_PCT_CODES, filled_plan, split_across_categories
from service.demo.reference_data import FILLED_PLAN_PARTNERSHIP, PARTNERSHIPS, REGIONS

PLAN_YEAR = "2008/09"
PREVIOUS_YEAR = "2007/08"
UPLIFT = Decimal("1.025")
MAINSTREAM_GROUPS = (
    ("police",),
    ("pct_mainstream", "social_services", "section_31_pooled"),
    ("probation",),
    ("supporting_people",),
)
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
POSTHOLDER = re.compile(r"^\S.* \((Dr )?[A-Z]\. [A-Z][A-Za-z'\-]+\)$")


@pytest.fixture(scope="module")
def summary() -> StrategicSummary:
    part = filled_plan()[PartName.STRATEGIC_SUMMARY]
    assert isinstance(part, StrategicSummary)
    return part


@pytest.fixture(scope="module")
def targets() -> Targets:
    part = filled_plan()[PartName.TARGETS]
    assert isinstance(part, Targets)
    return part


@pytest.fixture(scope="module")
def grids() -> PlanningGrids:
    part = filled_plan()[PartName.PLANNING_GRIDS]
    assert isinstance(part, PlanningGrids)
    return part


@pytest.fixture(scope="module")
def funding() -> Funding:
    part = filled_plan()[PartName.FUNDING]
    assert isinstance(part, Funding)
    return part


def column(funding: Funding, year: str) -> FundingYear:
    found = funding_totals.year_column(funding, year)
    assert found is not None, f"Table 1 has no {year} column"
    return found


def words(text: str) -> int:
    return len(text.split())


# The whole plan


def test_the_plan_has_the_four_parts_as_their_models() -> None:
    plan = filled_plan()
    assert set(plan) == set(PartName)
    for part, document in plan.items():
        assert type(document) is PART_MODELS[part]


@pytest.mark.parametrize("part", list(PartName))
def test_each_part_survives_a_json_round_trip(part: PartName) -> None:
    document = filled_plan()[part]
    assert parse_part(part, document.model_dump(mode="json")) == document


def test_a_later_plan_year_moves_every_year_and_date() -> None:
    plan = filled_plan("2009/10")
    first, last = plan_year_bounds("2009/10")
    grids = plan[PartName.PLANNING_GRIDS]
    assert isinstance(grids, PlanningGrids)
    for grid in grids.grids:
        for objective in grid.objectives:
            assert objective.target_date is not None
            assert first <= objective.target_date <= last
    funding = plan[PartName.FUNDING]
    assert isinstance(funding, Funding)
    assert [year.year for year in funding.table_1] == ["2008/09", "2009/10"]
    assert funding.table_2_totals.total == column(funding, "2009/10").total
    summary = plan[PartName.STRATEGIC_SUMMARY]
    assert isinstance(summary, StrategicSummary)
    assert "2009/10" in summary.priorities_for_next_year
    for document in plan.values():
        assert not PLACEHOLDER.search(document.model_dump_json())


# Part 1


def test_part_1_has_all_five_elements(summary: StrategicSummary) -> None:
    for field, heading in STRATEGIC_SUMMARY_ELEMENTS:
        assert getattr(summary, field).strip(), f"{heading} is empty"


def test_part_1_words_are_in_range(summary: StrategicSummary) -> None:
    elements = sum(words(getattr(summary, field)) for field, _ in STRATEGIC_SUMMARY_ELEMENTS)
    priorities = sum(words(priority.title) + words(priority.description) for priority in summary.key_priorities)
    assert 1_700 <= elements + priorities <= 3_200
    assert 1_500 <= elements <= 3_500


def test_part_1_has_five_to_seven_numbered_key_priorities(summary: StrategicSummary) -> None:
    numbers = [priority.number for priority in summary.key_priorities]
    assert 5 <= len(numbers) <= 7
    assert numbers == list(range(1, len(numbers) + 1))
    for priority in summary.key_priorities:
        assert priority.title.strip()
        assert priority.description.strip()


def test_part_1_leaves_no_placeholder_unfilled(summary: StrategicSummary) -> None:
    text = summary.model_dump_json()
    assert not PLACEHOLDER.search(text)
    assert PLAN_YEAR in text


# Part 2


def test_part_2_effective_treatment_targets_are_complete(targets: Targets) -> None:
    for target in (targets.crack_opiate_users_in_effective_treatment, targets.all_adults_in_effective_treatment):
        assert target.baseline_actual is not None
        assert target.baseline_predicted is not None
        changes = target.planned_change_pct
        for change in (changes.plan_year, changes.first_indicative_year, changes.second_indicative_year):
            assert change is not None
            assert -100 <= change <= 500


def test_part_2_plans_at_least_the_national_minimum_movement(targets: Targets) -> None:
    change = targets.crack_opiate_users_in_effective_treatment.planned_change_pct.plan_year
    assert change is not None
    assert change >= 1


def test_part_2_retention_and_exits_are_complete(targets: Targets) -> None:
    for target in (targets.retention, targets.care_planned_exits):
        assert target.baseline_actual is not None
        assert target.baseline_predicted is not None
        assert 0 <= target.baseline_actual <= 100
        assert 0 <= target.baseline_predicted <= 100
        assert target.planned_change_pct.plan_year is not None
        assert -100 <= target.planned_change_pct.plan_year <= 500


def test_part_2_has_one_primary_care_entry_per_pct(targets: Targets) -> None:
    assert [entry.pct_code for entry in targets.primary_care] == list(DEFAULT_PCT_CODES)
    for entry in targets.primary_care:
        assert entry.practices_in_area is not None
        assert entry.practices_in_shared_care is not None
        assert entry.practices_in_other_models is not None
        assert entry.practices_in_shared_care + entry.practices_in_other_models <= entry.practices_in_area


def test_part_2_follows_the_pct_codes_given() -> None:
    part = filled_plan(pct_codes=("5N1", "5N4"))[PartName.TARGETS]
    assert isinstance(part, Targets)
    assert [entry.pct_code for entry in part.primary_care] == ["5N1", "5N4"]


# Part 3


def test_part_3_has_grids_1_to_4_with_two_to_four_objectives(grids: PlanningGrids) -> None:
    assert [grid.number for grid in grids.grids] == list(STANDARD_GRID_TITLES)
    for grid in grids.grids:
        assert grid.key_priorities.strip()
        assert 2 <= len(grid.objectives) <= 4


def test_part_3_objectives_are_smart_and_link_to_key_priorities(
    grids: PlanningGrids, summary: StrategicSummary
) -> None:
    first, last = plan_year_bounds(PLAN_YEAR)
    numbers = {priority.number for priority in summary.key_priorities}
    linked: set[int] = set()
    for grid in grids.grids:
        for objective in grid.objectives:
            assert objective.text.strip()
            assert objective.measure.strip()
            assert objective.target_date is not None
            assert first <= objective.target_date <= last
            assert objective.key_priority in numbers
            assert objective.themes
            linked.add(objective.key_priority)
    assert linked == numbers, "every key priority should be taken forward by at least one objective"


def test_part_3_covers_every_cross_cutting_theme(grids: PlanningGrids) -> None:
    covered = {theme for grid in grids.grids for objective in grid.objectives for theme in objective.themes}
    assert covered == set(CrossCuttingTheme)


def test_part_3_actions_have_a_named_postholder_and_a_date_in_the_plan_year(grids: PlanningGrids) -> None:
    first, last = plan_year_bounds(PLAN_YEAR)
    for grid in grids.grids:
        for objective in grid.objectives:
            assert 2 <= len(objective.actions) <= 4
            for action in objective.actions:
                assert action.text.strip()
                assert POSTHOLDER.match(action.postholder), action.postholder
                assert isinstance(action.due, datetime.date)
                assert first <= action.due <= last


# Part 4


def test_table_1_has_the_previous_and_plan_years(funding: Funding) -> None:
    assert [year.year for year in funding.table_1] == [PREVIOUS_YEAR, PLAN_YEAR]


@pytest.mark.parametrize("year", [PREVIOUS_YEAR, PLAN_YEAR])
def test_table_1_keeps_the_funding_rules(funding: Funding, year: str) -> None:
    figures = column(funding, year)
    assert figures.young_peoples_allocation <= figures.smptb_allocation
    assert figures.smptb_adult == figures.smptb_allocation - figures.young_peoples_allocation
    assert figures.smptb_allocation > Decimal("1000000")
    if figures.pct_mainstream or figures.social_services:
        assert figures.section_31_pooled == 0
    assert figures.dip_carry_forward <= figures.dip_main_grant * Decimal("0.02")
    if figures.other:
        assert figures.other_description.strip()
    assert figures.total == funding_totals.table_1_total(figures)


@pytest.mark.parametrize("fields", MAINSTREAM_GROUPS, ids=lambda fields: "+".join(fields))
def test_mainstream_funding_keeps_up_with_inflation(funding: Funding, fields: tuple[str, ...]) -> None:
    before = sum(getattr(column(funding, PREVIOUS_YEAR), field) for field in fields)
    after = sum(getattr(column(funding, PLAN_YEAR), field) for field in fields)
    assert after >= before * UPLIFT


def test_n15_equals_1_14_for_the_plan_year(funding: Funding) -> None:
    plan_year = column(funding, PLAN_YEAR)
    assert funding_totals.grand_total(funding.table_2) == funding_totals.table_1_total(plan_year)
    assert funding.table_2_totals.total == plan_year.total


@pytest.mark.parametrize("field", funding_totals.SOURCE_FIELDS)
def test_each_table_2_source_spends_its_plan_year_figure(funding: Funding, field: str) -> None:
    plan_year = column(funding, PLAN_YEAR)
    expected = funding_totals.source_figure(plan_year, field)
    assert funding_totals.expenditure_source_total(funding.table_2, field) == expected
    assert getattr(funding.table_2_totals, field) == expected


def test_table_2_has_the_template_categories_in_order(funding: Funding) -> None:
    assert tuple(row.category for row in funding.table_2) == DEFAULT_EXPENDITURE_CATEGORIES


def test_split_puts_the_rounding_remainder_in_one_category() -> None:
    parts = split_across_categories(Decimal("100.01"), (33, 33, 34), 2)
    assert parts == [Decimal("33.00"), Decimal("33.00"), Decimal("34.01")]
    with pytest.raises(ValueError, match="not 100%"):
        split_across_categories(Decimal("1.00"), (50, 49), 0)


# Reference data

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PCT_CODE = re.compile(r"^[A-Z0-9]{1,10}$")


def test_there_are_the_nine_english_regions() -> None:
    assert {region.name for region in REGIONS} == {
        "North East",
        "North West",
        "Yorkshire and the Humber",
        "East Midlands",
        "West Midlands",
        "East of England",
        "London",
        "South East",
        "South West",
    }
    codes = [region.code for region in REGIONS]
    assert len(codes) == len(set(codes)) == 9
    assert all(SLUG.match(code) for code in codes)


def test_partnerships_span_regions_with_unique_codes() -> None:
    region_codes = {region.code for region in REGIONS}
    codes = [partnership.code for partnership in PARTNERSHIPS]
    names = [partnership.name for partnership in PARTNERSHIPS]
    assert len(PARTNERSHIPS) >= 14
    assert len({partnership.region_code for partnership in PARTNERSHIPS}) >= 4
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    for partnership in PARTNERSHIPS:
        assert SLUG.match(partnership.code)
        assert partnership.region_code in region_codes
        assert partnership.pcts


def test_pct_codes_are_unique_and_well_formed() -> None:
    codes = [pct.code for partnership in PARTNERSHIPS for pct in partnership.pcts]
    assert len(codes) == len(set(codes))
    assert all(PCT_CODE.match(code) for code in codes)
    assert sum(len(partnership.pcts) > 1 for partnership in PARTNERSHIPS) >= 2


def test_the_filled_plans_partnership_comes_first_and_has_neighbours_elsewhere() -> None:
    assert PARTNERSHIPS[0] is FILLED_PLAN_PARTNERSHIP
    assert tuple(pct.code for pct in FILLED_PLAN_PARTNERSHIP.pcts) == DEFAULT_PCT_CODES
    assert any(partnership.region_code != FILLED_PLAN_PARTNERSHIP.region_code for partnership in PARTNERSHIPS)
