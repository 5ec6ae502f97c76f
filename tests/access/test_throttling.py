"""Five failed sign-ins for one account, or from one address, in 15 minutes: then 429."""

import datetime

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from service.tables.access import AuditEvent, SignInFailure
from service.tables.columns import utc_now
from tests.conftest import DEMO_PASSWORD, Demo


def _attempt(client: TestClient, email: str, password: str) -> int:
    response: httpx.Response = client.post("/api/v1/token", data={"username": email, "password": password})
    return response.status_code


def test_the_sixth_attempt_on_an_account_is_refused_even_with_the_right_password(
    anonymous: TestClient, session: Session, demo: Demo
) -> None:
    failures = [_attempt(anonymous, "planner@demo.example", f"guess {n}") for n in range(5)]

    response = anonymous.post("/api/v1/token", data={"username": "planner@demo.example", "password": DEMO_PASSWORD})

    assert failures == [401] * 5
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    assert response.headers["content-type"] == "application/problem+json"
    actions = [event.action for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()]
    assert actions.count("sign-in-failed") == 5
    assert actions[-1] == "sign-in-throttled"


def test_five_failures_from_one_address_throttle_every_account(anonymous: TestClient, demo: Demo) -> None:
    for n in range(5):
        _attempt(anonymous, f"someone{n}@demo.example", "guess")

    assert _attempt(anonymous, "finance@demo.example", DEMO_PASSWORD) == 429


def test_failures_older_than_15_minutes_no_longer_count(anonymous: TestClient, session: Session, demo: Demo) -> None:
    for _ in range(5):
        _attempt(anonymous, "planner@demo.example", "guess")
    for failure in session.exec(select(SignInFailure)).all():
        failure.at = utc_now() - datetime.timedelta(minutes=16)
        session.add(failure)
    session.flush()

    assert _attempt(anonymous, "planner@demo.example", DEMO_PASSWORD) == 200


def test_the_web_sign_in_form_is_throttled_too(anonymous: TestClient, demo: Demo) -> None:
    for n in range(5):
        _attempt(anonymous, "planner@demo.example", f"guess {n}")
    form = anonymous.get("/sign-in")
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]

    response = anonymous.post(
        "/sign-in",
        data={"email": "planner@demo.example", "password": DEMO_PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )

    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.text
