"""A plan's task list: the four parts with their status, what was submitted, and what is due next."""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from plan_schema.vocabulary import PART_TITLES, PartName
from plan_schema.wording import plural
from service.access import policy
from service.access.identity import CurrentPrincipal, Principal
from service.journey import next_steps, progress, reviews
from service.pages.monitoring.scorecard_page import MONITORING_GENERATION, KeptJudgements, part_2_judgements
from service.pages.planning.plan_sections import plan_sections
from service.pages.rendering import render
from service.planning import parts, plans, self_audit, validation, workflow, year_on_year
from service.planning.part_status import PartStatus, part_status
from service.platform.deps import SessionDep
from service.platform.event_loop import on_the_loop
from service.tables.columns import id_of
from validators.findings import count_by_severity

router = APIRouter(include_in_schema=False)

# The parts that have a page so far; the others are listed without a link.
PART_PAGES: dict[PartName, str] = {
    PartName.STRATEGIC_SUMMARY: "strategic-summary",
    PartName.TARGETS: "targets",
    PartName.PLANNING_GRIDS: "planning-grids",
    PartName.FUNDING: "funding",
}


NOTHING_ENTERED = "Nothing entered yet"


def part_page_viewer(*shown: PartName) -> Callable[..., Awaitable[plans.PlanView]]:
    """The policy of a page showing `shown` parts of a plan: visible_plan's, with those parts and whether the plan
    has open comments read in the caller's statement (service/access/plan_rows.py)."""
    return policy.plan_viewer(reviews.ANY_OPEN_COMMENT, parts=shown)


# The plan for a part page that reads its parts itself.
PartPageViewer = Annotated[plans.PlanView, Depends(part_page_viewer())]
# The plan for the task list, with everything it asks about the plan at every showing.
TaskListViewer = Annotated[
    plans.PlanView,
    Depends(policy.plan_viewer(reviews.ANY_OPEN_COMMENT, self_audit.ATTACHED, MONITORING_GENERATION)),
]

# GOV.UK task list: a tag for what needs doing, plain text once completed.
STATUS_TAGS: dict[PartStatus, str | None] = {
    PartStatus.NOT_STARTED: "govuk-tag--blue",
    PartStatus.IN_PROGRESS: "govuk-tag--light-blue",
    PartStatus.HAS_ERRORS: "govuk-tag--red",
    PartStatus.COMPLETED: None,
}


@dataclass(frozen=True)
class TaskListItem:
    """One part on the task list."""

    part: PartName
    title: str
    href: str | None
    status: PartStatus
    errors: int
    warnings: int

    @property
    def tag_classes(self) -> str | None:
        """The GOV.UK tag colour of the status, or None for plain text."""
        return STATUS_TAGS[self.status]

    @property
    def hint(self) -> str:
        """How many findings there are, in words; a part not started has nothing to check yet."""
        if self.status is PartStatus.NOT_STARTED:
            return NOTHING_ENTERED
        counts = [(self.errors, "to do before it can be submitted"), (self.warnings, "to check")]
        said = [f"{plural(count, 'thing')} {what}" for count, what in counts if count]
        return "; ".join(said) if said else "No problems found"


def plan_heading(view: plans.PlanView, *, session: Session) -> dict[str, Any]:
    """What every plan page shows at its top: whose plan, its status, and the next deadline."""
    return heading_context(view, progress.plan_progress(view, session=session))


def part_page_context(view: plans.PlanView, caller: Principal, part: PartName, *, session: Session) -> dict[str, Any]:
    """What a part's page shows besides its form: the plan's heading, the next step, and the part's open comments.

    The comments are by the id of the field each is shown beside (templates/macros/part_form.html).
    """
    # Imported here: open_comments reads the part pages' forms, which themselves import this module.
    from service.pages.journey.open_comments import on_part

    where = progress.plan_progress(view, session=session)
    return heading_context(view, where) | {
        "next_step": next_steps.next_step(view, caller, session=session, where=where),
        "comments": on_part(view, part, session=session),
        "comments_shown": [],  # the ids of the comments shown beside a field; the rest are listed after the form
    }


def heading_context(view: plans.PlanView, where: progress.Progress) -> dict[str, Any]:
    """The context of templates/_plan_heading.html for a plan and where it is."""
    # In plan order: a submission's parts are a JSON object, whose key order PostgreSQL does not keep.
    submitted = [part for part in PartName if where.latest and part.value in where.latest.parts]
    return {"view": view, "progress": where, "submitted_parts": submitted, "plan_id": id_of(view.plan)}


def task_list(stored: Mapping[PartName, parts.StoredPart], checked: validation.PlanValidation) -> list[TaskListItem]:
    """The four parts in plan order with their statuses."""
    plan_id = checked.plan_id
    items = []
    for part in PartName:
        findings = checked.findings[part]
        counts = count_by_severity(findings)
        page = PART_PAGES.get(part)
        items.append(
            TaskListItem(
                part=part,
                title=PART_TITLES[part],
                href=f"/plans/{plan_id}/{page}" if page else None,
                status=part_status(stored[part], findings, started=checked.started(part)),
                errors=counts.errors,
                warnings=counts.warnings,
            )
        )
    return items


def revision_context(view: plans.PlanView, *, session: Session) -> dict[str, Any]:
    """What templates/_open_comments.html shows: whether revisions are requested, and the open comments."""
    # Imported here: open_comments reads the part pages' forms, which themselves import this module.
    from service.pages.journey.open_comments import open_comments

    revising = workflow.status_of(view.plan) is workflow.PlanStatus.REVISIONS_REQUESTED
    return {"revisions_requested": revising, "open_comments": open_comments(view, session=session)}


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
@on_the_loop
def plan_page(
    request: Request,
    view: TaskListViewer,
    caller: CurrentPrincipal,
    session: SessionDep,
    kept: KeptJudgements,
) -> HTMLResponse:
    """The plan's task list, its latest submission and its next deadline."""
    state = progress.plan_state(view, session=session)  # read once: the heading and the next step share it
    context = (
        heading_context(view, state.progress)
        | {
            "caller": caller,
            "title": "Adult drug treatment plan",
            "tasks": task_list(state.stored, state.checked),
            "next_step": next_steps.next_step(view, caller, session=session, where=state.progress),
            "reports_quarterly": workflow.reports_quarterly(view.plan),
            "carried_over": year_on_year.carried_over_actions(state.stored[PartName.PLANNING_GRIDS].stored_document),
            "carried_over_href": f"/plans/{id_of(view.plan)}/planning-grids",
        }
        | revision_context(view, session=session)
        | plan_sections(view, state.checked, session=session)
        | part_2_judgements(view, kept, session=session)
    )
    return render(request, "plan.html", context)
