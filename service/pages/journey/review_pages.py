"""The panel's review of a plan as a page: submissions, assessments, comments on fields, and sign-off.

The forms offered are those the caller's role may use and the workflow allows now (`workflow.allows`).

Each form posts to its own address and comes back here (post/redirect/get); a form refused for
what was typed is shown again with the input kept and a GOV.UK error summary.
"""

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from plan_schema.text import NARRATIVE_MAX
from plan_schema.vocabulary import INDICATOR_TITLES, PartName, SubmissionStage
from service.access import accounts, policy
from service.access.capabilities import Capability, capabilities
from service.access.guards import AssessorForm, DiscussantForm, SignatoryForm, Viewer
from service.access.identity import CurrentPrincipal, Member, Principal
from service.journey import agreed_targets, next_steps, reviews, sign_off
from service.pages.journey import field_choices
from service.pages.journey.confirmation import CONFIRMED, Question, confirmation_page
from service.pages.journey.review_forms import NARRATIVE, SHORT_TEXT, Posted, checked_text, field_errors
from service.pages.planning.plan_pages import plan_heading, revision_context
from service.pages.planning.plan_sections import submission_history
from service.pages.rendering import render
from service.planning import parts, plans, submitted, workflow
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput
from service.platform.ids import DbId
from service.tables.columns import id_of
from service.tables.journey import AgreedTargets, Comment

router = APIRouter(include_in_schema=False)
LongText = Annotated[str, Form(max_length=NARRATIVE_MAX)]
ShortField = Annotated[str, Form(max_length=500)]

# What the page says after each form has done its work (?done=… after the redirect).
DONE = {
    "assessed": "The panel's assessment is recorded and the partnership can see it.",
    "commented": "Your comment is added.",
    "replied": "Your reply is added.",
    "resolved": "The comment is marked as resolved.",
    "signed": "Your signature is recorded.",
    "targets": "The agreed targets are recorded. The partnership's planner now confirms them.",
    "confirmed": "The agreed targets are confirmed.",
}


@dataclass(frozen=True)
class Thread:
    """A comment on a field and the replies to it, oldest first."""

    comment: Comment
    replies: list[Comment] = field(default_factory=list)


def threads_of(comments: list[Comment]) -> list[Thread]:
    """Comments as threads: each reply under the comment it answers."""
    threads = {id_of(comment): Thread(comment) for comment in comments if comment.reply_to is None}
    for comment in comments:
        if comment.reply_to is not None and comment.reply_to in threads:
            threads[comment.reply_to].replies.append(comment)
    return list(threads.values())


def permissions(view: plans.PlanView, caller: Principal, targets: AgreedTargets) -> dict[str, object]:
    """Which of the page's forms to offer: what the caller may do with the plan now (policy.capabilities), and
    for the agreed targets what the domain still waits for (the deadline, the reviewer's figures)."""
    can = capabilities(caller, view)
    signing = sign_off.SIGNING_ACTIONS.get(caller.role) if isinstance(caller, Member) else None
    return {
        "can_assess": Capability.ASSESS in can,
        "can_discuss": Capability.COMMENT in can,
        "can_sign": Capability.SIGN in can,
        "signing_side": "partnership" if signing is workflow.Action.SIGN_FOR_PARTNERSHIP else "region",
        "can_record_targets": Capability.RECORD_TARGETS in can
        and agreed_targets.still_open(view.cycle.targets_agreed_due),
        "can_confirm_targets": Capability.CONFIRM_TARGETS in can and targets.recorded_at is not None,
    }


