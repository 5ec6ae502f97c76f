"""The demonstration plan passes the plan rules of `validators.catalogue`."""

from decimal import Decimal

import pytest

from service.demo.filled_plan import DEFAULT_PCT_CODES, filled_plan
from validators.catalogue import validate_plan
from validators.context import PlanContext
from validators.findings import Finding, Severity

CONTEXT = PlanContext(
    plan_year="2008/09",
    previous_year="2007/08",
    indicative_years=("2009/10", "2010/11"),
    inflation_uplift_pct=Decimal("2.5"),
    harm_reduction_self_audit_required=True,
    pct_codes=DEFAULT_PCT_CODES,
)


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return [finding for found in validate_plan(filled_plan(), CONTEXT).values() for finding in found]


def describe(findings: list[Finding]) -> str:
    return "\n".join(f"{finding.rule_id} {finding.path}: {finding.message}" for finding in findings)


def test_the_filled_plan_has_no_errors(findings: list[Finding]) -> None:
    errors = [finding for finding in findings if finding.severity is Severity.ERROR]
    assert not errors, describe(errors)


def test_the_filled_plan_has_no_warnings(findings: list[Finding]) -> None:
    warnings = [finding for finding in findings if finding.severity is Severity.WARNING]
    assert not warnings, describe(warnings)
