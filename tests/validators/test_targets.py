"""Part 2 rules, case by case."""

import pytest

from plan_schema.targets import Targets
from plan_schema.vocabulary import PartName
from tests.validators.plan_builders import plan_context, rule_ids_fired, rule_ids_quiet, stored, targets
from validators import targets as target_rules
from validators.catalogue import validate_part
from validators.findings import Finding, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
CRACK = "/crack_opiate_users_in_effective_treatment"
ALL_ADULTS = "/all_adults_in_effective_treatment"


def findings_of(rule_id: str, document: Targets, **context_changes: object) -> list[Finding]:
    found = validate_part(PartName.TARGETS, document, plan_context(**context_changes))
    return [finding for finding in found if finding.rule_id == rule_id]


def located(findings: list[Finding]) -> set[tuple[str, Severity, str]]:
    return {(f.rule_id, f.severity, f.path) for f in findings}


FIRES = [
    pytest.param(
        targets({f"{CRACK}/baseline_actual": None}),
        ("T-010", ERROR, f"{CRACK}/baseline_actual"),
        id="a missing actual baseline is an error",
    ),
    pytest.param(
        targets({"/retention/baseline_predicted": None}),
        ("T-010", ERROR, "/retention/baseline_predicted"),
        id="a missing predicted baseline is an error",
    ),
    pytest.param(
        targets({f"{ALL_ADULTS}/planned_change_pct/second_indicative_year": None}),
        ("T-010", ERROR, f"{ALL_ADULTS}/planned_change_pct/second_indicative_year"),
        id="a missing indicative-year change is an error",
    ),
    pytest.param(
        targets({"/care_planned_exits/planned_change_pct/plan_year": None}),
        ("T-010", ERROR, "/care_planned_exits/planned_change_pct/plan_year"),
        id="a missing plan-year change for exits is an error",
    ),
    pytest.param(
        targets({f"{CRACK}/planned_change_pct/first_indicative_year": "500.01"}),
        ("T-020", ERROR, f"{CRACK}/planned_change_pct/first_indicative_year"),
        id="a change above 500 percent is an error",
    ),
    pytest.param(
        targets({"/retention/planned_change_pct/plan_year": "-100.01"}),
        ("T-020", ERROR, "/retention/planned_change_pct/plan_year"),
        id="a change below minus 100 percent is an error",
    ),
    pytest.param(
        targets({f"{CRACK}/planned_change_pct/plan_year": "0.99"}),
        ("T-030", WARNING, f"{CRACK}/planned_change_pct/plan_year"),
        id="crack and opiate growth below the national minimum is a warning",
    ),
    pytest.param(
        targets({"/primary_care/1/pct_code": "5NA"}),
        ("T-040", ERROR, "/primary_care"),
        id="a covered PCT without primary care is an error",
    ),
    pytest.param(
        targets({"/primary_care/1/pct_code": "5NA"}),
        ("T-050", ERROR, "/primary_care/1/pct_code"),
        id="primary care for a PCT outside the partnership is an error",
    ),
    pytest.param(
        targets({"/primary_care/0/practices_in_shared_care": None}),
        ("T-060", ERROR, "/primary_care/0/practices_in_shared_care"),
        id="a missing practice count is an error",
    ),
    pytest.param(
        targets({"/primary_care/0/practices_in_other_models": 41}),
        ("T-070", ERROR, "/primary_care/0/practices_in_other_models"),
        id="more practices in other models than in the area is an error",
    ),
    pytest.param(
        targets({"/primary_care/1/practices_in_shared_care": 30, "/primary_care/1/practices_in_other_models": 11}),
        ("T-070", ERROR, "/primary_care/1"),
        id="shared care and other models together above the area is an error",
    ),
    pytest.param(
        stored(targets(), "/primary_care/0/notes", "Form\u000cfeed"),
        ("T-900", ERROR, "/primary_care/0/notes"),
        id="a stored control character in notes is an error",
    ),
]