def review_page(
    request: Request,
    view: plans.PlanView,
    caller: Principal,
    session: Session,
    *,
    posted: dict[str, Posted] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The review page; `posted` holds a refused form (by form name) to show again with its errors."""
    plan_id = id_of(view.plan)
    assessments = reviews.panel_assessments(plan_id, session=session)
    latest = submitted.latest(plan_id, session=session)
    comments = list(reviews.comments_of(plan_id, session=session))
    signatures = sign_off.signatures_of(plan_id, session=session)
    targets = agreed_targets.current(plan_id, session=session)
    people = [panel.assessment.assessed_by for panel in assessments] + [c.author_id for c in comments]
    people += [s.signed_by for s in signatures] + [t for t in (targets.recorded_by, targets.confirmed_by) if t]
    forms = {"assessment": Posted(), "comment": Posted(), "reply": Posted(), "targets": Posted()} | (posted or {})
    query = request.query_params
    if not posted and query.get("part"):
        # Arriving from the diff's "comment on this field": that field is chosen.
        forms["comment"].values = {"about": field_choices.choice_value(query["part"], query.get("path", ""))}
    models = {part: stored.model for part, stored in parts.read_parts(plan_id, session=session).items()}
    fields = field_choices.plan_fields(models)
    error_list = [(text, name) for form in forms.values() for name, text in form.errors.items()]
    context = (
        plan_heading(view, session=session)
        | {
            "caller": caller,
            "title": "Review and sign-off",
            "history": submission_history(plan_id, session=session),
            "assessments": assessments,
            "awaiting": latest,
            "decisions": reviews.decision_choices(SubmissionStage(latest.stage)) if latest else [],
            "threads": threads_of(comments),
            "signatures": signatures,
            "targets": targets,
            "indicators": agreed_targets.AGREED_INDICATORS,
            "indicator_titles": INDICATOR_TITLES,
            "names": accounts.names_of(people, session=session),
            "about_options": field_choices.select_options(fields, forms["comment"].values.get("about", "")),
            "field_labels": fields.labels,
            "forms": forms,
            "error_list": error_list,
            "done": DONE.get(query.get("done", "")),
            "next_step": next_steps.next_step(view, caller, session=session),
        }
        | revision_context(view, session=session)
        | permissions(view, caller, targets)
    )
    return render(request, "review.html", context, status=status)


def _decision_question(assessor: policy.OnPlan, decision: reviews.Decision, comment: str) -> Question:
    """Are you sure? What the decision does, and that the partnership sees it with the comment."""
    if decision is reviews.Decision.ACCEPTED:
        question = "Are you sure you want to accept the submission?"
        then = "The partnership's planner is then asked for the next step: the final submission, or signing it."
    else:
        question = "Are you sure you want to request revisions?"
        then = "The partnership's planner is then asked to revise the plan and make the final submission."
    said = f"Your comment: “{comment}”" if comment.strip() else "You have not written a comment."
    return Question(
        question=question,
        consequences=(
            "The panel's decision is recorded against the latest submission and cannot be changed. "
            "The partnership sees it, with your comment, on its plan and review pages straight away.",
            then,
            said,
        ),
        action=f"/plans/{assessor.plan_id}/review/assessment",
        button="Yes, record the decision",
        back=f"/plans/{assessor.plan_id}/review#assessment",
        fields={"decision": decision.value, "comment": comment},
    )


def done(plan_id: int, what: str, anchor: str = "") -> RedirectResponse:
    """Post/redirect/get: back to the review page, saying what was done."""
    return RedirectResponse(f"/plans/{plan_id}/review?done={what}{anchor}", status_code=303)


@router.get("/plans/{plan_id}/review", response_class=HTMLResponse)
def review(
    request: Request,
    view: Viewer,
    caller: CurrentPrincipal,
    session: SessionDep,
) -> HTMLResponse:
    """Submissions with their documents, the panel's assessments, comments on fields, and sign-off."""
    return review_page(request, view, caller, session)


@router.post("/plans/{plan_id}/review/assessment", response_class=HTMLResponse)
def assess(
    request: Request,
    assessor: AssessorForm,
    session: SessionDep,
    decision: ShortField = "",
    comment: LongText = "",
    confirmed: ShortField = "",
) -> Response:
    """Record the panel's decision once confirmed; revisions requested need a comment saying what to revise."""
    posted = Posted({"decision": decision, "comment": comment})
    if decision not in {choice.value for choice in reviews.Decision}:
        posted.errors["decision"] = "Select whether the panel accepts the plan or requests revisions"
    text = checked_text(NARRATIVE, comment, posted.errors, "assessment-comment")
    if not posted.errors:
        try:
            chosen = reviews.Decision(decision)
            reviews.check_decision(chosen, text)
            if confirmed != CONFIRMED:  # the decision is final: ask first
                return confirmation_page(
                    request, assessor.view, assessor.member, session, _decision_question(assessor, chosen, text)
                )
            reviews.assess(assessor.plan_id, chosen, text, [], reviewer=assessor.member, session=session)
        except InvalidInput as refused:
            posted.errors = field_errors(refused, {"/comment": "assessment-comment"}, "assessment-comment")
    if posted.errors:
        forms = {"assessment": posted}
        return review_page(request, assessor.view, assessor.member, session, posted=forms, status=422)
    return done(assessor.plan_id, "assessed")


@router.post("/plans/{plan_id}/review/comments", response_class=HTMLResponse)
def add_comment(
    request: Request,
    by: DiscussantForm,
    session: SessionDep,
    about: ShortField = "",
    body: LongText = "",
) -> Response:
    """A comment anchored to a part, or to a field of it: `about` is "part|JSON Pointer" as the select offers it."""
    posted = Posted({"about": about, "body": body})
    part, path = field_choices.split_choice(about)
    pointer = ""
    if part not in {name.value for name in PartName}:
        posted.errors["about"] = "Select what the comment is about"
    else:
        pointer = checked_text(SHORT_TEXT, path.strip(), posted.errors, "about")
    text = checked_text(NARRATIVE, body, posted.errors, "comment-body")
    if not posted.errors:
        try:
            anchor = PartName(part)
            reviews.add_comment(by.plan_id, text, author=by.member, session=session, part=anchor, path=pointer or None)
        except InvalidInput as refused:
            posted.errors = field_errors(refused, {"/path": "about", "/body": "comment-body"}, "comment-body")
    if posted.errors:
        return review_page(request, by.view, by.member, session, posted={"comment": posted}, status=422)
    return done(by.plan_id, "commented", "#comments")


@router.post("/plans/{plan_id}/review/comments/{comment_id}/replies", response_class=HTMLResponse)
def reply(request: Request, comment_id: DbId, by: DiscussantForm, session: SessionDep, body: LongText = "") -> Response:
    """A reply in a comment's thread (it takes the comment's anchor)."""
    parent = reviews.comment_of(by.plan_id, comment_id, session=session)
    field_id = f"reply-{comment_id}"
    posted = Posted({"reply_to": str(comment_id), "body": body})
    text = checked_text(NARRATIVE, body, posted.errors, field_id)
    if not posted.errors:
        try:
            reviews.add_comment(by.plan_id, text, author=by.member, session=session, reply_to=id_of(parent))
        except InvalidInput as refused:
            posted.errors = field_errors(refused, {}, field_id)
    if posted.errors:
        return review_page(request, by.view, by.member, session, posted={"reply": posted}, status=422)
    return done(by.plan_id, "replied", f"#comment-{comment_id}")


@router.post("/plans/{plan_id}/review/comments/{comment_id}/resolution")
def resolve(comment_id: DbId, by: DiscussantForm, session: SessionDep) -> Response:
    """Mark a comment resolved; it stays in the history."""
    reviews.resolve(by.plan_id, comment_id, by=by.member, session=session)
    return done(by.plan_id, "resolved", f"#comment-{comment_id}")


def _signature_question(signer: policy.OnPlan, action: workflow.Action) -> Question:
    """Are you sure? What signing means, and who sees the signature."""
    partnership = action is workflow.Action.SIGN_FOR_PARTNERSHIP
    side, other = ("partnership", "region") if partnership else ("region", "partnership")
    last = workflow.after(signer.view.plan, action) is workflow.PlanStatus.SIGNED_OFF
    then = (
        "Both sides will then have signed: the plan is signed off and locked, and an administrator can publish it."
        if last
        else f"The {other} then signs too; once both have signed, the plan is locked."
    )
    return Question(
        question=f"Are you sure you want to sign the plan for the {side}?",
        consequences=(
            f"You are signing the final submission for the {side}, as {signer.member.email}. "
            "Your name and the date are recorded on the review page, where the partnership and the region see them.",
            then,
        ),
        action=f"/plans/{signer.plan_id}/review/sign-off",
        button=f"Yes, sign for the {side}",
        back=f"/plans/{signer.plan_id}/review#sign-off",
    )


@router.post("/plans/{plan_id}/review/sign-off")
def sign(request: Request, signer: SignatoryForm, session: SessionDep, confirmed: ShortField = "") -> Response:
    """A planner signs for the partnership, a reviewer for the region, once sure; both signatures lock the plan."""
    action = sign_off.SIGNING_ACTIONS[signer.member.role]
    if confirmed != CONFIRMED:
        workflow.ensure_allowed(signer.view.plan, action)  # a refusal now, rather than after "yes"
        asked = _signature_question(signer, action)
        return confirmation_page(request, signer.view, signer.member, session, asked)
    sign_off.sign(signer.plan_id, action, signer=signer.member, session=session)
    return done(signer.plan_id, "signed", "#sign-off")
