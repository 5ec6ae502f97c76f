"""Routes for a return's sections: GET with an ETag, PUT guarded by If-Match, as the plan's parts are."""

import datetime
import re
from typing import Annotated

from fastapi import APIRouter, Header, Path, Response
from pydantic import BaseModel

from plan_schema.quarterly_return import ActionsProgress, ActionStatus, MetricReports
from service.access.guards import Returner, Viewer
from service.api import openapi
from service.planning.plans import PlanView
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput, PreconditionFailed, PreconditionRequired
from service.platform.ids import db_integer
from service.returns import actions, exceptions
from service.returns.quarters import ensure_reporting, quarter_of
from service.returns.sections import SectionName, StoredSection, read_section
from service.returns.submissions import check_return, finding_dict
from service.tables.columns import id_of, utc_now

router = APIRouter(tags=["quarterly returns"])

Quarter = Annotated[int, Path(ge=1, le=4, description="The quarter of the plan year: 1 is April to June.")]


class ReturnFindingOut(BaseModel):
    """Something a rule found in the return, by section and JSON Pointer into it."""

    rule_id: str
    severity: str
    section: str
    path: str
    message: str
    citation: str


class ActionLineOut(BaseModel):
    """A Part 3 action, where it sits and what it commits to, with the return's progress on it."""

    reference: str
    grid: int
    grid_title: str
    objective: int
    action: int
    text: str
    postholder: str
    due: datetime.date | None
    status: ActionStatus
    note: str
    evidence: str
    completed: datetime.date | None


class ActionsOut(BaseModel):
    """The return's progress on every Part 3 action, its version and what the rules find."""

    plan_id: int
    quarter: int
    version: int
    updated_at: datetime.datetime | None
    actions: list[ActionLineOut]
    findings: list[ReturnFindingOut]


class MetricLineOut(BaseModel):
    """A scorecard metric as judged on the quarter's figure, with the return's commentary and exception."""

    metric: str
    name: str
    value: str
    rag: str | None
    rag_text: str
    exception_required: bool
    commentary: str
    reason: str
    recovery_action: str
    owner: str
    recovery_date: datetime.date | None


class ExceptionsOut(BaseModel):
    """The return's commentaries and exceptions on the scorecard's metrics, its version and findings."""

    plan_id: int
    quarter: int
    version: int
    updated_at: datetime.datetime | None
    metrics: list[MetricLineOut]
    findings: list[ReturnFindingOut]


_ENTITY_TAG = re.compile(r'^"([a-z-]+)-(\d+)"$')


def entity_tag(section: SectionName, version: int) -> str:
    """The ETag of a section at a version: "actions-3"."""
    return f'"{section.value}-{version}"'


def expected_version(section: SectionName, if_match: str | None) -> int:
    """The version a writer says it edited, from If-Match; 428 without one."""
    if if_match is None or not if_match.strip() or if_match.strip() == "*":
        raise PreconditionRequired(
            'Send If-Match with the ETag from your last read of this section (or "'
            f"{section.value}-0\" before its first save), so that nobody's changes are overwritten unknowingly."
        )
    if not re.fullmatch(openapi.ENTITY_TAGS, if_match):
        raise InvalidInput.at("If-Match", f'must be the ETag from your last read, such as "{section.value}-2"')
    for candidate in if_match.split(","):
        match = _ENTITY_TAG.match(candidate.strip())
        # Version 0 is a section nobody has saved yet: a first save names it.
        version = match.group(2) if match and match.group(1) == section.value else None
        if version is not None and (version == "0" or db_integer(version) is not None):
            return int(version)
    raise PreconditionFailed(f"If-Match {if_match} is not an ETag of this section. Read it again and retry.")


def _stale(error: PreconditionFailed, section: SectionName, stored: StoredSection) -> PreconditionFailed:
    tag = entity_tag(section, stored.version)
    return PreconditionFailed(error.detail, headers={"ETag": tag}, current_version=stored.version, current_etag=tag)


def _findings(view: PlanView, quarter: int, section: SectionName, session: SessionDep) -> list[ReturnFindingOut]:
    checked = check_return(view, quarter, today=local_date(utc_now()), session=session)
    return [ReturnFindingOut(**finding_dict(f)) for f in checked.findings if f.section in (section.value, "return")]


