"""The users API: admins invite people (never choosing their password), see the invitation, and send it again."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from service.access.accounts import find_user, has_password
from service.notifications.outbox import messages_to
from tests.conftest import ACTORS, ClientFor

NIA = {"email": "Nia@Example.org", "name": "Nia Newcomer", "role": "admin"}


def test_an_admin_invites_someone_and_the_invitation_is_pending(client: TestClient, session: Session) -> None:
    answer = client.post("/api/v1/users", json=NIA)

    assert answer.status_code == 201, answer.text
    created = answer.json()
    assert (created["email"], created["role"], created["active"]) == ("nia@example.org", "admin", True)
    assert created["invitation"]["state"] == "pending"
    assert created["invitation"]["expires_at"]
    assert "password" not in answer.text
    [message] = messages_to("nia@example.org", session=session)
    assert message.kind == "invitation"
    user = find_user("nia@example.org", session=session)
    assert user is not None
    assert not has_password(user)
    assert client.get(f"/api/v1/users/{user.id}").json() == created


def test_a_password_sent_is_refused_by_name_and_nothing_is_created(client: TestClient, session: Session) -> None:
    answer = client.post("/api/v1/users", json=NIA | {"password": "a long enough password"})

    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["pointer"] == "/password"
    assert error["detail"].startswith("is not accepted: administrators no longer set passwords")
    assert find_user("nia@example.org", session=session) is None
    assert messages_to("nia@example.org", session=session) == []


def test_a_planner_without_a_partnership_is_refused_by_field(client: TestClient) -> None:
    answer = client.post("/api/v1/users", json=NIA | {"role": "planner"})

    assert answer.status_code == 422
    assert [error["pointer"] for error in answer.json()["errors"]] == ["/partnership_id"]


def test_an_address_with_an_account_is_a_conflict(client: TestClient) -> None:
    answer = client.post("/api/v1/users", json=NIA | {"email": ACTORS["planner_a"]})

    assert answer.status_code == 409
    assert ACTORS["planner_a"] in answer.json()["detail"]


def test_resending_sends_a_new_link_and_is_refused_once_a_password_is_set(client: TestClient, session: Session) -> None:
    user_id = client.post("/api/v1/users", json=NIA).json()["id"]
    planner = find_user(ACTORS["planner_a"], session=session)
    assert planner is not None

    resent = client.post(f"/api/v1/users/{user_id}/invitation")
    already = client.post(f"/api/v1/users/{planner.id}/invitation")

    assert resent.status_code == 201
    assert resent.json()["invitation"]["state"] == "pending"
    first, second = messages_to("nia@example.org", session=session)
    assert first.link != second.link
    assert already.status_code == 409
    assert "has already set a password" in already.json()["detail"]


def test_only_admins_invite(client_for: ClientFor, session: Session) -> None:
    answer = client_for("planner_a").post("/api/v1/users", json=NIA)

    assert answer.status_code == 403
    assert find_user("nia@example.org", session=session) is None
