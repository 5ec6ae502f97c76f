"""Getting the demo plan signed off and published inside a page test's transaction."""

from fastapi.testclient import TestClient

from tests.conftest import ClientFor
from tests.workflow.flow import sign_off


def publish_plan(client_for: ClientFor, plan_id: int) -> None:
    """Both sides sign the plan off through the API, and an administrator publishes it."""
    sign_off(client_for("planner_a"), client_for("reviewer_x"), plan_id)
    admin: TestClient = client_for("admin")
    answer = admin.post(f"/api/v1/plans/{plan_id}/publication")
    assert answer.status_code == 201, answer.text
