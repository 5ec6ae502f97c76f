"""The outbox an admin reads, and the email settings each user chooses, as their pages show them."""

from fastapi import FastAPI
from sqlmodel import Session

from service.notifications import outbox
from service.platform.settings import Settings
from service.tables.notifications import Message
from tests.pages.conftest import BrowserFor
from tests.pages.forms import post_form


def _message(session: Session, **given: object) -> Message:
    values: dict[str, object] = {
        "kind": "deadline-reminder",
        "subject": "Submit your plan by Friday 15 January 2027",
        "body": "Your plan's initial submission is due on Friday 15 January 2027.",
        "link": "/plans/1",
    }
    message = outbox.enqueue(session, recipient="planner@demo.example", **(values | given))  # type: ignore[arg-type]
    assert message is not None
    return message


def test_the_outbox_lists_each_message_with_its_state_and_last_error(browser_for: BrowserFor, session: Session) -> None:
    failed = _message(session, subject="Your return is overdue <script>")
    failed.state, failed.attempts, failed.last_error = "failed", 6, "The relay answered 550 No such mailbox"
    session.add(failed)
    session.flush()

    page = browser_for("admin").get("/admin/messages").text

    assert "No mail relay is configured" in page
    assert "Your return is overdue &lt;script&gt;" in page
    assert "The relay answered 550 No such mailbox" in page
    assert "Failed (1)" in page


def test_the_outbox_filters_by_state(browser_for: BrowserFor, session: Session) -> None:
    _message(session, subject="A queued one")
    failed = _message(session, subject="A failed one")
    failed.state = "failed"
    session.add(failed)
    session.flush()

    page = browser_for("admin").get("/admin/messages?state=failed").text

    assert "A failed one" in page
    assert "A queued one" not in page


def test_an_unknown_state_is_refused_by_name(browser_for: BrowserFor) -> None:
    answer = browser_for("admin").get("/admin/messages?state=lost")

    assert answer.status_code == 422
    assert "there is no message state &#39;lost&#39;" in answer.text


def test_one_message_shows_the_text_the_recipient_reads_with_the_link_in_full(
    browser_for: BrowserFor, session: Session, page_app: FastAPI
) -> None:
    message = _message(session)
    settings: Settings = page_app.state.settings

    page = browser_for("admin").get(f"/admin/messages/{message.id}").text

    assert "Your plan&#39;s initial submission is due on Friday 15 January 2027." in page
    assert f"{settings.base_url}/plans/1" in page


def test_a_user_chooses_the_weekly_digest_and_sees_it_chosen(browser_for: BrowserFor) -> None:
    browser = browser_for("planner_a")

    answer = post_form(
        browser, "/account/notifications", "/account/notifications", {"cadence": "weekly", "version": "0"}
    )

    assert answer.status_code == 303
    page = browser.get(answer.headers["location"]).text
    assert "Your email settings have been saved." in page
    assert 'value="weekly" checked' in page
    assert "You cannot turn them off." in page


def test_a_form_from_before_another_windows_change_is_refused_and_shows_the_choice_now(
    browser_for: BrowserFor,
) -> None:
    browser = browser_for("planner_a")
    post_form(browser, "/account/notifications", "/account/notifications", {"cadence": "weekly", "version": "0"})

    stale = post_form(
        browser, "/account/notifications", "/account/notifications", {"cadence": "immediate", "version": "0"}
    )

    assert stale.status_code == 409
    assert "changed in another window" in stale.text
    assert 'value="weekly" checked' in stale.text


def test_no_choice_is_named_in_the_error_summary(browser_for: BrowserFor) -> None:
    answer = post_form(browser_for("planner_a"), "/account/notifications", "/account/notifications", {"version": "0"})

    assert answer.status_code == 422
    assert 'href="#cadence"' in answer.text
    assert "Select how often you want to get emails" in answer.text
