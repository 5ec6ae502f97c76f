"""Part 1 rules, case by case."""

import pytest

from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import PartName
from tests.validators.plan_builders import (
    REMOVE,
    plan_context,
    rule_ids_fired,
    rule_ids_quiet,
    stored,
    strategic_summary,
    words,
)
from validators import strategic_summary as summary_rules
from validators.catalogue import validate_part
from validators.findings import Finding, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def findings_of(rule_id: str, document: StrategicSummary) -> list[Finding]:
    found = validate_part(PartName.STRATEGIC_SUMMARY, document, plan_context())
    return [finding for finding in found if finding.rule_id == rule_id]


def located(findings: list[Finding]) -> set[tuple[str, Severity, str]]:
    return {(f.rule_id, f.severity, f.path) for f in findings}


# The factory's summary: five elements of 400 words and four priorities of 3 + 20 words.
FACTORY_WORDS = 5 * 400 + 4 * 23

FIRES = [
    pytest.param(
        strategic_summary({"/likely_demand": " \n\t "}),
        ("S-010", ERROR, "/likely_demand"),
        id="an element of only whitespace is an error",
    ),
    pytest.param(
        strategic_summary({"/direction_and_purpose": words(100), "/likely_demand": words(100)}),
        ("S-020", WARNING, ""),
        id="a summary far under four pages is a warning",
    ),
    pytest.param(
        strategic_summary({"/needs_assessment_findings": words(1_900)}),
        ("S-020", WARNING, ""),
        id="a summary far over six pages is a warning",
    ),
    pytest.param(
        strategic_summary({"/key_priorities": []}),
        ("S-030", ERROR, "/key_priorities"),
        id="no key priorities is an error",
    ),
    pytest.param(
        strategic_summary({"/key_priorities/2/title": "   "}),
        ("S-040", ERROR, "/key_priorities/2/title"),
        id="a key priority without a title is an error",
    ),
    pytest.param(
        stored(strategic_summary(), "/outcome_improvements", "Fewer \u0000 deaths"),
        ("S-900", ERROR, "/outcome_improvements"),
        id="a stored NUL character is an error",
    ),
    pytest.param(
        stored(strategic_summary(), "/key_priorities/0/description", "Lone \ud800 surrogate"),
        ("S-900", ERROR, "/key_priorities/0/description"),
        id="a stored lone surrogate is an error",
    ),
]

QUIET = [
    pytest.param(strategic_summary(), "S-010", id="five written elements are fine"),
    pytest.param(strategic_summary(), "S-020", id="about five pages is fine"),
    pytest.param(
        strategic_summary({"/direction_and_purpose": words(400 - (FACTORY_WORDS - 1_500))}),
        "S-020",
        id="exactly 1500 words is fine",
    ),
    pytest.param(
        strategic_summary({"/direction_and_purpose": words(400 + 3_500 - FACTORY_WORDS)}),
        "S-020",
        id="exactly 3500 words is fine",
    ),
    pytest.param(strategic_summary({"/key_priorities/1": REMOVE}), "S-030", id="three key priorities are fine"),
    pytest.param(strategic_summary(), "S-040", id="titled key priorities are fine"),
    pytest.param(
        strategic_summary({"/likely_demand": "Line one\n\tindented"}), "S-900", id="tabs and newlines are fine"
    ),
]


@pytest.mark.parametrize(("document", "expected"), FIRES)
def test_rule_fires_with_its_severity_at_its_path(
    document: StrategicSummary, expected: tuple[str, Severity, str]
) -> None:
    assert expected in located(findings_of(expected[0], document))


@pytest.mark.parametrize(("document", "rule_id"), QUIET)
def test_rule_stays_quiet(document: StrategicSummary, rule_id: str) -> None:
    assert findings_of(rule_id, document) == []


def test_every_strategic_summary_rule_has_cases_that_fire_and_stay_quiet() -> None:
    rule_ids = {rule.id for rule in summary_rules.RULES.rules}
    assert rule_ids_fired(FIRES) == rule_ids
    assert rule_ids_quiet(QUIET) == rule_ids


def test_word_count_covers_elements_and_key_priorities() -> None:
    assert summary_rules.word_count(strategic_summary()) == FACTORY_WORDS


def test_a_missing_element_is_named_by_its_heading() -> None:
    (finding,) = findings_of("S-010", strategic_summary({"/outcome_improvements": ""}))
    assert "Improvements to treatment outcomes" in finding.message


def test_an_empty_summary_reports_each_element_and_the_missing_priorities() -> None:
    found = validate_part(PartName.STRATEGIC_SUMMARY, StrategicSummary(), plan_context())
    assert [f.rule_id for f in found] == ["S-010"] * 5 + ["S-020", "S-030"]


def test_valid_strategic_summary_has_no_findings() -> None:
    assert validate_part(PartName.STRATEGIC_SUMMARY, strategic_summary(), plan_context()) == []
