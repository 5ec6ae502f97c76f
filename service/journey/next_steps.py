"""What the person looking at a plan is to do next, by when, and where: the one place it is worked out.

From the plan's status (what `workflow.allows` now), the caller's role (the roles policy reads from
the transition table) and the cycle's timetable. Pages only render it. No HTTP.
"""

import datetime
from dataclasses import dataclass
from enum import IntEnum

from sqlmodel import Session

from plan_schema.vocabulary import PartName, SubmissionStage
from plan_schema.wording import long_date
from service.access import role_groups
from service.access.identity import Member, Principal
from service.journey import agreed_targets, progress
from service.planning import plans, workflow
from service.planning.timetable import local_date, stage_due
from service.tables.access import Role
from service.tables.columns import id_of, utc_now

S, A = workflow.PlanStatus, workflow.Action  # as workflow's table reads


class Urgency(IntEnum):
    """What needs a person's attention first: the panel's assessments, then signatures, then the rest."""

    ASSESS = 0
    SIGN = 1
    ACT = 2
    WAIT = 3


@dataclass(frozen=True)
class NextStep:
    """What to do next on one plan: "Sign the plan for the partnership by 31 March 2027"."""

    plan_id: int
    plan_name: str  # "Birmingham 2027/28"
    text: str
    href: str | None
    due: datetime.date | None
    urgency: Urgency

    @property
    def is_action(self) -> bool:
        """Whether the caller has something to do (rather than wait for someone else)."""
        return self.urgency is not Urgency.WAIT


def _by(what: str, due: datetime.date) -> str:
    # A date gone by still says which it was, and that it has passed, rather than counting the days.
    late = " (overdue)" if due < local_date(utc_now()) else ""
    return f"{what} by {long_date(due)}{late}"


def _may(role: Role, action: workflow.Action, view: plans.PlanView) -> bool:
    return role in workflow.ACTION_ROLES[action] and workflow.allows(view.plan, action)


def _action_step(view: plans.PlanView, role: Role, session: Session) -> tuple[str, str, datetime.date, Urgency] | None:
    """(what, where, by when, urgency) of the first thing the role can do on the plan now, if any."""
    plan_id, cycle, status = id_of(view.plan), view.cycle, workflow.status_of(view.plan)
    review = f"/plans/{plan_id}/review"
    for action, side in ((A.SIGN_FOR_PARTNERSHIP, "partnership"), (A.SIGN_FOR_REGION, "region")):
        if _may(role, action, view):
            return f"Sign the plan for the {side}", f"{review}#sign-off", cycle.sign_off_due, Urgency.SIGN
    if _may(role, A.ACCEPT, view):
        if status is S.REVISIONS_SUBMITTED:
            return (
                "Assess the revisions in the final submission",
                f"{review}#assessment",
                cycle.sign_off_due,
                Urgency.ASSESS,
            )
        return "Assess the initial submission", f"{review}#assessment", cycle.panel_response_due, Urgency.ASSESS
    # A final submission may also correct one made already; that is not the next step, signing is.
    if status in (S.DRAFTING, S.ACCEPTED, S.REVISIONS_REQUESTED):
        stage = SubmissionStage.INITIAL if status is S.DRAFTING else SubmissionStage.FINAL
        due = stage_due(cycle, stage)
        if role in role_groups.SUBMITTERS:
            what = {
                S.DRAFTING: "Make the initial submission (Parts 1 and 4)",
                S.ACCEPTED: "Make the final submission (all four parts)",
                S.REVISIONS_REQUESTED: "Revise the plan as the panel asked and make the final submission",
            }[status]
            return what, f"/plans/{plan_id}/submit/{stage.value}", due, Urgency.ACT
        if PartName.FUNDING in role_groups.PART_EDITORS.get(role, frozenset()):
            return (
                f"Complete Part 4 (funding) for the {stage.value} submission",
                f"/plans/{plan_id}/funding",
                due,
                Urgency.ACT,
            )
    if _may(role, A.PUBLISH, view):
        return "Publish Parts 1, 2 and 4", f"/plans/{plan_id}/publication", cycle.publication_due, Urgency.ACT
    targets = agreed_targets.current(plan_id, session=session)
    recording_open = targets.recorded_at is None and agreed_targets.still_open(cycle.targets_agreed_due)
    if _may(role, A.RECORD_TARGETS, view) and recording_open:
        return "Record the agreed targets", f"{review}#agreed-targets", cycle.targets_agreed_due, Urgency.ACT
    if _may(role, A.CONFIRM_TARGETS, view) and targets.recorded_at is not None:
        return "Confirm the agreed targets", f"{review}#agreed-targets", cycle.targets_agreed_due, Urgency.ACT
    if _may(role, A.ENTER_BASELINES, view) and not targets.baselines:
        return "Enter the annualised baselines", f"/plans/{plan_id}/baselines", cycle.baseline_due, Urgency.ACT
    return None


def next_step(
    view: plans.PlanView, caller: Principal, *, session: Session, where: progress.Progress | None = None
) -> NextStep:
    """What the caller is to do next on the plan, or what it waits for (and until when) if nothing.

    `where` is the plan's progress when the caller has already found it (a page showing the plan).
    """
    plan_id = id_of(view.plan)
    name = f"{view.partnership.name} {view.cycle.plan_year}"
    found = _action_step(view, caller.role, session) if isinstance(caller, Member) else None
    if found is not None:
        what, href, due, urgency = found
        return NextStep(plan_id, name, _by(what, due), href, due, urgency)
    deadline = (where or progress.plan_progress(view, session=session)).deadline
    if deadline is None:
        return NextStep(plan_id, name, "Nothing more is due on this plan.", None, None, Urgency.WAIT)
    text = f"Nothing for you to do now: the plan is waiting for {deadline.what}, due {long_date(deadline.due)}."
    return NextStep(plan_id, name, text, None, deadline.due, Urgency.WAIT)


def attention_order(steps: list[NextStep]) -> list[NextStep]:
    """The steps someone has to take, most pressing first: assessments, then signatures, then by due date."""
    return sorted(
        (step for step in steps if step.is_action), key=lambda step: (step.urgency, step.due or datetime.date.max)
    )
