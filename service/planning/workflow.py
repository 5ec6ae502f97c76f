"""The plan's journey on the regional timetable, as one transition table.

Every change of a plan's status goes through `advance`; a move the table does not hold
raises InvalidTransition (409) naming the plan's current state.
"""

from enum import StrEnum

from sqlmodel import Session, col, select

from plan_schema import wording
from plan_schema.vocabulary import PART_SHORT_TITLES, STAGE_PARTS, PartName, SubmissionStage
from service.planning import submitted
from service.planning.timetable import local_date
from service.platform.errors import Conflict
from service.tables.access import Role, User
from service.tables.columns import id_of
from service.tables.journey import SignOff
from service.tables.plans import Plan


class PlanStatus(StrEnum):
    """Where a plan is on the timetable."""

    DRAFTING = "drafting"
    INITIAL_SUBMITTED = "initial-submitted"
    REVISIONS_REQUESTED = "revisions-requested"
    REVISIONS_SUBMITTED = "revisions-submitted"
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
    PlanStatus.REVISIONS_SUBMITTED: "final submission made, awaiting the panel's assessment of the revisions",
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
    RECORD_TARGETS = "record-targets"
    CONFIRM_TARGETS = "confirm-targets"
    ENTER_BASELINES = "enter-baselines"


_PLANNER = frozenset({Role.PLANNER})
_REVIEWER = frozenset({Role.REVIEWER})
S, A = PlanStatus, Action
# (from, action) -> (to, who may). A final submission made after revisions were requested (or after
# a reopening) waits for the panel to assess the revisions before anyone signs; one made after the
# panel accepted the initial submission goes straight to signing. A final submission may be corrected
# until both sides have signed (signatures then apply to the new one). Recording the agreed targets
# and entering the baselines change no status: they are in the table for when they are allowed.
TRANSITIONS: dict[tuple[PlanStatus, Action], tuple[PlanStatus, frozenset[Role]]] = {
    (S.DRAFTING, A.SUBMIT_INITIAL): (S.INITIAL_SUBMITTED, _PLANNER),
    (S.INITIAL_SUBMITTED, A.ACCEPT): (S.ACCEPTED, _REVIEWER),
    (S.INITIAL_SUBMITTED, A.REQUEST_REVISIONS): (S.REVISIONS_REQUESTED, _REVIEWER),
    (S.ACCEPTED, A.SUBMIT_FINAL): (S.FINAL_SUBMITTED, _PLANNER),
    (S.REVISIONS_REQUESTED, A.SUBMIT_FINAL): (S.REVISIONS_SUBMITTED, _PLANNER),
    (S.REVISIONS_SUBMITTED, A.ACCEPT): (S.FINAL_SUBMITTED, _REVIEWER),
    (S.REVISIONS_SUBMITTED, A.REQUEST_REVISIONS): (S.REVISIONS_REQUESTED, _REVIEWER),
    (S.FINAL_SUBMITTED, A.SUBMIT_FINAL): (S.FINAL_SUBMITTED, _PLANNER),
    (S.SIGNED_BY_PARTNERSHIP, A.SUBMIT_FINAL): (S.FINAL_SUBMITTED, _PLANNER),
    (S.SIGNED_BY_REGION, A.SUBMIT_FINAL): (S.FINAL_SUBMITTED, _PLANNER),
    (S.FINAL_SUBMITTED, A.SIGN_FOR_PARTNERSHIP): (S.SIGNED_BY_PARTNERSHIP, _PLANNER),
    (S.FINAL_SUBMITTED, A.SIGN_FOR_REGION): (S.SIGNED_BY_REGION, _REVIEWER),
    (S.SIGNED_BY_REGION, A.SIGN_FOR_PARTNERSHIP): (S.SIGNED_OFF, _PLANNER),
    (S.SIGNED_BY_PARTNERSHIP, A.SIGN_FOR_REGION): (S.SIGNED_OFF, _REVIEWER),
    (S.SIGNED_OFF, A.REOPEN): (S.REVISIONS_REQUESTED, frozenset({Role.REVIEWER, Role.ADMIN})),
    (S.SIGNED_OFF, A.PUBLISH): (S.PUBLISHED, frozenset({Role.ADMIN})),
    (S.PUBLISHED, A.RECORD_TARGETS): (S.PUBLISHED, _REVIEWER),
    (S.PUBLISHED, A.CONFIRM_TARGETS): (S.TARGETS_AGREED, _PLANNER),
    (S.TARGETS_AGREED, A.ENTER_BASELINES): (S.TARGETS_AGREED, frozenset({Role.ADMIN})),
}
del S, A

