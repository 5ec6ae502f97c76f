"""Event messages: who is told what when something happens to a plan, and what is new for someone since a moment.

The journey calls one function here per event, inside the transaction that records it and after the move was
allowed and made, so a refused or rolled-back action tells nobody. Each message is enqueued once per event and
recipient (its dedupe key names both: "submission:12:user:7"), so a retried request never sends twice; each is
digestible, so someone who chose the weekly digest reads it on Monday instead. The words are event_wording's.

Who receives what (where issue 18 is silent, decided here):
- Nobody is told of what they did themselves, except a submitter: the receipt is their record of what was sent.
- "The partnership" is its planners and finance officers, who write the plan; "the region" its reviewers. Whoever
  acts next is read from the workflow's transition table (ACTION_ROLES), so the two cannot drift apart. An
  inactive account gets nothing (the outbox's rule).
- A submission: the partnership gets a receipt with the number and the SHA-256 of the snapshot and of each file;
  the region is told it now awaits them (an assessment, or a signature).
- The panel's decision: the partnership, for revisions requested and also for acceptance, since the planners
  then make the final submission. Field comments made with the decision are counted in that message, not sent
  one by one.
- A comment (not a reply): the partnership's people who may change the part it is on (a Part 4 comment reaches
  finance officers too) and the region's reviewers, but not its author.
- A reply: everyone who wrote in that conversation, but the one replying.
- One signature: the other side (the region's reviewers, or the partnership's planners, who sign).
- Both signatures: the partnership, the region and the administrators, who publish next.
- Publication: the partnership and the region, whose reviewers record the agreed targets next.
- Agreed targets recorded: the partnership's planners, who confirm them (recorded again unchanged: nobody).
- Targets agreed (confirmed): the partnership, the region and the administrators, who enter the baselines next.

Adding an event is a few lines: a member of Event, its words in event_wording, and a function here that finds
its recipients and calls `tell`. A quarterly return's review is told in return_events, by the same means.

May import: service.notifications, service.planning, service.access, service.tables, service.platform, plan_schema.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum

from sqlmodel import Session, col, or_, select

from plan_schema.vocabulary import PART_SHORT_TITLES, PartName
from service.access.role_groups import PART_EDITORS
from service.notifications import event_wording as words
from service.notifications import outbox
from service.planning import plans
from service.planning.workflow import ACTION_ROLES, Action, PlanStatus
from service.tables.access import Role, User
from service.tables.columns import id_of
from service.tables.journey import AgreedTargets, Assessment, Comment, Publication, RenderedPart, SignOff, Submission
from service.tables.notifications import Message


class Event(StrEnum):
    """What happened: each event message's kind."""

    SUBMISSION_RECEIVED = "submission-received"
    PLAN_ASSESSED = "plan-assessed"
    COMMENT = "comment"
    REPLY = "comment-reply"
    SIGNATURE = "plan-signed"
    SIGNED_OFF = "plan-signed-off"
    PUBLISHED = "plan-published"
    TARGETS_RECORDED = "targets-recorded"
    TARGETS_AGREED = "targets-agreed"
    RETURN_QUESTION = "return-question"  # service/notifications/return_events.py
    RETURN_ACCEPTED = "return-accepted"


PARTNERSHIP = (Role.PLANNER, Role.FINANCE)
REGION = (Role.REVIEWER,)
Wording = words.Wording
# Each recipient's words: the same event reads differently to whoever acts next.
WordingFor = Callable[[User], Wording]


def people_of(view: plans.PlanView, roles: Iterable[Role], *, session: Session) -> list[User]:
    """The active users of these roles who work on the plan: its partnership's, its region's, or administrators."""
    on_the_plan = or_(
        col(User.partnership_id) == view.partnership.id,
        col(User.region_id) == view.partnership.region_id,
        col(User.role) == Role.ADMIN.value,
    )
    wanted = [role.value for role in roles]
    query = select(User).where(col(User.active), col(User.role).in_(wanted), on_the_plan).order_by(col(User.id))
    return list(session.exec(query).all())


def _acting(action: Action) -> frozenset[Role]:
    return ACTION_ROLES[action]


def tell(
    session: Session,
    event: Event,
    key: str,
    recipients: Iterable[User],
    wording: WordingFor,
    link: str | Callable[[User], str],
    *,
    actor: int | None = None,
) -> None:
    """Enqueue one message per recipient (each once, the actor never), keyed by the event and the recipient."""
    told: set[int] = set()
    for person in recipients:
        user_id = id_of(person)
        if user_id in told or user_id == actor:
            continue
        told.add(user_id)
        said = wording(person)
        outbox.enqueue(
            session,
            recipient=person,
            kind=event.value,
            subject=said.subject,
            body=said.body,
            link=link(person) if callable(link) else link,
            dedupe_key=f"{key}:user:{user_id}",
            digestible=True,
        )


