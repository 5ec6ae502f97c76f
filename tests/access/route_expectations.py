"""The access contract: what every kind of caller gets from every route (read by test_route_matrix.py).

Each entry is a route as the application serves it, how to call it, and the status each caller
should see: 404 for what they may not see, 403 for what they may not do, 401 without credentials.
"""

from plan_schema.vocabulary import PartName
from tests.access.account_links_calls import ACCOUNT_LINKS_CALLS
from tests.access.calls import (
    ACTORS,
    ADMIN_ONLY,
    EVERYONE,
    MEMBERS,
    NOBODY,
    PLAN_A,
    SEES_A,
    Call,
    writes_a,
)
from tests.access.monitoring_calls import MONITORING_CALLS
from tests.access.notification_calls import NOTIFICATION_CALLS
from tests.access.region_returns_calls import REGION_RETURNS_CALLS
from tests.access.return_review_calls import RETURN_REVIEW_CALLS
from tests.access.returns_calls import RETURNS_CALLS
from tests.access.spend_calls import SPEND_CALLS


def _part_call(part: PartName, method: str) -> Call:
    params = lambda world: {"plan_id": world.plan_a}  # noqa: E731
    if method == "GET":
        return Call(SEES_A, params)
    editors = ("planner_a", "admin", "finance_a") if part is PartName.FUNDING else ("planner_a", "admin")
    return Call(
        writes_a(200, editors=editors),
        params,
        body=lambda world: world.documents[part.value][1],
        headers=lambda world: {"If-Match": world.documents[part.value][0]},
    )