ACTION_ROLES: dict[Action, frozenset[Role]] = {
    action: frozenset().union(*(roles for (_, a), (_, roles) in TRANSITIONS.items() if a is action))
    for action in Action
}
STAGE_ACTIONS = {SubmissionStage.INITIAL: Action.SUBMIT_INITIAL, SubmissionStage.FINAL: Action.SUBMIT_FINAL}
LOCKED = frozenset({PlanStatus.SIGNED_OFF, PlanStatus.PUBLISHED, PlanStatus.TARGETS_AGREED})
# A plan reports each quarter once signed off: its Part 3 actions are then what the partnership is held
# to, and cannot change under the returns reporting on them. A plan still in assessment has no agreed
# actions to report progress on; a reopened one reports again once signed off anew.
REPORTING = LOCKED


class InvalidTransition(Conflict):
    """A move the timetable does not allow from the plan's current state."""

    problem_type = "urn:adtp:problem:invalid-transition"

    def __init__(self, current: PlanStatus, action: Action, *, why: str = "") -> None:
        super().__init__(
            f"The plan is {STATUS_LABELS[current]}, so it cannot {_PAST[action]} now.{' ' + why if why else ''}",
            current_status=current.value,
            action=action.value,
        )


_PAST = {
    Action.SUBMIT_INITIAL: "be given its initial submission",
    Action.ACCEPT: "be accepted",
    Action.REQUEST_REVISIONS: "be sent back for revisions",
    Action.SUBMIT_FINAL: "be given its final submission",
    Action.SIGN_FOR_PARTNERSHIP: "be signed for the partnership",
    Action.SIGN_FOR_REGION: "be signed for the region",
    Action.REOPEN: "be reopened",
    Action.PUBLISH: "be published",
    Action.RECORD_TARGETS: "have its agreed targets recorded",
    Action.CONFIRM_TARGETS: "have its targets confirmed",
    Action.ENTER_BASELINES: "have its annualised baselines entered",
}


def reports_quarterly(plan: Plan) -> bool:
    """Whether the plan makes quarterly returns now (signed off, published or with its targets agreed)."""
    return status_of(plan) in REPORTING


def status_of(plan: Plan) -> PlanStatus:
    """The plan's status as the enum."""
    return PlanStatus(plan.status)


def has_submitted(plan: Plan) -> bool:
    """Whether the plan has made a submission: at any status but drafting, which no transition leads back to.

    So a plan still drafting (as most are in the weeks before the initial submission's deadline) has no
    submission, assessment or submitted figures for a page or a save to read.
    """
    return status_of(plan) is not PlanStatus.DRAFTING


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


def after(plan: Plan, action: Action) -> PlanStatus:
    """The status the action would move the plan to now, or InvalidTransition if the table holds no such move."""
    ensure_allowed(plan, action)
    return TRANSITIONS[status_of(plan), action][0]


def allows(plan: Plan, action: Action) -> bool:
    """Whether the table allows the action from the plan's status now (what pages ask before offering a form)."""
    return (status_of(plan), action) in TRANSITIONS


def ensure_allowed(plan: Plan, action: Action, *, why: str = "") -> None:
    """Raise InvalidTransition unless the action is possible from the plan's status (`why` adds when it is)."""
    if not allows(plan, action):
        raise InvalidTransition(status_of(plan), action, why=why)


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


def part_editable(plan: Plan, part: PartName) -> bool:
    """Whether the timetable lets the part change now: not once signed off, nor while the panel assesses it."""
    return part_editable_at(status_of(plan), part)


def part_editable_at(status: PlanStatus, part: PartName) -> bool:
    """Whether the timetable lets the part change while the plan has this status (see part_editable)."""
    awaiting_panel = status is PlanStatus.INITIAL_SUBMITTED and part in STAGE_PARTS[SubmissionStage.INITIAL]
    return status not in LOCKED and not awaiting_panel


def attachable(plan: Plan) -> bool:
    """Whether files can be attached now: until the plan is signed off."""
    return status_of(plan) not in LOCKED


def ensure_part_editable(plan: Plan, part: PartName, *, session: Session) -> None:
    """Refuse a change to a part that the timetable has frozen, saying why."""
    if part_editable(plan, part):
        return
    current = status_of(plan)
    if current in LOCKED:
        raise PlanLocked(_signed_off_message(plan, session), reason="signed-off")
    if current is PlanStatus.INITIAL_SUBMITTED and part in STAGE_PARTS[SubmissionStage.INITIAL]:
        newest = submitted.latest(id_of(plan), session=session)
        when = f" on {wording.long_date(local_date(newest.submitted_at))}" if newest else ""
        raise PlanLocked(
            f"{PART_SHORT_TITLES[part]} was submitted{when} and is awaiting panel assessment. "
            "You can change it again once the panel has responded; Parts 2 and 3 can be changed meanwhile.",
            reason="awaiting-panel-assessment",
        )


def ensure_attachable(plan: Plan, *, session: Session) -> None:
    """Refuse an attachment once the plan is signed off, saying why."""
    if not attachable(plan):
        raise PlanLocked(_signed_off_message(plan, session), reason="signed-off")
