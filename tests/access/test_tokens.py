"""Bearer tokens: the password flow, personal tokens, read-only tokens, and refusals."""

import datetime

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.access.accounts import find_user, set_active
from service.tables.access import ApiToken, AuditEvent
from service.tables.columns import id_of, utc_now
from tests.conftest import DEMO_PASSWORD, ClientFor, Demo


def _sign_in(client: TestClient, email: str = "planner@demo.example", password: str = DEMO_PASSWORD) -> str:
    response = client.post("/api/v1/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def test_the_password_flow_gives_a_short_lived_token_that_reads_plans(anonymous: TestClient, demo: Demo) -> None:
    response = anonymous.post("/api/v1/token", data={"username": "Planner@Demo.Example ", "password": DEMO_PASSWORD})

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 1800
    plans = anonymous.get("/api/v1/plans", headers={"Authorization": f"Bearer {body['access_token']}"})
    # Newest year first: this year's plan, then the 2008/09 plan behind it.
    assert [plan["id"] for plan in plans.json()["items"]] == [demo.filled_plan_id, demo.last_year_plan_id]


def test_a_wrong_password_is_401_problem(anonymous: TestClient, demo: Demo) -> None:
    response = anonymous.post("/api/v1/token", data={"username": "planner@demo.example", "password": "wrong"})

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["error"] == "invalid_grant"


def test_personal_tokens_are_shown_once_listed_without_secrets_and_revocable(anonymous: TestClient, demo: Demo) -> None:
    signed_in = {"Authorization": f"Bearer {_sign_in(anonymous)}"}
    created = anonymous.post("/api/v1/me/tokens", json={"name": "Local system"}, headers=signed_in).json()
    pat = {"Authorization": f"Bearer {created['token']}"}

    listed = anonymous.get("/api/v1/me/tokens", headers=pat).json()
    assert created["token"].startswith("adtp_pat_")
    assert [token["name"] for token in listed] == ["Local system"]
    assert "token" not in listed[0]
    assert anonymous.get("/api/v1/me", headers=pat).json()["email"] == "planner@demo.example"

    assert anonymous.delete(f"/api/v1/me/tokens/{created['id']}", headers=signed_in).status_code == 204
    assert anonymous.get("/api/v1/me", headers=pat).status_code == 401


def test_a_read_only_token_reads_but_never_writes(client_for: ClientFor, demo: Demo) -> None:
    reader = client_for("planner_a", read_only=True)
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    read = reader.get(url)

    response = reader.put(url, json=read.json()["document"], headers={"If-Match": read.headers["ETag"]})

    assert read.status_code == 200
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert reader.post("/api/v1/me/tokens", json={"name": "escalate"}).status_code == 403


def test_expired_tokens_are_refused(client_for: ClientFor, session: Session, demo: Demo) -> None:
    client = client_for("planner_a")
    token = session.exec(select(ApiToken).order_by(ApiToken.id.desc())).first()  # type: ignore[union-attr]
    assert token is not None
    token.expires_at = utc_now() - datetime.timedelta(seconds=1)
    session.add(token)
    session.flush()

    assert client.get("/api/v1/me").status_code == 401


def test_tampered_and_unknown_tokens_are_refused_and_audited(
    client_for: ClientFor, anonymous: TestClient, session: Session, demo: Demo
) -> None:
    genuine = client_for("planner_a").headers["Authorization"]
    tampered = genuine[:-1] + ("A" if genuine[-1] != "A" else "B")

    responses = [
        anonymous.get("/api/v1/me", headers={"Authorization": tampered}),
        anonymous.get("/api/v1/me", headers={"Authorization": "Bearer adtp_pat_made-up"}),
        anonymous.get("/api/v1/me", headers={"Authorization": "Basic cGxhbm5lcjpwdw=="}),
    ]

    assert [response.status_code for response in responses] == [401, 401, 401]
    assert responses[0].headers["www-authenticate"].startswith("Bearer")
    refused = session.exec(select(AuditEvent).where(AuditEvent.action == "token-refused")).all()
    assert len(refused) == 2


def test_no_password_or_token_is_ever_written_to_the_audit_log(
    anonymous: TestClient, session: Session, demo: Demo
) -> None:
    token = _sign_in(anonymous)
    anonymous.post("/api/v1/token", data={"username": "planner@demo.example", "password": "a-wrong-guess-1"})
    anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {token}x"})

    logged = " ".join(str(event.model_dump()) for event in session.exec(select(AuditEvent)).all())

    assert "sign-in" in logged
    assert token not in logged
    assert DEMO_PASSWORD not in logged
    assert "a-wrong-guess-1" not in logged


def test_an_account_disabled_and_enabled_again_does_not_get_its_old_tokens_back(
    anonymous: TestClient, session: Session, demo: Demo
) -> None:
    signed_in = {"Authorization": f"Bearer {_sign_in(anonymous)}"}
    created = anonymous.post("/api/v1/me/tokens", json={"name": "Local system"}, headers=signed_in).json()
    pat = {"Authorization": f"Bearer {created['token']}"}
    user = find_user("planner@demo.example", session=session)
    admin = find_user("admin@demo.example", session=session)
    assert user is not None
    assert admin is not None

    set_active(user, False, by=id_of(admin), session=session)
    set_active(user, True, by=id_of(admin), session=session)

    assert anonymous.get("/api/v1/plans", headers=pat).status_code == 401
    assert anonymous.get("/api/v1/plans", headers={"Authorization": f"Bearer {_sign_in(anonymous)}"}).status_code == 200
