"""Part 3 rules, case by case, and the cross-part check of key priority numbers."""

import pytest

from plan_schema.planning_grids import PlanningGrids
from plan_schema.vocabulary import CrossCuttingTheme, PartName
from tests.validators.plan_builders import (
    REMOVE,
    plan_context,
    planning_grids,
    rule_ids_fired,
    rule_ids_quiet,
    stored,
    strategic_summary,
)
from validators import planning_grids as grid_rules
from validators.catalogue import validate_part, validate_plan
from validators.findings import Finding, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
OBJECTIVE = "/grids/1/objectives/0"  # objective 2.1
ACTION = f"{OBJECTIVE}/actions/1"  # objective 2.1, action 2


def findings_of(rule_id: str, document: PlanningGrids) -> list[Finding]:
    found = validate_part(PartName.PLANNING_GRIDS, document, plan_context())
    return [finding for finding in found if finding.rule_id == rule_id]


def located(findings: list[Finding]) -> set[tuple[str, Severity, str]]:
    return {(f.rule_id, f.severity, f.path) for f in findings}


def without_theme(theme: CrossCuttingTheme) -> PlanningGrids:
    document = planning_grids()
    for grid in document.grids:
        for objective in grid.objectives:
            objective.themes = [each for each in objective.themes if each != theme]
    return document


FIRES = [
    pytest.param(
        planning_grids({"/grids/2/objectives": []}),
        ("G-010", WARNING, "/grids/2/objectives"),
        id="a standard grid without objectives is a warning",
    ),
    pytest.param(
        planning_grids({"/grids/3": REMOVE}),
        ("G-010", WARNING, "/grids"),
        id="a missing standard grid is a warning",
    ),
    pytest.param(
        planning_grids({f"{OBJECTIVE}/text": ""}),
        ("G-020", ERROR, f"{OBJECTIVE}/text"),
        id="an objective without text is an error",
    ),
    pytest.param(
        planning_grids({f"{OBJECTIVE}/actions": []}),
        ("G-020", ERROR, f"{OBJECTIVE}/actions"),
        id="an objective without actions is an error",
    ),
    pytest.param(
        planning_grids({f"{ACTION}/text": "  "}),
        ("G-030", ERROR, f"{ACTION}/text"),
        id="an action without text is an error",
    ),
    pytest.param(
        planning_grids({f"{ACTION}/postholder": ""}),
        ("G-030", ERROR, f"{ACTION}/postholder"),
        id="an action without a named postholder is an error",
    ),
    pytest.param(
        planning_grids({f"{ACTION}/due": None}),
        ("G-030", ERROR, f"{ACTION}/due"),
        id="an action without a date is an error",
    ),
    pytest.param(
        planning_grids({f"{ACTION}/due": "2009-04-01"}),
        ("G-040", WARNING, f"{ACTION}/due"),
        id="an action due after the plan year is a warning",
    ),
    pytest.param(
        planning_grids({f"{OBJECTIVE}/target_date": "2008-03-31"}),
        ("G-040", WARNING, f"{OBJECTIVE}/target_date"),
        id="an objective target date before the plan year is a warning",
    ),
    pytest.param(
        planning_grids({f"{OBJECTIVE}/measure": ""}),
        ("G-050", WARNING, f"{OBJECTIVE}/measure"),
        id="an objective without a measure is a warning",
    ),
    pytest.param(
        planning_grids({f"{OBJECTIVE}/target_date": None}),
        ("G-050", WARNING, f"{OBJECTIVE}/target_date"),
        id="an objective without a target date is a warning",
    ),
    pytest.param(
        without_theme(CrossCuttingTheme.HOUSING),
        ("G-060", WARNING, "/grids"),
        id="a cross-cutting theme no objective addresses is a warning",
    ),
    pytest.param(
        planning_grids({f"{OBJECTIVE}/key_priority": None}),
        ("G-070", WARNING, f"{OBJECTIVE}/key_priority"),
        id="an objective not linked to a key priority is a warning",
    ),
    pytest.param(
        stored(planning_grids(), f"{ACTION}/postholder", "Jo\u0085Smith"),
        ("G-900", ERROR, f"{ACTION}/postholder"),
        id="a stored C1 control character in a postholder is an error",
    ),
]

