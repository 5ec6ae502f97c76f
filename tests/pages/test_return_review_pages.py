"""Reviewing a submitted return on its submission page: questions beside what they ask, replies, acceptance."""

from sqlmodel import Session

from service.returns import review_actions
from service.returns.anchors import Anchor
from service.tables.columns import id_of
from service.tables.return_reviews import AnchorKind
from tests.pages.conftest import BrowserFor
from tests.pages.forms import post_form
from tests.returns.submitted_return import SHARED_CARE, member, resubmit, submitted_return


def _page(plan_id: int, number: int = 1) -> str:
    return f"/plans/{plan_id}/returns/1/submissions/{number}"


def test_a_reviewer_asks_about_an_action_and_sees_it_beside_the_action(
    browser_for: BrowserFor, session: Session
) -> None:
    plan_id = id_of(submitted_return(session).plan)
    reviewer = browser_for("reviewer_x")
    page = reviewer.get(_page(plan_id))
    assert "Accept the return</button>" in page.text
    assert 'value="action|1.1.2"' in page.text

    asked = post_form(
        reviewer, _page(plan_id), f"{_page(plan_id)}/questions", {"about": "action|1.1.2", "body": "Why <late>?"}
    )

    assert asked.status_code == 303
    assert asked.headers["location"].startswith(f"{_page(plan_id)}?done=asked#question-")
    shown = reviewer.get(asked.headers["location"]).text
    action = shown[shown.index('id="action-1-1-2"') : shown.index('id="action-2-1-1"')]
    assert "Why &lt;late&gt;?" in action
    assert "Question on submission 1" in action
    assert "Questions open</strong> 1 question open" in shown
    assert "Your question is added." in shown


def test_a_question_with_nothing_chosen_or_typed_is_refused_field_by_field_keeping_what_was_typed(
    browser_for: BrowserFor, session: Session
) -> None:
    plan_id = id_of(submitted_return(session).plan)
    reviewer = browser_for("reviewer_x")

    refused = post_form(reviewer, _page(plan_id), f"{_page(plan_id)}/questions", {"about": "", "body": "Kept text"})
    no_such = post_form(
        reviewer, _page(plan_id), f"{_page(plan_id)}/questions", {"about": "action|9.9.9", "body": "Hmm"}
    )

    assert refused.status_code == 422
    assert 'href="#about"' in refused.text
    assert "Select what the question is about" in refused.text
    assert "Kept text</textarea>" in refused.text
    assert no_such.status_code == 422
    assert "Submission 1 of this return has no action 9.9.9" in no_such.text


def test_the_finance_officer_replies_to_a_spend_cell_question_but_is_offered_no_reply_on_an_action(
    browser_for: BrowserFor, session: Session
) -> None:
    view = submitted_return(session)
    plan_id = id_of(view.plan)
    reviewer = member(session, "reviewer_x")
    on_cell = review_actions.ask(
        plan_id, 1, 1, Anchor(AnchorKind.SPEND_CELL, "police", SHARED_CARE), "Nothing?", by=reviewer, session=session
    )
    on_action = review_actions.ask(
        plan_id, 1, 1, Anchor(AnchorKind.ACTION, "1.1.1"), "Recruited?", by=reviewer, session=session
    )
    finance = browser_for("finance_a")
    page = finance.get(_page(plan_id)).text
    assert f"/questions/{on_cell.question.id}/replies" in page
    assert f"/questions/{on_action.question.id}/replies" not in page
    assert "Accept the return</button>" not in page
    assert "Spend on Shared care / GP prescribing, from 1.6 Police: £0.00" in page

    replied = post_form(
        finance,
        _page(plan_id),
        f"/plans/{plan_id}/returns/1/questions/{on_cell.question.id}/replies",
        {"body": "Invoices late"},
    )
    refused = post_form(
        finance, _page(plan_id), f"/plans/{plan_id}/returns/1/questions/{on_action.question.id}/replies", {"body": "x"}
    )

    assert replied.status_code == 303
    assert "Invoices late" in finance.get(replied.headers["location"]).text
    assert refused.status_code == 403


