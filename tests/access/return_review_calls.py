"""The access contract for reviewing quarterly returns: the region's reviewers and admins ask, resolve and accept;
whoever answers questions replies (a finance officer only on spend cells: tests/api/test_return_reviews.py).

Plan A is not signed off, so a caller let through is answered 409 (the plan makes no returns yet): what matters
here is who is let through. The API and page tests call every route on a plan that reports.
"""

from tests.access.calls import SEES_A, Call, writes_a

REACHES_A = {actor: 409 if status == 200 else status for actor, status in SEES_A.items()}
REVIEWERS = ("reviewer_x", "admin")
# Everyone who answers some question: planners, finance officers (spend cells), reviewers and admins.
REPLIERS = ("planner_a", "finance_a", "reviewer_x", "admin")
Q1 = lambda world: {"plan_id": world.plan_a, "quarter": 1}  # noqa: E731
SUBMISSION_1 = lambda world: {"plan_id": world.plan_a, "quarter": 1, "number": 1}  # noqa: E731
QUESTION_1 = lambda world: {"plan_id": world.plan_a, "quarter": 1, "question_id": 1}  # noqa: E731
API = "/api/v1/plans/{plan_id}/returns/{quarter}"
PAGES = "/plans/{plan_id}/returns/{quarter}"

RETURN_REVIEW_CALLS: dict[tuple[str, str], Call] = {
    ("GET", f"{API}/review"): Call(REACHES_A, Q1),
    ("POST", f"{API}/acceptance"): Call(writes_a(409, editors=REVIEWERS), Q1, body=lambda world: {"submission": 1}),
    ("GET", f"{API}/questions"): Call(REACHES_A, Q1),
    ("POST", f"{API}/questions"): Call(
        writes_a(409, editors=REVIEWERS),
        Q1,
        body=lambda world: {"submission": 1, "anchor": {"kind": "action", "action": "1.1.1"}, "body": "Why?"},
    ),
    ("GET", f"{API}/questions/{{question_id}}"): Call(REACHES_A, QUESTION_1),
    ("POST", f"{API}/questions/{{question_id}}/replies"): Call(
        writes_a(409, editors=REPLIERS), QUESTION_1, body=lambda world: {"body": "Because."}
    ),
    ("POST", f"{API}/questions/{{question_id}}/resolution"): Call(writes_a(409, editors=REVIEWERS), QUESTION_1),
    # The submission page's forms: those let through are told the plan makes no returns (409) before anything else.
    ("POST", f"{PAGES}/submissions/{{number}}/questions"): Call(
        writes_a(409, editors=REVIEWERS), SUBMISSION_1, form={}
    ),
    ("POST", f"{PAGES}/submissions/{{number}}/acceptance"): Call(
        writes_a(409, editors=REVIEWERS), SUBMISSION_1, form={}
    ),
    ("POST", f"{PAGES}/questions/{{question_id}}/replies"): Call(writes_a(409, editors=REPLIERS), QUESTION_1, form={}),
    ("POST", f"{PAGES}/questions/{{question_id}}/resolution"): Call(
        writes_a(409, editors=REVIEWERS), QUESTION_1, form={}
    ),
}