def named(view: plans.PlanView) -> words.PlanNamed:
    return words.PlanNamed(view.partnership.name, view.cycle.plan_year)


def name_of(user_id: int | None, session: Session) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.name if user is not None else "Someone"


def submission_received(
    view: plans.PlanView, submission: Submission, files: Sequence[RenderedPart], status: PlanStatus, *, session: Session
) -> None:
    """A receipt to the partnership (the submitter too); to the region, that the plan now awaits them."""
    cycle = view.cycle
    facts = words.SubmissionFacts(
        stage=submission.stage,
        number=submission.number,
        submitted_at=submission.submitted_at,
        submitted_by=name_of(submission.submitted_by, session),
        content_sha256=submission.content_sha256,
        files=[(file.filename, file.sha256) for file in sorted(files, key=lambda file: file.filename)],
        due=submission.due,
        days_late=submission.days_late,
    )
    due = cycle.panel_response_due if status is PlanStatus.INITIAL_SUBMITTED else cycle.sign_off_due
    plan_id = id_of(view.plan)

    def wording(person: User) -> Wording:
        if person.role in PARTNERSHIP:
            return words.submission_receipt(
                named(view), facts, next_step=words.next_after_submission(status.value, acts=False, due=due)
            )
        return words.submission_to_panel(
            named(view), facts, next_step=words.next_after_submission(status.value, acts=True, due=due)
        )

    def link(person: User) -> str:
        if person.role in PARTNERSHIP:
            return f"/plans/{plan_id}/submissions/{submission.id}"
        return f"/plans/{plan_id}/review#submissions"

    recipients = people_of(view, (*PARTNERSHIP, *REGION), session=session)
    tell(session, Event.SUBMISSION_RECEIVED, f"submission:{submission.id}", recipients, wording, link)


def plan_assessed(
    view: plans.PlanView,
    assessment: Assessment,
    submission: Submission,
    status: PlanStatus,
    *,
    field_comments: int,
    session: Session,
) -> None:
    """The panel's decision, to the partnership."""
    cycle = view.cycle
    said = words.assessed(
        named(view),
        decision=assessment.decision,
        stage=submission.stage,
        number=submission.number,
        comment=assessment.comment,
        field_comments=field_comments,
        next_step=words.next_after_assessment(
            status.value, final_due=cycle.final_submission_due, sign_off_due=cycle.sign_off_due
        ),
    )
    tell(
        session,
        Event.PLAN_ASSESSED,
        f"assessment:{assessment.id}",
        people_of(view, PARTNERSHIP, session=session),
        lambda _: said,
        f"/plans/{id_of(view.plan)}/review#assessment",
        actor=assessment.assessed_by,
    )


def commented(view: plans.PlanView, comment: Comment, *, session: Session) -> None:
    """A new comment to those who may act on it; a reply to those in its conversation."""
    where = PART_SHORT_TITLES[PartName(comment.part)] if comment.part else None
    author = name_of(comment.author_id, session)
    link = f"/plans/{id_of(view.plan)}/review#comment-{comment.id}"
    key = f"comment:{comment.id}"
    if comment.reply_to is not None:
        reply = words.replied(named(view), author=author, where=where, text=comment.body, at=comment.created_at)
        in_conversation = _conversation(comment, session=session)
        recipients = [user for user in people_of(view, Role, session=session) if user.id in in_conversation]
        tell(session, Event.REPLY, key, recipients, lambda _: reply, link, actor=comment.author_id)
        return
    said = words.commented(named(view), author=author, where=where, text=comment.body, at=comment.created_at)
    if comment.part is None:  # on the whole plan: for those who write all of it
        editors = [Role.PLANNER]
    else:
        editors = [role for role in PARTNERSHIP if PartName(comment.part) in PART_EDITORS[role]]
    recipients = people_of(view, (*editors, *REGION), session=session)
    tell(session, Event.COMMENT, key, recipients, lambda _: said, link, actor=comment.author_id)


def _conversation(comment: Comment, *, session: Session) -> set[int]:
    """The authors of every comment in the conversation (the thread from its first comment) this one is in."""
    everything = session.exec(select(Comment).where(Comment.plan_id == comment.plan_id)).all()
    parent_of = {id_of(each): each.reply_to for each in everything}

    def first_of(comment_id: int) -> int:
        while (parent := parent_of.get(comment_id)) is not None:
            comment_id = parent
        return comment_id

    start = first_of(id_of(comment))
    return {each.author_id for each in everything if first_of(id_of(each)) == start}


