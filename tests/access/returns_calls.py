"""The access contract for quarterly returns: everyone who sees the plan reads, its planners and admins write.

Plan A is not signed off, so a caller let through is answered 409 (the plan makes no returns yet): what
matters here is who is let through. tests/api/test_returns.py calls every route on a plan that reports.
"""

from tests.access.calls import SEES_A, Call, writes_a

REACHES_A = {actor: 409 if status == 200 else status for actor, status in SEES_A.items()}
# The forms are for those who make returns: other viewers are refused them (403).
FORM_READERS = SEES_A | {"finance_a": 403, "reviewer_x": 403} | dict.fromkeys(("planner_a", "admin", "read_only"), 409)
Q1 = lambda world: {"plan_id": world.plan_a, "quarter": 1}  # noqa: E731

RETURNS_CALLS: dict[tuple[str, str], Call] = {
    # The page of the plan's quarters: as the API's list (pages answer 401 too: the layout asks to sign in).
    ("GET", "/plans/{plan_id}/returns"): Call(REACHES_A, lambda world: {"plan_id": world.plan_a}),
    ("GET", "/api/v1/plans/{plan_id}/returns"): Call(REACHES_A, lambda world: {"plan_id": world.plan_a}),
    ("GET", "/api/v1/plans/{plan_id}/returns/{quarter}/actions"): Call(REACHES_A, Q1),
    ("GET", "/plans/{plan_id}/returns/{quarter}/actions"): Call(FORM_READERS, Q1),
    ("POST", "/plans/{plan_id}/returns/{quarter}/actions"): Call(writes_a(409), Q1, form={}),
    ("GET", "/plans/{plan_id}/returns/{quarter}/exceptions"): Call(FORM_READERS, Q1),
    ("POST", "/plans/{plan_id}/returns/{quarter}/exceptions"): Call(writes_a(409), Q1, form={}),
    ("GET", "/plans/{plan_id}/returns/{quarter}/submit"): Call(FORM_READERS, Q1),
    ("POST", "/plans/{plan_id}/returns/{quarter}/submit"): Call(writes_a(409), Q1, form={}),
    ("GET", "/plans/{plan_id}/returns/{quarter}/submissions/{number}"): Call(
        {actor: 404 if status == 200 else status for actor, status in SEES_A.items()},
        lambda world: {"plan_id": world.plan_a, "quarter": 1, "number": 1},
    ),
    ("PUT", "/api/v1/plans/{plan_id}/returns/{quarter}/actions"): Call(
        writes_a(409), Q1, body=lambda world: {"actions": []}, headers=lambda world: {"If-Match": '"actions-0"'}
    ),
    ("GET", "/api/v1/plans/{plan_id}/returns/{quarter}/exceptions"): Call(REACHES_A, Q1),
    ("PUT", "/api/v1/plans/{plan_id}/returns/{quarter}/exceptions"): Call(
        writes_a(409), Q1, body=lambda world: {"metrics": []}, headers=lambda world: {"If-Match": '"exceptions-0"'}
    ),
    ("POST", "/api/v1/plans/{plan_id}/returns/{quarter}/submissions"): Call(writes_a(409), Q1),
    # No submission 1 of a return the plan cannot make: every viewer is told so, as outsiders are.
    ("GET", "/api/v1/plans/{plan_id}/returns/{quarter}/submissions/{number}"): Call(
        {actor: 404 if status == 200 else status for actor, status in SEES_A.items()},
        lambda world: {"plan_id": world.plan_a, "quarter": 1, "number": 1},
    ),
    # Its files, as the submission: whoever sees the plan (told there is no such submission), nobody else.
    ("GET", "/api/v1/plans/{plan_id}/returns/{quarter}/submissions/{number}/document"): Call(
        {actor: 404 if status == 200 else status for actor, status in SEES_A.items()},
        lambda world: {"plan_id": world.plan_a, "quarter": 1, "number": 1},
    ),
    ("GET", "/api/v1/plans/{plan_id}/returns/{quarter}/submissions/{number}/spend.xlsx"): Call(
        {actor: 404 if status == 200 else status for actor, status in SEES_A.items()},
        lambda world: {"plan_id": world.plan_a, "quarter": 1, "number": 1},
    ),
}
