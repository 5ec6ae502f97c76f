"""Checking and submitting a quarter's return: the rules' findings, and immutable numbered snapshots."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from plan_schema.quarterly_return import ActionsProgress, MetricReports
from service.access import audit
from service.planning import plans
from service.planning.timetable import days_late, local_date
from service.platform.canonical import sha256_of
from service.platform.errors import Conflict, NotFound, ServiceError
from service.returns import actions, exceptions, spend
from service.returns.quarters import ReturnQuarter, ensure_reporting, quarter_of
from service.tables.columns import id_of, utc_now
from service.tables.returns import ReturnSubmission
from validators.findings import Severity
from validators.returns import ReturnContext, ReturnFinding, ReturnSections, validate_return


class ReturnInvalid(ServiceError):
    """A return refused because the rules found errors in it."""

    status = 422
    title = "The return cannot be submitted yet"
    problem_type = "urn:adtp:problem:return-invalid"


@dataclass(frozen=True)
class CheckedReturn:
    """A quarter's return as it stands, its sections' lines and what the rules find in it."""

    quarter: ReturnQuarter
    action_lines: list[actions.ActionLine]
    metric_lines: list[exceptions.MetricLine]
    findings: list[ReturnFinding]

    @property
    def errors(self) -> list[ReturnFinding]:
        """The findings that block submission."""
        return [finding for finding in self.findings if finding.severity is Severity.ERROR]


def check_return(view: plans.PlanView, quarter: int, *, today: datetime.date, session: Session) -> CheckedReturn:
    """The return's sections read against Part 3 and the scorecard, and every rule's findings on them."""
    asked = quarter_of(view.cycle, quarter)
    action_lines, _ = actions.read_actions(id_of(view.plan), quarter, session=session)
    metric_lines, _ = exceptions.read_exceptions(view, asked, session=session)
    sections = ReturnSections(
        actions=ActionsProgress(actions=[line.progress for line in action_lines]),
        metrics=MetricReports(metrics=[line.report for line in metric_lines]),
    )
    red = tuple(line.judgement.code for line in metric_lines if line.judgement.red)
    context = ReturnContext(quarter_ends=asked.ends, today=today, red_metrics=red)
    return CheckedReturn(asked, action_lines, metric_lines, validate_return(sections, context))


def _actions_section(lines: Sequence[actions.ActionLine]) -> list[dict[str, Any]]:
    return [
        {
            "reference": line.planned.reference,
            "text": line.planned.text,
            "postholder": line.planned.postholder,
            "due": line.planned.due.isoformat() if line.planned.due else None,
            **line.progress.model_dump(mode="json"),
        }
        for line in lines
    ]


def _exceptions_section(lines: Sequence[exceptions.MetricLine]) -> list[dict[str, Any]]:
    return [
        {
            "name": line.judgement.name,
            "value": line.judgement.value_text,
            "target": line.judgement.target_text,
            "rag": line.judgement.rag.value if line.judgement.rag else None,
            "rag_text": line.judgement.rag_text,
            **line.report.model_dump(mode="json"),
        }
        for line in lines
    ]


def return_sections(
    plan_id: int, quarter: int, session: Session, *, checked: CheckedReturn | None = None
) -> dict[str, Any]:
    """Every section of a quarter's return as a submission snapshots it: the one place a section joins it.

    `checked` is the check a submission has just run, so that what was checked is what is kept.
    """
    if checked is None:
        view = plans.get_plan(plan_id, session=session)
        checked = check_return(view, quarter, today=local_date(utc_now()), session=session)
    return {
        "actions": _actions_section(checked.action_lines),
        "exceptions": _exceptions_section(checked.metric_lines),
        "spend": spend.spend_section(plan_id, quarter, session=session),
    }


def content_sha256(plan_id: int, quarter: int, sections: dict[str, Any]) -> str:
    """The SHA-256 identifying what a return carried: the canonical JSON of plan, quarter and sections."""
    return sha256_of({"plan_id": plan_id, "quarter": quarter, "sections": sections})


def finding_dict(finding: ReturnFinding) -> dict[str, str]:
    """A finding as the API shows it and a snapshot keeps it."""
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "section": finding.section,
        "path": finding.path,
        "message": finding.message,
        "citation": finding.citation,
    }


def latest(plan_id: int, quarter: int, *, session: Session) -> ReturnSubmission | None:
    """The quarter's newest submission, or None before the first."""
    query = select(ReturnSubmission).where(ReturnSubmission.plan_id == plan_id, ReturnSubmission.quarter == quarter)
    return session.exec(query.order_by(col(ReturnSubmission.number).desc())).first()


def submit_return(plan_id: int, quarter: int, *, submitted_by: int, session: Session) -> ReturnSubmission:
    """Snapshot the quarter's return, numbered after any earlier one, if the rules find no error."""
    ensure_reporting(plans.lock_plan(plan_id, session=session))
    view = plans.get_plan(plan_id, session=session)
    now = utc_now()
    checked = check_return(view, quarter, today=local_date(now), session=session)
    if checked.errors:
        raise ReturnInvalid(
            " ".join(finding.message + "." for finding in checked.errors),
            findings=[finding_dict(finding) for finding in checked.errors],
        )
    sections = return_sections(plan_id, quarter, session, checked=checked)
    digest = content_sha256(plan_id, quarter, sections)
    previous = latest(plan_id, quarter, session=session)
    if previous is not None and previous.content_sha256 == digest:
        raise Conflict(
            f"Nothing has changed since submission {previous.number} of this return: there is nothing new to submit.",
            submission=previous.number,
        )
    count = session.exec(
        select(func.count())
        .select_from(ReturnSubmission)
        .where(ReturnSubmission.plan_id == plan_id, ReturnSubmission.quarter == quarter)
    ).one()
    submission = ReturnSubmission(
        plan_id=plan_id,
        quarter=quarter,
        number=count + 1,
        submitted_at=now,
        submitted_by=submitted_by,
        due=checked.quarter.due,
        days_late=days_late(checked.quarter.due, now),
        sections=sections,
        findings=[finding_dict(finding) for finding in checked.findings],
        content_sha256=digest,
    )
    session.add(submission)
    session.flush()
    audit.record(
        "return-submitted",
        session=session,
        user_id=submitted_by,
        object_type="plan",
        object_id=plan_id,
        quarter=quarter,
        submission=submission.number,
        sha256=digest,
        days_late=submission.days_late,
    )
    return submission


def submissions_of(plan_id: int, quarter: int, *, session: Session) -> Sequence[ReturnSubmission]:
    """A quarter's submissions, oldest first."""
    query = select(ReturnSubmission).where(ReturnSubmission.plan_id == plan_id, ReturnSubmission.quarter == quarter)
    return session.exec(query.order_by(col(ReturnSubmission.number))).all()


def submission(plan_id: int, quarter: int, number: int, *, session: Session) -> ReturnSubmission:
    """One numbered submission of a quarter's return."""
    found = session.exec(
        select(ReturnSubmission).where(
            ReturnSubmission.plan_id == plan_id, ReturnSubmission.quarter == quarter, ReturnSubmission.number == number
        )
    ).first()
    if found is None:
        raise NotFound(f"Quarter {quarter}'s return of plan {plan_id} has no submission {number}.")
    return found