def signed(view: plans.PlanView, sign_off: SignOff, submission: Submission, *, session: Session) -> None:
    """One side's signature, to the other side, who sign next."""
    other = Action.SIGN_FOR_REGION if sign_off.side == "partnership" else Action.SIGN_FOR_PARTNERSHIP
    said = words.signed(
        named(view),
        signer=name_of(sign_off.signed_by, session),
        side=sign_off.side,
        number=submission.number,
        other_side="region" if sign_off.side == "partnership" else "partnership",
        due=view.cycle.sign_off_due,
    )
    tell(
        session,
        Event.SIGNATURE,
        f"signature:{sign_off.id}",
        people_of(view, _acting(other), session=session),
        lambda _: said,
        f"/plans/{id_of(view.plan)}/review#sign-off",
        actor=sign_off.signed_by,
    )


def signed_off(view: plans.PlanView, second: SignOff, signatures: Sequence[SignOff], *, session: Session) -> None:
    """Both signatures: to everyone on the plan, and the administrators, who publish it."""
    latest = {signature.side: signature for signature in signatures if signature.submission_id == second.submission_id}
    names = {side: name_of(signature.signed_by, session) for side, signature in latest.items()}
    submission = session.get(Submission, second.submission_id)
    number = submission.number if submission is not None else 0
    publishers = _acting(Action.PUBLISH)
    due = view.cycle.publication_due
    plan_id = id_of(view.plan)

    def wording(person: User) -> Wording:
        return words.signed_off(
            named(view), signatories=names, number=number, publishes=person.role in publishers, due=due
        )

    def link(person: User) -> str:
        return f"/plans/{plan_id}/publication" if person.role in publishers else f"/plans/{plan_id}/review#sign-off"

    recipients = people_of(view, (*PARTNERSHIP, *REGION, *publishers), session=session)
    tell(session, Event.SIGNED_OFF, f"signed-off:{second.id}", recipients, wording, link, actor=second.signed_by)


def published(view: plans.PlanView, publication: Publication, *, session: Session) -> None:
    """Publication: to the partnership, and to the region, who record the agreed targets next."""
    recorders = _acting(Action.RECORD_TARGETS)
    due = view.cycle.targets_agreed_due
    plan_id = id_of(view.plan)

    def wording(person: User) -> Wording:
        return words.published(named(view), at=publication.published_at, records=person.role in recorders, due=due)

    def link(person: User) -> str:
        return f"/plans/{plan_id}/review#agreed-targets" if person.role in recorders else f"/published/{plan_id}"

    recipients = people_of(view, (*PARTNERSHIP, *recorders), session=session)
    tell(session, Event.PUBLISHED, f"publication:{plan_id}", recipients, wording, link, actor=publication.published_by)


def targets_recorded(
    view: plans.PlanView, targets: AgreedTargets, *, before: Mapping[str, str], session: Session
) -> None:
    """The agreed targets recorded (or changed): to the partnership's planners, who confirm them."""
    if dict(before) == targets.planned_change_pct or targets.recorded_at is None:
        return
    said = words.targets_recorded(
        named(view),
        reviewer=name_of(targets.recorded_by, session),
        agreed=targets.planned_change_pct,
        due=view.cycle.targets_agreed_due,
    )
    tell(
        session,
        Event.TARGETS_RECORDED,
        f"targets-recorded:{targets.plan_id}:{targets.recorded_at.isoformat()}",
        people_of(view, _acting(Action.CONFIRM_TARGETS), session=session),
        lambda _: said,
        f"/plans/{targets.plan_id}/review#agreed-targets",
        actor=targets.recorded_by,
    )


def targets_agreed(view: plans.PlanView, targets: AgreedTargets, *, session: Session) -> None:
    """The targets confirmed: to everyone on the plan, and the administrators, who enter the baselines next."""
    enterers = _acting(Action.ENTER_BASELINES)
    plan_id = targets.plan_id

    def wording(person: User) -> Wording:
        return words.targets_agreed(
            named(view),
            planner=name_of(targets.confirmed_by, session),
            agreed=targets.planned_change_pct,
            enters_baselines=person.role in enterers,
            due=view.cycle.baseline_due,
        )

    def link(person: User) -> str:
        return f"/plans/{plan_id}/baselines" if person.role in enterers else f"/plans/{plan_id}/review#agreed-targets"

    recipients = people_of(view, (*PARTNERSHIP, *REGION, *enterers), session=session)
    tell(
        session,
        Event.TARGETS_AGREED,
        f"targets-agreed:{plan_id}",
        recipients,
        wording,
        link,
        actor=targets.confirmed_by,
    )


def new_since(user_id: int, since: datetime.datetime, *, session: Session, limit: int = 20) -> list[Message]:
    """The event messages sent to a user after `since`, newest first: what is new for them."""
    query = (
        select(Message)
        .where(
            Message.recipient_user_id == user_id,
            col(Message.kind).in_([event.value for event in Event]),
            col(Message.created_at) > since,
        )
        .order_by(col(Message.created_at).desc(), col(Message.id).desc())
        .limit(limit)
    )
    return list(session.exec(query).all())