QUIET = [
    pytest.param(targets(), "T-010", id="a complete set of targets is fine"),
    pytest.param(
        targets({f"{CRACK}/planned_change_pct/plan_year": "500.00"}), "T-020", id="exactly 500 percent is fine"
    ),
    pytest.param(targets({"/retention/planned_change_pct/plan_year": "-100"}), "T-020", id="minus 100 percent is fine"),
    pytest.param(
        targets({f"{CRACK}/planned_change_pct/plan_year": None}), "T-020", id="a missing change is not range-checked"
    ),
    pytest.param(
        targets({f"{CRACK}/planned_change_pct/plan_year": "1.00"}), "T-030", id="exactly 1 point growth is fine"
    ),
    pytest.param(
        targets({f"{ALL_ADULTS}/planned_change_pct/plan_year": "0"}),
        "T-030",
        id="the national minimum applies to indicator 1.1 only",
    ),
    pytest.param(targets(), "T-040", id="an entry for each covered PCT is fine"),
    pytest.param(targets(), "T-050", id="only covered PCTs is fine"),
    pytest.param(targets({"/primary_care/0/practices_in_other_models": 0}), "T-060", id="zero practices is a count"),
    pytest.param(
        targets({"/primary_care/0/practices_in_shared_care": 30, "/primary_care/0/practices_in_other_models": 10}),
        "T-070",
        id="shared care and other models exactly filling the area is fine",
    ),
    pytest.param(
        targets({"/primary_care/0/practices_in_area": None}),
        "T-070",
        id="practice counts are not compared without practices in the area",
    ),
    pytest.param(
        targets({"/primary_care/0/notes": "Two\tpractices\nmerging"}), "T-900", id="tabs and newlines are fine"
    ),
]


@pytest.mark.parametrize(("document", "expected"), FIRES)
def test_rule_fires_with_its_severity_at_its_path(document: Targets, expected: tuple[str, Severity, str]) -> None:
    assert expected in located(findings_of(expected[0], document))


@pytest.mark.parametrize(("document", "rule_id"), QUIET)
def test_rule_stays_quiet(document: Targets, rule_id: str) -> None:
    assert findings_of(rule_id, document) == []


def test_every_targets_rule_has_cases_that_fire_and_stay_quiet() -> None:
    rule_ids = {rule.id for rule in target_rules.RULES.rules}
    assert rule_ids_fired(FIRES) == rule_ids
    assert rule_ids_quiet(QUIET) == rule_ids


def test_each_missing_value_is_named_separately() -> None:
    document = targets({f"{CRACK}/baseline_actual": None, f"{CRACK}/planned_change_pct/first_indicative_year": None})
    found = findings_of("T-010", document)
    assert [f.path for f in found] == [f"{CRACK}/baseline_actual", f"{CRACK}/planned_change_pct/first_indicative_year"]
    assert "2006/07" in found[0].message
    assert "Indicator 1.1" in found[1].message
    assert "2009/10" in found[1].message


def test_a_missing_pct_is_named_in_its_finding() -> None:
    (finding,) = findings_of("T-040", targets(), pct_codes=("5K5", "5LA", "5NA"))
    assert "PCT 5NA" in finding.message


def test_one_count_over_the_area_is_reported_once() -> None:
    document = targets({"/primary_care/0/practices_in_shared_care": 41})
    assert [f.path for f in findings_of("T-070", document)] == ["/primary_care/0/practices_in_shared_care"]


def test_empty_targets_report_every_missing_value() -> None:
    found = findings_of("T-010", Targets())
    # Indicators 1.1 and 1.2: 2 baselines + 3 changes; indicators 2 and 3: 2 baselines + 1 change.
    assert len(found) == 2 * 5 + 2 * 3


def test_valid_targets_have_no_findings() -> None:
    assert validate_part(PartName.TARGETS, targets(), plan_context()) == []
