"""Browser sessions: a fresh random id at each sign-in, HttpOnly cookie, timeouts, CSRF."""

import datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.access.accounts import disable_user, find_user
from service.access.identity import SESSION_COOKIE
from service.platform.settings import Settings
from service.tables.access import WebSession
from service.tables.columns import utc_now
from tests.conftest import DEMO_PASSWORD, Demo


def _form_token(page: str) -> str:
    return page.split('name="csrf_token" value="')[1].split('"')[0]


def sign_in(client: TestClient, email: str = "planner@demo.example", password: str = DEMO_PASSWORD) -> TestClient:
    token = _form_token(client.get("/sign-in").text)
    response = client.post(
        "/sign-in", data={"email": email, "password": password, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return client


def _signed_in_as(client: TestClient) -> str | None:
    response = client.get("/")
    return "planner@demo.example" if "planner@demo.example" in response.text else None


def test_signing_in_sets_an_httponly_lax_session_cookie(anonymous: TestClient, demo: Demo) -> None:
    token = _form_token(anonymous.get("/sign-in").text)

    response = anonymous.post(
        "/sign-in",
        data={"email": "planner@demo.example", "password": DEMO_PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )

    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE))
    assert response.headers["location"] == "/"
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert len(cookie.split(";")[0].split("=", 1)[1]) >= 32  # at least 128 bits, base64
    assert _signed_in_as(anonymous) == "planner@demo.example"


def test_cookies_are_secure_in_production(app: FastAPI, demo: Demo, monkeypatch: pytest.MonkeyPatch) -> None:
    app.state.settings = Settings(environment="production", database_url="postgresql://x@y/z")
    client = TestClient(app, base_url="https://testserver")
    token = _form_token(client.get("/sign-in").text)

    response = client.post(
        "/sign-in",
        data={"email": "planner@demo.example", "password": DEMO_PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )

    assert all("Secure" in header for header in response.headers.get_list("set-cookie"))


def test_each_sign_in_starts_a_new_session_and_ends_the_old_one(anonymous: TestClient, demo: Demo) -> None:
    sign_in(anonymous)
    first = anonymous.cookies[SESSION_COOKIE]

    sign_in(anonymous)
    second = anonymous.cookies[SESSION_COOKIE]
    anonymous.cookies.set(SESSION_COOKIE, first)

    assert first != second
    assert _signed_in_as(anonymous) is None


def test_a_wrong_password_re_shows_the_form_with_the_email_kept(anonymous: TestClient, demo: Demo) -> None:
    token = _form_token(anonymous.get("/sign-in").text)

    response = anonymous.post(
        "/sign-in", data={"email": "planner@demo.example", "password": "nope", "csrf_token": token}
    )

    assert response.status_code == 401
    assert "The email address or password is not right." in response.text
    assert 'value="planner@demo.example"' in response.text


def test_sign_in_without_the_forms_csrf_token_is_refused(anonymous: TestClient, demo: Demo) -> None:
    anonymous.get("/sign-in")

    response = anonymous.post("/sign-in", data={"email": "planner@demo.example", "password": DEMO_PASSWORD})

    assert response.status_code == 403
    assert SESSION_COOKIE not in anonymous.cookies


def test_signing_out_ends_the_session_for_good(anonymous: TestClient, demo: Demo) -> None:
    sign_in(anonymous)
    cookie = anonymous.cookies[SESSION_COOKIE]
    token = _form_token(anonymous.get("/").text)

    response = anonymous.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
    anonymous.cookies.set(SESSION_COOKIE, cookie)

    assert response.status_code == 303
    assert _signed_in_as(anonymous) is None


def test_signing_out_without_the_csrf_token_is_refused(anonymous: TestClient, demo: Demo) -> None:
    sign_in(anonymous)

    response = anonymous.post("/sign-out", data={"csrf_token": "forged"}, follow_redirects=False)

    assert response.status_code == 403
    assert _signed_in_as(anonymous) == "planner@demo.example"


def test_api_writes_from_a_browser_session_need_the_csrf_header(anonymous: TestClient, demo: Demo) -> None:
    sign_in(anonymous)
    csrf = _form_token(anonymous.get("/").text)
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    read = anonymous.get(url)
    body, etag = read.json()["document"], read.headers["ETag"]

    without = anonymous.put(url, json=body, headers={"If-Match": etag})
    with_token = anonymous.put(url, json=body, headers={"If-Match": etag, "X-CSRF-Token": csrf})

    assert without.status_code == 403
    assert with_token.status_code == 200


def test_disabling_an_account_ends_its_sessions(anonymous: TestClient, session: Session, demo: Demo) -> None:
    sign_in(anonymous)
    user = find_user("planner@demo.example", session=session)
    assert user is not None

    disable_user(user, session=session)

    assert _signed_in_as(anonymous) is None
    assert anonymous.post("/api/v1/token", data={"username": user.email, "password": DEMO_PASSWORD}).status_code == 401


@pytest.mark.parametrize(
    ("field", "age"),
    [("last_seen_at", datetime.timedelta(minutes=31)), ("created_at", datetime.timedelta(hours=11))],
    ids=["idle", "absolute"],
)
def test_sessions_time_out(
    anonymous: TestClient, session: Session, demo: Demo, field: str, age: datetime.timedelta
) -> None:
    sign_in(anonymous)
    web_session = session.exec(select(WebSession).where(WebSession.ended_at == None)).one()  # noqa: E711
    setattr(web_session, field, utc_now() - age)
    session.add(web_session)
    session.flush()

    assert _signed_in_as(anonymous) is None
