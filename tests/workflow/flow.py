"""Driving a plan along the timetable through the API, for tests that start part-way."""

from fastapi.testclient import TestClient

PDF = b"%PDF-1.4\n%%EOF\n"


def sign_off(planner: TestClient, reviewer: TestClient, plan_id: int) -> None:
    """Self-audit, initial submission, acceptance, final submission and both signatures."""
    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    steps = [
        planner.post(f"/api/v1/plans/{plan_id}/attachments", files=files, data={"kind": "harm-reduction-self-audit"}),
        planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "initial"}),
        reviewer.post(f"/api/v1/plans/{plan_id}/assessments", json={"decision": "accepted"}),
        planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "final"}),
        planner.post(f"/api/v1/plans/{plan_id}/sign-offs"),
        reviewer.post(f"/api/v1/plans/{plan_id}/sign-offs"),
    ]
    assert [step.status_code for step in steps] == [201] * 6, [step.text for step in steps if step.status_code != 201]
