"""The metric catalogue: every version found by code, version or plan year, and refused when inconsistent."""

import dataclasses
import json
import re
from typing import Any

import pytest
from pydantic import ValidationError

from plan_schema.vocabulary import INDICATOR_TITLES, IndicatorId
from service.monitoring.catalogue import (
    Family,
    Frequency,
    Geography,
    Metric,
    MetricRef,
    Polarity,
    Tier,
    UnknownMetric,
    ValueType,
    Window,
    consistency_problems,
    load_catalogue,
    part_2_code,
    shipped_catalogue,
)
from service.monitoring.statistics import NotAggregable, Observation, aggregate

CATALOGUE = shipped_catalogue()


def a_metric(**changes: Any) -> Metric:
    """A consistent metric to break one way at a time."""
    metric = Metric(
        code="LK-3a",
        version=1,
        family=Family.LOCAL_KPI,
        name="First alcohol treatments within 3 weeks",
        definition="The share of first alcohol treatments that start within three weeks.",
        numerator="First alcohol treatments starting within 3 weeks",
        denominator="First alcohol treatments",
        value_type=ValueType.PROPORTION,
        multiplier=100,
        polarity=Polarity.HIGHER_IS_BETTER,
        frequency=Frequency.QUARTERLY,
        window=Window.QUARTER,
        source="NDTMS",
        lowest_geography=Geography.SERVICE,
        citation="Local framework, Appendix 3, indicator 3a",
        valid_from="2018/19",
    )
    return dataclasses.replace(metric, **changes)


def test_the_shipped_catalogue_is_consistent() -> None:
    assert consistency_problems(CATALOGUE.metrics) == []


def test_every_part_2_indicator_of_the_plan_is_a_metric_under_its_own_title() -> None:
    for indicator in IndicatorId:
        assert CATALOGUE.find(part_2_code(indicator), cycle="2008/09").name == INDICATOR_TITLES[indicator]


def test_the_plans_effective_treatment_indicators_are_counts_and_its_rates_are_proportions() -> None:
    assert CATALOGUE.find("P2-1.1").value_type is ValueType.COUNT
    assert CATALOGUE.find("P2-2").value_type is ValueType.PROPORTION
    assert CATALOGUE.find("P2-4").polarity is Polarity.NONE


def test_all_44_outcomes_framework_metrics_are_there_and_11_are_headline() -> None:
    framework = CATALOGUE.in_family(Family.OUTCOMES_FRAMEWORK_2023, cycle="2024/25")
    numbers = {int(metric.code[3:5]) for metric in framework}

    assert numbers == set(range(1, 45))
    assert len([metric for metric in framework if metric.tier is Tier.HEADLINE]) == 11


def test_seed_003s_local_kpis_are_in_their_own_family() -> None:
    codes = {metric.code for metric in CATALOGUE.in_family(Family.LOCAL_KPI)}

    assert {"LK-2", "LK-3a", "LK-5f", "LK-8d", "LK-11d", "LK-CYP18"} <= codes


def test_a_code_alone_finds_its_newest_version() -> None:
    assert CATALOGUE.find("OF-35").ref == MetricRef(code="OF-35", version=2)


def test_a_plan_year_finds_the_version_in_force_then() -> None:
    # Treatment progress: the collection rules changed in 2023/24.
    assert CATALOGUE.find("OF-35", cycle="2022/23").version == 1
    assert CATALOGUE.find("OF-35", cycle="2025/26").version == 2
    assert CATALOGUE.find("OF-35", cycle="2023/24").supersedes == MetricRef(code="OF-35", version=1)


def test_a_version_is_found_by_number() -> None:
    assert CATALOGUE.find("OF-35", version=1).valid_to == "2022/23"


def test_an_unknown_code_is_named() -> None:
    with pytest.raises(UnknownMetric, match="no metric has the code OF-99"):
        CATALOGUE.find("OF-99")


def test_an_unknown_version_is_named() -> None:
    with pytest.raises(UnknownMetric, match="OF-16 has no version 3"):
        CATALOGUE.find("OF-16", version=3)


