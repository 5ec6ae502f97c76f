"""The catalogue: every rule registered once, run safely, and documented in docs/rules.md."""

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from plan_schema.funding import Funding, FundingYear
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import PartName
from tests.validators.plan_builders import plan, plan_context, planning_grids, strategic_summary
from validators import catalogue
from validators.catalogue import ALL_RULES, RULES_BY_PART, render_rules_markdown, validate_part, validate_plan
from validators.findings import Finding, Rule, RuleSet, Severity

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
PREFIX = {
    PartName.STRATEGIC_SUMMARY: "S",
    PartName.TARGETS: "T",
    PartName.PLANNING_GRIDS: "G",
    PartName.FUNDING: "F",
}


def test_a_complete_valid_plan_has_no_errors_and_no_warnings() -> None:
    assert validate_plan(plan(), plan_context()) == {part: [] for part in PartName}


def test_docs_rules_md_matches_the_catalogue() -> None:
    assert RULES_MD.read_text(encoding="utf-8") == render_rules_markdown(), (
        "docs/rules.md is out of date: run `.venv/bin/python -m validators.catalogue > docs/rules.md`"
    )


def test_rules_markdown_has_a_row_per_rule() -> None:
    rows = [line for line in render_rules_markdown().splitlines() if re.match(r"^\| [STGF]-\d{3} ", line)]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == [rule.id for rule in ALL_RULES]


def test_rule_ids_are_unique_numbered_in_tens_and_prefixed_by_part() -> None:
    ids = [rule.id for rule in ALL_RULES]
    assert len(ids) == len(set(ids))
    for rule in ALL_RULES:
        assert re.fullmatch(rf"{PREFIX[rule.part]}-\d\d0", rule.id), rule.id


def test_section_31_exclusivity_is_f_020() -> None:
    (rule,) = [rule for rule in ALL_RULES if rule.id == "F-020"]
    assert (rule.severity, rule.citation) == (Severity.ERROR, "Guidance Part 4, 1.9")


def test_every_rule_cites_its_source_and_describes_itself() -> None:
    for rule in ALL_RULES:
        assert rule.citation.startswith(("Guidance Part ", "Not in the guidance")), rule.id
        assert rule.description.endswith("."), rule.id


def test_key_priority_cross_check_is_a_planning_grid_error() -> None:
    (rule,) = catalogue.CROSS_PART_RULES
    assert (rule.id, rule.part, rule.severity) == ("G-080", PartName.PLANNING_GRIDS, Severity.ERROR)


def test_ruleset_refuses_a_malformed_or_reused_id() -> None:
    rules: RuleSet[Funding] = RuleSet(PartName.FUNDING, "F-")
    register = rules.rule("F-010", Severity.ERROR, "Guidance Part 4", "A rule.")
    register(lambda funding, context: [])
    with pytest.raises(ValueError, match="registered twice"):
        rules.rule("F-010", Severity.ERROR, "Guidance Part 4", "A rule.")(lambda funding, context: [])
    for bad in ("F-011", "G-020", "F-20", "F-0a0"):
        with pytest.raises(ValueError, match="is not F-NN0"):
            rules.rule(bad, Severity.ERROR, "Guidance Part 4", "A rule.")(lambda funding, context: [])


def _resolve(document: Any, path: str) -> Any:
    node = document
    for part in path.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


EMPTY_PARTS: dict[PartName, BaseModel] = {
    PartName.STRATEGIC_SUMMARY: StrategicSummary(key_priorities=[{"number": 1, "title": " "}]),
    PartName.TARGETS: Targets(primary_care=[{"pct_code": "5NA"}]),
    PartName.PLANNING_GRIDS: PlanningGrids(
        grids=[{"number": 2, "objectives": [{"key_priority": 9, "target_date": "2010-01-01", "actions": [{}]}]}]
    ),
    PartName.FUNDING: Funding(table_1=[{"year": "2008/09", "other": "5.00", "young_peoples_allocation": "1"}]),
}


