"""The plan's journey on the regional timetable, as one transition table.

Every change of a plan's status goes through `advance`; a move the table does not hold
raises InvalidTransition (409) naming the plan's current state.
"""

from enum import StrEnum

from sqlmodel import Session, col, select

from plan_schema.vocabulary import PART_SHORT_TITLES, STAGE_PARTS, PartName, SubmissionStage
from service.errors import Conflict
from service.models import Plan, Role, User, id_of
from service.timetable import local_date
from service.workflow_models import SignOff, Submission
from validators import wording


class PlanStatus(StrEnum):
    """Where a plan is on the timetable."""

    DRAFTING = "drafting"
    INITIAL_SUBMITTED = "initial-submitted"
    REVISIONS_REQUESTED = "revisions-requested"
    ACCEPTED = "accepted"
    FINAL_SUBMITTED = "final-submitted"
    SIGNED_BY_PARTNERSHIP = "signed-by-partnership"
    SIGNED_BY_REGION = "signed-by-region"
    SIGNED_OFF = "signed-off"
    PUBLISHED = "published"
    TARGETS_AGREED = "targets-agreed"


STATUS_LABELS: dict[PlanStatus, str] = {
    PlanStatus.DRAFTING: "drafting",
    PlanStatus.INITIAL_SUBMITTED: "initial submission made, awaiting panel assessment",
    PlanStatus.REVISIONS_REQUESTED: "revisions requested",
    PlanStatus.ACCEPTED: "accepted by the panel",
    PlanStatus.FINAL_SUBMITTED: "final submission made, awaiting sign-off",
    PlanStatus.SIGNED_BY_PARTNERSHIP: "signed by the partnership, awaiting the region",
    PlanStatus.SIGNED_BY_REGION: "signed by the region, awaiting the partnership",
    PlanStatus.SIGNED_OFF: "signed off",
    PlanStatus.PUBLISHED: "published",
    PlanStatus.TARGETS_AGREED: "published, targets agreed",
}


class Action(StrEnum):
    """What someone does to move a plan along."""

    SUBMIT_INITIAL = "submit-initial"
    ACCEPT = "accept"
    REQUEST_REVISIONS = "request-revisions"
    SUBMIT_FINAL = "submit-final"
    SIGN_FOR_PARTNERSHIP = "sign-for-partnership"
    SIGN_FOR_REGION = "sign-for-region"
    REOPEN = "reopen"
    PUBLISH = "publish"
    CONFIRM_TARGETS = "confirm-targets"


_PLANNER = frozenset({Role.PLANNER})
_REVIEWER = frozenset({Role.REVIEWER})
S, A = PlanStatus, Action
# (from, action) -> (to, who may). A final submission may be corrected until both sides have
# signed (signatures then apply to the new one); a reopened plan needs a new final submission.
TRANSITIONS: dict[tuple[PlanStatus, Action], tuple[PlanStatus, frozenset[Role]]] = {
    (S.DRAFTING, A.SUBMIT_INITIAL): (S.INITIAL_SUBMITTED, _PLANNER),
    (S.INITIAL_SUBMITTED, A.ACCEPT): (S.ACCEPTED, _REVIEWER),
    (S.INITIAL_SUBMITTED, A.REQUEST_REVISIONS): (S.REVISIONS_REQUESTED, _REVIEWER),
    (S.ACCEPTED, A.SUBMIT_FINAL): (S.FINAL_SUBMITTED, _PLANNER),
    (S.REVISIONS_REQUESTED, A.SUBMIT_FINAL): (S.FINAL_SUBMITTED, _PLANNER),
    (S.FINAL_SUBMITTED, A.SUBMIT_FINAL): (S.FINAL_SUBMITTED, _PLANNER),
    (S.SIGNED_BY_PARTNERSHIP, A.SUBMIT_FINAL): (S.FINAL_SUBMITTED, _PLANNER),
    (S.SIGNED_BY_REGION, A.SUBMIT_FINAL): (S.FINAL_SUBMITTED, _PLANNER),
    (S.FINAL_SUBMITTED, A.SIGN_FOR_PARTNERSHIP): (S.SIGNED_BY_PARTNERSHIP, _PLANNER),
    (S.FINAL_SUBMITTED, A.SIGN_FOR_REGION): (S.SIGNED_BY_REGION, _REVIEWER),
    (S.SIGNED_BY_REGION, A.SIGN_FOR_PARTNERSHIP): (S.SIGNED_OFF, _PLANNER),
    (S.SIGNED_BY_PARTNERSHIP, A.SIGN_FOR_REGION): (S.SIGNED_OFF, _REVIEWER),
    (S.SIGNED_OFF, A.REOPEN): (S.REVISIONS_REQUESTED, frozenset({Role.REVIEWER, Role.ADMIN})),
    (S.SIGNED_OFF, A.PUBLISH): (S.PUBLISHED, frozenset({Role.ADMIN})),
    (S.PUBLISHED, A.CONFIRM_TARGETS): (S.TARGETS_AGREED, _PLANNER),
}
del S, A