def test_a_plan_year_before_a_metric_existed_finds_nothing() -> None:
    with pytest.raises(UnknownMetric, match=re.escape("P2-1.1 has no version in force in 2007/08")):
        CATALOGUE.find("P2-1.1", cycle="2007/08")


def test_a_series_break_separates_the_years_either_side_of_it() -> None:
    progress = CATALOGUE.find("OF-35")

    assert [brk.cycle for brk in progress.breaks_between("2022/23", "2023/24")] == ["2023/24"]
    assert progress.breaks_between("2023/24", "2024/25") == ()


def test_numbers_in_treatment_are_expected_to_rise_early_in_the_strategy() -> None:
    numbers_in_treatment = CATALOGUE.find("OF-26")

    note = numbers_in_treatment.direction_note_for("2023/24")
    assert note is not None
    assert "initial increases" in note
    assert numbers_in_treatment.direction_note_for("2026/27") is None


def test_the_cannabis_mean_change_cannot_be_combined_from_means_alone() -> None:
    change = CATALOGUE.find("OF-42b")

    with pytest.raises(NotAggregable):
        aggregate(change.value_type, change.multiplier, [Observation(-4.5), Observation(-2.0)])


def test_two_entries_for_one_code_and_version_are_refused() -> None:
    assert consistency_problems((a_metric(), a_metric())) == ["LK-3a v1 appears more than once"]


def test_a_successor_of_a_version_that_does_not_exist_is_refused() -> None:
    successor = a_metric(version=2, valid_from="2020/21", supersedes=MetricRef(code="LK-3b", version=1))

    assert consistency_problems((a_metric(valid_to="2019/20"), successor)) == [
        "LK-3a v2 supersedes LK-3b v1, which is not in the catalogue"
    ]


def test_two_versions_in_force_in_the_same_year_are_refused() -> None:
    # Version 1 is open-ended, so it still holds in 2020/21 when version 2 starts.
    successor = a_metric(version=2, valid_from="2020/21", supersedes=MetricRef(code="LK-3a", version=1))

    assert consistency_problems((a_metric(), successor)) == [
        "LK-3a v1 and LK-3a v2 are both in force in some plan year"
    ]


def test_one_version_ending_the_year_before_the_next_starts_is_consistent() -> None:
    successor = a_metric(version=2, valid_from="2020/21", supersedes=MetricRef(code="LK-3a", version=1))

    assert consistency_problems((a_metric(valid_to="2019/20"), successor)) == []


def test_each_entry_is_checked_on_its_own_and_every_problem_is_named() -> None:
    problems = consistency_problems(
        (
            a_metric(code="OF-3a"),
            a_metric(code="LK-1", denominator=None),
            a_metric(code="LK-2", multiplier=1),
            a_metric(code="LK-4", valid_from="2020/21", valid_to="2019/20"),
            a_metric(code="LK-5", valid_from="2020-21"),
        )
    )

    assert problems == [
        "OF-3a v1: a local-kpi code starts LK-",
        "LK-1 v1: a proportion needs denominator",
        "LK-2 v1: a proportion's multiplier is one of 100",
        "LK-4 v1 ends (2019/20) before it starts (2020/21)",
        'LK-5 v1: "2020-21" is not a plan year such as "2008/09" (from 1900/01 to 2099/00)',
    ]


def test_loading_an_inconsistent_catalogue_names_every_problem() -> None:
    entry = json.loads(json.dumps(dataclasses.asdict(a_metric())))

    with pytest.raises(ValueError, match="inconsistent: LK-3a v1 appears more than once"):
        load_catalogue(json.dumps([entry, entry]))


def test_an_entry_with_a_field_the_catalogue_does_not_know_is_refused() -> None:
    entry = dataclasses.asdict(a_metric()) | {"target": "100%"}

    with pytest.raises(ValidationError, match="target"):
        load_catalogue(json.dumps([entry]))


def test_a_misspelt_polarity_is_refused() -> None:
    entry = dataclasses.asdict(a_metric()) | {"polarity": "higher"}

    with pytest.raises(ValidationError, match="polarity"):
        load_catalogue(json.dumps([entry]))