QUIET = [
    pytest.param(planning_grids(), "G-010", id="four grids with objectives are fine"),
    pytest.param(
        planning_grids({"/grids/-": {"number": 5, "title": "Local grid"}}),
        "G-010",
        id="a local grid may have no objectives",
    ),
    pytest.param(planning_grids(), "G-020", id="objectives with text and actions are fine"),
    pytest.param(planning_grids(), "G-030", id="complete actions are fine"),
    pytest.param(
        planning_grids({f"{ACTION}/due": "2008-04-01", f"{OBJECTIVE}/target_date": "2009-03-31"}),
        "G-040",
        id="dates on the first and last day of the plan year are fine",
    ),
    pytest.param(planning_grids({f"{ACTION}/due": None}), "G-040", id="a missing date is not a date outside"),
    pytest.param(planning_grids(), "G-050", id="measured and timed objectives are fine"),
    pytest.param(planning_grids(), "G-060", id="all eight themes addressed is fine"),
    pytest.param(planning_grids(), "G-070", id="linked objectives are fine"),
    pytest.param(planning_grids({f"{ACTION}/text": "Step one\n\tStep two"}), "G-900", id="tabs and newlines are fine"),
]


@pytest.mark.parametrize(("document", "expected"), FIRES)
def test_rule_fires_with_its_severity_at_its_path(document: PlanningGrids, expected: tuple[str, Severity, str]) -> None:
    assert expected in located(findings_of(expected[0], document))


@pytest.mark.parametrize(("document", "rule_id"), QUIET)
def test_rule_stays_quiet(document: PlanningGrids, rule_id: str) -> None:
    assert findings_of(rule_id, document) == []


def test_every_planning_grid_rule_has_cases_that_fire_and_stay_quiet() -> None:
    cross_part = {rule.id for rule in grid_rules.RULES.cross_part_rules}  # see the validate_plan tests below
    rule_ids = {rule.id for rule in grid_rules.RULES.rules} | cross_part
    assert rule_ids_fired(FIRES) | cross_part == rule_ids
    assert rule_ids_quiet(QUIET) | cross_part == rule_ids


def test_an_action_without_a_postholder_is_named_by_objective_and_action_number() -> None:
    (finding,) = findings_of("G-030", planning_grids({f"{ACTION}/postholder": ""}))
    assert finding.message.startswith("Objective 2.1 action 2 needs a named postholder")


def test_each_missing_part_of_an_action_has_its_own_finding() -> None:
    document = planning_grids({f"{ACTION}/text": "", f"{ACTION}/postholder": "", f"{ACTION}/due": None})
    assert [f.path for f in findings_of("G-030", document)] == [
        f"{ACTION}/text",
        f"{ACTION}/postholder",
        f"{ACTION}/due",
    ]


def test_each_unaddressed_theme_has_its_own_warning() -> None:
    document = planning_grids()
    for grid in document.grids:
        for objective in grid.objectives:
            objective.themes = []
    found = findings_of("G-060", document)
    assert len(found) == len(CrossCuttingTheme)
    assert any("'Carers and family members'" in f.message for f in found)


def test_objective_numbers_follow_the_grid_number_not_its_place_in_the_list() -> None:
    document = planning_grids({"/grids/0": REMOVE, "/grids/0/objectives/1/text": ""})
    (finding,) = findings_of("G-020", document)
    assert finding.path == "/grids/0/objectives/1/text"
    assert finding.message.startswith("Objective 2.2 ")


def test_link_to_a_key_priority_part_1_does_not_have_is_an_error() -> None:
    plan = {
        PartName.STRATEGIC_SUMMARY: strategic_summary({"/key_priorities/3": REMOVE}),
        PartName.PLANNING_GRIDS: planning_grids(),
    }
    found = validate_plan(plan, plan_context())[PartName.PLANNING_GRIDS]
    assert located(found) == {
        ("G-080", ERROR, "/grids/3/objectives/0/key_priority"),
        ("G-080", ERROR, "/grids/3/objectives/1/key_priority"),
    }
    assert "key priority 4, which Part 1 does not have (its key priorities are: 1, 2, 3)" in found[0].message


def test_links_to_existing_key_priorities_are_fine() -> None:
    plan = {PartName.STRATEGIC_SUMMARY: strategic_summary(), PartName.PLANNING_GRIDS: planning_grids()}
    assert validate_plan(plan, plan_context())[PartName.PLANNING_GRIDS] == []


def test_key_priority_links_are_not_checked_without_part_1() -> None:
    plan = {PartName.PLANNING_GRIDS: planning_grids({f"{OBJECTIVE}/key_priority": 40})}
    assert validate_plan(plan, plan_context()) == {PartName.PLANNING_GRIDS: []}


def test_valid_planning_grids_have_no_findings() -> None:
    assert validate_part(PartName.PLANNING_GRIDS, planning_grids(), plan_context()) == []
