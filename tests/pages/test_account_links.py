"""Accounts by invitation and "forgot your password", through the pages as the people involved use them."""

import datetime
import re

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from service.access.accounts import find_user
from service.notifications.outbox import messages_to
from service.tables.access import AccountLink, AuditEvent
from service.tables.notifications import Message
from tests.conftest import ACTORS, DEMO_PASSWORD, HTTPS
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token

NEW_PASSWORD = "correct horse battery staple"
NIA = "nia@example.org"
LINK = re.compile(r"https?://\S+(/account/set-password/[A-Za-z0-9_-]+)")


def _browser(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=HTTPS, raise_server_exceptions=False, follow_redirects=False)


def _sign_in(app: FastAPI, email: str, password: str) -> TestClient:
    client = _browser(app)
    client.post(
        "/sign-in", data={"email": email, "password": password, "csrf_token": csrf_token(client.get("/sign-in").text)}
    )
    return client


def _invite(admin: TestClient, email: str = NIA, **fields: str) -> httpx.Response:
    token = csrf_token(admin.get("/admin/users").text)
    answer: httpx.Response = admin.post(
        "/admin/users", data={"csrf_token": token, "name": "Nia Newcomer", "email": email, "role": "admin"} | fields
    )
    return answer


def _link_in(message: Message) -> str:
    """The path of the one-time link, as the reader finds it in the email's text."""
    found = LINK.search(message.body)
    assert found is not None, message.body
    return found.group(1)


def _set_password(client: TestClient, link: str, password: str) -> httpx.Response:
    form = client.get(link)
    answer: httpx.Response = client.post(link, data={"password": password, "csrf_token": csrf_token(form.text)})
    return answer


def _ask_for_reset(client: TestClient, email: str) -> httpx.Response:
    form = client.get("/forgot-password")
    answer: httpx.Response = client.post("/forgot-password", data={"email": email, "csrf_token": csrf_token(form.text)})
    return answer


def test_an_invitee_follows_the_link_sets_a_password_and_is_signed_in(
    browser_for: BrowserFor, page_app: FastAPI, session: Session
) -> None:
    _invite(browser_for("admin"))
    [message] = messages_to(NIA, session=session)
    link = _link_in(message)
    invitee = _browser(page_app)

    form = invitee.get(link)
    short = _set_password(invitee, link, "too short")
    done = _set_password(invitee, link, NEW_PASSWORD)

    assert form.status_code == 200
    assert '<h1 class="govuk-heading-l">Set your password</h1>' in form.text
    assert form.headers["referrer-policy"] == "no-referrer"
    assert short.status_code == 422
    assert '<a href="#password">Password must be at least 12 characters</a>' in short.text
    assert done.status_code == 303
    assert "Sign out" in invitee.get("/").text
    assert "Sign out" in _sign_in(page_app, NIA, NEW_PASSWORD).get("/").text


def test_the_invitation_says_who_invited_them_the_link_in_full_and_when_it_expires(
    browser_for: BrowserFor, session: Session
) -> None:
    _invite(browser_for("admin"))
    [message] = messages_to(NIA, session=session)
    admin = find_user(ACTORS["admin"], session=session)
    assert admin is not None

    assert message.subject == "Set your password for the adult drug treatment plan service"
    assert f"{admin.name} has created an account for you" in message.body
    assert re.search(r"\nhttp://127\.0\.0\.1:8000/account/set-password/[A-Za-z0-9_-]{43}\n", message.body)
    assert re.search(r"only until \d{1,2}(:\d\d)?(am|pm) on \d{1,2} \w+ \d{4} \(UK time\)", message.body)
    assert "If you were not expecting this email, you do not need to do anything." in message.body
    assert message.link == _link_in(message)


def test_a_link_used_once_is_refused_the_second_time(
    browser_for: BrowserFor, page_app: FastAPI, session: Session
) -> None:
    _invite(browser_for("admin"))
    link = _link_in(messages_to(NIA, session=session)[0])
    first, second = _browser(page_app), _browser(page_app)
    second_form = second.get(link)  # a second tab, opened before the first one set the password
    _set_password(first, link, NEW_PASSWORD)

    again = first.get(link)
    raced = second.post(link, data={"password": "another long password", "csrf_token": csrf_token(second_form.text)})

    assert again.status_code == 410
    assert "This link has already been used" in again.text
    assert raced.status_code == 410
    assert "Sign out" not in _sign_in(page_app, NIA, "another long password").get("/").text


def test_an_expired_invitation_is_refused_and_a_resent_one_works(
    browser_for: BrowserFor, page_app: FastAPI, session: Session
) -> None:
    admin = browser_for("admin")
    _invite(admin)
    [message] = messages_to(NIA, session=session)
    user = find_user(NIA, session=session)
    assert user is not None
    _move_links_back(session, days=8)

    expired = _browser(page_app).get(_link_in(message))
    listed = admin.get("/admin/users").text
    resent = admin.post(
        f"/admin/users/{user.id}/invitation", data={"csrf_token": csrf_token(listed)}, follow_redirects=True
    )
    new_link = _link_in(messages_to(NIA, session=session)[-1])

    assert expired.status_code == 410
    assert "This link has expired" in expired.text
    assert "ask the administrator who invited you to send a new invitation" in expired.text
    assert "Invitation expired" in listed.split(NIA)[1].split("</tr>")[0]
    assert "We have sent nia@example.org a new invitation." in resent.text
    assert _set_password(_browser(page_app), new_link, NEW_PASSWORD).status_code == 303


