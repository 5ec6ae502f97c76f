"""The review's forms on a submission's page: ask a question, reply, mark resolved, accept the return.

Each posts to its own address and comes back to the page (post/redirect/get); a form refused for what
was typed is shown again with the input kept and a GOV.UK error summary; accepting asks "Are you sure?"
first, as the panel's decisions do. What is allowed is the domain's (service/returns/review_actions.py).
"""

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from plan_schema.text import NARRATIVE_MAX
from service.access.guards import QuestionReplierForm, ReturnReviewerForm
from service.pages.journey.confirmation import CONFIRMED, Question, confirmation_page
from service.pages.journey.review_forms import NARRATIVE, Posted, checked_text, field_errors
from service.pages.returns.submission_page import parse_choice, submission_page
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput
from service.platform.ids import DbId
from service.returns import review_actions, reviews, submissions
from service.returns.quarters import ensure_reporting

router = APIRouter(include_in_schema=False)
Quarter = Annotated[int, Path(ge=1, le=4)]
LongText = Annotated[str, Form(max_length=NARRATIVE_MAX)]
ShortField = Annotated[str, Form(max_length=1_000)]


def _back(plan_id: int, quarter: int, what: str, anchor: str = "", *, session: SessionDep) -> RedirectResponse:
    """Post/redirect/get: to the return's latest submission, where the review goes on, saying what was done."""
    newest = submissions.latest(plan_id, quarter, session=session)
    number = newest.number if newest else 1
    return RedirectResponse(
        f"/plans/{plan_id}/returns/{quarter}/submissions/{number}?done={what}{anchor}", status_code=303
    )


@router.post("/plans/{plan_id}/returns/{quarter}/submissions/{number}/questions", response_class=HTMLResponse)
def ask(
    request: Request,
    reviewer: ReturnReviewerForm,
    quarter: Quarter,
    number: DbId,
    session: SessionDep,
    about: ShortField = "",
    body: LongText = "",
) -> Response:
    """A question on one thing the submission holds: `about` is the select's "kind|key[|category]"."""
    ensure_reporting(reviewer.view.plan)
    posted = Posted({"about": about, "body": body})
    anchor = parse_choice(about)
    if anchor is None:
        posted.errors["about"] = "Select what the question is about"
    text = checked_text(NARRATIVE, body, posted.errors, "question-body")
    if not text.strip() and "question-body" not in posted.errors:
        posted.errors["question-body"] = "Enter your question"
    if not posted.errors and anchor is not None:
        try:
            thread = review_actions.ask(
                reviewer.plan_id, quarter, number, anchor, text, by=reviewer.member, session=session
            )
        except InvalidInput as refused:
            fields = {"/anchor/action": "about", "/anchor/metric": "about", "/anchor/source": "about"}
            posted.errors = field_errors(refused, fields | {"/anchor/category": "about"}, "question-body")
        else:
            return _back(reviewer.plan_id, quarter, "asked", f"#question-{thread.question.id}", session=session)
    return submission_page(
        request, reviewer.view, reviewer.member, quarter, number, session, posted={"question": posted}, status=422
    )


@router.post("/plans/{plan_id}/returns/{quarter}/questions/{question_id}/replies", response_class=HTMLResponse)
def reply(
    request: Request,
    by: QuestionReplierForm,
    quarter: Quarter,
    question_id: DbId,
    session: SessionDep,
    body: LongText = "",
) -> Response:
    """A reply in an open question's thread."""
    ensure_reporting(by.view.plan)
    thread = reviews.thread_of(by.plan_id, quarter, question_id, session=session)
    field_id = f"reply-{question_id}"
    posted = Posted({"question": str(question_id), "body": body})
    text = checked_text(NARRATIVE, body, posted.errors, field_id)
    if not text.strip() and field_id not in posted.errors:
        posted.errors[field_id] = "Enter your reply"
    if not posted.errors:
        review_actions.reply(by.plan_id, quarter, question_id, text, by=by.member, session=session)
        return _back(by.plan_id, quarter, "replied", f"#question-{question_id}", session=session)
    newest = submissions.latest(by.plan_id, quarter, session=session)
    number = newest.number if newest else thread.asked_on
    return submission_page(request, by.view, by.member, quarter, number, session, posted={"reply": posted}, status=422)


@router.post("/plans/{plan_id}/returns/{quarter}/questions/{question_id}/resolution")
def resolve(reviewer: ReturnReviewerForm, quarter: Quarter, question_id: DbId, session: SessionDep) -> Response:
    """Mark a question resolved: its thread is closed and stays on the page."""
    ensure_reporting(reviewer.view.plan)
    review_actions.resolve(reviewer.plan_id, quarter, question_id, by=reviewer.member, session=session)
    return _back(reviewer.plan_id, quarter, "resolved", f"#question-{question_id}", session=session)


def _acceptance_question(plan_id: int, quarter: int, number: int, open_questions: int) -> Question:
    """Are you sure? What accepting does, and to which submission."""
    still_open = (
        f"The {open_questions} question{'s' if open_questions != 1 else ''} still open on the return will be closed."
        if open_questions
        else "No question is open on the return."
    )
    page = f"/plans/{plan_id}/returns/{quarter}/submissions/{number}"
    return Question(
        question=f"Are you sure you want to accept submission {number} of this return?",
        consequences=(
            f"You are accepting submission {number}, exactly as it was submitted. Your name and the date are "
            "recorded, and the partnership sees that the return is accepted.",
            still_open,
            "If the partnership submits the return again, the new submission waits for your review.",
        ),
        action=f"{page}/acceptance",
        button="Yes, accept the return",
        back=f"{page}#review",
    )


@router.post("/plans/{plan_id}/returns/{quarter}/submissions/{number}/acceptance")
def accept(
    request: Request,
    reviewer: ReturnReviewerForm,
    quarter: Quarter,
    number: DbId,
    session: SessionDep,
    confirmed: ShortField = "",
) -> Response:
    """Accept the submission once sure; one superseded or already accepted is refused on an error page (409)."""
    ensure_reporting(reviewer.view.plan)
    if confirmed != CONFIRMED:
        review_actions.acceptable(reviewer.plan_id, quarter, number, session=session)  # a refusal now, not after "yes"
        summary = reviews.review_summary(reviewer.plan_id, quarter, session=session)
        asked = _acceptance_question(reviewer.plan_id, quarter, number, summary.open_questions)
        return confirmation_page(request, reviewer.view, reviewer.member, session, asked)
    review_actions.accept(reviewer.plan_id, quarter, number, by=reviewer.member, session=session)
    return _back(reviewer.plan_id, quarter, "accepted", "#review", session=session)