def _actions_out(view: PlanView, quarter: int, response: Response, session: SessionDep) -> ActionsOut:
    lines, stored = actions.read_actions(id_of(view.plan), quarter, session=session)
    response.headers["ETag"] = entity_tag(SectionName.ACTIONS, stored.version)
    return ActionsOut(
        plan_id=id_of(view.plan),
        quarter=quarter,
        version=stored.version,
        updated_at=stored.updated_at,
        actions=[
            ActionLineOut(
                reference=line.planned.reference,
                grid=line.planned.grid,
                grid_title=line.planned.grid_title,
                objective=line.planned.objective,
                action=line.planned.action,
                text=line.planned.text,
                postholder=line.planned.postholder,
                due=line.planned.due,
                **line.progress.model_dump(exclude={"grid", "objective", "action"}),
            )
            for line in lines
        ],
        findings=_findings(view, quarter, SectionName.ACTIONS, session),
    )


def _exceptions_out(view: PlanView, quarter: int, response: Response, session: SessionDep) -> ExceptionsOut:
    lines, stored = exceptions.read_exceptions(view, quarter_of(view.cycle, quarter), session=session)
    response.headers["ETag"] = entity_tag(SectionName.EXCEPTIONS, stored.version)
    return ExceptionsOut(
        plan_id=id_of(view.plan),
        quarter=quarter,
        version=stored.version,
        updated_at=stored.updated_at,
        metrics=[
            MetricLineOut(
                name=line.judgement.name,
                value=line.judgement.value_text,
                rag=line.judgement.rag.value if line.judgement.rag else None,
                rag_text=line.judgement.rag_text,
                exception_required=line.judgement.red,
                **line.report.model_dump(),
            )
            for line in lines
        ],
        findings=_findings(view, quarter, SectionName.EXCEPTIONS, session),
    )


@router.get("/plans/{plan_id}/returns/{quarter}/actions", summary="Read the return's progress on the plan's actions")
def read_actions(view: Viewer, quarter: Quarter, response: Response, session: SessionDep) -> ActionsOut:
    """Every Part 3 action with the progress said on it (not started until said), and the ETag to save with."""
    ensure_reporting(view.plan)
    return _actions_out(view, quarter, response, session)


@router.put("/plans/{plan_id}/returns/{quarter}/actions", summary="Replace the return's progress on the actions")
def write_actions(
    returning: Returner,
    quarter: Quarter,
    body: ActionsProgress,
    response: Response,
    session: SessionDep,
    if_match: Annotated[str | None, Header()] = None,
) -> ActionsOut:
    """Progress on any of the plan's actions (those left out are not started); If-Match names the version edited."""
    version = expected_version(SectionName.ACTIONS, if_match)
    try:
        actions.save_actions(
            returning.plan_id, quarter, body, expected_version=version, by=returning.member.user_id, session=session
        )
    except PreconditionFailed as stale:
        current = read_section(returning.plan_id, quarter, SectionName.ACTIONS, session=session)
        raise _stale(stale, SectionName.ACTIONS, current) from None
    return _actions_out(returning.view, quarter, response, session)


@router.get("/plans/{plan_id}/returns/{quarter}/exceptions", summary="Read the return's exceptions and commentaries")
def read_exceptions(view: Viewer, quarter: Quarter, response: Response, session: SessionDep) -> ExceptionsOut:
    """Every scorecard metric judged on the quarter's figure; a red one needs an exception before submission."""
    ensure_reporting(view.plan)
    return _exceptions_out(view, quarter, response, session)


@router.put("/plans/{plan_id}/returns/{quarter}/exceptions", summary="Replace the return's exceptions and commentaries")
def write_exceptions(
    returning: Returner,
    quarter: Quarter,
    body: MetricReports,
    response: Response,
    session: SessionDep,
    if_match: Annotated[str | None, Header()] = None,
) -> ExceptionsOut:
    """A commentary on any scorecard metric, and an exception (reason, recovery, owner, date) for each red one."""
    version = expected_version(SectionName.EXCEPTIONS, if_match)
    try:
        exceptions.save_exceptions(
            returning.view,
            quarter_of(returning.view.cycle, quarter),
            body,
            expected_version=version,
            by=returning.member.user_id,
            session=session,
        )
    except PreconditionFailed as stale:
        current = read_section(returning.plan_id, quarter, SectionName.EXCEPTIONS, session=session)
        raise _stale(stale, SectionName.EXCEPTIONS, current) from None
    return _exceptions_out(returning.view, quarter, response, session)
