"""Setting a password from an invitation, and asking for a reset, in Chromium: axe-core with JavaScript on and off."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from service.notifications.outbox import messages_to
from service.platform.db import create_db_engine
from tests.conftest import DEMO_PASSWORD
from tests.pages.browser import api_client, require_browser_tools, serve
from tests.pages.conftest import Axe

pytestmark = pytest.mark.browser
DATABASE = "browser.sqlite3"  # what tests.pages.browser.serve calls the database it serves
LINK = re.compile(r"https?://\S+(/account/set-password/[A-Za-z0-9_-]+)")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The service and the database it serves, whose outbox the invitee's email is read from."""
    require_browser_tools()
    directory = tmp_path_factory.mktemp("account_links")
    for base in serve(directory, DEMO_PASSWORD):
        yield base, directory / DATABASE


@pytest.fixture(scope="module")
def base_url(served: tuple[str, Path]) -> str:
    """The module's own service (the page fixture opens tabs on it)."""
    return served[0]


def _invitation_link(served: tuple[str, Path], email: str) -> str:
    """Invite someone as the demo's admin, through the API, and read the link from the email in the outbox."""
    base, database = served
    admin = api_client(base, "admin@demo.example")
    answer = admin.post("/api/v1/users", json={"email": email, "name": "Nia Newcomer", "role": "admin"})
    assert answer.status_code == 201, answer.text
    admin.close()
    engine = create_db_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        [message] = messages_to(email, session=session)
    engine.dispose()
    found = LINK.search(message.body)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
def test_an_invitee_sets_a_password_and_the_pages_meet_wcag_2_2_aa(
    page: Any, axe: Axe, served: tuple[str, Path], request: pytest.FixtureRequest
) -> None:
    email = f"nia-{request.node.callspec.id.split('-')[0]}@example.org"
    link = _invitation_link(served, email)

    page.goto(link)
    assert page.locator("h1").inner_text() == "Set your password"
    assert axe(page) == []
    page.get_by_label("Password").fill("too short")
    page.get_by_role("button", name="Set password and sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Password must be at least 12 characters" in summary.inner_text()
    assert axe(page) == []
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Set password and sign in").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("button", name="Sign out").count() == 1

    page.goto(link)
    assert page.locator("h1").inner_text() == "This link has already been used"
    assert axe(page) == []


@pytest.mark.parametrize("page", [True, False], indirect=True, ids=["javascript", "no-javascript"])
def test_forgot_password_is_reached_from_sign_in_and_meets_wcag_2_2_aa(page: Any, axe: Axe) -> None:
    page.goto("/sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    page.wait_for_url(re.compile(r"/forgot-password$"))
    assert axe(page) == []
    page.get_by_role("button", name="Send the link").click()
    assert "Enter an email address" in page.locator(".govuk-error-summary").inner_text()
    assert axe(page) == []
    page.get_by_label("Email address").fill("someone@example.org")
    page.get_by_role("button", name="Send the link").click()

    assert page.locator("h1").inner_text() == "Check your email"
    assert axe(page) == []
