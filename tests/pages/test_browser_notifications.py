"""Email settings and the outbox in Chromium, with and without JavaScript: the journeys, and axe-core on each page."""

from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from service.access.accounts import find_user
from service.notifications import outbox
from service.platform.db import create_db_engine
from tests.pages.browser import sign_in
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "var"  # to look at, not to commit


@pytest.fixture
def base_url(fresh_url: str, tmp_path: Path) -> str:
    """The service on a database of the test's own, with a reminder queued and one the relay refused."""
    engine = create_db_engine(f"sqlite:///{tmp_path / 'browser.sqlite3'}")
    with Session(engine) as session:
        planner = find_user("planner@demo.example", session=session)
        assert planner is not None
        body = "The initial submission of the plan is due on Friday 15 January 2027, in 7 days.\n\nMake it here:"
        outbox.enqueue(
            session, recipient=planner, kind="deadline-reminder", link="/plans/1/submit/initial", body=body,
            subject="Make the initial submission of the plan by Friday 15 January 2027",
        )  # fmt: skip
        refused = outbox.enqueue(
            session, recipient="nobody@elsewhere.example", kind="invitation", subject="Set your password",
            body="You have been invited.", link="/",
        )  # fmt: skip
        assert refused is not None
        refused.state, refused.attempts, refused.last_error = "failed", 1, "The relay answered 550 No such mailbox"
        session.commit()
    engine.dispose()
    return fresh_url


def test_a_planner_chooses_a_weekly_digest_and_an_admin_reads_the_outbox(page: Any, axe: Axe) -> None:
    sign_in(page)
    page.get_by_role("link", name="Email settings").click()
    assert axe(page) == [], "the email settings"
    page.get_by_label("Send one message a week").check()
    page.get_by_role("button", name="Save your email settings").click()

    assert "Your email settings have been saved." in page.locator(".govuk-notification-banner").inner_text()
    assert page.get_by_label("Send one message a week").is_checked()
    assert axe(page) == [], "the email settings, saved"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "notification-settings.png"), full_page=True)

    page.context.clear_cookies()
    sign_in(page, "admin@demo.example")
    page.goto("/admin")
    page.get_by_role("link", name="Messages", exact=True).click()
    table = page.locator("table").inner_text()
    assert "Make the initial submission of the plan by Friday 15 January 2027" in table
    assert "The relay answered 550 No such mailbox" in table
    assert axe(page) == [], "the outbox"
    page.screenshot(path=str(SHOTS / "outbox.png"), full_page=True)

    page.get_by_role("link", name="Make the initial submission of the plan by Friday 15 January 2027").click()
    assert "/plans/1/submit/initial" in page.locator("pre").inner_text()
    assert axe(page) == [], "one message"
    page.screenshot(path=str(SHOTS / "outbox-message.png"), full_page=True)