def test_findings_carry_their_rule_and_point_into_the_document() -> None:
    results = validate_plan(EMPTY_PARTS, plan_context())
    rules = {rule.id: rule for rule in ALL_RULES}
    assert all(results.values())
    for part, findings in results.items():
        dumped = EMPTY_PARTS[part].model_dump(mode="json")
        for finding in findings:
            rule = rules[finding.rule_id]
            assert (finding.part, finding.severity, finding.citation) == (part, rule.severity, rule.citation)
            assert finding.message.strip(), finding
            _resolve(dumped, finding.path)  # raises if the pointer leads nowhere


def test_errors_and_warnings_come_from_an_empty_plan() -> None:
    found = [f for findings in validate_plan(EMPTY_PARTS, plan_context()).values() for f in findings]
    assert {Severity.ERROR, Severity.WARNING} == {f.severity for f in found}


def _boom(document: BaseModel, context: object) -> list[Finding]:
    raise ZeroDivisionError("odd data")


def test_a_rule_that_raises_becomes_an_error_finding_and_the_others_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = Rule("F-990", Severity.WARNING, PartName.FUNDING, "Guidance Part 4, 1.1", "Explodes.", _boom)
    monkeypatch.setitem(RULES_BY_PART, PartName.FUNDING, (broken, *RULES_BY_PART[PartName.FUNDING]))
    document = Funding(table_1=[FundingYear(year="2008/09", other="1.00")])
    found = validate_part(PartName.FUNDING, document, plan_context())
    (failure,) = [f for f in found if f.rule_id == "F-990"]
    assert (failure.severity, failure.part, failure.path) == (Severity.ERROR, PartName.FUNDING, "")
    assert "could not be checked" in failure.message
    assert "F-040" in {f.rule_id for f in found}


def test_a_rule_that_raises_while_yielding_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails_later(document: BaseModel, context: object) -> Any:
        yield Finding("T-990", Severity.WARNING, PartName.TARGETS, "", "first", "Guidance Part 2, 1")
        raise KeyError("second")

    broken = Rule("T-990", Severity.WARNING, PartName.TARGETS, "Guidance Part 2, 1", "Half works.", fails_later)
    monkeypatch.setitem(RULES_BY_PART, PartName.TARGETS, (broken,))
    found = validate_part(PartName.TARGETS, Targets(), plan_context())
    assert [(f.rule_id, f.severity) for f in found] == [("T-990", Severity.ERROR)]


def test_odd_stored_data_yields_findings_not_a_crash() -> None:
    # As a row might come back from the database after the schema changed under it.
    odd_year = FundingYear.model_construct(year="2008/09", smptb_allocation="not money", other=None)  # type: ignore[arg-type]
    odd = Funding.model_construct(table_1=[odd_year], table_2=None, table_2_totals=None)  # type: ignore[arg-type]
    found = validate_part(PartName.FUNDING, odd, plan_context())
    assert found
    assert all(f.part is PartName.FUNDING for f in found)
    assert any("could not be checked" in f.message for f in found)


def test_a_cross_part_rule_that_raises_becomes_an_error_finding() -> None:
    grids = planning_grids()
    grids.grids[0].objectives[0].key_priority = "one"  # type: ignore[assignment]
    summary = strategic_summary()
    summary.key_priorities = None  # type: ignore[assignment]
    found = validate_plan({PartName.PLANNING_GRIDS: grids, PartName.STRATEGIC_SUMMARY: summary}, plan_context())
    assert ("G-080", Severity.ERROR, "") in {(f.rule_id, f.severity, f.path) for f in found[PartName.PLANNING_GRIDS]}


def test_validate_plan_reports_only_the_parts_it_is_given() -> None:
    found = validate_plan({PartName.TARGETS: plan()[PartName.TARGETS]}, plan_context())
    assert list(found) == [PartName.TARGETS]


def test_findings_are_immutable() -> None:
    finding = Finding("F-010", Severity.ERROR, PartName.FUNDING, "/table_1", "message", "Guidance Part 4, 1.2")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.path = "/table_2"  # type: ignore[misc]


def test_context_refuses_a_malformed_plan_year() -> None:
    with pytest.raises(ValueError, match="is not a plan year"):
        plan_context(previous_year="2007-08")


def test_context_knows_the_baseline_year() -> None:
    assert plan_context().baseline_year == "2006/07"