CALLS: dict[tuple[str, str], Call] = (
    {
        ("GET", "/api/v1/health"): Call(EVERYONE),
        ("GET", "/api/v1/health/database"): Call(EVERYONE),
        ("GET", "/api/v1/docs"): Call(EVERYONE),
        ("POST", "/api/v1/token"): Call(
            dict.fromkeys(ACTORS, 401), form={"username": "nobody@x.example", "password": "x"}
        ),
        ("GET", "/api/v1/me"): Call(MEMBERS),
        ("GET", "/api/v1/me/tokens"): Call(MEMBERS),
        ("POST", "/api/v1/me/tokens"): Call(
            dict.fromkeys(MEMBERS, 201) | {"anonymous": 401, "read_only": 403}, body=lambda world: {"name": "ci"}
        ),
        ("DELETE", "/api/v1/me/tokens/{token_id}"): Call(
            dict.fromkeys(MEMBERS, 404) | {"anonymous": 401, "planner_a": 204, "read_only": 403},
            lambda world: {"token_id": world.planner_a_token},
        ),
        ("GET", "/api/v1/regions"): Call(MEMBERS),
        ("GET", "/api/v1/regions/{region_id}"): Call(MEMBERS, lambda world: {"region_id": world.region_x}),
        ("GET", "/api/v1/partnerships"): Call(MEMBERS),
        ("GET", "/api/v1/partnerships/{partnership_id}"): Call(
            SEES_A, lambda world: {"partnership_id": world.partnership_a}
        ),
        ("GET", "/api/v1/cycles"): Call(MEMBERS),
        ("GET", "/api/v1/cycles/{cycle_id}"): Call(MEMBERS, lambda world: {"cycle_id": world.cycle}),
        ("POST", "/api/v1/cycles"): Call(
            dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 201}, body=lambda world: {"plan_year": "2040/41"}
        ),
        ("PATCH", "/api/v1/cycles/{cycle_id}"): Call(
            dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200},
            lambda world: {"cycle_id": world.cycle},
            # A date, which still moves once a plan of the cycle is submitted (the world's plan is).
            body=lambda world: {"baseline_due": "2099-08-31"},
        ),
        ("POST", "/api/v1/plans"): Call(
            writes_a(201) | {"planner_b": 422, "reviewer_y": 403},
            body=lambda world: {"partnership_id": world.partnership_a, "cycle_id": world.next_cycle},
        ),
        ("GET", "/api/v1/plans"): Call(MEMBERS),
        ("GET", "/api/v1/plans/{plan_id}"): Call(SEES_A, lambda world: {"plan_id": world.plan_a}),
        ("GET", "/api/v1/plans/{plan_id}/validation"): Call(SEES_A, lambda world: {"plan_id": world.plan_a}),
        ("GET", "/api/v1/plans/{plan_id}/parts/{part}"): Call(
            dict.fromkeys(MEMBERS, 404) | {"anonymous": 401},
            lambda world: {"plan_id": world.plan_a, "part": "bogus"},
        ),
        ("PUT", "/api/v1/plans/{plan_id}/parts/{part}"): Call(
            dict.fromkeys(MEMBERS, 404) | {"anonymous": 401, "read_only": 403},
            lambda world: {"plan_id": world.plan_a, "part": "bogus"},
            body=lambda world: {},
        ),
        ("GET", "/api/v1/schema/{part}"): Call(EVERYONE, lambda world: {"part": "funding"}),
        # The demo plan A is still being drafted, so workflow moves by the right people are 409s.
        ("POST", "/api/v1/plans/{plan_id}/submissions"): Call(
            writes_a(422, editors=("planner_a",)), PLAN_A, body=lambda world: {"stage": "initial"}
        ),
        ("GET", "/api/v1/plans/{plan_id}/submissions"): Call(SEES_A, PLAN_A),
        ("GET", "/api/v1/plans/{plan_id}/submissions/{submission_id}"): Call(
            SEES_A, lambda world: {"plan_id": world.plan_a, "submission_id": world.submission}
        ),
        ("GET", "/api/v1/plans/{plan_id}/submissions/{submission_id}/documents/{part}"): Call(
            SEES_A, lambda world: {"plan_id": world.plan_a, "submission_id": world.submission, "part": "funding"}
        ),
        ("GET", "/api/v1/plans/{plan_id}/diff"): Call(SEES_A, PLAN_A),
        ("GET", "/api/v1/plans/{plan_id}/progress"): Call(SEES_A, PLAN_A),
        ("POST", "/api/v1/plans/{plan_id}/assessments"): Call(
            writes_a(409, editors=("reviewer_x",)), PLAN_A, body=lambda world: {"decision": "accepted"}
        ),
        ("GET", "/api/v1/plans/{plan_id}/assessments"): Call(SEES_A, PLAN_A),
        ("POST", "/api/v1/plans/{plan_id}/comments"): Call(
            writes_a(201, editors=("reviewer_x", "planner_a", "admin")),
            PLAN_A,
            body=lambda world: {"body": "Why?", "part": "funding", "path": "/table_1/1/police"},
        ),
        ("GET", "/api/v1/plans/{plan_id}/comments"): Call(SEES_A, PLAN_A),
        ("POST", "/api/v1/plans/{plan_id}/comments/{comment_id}/resolution"): Call(
            writes_a(200, editors=("reviewer_x", "planner_a", "admin")),
            lambda world: {"plan_id": world.plan_a, "comment_id": world.comment},
        ),
        ("POST", "/api/v1/plans/{plan_id}/sign-offs"): Call(writes_a(409, editors=("planner_a", "reviewer_x")), PLAN_A),
        ("POST", "/api/v1/plans/{plan_id}/reopenings"): Call(
            writes_a(409, editors=("reviewer_x", "admin")), PLAN_A, body=lambda world: {"reason": "A late change."}
        ),
        ("POST", "/api/v1/plans/{plan_id}/publication"): Call(writes_a(409, editors=("admin",)), PLAN_A),
        ("GET", "/api/v1/plans/{plan_id}/agreed-targets"): Call(SEES_A, PLAN_A),
        ("PUT", "/api/v1/plans/{plan_id}/agreed-targets"): Call(
            writes_a(409, editors=("reviewer_x",)), PLAN_A, body=lambda world: {"planned_change_pct": {"1.1": "3"}}
        ),
        ("POST", "/api/v1/plans/{plan_id}/agreed-targets/confirmation"): Call(
            writes_a(409, editors=("planner_a",)), PLAN_A
        ),
        # Plan A is drafting: baselines wait for its agreed targets (409), as the other moves above wait.
        ("PUT", "/api/v1/plans/{plan_id}/baselines"): Call(
            writes_a(409, editors=("admin",)), PLAN_A, body=lambda world: {"baselines": {"1.1": 3600}}
        ),
        ("POST", "/api/v1/plans/{plan_id}/attachments"): Call(
            writes_a(201), PLAN_A, files={"file": ("audit.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
        ),
        ("GET", "/api/v1/plans/{plan_id}/attachments"): Call(SEES_A, PLAN_A),
        ("GET", "/api/v1/plans/{plan_id}/attachments/{attachment_id}"): Call(
            SEES_A, lambda world: {"plan_id": world.plan_a, "attachment_id": world.attachment}
        ),
        # The world's attachment came after its submissions, so it can still be taken back.
        ("DELETE", "/api/v1/plans/{plan_id}/attachments/{attachment_id}"): Call(
            writes_a(204), lambda world: {"plan_id": world.plan_a, "attachment_id": world.attachment}
        ),
        ("GET", "/api/v1/regions/{region_id}/dashboard"): Call(
            MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
            lambda world: {"region_id": world.region_x},
        ),
        ("GET", "/api/v1/dashboard"): Call(dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200}),
        ("GET", "/api/v1/regions/{region_id}/pack.zip"): Call(
            MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
            lambda world: {"region_id": world.region_x},
        ),
        ("POST", "/api/v1/regions/{region_id}/document-regenerations"): Call(
            dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 202}, lambda world: {"region_id": world.region_x}
        ),
        ("GET", "/api/v1/regions/{region_id}/document-regenerations"): Call(
            MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
            lambda world: {"region_id": world.region_x},
        ),
        ("GET", "/api/v1/regions/{region_id}/document-regenerations/{job_id}"): Call(
            MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
            lambda world: {"region_id": world.region_x, "job_id": world.job},
        ),
        ("GET", "/api/v1/regions/{region_id}/reconciliation.xlsx"): Call(
            MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
            lambda world: {"region_id": world.region_x},
        ),
        ("GET", "/api/v1/reconciliation.xlsx"): Call(dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200}),
        ("GET", "/api/v1/plans/{plan_id}/audit"): Call(SEES_A, PLAN_A),
        ("GET", "/api/v1/audit"): Call(dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200}),
        ("GET", "/api/v1/plans/{plan_id}/documents/{part}"): Call(
            SEES_A, lambda world: {"plan_id": world.plan_a, "part": "funding"}
        ),
        ("GET", "/api/v1/cycles/{cycle_id}/templates/{part}"): Call(
            MEMBERS, lambda world: {"cycle_id": world.cycle, "part": "funding"}
        ),
        ("POST", "/api/v1/plans/{plan_id}/parts/funding/import"): Call(
            writes_a(200, editors=("planner_a", "admin", "finance_a")),
            PLAN_A,
            headers=lambda world: {"If-Match": world.documents["funding"][0]},
            files_for=lambda world: {"workbook": ("part4.xlsx", world.funding_workbook, "application/octet-stream")},
        ),
        ("GET", "/api/v1/public/plans"): Call(EVERYONE),
        # Plan A is not published: the public routes know nothing of it, whoever asks.
        ("GET", "/api/v1/public/plans/{plan_id}"): Call(NOBODY, PLAN_A),
        ("GET", "/api/v1/public/plans/{plan_id}/parts/{part}"): Call(
            NOBODY, lambda world: {"plan_id": world.plan_a, "part": "strategic-summary"}
        ),
        ("GET", "/api/v1/rules"): Call(EVERYONE),
        ("GET", "/"): Call(EVERYONE),
        ("GET", "/sign-in"): Call(EVERYONE),
        # No CSRF cookie from the sign-in page: refused whoever asks.
        ("POST", "/sign-in"): Call(dict.fromkeys(ACTORS, 403), form={"email": "a@b.example", "password": "x"}),
        # Starting A's plan for the next cycle: planners of A and admins are sent to it (303).
        ("POST", "/plans"): Call(
            dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "planner_a": 303, "admin": 303, "planner_b": 422},
            form_for=lambda world: {"partnership_id": str(world.partnership_a), "cycle_id": str(world.next_cycle)},
        ),
        ("GET", "/plans/{plan_id}"): Call(SEES_A, PLAN_A),
        ("GET", "/plans/{plan_id}/funding"): Call(SEES_A, PLAN_A),
        # An empty form is refused field by field (422) once the caller may edit Part 4.
        ("POST", "/plans/{plan_id}/funding"): Call(
            writes_a(422, editors=("planner_a", "admin", "finance_a")), PLAN_A, form={}
        ),
        # Parts 1 to 3 as pages: an empty form (no version) is re-shown unsaved (422) to those who may edit the part.
        ("GET", "/plans/{plan_id}/strategic-summary"): Call(SEES_A, PLAN_A),
        ("POST", "/plans/{plan_id}/strategic-summary"): Call(writes_a(422), PLAN_A, form={}),
        ("GET", "/plans/{plan_id}/targets"): Call(SEES_A, PLAN_A),
        ("POST", "/plans/{plan_id}/targets"): Call(writes_a(422), PLAN_A, form={}),
        ("GET", "/plans/{plan_id}/planning-grids"): Call(SEES_A, PLAN_A),
        ("GET", "/plans/{plan_id}/planning-grids/{grid}"): Call(
            SEES_A, lambda world: {"plan_id": world.plan_a, "grid": 2}
        ),
        ("POST", "/plans/{plan_id}/planning-grids/{grid}"): Call(
            writes_a(422), lambda world: {"plan_id": world.plan_a, "grid": 2}, form={}
        ),
        # The submission journey's pages: an undeclared submission, an empty upload are each refused (422).
        ("GET", "/plans/{plan_id}/submit/{stage}"): Call(
            SEES_A, lambda world: {"plan_id": world.plan_a, "stage": "initial"}
        ),
        ("POST", "/plans/{plan_id}/submit/{stage}"): Call(
            writes_a(422, editors=("planner_a",)), lambda world: {"plan_id": world.plan_a, "stage": "initial"}, form={}
        ),
        ("GET", "/plans/{plan_id}/submissions/{submission_id}"): Call(
            SEES_A, lambda world: {"plan_id": world.plan_a, "submission_id": world.submission}
        ),
        ("GET", "/plans/{plan_id}/attachments"): Call(SEES_A, PLAN_A),
        ("POST", "/plans/{plan_id}/attachments"): Call(writes_a(422), PLAN_A, form={}),
        # Unconfirmed, removing a file asks "Are you sure?" (200) and removes nothing.
        ("POST", "/plans/{plan_id}/attachments/{attachment_id}/remove"): Call(
            writes_a(200), lambda world: {"plan_id": world.plan_a, "attachment_id": world.attachment}, form={}
        ),
        ("GET", "/plans/{plan_id}/whole"): Call(SEES_A, PLAN_A),
        ("GET", "/plans/{plan_id}/submissions/{submission_id}/whole"): Call(
            SEES_A, lambda world: {"plan_id": world.plan_a, "submission_id": world.submission}
        ),
        ("GET", "/plans/{plan_id}/funding/import"): Call(SEES_A, PLAN_A),
        ("POST", "/plans/{plan_id}/funding/import"): Call(
            writes_a(422, editors=("planner_a", "admin", "finance_a")), PLAN_A, form={}
        ),
        # Published plans for everyone; plan A is not published, so its public page is not there for anyone.
        ("GET", "/published"): Call(EVERYONE),
        ("GET", "/published/{plan_id}"): Call(NOBODY, PLAN_A),
        ("GET", "/plans/{plan_id}/reconciliation"): Call(SEES_A, PLAN_A),
        # The administrator's pages: everyone else signed in is refused (403). Empty forms are refused
        # field by field (422); publishing plan A (drafting), or entering its baselines, is a 409 page.
        ("GET", "/admin"): Call(ADMIN_ONLY),
        ("GET", "/admin/cycles"): Call(ADMIN_ONLY),
        ("GET", "/admin/cycles/new"): Call(ADMIN_ONLY),
        ("POST", "/admin/cycles/new"): Call(ADMIN_ONLY | {"admin": 422}, form={}),
        ("GET", "/admin/cycles/{cycle_id}"): Call(ADMIN_ONLY, lambda world: {"cycle_id": world.cycle}),
        ("POST", "/admin/cycles/{cycle_id}"): Call(
            ADMIN_ONLY | {"admin": 422}, lambda world: {"cycle_id": world.cycle}, form={}
        ),
        ("GET", "/admin/partnerships"): Call(ADMIN_ONLY),
        ("GET", "/admin/users"): Call(ADMIN_ONLY),
        ("POST", "/admin/users"): Call(ADMIN_ONLY | {"admin": 422}, form={}),
        ("POST", "/admin/users/{user_id}/active"): Call(
            ADMIN_ONLY | {"admin": 404}, lambda world: {"user_id": 999_999}, form={"active": "no"}
        ),
        ("GET", "/plans/{plan_id}/publication"): Call(writes_a(200, editors=("admin",)), PLAN_A),
        ("POST", "/plans/{plan_id}/publication"): Call(writes_a(409, editors=("admin",)), PLAN_A, form={}),
        ("GET", "/plans/{plan_id}/baselines"): Call(writes_a(200, editors=("admin",)), PLAN_A),
        ("POST", "/plans/{plan_id}/baselines"): Call(writes_a(409, editors=("admin",)), PLAN_A, form={}),
        ("GET", "/regions/{region_id}/dashboard"): Call(
            MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
            lambda world: {"region_id": world.region_x},
        ),
        ("GET", "/plans/{plan_id}/review"): Call(SEES_A, PLAN_A),
        ("GET", "/plans/{plan_id}/diff"): Call(SEES_A, PLAN_A),
        ("POST", "/plans/{plan_id}/review/assessment"): Call(writes_a(422, editors=("reviewer_x",)), PLAN_A, form={}),
        ("POST", "/plans/{plan_id}/review/comments"): Call(
            writes_a(422, editors=("reviewer_x", "planner_a", "admin")), PLAN_A, form={}
        ),
        ("POST", "/plans/{plan_id}/review/comments/{comment_id}/replies"): Call(
            writes_a(422, editors=("reviewer_x", "planner_a", "admin")),
            lambda world: {"plan_id": world.plan_a, "comment_id": world.comment},
            form={},
        ),
        ("POST", "/plans/{plan_id}/review/comments/{comment_id}/resolution"): Call(
            writes_a(303, editors=("reviewer_x", "planner_a", "admin")),
            lambda world: {"plan_id": world.plan_a, "comment_id": world.comment},
            form={},
        ),
        ("POST", "/plans/{plan_id}/review/sign-off"): Call(
            writes_a(409, editors=("planner_a", "reviewer_x")), PLAN_A, form={}
        ),
        ("POST", "/plans/{plan_id}/review/agreed-targets"): Call(
            writes_a(422, editors=("reviewer_x",)), PLAN_A, form={}
        ),
        ("POST", "/plans/{plan_id}/review/agreed-targets/confirmation"): Call(
            writes_a(409, editors=("planner_a",)), PLAN_A, form={}
        ),
        ("POST", "/sign-out"): Call(dict.fromkeys(MEMBERS, 303) | {"anonymous": 401, "read_only": 403}, form={}),
    }
    | {
        (method, f"/api/v1/plans/{{plan_id}}/parts/{part.value}"): _part_call(part, method)
        for part in PartName
        for method in ("GET", "PUT")
    }
    | {
        # The demo plan's parts were saved once when seeded, so version 1 is kept.
        ("GET", f"/api/v1/plans/{{plan_id}}/parts/{part.value}/versions/{{version}}"): Call(
            SEES_A, lambda world: {"plan_id": world.plan_a, "version": 1}
        )
        for part in PartName
    }
    | MONITORING_CALLS
    | SPEND_CALLS
    | RETURNS_CALLS
    | RETURN_REVIEW_CALLS
    | NOTIFICATION_CALLS
    | REGION_RETURNS_CALLS
    | ACCOUNT_LINKS_CALLS
)
