"""Sign-off by both sides, reopening before publication, and publication."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from plan_schema.vocabulary import SubmissionStage
from service.access import audit
from service.access.identity import Member
from service.notifications import events
from service.planning import plans, submitted, workflow
from service.platform.errors import BrokenInvariant, InvalidInput
from service.tables.access import Role
from service.tables.columns import id_of
from service.tables.journey import Publication, Reopening, SignOff

SIDES = {workflow.Action.SIGN_FOR_PARTNERSHIP: "partnership", workflow.Action.SIGN_FOR_REGION: "region"}
# Which side a signatory's signature is for, read from the transition table (today a planner signs
# for the partnership, a reviewer for the region); a role signs for one side only.
SIGNING_ACTIONS: dict[Role, workflow.Action] = {
    role: action for action in SIDES for role in workflow.ACTION_ROLES[action]
}


def sign(plan_id: int, action: workflow.Action, *, signer: Member, session: Session) -> SignOff:
    """One side signs the latest final submission; the second signature signs the plan off."""
    plan = plans.lock_plan(plan_id, session=session)
    workflow.ensure_allowed(plan, action)
    final = submitted.latest(plan_id, session=session, stage=SubmissionStage.FINAL)
    if final is None:  # the transition table only allows signing after a final submission
        raise BrokenInvariant(f"plan {plan_id} may be signed but has no final submission")
    sign_off = SignOff(plan_id=plan_id, submission_id=id_of(final), side=SIDES[action], signed_by=signer.user_id)
    session.add(sign_off)
    status = workflow.advance(plan, action, session=session)
    audit.record(
        "plan-signed",
        session=session,
        user_id=signer.user_id,
        object_type="plan",
        object_id=plan_id,
        side=sign_off.side,
        submission=final.number,
        status=status.value,
    )
    view = plans.get_plan(plan_id, session=session)
    if status is workflow.PlanStatus.SIGNED_OFF:
        events.signed_off(view, sign_off, signatures_of(plan_id, session=session), session=session)
    else:
        events.signed(view, sign_off, final, session=session)
    return sign_off


def reopen(plan_id: int, reason: str, *, by: Member, session: Session) -> Reopening:
    """Open a signed-off plan again before publication; the reason is kept."""
    plan = plans.lock_plan(plan_id, session=session)
    workflow.ensure_allowed(plan, workflow.Action.REOPEN)
    if not reason.strip():
        raise InvalidInput.at("/reason", "say why the plan is reopened")
    reopening = Reopening(plan_id=plan_id, reason=reason, reopened_by=by.user_id)
    session.add(reopening)
    workflow.advance(plan, workflow.Action.REOPEN, session=session)
    audit.record(
        "plan-reopened", session=session, user_id=by.user_id, object_type="plan", object_id=plan_id, reason=reason
    )
    return reopening


def publish(plan_id: int, *, by: Member, session: Session) -> Publication:
    """Make the signed-off plan's Parts 1, 2 and 4 public."""
    plan = plans.lock_plan(plan_id, session=session)
    workflow.ensure_allowed(plan, workflow.Action.PUBLISH)
    final = submitted.latest(plan_id, session=session, stage=SubmissionStage.FINAL)
    if final is None:  # signed off implies a final submission
        raise BrokenInvariant(f"plan {plan_id} may be published but has no final submission")
    publication = Publication(plan_id=plan_id, submission_id=id_of(final), published_by=by.user_id)
    session.add(publication)
    workflow.advance(plan, workflow.Action.PUBLISH, session=session)
    audit.record(
        "plan-published",
        session=session,
        user_id=by.user_id,
        object_type="plan",
        object_id=plan_id,
        submission=final.number,
    )
    events.published(plans.get_plan(plan_id, session=session), publication, session=session)
    return publication


def signatures_of(plan_id: int, *, session: Session) -> Sequence[SignOff]:
    """Every signature given on the plan, oldest first (a reopened plan keeps its earlier ones)."""
    query = select(SignOff).where(SignOff.plan_id == plan_id).order_by(col(SignOff.signed_at), col(SignOff.id))
    return session.exec(query).all()