def _move_links_back(session: Session, *, days: int) -> None:
    """The clock moved on `days`: every link was made, and expires, that much earlier."""
    for link in session.exec(select(AccountLink)).all():
        link.created_at -= datetime.timedelta(days=days)
        link.expires_at -= datetime.timedelta(days=days)
        session.add(link)
    session.flush()


def test_a_resent_invitation_stops_the_old_link(browser_for: BrowserFor, page_app: FastAPI, session: Session) -> None:
    admin = browser_for("admin")
    _invite(admin)
    user = find_user(NIA, session=session)
    assert user is not None
    old = _link_in(messages_to(NIA, session=session)[0])

    admin.post(f"/admin/users/{user.id}/invitation", data={"csrf_token": csrf_token(admin.get("/admin/users").text)})

    assert _browser(page_app).get(old).status_code == 410
    assert "This link has been replaced" in _browser(page_app).get(old).text


def test_a_deactivated_accounts_link_does_nothing(browser_for: BrowserFor, page_app: FastAPI, session: Session) -> None:
    admin = browser_for("admin")
    _invite(admin)
    user = find_user(NIA, session=session)
    assert user is not None
    link = _link_in(messages_to(NIA, session=session)[0])
    admin.post(
        f"/admin/users/{user.id}/active",
        data={"csrf_token": csrf_token(admin.get("/admin/users").text), "active": "no"},
    )

    shown = _browser(page_app).get(link)
    posted = _browser(page_app).post(link, data={"password": NEW_PASSWORD, "csrf_token": "x"})

    assert shown.status_code == posted.status_code == 404
    assert "This link does not work" in shown.text
    assert "Sign out" not in _sign_in(page_app, NIA, NEW_PASSWORD).get("/").text


def test_forgot_password_answers_a_known_and_an_unknown_address_alike_and_mails_only_the_known(
    page_app: FastAPI, session: Session
) -> None:
    known = _ask_for_reset(_browser(page_app), ACTORS["planner_a"])
    unknown = _ask_for_reset(_browser(page_app), "nobody@example.org")

    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text
    assert "If an account uses that address, we have sent a link" in known.text
    [message] = messages_to(ACTORS["planner_a"], session=session)
    assert message.subject == "Reset your password for the adult drug treatment plan service"
    assert messages_to("nobody@example.org", session=session) == []
    requests = session.exec(select(AuditEvent).where(AuditEvent.action == "password-reset-requested")).all()
    assert {event.email for event in requests} == {ACTORS["planner_a"], "nobody@example.org"}
    assert all(event.user_id is None for event in requests)  # the request's record does not say who has an account


def test_a_reset_ends_the_accounts_other_sessions_and_the_old_password(
    browser_for: BrowserFor, page_app: FastAPI, session: Session
) -> None:
    elsewhere = browser_for("planner_a")
    assert "Sign out" in elsewhere.get("/").text
    here = _browser(page_app)
    _ask_for_reset(here, ACTORS["planner_a"])
    link = _link_in(messages_to(ACTORS["planner_a"], session=session)[0])

    form = here.get(link)
    done = _set_password(here, link, NEW_PASSWORD)

    assert '<h1 class="govuk-heading-l">Reset your password</h1>' in form.text
    assert done.status_code == 303
    assert "Sign out" in here.get("/").text
    assert "Sign out" not in elsewhere.get("/").text
    assert "Sign out" not in _sign_in(page_app, ACTORS["planner_a"], DEMO_PASSWORD).get("/").text
    assert "Sign out" in _sign_in(page_app, ACTORS["planner_a"], NEW_PASSWORD).get("/").text
    actions = [event.action for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()]
    assert {"password-reset-requested", "password-reset-sent", "password-set"} <= set(actions)


def test_too_many_requests_for_a_reset_are_refused_whether_or_not_the_address_has_an_account(
    page_app: FastAPI,
) -> None:
    client = _browser(page_app)
    for _ in range(5):
        _ask_for_reset(client, "nobody@example.org")

    refused = _ask_for_reset(client, ACTORS["planner_a"])

    assert refused.status_code == 429
    assert "Too many requests for a password reset" in refused.text
    assert int(refused.headers["Retry-After"]) <= 15 * 60


def test_the_sign_in_page_links_to_forgot_password(visitor: TestClient) -> None:
    assert '<a href="/forgot-password" class="govuk-link">Forgot your password?</a>' in visitor.get("/sign-in").text


def test_a_reset_form_without_an_address_names_the_field(page_app: FastAPI) -> None:
    answer = _ask_for_reset(_browser(page_app), "not an address")

    assert answer.status_code == 422
    assert '<a href="#email">Enter an email address in the correct format, like name@example.com</a>' in answer.text
