"""Running the rules on stored plans: a part's findings, and a whole plan's readiness."""

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError
from sqlmodel import Session, select

from plan_schema.funding import Funding
from plan_schema.vocabulary import PartName, SubmissionStage
from service.planning import parts, plans, reference, submitted
from service.tables.columns import id_of
from service.tables.journey import SELF_AUDIT, Attachment
from validators.catalogue import CROSS_PART_RULES, validate_plan
from validators.context import PlanContext
from validators.findings import Finding
from validators.readiness import Readiness, readiness
from validators.stored_form import stored_form_findings


def finding_dict(finding: Finding) -> dict[str, str]:
    """A finding as stored with a submission and sent to clients."""
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "path": finding.path,
        "message": finding.message,
        "citation": finding.citation,
    }


def initial_submission_funding(plan_id: int, *, session: Session) -> Funding | None:
    """Part 4 as the initial (January) submission carried it; None before that submission is made."""
    january = submitted.latest(plan_id, session=session, stage=SubmissionStage.INITIAL)
    carried = january.parts if january else None
    if carried is None or PartName.FUNDING.value not in carried:
        return None
    try:
        return Funding.model_validate(carried[PartName.FUNDING.value])
    except ValidationError:
        # A snapshot from before a template change: its figures cannot be lined up with today's,
        # so the comparison with January is left out rather than guessed at.
        return None


def plan_context(view: plans.PlanView, *, session: Session) -> PlanContext:
    """Everything the rules read beyond the parts: the cycle, the partnership's PCTs, the January figures.

    The one place a PlanContext is built for a stored plan: every caller that runs the rules
    (API, pages, submissions, dashboards) comes through here, so no rule is left without its data.
    """
    cycle = view.cycle
    plan_id = id_of(view.plan)
    return PlanContext(
        plan_year=cycle.plan_year,
        previous_year=cycle.previous_year,
        indicative_years=tuple(cycle.indicative_years),
        inflation_uplift_pct=cycle.inflation_uplift_pct,
        harm_reduction_self_audit_required=cycle.harm_reduction_self_audit_required,
        pct_codes=tuple(pct.code for pct in reference.pcts_of(id_of(view.partnership), session=session)),
        initial_submission_funding=initial_submission_funding(plan_id, session=session),
    )


def _findings(stored: Mapping[PartName, parts.StoredPart], context: PlanContext) -> dict[PartName, list[Finding]]:
    # Parts that no longer fit the template get findings saying so; the rules run on the rest.
    models: dict[PartName, BaseModel] = {part: s.model for part, s in stored.items() if s.model is not None}
    results = validate_plan(models, context)
    for part, stored_part in stored.items():
        if stored_part.form_error is not None:
            results[part] = stored_form_findings(part, stored_part.form_error)
    return results


def part_findings(stored: parts.StoredPart, view: plans.PlanView, *, session: Session) -> list[Finding]:
    """Every finding about one part, including rules that also read other parts."""
    context = plan_context(view, session=session)
    needed = {required for rule in CROSS_PART_RULES if rule.part is stored.part for required in rule.requires}
    gathered = {part: parts.read_part(stored.plan_id, part, session=session) for part in needed - {stored.part}}
    gathered[stored.part] = stored
    return _findings(gathered, context).get(stored.part, [])


def has_self_audit(plan_id: int, *, session: Session) -> bool:
    """True once the harm reduction strategy self-audit is attached to the plan."""
    query = select(Attachment.id).where(Attachment.plan_id == plan_id, Attachment.kind == SELF_AUDIT)
    return session.exec(query).first() is not None


@dataclass(frozen=True)
class PlanValidation:
    """All findings of a plan by part, the parts not started, whether each stage could go now, and the self-audit."""

    plan_id: int
    context: PlanContext
    findings: dict[PartName, list[Finding]]
    not_started: frozenset[PartName]
    stages: dict[SubmissionStage, Readiness]
    self_audit_attached: bool

    def started(self, part: PartName) -> bool:
        """True once the part holds something a person entered (service.planning.plans.is_started)."""
        return part not in self.not_started


def not_started(stored: Mapping[PartName, parts.StoredPart]) -> frozenset[PartName]:
    """The parts with nothing entered yet; a part that no longer fits the template has something in it."""
    return frozenset(part for part, s in stored.items() if s.model is not None and not plans.is_started(part, s.model))


def validate(view: plans.PlanView, stored: Mapping[PartName, parts.StoredPart], *, session: Session) -> PlanValidation:
    """Run every rule on a plan's parts as the caller already read them."""
    plan_id = id_of(view.plan)
    context = plan_context(view, session=session)
    findings = _findings(stored, context)
    empty = not_started(stored)
    attached = has_self_audit(plan_id, session=session)
    stages = readiness(
        findings,
        not_started=empty,
        self_audit_required=context.harm_reduction_self_audit_required,
        self_audit_attached=attached,
    )
    return PlanValidation(
        plan_id=plan_id,
        context=context,
        findings={part: findings.get(part, []) for part in PartName},
        not_started=empty,
        stages=stages,
        self_audit_attached=attached,
    )


def validate_stored_plan(plan_id: int, *, session: Session) -> PlanValidation:
    """Run every rule on a plan as stored."""
    view = plans.get_plan(plan_id, session=session)
    return validate(view, parts.read_parts(plan_id, session=session), session=session)
