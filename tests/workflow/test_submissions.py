"""Submissions are immutable snapshots, and a retried POST with an Idempotency-Key does the work once."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, delete, text, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from service.access.accounts import find_user
from service.tables.columns import id_of
from service.tables.journey import IdempotencyRecord, Submission
from tests.conftest import ClientFor, Demo

PDF = b"%PDF-1.4\n%%EOF\n"


def attach_self_audit(client: TestClient, plan_id: int) -> None:
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    response = client.post(
        f"/api/v1/plans/{plan_id}/attachments", files=files, data={"kind": "harm-reduction-self-audit"}
    )
    assert response.status_code == 201


@pytest.fixture
def submitted(client_for: ClientFor, demo: Demo) -> int:
    planner = client_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)
    response = planner.post(f"/api/v1/plans/{demo.filled_plan_id}/submissions", json={"stage": "initial"})
    assert response.status_code == 201
    return int(response.json()["id"])


@pytest.mark.parametrize(
    "change",
    [
        lambda submission_id: update(Submission).where(Submission.id == submission_id).values(days_late=0),
        lambda submission_id: delete(Submission).where(Submission.id == submission_id),
    ],
    ids=["update", "delete"],
)
def test_the_database_itself_refuses_to_change_a_submission(
    connection: Connection, submitted: int, change: object
) -> None:
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError, match="immutable"):
        connection.execute(change(submitted))  # type: ignore[operator]
    savepoint.rollback()

    assert connection.execute(text("SELECT count(*) FROM submission")).scalar_one() == 1


def test_no_route_changes_or_deletes_a_submission(client_for: ClientFor, demo: Demo, submitted: int) -> None:
    admin = client_for("admin")
    url = f"/api/v1/plans/{demo.filled_plan_id}/submissions/{submitted}"

    assert admin.put(url, json={}).status_code == 405
    assert admin.patch(url, json={}).status_code == 405
    assert admin.delete(url).status_code == 405


def test_a_retry_with_the_same_key_returns_the_original_submission(client_for: ClientFor, demo: Demo) -> None:
    planner = client_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)
    url, key = f"/api/v1/plans/{demo.filled_plan_id}/submissions", {"Idempotency-Key": "january-2008"}

    first = planner.post(url, json={"stage": "initial"}, headers=key)
    retry = planner.post(url, json={"stage": "initial"}, headers=key)

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert len(planner.get(url).json()) == 1


def test_the_same_key_with_another_body_is_refused(client_for: ClientFor, demo: Demo) -> None:
    planner = client_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)
    url, key = f"/api/v1/plans/{demo.filled_plan_id}/submissions", {"Idempotency-Key": "k-1"}
    planner.post(url, json={"stage": "initial"}, headers=key)

    response = planner.post(url, json={"stage": "final"}, headers=key)

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "Idempotency-Key"


def test_a_retry_while_the_first_is_running_is_a_conflict(client_for: ClientFor, session: Session, demo: Demo) -> None:
    planner = client_for("planner_a")
    user = find_user("planner@demo.example", session=session)
    assert user is not None
    body = b'{"stage":"initial"}'
    url = f"/api/v1/plans/{demo.filled_plan_id}/submissions"
    import hashlib

    fingerprint = hashlib.sha256(b"POST " + url.encode() + b"\n" + body).hexdigest()
    session.add(IdempotencyRecord(user_id=id_of(user), key="in-flight", request_sha256=fingerprint))
    session.flush()

    response = planner.post(
        url, content=body, headers={"Idempotency-Key": "in-flight", "Content-Type": "application/json"}
    )

    assert response.status_code == 409
    assert "still being processed" in response.json()["detail"]


def test_a_failed_attempt_does_not_use_up_its_key(client_for: ClientFor, demo: Demo, session: Session) -> None:
    planner = client_for("planner_a")
    url, key = f"/api/v1/plans/{demo.filled_plan_id}/submissions", {"Idempotency-Key": "try-again"}

    refused = planner.post(url, json={"stage": "initial"}, headers=key)  # no self-audit yet
    attach_self_audit(planner, demo.filled_plan_id)
    accepted = planner.post(url, json={"stage": "initial"}, headers=key)

    assert refused.status_code == 422
    assert accepted.status_code == 201
    assert session.exec(select(Submission)).all()[0].number == 1
