"""Accounts from the admin pages: invited (the person sets their own password), deactivated at once."""

import re

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.access.accounts import find_user, has_password
from service.notifications.outbox import messages_to
from service.planning import plans
from service.tables.columns import id_of
from tests.conftest import ACTORS, DEMO_PASSWORD, HTTPS, Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token

PASSWORD = "a long enough password"


def _sign_in(app: FastAPI, email: str, password: str) -> TestClient:
    client = TestClient(app, base_url=HTTPS, raise_server_exceptions=False)
    token = csrf_token(client.get("/sign-in").text)
    client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})
    return client


def _create(admin: TestClient, **fields: str) -> httpx.Response:
    token = csrf_token(admin.get("/admin/users").text)
    answer: httpx.Response = admin.post("/admin/users", data={"csrf_token": token} | fields)
    return answer


def test_the_list_shows_every_account_with_role_scope_and_status(browser_for: BrowserFor) -> None:
    page = browser_for("admin").get("/admin/users").text

    for email in ACTORS.values():
        assert f'<th scope="row" class="govuk-table__header">{email}</th>' in page
    assert "Finance officer" in page
    assert "National" in page
    assert "Active" in page


def test_an_admin_invites_a_planner_who_cannot_sign_in_until_they_set_a_password(
    browser_for: BrowserFor, page_app: FastAPI, session: Session, demo: Demo
) -> None:
    partnership = plans.get_plan(demo.filled_plan_id, session=session).partnership
    admin = browser_for("admin")

    answer = _create(
        admin, name="Nia Newcomer", email="Nia@Example.org", role="planner", partnership_id=str(id_of(partnership))
    )

    assert answer.status_code == 200
    assert (
        "An account is created for nia@example.org. We have sent them an invitation to set their password."
        in answer.text
    )
    user = find_user("nia@example.org", session=session)
    assert user is not None
    assert user.partnership_id == partnership.id
    row = answer.text.split('<th scope="row" class="govuk-table__header">nia@example.org</th>')[1].split("</tr>")[0]
    assert "Invited" in row
    assert "No password yet. Link works until" in row
    assert f'action="/admin/users/{user.id}/invitation"' in row
    [invitation] = messages_to("nia@example.org", session=session)
    assert invitation.subject == "Set your password for the adult drug treatment plan service"
    assert "Sign out" not in _sign_in(page_app, "nia@example.org", PASSWORD).get("/").text


def test_the_form_no_longer_asks_for_a_password_and_ignores_one_posted(
    browser_for: BrowserFor, page_app: FastAPI, session: Session
) -> None:
    admin = browser_for("admin")
    assert 'type="password"' not in admin.get("/admin/users").text

    _create(admin, name="Nia Newcomer", email="nia@example.org", role="admin", password=PASSWORD)

    # A password posted by an old form sets nothing: only the invitation's link does.
    assert "Sign out" not in _sign_in(page_app, "nia@example.org", PASSWORD).get("/").text
    user = find_user("nia@example.org", session=session)
    assert user is not None
    assert not has_password(user)


def test_a_taken_email_is_named_on_its_field(browser_for: BrowserFor) -> None:
    answer = _create(browser_for("admin"), name="Again", email=ACTORS["planner_a"].upper(), role="admin")

    assert answer.status_code == 422
    assert f'<a href="#email">There is already an account for {ACTORS["planner_a"]}.</a>' in answer.text
    assert 'id="email-error"' in answer.text


def test_a_reviewer_needs_a_region_and_a_role_is_required(browser_for: BrowserFor) -> None:
    admin = browser_for("admin")

    without_region = _create(admin, name="Ria", email="ria@example.org", role="reviewer")
    without_role = _create(admin, name="Ria", email="ria@example.org")

    assert '<a href="#region_id">Select the region a reviewer reviews</a>' in without_region.text
    assert '<a href="#role">Select a role</a>' in without_role.text


def test_an_empty_form_names_every_problem_at_once_in_page_order(browser_for: BrowserFor) -> None:
    answer = _create(browser_for("admin"))

    assert answer.status_code == 422
    summary = answer.text.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    targets = re.findall(r'<a href="#([a-z_]+)">', summary)
    assert targets == ["name", "email", "role"]
    assert "Enter an email address in the correct format, like name@example.com" in summary


def test_deactivating_an_account_ends_its_sessions_and_reactivating_lets_it_back(
    browser_for: BrowserFor, page_app: FastAPI, session: Session, demo: Demo
) -> None:
    finance, admin = browser_for("finance_a"), browser_for("admin")
    user = find_user(ACTORS["finance_a"], session=session)
    assert user is not None
    assert finance.get(f"/plans/{demo.filled_plan_id}").status_code == 200
    token = csrf_token(admin.get("/admin/users").text)

    deactivated = admin.post(f"/admin/users/{user.id}/active", data={"csrf_token": token, "active": "no"})

    assert "Deactivated: finance@demo.example" in deactivated.text
    assert finance.get(f"/plans/{demo.filled_plan_id}").status_code == 401
    assert "Sign out" not in _sign_in(page_app, ACTORS["finance_a"], DEMO_PASSWORD).get("/").text
    admin.post(f"/admin/users/{user.id}/active", data={"csrf_token": token, "active": "yes"})
    assert "Sign out" in _sign_in(page_app, ACTORS["finance_a"], DEMO_PASSWORD).get("/").text


def test_an_admin_cannot_deactivate_themselves(browser_for: BrowserFor, session: Session) -> None:
    admin = browser_for("admin")
    me = find_user(ACTORS["admin"], session=session)
    assert me is not None
    page = admin.get("/admin/users").text
    assert f'action="/admin/users/{me.id}/active"' not in page

    answer = admin.post(f"/admin/users/{me.id}/active", data={"csrf_token": csrf_token(page), "active": "no"})

    assert answer.status_code == 409
    assert admin.get("/admin/users").status_code == 200


def test_a_planner_cannot_create_accounts(browser_for: BrowserFor) -> None:
    planner = browser_for("planner_a")

    answer = planner.post(
        "/admin/users",
        data={"csrf_token": csrf_token(planner.get("/").text), "name": "X", "email": "x@example.org", "role": "admin"},
    )

    assert answer.status_code == 403
