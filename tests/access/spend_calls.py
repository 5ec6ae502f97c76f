"""The access contract for the quarterly return's spend: whoever edits Part 4 reports it, whoever sees the plan reads it."""

from tests.access.calls import SEES_A, Call, writes_a

SPEND_REPORTERS = ("planner_a", "admin", "finance_a")
QUARTER_2 = lambda world: {"plan_id": world.plan_a, "quarter": 2}  # noqa: E731

SPEND_CALLS: dict[tuple[str, str], Call] = {
    ("GET", "/plans/{plan_id}/returns/{quarter}/spend"): Call(SEES_A, QUARTER_2),
    # An empty form has no version to save at: re-shown unsaved (422) to those who report spend.
    ("POST", "/plans/{plan_id}/returns/{quarter}/spend"): Call(
        writes_a(422, editors=SPEND_REPORTERS), QUARTER_2, form={}
    ),
}
