"""Routes for the rules: the catalogue, and a plan's findings and readiness."""

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from plan_schema.vocabulary import PartName, SubmissionStage
from service.access import policy
from service.access.guards import Viewer
from service.planning import validation
from service.platform.deps import SessionDep
from service.tables.columns import id_of
from validators.catalogue import ALL_RULES
from validators.findings import Finding, Severity, count_by_severity

router = APIRouter(tags=["rules"])


class FindingOut(BaseModel):
    """Something a rule found, located by a JSON Pointer into the part's document."""

    rule_id: str
    severity: Severity
    path: str
    message: str
    citation: str


def finding_out(finding: Finding) -> FindingOut:
    """API form of a finding."""
    return FindingOut(
        rule_id=finding.rule_id,
        severity=finding.severity,
        path=finding.path,
        message=finding.message,
        citation=finding.citation,
    )


class RuleOut(BaseModel):
    """A rule of the catalogue."""

    id: str
    severity: Severity
    part: PartName
    citation: str
    description: str


class PartFindings(BaseModel):
    """One part's findings with their counts, and whether anything has been entered in it yet."""

    started: bool
    errors: int
    warnings: int
    findings: list[FindingOut]


class StageOut(BaseModel):
    """Whether a submission stage could be made now, and if not, why."""

    parts: list[PartName]
    ready: bool
    blocking: list[str]


class PlanValidationOut(BaseModel):
    """Every finding of a plan, grouped by part, and readiness for each stage."""

    plan_id: int
    errors: int
    warnings: int
    parts: dict[PartName, PartFindings]
    stages: dict[SubmissionStage, StageOut]


def _part_findings(findings: list[Finding], *, started: bool) -> PartFindings:
    counts = count_by_severity(findings)
    return PartFindings(
        started=started,
        errors=counts.errors,
        warnings=counts.warnings,
        findings=[finding_out(finding) for finding in findings],
    )


@router.get("/rules", summary="The rule catalogue", dependencies=[Depends(policy.public)])
def list_rules() -> list[RuleOut]:
    """Every rule: id, severity, part, guidance citation and description (as in docs/rules.md)."""
    return [
        RuleOut(
            id=rule.id, severity=rule.severity, part=rule.part, citation=rule.citation, description=rule.description
        )
        for rule in ALL_RULES
    ]


@router.get("/plans/{plan_id}/validation", summary="Check a plan against every rule")
def validate_plan(view: Viewer, session: SessionDep) -> PlanValidationOut:
    """All findings by part, whether each part is started, and whether the plan is ready for each stage."""
    plan_id = id_of(view.plan)
    result = validation.validate_stored_plan(plan_id, session=session)
    by_part = {
        part: _part_findings(findings, started=result.started(part)) for part, findings in result.findings.items()
    }
    return PlanValidationOut(
        plan_id=plan_id,
        errors=sum(part.errors for part in by_part.values()),
        warnings=sum(part.warnings for part in by_part.values()),
        parts=by_part,
        stages={
            stage: StageOut(parts=list(readiness.parts), ready=readiness.ready, blocking=list(readiness.blocking))
            for stage, readiness in result.stages.items()
        },
    )