def test_a_blank_reply_is_named_beside_its_question(browser_for: BrowserFor, session: Session) -> None:
    plan_id = id_of(submitted_return(session).plan)
    asked = review_actions.ask(
        plan_id,
        1,
        1,
        Anchor(AnchorKind.ACTION, "1.1.1"),
        "Recruited?",
        by=member(session, "reviewer_x"),
        session=session,
    )
    planner = browser_for("planner_a")

    refused = post_form(
        planner, _page(plan_id), f"/plans/{plan_id}/returns/1/questions/{asked.question.id}/replies", {"body": " "}
    )

    assert refused.status_code == 422
    assert f'href="#reply-{asked.question.id}"' in refused.text
    assert "Enter your reply" in refused.text


def test_the_reviewer_accepts_after_being_asked_to_confirm_and_open_questions_close(
    browser_for: BrowserFor, session: Session
) -> None:
    plan_id = id_of(submitted_return(session).plan)
    review_actions.ask(
        plan_id, 1, 1, Anchor(AnchorKind.METRIC, "OF-16"), "Why red?", by=member(session, "reviewer_x"), session=session
    )
    reviewer = browser_for("reviewer_x")

    asked = post_form(reviewer, _page(plan_id), f"{_page(plan_id)}/acceptance", {})
    assert asked.status_code == 200
    assert "Are you sure you want to accept submission 1 of this return?" in asked.text
    assert "The 1 question still open on the return will be closed." in asked.text
    accepted = post_form(reviewer, _page(plan_id), f"{_page(plan_id)}/acceptance", {"confirmed": "yes"})

    assert accepted.status_code == 303
    shown = reviewer.get(accepted.headers["location"]).text
    assert "The return is accepted." in shown
    assert "Closed: return accepted" in shown
    assert "Accepted</strong>" in shown
    assert "Accept the return</button>" not in shown
    returns = reviewer.get(f"/plans/{plan_id}/returns").text
    assert "Accepted</strong>" in returns


def test_an_older_submission_says_it_was_replaced_and_a_question_carried_over_says_whether_its_thing_changed(
    browser_for: BrowserFor, session: Session
) -> None:
    view = submitted_return(session)
    plan_id = id_of(view.plan)
    reviewer = member(session, "reviewer_x")
    review_actions.ask(plan_id, 1, 1, Anchor(AnchorKind.ACTION, "1.1.2"), "Late?", by=reviewer, session=session)
    review_actions.ask(plan_id, 1, 1, Anchor(AnchorKind.ACTION, "1.1.1"), "Done?", by=reviewer, session=session)
    resubmit(session, view, "A keyworker left")
    browser = browser_for("reviewer_x")

    old = browser.get(_page(plan_id, 1)).text
    new = browser.get(_page(plan_id, 2)).text

    assert "Submission 2 has replaced this one." in old
    assert "Accept the return</button>" not in old
    assert "Changed since submission 1" in new[new.index('id="action-1-1-2"') : new.index('id="action-2-1-1"')]
    assert "Unchanged since submission 1" in new[new.index('id="action-1-1-1"') : new.index('id="action-1-1-2"')]
    stale = post_form(browser, _page(plan_id, 1), f"{_page(plan_id, 1)}/acceptance", {"confirmed": "yes"})
    assert stale.status_code == 409
    assert "superseded by submission 2" in stale.text


def test_asking_from_beside_an_action_chooses_it_in_the_question_form(
    browser_for: BrowserFor, session: Session
) -> None:
    plan_id = id_of(submitted_return(session).plan)
    reviewer = browser_for("reviewer_x")
    page = reviewer.get(_page(plan_id)).text
    assert 'href="?about=action%7C1.1.2#ask"' in page

    chosen = reviewer.get(f"{_page(plan_id)}?about=action%7C1.1.2").text

    assert '<option value="action|1.1.2" selected>' in chosen
    assert browser_for("planner_a").get(_page(plan_id)).text.count("Ask a question") == 0
