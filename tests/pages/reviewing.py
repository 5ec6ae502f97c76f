"""Moving a plan to where a reviewer's page tests start: submitted, assessed, submitted again."""

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.planning import plans
from service.tables.journey import SELF_AUDIT
from tests.conftest import ClientFor
from tests.pages.forms import post_form
from tests.workflow.flow import PDF

BIRMINGHAM = "Birmingham Drug Action Team"  # the filled demo plan's partnership


def region_of(session: Session, plan_id: int) -> int:
    return plans.get_plan(plan_id, session=session).partnership.region_id


def submit(client_for: ClientFor, plan_id: int, stage: str) -> None:
    """The planner submits through the API (with the self-audit the initial submission needs)."""
    planner = client_for("planner_a")
    if stage == "initial":
        audit = {"file": ("audit.pdf", PDF, "application/pdf")}
        answer = planner.post(f"/api/v1/plans/{plan_id}/attachments", files=audit, data={"kind": SELF_AUDIT})
        assert answer.status_code == 201, answer.text
    answer = planner.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": stage})
    assert answer.status_code == 201, answer.text


def review(browser: TestClient, plan_id: int, action: str, fields: dict[str, str] | None = None) -> httpx.Response:
    """Post one of the review page's forms, as confirmed on its "Are you sure?" page where it has one."""
    confirmed = {"confirmed": "yes"} | (fields or {})
    return post_form(browser, f"/plans/{plan_id}/review", f"/plans/{plan_id}/review/{action}", confirmed)


def assess(browser: TestClient, plan_id: int, fields: dict[str, str]) -> httpx.Response:
    """Post the review page's assessment form (the panel's decision)."""
    return review(browser, plan_id, "assessment", fields)


def request_revisions(browser: TestClient, plan_id: int, comments: dict[str, str], decision: str = "See.") -> None:
    """The reviewer's comments ({"funding|/table_1/1/police": "Why?"}, "part|" for a whole part), then the
    panel's decision asking for revisions."""
    for about, body in comments.items():
        assert review(browser, plan_id, "comments", {"about": about, "body": body}).status_code == 303
    answer = assess(browser, plan_id, {"decision": "revisions-requested", "comment": decision})
    assert answer.status_code == 303
