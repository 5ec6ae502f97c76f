"""The access contract for quarterly spend: whoever edits Part 4 reports it, whoever sees the plan reads it."""

from tests.access.calls import SEES_A, Call, writes_a

SPEND_REPORTERS = ("planner_a", "admin", "finance_a")
QUARTER_2 = lambda world: {"plan_id": world.plan_a, "quarter": 2}  # noqa: E731

SPEND_CALLS: dict[tuple[str, str], Call] = {
    ("GET", "/api/v1/plans/{plan_id}/returns/{quarter}/spend"): Call(SEES_A, QUARTER_2),
    ("GET", "/api/v1/plans/{plan_id}/returns/{quarter}/spend/variance"): Call(SEES_A, QUARTER_2),
    ("GET", "/api/v1/plans/{plan_id}/returns/{quarter}/spend.xlsx"): Call(SEES_A, QUARTER_2),
    # A body that is no quarter's spend: refused by name (422) once the caller may report spend.
    ("PUT", "/api/v1/plans/{plan_id}/returns/{quarter}/spend"): Call(
        writes_a(422, editors=SPEND_REPORTERS),
        QUARTER_2,
        body=lambda world: {"actual": []},
        headers=lambda world: {"If-Match": '"spend-q2-0"'},
    ),
    ("GET", "/plans/{plan_id}/returns/{quarter}/spend"): Call(SEES_A, QUARTER_2),
    # An empty form has no version to save at: re-shown unsaved (422) to those who report spend.
    ("POST", "/plans/{plan_id}/returns/{quarter}/spend"): Call(
        writes_a(422, editors=SPEND_REPORTERS), QUARTER_2, form={}
    ),
}