ACTION_ROLES: dict[Action, frozenset[Role]] = {
    action: frozenset().union(*(roles for (_, a), (_, roles) in TRANSITIONS.items() if a is action))
    for action in Action
}
STAGE_ACTIONS = {SubmissionStage.INITIAL: Action.SUBMIT_INITIAL, SubmissionStage.FINAL: Action.SUBMIT_FINAL}
LOCKED = frozenset({PlanStatus.SIGNED_OFF, PlanStatus.PUBLISHED, PlanStatus.TARGETS_AGREED})


class InvalidTransition(Conflict):
    """A move the timetable does not allow from the plan's current state."""

    problem_type = "urn:adtp:problem:invalid-transition"

    def __init__(self, current: PlanStatus, action: Action) -> None:
        super().__init__(
            f"The plan is {STATUS_LABELS[current]}, so it cannot be {_PAST[action]} now.",
            current_status=current.value,
            action=action.value,
        )


_PAST = {
    Action.SUBMIT_INITIAL: "given its initial submission",
    Action.ACCEPT: "accepted",
    Action.REQUEST_REVISIONS: "sent back for revisions",
    Action.SUBMIT_FINAL: "given its final submission",
    Action.SIGN_FOR_PARTNERSHIP: "signed for the partnership",
    Action.SIGN_FOR_REGION: "signed for the region",
    Action.REOPEN: "reopened",
    Action.PUBLISH: "published",
    Action.CONFIRM_TARGETS: "have its targets confirmed",
}


def status_of(plan: Plan) -> PlanStatus:
    """The plan's status as the enum."""
    return PlanStatus(plan.status)


def advance(plan: Plan, action: Action, *, session: Session) -> PlanStatus:
    """Move the plan by an action the table allows, or raise InvalidTransition."""
    current = status_of(plan)
    move = TRANSITIONS.get((current, action))
    if move is None:
        raise InvalidTransition(current, action)
    plan.status = move[0].value
    session.add(plan)
    session.flush()
    return move[0]


def ensure_allowed(plan: Plan, action: Action) -> None:
    """Raise InvalidTransition unless the action is possible from the plan's status."""
    current = status_of(plan)
    if (current, action) not in TRANSITIONS:
        raise InvalidTransition(current, action)


class PlanLocked(Conflict):
    """A part write refused because of where the plan is on the timetable."""

    problem_type = "urn:adtp:problem:plan-locked"


def _signed_off_message(plan: Plan, session: Session) -> str:
    rows = session.exec(
        select(SignOff, User)
        .join(User, col(SignOff.signed_by) == col(User.id))
        .where(SignOff.plan_id == id_of(plan))
        .order_by(col(SignOff.signed_at).desc())
    ).all()
    latest: dict[str, tuple[SignOff, User]] = {}
    for sign_off, user in rows:
        latest.setdefault(sign_off.side, (sign_off, user))
    if not latest:
        return "This plan is signed off and can no longer be changed."
    last = max(sign_off.signed_at for sign_off, _ in latest.values())
    names = " and ".join(f"{user.name} for the {side}" for side, (_, user) in sorted(latest.items()))
    return (
        f"This plan was signed off on {wording.long_date(local_date(last))} by {names}, "
        "so it can no longer be changed. "
        "A reviewer or an administrator can reopen it before it is published."
    )


def ensure_part_editable(plan: Plan, part: PartName, *, session: Session) -> None:
    """Refuse a change to a part that the timetable has frozen, saying why."""
    current = status_of(plan)
    if current in LOCKED:
        raise PlanLocked(_signed_off_message(plan, session), reason="signed-off")
    if current is PlanStatus.INITIAL_SUBMITTED and part in STAGE_PARTS[SubmissionStage.INITIAL]:
        submitted = session.exec(
            select(Submission).where(Submission.plan_id == id_of(plan)).order_by(col(Submission.number).desc())
        ).first()
        when = f" on {wording.long_date(local_date(submitted.submitted_at))}" if submitted else ""
        raise PlanLocked(
            f"{PART_SHORT_TITLES[part]} was submitted{when} and is awaiting panel assessment. "
            "You can change it again once the panel has responded; Parts 2 and 3 can be changed meanwhile.",
            reason="awaiting-panel-assessment",
        )


def ensure_attachable(plan: Plan, *, session: Session) -> None:
    """Files can be attached until the plan is signed off."""
    if status_of(plan) in LOCKED:
        raise PlanLocked(_signed_off_message(plan, session), reason="signed-off")
